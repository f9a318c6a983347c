"""Sending the recorded events: one mail per account after each scan (immediate), or one a day (digest).

Each account is sent to under a lock on its preference row (a second sender skips it), and its events are marked
sent in the same transaction, only once the mail server took the mail; a refused or failed send leaves them
pending, and the next scan tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F

from .mail import alert_message
from .models import AlertEvent, AlertPreference, Delivery, last_digest_hour

log = logging.getLogger(__name__)


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
    sent = 0
    try:
        with get_connection() as connection:  # one connection to the mail server for them all
            for user_id in sorted(user_ids):
                sent += mail_send(user_id=user_id, digest=digest, now=now, connection=connection)
    except OSError as failure:  # the server cannot be reached at all: every account waits for the next scan
        error = f"{type(failure).__name__}: {failure}"[:2000]
        log.warning("alert mails not sent, will try again: %s", error)
        pending = AlertEvent.objects.pending().filter(user_id__in=user_ids)
        pending.update(attempts=F("attempts") + 1, last_error=error)
    return sent


def mail_send(*, user_id: int, digest: bool, now: dt.datetime, connection: Any) -> bool:
    """Send one account its pending events in one mail, if no one else is sending to it; whether it went out."""
    wanted = Delivery.DIGEST if digest else Delivery.IMMEDIATE
    with transaction.atomic():
        locked = AlertPreference.objects.select_for_update(skip_locked=True, of=("self",)).select_related("user")
        preference = locked.filter(user_id=user_id, delivery=wanted).first()
        if preference is None:  # being sent by another scan, or the account changed its mind
            return False
        # Only the rows read here are marked: a scan may record more for this account while the mail goes out.
        pending = list(AlertEvent.objects.pending().filter(user_id=user_id).order_by("happened", "id"))
        if not pending:
            return False
        shown = pending[: settings.ALERTS_MAX_EVENTS_PER_MAIL]
        message = alert_message(
            user=preference.user, events=shown, more=len(pending) - len(shown), digest=digest, connection=connection
        )
        rows = AlertEvent.objects.filter(id__in=[event.pk for event in pending])
        try:
            delivered = message.send() == 1
            error = "" if delivered else "the mail server took no recipient"
        except OSError as failure:  # smtplib's errors are OSErrors, as are refused and lost connections
            delivered, error = False, f"{type(failure).__name__}: {failure}"[:2000]
        if not delivered:
            log.warning("alert mail to account %s not sent, will try again: %s", user_id, error)
            rows.update(attempts=F("attempts") + 1, last_error=error)
            return False
        rows.update(sent_at=now)
        if digest:
            AlertPreference.objects.filter(pk=preference.pk).update(last_digest_at=now)
    return True
