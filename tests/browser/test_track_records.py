"""Who to believe, in a real browser: an outlet's record with its chart, the league table that ranks only
outlets with enough settled links, and a rumour's likelihood with its reasons, at desktop and phone width.
Screenshots go to test-artifacts/ for a person to look at; axe-core checks each page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Kind, Rumour
from players.models import Outlet
from tests.articles.test_likelihood import history_generate, report
from tests.browser.axe import axe_violations
from tests.browser.test_search_and_indexes import ARTIFACTS, WIDTHS
from tests.factories import ClubFactory, PlayerFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def open_rumour(transactional_db) -> Rumour:  # type: ignore[no-untyped-def]
    """Three years of settled links from a reliable and an unreliable outlet, and a fresh link the reliable one
    reports today, its likelihood fitted on that history."""
    history_generate(120)
    rumour = report(
        Outlet.objects.get(name="Reliable"), PlayerFactory.create(), ClubFactory.create(), Kind.TALKS, dt.date.today()
    )
    call_command("evaluate_likelihood", stdout=io.StringIO())
    rumour.refresh_from_db()
    return rumour


def test_the_record_pages_at_desktop_and_phone_width(browser_context, live_server, open_rumour: Rumour) -> None:  # type: ignore[no-untyped-def]
    reliable = Outlet.objects.get(name="Reliable")
    pages = {
        "outlet": f"/outlets/{reliable.pk}/",
        "league": "/outlets/?sort=record",
        "rumour": f"/rumours/{open_rumour.pk}/",
    }
    ARTIFACTS.mkdir(exist_ok=True)
    for width in WIDTHS:
        page = browser_context(viewport={"width": width, "height": 900}).new_page()
        page.goto(live_server.url + pages["outlet"])
        expect(page.locator("#record-published")).to_contain_text("Hit rate")
        expect(page.locator("#record-published svg")).to_be_visible()
        page.goto(live_server.url + pages["league"])
        league = page.locator("#outlet-league")
        # Both outlets have far more than ten settled links: both are ranked, the reliable one first.
        expect(league.locator("tbody tr").first).to_contain_text("Reliable")
        expect(league.locator("tbody tr", has_text="unranked")).to_have_count(0)
        page.goto(live_server.url + pages["rumour"])
        expect(page.locator(".likelihood").first).to_contain_text("likely")
        expect(page.locator(".likelihood").first).to_contain_text("the track records of its outlets")
        for name, path in pages.items():
            page.goto(live_server.url + path)
            assert axe_violations(page) == [], name
            page.screenshot(path=str(ARTIFACTS / f"records-{name}-{width}.png"), full_page=True)
