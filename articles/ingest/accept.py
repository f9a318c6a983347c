"""Accepting what the readers found: one Upload with one item per article, the articles saved in bulk and
queued for the worker once the transaction commits.

The unique content hash decides duplicates (INSERT ... ON CONFLICT DO NOTHING): the rows the database
inserted are ours, every other hash already belonged to an article. Near-copies are marked `copy_of` the
first article in the same transaction, before the worker sees them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from players.models import Outlet, OutletDomain, PlayerStatus, Source

from ..models import Article, ArticleStatus, Feed, Outcome, Upload, UploadItem, content_hash
from ..tagger.dates import DateReading, date_read
from .copies import copies_mark
from .fetch import FetchPolicy
from .similar import text_anchors
from .types import Draft, Limits, Read, Refusal

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
    reads: Sequence[Read],
    kind: str,
    label: str = "",
    user: AbstractBaseUser | AnonymousUser | None = None,
    outlet: Outlet | None = None,
    language: str = "",
    feed: Feed | None = None,
    keys: Sequence[str] = (),
    published: dt.date | None = None,
) -> Upload:
    """Record the upload and its items and save the new articles; the caller queues them for tagging
    (articles.tasks.upload_enqueue).

    `outlet` and `language` apply to items that carry none of their own; `keys` are feed item keys, one per read;
    `published`, a date people gave for the whole upload, outranks every date the items carry.
    """
    limits = limits_from_settings()
    uploader = user.pk if user is not None and user.is_authenticated else None
    outlets = OutletFinder(default=outlet, feed_outlet=feed.outlet if feed else None)
    rows = [_Row(read=read, key=keys[i] if i < len(keys) else "") for i, read in enumerate(reads)]
    drafts = 0
    for row in rows:
        drafts += isinstance(row.read, Draft)
        _prepare(
            row,
            over_limit=drafts > limits.articles,
            limits=limits,
            outlets=outlets,
            language=language,
            uploader=uploader,
            published=published,
        )
    with transaction.atomic():
        upload = Upload.objects.create(kind=kind, label=label[:500], created_by_id=uploader, feed=feed)
        created = _articles_save(rows)
        copies_mark(articles=_created_articles(rows, created))
        UploadItem.objects.bulk_create(
            [_item(upload, i, row, feed, created) for i, row in enumerate(rows)], batch_size=2000
        )
    return upload


def _prepare(
    row: _Row,
    *,
    over_limit: bool,
    limits: Limits,
    outlets: OutletFinder,
    language: str,
    uploader: int | None,
    published: dt.date | None,
) -> None:
    read = row.read
    if isinstance(read, Refusal):
        row.reason = read.reason
        return
    if over_limit:
        row.reason = f"Over the limit of {limits.articles:,} articles per upload (INGEST_MAX_ARTICLES); not read."
        return
    row.reason = _text_refusal(read.text, limits)
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
    unique: dict[str, Article] = {}
    for row in rows:
        if row.article is not None:
            unique.setdefault(row.article.content_hash, row.article)
    inserted = articles_insert(list(unique.values()))
    missing = [h for h in unique if h not in inserted]
    existing = dict(Article.objects.filter(content_hash__in=missing).values_list("content_hash", "pk"))
    ids = {**existing, **inserted}
    seen: set[str] = set()
    for row in rows:
        if row.article is None:
            continue
        digest = row.article.content_hash
        row.article.pk = ids[digest]
        if digest not in inserted or digest in seen:
            row.notes.insert(0, "duplicate")
        seen.add(digest)
    return set(inserted.values())


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


def _item(upload: Upload, position: int, row: _Row, feed: Feed | None, created: set[int]) -> UploadItem:
    read = row.read
    item = UploadItem(upload=upload, position=position, source=read.source[:500], feed=feed, feed_key=row.key[:500])
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
