"""Through a real Celery worker process and a real broker."""

from __future__ import annotations

import pytest

from articles.models import Article, ArticleStatus, Claim
from articles.submit import article_submit
from tests.conftest import wait_until
from tests.kb import INTEREST_ARTICLE, small_kb_make

pytestmark = pytest.mark.worker


def test_the_worker_tags_an_uploaded_article(celery_worker_process) -> None:  # type: ignore[no-untyped-def]
    kb = small_kb_make()
    article = article_submit(text=INTEREST_ARTICLE, title="Juventus want Tomori").article
    tagged = wait_until(lambda: Article.objects.get(pk=article.pk).status == ArticleStatus.TAGGED, timeout=60)
    assert tagged, f"article still {Article.objects.get(pk=article.pk).status}"
    assert Claim.objects.filter(article=article, player=kb.tomori, club=kb.juventus).exists()
