"""The search box: names first (any alias, accents and case aside, partial words), then articles with the
words marked; a bounded number of queries whatever the data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.kb import NamesKb, names_kb_make

from .conftest import article_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def kb() -> NamesKb:
    return names_kb_make()


def suggested(client, typed: str) -> list[str]:  # type: ignore[no-untyped-def]
    html = client.get(reverse("search_suggest"), {"q": typed}, HTTP_HX_REQUEST="true").content.decode()
    options = re.findall(r'<li role="option"[^>]*>(.*?)</li>', html, re.DOTALL)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", option)).strip() for option in options]


def test_juve_offers_juventus_first_then_juve_stabia_with_its_league(client, kb: NamesKb) -> None:  # type: ignore[no-untyped-def]
    options = suggested(client, "Juve")
    assert options[0] == "Juventus Club Italian Serie A, IT"
    assert options[1] == "SS Juve Stabia Club Italian Serie B, IT"
    assert options[-1] == "All results for “Juve”"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Mbappe", "Kylian Mbappé Player Real Madrid"),
        ("tomor", "Fikayo Tomori Player AC Milan"),
        ("BAYERN monaco", "FC Bayern München Club"),
        ("romano", "Fabrizio Romano Journalist"),
        ("tuttos", "Tuttosport Outlet"),
    ],
)
def test_any_name_accents_and_case_aside_and_partial_words_find_it(client, kb: NamesKb, typed: str, found: str) -> None:  # type: ignore[no-untyped-def]
    assert found in suggested(client, typed)[0]


def test_nothing_is_suggested_for_one_letter_or_an_unknown_name(client, kb: NamesKb) -> None:  # type: ignore[no-untyped-def]
    assert suggested(client, "j") == []
    assert suggested(client, "Qwxzvb") == ["All results for “Qwxzvb”"]


def test_the_results_page_lists_names_then_articles_with_the_words_marked(client, kb: NamesKb) -> None:  # type: ignore[no-untyped-def]
    article_make(
        title="Milan defender on the list",
        text="A long story about nothing. Milan's Tomori could leave in January (fee < €30m & a loan). More text.",
        day=dt.date(2025, 8, 1),
    )
    page = client.get(reverse("search_results"), {"q": "Tomori"}).content.decode()
    assert page.index("Fikayo Tomori") < page.index("Milan defender on the list")
    assert "<mark>Tomori</mark>" in page and "fee &lt; €30m &amp; a loan" in page


def test_the_dropdown_and_the_results_page_take_few_queries(client, kb: NamesKb, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for day in range(1, 25):
        article_make(title=f"Juve story {day}", text=f"Juve and Tomori, day {day}.", day=dt.date(2025, 7, day))
    with django_assert_max_num_queries(10):
        client.get(reverse("search_suggest"), {"q": "Juve"}, HTTP_HX_REQUEST="true")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("search_results"), {"q": "Juve Tomori"})
    assert page.content.decode().count("<mark>") >= 20
