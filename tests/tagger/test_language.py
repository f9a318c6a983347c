"""Language detection on whole paragraphs, which take lingua's quick path, and on short ones, which do not."""

import pytest

from tagger.language import _SAMPLE, _sample, detect_language

PARAGRAPHS = {
    "en": "The club are ready to make a formal offer for the midfielder this week, and talks with his agent are "
    "expected to continue over the weekend before the board meets on Monday to decide on the final fee.",
    "it": "La società è pronta a presentare un'offerta ufficiale per il centrocampista già questa settimana, e i "
    "contatti con il suo agente continueranno nel fine settimana prima della riunione di lunedì.",
    "es": "El club está dispuesto a presentar una oferta formal por el centrocampista esta misma semana, y las "
    "conversaciones con su agente seguirán durante el fin de semana antes de la reunión del lunes.",
    "de": "Der Verein ist bereit, noch in dieser Woche ein offizielles Angebot für den Mittelfeldspieler abzugeben, "
    "und die Gespräche mit seinem Berater sollen am Wochenende weitergehen, bevor der Vorstand entscheidet.",
    "fr": "Le club est prêt à formuler une offre officielle pour le milieu de terrain dès cette semaine, et les "
    "discussions avec son agent doivent se poursuivre pendant le week-end avant la réunion de lundi.",
    "pt": "O clube está pronto para apresentar uma proposta formal pelo médio ainda esta semana, e as conversas "
    "com o seu empresário devem continuar durante o fim de semana antes da reunião de segunda-feira.",
}


@pytest.mark.parametrize(("language", "text"), PARAGRAPHS.items())
def test_a_whole_paragraph_is_detected(language: str, text: str) -> None:
    assert len(_sample(text)) == _SAMPLE  # long enough for the quick models
    assert detect_language(text) == language


SHORT = [
    ("pt", "O Sporting quer vender Pote no verão."),  # the quick models are sure it is German
    ("pt", "O Benfica quer manter o médio."),
    ("de", "Der HSV will den Verteidiger."),
    *((language, text.split(",")[0]) for language, text in PARAGRAPHS.items()),
]


@pytest.mark.parametrize(("language", "text"), SHORT)
def test_a_short_text_is_detected(language: str, text: str) -> None:
    assert len(_sample(text)) < _SAMPLE  # too short for the quick models, which guess short texts wrongly
    assert detect_language(text) == language
