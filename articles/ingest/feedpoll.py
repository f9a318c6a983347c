"""Polling a feed: fetch it with a conditional GET, take each new item once, fetch the page of an item that
carries only a summary, and record a failure on the feed for editors to see."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError
from django.db.models import F, Q
from django.utils import timezone

from ..models import Feed, Upload, UploadKind
from .accept import fetch_policy, upload_accept
from .feeds import FeedEntry, NotAFeed, feed_parse
from .fetch import FetchError, FetchTimeout, url_fetch
from .links import page_read
from .types import Draft, Read, Refusal

log = logging.getLogger(__name__)
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


def feeds_due(*, now: dt.datetime) -> list[int]:
    quiet_since = now - dt.timedelta(seconds=settings.FEED_POLL_SECONDS)
    due = Feed.objects.filter(active=True).filter(Q(last_polled_at__isnull=True) | Q(last_polled_at__lt=quiet_since))
    return list(due.filter(Q(poll_lease_until__isnull=True) | Q(poll_lease_until__lt=now)).values_list("pk", flat=True))


def feed_take(*, feed: Feed, now: dt.datetime) -> bool:
    """Claim the poll with a conditional UPDATE, so beat and a 'poll now' never poll one feed at once."""
    lease = now + dt.timedelta(seconds=settings.FETCH_TIMEOUT_SECONDS * (settings.FEED_MAX_ITEMS_PER_POLL + 3))
    claimable = Q(poll_lease_until__isnull=True) | Q(poll_lease_until__lt=now)
    return Feed.objects.filter(claimable, pk=feed.pk).update(poll_lease_until=lease, last_polled_at=now) == 1


def feed_poll(*, feed: Feed) -> Upload | None:
    """Poll once; returns the upload of the new items, if any, for the caller to queue (articles.tasks).

    A timeout is recorded, then raised for a retry.
    """
    if not feed_take(feed=feed, now=timezone.now()):
        return None
    try:
        fetched = url_fetch(
            feed.url, policy=fetch_policy(), etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT
        )
        if fetched.not_modified:
            feed_ok(feed=feed)
            return None
        parsed = feed_parse(fetched.body, url=fetched.url)
    except FetchTimeout as exc:
        feed_failed(feed=feed, error=str(exc))
        raise
    except (FetchError, NotAFeed) as exc:
        feed_failed(feed=feed, error=str(exc))
        return None
    upload = feed_items_take(feed=feed, entries=parsed.entries, language=parsed.language)
    feed_ok(feed=feed, etag=fetched.etag, last_modified=fetched.last_modified, title=parsed.title)
    return upload


def feed_items_take(*, feed: Feed, entries: list[FeedEntry], language: str) -> Upload | None:
    """The items not taken before, oldest first, as one upload; the unique (feed, key) decides what is new."""
    known = set(feed.items.filter(feed_key__in=[e.key for e in entries]).values_list("feed_key", flat=True))
    new = [entry for entry in reversed(entries) if entry.key not in known]
    new = list({entry.key: entry for entry in new}.values())[: settings.FEED_MAX_ITEMS_PER_POLL]
    if not new:
        return None
    reads = [entry_read(entry) for entry in new]
    try:
        return upload_accept(
            reads=reads,
            kind=UploadKind.FEED,
            label=str(feed)[:500],
            feed=feed,
            keys=[entry.key for entry in new],
            language=language,
        )
    except IntegrityError:
        log.info("feed %s: another poll took these items first", feed.pk)
        return None


def entry_read(entry: FeedEntry) -> Read:
    """The item's own text, or its page's when the feed gives only a summary."""
    draft = Draft(
        source=entry.url or entry.key,
        text=entry.text,
        title=entry.title,
        url=entry.url,
        published=entry.published,
        published_source="feed",
    )
    if len(entry.text) >= settings.FEED_FULL_TEXT_CHARS or not entry.url:
        return draft
    try:
        fetched = url_fetch(entry.url, policy=fetch_policy())
    except FetchError as exc:
        return _summary_kept(draft, f"its page could not be fetched ({exc})")
    page = page_read(draft.source, body=fetched.body, content_type=fetched.content_type, final_url=fetched.url)
    if isinstance(page, Refusal) or len(page.text) <= len(entry.text):
        return _summary_kept(draft, "its page had no longer text")
    page.title = page.title or entry.title
    if entry.published:
        page.published, page.published_source = entry.published, "feed"
    page.notes.append("full text fetched from the item's page")
    return page


def _summary_kept(draft: Draft, why: str) -> Read:
    if len(draft.text) < settings.INGEST_MIN_ARTICLE_CHARS:
        return Refusal(draft.source, f"The feed gave only a short summary and {why}.")
    draft.notes.append(f"only the feed's summary: {why}")
    return draft


def feed_ok(*, feed: Feed, etag: str = "", last_modified: str = "", title: str = "") -> None:
    changes: dict[str, object] = {
        "last_ok_at": timezone.now(),
        "failures": 0,
        "last_error": "",
        "poll_lease_until": None,
    }
    if etag or last_modified:
        changes |= {"etag": etag[:500], "last_modified": last_modified[:100]}
    if title and not feed.title:
        changes["title"] = title[:500]
    Feed.objects.filter(pk=feed.pk).update(**changes)


def feed_failed(*, feed: Feed, error: str) -> None:
    log.warning("feed %s failed: %s", feed.pk, error)
    Feed.objects.filter(pk=feed.pk).update(failures=F("failures") + 1, last_error=error[:2000], poll_lease_until=None)
