"""The tagger's interface: version, gold-format output, dates and languages."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tagger import TAGGER_VERSION, result_to_gold, tag_article
from tagger.langdata import lower_word_regex
from tests.tagger.kb import GAZETTEER


def test_the_version_is_a_hash_of_code_data_and_model() -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", TAGGER_VERSION)


def test_the_result_converts_to_one_gold_line() -> None:
    result = tag_article(text="According to Marca, Real Madrid want Dani Olmo.", gazetteer=GAZETTEER, language="en")
    gold = result_to_gold(result, "a-1")
    assert set(gold) >= {"id", "language", "published", "players", "clubs", "claims", "cited"}
    assert gold["players"] == ["Dani Olmo"]
    assert gold["cited"] == ["Marca"]
    assert gold["claims"][0]["club"] == "Real Madrid" and gold["claims"][0]["kind"] == "interest"


def test_the_publisher_is_not_a_source() -> None:
    text = "Marca understands that Real Madrid want Dani Olmo."
    result = tag_article(text=text, gazetteer=GAZETTEER, language="en", outlet="Marca", url="https://www.marca.com/x")
    assert result.cited == []


def test_the_date_comes_from_metadata_first() -> None:
    result = tag_article(
        text="16 novembre 2025. Il Milan vuole Gila.", gazetteer=GAZETTEER, published=date(2025, 11, 1)
    )
    assert result.published == date(2025, 11, 1)


def test_the_date_comes_from_the_text_when_metadata_has_none() -> None:
    assert tag_article(
        text="Milano, 16 novembre 2025 - Il Milan vuole Mario Gila.", gazetteer=GAZETTEER, language="it"
    ).published == date(2025, 11, 16)
    assert tag_article(
        text="date 2024-12-27 Juventus want Tomori.", gazetteer=GAZETTEER, language="en"
    ).published == date(2024, 12, 27)
    assert tag_article(
        text="MADRID, 3 de julio de 2024. El Real quiere a Olmo.", gazetteer=GAZETTEER, language="es"
    ).published == date(2024, 7, 3)


def test_a_month_alone_in_the_metadata_reads_as_its_first_day() -> None:
    assert tag_article(text="Juventus want Tomori.", gazetteer=GAZETTEER, published="2023-07").published == date(
        2023, 7, 1
    )


def test_a_language_other_than_the_six_is_other() -> None:
    text = "De club heeft vandaag bekendgemaakt dat de verdediger een nieuw contract heeft getekend tot de zomer."
    assert tag_article(text=text, gazetteer=GAZETTEER).language == "other"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "El Atalanta Bergamasca Calcio sigue a Giovanni Di Lorenzo, según Corriere dello Sport. El Bologna "
            "Football Club negocia con Riccardo Orsolini. Gianluca Mancini es una prioridad para la Juventus.",
            "es",
        ),
        (
            "Le Borussia Mönchengladbach s'intéresse à Florian Neuhaus, selon Kölner Stadt-Anzeiger. Le Eintracht "
            "Frankfurt négocie avec Hugo Ekitiké.",
            "fr",
        ),
        (
            "O Fenerbahçe quer Cengiz Ünder e Kerem Aktürkoğlu, segundo Fanatik. O Beşiktaş negocia com İrfan Kahveci.",
            "pt",
        ),
    ],
)
def test_names_do_not_decide_the_language(text: str, language: str) -> None:
    # Sentences crowded with foreign names are in the language of their other words.
    assert tag_article(text=text, gazetteer=GAZETTEER).language == language


def test_an_empty_text_tags_to_nothing() -> None:
    result = tag_article(text="", gazetteer=GAZETTEER)
    assert (result.players, result.clubs, result.claims, result.cited) == ([], [], [], [])


def test_cue_patterns_must_be_written_in_lower_case() -> None:
    # They are matched in lower-cased text: a capital would never match.
    with pytest.raises(ValueError, match="lower case"):
        lower_word_regex(["reached an Agreement"])
    assert lower_word_regex([r"\Wdeal"]) is not None  # escapes are not letters
