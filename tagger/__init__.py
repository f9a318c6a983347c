"""The tagger: a pure-Python package (no Django). Text and a Gazetteer in, a TagResult out."""

from __future__ import annotations

from .core import tag_article
from .gold import result_to_gold
from .types import FoundClaim, FoundClub, FoundOutlet, FoundPlayer, TagResult
from .version import tagger_version

# A hash of everything the output depends on, so `retag` re-reads what an older tagger tagged.
TAGGER_VERSION = tagger_version()

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
