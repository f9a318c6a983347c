"""An article's publication date, and where it was read: the one date reader of ingest and tagger alike.

In order of trust: a date the user gave, the feed item's, the page's metadata, the URL's (/2024/12/27/),
then the text's own dateline ("Torino, 27 dicembre 2024", "16. November 2025", "date 2024-12-27").
A date after the article was received is no publication date (a contract "until 2029" is not one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cache

from .langdata import load_language

LANGUAGES = ("en", "it", "es", "de", "fr", "pt")
# Where a date came from, most trusted first; stored on each article as its date source.
SOURCES = ("given", "feed", "page", "url", "text")
EARLIEST = date(1990, 1, 1)  # transfer news from before is a misread, not a date
HEAD = 240  # a dateline sits in the first lines; dates further in are about other things
# Words before a date that make it something other than the day of publication ("until 30 June 2026").
NOT_PUBLICATION = re.compile(
    r"\b(?:until|till|to|by|from|since|before|after|bis|ab|seit|vom|zum|fino|entro|dal|al|hasta|desde|"
    r"jusqu'?au|jusqu'?en|depuis|au|até|ate|desde|a partir)\W{0,3}(?:le|el|il|o|de|em|am|the)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateReading:
    """A publication date and its source (one of SOURCES), or no date and no source: undated."""

    day: date | None = None
    source: str = ""


def date_read(
    *,
    received: date,
    given: date | str | None = None,
    feed: date | str | None = None,
    page: date | str | None = None,
    url: str | None = "",
    text: str = "",
) -> DateReading:
    """The first of the article's dates, in order of trust, that could be its publication date."""
    candidates = (
        ("given", lambda: date_parse(given)),
        ("feed", lambda: date_parse(feed)),
        ("page", lambda: date_parse(page)),
        ("url", lambda: date_in_url(url or "")),
        ("text", lambda: date_in_text(text)),
    )
    for source, read in candidates:
        day = read()
        if day is not None and EARLIEST <= day <= received:
            return DateReading(day, source)
    return DateReading()


def date_parse(value: object) -> date | None:
    """A date typed in a field or carried by metadata: ISO ("2024-12-27", "2024-12-27T10:00Z", a month
    "2023-07" read as its first day), RFC 2822, "12 March 2025" in any of the six languages, "12/03/2025"."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if match := _ISO_START.match(value):
        return _safe_date(match.group(1), match.group(2), match.group(3) or "1")
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return _first_written_date(value)


def date_in_url(url: str) -> date | None:
    """ "/2024/12/27/", "/2018/jul/24/", "-20241227-", "/13-01-2026/", "-27-dicembre-2024" or "/2024/12/"
    (read as its first day) in the address's path; the query and fragment say nothing of the date."""
    path = re.sub(r"^[a-z]+://[^/]+|[?#].*$", "", url.strip(), flags=re.IGNORECASE)
    for pattern in _URL_DATES:
        if match := pattern.search(path):
            parts = match.groupdict()
            return _safe_date(parts["y"], _month_number(parts["m"]), parts.get("d") or "1")
    return _first_written_date(re.sub(r"[-_/+]+", " ", path))


def date_in_text(text: str) -> date | None:
    """The dateline at the start of the text, in any of the six languages; no date further in counts."""
    head = text[:HEAD]
    if not _YEAR.search(head):
        return None  # every pattern needs a year; most texts are done here, quickly
    return _first_written_date(head)


def leading_date_end(text: str) -> int:
    """Where a date that opens the text ends ("date 2024-12-27", "Torino, 27 dicembre 2024"), else 0."""
    head = text[:80]
    for pattern, _ in _text_patterns():
        match = pattern.search(head)
        if match and _DATE_PREFIX.fullmatch(head[: match.start()]):
            return match.end()
    return 0


def _first_written_date(head: str) -> date | None:
    found = []
    for pattern, order in _text_patterns():
        for match in pattern.finditer(head):
            if NOT_PUBLICATION.search(head[max(0, match.start() - 24) : match.start()]):
                continue
            parts = dict(zip(order, match.groups(), strict=True))
            day = _safe_date(parts["y"], _month_number(parts["m"]), parts["d"])
            if day is not None:
                found.append((match.start(), day))
    return min(found)[1] if found else None


def _month_number(month: str) -> str:
    return month if month.isdigit() else str(_months().get(month.lower().rstrip("."), 0))


@cache
def _months() -> dict[str, int]:
    """Month names and their short forms in all six languages: an article's language is not always known."""
    return {name: number for code in LANGUAGES for name, number in load_language(code).months.items()}


@cache
def _text_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    names = "|".join(sorted(map(re.escape, _months()), key=len, reverse=True))
    year = r"((?:19|20)\d\d)"
    return (
        (re.compile(rf"\b{year}-(\d\d)-(\d\d)\b"), "ymd"),
        (
            re.compile(
                rf"\b(\d{{1,2}})(?:st|nd|rd|th|º|°|er)?\.?\s+(?:de\s+)?({names})\.?,?\s+(?:de\s+)?{year}\b", re.I
            ),
            "dmy",
        ),
        (re.compile(rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{year}\b", re.I), "mdy"),
        (re.compile(rf"\b(\d{{1,2}})[./](\d{{1,2}})[./]{year}\b"), "dmy"),
    )


def _safe_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def received_today() -> date:
    """For a reading with no receipt time of its own (a file tagged offline): today, with a day's slack for
    time zones ahead of the machine's."""
    return date.today() + timedelta(days=1)


_ISO_START = re.compile(r"((?:19|20)\d\d)-(\d{1,2})(?:-(\d{1,2}))?(?!\d)")
# What may stand before a date that opens a text: nothing, a label ("date", "Published:") or a place and a comma.
_DATE_PREFIX = re.compile(
    r"\s*(?:(?i:date|dated|published|updated|data|fecha|datum|pubblicato|publicado|publié|veröffentlicht)\s*:?\s*"
    r"|[A-ZÀ-Þ][\w'À-ÿ-]*(?:\s+[A-ZÀ-Þ][\w'À-ÿ-]*)?,\s*)?"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_Y, _M, _D = r"(?P<y>(?:19|20)\d\d)", r"(?P<m>[01]?\d)", r"(?P<d>[0-3]?\d)"
_URL_DATES = (
    re.compile(rf"/{_Y}/{_M}/(?:{_D}(?:/|$|[-_.]))?"),  # /2024/12/27/, /2024/12/
    re.compile(rf"/{_Y}/(?P<m>[a-z]{{3}})/{_D}/", re.IGNORECASE),  # /2018/jul/24/
    re.compile(rf"/{_Y}(?P<m>[01]\d)/{_D}/"),  # /201808/08/
    re.compile(rf"[/_-]{_Y}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),  # -2024-12-27
    re.compile(rf"(?<!\d){_Y}(?P<m>[01]\d)(?P<d>[0-3]\d)(?:\d{{4}})?(?!\d)"),  # -20241227-, -202412272001
    re.compile(rf"{_Y}(?P<m>[01]\d)(?P<d>[0-3]\d)(?=(?:\.\w+)?/?$)"),  # an id that ends in the day: ...320110818
    re.compile(rf"[/_-]{_D}-{_M}-{_Y}(?![\d])"),  # /13-01-2026/
)
