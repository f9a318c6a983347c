"""Every dashboard page renders what it promises, in at most ten SQL queries whatever the data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article, ArticleStatus, Rumour, Track

from .conftest import Story, bulk_story

MAX_QUERIES = 10


def page_urls(story: Story) -> dict[str, str]:
    rumour = Rumour.objects.get(player=story.tomori, club=story.juventus, track=Track.TRANSFER)
    return {
        "home": reverse("home"),
        "articles": reverse("article_list"),
        "articles filtered": reverse("article_list") + "?q=Tomori&club=Juventus&outlet=Tuttosport&kind=interest"
        "&language=it&status=tagged&since=2025-01-01&until=2025-12-31&player=Tomori",
        "article": reverse("article_detail", args=[story.bid.article_id]),
        "player": reverse("player_detail", args=[story.tomori.pk]),
        "rumour": reverse("rumour_detail", args=[rumour.pk]),
        "club": reverse("club_detail", args=[story.juventus.key]) + "?kind=bid&outlet=Gazzetta&since=2025-01-01",
        "club outgoing": reverse("club_detail", args=[story.milan.key]) + "?direction=outgoing",
        "outlet": reverse("outlet_detail", args=[story.gazzetta.pk]) + "?club=Juventus&kind=bid",
        "audit": reverse("audit_log"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "editor"])
def test_every_page_answers_in_a_bounded_number_of_queries(  # type: ignore[no-untyped-def]
    client, story, editor, django_assert_max_num_queries, signed_in
) -> None:
    bulk_story(30)
    if signed_in:
        client.force_login(editor)
    for name, url in page_urls(story).items():
        if name == "audit" and not signed_in:
            continue
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, name


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_data(client, story, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts() -> dict[str, int]:
        cache.clear()  # cold: a rumour's sources are kept between requests
        result = {}
        for name, url in page_urls(story).items():
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            result[name] = len(captured)
        return result

    small = counts()
    bulk_story(40)
    assert counts() == small


@pytest.mark.django_db
def test_the_player_page_shows_his_timeline_by_window_and_club(client, story) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("player_detail", args=[story.tomori.pk])).content.decode()
    assert "Summer 2025" in html
    assert html.index("Juventus") < html.index("SSC Napoli")  # the first-reported rumour first
    for text in ("Tuttosport", "La Gazzetta dello Sport", "citing", "Sky Sport Italia", "€25m", "Juventus want Fikayo"):
        assert text in html
    assert "Renewal and exit" in html
    assert '<svg class="career"' in html


@pytest.mark.django_db
def test_the_rumour_page_counts_sources_by_original_source(client, story) -> None:  # type: ignore[no-untyped-def]
    rumour = Rumour.objects.get(player=story.tomori, club=story.juventus, track=Track.TRANSFER)
    response = client.get(reverse("rumour_detail", args=[rumour.pk]))
    sources = response.context["sources"]
    # Tuttosport's own story, then two reports citing Sky: two independent sources out of three claims.
    assert [s.label for s in sources] == ["Tuttosport", "Sky Sport Italia"]
    assert response.context["first"].article.outlet == story.tuttosport
    assert [r.club for r in response.context["rivals"]] == [story.napoli]
    assert response.context["stale"] is True  # mid-2025 news, read long after
    assert "Bid" in response.content.decode()


@pytest.mark.django_db
def test_the_club_page_names_its_league(client, story) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("club_detail", args=[story.juventus.key])).content.decode()
    assert "Italian Serie A" in html and "it.1" not in html


@pytest.mark.django_db
def test_the_article_page_highlights_players_and_clubs_safely(client, story) -> None:  # type: ignore[no-untyped-def]
    from articles.models import Mention

    from .conftest import article_make

    article = article_make(title="Tricky", text="<b>Juventus</b> eye Fikayo Tomori & co.", day=None)
    Mention.objects.create(article=article, club=story.juventus, start=3, end=11)
    Mention.objects.create(article=article, player=story.tomori, start=20, end=33)
    html = client.get(reverse("article_detail", args=[article.pk])).content.decode()
    assert '&lt;b&gt;<mark class="club">' in html
    assert '>Juventus</a></mark>&lt;/b&gt; eye <mark class="player">' in html
    assert "&amp; co." in html


@pytest.mark.django_db
def test_a_claim_says_where_he_comes_from_only_when_that_is_another_club(client, story) -> None:  # type: ignore[no-untyped-def]
    story.bid.from_club = story.milan
    story.bid.save()
    story.renewal.from_club = story.milan  # his club at the time: the club that renews him
    story.renewal.save()
    html = client.get(reverse("player_detail", args=[story.tomori.pk])).content.decode()
    assert html.count("· from ") == 1


@pytest.mark.django_db
def test_the_club_page_splits_incoming_outgoing_and_renewals(client, story) -> None:  # type: ignore[no-untyped-def]
    url = reverse("club_detail", args=[story.juventus.key])
    incoming = client.get(url).context["page"].object_list
    assert {c.kind for c in incoming} == {"interest", "talks", "bid"}
    assert [c.kind for c in client.get(url, {"kind": "bid"}).context["page"].object_list] == ["bid"]
    by_outlet = client.get(url, {"outlet": "Sky Sport Italia"}).context["page"].object_list
    assert {c.kind for c in by_outlet} == {"talks", "bid"}  # cited by both
    milan = reverse("club_detail", args=[story.milan.key])
    outgoing = client.get(milan, {"direction": "outgoing"}).context["page"].object_list
    assert {c.club for c in outgoing} == {story.juventus, story.napoli}
    renewals = client.get(milan, {"direction": "contracts"}).context["page"].object_list
    assert [c.kind for c in renewals] == ["renewal"]


@pytest.mark.django_db
def test_the_outlet_page_shows_what_it_cites_and_who_cites_it(client, story) -> None:  # type: ignore[no-untyped-def]
    gazzetta = client.get(reverse("outlet_detail", args=[story.gazzetta.pk])).context
    assert [(o.name, o.n) for o in gazzetta["cites"]] == [("Sky Sport Italia", 1)]
    sky = client.get(reverse("outlet_detail", args=[story.sky.pk])).context
    assert {o.name for o in sky["cited_by"]} == {"La Gazzetta dello Sport", "Tuttosport"}
    # Its claims: the Napoli talks it published, and the bid and the talks others cite it for.
    assert sorted(c.kind for c in sky["page"].object_list) == ["bid", "talks", "talks"]


@pytest.mark.django_db
def test_the_home_page_shows_latest_claims_hot_rumours_and_work_in_progress(client, story) -> None:  # type: ignore[no-untyped-def]
    from .conftest import article_make

    article_make(title="Waiting article", text="x" * 50, day=None).__class__.objects.filter(
        title="Waiting article"
    ).update(status="pending")
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert "Waiting article" in html
    assert response.context["hot_rumours"][0].club == story.juventus
    assert "Fikayo Tomori" in html


@pytest.mark.django_db
def test_an_anonymous_visitor_cannot_edit(client, story) -> None:  # type: ignore[no-untyped-def]
    for url in (
        reverse("claim_fix", args=[story.bid.pk]),
        reverse("claim_add", args=[story.bid.article_id]),
        reverse("article_takedown", args=[story.bid.article_id]),
        reverse("audit_log"),
    ):
        assert client.get(url).status_code == 302
    assert client.post(reverse("claim_decide", args=[story.bid.pk]), {"decision": "rejected"}).status_code == 302
    story.bid.refresh_from_db()
    assert story.bid.decision == "none"


@pytest.mark.django_db
def test_a_signed_in_user_can_change_the_password(editor_client) -> None:  # type: ignore[no-untyped-def]
    response = editor_client.get(reverse("account_change_password"))
    assert response.status_code == 200
    assert "Change your password" in response.content.decode()


@pytest.mark.django_db
def test_a_much_linked_players_timeline_shows_the_newest_claims_first_and_all_on_request(  # type: ignore[no-untyped-def]
    client, story, monkeypatch
) -> None:
    from articles.pages import views

    monkeypatch.setattr(views, "TIMELINE_CLAIMS", 2)
    url = reverse("player_detail", args=[story.tomori.pk])
    html = client.get(url).content.decode()
    assert "The newest 2 of 5 claims." in html
    assert html.count('class="tl-item') == 2 and f'id="claim-{story.renewal.pk}"' in html  # 1 July, the newest
    assert client.get(url, {"window": "all", "all": "1"}).content.decode().count('class="tl-item') == 5


@pytest.mark.django_db
def test_three_windows_of_one_player_and_club_make_one_story_with_three_segments(client, story) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from .conftest import claim_make

    claim_make(player=story.tomori, club=story.juventus, kind="agreement", day=dt.date(2024, 1, 10), outlet=story.sky)
    claim_make(player=story.tomori, club=story.juventus, kind="completed", day=dt.date(2021, 1, 20))
    response = client.get(reverse("player_detail", args=[story.tomori.pk]))
    stories = response.context["stories"]
    juventus = [s for s in stories if s.club == story.juventus.name]
    assert len(juventus) == 1
    assert [(r.window, r.stage) for r in juventus[0].windows] == [
        ("2025-summer", "bid"),
        ("2023-24-winter", "agreement"),
        ("2020-21-winter", "completed"),
    ]
    first = juventus[0].first
    assert first is not None and (first.first_by, first.first_reported) == (None, dt.date(2021, 1, 20))
    assert juventus[0].windows[0].first_by == "Tuttosport"  # summer 2025 began with its report of 2 June
    html = response.content.decode()
    assert html.count('class="segment ') == sum(len(s.windows) for s in stories)
    rumour = Rumour.objects.get(player=story.tomori, club=story.juventus, window="2023-24-winter")
    page = client.get(reverse("rumour_detail", args=[rumour.pk]))
    assert [r.window for r in page.context["story"]] == ["2025-summer", "2023-24-winter", "2020-21-winter"]
    assert "The story across windows" in page.content.decode()


@pytest.mark.django_db
def test_a_failed_article_is_queued_again_from_its_page(editor_client, story) -> None:  # type: ignore[no-untyped-def]
    article = story.renewal.article
    article.mark_failed("The tagger could not read this article: boom")
    article.save(update_fields=Article.FAILED_FIELDS)
    response = editor_client.post(reverse("article_retry", args=[article.pk]), follow=True)
    assert "The article is queued again." in response.content.decode()
    article.refresh_from_db()
    assert article.status != ArticleStatus.FAILED and article.failure_reason == ""
    assert editor_client.post(reverse("article_retry", args=[article.pk])).status_code == 404


@pytest.mark.django_db
def test_a_rumours_sources_are_kept_only_until_its_claims_change(client, story, editor) -> None:  # type: ignore[no-untyped-def]
    from articles.editing.actions import claim_decide

    rumour = Rumour.objects.get(player=story.tomori, club=story.juventus, track=Track.TRANSFER)
    url = reverse("rumour_detail", args=[rumour.pk])
    assert [s.label for s in client.get(url).context["sources"]] == ["Tuttosport", "Sky Sport Italia"]
    claim_decide(claim=story.interest, decision="rejected", actor=editor)
    assert [s.label for s in client.get(url).context["sources"]] == ["Sky Sport Italia"]
