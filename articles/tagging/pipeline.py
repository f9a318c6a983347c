"""Tagging a batch of articles: take the work, read the texts, store what they say.

The steps run in order and are called directly (no signals): claim the batch under one lease, tag each
article outside any transaction, then write every result in one short transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import (
    DataError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.db.models import F
from django.utils import timezone

from players.gazetteer import gazetteer_from_db
from tagger import TAGGER_VERSION, tag_article
from tagger.matcher import Gazetteer

from ..bulk import rows_update
from ..models import Article, ArticleStatus
from .storage import Tagged, tag_results_store

log = logging.getLogger(__name__)

# What a lost database connection raises (a restart, a killed backend): worth a retry, unlike a refused write.
DATABASE_LOST = (OperationalError, InterfaceError)


# What tagging reads from an article; the rest (its search vector, its anchors) stays in the database.
TAGGING_FIELDS = [
    "title",
    "text",
    "url",
    "language",
    "published",
    "published_source",
    "created_at",
    "attempts",
    "outlet__name",
]


def articles_take(*, article_ids: Sequence[int], now: dt.datetime) -> list[Article]:
    """Claim the articles of a batch that are ours to tag, all under one lease, so no two deliveries tag one.

    Claimable means pending, or processing under a lease that ran out (its worker died). The rows are locked
    while they are taken; one that another delivery is taking at this instant is skipped, as that one has it.
    The lease's end time is this delivery's token (see articles_still_ours); a batch of TAG_BATCH_SIZE
    articles takes well under a second to tag, TAG_LEASE_SECONDS is minutes.
    """
    lease_until = now + dt.timedelta(seconds=settings.TAG_LEASE_SECONDS)
    with transaction.atomic():
        claimable = Article.objects.filter(pk__in=article_ids).claimable(now).order_by("pk")
        articles = list(
            claimable.select_for_update(skip_locked=True, of=("self",)).select_related("outlet").only(*TAGGING_FIELDS)
        )
        Article.objects.filter(pk__in=[a.pk for a in articles]).update(
            status=ArticleStatus.PROCESSING, lease_until=lease_until, attempts=F("attempts") + 1
        )
    for article in articles:
        article.status, article.lease_until = ArticleStatus.PROCESSING, lease_until
        article.attempts += 1
    return articles


def articles_tag(*, article_ids: Sequence[int]) -> list[Article]:
    """Tag a batch: take it, read each article outside any transaction, then write every result in one.

    Returns the articles this delivery wrote, tagged or failed. A worker that dies half-way leaves the batch
    to whoever takes it over once the lease runs out; what it wrote before is never written twice.
    """
    articles = articles_take(article_ids=article_ids, now=timezone.now())
    if not articles:
        return []
    lease_until = articles[0].lease_until
    try:
        # The knowledge-base check that decides whether the gazetteer is current is several queries: once a batch.
        gazetteer = gazetteer_from_db()
        readings = [article_read(article=article, gazetteer=gazetteer) for article in articles]
        written = readings_store(readings=readings, lease_until=lease_until)
    except DATABASE_LOST:
        articles_release(article_ids=[a.pk for a in articles], lease_until=lease_until)
        raise
    if len(written) < len(articles):
        log.info("%d article(s) of the batch were not written by this delivery", len(articles) - len(written))
    return written


# Seconds between attempts to give a batch back: a database restart takes seconds, and while it lasts no task
# could do anything else anyway. Past the last one the lease runs out and the sweep queues the batch again.
RELEASE_WAITS = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)


def articles_release(*, article_ids: Sequence[int], lease_until: dt.datetime | None) -> int:
    """Give back a batch whose tagging lost the database, so that the task's retry can take it at once.

    Only the articles still under this delivery's lease go back to pending; returns how many. The broken
    connection is dropped before each attempt, waiting out a restart for up to half a minute.
    """
    for wait in (0.0, *RELEASE_WAITS):
        time.sleep(wait)
        if not connection.in_atomic_block:  # inside a caller's transaction the connection is not ours to drop
            close_old_connections()
        try:
            return Article.objects.filter(
                pk__in=article_ids, status=ArticleStatus.PROCESSING, lease_until=lease_until
            ).update(status=ArticleStatus.PENDING, lease_until=None)
        except DATABASE_LOST:
            log.warning("could not give back %d article(s) yet; the database is still away", len(article_ids))
    return 0


def readings_store(*, readings: Sequence[Tagged | Failure], lease_until: dt.datetime | None) -> list[Article]:
    """Write what was read in a batch, in one transaction; returns the articles written.

    If the database refuses one result (a value too long for its column, say), the batch is written again
    one article at a time, so that one article cannot hold back the others; the refused one ends failed.
    """
    try:
        return _readings_write(readings, lease_until)
    except (DataError, IntegrityError):
        log.exception("the database refused a result of the batch; writing its articles one at a time")
    return [article for reading in readings for article in _reading_write_alone(reading, lease_until)]


def _reading_write_alone(reading: Tagged | Failure, lease_until: dt.datetime | None) -> list[Article]:
    try:
        return _readings_write([reading], lease_until)
    except (DataError, IntegrityError) as exc:
        log.exception("the database refused the result of article %s", reading.article.pk)
        refused = Failure(article=reading.article, reason=f"The database refused what the tagger read: {exc}")
        return _readings_write([refused], lease_until)


def _readings_write(readings: Sequence[Tagged | Failure], lease_until: dt.datetime | None) -> list[Article]:
    """Write the readings whose lease still holds, in one transaction."""
    with transaction.atomic():
        ours = articles_still_ours(article_ids=[r.article.pk for r in readings], lease_until=lease_until)
        tag_results_store(
            tagged=[r for r in readings if isinstance(r, Tagged) and r.article.pk in ours],
            tagger_version=TAGGER_VERSION,
        )
        articles_fail(failures=[r for r in readings if isinstance(r, Failure) and r.article.pk in ours])
    return [r.article for r in readings if r.article.pk in ours]


def article_tag(*, article_id: int) -> Article | None:
    """Tag one article if it is ours to tag. Returns the article, or None when someone else has it."""
    written = articles_tag(article_ids=[article_id])
    return written[0] if written else None


@dataclass
class Failure:
    """An article the tagger could not read, and why."""

    article: Article
    reason: str


def article_read(*, article: Article, gazetteer: Gazetteer) -> Tagged | Failure:
    """What the tagger reads in the article, or why it could not."""
    try:
        result = tag_article(
            text=article.text,
            title=article.title,
            gazetteer=gazetteer,
            published=article.published,
            outlet=article.outlet.name if article.outlet else None,
            url=article.url or None,
            language=article.language or None,
            received=timezone.localdate(article.created_at),
        )
    except Exception as exc:  # noqa: BLE001 - any tagger bug must end as a readable failure, not a lost article
        log.exception("tagging article %s failed", article.pk)
        return Failure(article=article, reason=f"The tagger could not read this article: {exc}")
    return Tagged(article=article, result=result)


def articles_still_ours(*, article_ids: Sequence[int], lease_until: dt.datetime | None) -> set[int]:
    """Those whose lease still holds, their rows locked until the write commits.

    The lease's end time is this delivery's token: a delivery that took an article over after our lease
    ran out set a new one, and only one of the two may write, so an article is tagged exactly once.
    """
    leased = Article.objects.select_for_update().filter(
        pk__in=article_ids, status=ArticleStatus.PROCESSING, lease_until=lease_until
    )
    return set(leased.order_by("pk").values_list("pk", flat=True))


def articles_fail(*, failures: Sequence[Failure]) -> None:
    for failure in failures:
        failure.article.mark_failed(failure.reason)
    rows_update(rows=[f.article for f in failures], fields=Article.FAILED_FIELDS)
