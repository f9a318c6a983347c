"""A title for an article that came without one: its first sentence, without a leading date or dateline."""

from __future__ import annotations

import re

from .dates import leading_date_end
from .text import split_sentences

TITLE_CHARS = 90
# "LONDON (Reuters) -", "Dortmund (dpa) –", "Torino, 27 dicembre 2024 —", "MADRID:": a place, maybe an agency,
# then a dash or colon, at the very start. Three words at most, so a sentence's own dash is not taken for it.
DATELINE = re.compile(r"^\s*[A-ZÀ-Þ][\w'.À-ÿ-]*(?:\s+[\w'.À-ÿ-]+){0,2}\s*(?:\([^)\n]{1,30}\))?\s*[-–—:]\s+")
LEADING_PUNCTUATION = re.compile(r"^[\s,.;:()\[\]|/–—-]+")


def title_from_text(text: str, *, limit: int = TITLE_CHARS) -> str:
    """The first sentence, cut at a word boundary within `limit` characters (an ellipsis says it was cut)."""
    body = _without_dateline(text)
    sentences = split_sentences(body)
    first = " ".join(body[sentences[0].start : sentences[0].end].split()) if sentences else ""
    if len(first) <= limit:
        return first
    cut = first[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def _without_dateline(text: str) -> str:
    text = text.strip()
    for _ in range(2):  # a place then a date, or a date then a place
        text = LEADING_PUNCTUATION.sub("", text[leading_date_end(text) :])
        if match := DATELINE.match(text):
            text = text[match.end() :]
    return text.strip()
