"""How claims add up to rumours: which rumour a claim belongs to, and its stage and figures."""

from __future__ import annotations

from django.db.models import Prefetch

from players.models import Club, Player

from .models import STAGE_ORDER, Claim, Kind, Rumour, Stage, Track, track_for, transfer_window


def rumour_for(*, player: Player, club: Club, kind: str, reported_on) -> Rumour:  # type: ignore[no-untyped-def]
    rumour, _ = Rumour.objects.get_or_create(
        player=player, club=club, window=transfer_window(reported_on), track=track_for(kind)
    )
    return rumour


def stage_of(track: str, claims: list[Claim]) -> str:
    """The most advanced positive kind claimed; a denial later than the last positive claim closes it."""
    if track != Track.TRANSFER:
        return track
    dated = sorted(claims, key=lambda c: (c.article.reported_on, c.article_id))
    positive = [c for c in dated if c.kind in STAGE_ORDER]
    denials = [c for c in dated if c.kind == Kind.DENIAL]
    if denials and (not positive or denials[-1].article.reported_on >= positive[-1].article.reported_on):
        return Stage.DENIED
    if not positive:
        return Stage.INTEREST
    ranks = [str(stage) for stage in STAGE_ORDER]
    return max((c.kind for c in positive), key=ranks.index)


def original_source(claim: Claim) -> str:
    """Who a claim really comes from: the outlet it cites, else the first publisher of the story."""
    cited = sorted(outlet.pk for outlet in claim.cited.all())
    if cited:
        return f"outlet:{cited[0]}"
    # A syndicated copy counts as the story it copies: the original's publisher, else the original itself.
    original = claim.article.copy_of or claim.article
    if original.outlet_id:
        return f"outlet:{original.outlet_id}"
    return f"article:{original.pk}"


def rumour_refresh(*, rumour: Rumour) -> Rumour | None:
    """Recompute a rumour's stage and figures from its live claims; delete it once it has no claim at all.

    A rumour whose claims were all rejected by editors stays, empty, so the rejections are kept.
    """
    if not rumour.claims.exists():
        rumour.delete()
        return None
    claims = list(
        rumour.claims.live().select_related("article", "article__copy_of").prefetch_related(Prefetch("cited"))
    )
    dates = [c.article.reported_on for c in claims]
    rumour.stage = stage_of(rumour.track, claims)
    rumour.first_reported, rumour.last_reported = (min(dates), max(dates)) if dates else (None, None)
    rumour.claim_count = len(claims)
    rumour.source_count = len({original_source(c) for c in claims})
    rumour.save()
    return rumour
