"""A watchlist's private feed: its secret address opens it to a feed reader with no session, a wrong, renewed or
revoked token is a 404, and it holds the newest claims of everything the account follows and nothing else."""

from __future__ import annotations

import feedparser
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from atom.feeds import FEED_CLAIMS
from atom.models import FeedToken, feed_token_renew, feed_token_revoke
from following.models import Follow
from players.models import Club, Outlet
from tests.dashboard.conftest import PASSWORD, Story, bulk_story

from .test_feeds import HOST, feed_of, titles


def member_make(name: str = "scout"):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(name, password=PASSWORD)


def test_it_holds_the_claims_of_everything_followed_and_nothing_else(client: Client, story: Story) -> None:
    scout, other = member_make(), member_make("other")
    Follow.objects.follow(scout, story.napoli)  # a club: its claims in every direction
    Follow.objects.follow(scout, story.tuttosport)  # an outlet: what it published
    Follow.objects.follow(other, story.milan)
    token = feed_token_renew(user=scout).token
    parsed = feed_of(Client(), reverse("watchlist_feed", args=[token]))  # a feed reader: no session
    assert titles(parsed) == [
        "Fikayo Tomori – SSC Napoli: talks (Sky Sport Italia)",
        "Fikayo Tomori – Juventus: talks (Tuttosport)",
        "Fikayo Tomori – Juventus: interest (Tuttosport)",
    ]
    assert parsed.feed.title == "scout's watchlist · RumourTracker"
    Follow.objects.follow(scout, story.tomori)  # a player: all his claims
    assert len(feed_of(client, reverse("watchlist_feed", args=[token])).entries) == 5


def test_a_club_followed_brings_the_claims_naming_it_as_on_the_watchlist_page(client: Client, story: Story) -> None:
    scout = member_make()
    Follow.objects.follow(scout, story.milan)
    token = feed_token_renew(user=scout).token
    parsed = feed_of(client, reverse("watchlist_feed", args=[token]))
    assert titles(parsed) == ["Fikayo Tomori – AC Milan: renewal (La Gazzetta dello Sport)"]
    assert parsed.feed.link == f"{HOST}/watchlist/"
    client.force_login(scout)
    page = client.get(reverse("watchlist")).content.decode()
    main = page.split('<main id="main"')[1].split("</main>")[0]
    assert "AC Milan" in main and "Juventus" not in main  # the page and its feed read a follow alike


def test_following_nothing_is_an_empty_feed_that_still_validates(client: Client, story: Story) -> None:
    token = feed_token_renew(user=member_make()).token
    assert feed_of(client, reverse("watchlist_feed", args=[token])).entries == []


def test_a_wrong_renewed_or_revoked_token_is_a_404(client: Client, story: Story) -> None:
    scout = member_make()
    Follow.objects.follow(scout, story.tomori)
    old = feed_token_renew(user=scout).token
    assert client.get(reverse("watchlist_feed", args=[old])).status_code == 200
    assert client.get(reverse("watchlist_feed", args=[old + "x"])).status_code == 404
    assert client.get(reverse("watchlist_feed", args=["no-such-token"])).status_code == 404
    new = feed_token_renew(user=scout).token
    assert new != old
    assert client.get(reverse("watchlist_feed", args=[old])).status_code == 404
    assert client.get(reverse("watchlist_feed", args=[new])).status_code == 200
    feed_token_revoke(user=scout)
    assert client.get(reverse("watchlist_feed", args=[new])).status_code == 404
    scout.is_active = False
    scout.save()
    assert client.get(reverse("watchlist_feed", args=[feed_token_renew(user=scout).token])).status_code == 404


def test_the_token_opens_it_even_when_the_site_asks_readers_to_sign_in(client: Client, story: Story) -> None:
    token = feed_token_renew(user=member_make()).token
    with override_settings(REQUIRE_LOGIN_TO_BROWSE=True):
        response = client.get(reverse("watchlist_feed", args=[token]))
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert client.get(reverse("player_feed", args=[story.tomori.pk])).status_code == 302  # as its page


def test_a_member_makes_renews_and_closes_the_address_on_its_page(client: Client, story: Story) -> None:
    scout = member_make()
    client.force_login(scout)
    url = reverse("watchlist_feed_token")
    page = client.get(url).content.decode()
    assert "You have no private feed yet" in page
    response = client.post(url, {"action": "renew"}, follow=True)
    first = FeedToken.objects.get(user=scout).token
    address = f"{HOST}/watchlist/feed/{first}/"
    assert address in response.content.decode() and "has a new address" in response.content.decode()
    client.post(url, {"action": "renew"})
    second = FeedToken.objects.get(user=scout).token
    assert second != first and address not in client.get(url).content.decode()
    response = client.post(url, {"action": "revoke"}, follow=True)
    assert "Your private feed is closed" in response.content.decode() and not FeedToken.objects.exists()
    assert Client().get(reverse("watchlist_feed", args=[second])).status_code == 404


def test_the_private_feed_costs_a_few_queries(client: Client, story: Story, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    bulk_story(60)
    scout = member_make()
    bulk_club = Club.objects.filter(name__startswith="Bulk Club").first()
    bulk_outlet = Outlet.objects.filter(name__startswith="Bulk Outlet").first()
    assert bulk_club and bulk_outlet
    for target in (story.tomori, story.napoli, bulk_club, bulk_outlet):
        Follow.objects.follow(scout, target)
    token = feed_token_renew(user=scout).token
    with django_assert_max_num_queries(10):
        response = client.get(reverse("watchlist_feed", args=[token]))
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0 and len(parsed.entries) == FEED_CLAIMS  # far more claims match: the newest 50
