"""Feeds: conditional GET, each item taken once, summaries completed from their page, failures shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.ingest.feedpoll import feed_poll, feeds_due
from articles.ingest.feeds import feed_parse
from articles.models import Article, Feed, Outcome, UploadItem
from players.models import Outlet

from .conftest import LocalSite, Request
from .samples import HTML_PAGE, ITALIAN, TOMORI, article

pytestmark = pytest.mark.django_db


def rss(*items: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example Sport news</title>
<link>https://example.com/</link><language>en</language>{"".join(items)}</channel></rss>"""


def item(guid: str, title: str, body: str, link: str = "") -> str:
    return (
        f"<item><guid>{guid}</guid><title>{title}</title><link>{link or 'https://example.com/' + guid}</link>"
        f"<pubDate>Wed, 12 Mar 2025 10:00:00 GMT</pubDate><description><![CDATA[{body}]]></description></item>"
    )


@pytest.fixture
def allow_local(settings) -> None:  # type: ignore[no-untyped-def]
    settings.FETCH_ALLOW_PRIVATE = True
    settings.FEED_FULL_TEXT_CHARS = 150


def polled(feed: Feed) -> int:
    """How many new items one poll took."""
    upload = feed_poll(feed=feed)
    return upload.items.count() if upload is not None else 0


def serve_feed(site: LocalSite, body: str, etag: str) -> None:
    """Answers 304 to a client that already has this version, like a well-behaved feed server."""

    def answer(request: Request) -> tuple[int, dict[str, str], bytes]:
        if request.headers.get("if-none-match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, body.encode()

    site.routes["/rss"] = answer


def test_items_are_taken_once_and_an_unchanged_feed_is_not_read_again(site: LocalSite, allow_local: None) -> None:
    outlet = Outlet.objects.create(name="Example Sport")
    feed = Feed.objects.create(url=site.base + "/rss", outlet=outlet)
    serve_feed(site, rss(item("a1", "Tomori", f"<p>{TOMORI}</p>"), item("a2", "Italiano", ITALIAN)), '"v1"')
    assert polled(feed) == 2
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.title == "Example Sport news" and feed.failures == 0
    assert set(Article.objects.values_list("outlet__name", flat=True)) == {"Example Sport"}
    assert Article.objects.get(title="Tomori").text == TOMORI

    Feed.objects.filter(pk=feed.pk).update(last_polled_at=None)
    assert polled(feed) == 0
    assert site.requests[-1].headers["if-none-match"] == '"v1"'

    serve_feed(
        site,
        rss(
            item("a3", "New", f"<p>{article(3)}</p>"),
            item("a1", "Tomori again", f"<p>{TOMORI}</p>"),
            item("a2", "Italiano", ITALIAN),
        ),
        '"v2"',
    )
    feed.refresh_from_db()
    assert polled(feed) == 1
    assert UploadItem.objects.filter(feed=feed).count() == 3
    assert Article.objects.count() == 3


def test_an_item_with_only_a_summary_gets_its_page_fetched(site: LocalSite, allow_local: None) -> None:
    page = site.page("/story", HTML_PAGE)
    serve_feed(site, rss(item("s1", "Juventus want Tomori", "Juventus are after Tomori.", link=page)), '"s"')
    feed = Feed.objects.create(url=site.base + "/rss")
    assert polled(feed) == 1
    taken = UploadItem.objects.get(feed=feed)
    assert taken.outcome == Outcome.ADDED and "full text fetched" in taken.note
    stored = taken.article
    assert stored is not None
    assert "Fikayo Tomori" in stored.text and "midfielder" in stored.text and "<" not in stored.text
    assert stored.url == page and stored.published == dt.date(2025, 3, 12)


def test_a_summary_whose_page_is_private_is_kept_as_a_summary_or_refused(  # type: ignore[no-untyped-def]
    site: LocalSite, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from articles.ingest import fetch

    settings.FEED_FULL_TEXT_CHARS = 10_000
    real = fetch._public
    # The feed is on our local server; the item pages are on a private address, never fetched.
    monkeypatch.setattr(fetch, "_public", lambda ip: str(ip) == "127.0.0.1" or real(ip))
    serve_feed(
        site,
        rss(
            item("p1", "Short", "Juve want Tomori.", link="http://10.0.0.1/story"),
            item("p2", "Longer", TOMORI, link="http://10.0.0.1/other"),
        ),
        '"p"',
    )
    feed = Feed.objects.create(url=site.base + "/rss")
    assert polled(feed) == 2
    short = UploadItem.objects.get(feed=feed, source="http://10.0.0.1/story")
    longer = UploadItem.objects.get(feed=feed, source="http://10.0.0.1/other")
    assert short.outcome == Outcome.REJECTED and "private or internal address" in short.reason
    assert longer.outcome == Outcome.ADDED and "only the feed's summary" in longer.note


def test_a_failing_feed_counts_its_failures_and_keeps_the_last_error(
    site: LocalSite, allow_local: None, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.FEED_FAILING_AFTER = 2
    feed = Feed.objects.create(url=site.base + "/gone")
    for _ in range(2):
        Feed.objects.filter(pk=feed.pk).update(poll_lease_until=None)
        assert polled(feed) == 0
    feed.refresh_from_db()
    assert feed.failures == 2 and feed.failing and "answered 404" in feed.last_error
    site.page("/gone", "<html><body>not a feed at all</body></html>")
    feed_poll(feed=feed)
    feed.refresh_from_db()
    assert "not an RSS or Atom feed" in feed.last_error and feed.failures == 3


def test_a_feed_is_polled_when_due_and_not_while_another_poll_holds_it(site: LocalSite, allow_local: None) -> None:
    from django.utils import timezone

    feed = Feed.objects.create(url=site.base + "/rss")
    paused = Feed.objects.create(url=site.base + "/paused", active=False)
    assert feeds_due(now=timezone.now()) == [feed.pk]
    serve_feed(site, rss(item("d1", "Tomori", TOMORI)), '"d"')
    feed_poll(feed=feed)
    assert feeds_due(now=timezone.now()) == []
    assert paused.pk not in feeds_due(now=timezone.now())


def test_atom_feeds_are_read_and_entries_without_guid_use_their_link() -> None:
    atom = f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
    <entry><title>Tomori</title><link href="https://example.com/t"/><updated>2025-03-12T10:00:00Z</updated>
    <content type="html">&lt;p&gt;{TOMORI}&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</content></entry></feed>"""
    parsed = feed_parse(atom.encode(), url="https://example.com/atom")
    (entry,) = parsed.entries
    assert entry.key == "https://example.com/t" and entry.text == TOMORI and entry.published == dt.date(2025, 3, 12)


def test_a_feed_that_times_out_is_recorded_then_raised_for_the_task_to_retry(site: LocalSite, settings) -> None:  # type: ignore[no-untyped-def]
    from articles.ingest.fetch import FetchTimeout

    settings.FETCH_ALLOW_PRIVATE = True
    settings.FETCH_TIMEOUT_SECONDS = 0.5
    feed = Feed.objects.create(url=site.slow("/slow", 2))
    with pytest.raises(FetchTimeout):
        feed_poll(feed=feed)
    feed.refresh_from_db()
    assert feed.failures == 1 and "did not answer" in feed.last_error and feed.poll_lease_until is None


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://169.254.169.254/"])
def test_a_feed_at_an_internal_address_is_refused_when_added(client, url: str) -> None:  # type: ignore[no-untyped-def]
    editor = get_user_model().objects.create_user("feed-editor", password="a-long-test-password", is_staff=True)
    client.force_login(editor)
    response = client.post(reverse("feed_add"), {"url": url, "outlet": "Nobody"})
    assert response.status_code == 200
    assert "a private or internal address; it is not fetched" in response.content.decode()
    assert not Feed.objects.exists()
