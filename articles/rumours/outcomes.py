"""How each rumour ended: fulfilled, went elsewhere, denied, lapsed, or still open.

A transfer rumour (player P to club C in window i) is settled by what happened in window i or i + 1:
- fulfilled: P completed a move to C (a live "completed" claim, a PlayerMove an editor recorded, or a new spell at
  C in the knowledge base's dated clubs, PlayerClubSpell);
- went elsewhere: P completed a move to another club first;
- denied: the last word on P and C in those windows is a denial (a later positive claim revives it);
- lapsed: two windows passed with none of these;
- open: otherwise. A move to C two windows later fulfils that window's rumour, not the lapsed one.
Renewal and exit rumours (C is the player's club) settle on a signed renewal (a renewal claim that states the new
contract's length) or a move away: a renewal is fulfilled by the first and went elsewhere on the second; an exit is
fulfilled by a move away and denied by a signed renewal.

Claims mark their rumours stale (rumours/refresh.py); `outcomes_settle` recomputes every rumour of the players
concerned, since a move to one club settles the player's rumours with every other.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from players.models import PlayerClubSpell

from ..bulk import rows_update
from ..models import (
    STAGE_ORDER,
    Claim,
    Kind,
    PlayerMove,
    Rumour,
    Settlement,
    Track,
    transfer_window,
    window_index,
    window_start,
)
from .records import records_changed

OUTCOME_FIELDS = ["outcome", "settled_on", "outcome_club", "lapses_on", "outcome_stale"]


@dataclass(frozen=True)
class Event:
    """Something that settles rumours: a completed move, a signed renewal, or a claim about one link."""

    on: dt.date
    club_id: int
    kind: str  # "move", "renewal", or a claim's kind


@dataclass(frozen=True)
class Verdict:
    outcome: str
    settled_on: dt.date | None = None
    club_id: int | None = None


def outcomes_settle(*, player_ids: Collection[int], today: dt.date | None = None) -> int:
    """Recompute the outcome of every rumour of these players, in five queries for the batch; returns how many."""
    if not player_ids:
        return 0
    today = today or timezone.localdate()
    with transaction.atomic():
        rumours = list(Rumour.objects.select_for_update(no_key=True).filter(player_id__in=player_ids).order_by("pk"))
        moves, links = _player_events(player_ids)
        for rumour in rumours:
            rumour_settle(rumour=rumour, moves=moves[rumour.player_id], links=links, today=today)
        rows_update(rows=rumours, fields=OUTCOME_FIELDS)
        transaction.on_commit(records_changed)
    return len(rumours)


def rumour_settle(
    *, rumour: Rumour, moves: list[Event], links: dict[tuple[int, int], list[Event]], today: dt.date
) -> None:
    """Set the rumour's outcome fields (not saved). A rumour of undated articles only has no window: it stays open."""
    rumour.outcome_stale = False
    if not rumour.window[:4].isdigit():
        rumour.outcome, rumour.settled_on, rumour.outcome_club, rumour.lapses_on = Settlement.OPEN, None, None, None
        return
    verdict = rumour_verdict(rumour=rumour, moves=moves, links=links, today=today)
    rumour.outcome, rumour.settled_on, rumour.outcome_club_id = verdict.outcome, verdict.settled_on, verdict.club_id
    rumour.lapses_on = window_start(window_index(rumour.window) + 2)


def players_to_settle(*, today: dt.date, limit: int) -> list[int]:
    """Players with a stale rumour, or an open one whose two windows have passed: the settling task's work."""
    due = Q(outcome_stale=True) | Q(outcome=Settlement.OPEN, lapses_on__lte=today)
    return list(Rumour.objects.filter(due).order_by().values_list("player_id", flat=True).distinct()[:limit])


def _player_events(player_ids: Collection[int]) -> tuple[dict[int, list[Event]], dict[tuple[int, int], list[Event]]]:
    """Each player's completed moves and signed renewals, and each (player, club) link's dated claims."""
    moves: dict[int, list[Event]] = defaultdict(list)
    links: dict[tuple[int, int], list[Event]] = defaultdict(list)
    claims = Claim.objects.live().filter(player_id__in=player_ids).select_related("article")
    for claim in claims.only(
        "player_id", "club_id", "kind", "contract_until", "article__published", "article__created_at"
    ):
        on = claim.article.reported_on
        if on is None:  # an undated article's claim falls in no window: it settles nothing
            continue
        links[(claim.player_id, claim.club_id)].append(Event(on, claim.club_id, claim.kind))
        if claim.kind == Kind.COMPLETED:
            moves[claim.player_id].append(Event(on, claim.club_id, "move"))
        elif claim.kind == Kind.RENEWAL and claim.contract_until:
            moves[claim.player_id].append(Event(on, claim.club_id, "renewal"))
    for player_id, club_id, on in PlayerMove.objects.filter(player_id__in=player_ids).values_list(
        "player_id", "to_club_id", "on"
    ):
        moves[player_id].append(Event(on, club_id, "move"))
    for player_id, spells in _club_spells(player_ids).items():
        moves[player_id].extend(Event(since, club_id, "move") for since, club_id in spells)
    return moves, links


def _club_spells(player_ids: Collection[int]) -> dict[int, list[tuple[dt.date, int]]]:
    """Each player's moves in the knowledge base's dated clubs: every spell at a club other than the one before."""
    changes: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    previous: dict[int, int] = {}
    spells = PlayerClubSpell.objects.filter(player_id__in=player_ids).order_by("player_id", "since")
    for player_id, club_id, since in spells.values_list("player_id", "club_id", "since"):
        if player_id in previous and previous[player_id] != club_id:
            changes[player_id].append((since, club_id))
        previous[player_id] = club_id
    return changes


def rumour_verdict(
    *, rumour: Rumour, moves: list[Event], links: dict[tuple[int, int], list[Event]], today: dt.date
) -> Verdict:
    """The outcome of one rumour, given its player's moves and every link's claims (see the module's rules)."""
    first = window_index(rumour.window)
    in_time = sorted(
        (e for e in moves if first <= window_index(transfer_window(e.on)) <= first + 1), key=lambda e: e.on
    )
    settled = _settled_by_move(rumour, in_time)
    if settled:
        return settled
    if rumour.track == Track.TRANSFER:
        denial = _last_word_a_denial(links[(rumour.player_id, rumour.club_id)], first)
        if denial:
            return Verdict(Settlement.DENIED, denial)
    if window_index(transfer_window(today)) >= first + 2:
        return Verdict(Settlement.LAPSED, window_start(first + 2))
    return Verdict(Settlement.OPEN)


def _settled_by_move(rumour: Rumour, in_time: list[Event]) -> Verdict | None:
    """The first move or signed renewal in time that settles this rumour, by its track."""
    for event in in_time:
        if rumour.first_reported and event.on < rumour.first_reported and event.club_id != rumour.club_id:
            continue  # a move before the rumour began is where he was, not an answer to it
        moved_to_club = event.kind == "move" and event.club_id == rumour.club_id
        moved_away = event.kind == "move" and event.club_id != rumour.club_id
        renewed = event.kind == "renewal" and event.club_id == rumour.club_id
        if rumour.track == Track.TRANSFER and (moved_to_club or moved_away):
            outcome = Settlement.FULFILLED if moved_to_club else Settlement.ELSEWHERE
        elif rumour.track == Track.RENEWAL and (renewed or moved_away):
            outcome = Settlement.FULFILLED if renewed else Settlement.ELSEWHERE
        elif rumour.track == Track.EXIT and (renewed or moved_away):
            outcome = Settlement.FULFILLED if moved_away else Settlement.DENIED
        else:
            continue
        return Verdict(outcome, event.on, event.club_id)
    return None


def _last_word_a_denial(claims: list[Event], first: int) -> dt.date | None:
    """The date of the denial that is the last word on the link in its two windows, if the last word is one."""
    said = [e for e in claims if first <= window_index(transfer_window(e.on)) <= first + 1]
    said = [e for e in said if e.kind == Kind.DENIAL or e.kind in STAGE_ORDER]
    if not said:
        return None
    last = max(said, key=lambda e: (e.on, e.kind == Kind.DENIAL))
    return last.on if last.kind == Kind.DENIAL else None
