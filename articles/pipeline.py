"""Tagging one article: take the work, read the text, store what it says.

The steps run in order and are called directly (no signals): claim the article under a lease,
tag it outside any transaction, then write every result in one short transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from players.gazetteer import gazetteer_from_db
from players.matcher import Gazetteer

from .models import Article, ArticleStatus
from .storage import tag_result_store
from .tagger import TAGGER_VERSION, tag_article

log = logging.getLogger(__name__)


def article_take(*, article_id: int, now: dt.datetime) -> Article | None:
    """Claim the article with a conditional UPDATE, so two deliveries never tag it at once.

    A processing article whose lease ran out is taken over: its worker died.
    """
    lease_until = now + dt.timedelta(seconds=settings.TAG_LEASE_SECONDS)
    taken = (
        Article.objects.filter(pk=article_id)
        .claimable(now)
        .update(status=ArticleStatus.PROCESSING, lease_until=lease_until, attempts=F("attempts") + 1)
    )
    return Article.objects.filter(pk=article_id).first() if taken else None


def articles_tag(*, article_ids: Sequence[int]) -> None:
    """Tag a batch: the knowledge-base check that decides whether the gazetteer is current runs once, not per
    article (it is several queries), and each article still takes its own lease."""
    gazetteer = gazetteer_from_db()
    for article_id in article_ids:
        article_tag(article_id=article_id, gazetteer=gazetteer)


def article_tag(*, article_id: int, gazetteer: Gazetteer | None = None) -> Article | None:
    """Tag one article if it is ours to tag. Returns the article, or None when someone else has it."""
    article = article_take(article_id=article_id, now=timezone.now())
    if article is None:
        return None
    try:
        result = tag_article(
            text=article.text,
            title=article.title,
            gazetteer=gazetteer if gazetteer is not None else gazetteer_from_db(),
            published=article.published,
            outlet=article.outlet.name if article.outlet else None,
            url=article.url or None,
            language=article.language or None,
        )
    except Exception as exc:  # noqa: BLE001 - any tagger bug must end as a readable failure, not a lost article
        log.exception("tagging article %s failed", article_id)
        article_fail(article=article, reason=f"The tagger could not read this article: {exc}")
        return article
    with transaction.atomic():
        if not article_still_ours(article=article):
            log.info("article %s was taken over while we tagged it; our result is dropped", article_id)
            return None
        tag_result_store(article=article, result=result, tagger_version=TAGGER_VERSION)
    return article


def article_still_ours(*, article: Article) -> bool:
    """Whether our lease still holds, locking the row until the write commits.

    The lease's end time is this delivery's token: a delivery that took the article over after our lease
    ran out set a new one, and only one of the two may write, so an article is tagged exactly once.
    """
    return (
        Article.objects.select_for_update()
        .filter(pk=article.pk, status=ArticleStatus.PROCESSING, lease_until=article.lease_until)
        .exists()
    )


def article_fail(*, article: Article, reason: str) -> None:
    Article.objects.filter(pk=article.pk).update(
        status=ArticleStatus.FAILED, failure_reason=reason[:2000], lease_until=None
    )
    article.refresh_from_db()


def article_enqueue(*, article_id: int) -> None:
    """Queue the article once the transaction that saved it commits."""
    transaction.on_commit(lambda: article_send(article_id=article_id))


def articles_enqueue(*, article_ids: Sequence[int]) -> None:
    """Queue many articles, in batches, once the transaction that saved them commits."""
    if article_ids:
        ids = list(article_ids)
        transaction.on_commit(lambda: articles_send(article_ids=ids))


def articles_send(*, article_ids: Sequence[int]) -> int:
    """Send tagging tasks of TAG_BATCH_SIZE articles each; returns how many articles were queued.

    The first broker failure stops the sending: the rest stay pending and the sweep queues them later.
    """
    from kombu.exceptions import OperationalError

    from .tasks import tag_articles_task

    size = max(1, settings.TAG_BATCH_SIZE)
    for start in range(0, len(article_ids), size):
        chunk = list(article_ids[start : start + size])
        try:
            tag_articles_task.apply_async(
                args=[chunk], retry=True, retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
            )
        except OperationalError:
            log.warning("could not queue %d articles; the sweep will queue them", len(article_ids) - start)
            return start
    return len(article_ids)


def article_send(*, article_id: int) -> bool:
    """Send the tagging task now. A broker that is down leaves the article pending for the sweep."""
    from kombu.exceptions import OperationalError

    from .tasks import tag_article_task

    try:
        tag_article_task.apply_async(
            args=[article_id], retry=True, retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
        )
    except OperationalError:
        log.warning("could not queue article %s; the sweep will queue it again", article_id)
        return False
    return True


def articles_sweep(*, now: dt.datetime) -> int:
    """Queue again what is stuck: pending for a while, or processing under an expired lease."""
    quiet_since = now - dt.timedelta(seconds=settings.SWEEP_INTERVAL_SECONDS)
    stuck = Article.objects.claimable(now).filter(updated_at__lt=quiet_since).values_list("pk", flat=True)
    sent = 0
    for article_id in stuck[:1000]:
        sent += article_send(article_id=article_id)
    return sent


def article_retry(*, article: Article) -> None:
    """Put a failed article back in the queue."""
    Article.objects.filter(pk=article.pk, status=ArticleStatus.FAILED).update(
        status=ArticleStatus.PENDING, failure_reason=""
    )
    article_enqueue(article_id=article.pk)
