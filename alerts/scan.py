"""The scan: read the new claims a batch at a time, and record each event once for each account that follows it.

One scan at a time moves the watermark (its row is locked, and a second scan that finds it locked leaves);
even so, rows are inserted with ON CONFLICT DO NOTHING on (user, key), so nothing is ever recorded twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from following.models import Follow

from .events import Event, claims_after, events_of, scan_mark
from .models import AlertPreference, Delivery, EventKind, ScanMark

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
        recorded = events_record(events=events_of(claims, now=now), now=now) if claims else 0
        if claims:
            mark.created_at, mark.last_id = claims[-1]["created_at"], claims[-1]["id"]
        mark.scanned_at = now
        mark.save()
    return recorded, len(claims) == settings.ALERTS_SCAN_BATCH


# One statement per chunk: the accounts and events as arrays, joined in the database, rows that exist skipped.
INSERT_ROWS = """
INSERT INTO alerts_alertevent (user_id, key, kind, line, path, happened, created_at, attempts, last_error)
SELECT r.user_id, e.key, e.kind, e.line, e.path, e.happened, %s, 0, ''
FROM unnest(%s::integer[], %s::integer[]) AS r(user_id, event)
JOIN unnest(%s::integer[], %s::text[], %s::text[], %s::text[], %s::text[], %s::date[])
    AS e(event, key, kind, line, path, happened) USING (event)
ON CONFLICT (user_id, key) DO NOTHING
"""
CHUNK = 20_000


def events_record(*, events: Sequence[Event], now: dt.datetime) -> int:
    """A row for each account following something an event is about (and following it since before the event);
    an account gets a claim's publication only when it gets no stage change or link of the same claim.
    The number of rows added (those recorded by an earlier scan are not added again)."""
    followers = followers_of(events)
    rows: dict[tuple[int, str], int] = {}  # (account, key) -> the event's index
    told: set[tuple[int, int]] = set()  # (account, claim) already told by a stage change or a link
    ordered = sorted(events, key=lambda e: e.kind == EventKind.PUBLISHED)
    for index, event in enumerate(ordered):
        for user_id in _users_of(event, followers):
            if event.kind == EventKind.PUBLISHED and (user_id, event.claim_id) in told:
                continue
            told.add((user_id, event.claim_id))
            rows.setdefault((user_id, event.key), index)
    if not rows:
        return 0
    users = sorted({user_id for user_id, _ in rows})
    AlertPreference.objects.bulk_create([AlertPreference(user_id=u) for u in users], ignore_conflicts=True)
    columns = [list(range(len(ordered)))] + [list(c) for c in zip(*(_values(e) for e in ordered), strict=True)]
    pairs = [(user_id, index) for (user_id, _), index in rows.items()]
    added = 0
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), CHUNK):
            chunk = pairs[start : start + CHUNK]
            cursor.execute(INSERT_ROWS, [now, [u for u, _ in chunk], [i for _, i in chunk], *columns])
            added += cursor.rowcount
    return added


def _values(event: Event) -> tuple[str, str, str, str, dt.date | None]:
    return event.key, event.kind, event.line, event.path, event.happened


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
