"""Read the knowledge-base data files (players/data/) into plain records: no Django import.

The formats are fixed by the team plan. A bad line is reported as a problem and skipped, so one typo
in a hand-written file never stops a load; the loader decides what to do with the records.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .names import normalize_name

CLUBS_FILE = "clubs.jsonl"
EDITORIAL_FILE = "clubs_editorial.jsonl"
PLAYERS_DIR = "players"
OUTLETS_FILE = "outlets.jsonl"
DATA_DIR = Path(__file__).resolve().parent / "data"  # the project's own data files
LEAGUES_FILE = DATA_DIR / "leagues.json"

ALIAS_KINDS = {"official", "short", "nickname", "exonym"}
POSITIONS = {"GK", "DF", "MF", "FW"}
OUTLET_KINDS = {"publisher", "journalist"}


@dataclass(frozen=True)
class AliasRecord:
    name: str
    language: str = ""
    kind: str = "short"
    ambiguous: bool = False


@dataclass(frozen=True)
class ClubRecord:
    key: str
    name: str
    country: str = ""
    city: str = ""
    league: str = ""
    reserve_of: str = ""
    aliases: tuple[AliasRecord, ...] = ()


@dataclass(frozen=True)
class EditorialRecord:
    """Editorial additions for one club; `new` is set when openfootball lacks the club."""

    club: str
    prominence: int | None = None
    aliases: tuple[AliasRecord, ...] = ()
    new: ClubRecord | None = None


@dataclass(frozen=True)
class PlayerRecord:
    name: str
    known_as: tuple[str, ...] = ()
    club: str = ""
    as_of: dt.date | None = None
    position: str = ""
    nationality: str = ""
    born: dt.date | None = None
    where: str = ""  # file:line, for reports


@dataclass(frozen=True)
class OutletRecord:
    name: str
    kind: str = "publisher"
    language: str = ""
    country: str = ""
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()  # names that are also ordinary words: matched case-sensitively
    domains: tuple[str, ...] = ()
    works_for: str = ""


@dataclass
class KbFiles:
    """Everything read from one data directory. `None` means the file (or folder) is absent."""

    clubs: list[ClubRecord] | None = None
    editorial: list[EditorialRecord] | None = None
    players: list[PlayerRecord] | None = None
    outlets: list[OutletRecord] | None = None
    problems: list[str] = field(default_factory=list)


class BadRecord(ValueError):
    pass


def read_kb(data_dir: Path) -> KbFiles:
    """Read every data file present in `data_dir`."""
    files = KbFiles()
    files.clubs = _read(data_dir / CLUBS_FILE, _club, files.problems)
    files.editorial = _read(data_dir / EDITORIAL_FILE, _editorial, files.problems)
    files.outlets = _read(data_dir / OUTLETS_FILE, _outlet, files.problems)
    players_dir = data_dir / PLAYERS_DIR
    if players_dir.is_dir():
        files.players = []
        for path in sorted(players_dir.glob("*.jsonl")):
            files.players.extend(_read(path, _player, files.problems) or [])
    return files


def _read(path: Path, parse, problems: list[str]) -> list | None:  # type: ignore[no-untyped-def]
    if not path.is_file():
        return None
    records = []
    for where, data in _json_lines(path, problems):
        try:
            records.append(parse(data, where))
        except (BadRecord, KeyError, TypeError, ValueError, AttributeError) as exc:
            problems.append(f"{where}: skipped, {exc.__class__.__name__}: {exc}")
    return records


def _json_lines(path: Path, problems: list[str]) -> Iterator[tuple[str, dict]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path.name}:{number}"
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc.msg})")
                continue
            if not isinstance(data, dict):
                problems.append(f"{where}: not a JSON object")
                continue
            yield where, data


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _required(data: dict, name: str) -> str:
    value = _text(data.get(name))
    if not value:
        raise BadRecord(f"missing {name!r}")
    return value


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _alias(data: dict | str) -> AliasRecord | None:
    if isinstance(data, str):
        data = {"name": data}
    name = _text(data.get("name"))
    if not normalize_name(name):
        return None
    kind = _text(data.get("kind")) or "short"
    if kind not in ALIAS_KINDS:
        raise BadRecord(f"alias {name!r} has unknown kind {kind!r}")
    return AliasRecord(name=name, language=_text(data.get("lang")), kind=kind, ambiguous=bool(data.get("ambiguous")))


def _aliases(items: object) -> tuple[AliasRecord, ...]:
    found = (_alias(item) for item in (items or []))  # type: ignore[attr-defined]
    return tuple(alias for alias in found if alias is not None)


def _names(items: object) -> tuple[str, ...]:
    names = (_text(item) for item in (items or []))  # type: ignore[attr-defined]
    return tuple(name for name in names if normalize_name(name))


def _club(data: dict, where: str) -> ClubRecord:
    return ClubRecord(
        key=_required(data, "key"),
        name=_required(data, "name"),
        country=_text(data.get("country")),
        city=_text(data.get("city")),
        league=_text(data.get("league")),
        reserve_of=_text(data.get("reserve_of")),
        aliases=_aliases(data.get("aliases")),
    )


def _editorial(data: dict, where: str) -> EditorialRecord:
    key = _required(data, "club")
    prominence = data.get("prominence")
    if prominence is not None and (not isinstance(prominence, int) or not 1 <= prominence <= 5):
        raise BadRecord(f"prominence {prominence!r} is not 1..5")
    new = data.get("new")
    club = _club({**new, "key": key}, where) if isinstance(new, dict) else None
    return EditorialRecord(club=key, prominence=prominence, aliases=_aliases(data.get("aliases")), new=club)


def _player(data: dict, where: str) -> PlayerRecord:
    position = _text(data.get("position")).upper()
    if position and position not in POSITIONS:
        raise BadRecord(f"unknown position {position!r}")
    return PlayerRecord(
        name=_required(data, "name"),
        known_as=_names(data.get("known_as")),
        club=_text(data.get("club")),
        as_of=_date(data.get("as_of")),
        position=position,
        nationality=_text(data.get("nationality")).upper()[:3],
        born=_date(data.get("born")),
        where=where,
    )


def _outlet(data: dict, where: str) -> OutletRecord:
    kind = _text(data.get("kind")) or "publisher"
    if kind not in OUTLET_KINDS:
        raise BadRecord(f"unknown outlet kind {kind!r}")
    return OutletRecord(
        name=_required(data, "name"),
        kind=kind,
        language=_text(data.get("language")),
        country=_text(data.get("country")),
        aliases=_names(data.get("aliases")),
        ambiguous_aliases=_names(data.get("ambiguous_aliases")),
        domains=tuple(sorted({d.lower().removeprefix("www.") for d in _names(data.get("domains"))})),
        works_for=_text(data.get("works_for")),
    )


@functools.cache
def league_names() -> dict[str, str]:
    """League code ("it.1") -> its name ("Italian Serie A"), from the fixtures the leagues come from."""
    return json.loads(LEAGUES_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
