"""Cited sources: the outlets and journalists an article credits ("according to Tuttosport").

A source is credited by a citing word next to its name ("according to X", "X reports"), by a noun that
says what it is ("the Swiss newspaper X", "il giornalista X"), as the one a quote was given to ("told X",
"a confié à X"), or alongside another credited source ("X and Y report"). A known outlet named as a name
(capitalised, quoted, not a word of the sentence) is credited wherever it stands: articles name other
outlets to credit them. Not the publishing outlet itself, not a byline, not a photo credit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tagger.matcher import Gazetteer, Mention
from tagger.names import normalize_name

from .langdata import LangData, lower_text, lower_word_regex
from .people import Cast
from .text import Mask
from .types import FoundOutlet

_UPPER = "A-ZÀ-ÖØ-Þ"
# The rest of a word of a name: dots only inside ("Tuttosport.com", "diario.es"), never at a sentence's end.
_WORD = r"[\w'’+-]*(?:\.[\w'’+-]+)*"
_OPEN_QUOTES = "\"'“«‘„»‹"
_CLOSE_QUOTES = "\"'”»’“«›"
# An outlet name: capitalised words on one line, maybe with a leading article or apostrophe ("L'Équipe",
# "Il Bianconero", "A Bola"); later words may be numbers ("Radio 5") or joined by "de", "dello", "&".
_OUTLET_NAME = re.compile(
    rf"[\"'“«‘„]?((?:(?:Il|La|Lo|Le|L['’]|El|Los|Die|Der|Das|A|O|The|Het|De)[ \t]?)?[{_UPPER}]{_WORD}"
    rf"(?:[ \t]+(?:(?:dello|della|del|de|di|do|da|des|du|of|am|sur|en|&)[ \t]+)?(?:[{_UPPER}]{_WORD}|\d+\b)){{0,3}})"
)
_TRAILING_ARTICLE = re.compile(r"(?:\b(?:the|il|lo|la|l['’]|el|los|las|der|die|das|le|les|o|a|os|as)\s*)+$", re.I)
# "(Sky Sport)", "via Sky": a credit in brackets or after "via". (A dash before a name at the end of a
# paragraph is the author's byline, not a source.)
_ATTRIBUTION = re.compile(r"\(\s*$|\bvia\s*$", re.IGNORECASE)
_BYLINE_DASH = re.compile(r"(?:--|—|–)\s*$")
_WORDS = [re.compile(rf"(?:[\w'’-]+\s+){{{n}}}") for n in range(3)]  # n words to skip
_QUOTED = re.compile(r"[\"“„«»‘']([\w\d][^\"”“«»‘’'\n]{1,39})[\"”“»«’'](?!\w)")
_LEADING_ARTICLE = re.compile(r"(?:the|il|lo|la|el|los|las|der|die|das|le|les|o|a|os|as)[ \t]+")
_PARTICLE_NAME = re.compile(rf"[ \t]+(?:de|di|da|do|del|of)[ \t]+[{_UPPER}]")
_ARTICLES_BEFORE_NAME = r"(?:(?:the|die|der|das|den|la|le|les|il|lo|el|los|o|a|os|as|l['’])[ \t]+|l['’])?"
_NAME_BEFORE = re.compile(rf"(?<![\w'’-])[{_UPPER}]{_WORD}(?:[ \t]+[{_UPPER}]{_WORD}){{0,3}}$")
_CAPITALISED_WORD = re.compile(rf"(?<![\w'’-])(?:(?:al|el)-)?[{_UPPER}][\w'’-]*")
_ALL_ARTICLES = frozenset(
    {"the", "il", "lo", "la", "le", "les", "el", "los", "las", "der", "die", "das", "o", "a", "os", "as", "het", "de"}
    | {"un", "una", "uno", "une", "um", "uma", "ein", "eine"}
)
_DOMAIN_END = re.compile(r"^\.(?:com|net|org|it|es|de|fr|pt|br|co\.uk|uk|ch|at|be)\b")
_CLAUSE_END = re.compile(r"[ \t]*(?:[,.;:)!?\n]|$)")
_GERMAN_ARTICLES = frozenset({"Dem", "Den", "Des", "Der", "Die", "Das"})
_SPACES = re.compile(r"[ \t]*")
_PREVIOUS_WORD = re.compile(r"([\w'’.-]+)[ \t]*$")
_NEXT_WORD = re.compile(r"[ \t]*([\w'’-]+)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n|•–—-])[\s\"'“«„]*$")


@dataclass
class Citation:
    outlet: FoundOutlet
    start: int
    end: int
    journalist: bool = False  # named by a role noun ("il giornalista X"): a source, whatever else he is


def find_citations(
    text: str,
    mentions: list[Mention],
    cast: Cast,
    gazetteer: Gazetteer,
    lang: LangData,
    publisher: set[int],
    publisher_name: str | None = None,
) -> list[Citation]:
    known = [m for m in mentions if m.kind == "outlet" and m.entity_id is not None and m.entity_id not in publisher]
    out = [c for m in known if (c := _known_citation(text, m, gazetteer, lang))]
    out.extend(_outlets_read_as_clubs(text, mentions, gazetteer, lang, publisher))
    # A first name alone (a player's given name) inside a longer name does not take it.
    names = [(m.start, m.end) for m in mentions if m.alias_kind != "given"]
    taken = Mask(len(text), names + list(cast.at))
    # A journalist the player discovery took for a player, or whose name holds a player's surname, is still
    # the journalist a role noun names; a player the knowledge base knows by that whole name is not.
    firm = Mask(
        len(text),
        [(m.start, m.end) for m in mentions if m.kind != "player"]
        + [span for span, key in cast.at.items() if cast.people[key].player_id is not None],
    )
    named = _named_by_a_noun(text, taken, firm, lang)
    journalists = Mask(len(text), [(c.start, c.end) for c in named if c.journalist])
    out.extend(_unknown_citations(text, taken, lang, gazetteer, publisher))
    out = _distinct(out + named)
    out.extend(_coordinated(text, out, known, gazetteer, taken, lang))
    # Coaches, presidents and directors speak ("the chairman X says"): quoted, not credited; unless a
    # role noun calls him a journalist.
    out = [
        c
        for c in out
        if c.outlet.outlet_id is not None
        or journalists.overlaps(c.start, c.end)
        or normalize_name(c.outlet.name) not in cast.staff
    ]
    if publisher_name:  # "El Faro sabe que...": the publisher speaks of itself by its own name
        own = _squeezed(publisher_name)
        out = [c for c in out if c.outlet.outlet_id is not None or _squeezed(c.outlet.name) != own]
    return _one_spelling(sorted(_distinct(out), key=lambda c: c.start), known, text)


def _outlets_read_as_clubs(
    text: str, mentions: list[Mention], gazetteer: Gazetteer, lang: LangData, publisher: set[int]
) -> list[Citation]:
    """A name the matcher read as a club but that an outlet goes by (a paper called "Sport", a club called
    "Sport" for short), right after a citing word or before a citing verb, is the outlet."""
    out = []
    for m in mentions:
        outlet_id = _outlet_names(gazetteer).get(text[m.start : m.end]) if m.kind == "club" else None
        if outlet_id is not None and outlet_id not in publisher and _cued(text, m.start, m.end, lang):
            out.append(_credit(text, m, outlet_id, gazetteer))
    return out


@lru_cache(maxsize=4)
def _outlet_names(gazetteer: Gazetteer) -> dict[str, int]:
    """Every name and alias of a known outlet, as written."""
    names: dict[str, int] = {}
    for outlet in gazetteer.outlets.values():
        for name in (outlet.name, *outlet.aliases, *outlet.case_sensitive_aliases):
            names.setdefault(name, outlet.id)
    return names


def _one_spelling(citations: list[Citation], known: list[Mention], text: str) -> list[Citation]:
    """A known outlet named several ways (by one of its programmes, then by its own name) goes by the
    spelling closest to its own name: the first its name contains or that contains its name, else the
    first it is credited by."""
    spellings: dict[int, list[str]] = {}
    for c in citations:
        if c.outlet.outlet_id is not None:
            spellings.setdefault(c.outlet.outlet_id, []).append(c.outlet.said)
    for m in known:
        if m.entity_id in spellings:
            spellings[m.entity_id].append(_without_article(text[m.start : m.end]))
    for c in citations:
        if c.outlet.outlet_id is not None:
            said = spellings[c.outlet.outlet_id]
            c.outlet.said = next((s for s in said if _close(s, c.outlet.name)), said[0])
    return citations


def _close(said: str, name: str) -> bool:
    folded, own = _squeezed(said), _squeezed(name)
    return bool(folded) and (folded in own or own in folded)


def _squeezed(name: str) -> str:
    return normalize_name(name).replace(" ", "")


def _distinct(citations: list[Citation]) -> list[Citation]:
    """One citation per stretch of text: the first found keeps it."""
    seen = Mask(max((c.end for c in citations), default=0))
    out = []
    for c in citations:
        if not seen.overlaps(c.start, c.end):
            seen.add(c.start, c.end)
            out.append(c)
    return out


def _known_citation(text: str, m: Mention, gazetteer: Gazetteer, lang: LangData) -> Citation | None:
    assert m.entity_id is not None
    outlet = gazetteer.outlets[m.entity_id]
    if _BYLINE_DASH.search(text[max(0, m.start - 5) : m.start]):
        return None  # "-- Jane Roe" at a paragraph's end: who wrote it, not whom it credits
    if outlet.kind == "journalist" or _cued(text, m.start, m.end, lang) or _named_as_a_name(text, m.start, m.end, lang):
        return _credit(text, m, m.entity_id, gazetteer)
    return None


def _credit(text: str, m: Mention, outlet_id: int, gazetteer: Gazetteer) -> Citation:
    """The known outlet credited where the mention names it, as the article spells it."""
    outlet = gazetteer.outlets[outlet_id]
    return Citation(FoundOutlet(outlet.name, outlet.id, _without_article(text[m.start : m.end])), m.start, m.end)


def _without_article(said: str) -> str:
    """ "la Gazzetta dello Sport" is named "Gazzetta dello Sport"; "The Herald" keeps its capital."""
    article = _LEADING_ARTICLE.match(said)
    return said[article.end() :] if article is not None and said[:1].islower() else said


def _cued(text: str, start: int, end: int, lang: LangData) -> bool:
    before = text[max(0, start - 40) : start]
    before = _TRAILING_ARTICLE.sub("", before)
    before = before.rstrip(" " + _OPEN_QUOTES)
    after = _DOMAIN_END.sub("", text[end : end + 40]).lstrip(" ,-" + _CLOSE_QUOTES)  # "Example.com scrive"
    if _ATTRIBUTION.search(before):
        return True
    cue_before = any(
        rx is not None and any(c.end() >= len(before) - 1 for c in rx.finditer(before))
        for rx in (lang.cite_before, _more_before(lang))
    )
    return bool(cue_before or _cued_after(after, lang))


def _cued_after(after: str, lang: LangData) -> bool:
    """A citing verb at the start of the text after a name ("the Times has also reported": a couple of
    words may come between name and verb)."""
    return any(
        rx is not None and any((skip := _WORDS[n].match(after)) and rx.match(after, skip.end()) for n in range(3))
        for rx in (lang.cite_after, _more_after(lang))
    )


def _named_as_a_name(text: str, start: int, end: int, lang: LangData) -> bool:
    """A known outlet written as a name, not as a word of the sentence: quoted, or after a noun that says
    what it is ("the daily Tuttosport"), or capitalised mid-sentence on its own ("the Morning Herald"), not
    an acronym that may be another word ("AS", "SI"), not part of a longer name or a compound
    ("Red Star Ejemplo", "Bayern-Star"), not in a line written in capitals. In a language that
    capitalises its nouns (German: "Star", "Blick") a single word needs quotes or such a noun."""
    if (article := _LEADING_ARTICLE.match(text, start, end)) is not None:
        start = article.end()  # "the Herald": the name after its article
    surface = text[start:end]
    if _quoted(text, start, end):
        return True
    if _after_media_noun(text, start, lang):
        return True
    if not (surface[:1].isupper() or surface[:1].isdigit()) or _in_capitals(text, start, end):
        return False
    if surface.replace(" ", "").isupper() and len(surface.replace(" ", "")) <= 3:
        return False
    if text[start - 1 : start] == "-" or text[end : end + 1] == "-":
        return False
    if _joined_to_a_name(text, start, end):
        return False
    single = len(surface.split()) == 1
    at_start = bool(_SENTENCE_START.search(text[max(0, start - 30) : start]))
    return not (single and (lang.flag("capitalized_nouns") or at_start))


def _quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1] in _OPEN_QUOTES and text[end] in _CLOSE_QUOTES


def _in_capitals(text: str, start: int, end: int) -> bool:
    """A headline or a label in capitals ("LA NOTIZIA", "WAS PASSIERT JETZT"): its words are not names."""
    around = text[max(0, start - 20) : end + 20]
    return not any(c.islower() for c in around)


def _joined_to_a_name(text: str, start: int, end: int) -> bool:
    """The name goes on into another capitalised word: a person ("Anna Spiegel") or a club
    ("AS Esempio", "Red Star Ejemplo"), not the outlet alone."""
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1)[:1].isupper() and text[end : end + 1] in " \t":
        return True
    if _PARTICLE_NAME.match(text, end):
        return True  # "Équipe de ...": a national side, not the paper
    before = text[max(0, start - 40) : start]
    previous = _PREVIOUS_WORD.search(before)
    if previous is None or not previous.group(1)[:1].isupper() or not before.endswith((" ", "\t")):
        return False
    return not _SENTENCE_START.search(before[: previous.start()])


def _after_media_noun(text: str, start: int, lang: LangData) -> bool:
    """ "il quotidiano spagnolo X", "the Swiss newspaper X", "le site X": a noun names what follows an outlet."""
    return start in _media_nouns_at(lang, text)[1]


def _unknown_citations(
    text: str, taken: Mask, lang: LangData, gazetteer: Gazetteer, publisher: set[int]
) -> list[Citation]:
    """An unknown name right after "according to", or in quotes after it ('des Portals "soccerlink"'),
    or right before "reports" / "ha rivelato", is a candidate outlet (the pipeline stores it as such).
    Not after a verb of speech ("said", "sagte"): that quotes a coach or a player as often as a source."""
    if lang.cite_before is None:
        return []
    out = _named_before_verb(text, taken, lang) + _quoted_before_verb(text, taken, lang)
    out += _possessive_before_verb(text, taken, lang)
    # A verb of speech quotes a coach or a player as often as a source; "pour", "wie", "so" are words of
    # every sentence: after them only a known outlet is credited.
    weak = {w.lower() for w in lang.words("speech_verbs") + lang.words("weak_cues")}
    # After "according to" a quoted name may take any shape ('des Portals "fussballnetz"'); after the other
    # cues, only a name's.
    cues = [(s, e, True) for s, e in lang.credits(text) if text[s:e].lower() not in weak]
    for key in ("cite_participles", "recipient_before"):
        cues += [(start, end, False) for start, end in _spans(lang, key, text)]
    for cue_start, cue_end, any_shape in cues:
        if text[cue_start:cue_end].isupper():
            continue  # "WAS PASSIERT JETZT?": a line in capitals, no credit
        found = _unknown_name_at(text, cue_end, taken, lang, any_shape=any_shape)
        found = found or _by_address(text, cue_end, gazetteer, publisher)
        if found is not None:
            out.append(found)
    for _, end in _spans(lang, "quoted_after", text):  # 'bei „Kanal Neun“': a quoted name only
        if (found := _unknown_name_at(text, end, taken, lang, quoted_only=True)) is not None:
            out.append(found)
    return out


_ADDRESS = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?")


def _by_address(text: str, at: int, gazetteer: Gazetteer, publisher: set[int]) -> Citation | None:
    """ "Fonte: https://www.example.pt": a web address after a citing word is the outlet whose domain it is."""
    at = _SPACES.match(text, at).end()  # type: ignore[union-attr]
    address = _ADDRESS.match(text, at)
    if address is None or "." not in address.group():
        return None
    outlet_id = gazetteer.outlet_for_domain(address.group())
    if outlet_id is None or outlet_id in publisher:
        return None
    outlet = gazetteer.outlets[outlet_id]
    return Citation(FoundOutlet(outlet.name, outlet.id, address.group()), address.start(), address.end())


def _unknown_name_at(
    text: str, at: int, taken: Mask, lang: LangData, *, quoted_only: bool = False, any_shape: bool = False
) -> Citation | None:
    """The unknown outlet named at this point of the text, if a name starts there: in quotes, a name's
    shape (capitalised words), unless a noun for an outlet comes before it (the site "xyz")."""
    at = _SPACES.match(text, at).end()  # type: ignore[union-attr]
    quoted = _QUOTED.match(text, at)
    if quoted:
        name = quoted.group(1).strip()
        if taken.overlaps(quoted.start(1), quoted.end(1)) or not normalize_name(name):
            return None
        if not (any_shape or _name_shaped(name)):
            return None
        return Citation(FoundOutlet(name, None, name), quoted.start(1), quoted.end(1))
    if quoted_only:
        return None
    article = _LEADING_ARTICLE.match(text, at) if text[at : at + 1].islower() else None
    if article is not None:
        at = article.end()  # "according to the Herald,"
    match = _OUTLET_NAME.match(text, at)
    if match is None:
        return None
    if article is not None and not _CLAUSE_END.match(text, match.end(1)):
        return None  # "the Madrid club", "the Swiss club's website": a name used as an adjective
    start, end = match.span(1)
    name = match.group(1).strip(" .,'’")
    end = start + len(match.group(1).rstrip(" .,'’"))
    if taken.overlaps(start, end) or not normalize_name(name) or len(name) <= 1 or _not_a_name(text, name, end, lang):
        return None
    return Citation(FoundOutlet(name, None, name), start, end)


def _not_a_name(text: str, name: str, end: int, lang: LangData) -> bool:
    """ "Presseberichten", "la prensa italiana", "Spanish media": a word for the press, or an adjective
    before one, is no outlet. German compounds count by their last part ("laut Klubkreisen")."""
    nouns = lang.whole_words("source_nouns", escape=False)
    if nouns is not None and any(nouns.fullmatch(word) for word in name.split()):
        return True
    words = name.split()
    if words[0] in _GERMAN_ARTICLES or normalize_name(name) in _ALL_ARTICLES:
        return True  # "Den Angaben", "Il": an article at a sentence's start, no name
    if lang.staff_roles is not None and lang.staff_roles.fullmatch(words[0]):
        return True  # "Sportdirektor X erklärte": a director speaks
    media = _media_nouns_at(lang, text)[0]
    if end - len(words[-1]) in media:
        return True  # "the Swiss TV station X": the name is the one after the noun
    following = _NEXT_WORD.match(text, end)
    after = text[end : end + 30].lstrip()
    if following and nouns is not None and nouns.fullmatch(following.group(1)) and not _cued_after(after, lang):
        return True  # "Spanish media" (not "X und Y berichten")
    if _SPACES.match(text, end).end() in media:  # type: ignore[union-attr]
        return True  # "the Swiss news outlet X": the adjective before the noun
    return name.isupper() and len(name) > 4 and " " in name  # a heading in capitals


def _named_by_a_noun(text: str, taken: Mask, firm: Mask, lang: LangData) -> list[Citation]:
    """ "the Swiss newspaper X", "il quotidiano spagnolo X", "o jornal italiano X": an unknown name after a noun
    for an outlet; "il giornalista X", "le journaliste X", "der Reporter X": a journalist after a role noun."""
    out = []
    for at in _media_nouns_at(lang, text)[1]:
        # In quotes after such a noun, a name is the outlet's even where it holds a club's
        # (the channel "Toro Live").
        found = _unknown_name_at(text, at, Mask(0), lang, quoted_only=True, any_shape=True)
        found = found or _unknown_name_at(text, at, taken, lang)
        if found is not None:
            out.append(found)
    for _, end in _spans(lang, "source_roles", text):
        role = _ROLE_THEN_NAME.match(text, end)
        if role is None:
            continue
        person = _PERSON_NAME.match(text, _SPACES.match(text, role.end()).end())  # type: ignore[union-attr]
        if person and (span := _before_a_known_name(person, firm)) is not None:
            name = text[span[0] : span[1]]
            out.append(Citation(FoundOutlet(name, None, name), *span, journalist=True))
    return out


def _before_a_known_name(person: re.Match[str], firm: Mask) -> tuple[int, int] | None:
    """The person's name up to a club or outlet the text names after it ("X Y di Sky", "X Y la Juventus"):
    at least two capitalised words."""
    ends = [person.start() + m.end() for m in _CAPITALISED_WORD.finditer(person.group())]
    for end in reversed(ends[1:]):
        if not firm.overlaps(person.start(), end):
            return person.start(), end
    return None


def _coordinated(
    text: str, found: list[Citation], known: list[Mention], gazetteer: Gazetteer, taken: Mask, lang: LangData
) -> Iterator[Citation]:
    """ "Tuttosport and Il Faro report", "según Marca y Diario Ejemplo": a name joined by "and" to a
    credited source is credited with it."""
    joined = _and_link(lang, before=False)
    if joined is None:
        return
    starts = {m.start: m for m in known}
    for c in found:
        link = joined.match(text, c.end)
        if link is None:
            continue
        at = _SPACES.match(text, link.end()).end()  # type: ignore[union-attr]
        at += 1 if text[at : at + 1] in _OPEN_QUOTES else 0
        m = starts.get(at)
        if m is not None and m.entity_id is not None:
            yield _credit(text, m, m.entity_id, gazetteer)
        elif (other := _unknown_name_at(text, link.end(), taken, lang)) is not None:
            yield other
    yield from _coordinated_before(text, found, known, gazetteer, taken, lang)


def _coordinated_before(
    text: str, found: list[Citation], known: list[Mention], gazetteer: Gazetteer, taken: Mask, lang: LangData
) -> Iterator[Citation]:
    """ "Tuttosport and X report": the name before "and" shares the verb after the credited one."""
    joined = _and_link(lang, before=True)
    if joined is None:
        return
    ends = {m.end: m for m in known}
    for c in found:
        if not _cued_after(text[c.end : c.end + 30].lstrip(" ,-" + _CLOSE_QUOTES), lang):
            continue
        link = joined.search(text, max(0, c.start - 60), c.start)
        if link is None:
            continue
        m = ends.get(link.start())
        if m is not None and m.entity_id is not None:
            yield _credit(text, m, m.entity_id, gazetteer)
            continue
        name = _NAME_BEFORE.search(text, max(0, link.start() - 60), link.start())
        if (
            name is None
            or taken.overlaps(name.start(), name.end())
            or _not_a_name(text, name.group(), name.end(), lang)
        ):
            continue
        yield Citation(FoundOutlet(name.group(), None, name.group()), name.start(), name.end())


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


_PERSON_NAME = re.compile(
    rf"[{_UPPER}](?:\.|{_WORD})(?:[ \t]+(?:(?:de|da|di|do|dos|del|della|van|von|der|al|el|la|le)[ \t]+|(?:al|el)-)?"
    rf"[{_UPPER}][\w'’-]+){{1,3}}"
)


def _name_shaped(name: str) -> bool:
    """Capitalised words, maybe joined by a particle ("Gazzetta dello Sport"): a name, not a quoted phrase."""
    words = name.split()
    particles = {"de", "da", "di", "do", "del", "della", "dello", "des", "du", "of", "am", "&"}
    return 0 < len(words) <= 4 and all(w[:1].isupper() or w[:1].isdigit() or w in particles for w in words)


def _quoted_before_verb(text: str, taken: Mask, lang: LangData) -> list[Citation]:
    """'„Kroniek“ berichtet', '"Kanal Neun"-Reporter': a quoted name before a citing verb."""
    out = []
    for quoted in _QUOTED.finditer(text):
        name = quoted.group(1).strip()
        if taken.overlaps(quoted.start(1), quoted.end(1)) or not _name_shaped(name):
            continue
        if _cued_after(text[quoted.end() : quoted.end() + 30].lstrip(" ,"), lang):
            out.append(Citation(FoundOutlet(name, None, name), quoted.start(1), quoted.end(1)))
    return out


def _possessive_before_verb(text: str, taken: Mask, lang: LangData) -> list[Citation]:
    """ "The Courier's Jane Roe has suggested ...": the journalist and the outlet whose he is, before a
    citing verb."""
    out: list[Citation] = []
    if "'s " not in text and "’s " not in text:
        return out
    for match in _POSSESSIVE.finditer(text):
        if not _cued_after(text[match.end() : match.end() + 30].lstrip(" ,"), lang):
            continue
        for group in (1, 2):
            name = match.group(group)
            start, end = match.span(group)
            if not taken.overlaps(start, end) and not _not_a_name(text, name, end, lang):
                out.append(Citation(FoundOutlet(name, None, name), start, end))
    return out


_POSSESSIVE = re.compile(
    rf"(?<![\w'’])([{_UPPER}]{_WORD}(?:[ \t]+[{_UPPER}]{_WORD}){{0,2}})['’]s"
    rf"[ \t]+([{_UPPER}]{_WORD}[ \t]+[{_UPPER}]{_WORD})"
)
_NAME_BEFORE_VERB = re.compile(rf"[{_UPPER}]{_WORD}[ \t]+[{_UPPER}]{_WORD}(?:[ \t]+[{_UPPER}]{_WORD})?")


def _named_before_verb(text: str, taken: Mask, lang: LangData) -> list[Citation]:
    """ "Mario Bianchi ha rivelato che ...": an unknown journalist credited by name."""
    if lang.cite_after is None:
        return []
    out = []
    for match in _NAME_BEFORE_VERB.finditer(text):
        if taken.overlaps(match.start(), match.end()) or _not_a_name(text, match.group(), match.end(), lang):
            continue
        more = _more_after(lang)
        verb = lang.cite_after.match(text, match.end() + 1) or (more and more.match(text, match.end() + 1))
        if verb and verb.group().lower() not in lang.words("speech_verbs"):
            name = match.group()
            out.append(Citation(FoundOutlet(name, None, name), match.start(), match.end()))
    return out


# -- the language's words, compiled once per language -------------------------------------------------


def _alternation(lang: LangData, key: str, *, escape: bool) -> str | None:
    words = lang.words(key)
    if not words:
        return None
    return "|".join(sorted((re.escape(w) if escape else w for w in words), key=len, reverse=True))


@lru_cache(maxsize=32)
def _lower_regex(lang: LangData, key: str) -> re.Pattern[str] | None:
    """The key's words or patterns as whole words, for the article's lower-cased text: the regex engine
    then tries only the patterns that start with the letter at hand."""
    return lower_word_regex(lang.words(key))


def _spans(lang: LangData, key: str, text: str) -> list[tuple[int, int]]:
    """Where the key's words stand in the text (the same offsets: lower-casing keeps them)."""
    rx = _lower_regex(lang, key)
    return [m.span() for m in rx.finditer(lower_text(text))] if rx is not None else []


@lru_cache(maxsize=8)
def _more_before(lang: LangData) -> re.Pattern[str] | None:
    """Citing phrases a name follows that `cite_before` lacks: a participle and its agent ("riportato dalla",
    "annoncé par", "publicadas pelo"), "selon le". For the end of a short stretch of text."""
    alt = _alternation(lang, "cite_participles", escape=False)
    return re.compile(rf"(?<!\w)(?i:{alt})(?!\w)") if alt else None


@lru_cache(maxsize=8)
def _more_after(lang: LangData) -> re.Pattern[str] | None:
    """Citing verbs a name precedes that `cite_after` lacks: other tenses ("révélait", "anunció")."""
    alt = _alternation(lang, "cite_after_more", escape=True)
    adverbs = _alternation(lang, "cite_adverbs", escape=True)
    skip = rf"(?:(?:{adverbs})[ \t,]+)?" if adverbs else ""
    return re.compile(rf"(?i:{skip}(?:{alt}))(?!\w)") if alt else None


# After a noun for an outlet: maybe an adjective or two ("il quotidiano spagnolo", "le site suisse"), then
# the outlet's name.
_ADJECTIVES_THEN_NAME = re.compile(
    r"(?:[ \t]+(?!(?:de|di|da|do|in|en|em|of|at|from|von|aus|du|des|del|della|dello)\b)[a-zà-ÿ][\w-]{3,}){0,2}"
    rf"[ \t,:]+(?=[{_UPPER}\"“„«‘'»\d])"
)


@lru_cache(maxsize=4)
def _media_nouns_at(lang: LangData, text: str) -> tuple[frozenset[int], dict[int, int]]:
    """Where a noun for an outlet that a name follows starts, and where that name may start. (Not the end of
    a compound: '"Kanal"-Podcast'.)"""
    names = {}
    for start, end in _spans(lang, "media_nouns", text):
        if text[start - 1 : start] != "-" and (tail := _ADJECTIVES_THEN_NAME.match(text, end)) is not None:
            names[tail.end()] = start
    return frozenset(names.values()), names


_ROLE_THEN_NAME = re.compile(rf"(?:[ \t]+[a-zà-ÿ]+)?(?=[ \t]+[{_UPPER}])")


@lru_cache(maxsize=16)
def _and_link(lang: LangData, *, before: bool) -> re.Pattern[str] | None:
    """ ", and the", " y ", " und die": what joins two names; `before` the second name (anchored there)."""
    alt = _alternation(lang, "and_words", escape=True)
    if alt is None:
        return None
    link = rf"[{_CLOSE_QUOTES}]?[ \t]*,?[ \t]+(?i:(?:{alt})[ \t]+{_ARTICLES_BEFORE_NAME})"
    return re.compile(rf"{link}[{_OPEN_QUOTES}]?$" if before else link)
