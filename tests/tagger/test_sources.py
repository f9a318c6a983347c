"""Which outlets and journalists an article credits (`cited`), on short articles written for these tests.

The outlets named here that the test knowledge base lacks ("Kroniek", "Radio Farol", ...) are invented."""

from __future__ import annotations

import pytest

from tagger import TagResult, tag_article
from tagger.gold import result_to_gold
from tagger.matcher import AliasEntry, ClubEntry, Gazetteer, OutletEntry
from tests.tagger.kb import GAZETTEER


def tag(text: str, language: str, outlet: str | None = None) -> TagResult:
    return tag_article(text=text, gazetteer=GAZETTEER, language=language, outlet=outlet, rules_only=True)


def cited(text: str, language: str, outlet: str | None = None) -> list[str]:
    return [o.said or o.name for o in tag(text, language, outlet).cited]


def test_a_known_outlet_named_as_a_name_is_credited_without_a_citing_verb() -> None:
    text = "Juventus are keen on Mario Gila, with Tuttosport putting the fee at 30 million euros."
    assert cited(text, "en") == ["Tuttosport"]


WORDS_NOT_OUTLETS = [
    ("en", "Mario Gila set a record for tackles before Juventus made their move."),
    ("de", "Der BVB hat sich ein klares Bild von Serhou Guirassy gemacht."),
    ("en", "AS Esempio sold a young striker to Juventus."),
]


@pytest.mark.parametrize(("language", "text"), WORDS_NOT_OUTLETS)
def test_a_word_that_is_also_an_outlets_name_credits_nothing(language: str, text: str) -> None:
    assert cited(text, language) == []


# (language, text, the one source credited), by the way the language credits it.
CREDITS = {
    "a noun for an outlet before the name": [
        ("en", "Juventus are pushing for Mario Gila, the Swiss paper Kroniek claimed on its front page.", "Kroniek"),
        ("it", "Il quotidiano spagnolo Diario Ejemplo dà la Juventus in vantaggio per Mario Gila.", "Diario Ejemplo"),
        ("fr", "Le site suisse Ballon Rond place l'OM en tête pour Mario Gila.", "Ballon Rond"),
        ("pt", "O jornal italiano Il Faro coloca o Benfica na frente por Mario Gila.", "Il Faro"),
        ("es", "El medio suizo 'Kroniek' sitúa al Sevilla por delante en la carrera por Mario Gila.", "Kroniek"),
    ],
    "the outlet a quote was given to": [
        ("en", '"We want him," the Juventus director told Radio Farol about Mario Gila.', "Radio Farol"),
        ("pt", "O presidente do Benfica disse à Rádio Farol que Mario Gila fica.", "Rádio Farol"),
        ("fr", "Le président de l'OM a confié à Le Phare que Mario Gila plaît au club.", "Le Phare"),
        ("es", "El director del Sevilla habló de Mario Gila en una entrevista con Radio Farol.", "Radio Farol"),
        ("de", "Der Sportchef des BVB sprach gegenüber „Kroniek“ über Serhou Guirassy.", "Kroniek"),
    ],
    "a participle and its agent": [
        (
            "it",
            "La Juve ha chiesto Gila alla Lazio, come riportato dalla Gazzetta dello Sport.",
            "Gazzetta dello Sport",
        ),
        ("it", "Come riferito dal Faro Sportivo, la Juventus vuole Mario Gila.", "Faro Sportivo"),
        ("fr", "L'OM veut Mario Gila, comme annoncé par Le Phare.", "Le Phare"),
        ("pt", "O Benfica avançou por Mario Gila, conforme noticiado pelo Diário Farol.", "Diário Farol"),
    ],
    "a journalist after a role noun": [
        ("pt", "O Benfica quer Mario Gila, revelou o radialista João Exemplo.", "João Exemplo"),
        ("it", "Per il giornalista svizzero Kemal Örnek la Juventus vuole Mario Gila.", "Kemal Örnek"),
    ],
}


@pytest.mark.parametrize(
    ("language", "text", "source"),
    [pytest.param(*case, id=f"{way}: {case[0]}") for way, cases in CREDITS.items() for case in cases],
)
def test_each_language_credits_a_source_in_these_ways(language: str, text: str, source: str) -> None:
    assert cited(text, language) == [source]


def test_a_day_after_said_on_is_no_outlet() -> None:
    assert cited("Juventus confirmed the arrival of Mario Gila, a spokesman said on Friday.", "en") == []


def test_two_outlets_joined_by_and_are_both_credited() -> None:
    text = "Tuttosport and Il Faro Sportivo report that Juventus want Mario Gila."
    assert cited(text, "en") == ["Tuttosport", "Il Faro Sportivo"]


NO_SOURCE = [
    ("de", "Laut Presseberichten soll der BVB mit Serhou Guirassy verlängern."),
    ("de", "Den Angaben zufolge soll der BVB mit Serhou Guirassy verlängern."),
    ("pt", "De acordo com a imprensa espanhola, o Benfica pensa em Mario Gila."),
    ("de", "WAS PASSIERT JETZT?\n\nDer BVB will Serhou Guirassy halten."),
    ("fr", "Le Phare est un beau nom pour Mario Gila, dit-on à l'OM."),
    ("fr", "Le directeur a parlé de Mario Gila dans « le vestiaire » de l'OM."),
    ("de", "Sportdirektor Max Muster erklärte, dass der BVB Serhou Guirassy halten will."),
]


@pytest.mark.parametrize(("language", "text"), NO_SOURCE)
def test_words_for_the_press_and_headings_credit_no_one(language: str, text: str) -> None:
    assert cited(text, language) == []


def test_a_name_after_a_citing_word_ends_with_its_line() -> None:
    text = "Juventus want Mario Gila, as reported by Kroniek Turin\n\nThe defender is keen."
    assert "Turin\n\nThe" not in cited(text, "en")


def test_the_publisher_named_by_itself_is_not_a_source() -> None:
    text = "Según Diario Ejemplo, el Sevilla quiere a Mario Gila."
    assert cited(text, "es", outlet="Diario Ejemplo") == []
    assert cited(text, "es") == ["Diario Ejemplo"]


def test_a_byline_at_a_paragraphs_end_is_not_a_source() -> None:
    text = "Juventus are in talks with Lazio over Mario Gila. -- Fabrizio Romano\n\nMore news follows."
    assert cited(text, "en") == []


def test_a_quoted_name_before_a_citing_verb_is_credited() -> None:
    assert cited("„Kroniek“ berichtet, dass der BVB Serhou Guirassy halten will.", "de") == ["Kroniek"]


def test_a_known_outlet_keeps_the_articles_spelling() -> None:
    result = tag("Come scrive la Gazzetta dello Sport, la Juventus vuole Mario Gila.", "it")
    [outlet] = result.cited
    assert (outlet.name, outlet.said) == ("La Gazzetta dello Sport", "Gazzetta dello Sport")
    assert result_to_gold(result, "x")["cited"] == ["Gazzetta dello Sport"]


def test_a_web_address_after_a_citing_word_is_the_outlet_of_that_domain() -> None:
    assert cited("O Benfica quer Mario Gila.\n\nFonte: https://www.abola.pt/noticias", "pt") == [
        "https://www.abola.pt/noticias"
    ]


def test_a_quoted_name_after_bei_is_a_broadcaster() -> None:
    text = "Der Sportchef sagte bei „Kanal Neun“, der BVB wolle Serhou Guirassy halten."
    assert cited(text, "de") == ["Kanal Neun"]


def test_a_coach_speaking_is_not_a_source() -> None:
    text = "Le président Jean Exemple a expliqué que l'OM suit Mario Gila."
    assert cited(text, "fr") == []


ARTICLE_BEFORE_A_NAME = [
    ("en", "According to the Morning Herald, Juventus want Mario Gila.", ["Morning Herald"]),
    ("en", "Juventus want Mario Gila, reports the Madrid club's fanzine.", []),
]


@pytest.mark.parametrize(("language", "text", "expected"), ARTICLE_BEFORE_A_NAME)
def test_a_name_after_the_is_an_outlet_only_when_it_ends_the_phrase(
    language: str, text: str, expected: list[str]
) -> None:
    assert cited(text, language) == expected


def test_a_journalist_named_by_a_role_noun_may_share_a_players_surname() -> None:
    text = "Secondo il giornalista Paolo Kalulu, la Juventus vuole Mario Gila."
    assert cited(text, "it") == ["Paolo Kalulu"]


def test_an_outlet_the_matcher_read_as_a_club_is_credited_after_a_citing_word() -> None:
    club = ClubEntry(1, "br/sport-ejemplo", "Sport Ejemplo", "br", "br.1", 2, (AliasEntry("Sport", "", "short", True),))
    outlet = OutletEntry(9, "Sport", "publisher", ("Diario Sport",), ("Sport",), ("sport.es",), "es")
    gazetteer = Gazetteer(clubs=[club], outlets=[outlet])
    result = tag_article(
        text="Según Sport, el club quiere a Mario Gila.", gazetteer=gazetteer, language="es", rules_only=True
    )
    assert [(o.name, o.outlet_id) for o in result.cited] == [("Sport", 9)]


def test_an_outlets_journalist_named_with_a_possessive_before_a_citing_verb() -> None:
    text = "The Courier's Jane Roe reports that Juventus want Mario Gila."
    assert cited(text, "en") == ["The Courier", "Jane Roe"]


def test_a_quoted_name_after_a_noun_for_an_outlet_may_hold_a_clubs_name() -> None:
    text = 'Der Kanal "Juventus Heute" berichtet, der BVB wolle Serhou Guirassy halten.'
    assert cited(text, "de") == ["Juventus Heute"]


def test_a_known_outlet_written_with_its_domain_before_a_citing_verb() -> None:
    assert cited("Tuttosport.com scrive di un accordo tra la Juventus e Mario Gila.", "it") == ["Tuttosport"]


def test_a_quoted_outlet_before_a_reporter_compound() -> None:
    text = 'Der BVB plant laut "Kanal Neun"-Reporter Max Muster weiter mit Serhou Guirassy.'
    assert "Kanal Neun" in cited(text, "de")
