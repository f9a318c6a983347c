"""A signed-in editor pastes an article, watches it get tagged, and finds the claim on the player's page."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.kb import INTEREST_ARTICLE, small_kb_make

pytestmark = pytest.mark.browser


def sign_in(page, base_url: str, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_an_anonymous_visitor_can_browse_but_not_upload(page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Transfer rumours")).to_be_visible()
    page.goto(live_server.url + "/articles/new/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_a_pasted_article_is_tagged_live_and_shows_on_the_player_timeline(  # type: ignore[no-untyped-def]
    page, live_server, celery_worker_process
) -> None:
    small_kb_make()
    get_user_model().objects.create_user("reporter", password="a-long-test-password")
    sign_in(page, live_server.url, "reporter", "a-long-test-password")
    page.goto(live_server.url + "/articles/new/")
    page.get_by_label("Title").fill("Juventus want Tomori")
    page.locator("textarea").first.fill(INTEREST_ARTICLE)
    page.get_by_role("button", name=re.compile("Save|Upload|Add", re.I)).first.click()

    expect(page).to_have_url(re.compile(r"/uploads/\d+/$"))
    page.locator("#upload-items a", has_text="#").first.click()  # the row appears once the worker read it
    status = page.locator("#article-status [data-status]")
    expect(status).to_have_attribute("data-status", "tagged", timeout=60_000)
    page.get_by_role("link", name="Fikayo Tomori").first.click()
    expect(page.get_by_role("heading", name="Fikayo Tomori")).to_be_visible()
    expect(page.locator("#player-timeline")).to_contain_text("Juventus")
