from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article, ArticleStatus, Claim, Decision, Kind, Outcome, Rumour
from articles.tagging.pipeline import article_tag, articles_still_ours, articles_take
from tests.kb import INTEREST_ARTICLE, small_kb_make
from tests.uploads import article_pasted, pasted


@pytest.mark.django_db
def test_the_same_text_twice_is_one_article() -> None:
    first = pasted(INTEREST_ARTICLE, title="One")
    second = pasted("  " + INTEREST_ARTICLE.upper().replace(" ", "   ") + "\n", title="Two")
    assert (first.outcome, second.outcome) == (Outcome.ADDED, Outcome.DUPLICATE)
    assert second.article_id == first.article_id
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_only_one_delivery_takes_an_article_until_its_lease_runs_out() -> None:
    article = article_pasted(text=INTEREST_ARTICLE)
    now = timezone.now()
    assert [a.pk for a in articles_take(article_ids=[article.pk], now=now)] == [article.pk]
    assert articles_take(article_ids=[article.pk], now=now) == []
    later = now + dt.timedelta(hours=1)
    [taken_over] = articles_take(article_ids=[article.pk], now=later)
    assert taken_over.attempts == 2


@pytest.mark.django_db
def test_a_delivery_whose_lease_was_taken_over_may_no_longer_write() -> None:
    first = article_pasted(text=INTEREST_ARTICLE)
    second = article_pasted(text=INTEREST_ARTICLE + " A second paragraph makes another article.")
    now = timezone.now()
    ours = articles_take(article_ids=[first.pk, second.pk], now=now)
    assert {a.lease_until for a in ours} == {now + dt.timedelta(seconds=settings.TAG_LEASE_SECONDS)}, "one lease"
    theirs = articles_take(article_ids=[first.pk], now=now + dt.timedelta(hours=1))
    ids = [first.pk, second.pk]
    assert articles_still_ours(article_ids=ids, lease_until=ours[0].lease_until) == {second.pk}
    assert articles_still_ours(article_ids=ids, lease_until=theirs[0].lease_until) == {first.pk}


@pytest.mark.django_db
def test_tagging_stores_the_claim_and_its_rumour() -> None:
    kb = small_kb_make()
    article = article_pasted(text=INTEREST_ARTICLE, published=dt.date(2025, 11, 3))
    article_tag(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.TAGGED
    assert article.language == "en"
    claim = Claim.objects.get(article=article, player=kb.tomori, club=kb.juventus)
    assert claim.kind in {Kind.INTEREST, Kind.TALKS}
    assert claim.evidence and claim.evidence == article.text[claim.evidence_start : claim.evidence_end]
    assert claim.rumour.window == "2025-26-winter"
    assert list(claim.cited.values_list("name", flat=True)) == ["Tuttosport"]


@pytest.mark.django_db
def test_tagging_twice_changes_nothing_and_keeps_the_editors_decision() -> None:
    kb = small_kb_make()
    article = article_pasted(text=INTEREST_ARTICLE, published=dt.date(2025, 11, 3))
    article_tag(article_id=article.pk)
    claim = Claim.objects.get(article=article, player=kb.tomori, club=kb.juventus)
    Claim.objects.filter(pk=claim.pk).update(decision=Decision.REJECTED)
    before = (Claim.objects.count(), Rumour.objects.count())
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PENDING)
    article_tag(article_id=article.pk)
    assert (Claim.objects.count(), Rumour.objects.count()) == before
    claim.refresh_from_db()
    assert claim.decision == Decision.REJECTED


@pytest.mark.django_db
def test_an_article_whose_tagging_breaks_ends_failed_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    import articles.tagging.pipeline

    def broken_tagger(**kwargs: object) -> None:
        raise ValueError("unreadable input")

    monkeypatch.setattr(articles.tagging.pipeline, "tag_article", broken_tagger)
    article = article_pasted(text=INTEREST_ARTICLE)
    article_tag(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED
    assert "unreadable input" in article.failure_reason


@pytest.mark.django_db
def test_a_failed_article_is_retried_once_and_only_while_failed() -> None:
    article = article_pasted(text=INTEREST_ARTICLE)
    article.mark_failed("x" * 3000)
    article.save(update_fields=Article.FAILED_FIELDS)
    stored = Article.objects.get(pk=article.pk)
    assert stored.status == ArticleStatus.FAILED and len(stored.failure_reason) == 2000
    assert stored.retry() and stored.status == ArticleStatus.PENDING
    assert Article.objects.get(pk=article.pk).failure_reason == ""
    assert not article.retry()  # the stale copy finds it already pending
