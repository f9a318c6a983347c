"""The one date reader: a given date, a page's metadata, the URL, a dateline and a written date in the six
languages; nothing after the article was received. Every sentence here was written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from tagger.dates import DateReading, date_in_text, date_in_url, date_parse, date_read

RECEIVED = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-27", date(2024, 12, 27)),
        ("2024-12-27T18:30:00+01:00", date(2024, 12, 27)),
        ("2023-07", date(2023, 7, 1)),
        ("Fri, 27 Dec 2024 18:30:00 GMT", date(2024, 12, 27)),
        ("27 dicembre 2024", date(2024, 12, 27)),
        ("not a date", None),
        ("", None),
    ],
)
def test_it_parses_a_date_from_page_metadata_or_a_field(value: str, expected: date | None) -> None:
    assert date_parse(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/calcio/2024/12/27/a-striker-signs/", date(2024, 12, 27)),
        ("https://news.example/football/2018/jul/24/a-winger-moves", date(2018, 7, 24)),
        ("https://news.example/sport/a-keeper-renews-20200108-story.html", date(2020, 1, 8)),
        ("https://news.example/mercato/2-luglio-2021-un-terzino-parte", date(2021, 7, 2)),
        ("https://news.example/mercato/13-01-2026/un-centrocampista", date(2026, 1, 13)),
        ("https://news.example/2010/01/a-coach-denies", date(2010, 1, 1)),
        ("https://news.example/sport/a-defender-leaves-1-844027", None),
    ],
)
def test_it_reads_a_date_in_the_url(url: str, expected: date | None) -> None:
    assert date_in_url(url) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A dateline, then a written date, in each of the six languages.
        ("LONDON, 3 March 2025 - The club have opened talks for the forward.", date(2025, 3, 3)),
        ("The forward is wanted by two clubs, it was reported on March 4, 2025.", date(2025, 3, 4)),
        ("Torino, 27 dicembre 2024 - Il club ha avviato i contatti per il difensore.", date(2024, 12, 27)),
        ("Il difensore piace a due club (notizia del 28 dicembre 2024).", date(2024, 12, 28)),
        ("Madrid, 5 de enero de 2025. El club negocia con el extremo.", date(2025, 1, 5)),
        ("El extremo firmó ayer, 6 de enero de 2025, con su nuevo club.", date(2025, 1, 6)),
        ("München, 16. November 2025 - Der Verein verhandelt mit dem Stürmer.", date(2025, 11, 16)),
        ("Der Stürmer hat am 17. November 2025 unterschrieben.", date(2025, 11, 17)),
        ("Paris, 2 février 2025 - Le club discute avec le milieu.", date(2025, 2, 2)),
        ("Le milieu a signé le 3 février 2025 avec son nouveau club.", date(2025, 2, 3)),
        ("Lisboa, 9 de agosto de 2024 - O clube negocia com o lateral.", date(2024, 8, 9)),
        ("O lateral assinou em 10 de agosto de 2024 com o novo clube.", date(2024, 8, 10)),
        ("date 2024-12-27\nThe club have made a first offer for the midfielder.", date(2024, 12, 27)),
        ("Milano, 12.03.2025 - Il club prepara un'offerta.", date(2025, 3, 12)),
    ],
)
def test_it_reads_a_dateline_or_a_written_date_at_the_start(text: str, expected: date) -> None:
    assert date_in_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The club have offered the defender a contract until 30 June 2024 and talks go on.",
        "Der Verein hat den Vertrag bis 30. Juni 2024 verlängert.",
        "Il club ha rinnovato il contratto fino al 30 giugno 2024.",
        "The midfielder joined in 2019 and has played every game since.",
    ],
)
def test_a_contract_end_or_a_bare_year_is_no_publication_date(text: str) -> None:
    assert date_in_text(text) is None


def test_a_date_far_into_the_text_is_not_a_dateline() -> None:
    text = "The club want the winger. " * 20 + "He signed on 3 March 2025."
    assert date_in_text(text) is None


def test_the_most_trusted_source_wins_and_says_so() -> None:
    url = "https://news.example/2024/12/27/a-striker-signs/"
    text = "Torino, 20 dicembre 2024 - Il club ha chiuso."
    assert date_read(received=RECEIVED, given="2024-12-29", url=url, text=text) == DateReading(
        date(2024, 12, 29), "given"
    )
    assert date_read(received=RECEIVED, feed="2024-12-28", page="2024-12-26", url=url) == DateReading(
        date(2024, 12, 28), "feed"
    )
    assert date_read(received=RECEIVED, page="2024-12-26", url=url) == DateReading(date(2024, 12, 26), "page")
    assert date_read(received=RECEIVED, url=url, text=text) == DateReading(date(2024, 12, 27), "url")
    assert date_read(received=RECEIVED, url="https://news.example/a", text=text) == DateReading(
        date(2024, 12, 20), "text"
    )


def test_a_date_after_the_article_was_received_is_skipped() -> None:
    reading = date_read(
        received=date(2024, 12, 1), page="2029-06-30", url="https://news.example/2024/11/30/x/", text="Nothing."
    )
    assert reading == DateReading(date(2024, 11, 30), "url")


def test_without_any_date_the_article_is_undated() -> None:
    reading = date_read(received=RECEIVED, url="https://news.example/sport/x", text="The club want the winger.")
    assert reading == DateReading(None, "")
    assert not reading.source
