"""Build players/data/squads.jsonl from the openfootball national-team squads.

A developer tool, run by hand from the repository root with the workshop beside it:

    python tools/import_squads.py [--data ../shared/data] [--out players/data/squads.jsonl]

Sources (public domain, see players/data/SOURCES.md):
- openfootball/worldcup (commit bd46a14): `more/YYYY_squads.txt` for the World Cups 1998-2026 (names,
  positions, birth dates) and `YYYY--host/squads/*.txt` for 2006, 2010 and 2014 (each player's club at
  the time, joined to the first by team and shirt number);
- openfootball/euro (commit 88d150a): the squads of Euro 2020 (played 2021) and Euro 2024, with clubs.

One line per player (a name and a birth date), sorted by name; each line lists the squads he was named
in, the day each tournament began, and his club on that day where the source gives it (as the key of a
club in clubs.jsonl or clubs_editorial.jsonl, with the source's own wording beside it). Coaches (MG) are
left out. The output is deterministic.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

WORLD_CUPS = {
    1998: "1998-06-10",
    2002: "2002-05-31",
    2006: "2006-06-09",
    2010: "2010-06-11",
    2014: "2014-06-12",
    2018: "2018-06-14",
    2022: "2022-11-20",
    2026: "2026-06-11",
}
EUROS = {"2021--europe": ("Euro 2020", "2021-06-11"), "2024--germany": ("Euro 2024", "2024-06-14")}
WORLDCUP_COMMIT = "bd46a14"
EURO_COMMIT = "88d150a"

# FIFA and IOC-style codes the squad files use for a club's country -> openfootball club-list codes.
CLUB_COUNTRIES = {
    "ALB": "al", "ALG": "dz", "ANG": "ao", "ARG": "ar", "AUS": "au", "AUT": "at", "AZE": "az", "BEL": "be",
    "BIH": "ba", "BRA": "br", "BUL": "bg", "CAN": "ca", "CHI": "cl", "CHN": "cn", "CIV": "ci", "CMR": "cm",
    "COL": "co", "CRC": "cr", "CRO": "hr", "CYP": "cy", "CZE": "cz", "DEN": "dk", "ECU": "ec", "EGY": "eg",
    "ENG": "eng", "ESP": "es", "SPA": "es", "FIN": "fi", "FRA": "fr", "GEO": "ge", "GER": "de", "GHA": "gh",
    "GRE": "gr", "GUA": "gt", "HON": "hn", "HUN": "hu", "IRI": "ir", "IRN": "ir", "ISR": "il", "ITA": "it",
    "JPN": "jp", "KOR": "kr", "KSA": "sa", "SAU": "sa", "KUW": "kw", "MCO": "mc", "MEX": "mx", "MKD": "mk",
    "MLI": "ml", "NED": "nl", "NGA": "ng", "NOR": "no", "NZL": "nz", "PAR": "py", "PRY": "py", "POL": "pl",
    "POR": "pt", "PRK": "kp", "QAT": "qa", "ROU": "ro", "ROM": "ro", "RSA": "za", "SAF": "za", "RUS": "ru",
    "SCO": "sco", "SRB": "rs", "SUI": "ch", "SWI": "ch", "SVK": "sk", "SVN": "si", "SWE": "se", "TOG": "tg",
    "TRI": "tt", "TUN": "tn", "TUR": "tr", "UAE": "ae", "UKR": "ua", "URU": "uy", "USA": "us", "WAL": "wal",
}  # fmt: skip
# Words of a club's legal form that the squad lists add or drop at will ("Watford F.C.", "Empoli FC").
_FORM_WORDS = re.compile(r"\b(?:f\s?c|a\s?c|a\s?f\s?c|c\s?f|s\s?c|s\s?s|s\s?s\s?c|u\s?s|calcio|club|cf|sv|vfl|vfb)\b")
_MORE_TEAM = re.compile(r"^==\s+(?P<team>[^#]+?)\s+#")
_MORE_PLAYER = re.compile(
    r"^\s*(?P<num>\d+|-),\s*(?P<name>[^,]+?),\s*(?P<pos>GK|DF|MF|FW|MG)\s*,\s*b\.\s*(?P<born>[\d/]+)"
)
_CLUB_TEAM = re.compile(r"^#\s+(?P<team>.+?)\s+\((?P<code>[A-Z]{3})\)")
_CLUB_PLAYER = re.compile(
    r"^\s*\((?P<num>\d+)\)\s+(?P<pos>GK|DF|MF|FW)\s+(?P<name>.+?)\s+##\s*\d+,\s*(?P<club>.+?)\s*$"
)
_EURO_TEAM = re.compile(r"^=\s+(?P<team>.+?)\s+-\s+Euro")
_EURO_PLAYER = re.compile(
    r"^\s*(?P<num>\d+),\s*(?P<name>[^,]+?),\s*(?P<pos>GK|DF|MF|FW)\s*,\s*[\d/]+\s*,\s*b\.\s*(?P<born>\d{4})\s*,"
    r"\s*(?P<club>.+?)\s*$"
)
_CLUB_COUNTRY = re.compile(r"\s*\((?P<code>[A-Z]{3})\)\s*$")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ø", "o").replace("ł", "l"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def display_name(raw: str) -> str:
    """ "Eiji KAWASHIMA" -> "Eiji Kawashima", "Alex TACHIE-MENSAH" -> "Alex Tachie-Mensah"."""
    words = []
    for word in raw.split():
        if word.isupper() and len(word) > 1:
            word = "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
            word = re.sub(r"(?<=['’])(\w)", lambda m: m.group(1).upper(), word)  # "D'Alessandro"
        words.append(word)
    return " ".join(words)


@dataclass
class Appearance:
    squad: str
    date: str
    team: str
    club: str | None = None  # a club key of the knowledge base
    club_name: str = ""  # the source's wording
    source: str = ""


@dataclass
class SquadPlayer:
    name: str
    born: str | None
    position: str
    nationality: str
    appearances: list[Appearance] = field(default_factory=list)


class ClubIndex:
    """The knowledge base's clubs by folded name and alias, per country, to read "Napoli (ITA)"."""

    def __init__(self, data_dir: Path) -> None:
        self.by_name: dict[str, set[str]] = defaultdict(set)
        for filename in ("clubs.jsonl", "clubs_editorial.jsonl"):
            for line in (data_dir / filename).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    self._add(json.loads(line))

    def _add(self, row: dict) -> None:
        key = row.get("key")
        if not key:
            return
        names = [row.get("name") or "", *((a["name"] if isinstance(a, dict) else a) for a in row.get("aliases") or [])]
        for name in names:
            for form in {fold(name), _without_form(name)}:
                if form:
                    self.by_name[form].add(key)

    def find(self, raw: str, home: str) -> str | None:
        """The club key for "Brentford F.C. (ENG)", or a club of the team's own country without brackets."""
        match = _CLUB_COUNTRY.search(raw)
        code = match.group("code") if match else home
        name = raw[: match.start()] if match else raw
        country = CLUB_COUNTRIES.get(code)
        for form in (fold(name), _without_form(name)):
            keys = {k for k in self.by_name.get(form, set()) if country is None or k.split("/")[0] == country}
            if len(keys) == 1:
                return keys.pop()
        return None


def _without_form(name: str) -> str:
    return re.sub(r"\s+", " ", _FORM_WORDS.sub(" ", fold(name))).strip()


def born_date(raw: str) -> str | None:
    parts = raw.split("/")
    if len(parts) == 3:
        return "-".join(parts)
    return None


def read_more(path: Path, year: int) -> list[tuple[str, int, SquadPlayer]]:
    """(team, shirt number, player) of one `more/YYYY_squads.txt` file; coaches left out."""
    out, team = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := _MORE_TEAM.match(line):
            team = m.group("team").strip()
        elif (m := _MORE_PLAYER.match(line)) and m.group("pos") != "MG" and m.group("num") != "-":
            player = SquadPlayer(display_name(m.group("name")), born_date(m.group("born")), m.group("pos"), team)
            out.append((team, int(m.group("num")), player))
    return out


def read_club_squads(folder: Path) -> dict[tuple[str, int], tuple[str, str, str]]:
    """(team, shirt number) -> (club wording, team code, file) from a `YYYY--host/squads/` folder."""
    out: dict[tuple[str, int], tuple[str, str, str]] = {}
    for path in sorted(folder.glob("*.txt")):
        team, code = "", ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := _CLUB_TEAM.match(line):
                team, code = m.group("team").strip(), m.group("code")
            elif m := _CLUB_PLAYER.match(line):
                out[(fold(team), int(m.group("num")))] = (m.group("club").strip(), code, path.name)
    return out


def world_cups(data: Path, clubs: ClubIndex) -> list[SquadPlayer]:
    out = []
    base = data / "openfootball-squads" / "worldcup"
    for year, day in WORLD_CUPS.items():
        folder = next(iter(sorted(base.glob(f"{year}--*/squads"))), None)
        with_clubs = read_club_squads(folder) if folder else {}
        for team, number, player in read_more(base / "more" / f"{year}_squads.txt", year):
            seen = Appearance(f"World Cup {year}, {team}", day, team)
            seen.source = f"openfootball/worldcup@{WORLDCUP_COMMIT} more/{year}_squads.txt"
            club = with_clubs.get((fold(team), number))
            if club is not None:
                seen.club_name, code, filename = club
                seen.club = clubs.find(seen.club_name, code)
                seen.source += f" + {folder.relative_to(base)}/{filename}" if folder else ""
            player.appearances.append(seen)
            out.append(player)
    return out


def euros(data: Path, clubs: ClubIndex) -> list[SquadPlayer]:
    out = []
    base = data / "openfootball-squads" / "euro"
    for folder_name, (label, day) in EUROS.items():
        for path in sorted((base / folder_name / "squads").glob("*.txt")):
            team = ""
            for line in path.read_text(encoding="utf-8").splitlines():
                if m := _EURO_TEAM.match(line):
                    team = m.group("team").strip()
                elif m := _EURO_PLAYER.match(line):
                    player = SquadPlayer(display_name(m.group("name")), m.group("born"), m.group("pos"), team)
                    raw = m.group("club")
                    seen = Appearance(f"{label}, {team}", day, team, clubs.find(raw, ""), raw)
                    seen.source = f"openfootball/euro@{EURO_COMMIT} {folder_name}/squads/{path.name}"
                    player.appearances.append(seen)
                    out.append(player)
    return out


def merge(players: list[SquadPlayer]) -> list[SquadPlayer]:
    """One player per folded name and birth year; a full birth date wins over a bare year."""
    by_key: dict[tuple[str, str], SquadPlayer] = {}
    for p in players:
        key = (fold(p.name), (p.born or "")[:4])
        known = by_key.get(key)
        if known is None:
            by_key[key] = p
            continue
        known.appearances += p.appearances
        if p.born and len(p.born) > len(known.born or ""):
            known.born = p.born
    for p in by_key.values():
        p.appearances.sort(key=lambda a: a.date)
    return sorted(by_key.values(), key=lambda p: (fold(p.name), p.born or ""))


def record(p: SquadPlayer) -> dict[str, object]:
    return {
        "name": p.name,
        "born": p.born if p.born and len(p.born) == 10 else None,
        "born_year": int(p.born[:4]) if p.born else None,
        "position": p.position,
        "team": p.nationality,
        "squads": [
            {"squad": a.squad, "date": a.date, "club": a.club, "club_name": a.club_name or None, "source": a.source}
            for a in p.appearances
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data", type=Path)
    parser.add_argument("--out", default="players/data/squads.jsonl", type=Path)
    options = parser.parse_args(argv)
    if not (options.data / "openfootball-squads").is_dir():
        print(f"no openfootball-squads under {options.data}", file=sys.stderr)
        return 2
    clubs = ClubIndex(Path("players/data"))
    players = merge(world_cups(options.data, clubs) + euros(options.data, clubs))
    lines = [json.dumps(record(p), ensure_ascii=False) for p in players]
    options.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen = [a for p in players for a in p.appearances]
    named, matched = sum(1 for a in seen if a.club_name), sum(1 for a in seen if a.club)
    print(f"{len(players)} players, {len(seen)} squad places, clubs named {named}, matched to the KB {matched}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
