"""Build the matcher's Gazetteer from the knowledge base in the database.

Building it takes a second or two, so it is cached per process and rebuilt only when the knowledge
base changed (a cheap signature of counts, highest ids and last updates). Aliases are read in id order
and entries given in `name_order`, so the same rows always give the same Gazetteer;
`players.kb_merge.entries_from_files` gives those of a freshly loaded database straight from the files
(make tag, eval and train), and a test keeps the two equal.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Count, Max

from tagger.matcher import AliasEntry, ClubEntry, Gazetteer, OutletEntry, PlayerEntry

from .kb_merge import name_order
from .models import Club, ClubAlias, Outlet, OutletAlias, OutletDomain, Player, PlayerAlias, PlayerClubSpell

_lock = threading.Lock()
_cache: dict[str, Any] = {"signature": None, "gazetteer": None}


def kb_signature() -> tuple[Any, ...]:
    """Changes whenever a club, player, outlet or alias is added, edited, deleted or tombstoned."""
    parts: list[Any] = []
    for model in (Club, Player):
        parts.append(tuple(model.objects.aggregate(n=Count("id"), top=Max("id"), at=Max("updated_at")).values()))
    for alias_model in (ClubAlias, PlayerAlias, OutletAlias):
        parts.append(tuple(alias_model.objects.active().aggregate(n=Count("id"), top=Max("id")).values()))
    for model in (Outlet, OutletDomain, PlayerClubSpell):  # type: ignore[assignment]
        parts.append(tuple(model.objects.aggregate(n=Count("id"), top=Max("id")).values()))
    return tuple(parts)


def gazetteer_from_db() -> Gazetteer:
    """The process's Gazetteer, rebuilt when the knowledge base changed since it was built."""
    signature = kb_signature()
    with _lock:
        if _cache["signature"] != signature or _cache["gazetteer"] is None:
            _cache["gazetteer"] = build_gazetteer()
            _cache["signature"] = signature
        gazetteer: Gazetteer = _cache["gazetteer"]
    return gazetteer


def build_gazetteer() -> Gazetteer:
    return Gazetteer(
        clubs=name_order(_club_entries()), players=name_order(_player_entries()), outlets=name_order(_outlet_entries())
    )


def _club_entries() -> list[ClubEntry]:
    aliases: dict[int, list[AliasEntry]] = defaultdict(list)
    for club_id, name, language, kind, ambiguous, source in (
        ClubAlias.objects.active()
        .values_list("club_id", "name", "language", "kind", "ambiguous", "source")
        .order_by("id")
    ):
        aliases[club_id].append(AliasEntry(name, language, kind, ambiguous, source))
    rows = Club.objects.values_list("id", "key", "name", "country", "league", "prominence", "city")
    return [
        ClubEntry(id=i, key=k, name=n, country=c, league=lg, prominence=p, aliases=tuple(aliases[i]), city=city)
        for i, k, n, c, lg, p, city in rows
    ]


def _player_entries() -> list[PlayerEntry]:
    aliases: dict[int, list[str]] = defaultdict(list)
    for player_id, name in PlayerAlias.objects.active().order_by("id").values_list("player_id", "name"):
        aliases[player_id].append(name)
    spells: dict[int, list[tuple[date, date, int]]] = defaultdict(list)
    for player_id, since, until, club_id in PlayerClubSpell.objects.values_list(
        "player_id", "since", "until", "club_id"
    ):
        spells[player_id].append((since, until, club_id))
    rows = Player.objects.values_list("id", "name", "club_id", "status", "born")
    return [
        PlayerEntry(
            id=i, name=n, club_id=c, aliases=tuple(aliases[i]), status=s, spells=tuple(sorted(spells[i])), born=b
        )
        for i, n, c, s, b in rows
    ]


def _outlet_entries() -> list[OutletEntry]:
    plain: dict[int, list[str]] = defaultdict(list)
    exact: dict[int, list[str]] = defaultdict(list)
    for outlet_id, name, case_sensitive in (
        OutletAlias.objects.active().values_list("outlet_id", "name", "case_sensitive").order_by("id")
    ):
        (exact if case_sensitive else plain)[outlet_id].append(name)
    domains: dict[int, list[str]] = defaultdict(list)
    for outlet_id, domain in OutletDomain.objects.order_by("id").values_list("outlet_id", "domain"):
        domains[outlet_id].append(domain)
    return [
        OutletEntry(
            id=i,
            name=n,
            kind=k,
            aliases=tuple(plain[i]),
            case_sensitive_aliases=tuple(exact[i]),
            domains=tuple(domains[i]),
            language=language,
        )
        for i, n, k, language in Outlet.objects.values_list("id", "name", "kind", "language")
    ]
