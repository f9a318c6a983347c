"""Full-text search settings and query words, in plain Python (no Django).

Each article's text is indexed with the PostgreSQL text-search configuration of its language, so Italian
words are stemmed as Italian; a query is run through every configuration, so one search box finds
articles in any language.
"""

from __future__ import annotations

import re

# Article language code -> PostgreSQL text-search configuration. Any other language uses "simple".
SEARCH_CONFIGS: dict[str, str] = {
    "en": "english",
    "it": "italian",
    "es": "spanish",
    "de": "german",
    "fr": "french",
    "pt": "portuguese",
    "nl": "dutch",
    "tr": "turkish",
}
FALLBACK_CONFIG = "simple"
ALL_CONFIGS: tuple[str, ...] = (*SEARCH_CONFIGS.values(), FALLBACK_CONFIG)

# ts_headline marks the words found with these control characters; the `marked` template filter escapes the
# text, then turns them into <mark>.
MARK_START, MARK_STOP = "\u0002", "\u0003"

# Words shorter than this are too common to look up as names by trigram.
MIN_NAME_WORD = 3


def query_words(query: str) -> list[str]:
    """The words of a search, in order, without duplicates or punctuation."""
    words: list[str] = []
    for word in re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", query):
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    return words[:8]


def name_words(query: str) -> list[str]:
    """The words of a search long enough to be matched against names."""
    return [w for w in query_words(query) if len(w) >= MIN_NAME_WORD]
