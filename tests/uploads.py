"""Adding articles in tests the way people do: through an upload, read here by the reading task's function."""

from __future__ import annotations

import datetime as dt

from articles.ingest.intake import PASTED, Given, upload_receive
from articles.models import Article, PartKind, Upload, UploadItem, UploadKind, UploadStatus
from articles.tasks import upload_read_and_queue, upload_read_enqueue


def paste_given(text: str, *, title: str = "", published: dt.date | None = None) -> Given:
    return Given(kind=PartKind.TEXT, name=PASTED, data=text.encode("utf-8"), title=title, published=published)


def upload_sent(given: list[Given], *, kind: str = UploadKind.COMMAND, label: str = "") -> Upload:
    """Receive what was given and queue its reading for a worker, as the upload page and the command do."""
    upload = upload_receive(given=given, kind=kind, label=label)
    upload_read_enqueue(upload=upload)
    return upload


def pasted(text: str, *, title: str = "", published: dt.date | None = None) -> UploadItem:
    """Paste one article and read it in this process, as the reading task would; its one item."""
    upload = upload_receive(given=[paste_given(text, title=title, published=published)], kind=UploadKind.PAGE, label="")
    upload_read_and_queue(upload_id=upload.pk)
    return upload.items.get()


def article_pasted(text: str, *, title: str = "", published: dt.date | None = None) -> Article:
    item = pasted(text, title=title, published=published)
    assert item.article_id is not None, item.reason
    return Article.objects.get(pk=item.article_id)


def uploads_read() -> None:
    """Read every upload still waiting, as the reading tasks would (tests without a worker)."""
    for pk in Upload.objects.filter(status=UploadStatus.QUEUED).order_by("pk").values_list("pk", flat=True):
        upload_read_and_queue(upload_id=pk)
