"""Name normalisation shared by the knowledge base and the matcher: no Django import."""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus an accent.
_FOLDS = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "þ": "th",
    }
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=200_000)
def normalize_name(text: str) -> str:
    """Fold case, accents and punctuation: "Ødegaard" and "Odegaard" give "odegaard"."""
    if text and text.isascii():  # nothing to decompose or fold: the same result without the Unicode steps
        return _NOT_ALNUM.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFKD", (text or "").translate(_FOLDS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NOT_ALNUM.sub(" ", text).strip()


def slugify_key(text: str) -> str:
    return normalize_name(text).replace(" ", "-")
