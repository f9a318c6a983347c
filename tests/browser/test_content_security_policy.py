"""The pages a member of staff can reach, the admin's among them, pass the Content-Security-Policy.

The shared `page` fixture fails the test on any violation; this walk only has to reach the pages.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.test_first_slice import sign_in
from tests.factories import ArticleFactory
from tests.kb import small_kb_make

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/articles/",
    "/articles/new/",
    "/uploads/",
    "/feeds/",
    "/audit/",
    "/kb/players/",
    "/admin/",
    "/admin/articles/article/",
    "/admin/articles/article/add/",
    "/admin/players/player/",
]


def test_every_page_staff_reach_passes_the_policy(page, live_server) -> None:  # type: ignore[no-untyped-def]
    kb = small_kb_make()
    article = ArticleFactory.create()
    get_user_model().objects.create_superuser("keeper", password="a-long-test-password")
    sign_in(page, live_server.url, "keeper", "a-long-test-password")
    for path in [*PAGES, f"/articles/{article.pk}/", f"/players/{kb.tomori.pk}/"]:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        expect(page.locator("body")).to_be_visible()
