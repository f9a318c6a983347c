"""What the watchlist shows of everything an account follows: the follows grouped, the latest claims and the
latest stage changes. A bounded number of queries whatever is followed (following/views.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from articles.models import Claim
from articles.pages.views import latest_stage_changes
from articles.rumours.timeline import StageChange
from players.models import OutletKind

from .models import Follow

CLAIMS_PER_PAGE = 20
STAGE_CHANGES_SHOWN = 10


@dataclass
class Groups:
    players: list[Follow] = field(default_factory=list)
    clubs: list[Follow] = field(default_factory=list)
    outlets: list[Follow] = field(default_factory=list)
    journalists: list[Follow] = field(default_factory=list)


def follows_grouped(follows: Sequence[Follow]) -> Groups:
    """The follows by kind, each group by name."""
    groups = Groups()
    for follow in sorted(follows, key=lambda f: str(f.target).casefold()):
        if follow.player_id:
            groups.players.append(follow)
        elif follow.club_id:
            groups.clubs.append(follow)
        elif follow.outlet and follow.outlet.kind == OutletKind.JOURNALIST:
            groups.journalists.append(follow)
        else:
            groups.outlets.append(follow)
    return groups


def followed_filter(follows: Sequence[Follow]) -> Q:
    """Claims about a followed player or club, or carried by a followed outlet."""
    players = [f.player_id for f in follows if f.player_id]
    clubs = [f.club_id for f in follows if f.club_id]
    outlets = [f.outlet_id for f in follows if f.outlet_id]
    return Q(player_id__in=players) | Q(club_id__in=clubs) | Q(article__outlet_id__in=outlets)


def followed_claims(follows: Sequence[Follow]) -> QuerySet[Claim]:
    """The dated live claims of everything followed, newest first, with what a line shows."""
    if not follows:
        return Claim.objects.none()
    claims = Claim.objects.live().filter(followed_filter(follows), article__published__isnull=False)
    return (
        claims.select_related("player", "club", "article", "article__outlet", "rumour")
        .only(
            "kind",
            "player__name",
            "club__name",
            "club__key",
            "article__title",
            "article__published",
            "article__outlet__name",
            "rumour__stage",
            "rumour__window",
        )
        .order_by("-article__published", "-id")
    )


def followed_stage_changes(follows: Sequence[Follow]) -> list[StageChange]:
    """The latest steps of rumours of followed players and clubs, and those a followed outlet reported."""
    return latest_stage_changes(followed_filter(follows), STAGE_CHANGES_SHOWN)
