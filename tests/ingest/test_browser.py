"""An editor uploads several files on the real page and watches the worker tag them, live."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Feed
from tests.kb import small_kb_make

from .samples import HTML_PAGE, ITALIAN, TOMORI, article, jsonl

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def sign_in(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    get_user_model().objects.create_user("editor", password="a-long-test-password", is_staff=True)
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()


def test_files_uploaded_on_the_page_end_as_rows_and_are_tagged_live(  # type: ignore[no-untyped-def]
    page, live_server, celery_worker_process
) -> None:
    small_kb_make()
    SHOTS.mkdir(exist_ok=True)
    sign_in(page, live_server.url)
    page.get_by_role("link", name="Add article").click()
    expect(page.get_by_role("heading", name="Add articles")).to_be_visible()
    page.screenshot(path=SHOTS / "ingest-upload-form.png", full_page=True)
    records = [{"title": "Tomori", "text": TOMORI}, {"text": ITALIAN}] + [{"text": article(n)} for n in range(6)]
    page.get_by_label("Files").set_input_files(
        [
            {"name": "batch.jsonl", "mimeType": "application/x-ndjson", "buffer": jsonl(records) + b"\n{broken"},
            {"name": "page.html", "mimeType": "text/html", "buffer": HTML_PAGE.encode()},
            {"name": "empty.txt", "mimeType": "text/plain", "buffer": b""},
            {"name": "scan.txt", "mimeType": "text/plain", "buffer": b"%PDF-1.4\x00\x01"},
        ]
    )
    page.get_by_label("Outlet").fill("Tuttosport")
    page.get_by_role("button", name="Save and tag").click()

    expect(page).to_have_url(re.compile(r"/uploads/\d+/$"))
    rows = page.locator("#upload-items tbody tr")
    expect(rows).to_have_count(12)
    expect(page.locator("#upload-items")).to_contain_text("The file is empty (0 bytes).")
    expect(page.locator("#upload-items")).to_contain_text("this is a PDF document, not text")
    expect(page.locator("#upload-progress")).to_have_attribute("data-working", "0", timeout=90_000)
    expect(page.locator("#upload-progress")).to_contain_text("Done:")
    statuses = page.locator("#upload-items [data-status]")
    expect(statuses).to_have_count(9)
    for status in statuses.all():
        expect(status).to_have_attribute("data-status", re.compile("tagged|failed"))
    page.screenshot(path=SHOTS / "ingest-upload-result.png", full_page=True)

    page.locator("#upload-items a", has_text="#").first.click()
    expect(page.locator("#article-status [data-status]")).to_have_attribute("data-status", re.compile("tagged|failed"))


def test_an_editor_sees_feeds_and_a_failing_one_with_its_error(page, live_server, celery_queue) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(exist_ok=True)
    Feed.objects.create(
        url="https://example.com/rss.xml",
        title="Example Sport",
        failures=5,
        last_error="The server answered 503 Service Unavailable.",
    )
    Feed.objects.create(url="https://example.org/atom", title="Calcio News")
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/uploads/")
    page.get_by_role("link", name="Feeds").click()
    failing = page.locator('tr[data-feed-state="failing"]')
    expect(failing).to_contain_text("Failing")
    expect(failing).to_contain_text("503 Service Unavailable")
    page.get_by_label("Feed URL").fill("http://localhost/feed")
    page.get_by_role("button", name="Add feed").click()
    expect(page.get_by_text("a private or internal address; it is not fetched")).to_be_visible()
    page.get_by_label("Feed URL").fill("https://feeds.example.net/calcio.xml")
    page.get_by_role("button", name="Add feed").click()
    expect(page.get_by_role("heading", name="feeds.example.net")).to_be_visible()
    page.screenshot(path=SHOTS / "ingest-feed-detail.png", full_page=True)
    page.goto(f"{live_server.url}/feeds/")
    page.screenshot(path=SHOTS / "ingest-feeds.png", full_page=True)
