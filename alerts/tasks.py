"""The alert tasks, on beat: the scan (every ALERTS_SCAN_SECONDS) and the daily digest (at ALERTS_DIGEST_HOUR)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .delivery import alerts_send, digests_send
from .scan import alerts_scan


@shared_task
def scan_alerts() -> dict[str, int]:
    """Record what is new, then mail the accounts that get alerts at once, and any digest still due (a digest
    whose send failed goes out with the next scan that reaches the mail server)."""
    now = timezone.now()
    recorded = alerts_scan(now=now)
    return {"recorded": recorded, "mails": alerts_send(now=now), "digests": digests_send(now=now)}


@shared_task
def send_digests() -> int:
    """The daily digest: record what is new first, so the digest holds everything up to now."""
    now = timezone.now()
    alerts_scan(now=now)
    return digests_send(now=now)
