"""Sending the recorded events: one mail per account after each scan (immediate), or one a day (digest).

Accounts are sent to ALERTS_SEND_BATCH at a time, under a lock on their preference rows (a second sender skips
them); their events are marked sent in the same transaction, only those whose mail the server took. A refused or
failed send leaves them pending, and the next scan tries again. (A worker killed between a send and its batch's
commit would send that batch's mails again: the only way an event can be mailed twice.)
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from typing import Any, NamedTuple

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F, QuerySet

from .mail import Fragments, alert_message
from .models import AlertEvent, AlertPreference, Delivery, last_digest_hour

log = logging.getLogger(__name__)

MARK_SENT = "UPDATE alerts_alertevent SET sent_at = %s WHERE id = ANY(%s)"


class Pending(NamedTuple):
    """An event waiting to be mailed, as the mail needs it."""

    id: int
    user_id: int
    line: str
    path: str

    @property
    def pk(self) -> int:
        return self.id


def alerts_send(*, now: dt.datetime) -> int:
    """Mail every account that gets its alerts at once and has some pending; the number of mails sent."""
    waiting = AlertEvent.objects.pending().values("user_id")
    users = AlertPreference.objects.filter(delivery=Delivery.IMMEDIATE, user_id__in=waiting)
    return _mails_send(list(users.values_list("user_id", flat=True)), digest=False, now=now)


def digests_send(*, now: dt.datetime) -> int:
    """Mail the digest to every digest account whose digest is due (a digest hour passed since the last one)
    and that has pending events; a due account with nothing pending is only marked done. Mails sent."""
    due = AlertPreference.objects.filter(delivery=Delivery.DIGEST).exclude(last_digest_at__gte=last_digest_hour(now))
    waiting = AlertEvent.objects.pending().values("user_id")
    due.exclude(user_id__in=waiting).update(last_digest_at=now)
    return _mails_send(list(due.filter(user_id__in=waiting).values_list("user_id", flat=True)), digest=True, now=now)


def _mails_send(user_ids: list[int], *, digest: bool, now: dt.datetime) -> int:
    if not user_ids:
        return 0
    sent, ordered = 0, sorted(user_ids)
    try:
        with get_connection() as mailer:  # one connection to the mail server for them all
            for start in range(0, len(ordered), settings.ALERTS_SEND_BATCH):
                batch = ordered[start : start + settings.ALERTS_SEND_BATCH]
                sent += mails_send(user_ids=batch, digest=digest, now=now, mailer=mailer)
    except OSError as failure:  # the server cannot be reached at all: every account waits for the next scan
        _failed(AlertEvent.objects.pending().filter(user_id__in=ordered), failure)
    return sent


def mails_send(*, user_ids: list[int], digest: bool, now: dt.datetime, mailer: Any) -> int:
    """Send each of these accounts its pending events in one mail, but not those another sender holds or that
    changed their choice; mark sent what went out. The number of mails sent."""
    wanted = Delivery.DIGEST if digest else Delivery.IMMEDIATE
    with transaction.atomic():
        locked = AlertPreference.objects.select_for_update(skip_locked=True, of=("self",)).select_related("user")
        preferences = list(locked.filter(user_id__in=user_ids, delivery=wanted).order_by("user_id"))
        # Only the rows read here are marked: a scan may record more for these accounts while the mails go out.
        pending: dict[int, list[Pending]] = defaultdict(list)
        rows = AlertEvent.objects.pending().filter(user_id__in=[p.user_id for p in preferences])
        for pk, user_id, line, path in rows.order_by("user_id", "happened", "id").values_list(*Pending._fields):
            pending[user_id].append(Pending(pk, user_id, line, path))
        delivered, fragments = [], Fragments()
        for preference in preferences:
            events = pending.get(preference.user_id)
            if events and _mail_send(preference, events, digest=digest, fragments=fragments, mailer=mailer):
                delivered.append(preference.user_id)
        with connection.cursor() as cursor:  # one array, not one parameter per row
            cursor.execute(MARK_SENT, [now, [e.pk for u in delivered for e in pending[u]]])
        if digest:
            AlertPreference.objects.filter(user_id__in=delivered).update(last_digest_at=now)
    return len(delivered)


def _mail_send(
    preference: AlertPreference, events: list[Pending], *, digest: bool, fragments: Fragments, mailer: Any
) -> bool:
    shown = events[: settings.ALERTS_MAX_EVENTS_PER_MAIL]
    message = alert_message(
        user=preference.user,
        events=shown,
        more=len(events) - len(shown),
        digest=digest,
        fragments=fragments,
        connection=mailer,
    )
    try:
        if message.send() == 1:
            return True
        failure: Exception = OSError("the mail server took no recipient")
    except OSError as error:  # smtplib's errors are OSErrors, as are refused and lost connections
        failure = error
    _failed(AlertEvent.objects.filter(id__in=[e.pk for e in events]), failure)
    return False


def _failed(rows: QuerySet[AlertEvent], failure: Exception) -> None:
    error = f"{type(failure).__name__}: {failure}"[:2000]
    log.warning("alert mail not sent, will try again with the next scan: %s", error)
    rows.update(attempts=F("attempts") + 1, last_error=error)
