"""An undated article in a real Chromium: pasted, tagged by a real worker, shown as "date unknown" and kept out
of every window and the chart until an editor dates it; then its claims move to that date's window."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.models import UNDATED, Article, AuditLog, Rumour

from .conftest import Story, article_make, claim_make
from .test_browser import sign_in

pytestmark = pytest.mark.browser

# Written for this test: no date in the text, none in a URL, none given.
UNDATED_TEXT = (
    "SSC Napoli have opened talks with AC Milan over Fikayo Tomori, according to people close to the club. "
    "The defender is said to like the idea of a move south, and a meeting is planned."
)


def test_an_undated_paste_counts_nowhere_until_an_editor_dates_it(  # type: ignore[no-untyped-def]
    page, live_server, story: Story, editor, celery_worker_process
) -> None:
    summer = Rumour.objects.get(player=story.tomori, club=story.napoli, window="2025-summer")
    sign_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/articles/new/")
    page.get_by_label("Article text").fill(UNDATED_TEXT)
    page.get_by_role("button", name="Save and tag").click()
    page.wait_for_url("**/uploads/*/")  # a worker reads the upload; its article appears there once read
    page.get_by_role("link", name="#", exact=False).first.wait_for(timeout=60_000)
    article = Article.objects.get(text__startswith="SSC Napoli have opened talks")
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    expect(page.locator("#article-status [data-status]")).to_have_attribute("data-status", "tagged", timeout=60_000)
    expect(page.locator(".facts")).to_contain_text("date unknown")
    assert article.published is None and article.published_source == ""

    # Nothing in the summer window or the chart; an "Undated" group on the player page holds the claim.
    summer.refresh_from_db()
    assert summer.claim_count == 1
    undated = Rumour.objects.get(player=story.tomori, club=story.napoli, window=UNDATED)
    assert undated.claim_count == 1 and undated.last_reported is None
    page.goto(f"{live_server.url}/players/{story.tomori.pk}/")
    expect(page.locator("#career-desc")).to_contain_text("5 dated claims")  # the five dated claims of the story only
    expect(page.locator("#player-timeline")).to_contain_text("Undated")
    expect(page.locator("#player-timeline .tl-date.undated")).to_have_count(1)

    # The editor dates it: the claim joins the summer rumour, the audit log says so.
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    page.get_by_label("Publication date").fill("2025-06-25")
    page.get_by_role("button", name="Save the date").click()
    expect(page.locator(".message")).to_contain_text("1 claim moved")
    expect(page.locator(".facts")).to_contain_text(re.compile(r"25 June 2025\s*\(set by an editor\)"))
    summer.refresh_from_db()
    assert summer.claim_count == 2
    assert not Rumour.objects.filter(player=story.tomori, window=UNDATED).exists()
    assert AuditLog.objects.filter(article_ref=article.pk, action="set_date").count() == 1
    page.goto(f"{live_server.url}/players/{story.tomori.pk}/")
    expect(page.locator("#career-desc")).to_contain_text("6 dated claims")
    expect(page.locator("#player-timeline")).not_to_contain_text("Undated")


SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_the_story_pages_at_desktop_and_phone_width(browser_context, live_server, story: Story) -> None:  # type: ignore[no-untyped-def]
    """Three windows of Tomori and Juventus make one row with three segments; screenshots for a person to look at."""
    claim_make(player=story.tomori, club=story.juventus, kind="agreement", day=dt.date(2024, 1, 10), outlet=story.sky)
    claim_make(player=story.tomori, club=story.juventus, kind="completed", day=dt.date(2021, 1, 20))
    undated = article_make(title="", text="Napoli are watching Tomori closely, say sources in Naples.", day=None)
    claim_make(player=story.tomori, club=story.napoli, kind="interest", day=None, article=undated)  # type: ignore[arg-type]
    rumour = Rumour.objects.get(player=story.tomori, club=story.juventus, window="2025-summer")
    SHOTS.mkdir(exist_ok=True)
    pages = {
        "player": f"/players/{story.tomori.pk}/",
        "club": f"/clubs/{story.juventus.key}/",
        "rumour": f"/rumours/{rumour.pk}/",
        "home": "/",
    }
    for width in (1280, 390):
        page = browser_context(viewport={"width": width, "height": 900}).new_page()
        page.goto(f"{live_server.url}{pages['player']}")
        juventus = page.locator("#player-rumours > li", has_text="Juventus")
        expect(juventus).to_have_count(1)
        expect(juventus.locator(".segment")).to_have_count(3)
        expect(juventus.locator(".segment").first).to_contain_text("Summer 2025")
        expect(page.locator("svg.career .career-mark").first).to_be_visible()
        # The row names stay in view at any width: only the windows beside them scroll.
        names = page.locator("svg.career-labels").bounding_box()
        assert names is not None and names["x"] >= 0 and names["x"] + names["width"] <= width
        page.locator("#career").screenshot(path=SHOTS / f"dates-career-{width}.png")
        expect(page.locator("#player-timeline")).to_contain_text("Undated")
        for name, path in pages.items():
            page.goto(f"{live_server.url}{path}")
            page.screenshot(path=SHOTS / f"dates-{name}-{width}.png", full_page=True)
        expect(page.locator("#hot-rumours li")).not_to_have_count(0)
        page.goto(f"{live_server.url}{pages['rumour']}")
        expect(page.locator("#story-windows li")).to_have_count(3)
