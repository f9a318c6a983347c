"""What editors do to claims and articles. Each action recomputes the rumours it touched and leaves a
line in the audit log; each runs in one transaction, so a half-done edit is never visible.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from players.kb_edit import EditError
from players.models import Club, Player

from ..models import (
    Article,
    AuditAction,
    AuditLog,
    Claim,
    DateSource,
    Deal,
    Decision,
    Kind,
    Mention,
    PlayerMove,
    Rumour,
)
from ..rumours.refresh import articles_rewindow, rumour_for, rumour_refresh

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def audit(
    *,
    actor: User | None,
    action: str,
    summary: str,
    article: Article | None = None,
    claim: Claim | None = None,
) -> AuditLog:
    return AuditLog.objects.create(
        actor=actor,
        action=action,
        summary=summary[:2000],
        article=article,
        article_ref=article.pk if article else None,
        claim_ref=claim.pk if claim else None,
        player_id=claim.player_id if claim else None,
        club_id=claim.club_id if claim else None,
    )


def _describe(claim: Claim) -> str:
    return f"{claim.player} → {claim.club} ({claim.get_kind_display().lower()}) in “{claim.article}”"


def claim_decide(*, claim: Claim, decision: str, actor: User) -> Claim:
    """Confirm or reject a claim (or clear the decision). A confirmed completed move changes his club."""
    if decision not in Decision.values:
        raise EditError(f"Unknown decision {decision!r}.")
    with transaction.atomic():
        claim.decision = decision
        claim.decided_by = actor  # type: ignore[assignment]
        claim.decided_at = timezone.now()
        claim.save(update_fields=["decision", "decided_by", "decided_at"])
        rumour_refresh(rumour=claim.rumour)
        action = {Decision.CONFIRMED: AuditAction.CONFIRM, Decision.REJECTED: AuditAction.REJECT}.get(
            decision,  # type: ignore[call-overload]
            AuditAction.CONFIRM,
        )
        verb = {Decision.CONFIRMED: "Confirmed", Decision.REJECTED: "Rejected"}.get(decision, "Cleared the decision on")  # type: ignore[call-overload]
        audit(actor=actor, action=action, summary=f"{verb} {_describe(claim)}", article=claim.article, claim=claim)
        if decision == Decision.CONFIRMED and claim.kind == Kind.COMPLETED:
            player_move(claim=claim, actor=actor)
    return claim


def player_move(*, claim: Claim, actor: User | None) -> PlayerMove | None:
    """Record the confirmed move and make the club his current one, unless a later move is on record."""
    player = Player.objects.select_for_update().get(pk=claim.player_id)
    # An undated article's move happened on the day we received it at the latest.
    on = claim.article.reported_on or timezone.localdate(claim.article.created_at)
    if player.club_id == claim.club_id:
        return None
    if player.club_as_of and player.club_as_of > on:
        return None
    move = PlayerMove.objects.create(
        player=player, from_club_id=player.club_id, to_club_id=claim.club_id, on=on, claim=claim, recorded_by=actor
    )
    player.club_id = claim.club_id
    player.club_as_of = on
    player.save(update_fields=["club", "club_as_of", "updated_at"])
    return move


def claim_add(
    *,
    article: Article,
    player: Player,
    club: Club,
    kind: str,
    actor: User,
    deal: str = Deal.UNKNOWN,
    fee: str = "",
    contract_until: str = "",
    evidence: str = "",
) -> Claim:
    """An editor's own claim: confirmed from the start, and never removed by re-tagging."""
    if Claim.objects.filter(article=article, player=player, club=club).exists():
        raise EditError(f"This article already has a claim about {player} and {club}; fix that one instead.")
    with transaction.atomic():
        rumour = rumour_for(player=player, club=club, kind=kind, reported_on=article.reported_on)
        claim = Claim.objects.create(
            article=article,
            rumour=rumour,
            player=player,
            club=club,
            kind=kind,
            deal=deal,
            fee=fee,
            contract_until=contract_until,
            evidence=evidence,
            confidence=1.0,
            decision=Decision.CONFIRMED,
            decided_by=actor,
            decided_at=timezone.now(),
            added_by_editor=True,
        )
        rumour_refresh(rumour=rumour)
        audit(
            actor=actor, action=AuditAction.ADD_CLAIM, summary=f"Added {_describe(claim)}", article=article, claim=claim
        )
        if kind == Kind.COMPLETED:
            player_move(claim=claim, actor=actor)
    return claim


def claim_fix(*, claim: Claim, actor: User, player: Player | None = None, club: Club | None = None) -> Claim:
    """Point a claim at the right player or club; it moves to that rumour and the article's highlights follow.

    The fixed claim is marked confirmed, so re-tagging keeps the editor's version.
    """
    before = _describe(claim)
    old_rumour, old_player, old_club = claim.rumour, claim.player, claim.club
    player, club = player or claim.player, club or claim.club
    if (player.pk, club.pk) == (old_player.pk, old_club.pk):
        raise EditError("Nothing to fix: that is already the claim's player and club.")
    try:
        with transaction.atomic():
            claim.player, claim.club = player, club
            claim.rumour = rumour_for(player=player, club=club, kind=claim.kind, reported_on=claim.article.reported_on)
            claim.decision, claim.decided_by, claim.decided_at = Decision.CONFIRMED, actor, timezone.now()  # type: ignore[assignment]
            claim.save()
            _mentions_follow(claim.article, old_player, player, old_club, club)
            rumour_refresh(rumour=claim.rumour)
            if Rumour.objects.filter(pk=old_rumour.pk).exists():
                rumour_refresh(rumour=old_rumour)
            summary = f"Fixed {before}: now {player} → {club}"
            audit(actor=actor, action=AuditAction.FIX_ENTITY, summary=summary, article=claim.article, claim=claim)
    except IntegrityError as exc:
        raise EditError(f"This article already has a claim about {player} and {club}.") from exc
    return claim


def _mentions_follow(article: Article, old_player: Player, player: Player, old_club: Club, club: Club) -> None:
    if old_player.pk != player.pk:
        Mention.objects.filter(article=article, player=old_player).update(player=player)
    if old_club.pk != club.pk:
        Mention.objects.filter(article=article, club=old_club).update(club=club)


def article_date_set(*, article: Article, published: dt.date | None, actor: User) -> int:
    """An editor's publication date (or none: undated); the article's claims move to that date's window.

    Returns how many claims moved. The editor's date outranks any read later: re-tagging keeps it.
    """
    before = article.published
    if published == before:
        raise EditError("Nothing to change: that is already the article's date.")
    with transaction.atomic():
        article.published = published
        article.published_source = DateSource.EDITOR if published else ""
        article.save(update_fields=["published", "published_source", "updated_at"])
        moved = articles_rewindow(article_ids=[article.pk])
        summary = f"Dated “{article}” {_day_text(published)} (was {_day_text(before)}); {moved} claim(s) moved"
        audit(actor=actor, action=AuditAction.SET_DATE, summary=summary, article=article)
    return moved


def _day_text(day: dt.date | None) -> str:
    return day.isoformat() if day else "date unknown"


def article_takedown(*, article: Article, actor: User, reason: str) -> None:
    """Delete an article and everything read from it; the rumours it fed are recomputed, the log keeps why."""
    with transaction.atomic():
        rumour_ids = set(article.claims.values_list("rumour_id", flat=True))
        people: list[tuple[int | None, int | None]] = list(
            article.claims.values_list("player_id", "club_id").distinct()
        )
        summary = f"Took down article #{article.pk} “{article}”" + (f": {reason}" if reason else "")
        AuditLog.objects.bulk_create(
            [
                AuditLog(
                    actor=actor,
                    action=AuditAction.TAKEDOWN,
                    summary=summary,
                    article_ref=article.pk,
                    player_id=p,
                    club_id=c,
                )
                for p, c in people or [(None, None)]
            ]
        )
        article.delete()
        for rumour in Rumour.objects.filter(pk__in=rumour_ids):
            rumour_refresh(rumour=rumour)
