"""Claims: which player a sentence links to which club, how far the move has got, and on what terms."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from tagger.matcher import Mention

from .langdata import LangData, lower_text
from .people import Cast
from .positions import (
    OWN_CLUB_REACH,
    destination_marked,
    is_former,
    is_origin,
    marker_before,
    moved_to,
    sells,
    states_own_club,
    under_contract,
)
from .text import Sentence

# Most advanced first: one claim per (player, club) keeps the highest.
KIND_RANK = {
    "stay": 0,
    "sold": 1,
    "completed": 7,
    "denial": 7,
    "agreement": 6,
    "bid": 5,
    "talks": 4,
    "renewal": 3,
    "interest": 2,
    "exit": 1,
}
TRANSFER_KINDS = ("denial", "completed", "agreement", "bid", "talks", "interest")
_HEADLINE_BREAK = re.compile(r",\s|\s?[|:]\s")
_CLUB_LIST_GAP = re.compile(r"\s*(?:,|and|or|e|o|y|und|oder|et|ou)\s*")
_PLAYER_LIST_GAP = re.compile(r"\s*(?:,|and|or|e|o|y|und|oder|et|ou|&|/)\s*(?:(?:and|or)\s+)?", re.I)


@dataclass
class Draft:
    """A claim before merging: one (player, club) link read in one sentence."""

    person: str
    club_id: int
    kind: str
    sentence: Sentence
    from_club_id: int | None
    rank_bonus: float = 0.0
    notes: list[str] = field(default_factory=list)


def transfer_kind(kinds: set[str]) -> str | None:
    for kind in TRANSFER_KINDS:
        if kind in kinds:
            return kind
    return None


def pair_kind(kinds: set[str], is_current: bool, current_known: bool) -> str | None:
    """The kind the cues give a (player, club) pair, by whether the club is his current club."""
    if is_current:
        if "renewal" in kinds:
            return "renewal"
        if "stay" in kinds:
            return None
        return "exit" if kinds & {"exit", "sold"} else None  # his club denying a move keeps him
    if "sold" in kinds:
        kinds = (kinds - {"sold"}) | {"completed"}  # "sold to Chelsea": the buyer completed the move
    if "renewal" in kinds and not current_known and not ({"bid", "agreement", "talks", "completed"} & kinds):
        return "renewal"
    kind = transfer_kind(kinds)
    if kind is None and "exit" in kinds:
        return "interest"  # "could leave for X": a destination named with an exit
    return kind


@dataclass
class Focus:
    """Who and which club the text is talking about, for "he", "the club", "i rossoneri"."""

    person: str | None = None
    club: int | None = None
    paragraph: int = -1
    person_paragraph: int = -1


@dataclass
class Reading:
    """One sentence as the claim finder sees it."""

    sentence: Sentence
    persons: list[tuple[str, int, int]]  # (person key, start, end)
    clubs: list[Mention]
    cues: list[tuple[str, int, int]]  # (kind, start, end)
    text: str = field(repr=False)  # the whole article, for the clauses
    lang: LangData = field(repr=False)
    title_end: int = 0

    @property
    def headline(self) -> bool:
        return self.sentence.start < self.title_end

    @cached_property
    def clauses(self) -> list[tuple[int, int]]:
        """Cut only when asked: most sentences have no cue, and nothing reads their clauses."""
        return _clauses(self.text, self.sentence, self.lang, self.title_end)


def read_sentences(
    text: str, sentences: list[Sentence], cast: Cast, clubs: list[Mention], lang: LangData, title_end: int = 0
) -> list[Reading]:
    # One pass of each cue pattern over the whole text, then each sentence takes its share.
    # "de acordo com X" is "according to X", no agreement: cue words inside a credit are no cues.
    credits = lang.credits(text)
    all_cues = sorted(c for c in lang.cues(text) if not any(a <= c[0] < b for a, b in credits))
    all_persons = sorted((a, b, key) for (a, b), key in cast.at.items())
    cue_starts = [c[0] for c in all_cues]
    person_starts = [p[0] for p in all_persons]
    club_starts = [m.start for m in clubs]  # in text order
    readings = []
    for s in sentences:
        persons = [(key, a, b) for a, b, key in _within(all_persons, person_starts, s)]
        in_clubs = _within(clubs, club_starts, s)
        cues = _sentence_cues(text, s, _within(all_cues, cue_starts, s), persons, in_clubs, lang)
        readings.append(Reading(s, persons, in_clubs, cues, text, lang, title_end))
    return readings


def _sentence_cues(
    text: str,
    s: Sentence,
    found: list[tuple[int, int, str]],
    persons: list[tuple[str, int, int]],
    clubs: list[Mention],
    lang: LangData,
) -> list[tuple[str, int, int]]:
    """The sentence's cues as (kind, start, end), each read in its context (hedged, negated, inside a name)."""
    if not found:
        return []  # most sentences: nothing to read
    conditional = bool(lang.conditionals and lang.conditionals.search(s.text))
    cues = [
        (_hedged(k, text[s.start : start], conditional, lang, text[end : min(end + 40, s.end)]), start, end)
        for start, end, k in found
    ]
    cues = _leaving_agreements(_drop_overlapped(cues, persons, clubs), text, lang)
    return _renewal_agreements(_wanting_to_sell(cues, text, s, lang), text)


def _within(items: list, starts: list[int], s: Sentence) -> list:  # type: ignore[type-arg]
    return items[bisect_left(starts, s.start) : bisect_left(starts, s.end)]


def _clauses(text: str, s: Sentence, lang: LangData, title_end: int) -> list[tuple[int, int]]:
    breaks = lang.clause_breaks.finditer(lower_text(text), s.start, s.end) if lang.clause_breaks else ()
    cuts = [m.start() for m in breaks]
    if s.start < title_end:  # a headline's commas part separate stories ("X pushing for exit, Y eyes move")
        cuts += [s.start + m.start() for m in _HEADLINE_BREAK.finditer(s.text)]
        cuts.sort()
    edges = [s.start, *cuts, s.end]
    return [(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]


def _hedged(kind: str, before: str, conditional: bool, lang: LangData, after: str = "") -> str:
    """Hedged moves read as interest; a negated exit ("not looking to sell") reads as "stay".

    "Could sign", "expected to open talks", "if they bid": a move spoken of, not made. "Stay" names the
    player's own club and claims nothing.
    """
    if kind in _STEP_BEFORE and _not_yet(before, after, lang):
        return _STEP_BEFORE[kind]  # "no agreement yet", "eine Einigung gibt es noch nicht": still talking
    negated = _negation_near(before, 25, lang) is not None
    if kind == "exit" and negated:
        return "stay"
    unlikely = lang.whole_words("unlikely")
    if kind == "renewal" and (negated or (unlikely is not None and unlikely.search(after))):
        return "exit"  # "a renewal looks unlikely", "non rinnoverà": he is on his way out
    if kind in ("talks", "bid"):
        negated = _negation_near(before, 8, lang) is not None  # "no talks"
    if kind in ("completed", "agreement", "talks", "bid") and negated and not conditional:
        return "denial"  # "could not sign him", "no talks", "konnten ihn nicht verpflichten": no move
    if kind == "interest" and _negated_interest(before, lang):
        return "denial"  # "are not looking at", "non è interessato a", "no piensa en"
    if kind not in ("talks", "bid", "agreement", "completed", "sold"):
        return kind
    if conditional or (lang.modals is not None and lang.modals.search(before, len(before) - lang.modal_window)):
        return "exit" if kind == "sold" else "interest"
    return kind


def _negation_near(before: str, reach: int, lang: LangData) -> re.Match[str] | None:
    """A negation among the last characters before a cue, read in whole words: searching from a position,
    not in a slice, so a cut word ("Milano", "Dani") holds no "no" or "ni"."""
    return lang.negation.search(before, len(before) - reach) if lang.negation is not None else None


def _negated_interest(before: str, lang: LangData) -> bool:
    """A negation just before an interest cue, but not "not only" ("non solo la Juve è interessata") nor one
    that makes a noun of no one in particular ("no club wants")."""
    negation = _negation_near(before, 15, lang)
    if negation is None or negation.group().lower() in lang.words("negation_determiners"):
        return False
    not_only = lang.whole_words("not_only")
    return not_only is None or not_only.search(before, len(before) - 30) is None


# A step the text says is not taken yet: the sides are at the step before it.
_STEP_BEFORE = {"completed": "agreement", "agreement": "talks", "bid": "interest", "talks": "interest"}
_CLAUSE_EDGE = re.compile(r"[,;:]")


def _not_yet(before: str, after: str, lang: LangData) -> bool:
    """ "Not yet", "noch nicht", "ainda não" around the cue, within its clause."""
    not_yet = lang.whole_words("not_yet", escape=False)
    if not_yet is None:
        return False
    head = before[-40:]
    head = head[head.find(" ") + 1 :] if len(before) > 40 else head  # whole words: "Galeno" holds no "no"
    cue = len(head) + 1  # where the cue stands in the window, as "_"
    window = f"{head} _ {after[:40]}"
    found = not_yet.search(window)
    # In the cue's own clause: no comma, semicolon or colon between the two.
    return found is not None and not _CLAUSE_EDGE.search(window, min(found.start(), cue), max(found.end(), cue))


def _leaving_agreements(cues: list[tuple[str, int, int]], text: str, lang: LangData) -> list[tuple[str, int, int]]:
    """ "Close to leaving", "vicino a salutare": close to a leaving verb is an exit ("close to a sale" is not)."""
    leave = lang.regex(r"[\s\w'’]{0,12}?(?<!\w)(?:{alt})(?!\w)", "leave_verbs", escape=False)
    if leave is None:
        return cues
    return [("exit", s, e) if k == "agreement" and leave.match(text, e) else (k, s, e) for k, s, e in cues]


_SAME_CLAUSE_GAP = re.compile(r"[^,;:.!?]{0,25}")


def _renewal_agreements(cues: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """ "Un accord pour une prolongation", "accordo per il rinnovo": an agreement or talks about a renewal
    are the renewal's."""
    renewals = [s for k, s, _ in cues if k == "renewal"]
    out = []
    for kind, start, end in cues:
        gap = _SAME_CLAUSE_GAP.match(text, end)
        if kind in ("agreement", "talks") and gap and any(end <= r <= gap.end() for r in renewals):
            kind = "renewal"
        out.append((kind, start, end))
    return out


def _wanting_to_sell(
    cues: list[tuple[str, int, int]], text: str, s: Sentence, lang: LangData
) -> list[tuple[str, int, int]]:
    """ "Werder will ihn nur gegen eine hohe Ablöse abgeben", "la Lazio vuole cedere Gila", "no quiere renovar":
    a "want" that governs an exit or renewal verb is no interest, and a fee on the way is the seller's price."""
    if lang.modals is None:
        return cues
    dropped: set[tuple[str, int, int]] = set()
    for kind, start, _ in cues:
        modal = lang.modals.search(text, s.start, start) if kind in ("exit", "renewal") else None
        if modal is not None:
            # The want itself too, whatever its negation made of it ("no quiere renovar" is no denial).
            dropped.update(
                c
                for c in cues
                if modal.start() <= c[1] < start and (c[0] in ("interest", "bid") or c[1] == modal.start())
            )
    return [c for c in cues if c not in dropped] if dropped else cues


def _drop_overlapped(
    cues: list[tuple[str, int, int]], persons: list[tuple[str, int, int]], clubs: list[Mention]
) -> list[tuple[str, int, int]]:
    """A cue word inside a name is no cue ("Hull City's Tarek Vollmann" holds no "Hull"), nor one inside
    a longer cue ("valuterà le offerte" holds no bid)."""
    names = [(a, b) for _, a, b in persons] + [(m.start, m.end) for m in clubs]
    longer = [(a, b) for _, a, b in cues]
    return sorted(
        (
            c
            for c in cues
            if not any(a < c[2] and c[1] < b for a, b in names)
            and not any(a <= c[1] and c[2] <= b and (a, b) != (c[1], c[2]) for a, b in longer)
        ),
        key=lambda c: c[1],
    )


def extract_drafts(
    text: str,
    readings: list[Reading],
    cast: Cast,
    current: dict[str, int],
    lang: LangData,
    topic: int | None,
    known: dict[str, int] | None = None,
) -> list[Draft]:
    known = known or {}
    drafts: list[Draft] = []
    focus = Focus()
    for reading in readings:
        named = [] if _named_only_as_condition(reading, lang) else reading.persons
        persons = named
        # "He", "the defender": read only where it can matter (a claim here, or a paragraph to keep him in focus).
        if not named and (reading.cues or reading.sentence.paragraph != focus.person_paragraph):
            persons = _referred_person(reading, focus, lang)
        if reading.cues and not persons:
            drafts.extend(_between_parties(reading, drafts) if reading.clubs else _continued(reading, drafts))
        if reading.cues and persons:
            clubs = _claim_clubs(text, reading, focus, lang, persons, current)
            found = _read_pairs(text, reading, persons, clubs, current, lang, topic, known)
            implied = topic if topic is not None else focus.club
            # Only a player the sentence names goes to the club the article is about ("the dream is X").
            found += _implied_drafts(text, reading, named, clubs, found, known, current, lang, implied)
            if not found:
                found = _continued(reading, drafts)  # "The coach closed the door on his departure."
            drafts.extend(found)
        _update_focus(focus, reading, persons, drafts)
    return drafts


def _named_only_as_condition(reading: Reading, lang: LangData) -> bool:
    """ "United want to be kept informed in case X departs": X is the condition, not the one they want."""
    if lang.conditionals is None or not reading.persons:
        return False
    text = reading.sentence.text
    s = reading.sentence.start
    clauses = {_clause_of(reading, start) for _, start, _ in reading.persons}
    return all(a > s and lang.conditionals.match(text[a - s :]) for a, _ in clauses)


def _between_parties(reading: Reading, drafts: list[Draft]) -> list[Draft]:
    """ "Milan and United have found an agreement": with no player named, the two clubs at the ends of an
    earlier claim speak of that claim."""
    named = {m.entity_id for m in reading.clubs}
    last = next(
        (d for d in reversed(drafts) if d.kind in TRANSFER_KINDS and {d.club_id, d.from_club_id} == named),
        None,
    )
    kind = transfer_kind({k for k, _, _ in reading.cues} & {"denial", "completed", "agreement", "bid"})
    if last is None or kind is None or KIND_RANK[kind] <= KIND_RANK[last.kind]:
        return []
    return [Draft(last.person, last.club_id, kind, reading.sentence, last.from_club_id)]


def _continued(reading: Reading, drafts: list[Draft]) -> list[Draft]:
    """ "Talks were held with PSG. They broke down in August.": a later stage of the last claim."""
    last = drafts[-1] if drafts else None
    if last is None or last.sentence.paragraph != reading.sentence.paragraph or last.kind not in TRANSFER_KINDS:
        return []
    cues = {k for k, _, _ in reading.cues}
    if "renewal" in cues:  # "He has signed his extension": a renewal, not a move
        return [Draft(last.person, last.club_id, "renewal", reading.sentence, last.club_id)]
    kind = transfer_kind(cues & {"denial", "completed", "agreement", "bid"})
    if kind is None or KIND_RANK[kind] <= KIND_RANK[last.kind]:
        return []
    return [Draft(last.person, last.club_id, kind, reading.sentence, last.from_club_id)]


def topic_club(
    clubs: list[Mention], title_end: int, text: str = "", cast: Cast | None = None, lang: LangData | None = None
) -> int | None:
    """The club the article is about: named most often, the title counting three times; a club named
    only as a player's own ("Hull City's Tarek Vollmann") does not count."""
    counts: dict[int, int] = {}
    spans = sorted(cast.at) if cast is not None else []
    starts = [start for start, _ in spans]
    for m in clubs:
        reach = OWN_CLUB_REACH - 1
        near = spans[bisect_left(starts, m.start - reach) : bisect_right(starts, m.start + reach)]
        if lang is not None and any(states_own_club(text, p, (m.start, m.end), lang) for p in near):
            continue
        if m.entity_id is not None:
            counts[m.entity_id] = counts.get(m.entity_id, 0) + (3 if m.start < title_end else 1)
    if clubs and clubs[0].start < title_end and clubs[0].entity_id is not None:
        counts[clubs[0].entity_id] = counts.get(clubs[0].entity_id, 0) + 1  # a headline's first club: its subject
    if not counts:
        return None
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] >= 2 else None


def _implied_drafts(
    text: str,
    reading: Reading,
    persons: list[tuple[str, int, int]],
    clubs: list[tuple[int, int, int]],
    found: list[Draft],
    known: dict[str, int],
    current: dict[str, int],
    lang: LangData,
    implied: int | None,
) -> list[Draft]:
    """A player with a cue and no club to take him: the club the text is about ("the alternatives are X").

    Known: his club by the knowledge base; current: by the text."""
    claimed = _claimed_in_own_clause(reading, persons, clubs, found)
    stated = _stated_positions(text, reading, reading.persons, clubs, lang)
    if implied is not None and any(c == implied and (s, e) in stated for c, s, e in clubs):
        return []  # the article's club is named here as someone's own: this sentence is not about its move
    unnamed = lang.whole_words("unnamed_clubs", escape=False)
    if unnamed is not None and unnamed.search(reading.sentence.text):
        return []  # "several clubs are interested in X": the suitors are not the article's club
    out = []
    for person, start, end in persons:
        if person in claimed or _bracketed(reading, start):
            continue
        if not _is_former_or_own_only(text, reading, person, clubs, stated, lang):
            continue
        if not _clause_has_cue(reading, start):
            continue  # "the gap behind Sommer": named, but no cue of his own
        cue = _nearest_cue(reading, start, end)
        if cue is None or _distance((start, end), (cue[1], cue[2])) > 100:
            continue  # a cue far off in the sentence is about someone else
        cur = current.get(person, known.get(person))
        club, kind = _implied_club_and_kind(reading, cue[0], cur, implied, lang)
        # Named with no club, he goes to the article's club even if the KB has him there: the KB knows
        # today's squads, and an article about a club's targets predates the move. Not if the text says
        # he is that club's ("Inter, idea Frattesi" above "Roma asked Inter about Frattesi").
        moving_in = kind in TRANSFER_KINDS and club == current.get(person)
        if club is not None and kind is not None and not moving_in:
            out.append(Draft(person, club, kind, reading.sentence, cur if cur != club else None))
        claimed.add(person)
    return out


def _claimed_in_own_clause(
    reading: Reading, persons: list[tuple[str, int, int]], clubs: list[tuple[int, int, int]], found: list[Draft]
) -> set[str]:
    """The players a claim already links to a club of their own clause. "Talks over X broke down when he
    preferred a move to Spurs": his claim with Spurs is the second clause's; the first still speaks."""
    out = set()
    for person, start, _ in persons:
        clause = _clause_of(reading, start)
        linked = {d.club_id for d in found if d.person == person}
        if any(c in linked and clause[0] <= s < clause[1] for c, s, _ in clubs):
            out.add(person)
    return out


def _implied_club_and_kind(
    reading: Reading, cue_kind: str, cur: int | None, implied: int | None, lang: LangData
) -> tuple[int | None, str | None]:
    """With no club to span to, the cue nearest the player says what happens, and with which club."""
    if cue_kind in ("exit", "renewal", "sold"):
        return (cur if cur is not None else implied), ("renewal" if cue_kind == "renewal" else "exit")
    # A bid or a denial names its club, unless the club speaks ("we could not sign him").
    allowed = {"interest", "talks", "agreement", "completed"}
    we = lang.whole_words("we_words")
    named_here = any(m.entity_id == implied for m in reading.clubs)
    if named_here or (we is not None and we.search(reading.sentence.text)):
        allowed.add("denial")
    return implied, transfer_kind({cue_kind} & allowed)


def _is_former_or_own_only(
    text: str,
    reading: Reading,
    person: str,
    clubs: list[tuple[int, int, int]],
    stated: dict[tuple[int, int], str],
    lang: LangData,
) -> bool:
    """Every club in the player's clause is his own or former club (so none can be the destination).

    Stated: the clubs the sentence names as any of its players' own."""
    spans = [p for p in reading.persons if p[0] == person]
    clauses = {_clause_of(reading, p[1]) for p in spans}
    in_clause = [(s, e) for _, s, e in clubs if _clause_of(reading, s) in clauses]
    return all(span in stated or is_former(text, span[0], lang) for span in in_clause)


def _referred_person(reading: Reading, focus: Focus, lang: LangData) -> list[tuple[str, int, int]]:
    """ "He", "the defender", "il giocatore", or no one named: the player the paragraph was talking about."""
    if focus.person is None:
        return []
    ref = lang.player_refs.search(reading.sentence.text) if lang.player_refs is not None else None
    if ref is not None:
        at = reading.sentence.start + ref.start()
        return [(focus.person, at, reading.sentence.start + ref.end())]
    club_ref = lang.club_refs is not None and lang.club_refs.search(reading.sentence.text)
    if reading.sentence.paragraph == focus.person_paragraph and (reading.clubs or club_ref):
        return [(focus.person, reading.sentence.start, reading.sentence.start)]
    return []


def _claim_clubs(
    text: str,
    reading: Reading,
    focus: Focus,
    lang: LangData,
    persons: list[tuple[str, int, int]],
    current: dict[str, int],
) -> list[tuple[int, int, int]]:
    """(club id, start, end) of the sentence's clubs; "the club" stands for the club in focus."""
    clubs = [(m.entity_id, m.start, m.end) for m in reading.clubs if m.entity_id is not None]
    if focus.club is not None and lang.club_refs is not None and not clubs:
        ref = lang.club_refs.search(reading.sentence.text)
        currents = {current.get(p[0]) for p in persons}
        if ref and focus.club not in currents:
            s = reading.sentence.start
            clubs.append((focus.club, s + ref.start(), s + ref.end()))
    return clubs


@dataclass
class _Slot:
    """A club mention in a sentence, with what the sentence says about it."""

    club_id: int
    start: int
    end: int
    owner: str | None  # the player whose own club the text names here ("AC Milan defender X")
    owns: bool  # the club is really his (a bracket after a sale names where he went instead)
    seller: bool
    cue: tuple[str, int, int]
    to_here: bool  # named as where he goes ("a move to Chelsea")


def _read_pairs(
    text: str,
    reading: Reading,
    persons: list[tuple[str, int, int]],
    clubs: list[tuple[int, int, int]],
    current: dict[str, int],
    lang: LangData,
    topic: int | None,
    known: dict[str, int],
) -> list[Draft]:
    out: list[Draft] = []
    for slot in _club_slots(text, reading, persons, clubs, lang):
        for person, p_start, p_end in _persons_for(
            text, reading, persons, slot.cue, slot.owner, (slot.start, slot.end)
        ):
            cur = current.get(person, known.get(person))
            kinds = _pair_kinds(reading, slot, person, (p_start, p_end), cur)
            is_current = _is_current(text, reading, slot, person, kinds, cur, person in current, lang)
            is_current = is_current or _other_party(text, reading, slot, topic) or _denies_for_own(reading, slot)
            out.extend(_pair_drafts(text, reading, person, slot.club_id, kinds, is_current, cur, slot.cue, lang, topic))
    return _from_the_seller(out)


def _from_the_seller(drafts: list[Draft]) -> list[Draft]:
    """ "Milan have sold X to Fiorentina": with no club of his known, the club the sentence has him leave is
    where the move comes from."""
    left = {d.person: d.club_id for d in drafts if d.kind == "exit"}
    for d in drafts:
        if d.from_club_id is None and d.kind in TRANSFER_KINDS and left.get(d.person, d.club_id) != d.club_id:
            d.from_club_id = left[d.person]
    return drafts


def _club_slots(
    text: str, reading: Reading, persons: list[tuple[str, int, int]], clubs: list[tuple[int, int, int]], lang: LangData
) -> list[_Slot]:
    """The sentence's clubs that may take part in a claim, each with its nearest cue."""
    stated = _stated_positions(text, reading, persons, clubs, lang)
    to_here = {start: destination_marked(text, start, lang) for _, start, _ in clubs}
    # The seller is the club the sentence is about, not one named in brackets after a player.
    sellers = {
        (s, e) for _, s, e in clubs if (s, e) not in stated and not to_here[s] and _sells_here(reading, text, s, e)
    }
    slots = []
    for club_id, start, end in clubs:
        owner = stated.get((start, end))
        # "Mit X (Hoffenheim) hat der FC Bayern ihn verliehen": with a seller named, the bracket is where he went.
        owns = owner is not None and not (sellers and (start, end) not in sellers)
        if _parens(reading, start) != -1 and to_here[start]:
            owns = False  # "X (loaned to Cádiz)": the bracket names where he went
        if is_former(text, start, lang) or (owner is None and is_origin(text, start, lang)):
            continue  # "the former Chelsea defender X", "on loan from Milan": neither where he goes nor his
        if _is_opponent(text, reading, start, end, lang):
            continue  # "he scored against Lyon and Lens": a match, not a move
        # A headline's parts are terse ("Inter, from Bastoni to Dzeko: the renewals"): any of its cues may do.
        cue = _nearest_cue(reading, start, end, text, strict=not reading.headline)
        if cue is not None:
            slots.append(_Slot(club_id, start, end, owner, owns, (start, end) in sellers, cue, to_here[start]))
    return slots


def _pair_kinds(reading: Reading, slot: _Slot, person: str, span: tuple[int, int], cur: int | None) -> set[str]:
    kinds = _kinds_between(reading, (slot.start, slot.end), span, slot.cue)
    to_here = slot.to_here
    bracket_destination = slot.owner == person and not slot.owns
    if "sold" in kinds and not to_here and not bracket_destination:
        kinds = (kinds - {"sold"}) | {"exit"}  # sold, but not "to" this club: this club sells
    if "renewal" in kinds and to_here and not _renews_here(slot):
        kinds = kinds - {"renewal"}  # "renewed with X, then left for Y": Y renews nothing
    if "renewal" in kinds and cur in (None, slot.club_id):
        kinds = {"renewal"}  # renewal talks, a renewal agreed: still a renewal
    return kinds


def _bid_words(text: str, cue: tuple[str, int, int], lang: LangData) -> bool:
    """The cue is an offer, whatever hedging made of it ("potrebbe fare un'offerta" reads as interest)."""
    bid = lang.kinds.get("bid")
    return cue[0] == "bid" or (bid is not None and bid.match(text, cue[1]) is not None)


def _renews_here(slot: _Slot) -> bool:
    """ "Committed his future to Lazio", "prolonge à la Lazio": a renewal leading straight to the club."""
    return slot.cue[0] == "renewal" and _straight_before(slot.cue, slot.start)


def _is_current(
    text: str,
    reading: Reading,
    slot: _Slot,
    person: str,
    kinds: set[str],
    cur: int | None,
    stated: bool,
    lang: LangData,
) -> bool:
    """Whether the club is the player's own in this claim (so only a renewal or an exit can follow)."""
    start, cue = slot.start, slot.cue
    to_here = slot.to_here
    # Interest in a player of one's own is no claim; talks or a bid for him means the KB is out of date.
    own_cue = not kinds & {"talks", "bid", "agreement", "completed", "denial"}
    bracket_destination = slot.owner == person and not slot.owns
    return (
        (slot.owns and slot.owner == person)
        or (not stated and cur == slot.club_id and own_cue and not _cue_leads_to(text, cue, start, lang))
        or (stated and cur == slot.club_id and not moved_to(text, cue, start, lang) and not bracket_destination)
        or slot.seller
        or (_bid_words(text, cue, lang) and cue[1] < start and to_here)  # "(could make) an offer to Lazio"
        or ("denial" not in kinds and _counterparty(text, reading, start, lang))
        or under_contract(text, start, lang)
        or (cue[0] == "renewal" and (not to_here or _renews_here(slot)))  # a club renews only its own players
        or sells(text, slot.end, lang)
        or (kinds <= {"exit", "stay"} and not to_here)
    )


def _cue_leads_to(text: str, cue: tuple[str, int, int], start: int, lang: LangData) -> bool:
    """ "He chose a move to Brighton": a cue leading straight to the club names where he would go,
    whatever the knowledge base, which knows only today's squads, says of his club."""
    return _straight_before(cue, start) and destination_marked(text, start, lang)


def _straight_before(cue: tuple[str, int, int], start: int) -> bool:
    """The cue ends a few characters before the club ("a move to Tottenham", "committed his future to")."""
    return 0 <= start - cue[2] < 12


def _denies_for_own(reading: Reading, slot: _Slot) -> bool:
    """ "Fenerbahce deny a done deal with Chelsea": the club denying before another club is named is his."""
    clause = _clause_of(reading, slot.start)  # "X in talks with Y, but there is no agreement": not X's denial
    denies = any(
        k == "denial" and 0 <= s - slot.end <= 70 and _clause_of(reading, s) == clause for k, s, _ in reading.cues
    )
    return denies and any(m.entity_id != slot.club_id for m in reading.clubs)


def _other_party(text: str, reading: Reading, slot: _Slot, topic: int | None) -> bool:
    """ "L'OM et Rennes en discussions": of two clubs talking, the one the article is not about sells."""
    if topic is None or slot.club_id == topic or slot.cue[0] not in ("talks", "agreement", "bid"):
        return False
    partner = _listed_club(reading, slot.start, slot.end, text)
    return partner is not None and any(m.start == partner[0] and m.entity_id == topic for m in reading.clubs)


def _sells_here(reading: Reading, text: str, start: int, end: int) -> bool:
    """ "Bayern are not looking to sell", "L'OM veut vendre X": an exit said right after a club, with no
    player between, makes the club his (the caller rules out a club after "to"/"al": where he goes instead)."""
    clause = _clause_of(reading, start)
    nearest = _nearest_cue(reading, start, end, text, strict=True)
    if (
        nearest
        and nearest[0] in ("exit", "stay", "sold")
        and nearest[1] >= end
        and _clause_of(reading, nearest[1]) == clause
    ):
        return True
    for kind, c_start, c_end in reading.cues:
        if kind in ("exit", "stay", "sold") and end <= c_start < min(end + 30, clause[1]):
            # "joined Celta on a free after leaving Barcelona": an exit with a club of its own is that club's.
            if any(0 <= m.start - c_end <= 12 for m in reading.clubs):
                continue
            return not any(end <= p_start < c_start for _, p_start, _ in reading.persons)
    return False


def _pair_drafts(
    text: str,
    reading: Reading,
    person: str,
    club_id: int,
    kinds: set[str],
    is_current: bool,
    cur: int | None,
    cue: tuple[str, int, int],
    lang: LangData,
    topic: int | None,
) -> list[Draft]:
    kind = pair_kind(kinds, is_current, cur is not None)
    if kind is None:
        return []
    from_id = club_id if is_current else (cur if cur != club_id else None)
    out = [Draft(person, club_id, kind, reading.sentence, from_id)]
    if _is_competition(text, cue, lang) and topic is not None and topic not in (club_id, cur):
        # "Napoli are also interested": the club the article is about is in the race too.
        out.append(Draft(person, topic, "interest", reading.sentence, cur))
    return out


def _is_competition(text: str, cue: tuple[str, int, int], lang: LangData) -> bool:
    if lang.competition is None:
        return False
    return bool(lang.competition.search(text[max(0, cue[1] - 15) : cue[2] + 15]))


def _strong_move(kinds: set[str]) -> bool:
    """A move the text says happened or is agreed outranks the knowledge base's idea of his club."""
    return bool(kinds & {"completed", "agreement"})


def _stated_positions(
    text: str, reading: Reading, persons: list[tuple[str, int, int]], clubs: list[tuple[int, int, int]], lang: LangData
) -> dict[tuple[int, int], str]:
    """Club mentions that name a player's own club ("AC Milan defender X", "X from Chelsea"), by span."""
    out = {}
    for _club_id, start, end in clubs:
        for person, p_start, p_end in persons:
            if abs(p_start - start) < OWN_CLUB_REACH and states_own_club(text, (p_start, p_end), (start, end), lang):
                out[(start, end)] = person
    return out


def _nearest_cue(
    reading: Reading, start: int, end: int, text: str = "", strict: bool = False
) -> tuple[str, int, int] | None:
    """The cue closest to the club, in its own clause.

    Strict: a clause without a cue gives none, unless the club is listed with one that has a cue
    ("Manchester City and Chelsea are his top suitors").
    """
    clause = next(((a, b) for a, b in reading.clauses if a <= start < b), (start, end))
    local = [c for c in reading.cues if clause[0] <= c[1] < clause[1]]
    if not local and strict:
        partner = _listed_club(reading, start, end, text)
        return _nearest_cue(reading, partner[0], partner[1]) if partner else None
    local = local or reading.cues
    if not local:
        return None
    return min(local, key=lambda c: _distance((start, end), (c[1], c[2])))


def _listed_club(reading: Reading, start: int, end: int, text: str) -> tuple[int, int] | None:
    for m in reading.clubs:
        gap = text[end : m.start] if m.start >= end else text[m.end : start]
        if (m.start, m.end) != (start, end) and _CLUB_LIST_GAP.fullmatch(gap):
            return (m.start, m.end)
    return None


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _persons_for(
    text: str,
    reading: Reading,
    persons: list[tuple[str, int, int]],
    cue: tuple[str, int, int],
    owner: str | None,
    club: tuple[int, int],
) -> list[tuple[str, int, int]]:
    """The player the cue is about: the nearest one, with those listed alongside him ("X and Y").

    A player in another clause that has its own cue is that clause's business, not this club's.
    """
    if owner is not None:
        return [p for p in persons if p[0] == owner]
    clause = _clause_of(reading, club[0])
    if not reading.persons:  # "he", "the defender": the player the text is about, wherever the word is
        return persons
    scope = _parens(reading, club[0])
    usable = [
        p
        for p in persons
        if _parens(reading, p[1]) in (-1, scope)  # a player in brackets goes with a club in the same brackets
        and (_clause_of(reading, p[1]) == clause or p[1] < clause[0] or not _clause_has_cue(reading, p[1]))
    ]
    if not usable:
        return []
    nearest = min(usable, key=lambda p: _distance((p[1], p[2]), (cue[1], cue[2])))
    group = [nearest]
    grown = True
    while grown:  # "Gomes, Medina et Egan-Riley": the whole list, link by link
        grown = False
        for p in usable:
            if p not in group and any(_listed_together(text, g, p) for g in group):
                group.append(p)
                grown = True
    return group


def _clause_of(reading: Reading, offset: int) -> tuple[int, int]:
    for clause in reading.clauses:
        if clause[0] <= offset < clause[1]:
            return clause
    return (offset, offset)


def _parens(reading: Reading, offset: int) -> int:
    """Where the bracket holding the offset opens (-1 outside brackets): "(appena approdato a Torino)"
    speaks only for what is inside it."""
    before = reading.sentence.text[: offset - reading.sentence.start]
    opening = before.rfind("(")
    return opening if opening != -1 and ")" not in before[opening:] else -1


def _bracketed(reading: Reading, offset: int) -> bool:
    """ "(such as X and Y)": names in brackets with others are examples, not the subject of the claim."""
    before = reading.sentence.text[: offset - reading.sentence.start]
    opening = before.rfind("(")
    if opening == -1 or ")" in before[opening:]:
        return False
    closing = reading.sentence.text.find(")", opening)
    inside = reading.sentence.text[opening : closing if closing != -1 else None]
    return "," in inside or len(inside) > 40


def _clause_has_cue(reading: Reading, offset: int) -> bool:
    a, b = _clause_of(reading, offset)
    return any(a <= c[1] < b for c in reading.cues)


def _listed_together(text: str, a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    first, second = sorted((a, b), key=lambda p: p[1])
    between = text[first[2] : second[1]]
    return bool(_PLAYER_LIST_GAP.fullmatch(between))


def _kinds_between(
    reading: Reading, club: tuple[int, int], person: tuple[int, int], cue: tuple[str, int, int]
) -> set[str]:
    """The cue kinds from the club to the player (and just past the later one), plus the nearest cue;
    a denial anywhere in the club's clause, or in the one right after the club, counts ("denying a done
    deal with Chelsea")."""
    low, high = min(club[0], person[0]), max(club[1], person[1]) + 25
    clause = _clause_of(reading, club[0])
    if person[0] < club[0] and _clause_of(reading, person[0]) == clause:
        low = clause[0]  # "Vicina la cessione di X al Genoa": the cue before the player counts
    alone = sum(1 for m in reading.clubs if clause[0] <= m.start < clause[1]) == 1
    if alone and _clause_of(reading, person[0]) == clause:
        low = clause[0]  # "Official: the move to Venezia of X": one club, one player, the clause's cues
    if person[0] < clause[0]:
        low = clause[0]  # the player's own clause speaks for him, not for this club's
    clause_ends = [b for a, b in reading.clauses if a <= max(club[0], person[0]) < b]
    if clause_ends:
        high = min(high, clause_ends[0])
    scope = _parens(reading, club[0])
    kinds = {k for k, s, _ in reading.cues if low <= s < high and _parens(reading, s) in (-1, scope)} | {cue[0]}
    # "...c'era anche il Milan, che però si è defilato": the clause right after the club speaks of it too.
    told = (clause[0], _clause_of(reading, clause[1])[1]) if 0 <= clause[1] - club[1] <= 2 else clause
    if any(k == "denial" and told[0] <= s < told[1] for k, s, _ in reading.cues):
        kinds.add("denial")
    return kinds


def _update_focus(focus: Focus, reading: Reading, persons: list[tuple[str, int, int]], drafts: list[Draft]) -> None:
    here = [d for d in drafts[-8:] if d.sentence is reading.sentence and d.kind in TRANSFER_KINDS]
    named = [p[0] for p in reading.persons]
    claimed = [d.person for d in here if d.person in named]
    if claimed:  # "Not only X: Y could make the same move": the one the sentence makes a claim for
        focus.person = claimed[0]
    elif named and focus.person not in named:  # "With names such as X and Y, Z was tipped": Z stays
        focus.person = named[0]
    if persons:  # "The former Lille winger ...": a new paragraph that refers back keeps him in focus
        focus.person_paragraph = reading.sentence.paragraph
    if reading.sentence.paragraph != focus.paragraph:
        focus.club = None  # "the club" refers back within its paragraph
    if here:  # "they", "the club": the sentence's first club, mostly its subject
        focus.club = here[0].club_id
    focus.paragraph = reading.sentence.paragraph


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """One claim per (player, club): the most advanced kind; an exit only where no destination is claimed."""
    best: dict[tuple[str, int], Draft] = {}
    renewals = {(d.person, d.club_id) for d in drafts if d.kind == "renewal"}
    for draft in drafts:
        key = (draft.person, draft.club_id)
        if key in renewals and draft.kind != "renewal":
            continue  # a club that renews him is his club: talks with it are renewal talks
        if key not in best or KIND_RANK[draft.kind] > KIND_RANK[best[key].kind]:
            best[key] = draft
    with_destination = {d.person for d in best.values() if d.kind in TRANSFER_KINDS and d.kind != "denial"}
    exits: dict[str, Draft] = {}
    for d in best.values():  # a player leaves one club: the first the text says he leaves
        if d.kind == "exit" and d.person not in with_destination:
            exits.setdefault(d.person, d)
    return [d for d in best.values() if d.kind != "exit" or exits.get(d.person) is d]


def _is_opponent(text: str, reading: Reading, start: int, end: int, lang: LangData) -> bool:
    rx = lang.regex(r"(?<!\w)(?:{alt})\s+(?:\w{1,3}['’]\s*|\w{1,3}\s+)?$", "opponent_markers")
    if rx is None:
        return False
    if rx.search(text[max(0, start - 25) : start]):
        return True
    partner = _listed_club(reading, start, end, text)
    return (
        partner is not None and partner[0] < start and rx.search(text[max(0, partner[0] - 25) : partner[0]]) is not None
    )


def _counterparty(text: str, reading: Reading, start: int, lang: LangData) -> bool:
    """ "Napoli have opened talks with Porto": after a club as subject, the club "with" whom is the seller."""
    rx = marker_before(lang, "with_markers")
    marker = rx.search(text, max(0, start - 12), start) if rx is not None else None
    if marker is None:
        return False
    if any(k in ("completed", "renewal") and 0 <= marker.start() - e <= 2 for k, _, e in reading.cues):
        return False  # "ha firmato con il Napoli", "signed with Napoli": he joined them
    # A headline's parts are cut at its commas and colons, but its subject stands for all of them
    # ("Tomori, la Juventus accelera: primi contatti con il Milan").
    low = reading.sentence.start if reading.headline else _clause_of(reading, start)[0]
    return any(low <= m.start < start for m in reading.clubs)
