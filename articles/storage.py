"""Writing a tagging result: entities, mentions, claims and the rumours they feed.

Storing the same result twice changes nothing, and an editor's decision on a claim is never undone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from players.models import Club, Outlet, Player, PlayerAlias, PlayerStatus, Source
from players.names import normalize_name

from .models import Article, ArticleStatus, Claim, Decision, Mention, Rumour
from .rumours import rumour_for, rumour_refresh

if TYPE_CHECKING:
    from .tagger import FoundClaim, FoundOutlet, FoundPlayer, TagResult


def tag_result_store(*, article: Article, result: TagResult, tagger_version: str) -> None:
    players = {found.name: player_resolve(found=found) for found in result.players}
    article.language = result.language
    article.published = article.published or result.published
    article.status = ArticleStatus.TAGGED
    article.tagger_version = tagger_version
    article.tagged_at = timezone.now()
    article.lease_until = None
    article.failure_reason = ""
    article.save()
    article.cited_outlets.set([outlet_resolve(found=o) for o in result.cited])
    mentions_store(article=article, result=result, players=players)
    claims_store(article=article, claims=result.claims, players=players)


def player_resolve(*, found: FoundPlayer) -> Player:
    """The KB player, or the candidate of that name found before, or a new candidate."""
    if found.player_id is not None:
        return Player.objects.get(pk=found.player_id)
    alias = PlayerAlias.objects.active().filter(normalized=normalize_name(found.name)).select_related("player").first()
    if alias is not None:
        return alias.player
    player = Player.objects.create(
        name=found.name, status=PlayerStatus.CANDIDATE, source=Source.TAGGER, evidence=found.evidence[:1000]
    )
    PlayerAlias.objects.create(player=player, name=found.name, source=Source.TAGGER)
    return player


def outlet_resolve(*, found: FoundOutlet) -> Outlet:
    if found.outlet_id is not None:
        return Outlet.objects.get(pk=found.outlet_id)
    outlet, _ = Outlet.objects.get_or_create(
        name=found.name, defaults={"status": PlayerStatus.CANDIDATE, "source": Source.TAGGER}
    )
    return outlet


def mentions_store(*, article: Article, result: TagResult, players: dict[str, Player]) -> None:
    article.mentions.all().delete()
    rows = [
        Mention(article=article, player=players[found.name], start=start, end=end)
        for found in result.players
        for start, end in found.spans
    ]
    rows += [
        Mention(article=article, club_id=found.club_id, start=start, end=end)
        for found in result.clubs
        for start, end in found.spans
    ]
    Mention.objects.bulk_create([m for m in rows if m.end > m.start])


def claims_store(*, article: Article, claims: list[FoundClaim], players: dict[str, Player]) -> None:
    """Replace the tagger's claims on this article, keeping every claim an editor touched."""
    touched_rumours: set[int] = set(article.claims.values_list("rumour_id", flat=True))
    kept: set[int] = set()
    for found in claims:
        claim = claim_store(
            article=article, found=found, player=players.get(found.player) or player_resolve(found=_as_player(found))
        )
        kept.add(claim.pk)
        touched_rumours.add(claim.rumour_id)
    stale = article.claims.exclude(pk__in=kept).filter(decision=Decision.NONE, added_by_editor=False)
    stale.delete()
    for rumour in Rumour.objects.filter(pk__in=touched_rumours):
        rumour_refresh(rumour=rumour)


def claim_store(*, article: Article, found: FoundClaim, player: Player) -> Claim:
    club = Club.objects.get(pk=found.club_id)
    rumour = rumour_for(player=player, club=club, kind=found.kind, reported_on=article.reported_on)
    claim, _ = Claim.objects.update_or_create(
        article=article,
        player=player,
        club=club,
        defaults={
            "rumour": rumour,
            "kind": found.kind,
            "deal": found.deal,
            "from_club_id": found.from_club_id,
            "fee": found.fee or "",
            "contract_until": found.contract_until or "",
            "evidence": found.evidence,
            "evidence_start": found.start,
            "evidence_end": found.end,
            "confidence": max(0.0, min(1.0, found.confidence)),
        },
    )
    claim.cited.set([outlet_resolve(found=o) for o in found.cited])
    return claim


def _as_player(found: FoundClaim) -> FoundPlayer:
    from .tagger import FoundPlayer

    return FoundPlayer(name=found.player, player_id=found.player_id, spans=[], evidence=found.evidence)
