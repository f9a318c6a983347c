"""Where a club stands to a player in the text: his own club ("AC Milan defender X", "X della Lazio")."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from tagger.matcher import Mention
from tagger.names import normalize_name

from .langdata import LangData
from .text import SENTENCE_EDGE

if TYPE_CHECKING:  # people.py uses this module: only the type, to avoid an import cycle
    from .people import Cast


# How far apart a player and his own club stand in the phrases that say so ("AC Milan defender X",
# "X, the Lazio defender"): the callers look only this far.
OWN_CLUB_REACH = 60


@lru_cache(maxsize=4096)
def states_own_club(text: str, person: tuple[int, int], club: tuple[int, int], lang: LangData) -> bool:
    """ "AC Milan defender X", "Leicester City's X", "X (Chelsea)", "Gila della Lazio", "X on loan from Milan".

    Cached: the cast, the current clubs, the topic and each sentence's claims all ask about the same pairs.
    """
    if club[1] <= person[0]:
        before = text[club[1] : person[0]]
        return len(before) <= 40 and _only_role_words(before, lang)
    if person[1] <= club[0]:
        after = text[person[1] : club[0]]
        if (
            len(after) <= 40
            and not _wanted(after, lang)
            and (_is_of_marker(after, lang) or _is_from_marker(after, lang))
        ):
            return True
        if _is_from_right_after(after, lang):
            return True
        return _appositive_role(after, text[club[1] : club[1] + 30], lang)
    return False


_APPOSITION_GAP = re.compile(r"\s*,\s*(?:\w{1,3}['’]?\s*)?")


def _appositive_role(between: str, after_club: str, lang: LangData) -> bool:
    """ "Mario Gila, the Lazio defender": the club inside an apposition with a player role."""
    if lang.player_roles is None or not _APPOSITION_GAP.fullmatch(between):
        return False
    return lang.player_roles.match(after_club.lstrip(" '’s")) is not None


_POSSESSIVE_S = re.compile(r"['’]s\s+")
_BARE_POSSESSIVE = re.compile(r"(?:['’]s)?\s+")
_GENITIVE_S = re.compile(r"['’]s\b")
_CLAUSE_PUNCTUATION = re.compile(r"[.;:!?]")


def _only_role_words(between: str, lang: LangData) -> bool:
    if _POSSESSIVE_S.fullmatch(between) or not between.strip(" '’"):
        return bool(_BARE_POSSESSIVE.fullmatch(between))
    if lang.player_roles is None or "\n" in between or _CLAUSE_PUNCTUATION.search(between):
        return False
    words = _GENITIVE_S.sub(" ", between)
    rest = lang.player_roles.sub(" ", words)
    if not lang.player_roles.search(words) or len(rest.split()) > 2:
        return False
    # "Milan's young defender X" yes; "Bayern hat Sturm-Talent X im Visier" no: a verb is in between.
    connectors = {"of", "de", "del", "dell", "della", "des", "du", "da", "do", "di", "von", "vom", "der", "d", "l"}
    folded = [normalize_name(w) for w in rest.split()]
    if any(w in lang.stopwords and w not in connectors for w in folded):
        return False
    return not any(rx.search(rest) for rx in lang.kinds.values())


_SENTENCE_PUNCTUATION = re.compile(r"[.;!?]")


def _is_from_marker(between: str, lang: LangData) -> bool:
    """A few words, then "from" ("X on loan from Milan", "X's move from Chelsea")."""
    if "\n" in between or _SENTENCE_PUNCTUATION.search(between):
        return False
    # "X vom englischen Zweitligisten FC Reading": a description may stand between "from" and the club.
    rx = lang.regex(
        r"\s*,?\s*(?:[\w'’-]+\s+){0,3}(?:{alt})\s*['’]?\s*(?:the\s+)?(?:[\w'’-]+\s+){0,2}", "from_markers", escape=False
    )
    return rx is not None and rx.fullmatch(between) is not None


def _wanted(between: str, lang: LangData) -> bool:
    """ "X, en la órbita del Sevilla", "X ist ein Thema beim BVB": words of wanting before "of" make the
    club the one that wants him, not his. (A bracket is about him: "X (cedido al Cádiz)".)"""
    if _BRACKET_OPENING.fullmatch(between):
        return False
    return _has_cue(between, _WANTING_KINDS, lang)


_WANTING_KINDS = ("interest", "talks", "bid", "agreement", "completed")


def _has_cue(text: str, kinds: tuple[str, ...], lang: LangData) -> bool:
    """A cue of any of the kinds somewhere in the text."""
    return any((rx := lang.kinds.get(kind)) is not None and rx.search(text) is not None for kind in kinds)


def _is_from_right_after(between: str, lang: LangData) -> bool:
    """ "acquistato Gila dalla Lazio": "from" right after the name. Not after other words, where the same
    word means "by" ("Gila, seguito dalla Juventus")."""
    rx = lang.regex(r"\s+(?:{alt})\s*['’]?\s*", "from_right_after")
    return rx is not None and rx.fullmatch(between) is not None


_BRACKET_OPENING = re.compile(r"\s*\(\s*(?:[\w'’-]+\s+){0,3}")


def _is_of_marker(between: str, lang: LangData) -> bool:
    if "\n" in between:
        return False
    if _BRACKET_OPENING.fullmatch(between):
        return True  # "X (Chelsea)", "X (cedido al Cádiz)": the bracket after a name is about him
    rx = lang.regex(r"\s*(?:,\s*(?:[\w'’-]+\s+){0,3})?(?:{alt})\s*['’]?\s*(?:the\s+)?", "of_markers", escape=False)
    return rx is not None and rx.fullmatch(between) is not None


def is_place(text: str, start: int, end: int, lang: LangData) -> bool:
    """ "a Torino", "verso Roma": Italian names a club with its article ("al Torino"), a city without."""
    if " " in text[start:end].strip():
        return False
    rx = lang.regex(r"(?<!\w)(?:{alt})[^\S\n]+$", "city_prepositions")  # on the same line: a headline ends "in"
    return rx is not None and rx.search(text[max(0, start - 8) : start]) is not None


def current_clubs(text: str, cast: Cast, clubs: list[Mention], lang: LangData) -> dict[str, int]:
    """Each player's club at the time: as the text states it ("Milan defender X", "X from Chelsea"), else the KB's."""
    out: dict[str, int] = {}
    starts = [c.start for c in clubs]  # in text order
    for span, key in sorted(cast.at.items()):
        if key in out:
            continue
        near = clubs[bisect_right(starts, span[0] - OWN_CLUB_REACH) : bisect_left(starts, span[1] + OWN_CLUB_REACH)]
        club = club_stated_for(text, span, near, lang)
        if club is not None:
            out[key] = club
    for found in (
        clubs_asked(text, cast, clubs, lang),
        clubs_asked_of(text, cast, clubs, lang),
        clubs_left(text, cast, clubs, lang),
    ):
        for key, club_id in found.items():
            out.setdefault(key, club_id)
    return out


_ASKING_KINDS = ("talks", "bid", "agreement")


def clubs_asked(text: str, cast: Cast, clubs: list[Mention], lang: LangData) -> dict[str, int]:
    """ "An offer to Leipzig for Sesko", "contatti con lo United per Hojlund": the club that talks or an
    offer are addressed to, for a player, is his club, whatever the knowledge base (today's squads) says.

    Talks "with" a club go both ways: when the knowledge base has him at the club that speaks ("United in
    talks with Barcelona over Rashford"), that is his club talking to a buyer. An offer "to" a club does not."""
    with_rx = marker_before(lang, "with_markers")
    # "for" / "per" / "für" before the player; the offer itself may come first ("all'Atalanta un'offerta da
    # 40 milioni per X", "to Leipzig worth €70m for X").
    for_rx = lang.regex(r"\s*,?\s*(?:[^\s,.;:]+\s+){0,6}?(?:{alt})\s+(?:[\w'’-]+\s+){0,3}$", "asked_for_markers")
    if with_rx is None or for_rx is None:
        return {}
    spans = sorted(cast.at)
    starts = [start for start, _ in spans]
    club_starts = sorted(m.start for m in clubs)
    out: dict[str, int] = {}
    for club in clubs:
        # The first player named within a few words after the club, with no other club between.
        after = spans[bisect_right(starts, club.end) : bisect_left(starts, club.end + 70)][:1]
        for span in after:
            if (
                club.entity_id is not None
                and bisect_left(club_starts, span[0]) == bisect_right(club_starts, club.start)
                and for_rx.fullmatch(text[club.end : span[0]])
                and (asked := _asked(text, club, with_rx, lang))
                and (asked == "to" or not _his_club_speaks(text, cast.people[cast.at[span]].club_id, clubs, club))
            ):
                out.setdefault(cast.at[span], club.entity_id)
    return out


def clubs_asked_of(text: str, cast: Cast, clubs: list[Mention], lang: LangData) -> dict[str, int]:
    """ "La Juventus ha chiesto Gila alla Lazio", "ha chiesto la cessione alla Lazio": the club a player, or
    his sale, is asked of is his club (where "alla" would otherwise read as where he goes)."""
    ask = lang.regex(r"(?<!\w)(?:{alt})(?!\w)[^.;!?\n]{0,50}$", "ask_verbs", escape=False)
    if ask is None:
        return {}
    out: dict[str, int] = {}
    for club in clubs:
        if club.entity_id is None or not destination_marked(text, club.start, lang):
            continue
        if ask.search(text, max(0, club.start - 60), club.start) and (person := person_before(text, cast, club.start)):
            out.setdefault(person, club.entity_id)
    return out


def _his_club_speaks(text: str, his_club: int | None, clubs: list[Mention], asked: Mention) -> bool:
    """The knowledge base's club of the player is named earlier in the sentence of the asked club."""
    return any(
        c.entity_id == his_club and c.end <= asked.start and not SENTENCE_EDGE.search(text, c.end, asked.start)
        for c in clubs
        if his_club is not None and his_club != asked.entity_id
    )


def _asked(text: str, club: Mention, with_rx: re.Pattern[str], lang: LangData) -> str:
    """ "Talks with Milan", "an offer to Leipzig": a talks or bid cue shortly before or after, "with" or "to"
    (which is returned; "" when the club is not asked).

    Not after a denial: "United deny talks with Barcelona over X" leaves open which of them sells."""
    before = text[max(0, club.start - 50) : club.start]
    denial = lang.kinds.get("denial")
    if _CLAUSE_PUNCTUATION.search(before[-20:]) or (denial is not None and denial.search(before)):
        return ""
    after = text[club.end : club.end + 20]  # "ha presentato all'Atalanta un'offerta"
    if not (_has_cue(before, _ASKING_KINDS, lang) or _has_cue(after, _ASKING_KINDS, lang)):
        return ""
    if with_rx.search(before) is not None:
        return "with"
    return "to" if destination_marked(text, club.start, lang) else ""


def known_clubs(cast: Cast, clubs: list[Mention]) -> dict[str, int]:
    """Each player's club by the knowledge base, when the article names it.

    The knowledge base knows his club today; an older article may predate a move, so this only names
    the club he leaves or renews with, never rules out a move to it.
    """
    named = {m.entity_id for m in clubs}
    return {k: p.club_id for k, p in cast.people.items() if p.club_id is not None and p.club_id in named}


def clubs_left(text: str, cast: Cast, clubs: list[Mention], lang: LangData) -> dict[str, int]:
    """ "X wants to leave Chelsea", "X pushing for a Chelsea exit": the club he leaves is his club."""
    # "wants to leave Chelsea", "ne quittera pas le RC Lens": a short word or two may stand between.
    left_rx = lang.regex(r"(?<!\w)(?:{alt})\s+(?:\w{1,3}['’]?\s*){0,2}$", "leave_verbs", escape=False)
    noun_rx = lang.regex(r"\s*(?:{alt})\b", "exit_after_club", escape=False)
    out: dict[str, int] = {}
    for club in clubs:
        before = text[max(0, club.start - 30) : club.start]
        after = text[club.end : club.end + 12]
        left = left_rx is not None and left_rx.search(before)
        exit_noun = noun_rx is not None and noun_rx.match(after)
        if not (left or exit_noun) or club.entity_id is None:
            continue
        person = person_before(text, cast, club.start)
        if person is not None:
            out.setdefault(person, club.entity_id)
    return out


def person_before(text: str, cast: Cast, offset: int) -> str | None:
    """The last player named before the offset in the same sentence."""
    best = None
    for (start, end), key in cast.at.items():
        if end <= offset and not SENTENCE_EDGE.search(text, end, offset) and (best is None or start > best[0]):
            best = (start, key)
    return best[1] if best else None


def club_stated_for(text: str, span: tuple[int, int], clubs: list[Mention], lang: LangData) -> int | None:
    """The first of the clubs that the text states is his."""
    for club in clubs:
        if club.entity_id is None or _came_from(text, span, club, lang) or is_former(text, club.start, lang):
            continue
        if states_own_club(text, span, (club.start, club.end), lang):
            return club.entity_id
    return None


def _came_from(text: str, span: tuple[int, int], club: Mention, lang: LangData) -> bool:
    """ "Palmer joined from Manchester City", "X, arrivato dal Sassuolo": a move done between the name and
    the club makes it the club he came from, no longer his."""
    completed = lang.kinds.get("completed")
    return span[1] <= club.start and completed is not None and completed.search(text, span[1], club.start) is not None


@lru_cache(maxsize=64)  # asked for every club mention: build the pattern once per language and key
def marker_before(lang: LangData, key: str) -> re.Pattern[str] | None:
    """The key's words ending right where a club's name starts, maybe with an apostrophe or an article between
    ("with the", "dall'", "cedido por la"): search it in the text just before the club."""
    articles = "|".join(re.escape(a) + (r"\s*" if a[-1] in "'’" else r"\s+") for a in lang.words("ref_articles"))
    return lang.regex(rf"(?<!\w)(?:{{alt}})\s*['’]?\s*(?:{articles})?$", key)


def is_origin(text: str, club_start: int, lang: LangData) -> bool:
    """ "On loan from Milan", "proveniente dal Sassuolo": the club he comes from is no destination."""
    rx = marker_before(lang, "origin_markers")
    return rx is not None and rx.search(text[max(0, club_start - 30) : club_start]) is not None


def is_former(text: str, club_start: int, lang: LangData) -> bool:
    """ "l'ex Napoli", "the former Chelsea man": a club he played for, not one he is going to."""
    rx = lang.regex(r"(?<!\w)(?:{alt})\s*(?:-\s*)?(?:\w+['’]?\s*){0,2}$", "former_markers")
    return rx is not None and rx.search(text[max(0, club_start - 30) : club_start]) is not None


def destination_marked(text: str, club_start: int, lang: LangData) -> bool:
    """ "Leave for Chelsea", "partire verso il Milan": the club after "for"/"to" is where he would go."""
    rx = marker_before(lang, "to_markers")
    return rx is not None and rx.search(text[max(0, club_start - 15) : club_start]) is not None


def under_contract(text: str, start: int, lang: LangData) -> bool:
    """ "his contract with Lazio", "contratto in scadenza nel 2027 con la Lazio": the club he is bound to."""
    contract = lang.regex(r"(?<!\w)(?:{alt})\w*", "contract_words")
    with_word = marker_before(lang, "with_markers")
    if contract is None or with_word is None:
        return False
    before = text[max(0, start - 60) : start]
    marker = with_word.search(before)
    return (
        marker is not None
        and contract.search(before, 0, marker.start()) is not None
        and not _CLAUSE_PUNCTUATION.search(before, marker.start())
    )


def moved_to(text: str, cue: tuple[str, int, int], start: int, lang: LangData) -> bool:
    """ "X joined Liverpool", "agreed to join Liverpool": a move to the club the text named as his."""
    near = cue[2] <= start and start - cue[2] < 12
    return cue[0] in ("completed", "agreement") and (near or destination_marked(text, start, lang))


def sells(text: str, club_end: int, lang: LangData) -> bool:
    """ "Inter reject a bid", "Milan are ready to sell": the club right before is the selling club."""
    rx = lang.regex(
        r"[\s,]*(?:(?:have|has|are|is|had|were|was|would|will|could)\s+)?(?:{alt})\b", "seller_verbs", escape=False
    )
    return rx is not None and rx.match(text[club_end : club_end + 40]) is not None
