"""Cited sources: the outlets and journalists an article credits ("according to Tuttosport")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tagger.matcher import Gazetteer, Mention
from tagger.names import normalize_name

from .langdata import LangData
from .people import Cast
from .text import Mask
from .types import FoundOutlet

_UPPER = "A-ZÀ-ÖØ-Þ"
# An outlet name: capitalised words, maybe with a leading article or apostrophe ("L'Équipe", "Il Bianconero", "A Bola").
_OUTLET_NAME = re.compile(
    rf"[\"'“«‘]?((?:(?:Il|La|Lo|Le|L['’]|El|Los|Die|Der|Das|A|O|The)\s?)?[{_UPPER}][\w'’.-]*(?:\s+(?:dello|della|del|de|di|do|da|des|du|of|am|sur)?\s*[{_UPPER}][\w'’.-]*){{0,3}})"
)
_TRAILING_ARTICLE = re.compile(r"(?:\b(?:the|il|lo|la|l['’]|el|los|las|der|die|das|le|les|o|a|os|as)\s*)+$", re.I)
# "(Sky Sport)", "via Sky": a credit in brackets or after "via". (A dash before a name at the end of a
# paragraph is the author's byline, not a source.)
_ATTRIBUTION = re.compile(r"\(\s*$|\bvia\s*$", re.IGNORECASE)
_BYLINE_DASH = re.compile(r"(?:--|—|–)\s*$")
_WORDS = [re.compile(rf"(?:[\w'’-]+\s+){{{n}}}") for n in range(3)]  # n words to skip


@dataclass
class Citation:
    outlet: FoundOutlet
    start: int
    end: int


def find_citations(
    text: str, mentions: list[Mention], cast: Cast, gazetteer: Gazetteer, lang: LangData, publisher: set[int]
) -> list[Citation]:
    out = [c for m in mentions if m.kind == "outlet" and (c := _known_citation(text, m, gazetteer, lang, publisher))]
    taken = Mask(len(text), [(m.start, m.end) for m in mentions] + list(cast.at))
    out.extend(_unknown_citations(text, taken, lang))
    return sorted(out, key=lambda c: c.start)


def _known_citation(
    text: str, m: Mention, gazetteer: Gazetteer, lang: LangData, publisher: set[int]
) -> Citation | None:
    if m.entity_id is None or m.entity_id in publisher:
        return None
    outlet = gazetteer.outlets[m.entity_id]
    byline = _BYLINE_DASH.search(text[max(0, m.start - 5) : m.start])
    if (outlet.kind == "journalist" and not byline) or _cued(text, m.start, m.end, lang):
        return Citation(FoundOutlet(outlet.name, outlet.id), m.start, m.end)
    return None


def _cued(text: str, start: int, end: int, lang: LangData) -> bool:
    before = text[max(0, start - 40) : start]
    before = _TRAILING_ARTICLE.sub("", before)
    before = before.rstrip(" \"'“«‘")
    after = text[end : end + 30].lstrip(" \"'”»’,")
    if _ATTRIBUTION.search(before):
        return True
    cue_before = lang.cite_before is not None and any(
        c.end() >= len(before) - 1 for c in lang.cite_before.finditer(before)
    )
    # "the Times has also reported": a couple of words may come between name and verb.
    cue_after = lang.cite_after is not None and any(
        (skip := _WORDS[n].match(after)) and lang.cite_after.match(after, skip.end()) for n in range(3)
    )
    return bool(cue_before or cue_after)


_QUOTED = re.compile(r"[\"“„«‘']([^\"”“«»‘’'\n]{2,40})[\"”“»’']")


def _unknown_citations(text: str, taken: Mask, lang: LangData) -> list[Citation]:
    """An unknown name right after "according to", or in quotes after it ('des Portals "soccerlink"'),
    or right before "reports" / "ha rivelato", is a candidate outlet (the pipeline stores it as such).
    Not after a verb of speech ("said", "sagte"): that quotes a coach or a player as often as a source."""
    if lang.cite_before is None:
        return []
    out = _named_before_verb(text, taken, lang)
    speech = lang.words("speech_verbs")
    for cue_start, cue_end in lang.credits(text):
        if text[cue_start:cue_end].lower() in speech:
            continue  # '"Wir wollen ihn", sagte Vincent Kompany': a man quoted, not a source credited
        quoted = _QUOTED.match(text, cue_end + 1) or _QUOTED.match(text, cue_end)
        if quoted and not taken.overlaps(quoted.start(1), quoted.end(1)):
            out.append(Citation(FoundOutlet(quoted.group(1).strip(), None), quoted.start(1), quoted.end(1)))
            continue
        match = _OUTLET_NAME.match(text, cue_end + (1 if text[cue_end : cue_end + 1] == " " else 0))
        if match is None:
            continue
        start, end = match.span(1)
        if taken.overlaps(start, end):
            continue
        name = match.group(1).strip(" .,'’")
        if normalize_name(name) and len(name) > 1:
            out.append(Citation(FoundOutlet(name, None), start, end))
    return out


def publisher_ids(gazetteer: Gazetteer, outlet: str | None, url: str | None) -> set[int]:
    """The publishing outlet: credited by itself, never a cited source."""
    ids: set[int] = set()
    if outlet:
        ids.update(m.entity_id for m in gazetteer.match_outlets(outlet) if m.entity_id is not None)
        folded = normalize_name(outlet)
        ids.update(o.id for o in gazetteer.outlets.values() if normalize_name(o.name) == folded)
    for value in (url, outlet):
        if value and (found := gazetteer.outlet_for_domain(value)) is not None:
            ids.add(found)
    return ids


_PERSON_NAME = re.compile(rf"[{_UPPER}][\w'’-]+\s+[{_UPPER}][\w'’-]+(?:\s+[{_UPPER}][\w'’-]+)?")


def _named_before_verb(text: str, taken: Mask, lang: LangData) -> list[Citation]:
    """ "Mario Bianchi ha rivelato che ...": an unknown journalist credited by name."""
    if lang.cite_after is None:
        return []
    out = []
    for match in _PERSON_NAME.finditer(text):
        if taken.overlaps(match.start(), match.end()):
            continue
        verb = lang.cite_after.match(text, match.end() + 1)
        if verb and verb.group().lower() not in lang.words("speech_verbs"):
            out.append(Citation(FoundOutlet(match.group(), None), match.start(), match.end()))
    return out
