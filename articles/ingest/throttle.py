"""How many uploads one account may make per hour (UPLOADS_PER_HOUR), and how long it waits when over."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils import timezone

from ..models import Upload

WINDOW = dt.timedelta(hours=1)


def upload_throttle_wait(*, user: AbstractBaseUser | AnonymousUser) -> dt.timedelta | None:
    """How long `user` must wait before the next upload, or None when it may upload now."""
    limit = settings.UPLOADS_PER_HOUR
    if limit <= 0:
        return None
    now = timezone.now()
    latest = list(
        Upload.objects.filter(created_by_id=user.pk, created_at__gt=now - WINDOW)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(latest) < limit:
        return None
    # The oldest of the last `limit` uploads leaves the hour first.
    return latest[-1] + WINDOW - now


def upload_throttle_message(wait: dt.timedelta) -> str:
    minutes = max(1, -(-int(wait.total_seconds()) // 60))
    return (
        f"This account has made {settings.UPLOADS_PER_HOUR} uploads in the past hour, the most allowed. "
        f"You can upload again in {minutes} minute{'s' if minutes != 1 else ''}; "
        "nothing was added, and what you typed is still in the form (choose any files again)."
    )
