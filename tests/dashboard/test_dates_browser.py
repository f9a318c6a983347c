"""An undated article in a real Chromium: pasted, tagged by a real worker, shown as "date unknown" and kept out
of every window and the chart until an editor dates it; then its claims move to that date's window."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from articles.models import UNDATED, Article, AuditLog, Rumour

from .conftest import Story
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
    expect(page.locator("#article-status [data-status]")).to_have_attribute("data-status", "tagged", timeout=60_000)
    expect(page.locator(".facts")).to_contain_text("date unknown")
    article = Article.objects.get(text__startswith="SSC Napoli have opened talks")
    assert article.published is None and article.published_source == ""

    # Nothing in the summer window or the chart; an "Undated" group on the player page holds the claim.
    summer.refresh_from_db()
    assert summer.claim_count == 1
    undated = Rumour.objects.get(player=story.tomori, club=story.napoli, window=UNDATED)
    assert undated.claim_count == 1 and undated.last_reported is None
    page.goto(f"{live_server.url}/players/{story.tomori.pk}/")
    expect(page.locator("#chart-desc")).to_contain_text("5 claims")  # the five dated claims of the story only
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
    expect(page.locator("#chart-desc")).to_contain_text("6 claims")
    expect(page.locator("#player-timeline")).not_to_contain_text("Undated")
