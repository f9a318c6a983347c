"""Offline language detection, limited to the six languages the tagger reads plus "other"."""

from __future__ import annotations

import threading
from typing import Any

from tagger.names import normalize_name

from .langdata import load_language

LANGUAGES = ("en", "it", "es", "de", "fr", "pt")
OTHER = "other"
_MIN_CONFIDENCE = 0.5
_lock = threading.Lock()
_detectors: dict[str, Any] = {}
# lingua's low-accuracy mode (trigrams only) takes a quarter of the time and agrees with the full models on
# a whole sample whenever it is this sure; shorter samples, and one whole one in fifty, go to the full models.
_QUICK_CONFIDENCE = 0.9


def _build() -> dict[str, Any]:
    """Building the lingua detectors takes a second or two: once per process. The full models load now rather
    than at the first article unsure enough to need them, which would stall it."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    with _lock:
        if not _detectors:
            languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES]
            # A few more languages give "other" a chance instead of forcing one of the six.
            extra = [Language.DUTCH, Language.TURKISH, Language.POLISH, Language.CATALAN]
            builder = LanguageDetectorBuilder.from_languages(*languages, *extra)
            _detectors["full"] = builder.build()
            _detectors["full"].compute_language_confidence_values("transfer")  # loads every language's models
            _detectors["quick"] = builder.with_low_accuracy_mode().build()
        return _detectors


_SAMPLE = 120  # characters of words that are not names: enough for the six languages; lingua's time grows with it
_OPENING_MARKS = "\"'“«‘(¿¡"


def _sample(text: str) -> str:
    """The start of the text without capitalised words: names ("Fenerbahçe", "Jhon Durán") say nothing of
    the article's language and lead lingua astray when a text is full of them."""
    words = [w for w in text[: _SAMPLE * 3].split() if not w.lstrip(_OPENING_MARKS)[:1].isupper()]
    sample = " ".join(words)[:_SAMPLE]
    return sample if len(sample) >= _SAMPLE // 10 else text[:_SAMPLE]  # all capitals: the text as it is


def detect_language(text: str) -> str:
    """The article's language code ("en", "it", ...), or "other"."""
    sample = _sample(text)
    if not sample.strip():
        return OTHER
    values = _confidences(sample)
    if not values:
        return OTHER
    code = values[0].language.iso_code_639_1.name.lower()
    if values[0].value >= _MIN_CONFIDENCE:
        return code if code in LANGUAGES else OTHER
    # Unsure (short text, foreign names): the language whose function words the text uses most decides
    # among lingua's three best guesses.
    guesses = [v.language.iso_code_639_1.name.lower() for v in values[:3]]
    guesses = [g for g in guesses if g in LANGUAGES]
    # Counted in the text as written: its capitalised openers ("El", "Der", "Le") are the telling ones.
    words = normalize_name(text[:300]).split()
    return max(guesses, key=lambda g: _function_words(words, g)) if guesses else OTHER


def _confidences(sample: str) -> list[Any]:
    """lingua's guesses, surest first: the quick models' when they are sure of a whole sample."""
    detectors = _detectors or _build()
    values = detectors["quick"].compute_language_confidence_values(sample) if len(sample) == _SAMPLE else []
    if not values or values[0].value < _QUICK_CONFIDENCE:
        values = detectors["full"].compute_language_confidence_values(sample)
    return values


def _function_words(words: list[str], code: str) -> int:
    stopwords = load_language(code).stopwords
    return sum(1 for word in words if word in stopwords)
