"""Per-language cue words and patterns, read from lang/<code>.json and compiled once per process."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from tagger.names import normalize_name

LANG_DIR = Path(__file__).resolve().parent / "lang"
_REGEX_CACHE: dict[tuple[str, str, str, bool], re.Pattern[str] | None] = {}
KINDS = ("interest", "talks", "bid", "agreement", "completed", "renewal", "exit", "denial", "sold")
DEALS = ("loan_option", "loan", "free", "permanent")


def _alternation(patterns: list[str]) -> str:
    # Longest first so "head coach" wins over "coach" inside one alternation.
    return "|".join(sorted(patterns, key=len, reverse=True))


def _factored(patterns: list[str], depth: int = 2) -> str:
    """The alternation with first letters factored out ("b(?:id|ids?)|o(?:ffer)"): the regex engine then
    tries only the patterns that start with the letter at hand, three times faster on long cue lists."""
    groups: dict[str, list[str]] = {}
    rest = []
    for pattern in patterns:
        if len(pattern) > 1 and pattern[0].isalpha() and pattern[1] not in "?*+{|":
            groups.setdefault(pattern[0].lower(), []).append(pattern[1:])
        else:
            rest.append(pattern)
    parts = []
    for first, tails in sorted(groups.items()):
        inner = _factored(tails, depth - 1) if depth > 1 and len(tails) > 3 else _alternation(tails)
        parts.append(f"{re.escape(first)}(?:{inner})")
    return "|".join([*parts, *sorted(rest, key=len, reverse=True)])


def word_regex(patterns: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive regex matching any of the patterns as whole words."""
    if not patterns:
        return None
    return re.compile(rf"(?<![\w])(?:{_factored(patterns)})(?![\w])", re.IGNORECASE)


def lower_word_regex(patterns: list[str]) -> re.Pattern[str] | None:
    """The same, case-sensitive, for scanning a whole lower-cased text: the regex engine then skips the
    alternatives whose first letter is not the one at hand, which it cannot do while ignoring case
    (twice as fast). The patterns must be written in lower case."""
    if not patterns:
        return None
    return re.compile(rf"(?<![\w])(?:{_factored(_lower_case_only(patterns))})(?![\w])")


def _lower_case_only(patterns: list[str]) -> list[str]:
    capitalised = [p for p in patterns if _without_escapes(p) != _without_escapes(p).lower()]
    if capitalised:
        raise ValueError(f"patterns for lower-cased text are written in lower case: {capitalised[:3]}")
    return patterns


def cue_start_regex(patterns: list[str]) -> re.Pattern[str] | None:
    """Zero-width, where a cue of any kind starts, in lower-cased text: one scan finds the few places each
    kind's own regex needs trying, instead of every kind scanning the whole text."""
    found = lower_word_regex(patterns)
    return re.compile(f"(?={found.pattern})") if found is not None else None


@lru_cache(maxsize=4)  # the cues and the credits of one article read the same lower-cased text
def lower_text(text: str) -> str:
    """The text in lower case, letter for letter: "İ" (Turkish names) lower-cases to two characters."""
    lower = text.replace("İ", "i").lower()
    if len(lower) != len(text):  # none other in Python 3.11's Unicode; should a later one add some, stay true
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lower


@lru_cache(maxsize=4)  # the claims and the sources of one article ask for the same credits
def _credit_spans(lang: LangData, text: str) -> tuple[tuple[int, int], ...]:
    if lang.credit_cues is None:
        return ()
    return tuple(m.span() for m in lang.credit_cues.finditer(lower_text(text)))  # a tuple: the cache shares it


def _without_escapes(pattern: str) -> str:
    return re.sub(r"\\.", "", pattern)


def _any_of(patterns: list[str], flags: re.RegexFlag) -> re.Pattern[str] | None:
    """One regex that finds something wherever any of the patterns does."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else None


def _ignore_lines(patterns: list[str]) -> list[re.Pattern[str]]:
    """Two regexes that find what any of the patterns finds: the ones anchored at the line's start, which
    the regex engine tries only there, and the others. Two scans of a line instead of one per pattern."""
    anchored = [p for p in patterns if p.startswith("^")]
    floating = [p for p in patterns if not p.startswith("^")]
    flags = re.IGNORECASE | re.MULTILINE
    return [rx for group in (anchored, floating) if (rx := _any_of(group, flags))]


def _modal_regex(modals: list[str], reach: int | None) -> re.Pattern[str] | None:
    """A modal verb shortly before a cue ("could sign", "want to bring"). Where the verb comes at the end of
    the clause (German: "möchte X fest vom FC Bayern verpflichten") the language file sets a longer reach,
    within the clause: a comma ends it."""
    if not modals:
        return None
    if reach is None:
        return re.compile(rf"(?<!\w)(?:{_alternation(modals)})\W+(?:\w+\W+){{0,2}}$", re.I)
    return re.compile(rf"(?<!\w)(?:{_alternation(modals)})(?:[^\w,;:]+\w+){{0,{reach}}}[^\w,;:]+$", re.I)


def _clause_regex(words: list[str], after_comma: list[str]) -> re.Pattern[str]:
    """Where a sentence turns to another subject: ";", a dash, "but", ", who" (relative words only after a comma).

    For lower-cased text, as the cues are."""
    plain = _factored(_lower_case_only(words)) if words else "(?!)"
    comma = _factored(_lower_case_only(after_comma)) if after_comma else "(?!)"
    # Every break starts with ";", "," or a space: the lookahead lets the engine pass other characters at once.
    return re.compile(rf"(?=[;,\s])(?:;|\s[-–—]\s|,?\s+(?:{plain})\s|,\s*(?:{comma})\s)")


@dataclass(frozen=True, eq=False)  # one object per language and process: hashed by identity, for caches
class LangData:
    code: str
    kinds: dict[str, re.Pattern[str]]
    cue_starts: re.Pattern[str] | None  # where any of the kinds matches
    deals: dict[str, re.Pattern[str]]
    any_deal: re.Pattern[str] | None  # what any of the deals finds: most sentences name none
    negation: re.Pattern[str] | None
    cite_before: re.Pattern[str] | None
    credit_cues: re.Pattern[str] | None  # cite_before, for lower-cased text
    cite_after: re.Pattern[str] | None
    player_roles: re.Pattern[str] | None
    staff_roles: re.Pattern[str] | None
    ignore_lines: list[re.Pattern[str]]
    from_markers: re.Pattern[str] | None
    club_refs: re.Pattern[str] | None
    player_refs: re.Pattern[str] | None
    months: dict[str, int]
    contract: list[re.Pattern[str]]
    clause_breaks: re.Pattern[str] | None  # for lower-cased text
    modals: re.Pattern[str] | None
    conditionals: re.Pattern[str] | None
    competition: re.Pattern[str] | None
    stopwords: frozenset[str]
    noun_determiners: frozenset[str]
    raw: dict[str, object]

    def cues(self, text: str) -> list[tuple[int, int, str]]:
        """Every (start, end, kind) each kind's regex finds in the text, kind by kind as its finditer would."""
        found = []
        resume = dict.fromkeys(self.kinds, 0)  # a kind's matches do not overlap each other
        starts = [m.start() for m in self.cue_starts.finditer(lower_text(text))] if self.cue_starts else []
        for start in starts:
            for kind, rx in self.kinds.items():
                if start >= resume[kind] and (match := rx.match(text, start)):
                    found.append((start, match.end(), kind))
                    resume[kind] = match.end()
        return found

    def credits(self, text: str) -> tuple[tuple[int, int], ...]:
        """Where the text credits a source ("according to", "secondo"), as (start, end)."""
        return _credit_spans(self, text)

    @property
    def modal_window(self) -> int:
        """How many characters before a cue a modal verb may stand: two words, or the language's reach."""
        reach = self.raw.get("modal_reach_words")
        return 40 if reach is None else 20 * int(str(reach))

    def words(self, key: str) -> list[str]:
        """A list of words or patterns from the language file, [] when the file has none."""
        value = self.raw.get(key)
        return [str(v) for v in value] if isinstance(value, list) else []

    def flag(self, key: str) -> bool:
        return bool(self.raw.get(key))

    def whole_words(self, key: str, *, escape: bool = True) -> re.Pattern[str] | None:
        """The key's words or patterns, found only as whole words; None if the file has none."""
        return self.regex(r"(?<!\w)(?:{alt})(?!\w)", key, escape=escape)

    def regex(self, template: str, key: str, *, escape: bool = True) -> re.Pattern[str] | None:
        """The template with "{alt}" replaced by the key's words, compiled once per process; None if no words."""
        cache_key = (self.code, template, key, escape)
        if cache_key not in _REGEX_CACHE:
            words = self.words(key)
            if escape:
                words = [re.escape(w) for w in words]
            alt = "|".join(sorted(words, key=len, reverse=True))
            _REGEX_CACHE[cache_key] = re.compile(template.replace("{alt}", alt), re.IGNORECASE) if words else None
        return _REGEX_CACHE[cache_key]


def _role_refs(raw: dict) -> list[str]:  # type: ignore[type-arg]
    """ "The defender", "der Offensivspieler", "the Wales captain", "the former Lille winger": an article and
    a player role, maybe with a word or two describing him between, point back at the player."""
    articles = [re.escape(a) for a in raw.get("ref_articles", [])]
    roles = raw.get("player_roles", [])
    if not articles or not roles:
        return []
    return [rf"(?:{'|'.join(articles)})\s*(?:[\w-]+\s+){{0,2}}(?:{_alternation(roles)})"]


def _compile(raw: dict) -> LangData:  # type: ignore[type-arg]
    kinds = {k: r for k in KINDS if (r := word_regex(raw.get("kinds", {}).get(k, [])))}
    deals = {k: r for k in DEALS if (r := word_regex(raw.get("deal", {}).get(k, [])))}
    months = {name: i + 1 for i, name in enumerate(raw.get("months", []))}
    months.update({name: i + 1 for i, name in enumerate(raw.get("month_abbr", []))})
    return LangData(
        code=raw["language"],
        kinds=kinds,
        cue_starts=cue_start_regex([p for k in KINDS for p in raw.get("kinds", {}).get(k, [])]),
        deals=deals,
        any_deal=word_regex([p for k in DEALS for p in raw.get("deal", {}).get(k, [])]),
        negation=word_regex(raw.get("negation", [])),
        cite_before=word_regex(raw.get("cite_before", [])),
        credit_cues=lower_word_regex(raw.get("cite_before", [])),
        cite_after=word_regex(raw.get("cite_after", [])),
        player_roles=word_regex(raw.get("player_roles", [])),
        staff_roles=word_regex(raw.get("staff_roles", [])),
        ignore_lines=_ignore_lines(raw.get("ignore_lines", [])),
        from_markers=word_regex(raw.get("from_markers", [])),
        club_refs=word_regex(raw.get("club_refs", [])),
        player_refs=word_regex(raw.get("player_refs", []) + _role_refs(raw)),
        months=months,
        contract=[re.compile(p, re.IGNORECASE) for p in raw.get("contract", [])],
        clause_breaks=_clause_regex(raw.get("clause_breaks", []), raw.get("clause_breaks_after_comma", [])),
        modals=_modal_regex(raw.get("modals", []), raw.get("modal_reach_words")),
        conditionals=re.compile(rf"^\W*(?:{_alternation(raw['conditionals'])})\b", re.I)
        if raw.get("conditionals")
        else None,
        competition=word_regex(raw.get("competition", [])),
        stopwords=frozenset(normalize_name(w) for w in raw.get("stopwords", [])),
        noun_determiners=frozenset(normalize_name(w) for w in raw.get("noun_determiners", [])),
        raw=raw,
    )


@cache
def load_language(code: str) -> LangData:
    """The language's data; an unknown language reads as English (the lingua franca of transfer news)."""
    path = LANG_DIR / f"{code}.json"
    if not path.exists():
        path = LANG_DIR / "en.json"
    return _compile(json.loads(path.read_text(encoding="utf-8")))


@cache
def places_and_peoples() -> frozenset[str]:
    """Names of countries, languages (a nationality mostly reads as its language: "giapponese") and the
    cities that name the world's time zones ("Londres", "Riad", "Alger") in the six languages of the tagger,
    from the CLDR data that Babel ships."""
    import zoneinfo

    from babel import Locale
    from babel.dates import get_timezone, get_timezone_location

    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z and z.split("/")[0] in _CONTINENTS)
    names: set[str] = set()
    for code in ("en", "it", "es", "de", "fr", "pt"):
        locale = Locale.parse(code)
        names.update(normalize_name(n) for n in locale.territories.values())
        names.update(normalize_name(n) for n in locale.languages.values())
        names.update(normalize_name(get_timezone_location(get_timezone(z), locale, return_city=True)) for z in zones)
    return frozenset(n for n in names if n)


_CONTINENTS = frozenset(["Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"])
