"""Import articles from files and folders through the same path as the upload page: the files are stored as
an upload and a worker reads them.

Exit status: without --wait, 0 once the upload is stored. With --wait, 0 when every item was added or a
duplicate, 2 when any was rejected; 1 on an error of its own (a missing path, a reading that failed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.ingest.accept import outlet_named
from articles.ingest.intake import Given, upload_receive
from articles.ingest.readers import KINDS, READERS
from articles.models import ArticleStatus, Outcome, PartKind, Upload, UploadItem, UploadKind, UploadStatus
from articles.tasks import upload_read_enqueue

SUFFIXES = {*READERS, ".zip"}
DONE = {ArticleStatus.TAGGED, ArticleStatus.FAILED}


class Command(BaseCommand):
    help = f"Import articles from files ({KINDS}) and folders; prints one line per article."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders read recursively")
        parser.add_argument("--outlet", default="", help="outlet of the articles that name none")
        parser.add_argument("--language", default="", help="language code (en, it, ...) of articles that give none")
        parser.add_argument(
            "--published", type=_day, default=None, help="YYYY-MM-DD: the publication date of every article imported"
        )
        parser.add_argument(
            "--wait",
            action="store_true",
            help="return only when the files are read and every article is tagged or failed",
        )
        parser.add_argument("--timeout", type=float, default=3600, help="seconds --wait waits at most")
        parser.add_argument("--format", choices=["table", "json"], default="table", dest="output_format")

    def handle(self, *args: Any, **options: Any) -> None:
        paths = _paths(options["paths"])
        upload = upload_receive(
            given=_given(paths),
            kind=UploadKind.COMMAND,
            label=", ".join(options["paths"])[:500],
            outlet=outlet_named(options["outlet"], create=True),
            language=options["language"],
            published=options["published"],
        )
        upload_read_enqueue(upload=upload)
        if not options["wait"]:
            self.stdout.write(
                f"Upload #{upload.pk}: {len(paths)} file(s) received; a worker reads and tags them now. "
                "Run with --wait to wait for the results."
            )
            return
        if not _wait(upload, timeout=options["timeout"]):
            self.stderr.write(f"Gave up waiting after {options['timeout']:g} s; the worker is still at it.")
        upload.refresh_from_db()
        items = list(upload.items.select_related("article"))
        self.stdout.write(_json(upload, items) if options["output_format"] == "json" else _table(upload, items))
        if upload.status == UploadStatus.FAILED:
            raise CommandError(f"Reading the upload stopped: {upload.read_error}", returncode=1)
        if any(item.outcome == Outcome.REJECTED for item in items):
            raise SystemExit(2)

    def execute(self, *args: Any, **options: Any) -> str | None:
        """CommandError exits 1 (Django's default); SystemExit(2) above passes through for rejections."""
        try:
            return super().execute(*args, **options)
        except OSError as exc:
            raise CommandError(str(exc), returncode=1) from exc


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-12-27") from exc


def _paths(paths: list[str]) -> list[Path]:
    """Every readable file under the paths, in a stable order; a path that does not exist is our error."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"{raw}: no such file or folder", returncode=1)
    return found


def _given(paths: list[Path]) -> Iterator[Given]:
    """One file's bytes at a time, and none of a file over the per-file limit."""
    for path in paths:
        size = path.stat().st_size
        data = path.read_bytes() if size <= settings.INGEST_MAX_FILE_BYTES else b""
        yield Given(kind=PartKind.FILE, name=str(path), size=size, data=data)


def _wait(upload: Upload, *, timeout: float) -> bool:
    """Until the upload is read and every article it added is tagged or failed."""
    deadline = time.monotonic() + timeout
    added = upload.items.filter(outcome=Outcome.ADDED)
    unread = Upload.objects.filter(pk=upload.pk, status__in=[UploadStatus.QUEUED, UploadStatus.READING])
    while time.monotonic() < deadline:
        if not unread.exists() and not added.exclude(article__status__in=DONE).exists():
            return True
        time.sleep(0.5)
    return False


def _row(item: UploadItem) -> dict[str, object]:
    article = item.article
    return {
        "position": item.position + 1,
        "source": item.source,
        "outcome": item.outcome,
        "article": item.article_id,
        "status": article.status if article and item.outcome == Outcome.ADDED else None,
        "reason": item.reason or (article.failure_reason if article else "") or None,
        "note": item.note or None,
        "title": item.title or None,
    }


def _json(upload: Upload, items: list[UploadItem]) -> str:
    return json.dumps({"upload": upload.pk, "items": [_row(item) for item in items]}, ensure_ascii=False, indent=2)


def _table(upload: Upload, items: list[UploadItem]) -> str:
    rows = [_row(item) for item in items]
    lines = [
        f"Upload #{upload.pk}: {len(rows)} item(s)",
        f"{'#':>5}  {'result':<10} {'article':>8}  {'status':<10} source",
    ]
    for row in rows:
        article = f"#{row['article']}" if row["article"] else "-"
        lines.append(
            f"{row['position']:>5}  {row['outcome']:<10} {article:>8}  {row['status'] or '-':<10} {row['source']}"
        )
        if row["reason"] or row["note"]:
            lines.append(f"{'':>7}{row['reason'] or row['note']}")
    counts = {outcome: sum(r["outcome"] == outcome for r in rows) for outcome in Outcome.values}
    lines.append(", ".join(f"{n} {outcome}" for outcome, n in counts.items()))
    return "\n".join(lines)
