"""Which (player, club) pairs an article claims, and of what kind: every pair the mentions allow is a
candidate, described by the rule engine's drafts and cues, where the two are named and the words around
them; a linear model learned from the annotated corpus (`model.py`) decides.

No feature is built from a name: names recur across articles, and a model that learned them would learn
nothing that carries over. Every person and club mention is masked out of the words.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from tagger.matcher import Mention

from .claims import Draft, Reading
from .langdata import load_language
from .people import Cast, Person
from .text import Sentence

_WORD = re.compile(r"\w+")
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
    # A draft may join a club the article never names (his club by the knowledge base).
    unnamed = [c for c in dict.fromkeys(d.club_id for d in drafts) if c not in article.club_count]
    out = []
    masked_sentences: dict[int, tuple[str, list[str]]] = {}  # by reading: the same for every pair met in it
    for person in cast.people:
        for club_id in article.club_order + unnamed:
            pair = (person, club_id)
            met = meetings.get(pair, [])
            draft = chosen.get(pair)
            features = {f"lang={language}": 1.0}
            _draft_features(features, by_pair.get(pair, []), draft, drafts, person, club_id)
            _fact_features(features, person, club_id, current, known, topic, article)
            _player_features(features, cast.people[person])
            _meeting_features(features, met, masked_sentences, language)
            if not met:
                _apart_features(features, person, club_id, article, text)
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
    met = {(c.person, c.club_id): len(meetings.get((c.person, c.club_id), [])) for c in candidates}
    nearest = {
        (c.person, c.club_id): min((abs(m.distance) for m in meetings.get((c.person, c.club_id), [])), default=10**6)
        for c in candidates
    }
    by_person: dict[str, list[Candidate]] = defaultdict(list)
    by_club: dict[int, list[Candidate]] = defaultdict(list)
    for c in candidates:
        by_person[c.person].append(c)
        by_club[c.club_id].append(c)
    for c in candidates:
        pair = (c.person, c.club_id)
        if not met[pair]:
            continue
        rivals = [other for other in by_person[c.person] if other is not c]
        more_met = sum(1 for o in rivals if met[(o.person, o.club_id)] > met[pair])
        closer = sum(1 for o in rivals if nearest[(o.person, o.club_id)] < nearest[pair])
        c.features[f"clubs_met_more={min(more_met, 2)}"] = 1.0
        c.features[f"clubs_closer={min(closer, 2)}"] = 1.0
        players_closer = sum(
            1 for o in by_club[c.club_id] if o is not c and nearest[(o.person, o.club_id)] < nearest[pair]
        )
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
    club_starts: dict[int, list[int]]
    person_count: dict[str, int]
    person_rank: dict[str, int]
    person_in_title: set[str]
    person_first: dict[str, int]
    person_starts: dict[str, list[int]]
    first_sentence: dict[str, Sentence]
    drafted_persons: dict[str, int]
    drafted_clubs: dict[int, int]
    clubs_total: int
    persons_total: int

    @classmethod
    def of(
        cls, readings: list[Reading], cast: Cast, clubs: list[Mention], drafts: list[Draft], title_end: int
    ) -> _ArticleFacts:
        club_count: dict[int, int] = {}
        club_first: dict[int, int] = {}
        club_starts: dict[int, list[int]] = {}
        person_first: dict[str, int] = {}
        first_sentence: dict[str, Sentence] = {}
        for index, reading in enumerate(readings):
            for m in reading.clubs:
                assert m.entity_id is not None
                club_first.setdefault(m.entity_id, index)
            for key, _, _ in reading.persons:
                person_first.setdefault(key, index)
                first_sentence.setdefault(key, reading.sentence)
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
            club_starts=club_starts,
            person_count=person_count,
            person_rank=_ranks(person_count),
            person_in_title={key for key, p in cast.people.items() if any(a < title_end for a, _ in p.spans)},
            person_first=person_first,
            person_starts={key: sorted(a for a, _ in p.spans) for key, p in cast.people.items()},
            first_sentence=first_sentence,
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
    return str(value) if value < 3 else f"~{int(math.log2(value))}"


def _draft_features(
    features: dict[str, float],
    pair_drafts: list[Draft],
    draft: Draft | None,
    drafts: list[Draft],
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
    if any(d.person == person and d.from_club_id == club_id for d in drafts):
        features["from_club_of_draft"] = 1.0
    elif pair_drafts == [] and any(d.person == person for d in drafts):
        features["player_claimed_elsewhere"] = 1.0
    if not pair_drafts and any(d.club_id == club_id for d in drafts):
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
    features[f"club_rank={min(a.club_rank.get(club_id, 4), 4)}"] = 1.0
    features[f"player_rank={min(a.person_rank[person], 4)}"] = 1.0
    features[f"club_mentions={_bucket(a.club_count.get(club_id, 0))}"] = 1.0
    features[f"player_mentions={_bucket(a.person_count[person])}"] = 1.0
    features[f"clubs_total={_bucket(a.clubs_total)}"] = 1.0
    features[f"players_total={_bucket(a.persons_total)}"] = 1.0
    features[f"player_drafts={_bucket(a.drafted_persons.get(person, 0))}"] = 1.0
    features[f"club_drafts={_bucket(a.drafted_clubs.get(club_id, 0))}"] = 1.0
    if person in a.person_first and club_id in a.club_first:
        gap = a.club_first[club_id] - a.person_first[person]
        features[f"first_gap={'-' if gap < 0 else ''}{_bucket(abs(gap))}"] = 1.0


def _player_features(features: dict[str, float], person: Person) -> None:
    """Whether he is the knowledge base's player or a name discovery found, and how sure it was."""
    source = "known" if person.player_id is not None else "found"
    features[f"player_{source}"] = 1.0
    if person.certainty is not None:
        features[f"player_{source}={int(person.certainty * 10)}"] = 1.0


def _meeting_features(
    features: dict[str, float], met: list[_Meeting], masked_sentences: dict[int, tuple[str, list[str]]], language: str
) -> None:
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
    features[f"sentence_clubs={_bucket(len({m.entity_id for m in reading.clubs}))}"] = 1.0
    features[f"sentence_players={_bucket(len({k for k, _, _ in reading.persons}))}"] = 1.0
    if any(m.reading.headline for m in met):
        features["together_in_title"] = 1.0
    for m in met:
        for kind, a, _ in m.reading.cues:
            features[f"cue={kind}"] = 1.0
            if m is nearest:
                where = "between" if low <= a < high else ("before" if a < low else "after")
                features[f"cue={kind}@{where}"] = 1.0
    masked, words = _masked_sentence(reading, masked_sentences)
    for word in words:
        features[f"w:{language}:{word}"] = 1.0
    for word in _words(masked, low, high):
        features[f"b:{language}:{word}"] = 1.0
    for word in _words_before(masked, reading.sentence.start, nearest.club_span[0]):
        features[f"c:{language}:{word}"] = 1.0
    for word in _words_before(masked, reading.sentence.start, nearest.person_span[0]):
        features[f"p:{language}:{word}"] = 1.0


def _apart_features(features: dict[str, float], person: str, club_id: int, a: _ArticleFacts, text: str) -> None:
    """Never in one sentence: how far apart they are named."""
    if club_id not in a.club_starts:
        features["club_unnamed"] = 1.0
        return
    gap = min(abs(p - c) for p in a.person_starts.get(person, [0]) for c in a.club_starts[club_id])
    features[f"apart={_bucket(gap // 40)}"] = 1.0


def sentence_words(sentence: str, language: str) -> dict[str, float]:
    """What the kind is read from in the sentence that says the claim: its lower-case words (never a name)
    and the kinds of the cues in it. The same for an annotated evidence sentence and for a tagged one."""
    features = {f"s:{language}:{word}": 1.0 for word in _words(sentence, 0, len(sentence))}
    for _, _, kind in load_language(language).cues(sentence):
        features[f"said_cue={kind}"] = 1.0
    return features


def _masked_sentence(reading: Reading, memo: dict[int, tuple[str, list[str]]]) -> tuple[str, list[str]]:
    """The masked article and the words of this sentence, read once for all the pairs met in it."""
    if id(reading) not in memo:
        masked = _masked(reading)
        memo[id(reading)] = masked, _words(masked, reading.sentence.start, reading.sentence.end)
    return memo[id(reading)]


def _masked(reading: Reading) -> str:
    """The article with this sentence's names blanked, so no word is a name."""
    chars = list(reading.text[reading.sentence.start : reading.sentence.end])
    base = reading.sentence.start
    spans = [(a, b) for _, a, b in reading.persons] + [(m.start, m.end) for m in reading.clubs]
    for a, b in spans:
        for i in range(max(a, base), min(b, reading.sentence.end)):
            chars[i - base] = " "
    return " " * base + "".join(chars)


def _words(text: str, start: int, end: int) -> list[str]:
    return [_DIGITS.sub("0", w.lower()) for w in _WORD.findall(text, start, end) if not w[0].isupper()]


def _words_before(text: str, floor: int, start: int) -> list[str]:
    return _words(text, floor, start)[-_WINDOW:]


def _unique(sentences: list[Sentence]) -> list[Sentence]:
    return list(dict.fromkeys(sentences))
