"""Issue 16, end to end in a real browser: sign up and confirm by the mailed link (read from a real SMTP server),
follow a player, upload an article that moves his rumour, get exactly one e-mail naming the change, unsubscribe
by its link; the watchlist shows the change, and the player's Atom feed holds the new claim.

A real Celery worker tags the articles and runs the alerts' scan (beat would, every ALERTS_SCAN_SECONDS).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin

import feedparser
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alerts.models import AlertEvent, AlertPreference, Delivery
from articles.models import Article, ArticleStatus, Claim
from tests.alerts.worker import BID, INTEREST, scanned, tagged
from tests.conftest import wait_until
from tests.kb import small_kb_make
from tests.mail import body_text

pytestmark = [pytest.mark.browser, pytest.mark.worker]

PASSWORD = "a-long-test-password"
CONFIRM_LINK = re.compile(r"(https?://\S+/accounts/confirm-email/\S+/)")


@pytest.fixture
def worker_settings(live_server) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The worker's scan takes claims at once, and its mails link to the live server."""
    return {"TAG_LEASE_SECONDS": "5", "UPLOAD_READ_LEASE_SECONDS": "5", "ALERTS_SETTLE_SECONDS": "0",
            "SITE_URL": live_server.url}  # fmt: skip


def test_sign_up_follow_a_player_and_be_told_once_when_his_rumour_moves(  # type: ignore[no-untyped-def]
    page, live_server, celery_worker_process, smtp_server, settings, no_limits_or_counts
) -> None:
    settings.ALLOW_SIGNUP = True
    settings.ALERTS_SETTLE_SECONDS = 0
    kb = small_kb_make()
    today = timezone.localdate()
    tagged(INTEREST, "Juventus want Tomori", today - dt.timedelta(days=3))  # the rumour before anyone follows it
    base = live_server.url

    # Sign up, and confirm the address by the link in the mail.
    page.goto(f"{base}/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("scout")
    page.get_by_label(re.compile(r"^e-?mail", re.IGNORECASE)).fill("scout@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("Password \\(again\\)")).fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    [confirmation] = smtp_server.wait_for(1, to="scout@example.org")
    link = CONFIRM_LINK.search(body_text(confirmation))
    assert link, body_text(confirmation)
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirm").click()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label(re.compile("^(Username|Login)")).fill("scout")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Watchlist")).to_be_visible()
    smtp_server.clear()

    # Follow Tomori from his page.
    page.goto(f"{base}/players/{kb.tomori.pk}/")
    page.get_by_role("button", name="Follow Fikayo Tomori").click()
    expect(page.get_by_role("button", name="Unfollow Fikayo Tomori")).to_be_visible()

    # Upload an article in which Juventus bid for him; the worker tags it.
    bid_day = today - dt.timedelta(days=1)
    page.goto(f"{base}/articles/new/")
    page.get_by_label("Title").fill("Juventus bid for Tomori")
    page.get_by_label("Article text").fill(BID)
    page.get_by_label("Outlet").fill("Tuttosport")
    page.get_by_label("Published").fill(bid_day.isoformat())
    page.get_by_role("button", name="Save and tag").click()
    articles = Article.objects.filter(title="Juventus bid for Tomori", status=ArticleStatus.TAGGED)
    assert wait_until(articles.exists, 90), "the uploaded article was not tagged"
    bid = Claim.objects.get(article=articles.get(), player=kb.tomori, club=kb.juventus)
    assert bid.kind == "bid"

    # The scan (beat's task, run here by the worker) mails exactly one e-mail naming the change.
    scanned()
    [alert] = smtp_server.wait_for(1, to="scout@example.org")
    line = f"Fikayo Tomori – Juventus: Interest → Bid (Tuttosport, {bid_day.day} {bid_day:%b})"
    assert line in alert["Subject"] and line in body_text(alert)
    assert f"{base}/rumours/{bid.rumour_id}/" in body_text(alert)
    scanned()
    assert len(smtp_server.wait_for(2, timeout=2, to="scout@example.org")) == 1

    # The watchlist shows the change.
    page.goto(f"{base}/watchlist/")
    changes = page.locator("#watch-stage-changes")
    expect(changes).to_contain_text("Juventus")
    expect(changes).to_contain_text("Bid")
    page.screenshot(path="test-artifacts/follow-and-alerts-watchlist.png", full_page=True)

    # The player's page links its Atom feed, which validates and holds the new claim.
    page.goto(f"{base}/players/{kb.tomori.pk}/")
    href = page.locator('link[rel="alternate"][type="application/atom+xml"]').first.get_attribute("href")
    assert href, "the player's page links no Atom feed"
    feed = page.request.get(urljoin(f"{base}/", href))
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(feed.body())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert any(entry.id.endswith(f"#claim-{bid.pk}") for entry in parsed.entries), [e.id for e in parsed.entries]

    # Unsubscribe by the mail's link: a confirmation, then no more alerts.
    unsubscribe = re.fullmatch(r"<(\S+)>", alert["List-Unsubscribe"].strip())
    assert unsubscribe and unsubscribe.group(1).startswith(base)
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    page.goto(unsubscribe.group(1))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_text("no more alert e-mails will be sent to scout@example.org")).to_be_visible()
    assert AlertPreference.objects.get(user__username="scout").delivery == Delivery.OFF
    tagged(BID.replace("25 million", "30 million") + " Milan refused.", "Juventus raise", today)
    scanned()
    assert len(smtp_server.wait_for(2, timeout=2, to="scout@example.org")) == 1
    assert AlertEvent.objects.filter(user__username="scout").count() == 1
