"""Publication dates from a field people typed, a feed's date, or the dateline of the text itself."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

MONTHS = {
    # English, Italian, Spanish, Portuguese, French, German: full names and common short forms.
    **dict.fromkeys(["january", "jan", "gennaio", "enero", "janeiro", "janvier", "januar"], 1),
    **dict.fromkeys(["february", "feb", "febbraio", "febrero", "fevereiro", "février", "fevrier", "februar"], 2),
    **dict.fromkeys(["march", "mar", "marzo", "março", "marco", "mars", "märz", "marz"], 3),
    **dict.fromkeys(["april", "apr", "aprile", "abril", "avril"], 4),
    **dict.fromkeys(["may", "maggio", "mayo", "maio", "mai"], 5),
    **dict.fromkeys(["june", "jun", "giugno", "junio", "junho", "juin", "juni"], 6),
    **dict.fromkeys(["july", "jul", "luglio", "julio", "julho", "juillet", "juli"], 7),
    **dict.fromkeys(["august", "aug", "agosto", "août", "aout"], 8),
    **dict.fromkeys(["september", "sep", "sept", "settembre", "septiembre", "setembro", "septembre"], 9),
    **dict.fromkeys(["october", "oct", "ottobre", "octubre", "outubro", "octobre", "oktober"], 10),
    **dict.fromkeys(["november", "nov", "novembre", "noviembre", "novembro"], 11),
    **dict.fromkeys(["december", "dec", "dicembre", "diciembre", "dezembro", "décembre", "decembre", "dezember"], 12),
}
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
YEAR = re.compile(r"(?:19|20)\d\d")
ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|º|°)?\.?\s+(?:de\s+)?({_MONTH})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)\b", re.IGNORECASE
)
MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b")


def date_parse(value: str, *, today: dt.date | None = None) -> dt.date | None:
    """A date typed in a field or carried by a feed: ISO, RFC 2822, '12 March 2025', or day-first '12/03/2025'."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return _sane(dt.date.fromisoformat(value[:10]), today)
    except ValueError:
        pass
    try:
        return _sane(parsedate_to_datetime(value).date(), today)
    except (TypeError, ValueError, IndexError):
        pass
    return date_in_text(value, today=today, head=len(value))


def date_in_text(text: str, *, today: dt.date | None = None, head: int = 400) -> dt.date | None:
    """A dateline near the top of an article ('Turin, 12 March 2025 -'); only the first lines are read."""
    start = text[:head]
    if not YEAR.search(start):
        return None  # every pattern below needs a year; most texts are done here, quickly
    for pattern, order in ((ISO, "ymd"), (DAY_MONTH_YEAR, "dmy"), (MONTH_DAY_YEAR, "mdy"), (NUMERIC, "dmy")):
        for match in pattern.finditer(start):
            found = _from_parts(dict(zip(order, match.groups(), strict=True)), today)
            if found is not None:
                return found
    return None


def _from_parts(parts: dict[str, str], today: dt.date | None) -> dt.date | None:
    month = parts["m"]
    number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return _sane(dt.date(int(parts["y"]), number, int(parts["d"])), today)
    except ValueError:
        return None


def _sane(day: dt.date, today: dt.date | None) -> dt.date | None:
    """Transfer news from before 1990 or from next year is a misread, not a date."""
    today = today or dt.date.today()
    return day if dt.date(1990, 1, 1) <= day <= today + dt.timedelta(days=2) else None
