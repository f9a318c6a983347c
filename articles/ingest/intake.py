"""How an upload comes in: the request only stores what was given, and its caller queues a reading task
(articles.tasks.upload_read_enqueue); the task reads the parts into items, batch by batch, each batch its own
short transaction.

A reading task takes the upload under a lease (a conditional UPDATE, like tagging), so two deliveries never
read one upload at once. The items of an upload are numbered; a delivery that takes over after a crash skips
the items already stored and goes on from there, so a redelivery resumes and never duplicates. The raw parts
are deleted once read, and kept after a failure for UPLOAD_KEEP_FAILED_DAYS, for someone to look at.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import psycopg
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from psycopg import sql

from players.models import Outlet

from ..models import PartKind, Upload, UploadPart, UploadStatus
from .accept import fetch_policy, items_accept, limits_from_settings, reads_within_limit, upload_create
from .copies import CopyIndex
from .links import link_read
from .markup import text_clean
from .readers import file_read, size_refusal
from .types import Draft, Limits, Read, Refusal

log = logging.getLogger(__name__)
PASTED = "Pasted text"


@dataclass
class Given:
    """One thing someone gave: a file (its name and bytes), a pasted text, or a link to fetch."""

    kind: str
    name: str
    data: bytes = b""
    size: int = 0
    title: str = ""
    url: str = ""
    published: dt.date | None = None


def upload_receive(
    *,
    given: Iterable[Given],
    kind: str,
    label: str,
    user: AbstractBaseUser | AnonymousUser | None = None,
    outlet: Outlet | None = None,
    language: str = "",
    published: dt.date | None = None,
) -> Upload:
    """Store what was given as an upload's parts; the caller queues its reading (articles.tasks.upload_read_enqueue).

    Nothing is read here: a file over the size limits is stored without its bytes, with the reason. `published`,
    a date people gave for the whole upload, is kept with it: the reading gives it to every item, over their own.
    """
    limits = limits_from_settings()
    with transaction.atomic():
        upload = upload_create(
            kind=kind,
            label=label,
            user=user,
            outlet=outlet,
            language=language,
            published=published,
            status=UploadStatus.QUEUED,
        )
        total = 0
        for position, part in enumerate(given):
            total += part.size if part.kind == PartKind.FILE else 0
            _part_store(upload, position, part, limits, total)
    return upload


def _part_store(upload: Upload, position: int, part: Given, limits: Limits, total: int) -> None:
    refusal = size_refusal(part.size, total, limits) if part.kind == PartKind.FILE else ""
    stored = UploadPart.objects.create(
        upload=upload,
        position=position,
        kind=part.kind,
        name=part.name[:1000],
        title=part.title[:500],
        url=part.url[:1000],
        published=part.published,
        refusal=refusal,
    )
    if part.data and not refusal:
        _part_data_write(stored.pk, part.data)


def _part_data_write(part_id: int, data: bytes) -> None:
    """Send the bytes as a binary parameter (%b). Django's cursor binds on the client, which spells bytea out
    as hex inside the SQL: twice the size, escaped in Python, parsed back by the server (20 MB: 2.1 s, now 0.5 s)."""
    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cursor:
        update = sql.SQL("UPDATE {} SET data = %b WHERE id = %s").format(sql.Identifier(UploadPart._meta.db_table))
        cursor.execute(update, [data, part_id])


class UploadHeld(Exception):
    """Another delivery holds the upload's lease until `until`: this one should come back then."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(f"upload held until {until:%H:%M:%S}")
        self.until = until


def upload_read(*, upload_id: int, added: Callable[[list[int]], None]) -> None:
    """Read the upload's parts into items, batch by batch, from where an earlier delivery stopped.

    `added` is called inside each batch's transaction with the ids of the articles it added (to queue them for
    tagging on commit). Raises UploadHeld when another delivery holds the upload under a lease that still runs.
    """
    lease = upload_take(upload_id=upload_id, now=timezone.now())
    if lease is None:
        return
    upload = Upload.objects.select_related("feed__outlet", "outlet").get(pk=upload_id)
    done = upload.items.count()
    copies = CopyIndex()
    try:
        reads = itertools.islice(reads_within_limit(upload_reads(upload), limits_from_settings()), done, None)
        for batch in _batches(reads, max(1, settings.UPLOAD_READ_BATCH)):
            lease = _batch_store(upload, batch, start=done, lease=lease, copies=copies, added=added)
            done += len(batch)
    except LeaseLost:
        log.info("upload %s: another delivery took the reading over", upload_id)
        return
    except (OperationalError, InterfaceError):
        raise  # the database went away: the sweep queues the reading again once the lease runs out
    except Exception as exc:  # a bug in a reader must end as a failure people see, its files kept to look at
        log.exception("reading upload %s failed", upload_id)
        upload_failed(upload_id=upload_id, lease=lease, error=str(exc) or type(exc).__name__)
        return
    upload_done(upload_id=upload_id, lease=lease)


class LeaseLost(Exception):
    """The lease ran out and another delivery took the upload: this one stops writing."""


def upload_take(*, upload_id: int, now: dt.datetime) -> dt.datetime | None:
    """Claim the reading with a conditional UPDATE; returns the lease's end, this delivery's token."""
    lease = now + dt.timedelta(seconds=settings.UPLOAD_READ_LEASE_SECONDS)
    if Upload.objects.readable(now).filter(pk=upload_id).update(status=UploadStatus.READING, read_lease_until=lease):
        return lease
    held = Upload.objects.filter(pk=upload_id, status=UploadStatus.READING).values_list("read_lease_until", flat=True)
    if held and held[0] is not None:
        raise UploadHeld(held[0])
    return None


def _batch_store(
    upload: Upload,
    batch: Sequence[Read],
    *,
    start: int,
    lease: dt.datetime,
    copies: CopyIndex,
    added: Callable[[list[int]], None],
) -> dt.datetime:
    """Store one batch if the lease is still ours, and renew the lease with it, in one transaction."""
    renewed = timezone.now() + dt.timedelta(seconds=settings.UPLOAD_READ_LEASE_SECONDS)
    with transaction.atomic():
        if not Upload.objects.filter(pk=upload.pk, read_lease_until=lease).update(read_lease_until=renewed):
            raise LeaseLost
        added(items_accept(upload=upload, reads=batch, start=start, copies=copies))
    return renewed


def upload_done(*, upload_id: int, lease: dt.datetime) -> None:
    with transaction.atomic():
        finished = Upload.objects.filter(pk=upload_id, read_lease_until=lease).update(
            status=UploadStatus.READ, read_lease_until=None, read_at=timezone.now()
        )
        if finished:
            UploadPart.objects.filter(upload_id=upload_id).delete()


def upload_failed(*, upload_id: int, lease: dt.datetime, error: str) -> None:
    """The parts stay for UPLOAD_KEEP_FAILED_DAYS; the items read so far stay too."""
    Upload.objects.filter(pk=upload_id, read_lease_until=lease).update(
        status=UploadStatus.FAILED, read_lease_until=None, read_at=timezone.now(), read_error=error[:2000]
    )


# A batch also closes at this much text, so that long articles never hold more than this in memory at once.
BATCH_CHARS = 4_000_000


def _batches(reads: Iterator[Read], size: int) -> Iterator[list[Read]]:
    batch: list[Read] = []
    chars = 0
    for read in reads:
        batch.append(read)
        chars += len(read.text) if isinstance(read, Draft) else 0
        if len(batch) >= size or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def upload_reads(upload: Upload) -> Iterator[Read]:
    """Every read of the upload's parts in order, one part's bytes in memory at a time."""
    limits = limits_from_settings()
    for part_id in upload.parts.order_by("position").values_list("pk", flat=True):
        part = UploadPart.objects.defer("data").get(pk=part_id)
        if part.refusal:
            yield Refusal(part.name, part.refusal)
        elif part.kind == PartKind.LINK:
            yield link_read(part.name, policy=fetch_policy())
        elif part.kind == PartKind.TEXT:
            yield _pasted(part)
        else:
            # The bytes go straight to the reader, which lets go of them once decoded.
            yield from file_read(part.name, _part_bytes(part_id), limits)


def _part_bytes(part_id: int) -> bytes:
    data = UploadPart.objects.values_list("data", flat=True).get(pk=part_id)
    return data if isinstance(data, bytes) else bytes(data)


def _pasted(part: UploadPart) -> Draft:
    text = _part_bytes(part.pk).decode("utf-8")
    title = text_clean(part.title).replace("\n", " ")
    return Draft(source=PASTED, text=text_clean(text), url=part.url.strip(), title=title, published=part.published)


def uploads_stuck(*, now: dt.datetime, readings_waiting: bool) -> list[int]:
    """The uploads nobody reads (a send that failed, a worker that died), for the sweep to queue again; and
    the parts of failed readings kept long enough are deleted.

    While readings wait in their queue (`readings_waiting`), a queued upload is all but surely among them: only
    uploads whose reader died (their lease ran out) count as stuck then.
    """
    expired = now - dt.timedelta(days=settings.UPLOAD_KEEP_FAILED_DAYS)
    UploadPart.objects.filter(upload__status=UploadStatus.FAILED, upload__read_at__lt=expired).delete()
    quiet_since = now - dt.timedelta(seconds=settings.SWEEP_INTERVAL_SECONDS)
    stuck = Upload.objects.readable(now).filter(created_at__lt=quiet_since)
    if readings_waiting:
        stuck = stuck.filter(status=UploadStatus.READING)
    return list(stuck.order_by("pk").values_list("pk", flat=True)[:100])
