"""What the knowledge-base files say, merged into plain values: no Django import.

The data files (read by `kb_files`) are merged here once, for both routes that read them: `kb_load`
compares these values with the rows in the database and writes the difference (keeping editors' work),
and `entries_from_files` turns them straight into the matcher's entries for `make tag`, `make eval` and
`make train`, which need no database. Its ids are those a first load into an empty database gives:
rows numbered 1, 2, ... in the order the loader creates them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tagger.matcher import AliasEntry, ClubEntry, Gazetteer, OutletEntry, PlayerEntry
from tagger.names import normalize_name

from .kb_files import (
    DATA_DIR,
    SQUADS_FILE,
    AliasRecord,
    ClubRecord,
    KbFiles,
    OutletRecord,
    PlayerRecord,
    SquadRecord,
    read_kb,
)
from .kb_squads import desired_spells, squad_owners, squad_players

# The values of players.models.Source and PlayerStatus the files give (that module needs Django).
OPENFOOTBALL = "openfootball"
EDITORIAL = "editorial"
VERIFIED = "verified"

AliasKey = tuple[int, str]  # (owner id, normalized name)
SeedLine = tuple[str, PlayerRecord]  # a player line and its seed key
Entry = TypeVar("Entry", ClubEntry, PlayerEntry, OutletEntry)


def name_order(entries: Iterable[Entry]) -> list[Entry]:
    """Entries by name, ids breaking ties: the order the matcher indexes them in, which settles a tie between
    equally ranked clubs (the order the models' `ordering = ["name"]` has always given it)."""
    return sorted(entries, key=lambda entry: (entry.name, entry.id))


def alias_values(owner: str, owner_id: int, name: str, source: str, **extra: Any) -> dict[str, Any]:
    return {f"{owner}_id": owner_id, "name": name, "normalized": normalize_name(name), "source": source, **extra}


def shared_names(owners: Iterable[AliasKey]) -> Callable[[str], bool]:
    """Which names several owners go by, given every (owner id, normalized name) that is live."""
    by_name: dict[str, set[int]] = defaultdict(set)
    for owner_id, normalized in owners:
        by_name[normalized].add(owner_id)
    return lambda normalized: len(by_name.get(normalized, ())) > 1


# --- clubs ----------------------------------------------------------------------------------------


def club_records(files: KbFiles, problems: list[str]) -> dict[str, tuple[ClubRecord, str]]:
    """Every club of clubs.jsonl and the editorial file's new clubs, by key, with its source."""
    records: dict[str, tuple[ClubRecord, str]] = {}
    for record in files.clubs or []:
        if record.key in records:
            problems.append(f"clubs.jsonl: key {record.key!r} appears twice, the first wins")
            continue
        records[record.key] = (record, OPENFOOTBALL)
    for entry in files.editorial or []:
        if entry.new is None:
            continue
        if entry.club in records and records[entry.club][1] == OPENFOOTBALL:
            problems.append(f"clubs_editorial.jsonl: {entry.club!r} is marked new but openfootball has it")
            continue
        records[entry.club] = (entry.new, EDITORIAL)
    return records


def club_values(record: ClubRecord, source: str) -> dict[str, Any]:
    return {
        "key": record.key,
        "name": record.name,
        "country": record.country,
        "city": record.city,
        "league": record.league,
        "source": source,
    }


def club_prominence(files: KbFiles) -> dict[str, int]:
    """Prominence comes from the editorial file alone: a club it does not list is 1."""
    return {e.club: e.prominence for e in files.editorial or [] if e.prominence is not None}


def wanted_club_aliases(files: KbFiles, club_ids: Mapping[str, int], problems: list[str]) -> dict[AliasKey, dict]:
    """The club aliases the files give, by (club id, normalized name), with the files' own ambiguity."""
    wanted: dict[AliasKey, dict] = {}
    for record in files.clubs or []:
        for alias in record.aliases:
            _want_club_alias(wanted, club_ids[record.key], alias, OPENFOOTBALL)
    for entry in files.editorial or []:
        club_id = club_ids.get(entry.club)
        if club_id is None:
            problems.append(f"clubs_editorial.jsonl: unknown club key {entry.club!r}, its aliases skipped")
            continue
        for alias in entry.aliases:
            _want_club_alias(wanted, club_id, alias, EDITORIAL)
    return wanted


def _want_club_alias(wanted: dict[AliasKey, dict], club_id: int, alias: AliasRecord, source: str) -> None:
    key = (club_id, normalize_name(alias.name))
    seen = wanted.get(key)
    if seen is None:
        wanted[key] = alias_values(
            "club", club_id, alias.name, source, language=alias.language, kind=alias.kind, ambiguous=alias.ambiguous
        )
        return
    # The same name twice for one club (spelling variants, or both files): one row, the first source,
    # with the editorial file's language and ambiguity added.
    seen["language"] = seen["language"] or alias.language
    seen["ambiguous"] = seen["ambiguous"] or alias.ambiguous


# --- players --------------------------------------------------------------------------------------


def player_records(
    records: list[PlayerRecord], squads: list[SquadRecord] | None
) -> tuple[list[PlayerRecord], dict[int, PlayerRecord]]:
    """The hand-made lines plus a line of his own for each squad player none describes; and each squad
    line's owner (by id())."""
    owners = squad_owners(records, squads or [])
    known = {id(r) for r in records}
    return records + [r for r in owners.values() if id(r) not in known], owners


def player_keys(records: list[PlayerRecord], problems: list[str]) -> dict[str, PlayerRecord]:
    """Key each seed line by its normalized name; a namesake gets his birth date or club added."""
    by_key: dict[str, PlayerRecord] = {}
    for record in records:
        key = normalize_name(record.name)
        if key in by_key:
            first = by_key[key]
            if (first.club, first.born) == (record.club, record.born):
                problems.append(f"{record.where}: {record.name!r} repeats {first.where}, skipped")
                continue
            key = f"{key}|{record.born.isoformat() if record.born else record.club}"
            if key in by_key:
                problems.append(f"{record.where}: cannot tell {record.name!r} from {by_key[key].where}, skipped")
                continue
        by_key[key] = record
    return by_key


def player_values(record: PlayerRecord, club_ids: Mapping[str, int], problems: list[str]) -> dict[str, Any]:
    club_id = club_ids.get(record.club) if record.club else None
    if record.club and club_id is None:
        problems.append(f"{record.where}: player {record.name!r}: unknown club key {record.club!r}")
    return {
        "name": record.name,
        "club_id": club_id,
        "club_as_of": record.as_of,
        "position": record.position,
        "nationality": record.nationality,
        "born": record.born,
        # A squad player no hand-made line describes comes from openfootball's squads alone.
        "source": OPENFOOTBALL if record.where.startswith(SQUADS_FILE) else EDITORIAL,
    }


def wanted_player_aliases(players: Iterable[tuple[int, str, list[SeedLine]]]) -> dict[AliasKey, dict]:
    """(player id, his name, the seed lines describing him, his own first) -> the aliases the files give."""
    wanted: dict[AliasKey, dict] = {}
    for player_id, name, group in players:
        names = [alias for _key, record in group for alias in record.known_as]
        names += [record.name for _key, record in group[1:]]  # a merged duplicate's seed name
        names += [record.name for _key, record in group[:1] if record.name != name]  # renamed: keep the seed name
        for alias in names:
            normalized = normalize_name(alias)
            if normalized != normalize_name(name):
                wanted.setdefault((player_id, normalized), alias_values("player", player_id, alias, EDITORIAL))
    return wanted


# --- outlets --------------------------------------------------------------------------------------


def unique_outlets(records: list[OutletRecord], problems: list[str]) -> list[OutletRecord]:
    seen: set[str] = set()
    unique = []
    for record in records:
        if normalize_name(record.name) in seen:
            problems.append(f"outlets.jsonl: {record.name!r} appears twice, the first wins")
            continue
        seen.add(normalize_name(record.name))
        unique.append(record)
    return unique


def wanted_outlet_aliases(records: list[OutletRecord], outlet_ids: Mapping[str, int]) -> dict[AliasKey, dict]:
    wanted: dict[AliasKey, dict] = {}
    for record in records:
        outlet_id = outlet_ids[record.name]
        # A name that is also an ordinary word ("AS", "Sport") is matched only as written.
        for name in record.ambiguous_aliases:
            wanted[(outlet_id, normalize_name(name))] = alias_values(
                "outlet", outlet_id, name, EDITORIAL, case_sensitive=True
            )
        for name in record.aliases:
            wanted.setdefault(
                (outlet_id, normalize_name(name)),
                alias_values("outlet", outlet_id, name, EDITORIAL, case_sensitive=False),
            )
    return wanted


def outlet_domains(records: list[OutletRecord], outlet_ids: Mapping[str, int], problems: list[str]) -> dict[str, dict]:
    desired: dict[str, dict] = {}
    for record in records:
        for domain in record.domains:
            if domain in desired:
                problems.append(f"outlets.jsonl: domain {domain!r} listed twice, the first outlet keeps it")
                continue
            desired[domain] = {"domain": domain, "outlet_id": outlet_ids[record.name]}
    return desired


# --- the matcher's entries, straight from the files ------------------------------------------------


@dataclass
class KbEntries:
    """The matcher's entries, each list in `name_order`."""

    clubs: list[ClubEntry] = field(default_factory=list)
    players: list[PlayerEntry] = field(default_factory=list)
    outlets: list[OutletEntry] = field(default_factory=list)
    hand_made: set[int] = field(default_factory=set)  # players of the hand-made files (players/data/players/)
    problems: list[str] = field(default_factory=list)

    def gazetteer(self) -> Gazetteer:
        return Gazetteer(clubs=self.clubs, players=self.players, outlets=self.outlets)


def entries_from_files(data_dir: Path = DATA_DIR) -> KbEntries:
    """The entries `build_gazetteer` gives after `load_kb` of `data_dir` into an empty database."""
    files = read_kb(data_dir)
    out = KbEntries(problems=list(files.problems))
    club_ids = _club_entries(files, out)
    if files.players is not None:
        _player_entries(files, club_ids, out)
    if files.outlets is not None:
        _outlet_entries(unique_outlets(files.outlets, out.problems), out)
    out.clubs, out.players, out.outlets = name_order(out.clubs), name_order(out.players), name_order(out.outlets)
    return out


def _numbered(keys: Iterable[str]) -> dict[str, int]:
    return {key: number for number, key in enumerate(keys, start=1)}


def _club_entries(files: KbFiles, out: KbEntries) -> dict[str, int]:
    records = club_records(files, out.problems)
    ids = _numbered(records)
    wanted = wanted_club_aliases(files, ids, out.problems)
    shared = shared_names([*wanted, *((ids[key], normalize_name(r.name)) for key, (r, _source) in records.items())])
    aliases: dict[int, list[AliasEntry]] = defaultdict(list)
    for (club_id, normalized), alias in wanted.items():
        ambiguous = alias["ambiguous"] or shared(normalized)
        aliases[club_id].append(AliasEntry(alias["name"], alias["language"], alias["kind"], ambiguous, alias["source"]))
    prominence = club_prominence(files)
    for key, (record, _source) in records.items():
        values = club_values(record, _source)
        out.clubs.append(
            ClubEntry(
                id=ids[key],
                key=key,
                name=values["name"],
                country=values["country"],
                league=values["league"],
                prominence=prominence.get(key, 1),
                aliases=tuple(aliases[ids[key]]),
                city=values["city"],
            )
        )
    return ids


def _player_entries(files: KbFiles, club_ids: dict[str, int], out: KbEntries) -> None:
    records, owners = player_records(files.players or [], files.squads)
    by_key = player_keys(records, out.problems)
    ids = _numbered(by_key)
    values = {key: player_values(record, club_ids, out.problems) for key, record in by_key.items()}
    aliases: dict[int, list[str]] = defaultdict(list)
    for (player_id, _normalized), alias in wanted_player_aliases(
        (ids[key], record.name, [(key, record)]) for key, record in by_key.items()
    ).items():
        aliases[player_id].append(alias["name"])
    spells: dict[int, list[Any]] = defaultdict(list)  # (since, until, club id)
    if files.squads is not None:
        player_of = squad_players(files.squads, owners, by_key, ids)
        for (player_id, since), spell in desired_spells(files.squads, player_of, club_ids).items():
            spells[player_id].append((since, spell["until"], spell["club_id"]))
    for key, player_id in ids.items():
        row = values[key]
        out.players.append(
            PlayerEntry(
                id=player_id,
                name=row["name"],
                club_id=row["club_id"],
                aliases=tuple(aliases[player_id]),
                status=VERIFIED,
                spells=tuple(sorted(spells[player_id])),
                born=row["born"],
            )
        )
        if row["source"] == EDITORIAL:
            out.hand_made.add(player_id)


def _outlet_entries(records: list[OutletRecord], out: KbEntries) -> None:
    ids = _numbered(record.name for record in records)
    plain: dict[int, list[str]] = defaultdict(list)
    exact: dict[int, list[str]] = defaultdict(list)
    for (outlet_id, _normalized), alias in wanted_outlet_aliases(records, ids).items():
        (exact if alias["case_sensitive"] else plain)[outlet_id].append(alias["name"])
    domains: dict[int, list[str]] = defaultdict(list)
    for domain, row in outlet_domains(records, ids, out.problems).items():
        domains[row["outlet_id"]].append(domain)
    for record in records:
        outlet_id = ids[record.name]
        out.outlets.append(
            OutletEntry(
                id=outlet_id,
                name=record.name,
                kind=record.kind,
                aliases=tuple(plain[outlet_id]),
                case_sensitive_aliases=tuple(exact[outlet_id]),
                domains=tuple(domains[outlet_id]),
                language=record.language,
            )
        )
