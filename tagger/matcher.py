"""Find clubs, players and outlets in text: pure Python, no Django.

The matcher folds case, accents and transliteration, looks token n-grams up in one dict (no loop over
aliases per article), takes the longest match at each position, and resolves ambiguous names by the
context of the text. Every mention carries its candidates and the reason for the choice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from .langdata import load_language, places_and_peoples
from .names import normalize_name

TOKEN_RE = re.compile(r"[^\W_]+")
ONLY_CLUB = "only club by this name"  # the reason for a club mention whose name is no other's
# The same, captured: splitting on it gives separators and words in turn, with no Python work per word.
_TOKEN_SPLIT = re.compile(r"([^\W_]+)")
MAX_NGRAM = 7

# Words that say nothing about which club a name means ("AC Milan" and "Milan" are one name).
GENERIC_WORDS = frozenset(
    {"fc", "cf", "ac", "afc", "sc", "ssc", "ss", "as", "us", "calcio", "club", "cd", "ud", "rc", "rcd", "sd", "sv"}
    | {"fk", "sk", "the", "football", "futbol", "de", "cp", "sl", "ec", "se", "fbc", "bc", "ssd", "spa", "srl", "sad"}
)
# Surname particles: "van Dijk", "De Ligt", "dos Santos" are surnames of two words.
SURNAME_PARTICLES = frozenset(
    {"de", "da", "di", "do", "dos", "das", "del", "della", "van", "von", "der", "den", "ten", "ter", "le", "la", "el"}
    | {"al", "ben", "mac"}
)
# Countries whose clubs a reader of each language thinks of first.
LANGUAGE_COUNTRIES = {
    "en": {"eng", "sco", "wal", "us"},
    "it": {"it"},
    "es": {"es"},
    "de": {"de", "at", "ch"},
    "fr": {"fr", "be", "ch"},
    "pt": {"pt", "br"},
}
# German/Scandinavian letters also written with a trailing "e" ("Müller" = "Mueller", "Ø" = "Oe").
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ø": "oe", "Ø": "Oe"})
_REVERSE_TRANSLIT = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_FOUNDING_YEAR = re.compile(r"(18|19|20)\d\d")
_ABBREVIATION = re.compile(r"[A-Z]{2,4}")


@dataclass(frozen=True)
class AliasEntry:
    name: str
    language: str
    kind: str
    ambiguous: bool
    source: str = ""  # "openfootball" for the names the open club data records; editorial aliases add matching aids


@dataclass(frozen=True)
class ClubEntry:
    id: int
    key: str
    name: str
    country: str
    league: str
    prominence: int
    aliases: tuple[AliasEntry, ...]
    city: str = ""

    @property
    def common_name(self) -> str:
        """The name articles use: openfootball's "AS Monaco", "Santos SP" or "Reggina 1914" is "Monaco",
        "Santos" or "Reggina" in prose, as the corpus guidelines ask of a tagger's output.

        A leading or trailing abbreviation (a legal form, a Brazilian state's code) goes only where what
        is left is a name openfootball records for this club, so "Atlético MG" stays whole, and "PSV
        Eindhoven" does not become the city that an editorial alias lists for matching.
        """
        words = self.name.split()
        if len(words) > 1 and _FOUNDING_YEAR.fullmatch(words[-1]):
            return " ".join(words[:-1])
        listed = {alias.name for alias in self.aliases if alias.source == "openfootball"}
        for rest, edge in ((words[1:], words[0]), (words[:-1], words[-1])):
            if _ABBREVIATION.fullmatch(edge) and " ".join(rest) in listed:
                return " ".join(rest)
        return self.name


@dataclass(frozen=True)
class PlayerEntry:
    id: int
    name: str
    club_id: int | None  # his club now
    aliases: tuple[str, ...]
    status: str
    spells: tuple[tuple[dt.date, dt.date, int], ...] = ()  # (since, until, club id): his clubs of past years
    born: dt.date | None = None

    def club_on(self, day: dt.date | None) -> int | None:
        """His club on that day: a dated spell that covers it, else his club now (for an undated article,
        or a day no spell covers)."""
        if day is not None:
            for since, until, club_id in self.spells:
                if since <= day < until:
                    return club_id
        return self.club_id


@dataclass(frozen=True)
class OutletEntry:
    id: int
    name: str
    kind: str
    aliases: tuple[str, ...]
    case_sensitive_aliases: tuple[str, ...]
    domains: tuple[str, ...]
    language: str = ""  # "Sky Sport" is Sky Sport Italia in Italian, Sky Sport Deutschland in German


@dataclass(frozen=True)
class Mention:
    """One name found in the text, what it may mean, what we chose and why."""

    kind: str  # "club" | "player" | "outlet"
    start: int
    end: int
    text: str
    entity_id: int | None
    candidates: tuple[int, ...]
    reason: str
    alias_kind: str = ""  # clubs: official/short/nickname/exonym; players: name/alias/surname


def _clubs_named_not_by_nickname(mentions: list[Mention | None]) -> set[int]:
    return {
        m.entity_id
        for m in mentions
        if m is not None and m.kind == "club" and m.alias_kind != "nickname" and m.entity_id is not None
    }


def _shared_nickname(mention: Mention | None) -> bool:
    return (
        mention is not None
        and mention.kind == "club"
        and mention.alias_kind == "nickname"
        and len(mention.candidates) > 1
    )


@dataclass(frozen=True)
class _Ref:
    """One way a normalized name points at an entity."""

    kind: str
    entity_id: int
    alias_kind: str
    ambiguous: bool = False
    language: str = ""
    exact: str = ""  # a case-sensitive outlet alias must appear exactly like this
    upper: bool = False  # an acronym ("ÍF", "AS") is only itself in capitals, never the word "if" or "as"


@dataclass
class _Raw:
    start_tok: int
    end_tok: int
    start: int
    end: int
    refs: list[_Ref] = field(default_factory=list)


@lru_cache(maxsize=100_000)
def fold_token(token: str) -> str:
    """A word as the index knows it; cached, as articles repeat the same words."""
    return normalize_name(token).replace(" ", "")


def name_keys(name: str) -> set[str]:
    """Every folded spelling of a name: as written, German/Nordic transliteration, and back."""
    keys = {normalize_name(name), normalize_name(name.translate(_TRANSLIT))}
    if name.isupper():
        return {k for k in keys if k}  # an acronym ("AEL") has no other spelling
    for key in list(keys):
        for long, short in _REVERSE_TRANSLIT:
            # "Mueller" is also "Muller"; not at a word's start ("Aebischer") nor in short words.
            if len(key) >= 5 and re.search(rf"\B{long}", key):
                keys.add(re.sub(rf"\B{long}", short, key))
    return {k for k in keys if k}


def core_name(name: str) -> str:
    """A club's name without legal-form words and years: "FC Internazionale Milano" -> "internazionale milano"."""
    words = [w for w in normalize_name(name).split() if w not in GENERIC_WORDS and not w.isdigit()]
    return " ".join(words)


def derived_surnames(name: str) -> list[str]:
    """The surname a full name is shortened to: last word, with its particle ("van Dijk")."""
    words = name.split()
    if len(words) < 2:
        return []
    out = [words[-1]]
    if len(words) >= 3 and normalize_name(words[-2]) in SURNAME_PARTICLES:
        out.insert(0, " ".join(words[-2:]))
    return [s for s in out if len(normalize_name(s)) >= 3]


_ARTICLE_BEFORE = re.compile(r"(?:^|\W)(?:the|i|gli|le|los|las|les|os|as|die|der|den|dei|degli|dos|das|des)\s+$", re.I)


def _lower_nickname(text: str, start: int, ref: _Ref) -> bool:
    """A nickname in lower case ("i rossoneri", "el club azulgrana"): a long one anywhere, a short one
    ("el toro" is a bull) only after a plural article."""
    if ref.alias_kind != "nickname":
        return False
    return len(ref_name_at(text, start)) >= 6 or bool(_ARTICLE_BEFORE.search(text[max(0, start - 8) : start]))


def _a_word_of(surface: str, language: str | None) -> bool:
    return language is not None and normalize_name(surface) in load_language(language).stopwords


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """The words of the text as (start, end, folded word)."""
    parts = _TOKEN_SPLIT.split(text)  # separator, word, separator, word, ..., separator
    offsets = list(accumulate(map(len, parts)))
    words = parts[1::2]
    return list(zip(offsets[0::2], offsets[1::2], map(fold_token, words), strict=False))


def ref_name_at(text: str, start: int) -> str:
    match = TOKEN_RE.match(text, start)
    return match.group() if match else ""


class Gazetteer:
    """Everything the knowledge base knows by name, indexed for fast lookup in text."""

    def __init__(
        self,
        *,
        clubs: Iterable[ClubEntry] = (),
        players: Iterable[PlayerEntry] = (),
        outlets: Iterable[OutletEntry] = (),
    ) -> None:
        self.clubs = {c.id: c for c in clubs}
        self.players = {p.id: p for p in players}
        self.outlets = {o.id: o for o in outlets}
        self._index: dict[str, list[_Ref]] = {}
        self._prefixes: set[str] = set()  # the first words of every indexed name: where a scan may go on
        # A club's folded names, each padded with spaces, one a line: " inter milan \n milan \n".
        self._club_names: dict[int, str] = {}
        self._club_core: dict[int, str] = {}
        # Clubs' one-word names, folded, each with its spellings in lower case: what an ending may follow.
        self._club_words: dict[str, set[str]] = {}
        self.domains: dict[str, int] = {}
        # The towns the clubs play in: "a Torino" may be the town, "da Juventus" never is.
        self.cities: frozenset[str] = frozenset(normalize_name(c.city) for c in self.clubs.values() if c.city)
        # First names of known players: a capitalised pair starting with one is likely a person.
        self.given_names: frozenset[str] = frozenset(
            normalize_name(p.name).split()[0] for p in self.players.values() if len(p.name.split()) >= 2
        )
        for club in self.clubs.values():
            self._add_club(club)
        for player in self.players.values():
            self._add_player(player)
        for outlet in self.outlets.values():
            self._add_outlet(outlet)

    # -- building -------------------------------------------------------------------------------

    def _add(self, name: str, ref: _Ref) -> None:
        for key in name_keys(name):
            if ref.kind == "club" and " " not in key:
                self._club_words.setdefault(key, set()).add(name.lower())
            refs = self._index.setdefault(key, [])
            if not any(r.kind == ref.kind and r.entity_id == ref.entity_id for r in refs):
                refs.append(ref)
            words = key.split()
            self._prefixes.update(" ".join(words[:n]) for n in range(1, len(words) + 1))

    def _add_club(self, club: ClubEntry) -> None:
        self._club_core[club.id] = core_name(club.name)
        names = [normalize_name(club.name)]
        self._add(club.name, _Ref("club", club.id, "official"))
        for alias in club.aliases:
            names.append(normalize_name(alias.name))
            upper = alias.name.isupper() and len(alias.name.replace(" ", "")) <= 2
            self._add(alias.name, _Ref("club", club.id, alias.kind, alias.ambiguous, alias.language, upper=upper))
        # "AC Milan" is also written "Milan", "SC Braga" "Braga": the core name is an alias.
        core = self._club_core[club.id]
        if core and core != normalize_name(club.name) and len(core) >= 4:
            # Marked ambiguous so a longer name in the text wins ("Paris" next to "Paris Saint-Germain").
            self._add(core, _Ref("club", club.id, "short", ambiguous=True))
            names.append(core)
        self._club_names[club.id] = "\n".join(f" {n} " for n in names)

    def _add_player(self, player: PlayerEntry) -> None:
        self._add(player.name, _Ref("player", player.id, "name"))
        first = normalize_name(player.name).split()[:1]
        surnames = derived_surnames(player.name)
        folded_surnames = {normalize_name(s) for s in surnames}
        for alias in player.aliases:
            if normalize_name(alias) in folded_surnames:
                continue  # a squad list's "Kessel" for Bruno Kessel is as much Marco Kessel's: a surname, added below
            # "Florentino", "Xavi": a first name alone is shared by many people; the tagger wants context for it.
            given = len(player.name.split()) >= 2 and normalize_name(alias).split() == first
            self._add(alias, _Ref("player", player.id, "given" if given else "alias"))
        for surname in surnames:
            self._add(surname, _Ref("player", player.id, "surname", ambiguous=True))

    def _add_outlet(self, outlet: OutletEntry) -> None:
        # "AS" is the paper only in capitals, never the word "as".
        acronym = outlet.name.isupper() and len(outlet.name) <= 4
        if outlet.name in outlet.case_sensitive_aliases or acronym:
            self._add(outlet.name, _Ref("outlet", outlet.id, "name", exact=outlet.name))
        else:
            self._add(outlet.name, _Ref("outlet", outlet.id, "name"))
        for alias in outlet.aliases:
            self._add(alias, _Ref("outlet", outlet.id, "alias"))
        for alias in outlet.case_sensitive_aliases:
            self._add(alias, _Ref("outlet", outlet.id, "alias", exact=alias))
        for domain in outlet.domains:
            self.domains[domain.lower().removeprefix("www.")] = outlet.id

    # -- scanning -------------------------------------------------------------------------------

    def find(self, text: str, *, language: str | None = None, country: str | None = None) -> list[Mention]:
        """Every club, player and outlet named in the text, longest match first, in text order."""
        raws = self._scan(text, _tokens(text), language)
        club_context = self._unambiguous_clubs(raws)
        player_context = {r.refs[0].entity_id for r in raws if self._strong_player(r)}
        resolved = [(raw, self._resolve(text, raw, club_context, player_context, language, country)) for raw in raws]
        # "I nerazzurri" after "L'Inter ... all'Atalanta": a nickname two named clubs share goes to the one
        # its names pick, once the names that are ambiguous on their own ("Inter") are resolved too.
        named = club_context | _clubs_named_not_by_nickname([m for _, m in resolved])
        if named != club_context:
            resolved = [
                (raw, self._resolve(text, raw, named, player_context, language, country) if _shared_nickname(m) else m)
                for raw, m in resolved
            ]
        return [m for _, m in resolved if m is not None]

    def match_clubs(self, text: str, *, language: str | None = None, country: str | None = None) -> list[Mention]:
        return [m for m in self.find(text, language=language, country=country) if m.kind == "club"]

    def match_players(self, text: str, *, language: str | None = None) -> list[Mention]:
        return [m for m in self.find(text, language=language) if m.kind == "player"]

    def match_outlets(self, text: str) -> list[Mention]:
        return [m for m in self.find(text) if m.kind == "outlet"]

    def outlet_for_domain(self, url_or_domain: str) -> int | None:
        host = re.sub(r"^[a-z]+://", "", url_or_domain.lower()).split("/", 1)[0].removeprefix("www.")
        while host:
            if host in self.domains:
                return self.domains[host]
            host = host.partition(".")[2]
        return None

    def _scan(self, text: str, tokens: list[tuple[int, int, str]], language: str | None) -> list[_Raw]:
        lang = load_language(language) if language else None
        # The endings a language adds to a town's or club's name: the German genitive ("Wolfsburgs Trainer"),
        # the people of a town ("der frühere Wolfsburger", "mit den Freiburgern").
        tokens, stemmed = self._stems(text, tokens, tuple(lang.words("club_name_endings")) if lang else ())
        words = [token[2] for token in tokens]
        last = len(words) - 1
        # The word Romance languages put between a club's name and its town ("Raja de Casablanca").
        links = frozenset(lang.words("club_town_links")) if lang else frozenset()
        raws: list[_Raw] = []
        resume = 0  # names do not overlap: after one, the scan goes on where it ends
        for i in [i for i, word in enumerate(words) if word in self._prefixes]:  # most words start no name
            if i < resume:
                continue
            word = words[i]
            goes_on = i < last and (f"{word} {words[i + 1]}" in self._prefixes or words[i + 1] in links)
            if word not in self._index and not goes_on:
                continue  # "de", "the": words that start only longer names, none of which goes on here
                # (the first two lookups of _ngrams_at, made here to spare the call for most such words)
            for n, refs in reversed(self._ngrams_at(tokens, i, links)):  # the longest usable name wins
                if i + n - 1 in stemmed:
                    refs = [r for r in refs if r.kind == "club"]
                refs = self._usable(text, tokens[i][0], tokens[i + n - 1][1], refs, language)
                if refs:
                    raws.append(_Raw(i, i + n, tokens[i][0], tokens[i + n - 1][1], refs))
                    resume = i + n
                    break
        return raws

    def _stems(
        self, text: str, tokens: list[tuple[int, int, str]], endings: tuple[str, ...]
    ) -> tuple[list[tuple[int, int, str]], set[int]]:
        """The tokens with an inflected one-word club name ("Wolfsburgs", "Freiburgern") folded to the name, and
        the positions so folded. A word the index knows as it is stays: "Hamburger SV" is a name of its own."""
        if not endings:
            return tokens, set()
        out, stemmed = list(tokens), set()
        for i, (start, end, word) in enumerate(tokens):
            if word in self._prefixes:
                continue
            ending = next((e for e in endings if word.endswith(e) and word[: -len(e)] in self._club_words), "")
            stem = word[: -len(ending)]
            if ending and len(stem) >= 4 and self._inflected(text[start : end - len(ending)], stem):  # "aber": no AB
                out[i] = (start, end, stem)
                stemmed.add(i)
        return out, stemmed

    def _inflected(self, written: str, stem: str) -> bool:
        """ "Wolfsburgs" is Wolfsburg's; "Stürmer" (a striker, not Sturm's) is written otherwise than the name but
        for the accents the index folds, and "Europas" (a place's) or "Marcos" (a first name's) is no club's."""
        spelt_as_the_name = written.lower() in self._club_words[stem]
        return spelt_as_the_name and stem not in self.given_names and stem not in places_and_peoples()

    def _ngrams_at(
        self, tokens: list[tuple[int, int, str]], i: int, links: frozenset[str] = frozenset()
    ) -> list[tuple[int, list[_Ref]]]:
        """The indexed names starting at token i, shortest first, as (token count, refs).

        The n-gram grows only while it is the start of some name, so most words cost one set lookup. A word
        that links a club's name to its town ("Raja de Casablanca" is Raja Casablanca, `links`), which no name
        goes on with, is passed over: the name goes on without it."""
        out = []
        key = ""
        for n in range(1, min(MAX_NGRAM, len(tokens) - i) + 1):
            word = tokens[i + n - 1][2]
            if key and word in links and f"{key} {word}" not in self._prefixes:
                continue
            key = f"{key} {word}" if key else word
            if key not in self._prefixes:
                break
            refs = self._index.get(key)
            if refs:
                out.append((n, refs))
        return out

    @staticmethod
    def _usable(text: str, start: int, end: int, refs: list[_Ref], language: str | None) -> list[_Ref]:
        """Names are capitalised; only a club nickname ("i rossoneri") may be written in lower case.

        Exonyms travel too ("Maiorca" is Portuguese as well as Italian, "Nápoles" Portuguese as well as
        Spanish), but not into a language where the name is a word: the French "Côme" is no Italian "Come".
        (Nicknames travel as well: English papers write "the Bianconeri".)
        """
        surface = text[start:end]
        capital = surface[0].isupper() or surface[0].isdigit()
        out = []
        for ref in refs:
            if ref.alias_kind == "exonym" and ref.language not in ("", language) and _a_word_of(surface, language):
                continue
            if ref.exact:
                if surface == ref.exact:
                    out.append(ref)
            elif ref.upper:
                if surface.isupper():
                    out.append(ref)
            elif ref.kind == "player" and surface.isupper() and len(surface) > 2 and " " not in surface:
                continue  # "la CAN" is a tournament, not Emre Can
            elif capital or ref.kind == "outlet" or (ref.kind == "club" and _lower_nickname(text, start, ref)):
                # Outlets brand themselves in lower case too ("kicker"); the tagger needs a citation cue.
                out.append(ref)
        return out

    # -- resolving ------------------------------------------------------------------------------

    @staticmethod
    def _strong_player(raw: _Raw) -> bool:
        players = {r.entity_id for r in raw.refs if r.kind == "player" and r.alias_kind != "surname"}
        return len(players) == 1

    def _unambiguous_clubs(self, raws: list[_Raw]) -> set[int]:
        out = set()
        for raw in raws:
            clubs = [r for r in raw.refs if r.kind == "club"]
            if len({r.entity_id for r in clubs}) == 1 and not any(r.ambiguous for r in clubs):
                out.add(clubs[0].entity_id)
        return out

    def _resolve(
        self,
        text: str,
        raw: _Raw,
        club_context: set[int],
        player_context: set[int],
        language: str | None,
        country: str | None,
    ) -> Mention | None:
        surface = text[raw.start : raw.end]
        players = [r for r in raw.refs if r.kind == "player"]
        clubs = [r for r in raw.refs if r.kind == "club"]
        outlets = [r for r in raw.refs if r.kind == "outlet"]
        strong_players = [r for r in players if r.alias_kind != "surname"]
        # A full name or listed alias of a player beats a club of the same length; a bare surname does not.
        if strong_players and (not clubs or raw.end_tok - raw.start_tok > 1):
            return self._resolve_player(raw, surface, strong_players, club_context, player_context, "alias")
        # "Tomori" after "Fikayo Tomori" is the player, not a club of that name.
        named = [r for r in players if r.entity_id in player_context]
        if named:
            return self._resolve_player(raw, surface, named, club_context, player_context, "surname")
        if clubs:
            return self._resolve_club(raw, surface, clubs, club_context, language, country)
        if outlets:
            ids = tuple(dict.fromkeys(r.entity_id for r in outlets))
            chosen = next((i for i in ids if self.outlets[i].language == language), ids[0])
            return Mention("outlet", raw.start, raw.end, surface, chosen, ids, "outlet name", outlets[0].alias_kind)
        if players:
            return self._resolve_player(raw, surface, players, club_context, player_context, "surname")
        return None

    def _resolve_player(
        self, raw: _Raw, surface: str, refs: list[_Ref], club_context: set[int], player_context: set[int], how: str
    ) -> Mention:
        ids = tuple(dict.fromkeys(r.entity_id for r in refs))
        chosen, reason = self._choose_player(ids, club_context, player_context)
        alias_kind = "surname" if how == "surname" else refs[0].alias_kind
        return Mention("player", raw.start, raw.end, surface, chosen, ids, reason, alias_kind)

    def _choose_player(
        self, ids: tuple[int, ...], club_context: set[int], player_context: set[int]
    ) -> tuple[int | None, str]:
        if len(ids) == 1:
            return ids[0], "only player by this name"
        named = [i for i in ids if i in player_context]
        if len(named) == 1:
            return named[0], "full name given in the text"
        at_clubs = [i for i in ids if self.players[i].club_id in club_context]
        if len(at_clubs) == 1:
            return at_clubs[0], "the only one whose club is named in the text"
        return None, "ambiguous: several players go by this name"

    def _resolve_club(
        self,
        raw: _Raw,
        surface: str,
        refs: list[_Ref],
        club_context: set[int],
        language: str | None,
        country: str | None,
    ) -> Mention:
        owners = tuple(dict.fromkeys(r.entity_id for r in refs))
        alias_kind = refs[0].alias_kind
        if len(owners) == 1 and not any(r.ambiguous for r in refs):
            return Mention("club", raw.start, raw.end, surface, owners[0], owners, ONLY_CLUB, alias_kind)
        key = normalize_name(surface)
        candidates = owners + tuple(c for c in self._containing(key, club_context) if c not in owners)
        chosen, reason = self._choose_club(key, owners, candidates, club_context, language, country)
        return Mention("club", raw.start, raw.end, surface, chosen, candidates, reason, alias_kind)

    def _containing(self, key: str, club_context: set[int]) -> list[int]:
        """Clubs named elsewhere in the text whose longer name holds this one ("Newcastle United" for "United")."""
        padded = f" {key} "
        return [c for c in sorted(club_context) if padded in self._club_names.get(c, "")]

    def _choose_club(
        self,
        key: str,
        owners: tuple[int, ...],
        candidates: tuple[int, ...],
        club_context: set[int],
        language: str | None,
        country: str | None,
    ) -> tuple[int, str]:
        named = [c for c in owners if c in club_context]
        if len(named) == 1:
            return named[0], "the text names this club unambiguously elsewhere"
        proper = [c for c in owners if self._club_core.get(c) == key]
        contained = [c for c in candidates if c not in owners]
        if contained:
            best = max(contained, key=lambda c: self.clubs[c].prominence)
            # "Milan" stays AC Milan next to "Inter Milan": it is AC Milan's own name.
            if not any(self.clubs[p].prominence >= self.clubs[best].prominence for p in proper):
                return best, "a club named elsewhere in the text goes by this longer name"
        abroad = self._of_a_foreign_league_named(owners, club_context, language)
        if abroad is not None:
            return abroad, "the only club by this name from the foreign country of other clubs the text names"
        pool = named or owners
        return max(pool, key=lambda c: self._club_rank(c, key, language, country)), self._rank_reason(language, country)

    def _of_a_foreign_league_named(
        self, owners: tuple[int, ...], club_context: set[int], language: str | None
    ) -> int | None:
        """ "Nacional y Peñarol", "Barcelona y Emelec": a name several clubs share goes to the one from a
        country foreign to the article's language when the text names other clubs of that country and of no
        other namesake's country. (A club from the language's own countries gains nothing by it: their clubs
        fill its articles.)"""
        clubs_of = Counter(self.clubs[c].country for c in club_context)
        home = LANGUAGE_COUNTRIES.get(language or "", set())
        named = [c for c in owners if self.clubs[c].country in clubs_of]
        if len(named) != 1 or self.clubs[named[0]].country in home:
            return None
        # Against a well-known namesake ("Barcelona"), one club of the country is not enough.
        needed = 2 if max(self.clubs[c].prominence for c in owners) >= 4 else 1
        return named[0] if clubs_of[self.clubs[named[0]].country] >= needed else None

    def _club_rank(self, club_id: int, key: str, language: str | None, country: str | None) -> tuple[int, ...]:
        club = self.clubs[club_id]
        local = club.country in LANGUAGE_COUNTRIES.get(language or "", set()) or club.country == country
        return (club.prominence + int(local), int(self._club_core.get(club_id) == key), int(bool(club.league)))

    @staticmethod
    def _rank_reason(language: str | None, country: str | None) -> str:
        where = f" in a {language} article" if language else ""
        return f"most prominent in transfer news{where} (league and country as tie-breaks)"
