"""The reading task's bookkeeping, called directly: leases, resuming, and what is kept after a failure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from articles.ingest.intake import Given, UploadHeld, upload_read, upload_receive, upload_take
from articles.models import Article, Outcome, PartKind, Upload, UploadKind, UploadPart, UploadStatus
from articles.tasks import upload_read_and_queue, uploads_sweep

from .samples import article, jsonl

pytestmark = pytest.mark.django_db


def received(count: int) -> Upload:
    data = jsonl([{"text": article(n)} for n in range(count)])
    given = Given(kind=PartKind.FILE, name="a.jsonl", data=data, size=len(data))
    return upload_receive(given=[given], kind=UploadKind.COMMAND, label="a.jsonl")


def test_a_second_delivery_waits_for_the_first_ones_lease_then_resumes_after_its_last_batch(settings) -> None:  # type: ignore[no-untyped-def]
    settings.UPLOAD_READ_BATCH = 10
    upload = received(25)
    now = timezone.now()
    assert upload_take(upload_id=upload.pk, now=now) is not None
    with pytest.raises(UploadHeld):  # the task comes back when the lease runs out, having read nothing
        upload_read_and_queue(upload_id=upload.pk)
    assert not upload.items.exists()
    # The first delivery stored one batch, then died: its lease runs out.
    first_batch = received(10)
    upload_read_and_queue(upload_id=first_batch.pk)
    first_batch.items.update(upload=upload)
    Upload.objects.filter(pk=upload.pk).update(read_lease_until=now - dt.timedelta(seconds=1))
    upload_read_and_queue(upload_id=upload.pk)
    upload.refresh_from_db()
    assert upload.status == UploadStatus.READ and not upload.parts.exists()
    assert list(upload.items.order_by("position").values_list("position", flat=True)) == list(range(25))
    assert upload.items.filter(outcome=Outcome.DUPLICATE).count() == 0, "the first ten were not read again"


def test_each_batch_hands_over_the_articles_it_added(settings) -> None:  # type: ignore[no-untyped-def]
    settings.UPLOAD_READ_BATCH = 10
    upload = received(25)
    handed: list[list[int]] = []
    upload_read(upload_id=upload.pk, added=handed.append)
    assert [len(ids) for ids in handed] == [10, 10, 5]
    added = upload.items.filter(outcome=Outcome.ADDED).order_by("position").values_list("article_id", flat=True)
    assert [article_id for ids in handed for article_id in ids] == list(added)


def test_the_files_of_a_failed_reading_are_kept_for_the_set_number_of_days(settings) -> None:  # type: ignore[no-untyped-def]
    settings.UPLOAD_KEEP_FAILED_DAYS = 7
    old, recent = received(1), received(1)
    Upload.objects.filter(pk=old.pk).update(status=UploadStatus.FAILED, read_at=timezone.now() - dt.timedelta(days=8))
    Upload.objects.filter(pk=recent.pk).update(status=UploadStatus.FAILED, read_at=timezone.now())
    uploads_sweep(now=timezone.now())
    assert not UploadPart.objects.filter(upload=old).exists()
    assert UploadPart.objects.filter(upload=recent).exists()


def test_the_date_given_for_the_whole_upload_is_kept_until_the_reading_and_outranks_the_files_own(settings) -> None:  # type: ignore[no-untyped-def]
    settings.UPLOAD_READ_BATCH = 2
    data = jsonl([{"text": article(n), "published": "2025-03-12"} for n in range(3)])
    given = Given(kind=PartKind.FILE, name="a.jsonl", data=data, size=len(data))
    upload = upload_receive(given=[given], kind=UploadKind.PAGE, label="a.jsonl", published=dt.date(2024, 12, 27))
    upload_read_and_queue(upload_id=upload.pk)
    dates = Article.objects.filter(upload_items__upload=upload).values_list("published", "published_source")
    assert list(dates) == [(dt.date(2024, 12, 27), "given")] * 3
