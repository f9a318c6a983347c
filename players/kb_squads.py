"""The national squads of players/data/squads.jsonl in the knowledge base: players and dated club spells.

A squad player whom a hand-made line already describes (same name, birth dates that agree) is that
player; the others become players of their own, with no current club. Each squad place with a club
becomes a `PlayerClubSpell` from the day the tournament began: until the next squad that names another
club, through the next squad that names the same club, or for a season (365 days) when none follows.
No Django import: the loader writes these spells to the database, `kb_merge` hands them to the matcher.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from tagger.names import normalize_name

from .kb_files import PlayerRecord, SquadRecord

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


def squad_players(
    squads: Iterable[SquadRecord],
    owners: dict[int, PlayerRecord],
    by_key: dict[str, PlayerRecord],
    player_ids: Mapping[str, int],
) -> dict[int, int]:
    """For each squad line (by id()), the id of the player its owner's seed key gave (`player_ids`)."""
    key_of = {id(record): key for key, record in by_key.items()}
    return {
        id(squad): player_ids[key]
        for squad in squads
        if (key := key_of.get(id(owners[id(squad)]))) is not None and key in player_ids
    }


def desired_spells(
    squads: Iterable[SquadRecord], player_of: dict[int, int], club_ids: Mapping[str, int]
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
            club_id = club_ids.get(place.club) if place.club else None
            if club_id is None or (player_id, place.day) in out:
                continue
            until = place.day + SEASON
            if after is not None and after.day > place.day:
                until = after.day if after.club == place.club else min(after.day, until)
            out[(player_id, place.day)] = {
                "club_id": club_id,
                "until": until,
                "source": f"{place.source}: {place.squad}",
            }
    return out
