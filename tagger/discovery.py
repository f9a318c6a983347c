"""Player discovery: a learned yes/no on each capitalised name the knowledge base does not know, and on
each name it does know (is that its player here?).

The rule engine (`people._discover`) adds a name when one of its cues fires. Here every such name is a
candidate, described by how the article names it, and a logistic model learned from annotated articles
decides. The description never holds the name itself: players recur across articles, and a model that
learned names would learn nothing that carries to the next article. It holds

- the rule engine's cues: a player role before or after the name ("l'attaccante", "der Innenverteidiger",
  "X, the midfielder"), a transfer noun before it ("the signing of", "il colpo"), his own club after it
  ("X (26, FC Villarreal)"), a move verb next to it, a full name in a transfer sentence, a place word
  before it, and whether the rules alone would add him; the same cues at the other mentions of the
  surname ("the striker X ... X said");
- the words around it, with clubs, known players and numbers folded into one token each (`<club>`,
  `<player>`, `<num>`), so "the 24-year-old", "No. 9" and "(26, <club>)" are what is learned;
- the shape of the name (words, hyphens, capitals, particles, a word also written in lower case) and
  lexicons, none of them built from articles: the knowledge base's first names, surnames, club names,
  words of club names and club cities, and the names of countries and languages in the six languages
  (CLDR through Babel);
- where it stands: in the title, at the start of a sentence, in brackets, beside a listed player;
- for a name the knowledge base knows: full name or one word, a club now or none, his club (on the
  article's day) named in the article, his age on the article's day (the ex-player of the 1998 squads
  is mostly a coach now).

Never a player, before the model is asked: a country, language or nationality (CLDR); a name the
article gives a staff role anywhere (coach, director, president, agent, journalist: the language files'
role words); a credited source ("according to X"); a club or outlet the knowledge base matched.

API
---
- `fit_player_discovery(articles, golds, *, gazetteer, c=0.25, threshold=None) -> dict`: fit on
  annotated articles (dicts with `text`, optional `title`, `language`, `published`; golds with a
  `players` list, in the same order). The result is plain JSON: `version`, `weights` (feature -> weight),
  `bias`, `threshold` (new names) and `known_threshold` (the knowledge base's names). Never a pickle.
  Needs scikit-learn; predicting does not.
- `PlayerDiscovery(params)` (`model.load_discovery()` reads the committed one): the predictor; pass it to
  `tag_article(..., discovery=...)`. Without it the tagger finds players by its rules, as before.
- `article_candidates(article, gazetteer)`: the candidates of one article with their features, for
  fitting and measuring (`make eval` cross-validates with it).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, pairwise, repeat
from typing import Any

from tagger.matcher import Gazetteer, Mention
from tagger.names import normalize_name

from .langdata import LangData, places_and_peoples
from .people import (
    _GAP_AFTER,
    _GAP_BEFORE,
    _PARTICLE_RE,
    NAME_RE,
    Cast,
    ClubSpans,
    Page,
    Person,
    _after_place_word,
    _covered,
    _credited,
    _in_transfer_sentence,
    _move_next_to,
    _names,
    _next_to_player,
    _nickname_after,
    _not_a_name,
    _object_cue_before,
    _player_evidence,
    _role_after,
    _sentence_edges,
    name_spans,
    role_before,
    staff_after,
    staff_before,
    staff_in_article,
)
from .positions import OWN_CLUB_REACH, states_own_club
from .text import SENTENCE_EDGE, Mask, written_in_lower_case

PARAMS_VERSION = 1
_TOKEN = re.compile(r"\w+(?:['’-]\w+)*|[^\w\s]")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
# Of the names judged, out of fold within the training articles. Chosen by cross-validating player
# discovery over train (0.80 to 0.92 tried): higher costs more recall than it gains precision.
TARGET_PRECISION = 0.8
# The knowledge base's matches are kept at the best out-of-fold F-beta of this beta: a wrong player makes
# wrong claims, so precision weighs more. Cross-validating player discovery over train, 0.5 against 1
# (best F1) gave players P 0.852 R 0.817 against P 0.840 R 0.825, the same F1.
KNOWN_BETA = 0.5
_CONTEXT = 3  # words each side read one by one; five more each side as a bag
_REACH = 80  # characters each side in which those words are looked for
_TAKEN_RUN = re.compile(rb"\x01+")  # a run of set bytes in a Mask: names that touch
_AGE_IN_BRACKETS = re.compile(r"\s*\(\s*\d{1,2}\b")  # "X (26, <club>)"


@dataclass(frozen=True)
class Candidate:
    """One name span the knowledge base does not know, and how the article names it."""

    start: int
    end: int
    name: str
    group: int  # candidates of one capitalised run share a group: at most one of them is taken
    features: tuple[str, ...]
    known_as: str = ""  # a lone surname the knowledge base matched: the player it names


class PlayerDiscovery:
    """The learned decision: a weighted sum of the candidate's features, a logistic, a threshold."""

    def __init__(self, params: dict[str, Any]) -> None:
        if params.get("version") != PARAMS_VERSION:
            raise ValueError(f"player discovery parameters of version {params.get('version')!r}, not {PARAMS_VERSION}")
        self.weights: dict[str, float] = dict(params["weights"])
        self.bias = float(params["bias"])
        self.threshold = float(params["threshold"])
        self.known_threshold = float(params["known_threshold"])

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(map(self.weights.get, features, repeat(0.0)))  # a C loop: same sum, same order
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def discover(self, cast: Cast, page: Page) -> None:
        """Add the candidates the model takes for players; the staff and the credited stay out."""
        settled: set[int] = set()
        for cand in candidates(cast, page):
            if cand.group in settled or cast.taken(cand.start, cand.end):
                continue
            if _settled_without_model(cast, page, cand):
                settled.add(cand.group)
                continue
            certainty = self.probability(cand.features)
            if certainty >= self.threshold:
                name = _nickname_after(page.text, cand.end) or cand.name
                person = Person("name:" + normalize_name(name), name, None, evidence=name, certainty=certainty)
                cast.add(person, (cand.start, cand.end))
                settled.add(cand.group)

    def known_certainty(
        self, cast: Cast, page: Page, mention: Mention, club_ids: set[int], day: dt.date | None
    ) -> float | None:
        """A name the knowledge base knows: how sure it is that player here ("Meister" may be a noun, a player
        of the 1998 squads a coach now); None under the threshold."""
        certainty = self.probability(known_candidate(cast, page, mention, club_ids, day).features)
        return certainty if certainty >= self.known_threshold else None


def known_candidate(cast: Cast, page: Page, mention: Mention, club_ids: set[int], day: dt.date | None) -> Candidate:
    """A knowledge-base match described as a discovered name is, with what the base adds: a full name or
    one word, a club now, his club named in the article, his age on the article's day."""
    entry = page.gazetteer.players[mention.entity_id] if mention.entity_id is not None else None
    context = _Context(page, cast, set())
    known = ["kb_lone_word" if len(mention.text.split()) == 1 else "kb_full_name", f"kb_alias={mention.alias_kind}"]
    if entry is not None:
        known.append(f"kb_age={_age_bucket(entry.born, day)}")
        known.append("kb_club_now" if entry.club_id is not None else "kb_no_club_now")
        if entry.club_on(day) in club_ids:
            known.append("kb_club_named")
    features = context.features(mention.start, mention.end, mention.text)
    return Candidate(
        mention.start, mention.end, mention.text, -1, (*features, *known), entry.name if entry else mention.text
    )


def _age_bucket(born: dt.date | None, day: dt.date | None) -> str:
    """His age on the article's day, in five-year steps: a man of 45 named in transfer news is mostly staff."""
    if born is None or day is None:
        return "unknown"
    return str(min(max((day.year - born.year) // 5 * 5, 15), 45))


def _settled_without_model(cast: Cast, page: Page, cand: Candidate) -> bool:
    """Staff and sources are never players; a surname of a player already found is that player."""
    text, lang, club_spans = page.text, page.lang, page.club_spans
    folded = normalize_name(cand.name)
    if folded in cast.staff:
        return True
    if staff_before(text, cand.start, lang, club_spans) or staff_after(text, cand.start, cand.end, lang, club_spans):
        cast.staff.add(folded)
        return True
    if _credited(text, cand.start, lang) or (lang.cite_after is not None and lang.cite_after.match(text, cand.end + 1)):
        return True
    same = None if " " in folded else next((p for p in cast.people.values() if p.surname == folded), None)
    if same is not None:
        cast.add(same, (cand.start, cand.end))
        return True
    return False


def candidates(cast: Cast, page: Page) -> list[Candidate]:
    """Every capitalised name the knowledge base's matches leave free, with its features, in text order."""
    text, lang, blocked = page.text, page.lang, page.blocked
    out = []
    known_surnames = {p.surname for p in cast.people.values()}
    staff = staff_in_article(text, lang, page.club_spans, blocked)
    # One context for the article: its tokens are read and classified once, not once per candidate.
    context = _Context(page, cast, known_surnames)
    pieces = [
        piece
        for match in _names(text)
        if not _covered(text, cast, blocked, match.start(), match.end())
        for piece in name_spans(text, match.start(), match.end(), lang, blocked)
    ]
    for group, piece in enumerate(pieces):  # at most one name of a piece is taken
        for start, end in piece:
            if start >= end or cast.taken(start, end) or blocked.overlaps(start, end):
                continue
            name = text[start:end].strip(" .'’-")
            end = start + len(name)
            folded = normalize_name(name)
            if not folded or _not_a_name(name, lang) or folded in places_and_peoples():
                continue  # a country, a language, a nationality: never a player
            if _between_clubs(blocked, text, start, end):
                continue  # "Ascoli, Carpi, Lecco": a list of clubs holds clubs
            if folded in staff or folded.split()[-1] in staff:
                cast.staff.add(folded)  # "Mourinho said" in an article that calls him the coach once
                continue
            out.append(Candidate(start, end, name, group, context.features(start, end, name)))
    return _with_cues_elsewhere(out)


# The cues that show a player wherever they stand: one of them at another mention of the surname counts.
_CUES = frozenset(
    ["role_before", "object_cue", "role_after", "own_club_after", "move_next_to", "rules_say_player"]
    + ["age_in_brackets_after", "listed_with_player"]
)


def _with_cues_elsewhere(found: list[Candidate]) -> list[Candidate]:
    """ "the striker Tarek Vollmann ... Vollmann said": each mention learns the cues of the others."""
    cues_of: dict[str, set[str]] = defaultdict(set)
    own = [_CUES.intersection(cand.features) for cand in found]  # the cues it has: the others' it lacks are the rest
    for cand, cues in zip(found, own, strict=True):
        cues_of[_last_word(cand.name)].update(cues)
    out = []
    for cand, cues in zip(found, own, strict=True):
        elsewhere = sorted(f"elsewhere={f}" for f in cues_of[_last_word(cand.name)] - cues)
        out.append(replace(cand, features=(*cand.features, *elsewhere)))
    return out


@dataclass
class _Context:
    page: Page
    cast: Cast
    known_surnames: set[str]

    @property
    def given_names(self) -> frozenset[str]:
        return self.page.gazetteer.given_names

    def features(self, start: int, end: int, name: str) -> tuple[str, ...]:
        language = str(self.page.lang.raw.get("language", "?"))
        cues, rest = self._fixed(start, end, name)
        found = [*cues, *self._listed(start, end), *rest[0], *self._found_surname(name), *rest[1]]
        found += self._words_around(start, end)
        return tuple(dict.fromkeys([f"lang={language}", *found, *(f"{language}:{f}" for f in found)]))

    def _fixed(self, start: int, end: int, name: str) -> tuple[list[str], tuple[list[str], list[str]]]:
        """The features the found players do not change, read once for both readings of the article."""
        memo = _fixed_features(self.page.text, self.page.lang, self.page.club_spans, self.page.gazetteer)
        key = (start, end, name)
        if key not in memo:
            memo[key] = (
                self._cues(start, end, name),
                (
                    [*_name_shape(name), *_name_lexicons(name, self.page.text, self.page.gazetteer)],
                    self._place(start, end),
                ),
            )
        return memo[key]

    def _listed(self, start: int, end: int) -> list[str]:
        return ["listed_with_player"] if _next_to_player(self.cast, self.page.text, start, end) else []

    def _found_surname(self, name: str) -> list[str]:
        folded = normalize_name(name).split()
        surname = folded[-1] if folded else ""
        return ["surname_of_found_player"] if surname in self.known_surnames else []

    def _cues(self, start: int, end: int, name: str) -> list[str]:
        text, lang, clubs = self.page.text, self.page.lang, self.page.club_spans
        out = []
        role = role_before(text, start, lang, clubs)
        if role:
            out += ["role_before", f"role_before={_last_word(role)}"]
        cue = _object_cue_before(text, start, lang)
        if cue:
            out += ["object_cue", f"object_cue={_last_word(cue)}"]
        after = _role_after(text, end, lang)
        if after:
            out += ["role_after", f"role_after={_last_word(after)}"]
        near = clubs.starting_in(end, end + OWN_CLUB_REACH)
        if any(states_own_club(text, (start, end), c, lang) for c in near):
            out.append("own_club_after")
        if _after_place_word(text, start, lang):
            out.append("place_before")
        if _in_transfer_sentence(text, start, end, lang, clubs):
            out.append("transfer_sentence")
        if len(name.split()) >= 2 and _move_next_to(text, start, end, name, lang):
            out.append("move_next_to")
        if _player_evidence(text, start, end, name, lang, clubs, self.given_names):
            out.append("rules_say_player")
        if _next_to_club(self.page.blocked, text, start, end):
            out.append("listed_with_club")  # "Ascoli, Carpi, Lecco": a club the base lacks
        out += _role_words_in(text, *_sentence_bounds(text, start, end), lang)
        return out

    def _place(self, start: int, end: int) -> list[str]:
        text = self.page.text
        out = []
        head_end = text.find("\n\n")
        if head_end != -1 and start < head_end:
            out.append("in_title_or_first_line")
        before = text[max(0, start - 3) : start]
        edge = SENTENCE_EDGE.search(before)
        if start == 0 or (edge and not before[edge.end() :].strip(" \"'“«(")):
            out.append("sentence_start")
        if _AGE_IN_BRACKETS.match(text[end : end + 8]):
            out.append("age_in_brackets_after")
        elif text[end : end + 3].lstrip().startswith("("):
            out.append("brackets_after")
        if before.rstrip().endswith("("):
            out.append("in_brackets")
        return out

    def _words_around(self, start: int, end: int) -> tuple[str, ...]:
        """The words each side of the name. They depend on the text and on which letters of the window are
        players' (folded to <player>), so each reading of the article, and each of the knowledge base's names,
        reuses them while the players in the window stay the same."""
        low, high = max(0, start - _REACH), min(len(self.page.text), end + _REACH)
        memo = _words_around_memo(self.page.text, self.page.lang, self.page.blocked)
        key = (start, end, bytes(self.cast.mask.bits[low:high]))
        words = memo.get(key)
        if words is None:
            words = memo[key] = tuple(self._read_words_around(start, end))
        return words

    def _read_words_around(self, start: int, end: int) -> list[str]:
        left = self._tokens(max(0, start - _REACH), start, _CONTEXT + 5, backwards=True)
        right = self._tokens(end, min(len(self.page.text), end + _REACH), _CONTEXT + 5)
        out = [f"L{i + 1}={tok}" for i, tok in enumerate(reversed(left[-_CONTEXT:]))]
        out += [f"R{i + 1}={tok}" for i, tok in enumerate(right[:_CONTEXT])]
        out += [f"L2gram={'_'.join(left[-2:])}", f"R2gram={'_'.join(right[:2])}"]
        out += [f"near={tok}" for tok in {*left, *right} if tok.isalpha() and len(tok) > 2]
        return out

    def _tokens(self, low: int, high: int, keep: int, backwards: bool = False) -> list[str]:
        """The first (or, backwards, the last) `keep` words between low and high, in text order, with clubs,
        known players and numbers folded into one token (a run of the same one is one)."""
        text, mask = self.page.text, self.cast.mask
        words = _article_words(text, self.page.lang, self.page.blocked)
        head, first, last, tail = _window(text, low, high)
        classes = words.classes[first:last]
        if mask.overlaps(low, high):  # a player named in the window: his words are <player>
            spans = zip(classes, words.starts[first:last], words.ends[first:last], strict=True)
            classes = [c if c == "<club>" or not mask.overlaps(s, e) else "<player>" for c, s, e in spans]
        if head or tail:
            classes = [self._class_of(*span) for span in head] + classes + [self._class_of(*span) for span in tail]
        # A run of one placeholder (<club>, <player>, <num>, <Name>) is one token; a repeated word stays two.
        folded = [c for before, c in pairwise(["", *classes]) if c != before or c[0] != "<"]
        return folded[-keep:] if backwards else folded[:keep]

    def _class_of(self, s: int, e: int) -> str:
        """A word the window's ends cut, read again: its class, a player's name too."""
        token = _span_class(self.page.text, s, e, self.page.lang, self.page.blocked)
        return "<player>" if token != "<club>" and self.cast.mask.overlaps(s, e) else token


@lru_cache(maxsize=8192)  # the same names come back in every article
def _name_shape(name: str) -> tuple[str, ...]:
    """How the name is written: its words, capitals, particles."""
    words = name.split()
    shapes = ["X." if len(w) <= 2 and w.endswith(".") else _word_shape(w) for w in words]
    out = [f"words={min(len(words), 4)}", f"shape={'_'.join(shapes[:4])}"]
    if any(_PARTICLE_RE.fullmatch(w.lower()) for w in words):
        out.append("particle")
    if len(words) == 1 and len(name) <= 3:
        out.append("short")
    return tuple(out)


@lru_cache(maxsize=1024)  # an article names a man several times
def _name_lexicons(name: str, text: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The lexicons the name's words are in, and how the article writes them."""
    given_names = gazetteer.given_names
    folded = normalize_name(name).split()
    out = []
    if folded and folded[0] in given_names:
        out.append("given_first")
    if any(w in given_names for w in folded):
        out.append("given_any")
    if normalize_name(name) in places_and_peoples():
        out.append("country_or_language")
    elif any(w in places_and_peoples() for w in folded):
        out.append("country_or_language_word")
    if normalize_name(name) in club_names(gazetteer):
        out.append("club_name")
    known = lexicons(gazetteer)
    if any(w in known.club_words for w in folded):
        out.append("club_word")
    if folded and folded[-1] in known.surnames:
        out.append("kb_surname")
    if normalize_name(name) in known.cities:
        out.append("club_city")
    if any(len(w.lower()) > 2 and written_in_lower_case(text, w) for w in name.split()):
        out.append("word_also_in_lower_case")  # "Championship", "Deal": words of the language, capitalised
    surname = folded[-1] if folded else ""
    if text.count(name) > 1 or (len(folded) > 1 and _name_word_counts(text)[surname] > 1):
        out.append("recurs")
    return tuple(out)


@lru_cache(maxsize=16384)  # the same words come back in every article
def _word_token(word: str, lang: LangData) -> str:
    """A word that is no club's: a number, a name, or the word itself."""
    if word.isdigit():
        return "<num>"
    if word[:1].isupper() and NAME_RE.fullmatch(word) and normalize_name(word) not in lang.stopwords:
        return "<Name>"
    return word.lower()


def _next_to_club(blocked: Mask, text: str, start: int, end: int) -> bool:
    """Only a list separator between this name and a club's (or an outlet's)."""
    before = _GAP_BEFORE.search(text, max(0, start - 8), start)
    if before is not None and blocked.at(before.start() - 1):
        return True
    after = _GAP_AFTER.match(text, end)
    return after is not None and after.end() > end and blocked.at(after.end())


# A list's separators, a hyphen left out: "Juventus, Vlahovic-Arsenal" pairs a player with his clubs.
_AND = r"\s*(?:,|\band\b|\bor\b|\be\b|\bo\b|\by\b|\bund\b|\boder\b|\bet\b|\bou\b)\s*"
_AND_BEFORE = re.compile(rf"(?:{_AND})$")
_AND_AFTER = re.compile(_AND)


def _between_clubs(blocked: Mask, text: str, start: int, end: int) -> bool:
    """A name listed with a club (or an outlet) on either side."""
    before = _AND_BEFORE.search(text, max(0, start - 8), start)
    after = _AND_AFTER.match(text, end)
    return (
        before is not None
        and blocked.at(before.start() - 1)
        and after is not None
        and after.end() > end
        and blocked.at(after.end())
    )


_SENTENCE_REACH = 300


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around the name starts and ends (a look of a few hundred characters each way).
    The edges are single characters, so the article's edges read once are the ones a look would find."""
    edges = _sentence_edges(text)
    before = bisect.bisect_left(edges, start)  # edges[:before] stand before the name
    after = bisect.bisect_left(edges, end)  # edges[after:] stand from its end on
    low = max(0, start - _SENTENCE_REACH)
    left = edges[before - 1] + 1 if before and edges[before - 1] >= low else low
    far = min(len(text), end + _SENTENCE_REACH)
    right = edges[after] if after < len(edges) and edges[after] < end + _SENTENCE_REACH else far
    return left, right


@lru_cache(maxsize=1024)  # the names of one sentence share it
def _role_words_in(text: str, low: int, high: int, lang: LangData) -> tuple[str, ...]:
    """Whether a staff role word, and a player role word, stand in the stretch of text."""
    roles = (("staff", lang.staff_roles), ("player", lang.player_roles))
    return tuple(f"{key}_word_in_sentence" for key, rx in roles if rx is not None and rx.search(text, low, high))


@lru_cache(maxsize=2)
def _words_around_memo(text: str, lang: LangData, blocked: Mask) -> dict[tuple[int, int, bytes], tuple[str, ...]]:
    """Per article: the words around each name span, by the players' letters in its window (filled by _Context)."""
    return {}


@lru_cache(maxsize=1024)  # both readings look at the same windows
def _window(text: str, low: int, high: int) -> tuple[list[tuple[int, int]], int, int, list[tuple[int, int]]]:
    """The tokens `_TOKEN.finditer(text, low, high)` yields, mostly as a range of the article's tokens read
    once: a scan from `low` joins them at the first token they share (the regex looks neither back nor
    ahead), and the token cut by `high` is read again. As (the spans read before joining, the first and
    past-the-last article token, the spans read at the end)."""
    starts, ends, _ = _article_tokens(text)
    head: list[tuple[int, int]] = []
    pos = low
    i = bisect.bisect_left(starts, low)
    while True:
        m = _TOKEN.search(text, pos, high)
        if m is None:
            return head, 0, 0, []
        i = bisect.bisect_left(starts, m.start(), i)
        if i < len(starts) and starts[i] == m.start() and ends[i] <= high:
            break  # in step with the article's tokens from here on
        head.append(m.span())
        pos = m.end()
    j = bisect.bisect_right(ends, high, i)
    tail = [m.span() for m in _TOKEN.finditer(text, starts[j], high)] if j < len(starts) and starts[j] < high else []
    return head, i, j, tail


@dataclass(frozen=True)
class _ArticleWords:
    """The article's tokens, read once, each with its class apart from the players."""

    starts: list[int]
    ends: list[int]
    classes: list[str]


@lru_cache(maxsize=2)
def _article_words(text: str, lang: LangData, blocked: Mask) -> _ArticleWords:
    starts, ends, words = _article_tokens(text)
    classes = [_word_token(word, lang) for word in words]
    for run in _TAKEN_RUN.finditer(blocked.bits):  # the clubs' and outlets' names: the words they touch
        first, past = bisect.bisect_right(ends, run.start()), bisect.bisect_left(starts, run.end())
        classes[first:past] = ["<club>"] * (past - first)
    return _ArticleWords(starts, ends, classes)


def _span_class(text: str, s: int, e: int, lang: LangData, blocked: Mask) -> str:
    """What a word is whoever the players are: a club, a number, a name, or the word itself."""
    return "<club>" if blocked.overlaps(s, e) else _word_token(text[s:e], lang)


@lru_cache(maxsize=2)
def _fixed_features(
    text: str, lang: LangData, club_spans: ClubSpans, gazetteer: Gazetteer
) -> dict[tuple[int, int, str], tuple[list[str], tuple[list[str], list[str]]]]:
    """Per article: each name span's features that do not depend on the players found (filled by _Context)."""
    return {}


@lru_cache(maxsize=4)
def _article_tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    """The article's tokens (what `_TOKEN.finditer` finds) as their starts, ends and words: a split on the
    tokens gives them with the text between them, whose lengths give the offsets."""
    parts = _TOKEN_SPLIT.split(text)  # between, token, between, token, ..., between
    offsets = list(accumulate(map(len, parts)))
    return offsets[0:-1:2], offsets[1::2], parts[1::2]


def _word_shape(word: str) -> str:
    if "-" in word:
        return "-".join(_word_shape(part) for part in word.split("-") if part)
    if word.isupper():
        return "XX"
    if word[:1].isupper() and any(c.isupper() for c in word[1:]):
        return "XxX"  # "McTominay", "DeBruyne"
    return "Xx" if word[:1].isupper() else "x"


def _last_word(phrase: str) -> str:
    words = normalize_name(phrase).split()
    return words[-1] if words else ""


@lru_cache(maxsize=4)
def _name_word_counts(text: str) -> Counter[str]:
    """How often each folded word of the article's capitalised names occurs, counted once per article."""
    return Counter(normalize_name(w) for m in NAME_RE.finditer(text) for w in m.group().split())


@lru_cache(maxsize=2)
def club_names(gazetteer: Gazetteer) -> frozenset[str]:
    """Every name and alias of the knowledge base's clubs, folded: "Roma" left unmatched is still a club."""
    return frozenset(
        normalize_name(name)
        for club in gazetteer.clubs.values()
        for name in (club.name, *(a.name for a in club.aliases))
    )


@dataclass(frozen=True)
class _Lexicons:
    """Words the knowledge base uses: in club names far more than in player names ("Deportes", "United"),
    the last words of its players' names, and the cities of its clubs."""

    club_words: frozenset[str]
    surnames: frozenset[str]
    cities: frozenset[str]


@lru_cache(maxsize=2)
def lexicons(gazetteer: Gazetteer) -> _Lexicons:
    in_clubs = Counter(w for name in club_names(gazetteer) for w in set(name.split()))
    player_names = [normalize_name(p.name).split() for p in gazetteer.players.values()]
    in_players = Counter(w for words in player_names for w in set(words))
    return _Lexicons(
        club_words=frozenset(w for w, n in in_clubs.items() if n >= 3 and n > 3 * in_players[w]),
        surnames=frozenset(words[-1] for words in player_names if len(words) >= 2),
        cities=frozenset(normalize_name(c.city) for c in gazetteer.clubs.values() if c.city),
    )


# ---- fitting ------------------------------------------------------------------------------------------


def article_candidates(article: dict[str, Any], gazetteer: Gazetteer) -> list[Candidate]:
    """The candidates the tagger meets in one article (a line of the gold format's articles)."""
    from .core import tag_article
    from .gold import article_arguments

    recorder = _Recorder()
    tag_article(
        text=article["text"], gazetteer=gazetteer, discovery=recorder, rules_only=True, **article_arguments(article)
    )
    return recorder.found


class _Recorder:
    """Stands where the model stands and keeps the candidates it is shown; adds nobody."""

    def __init__(self) -> None:
        self.found: list[Candidate] = []
        self.discovered = False

    def known_certainty(
        self, cast: Cast, page: Page, mention: Mention, club_ids: set[int], day: dt.date | None
    ) -> float | None:
        self.found.append(known_candidate(cast, page, mention, club_ids, day))
        return 1.0

    def discover(self, cast: Cast, page: Page) -> None:
        if self.discovered:
            return  # the second reading shows the same names: they are recorded once
        self.discovered = True
        for cand in candidates(cast, page):
            if not _settled_without_model(Cast(staff=set(cast.staff)), page, cand):
                self.found.append(cand)


def is_gold(cand: Candidate, gold_players: Sequence[str]) -> bool:
    """The label: a discovered name names an annotated player; a lone surname is the knowledge base's player."""
    if cand.known_as:
        return any(_same_player(cand.known_as, gold) for gold in gold_players)
    return is_gold_player(cand.name, gold_players)


def _same_player(a: str, b: str) -> bool:
    """As the corpus's scorer compares names: the same words, or one name's words within the other's."""
    wa, wb = _folded_words(a), _folded_words(b)
    if not wa or not wb:
        return False
    last_a, last_b = normalize_name(a).split()[-1], normalize_name(b).split()[-1]
    return wa == wb or ((wa <= wb or wb <= wa) and (last_a == last_b or last_a in wb or last_b in wa))


def is_gold_player(name: str, gold_players: Sequence[str]) -> bool:
    """The candidate names an annotated player: all its words are in his name, and so is its last."""
    words = _folded_words(name)
    if not words:
        return False
    return any(words <= (g := _folded_words(gold)) and normalize_name(name).split()[-1] in g for gold in gold_players)


def _folded_words(name: str) -> frozenset[str]:
    return frozenset("jr" if w == "junior" else w for w in normalize_name(name).split())


def fit_player_discovery(
    articles: Sequence[dict[str, Any]],
    golds: Sequence[dict[str, Any]],
    *,
    gazetteer: Gazetteer,
    c: float = 0.25,
    min_count: int = 2,
    threshold: float | None = None,
    target_precision: float = TARGET_PRECISION,
    candidates_of: Sequence[list[Candidate]] | None = None,
) -> dict[str, Any]:
    """Fit the yes/no on annotated articles; the JSON-serialisable parameters of a `PlayerDiscovery`.

    Two thresholds, unless `threshold` gives both, are chosen inside these articles by a 3-fold split of
    them: for new names, the lowest that keeps their out-of-fold precision at or above `target_precision`;
    for the knowledge base's matches (mostly right), the one of the best out-of-fold F-beta (`KNOWN_BETA`).
    `candidates_of` may hold each article's candidates when the caller has them already."""
    found = list(candidates_of) if candidates_of is not None else [article_candidates(a, gazetteer) for a in articles]
    labelled = [[(cand, is_gold(cand, g["players"])) for cand in cands] for cands, g in zip(found, golds, strict=True)]
    if threshold is None:
        new, known = _inner_thresholds(labelled, c=c, min_count=min_count, target=target_precision)
    else:
        new = known = threshold
    weights, bias = _fit_rows([row for rows in labelled for row in rows], c=c, min_count=min_count)
    return {
        "version": PARAMS_VERSION,
        "weights": weights,
        "bias": bias,
        "threshold": new,
        "known_threshold": known,
    }


_Labelled = list[tuple[Candidate, bool]]


def _fit_rows(rows: _Labelled, *, c: float, min_count: int) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for cand, _ in rows for f in set(cand.features))
    kept = [{f: 1 for f in cand.features if counts[f] >= min_count} for cand, _ in rows]
    labels = [int(label) for _, label in rows]
    if len(set(labels)) < 2:
        raise ValueError("player discovery needs both players and non-players among the candidates")
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(kept).tocsr()
    matrix.indices, matrix.indptr = matrix.indices.astype("int32"), matrix.indptr.astype("int32")  # liblinear's
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", solver="liblinear")
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 1e-4}
    return weights, round(float(model.intercept_[0]), 5)


def _inner_thresholds(labelled: list[_Labelled], *, c: float, min_count: int, target: float) -> tuple[float, float]:
    """The thresholds for new names and for the knowledge base's matches, from out-of-fold probabilities."""
    new: list[tuple[float, bool]] = []
    known: list[tuple[float, bool]] = []
    for fold in range(3):
        train = [row for i, rows in enumerate(labelled) if i % 3 != fold for row in rows]
        weights, bias = _fit_rows(train, c=c, min_count=min_count)
        model = PlayerDiscovery(
            {"version": PARAMS_VERSION, "weights": weights, "bias": bias, "threshold": 0.5, "known_threshold": 0.5}
        )
        for i, rows in enumerate(labelled):
            if i % 3 == fold:
                for cand, label in rows:
                    (known if cand.known_as else new).append((model.probability(cand.features), label))
    return _lowest_threshold_with_precision(new, target=target), _best_f_threshold(known, beta=KNOWN_BETA)


def _ranked(scored: list[tuple[float, bool]]) -> Iterator[tuple[float, int, int]]:
    """Down the ranking: each probability, the names taken so far, and how many of them are right."""
    tp = 0
    for n, (prob, label) in enumerate(sorted(scored, key=lambda s: -s[0]), start=1):
        tp += label
        yield prob, n, tp


def _lowest_threshold_with_precision(scored: list[tuple[float, bool]], *, target: float) -> float:
    """The last probability down the ranking at which the names taken so far are precise enough."""
    best = 0.9
    for prob, n, tp in _ranked(scored):
        if tp / n >= target:
            best = prob
    return round(max(best, 0.05), 4)


def _best_f_threshold(scored: list[tuple[float, bool]], *, beta: float) -> float:
    """The probability of the best out-of-fold F-beta (beta < 1 weighs precision more)."""
    positives = sum(label for _, label in scored)
    if not positives:
        return 0.5
    best, best_f = 0.5, -1.0
    b2 = beta * beta
    for prob, n, tp in _ranked(scored):
        f = (1 + b2) * tp / (n + b2 * positives)
        if f > best_f:
            best, best_f = prob, f
    return round(best, 4)
