"""Build players/data/clubs.jsonl from the openfootball club lists and league fixtures.

A developer tool, run by hand from the repository root with the workshop beside it:

    python tools/import_openfootball.py [--data ../shared/data] [--out players/data/clubs.jsonl]

Sources (both CC0 1.0, see players/data/SOURCES.md):
- openfootball/clubs: every ``*.clubs.txt`` (Football.TXT) and ``*.clubs.lang.*.txt`` file;
- openfootball/football.json: the 2025-26 and 2025 league files, to tell which club plays in
  which league this season.

The output is deterministic: one club per line, sorted by key, fields in the documented order.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path


def parse_table(text: str) -> dict[str, set[str]]:
    """'it:it ch:de,fr,it' -> {"it": {"it"}, "ch": {"de", "fr", "it"}}."""
    pairs = (entry.split(":") for entry in text.split())
    return {key: set(values.split(",")) for key, values in pairs}


# Languages spoken in a club list's country; an alias tagged with another language is an exonym.
COUNTRY_LANGS = parse_table("""
ad:ca,es ae:ar ai:en al:sq am:hy ar:es at:de au:en az:az ba:bs,hr,sr be:de,fr,nl bg:bg bo:es
br:pt by:be,ru ca:en,fr cd:fr ch:de,fr,it cl:es cn:zh co:es cr:es cy:el,tr cz:cs de:de
dk:da ec:es ee:et eg:ar eng:en es:ca,es,eu,gl fi:fi,sv fo:fo fr:fr ge:ka gi:en gr:el gt:es
gy:en hn:es hr:hr ht:fr,ht hu:hu ie:en,ga il:he in:en,hi ir:fa is:is it:it jm:en jo:ar
jp:ja kos:sq,sr kr:ko kz:kk,ru lb:ar li:de lt:lt lu:de,fr,lb lv:lv ma:ar,fr mc:fr md:ro
me:sr mk:mk mt:en,mt mx:es ni:es nir:en nl:nl no:nb,nn,no nz:en pa:es pe:es pl:pl pr:en,es
pt:pt py:es qa:ar ro:ro rs:sr ru:ru sa:ar sco:en se:sv sg:en si:sl sk:sk sm:it sr:nl sv:es
th:th tn:ar,fr tr:tr tt:en ua:uk us:en uy:es ve:es wal:cy,en za:en
""")

# openfootball names a few languages by country code in file names.
LANG_FILE_CODES = {"jp": "ja"}

# Full words of a club's legal form (where papers use initials): such a name is "official".
OFFICIAL_WORDS = re.compile(
    r"\b(associazione|societ[aà]|sportiva|unione sportiva|football club|futebol clube|"
    r"f[uú]tbol club|club esportiu|club de f[uú]tbol|club atl[eé]tico|clube|sport club|sporting club|"
    r"association|sociedad deportiva|uni[oó]n deportiva|club deportivo|fu(ß|ss)ball\w*|"
    r"\w*verein\w*|voetbal\w*|fotballklubb|fodboldklub|fotbollsklubb|futbolo klubas|"
    r"spor kul[uü]b[uü]|sport(?!ing)\w*|\w+sport|gymnast\w*|football|futebol|f[uú]tbol|"
    r"racing club|real club|reial club|athletic club|sport lisboa)\b",
    re.IGNORECASE,
)

# League file prefix -> club-list country codes the league's teams come from.
LEAGUE_COUNTRIES: dict[str, list[str]] = {
    "en": ["eng", "wal"],
    "fr": ["fr", "mc"],
    "mls": ["us", "ca"],
    "sco": ["sco"],
}

# Words dropped when comparing names: legal-form abbreviations that papers leave out.
NOISE_TOKENS = {
    "fc",
    "afc",
    "cf",
    "cfc",
    "sc",
    "ac",
    "acf",
    "as",
    "ss",
    "ssc",
    "us",
    "cd",
    "ud",
    "sd",
    "ca",
    "club",
    "calcio",
    "sv",
    "vfb",
    "vfl",
    "tsv",
    "fsv",
    "bc",
    "kv",
    "krc",
    "kaa",
    "rsc",
    "bv",
    "ec",
    "fr",
    "cr",
    "se",
    "cp",
    "sl",
    "sk",
    "fk",
    "rc",
    "rcd",
    "aj",
    "og",
    "osc",
    "sco",
    "the",
    "de",
    "del",
    "da",
    "do",
    "football",
    "futbol",
    "futebol",
}

# League-file spellings no rule can join to the club lists (checked by hand).
LEAGUE_NAME_FIXES = {
    "New York RB": "New York Red Bulls",
    "Henan FC": "Henan Jianye",  # renamed Henan Songshan Longmen (2021), Henan FC (2024)
}

# Brazilian league files append the state: "Remo PA", "Athletic MG".
BR_STATES = frozenset(
    re.findall(
        r"[A-Z]{2}",
        "AC AL AM AP BA CE DF ES GO MA MG MS MT PA PB PE PI PR RJ RN RO RR RS SC SE SP TO",
    )
)

YEARS_SUFFIX = re.compile(r"\s*\((\d{4})?\s*-\s*(\d{4})?\)\s*$")
LANG_TAG = re.compile(r"\s*\[([a-z]{2,3})\]\s*$")


@dataclass
class Club:
    """One club as read from a Football.TXT club list."""

    name: str
    country: str
    city: str | None
    reserve_of: Club | None = None
    alts: list[tuple[str, str | None]] = field(default_factory=list)
    key: str = ""
    league: str | None = None


def slug(text: str) -> str:
    """Lowercase ASCII slug: accents stripped, runs of other characters turned into '-'."""
    ascii_text = strip_accents(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def strip_accents(text: str) -> str:
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l")
    text = text.replace("Ł", "L").replace("æ", "ae").replace("đ", "d").replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def norm(text: str) -> str:
    """Loose form of a name for league matching: no accents, punctuation or legal-form words."""
    words = re.sub(r"[^a-z0-9]+", " ", strip_accents(text).lower().replace("&", " and ")).split()
    kept = [w for w in words if w not in NOISE_TOKENS and not w.isdigit()]
    return " ".join(kept or words)


# --- reading the club lists -------------------------------------------------------------


def clean_city(field_text: str) -> str | None:
    """'London (Highbury)' -> 'London'; 'Charleroi › Hainaut' -> 'Charleroi'."""
    city = re.sub(r"^\d{4}\s+", "", field_text).split("›")[0]  # a founding year lacking its comma
    city = re.sub(r"\(.*?\)", "", city).strip(" ,")
    return city or None


def parse_club_line(line: str, country: str) -> Club:
    """`Name, [founded,] [@ stadium,] city` -> Club (founded and stadium are not kept)."""
    parts = [p.strip() for p in line.split(",")]
    name, *inline_alts = parts[0].split("|")  # one line writes 'Name | Alt, city'
    name = YEARS_SUFFIX.sub("", name).strip()
    rest = []
    for part in parts[1:]:
        part = re.sub(r"^\d{4}\s*(?=@)", "", part).strip()
        if not part or part.startswith("@") or re.fullmatch(r"\(?\d{4}(-\d{4})?\)?", part):
            continue
        if re.fullmatch(r"\((\d{4})?-(\d{4})?\)", part):
            continue
        rest.append(part)
    club = Club(name=name, country=country, city=clean_city(rest[0]) if rest else None)
    club.alts.extend(parse_alt_names("|".join(inline_alts)))
    return club


def parse_alt_names(line: str) -> list[tuple[str, str | None]]:
    """`| Inter | Inter Mailand [de]` -> [("Inter", None), ("Inter Mailand", "de")]."""
    names = []
    for raw in line.strip().lstrip("|").split("|"):
        raw = raw.strip()
        tag = LANG_TAG.search(raw)
        lang = tag.group(1) if tag else None
        name = LANG_TAG.sub("", raw).replace("$$", "").strip()  # $$ marks a sponsor's name
        name = re.sub(r"\s+", " ", name)
        if name:
            names.append((name, lang))
    return names


def read_clubs_file(path: Path, country: str) -> list[Club]:
    """All clubs (and reserve teams) of one `*.clubs.txt` file, in file order."""
    clubs: list[Club] = []
    current: Club | None = None
    main: Club | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("=") or "//" in stripped:
            continue  # blank, heading/region, or a postal address
        if stripped.startswith("|"):
            if current is not None:
                current.alts.extend(parse_alt_names(stripped))
            continue
        reserve = re.match(r"^i+\)\s*", stripped)
        current = parse_club_line(stripped[reserve.end() :] if reserve else stripped, country)
        if reserve and main is not None:
            current.reserve_of = main
        else:
            main = current
        clubs.append(current)
    return clubs


def read_lang_file(path: Path) -> list[tuple[str, str]]:
    """`Name, native name` pairs of a `*.clubs.lang.XX.txt` file."""
    pairs = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if "," in line and not line.startswith("="):
            name, native = (p.strip() for p in line.split(",", 1))
            pairs.append((name, native.replace("_", " ").replace("\u200e", "").strip()))
    return pairs


def assign_keys(clubs: list[Club]) -> None:
    """Key = cc/slug(name); a later colliding club of a country gets -<city slug>."""
    taken: set[str] = set()
    for club in clubs:
        key = f"{club.country}/{slug(club.name)}"
        if key in taken and club.city:
            key = f"{key}-{slug(club.city)}"
        base, n = key, 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        taken.add(key)
        club.key = key


def load_clubs(clubs_dir: Path) -> list[Club]:
    clubs: list[Club] = []
    for path in sorted(clubs_dir.rglob("*.clubs.txt")):
        clubs.extend(read_clubs_file(path, path.name.split(".")[0]))
    assign_keys(clubs)
    by_name = {(c.country, c.name.lower()): c for c in clubs}
    for path in sorted(clubs_dir.rglob("*.clubs.lang.*.txt")):
        country, lang = path.name.split(".")[0], path.name.split(".")[3]
        for name, native in read_lang_file(path):
            club = by_name.get((country, name.lower())) or find_by_alt(clubs, country, name)
            if club is not None and native:
                club.alts.append((native, LANG_FILE_CODES.get(lang, lang)))
    return clubs


def find_by_alt(clubs: list[Club], country: str, name: str) -> Club | None:
    wanted = name.lower()
    for club in clubs:
        if club.country == country and any(a.lower() == wanted for a, _ in club.alts):
            return club
    return None


# --- aliases ----------------------------------------------------------------------------


def alias_kind(name: str, lang: str | None, club: Club) -> str:
    """exonym (another country's language), official (long legal form) or short."""
    if lang and lang not in COUNTRY_LANGS.get(club.country, set()):
        return "exonym"
    if len(name) <= len(club.name):
        return "short"
    if OFFICIAL_WORDS.search(name) or club.name.casefold() in name.casefold():
        return "official"
    return "official" if spells_out_initials(name, club.name) else "short"


def spells_out_initials(name: str, canonical: str) -> bool:
    """'Racing Club de Lens' spells out the 'RC' of 'RC Lens'."""
    words = [w for w in re.split(r"[\s\-]+", name) if w[:1].isupper() and len(w) > 2]
    initials = "".join(w[0] for w in words)
    abbreviations = [t for t in canonical.split() if re.fullmatch(r"[A-Z]{2,5}", t)]
    return any(t in initials and t not in name.split() for t in abbreviations)


def club_aliases(club: Club) -> list[dict[str, str | None]]:
    seen = {club.name.casefold()}
    aliases = []
    for name, lang in club.alts:
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        aliases.append({"name": name, "lang": lang, "kind": alias_kind(name, lang, club)})
    return aliases


# --- leagues ----------------------------------------------------------------------------


def league_teams(json_dir: Path) -> dict[str, set[str]]:
    """League code -> team names, from the current-season files (cups are skipped)."""
    teams: dict[str, set[str]] = {}
    for path in sorted(json_dir.glob("2025*/*.json")):
        code = path.stem
        if code.startswith("copa"):
            continue  # a continental cup, not a league
        data = json.loads(path.read_text(encoding="utf-8"))
        names = teams.setdefault(code, set())
        for match in data["matches"]:
            names.update((match["team1"], match["team2"]))
    return teams


def league_names(json_dir: Path) -> dict[str, str]:
    """League code -> its name as the fixtures file gives it, without the season ("Italian Serie A")."""
    names = {}
    for path in sorted(json_dir.glob("2025*/*.json")):
        if not path.stem.startswith("copa"):
            name = json.loads(path.read_text(encoding="utf-8"))["name"]
            names[path.stem] = re.sub(r"\s+20\d\d(?:/\d\d)?$", "", name).replace(" | ", " ")
    return names


Indexes = tuple[dict[str, list[Club]], dict[str, list[Club]]]
MATCH_LOG: list[str] = []


def build_index(clubs: list[Club]) -> Indexes:
    exact: dict[str, list[Club]] = defaultdict(list)
    loose: dict[str, list[Club]] = defaultdict(list)
    for club in clubs:
        for name in [club.name, *(a for a, _ in club.alts)]:
            for index, form in ((exact, name.casefold()), (loose, norm(name))):
                if club not in index[form]:
                    index[form].append(club)
    return exact, loose


def pick(candidates: list[Club], countries: list[str] | None) -> Club | None:
    """The one candidate (from the league's countries, if given), preferring a first team."""
    local = [c for c in candidates if countries is None or c.country in countries]
    firsts = [c for c in local if c.reserve_of is None]
    if len(firsts) == 1:
        return firsts[0]
    return local[0] if len(local) == 1 else None


def name_forms(team: str) -> list[str]:
    """The team name as written, then without a Brazilian state suffix ('Remo PA' -> 'Remo')."""
    team = LEAGUE_NAME_FIXES.get(team, team)
    words = team.split()
    if len(words) > 1 and words[-1] in BR_STATES:
        return [team, " ".join(words[:-1])]
    return [team]


def match_team(team: str, countries: list[str], indexes: Indexes) -> Club | None:
    """Exact name, then loose name, in the league's countries."""
    for form in name_forms(team):
        for index, key_of in ((indexes[0], str.casefold), (indexes[1], norm)):
            club = pick(index.get(key_of(form), []), countries)
            if club is not None:
                return club
    return None


def match_league_team(team: str, teams: set[str], countries: list[str], indexes: Indexes) -> Club | None:
    """match_team, then a truncated spelling's full twin, an exact name abroad, a near spelling."""
    club = match_team(team, countries, indexes)
    twin = truncated_twin(team, teams) if club is None else None
    if twin is not None:
        club = match_team(twin, countries, indexes)
    if club is None:  # e.g. FC Andorra in the Spanish league
        club = pick(indexes[0].get(team.casefold(), []), None)
    return club or fuzzy_match(team, countries, indexes[1])


def fuzzy_match(team: str, countries: list[str], loose: dict[str, list[Club]]) -> Club | None:
    """One word spelt a little differently ('Olympiakos Piraeus' ~ 'Olympiacos Piraeus')."""
    wanted = norm(team).split()
    clubs: dict[str, Club] = {}
    for form, candidates in loose.items():
        if near_words(wanted, form.split()):
            clubs.update((c.key, c) for c in candidates if c.country in countries)
    return next(iter(clubs.values())) if len(clubs) == 1 else None


def near_words(a: list[str], b: list[str]) -> bool:
    """Same words but one, and that one at least 90% alike (so 'Athletic' is not 'Atletico')."""
    if len(a) != len(b) or len(a) < 2:
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return difflib.SequenceMatcher(None, x, y).ratio() >= 0.9


def truncated_twin(team: str, teams: set[str]) -> str | None:
    """'Leyton' when the same file also writes 'Leyton Orient': the one longer name it starts."""
    longer = [t for t in teams if t.startswith(team + " ")]
    return longer[0] if len(longer) == 1 else None


def assign_leagues(clubs: list[Club], json_dir: Path) -> tuple[int, list[str]]:
    """Set club.league; returns (matched team names, unmatched 'league: name' strings)."""
    indexes = build_index(clubs)
    matched, unmatched = 0, []
    for code, teams in sorted(league_teams(json_dir).items()):
        countries = LEAGUE_COUNTRIES.get(code.split(".")[0], [code.split(".")[0]])
        for team in sorted(teams):
            club = match_league_team(team, teams, countries, indexes)
            if club is None:
                unmatched.append(f"{code}: {team}")
                continue
            matched += 1
            MATCH_LOG.append(f"{code}\t{team}\t{club.key}")
            club.league = club.league or code
    return matched, unmatched


# --- output -----------------------------------------------------------------------------


def club_record(club: Club) -> dict[str, object]:
    return {
        "key": club.key,
        "name": club.name,
        "country": club.country,
        "city": club.city,
        "league": club.league,
        "reserve_of": club.reserve_of.key if club.reserve_of else None,
        "aliases": club_aliases(club),
    }


def write_jsonl(records: list[dict[str, object]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def summary(records: list[dict], matched: int, unmatched: list[str]) -> str:
    names = sum(1 + len(r["aliases"]) for r in records)
    kinds = Counter(a["kind"] for r in records for a in r["aliases"])
    with_league = Counter(r["league"] for r in records if r["league"])
    lines = [
        f"clubs: {len(records)}",
        f"names (canonical + aliases): {names}  kinds: {dict(sorted(kinds.items()))}",
        f"clubs with a league: {sum(with_league.values())} in {len(with_league)} leagues",
        f"league team names matched: {matched}, unmatched: {len(unmatched)}",
    ]
    lines += [f"  unmatched {u}" for u in unmatched]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("players/data/clubs.jsonl"))
    parser.add_argument("--show-matches", action="store_true", help="print team -> key pairs")
    args = parser.parse_args(argv)
    clubs = load_clubs(args.data / "openfootball-clubs")
    matched, unmatched = assign_leagues(clubs, args.data / "openfootball-football-json")
    records = [club_record(c) for c in sorted(clubs, key=lambda c: c.key)]
    write_jsonl(records, args.out)
    leagues = league_names(args.data / "openfootball-football-json")
    leagues_text = json.dumps(leagues, indent=1, ensure_ascii=False) + "\n"
    (args.out.parent / "leagues.json").write_text(leagues_text, encoding="utf-8")
    print(summary(records, matched, unmatched))
    if args.show_matches:
        print("\n".join(MATCH_LOG))
    return 0


if __name__ == "__main__":
    sys.exit(main())
