"""Celery tasks: thin wrappers that take primary keys and call one plain function."""

from __future__ import annotations

import socket

from celery import shared_task
from celery.signals import worker_ready
from django.utils import timezone

from .ingest.fetch import FetchTimeout
from .ingest.intake import UploadHeld, upload_read, uploads_sweep
from .models import Feed, WorkerHeartbeat
from .tagging.pipeline import articles_sweep, articles_tag


@shared_task(acks_late=True, reject_on_worker_lost=True)
def tag_articles_task(article_ids: list[int]) -> None:
    """A batch, taken and written as one under one lease: a redelivery after a crash redoes the batch, not more."""
    articles_tag(article_ids=article_ids)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=100)
def read_upload_task(self, upload_id: int) -> None:  # type: ignore[no-untyped-def]
    """Read an upload's parts into items, on the uploads queue; a redelivery resumes where the last one stopped.

    While another delivery holds the upload, this one comes back when that lease runs out.
    """
    try:
        upload_read(upload_id=upload_id)
    except UploadHeld as held:
        raise self.retry(countdown=max(1.0, (held.until - timezone.now()).total_seconds() + 0.5)) from held


@shared_task
def sweep_articles() -> int:
    now = timezone.now()
    return articles_sweep(now=now) + uploads_sweep(now=now)


@shared_task
def heartbeat() -> None:
    worker_heartbeat_record(hostname=heartbeat.request.hostname or socket.gethostname())


def worker_heartbeat_record(*, hostname: str) -> None:
    WorkerHeartbeat.objects.update_or_create(hostname=hostname, defaults={"last_seen": timezone.now()})


@worker_ready.connect
def _worker_ready(sender, **kwargs) -> None:  # type: ignore[no-untyped-def]
    worker_heartbeat_record(hostname=sender.hostname)


@shared_task
def poll_feeds() -> int:
    """Queue a poll of every active feed that is due."""
    from .ingest.feedpoll import feeds_due

    due = feeds_due(now=timezone.now())
    for feed_id in due:
        poll_feed_task.delay(feed_id)
    return len(due)


@shared_task(acks_late=True, autoretry_for=(FetchTimeout,), retry_backoff=30, retry_jitter=True, max_retries=3)
def poll_feed_task(feed_id: int) -> int:
    from .ingest.feedpoll import feed_poll

    feed = Feed.objects.filter(pk=feed_id).first()
    return feed_poll(feed=feed) if feed is not None else 0
