"""Accepting an upload: one item per article, duplicates named, near-copies marked, limits and metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.ingest.accept import items_accept, upload_accept, upload_create
from articles.ingest.readers import file_read
from articles.ingest.types import Draft, Limits, Refusal
from articles.models import Article, ArticleStatus, Outcome, UploadItem, UploadKind
from players.models import Outlet, OutletDomain

from .samples import HTML_PAGE, ITALIAN, REPRINT, TOMORI, WIRE, article

pytestmark = pytest.mark.django_db


def stored(item: UploadItem) -> Article:
    assert item.article is not None, item.reason
    return item.article


def accept(*reads: Draft | Refusal, **options: object) -> list[UploadItem]:
    upload = upload_accept(reads=list(reads), kind=UploadKind.COMMAND, label="test", **options)  # type: ignore[arg-type]
    return list(upload.items.order_by("position"))


def test_every_article_ends_as_one_item_added_duplicate_or_rejected() -> None:
    items = accept(
        Draft("a", TOMORI, title="Tomori"),
        Refusal("b", "Refused: this is a PDF document, not text."),
        Draft("c", ITALIAN),
        Draft("d", "  " + TOMORI.upper() + "\n"),
    )
    assert [i.outcome for i in items] == [Outcome.ADDED, Outcome.REJECTED, Outcome.ADDED, Outcome.DUPLICATE]
    assert items[1].reason == "Refused: this is a PDF document, not text." and items[1].article is None
    assert items[3].article_id == items[0].article_id
    assert Article.objects.count() == 2
    assert stored(items[0]).status == ArticleStatus.PENDING


def test_the_same_upload_twice_gives_duplicates_of_the_first_articles() -> None:
    first = accept(Draft("a", TOMORI), Draft("b", ITALIAN))
    second = accept(Draft("a", TOMORI), Draft("b", ITALIAN))
    assert [i.outcome for i in second] == [Outcome.DUPLICATE, Outcome.DUPLICATE]
    assert [i.article_id for i in second] == [i.article_id for i in first]
    assert Article.objects.count() == 2


def test_a_syndicated_near_copy_is_kept_but_marked_as_a_copy_of_the_first() -> None:
    wire = Outlet.objects.create(name="Wire Agency")
    paper = Outlet.objects.create(name="Daily Paper")
    original = accept(Draft("wire", WIRE, outlet=wire.name))[0]
    copy, other = accept(Draft("paper", REPRINT, outlet=paper.name), Draft("other", article(1)))
    assert copy.outcome == Outcome.ADDED and copy.note == f"near-copy of #{original.article_id}"
    assert stored(copy).copy_of_id == original.article_id
    assert stored(other).copy_of_id is None
    third = accept(Draft("again", REPRINT.replace("Tuesday", "Wednesday")))[0]
    assert stored(third).copy_of_id == original.article_id


def test_near_copies_within_one_upload_point_at_the_first() -> None:
    first, second = accept(Draft("a", WIRE), Draft("b", REPRINT))
    assert stored(second).copy_of_id == first.article_id


def test_articles_past_the_limit_per_upload_are_rejected_naming_it(settings) -> None:  # type: ignore[no-untyped-def]
    settings.INGEST_MAX_ARTICLES = 2
    items = accept(Refusal("bad", "Not JSON."), *[Draft(str(n), article(n)) for n in range(3)])
    assert [i.outcome for i in items] == [Outcome.REJECTED, Outcome.ADDED, Outcome.ADDED, Outcome.REJECTED]
    assert "limit of 2 articles per upload (INGEST_MAX_ARTICLES)" in items[3].reason


def test_too_short_and_too_long_texts_are_rejected_naming_the_limit(settings) -> None:  # type: ignore[no-untyped-def]
    settings.INGEST_MAX_ARTICLE_CHARS = 300
    short, long = accept(Draft("short", "Juve want Tomori."), Draft("long", article(1, words=200)))
    assert "Too short" in short.reason and "INGEST_MIN_ARTICLE_CHARS" in short.reason
    assert "over the limit of 300 per article (INGEST_MAX_ARTICLE_CHARS)" in long.reason


def test_the_outlet_comes_from_the_item_the_upload_the_domain_or_the_page() -> None:
    tuttosport = Outlet.objects.create(name="Tuttosport")
    OutletDomain.objects.create(outlet=tuttosport, domain="tuttosport.com")
    given = Outlet.objects.create(name="Given Outlet")
    by_domain, by_default, by_site = accept(
        Draft("a", article(1), url="https://www.tuttosport.com/news/calciomercato/tomori"),
        Draft("b", article(2), url="https://www.tuttosport.com/x", outlet="Given Outlet"),
        Draft("c", article(3), site_name="Example Sport"),
    )
    assert stored(by_domain).outlet == tuttosport
    assert stored(by_default).outlet == given
    assert str(stored(by_site).outlet) == "Example Sport"
    everything = accept(Draft("d", article(4), url="https://www.tuttosport.com/y"), outlet=given)[0]
    assert stored(everything).outlet == given


def test_language_and_date_come_from_the_item_the_upload_or_the_text() -> None:
    dated = f"Turin, 12 March 2025 - {TOMORI}"
    in_text, given = accept(
        Draft("a", dated), Draft("b", ITALIAN, published=dt.date(2024, 7, 1), language="it-IT"), language="en"
    )
    first = stored(in_text)
    assert (first.published, first.language) == (dt.date(2025, 3, 12), "en")
    second = stored(given)
    assert (second.published, second.language) == (dt.date(2024, 7, 1), "it")


def test_a_bad_url_is_left_out_with_a_note() -> None:
    item = accept(Draft("a", TOMORI, url="javascript:alert(1)"))[0]
    assert item.outcome == Outcome.ADDED and "not a web address" in item.note
    assert stored(item).url == ""


def test_no_markup_is_ever_stored() -> None:
    item = accept(*file_read("page.html", HTML_PAGE.encode(), Limits()))[0]
    saved = stored(item)
    assert "<" not in saved.text and "<" not in saved.title and "alert" not in saved.text


def test_boilerplate_shared_by_many_articles_is_not_taken_for_copying() -> None:
    sign_off = " ".join(f"follow us for the latest transfer news and rumours every day part {n}" for n in range(6))
    items = accept(*[Draft(str(n), f"{article(n, words=20)} {sign_off}") for n in range(30)])
    assert all(i.outcome == Outcome.ADDED for i in items)
    assert not Article.objects.filter(copy_of__isnull=False).exists()


def test_each_article_says_where_its_date_came_from_and_the_uploads_date_outranks_all() -> None:
    dated_text = "Torino, 27 dicembre 2024 - " + TOMORI
    items = accept(
        Draft("page", ITALIAN, published=dt.date(2024, 12, 20), published_source="page"),
        Draft("url", WIRE, url="https://news.example/calcio/2024/12/21/tomori/"),
        Draft("text", dated_text),
        Draft("none", REPRINT + " No date anywhere in this one."),
    )
    assert [(stored(i).published, stored(i).published_source) for i in items] == [
        (dt.date(2024, 12, 20), "page"),
        (dt.date(2024, 12, 21), "url"),
        (dt.date(2024, 12, 27), "text"),
        (None, ""),
    ]
    upload = upload_create(
        kind=UploadKind.COMMAND, label="test", user=None, outlet=None, language="", published=dt.date(2023, 5, 1)
    )
    items_accept(upload=upload, reads=[Draft("again", article(1), url="https://news.example/2024/12/21/x/")], start=0)
    given = stored(upload.items.get())
    assert (given.published, given.published_source) == (dt.date(2023, 5, 1), "given")


def test_a_date_after_the_article_arrived_is_not_its_date() -> None:
    (item,) = accept(Draft("future", article(2), published=dt.date(2099, 1, 1), published_source="feed"))
    assert stored(item).published is None
