"""Filters, search, CSV export and HTMX fragments of the dashboard's lists."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from .conftest import Story, article_make


def titles(client, **params) -> set[str]:  # type: ignore[no-untyped-def]
    response = client.get(reverse("article_list"), params)
    return {article.title for article in response.context["page"].object_list}


@pytest.mark.django_db
def test_the_article_list_filters_by_club_player_outlet_kind_language_and_date(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    everything = titles(client)
    assert len(everything) == 5
    assert titles(client, club="Napoli") == {"Fikayo Tomori: SSC Napoli talks"}
    assert titles(client, club="it/juventus", kind="bid") == {"Fikayo Tomori: Juventus bid"}
    assert titles(client, player=str(story.tomori.pk)) == everything
    assert titles(client, outlet="Sky Sport Italia", role="publisher") == {"Fikayo Tomori: SSC Napoli talks"}
    assert titles(client, outlet="Sky Sport Italia", role="cited") == {
        "Fikayo Tomori: Juventus bid",
        "Fikayo Tomori: Juventus talks",
    }
    assert len(titles(client, outlet="Sky Sport Italia")) == 3
    assert titles(client, language="it") == {"Fikayo Tomori: Juventus interest"}
    assert titles(client, since="2025-06-15", until="2025-06-20") == {
        "Fikayo Tomori: SSC Napoli talks",
        "Fikayo Tomori: Juventus bid",
    }


@pytest.mark.django_db
def test_search_uses_each_languages_stemming_and_trigram_names(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    article_make(
        title="Italian", text="Il Milan prepara le offerte per i difensori.", day=dt.date(2025, 6, 1), language="it"
    )
    article_make(title="English", text="Arsenal are preparing offers for defenders.", day=dt.date(2025, 6, 1))
    assert titles(client, q="offerta") == {"Italian"}  # Italian stemming: offerte ~ offerta
    assert titles(client, q="offer") == {"English"}  # English stemming: offers ~ offer
    assert "Fikayo Tomori: Juventus bid" in titles(client, q="Tomori Juventus")
    # A typo in a name still finds his claims, through trigram similarity of names.
    assert titles(client, q="Tomory Napoli") == {"Fikayo Tomori: SSC Napoli talks"}


@pytest.mark.django_db
def test_export_gives_what_the_filters_show(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("article_list"), {"club": "Juventus", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3 and all("Juventus" in row["claims"] for row in rows)
    player = client.get(reverse("player_detail", args=[story.tomori.pk]), {"format": "csv"})
    claims = list(csv.DictReader(io.StringIO(b"".join(player.streaming_content).decode())))
    assert {row["kind"] for row in claims} == {"interest", "talks", "bid", "renewal"}
    club = client.get(reverse("club_detail", args=[story.juventus.key]), {"kind": "bid", "format": "csv"})
    assert [row["fee"] for row in csv.DictReader(io.StringIO(b"".join(club.streaming_content).decode()))] == ["€25m"]


@pytest.mark.django_db
def test_exports_cannot_smuggle_spreadsheet_formulas(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    article_make(title="=HYPERLINK(evil)", text="x" * 60, day=dt.date(2025, 1, 1))
    body = b"".join(client.get(reverse("article_list"), {"format": "csv"}).streaming_content).decode()
    assert "'=HYPERLINK(evil)" in body


@pytest.mark.django_db
def test_htmx_gets_the_fragment_and_a_history_restore_the_whole_page(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    url = reverse("article_list")
    fragment = client.get(url, {"club": "Juventus"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="article-results")
    html = fragment.content.decode()
    assert html.lstrip().startswith('<section class="card results-busy" id="article-results"')
    assert "<html" not in html
    assert "HX-Request" in fragment["Vary"]
    restore = client.get(
        url,
        {"club": "Juventus"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="article-results",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in restore.content.decode()
    assert "<html" in client.get(url, {"club": "Juventus"}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "target"),
    [("player_detail", "player-timeline"), ("club_detail", "club-claims"), ("outlet_detail", "outlet-claims")],
)
def test_each_filtered_page_has_its_fragment(client, story: Story, name: str, target: str) -> None:  # type: ignore[no-untyped-def]
    arg = {"player_detail": story.tomori.pk, "club_detail": story.juventus.key, "outlet_detail": story.sky.pk}[name]
    response = client.get(reverse(name, args=[arg]), HTTP_HX_REQUEST="true", HTTP_HX_TARGET=target)
    assert f'id="{target}"' in response.content.decode()
    assert "<html" not in response.content.decode()
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_unknown_names_in_filters_are_said_not_silently_dropped(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    html = client.get(reverse("article_list"), {"club": "Qwxzv"}).content.decode()
    assert "No club goes by “Qwxzv”, so that filter is left out." in html


@pytest.mark.django_db
def test_a_club_nickname_finds_the_clubs_claims(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    # "Bianconeri" is an alias of Juventus in the test KB; the generated article texts never use it.
    assert titles(client, q="Bianconeri Tomori") == {
        "Fikayo Tomori: Juventus interest",
        "Fikayo Tomori: Juventus talks",
        "Fikayo Tomori: Juventus bid",
    }


@pytest.mark.django_db
def test_the_status_poll_reloads_the_page_once_the_article_is_read(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    from articles.models import Article

    url = reverse("article_detail", args=[story.bid.article_id])
    polled = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="article-status")
    assert polled["HX-Refresh"] == "true"  # tagged: the whole page, highlights included
    Article.objects.filter(pk=story.bid.article_id).update(status="processing")
    polled = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="article-status")
    assert 'id="article-status"' in polled.content.decode() and "<html" not in polled.content.decode()


@pytest.mark.django_db
def test_the_home_pages_live_sections_poll_for_themselves(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    latest = client.get(reverse("home"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="latest-claims").content.decode()
    assert latest.lstrip().startswith("<section") and 'id="latest-claims"' in latest and "Fikayo Tomori" in latest
    progress = client.get(reverse("home"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="in-progress").content.decode()
    assert 'id="in-progress"' in progress and "<html" not in progress


@pytest.mark.django_db
def test_every_list_exports_csv(editor_client, editor, story: Story) -> None:  # type: ignore[no-untyped-def]
    from articles.editing.actions import claim_decide
    from articles.models import Rumour, Track

    claim_decide(claim=story.bid, decision="rejected", actor=editor)
    rumour = Rumour.objects.get(player=story.tomori, club=story.juventus, track=Track.TRANSFER)
    lists = [
        (reverse("rumour_detail", args=[rumour.pk]), {}),
        (reverse("outlet_detail", args=[story.sky.pk]), {}),
        (reverse("club_detail", args=[story.milan.key]), {"direction": "contracts"}),
        (reverse("audit_log"), {}),
    ]
    for url, params in lists:
        response = editor_client.get(url, {**params, "format": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert len(rows) >= 2, url
    audit = b"".join(editor_client.get(reverse("audit_log"), {"format": "csv"}).streaming_content).decode()
    assert "Rejected Fikayo Tomori" in audit


@pytest.mark.django_db
def test_the_three_lists_draw_their_filters_from_one_form_partial(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    articles = client.get(reverse("article_list"), {"club": "juventus", "kind": "bid"}).content.decode()
    club = client.get(reverse("club_detail", args=[story.juventus.key]), {"outlet": "tuttosport"}).content.decode()
    outlet = client.get(reverse("outlet_detail", args=[story.sky.pk]), {"direction": "x"}).content.decode()
    for page, target in [(articles, "article-results"), (club, "club-claims"), (outlet, "outlet-claims")]:
        assert page.count('class="filters"') >= 1 and f'hx-target="#{target}"' in page
    # A name filter shows what it found; the page's own entity is no filter on its page.
    assert 'name="club" id="id_club" value="Juventus"' in articles and 'name="player"' in articles
    assert "More filters (1 in use)" in articles and 'from:#id_q"' in articles
    assert 'name="outlet" id="id_outlet" value="Tuttosport"' in club and 'name="club"' not in club
    assert 'name="direction" value="incoming"' in club
    assert 'name="club" id="id_club" value=""' in outlet and 'name="outlet"' not in outlet
    assert "More filters" not in club + outlet and 'name="direction"' not in outlet
