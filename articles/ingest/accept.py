"""Accepting what the readers found: one item per article of an upload, batch by batch, each batch's new
articles saved in bulk and queued for the worker once its transaction commits.

The content hash decides duplicates: the articles we have are found with a plain read, the new ones inserted
(INSERT ... ON CONFLICT DO NOTHING settles a race with another upload). Near-copies are marked `copy_of` the
first article in the same transaction, before the worker sees them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from players.models import Outlet, OutletDomain, PlayerStatus, Source
from tagger.dates import DateReading, date_read

from ..models import Article, ArticleStatus, Feed, Outcome, Upload, UploadItem, UploadStatus, content_hash
from .copies import CopyIndex, copies_mark
from .fetch import FetchPolicy
from .similar import text_anchors
from .types import Draft, Limits, Read, Refusal

log = logging.getLogger(__name__)
INSERT_CHUNK = 2000


def limits_from_settings() -> Limits:
    return Limits(
        file_bytes=settings.INGEST_MAX_FILE_BYTES,
        upload_bytes=settings.INGEST_MAX_UPLOAD_BYTES,
        articles=settings.INGEST_MAX_ARTICLES,
        zip_entries=settings.INGEST_MAX_ZIP_ENTRIES,
        zip_bytes=settings.INGEST_MAX_ZIP_BYTES,
        article_chars=settings.INGEST_MAX_ARTICLE_CHARS,
        min_chars=settings.INGEST_MIN_ARTICLE_CHARS,
    )


def fetch_policy() -> FetchPolicy:
    return FetchPolicy(
        timeout=settings.FETCH_TIMEOUT_SECONDS,
        max_bytes=settings.FETCH_MAX_BYTES,
        max_redirects=settings.FETCH_MAX_REDIRECTS,
        allow_private=settings.FETCH_ALLOW_PRIVATE,
    )


@dataclass
class _Row:
    """One item on its way to the database: the read, and the article it turned into (if any)."""

    read: Read
    key: str = ""
    article: Article | None = None
    reason: str = ""
    notes: list[str] = field(default_factory=list)


def upload_accept(
    *,
    reads: Iterable[Read],
    kind: str,
    label: str = "",
    user: AbstractBaseUser | AnonymousUser | None = None,
    outlet: Outlet | None = None,
    language: str = "",
    feed: Feed | None = None,
    keys: Sequence[str] = (),
) -> Upload:
    """Record, all at once, an upload read where it was made: a feed poll, already inside its worker. The caller
    queues the new articles for tagging (articles.tasks.upload_enqueue).

    `outlet` and `language` apply to items that carry none of their own; `keys` are feed item keys, one per read.
    What people give goes through articles/ingest/intake.py instead, read by a task of its own.
    """
    with transaction.atomic():
        upload = upload_create(kind=kind, label=label, user=user, outlet=outlet, language=language, feed=feed)
        items_accept(upload=upload, reads=list(reads_within_limit(reads, limits_from_settings())), start=0, keys=keys)
    return upload


def upload_create(
    *,
    kind: str,
    label: str,
    user: AbstractBaseUser | AnonymousUser | None,
    outlet: Outlet | None,
    language: str,
    feed: Feed | None = None,
    status: str = UploadStatus.READ,
    published: dt.date | None = None,
) -> Upload:
    """The upload's own row: who gave it, where from, the date given for all of it, and how far its reading is
    (read already, unless told)."""
    return Upload.objects.create(
        kind=kind,
        label=label[:500],
        created_by_id=user.pk if user is not None and user.is_authenticated else None,
        feed=feed,
        outlet=outlet,
        language=language,
        published=published,
        status=status,
        read_at=timezone.now() if status == UploadStatus.READ else None,
    )


def reads_within_limit(reads: Iterable[Read], limits: Limits) -> Iterator[Read]:
    """The reads of one upload, those past the limit of articles per upload refused (and never held)."""
    drafts = 0
    for read in reads:
        if isinstance(read, Draft):
            drafts += 1
            if drafts > limits.articles:
                yield Refusal(
                    read.source,
                    f"Over the limit of {limits.articles:,} articles per upload (INGEST_MAX_ARTICLES); not read.",
                )
                continue
        yield read


def items_accept(
    *, upload: Upload, reads: Sequence[Read], start: int, keys: Sequence[str] = (), copies: CopyIndex | None = None
) -> list[int]:
    """One batch of an upload's items, from position `start`, in one short transaction of its own.

    Articles we have are found with a plain read, which waits on no lock: a tagging worker may hold their rows
    for a while. Only the new texts are inserted, so the unique hash only settles a race with another upload.
    Returns the ids of the new articles, for the caller to queue for tagging. `copies` carries what the upload's earlier
    batches learned about near-copies.
    """
    limits = limits_from_settings()
    outlets = OutletFinder(default=upload.outlet, feed_outlet=upload.feed.outlet if upload.feed else None)
    rows = [_Row(read=read, key=keys[start + i] if start + i < len(keys) else "") for i, read in enumerate(reads)]
    for row in rows:
        _prepare(
            row,
            limits=limits,
            outlets=outlets,
            language=upload.language,
            uploader=upload.created_by_id,
            published=upload.published,
        )
    with transaction.atomic():
        created = _articles_save(rows)
        copies_mark(articles=_created_articles(rows, created), known=copies)
        UploadItem.objects.bulk_create(
            [_item(upload, start + i, row, created) for i, row in enumerate(rows)], batch_size=2000
        )
    return sorted(created)


def _prepare(
    row: _Row, *, limits: Limits, outlets: OutletFinder, language: str, uploader: int | None, published: dt.date | None
) -> None:
    """`published` is the date people gave for the whole upload: it outranks every date the item carries."""
    read = row.read
    if isinstance(read, Refusal):
        row.reason = read.reason
        return
    row.reason = _text_refusal(read.text, limits) or _nul_refusal(read)
    if row.reason:
        return
    row.notes = list(read.notes)
    dated = _date_of(read, published)
    row.article = Article(
        title=read.title[:500],
        text=read.text,
        url=_url(read.url, row.notes),
        outlet=outlets.for_draft(read),
        language=_language(read.language or language, row.notes),
        published=dated.day,
        published_source=dated.source,
        uploaded_by_id=uploader,
        content_hash=content_hash(read.text),
        anchors=text_anchors(read.text),
    )


def _date_of(read: Draft, published: dt.date | None) -> DateReading:
    """The upload's date, else the item's own (from its file, feed or page), else its URL's or text's."""
    carried = {read.published_source: read.published}
    return date_read(
        received=timezone.localdate(),
        given=published or carried.get("given"),
        feed=carried.get("feed"),
        page=carried.get("page"),
        url=read.url,
        text=read.text,
    )


def _nul_refusal(draft: Draft) -> str:
    """PostgreSQL stores no NUL character in text: an item holding one is refused, not the upload."""
    for name in ("text", "title", "url", "outlet", "site_name", "language"):
        if "\x00" in getattr(draft, name):
            return f"Its {name} holds a NUL character (\\u0000), which no text may hold; remove it and upload it again."
    return ""


def _text_refusal(text: str, limits: Limits) -> str:
    length = len(text.strip())
    if length == 0:
        return "There is no text in it."
    if length < limits.min_chars:
        return (
            f"Too short to be an article: {length} characters, and at least {limits.min_chars} are needed "
            "(INGEST_MIN_ARTICLE_CHARS)."
        )
    if length > limits.article_chars:
        return (
            f"Too long: {length:,} characters, over the limit of {limits.article_chars:,} per article "
            "(INGEST_MAX_ARTICLE_CHARS)."
        )
    return ""


def _url(url: str, notes: list[str]) -> str:
    url = url.strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        notes.append(f"the URL {url[:80]!r} is not a web address and was left out")
        return ""
    if len(url) > 1000:
        notes.append("the URL is over 1,000 characters and was left out")
        return ""
    return url


def _language(code: str, notes: list[str]) -> str:
    """A two-letter code, or empty so the tagger detects it."""
    code = code.strip().lower()
    if not code:
        return ""
    if len(code) >= 2 and code[:2].isalpha() and (len(code) == 2 or code[2] in "-_"):
        return code[:2]
    notes.append(f"the language {code[:20]!r} was not understood; it will be detected")
    return ""


def _articles_save(rows: list[_Row]) -> set[int]:
    """Insert the new articles; every row gets its article's id, created here or found. Returns the created ids."""
    unique: dict[str, _Row] = {}
    for row in rows:
        if row.article is not None:
            unique.setdefault(row.article.content_hash, row)
    # A plain read: it takes no lock and waits on none, whatever a tagging worker holds.
    ids = dict(Article.objects.filter(content_hash__in=list(unique)).values_list("content_hash", "pk"))
    inserted = _articles_insert_each_on_its_own([r for h, r in unique.items() if h not in ids])
    raced = [h for h in unique if h not in ids and h not in inserted and unique[h].article is not None]
    ids |= dict(Article.objects.filter(content_hash__in=raced).values_list("content_hash", "pk")) | inserted
    seen: set[str] = set()
    for row in rows:
        if row.article is None:
            continue
        digest = row.article.content_hash
        if digest not in ids:  # the database refused the first row of this text: its repeats share the reason
            row.reason, row.article = unique[digest].reason, None
            continue
        row.article.pk = ids[digest]
        if digest not in inserted or digest in seen:
            row.notes.insert(0, "duplicate")
        seen.add(digest)
    return set(inserted.values())


def _articles_insert_each_on_its_own(rows: list[_Row]) -> dict[str, int]:
    """Insert the rows' articles at once; if the database refuses one, each alone, so it cannot take the others.

    A refused row loses its article and gets the database's reason.
    """
    try:
        with transaction.atomic():
            return articles_insert([row.article for row in rows if row.article is not None])
    except (DataError, IntegrityError):
        log.warning("the database refused an article of a batch; inserting them one at a time")
    inserted: dict[str, int] = {}
    for row in rows:
        assert row.article is not None
        try:
            with transaction.atomic():
                inserted |= articles_insert([row.article])
        except (DataError, IntegrityError) as exc:
            row.reason, row.article = f"The database refused it: {str(exc).splitlines()[0]}", None
    return inserted


def _created_articles(rows: list[_Row], created: set[int]) -> list[Article]:
    """The article objects this upload inserted, one per id (a repeat within the upload shares its first's id)."""
    first: dict[int, Article] = {}
    for row in rows:
        if row.article is not None and row.article.pk in created:
            first.setdefault(row.article.pk, row.article)
    return list(first.values())


def articles_insert(articles: list[Article]) -> dict[str, int]:
    """INSERT ... ON CONFLICT (content_hash) DO NOTHING; the hash and id of each row the database inserted.

    Rows go in as one array per column (INSERT ... SELECT FROM unnest), a few queries for thousands of
    articles and no per-value conversion in Python. Array columns travel as text and are cast back.
    """
    fields = [f for f in Article._meta.concrete_fields if not f.primary_key and not getattr(f, "generated", False)]
    types = [f.db_type(connection) or "text" for f in fields]
    names = [f"c{i}" for i in range(len(fields))]
    selected = [f"u.{n}::{t}" if t.endswith("[]") else f"u.{n}" for n, t in zip(names, types, strict=True)]
    sql = (
        f"INSERT INTO {connection.ops.quote_name(Article._meta.db_table)} "
        f"({', '.join(connection.ops.quote_name(str(f.column)) for f in fields)}) "
        f"SELECT {', '.join(selected)} "
        f"FROM unnest({', '.join('%s::text[]' if t.endswith('[]') else f'%s::{t}[]' for t in types)}) "
        f"AS u({', '.join(names)}) ON CONFLICT (content_hash) DO NOTHING RETURNING content_hash, id"
    )
    now = timezone.now()
    inserted: dict[str, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(articles), INSERT_CHUNK):
            chunk = articles[start : start + INSERT_CHUNK]
            for article in chunk:
                article.created_at = article.updated_at = now
            cursor.execute(
                sql, [_column(chunk, f.attname, t.endswith("[]")) for f, t in zip(fields, types, strict=True)]
            )
            inserted.update(dict(cursor.fetchall()))
    return inserted


def _column(articles: list[Article], attname: str, is_array: bool) -> list[object]:
    values = [getattr(article, attname) for article in articles]
    return ["{" + ",".join(map(str, value)) + "}" for value in values] if is_array else values


def _item(upload: Upload, position: int, row: _Row, created: set[int]) -> UploadItem:
    read = row.read
    source = read.source.replace("\x00", "")[:500]
    item = UploadItem(upload=upload, position=position, source=source, feed=upload.feed, feed_key=row.key[:500])
    if row.article is None:
        item.outcome, item.reason = Outcome.REJECTED, row.reason or "It could not be read."
        return item
    notes = [n for n in row.notes if n != "duplicate"]
    item.outcome = Outcome.DUPLICATE if "duplicate" in row.notes else Outcome.ADDED
    if item.outcome == Outcome.ADDED and row.article.copy_of_id:
        notes.insert(0, f"near-copy of #{row.article.copy_of_id}")
    item.article_id, item.title, item.note = row.article.pk, row.article.title, "; ".join(notes)[:500]
    return item


class OutletFinder:
    """Which outlet published a draft: its own field, the upload's default, the feed's outlet, the URL's
    domain, or the site name in the page's metadata, in that order. Answers are cached per upload."""

    def __init__(self, *, default: Outlet | None, feed_outlet: Outlet | None) -> None:
        self.default = default
        self.feed_outlet = feed_outlet
        self.cache: dict[tuple[str, str], Outlet | None] = {}

    def for_draft(self, draft: Draft) -> Outlet | None:
        if draft.outlet:
            return self._cached("name", draft.outlet, lambda: outlet_named(draft.outlet, create=True))
        found = self.default or self.feed_outlet
        if found is None and draft.url:
            host = (urlsplit(draft.url).hostname or "").lower()
            found = self._cached("domain", host, lambda: outlet_for_host(host))
        if found is None and draft.site_name:
            found = self._cached(
                "site", draft.site_name, lambda: outlet_named(draft.site_name, create=True, candidate=True)
            )
        return found

    def _cached(self, kind: str, value: str, find):  # type: ignore[no-untyped-def]
        if (kind, value) not in self.cache:
            self.cache[(kind, value)] = find()
        return self.cache[(kind, value)]


def outlet_named(name: str, *, create: bool, candidate: bool = False) -> Outlet | None:
    """The outlet of that name or alias; a new one when allowed (a site name only becomes a candidate)."""
    name = name.strip()[:200]
    if not name:
        return None
    found = Outlet.objects.named(name)
    if found is not None or not create:
        return found
    defaults = {"status": PlayerStatus.CANDIDATE, "source": Source.TAGGER} if candidate else {}
    outlet, _ = Outlet.objects.get_or_create(name=name, defaults=defaults)
    return outlet


def outlet_for_host(host: str) -> Outlet | None:
    """By the web domain: 'www.sport.sky.it' tries sport.sky.it, then sky.it."""
    labels = host.removeprefix("www.").split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    domains = {d.domain: d for d in OutletDomain.objects.filter(domain__in=candidates).select_related("outlet")}
    for candidate in candidates:
        if candidate in domains:
            return domains[candidate].outlet
    return None


def upload_progress(upload: Upload) -> dict[str, int]:
    """How far the worker is with the upload's added articles, for the live progress line."""
    counts = {outcome: 0 for outcome in Outcome.values} | {status: 0 for status in ArticleStatus.values}
    for row in upload.items.values("outcome", "article__status").annotate(n=Count("id")).order_by():
        counts[row["outcome"]] += row["n"]
        if row["outcome"] == Outcome.ADDED and row["article__status"]:
            counts[row["article__status"]] += row["n"]
    counts["total"] = sum(counts[o] for o in Outcome.values)
    counts["working"] = counts[ArticleStatus.PENDING] + counts[ArticleStatus.PROCESSING]
    return counts
