"""Celery tasks: thin wrappers that take primary keys and call one plain function."""

from __future__ import annotations

import socket

from celery import shared_task
from celery.signals import worker_ready
from django.utils import timezone

from .ingest.fetch import FetchTimeout
from .models import Feed, WorkerHeartbeat
from .tagging.pipeline import DATABASE_LOST, articles_sweep, articles_tag


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=DATABASE_LOST,
    retry_backoff=1,
    retry_backoff_max=30,
    retry_jitter=True,
    max_retries=8,
)
def tag_articles_task(article_ids: list[int]) -> None:
    """A batch, taken and written as one under one lease: a redelivery after a crash redoes the batch, not more.

    A lost database connection (a restart) releases the batch and retries it, backing off from a second up
    to half a minute, so the articles are tagged as soon as the database is back rather than at the sweep.
    """
    articles_tag(article_ids=article_ids)


@shared_task
def sweep_articles() -> int:
    return articles_sweep(now=timezone.now())


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
