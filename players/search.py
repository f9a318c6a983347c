"""The search box's first half: players, clubs, outlets and journalists by any name they go by.

A name matches when one of its words starts with what was typed, accents and case aside ("Tomor" finds
Fikayo Tomori, "mbappe" Kylian Mbappé, "Bayern Monaco" Bayern through its Italian exonym). The folded
aliases carry a trigram index, which PostgreSQL also uses for this word-start pattern. Ranking: an exact
name first, then prominence (a player's club's), then recent activity (the stored counts), then the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet

from tagger.names import normalize_name

from .models import Club, ClubAlias, Outlet, OutletAlias, OutletKind, Player, PlayerAlias

# Fewer letters than this match too many names to be worth a suggestion.
MIN_TYPED = 2


@dataclass(frozen=True)
class Hit:
    kind: str  # "club", "player", "outlet" or "journalist"
    entity: Any
    exact: bool

    @property
    def prominence(self) -> int:
        if isinstance(self.entity, Club):
            return int(self.entity.prominence)
        club = getattr(self.entity, "club", None)
        return int(club.prominence) if club is not None else 0

    @property
    def activity(self) -> int:
        return int(getattr(self.entity, "recent_claims", 0) or 0)

    @property
    def detail(self) -> str:
        """What tells it apart from others of the same name: league, club, or what kind of outlet."""
        entity = self.entity
        if isinstance(entity, Club):
            return ", ".join(part for part in (entity.league_name, entity.country.upper()) if part)
        if isinstance(entity, Player):
            return entity.club.name if entity.club else "No club"
        return f"{entity.get_kind_display()}{f' · {entity.language}' if entity.language else ''}"


def _matching(rows: QuerySet, aliases: QuerySet, owner: str, folded: str) -> QuerySet:
    mine = aliases.filter(**{owner: OuterRef("pk")}).filter(deleted_by_editor=False)
    return rows.annotate(exact=Exists(mine.filter(normalized=folded))).filter(
        Exists(mine.filter(normalized__regex=rf"(^| ){folded}"))
    )


def entities_found(query: str, *, limit: int) -> list[Hit]:
    """The best `limit` things that go by a name starting like the query: three queries, one per table."""
    folded = normalize_name(query)
    if len(folded) < MIN_TYPED:
        return []
    clubs = _matching(Club.objects.all(), ClubAlias.objects.all(), "club", folded).order_by(
        "-exact", "-prominence", "-recent_claims", "name"
    )
    players = _matching(Player.objects.select_related("club"), PlayerAlias.objects.all(), "player", folded)
    players = players.order_by("-exact", F("club__prominence").desc(nulls_last=True), "-recent_claims", "name")
    outlets = _matching(Outlet.objects.all(), OutletAlias.objects.all(), "outlet", folded).order_by(
        "-exact", "-recent_claims", "name"
    )
    hits = [Hit("club", club, club.exact) for club in clubs[:limit]]
    hits += [Hit("player", player, player.exact) for player in players[:limit]]
    hits += [Hit(_outlet_kind(outlet), outlet, outlet.exact) for outlet in outlets[:limit]]
    hits.sort(key=lambda hit: (not hit.exact, -hit.prominence, -hit.activity, str(hit.entity)))
    return hits[:limit]


def _outlet_kind(outlet: Outlet) -> str:
    return "journalist" if outlet.kind == OutletKind.JOURNALIST else "outlet"
