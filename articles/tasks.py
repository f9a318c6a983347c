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
from kombu.exceptions import ChannelError, OperationalError

from .ingest.feedpoll import feed_poll, feeds_due
from .ingest.fetch import FetchTimeout
from .models import Article, ArticleStatus, Feed, Outcome, Upload, WorkerHeartbeat
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
    """Whether tasks wait in the queue tagging tasks are sent to (the default queue), not yet delivered.

    A broker we cannot reach counts as waiting: nothing could be sent to it anyway.
    """
    app = tag_articles_task.app
    try:
        with app.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1)
            waiting = connection.default_channel.queue_declare(queue=app.conf.task_default_queue, passive=True)
    except ChannelError:  # Redis keeps no empty list: a queue that is not there holds nothing
        return False
    except OperationalError:
        return True
    return waiting.message_count > 0
