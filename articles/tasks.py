"""Celery tasks, and every place that sends one.

The tasks are thin wrappers that take primary keys and call one plain function. Sending lives here too, so the
plain modules (ingest, tagging) never import this one: callers that save work (the upload pages, the commands,
the feed poll task) queue it with the functions below once their transaction commits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import socket
from collections.abc import Sequence

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from rumourtracker.celery import queue_named, tasks_waiting

from .ingest.feedpoll import feed_poll, feeds_due
from .ingest.fetch import FetchTimeout
from .ingest.intake import UploadHeld, upload_read, uploads_stuck
from .models import Article, ArticleStatus, Feed, Outcome, Upload, WorkerHeartbeat
from .pages.activity import activity_refresh
from .tagging.pipeline import DATABASE_LOST, articles_tag

log = logging.getLogger(__name__)


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


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=100)
def read_upload_task(self, upload_id: int) -> None:  # type: ignore[no-untyped-def]
    """Read an upload's parts into items, on the uploads queue; a redelivery resumes where the last one stopped.

    While another delivery holds the upload, this one comes back when that lease runs out.
    """
    try:
        upload_read_and_queue(upload_id=upload_id)
    except UploadHeld as held:
        raise self.retry(countdown=max(1.0, (held.until - timezone.now()).total_seconds() + 0.5)) from held


def upload_read_and_queue(*, upload_id: int) -> None:
    """Read the upload, queueing each batch's new articles for tagging as the batch commits."""
    upload_read(upload_id=upload_id, added=lambda article_ids: articles_enqueue(article_ids=article_ids))


@shared_task
def sweep_articles() -> int:
    now = timezone.now()
    return articles_sweep(now=now) + uploads_sweep(now=now)


@shared_task
def refresh_activity() -> None:
    """Keep the index pages' activity counts fresh (articles/pages/activity.py)."""
    activity_refresh()


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
    due = feeds_due(now=timezone.now())
    for feed_id in due:
        poll_feed_task.delay(feed_id)
    return len(due)


@shared_task(acks_late=True, autoretry_for=(FetchTimeout,), retry_backoff=30, retry_jitter=True, max_retries=3)
def poll_feed_task(feed_id: int) -> None:
    """Poll the feed and queue for tagging what it brought."""
    feed = Feed.objects.filter(pk=feed_id).first()
    upload = feed_poll(feed=feed) if feed is not None else None
    if upload is not None:
        upload_enqueue(upload=upload)


def feed_poll_enqueue(*, feed_id: int) -> None:
    """Poll the feed soon, once the transaction commits."""

    def send() -> None:
        # A broker that is down is no loss: beat polls the feed on its next round.
        with contextlib.suppress(OperationalError):
            poll_feed_task.delay(feed_id)

    transaction.on_commit(send)


def upload_read_enqueue(*, upload: Upload) -> None:
    """Queue the reading of a received upload once it is committed; a broker that is down leaves it to the sweep."""
    upload_id = upload.pk
    transaction.on_commit(lambda: upload_read_send(upload_id=upload_id))


def upload_read_send(*, upload_id: int) -> bool:
    try:
        read_upload_task.apply_async(args=[upload_id], retry=True, retry_policy={"max_retries": 2})
    except OperationalError:
        log.warning("could not queue the reading of upload %s; the sweep will queue it", upload_id)
        return False
    return True


def uploads_sweep(*, now: dt.datetime) -> int:
    """Queue again the readings of uploads nobody reads; returns how many were queued."""
    stuck = uploads_stuck(now=now, readings_waiting=tasks_waiting(queue_named("uploads")))
    return sum(upload_read_send(upload_id=upload_id) for upload_id in stuck)


def upload_enqueue(*, upload: Upload) -> None:
    """Queue for tagging the articles the upload added, once the transaction commits."""
    added = upload.items.filter(outcome=Outcome.ADDED).order_by("article_id").values_list("article_id", flat=True)
    articles_enqueue(article_ids=[article_id for article_id in added if article_id is not None])


def articles_enqueue(*, article_ids: Sequence[int]) -> None:
    """Queue many articles, in batches, once the transaction that saved them commits."""
    if article_ids:
        ids = list(article_ids)
        transaction.on_commit(lambda: articles_send(article_ids=ids))


def articles_send(*, article_ids: Sequence[int]) -> int:
    """Send tagging tasks of TAG_BATCH_SIZE articles each; returns how many articles were queued.

    The first broker failure stops the sending: the rest stay pending and the sweep queues them later.
    """
    size = max(1, settings.TAG_BATCH_SIZE)
    for start in range(0, len(article_ids), size):
        chunk = list(article_ids[start : start + size])
        try:
            tag_articles_task.apply_async(
                args=[chunk], retry=True, retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
            )
        except OperationalError:
            log.warning("could not queue %d articles; the sweep will queue them", len(article_ids) - start)
            return start
    return len(article_ids)


SWEEP_LIMIT = 1000


def articles_sweep(*, now: dt.datetime) -> int:
    """Queue again, in batches, what is stuck; returns how many articles were queued.

    Stuck is processing under a lease that ran out (its worker died with the task in hand), or pending while
    no tagging task waits in the broker's queue (its send failed, or the broker lost it). A pending article
    is not sent again while tasks wait: it is all but surely among them, and a second task for it would only
    lengthen the backlog. Once the queue has drained, whatever is still pending is sent.
    """
    quiet_since = now - dt.timedelta(seconds=settings.SWEEP_INTERVAL_SECONDS)
    stuck = Article.objects.claimable(now).filter(updated_at__lt=quiet_since)
    if tag_tasks_waiting():
        stuck = stuck.filter(status=ArticleStatus.PROCESSING)
    return articles_send(article_ids=list(stuck.order_by("pk").values_list("pk", flat=True)[:SWEEP_LIMIT]))


def tag_tasks_waiting() -> bool:
    """Whether tagging tasks wait in their queue (the default queue), not yet delivered."""
    return tasks_waiting(tag_articles_task.app.conf.task_default_queue)
