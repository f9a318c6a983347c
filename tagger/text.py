"""Cutting an article into sentences and blanking what is not the article's own text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .langdata import LangData

# A sentence ends at . ! ? or a line break, but not after an initial or a common abbreviation.
# The mark itself is matched and left out of the break (group "gap"): a regex that starts with a character
# class lets the engine jump from mark to mark, where a lookbehind would be tried at every character.
_SENTENCE_END = re.compile(r"[.!?…](?P<gap>(?:\s*[\"'”»)])*\s+)(?=[\"'“«(]*[A-ZÀ-Ý0-9¿¡])|(?P<lines>\n+)")
# "1. FC Köln", "am 24. Februar": a number with a dot after a space is an ordinal, not a sentence end.
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]|Mr|Mrs|Dr|St|No|vs|v|Jr|Sr|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)|(?:^|\s)\d{1,2})\.$"
)
# Photo credits in brackets or after a bullet: "(Photo by X/Getty Images)", "| Imago", "Foto: LaPresse".
_CREDIT = re.compile(
    r"\([^()]{0,80}?(?:getty|imago|afp|reuters|lapresse|ansa|dpa|ap photo|shutterstock|foto|photo)[^()]{0,80}\)",
    re.IGNORECASE,
)
_LINE = re.compile(r"[^\n]+")
# Credits, bylines and "read also" lines are short; a paragraph that mentions "dpa" or "Getty Images" is text.
_SHORT_LINE = 300
SENTENCE_EDGE = re.compile(r"[.!?\n]")  # where a sentence may end, for a quick look around a name


class Mask:
    """Which characters of a text are taken by a name: overlap checks in C, not a loop over spans."""

    def __init__(self, length: int, spans: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
        self.bits = bytearray(length + 1)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        self.bits[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.bits.find(1, start, end) != -1

    def at(self, offset: int) -> bool:
        return 0 <= offset < len(self.bits) and self.bits[offset] == 1


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans replaced by spaces, so offsets stay true."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def ignored_spans(text: str, lang: LangData) -> list[tuple[int, int]]:
    """Photo credits, bylines, "read also" lines: not the article's claims."""
    spans = [(m.start(), m.end()) for m in _CREDIT.finditer(text)]
    for line in _LINE.finditer(text):
        if len(line.group()) <= _SHORT_LINE and any(p.search(line.group()) for p in lang.ignore_lines):
            spans.append((line.start(), line.end()))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    paragraph = 0
    for match in _SENTENCE_END.finditer(text):
        gap_start, gap_end = match.span("gap") if match.group("gap") is not None else match.span("lines")
        if "\n" not in match.group() and _ABBREVIATION.search(text[max(0, gap_start - 5) : gap_start]):
            continue  # "Mr. Smith", "1. FC Köln"; a line break always ends the sentence
        _append(out, text, start, gap_start, paragraph)
        if "\n" in match.group():
            paragraph += 1
        start = gap_end
    _append(out, text, start, len(text), paragraph)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        out.append(Sentence(start + lead, start + lead + len(stripped), stripped, paragraph))


_WORD_RUN = re.compile(r"\w+")


def written_in_lower_case(text: str, word: str) -> bool:
    """The word, capitalised here, is written in lower case somewhere in the text: a word of the language,
    not a name ("Start" beside "a good start")."""
    lower = word.lower()
    if lower == word:
        return False
    if _WORD_RUN.fullmatch(lower):  # a whole run of word characters: a set lookup, not a search of the text
        return lower in _word_runs(text)
    return re.search(rf"(?<!\w){re.escape(lower)}(?!\w)", text) is not None


@lru_cache(maxsize=4)
def _word_runs(text: str) -> frozenset[str]:
    return frozenset(_WORD_RUN.findall(text))
