"""Offline language detection, limited to the six languages the tagger reads plus "other"."""

from __future__ import annotations

import threading
from typing import Any

from players.names import normalize_name

from .langdata import load_language

LANGUAGES = ("en", "it", "es", "de", "fr", "pt")
OTHER = "other"
_MIN_CONFIDENCE = 0.5
_lock = threading.Lock()
_detector: dict[str, Any] = {}


def _build() -> Any:
    """Building a lingua detector takes seconds: once per process."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    with _lock:
        if "detector" not in _detector:
            languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES]
            # A few more languages give "other" a chance instead of forcing one of the six.
            extra = [Language.DUTCH, Language.TURKISH, Language.POLISH, Language.CATALAN]
            _detector["detector"] = LanguageDetectorBuilder.from_languages(*languages, *extra).build()
        return _detector["detector"]


def detect_language(text: str) -> str:
    """The article's language code ("en", "it", ...), or "other"."""
    sample = text[:200]  # enough to tell six languages apart (checked on real articles); lingua's time grows with it
    if not sample.strip():
        return OTHER
    detector = _detector.get("detector") or _build()
    values = detector.compute_language_confidence_values(sample)
    if not values:
        return OTHER
    code = values[0].language.iso_code_639_1.name.lower()
    if values[0].value >= _MIN_CONFIDENCE:
        return code if code in LANGUAGES else OTHER
    # Unsure (short text, foreign names): the language whose function words the text uses most decides
    # among lingua's three best guesses.
    guesses = [v.language.iso_code_639_1.name.lower() for v in values[:3]]
    guesses = [g for g in guesses if g in LANGUAGES]
    words = normalize_name(sample).split()
    return max(guesses, key=lambda g: _function_words(words, g)) if guesses else OTHER


def _function_words(words: list[str], code: str) -> int:
    stopwords = load_language(code).stopwords
    return sum(1 for word in words if word in stopwords)
