"""The dashboard as people use it, in a real Chromium: timelines, filters, search, export, editing, back button."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.models import Rumour, Track

from .conftest import PASSWORD, Story

pytestmark = pytest.mark.browser


def sign_in(page, base_url: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def results(page):  # type: ignore[no-untyped-def]
    return page.locator("#article-results .rows > li")


def test_the_player_timeline_groups_claims_by_club(page, live_server, story: Story) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/players/{story.tomori.pk}/")
    timeline = page.locator("#player-timeline")
    expect(timeline.locator(".rumour-group")).to_have_count(3)  # Juventus, Napoli, and the renewal at Milan
    expect(timeline.locator(".rumour-group").first).to_contain_text("Juventus")
    expect(timeline.locator(".tl-item.bid")).to_contain_text("€25m")
    page.locator("#player-rumours").get_by_role("link", name="Juventus").click()
    expect(page.get_by_role("heading", name=re.compile("Fikayo Tomori"))).to_be_visible()
    expect(page.locator("#rumour-sources li")).to_have_count(2)


def test_filtering_by_club_and_outlet_updates_in_place_and_the_url(page, live_server, story: Story) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/articles/")
    expect(results(page)).to_have_count(5)
    page.get_by_label("Club").fill("Napoli")
    page.get_by_label("Club").press("Enter")
    expect(results(page)).to_have_count(1)
    expect(page).to_have_url(re.compile(r"club=Napoli"))
    page.get_by_label("Club").fill("")
    page.get_by_text("More filters").click()
    page.get_by_label("Outlet", exact=True).fill("Sky Sport Italia")
    page.get_by_label("Outlet role").select_option("cited")
    expect(results(page)).to_have_count(2)
    expect(page).to_have_url(re.compile(r"role=cited"))


def test_search_finds_a_player_despite_a_typo(page, live_server, story: Story) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/articles/")
    page.get_by_label("Search", exact=True).fill("Tomory Napoli")
    expect(results(page)).to_have_count(1)
    expect(results(page).first).to_contain_text("SSC Napoli")


def test_export_downloads_what_the_filters_show(page, live_server, story: Story) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/articles/?club=Juventus")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert content.startswith("article_id,published,title")
    assert content.count("\n") == 4  # the header and three Juventus articles


def test_rejecting_a_claim_changes_the_timeline(page, live_server, story: Story, editor) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/players/{story.tomori.pk}/")
    bid = page.locator(f"#claim-{story.bid.pk}")
    expect(page.locator("#player-rumours")).to_contain_text("Bid")
    bid.get_by_role("button", name=re.compile("^Reject")).click()
    expect(page.locator(".message")).to_contain_text("Claim rejected")
    expect(page.locator(f"#claim-{story.bid.pk}")).to_have_count(0)
    expect(page.locator("#player-rumours li").first).to_contain_text("Talks")
    assert Rumour.objects.get(player=story.tomori, club=story.juventus, track=Track.TRANSFER).stage == "talks"
    expect(page.get_by_text("Rejected Fikayo Tomori → Juventus (bid)")).to_be_visible()


def test_the_back_button_shows_whole_pages_after_filtering(page, live_server, story: Story) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/articles/")
    page.get_by_label("Club").fill("Juventus")
    page.get_by_label("Club").press("Enter")
    expect(results(page)).to_have_count(3)
    page.get_by_text("More filters").click()
    page.get_by_label("Kind").select_option("bid")
    expect(results(page)).to_have_count(1)
    page.go_back()
    expect(page).to_have_url(re.compile(r"club=Juventus&"))
    expect(results(page)).to_have_count(3)
    results(page).first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Claims")).to_be_visible()
    page.go_back()
    expect(page.locator("header.topbar")).to_have_count(1)
    expect(page.locator("#article-filters")).to_have_count(1)
    expect(page.locator("#article-results")).to_have_count(1)
    expect(results(page)).to_have_count(3)
    # A reload of a pushed URL is a plain request: the whole page, never a bare fragment.
    page.reload()
    expect(page.locator("header.topbar")).to_have_count(1)
    expect(results(page)).to_have_count(3)


def test_a_phone_sized_window_reads_the_timeline(browser_context, live_server, story: Story) -> None:  # type: ignore[no-untyped-def]
    page = browser_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{live_server.url}/players/{story.tomori.pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width} px)"
