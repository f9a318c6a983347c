"""Through a real Celery worker process and a real broker."""

from __future__ import annotations

import pytest

from articles.models import Article, ArticleStatus, Claim, UploadItem, UploadKind
from tests.conftest import wait_until
from tests.kb import INTEREST_ARTICLE, small_kb_make
from tests.uploads import paste_given, upload_sent

pytestmark = pytest.mark.worker


def test_the_worker_reads_and_tags_an_uploaded_article(celery_worker_process) -> None:  # type: ignore[no-untyped-def]
    kb = small_kb_make()
    given = paste_given(INTEREST_ARTICLE, title="Juventus want Tomori")
    upload = upload_sent([given], kind=UploadKind.PAGE)
    assert wait_until(lambda: UploadItem.objects.filter(upload=upload, article__isnull=False).exists(), timeout=60)
    article = Article.objects.get(upload_items__upload=upload)
    tagged = wait_until(lambda: Article.objects.get(pk=article.pk).status == ArticleStatus.TAGGED, timeout=60)
    assert tagged, f"article still {Article.objects.get(pk=article.pk).status}"
    assert Claim.objects.filter(article=article, player=kb.tomori, club=kb.juventus).exists()
