"""The Atom feeds next to the pages: feedparser reads each without complaint, and each holds the claims its page
lists, newest first, honestly dated; the article list's feed holds only the claims its filter asks for."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Claim, Decision
from atom.feeds import FEED_CLAIMS
from tests.dashboard.conftest import Story, article_make, bulk_story, claim_make

HOST = "http://testserver"


def feed_of(client: Client, url: str) -> feedparser.FeedParserDict:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def titles(parsed: feedparser.FeedParserDict) -> list[str]:
    return [entry.title for entry in parsed.entries]


def test_a_players_feed_holds_his_claims_newest_first_each_linked_to_its_article(client: Client, story: Story) -> None:
    parsed = feed_of(client, reverse("player_feed", args=[story.tomori.pk]))
    assert titles(parsed) == [
        "Fikayo Tomori – AC Milan: renewal (La Gazzetta dello Sport)",
        "Fikayo Tomori – Juventus: bid (La Gazzetta dello Sport)",
        "Fikayo Tomori – SSC Napoli: talks (Sky Sport Italia)",
        "Fikayo Tomori – Juventus: talks (Tuttosport)",
        "Fikayo Tomori – Juventus: interest (Tuttosport)",
    ]
    assert parsed.feed.title == "Fikayo Tomori · RumourTracker"
    assert parsed.feed.link == f"{HOST}/players/{story.tomori.pk}/"
    assert "a lead to check, not a fact" in parsed.feed.subtitle
    assert parsed.feed.updated.startswith("2025-07-01")  # the newest claim's date
    bid = parsed.entries[1]
    article = story.bid.article
    assert bid.link == f"{HOST}/articles/{article.pk}/"
    assert bid.id == f"{HOST}/articles/{article.pk}/#claim-{story.bid.pk}"
    assert bid.updated.startswith("2025-06-20") and bid.published.startswith("2025-06-20")
    assert bid.author == "La Gazzetta dello Sport"
    assert bid.author_detail.href == f"{HOST}/outlets/{story.gazzetta.pk}/"
    assert "Juventus want Fikayo Tomori." in bid.summary  # the evidence sentence
    assert re.search(r"citing\s+Sky Sport Italia", bid.summary) and "€25m" in bid.summary
    assert "20 Jun 2025" in bid.summary and "date unknown" not in bid.summary.lower()
    assert [tag.term for tag in bid.tags] == ["Bid"]


def test_the_ids_stay_when_the_feed_is_read_again(client: Client, story: Story) -> None:
    url = reverse("player_feed", args=[story.tomori.pk])
    first, again = feed_of(client, url), feed_of(client, url)
    assert [e.id for e in first.entries] == [e.id for e in again.entries]
    assert len({e.id for e in first.entries}) == 5


def test_an_undated_articles_claim_is_dated_by_its_arrival_and_says_its_date_is_unknown(
    client: Client, story: Story
) -> None:
    undated = article_make(title="Tomori news", text="Juventus have made a bid for Fikayo Tomori.", day=None)
    claim = claim_make(player=story.tomori, club=story.juventus, kind="bid", day=dt.date(2025, 1, 1), article=undated)
    parsed = feed_of(client, reverse("player_feed", args=[story.tomori.pk]))
    entry = next(e for e in parsed.entries if e.id.endswith(f"#claim-{claim.pk}"))
    received = undated.created_at.date().isoformat()
    assert entry.updated.startswith(received)
    assert "published" not in entry  # no publication date is claimed for it
    assert "Date unknown" in entry.summary and "no transfer window" in entry.summary
    assert parsed.entries[0].id == entry.id  # it arrived today: the newest entry


def test_rejected_claims_stay_out_as_on_the_pages(client: Client, story: Story) -> None:
    Claim.objects.filter(pk=story.bid.pk).update(decision=Decision.REJECTED)
    parsed = feed_of(client, reverse("player_feed", args=[story.tomori.pk]))
    assert len(parsed.entries) == 4 and not [t for t in titles(parsed) if ": bid" in t]


def test_a_rumours_feed_holds_that_rumours_claims_only(client: Client, story: Story) -> None:
    parsed = feed_of(client, reverse("rumour_feed", args=[story.bid.rumour_id]))
    assert parsed.feed.title == "Fikayo Tomori → Juventus, Summer 2025 · RumourTracker"
    assert titles(parsed) == [
        "Fikayo Tomori – Juventus: bid (La Gazzetta dello Sport)",
        "Fikayo Tomori – Juventus: talks (Tuttosport)",
        "Fikayo Tomori – Juventus: interest (Tuttosport)",
    ]
    assert parsed.feed.link == f"{HOST}/rumours/{story.bid.rumour_id}/"


def test_a_clubs_feed_lists_what_its_page_lists_direction_and_filters_included(client: Client, story: Story) -> None:
    url = reverse("club_feed", args=[story.juventus.key])
    assert url == "/clubs/it/juventus/feed/"
    parsed = feed_of(client, url)
    assert titles(parsed) == [
        "Fikayo Tomori – Juventus: bid (La Gazzetta dello Sport)",
        "Fikayo Tomori – Juventus: talks (Tuttosport)",
        "Fikayo Tomori – Juventus: interest (Tuttosport)",
    ]
    assert parsed.feed.title == "Juventus: incoming links · RumourTracker"
    outgoing = feed_of(client, reverse("club_feed", args=[story.milan.key]) + "?direction=outgoing")
    assert len(outgoing.entries) == 3 + 1  # Tomori, a Milan player: Juventus ×3 and Napoli
    contracts = feed_of(client, reverse("club_feed", args=[story.milan.key]) + "?direction=contracts")
    assert titles(contracts) == ["Fikayo Tomori – AC Milan: renewal (La Gazzetta dello Sport)"]
    by_kind = feed_of(client, url + "?kind=talks&outlet=Tuttosport")
    assert titles(by_kind) == ["Fikayo Tomori – Juventus: talks (Tuttosport)"]
    assert by_kind.feed.title == "Juventus: incoming links (kind Talks, outlet Tuttosport) · RumourTracker"
    assert by_kind.feed.link == f"{HOST}/clubs/it/juventus/?kind=talks&outlet=Tuttosport"
    self_link = next(link.href for link in by_kind.feed.links if link.rel == "self")
    assert self_link == f"{HOST}/clubs/it/juventus/feed/?kind=talks&outlet=Tuttosport" == by_kind.feed.id


def test_an_outlets_feed_holds_what_it_published_and_what_cites_it(client: Client, story: Story) -> None:
    parsed = feed_of(client, reverse("outlet_feed", args=[story.sky.pk]))
    assert titles(parsed) == [
        "Fikayo Tomori – Juventus: bid (La Gazzetta dello Sport)",  # citing Sky
        "Fikayo Tomori – SSC Napoli: talks (Sky Sport Italia)",  # published by Sky
        "Fikayo Tomori – Juventus: talks (Tuttosport)",  # citing Sky
    ]


def test_the_article_list_feed_holds_only_the_claims_its_filter_asks_for(client: Client, story: Story) -> None:
    # One article with two claims: the Napoli one must stay out of a feed of Juventus bids.
    text = "Juventus bid for Tomori; Napoli talk to Milan."
    day = dt.date(2025, 6, 25)
    both = article_make(title="Two clubs", text=text, day=day)
    juve_bid = claim_make(player=story.tomori, club=story.juventus, kind="bid", day=day, article=both)
    claim_make(player=story.tomori, club=story.napoli, kind="talks", day=day, article=both)
    query = "?club=Juventus&kind=bid"
    parsed = feed_of(client, reverse("article_list_feed") + query)
    assert [e.id.rsplit("#claim-", 1)[1] for e in parsed.entries] == [str(juve_bid.pk), str(story.bid.pk)]
    assert parsed.feed.title == "Articles (club Juventus, kind Bid) · RumourTracker"
    assert parsed.feed.link == f"{HOST}/articles/{query}"
    # The same articles as the list itself shows for that filter: one filter, not two.
    page = client.get(reverse("article_list") + query).content.decode()
    listed = set(re.findall(r'class="row-title" href="/articles/(\d+)/"', page))
    assert listed == {str(both.pk), str(story.bid.article_id)}
    everything = feed_of(client, reverse("article_list_feed"))
    assert len(everything.entries) == 7
    by_outlet = feed_of(client, reverse("article_list_feed") + "?outlet=Tuttosport&role=publisher")
    assert {e.author for e in by_outlet.entries} == {"Tuttosport"} and len(by_outlet.entries) == 2


def test_a_name_that_stands_for_several_things_is_asked_about_never_guessed(client: Client, story: Story) -> None:
    response = client.get(reverse("article_list_feed") + "?club=Nowhere+United")
    assert response.status_code == 400
    body = response.content.decode()
    assert "“Nowhere United” names nothing we know" in body and "http://testserver/articles/?club=" in body
    assert "Traceback" not in body


def test_unknown_things_are_404(client: Client, story: Story) -> None:
    assert client.get(reverse("player_feed", args=[999_999])).status_code == 404
    assert client.get("/clubs/xx/no-such-club/feed/").status_code == 404


@pytest.mark.parametrize("name", ["player", "rumour", "club", "outlet", "article_list"])
def test_each_page_names_its_feed_in_its_head_and_shows_a_link_to_it(client: Client, story: Story, name: str) -> None:
    targets: dict[str, list[int | str]] = {
        "player": [story.tomori.pk],
        "rumour": [story.bid.rumour_id],
        "club": [story.juventus.key],
        "outlet": [story.sky.pk],
        "article_list": [],
    }
    args = targets[name]
    page_name = "article_list" if name == "article_list" else f"{name}_detail"
    page, feed = reverse(page_name, args=args), reverse(f"{name}_feed", args=args)
    html = client.get(page).content.decode()
    head = html.split("</head>")[0]
    alternate = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head)
    assert alternate and alternate.group(1) == feed
    visible = re.search(r'<a class="feed-link"\s+href="([^"]+)"', html)
    assert visible and visible.group(1) == feed
    assert feed_of(client, feed).entries


def test_a_filtered_lists_feed_links_carry_its_filter(client: Client, story: Story) -> None:
    html = client.get(reverse("club_detail", args=[story.juventus.key]) + "?kind=talks&page=1").content.decode()
    assert 'href="/clubs/it/juventus/feed/?kind=talks"' in html
    asked = client.get(reverse("article_list") + "?club=Nowhere+United").content.decode()
    assert 'class="feed-link"' not in asked  # the page asks which club first


@pytest.mark.parametrize("name", ["player", "rumour", "club", "outlet", "article_list"])
def test_a_feed_costs_a_few_queries_whatever_the_data(
    client: Client, story: Story, django_assert_max_num_queries, name: str
) -> None:  # type: ignore[no-untyped-def]
    bulk_story(FEED_CLAIMS + 10)
    tomori = story.tomori
    url = {
        "player": reverse("player_feed", args=[tomori.pk]),
        "rumour": reverse("rumour_feed", args=[story.bid.rumour_id]),
        "club": reverse("club_feed", args=[story.juventus.key]) + "?kind=bid&outlet=La+Gazzetta+dello+Sport",
        "outlet": reverse("outlet_feed", args=[story.sky.pk]) + "?club=Juventus",
        "article_list": reverse("article_list_feed") + "?q=Tomori&club=Juventus&outlet=Sky+Sport+Italia",
    }[name]
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200 and feedparser.parse(response.content).entries


def test_a_feed_holds_at_most_its_cap_of_newest_claims(client: Client, story: Story) -> None:
    bulk_story(FEED_CLAIMS)  # three claims a player, 3 × 50 in all
    parsed = feed_of(client, reverse("article_list_feed"))
    assert len(parsed.entries) == FEED_CLAIMS
    updated = [e.updated for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)


def test_a_feed_reader_asking_again_gets_304_until_something_changes(client: Client, story: Story) -> None:
    url = reverse("player_feed", args=[story.tomori.pk])
    first = client.get(url)
    assert first["ETag"] and not first.has_header("Last-Modified")  # entries' dates are not the feed's changes
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    # News from an older article: the newest entry's date stays, the feed changed all the same.
    claim_make(player=story.tomori, club=story.napoli, kind="bid", day=dt.date(2025, 6, 16))
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and len(feedparser.parse(again.content).entries) == 6
    assert client.get(url, headers={"If-Modified-Since": "Wed, 01 Jan 2031 00:00:00 GMT"}).status_code == 200
