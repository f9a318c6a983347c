"""A syndicated copy is kept and shown, but does not count as a second independent report."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.ingest.accept import upload_accept
from articles.ingest.types import Draft
from articles.models import Article, Claim, Outcome, UploadKind
from articles.tagging.pipeline import article_tag, articles_tag
from tests.kb import SmallKb, small_kb_make

pytestmark = pytest.mark.django_db

# Written for this test: no outlet is cited, so the publisher is the source of the story.
STORY = (
    "Juventus want AC Milan defender Fikayo Tomori and have opened talks with the Rossoneri. The Bianconeri "
    "see the England international as the ideal addition to their defence, and the two clubs will meet again "
    "next week to discuss the fee and the structure of a possible deal before the window closes at the end of "
    "the month, with the player keen on the move."
)


def wire_and_paper() -> tuple[Article, Article]:
    """An agency story and a paper's reprint of it, uploaded together."""
    drafts = [
        Draft("wire", STORY, outlet="Wire Agency", published=dt.date(2025, 11, 3)),
        Draft(
            "paper",
            "Reprinted. " + STORY.replace("next week", "on Tuesday"),
            outlet="Daily Paper",
            published=dt.date(2025, 11, 3),
        ),
    ]
    upload = upload_accept(reads=drafts, kind=UploadKind.COMMAND)
    original, copy = (item.article for item in upload.items.order_by("position"))
    assert original is not None and copy is not None
    assert [i.outcome for i in upload.items.all()] == [Outcome.ADDED, Outcome.ADDED]
    assert copy.copy_of_id == original.pk
    return original, copy


def assert_counted_once(kb: SmallKb) -> None:
    claims = Claim.objects.filter(player=kb.tomori, club=kb.juventus)
    assert claims.count() == 2, "the copy is kept and tagged like any article"
    rumour = claims.first().rumour  # type: ignore[union-attr]
    assert rumour.claim_count == 2
    assert rumour.source_count == 1, "the copy is the same report, not a second source"


def test_a_copy_from_another_outlet_is_tagged_but_not_counted_as_a_second_source() -> None:
    kb = small_kb_make()
    original, copy = wire_and_paper()
    for article in (original, copy):
        article_tag(article_id=article.pk)
    assert Article.objects.get(pk=copy.pk).status == "tagged"
    assert_counted_once(kb)


def test_a_copy_tagged_in_the_same_batch_as_its_original_is_not_a_second_source_either() -> None:
    kb = small_kb_make()
    original, copy = wire_and_paper()
    assert len(articles_tag(article_ids=[original.pk, copy.pk])) == 2
    assert_counted_once(kb)
