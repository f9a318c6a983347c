"""What the watchlist shows of everything an account follows: the follows grouped, the latest claims and the
latest stage changes. A bounded number of queries whatever is followed (following/views.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from articles.models import Claim, Track
from articles.pages.views import STAGE_CLAIMS_READ, STAGE_KINDS
from articles.rumours.timeline import StageChange, stage_changes
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


def _followed(follows: Sequence[Follow]) -> Q:
    """Claims about a followed player or club, or carried by a followed outlet."""
    players = [f.player_id for f in follows if f.player_id]
    clubs = [f.club_id for f in follows if f.club_id]
    outlets = [f.outlet_id for f in follows if f.outlet_id]
    return Q(player_id__in=players) | Q(club_id__in=clubs) | Q(article__outlet_id__in=outlets)


def followed_claims(follows: Sequence[Follow]) -> QuerySet[Claim]:
    """The dated live claims of everything followed, newest first, with what a line shows."""
    if not follows:
        return Claim.objects.none()
    claims = Claim.objects.live().filter(_followed(follows), article__published__isnull=False)
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
    """The latest steps of rumours of followed players and clubs, and those a followed outlet reported: one query,
    as the home page does (articles/pages/views.py _stage_changes)."""
    dated = Claim.objects.live().filter(article__published__isnull=False)
    steps = dated.filter(_followed(follows), kind__in=STAGE_KINDS, rumour__track=Track.TRANSFER)
    recent = steps.order_by("-article__published", "-id").values("rumour_id")[:STAGE_CLAIMS_READ]
    claims = list(
        dated.filter(rumour_id__in=recent)
        .select_related("player", "club", "article", "rumour")
        .only(
            "rumour__window",
            "kind",
            "player__name",
            "club__name",
            "club__key",
            "article__published",
            "article__outlet_id",
        )
    )
    players = {f.player_id for f in follows if f.player_id}
    clubs = {f.club_id for f in follows if f.club_id}
    outlets = {f.outlet_id for f in follows if f.outlet_id}
    newest = sorted(
        (
            c
            for c in claims
            if c.kind in STAGE_KINDS
            and (c.player_id in players or c.club_id in clubs or c.article.outlet_id in outlets)
        ),
        key=lambda c: (c.article.published, c.pk),
        reverse=True,
    )[:STAGE_CLAIMS_READ]
    earlier = [(c.rumour_id, c.kind, c.article.published, c.pk) for c in claims]
    return stage_changes(newest, earlier)[:STAGE_CHANGES_SHOWN]
