"""Marking syndicated near-copies: a new article whose text nearly repeats an earlier one is kept, but points
at the first (`copy_of`), so rumour figures do not count it as a second independent report."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from ..models import Article
from .similar import COPY_RESEMBLANCE, MIN_SHARED_ANCHORS, resemblance, shingles

ANCHOR_CHUNK = 5000
MAX_CANDIDATES = 5
# An anchor found in more articles than this is boilerplate (a sign-off, a template sentence), not a story:
# it is no evidence of copying, and following it would compare every article with every other.
MAX_ANCHOR_SPREAD = 20


def copies_mark(*, articles: Sequence[Article]) -> list[Article]:
    """Set copy_of on the articles that nearly repeat an earlier article (lower id). Returns those marked."""
    articles = sorted((a for a in articles if a.anchors), key=lambda a: a.pk)
    if not articles:
        return []
    index, originals = _anchor_index(articles)
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


def _anchor_index(articles: list[Article]) -> tuple[dict[int, list[int]], dict[int, int | None]]:
    """Every stored article sharing an anchor with the new ones: anchor -> ids, and what each is a copy of."""
    wanted = sorted({anchor for article in articles for anchor in article.anchors})
    index: dict[int, list[int]] = defaultdict(list)
    originals: dict[int, int | None] = {article.pk: article.copy_of_id for article in articles}
    for article in articles:
        for anchor in article.anchors:
            index[anchor].append(article.pk)
    # Only older articles come from the database; the new ones are already in hand.
    older = Article.objects.filter(pk__lt=articles[0].pk)
    for start in range(0, len(wanted), ANCHOR_CHUNK):
        rows = older.filter(anchors__overlap=wanted[start : start + ANCHOR_CHUNK])
        for pk, anchors, copy_of_id in rows.values_list("pk", "anchors", "copy_of_id"):
            if pk in originals:
                continue
            originals[pk] = copy_of_id
            for anchor in anchors:
                index[anchor].append(pk)
    return index, originals


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
