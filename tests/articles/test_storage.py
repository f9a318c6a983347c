"""Writing a batch of tagging results: few queries, the same outcome as one by one, editors' claims kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.editing.actions import claim_add
from articles.models import Article, ArticleStatus, Claim, Decision, Kind, Mention, Rumour
from articles.tagging.pipeline import Failure, article_read, article_tag, articles_tag, articles_take, readings_store
from players.gazetteer import gazetteer_from_db
from tests.kb import INTEREST_ARTICLE, small_kb_make
from tests.uploads import article_pasted

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 11, 3)


def stories(count: int, tag: str) -> list[int]:
    """Articles that each report the same rumour (Tomori to Juventus), pending."""
    texts = [f"{INTEREST_ARTICLE} Story {n} of the {tag} batch." for n in range(count)]
    return [article_pasted(text=text, published=DAY).pk for text in texts]


def queries_to_tag(article_ids: list[int]) -> int:
    gazetteer_from_db()  # built once per worker process, not per batch
    with CaptureQueriesContext(connection) as queries:
        articles_tag(article_ids=article_ids)
    return len(queries)


def test_a_batch_is_written_in_a_number_of_queries_that_does_not_grow_with_its_size() -> None:
    small_kb_make()
    two, ten = queries_to_tag(stories(2, "small")), queries_to_tag(stories(10, "large"))
    assert ten - two < 8, f"{two} queries for 2 articles, {ten} for 10: a query per article is back"
    assert Article.objects.filter(status=ArticleStatus.TAGGED).count() == 12


def snapshot() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], int]:
    claims = Claim.objects.order_by("article_id", "player_id", "club_id")
    rumours = Rumour.objects.order_by("player_id", "club_id", "window", "track")
    return (
        list(claims.values_list("article_id", "player_id", "club_id", "kind", "evidence", "rumour__window")),
        list(rumours.values_list("player_id", "club_id", "window", "stage", "claim_count", "source_count")),
        Mention.objects.count(),
    )


def test_tagging_a_batch_stores_what_tagging_one_by_one_stores_and_again_changes_nothing() -> None:
    kb = small_kb_make()
    ids = stories(4, "same")
    articles_tag(article_ids=ids)
    batched = snapshot()
    assert batched[1] == [(kb.tomori.pk, kb.juventus.pk, "2025-26-winter", batched[1][0][3], 4, 1)]
    Article.objects.filter(pk__in=ids).update(status=ArticleStatus.PENDING)
    for article_id in ids:
        article_tag(article_id=article_id)
    assert snapshot() == batched


def test_retagging_keeps_a_claim_an_editor_added_exactly_as_the_editor_wrote_it() -> None:
    kb = small_kb_make()
    editor = User.objects.create(username="editor")
    article = article_pasted(text=INTEREST_ARTICLE, published=DAY)
    added = claim_add(
        article=article, player=kb.tomori, club=kb.juventus, kind=Kind.BID, evidence="Editor's reading", actor=editor
    )
    article_tag(article_id=article.pk)
    claim = Claim.objects.get(article=article, player=kb.tomori, club=kb.juventus)
    assert claim.pk == added.pk
    assert (claim.kind, claim.evidence, claim.confidence) == (Kind.BID, "Editor's reading", 1.0)
    assert (claim.decision, claim.added_by_editor) == (Decision.CONFIRMED, True)
    assert claim.rumour.stage == Kind.BID and claim.rumour.claim_count == 1
    assert Rumour.objects.count() == 1, "no empty rumour is left behind for the tagger's reading"


def test_a_result_the_database_refuses_fails_its_article_and_holds_back_no_other() -> None:
    small_kb_make()
    ids = stories(3, "refused")
    articles = articles_take(article_ids=ids, now=timezone.now())
    readings = [article_read(article=article, gazetteer=gazetteer_from_db()) for article in articles]
    refused = readings[1]
    assert not isinstance(refused, Failure) and refused.result.claims
    refused.result.claims[0].fee = "£" + "9" * 200  # longer than the column holds
    written = readings_store(readings=readings, lease_until=articles[0].lease_until)
    assert sorted(a.pk for a in written) == ids
    statuses = dict(Article.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert statuses == {ids[0]: ArticleStatus.TAGGED, ids[1]: ArticleStatus.FAILED, ids[2]: ArticleStatus.TAGGED}
    assert "refused" in Article.objects.get(pk=ids[1]).failure_reason
    assert Claim.objects.get(article_id=ids[0]).rumour.claim_count == 2
