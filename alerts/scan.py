"""The scan: read the new claims a batch at a time, and record each event once for each account that follows it.

One scan at a time moves the watermark (its row is locked, and a second scan that finds it locked leaves);
even so, rows are inserted with ON CONFLICT DO NOTHING on (user, key), so nothing is ever recorded twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from following.models import Follow

from .events import Event, claims_after, events_of, scan_mark
from .models import AlertEvent, AlertPreference, Delivery, EventKind, ScanMark

# (kind of target, its id) -> (account, when it followed)
Followers = dict[tuple[str, int], list[tuple[int, dt.datetime]]]


def alerts_scan(*, now: dt.datetime) -> int:
    """Scan what is new, up to ALERTS_SCAN_MAX_BATCHES batches; the number of (account, event) rows recorded."""
    recorded = 0
    scan_mark()
    for _ in range(settings.ALERTS_SCAN_MAX_BATCHES):
        added, more = _batch_scan(now)
        recorded += added
        if not more:
            break
    return recorded


def _batch_scan(now: dt.datetime) -> tuple[int, bool]:
    """One batch, in one transaction with the watermark: (rows recorded, whether more claims may wait)."""
    with transaction.atomic():
        mark = ScanMark.objects.select_for_update(skip_locked=True).filter(name="claims").first()
        if mark is None:  # another scan is reading: it will move the watermark
            return 0, False
        # Claims younger than ALERTS_SETTLE_SECONDS wait: a transaction that is still writing claims it stamped
        # earlier could otherwise commit behind the watermark.
        until = now - dt.timedelta(seconds=settings.ALERTS_SETTLE_SECONDS)
        claims = claims_after(mark, until=until, limit=settings.ALERTS_SCAN_BATCH)
        recorded = events_record(events=events_of(claims, now=now)) if claims else 0
        if claims:
            mark.created_at, mark.last_id = claims[-1]["created_at"], claims[-1]["id"]
        mark.scanned_at = now
        mark.save()
    return recorded, len(claims) == settings.ALERTS_SCAN_BATCH


def events_record(*, events: Sequence[Event]) -> int:
    """A row for each account following something an event is about (and following it since before the event);
    an account gets a claim's publication only when it gets no stage change or link of the same claim."""
    followers = followers_of(events)
    rows: dict[tuple[int, str], AlertEvent] = {}
    told: set[tuple[int, int]] = set()  # (account, claim) already told by a stage change or a link
    for event in sorted(events, key=lambda e: e.kind == EventKind.PUBLISHED):
        for user_id in _users_of(event, followers):
            if event.kind == EventKind.PUBLISHED and (user_id, event.claim_id) in told:
                continue
            told.add((user_id, event.claim_id))
            rows[(user_id, event.key)] = AlertEvent(
                user_id=user_id, key=event.key, kind=event.kind, line=event.line, path=event.path,
                happened=event.happened,
            )  # fmt: skip
    users = {user_id for user_id, _ in rows}
    AlertPreference.objects.bulk_create([AlertPreference(user_id=u) for u in sorted(users)], ignore_conflicts=True)
    created = AlertEvent.objects.bulk_create(rows.values(), ignore_conflicts=True, batch_size=5000)
    return len(created)


def followers_of(events: Sequence[Event]) -> Followers:
    """Who follows the players, clubs and outlets of the events: active accounts with an address whose alerts
    are not off."""
    players = set().union(*(e.players for e in events))
    clubs = set().union(*(e.clubs for e in events))
    outlets = set().union(*(e.outlets for e in events))
    follows = (
        Follow.objects.filter(Q(player_id__in=players) | Q(club_id__in=clubs) | Q(outlet_id__in=outlets))
        .filter(user__is_active=True)
        .exclude(user__email="")
        .exclude(user__alert_preference__delivery=Delivery.OFF)
        .values_list("user_id", "player_id", "club_id", "outlet_id", "created")
    )
    found: Followers = defaultdict(list)
    for user_id, player_id, club_id, outlet_id, created in follows:
        kind, pk = ("player", player_id) if player_id else ("club", club_id) if club_id else ("outlet", outlet_id)
        found[(kind, pk)].append((user_id, created))
    return found


def _users_of(event: Event, followers: Followers) -> set[int]:
    targets = [
        *(("player", pk) for pk in event.players),
        *(("club", pk) for pk in event.clubs),
        *(("outlet", pk) for pk in event.outlets),
    ]
    return {user for target in targets for user, since in followers.get(target, ()) if since <= event.at}
