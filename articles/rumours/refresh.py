"""How claims add up to rumours: which rumour a claim belongs to, and its stage and figures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from players.models import Club, Outlet, Player

from ..bulk import rows_update
from ..models import STAGE_ORDER, Claim, Decision, Kind, Rumour, Stage, Track, track_for, transfer_window

# What makes a rumour one rumour: player id, club id, transfer window and track (its unique constraint).
RumourKey = tuple[int, int, str, str]


def rumour_key(*, player_id: int, club_id: int, kind: str, reported_on: dt.date | None) -> RumourKey:
    return (player_id, club_id, transfer_window(reported_on), track_for(kind))


def rumour_for(*, player: Player, club: Club, kind: str, reported_on: dt.date | None) -> Rumour:
    rumour, _ = Rumour.objects.get_or_create(
        player=player, club=club, window=transfer_window(reported_on), track=track_for(kind)
    )
    return rumour


def rumours_for(*, keys: Iterable[RumourKey]) -> dict[RumourKey, int]:
    """The id of the rumour of each key, creating those that do not exist yet, in two queries.

    The unique constraint decides (INSERT ... ON CONFLICT DO NOTHING), so two workers creating one rumour
    make one. Keys go in sorted, so concurrent batches wait for each other in one order and never deadlock.
    """
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    Rumour.objects.bulk_create(
        [Rumour(player_id=p, club_id=c, window=w, track=t) for p, c, w, t in wanted], ignore_conflicts=True
    )
    # Rumours of any of these players with any of these clubs: a few more than wanted, and a query that stays small.
    near = Rumour.objects.filter(
        player_id__in={k[0] for k in wanted}, club_id__in={k[1] for k in wanted}, window__in={k[2] for k in wanted}
    )
    found = {(p, c, w, t): pk for p, c, w, t, pk in near.values_list("player_id", "club_id", "window", "track", "pk")}
    return {key: found[key] for key in wanted}


def stage_of(track: str, claims: list[Claim]) -> str:
    """The most advanced positive kind claimed; a denial later than the last positive claim closes it."""
    if track != Track.TRANSFER:
        return track
    dated = sorted(claims, key=lambda c: (_day(c), c.article_id))
    positive = [c for c in dated if c.kind in STAGE_ORDER]
    denials = [c for c in dated if c.kind == Kind.DENIAL]
    if denials and (not positive or _day(denials[-1]) >= _day(positive[-1])):
        return Stage.DENIED
    if not positive:
        return Stage.INTEREST
    ranks = [str(stage) for stage in STAGE_ORDER]
    return max((c.kind for c in positive), key=ranks.index)


def _day(claim: Claim) -> dt.date:
    """The claim's date for ordering; an undated rumour's claims are all undated and keep their article order."""
    return claim.article.reported_on or dt.date.min


def original_source(claim: Claim) -> str:
    """Who a claim really comes from: the outlet it cites, else the first publisher of the story.

    rumour_sources says the same in SQL, for a page; tests/dashboard/test_pages.py checks that they agree.
    """
    cited = sorted(outlet.pk for outlet in claim.cited.all())
    if cited:
        return f"outlet:{cited[0]}"
    # A syndicated copy counts as the story it copies: the original's publisher, else the original itself.
    original = claim.article.copy_of or claim.article
    if original.outlet_id:
        return f"outlet:{original.outlet_id}"
    return f"article:{original.pk}"


@dataclass(frozen=True)
class Source:
    """One original source of a rumour's live claims: what to call it, how many reports, the first one's date."""

    label: str
    reports: int
    first_reported: dt.date | None  # None for an undated rumour's sources


# One rumour's live claims grouped by original source (see original_source), the earliest source first. The source
# is worked out once per claim, then only the sources shown are named. In SQL because the ORM's version evaluated
# each correlated subquery several times per claim, and its cost estimate woke PostgreSQL's JIT compiler.
SOURCES_SQL = """
WITH cited AS (
    SELECT cc.claim_id, min(cc.outlet_id) AS outlet_id
    FROM articles_claim_cited cc JOIN articles_claim c ON c.id = cc.claim_id
    WHERE c.rumour_id = %(rumour)s
    GROUP BY cc.claim_id
), claim_source AS (
    SELECT c.id, a.published, a.created_at,
           COALESCE(cited.outlet_id, CASE WHEN a.copy_of_id IS NULL THEN a.outlet_id ELSE original.outlet_id END)
               AS outlet_id,
           COALESCE(a.copy_of_id, a.id) AS original_id
    FROM articles_claim c
    JOIN articles_article a ON a.id = c.article_id
    LEFT JOIN articles_article original ON original.id = a.copy_of_id
    LEFT JOIN cited ON cited.claim_id = c.id
    WHERE c.rumour_id = %(rumour)s AND c.decision <> %(rejected)s
), grouped AS (
    SELECT outlet_id, CASE WHEN outlet_id IS NULL THEN original_id END AS article_id, count(*) AS reports,
           min(published) AS first_published, min(created_at) AS first_created, min(id) AS first_id
    FROM claim_source
    GROUP BY 1, 2
    ORDER BY first_published NULLS LAST, first_created, first_id
    LIMIT %(limit)s
)
SELECT outlet.name, COALESCE(NULLIF(article.title, ''), substr(article.text, 1, 60)), g.reports, g.first_published
FROM grouped g
LEFT JOIN players_outlet outlet ON outlet.id = g.outlet_id
LEFT JOIN articles_article article ON article.id = g.article_id
ORDER BY g.first_published NULLS LAST, g.first_created, g.first_id
"""


def rumour_sources(*, rumour: Rumour, limit: int) -> list[Source]:
    """The rumour's original sources, the earliest first, at most `limit` of them, in one query whatever its size."""
    params: dict[str, int | str] = {"rumour": rumour.pk, "rejected": Decision.REJECTED, "limit": limit}
    with connection.cursor() as cursor:
        cursor.execute(SOURCES_SQL, params)
        rows = cursor.fetchall()
    return [
        Source(label=outlet or f"Unattributed story “{title}”", reports=reports, first_reported=first)
        for outlet, title, reports, first in rows
    ]


def rumour_refresh(*, rumour: Rumour) -> Rumour | None:
    """Recompute one rumour (see rumours_refresh); returns it refreshed, or None once it is deleted."""
    rumours_refresh(rumour_ids=[rumour.pk])
    try:
        rumour.refresh_from_db()
    except Rumour.DoesNotExist:
        return None
    return rumour


def rumours_refresh(*, rumour_ids: Collection[int]) -> None:
    """Recompute the stage and figures of these rumours from their live claims, in a few queries for all.

    The rumours are locked first (in id order, so that concurrent batches cannot deadlock): a second
    transaction adding claims to the same rumour waits, then counts ours too, and no count is lost.
    A rumour left with no claim at all is deleted; one whose claims were all rejected by editors stays,
    empty, so the rejections are kept.
    """
    if not rumour_ids:
        return
    with transaction.atomic(savepoint=False):
        rumours = list(Rumour.objects.select_for_update(no_key=True).filter(pk__in=rumour_ids).order_by("pk"))
        claims = _live_claims(rumour_ids)
        now = timezone.now()
        for rumour in rumours:
            _figures_set(rumour, claims[rumour.pk], now)
        figures = ["stage", "first_reported", "last_reported", "claim_count", "source_count", "updated_at"]
        rows_update(rows=rumours, fields=[*figures, "outcome_stale"])
        unclaimed = [r.pk for r in rumours if not claims[r.pk]]
        if unclaimed:
            still_claimed = Claim.objects.filter(rumour_id__in=unclaimed).values("rumour_id")
            Rumour.objects.filter(pk__in=unclaimed).exclude(pk__in=still_claimed).delete()


def articles_rewindow(*, article_ids: Collection[int]) -> int:
    """Move the claims of these articles to the rumours of their dates' windows (the undated rumour when they
    have none) and recompute the rumours they left and joined; returns how many claims moved."""
    claims = Claim.objects.filter(article_id__in=article_ids).select_related("article", "rumour")
    moving = [
        c
        for c in claims.only("player_id", "club_id", "kind", "rumour__window", "article__published")
        if c.rumour.window != transfer_window(c.article.reported_on)
    ]
    if not moving:
        return 0
    keys = {
        c.pk: rumour_key(player_id=c.player_id, club_id=c.club_id, kind=c.kind, reported_on=c.article.reported_on)
        for c in moving
    }
    ids = rumours_for(keys=keys.values())
    left = {c.rumour_id for c in moving}
    for claim in moving:
        claim.rumour_id = ids[keys[claim.pk]]
    Claim.objects.bulk_update(moving, ["rumour"], batch_size=2000)
    rumours_refresh(rumour_ids=left | set(ids.values()))
    return len(moving)


def _live_claims(rumour_ids: Collection[int]) -> dict[int, list[Claim]]:
    """The live claims of each rumour, with only what the figures read (not the articles' text)."""
    claims = (
        Claim.objects.live()
        .filter(rumour_id__in=rumour_ids)
        .select_related("article", "article__copy_of")
        .only(
            "rumour_id",
            "kind",
            "article__published",
            "article__created_at",
            "article__outlet_id",
            "article__copy_of__outlet_id",
        )
        .prefetch_related(Prefetch("cited", queryset=Outlet.objects.only("pk")))
        .order_by()
    )
    by_rumour: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_rumour[claim.rumour_id].append(claim)
    return by_rumour


def _figures_set(rumour: Rumour, claims: list[Claim], now: dt.datetime) -> None:
    dates = [day for c in claims if (day := c.article.reported_on) is not None]
    rumour.stage = stage_of(rumour.track, claims)
    rumour.first_reported, rumour.last_reported = (min(dates), max(dates)) if dates else (None, None)
    rumour.claim_count = len(claims)
    rumour.source_count = len({original_source(c) for c in claims})
    rumour.updated_at = now
    # Its outcome, and those of the player's other rumours, wait for the settling task (rumours/outcomes.py).
    rumour.outcome_stale = True
