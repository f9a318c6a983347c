"""The article's publication date: from its metadata, else from its text."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from .langdata import LangData

_ISO = re.compile(r"\b(20\d\d|19\d\d)-(\d{1,2})(?:-(\d{1,2}))?\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](20\d\d)\b")


def parse_metadata_date(value: object) -> date | None:
    """ "2024-12-27", "2024-12-27T10:00:00Z" or a month alone ("2023-07", read as its first day)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO.match(value.strip())
    return _safe_date(match.group(1), match.group(2), match.group(3) or "1") if match else None


def date_from_text(text: str, lang: LangData) -> date | None:
    """A date near the start of the text: "date 2024-12-27", "16 novembre 2025", "November 16, 2025", "16.11.2025"."""
    head = text[:400]
    match = _ISO.search(head)
    if match and match.group(3):
        return _safe_date(match.group(1), match.group(2), match.group(3))
    day_first, month_first = _month_name_dates(lang)
    if day_first is not None and (match := day_first.search(head)):
        day, month, year = match.groups()
        return _safe_date(year, str(lang.months[month.lower()]), day)
    if month_first is not None and (match := month_first.search(head)):
        month, day, year = match.groups()
        return _safe_date(year, str(lang.months[month.lower()]), day)
    numeric = _NUMERIC.search(head)
    return _safe_date(numeric.group(3), numeric.group(2), numeric.group(1)) if numeric else None


@cache
def _month_name_dates(lang: LangData) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """ "16 novembre 2025" and "November 16, 2025" in the language's month names, compiled once."""
    if not lang.months:
        return None, None
    names = "|".join(sorted(lang.months, key=len, reverse=True))
    return (
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|º|°|er)?\.?\s+(?:de\s+)?({names})\.?\s+(?:de\s+)?(20\d\d)\b", re.I),
        re.compile(rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(20\d\d)\b", re.I),
    )


def _safe_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
