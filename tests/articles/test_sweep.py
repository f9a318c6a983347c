"""The periodic sweep queues again what is stuck, and only that: never an article whose task still waits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import timezone

from articles.models import Article, ArticleStatus
from articles.tasks import articles_send, articles_sweep
from rumourtracker.celery import app
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tag_queue(celery_queue: str) -> Iterator[str]:
    """This test's own queue on the real broker, with no worker on it; emptied afterwards."""
    yield celery_queue
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(celery_queue)


def messages_waiting(queue: str) -> int:
    with app.connection_for_read() as connection:
        return int(connection.default_channel.client.llen(queue))


def quiet_articles(count: int, **fields: object) -> list[int]:
    """Articles untouched for an hour, longer than any sweep interval."""
    ids = [ArticleFactory.create().pk for _ in range(count)]
    Article.objects.filter(pk__in=ids).update(updated_at=timezone.now() - dt.timedelta(hours=1), **fields)
    return ids


def test_pending_articles_whose_task_still_waits_are_not_sent_again(tag_queue: str) -> None:
    queued = quiet_articles(3)
    assert articles_send(article_ids=queued) == 3
    assert articles_sweep(now=timezone.now()) == 0
    assert messages_waiting(tag_queue) == 1


def test_pending_articles_are_sent_again_once_the_queue_has_drained(tag_queue: str) -> None:
    lost = quiet_articles(3)  # pending, and no task for them anywhere: their send failed
    assert messages_waiting(tag_queue) == 0
    assert articles_sweep(now=timezone.now()) == len(lost)
    assert messages_waiting(tag_queue) == 1


def test_articles_whose_lease_ran_out_are_sent_again_even_while_tasks_wait(tag_queue: str) -> None:
    articles_send(article_ids=quiet_articles(2))
    expired = quiet_articles(1, status=ArticleStatus.PROCESSING, lease_until=timezone.now() - dt.timedelta(minutes=1))
    quiet_articles(1, status=ArticleStatus.PROCESSING, lease_until=timezone.now() + dt.timedelta(minutes=1))  # held
    assert articles_sweep(now=timezone.now()) == len(expired)
    assert messages_waiting(tag_queue) == 2
