"""tag_article: text and a gazetteer in, players, clubs, claims and sources out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from tagger.matcher import GENERIC_WORDS, ONLY_CLUB, Gazetteer, Mention
from tagger.names import normalize_name

from .claims import Draft, extract_drafts, merge_drafts, read_sentences, topic_club
from .dates import date_read, received_today
from .decide import Candidate, pair_candidates, sentence_words
from .details import contract_of, deal_of, fee_of
from .langdata import LangData, load_language, places_and_peoples
from .language import detect_language
from .model import ClaimModel, load_discovery, load_model
from .people import Cast, Discovery, build_cast
from .positions import current_clubs, is_place, known_clubs
from .sources import Citation, find_citations, publisher_ids
from .text import Sentence, blank, ignored_spans, split_sentences, written_in_lower_case
from .types import FoundClaim, FoundClub, FoundOutlet, FoundPlayer, TagResult


@dataclass
class ArticleRead:
    """One article read up to the claims: what is named, and every (player, club) pair it could claim."""

    result: TagResult  # without claims
    candidates: list[Candidate]
    drafts: list[Draft]  # the rule engine's claims, merged
    said_in: dict[tuple[str, int], list[Sentence]]  # the sentences each draft's pair is read in
    claim_of: Callable[[Draft, list[Sentence]], FoundClaim]
    current: dict[str, int]


def tag_article(
    *,
    text: str,
    gazetteer: Gazetteer,
    title: str = "",
    published: date | str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    language: str | None = None,
    discovery: Discovery | None = None,
    model: ClaimModel | None = None,
    rules_only: bool = False,
    received: date | None = None,
) -> TagResult:
    """Read one article as a careful reader would: who is named, which moves are claimed, on whose word.

    The learned models (`model` and `discovery`, else the committed ones) find the players and decide
    the claims; with `rules_only` (and no `discovery`), the rule engine alone reads the article. `published`
    is a date people gave; without it the date is read from the URL, then the text, none after `received`
    (today when not given)."""
    chosen = None if rules_only else (model or load_model())
    read = read_article(
        text=text,
        gazetteer=gazetteer,
        title=title,
        published=published,
        outlet=outlet,
        url=url,
        language=language,
        discovery=discovery if discovery is not None or rules_only else load_discovery(),
        received=received,
        pairs=chosen is not None,
    )
    read.result.claims = decide_claims(read, chosen)
    return read.result


def decide_claims(read: ArticleRead, model: ClaimModel | None) -> list[FoundClaim]:
    """The claims of the pairs the model accepts, of the kind it reads; without a model, the drafts'."""
    if model is None:
        return [read.claim_of(d, read.said_in[(d.person, d.club_id)]) for d in read.drafts]
    accepted = model.chosen([c.features for c in read.candidates], [c.person for c in read.candidates])
    return [
        read.claim_of(_draft_of(c, _kind(c, model, read.result.language), read.current), c.sentences)
        for c, claimed in zip(read.candidates, accepted, strict=True)
        if claimed and not _where_he_is_not_where_he_goes(c)
    ]


def _where_he_is_not_where_he_goes(c: Candidate) -> bool:
    """Two readings of the guidelines the model is held to where the rules read no move to the club:
    the club the text names as his own ("Milan defender X") is where he is, not a claim; and a club the
    rules read him leaving, while he moves elsewhere, is the move's origin, not a claim of its own.
    (Out of fold they cost 0.004 claim F1; they keep the plain cases plain.)"""
    if c.draft is not None:
        return False
    return "current_club" in c.features or any(name.startswith("drafted=") for name in c.features)


def _kind(c: Candidate, model: ClaimModel, language: str) -> str:
    """The kind the model reads from the pair (the rules' drafts and cues among its features) and from the
    sentence that says the claim; out of fold this reads better than the rules' kind alone."""
    return model.kind(c.features, sentence_words(c.sentences[0].text, language))


def _draft_of(c: Candidate, kind: str, current: dict[str, int]) -> Draft:
    if c.draft is not None:
        return replace(c.draft, kind=kind)
    origin = current.get(c.person)
    return Draft(c.person, c.club_id, kind, c.sentences[0], origin if origin != c.club_id else None)


def read_article(
    *,
    text: str,
    gazetteer: Gazetteer,
    title: str = "",
    published: date | str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    language: str | None = None,
    discovery: Discovery | None = None,
    received: date | None = None,
    pairs: bool = True,
) -> ArticleRead:
    """The article read up to its claims. `discovery` (a `discovery.PlayerDiscovery`) judges the names the
    knowledge base does not know. Without `pairs` the candidate pairs are left out: only the learned layer
    reads them, and the rule engine alone spends a fifth of its time building them."""
    title = title or ""
    language = language or detect_language(f"{title}\n{text}")
    lang = load_language(language)
    # The title is read as the first paragraph; offsets into the body are shifted back when reported.
    head = f"{title}\n\n" if title.strip() else ""
    full = head + text
    clean = blank(full, ignored_spans(full, lang))
    mentions = [m for m in gazetteer.find(clean, language=language) if not _not_a_club(clean, m, lang, gazetteer)]
    mentions = _without_word_names_of_minor_clubs(clean, _without_guessed_nicknames(mentions), gazetteer, lang)
    dated = date_read(received=received or received_today(), given=published, url=url, text=text)
    day = dated.day
    cast = build_cast(clean, mentions, gazetteer, lang, discovery, day)
    clubs = _not_first_names([m for m in mentions if m.kind == "club" and m.entity_id is not None], cast)
    sentences = split_sentences(clean)
    citations = find_citations(clean, mentions, cast, gazetteer, lang, publisher_ids(gazetteer, outlet, url), outlet)
    readings = read_sentences(clean, sentences, cast, clubs, lang, len(head))
    current = current_clubs(clean, cast, clubs, lang)
    topic = topic_club(clubs, len(head), clean, cast, lang)
    known = known_clubs(cast, clubs)
    drafts = extract_drafts(clean, readings, cast, current, lang, topic, known)
    said_in = _sentences_by_pair(drafts)
    offset = len(head)
    paragraphs = _paragraphs(sentences)
    merged = merge_drafts(drafts)
    candidates: list[Candidate] = []
    if pairs:
        candidates = pair_candidates(
            text=clean,
            readings=readings,
            cast=cast,
            clubs=clubs,
            drafts=drafts,
            merged=merged,
            current=current,
            known=known,
            topic=topic,
            language=language,
            title_end=len(head),
        )
    for c in candidates:
        c.names = (cast.people[c.person].name, gazetteer.clubs[c.club_id].name)
        if c.draft is not None:  # the rule engine's own sentences first, as it reads them
            own = said_in[(c.person, c.club_id)]
            c.sentences = own + [s for s in c.sentences if s not in own]

    def claim_of(draft: Draft, said: list[Sentence]) -> FoundClaim:
        return _claim(draft, said, cast, gazetteer, lang, citations, paragraphs, offset)

    result = TagResult(
        language=language,
        published=day,
        published_source=dated.source,
        players=_players(cast, offset),
        clubs=_clubs(clubs, gazetteer, offset),
        claims=[],
        cited=_unique_outlets(c.outlet for c in citations),
    )
    return ArticleRead(result, candidates, merged, said_in, claim_of, current)


def _not_first_names(clubs: list[Mention], cast: Cast) -> list[Mention]:
    """ "Milan ha accettato" in an article about Milan Škriniar is the player, unless the club is named otherwise."""
    first_names = {normalize_name(p.name).split()[0] for p in cast.people.values() if len(p.name.split()) >= 2}
    other = {m.entity_id for m in clubs if normalize_name(m.text) not in first_names}
    return [m for m in clubs if normalize_name(m.text) not in first_names or m.entity_id in other]


def _not_a_club(text: str, m: Mention, lang: LangData, gazetteer: Gazetteer) -> bool:
    """ "a Torino" (the city), "Como se previa" (a word of the language), "na Europa": no club meant."""
    if m.kind != "club":
        return False
    word = normalize_name(m.text)
    common_word = " " not in word and word in lang.stopwords and not _after_article(text, m.start, lang)
    return (is_place(text, m.start, m.end, lang) and _names_a_place(word, gazetteer)) or common_word


def _names_a_place(word: str, gazetteer: Gazetteer) -> bool:
    """A preposition of place makes a town of a club's name only when that name is a place: "a Torino" is the
    town, "da Juventus e Inter" are clubs (no town is called so)."""
    return word in gazetteer.cities or word in places_and_peoples()


def _without_guessed_nicknames(mentions: list[Mention]) -> list[Mention]:
    """A nickname several clubs share ("the Reds", "the Robins") or one marked ambiguous names a club only
    when the text names that club otherwise too: the most prominent of its owners is a guess, mostly wrong."""
    named = {m.entity_id for m in mentions if m.kind == "club" and m.alias_kind != "nickname"}
    return [m for m in mentions if not _guessed_nickname(m) or m.entity_id in named]


def _guessed_nickname(m: Mention) -> bool:
    return m.kind == "club" and m.alias_kind == "nickname" and m.reason != ONLY_CLUB


def _without_word_names_of_minor_clubs(
    text: str, mentions: list[Mention], gazetteer: Gazetteer, lang: LangData
) -> list[Mention]:
    """A little-known club named only by one word that is also a first name, a place or a word the article
    writes in lower case ("Europa", "Tom", "Start", "Berlin") is that word, not the club, unless the article
    names the club by a longer name too, or gives the word the article a club takes and a town does not
    ("el Granada", "ao Cuiabá")."""
    named_in_full = {m.entity_id for m in mentions if m.kind == "club" and " " in m.text.strip()}
    named_in_full |= {m.entity_id for m in mentions if m.kind == "club" and _after_club_article(text, m.start, lang)}
    kept = [m for m in mentions if not _word_name_of_a_minor_club(text, m, gazetteer, named_in_full, lang)]
    return _without_clubs_only_inside_longer_names(text, kept, lang)


def _without_clubs_only_inside_longer_names(text: str, mentions: list[Mention], lang: LangData) -> list[Mention]:
    """A club whose every mention is the last word of a longer name ("Copa América", "New York") is not
    named at all. (A capital after a well-known club's name is mostly a player's: "del Chelsea Malanga Sarr".)"""
    clubs = {m.entity_id for m in mentions if m.kind == "club"}
    named = {
        m.entity_id
        for m in mentions
        if m.kind == "club" and (" " in m.text.strip() or not _in_a_longer_name(text, m, lang, after=False))
    }
    return [m for m in mentions if m.kind != "club" or m.entity_id in named or m.entity_id not in clubs]


def _after_club_article(text: str, start: int, lang: LangData) -> bool:
    """ "El Granada", "no Cuiabá", "il Pontedera": the article (or article and preposition) a club's name
    takes in Spanish, Portuguese and Italian, and a town's does not."""
    return _word_before_in(text, start, _club_articles(lang))


@lru_cache(maxsize=8)
def _club_articles(lang: LangData) -> frozenset[str]:
    return frozenset(lang.words("club_articles"))


def _word_name_of_a_minor_club(
    text: str, m: Mention, gazetteer: Gazetteer, named_in_full: set[int | None], lang: LangData
) -> bool:
    if m.kind != "club" or m.entity_id is None or m.entity_id in named_in_full or " " in m.text.strip():
        return False
    if gazetteer.clubs[m.entity_id].prominence > 1:
        return False
    word = normalize_name(m.text)
    in_lower_case = m.text == m.text.lower() or written_in_lower_case(text, m.text)
    another_word = word in gazetteer.given_names or word in places_and_peoples() or in_lower_case
    return another_word or _in_a_longer_name(text, m, lang)


_WORD_BEFORE = re.compile(r"([^\W\d_]+) $")


def _in_a_longer_name(text: str, m: Mention, lang: LangData, *, after: bool = True) -> bool:
    """ "Van" in "Gino Van Kessel", "York" in "New York", "Municipal" in "Stade Municipal": a word of a
    longer name, between the capitals of its other words (with `after`, a capital after it counts too).
    A capital that opens a sentence, an article's ("La Paganese") or a German noun's says nothing; a hyphen
    pairs two names ("Eupen-Malines")."""
    if lang.flag("capitalized_nouns") or not m.text[:1].isupper():
        return False
    next_two = text[m.end : m.end + 2]
    if after and len(next_two) == 2 and next_two[0] == " " and next_two[1].isupper():
        return True
    before = _WORD_BEFORE.search(text, max(0, m.start - 40), m.start)
    if before is None or not _a_word_of_another_name(before.group(1), lang):
        return False
    preceding = text[max(0, before.start() - 10) : before.start()].rstrip(" \t")
    return bool(preceding) and preceding[-1] not in '.!?:;\n"“«(—–-'


def _a_word_of_another_name(word: str, lang: LangData) -> bool:
    """A capitalised word that is no article ("La Paganese"), no club's legal form ("Club Espanyol") and no
    acronym ("RB Salzbourg"): those start the club's own name."""
    folded = normalize_name(word)
    acronym = word.isupper() and len(word) <= 4
    return word[0].isupper() and not acronym and folded not in lang.stopwords and folded not in GENERIC_WORDS


@lru_cache(maxsize=8)
def _articles(lang: LangData) -> frozenset[str]:
    """Words a club's name follows ("el", "al", "del"): the language's articles, "to" and "of" markers."""
    words = lang.words("ref_articles") + lang.words("to_markers") + lang.words("of_markers")
    return frozenset(w.lower() for w in words if " " not in w)


def _after_article(text: str, start: int, lang: LangData) -> bool:
    """ "Al Como", "el Como": a common word after an article is a name ("Como se esperaba" is not)."""
    return _word_before_in(text, start, _articles(lang))


def _word_before_in(text: str, start: int, words: frozenset[str]) -> bool:
    """The word just before `start` (in lower case) is one of `words`."""
    before = text[max(0, start - 8) : start].split()
    return bool(before) and before[-1].lower() in words


def _players(cast: Cast, offset: int) -> list[FoundPlayer]:
    return [
        FoundPlayer(p.name, p.player_id, [_shift(s, offset) for s in sorted(p.spans)], p.evidence)
        for p in cast.people.values()
    ]


def _clubs(clubs: list[Mention], gazetteer: Gazetteer, offset: int) -> list[FoundClub]:
    found: dict[int, FoundClub] = {}
    for m in clubs:
        assert m.entity_id is not None
        club = found.setdefault(m.entity_id, FoundClub(gazetteer.clubs[m.entity_id].common_name, m.entity_id, []))
        club.spans.append(_shift((m.start, m.end), offset))
    return list(found.values())


def _shift(span: tuple[int, int], offset: int) -> tuple[int, int]:
    """Into body offsets; a span in the title becomes (0, 0)."""
    return (max(0, span[0] - offset), max(0, span[1] - offset))


def _sentences_by_pair(drafts: list[Draft]) -> dict[tuple[str, int], list[Sentence]]:
    """Every sentence that links a player to a club, in text order: a headline makes the claim, the lead
    credits it and gives its terms ("Bayern close to a deal for X" / "... until 2029, according to Sky")."""
    out: dict[tuple[str, int], list[Sentence]] = {}
    for d in drafts:
        said = out.setdefault((d.person, d.club_id), [])
        if d.sentence not in said:
            said.append(d.sentence)
    return out


def _claim(
    d: Draft,
    said_in: list[Sentence],
    cast: Cast,
    gazetteer: Gazetteer,
    lang: LangData,
    citations: list[Citation],
    paragraphs: dict[int, tuple[int, int]],
    offset: int,
) -> FoundClaim:
    person = cast.people[d.person]
    s = d.sentence
    from_id = d.from_club_id
    if d.kind in ("renewal", "exit"):
        from_id = d.club_id
    # The evidence sentence speaks first; the pair's other sentences fill in what it leaves out.
    said = [s] + [other for other in said_in if other is not s]
    texts = [sentence.text for sentence in said]
    return FoundClaim(
        player=person.name,
        player_id=person.player_id,
        club=gazetteer.clubs[d.club_id].common_name,
        club_id=d.club_id,
        kind=d.kind,
        deal=next((deal for t in texts if (deal := deal_of(t, lang)) != "unknown"), "unknown"),
        from_club=gazetteer.clubs[from_id].common_name if from_id is not None else None,
        from_club_id=from_id,
        fee=next((fee for t in texts if (fee := fee_of(t, lang))), None),
        contract_until=next((until for t in texts if (until := contract_of(t, lang))), None),
        evidence=s.text,
        start=max(0, s.start - offset),
        end=max(0, s.end - offset),
        cited=_unique_outlets(o for sentence in said for o in _claim_citations(sentence, citations, paragraphs)),
        confidence=0.6,
    )


def _claim_citations(
    s: Sentence, citations: list[Citation], paragraphs: dict[int, tuple[int, int]]
) -> list[FoundOutlet]:
    """Sources credited in the claim's sentence, else in its paragraph."""
    inside = [c.outlet for c in citations if s.start <= c.start < s.end]
    if not inside and citations:
        start, end = paragraphs[s.paragraph]
        inside = [c.outlet for c in citations if start <= c.start < end]
    return _unique_outlets(inside)


def _paragraphs(sentences: list[Sentence]) -> dict[int, tuple[int, int]]:
    """Where each paragraph starts and ends: from its first sentence to its last."""
    out: dict[int, tuple[int, int]] = {}
    for s in sentences:
        out[s.paragraph] = (out.get(s.paragraph, (s.start, s.end))[0], s.end)
    return out


def _unique_outlets(outlets: object) -> list[FoundOutlet]:
    seen: dict[str, FoundOutlet] = {}
    for o in outlets:  # type: ignore[attr-defined]
        seen.setdefault(str(o.outlet_id) if o.outlet_id is not None else o.name.lower(), o)
    return list(seen.values())
