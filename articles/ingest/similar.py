"""Near-copies: a syndicated story reprinted with small edits shares most of its word sequences.

Each text is cut into overlapping runs of four words, each run hashed. The few smallest hashes are the
text's anchors, stored and indexed with the article: two near-identical texts share most of their anchors,
so a lookup by anchor finds the candidates and a full comparison of the runs decides.
"""

from __future__ import annotations

import re
import zlib

ANCHORS = 12
# Candidates must share this many anchors before the texts are compared in full: true copies share about
# seven of twelve, unrelated articles with a common phrase or two rarely more than one.
MIN_SHARED_ANCHORS = 4
# Share of runs two texts must have in common (Jaccard resemblance) to count as copies.
COPY_RESEMBLANCE = 0.6
# Below this many words a text is too short to tell a copy from a coincidence.
MIN_WORDS = 25
WORD = re.compile(r"\w+")
MASK = (1 << 64) - 1
HALF = 1 << 63
K1, K2, K3, K4, K5 = 0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD


def shingles(text: str) -> set[int]:
    """Hashes of every run of four words, stable across processes (PostgreSQL bigints).

    Each word is hashed once (CRC-32) and the four hashes of a run combined with odd multipliers, then
    mixed (a multiply-xorshift step) so that the smallest values are an unbiased sample of the runs. This is
    several times faster than hashing each run's text, and uploads of thousands of articles pay for it.
    """
    words = [zlib.crc32(word.encode("utf-8")) for word in WORD.findall(text.casefold())]
    if len(words) < MIN_WORDS:
        return set()
    runs = zip(words, words[1:], words[2:], words[3:], strict=False)
    mixed = (((a * K1 + b * K2 + c * K3 + d * K4) & MASK) for a, b, c, d in runs)
    return {(((x ^ (x >> 29)) * K5) & MASK) - HALF for x in mixed}


def text_anchors(text: str) -> list[int]:
    return sorted(shingles(text))[:ANCHORS]


def resemblance(first: set[int], second: set[int]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def are_copies(first: str, second: str) -> bool:
    return resemblance(shingles(first), shingles(second)) >= COPY_RESEMBLANCE
