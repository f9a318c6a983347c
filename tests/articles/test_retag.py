from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from articles.models import Article, ArticleStatus, Claim, Decision
from articles.tagging.pipeline import article_tag
from tagger import TAGGER_VERSION
from tests.conftest import wait_until
from tests.kb import INTEREST_ARTICLE, small_kb_make
from tests.uploads import article_pasted


@pytest.mark.django_db
def test_a_dry_run_counts_only_articles_of_older_tagger_versions(capsys: pytest.CaptureFixture[str]) -> None:
    small_kb_make()
    current = article_pasted(text=INTEREST_ARTICLE)
    older = article_pasted(text=INTEREST_ARTICLE + " A second paragraph makes another article.")
    article_tag(article_id=current.pk)
    article_tag(article_id=older.pk)
    Article.objects.filter(pk=older.pk).update(tagger_version="0+old")
    call_command("retag", "--dry-run")
    assert "1 article(s) would be re-tagged" in capsys.readouterr().out
    call_command("retag", "--dry-run", "--all")
    assert "2 article(s) would be re-tagged" in capsys.readouterr().out
    assert Article.objects.get(pk=older.pk).status == ArticleStatus.TAGGED


@pytest.mark.worker
def test_retag_goes_through_the_worker_and_keeps_editors_decisions(celery_worker_process) -> None:  # type: ignore[no-untyped-def]
    kb = small_kb_make()
    article = article_pasted(text=INTEREST_ARTICLE, published=dt.date(2025, 11, 3))
    assert wait_until(lambda: Article.objects.get(pk=article.pk).status == ArticleStatus.TAGGED, timeout=60)
    claim = Claim.objects.get(article=article, player=kb.tomori, club=kb.juventus)
    Claim.objects.filter(pk=claim.pk).update(decision=Decision.REJECTED)
    Article.objects.filter(pk=article.pk).update(tagger_version="0+old")
    call_command("retag", "--batch-size", "1")
    retagged = wait_until(lambda: Article.objects.get(pk=article.pk).tagger_version == TAGGER_VERSION, timeout=60)
    assert retagged
    assert Claim.objects.get(pk=claim.pk).decision == Decision.REJECTED
