"""A database restart during tagging: pages keep answering and tag tasks retry at once, never waiting for the sweep.

Only this test database's connections are ended: CI shares its PostgreSQL server with other databases.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article, ArticleStatus
from articles.tagging.pipeline import articles_release, articles_take
from articles.tasks import articles_send
from rumourtracker.env import database_url_named
from tests.conftest import ROOT, wait_until
from tests.conftest import test_database_url as this_run_database_url
from tests.factories import ArticleFactory
from tests.kb import INTEREST_ARTICLE, small_kb_make

ARTICLES = 20
RESTART_ROUNDS = 10
# Long enough that its tagging takes a good second, so the connections can be ended in the middle of it.
LONG_ARTICLE_REPEATS = 400


def backends_terminate() -> int:
    """End every connection to this test database but our own; returns how many were ended."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return int(cursor.fetchone()[0])


def page_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def gunicorn_url(transactional_db) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The site served as in production: one gunicorn worker keeping its database connection between requests."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": this_run_database_url(), "DB_CONN_MAX_AGE": "600"}
    command = [sys.executable, "-m", "gunicorn", "rumourtracker.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: _answers(url), timeout=60), "gunicorn did not answer within 60 s"
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _answers(url: str) -> bool:
    try:
        return page_status(url + "/healthz") > 0
    except OSError:
        return False


def untagged() -> int:
    return Article.objects.exclude(status=ArticleStatus.TAGGED).count()


@pytest.mark.worker
def test_ended_connections_during_tagging_give_no_500_and_no_task_waits_for_the_sweep(  # type: ignore[no-untyped-def]
    celery_worker_process, gunicorn_url, settings
) -> None:
    small_kb_make()
    settings.TAG_BATCH_SIZE = 2
    long = ArticleFactory.create(text=f"{INTEREST_ARTICLE} " * LONG_ARTICLE_REPEATS)
    ids = [long.pk] + [ArticleFactory.create(text=f"{INTEREST_ARTICLE} Update {n}.").pk for n in range(ARTICLES)]
    assert page_status(gunicorn_url + "/") == 200  # gunicorn's worker now holds a persistent connection
    started = time.monotonic()
    articles_send(article_ids=ids)
    assert wait_until(
        lambda: Article.objects.get(pk=long.pk).status == ArticleStatus.PROCESSING, timeout=30, interval=0.02
    )
    ended = 0
    # A restart's worth of trouble, while the long article is being tagged: every connection ended, again and again.
    for _ in range(RESTART_ROUNDS):
        ended += backends_terminate()
        assert page_status(gunicorn_url + "/") == 200
        assert page_status(gunicorn_url + "/articles/") == 200
        time.sleep(0.2)
    within = settings.SWEEP_INTERVAL_SECONDS / 2
    assert wait_until(lambda: untagged() == 0, timeout=within), (
        f"not all tagged after {within:g} s: {Counter(Article.objects.values_list('status', flat=True))}"
    )
    elapsed = time.monotonic() - started
    print(f"\n{ARTICLES + 1} articles tagged in {elapsed:.1f} s (sweep interval {settings.SWEEP_INTERVAL_SECONDS} s)")
    assert ended >= RESTART_ROUNDS
    assert Article.objects.get(pk=long.pk).attempts > 1, "the long article's batch was not released and retaken"


@pytest.mark.django_db
def test_a_released_batch_is_claimable_again_but_a_batch_taken_over_stays_with_its_new_owner() -> None:
    mine, taken_over = ArticleFactory.create(), ArticleFactory.create()
    now = timezone.now()
    lease = articles_take(article_ids=[mine.pk, taken_over.pk], now=now)[0].lease_until
    later = now + dt.timedelta(hours=1)  # our lease ran out and another delivery took one article over
    [theirs] = articles_take(article_ids=[taken_over.pk], now=later)
    assert articles_release(article_ids=[mine.pk, taken_over.pk], lease_until=lease) == 1
    assert Article.objects.get(pk=mine.pk).status == ArticleStatus.PENDING
    assert Article.objects.get(pk=taken_over.pk).lease_until == theirs.lease_until
    assert [a.pk for a in articles_take(article_ids=[mine.pk, taken_over.pk], now=now)] == [mine.pk]


@contextlib.contextmanager
def database_away() -> Iterator[None]:
    """This test database refuses new connections and those it had are ended (ours aside): a restart, for the rest.

    A database cannot refuse connections to itself, so the switch is thrown from the server's maintenance database.
    """
    name = connection.ops.quote_name(connection.settings_dict["NAME"])
    with psycopg.connect(database_url_named(os.environ["DATABASE_URL"], "postgres"), autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false")
        try:
            backends_terminate()
            yield
        finally:
            admin.execute(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true")


@pytest.mark.worker
@pytest.mark.parametrize("worker_settings", [{"TAG_LEASE_SECONDS": "300"}])  # the sweep would take minutes
def test_a_batch_in_hand_while_the_database_is_away_is_tagged_once_it_is_back(  # type: ignore[no-untyped-def]
    celery_worker_process, settings
) -> None:
    small_kb_make()
    long = ArticleFactory.create(text=f"{INTEREST_ARTICLE} " * LONG_ARTICLE_REPEATS)
    ids = [long.pk] + [ArticleFactory.create(text=f"{INTEREST_ARTICLE} Later {n}.").pk for n in range(3)]
    articles_send(article_ids=ids)
    assert wait_until(
        lambda: Article.objects.get(pk=long.pk).status == ArticleStatus.PROCESSING, timeout=30, interval=0.02
    )
    with database_away():
        time.sleep(3)
    assert wait_until(lambda: untagged() == 0, timeout=30), Counter(Article.objects.values_list("status", flat=True))
    assert Article.objects.get(pk=long.pk).attempts > 1, "the long article's batch was not given back and retaken"
