"""import_articles: the upload page's code path from the command line, read by a real worker, with its exit
statuses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Upload, UploadKind, UploadStatus

from .samples import ITALIAN, TOMORI, jsonl, zip_of

pytestmark = pytest.mark.django_db
WAIT = ("--wait", "--timeout", "90")


def run(*args: str) -> int:
    try:
        call_command("import_articles", *args)
    except SystemExit as exit_status:
        return int(exit_status.code or 0)
    return 0


def test_without_wait_it_stores_the_files_and_leaves_the_reading_to_a_worker(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(TOMORI)
    assert run(str(tmp_path)) == 0
    upload = Upload.objects.get()
    assert upload.status == UploadStatus.QUEUED and upload.parts.get().name.endswith("a.txt")
    assert f"Upload #{upload.pk}: 1 file(s) received" in capsys.readouterr().out
    assert not Article.objects.exists()


@pytest.mark.worker
def test_folders_are_read_recursively_and_all_added_exits_0(tmp_path: Path, capsys, celery_worker_process) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(f"Tomori\n\n{TOMORI}")
    (tmp_path / "sub" / "b.zip").write_bytes(zip_of({"c.jsonl": jsonl([{"text": ITALIAN}])}))
    (tmp_path / "notes.md").write_text("not an article kind, skipped when walking a folder")
    assert run(str(tmp_path), "--outlet", "Tuttosport", "--language", "it", *WAIT) == 0
    out = capsys.readouterr().out
    assert "2 added, 0 duplicate, 0 rejected" in out and "b.zip › c.jsonl › line 1" in out
    upload = Upload.objects.get()
    assert upload.kind == UploadKind.COMMAND and upload.items.count() == 2
    assert set(Article.objects.values_list("outlet__name", "language")) == {("Tuttosport", "it")}


@pytest.mark.worker
def test_duplicates_still_exit_0_and_json_names_the_first_article(
    tmp_path: Path, capsys, celery_worker_process
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "a.jsonl"
    source.write_bytes(jsonl([{"text": TOMORI}]))
    run(str(source), *WAIT)
    capsys.readouterr()
    assert run(str(source), "--format", "json", *WAIT) == 0
    (item,) = json.loads(capsys.readouterr().out)["items"]
    assert item["outcome"] == "duplicate" and item["article"] == Article.objects.get().pk


@pytest.mark.worker
def test_any_rejection_exits_2_with_the_reason(tmp_path: Path, capsys, celery_worker_process) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text(TOMORI)
    assert run(str(tmp_path), *WAIT) == 2
    assert "The file is empty (0 bytes)." in capsys.readouterr().out


def test_a_missing_path_is_an_error_of_its_own(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file or folder") as error:
        call_command("import_articles", str(tmp_path / "missing.jsonl"))
    assert error.value.returncode == 1
    assert Upload.objects.count() == 0


def test_published_dates_every_article_imported(tmp_path: Path, celery_worker_process) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(TOMORI)
    assert run(str(tmp_path), "--published", "2024-12-27", *WAIT) == 0
    assert list(Article.objects.values_list("published", "published_source")) == [(dt.date(2024, 12, 27), "given")]
    with pytest.raises(CommandError, match="is not a date like 2024-12-27"):
        call_command("import_articles", str(tmp_path), "--published", "27/12")
