"""The tagger: a pure-Python package (no Django). Text and a Gazetteer in, a TagResult out."""

from __future__ import annotations

from .core import tag_article
from .gold import result_to_gold
from .langdata import data_hash
from .types import FoundClaim, FoundClub, FoundOutlet, FoundPlayer, TagResult

# Bump the constant when the code's behaviour changes; the hash follows the language data files.
TAGGER_CODE_VERSION = "6"
TAGGER_VERSION = f"{TAGGER_CODE_VERSION}+{data_hash()}"

__all__ = [
    "TAGGER_VERSION",
    "FoundClaim",
    "FoundClub",
    "FoundOutlet",
    "FoundPlayer",
    "TagResult",
    "result_to_gold",
    "tag_article",
]
