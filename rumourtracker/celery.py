"""The Celery app. Tasks acknowledge late and go back to the broker when their worker dies."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rumourtracker.settings")

app = Celery("rumourtracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_serializer="json",
    accept_content=["json"],
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_ignore_result=True,
    broker_connection_retry_on_startup=True,
)

# Feed polls and upload reading each have a queue of their own, named after the tagging queue (the default,
# CELERY_QUEUE): a backlog of tagging never delays them. Workers serve them with `-Q` (see worker_queues).
QUEUE_OF_TASK = {
    "articles.tasks.read_upload_task": "uploads",
    "articles.tasks.poll_feed_task": "feeds",
    "articles.tasks.poll_feeds": "feeds",
    # Alert mails wait on the mail server as a poll waits on the network: the same worker serves them.
    "alerts.tasks.scan_alerts": "feeds",
    "alerts.tasks.send_digests": "feeds",
}


def queue_named(kind: str, base: str | None = None) -> str:
    return f"{base or app.conf.task_default_queue}-{kind}"


def worker_queues(base: str) -> list[str]:
    """Every queue a worker serving the `base` deployment consumes: tagging, uploads and feeds."""
    return [base, *(queue_named(kind, base) for kind in sorted(set(QUEUE_OF_TASK.values())))]


def task_route(name: str, args: object, kwargs: object, options: object, task: object = None, **kw: object) -> dict:  # type: ignore[type-arg]
    """Read at send time, so a test that gives itself a default queue gets its own uploads and feeds queues."""
    kind = QUEUE_OF_TASK.get(name)
    return {"queue": queue_named(kind)} if kind else {}


app.conf.task_routes = (task_route,)


def tasks_waiting(queue: str) -> bool:
    """Whether tasks wait in the queue, not yet delivered. A broker we cannot reach counts as waiting:
    nothing could be sent to it anyway."""
    from kombu.exceptions import ChannelError, OperationalError

    try:
        with app.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1)
            waiting = connection.default_channel.queue_declare(queue=queue, passive=True)
    except ChannelError:  # Redis keeps no empty list: a queue that is not there holds nothing
        return False
    except OperationalError:
        return True
    return waiting.message_count > 0


app.autodiscover_tasks()
