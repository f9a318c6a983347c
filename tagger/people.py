"""Who the players in an article are: knowledge-base matches plus players found by how the text names them.

A name is a player when the knowledge base knows him under that full name, or when the text says so:
a role word before it ("the Milan defender X", "il centrale dell'Udinese X"), a transfer noun ("the
signing of X"), or a transfer sentence with a club in which he is the one moving. Coaches, directors,
presidents, agents and journalists are recognised by their role words and kept out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Protocol

from tagger.matcher import Gazetteer, Mention, PlayerEntry
from tagger.names import normalize_name

from .langdata import LangData, places_and_peoples
from .positions import OWN_CLUB_REACH, states_own_club
from .text import SENTENCE_EDGE, Mask, written_in_lower_case

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_NAME_WORD = rf"(?:[{_UPPER}][\w'’.-]*\w|[{_UPPER}])"
_PARTICLE = r"(?i:de|da|di|do|dos|das|del|della|van|von|der|den|ten|ter|le|la|el|al|ben|mac|van der|van de|de la)"
# One to four capitalised words, with surname particles between them ("Virgil van Dijk", "Kim Min-jae").
NAME_RE = re.compile(rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_WORD}){{0,3}}")
_LEFT_NAME = re.compile(rf"({_NAME_WORD})[ \t]+(?:{_PARTICLE}[ \t]+)?$")
_RIGHT_NAME = re.compile(rf"[ \t]+(?:{_PARTICLE}[ \t]+)?({_NAME_WORD})")
_PARTICLE_GAP = re.compile(rf"[ \t]+{_PARTICLE}[ \t]+")
_STAFF_GAP = re.compile(
    r"[\s,:'’(]*(?:(?:of|de|del|du|des|von|vom|der|da|do|dos|das|di|dell|della|dello|degli|dei|delle)\s*['’]?\s*"
    r"(?:(?:l['’]|(?:the|la|le|el)\s+))?)?"  # "the coach of the Reds X", "le président de l'Olympique X"
)
_ROLE_GAP = re.compile(
    r"[\s,:'’]*(?:(?:of|de|del|du|des|von|vom|der|da|do|di|dell|della|dello|dal|al)\s*['’]?\s*)?"
    r"(?:\d{1,2}[\s-]*(?:ans|anni|años|anos|jahre|years?|year-old|enne)?[\s,]*)?"  # "le milieu de 19 ans, X"
)
_BARE_GAP = re.compile(r"[\s,:'’(]*")  # "directeur sportif (Henri Lacombe)"
# "X, the coach", "X, su representante", "X (entraîneur)", "X, attuale tecnico", "X, Bakare's agent"
_APPOSITIVE = re.compile(
    r"(?:,\s+|\s*\(\s*)(?:l['’]|(?:the|il|lo|la|el|der|die|le|o|a|an|un|uno|una|um|uma|ein|eine|his|their|su|sus"
    r"|son|sa|seu|sua|suo|sein|seine|current|former|attuale|ex|ancien|actual|atual|nuovo|nuevo|nouvel|nouveau|novo"
    r"|new)\s+|[A-ZÀ-Þ][\w-]*['’]s\s+){0,2}"
)
# "el presidente del club, Ramiro Calvo", "il ds della società, Cenk Aydin": a role of a body, then the man.
_OF_APPOSITION = re.compile(
    r"\s+(?:of|de|del|du|des|von|vom|der|da|do|dos|das|di|dell|della|dello|degli|dei|delle)\b"
    r"[^\n.;!?()«»\"“”]{0,50},\s*"
)
_WORD_BEFORE = re.compile(r"(\w+)\s+$")
_QUOTED_NICKNAME = re.compile(r"\s*['\"“‘«]([A-ZÀ-Þ][\w-]+)['\"”’»]")
_NON_SPACE = re.compile(r"\S+")
_PARTICLE_RE = re.compile(_PARTICLE)
_ROLE_AFTER_GAP = re.compile(r"\s*[,:(–-]\s*(?:(?:the|a|an|il|lo|la|l'|l’|un|uno|una|el|der|die|ein|le|o|um|uma)\s+)?")


@dataclass
class Person:
    key: str
    name: str
    player_id: int | None
    spans: list[tuple[int, int]] = field(default_factory=list)
    evidence: str = ""
    club_id: int | None = None  # his club according to the knowledge base
    certainty: float | None = None  # how sure the learned discovery is that the name is a player here

    @property
    def surname(self) -> str:
        return _surname(self.name)


@lru_cache(maxsize=4096)
def _surname(name: str) -> str:
    folded = normalize_name(name)
    return folded.split()[-1] if folded else ""


@dataclass
class Cast:
    """The players and staff of one article, and where each is named."""

    people: dict[str, Person] = field(default_factory=dict)
    staff: set[str] = field(default_factory=set)  # folded names of coaches, directors, agents, ...
    at: dict[tuple[int, int], str] = field(default_factory=dict)  # span -> person key
    mask: Mask = field(default_factory=lambda: Mask(0))

    def add(self, person: Person, span: tuple[int, int]) -> None:
        known = self.people.setdefault(person.key, person)
        if span not in known.spans:
            known.spans.append(span)
        self.at[span] = known.key
        self.mask.add(*span)

    def taken(self, start: int, end: int) -> bool:
        return self.mask.overlaps(start, end)


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = None
    for found in matches:  # noqa: B007 - we want the last one
        pass
    return found


class ClubSpans:
    """The article's club names in text order, found by where they end (a bisect, not a loop over all)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans  # from the matcher: in text order, never overlapping, so the ends are sorted too
        self._ends = [end for _, end in spans]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)

    def ending_in(self, low: int, high: int) -> list[tuple[int, int]]:
        """The spans whose end lies in [low, high], in text order."""
        return self.spans[bisect_left(self._ends, low) : bisect_right(self._ends, high)]

    def starting_in(self, low: int, high: int) -> list[tuple[int, int]]:
        """The spans whose start lies in [low, high], in text order."""
        return self.spans[bisect_left(self.spans, (low,)) : bisect_left(self.spans, (high + 1,))]


NO_CLUBS = ClubSpans([])
_CLUB_GAP = " ,:'’"  # what may stand between a club and the name after it


def _skip_back_over_club(text: str, start: int, club_spans: ClubSpans) -> int:
    """Step back over a club name between role and name ("il centrale dell'Udinese Kristensen")."""
    gap_start = start
    while gap_start > 0 and text[gap_start - 1] in _CLUB_GAP:
        gap_start -= 1
    for c_start, _ in club_spans.ending_in(gap_start, start):
        return c_start
    return start


def _role_match(
    rx: re.Pattern[str] | None,
    gap: re.Pattern[str],
    text: str,
    start: int,
    club_spans: ClubSpans,
    strict_without_club: bool = False,
) -> str:
    if rx is None:
        return ""
    window_start = _skip_back_over_club(text, start, club_spans)
    low = max(0, window_start - 40)
    match = _last(rx.finditer(text[low:window_start]))
    # For staff, "of" may stand between role and club ("the coach of Juventus X"), never between role and
    # name: "l'agente di Rossi" names Rossi's agent, and Rossi is the player.
    between = text[low + match.end() : window_start] if match else ""
    if strict_without_club and window_start == start:
        gap = _BARE_GAP
    if match is None or not gap.fullmatch(between):
        return ""
    return text[low + match.start() : start].strip()


@lru_cache(maxsize=1024)  # asked of the same names by the cast, the staff list and discovery
def staff_before(text: str, start: int, lang: LangData, club_spans: ClubSpans) -> bool:
    """A coach, director, agent, journalist ... word right before the name, maybe with a club between, his
    nationality ("l'entraîneur allemand X") or the body he serves and a comma ("the chairman of Y, X")."""
    if _role_match(lang.staff_roles, _STAFF_GAP, text, start, club_spans, strict_without_club=True):
        return True
    if lang.staff_roles is None:
        return False
    low = max(0, start - 90)
    role = _last(lang.staff_roles.finditer(text, low, start))
    if role is None:
        return False
    between = text[role.end() : start]
    nationality = lang.regex(r"\s+(?:{alt})\s*,?\s*", "nationalities")
    return bool(_OF_APPOSITION.fullmatch(between) or (nationality is not None and nationality.fullmatch(between)))


@lru_cache(maxsize=1024)  # asked of the same names by the cast, the staff list and discovery
def staff_after(text: str, start: int, end: int, lang: LangData, club_spans: ClubSpans) -> bool:
    """ "X, the coach", "X's side", "il Milan di Allegri": the name belongs to someone who runs a team."""
    after = text[end : end + 40]
    if after.lower().startswith(tuple(lang.words("staff_possessive"))):
        return True
    if lang.staff_roles is not None:
        appositive = _APPOSITIVE.match(after)
        role = lang.staff_roles.match(after, appositive.end()) if appositive else None
        if role and not _title_of_next_name(after, role.end()):
            return True
    coach_rx = lang.regex(r"\s+(?:{alt})\s+", "coach_after_club")
    if coach_rx is None:
        return False
    to_rx = lang.regex(r"(?<!\w)(?:{alt})\s*['’]?\s*$", "to_markers")
    for c_start, c_end in club_spans.ending_in(start - 7, start):
        if coach_rx.fullmatch(text[c_end:start]):
            # "il Milan di Allegri" is the coach's team; "il trasferimento al Venezia di X" is a player's move.
            return to_rx is None or not to_rx.search(text[max(0, c_start - 8) : c_start])
    return False


def _title_of_next_name(text: str, role_end: int) -> bool:
    """ "X, sporting director Deco said": a role right before another name is that man's title."""
    rest = text[role_end:]
    return rest[:1].isspace() and rest.lstrip()[:1].isupper()


@lru_cache(maxsize=1024)  # asked of the same names by the cast, the staff list and discovery
def role_before(text: str, start: int, lang: LangData, club_spans: ClubSpans) -> str:
    """The player-role phrase right before a name ("Milan defender", "il centrale dell'Udinese"), or ""."""
    return _role_match(lang.player_roles, _ROLE_GAP, text, start, club_spans)


@lru_cache(maxsize=8)
def _names(text: str) -> tuple[re.Match[str], ...]:
    """The capitalised name runs of the text, found once per article (several steps read them)."""
    return tuple(NAME_RE.finditer(text))


@dataclass(frozen=True)
class Page:
    """One article as the readers of names see it: its text and language, where its clubs are named, the
    spans no name may overlap (the clubs and outlets the knowledge base matched), and the knowledge base."""

    text: str
    lang: LangData
    club_spans: ClubSpans
    blocked: Mask
    gazetteer: Gazetteer


class Discovery(Protocol):
    """Decides which names the knowledge base does not know are players (`discovery.PlayerDiscovery`)."""

    def discover(self, cast: Cast, page: Page) -> None: ...

    def known_certainty(
        self, cast: Cast, page: Page, mention: Mention, club_ids: set[int], day: date | None
    ) -> float | None: ...


def build_cast(
    text: str,
    mentions: list[Mention],
    gazetteer: Gazetteer,
    lang: LangData,
    discovery: Discovery | None = None,
    day: date | None = None,
) -> Cast:
    """The article's players and staff; unknown names are judged by the learned discovery when given, else
    by the rules. A known player's club is his club on `day` (the article's date) when the base knows it."""
    cast = Cast(mask=Mask(len(text)))
    club_spans = ClubSpans([(m.start, m.end) for m in mentions if m.kind == "club"])
    blocked = Mask(len(text), [(m.start, m.end) for m in mentions if m.kind in ("club", "outlet")])
    page = Page(text, lang, club_spans, blocked, gazetteer)
    _add_known(cast, page, mentions, discovery, day)
    if discovery is None:
        _discover(cast, text, lang, club_spans, blocked, gazetteer.given_names)
        _link_surnames(cast, text, blocked, lang, gazetteer.given_names)
        _spread_over_lists(cast, text, lang, blocked, gazetteer.given_names)
    else:
        # A second reading sees the players the first one found: "X, Y and Z" once X is known. When the
        # first found nobody, the second would read the same names the same way: it is skipped.
        for _ in range(2):
            before = _found(cast)
            discovery.discover(cast, page)
            _link_surnames(cast, text, blocked, lang, gazetteer.given_names)
            if _found(cast) == before:
                break
    _link_surnames(cast, text, blocked, lang, gazetteer.given_names)
    one_person_per_name(cast, gazetteer.given_names)
    return cast


def one_person_per_name(cast: Cast, given_names: frozenset[str]) -> None:
    """A reader knows one man by one name: "Jonas Berg" twice (two base entries, or the base's and a
    discovered one), "Jonas" or "Berg" once "Jonas Berg" is named, "Berg" and "Jonas Berg", are one player.
    A name that would fit two others is left alone."""
    merged = True
    while merged:
        merged = False
        for person in sorted(cast.people.values(), key=_kept_last):
            words = normalize_name(person.name).split()
            fuller = [
                other
                for other in cast.people.values()
                if other is not person and _names_the_same(words, normalize_name(other.name).split())
            ]
            if len(fuller) == 1:
                kept = _kept(person, fuller[0], given_names)
                _merge(cast, gone=fuller[0] if kept is person else person, kept=kept)
                merged = True
                break


def _kept_last(person: Person) -> tuple[bool, int]:
    """Shorter and discovered names are merged first, into the fuller and known ones."""
    return person.player_id is not None, len(person.name.split())


def _names_the_same(short: list[str], long: list[str]) -> bool:
    """Every word of the shorter name is in the longer, which ends as the shorter ends or holds its
    last word: "Berg" in "Jonas Berg", "van Berg" in "Jonas van Berg", "Jonas" in "Jonas Berg"."""
    if not short or len(short) > len(long) or not set(short) <= set(long):
        return False
    return len(short) == 1 or short[-1] == long[-1]


def _kept(short: Person, long: Person, given_names: frozenset[str]) -> Person:
    """The name to keep: the base's player; else the fuller name, unless what it adds is no given name
    (a noun the name was read with: "Torjäger Jonas Berg")."""
    if (short.player_id is None) != (long.player_id is None):
        return long if long.player_id is not None else short
    added = set(normalize_name(long.name).split()) - set(normalize_name(short.name).split())
    if len(short.name.split()) >= 2 and not added <= given_names:
        return short
    return long


def _merge(cast: Cast, gone: Person, kept: Person) -> None:
    del cast.people[gone.key]
    for span in gone.spans:
        cast.add(kept, span)


def _found(cast: Cast) -> tuple[bytes, list[tuple[str, str, int]]]:
    """Who the cast holds and where: what a reading of the article depends on."""
    return bytes(cast.mask.bits), [(p.key, p.name, len(p.spans)) for p in cast.people.values()]


def _add_known(cast: Cast, page: Page, mentions: list[Mention], discovery: Discovery | None, day: date | None) -> None:
    text, lang, club_spans, blocked, gazetteer = page.text, page.lang, page.club_spans, page.blocked, page.gazetteer
    club_ids = {m.entity_id for m in mentions if m.kind == "club" and m.entity_id is not None}
    players = [m for m in mentions if m.kind == "player"]
    # Each mention with its whole name, and whether he is the player the matcher thinks.
    read_as = []
    for m in players:
        span = extended_name(text, m.start, m.end, lang, blocked)
        read_as.append((m, span, _is_this_player(text, m, span, gazetteer, lang, club_ids)))
    # A surname the text gives another first name ("Aaron Ramsey") is that other man's all through the text.
    others = {normalize_name(m.text) for m, _, ok in read_as if not ok}
    # A surname alone is the player the article names in full with it ("Tunde Bakare ... Bakare"),
    # not another of the base's players of that surname.
    named_in_full = {
        normalize_name(m.text).split()[-1]: m.entity_id for m, _, ok in read_as if ok and len(m.text.split()) >= 2
    }
    surname_of: list[tuple[Mention, int]] = []
    staff = staff_in_article(text, lang, club_spans, blocked)
    for m, span, ok in read_as:
        folded = normalize_name(text[span[0] : span[1]])
        if staff_before(text, span[0], lang, club_spans) or staff_after(text, span[0], span[1], lang, club_spans):
            cast.staff.add(folded)
            continue
        if folded in staff:  # "the coach Ruben Amorim ... Amorim said": the man the article calls coach once
            cast.staff.add(folded)
            continue
        if not ok or len(m.text.split()) == 1 and normalize_name(m.text) in others:
            continue
        full = named_in_full.get(folded) if " " not in folded else None
        if full is not None and full != m.entity_id:
            surname_of.append((m, full))
            continue
        certainty = discovery.known_certainty(cast, page, m, club_ids, day) if discovery else None
        if discovery and certainty is None:
            continue  # the knowledge base's name, in words that do not show its player (a coach now, a noun)
        if m.entity_id is None:
            person = Person("name:" + normalize_name(m.text), m.text, None, evidence=m.text)
        else:
            entry = gazetteer.players[m.entity_id]
            name = m.text if spelt_otherwise(m.text, entry.name) else entry.name
            person = Person(
                f"id:{entry.id}", name, entry.id, evidence=m.text, club_id=entry.club_on(day), certainty=certainty
            )
        cast.add(person, (m.start, m.end))
    for m, player_id in surname_of:
        if f"id:{player_id}" in cast.people:
            cast.add(cast.people[f"id:{player_id}"], (m.start, m.end))


_TRANSLITERATED = (("ue", "u"), ("oe", "o"), ("ae", "a"))


def spelt_otherwise(written: str, known: str) -> bool:
    """ "Jonas Kühn" for the base's "Jonas Kuehn", "Emre Çağlar" for "Emre Caglar": the same full
    name in the article's own spelling, which is how the article's readers know him."""
    if written == known or len(written.split()) < 2 or written.isupper():
        return False
    return _transliterated(written) == _transliterated(known)


def _transliterated(name: str) -> str:
    folded = normalize_name(name)
    for long, short in _TRANSLITERATED:
        folded = folded.replace(long, short)
    return folded


def _is_this_player(
    text: str, m: Mention, span: tuple[int, int], gazetteer: Gazetteer, lang: LangData, clubs: set[int]
) -> bool:
    """ "Aaron Ramsey" is not the KB's Jacob Ramsey; "im Sommer" is no goalkeeper; "Florentino Pérez" no player."""
    if m.entity_id is None and m.alias_kind == "surname":
        return bool(role_before(text, m.start, lang, NO_CLUBS) or _role_after(text, m.end, lang))
    if span == (m.start, m.end) and " " not in m.text and normalize_name(m.text) in places_and_peoples():
        # "in Israël", "for Scotland", "Italiano": a country or a language, unless a role shows the player
        return bool(role_before(text, m.start, lang, NO_CLUBS) or _role_after(text, m.end, lang))
    if m.alias_kind == "given" and m.entity_id is not None and gazetteer.players[m.entity_id].club_id not in clubs:
        return False
    if span != (m.start, m.end) and len(m.text.split()) == 1:
        extra = set(normalize_name(text[span[0] : span[1]]).split()) - set(normalize_name(m.text).split())
        known = _name_words(gazetteer.players[m.entity_id]) if m.entity_id is not None else set()
        # In German every noun is capitalised: only a known first name shows another person there.
        nouns = bool(lang.flag("capitalized_nouns"))
        if any(w not in known and (not nouns or w in gazetteer.given_names) for w in extra):
            return False
    if len(m.text.split()) == 1 and _first_name_of_another(text, m, gazetteer, lang):
        return False
    if len(m.text.split()) == 1 and lang.noun_determiners:
        before = _WORD_BEFORE.search(text[max(0, m.start - 20) : m.start])
        if before and normalize_name(before.group(1)) in lang.noun_determiners:
            return False
        if lang.player_roles is not None and lang.player_roles.match(text, m.end + 1):
            return False  # "Neuer Linksverteidiger im Anflug": an adjective before a noun
    return True


_NEXT_WORD = re.compile(rf"[ \t]+({_NAME_WORD})")


def _first_name_of_another(text: str, m: Mention, gazetteer: Gazetteer, lang: LangData) -> bool:
    """ "Thomas Kessler", "Hugo Ramos": a first name before another name (a club's too) is
    not the player the base knows under that one word."""
    word = normalize_name(m.text)
    if word not in gazetteer.given_names:
        return False
    following = _NEXT_WORD.match(text, m.end)
    if following is None:
        return False
    after = following.group(1)
    folded = normalize_name(after)
    known = _name_words(gazetteer.players[m.entity_id]) if m.entity_id is not None else set()
    return not (folded in known or folded in lang.stopwords or written_in_lower_case(text, after))


def _name_words(player: PlayerEntry) -> set[str]:
    """Every word of his name and his aliases: "Rodri Hernández" is Rodri, also known as Rodrigo Hernández."""
    return {word for name in (player.name, *player.aliases) for word in normalize_name(name).split()}


def extended_name(text: str, start: int, end: int, lang: LangData, blocked: Mask) -> tuple[int, int]:
    """The whole capitalised name around a match: "Aaron" + "Ramsey", "Raúl de" + "Tomás"."""
    left = _LEFT_NAME.search(text[max(0, start - 40) : start])
    if left and _name_word_ok(left.group(1), lang) and not _nationality(left.group(1), lang):
        s = start - (len(left.group(0)))
        if not blocked.overlaps(s, start):
            start = s
    right = _RIGHT_NAME.match(text[end : end + 40])
    if right and _name_word_ok(right.group(1), lang):
        e = end + right.end()
        if not blocked.overlaps(end, e):
            end = e
    return start, end


@lru_cache(maxsize=8192)  # the same words come back in every article, and every name is trimmed twice
def _name_word_ok(word: str, lang: LangData) -> bool:
    if "-" in word:  # "Ex-Nationalspieler", "Lille-Torjäger": a role, not a name
        tail = word.rsplit("-", 1)[1]
        roles = (lang.player_roles, lang.staff_roles)
        if any(rx is not None and rx.fullmatch(tail) for rx in roles):
            return False
    folded = normalize_name(word)
    if not folded or folded in lang.stopwords or word.isupper() and len(word) > 2:  # "CJ" may be initials
        return False
    return not (lang.player_roles is not None and lang.player_roles.fullmatch(word)) and not (
        lang.staff_roles is not None and lang.staff_roles.fullmatch(word)
    )


def _discover(
    cast: Cast,
    text: str,
    lang: LangData,
    club_spans: ClubSpans,
    blocked: Mask,
    given_names: frozenset[str],
) -> None:
    """Names the text shows to be players ("the Milan defender Fikayo Tomori", "the signing of Vitolo")."""
    for match in _names(text):
        if _covered(text, cast, blocked, match.start(), match.end()):
            continue  # known players, clubs and outlets only: nothing to discover
        for piece in name_spans(text, match.start(), match.end(), lang, blocked):
            for start, end in piece:
                if _discover_one(cast, text, start, end, lang, club_spans, blocked, given_names):
                    break


def _covered(text: str, cast: Cast, blocked: Mask, start: int, end: int) -> bool:
    """Every letter of the span belongs to a name already found."""
    taken, other = cast.mask.bits, blocked.bits
    free = taken.find(0, start, end)  # jump over the players' names: only the letters outside them are read
    while free != -1:
        if not other[free] and not text[free].isspace():
            return False
        free = taken.find(0, free + 1, end)
    return True


def _name_candidates(text: str, start: int, end: int, lang: LangData) -> list[tuple[int, int]]:
    """The name, then what follows each particle in it ("Verpflichtung von Omar Richard" -> "Omar Richard")."""
    out = [_trim_name(text, start, end, lang)]
    for particle in _PARTICLE_GAP.finditer(text[start:end]):
        out.append(_trim_name(text, start + particle.end(), end, lang))
    return out


def _discover_one(
    cast: Cast,
    text: str,
    start: int,
    end: int,
    lang: LangData,
    club_spans: ClubSpans,
    blocked: Mask,
    given_names: frozenset[str],
) -> bool:
    """Add the name if the text shows him a player; True when the name was settled (player or staff)."""
    if start >= end or cast.taken(start, end) or blocked.overlaps(start, end):
        return False
    name = text[start:end].strip(" .'’-")
    end = start + len(name)
    folded = normalize_name(name)
    if not folded or folded in cast.staff or _not_a_name(name, lang):
        return False
    if staff_before(text, start, lang, club_spans) or staff_after(text, start, end, lang, club_spans):
        cast.staff.add(folded)
        return True
    if _credited(text, start, lang) or (lang.cite_after is not None and lang.cite_after.match(text, end + 1)):
        return True  # "according to Fabrizio Romano", "X ha rivelato": a source, not a player
    same = None if " " in folded else next((p for p in cast.people.values() if p.surname == folded), None)
    if same is not None:  # "Nunez" after "Unai Nunez": the same player
        cast.add(same, (start, end))
        return True
    evidence = _player_evidence(text, start, end, name, lang, club_spans, given_names)
    if evidence:
        name = _nickname_after(text, end) or name  # "Juan Pérez 'Juanito'" is known as Juanito
        cast.add(Person("name:" + normalize_name(name), name, None, evidence=evidence), (start, end))
        return True
    return False


def _cut_at_blocked(start: int, end: int, blocked: Mask) -> int:
    """ "Brescani della Sampdoria" is a name and a club: keep the name."""
    cut = blocked.bits.find(1, start + 1, end)
    return end if cut == -1 else cut


def free_pieces(text: str, start: int, end: int, blocked: Mask) -> list[tuple[int, int]]:
    """The parts of a capitalised run that no club or outlet takes: "Brescani della Sampdoria" gives the name
    before the club, "il ds del PSG Antero Henrique" the name after it."""
    out = []
    pos = start
    while pos < end:
        cut = blocked.bits.find(1, pos, end)
        piece_end = end if cut == -1 else cut
        if text[pos:piece_end].strip():
            out.append((pos, piece_end))
        if cut == -1:
            break
        free = blocked.bits.find(0, cut, end)
        if free == -1:
            break
        pos = free
    return out


@lru_cache(maxsize=1024)  # the staff list, the rules and discovery read the same runs
def name_spans(
    text: str, start: int, end: int, lang: LangData, blocked: Mask
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """The candidate names of one capitalised run, piece by piece between the clubs and outlets in it."""
    return tuple(tuple(_name_candidates(text, s, e, lang)) for s, e in free_pieces(text, start, end, blocked))


def _nickname_after(text: str, end: int) -> str:
    quoted = _QUOTED_NICKNAME.match(text[end : end + 30])
    return quoted.group(1) if quoted else ""


@lru_cache(maxsize=512)  # discovery and the list reader trim the same names of the same article
def _trim_name(text: str, start: int, end: int, lang: LangData) -> tuple[int, int]:
    """Drop capitalised function words and role words at the edges ("But Aaron Ramsey", "Stürmer Haaland")."""
    words = list(_NON_SPACE.finditer(text[start:end]))
    while words and (
        not _name_word_ok(words[0].group().strip("'’.,"), lang) or _nationality(words[0].group().strip("'’.,"), lang)
    ):
        words.pop(0)  # "Senegalese Ndour": his nationality before the name (after it, "Marco Italiano" is one)
    while words and (
        not _name_word_ok(words[-1].group().strip("'’.,"), lang) or _PARTICLE_RE.fullmatch(words[-1].group().lower())
    ):
        words.pop()
    if not words:
        return start, start
    return start + words[0].start(), start + words[-1].end()


@lru_cache(maxsize=8)
def _nationalities(lang: LangData) -> frozenset[str]:
    return frozenset(normalize_name(w) for w in lang.words("nationalities"))


def _nationality(word: str, lang: LangData) -> bool:
    """ "Nigerian", "Senegalese", "Scot": a nationality, capitalised in English and German."""
    return normalize_name(word) in _nationalities(lang)


@lru_cache(maxsize=8192)  # the same words come back in every article
def _not_a_name(name: str, lang: LangData) -> bool:
    words = normalize_name(name).split()
    if len(words) == 1 and any(rx.fullmatch(name) for rx in lang.kinds.values()):
        return True  # "Oferta del Betis por Antony": a headline's cue word, capitalised
    if len(words) == 1 and _nationality(name, lang):
        return True
    return any(w in lang.stopwords for w in words) or any(len(w) < 2 for w in words) or len(words) > 4


@lru_cache(maxsize=1024)  # the rules and discovery ask of the same names
def _credited(text: str, start: int, lang: LangData) -> bool:
    if lang.cite_before is None:
        return False
    before = text[max(0, start - 40) : start]
    return any(m.end() >= len(before.rstrip()) for m in lang.cite_before.finditer(before.rstrip()))


@lru_cache(maxsize=1024)  # asked of the same names by the cast, the staff list and discovery
def _after_place_word(text: str, start: int, lang: LangData) -> bool:
    """ "at Old Trafford", "in Arabia Saudita": a place, not a person."""
    rx = lang.regex(r"(?<!\w)(?:{alt})[^\S\n]+$", "place_prepositions")
    return rx is not None and rx.search(text[max(0, start - 20) : start]) is not None


def _player_evidence(
    text: str,
    start: int,
    end: int,
    name: str,
    lang: LangData,
    club_spans: ClubSpans,
    given_names: frozenset[str],
) -> str:
    role = role_before(text, start, lang, club_spans)
    if role:
        return f"{role} {name}"
    cue = _object_cue_before(text, start, lang)
    if cue:
        return f"{cue} {name}"
    role = _role_after(text, end, lang)
    if role:
        return f"{name}{role}"
    if lang.flag("capitalized_nouns") and normalize_name(name).split()[0] not in given_names:
        return ""  # "Abwehr des FC Bayern": in German a capitalised word before a club is mostly a noun
    # The phrases that name a player's own club after him are short ("X della Sampdoria", "X (Chelsea)").
    near = club_spans.starting_in(end, end + OWN_CLUB_REACH)
    club = next((c for c in near if states_own_club(text, (start, end), c, lang)), None)
    if club is not None and not _after_place_word(text, start, lang):
        return text[start : club[1]]  # "Brescani della Sampdoria", "Tomori (AC Milan)"
    first = normalize_name(name).split()[0]
    if len(name.split()) < 2 or _after_place_word(text, start, lang):
        return ""
    if first in given_names and _in_transfer_sentence(text, start, end, lang, club_spans):
        return _sentence_around(text, start, end)
    return _move_next_to(text, start, end, name, lang)


@lru_cache(maxsize=1024)  # discovery asks it for its cue and again for the rules' evidence
def _move_next_to(text: str, start: int, end: int, name: str, lang: LangData) -> str:
    """ "X regressou a título definitivo", "signed X", "ha ceduto X": a completed, agreed or sold move right
    by the name.

    (Not in German, where a capitalised pair may be two nouns.)"""
    if lang.flag("capitalized_nouns"):
        return ""
    for kind in ("completed", "agreement", "sold"):
        rx = lang.kinds.get(kind)
        after = rx.match(text, end + 1) if rx is not None else None
        before = rx.search(text[max(0, start - 25) : start]) if rx is not None else None
        if after or (before and before.end() >= len(text[max(0, start - 25) : start].rstrip()) - 1):
            return _sentence_around(text, start, end)
    return ""


@lru_cache(maxsize=1024)  # asked of the same names by the cast, the staff list and discovery
def _role_after(text: str, end: int, lang: LangData) -> str:
    """ "Ilario Brescani: il difensore svizzero", "Jonah Pettigrew, the midfielder": a role right after the name."""
    if lang.player_roles is None:
        return ""
    gap = _ROLE_AFTER_GAP.match(text[end : end + 12])
    if gap is None:
        return ""
    role = lang.player_roles.match(text, end + gap.end())
    return text[end : role.end()] if role else ""


@lru_cache(maxsize=1024)  # asked of the same names by the cast, the staff list and discovery
def _object_cue_before(text: str, start: int, lang: LangData) -> str:
    """ "the signing of X", "il rinnovo di X", "el fichaje de X": a transfer noun whose object is a player."""
    rx = lang.regex(r"(?<!\w)(?:{alt})\s*['’]?\s*$", "player_object_cues")
    match = rx.search(text[max(0, start - 40) : start]) if rx is not None else None
    return match.group().strip() if match else ""


@lru_cache(maxsize=1024)  # asked of the same names by the cast, the staff list and discovery
def _in_transfer_sentence(text: str, start: int, end: int, lang: LangData, club_spans: ClubSpans) -> bool:
    """A full name in a sentence that names a club and a move: in transfer news, the one moving."""
    sentence = _sentence_around(text, start, end)
    s_start = start - sentence.find(text[start:end]) if text[start:end] in sentence else start
    s_end = s_start + len(sentence)
    has_club = bool(club_spans.starting_in(s_start, s_end - 1))
    return has_club and _names_a_move(sentence, lang)


@lru_cache(maxsize=256)  # the names of one sentence ask the same
def _names_a_move(sentence: str, lang: LangData) -> bool:
    return any(rx.search(sentence) for rx in lang.kinds.values())


def _sentence_around(text: str, start: int, end: int) -> str:
    edges = _sentence_edges(text)
    left = bisect_left(edges, start)  # the last edge before the name, the first from its end on
    right = bisect_left(edges, end, left)
    return text[(edges[left - 1] + 1 if left else 0) : (edges[right] if right < len(edges) else len(text))].strip()


@lru_cache(maxsize=4)
def _sentence_edges(text: str) -> list[int]:
    """Where a sentence may end, read once per article (a name's sentence is looked up many times)."""
    return [m.start() for m in SENTENCE_EDGE.finditer(text)]


@lru_cache(maxsize=4)  # the cast and the discovery of one article ask for the same staff
def staff_in_article(text: str, lang: LangData, club_spans: ClubSpans, blocked: Mask) -> frozenset[str]:
    """The names, and surnames, the article gives a staff role anywhere (coach, director, agent, ...)."""
    out: set[str] = set()
    for match in _names(text):
        for piece in name_spans(text, match.start(), match.end(), lang, blocked):
            for start, end in piece:
                if start < end and (
                    staff_before(text, start, lang, club_spans) or staff_after(text, start, end, lang, club_spans)
                ):
                    folded = normalize_name(text[start:end])
                    out.update({folded, folded.split()[-1]} if folded else ())
    return frozenset(out)


def _give_full_names(cast: Cast, text: str, blocked: Mask, lang: LangData, given_names: frozenset[str]) -> None:
    """A player found by surname ("Chiellini") gets the full name the text gives him ("Giorgio Chiellini"),
    without the words before it that are no name ("En el X", "Senegalese X"; in German a noun: "Fall X")."""
    singles = {p.surname: p for p in cast.people.values() if p.player_id is None and len(p.name.split()) == 1}
    if not singles:
        return
    for match in _names(text):
        start, end = _trim_name(text, match.start(), match.end(), lang)
        words = text[start:end].split()
        person = singles.get(normalize_name(words[-1])) if 2 <= len(words) <= 3 else None
        if person is None or cast.taken(start, end) and (start, end) not in cast.at or blocked.overlaps(start, end):
            continue
        if _PARTICLE_RE.fullmatch(words[0].lower()) or (
            lang.flag("capitalized_nouns") and normalize_name(words[0]) not in given_names
        ):
            continue
        person.name = text[start:end]
        cast.add(person, (start, end))
        del singles[person.surname]


def _link_surnames(cast: Cast, text: str, blocked: Mask, lang: LangData, given_names: frozenset[str]) -> None:
    """Other mentions of a found name, or of its surname alone, are the same player."""
    _give_full_names(cast, text, blocked, lang, given_names)
    by_name: dict[str, str] = {}
    for person in cast.people.values():
        if person.player_id is None:
            by_name.setdefault(normalize_name(person.name), person.key)
            if len(person.name.split()) >= 2:
                by_name.setdefault(person.surname, person.key)
    if not by_name:
        return
    for folded, start, end, whole in _name_run_words(text):
        key = by_name.get(folded)
        if key and not cast.taken(start, end) and (whole or not blocked.overlaps(start, end)):
            cast.add(cast.people[key], (start, end))


@lru_cache(maxsize=4)  # the surnames are linked several times per article
def _name_run_words(text: str) -> tuple[tuple[str, int, int, bool], ...]:
    """Each word of each capitalised name run, then the whole run, folded, as (folded, start, end, whole)."""
    out = []
    for match in _names(text):
        for word in _NON_SPACE.finditer(match.group()):
            out.append((normalize_name(word.group()), match.start() + word.start(), match.start() + word.end(), False))
        out.append((normalize_name(match.group()), match.start(), match.end(), True))
    return tuple(out)


_LIST_GAP = r"\s*(?:,|\band\b|\bor\b|\be\b|\bo\b|\by\b|\bu\b|\bund\b|\boder\b|\bet\b|\bou\b|\bni\b)\s*|-"


def _spread_over_lists(cast: Cast, text: str, lang: LangData, blocked: Mask, given_names: frozenset[str]) -> None:
    """A name listed with players ("Pereira, Denkey, Ben Johnson o Braithwaite") is one too."""
    items = [
        item
        for m in _names(text)
        if not _covered(text, cast, blocked, m.start(), m.end())
        for item in _list_items(text, m.start(), m.end(), lang)
    ]
    changed = True
    while changed:
        changed = False
        for start, end in items:
            if cast.taken(start, end) or blocked.overlaps(start, end) or not _next_to_player(cast, text, start, end):
                continue
            name = text[start:end]
            folded = normalize_name(name)
            if folded in cast.staff or _not_a_name(name, lang):
                continue
            if lang.flag("capitalized_nouns") and folded.split()[0] not in given_names:
                continue  # a German noun in a list is no player
            evidence = _sentence_around(text, start, end)
            cast.add(Person("name:" + folded, name, None, evidence=evidence), (start, end))
            changed = True


def _list_items(text: str, start: int, end: int, lang: LangData) -> list[tuple[int, int]]:
    """The names in a match, split at hyphens when the parts are names ("Bonucci-Chiellini")."""
    start, end = _trim_name(text, start, end, lang)
    if start >= end:
        return []
    name = text[start:end]
    if " " not in name and name.count("-") == 1:
        left, right = name.split("-")
        if left[:1].isupper() and right[:1].isupper() and len(left) > 3 and len(right) > 3:
            return [(start, start + len(left)), (start + len(left) + 1, end)]
    return [(start, end)]


_GAP_BEFORE = re.compile(rf"(?:{_LIST_GAP})$")
_GAP_AFTER = re.compile(_LIST_GAP)


def _next_to_player(cast: Cast, text: str, start: int, end: int) -> bool:
    """Only a list separator between this name and a player's."""
    before, after = _list_neighbours(text, start, end)
    return (before is not None and cast.mask.at(before)) or (after is not None and cast.mask.at(after))


@lru_cache(maxsize=1024)  # asked again whenever the players found change
def _list_neighbours(text: str, start: int, end: int) -> tuple[int | None, int | None]:
    """Where a name listed before this one would end (its last letter) and one listed after it would start."""
    before = _GAP_BEFORE.search(text, max(0, start - 8), start)
    after = _GAP_AFTER.match(text, end)
    return (before.start() - 1 if before is not None else None), (after.end() if after is not None else None)
