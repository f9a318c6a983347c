"""Sign up, confirm by the mailed link (from a real SMTP server), sign in, follow a player from his page by a
click and find him on the watchlist, in a real browser. Screenshots of the sign-up, sign-in, player and watchlist
pages at desktop and phone width go to test-artifacts/; axe-core checks each page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Article, ArticleStatus, Claim
from articles.rumours.refresh import rumour_for
from tests.browser.axe import axe_violations
from tests.browser.test_search_and_indexes import ARTIFACTS, WIDTHS
from tests.kb import small_kb_make
from tests.mail import body_text

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_limits_or_counts")]
PASSWORD = "a-long-test-password"
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)")


def test_sign_up_confirm_sign_in_follow_and_watch(browser_context, live_server, settings, smtp_server) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOW_SIGNUP = True
    kb = small_kb_make()
    article = Article.objects.create(
        title="Juventus bid for Tomori",
        text="Juventus have made a bid for Fikayo Tomori, the Milan defender, says Tuttosport this morning.",
        outlet=kb.tuttosport,
        status=ArticleStatus.TAGGED,
        published=dt.date(2025, 6, 2),
    )
    rumour = rumour_for(player=kb.tomori, club=kb.juventus, kind="bid", reported_on=article.published)
    Claim.objects.create(article=article, rumour=rumour, player=kb.tomori, club=kb.juventus, kind="bid")
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", name="Sign up")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "accounts-signup-1280.png", full_page=True)
    assert axe_violations(page) == []
    page.get_by_label("Username").fill("scout")
    page.get_by_label("E-mail address").fill("scout@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()

    [message] = smtp_server.wait_for(1, to="scout@example.org")
    link = CONFIRM_LINK.search(body_text(message))
    assert link, body_text(message)
    page.goto(live_server.url + link.group(1))
    expect(page.get_by_text("scout@example.org")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_role("link", name="Forgot your password?")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "accounts-signin-1280.png", full_page=True)
    assert axe_violations(page) == []
    page.get_by_label("Username or e-mail").fill("scout")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    expect(page.get_by_text("scout@example.org")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "accounts-account-1280.png", full_page=True)
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/players/{kb.tomori.pk}/")
    follow = page.get_by_role("button", name="Follow Fikayo Tomori")
    follow.click()
    expect(page.locator(".follow").get_by_text("Following")).to_be_visible()
    expect(page.get_by_role("button", name="Unfollow Fikayo Tomori")).to_be_visible()
    assert get_user_model().objects.get(username="scout").follows.filter(player=kb.tomori).exists()
    page.screenshot(path=ARTIFACTS / "following-player-1280.png", full_page=True)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Watchlist").click()
    expect(page.get_by_role("heading", name="My watchlist")).to_be_visible()
    expect(page.locator(".follow-list")).to_contain_text("Fikayo Tomori")
    expect(page.locator("#watch-claims")).to_contain_text("Juventus")
    expect(page.locator("#watch-stage-changes")).to_contain_text("Fikayo Tomori → Juventus")
    page.screenshot(path=ARTIFACTS / "following-watchlist-1280.png", full_page=True)
    assert axe_violations(page) == []

    # The same pages at phone width, signed in (watchlist, player) and out (sign-in, sign-up).
    phone = browser_context(viewport={"width": WIDTHS[1], "height": 844}).new_page()
    phone.goto(live_server.url + "/accounts/signup/")
    phone.screenshot(path=ARTIFACTS / "accounts-signup-390.png", full_page=True)
    phone.goto(live_server.url + "/accounts/login/")
    phone.screenshot(path=ARTIFACTS / "accounts-signin-390.png", full_page=True)
    phone.get_by_label("Username or e-mail").fill("scout@example.org")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    expect(phone.get_by_role("link", name="Watchlist")).to_be_visible()
    phone.goto(f"{live_server.url}/players/{kb.tomori.pk}/")
    expect(phone.get_by_role("button", name="Unfollow Fikayo Tomori")).to_be_visible()
    phone.screenshot(path=ARTIFACTS / "following-player-390.png", full_page=True)
    phone.goto(live_server.url + "/watchlist/")
    phone.screenshot(path=ARTIFACTS / "following-watchlist-390.png", full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTHS[1]  # nothing spills sideways
