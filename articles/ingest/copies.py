"""Marking syndicated near-copies: a new article whose text nearly repeats an earlier one is kept, but points
at the first (`copy_of`), so rumour figures do not count it as a second independent report."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction

from ..models import Article
from .similar import COPY_RESEMBLANCE, MIN_SHARED_ANCHORS, resemblance, shingles

ANCHOR_CHUNK = 5000
MAX_CANDIDATES = 5
# An anchor found in more articles than this is boilerplate (a sign-off, a template sentence), not a story:
# it is no evidence of copying, and following it would compare every article with every other.
MAX_ANCHOR_SPREAD = 20


@dataclass
class CopyIndex:
    """The anchors seen so far: anchor -> ids of the articles holding it, what each is a copy of, and which
    anchors were already looked up in the database. An upload read batch by batch keeps one for all its
    batches, so that each anchor is looked up once per upload, not once per batch."""

    index: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    originals: dict[int, int | None] = field(default_factory=dict)
    looked_up: set[int] = field(default_factory=set)


def copies_mark(*, articles: Sequence[Article], known: CopyIndex | None = None) -> list[Article]:
    """Set copy_of on the articles that nearly repeat an earlier article (lower id). Returns those marked."""
    articles = sorted((a for a in articles if a.anchors), key=lambda a: a.pk)
    if not articles:
        return []
    known = known if known is not None else CopyIndex()
    _anchor_index(articles, known)
    index, originals = known.index, known.originals
    texts = {a.pk: a.text for a in articles}
    marked: list[Article] = []
    for article in articles:
        telling = [index[anchor] for anchor in article.anchors if len(index[anchor]) <= MAX_ANCHOR_SPREAD]
        shared = Counter(pk for pks in telling for pk in pks if pk < article.pk)
        candidates = sorted(pk for pk, count in shared.items() if count >= MIN_SHARED_ANCHORS)[:MAX_CANDIDATES]
        original = _first_copied(article, candidates, texts)
        if original is not None:
            article.copy_of_id = originals.get(original) or original
            originals[article.pk] = article.copy_of_id
            marked.append(article)
    Article.objects.bulk_update(marked, ["copy_of"], batch_size=500)
    return marked


def _anchor_index(articles: list[Article], known: CopyIndex) -> None:
    """Add the new articles and every stored article sharing an anchor with them (not looked up before)."""
    wanted = sorted({anchor for article in articles for anchor in article.anchors} - known.looked_up)
    for article in articles:
        known.originals[article.pk] = article.copy_of_id
        for anchor in article.anchors:
            known.index[anchor].append(article.pk)
    with _by_anchor_index():
        for start in range(0, len(wanted), ANCHOR_CHUNK):
            rows = Article.objects.filter(anchors__overlap=wanted[start : start + ANCHOR_CHUNK]).order_by()
            _index_add(rows.values_list("pk", "anchors", "copy_of_id"), known)
    known.looked_up.update(wanted)


@contextmanager
def _by_anchor_index() -> Iterator[None]:
    """Look anchors up through their index, never by reading the whole table.

    The planner's statistics lag behind an upload that has just added thousands of rows, and it guesses that an
    overlap with a thousand anchors matches most of the table: it read the whole table for each batch (0.3 s per
    batch of a 10,000-article upload, growing with every batch), where the index answers in milliseconds. The
    new articles the lookup also returns are in hand already and skipped.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            yield
        finally:
            cursor.execute("SET LOCAL enable_seqscan = on")


def _index_add(rows: Iterable[tuple[int, list[int], int | None]], known: CopyIndex) -> None:
    for pk, anchors, copy_of_id in rows:
        if pk in known.originals:
            continue
        known.originals[pk] = copy_of_id
        for anchor in anchors:
            known.index[anchor].append(pk)


def _first_copied(article: Article, candidates: list[int], texts: dict[int, str]) -> int | None:
    if not candidates:
        return None
    missing = [pk for pk in candidates if pk not in texts]
    texts.update(Article.objects.filter(pk__in=missing).values_list("pk", "text"))
    mine = shingles(article.text)
    for pk in candidates:
        if resemblance(mine, shingles(texts[pk])) >= COPY_RESEMBLANCE:
            return pk
    return None
