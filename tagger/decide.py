"""Which (player, club) pairs an article claims, and of what kind: every pair the mentions allow is a
candidate, described by the rule engine's drafts and cues, where the two are named and the words around
them; a linear model learned from the annotated corpus (`model.py`) decides.

No feature is built from a name: names recur across articles, and a model that learned them would learn
nothing that carries over. Every person and club mention is masked out of the words.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import snowballstemmer

from tagger.matcher import Mention

from .claims import Draft, Reading
from .langdata import load_language
from .people import Cast, Person
from .text import Sentence

_WORD = re.compile(r"\w+")
# Snowball's algorithms for the six languages: the kind is read from the stems of the claim's sentence, so
# "extends", "extended" and "extending" (or "verlängert", "verlängerte") are one sign of a renewal.
_SNOWBALL = {"en": "english", "de": "german", "es": "spanish", "fr": "french", "it": "italian", "pt": "portuguese"}
_DIGITS = re.compile(r"\d")
_WINDOW = 3  # words before a mention that say what it is to the claim ("to", "from", "joins")


@dataclass
class Candidate:
    """One (player, club) pair the article names, with what the model reads about it."""

    person: str
    club_id: int
    sentences: list[Sentence]  # where the claim is read, best first
    draft: Draft | None  # the rule engine's claim, if it made one
    features: dict[str, float] = field(default_factory=dict)
    names: tuple[str, str] = ("", "")  # (player, club) as the claim would name them: for scoring, never a feature


@dataclass
class _Meeting:
    """The two named in one sentence: the closest pair of mentions."""

    reading: Reading
    distance: int
    person_span: tuple[int, int]
    club_span: tuple[int, int]


def pair_candidates(
    *,
    text: str,
    readings: list[Reading],
    cast: Cast,
    clubs: list[Mention],
    drafts: list[Draft],
    merged: list[Draft],
    current: dict[str, int],
    known: dict[str, int],
    topic: int | None,
    language: str,
    title_end: int,
) -> list[Candidate]:
    """Every (player, club) pair of the article, each with its features."""
    meetings = _meetings(readings)
    article = _ArticleFacts.of(readings, cast, clubs, drafts, title_end)
    chosen = {(d.person, d.club_id): d for d in merged}
    by_pair: dict[tuple[str, int], list[Draft]] = defaultdict(list)
    for d in drafts:
        by_pair[(d.person, d.club_id)].append(d)
    drafted = _Drafted.of(drafts)
    # A draft may join a club the article never names (his club by the knowledge base).
    unnamed = [c for c in dict.fromkeys(d.club_id for d in drafts) if c not in article.club_count]
    words = _SentenceWords(language)
    out = []
    for person in cast.people:
        for club_id in article.club_order + unnamed:
            pair = (person, club_id)
            met = meetings.get(pair, [])
            draft = chosen.get(pair)
            features = {f"lang={language}": 1.0}
            _draft_features(features, by_pair.get(pair, []), draft, drafted, person, club_id)
            _fact_features(features, person, club_id, current, known, topic, article)
            _player_features(features, cast.people[person])
            _meeting_features(features, met, words)
            if not met:
                _apart_features(features, person, club_id, article)
            if draft is not None:
                features[f"lang={language}|draft"] = 1.0
            sentences = ([draft.sentence] if draft else []) + [m.reading.sentence for m in met]
            if not sentences:
                sentences = [article.first_sentence[person]]
            out.append(Candidate(person, club_id, _unique(sentences), draft, features))
    _relative_features(out, meetings)
    for c in out:
        _conjoin(c.features)
    return out


def _relative_features(candidates: list[Candidate], meetings: dict[tuple[str, int], list[_Meeting]]) -> None:
    """How a club stands among the player's clubs, and the player among the club's players."""
    # Every pair met in a sentence is a candidate; the others meet nowhere.
    met = dict.fromkeys(((c.person, c.club_id) for c in candidates), 0)
    nearest = dict.fromkeys(met, 10**6)
    for pair, meetings_of_pair in meetings.items():
        met[pair] = len(meetings_of_pair)
        nearest[pair] = min(abs(m.distance) for m in meetings_of_pair)
    # Each player's (and club's) counts sorted, so how many others beat a pair is a bisect. The pair itself
    # never beats itself (the comparisons are strict): counting over all of them counts its rivals.
    met_of_person: dict[str, list[int]] = defaultdict(list)
    nearest_of_person: dict[str, list[int]] = defaultdict(list)
    nearest_of_club: dict[int, list[int]] = defaultdict(list)
    for person, club_id in met:
        met_of_person[person].append(met[(person, club_id)])
        nearest_of_person[person].append(nearest[(person, club_id)])
        nearest_of_club[club_id].append(nearest[(person, club_id)])
    for counts in (met_of_person, nearest_of_person, nearest_of_club):
        for values in counts.values():
            values.sort()
    for c in candidates:
        pair = (c.person, c.club_id)
        if not met[pair]:
            continue
        more_met = len(met_of_person[c.person]) - bisect_right(met_of_person[c.person], met[pair])
        closer = bisect_left(nearest_of_person[c.person], nearest[pair])
        c.features[f"clubs_met_more={min(more_met, 2)}"] = 1.0
        c.features[f"clubs_closer={min(closer, 2)}"] = 1.0
        players_closer = bisect_left(nearest_of_club[c.club_id], nearest[pair])
        c.features[f"players_closer={min(players_closer, 2)}"] = 1.0


# Facts about the pair whose meaning turns on whether it is his own club, or the rules' claim.
_CONJOINED = (
    "draft",
    "drafted=",
    "cue=",
    "together=",
    "distance=",
    "clubs_closer=",
    "clubs_met_more=",
    "topic_club",
    "club_in_title",
    "both_in_title",
    "club_rank=",
)


def _conjoin(features: dict[str, float]) -> None:
    own = "current_club" in features or "kb_club" in features
    if not own and "draft" not in features:
        return  # most pairs: neither his own club nor the rules' claim, nothing to conjoin
    base = [name for name in features if name.startswith(_CONJOINED)]
    for name in base:
        if own:
            features[f"own|{name}"] = 1.0
        if "draft" in features and not name.startswith(("draft", "drafted=")):
            features[f"draft|{name}"] = 1.0


@dataclass
class _ArticleFacts:
    """Counts over the whole article that place one pair among the others."""

    club_order: list[int]  # clubs by first mention
    club_count: dict[int, int]
    club_rank: dict[int, int]  # 0 = the most named
    club_in_title: set[int]
    club_first: dict[int, int]  # sentence index of first mention
    club_starts: dict[int, list[int]]  # sorted
    person_count: dict[str, int]
    person_rank: dict[str, int]
    person_in_title: set[str]
    person_first: dict[str, int]
    person_starts: dict[str, list[int]]
    first_sentence: dict[str, Sentence]
    club_readings: dict[int, list[int]]  # the indices of the readings that name each club
    person_readings: dict[str, list[int]]
    readings: list[Reading]
    drafted_persons: dict[str, int]
    drafted_clubs: dict[int, int]
    clubs_total: int
    persons_total: int
    # Feature names that are the same for every pair of a club (or of a player): spelt once per article.
    _club_names: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    _person_names: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    @cached_property
    def totals(self) -> tuple[str, str]:
        return f"clubs_total={_bucket(self.clubs_total)}", f"players_total={_bucket(self.persons_total)}"

    def club_names(self, club_id: int) -> tuple[str, str, str]:
        """The club's rank, mentions and drafts as feature names."""
        if club_id not in self._club_names:
            self._club_names[club_id] = (
                f"club_rank={min(self.club_rank.get(club_id, 4), 4)}",
                f"club_mentions={_bucket(self.club_count.get(club_id, 0))}",
                f"club_drafts={_bucket(self.drafted_clubs.get(club_id, 0))}",
            )
        return self._club_names[club_id]

    def person_names(self, person: str) -> tuple[str, str, str]:
        """The player's rank, mentions and drafts as feature names."""
        if person not in self._person_names:
            self._person_names[person] = (
                f"player_rank={min(self.person_rank[person], 4)}",
                f"player_mentions={_bucket(self.person_count[person])}",
                f"player_drafts={_bucket(self.drafted_persons.get(person, 0))}",
            )
        return self._person_names[person]

    @classmethod
    def of(
        cls, readings: list[Reading], cast: Cast, clubs: list[Mention], drafts: list[Draft], title_end: int
    ) -> _ArticleFacts:
        club_count: dict[int, int] = {}
        club_first: dict[int, int] = {}
        club_starts: dict[int, list[int]] = {}
        person_first: dict[str, int] = {}
        first_sentence: dict[str, Sentence] = {}
        club_readings: dict[int, list[int]] = defaultdict(list)
        person_readings: dict[str, list[int]] = defaultdict(list)
        for index, reading in enumerate(readings):
            for m in reading.clubs:
                assert m.entity_id is not None
                club_first.setdefault(m.entity_id, index)
                club_readings[m.entity_id].append(index)
            for key, _, _ in reading.persons:
                person_first.setdefault(key, index)
                first_sentence.setdefault(key, reading.sentence)
                person_readings[key].append(index)
        for m in clubs:
            assert m.entity_id is not None
            club_count[m.entity_id] = club_count.get(m.entity_id, 0) + 1
            club_starts.setdefault(m.entity_id, []).append(m.start)
        person_count = {key: len(p.spans) for key, p in cast.people.items()}
        for key in cast.people:  # a person read only through a draft still has a place to be read
            first_sentence.setdefault(key, readings[0].sentence if readings else Sentence(0, 0, "", 0))
        drafted_persons: dict[str, int] = defaultdict(int)
        drafted_clubs: dict[int, int] = defaultdict(int)
        for d in {(d.person, d.club_id) for d in drafts}:
            drafted_persons[d[0]] += 1
            drafted_clubs[d[1]] += 1
        order = list(dict.fromkeys(m.entity_id for m in clubs if m.entity_id is not None))
        return cls(
            club_order=order,
            club_count=club_count,
            club_rank=_ranks(club_count),
            club_in_title={m.entity_id for m in clubs if m.start < title_end and m.entity_id is not None},
            club_first=club_first,
            club_starts={club: sorted(starts) for club, starts in club_starts.items()},
            person_count=person_count,
            person_rank=_ranks(person_count),
            person_in_title={key for key, p in cast.people.items() if any(a < title_end for a, _ in p.spans)},
            person_first=person_first,
            person_starts={key: sorted(a for a, _ in p.spans) for key, p in cast.people.items()},
            first_sentence=first_sentence,
            club_readings=club_readings,
            person_readings=person_readings,
            readings=readings,
            drafted_persons=drafted_persons,
            drafted_clubs=drafted_clubs,
            clubs_total=len(order),
            persons_total=len(cast.people),
        )


def _ranks(counts: dict) -> dict:  # type: ignore[type-arg]
    ordered = sorted(counts, key=lambda k: -counts[k])
    return {k: i for i, k in enumerate(ordered)}


def _meetings(readings: list[Reading]) -> dict[tuple[str, int], list[_Meeting]]:
    out: dict[tuple[str, int], list[_Meeting]] = defaultdict(list)
    for reading in readings:
        closest: dict[tuple[str, int], _Meeting] = {}
        for key, a, b in reading.persons:
            for m in reading.clubs:
                assert m.entity_id is not None
                distance = m.start - b if m.start >= b else a - m.end
                pair = (key, m.entity_id)
                if pair not in closest or abs(distance) < abs(closest[pair].distance):
                    closest[pair] = _Meeting(reading, distance, (a, b), (m.start, m.end))
        for pair, meeting in closest.items():
            out[pair].append(meeting)
    return out


def _bucket(value: int) -> str:
    """0, 1, 2, 3-4, 5-8, ...: counts and distances on a log scale."""
    return _BUCKETS[value] if 0 <= value < len(_BUCKETS) else _bucket_of(value)


def _bucket_of(value: int) -> str:
    return str(value) if value < 3 else f"~{int(math.log2(value))}"


_BUCKETS = tuple(_bucket_of(value) for value in range(256))  # the usual values, spelt once


@dataclass
class _Drafted:
    """Who and what the rule engine's drafts name, as sets: each pair asks, and the article has dozens."""

    persons: set[str]
    clubs: set[int]
    origins: set[tuple[str, int | None]]  # (person, the club a draft has him leave)

    @classmethod
    def of(cls, drafts: list[Draft]) -> _Drafted:
        return cls(
            {d.person for d in drafts}, {d.club_id for d in drafts}, {(d.person, d.from_club_id) for d in drafts}
        )


def _draft_features(
    features: dict[str, float],
    pair_drafts: list[Draft],
    draft: Draft | None,
    drafted: _Drafted,
    person: str,
    club_id: int,
) -> None:
    if draft is not None:
        features["draft"] = 1.0
        features[f"draft={draft.kind}"] = 1.0
    for d in pair_drafts:
        features[f"drafted={d.kind}"] = 1.0
        if d.rank_bonus:
            features["draft_bonus"] = 1.0
    if pair_drafts:
        features[f"draft_sentences={_bucket(len({d.sentence for d in pair_drafts}))}"] = 1.0
    if (person, club_id) in drafted.origins:
        features["from_club_of_draft"] = 1.0
    elif not pair_drafts and person in drafted.persons:
        features["player_claimed_elsewhere"] = 1.0
    if not pair_drafts and club_id in drafted.clubs:
        features["club_claimed_for_another"] = 1.0


def _fact_features(
    features: dict[str, float],
    person: str,
    club_id: int,
    current: dict[str, int],
    known: dict[str, int],
    topic: int | None,
    a: _ArticleFacts,
) -> None:
    if current.get(person) == club_id:
        features["current_club"] = 1.0
    elif person in current:
        features["current_club_other"] = 1.0
    if known.get(person) == club_id:
        features["kb_club"] = 1.0
    if topic == club_id:
        features["topic_club"] = 1.0
    if club_id in a.club_in_title:
        features["club_in_title"] = 1.0
    if person in a.person_in_title:
        features["player_in_title"] = 1.0
        if club_id in a.club_in_title:
            features["both_in_title"] = 1.0
    club_rank, club_mentions, club_drafts = a.club_names(club_id)
    player_rank, player_mentions, player_drafts = a.person_names(person)
    features[club_rank] = 1.0
    features[player_rank] = 1.0
    features[club_mentions] = 1.0
    features[player_mentions] = 1.0
    features[a.totals[0]] = 1.0
    features[a.totals[1]] = 1.0
    features[player_drafts] = 1.0
    features[club_drafts] = 1.0
    if person in a.person_first and club_id in a.club_first:
        gap = a.club_first[club_id] - a.person_first[person]
        features[f"first_gap={'-' if gap < 0 else ''}{_bucket(abs(gap))}"] = 1.0


def _player_features(features: dict[str, float], person: Person) -> None:
    """Whether he is the knowledge base's player or a name discovery found, and how sure it was."""
    source = "known" if person.player_id is not None else "found"
    features[f"player_{source}"] = 1.0
    if person.certainty is not None:
        features[f"player_{source}={int(person.certainty * 10)}"] = 1.0


def _meeting_features(features: dict[str, float], met: list[_Meeting], words: _SentenceWords) -> None:
    features[f"together={_bucket(len(met))}"] = 1.0
    if not met:
        return
    nearest = min(met, key=lambda m: abs(m.distance))
    reading = nearest.reading
    features[f"distance={_bucket(abs(nearest.distance))}"] = 1.0
    features["club_first" if nearest.distance < 0 else "player_first"] = 1.0
    low, high = sorted((nearest.person_span[1], nearest.club_span[0]))
    if nearest.distance < 0:
        low, high = nearest.club_span[1], nearest.person_span[0]
    between_clubs = sum(1 for m in reading.clubs if low <= m.start < high)
    between_persons = sum(1 for _, a, _ in reading.persons if low <= a < high)
    features[f"clubs_between={min(between_clubs, 2)}"] = 1.0
    features[f"players_between={min(between_persons, 2)}"] = 1.0
    sentence = words.of(reading)
    features[sentence.clubs_label] = 1.0
    features[sentence.players_label] = 1.0
    if any(m.reading.headline for m in met):
        features["together_in_title"] = 1.0
    for m in met:
        for kind, a, _ in m.reading.cues:
            features[f"cue={kind}"] = 1.0
            if m is nearest:
                where = "between" if low <= a < high else ("before" if a < low else "after")
                features[f"cue={kind}@{where}"] = 1.0
    language = words.language
    features.update(sentence.word_features)
    for word in sentence.words_in(low, high):
        features[f"b:{language}:{word}"] = 1.0
    for word in sentence.words_in(reading.sentence.start, nearest.club_span[0])[-_WINDOW:]:
        features[f"c:{language}:{word}"] = 1.0
    for word in sentence.words_in(reading.sentence.start, nearest.person_span[0])[-_WINDOW:]:
        features[f"p:{language}:{word}"] = 1.0


def _apart_features(features: dict[str, float], person: str, club_id: int, a: _ArticleFacts) -> None:
    """Never in one sentence: how far apart they are named, and what the club's sentence nearest to his says
    when it names no player ("Bayern have agreed a fee." after a sentence about him: he is its subject)."""
    if club_id not in a.club_starts:
        features["club_unnamed"] = 1.0
        return
    gap = min(_gap_to(p, a.club_starts[club_id]) for p in a.person_starts.get(person, [0]))
    features[f"apart={_bucket(gap // 40)}"] = 1.0
    his = a.person_readings.get(person)
    if not his:
        return
    # The nearest club sentence (the first of equals), and the first of his sentences nearest to it.
    steps, club_at, his_at = min((abs(c - p), c, p) for c in a.club_readings[club_id] for p in his)
    features[f"sentences_apart={min(steps, 3)}"] = 1.0
    club_sentence, his_sentence = a.readings[club_at], a.readings[his_at]
    if not club_sentence.persons:
        features["club_sentence_" + ("after" if club_at > his_at else "before")] = 1.0
        refs = club_sentence.lang.player_refs  # "the striker", "he", "il centrocampista": him, unnamed
        _one_sided_features(features, "club_sentence", "players", club_sentence, refs, "player_ref")
    if not his_sentence.clubs:
        refs = his_sentence.lang.club_refs  # "the club", "der Verein": a club named before
        _one_sided_features(features, "his_sentence", "clubs", his_sentence, refs, "club_ref")


def _one_sided_features(
    features: dict[str, float], prefix: str, without: str, reading: Reading, refs: re.Pattern[str] | None, ref: str
) -> None:
    """A sentence of the pair that names only one of the two ("He signed until 2029." beside "Bayern
    confirmed it."): its cues, and whether it refers to the other without naming it."""
    features[f"{prefix}_without_{without}"] = 1.0
    for kind in dict.fromkeys(kind for kind, _, _ in reading.cues):
        features[f"{prefix}_cue={kind}"] = 1.0
    if refs is not None and _refers_in(refs, reading.sentence.text):
        features[f"{prefix}_{ref}"] = 1.0


@lru_cache(maxsize=256)  # the pairs of an article read the same few sentences
def _refers_in(refs: re.Pattern[str], sentence: str) -> bool:
    """The sentence refers to a player ("he", "the winger") or a club ("the club") without naming it."""
    return refs.search(sentence) is not None


def _gap_to(position: int, starts: list[int]) -> int:
    """How far the nearest of the sorted `starts` is from `position`: only its neighbours can be nearest."""
    i = bisect_left(starts, position)
    return min(abs(position - c) for c in starts[max(0, i - 1) : i + 1])


def sentence_words(sentence: str, language: str) -> dict[str, float]:
    """What the kind is read from in the sentence that says the claim: the stems of its lower-case words
    (never a name) and the kinds of the cues in it. The same for an annotated evidence sentence and for a tagged one."""
    return dict.fromkeys(_sentence_word_names(sentence, language), 1.0)


@lru_cache(maxsize=256)  # an article's claims share sentences: each is read once
def _sentence_word_names(sentence: str, language: str) -> tuple[str, ...]:
    names = dict.fromkeys(f"s:{language}:{_stem(word, language)}" for word in _words(sentence, 0, len(sentence)))
    for _, _, kind in load_language(language).cues(sentence):
        names[f"said_cue={kind}"] = None
    return tuple(names)


@lru_cache(maxsize=65536)  # the same words come back in every sentence, and Snowball is pure Python
def _stem(word: str, language: str) -> str:
    """The word's Snowball stem; the word itself in a language Snowball is not asked for. A stemmer holds the
    word it is working on, so each call takes its own: under a microsecond, against some 70 for the stem."""
    algorithm = _SNOWBALL.get(language)
    return snowballstemmer.stemmer(algorithm).stemWord(word) if algorithm is not None else word


class _SentenceWords:
    """Each sentence's masked words, read once for all the pairs met in it (an article has dozens of pairs)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._read: dict[int, _MaskedSentence] = {}

    def of(self, reading: Reading) -> _MaskedSentence:
        if id(reading) not in self._read:
            self._read[id(reading)] = _MaskedSentence(reading, self.language)
        return self._read[id(reading)]


class _MaskedSentence:
    """A sentence with its names blanked, cut into words once: the words of any stretch of it are then a
    slice, the same words `_words` would find by scanning that stretch again."""

    def __init__(self, reading: Reading, language: str) -> None:
        self.masked = _masked(reading)
        tokens = list(_WORD.finditer(self.masked, reading.sentence.start))  # blanks only before the sentence
        self.starts = [t.start() for t in tokens]
        self.ends = [t.end() for t in tokens]
        self.words = [_word_feature(t.group()) for t in tokens]
        self.word_features = {f"w:{language}:{w}": 1.0 for w in self.words if w is not None}
        self.clubs_label = f"sentence_clubs={_bucket(len({m.entity_id for m in reading.clubs}))}"
        self.players_label = f"sentence_players={_bucket(len({k for k, _, _ in reading.persons}))}"

    def words_in(self, low: int, high: int) -> list[str]:
        """`_words(self.masked, low, high)`: the words inside [low, high), a word cut by either end cut too."""
        low, high = max(low, 0), min(high, len(self.masked))
        first, stop = bisect_right(self.ends, low), bisect_left(self.starts, high)
        if low >= high or first >= stop:
            return []
        words = self.words[first:stop]
        if self.starts[first] < low or self.ends[first] > high:
            words[0] = _word_feature(self.masked[max(self.starts[first], low) : min(self.ends[first], high)])
        if stop - 1 > first and self.ends[stop - 1] > high:
            words[-1] = _word_feature(self.masked[self.starts[stop - 1] : high])
        return [w for w in words if w is not None]


def _masked(reading: Reading) -> str:
    """The article with this sentence's names blanked, so no word is a name."""
    chars = list(reading.text[reading.sentence.start : reading.sentence.end])
    base = reading.sentence.start
    spans = [(a, b) for _, a, b in reading.persons] + [(m.start, m.end) for m in reading.clubs]
    for a, b in spans:
        low, high = max(a, base), min(b, reading.sentence.end)
        if low < high:
            chars[low - base : high - base] = " " * (high - low)
    return " " * base + "".join(chars)


def _words(text: str, start: int, end: int) -> list[str]:
    return [feature for w in _WORD.findall(text, start, end) if (feature := _word_feature(w)) is not None]


@lru_cache(maxsize=16384)  # the same words come back in every sentence
def _word_feature(word: str) -> str | None:
    """A word as the features hold it (lower case, digits as 0); None for a capitalised one, a name."""
    return None if word[0].isupper() else _DIGITS.sub("0", word.lower())


def _unique(sentences: list[Sentence]) -> list[Sentence]:
    return list(dict.fromkeys(sentences))
