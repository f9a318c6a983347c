"""Uploads read by a real worker on a real broker: the request only stores them, the reading task reads them
in batches that never wait on rows a tagging worker holds, resumes after a crash, and refuses a broken line
alone."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from articles.ingest.intake import Given
from articles.models import Article, Outcome, PartKind, Upload, UploadStatus
from rumourtracker.celery import app, queue_named
from tests.conftest import ROOT, WorkerProcess, wait_until
from tests.conftest import test_database_url as database_url
from tests.kb import small_kb_make
from tests.uploads import upload_sent

from .samples import article
from .test_worker import DONE, kill_hard, worker_env, worker_ready

pytestmark = pytest.mark.worker


def jsonl_of(numbers: range, **extra: str) -> bytes:
    return "\n".join(json.dumps({"title": f"Story {n}", "text": article(n), **extra}) for n in numbers).encode()


def uploaded(data: bytes, name: str = "batch.jsonl") -> Upload:
    given = Given(kind=PartKind.FILE, name=name, data=data, size=len(data))
    return upload_sent([given], label=name)


def read_by(upload: Upload, timeout: float = 90) -> bool:
    return wait_until(lambda: Upload.objects.get(pk=upload.pk).status == UploadStatus.READ, timeout, 0.2)


def test_an_overlapping_upload_returns_at_once_and_lands_while_tagging_holds_its_articles(  # type: ignore[no-untyped-def]
    celery_worker_process,
) -> None:
    small_kb_make()
    first = uploaded(jsonl_of(range(60)))
    assert read_by(first), "the first upload was not read"
    # The one worker process also tags: it must not sit blocked on the lock below instead of reading.
    assert wait_until(lambda: not Article.objects.exclude(status__in=DONE).exists(), 120), "tagging did not finish"
    held = list(first.items.order_by("position").values_list("article_id", flat=True)[20:40])
    worker = f"{celery_worker_process.queue}@"
    uploads_queue = queue_named("uploads")
    destination = [host for reply in app.control.ping(timeout=2) for host in reply if host.startswith(worker)]
    assert destination, "the worker did not answer a ping"
    client = Client()
    client.force_login(get_user_model().objects.create_user("reporter", password="a-long-test-password"))
    # What a tagging worker's write transaction does to the articles it stores, held open all along.
    with psycopg.connect(database_url()) as tagging:
        tagging.execute("UPDATE articles_article SET status = 'processing' WHERE id = ANY(%s)", [held])
        app.control.cancel_consumer(uploads_queue, destination=destination, reply=True)
        slice_file = SimpleUploadedFile("slice.jsonl", jsonl_of(range(20, 70)))
        response = client.post(reverse("article_upload"), {"documents": [slice_file]})
        upload = Upload.objects.latest("pk")
        assert response.status_code == 302, "the request answers with nothing read"
        assert upload.status == UploadStatus.QUEUED and not upload.items.exists() and upload.parts.count() == 1
        app.control.add_consumer(uploads_queue, destination=destination, reply=True)
        assert read_by(upload, 60), "the reading waited on rows a tagging transaction holds"
        tagging.rollback()
    outcomes = list(upload.items.order_by("position").values_list("outcome", flat=True))
    assert outcomes == [Outcome.DUPLICATE] * 40 + [Outcome.ADDED] * 10
    assert list(upload.items.order_by("position").values_list("article_id", flat=True)[:20]) == held
    assert not upload.parts.exists(), "the raw file is deleted once read"


def test_a_nul_byte_line_is_rejected_alone_by_the_command_exiting_2_without_a_traceback(  # type: ignore[no-untyped-def]
    celery_worker_process, tmp_path: Path
) -> None:
    lines = jsonl_of(range(3)).split(b"\n")
    broken = json.dumps({"title": "Broken", "text": article(99).replace(" ", "\u0000", 1)}).encode()
    source = tmp_path / "nul.jsonl"
    source.write_bytes(b"\n".join([lines[0], broken, lines[1], b"\x80\x81\x00\x01\x02\x03\x04\x05" * 8, lines[2]]))
    env = worker_env(celery_worker_process.queue)
    result = subprocess.run(
        [sys.executable, "manage.py", "import_articles", str(source), "--wait", "--timeout", "90"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "NUL character" in result.stdout and "could not be read as text" in result.stdout
    upload = Upload.objects.get()
    outcomes = list(upload.items.order_by("position").values_list("outcome", flat=True))
    assert outcomes == [Outcome.ADDED, Outcome.REJECTED, Outcome.ADDED, Outcome.REJECTED, Outcome.ADDED]
    assert Article.objects.count() == 3


def test_a_reading_task_redelivered_after_its_worker_died_resumes_and_duplicates_nothing(  # type: ignore[no-untyped-def]
    transactional_db, celery_queue: str
) -> None:
    env = worker_env(celery_queue, UPLOAD_READ_BATCH="10", UPLOAD_READ_LEASE_SECONDS="3")
    worker = WorkerProcess(celery_queue, env)
    worker.start()
    try:
        assert wait_until(lambda: worker_ready(celery_queue), 60), "the worker did not start"
        upload = uploaded(jsonl_of(range(400)))
        assert wait_until(lambda: upload.items.count() >= 20, 60, 0.02), "the reading did not start"
        kill_hard(worker)
        read_at_kill = upload.items.count()
        assert read_at_kill < 400, "the reading finished before the kill; make the upload bigger"
        restarted = time.time()
        worker.start()
        assert wait_until(lambda: worker_ready(celery_queue, restarted - 1), 60), "the worker did not restart"
        assert read_by(upload, 120), f"the redelivered reading did not finish: {upload.items.count()} items"
    finally:
        worker.stop()
    positions = upload.items.values("position").annotate(n=Count("id")).filter(n__gt=1)
    assert not positions.exists()
    outcomes = dict(upload.items.values_list("outcome").annotate(n=Count("id")).order_by())
    assert outcomes == {Outcome.ADDED: 400}, f"killed at {read_at_kill}: {outcomes}"
    assert Article.objects.count() == 400
    assert list(upload.items.order_by("position").values_list("position", flat=True)) == list(range(400))
