"""RSS and Atom feeds read with feedparser, from bytes we fetched ourselves (feedparser never fetches)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import feedparser

from .markup import text_clean, text_tidy


class NotAFeed(Exception):
    """The bytes are not an RSS or Atom feed; the message says what feedparser found."""


@dataclass
class FeedEntry:
    key: str
    url: str
    title: str
    text: str
    published: dt.date | None


@dataclass
class ParsedFeed:
    title: str
    language: str
    entries: list[FeedEntry]


def feed_parse(body: bytes, *, url: str) -> ParsedFeed:
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if parsed.bozo and not parsed.entries:
        raise NotAFeed(f"This is not an RSS or Atom feed ({str(parsed.get('bozo_exception', 'unreadable'))[:200]}).")
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed("This is not an RSS or Atom feed.")
    feed = parsed.feed
    return ParsedFeed(
        title=text_tidy(feed.get("title", "")),
        language=(feed.get("language") or "")[:2].lower(),
        entries=[_entry(entry) for entry in parsed.entries],
    )


def _entry(entry: feedparser.FeedParserDict) -> FeedEntry:
    contents = [c.get("value", "") for c in entry.get("content", [])]
    body = max(contents, key=len) if contents else entry.get("summary", "")
    url = entry.get("link", "")
    return FeedEntry(
        key=entry_key(entry.get("id", ""), url, entry.get("title", ""), body),
        url=url,
        title=text_tidy(text_clean(entry.get("title", ""))).replace("\n", " "),
        text=text_clean(body),
        published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
    )


def entry_key(guid: str, url: str, title: str, body: str) -> str:
    """What makes an item the same item next time: its guid, else its link, else a hash of what it says."""
    if guid or url:
        return (guid or url)[:500]
    return "sha256:" + hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()


def _date(parsed: object) -> dt.date | None:
    try:
        return dt.date(*parsed[:3]) if parsed else None  # type: ignore[index]
    except (TypeError, ValueError):
        return None
