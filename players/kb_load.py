"""Load the knowledge-base data files into the database, idempotently.

The files say what the knowledge base should hold; `kb_load` compares that with the rows already there
and writes only the difference, in bulk, inside one transaction. So a second run changes nothing, an
edited file updates rows in place, and nothing is duplicated. Editors' work outranks the files: an
alias an editor added (source=editor) is never touched, an alias an editor deleted stays a tombstone,
and a player an editor renamed keeps the editor's name. What the files say, merged, comes from `kb_merge`
(shared with the route that builds the matcher straight from the files); this module only reconciles it
with the rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from tagger.names import normalize_name

from . import kb_merge
from .kb_files import KbFiles, OutletRecord, PlayerRecord, SquadRecord, read_kb
from .kb_merge import AliasKey
from .kb_squads import SpellKey, desired_spells, squad_players
from .models import (
    AliasBase,
    Club,
    ClubAlias,
    Outlet,
    OutletAlias,
    OutletDomain,
    Player,
    PlayerAlias,
    PlayerClubSpell,
    PlayerStatus,
    Source,
)

BATCH = 1000


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted

    @property
    def total(self) -> int:
        """Rows the files account for after the load."""
        return self.created + self.updated + self.unchanged


@dataclass
class LoadReport:
    tallies: dict[str, Tally] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def tally(self, model: type[models.Model]) -> Tally:
        return self.tallies.setdefault(model.__name__, Tally())

    @property
    def changed(self) -> int:
        return sum(t.changed for t in self.tallies.values())


def kb_load(*, data_dir: Path) -> LoadReport:
    """Load every data file present in `data_dir`; a missing file leaves its part of the KB as it is."""
    files = read_kb(data_dir)
    report = LoadReport(problems=list(files.problems))
    with transaction.atomic():
        clubs = _load_clubs(files, report)
        _load_club_aliases(files, clubs, report)
        if files.players is not None:
            _load_players(files.players, clubs, report, files.squads)
        if files.outlets is not None:
            _load_outlets(files.outlets, report)
    return report


# --- generic sync ---------------------------------------------------------------------------------


def _sync(
    model: type[models.Model],
    desired: Mapping[Any, dict[str, Any]],
    existing: Mapping[Any, Any],
    tally: Tally,
    *,
    touch: bool = False,
) -> Synced:
    """Create missing rows and update rows whose values differ.

    `desired` values use attribute names (`club_id`, not `club`) so comparing needs no query.
    `touch` sets `updated_at`, which bulk_update would otherwise leave behind.
    """
    synced = Synced()
    new: list[models.Model] = []
    changed: list[models.Model] = []
    fields: set[str] = set()
    for key, values in desired.items():
        row = existing.get(key)
        if row is None:
            row = model(**values)
            new.append(row)
            synced.created.add(key)
        else:
            diff = _assign(row, values)
            if diff:
                changed.append(row)
                fields.update(diff)
                synced.updated.add(key)
            else:
                tally.unchanged += 1
        synced.rows[key] = row
    _write(model, new, changed, fields, touch=touch)
    tally.created += len(new)
    tally.updated += len(changed)
    return synced


def _assign(row: Any, values: dict[str, Any]) -> list[str]:
    """Set the values that differ on `row`; return their names."""
    diff = [name for name, value in values.items() if getattr(row, name) != value]
    for name in diff:
        setattr(row, name, values[name])
    return diff


@dataclass
class Synced:
    rows: dict[Any, Any] = field(default_factory=dict)
    created: set[Hashable] = field(default_factory=set)
    updated: set[Hashable] = field(default_factory=set)

    def count_late_update(self, key: Hashable, tally: Tally) -> None:
        """A row changed by a second pass counts once: as created or updated, never both."""
        if key not in self.created and key not in self.updated:
            tally.unchanged -= 1
            tally.updated += 1
            self.updated.add(key)


def _write(model: type[models.Model], new: list, changed: list, fields: set[str], *, touch: bool) -> None:
    if new:
        model._default_manager.bulk_create(new, batch_size=BATCH)
    if changed:
        if touch:
            now = timezone.now()
            for row in changed:
                row.updated_at = now
            fields = fields | {"updated_at"}
        model._default_manager.bulk_update(changed, sorted(fields), batch_size=BATCH)


def _delete(model: type[models.Model], ids: Iterable[int], tally: Tally) -> None:
    ids = list(ids)
    if ids:
        model._default_manager.filter(pk__in=ids).delete()
        tally.deleted += len(ids)


# --- clubs ----------------------------------------------------------------------------------------


def _load_clubs(files: KbFiles, report: LoadReport) -> dict[str, Club]:
    """Sync clubs from clubs.jsonl and the editorial file's new clubs; return every club by key."""
    existing: dict[str, Club] = {club.key: club for club in Club.objects.all()}
    if files.clubs is None and files.editorial is None:
        return existing
    records = kb_merge.club_records(files, report.problems)
    desired = {key: kb_merge.club_values(r, source) for key, (r, source) in records.items()}
    if files.editorial is not None:
        # Prominence comes from the editorial file alone: a club it does not list is back to 1.
        prominence = kb_merge.club_prominence(files)
        for key in existing.keys() | desired.keys():
            desired.setdefault(key, {})["prominence"] = prominence.get(key, 1)
    tally = report.tally(Club)
    synced = _sync(Club, desired, existing, tally, touch=True)
    clubs = {**existing, **synced.rows}
    _link_reserves(records, clubs, synced, tally, report)
    return clubs


def _link_reserves(records: dict, clubs: dict, synced: Synced, tally: Tally, report: LoadReport) -> None:
    """Point reserve sides at their first team: a second pass, once every club has a primary key."""
    changed = []
    for key, (record, _source) in records.items():
        parent = clubs.get(record.reserve_of) if record.reserve_of else None
        if record.reserve_of and parent is None:
            report.problems.append(f"club {key!r}: reserve_of {record.reserve_of!r} is not a known club")
        club = clubs[key]
        parent_id = parent.pk if parent else None
        if club.reserve_of_id != parent_id:
            club.reserve_of_id = parent_id
            changed.append(club)
            synced.count_late_update(key, tally)
    if changed:
        Club.objects.bulk_update(changed, ["reserve_of"], batch_size=BATCH)


# --- aliases, shared by clubs, players and outlets ------------------------------------------------


def _existing_aliases(model: type[AliasBase], owner: str) -> dict[AliasKey, Any]:
    return {(getattr(row, f"{owner}_id"), row.normalized): row for row in model._default_manager.all()}


def _sync_aliases(
    model: type[models.Model],
    wanted: dict[AliasKey, dict[str, Any]],
    existing: dict[AliasKey, Any],
    tally: Tally,
    *,
    prune: Callable[[Any], bool],
) -> None:
    """Write the wanted aliases, leaving editors' rows and tombstones alone; delete file rows `prune` accepts.

    An editor's row keeps its fields even when a file lists the same name, and a tombstone is never revived.
    """
    for key in [key for key, row in existing.items() if key in wanted and _editors(row)]:
        del wanted[key]
    _sync(model, wanted, existing, tally)
    stale = [row.pk for key, row in existing.items() if key not in wanted and not _editors(row) and prune(row)]
    _delete(model, stale, tally)


def _editors(row: Any) -> bool:
    """Rows the files may not change: an editor's alias, or any alias an editor deleted."""
    return row.deleted_by_editor or row.source == Source.EDITOR


# --- club aliases ---------------------------------------------------------------------------------


def _load_club_aliases(files: KbFiles, clubs: dict[str, Club], report: LoadReport) -> None:
    if files.clubs is None and files.editorial is None:
        return
    existing = _existing_aliases(ClubAlias, "club")
    wanted = kb_merge.wanted_club_aliases(files, {key: club.pk for key, club in clubs.items()}, report.problems)
    shared = _shared_names(wanted, existing, clubs.values())
    for (_club_id, normalized), values in wanted.items():
        values["ambiguous"] = values["ambiguous"] or shared(normalized)
    tally = report.tally(ClubAlias)
    synced_sources = {Source.OPENFOOTBALL} if files.clubs is not None else set()
    synced_sources |= {Source.EDITORIAL} if files.editorial is not None else set()
    _sync_aliases(ClubAlias, wanted, existing, tally, prune=lambda row: row.source in synced_sources)
    _mark_editor_aliases_ambiguous(existing, shared, tally)


def _shared_names(wanted: dict, existing: dict, clubs: Iterable[Club]) -> Callable[[str], bool]:
    """Which names several clubs go by, counting aliases that will be live after the load and club names."""
    live = [key for key in wanted if key not in existing or not existing[key].deleted_by_editor]
    live += [key for key, row in existing.items() if row.source == Source.EDITOR and not row.deleted_by_editor]
    return kb_merge.shared_names([*live, *((club.pk, normalize_name(club.name)) for club in clubs)])


def _mark_editor_aliases_ambiguous(existing: dict, shared: Callable[[str], bool], tally: Tally) -> None:
    """An editor's alias that another club also goes by becomes ambiguous; an editor's own flag is kept."""
    rows = [
        row
        for row in existing.values()
        if row.source == Source.EDITOR and not row.deleted_by_editor and not row.ambiguous and shared(row.normalized)
    ]
    for row in rows:
        row.ambiguous = True
    if rows:
        ClubAlias.objects.bulk_update(rows, ["ambiguous"], batch_size=BATCH)
        tally.updated += len(rows)


# --- players --------------------------------------------------------------------------------------


def _load_players(
    records: list[PlayerRecord], clubs: dict[str, Club], report: LoadReport, squads: list[SquadRecord] | None
) -> None:
    records, owners = kb_merge.player_records(records, squads)
    by_key = kb_merge.player_keys(records, report.problems)
    existing: dict[str, Player] = {}
    for player in Player.objects.exclude(seed_keys=[]):
        for key in player.seed_keys:
            existing[key] = player
    groups = _player_groups(by_key, existing)
    _drop_gone(existing, by_key, report)
    club_ids = {key: club.pk for key, club in clubs.items()}
    desired = {ident: _player_values(group, existing, club_ids, report) for ident, group in groups.items()}
    synced = _sync(Player, desired, {p.pk: p for p in existing.values()}, report.tally(Player), touch=True)
    wanted = kb_merge.wanted_player_aliases(
        (synced.rows[ident].pk, synced.rows[ident].name, group) for ident, group in groups.items()
    )
    seeded = {player.pk for player in synced.rows.values()}
    _sync_aliases(
        PlayerAlias,
        wanted,
        _existing_aliases(PlayerAlias, "player"),
        report.tally(PlayerAlias),
        prune=lambda row: row.source == Source.EDITORIAL and row.player_id in seeded,
    )
    if squads is not None:  # no squads file: the spells stay as they are, as every part of a missing file
        player_of = squad_players(squads, owners, by_key, _players_by_seed_key())
        created, unchanged, deleted = _sync_spells(desired_spells(squads, player_of, club_ids))
        tally = report.tally(PlayerClubSpell)
        tally.created, tally.unchanged, tally.deleted = tally.created + created, tally.unchanged + unchanged, deleted


def _sync_spells(desired: dict[SpellKey, dict[str, object]]) -> tuple[int, int, int]:
    """Write the difference between the spells wanted and those stored; (created, unchanged, deleted)."""
    existing = {(s.player_id, s.since): s for s in PlayerClubSpell.objects.all()}
    stale = [
        s.pk
        for key, s in existing.items()
        if key not in desired or (s.club_id, s.until, s.source) != tuple(desired[key].values())
    ]
    PlayerClubSpell.objects.filter(pk__in=stale).delete()
    kept = {key for key, s in existing.items() if s.pk not in stale}
    new = [
        PlayerClubSpell(player_id=player_id, since=since, **values)  # type: ignore[arg-type]
        for (player_id, since), values in desired.items()
        if (player_id, since) not in kept
    ]
    PlayerClubSpell.objects.bulk_create(new, batch_size=1000)
    return len(new), len(kept), len(stale)


def _players_by_seed_key() -> dict[str, int]:
    return {key: pk for pk, keys in Player.objects.exclude(seed_keys=[]).values_list("pk", "seed_keys") for key in keys}


def _drop_gone(existing: dict[str, Player], by_key: dict[str, PlayerRecord], report: LoadReport) -> None:
    """Delete seeded players whose lines left the files, unless something points at them or an editor touched them."""
    gone = {p.pk: p for key, p in existing.items() if key not in by_key and not set(p.seed_keys) & by_key.keys()}
    if not gone:
        return
    kept = _referenced(gone.keys())
    dropped = [pk for pk in gone if pk not in kept]
    aliases = PlayerAlias.objects.filter(player_id__in=dropped).count()
    _delete(Player, dropped, report.tally(Player))
    report.tally(PlayerAlias).deleted += aliases  # gone with their players
    if kept:
        names = ", ".join(sorted(gone[pk].name for pk in kept)[:10])
        report.problems.append(f"{len(kept)} player(s) left the files but have claims or editors' work, kept: {names}")


def _referenced(player_ids: Iterable[int]) -> set[int]:
    """Players that claims, mentions or rumours point at, or that an editor gave an alias or renamed."""
    ids = list(player_ids)
    referenced: set[int] = set()
    for relation in Player._meta.related_objects:
        manager = relation.related_model._default_manager
        rows = manager.filter(**{f"{relation.field.name}__in": ids})
        if relation.related_model is PlayerAlias:
            rows = rows.filter(Q(source=Source.EDITOR) | Q(deleted_by_editor=True))
        referenced.update(rows.values_list(relation.field.attname, flat=True))
    return referenced | set(Player.objects.filter(pk__in=ids, source=Source.EDITOR).values_list("pk", flat=True))


def _player_groups(by_key: dict[str, PlayerRecord], existing: dict[str, Player]) -> dict[Any, list]:
    """Seed lines by the player they describe: several lines meet in one player after an editor's merge."""
    groups: dict[Any, list[tuple[str, PlayerRecord]]] = defaultdict(list)
    for key, record in by_key.items():
        player = existing.get(key)
        groups[player.pk if player else key].append((key, record))
    for group in groups.values():
        player = existing.get(group[0][0])
        if player is not None:
            # The survivor's own line (its first seed key) describes him; a merged line only adds names.
            group.sort(key=lambda item: item[0] != player.seed_keys[0])
    return groups


def _player_values(group: list, existing: dict[str, Player], club_ids: dict[str, int], report: LoadReport) -> dict:
    key, record = group[0]
    values = kb_merge.player_values(record, club_ids, report.problems)
    player = existing.get(key)
    if player is None:
        return {**values, "status": PlayerStatus.VERIFIED, "seed_keys": [k for k, _ in group]}
    if normalize_name(player.name) != normalize_name(record.name):
        values["name"] = player.name  # an editor renamed him: the editor's name stands
    return values


# --- outlets --------------------------------------------------------------------------------------


def _load_outlets(records: list[OutletRecord], report: LoadReport) -> None:
    records = kb_merge.unique_outlets(records, report.problems)
    existing: dict[Hashable, Outlet] = {}
    for outlet in Outlet.objects.all():
        existing[outlet.name] = outlet
        existing.setdefault(normalize_name(outlet.name), outlet)
    desired = {
        _outlet_ident(r.name, existing): {
            "name": r.name,
            "kind": r.kind,
            "language": r.language,
            "country": r.country,
            "source": Source.EDITORIAL,
        }
        for r in records
    }
    tally = report.tally(Outlet)
    synced = _sync(Outlet, desired, existing, tally)
    outlets = {r.name: synced.rows[_outlet_ident(r.name, existing)] for r in records}
    _link_employers(records, outlets, existing, synced, tally, report)
    _load_outlet_aliases(records, outlets, report)
    _load_outlet_domains(records, outlets, report)


def _outlet_ident(name: str, existing: dict) -> str:
    """The outlet's exact name, or the existing outlet's name when only case or accents changed."""
    if name in existing:
        return name
    match = existing.get(normalize_name(name))
    return match.name if match else name


def _link_employers(
    records: list, outlets: dict, existing: dict, synced: Synced, tally: Tally, report: LoadReport
) -> None:
    """Point journalists at the outlet they write for: a second pass, once every outlet has a primary key."""
    by_name = {normalize_name(o.name): o for o in existing.values()}
    by_name.update({normalize_name(name): outlet for name, outlet in outlets.items()})
    changed = []
    for record in records:
        employer = by_name.get(normalize_name(record.works_for)) if record.works_for else None
        if record.works_for and employer is None:
            report.problems.append(f"outlets.jsonl: {record.name!r} works_for unknown outlet {record.works_for!r}")
        outlet = outlets[record.name]
        employer_id = employer.pk if employer else None
        if outlet.works_for_id != employer_id:
            outlet.works_for_id = employer_id
            changed.append(outlet)
            synced.count_late_update(_outlet_ident(record.name, existing), tally)
    if changed:
        Outlet.objects.bulk_update(changed, ["works_for"], batch_size=BATCH)


def _load_outlet_aliases(records: list[OutletRecord], outlets: dict[str, Outlet], report: LoadReport) -> None:
    wanted = kb_merge.wanted_outlet_aliases(records, {name: outlet.pk for name, outlet in outlets.items()})
    loaded = {outlet.pk for outlet in outlets.values()}
    _sync_aliases(
        OutletAlias,
        wanted,
        _existing_aliases(OutletAlias, "outlet"),
        report.tally(OutletAlias),
        prune=lambda row: row.source == Source.EDITORIAL and row.outlet_id in loaded,
    )


def _load_outlet_domains(records: list[OutletRecord], outlets: dict[str, Outlet], report: LoadReport) -> None:
    outlet_ids = {name: outlet.pk for name, outlet in outlets.items()}
    desired = kb_merge.outlet_domains(records, outlet_ids, report.problems)
    existing = {row.domain: row for row in OutletDomain.objects.all()}
    tally = report.tally(OutletDomain)
    _sync(OutletDomain, desired, existing, tally)  # type: ignore[arg-type]
    loaded = {outlet.pk for outlet in outlets.values()}
    stale = [row.pk for domain, row in existing.items() if domain not in desired and row.outlet_id in loaded]
    _delete(OutletDomain, stale, tally)
