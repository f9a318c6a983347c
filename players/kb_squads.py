"""The national squads of players/data/squads.jsonl in the knowledge base: players and dated club spells.

A squad player whom a hand-made line already describes (same name, birth dates that agree) is that
player; the others become players of their own, with no current club. Each squad place with a club
becomes a `PlayerClubSpell` from the day the tournament began: until the next squad that names another
club, through the next squad that names the same club, or for a season (365 days) when none follows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from tagger.names import normalize_name

from .kb_files import PlayerRecord, SquadRecord
from .models import Club, Player, PlayerClubSpell

SEASON = dt.timedelta(days=365)
SpellKey = tuple[int, dt.date]  # player id, since


def squad_owners(records: list[PlayerRecord], squads: Iterable[SquadRecord]) -> dict[int, PlayerRecord]:
    """For each squad line (by id()), the player line that describes him: a hand-made one, or his own."""
    by_name: dict[str, list[PlayerRecord]] = defaultdict(list)
    for record in records:
        by_name[normalize_name(record.name)].append(record)
    owners: dict[int, PlayerRecord] = {}
    for squad in squads:
        same = [r for r in by_name.get(normalize_name(squad.name), []) if _born_agree(r, squad)]
        owners[id(squad)] = same[0] if same else squad.as_player()
    return owners


def _born_agree(record: PlayerRecord, squad: SquadRecord) -> bool:
    if record.born is None or (squad.born is None and squad.born_year is None):
        return True
    return record.born == squad.born if squad.born else record.born.year == squad.born_year


def desired_spells(
    squads: Iterable[SquadRecord], player_of: dict[int, int], clubs: dict[str, Club]
) -> dict[SpellKey, dict[str, object]]:
    """(player id, since) -> the spell's club, end and source, for every squad place with a known club."""
    places_of: dict[int, list] = defaultdict(list)
    for squad in squads:
        player_id = player_of.get(id(squad))
        if player_id is not None:
            places_of[player_id].extend(squad.places)
    out: dict[SpellKey, dict[str, object]] = {}
    for player_id, places in places_of.items():
        places.sort(key=lambda p: p.day)
        for place, after in zip(places, [*places[1:], None], strict=True):
            club = clubs.get(place.club) if place.club else None
            if club is None or (player_id, place.day) in out:
                continue
            until = place.day + SEASON
            if after is not None and after.day > place.day:
                until = after.day if after.club == place.club else min(after.day, until)
            out[(player_id, place.day)] = {
                "club_id": club.pk,
                "until": until,
                "source": f"{place.source}: {place.squad}",
            }
    return out


def sync_spells(desired: dict[SpellKey, dict[str, object]]) -> tuple[int, int, int]:
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


def players_by_seed_key() -> dict[str, int]:
    return {key: pk for pk, keys in Player.objects.exclude(seed_keys=[]).values_list("pk", "seed_keys") for key in keys}
