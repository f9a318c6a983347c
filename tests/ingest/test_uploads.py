"""The upload page and the upload's result table, through Django's test client."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.ingest.views import FEEDS_PER_PAGE
from articles.models import Article, Feed, Outcome, Upload, UploadStatus
from rumourtracker.roles import editor_grant
from tests.uploads import uploads_read

from .samples import HTML_PAGE, ITALIAN, TOMORI, jsonl, zip_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def user_client(client: Client) -> Client:
    client.force_login(get_user_model().objects.create_user("reporter", password="a-long-test-password"))
    return client


@pytest.fixture
def editor_client(client: Client) -> Client:
    editor = get_user_model().objects.create_user("editor", password="x-long-test-pw")
    editor_grant(editor)
    client.force_login(editor)
    return client


def files(*pairs: tuple[str, bytes]) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, data) for name, data in pairs]


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("article_upload"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_offers_paste_link_and_files(user_client: Client) -> None:
    page = user_client.get(reverse("article_upload")).content.decode()
    for needle in ('name="text"', 'name="link"', 'name="documents"', "multiple", 'enctype="multipart/form-data"'):
        assert needle in page


def test_an_empty_form_says_what_to_do(user_client: Client) -> None:
    response = user_client.post(reverse("article_upload"), {"text": "  "})
    assert response.status_code == 200
    assert "Paste an article, give a link, or choose files" in response.content.decode()
    assert Upload.objects.count() == 0


def test_several_files_give_one_row_per_article_with_reasons(user_client: Client) -> None:
    upload_files = files(
        ("empty.txt", b""),
        ("scan.txt", b"%PDF-1.5\x00\x00binary"),
        ("batch.jsonl", jsonl([{"title": "Tomori", "text": TOMORI}, {"text": ITALIAN}]) + b"\n{oops\n"),
        ("sheet.csv", b"headline,author\nx,y\n"),
        ("page.html", HTML_PAGE.encode()),
        ("bundle.zip", zip_of({"../escape.txt": b"x"})),
    )
    response = user_client.post(reverse("article_upload"), {"documents": upload_files, "outlet": "Tuttosport"})
    upload = Upload.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("upload_detail", args=[upload.pk])
    assert upload.status == UploadStatus.QUEUED and not upload.items.exists(), "nothing is read in the request"
    assert "waiting for a worker to read it" in user_client.get(response["Location"]).content.decode()
    uploads_read()
    assert not upload.parts.exists(), "the raw files are deleted once read"
    outcomes = list(upload.items.order_by("position").values_list("source", "outcome"))
    assert outcomes == [
        ("empty.txt", "rejected"),
        ("scan.txt", "rejected"),
        ("batch.jsonl › line 1", "added"),
        ("batch.jsonl › line 2", "added"),
        ("batch.jsonl › line 3", "rejected"),
        ("sheet.csv", "rejected"),
        ("page.html", "added"),
        ("bundle.zip", "rejected"),
    ]
    page = user_client.get(response["Location"]).content.decode()
    for reason in (
        "The file is empty (0 bytes).",
        "this is a PDF document, not text",
        "not valid JSON",
        "no text column",
        "points outside the archive",
        "Added",
    ):
        assert reason in page
    assert "<script>alert" not in page
    assert set(Article.objects.values_list("outlet__name", flat=True)) == {"Tuttosport"}


def test_the_same_files_twice_are_duplicates_of_the_first_articles(user_client: Client) -> None:
    data = jsonl([{"text": TOMORI}, {"text": ITALIAN}])
    user_client.post(reverse("article_upload"), {"documents": files(("a.jsonl", data))})
    user_client.post(reverse("article_upload"), {"documents": files(("a.jsonl", data))})
    uploads_read()
    first, second = Upload.objects.order_by("pk")
    assert list(second.items.values_list("outcome", flat=True)) == [Outcome.DUPLICATE] * 2
    assert list(second.items.values_list("article_id", flat=True)) == list(
        first.items.values_list("article_id", flat=True)
    )
    page = user_client.get(reverse("upload_detail", args=[second.pk])).content.decode()
    first_article = first.items.values_list("article_id", flat=True)[0]
    assert f'of <a href="/articles/{first_article}/">#' in page


def test_a_pasted_article_is_read_into_its_upload_and_recorded(user_client: Client) -> None:
    pasted = {"title": "<b>Tomori</b>", "text": f"<p>{TOMORI}</p><script>alert(1)</script>", "language": "en"}
    response = user_client.post(reverse("article_upload"), pasted)
    upload = Upload.objects.get()
    assert response["Location"] == reverse("upload_detail", args=[upload.pk])
    uploads_read()
    article = Article.objects.get()
    assert (article.title, article.text, article.language) == ("Tomori", TOMORI, "en")
    assert upload.items.get().outcome == Outcome.ADDED
    user_client.post(reverse("article_upload"), {"text": TOMORI})
    uploads_read()
    again = Upload.objects.latest("pk")
    assert again.items.get().outcome == Outcome.DUPLICATE
    assert (
        f'of <a href="/articles/{article.pk}/">#'
        in user_client.get(reverse("upload_detail", args=[again.pk])).content.decode()
    )


def test_a_link_to_a_private_address_is_rejected_with_the_reason(user_client: Client) -> None:
    response = user_client.post(reverse("article_upload"), {"link": "http://192.168.1.10/admin"})
    uploads_read()
    item = Upload.objects.get().items.get()
    assert item.outcome == Outcome.REJECTED and "private or internal address" in item.reason
    assert "private or internal address" in user_client.get(response["Location"]).content.decode()


def test_a_link_that_is_not_http_is_a_form_error(user_client: Client) -> None:
    response = user_client.post(reverse("article_upload"), {"link": "file:///etc/passwd"})
    assert "Only http and https links are fetched" in response.content.decode()
    assert Upload.objects.count() == 0


def test_the_progress_partial_answers_htmx_and_polls_while_work_is_pending(user_client: Client) -> None:
    user_client.post(reverse("article_upload"), {"documents": files(("a.txt", TOMORI.encode()))})
    upload = Upload.objects.get()
    url = reverse("upload_detail", args=[upload.pk])
    poll = {"HX-Request": "true", "HX-Target": "upload-live"}  # what the section's own poll sends
    assert 'hx-trigger="every 2s"' in user_client.get(url, headers=poll).content.decode()
    uploads_read()
    fragment = user_client.get(url, headers=poll)
    body = fragment.content.decode()
    assert body.lstrip().startswith('<section id="upload-live"') and "<html" not in body
    assert 'hx-trigger="every 2s"' in body and "HX-Request" in fragment["Vary"]
    restore = user_client.get(url, headers={**poll, "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()
    Article.objects.update(status="tagged")
    assert "every 2s" not in user_client.get(url, headers=poll).content.decode()


def test_people_see_only_their_own_uploads(user_client: Client) -> None:
    other = get_user_model().objects.create_user("other", password="a-long-test-password")
    theirs = Upload.objects.create(label="theirs", created_by=other)
    assert user_client.get(reverse("upload_detail", args=[theirs.pk])).status_code == 404


def test_feed_pages_are_for_editors(user_client: Client) -> None:
    assert user_client.get(reverse("feed_list")).status_code == 403


def test_the_feed_list_comes_a_page_at_a_time(editor_client: Client) -> None:
    Feed.objects.bulk_create([Feed(url=f"https://example.com/{n}.xml") for n in range(FEEDS_PER_PAGE + 3)])
    first = editor_client.get(reverse("feed_list")).content.decode()
    last = editor_client.get(reverse("feed_list"), {"page": 2}).content.decode()
    assert first.count("data-feed-state=") == FEEDS_PER_PAGE and last.count("data-feed-state=") == 3
    assert "Page 1 of 2" in first and "Next" in first


def test_an_editor_adds_a_feed_and_sees_it_failing(editor_client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.FEED_FAILING_AFTER = 3
    response = editor_client.post(reverse("feed_add"), {"url": "https://example.com/rss.xml", "outlet": "Example"})
    feed = Feed.objects.get()
    assert response["Location"] == reverse("feed_detail", args=[feed.pk]) and str(feed.outlet) == "Example"
    again = editor_client.post(reverse("feed_add"), {"url": "https://example.com/rss.xml"})
    assert "already on the list" in again.content.decode()
    Feed.objects.update(failures=4, last_error="The server answered 503 Service Unavailable.")
    listing = editor_client.get(reverse("feed_list")).content.decode()
    assert 'data-feed-state="failing"' in listing and "503 Service Unavailable" in listing


def test_failed_articles_of_an_upload_can_be_queued_again(user_client: Client) -> None:
    user_client.post(reverse("article_upload"), {"documents": files(("a.jsonl", jsonl([{"text": TOMORI}])))})
    uploads_read()
    upload = Upload.objects.get()
    Article.objects.update(status="failed", failure_reason="The tagger could not read this article: boom")
    page = user_client.get(reverse("upload_detail", args=[upload.pk])).content.decode()
    assert "boom" in page and "Try the failed ones again" in page
    response = user_client.post(reverse("upload_retry", args=[upload.pk]), follow=True)
    assert "1 failed article queued again." in response.content.decode()
    assert Article.objects.get().status == "pending"


def test_a_link_is_fetched_reduced_and_credited_to_its_site(user_client: Client, site, settings) -> None:  # type: ignore[no-untyped-def]
    settings.FETCH_ALLOW_PRIVATE = True
    url = site.page("/news/tomori", HTML_PAGE)
    user_client.post(reverse("article_upload"), {"link": url})
    assert site.requests == [], "the link is fetched by the reading task, not in the request"
    uploads_read()
    item = Upload.objects.get().items.get()
    assert item.outcome == Outcome.ADDED and item.source == url
    article = Article.objects.get()
    assert (article.title, article.url, str(article.outlet)) == ("Juventus want Tomori", url, "Example Sport")
    assert "<" not in article.text and "Fikayo Tomori" in article.text


def test_a_nul_byte_in_a_line_rejects_that_line_alone_and_its_neighbours_land(user_client: Client) -> None:
    records = [{"text": TOMORI}, {"title": "A\u0000title", "text": ITALIAN}, {"text": ITALIAN + " More.\u0000"}]
    data = jsonl(records) + b"\n" + jsonl([{"text": ITALIAN}])
    response = user_client.post(reverse("article_upload"), {"documents": files(("nul.jsonl", data))})
    assert response.status_code == 302
    uploads_read()
    items = Upload.objects.get().items.order_by("position")
    assert list(items.values_list("outcome", flat=True)) == ["added", "rejected", "rejected", "added"]
    assert "Its title holds a NUL character" in items[1].reason and "Its text holds a NUL" in items[2].reason
    assert "NUL character" in user_client.get(response["Location"]).content.decode()


def test_a_row_the_database_refuses_is_rejected_with_its_reason_and_its_neighbours_land(user_client: Client) -> None:
    from django.db import connection

    with connection.cursor() as cursor:  # a refusal of the database's own, for this test's transaction only
        cursor.execute("ALTER TABLE articles_article ADD CONSTRAINT test_refused CHECK (title <> 'Refuse me')")
    data = jsonl([{"text": TOMORI}, {"title": "Refuse me", "text": ITALIAN}, {"text": ITALIAN + " More."}])
    user_client.post(reverse("article_upload"), {"documents": files(("a.jsonl", data))})
    uploads_read()
    items = Upload.objects.get().items.order_by("position")
    assert list(items.values_list("outcome", flat=True)) == ["added", "rejected", "added"]
    assert "The database refused it" in items[1].reason and "test_refused" in items[1].reason
