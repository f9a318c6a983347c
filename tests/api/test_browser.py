"""The API's docs page and the token page in a real Chromium, under the site's Content-Security-Policy (the `page`
fixture fails on any violation): Swagger UI from our own static files lists the operations, and a member makes a
token, copies it and revokes it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_first_slice import sign_in

from .conftest import PASSWORD, api_world_make

pytestmark = pytest.mark.browser
ARTIFACTS = "test-artifacts"


def test_the_docs_page_lists_the_operations_with_vendored_assets_under_the_policy(
    page: Any, live_server: Any, transactional_db: Any
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(live_server.url + "/api/docs/")
    assert response is not None and response.status == 200
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    for expected in ("/api/v1/players/", "/api/v1/rumours/{id}/", "/api/v1/claims/{id}/decision/"):
        assert any(expected in p.replace("\u200b", "") for p in paths), paths
    expect(page.locator(".opblock-post").first).to_be_visible()  # the writes are listed too
    assert all(url.startswith(live_server.url) for url in requested), [u for u in requested if "127.0.0.1" not in u]
    page.screenshot(path=f"{ARTIFACTS}/api-docs-1280.png", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{ARTIFACTS}/api-docs-390.png", full_page=False)


def test_a_member_makes_a_token_on_the_token_page_and_revokes_it(
    page: Any, live_server: Any, transactional_db: Any
) -> None:
    world = api_world_make()
    sign_in(page, live_server.url, world.member.username, PASSWORD)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="your tokens").click()
    expect(page.get_by_role("heading", name="API tokens")).to_be_visible()
    page.get_by_label("What is it for?").fill("my scraper")
    page.get_by_role("button", name="Make a token").click()
    token = page.locator("[data-token]").inner_text()
    assert token.startswith("rt_")
    expect(page.locator("#token-table")).to_contain_text("my scraper")
    page.screenshot(path=f"{ARTIFACTS}/api-token-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{ARTIFACTS}/api-token-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    answer = page.request.get(live_server.url + "/api/v1/uploads/", headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 200
    page.locator("#token-table tr", has_text="my scraper").get_by_role("button", name="Revoke").click()
    expect(page.get_by_role("status")).to_contain_text("revoked")
    expect(page.locator("#token-table")).not_to_contain_text("my scraper")
