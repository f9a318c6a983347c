"""Whether tagging can run: the database and the broker answer, and a worker reported in lately.

`/healthz` asks afresh each time. The home page and the upload pages say when tagging is paused; they ask
the broker at most once every BROKER_PROBE_SECONDS per process, so that a page never waits on the broker's
connect timeout, and read the workers' last heartbeat (one indexed row) each time.
"""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from ..models import WorkerHeartbeat

BROKER_PROBE_SECONDS = 5.0
# Heartbeats come every WORKER_HEARTBEAT_SECONDS while beat and a worker run; this many missed means none runs.
MISSED_HEARTBEATS = 3
# The pages that say when tagging is paused: where articles are added and followed, and the home page.
PAGES_TELLING_TAGGING_STATE = {"home", "article_upload", "upload_list", "upload_detail"}

_broker_probes: dict[str, tuple[float, bool]] = {}


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure to reach the database means "unreachable"
        return False


def broker_answers() -> bool:
    from kombu import Connection

    try:
        # One attempt, no retry: a refused connection answers at once instead of after kombu's retry interval.
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=0, timeout=2)
        return True
    except Exception:  # noqa: BLE001 - any failure to reach the broker means "unreachable"
        return False


def broker_answers_lately() -> bool:
    """broker_answers, remembered in this process for BROKER_PROBE_SECONDS (per broker URL)."""
    url = settings.CELERY_BROKER_URL
    probed_at, answered = _broker_probes.get(url, (float("-inf"), False))
    if time.monotonic() - probed_at > BROKER_PROBE_SECONDS:
        answered = broker_answers()
        _broker_probes[url] = (time.monotonic(), answered)
    return answered


def worker_last_seen() -> dt.datetime | None:
    return WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()


def tagging_paused_because(*, broker_ok: bool, last_seen: dt.datetime | None, now: dt.datetime) -> str:
    """Why tagging is paused, for people; empty while the broker answers and a worker reports in."""
    if not broker_ok:
        return "the task broker cannot be reached"
    if last_seen is None:
        return "no tagging worker has reported in yet"
    silent_for = now - last_seen
    if silent_for > dt.timedelta(seconds=MISSED_HEARTBEATS * settings.WORKER_HEARTBEAT_SECONDS):
        return f"no tagging worker has reported in for {_duration(silent_for)}"
    return ""


def _duration(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return "a minute"
    if minutes < 120:
        return f"{minutes} minutes"
    return f"{minutes // 60} hours"


def tagging_state(request: HttpRequest) -> dict[str, str]:
    """Context processor: `tagging_paused`, the reason tagging is paused, on the pages that tell it."""
    match = request.resolver_match
    if match is None or match.url_name not in PAGES_TELLING_TAGGING_STATE:
        return {}
    reason = tagging_paused_because(broker_ok=broker_answers_lately(), last_seen=worker_last_seen(), now=timezone.now())
    return {"tagging_paused": reason}
