"""The alerts' pages in a real browser at 1280 and 390 px: the settings page, and unsubscribing by a mail's link."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from alerts.mail import unsubscribe_token
from alerts.models import AlertPreference, Delivery
from tests.browser.axe import axe_violations

pytestmark = pytest.mark.browser

WIDTHS = {"wide": 1280, "phone": 390}


def signed_in_page(browser_context, base_url: str, user, width: int):  # type: ignore[no-untyped-def]
    """A page whose browser holds the account's session (the sign-in form is the accounts' tests' business)."""
    client = Client()
    client.force_login(user)
    context = browser_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.mark.parametrize("size", WIDTHS)
def test_the_settings_page_switches_to_the_daily_digest(browser_context, live_server, size: str) -> None:  # type: ignore[no-untyped-def]
    user = get_user_model().objects.create_user("scout", email="scout@example.org")
    page = signed_in_page(browser_context, live_server.url, user, WIDTHS[size])
    page.goto(f"{live_server.url}/watchlist/")
    page.get_by_role("link", name="E-mail alerts").click()
    expect(page.get_by_role("heading", name="Alerts by e-mail")).to_be_visible()
    expect(page.get_by_label("At once: one e-mail after each scan that finds something")).to_be_checked()
    assert axe_violations(page) == []
    page.get_by_label("A daily digest").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved: A daily digest.")).to_be_visible()
    assert AlertPreference.objects.get(user=user).delivery == Delivery.DIGEST
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[size]  # nothing sticks out
    page.screenshot(path=f"test-artifacts/alerts-settings-{size}.png", full_page=True)


@pytest.mark.parametrize("size", WIDTHS)
def test_unsubscribing_in_the_browser_confirms_first(browser_context, live_server, size: str) -> None:  # type: ignore[no-untyped-def]
    user = get_user_model().objects.create_user("scout", email="scout@example.org")
    page = browser_context(viewport={"width": WIDTHS[size], "height": 900}).new_page()
    page.goto(f"{live_server.url}/alerts/unsubscribe/{unsubscribe_token(user.pk)}/")
    expect(page.get_by_text("Stop all alert e-mails to scout@example.org?")).to_be_visible()
    page.screenshot(path=f"test-artifacts/alerts-unsubscribe-{size}.png", full_page=True)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_text("Done: no more alert e-mails will be sent to scout@example.org.")).to_be_visible()
    assert AlertPreference.objects.get(user=user).delivery == Delivery.OFF
    page.screenshot(path=f"test-artifacts/alerts-unsubscribed-{size}.png", full_page=True)
    page.goto(f"{live_server.url}/alerts/unsubscribe/{user.pk}:forged/")
    expect(page.get_by_text("This unsubscribe link is not valid")).to_be_visible()
    page.screenshot(path=f"test-artifacts/alerts-unsubscribe-invalid-{size}.png", full_page=True)
