"""Every claim kind in every language, read by the rule engine from short articles written for these tests."""

from __future__ import annotations

import pytest

from tagger import tag_article
from tests.tagger.kb import GAZETTEER, club_key

CASES = {
    "en": [
        (
            "Juventus are monitoring AC Milan defender Fikayo Tomori ahead of the January window.",
            "Fikayo Tomori",
            "it/juventus",
            "interest",
        ),
        ("Chelsea have opened talks with Lazio over a deal for Mario Gila.", "Mario Gila", "eng/chelsea-fc", "talks"),
        (
            "Arsenal have submitted a £40m bid for Sevilla midfielder Lucas Ocampo.",
            "Lucas Ocampo",
            "eng/arsenal-fc",
            "bid",
        ),
        (
            "Newcastle have agreed personal terms with Leicester winger Harvey Barnes.",
            "Harvey Barnes",
            "eng/newcastle-united-fc",
            "agreement",
        ),
        (
            "Tottenham have completed the signing of Brennan Johnson.",
            "Brennan Johnson",
            "eng/tottenham-hotspur-fc",
            "completed",
        ),
        (
            "Liverpool have opened talks with Joe Gomez over a new contract until 2029.",
            "Joe Gomez",
            "eng/liverpool-fc",
            "renewal",
        ),
        (
            "Manchester United are ready to sell Bruno Fernandes next summer.",
            "Bruno Fernandes",
            "eng/manchester-united-fc",
            "exit",
        ),
        ("Real Madrid have denied any interest in Dani Olmo.", "Dani Olmo", "es/real-madrid", "denial"),
    ],
    "it": [
        ("Il Napoli è sulle tracce di Mario Gila, difensore della Lazio.", "Mario Gila", "it/ssc-napoli", "interest"),
        (
            "La Juventus ha avviato una trattativa con il Milan per Fikayo Tomori.",
            "Fikayo Tomori",
            "it/juventus",
            "talks",
        ),
        (
            "L'Inter ha presentato un'offerta da 25 milioni al Liverpool per Joe Gomez.",
            "Joe Gomez",
            "it/fc-internazionale-milano",
            "bid",
        ),
        (
            "Il Milan ha trovato l'accordo con l'Udinese per il centrale Thomas Kristensen.",
            "Thomas Kristensen",
            "it/ac-milan",
            "agreement",
        ),
        ("Ufficiale: la Juventus ha acquistato Pierre Kalulu dal Milan.", "Pierre Kalulu", "it/juventus", "completed"),
        (
            "Il Milan vuole rinnovare a Fikayo Tomori il suo accordo, in scadenza nel 2027.",
            "Fikayo Tomori",
            "it/ac-milan",
            "renewal",
        ),
        ("La Lazio vuole cedere Mario Gila a gennaio.", "Mario Gila", "it/ss-lazio", "exit"),
        ("Il Napoli smentisce qualsiasi interesse per Dani Olmo.", "Dani Olmo", "it/ssc-napoli", "denial"),
    ],
    "es": [
        (
            "El Atlético sigue de cerca a Nico Williams, delantero del Athletic.",
            "Nico Williams",
            "es/atletico-madrid",
            "interest",
        ),
        ("El Barcelona negocia con el Sevilla el fichaje de Lucas Ocampo.", "Lucas Ocampo", "es/fc-barcelona", "talks"),
        (
            "El Real Madrid ha presentado una oferta de 60 millones por Rayan Cherki.",
            "Rayan Cherki",
            "es/real-madrid",
            "bid",
        ),
        (
            "El Sevilla ha cerrado un acuerdo con el Betis por el delantero Borja Iglesias.",
            "Borja Iglesias",
            "es/sevilla-fc",
            "agreement",
        ),
        ("Oficial: el Real Madrid ha fichado a Dani Olmo.", "Dani Olmo", "es/real-madrid", "completed"),
        ("El Athletic ha renovado a Nico Williams hasta 2030.", "Nico Williams", "es/athletic-club", "renewal"),
        (
            "Nico Williams extendió su vínculo con el Athletic hasta 2031.",
            "Nico Williams",
            "es/athletic-club",
            "renewal",
        ),
        ("El Barcelona quiere vender a Dani Olmo este verano.", "Dani Olmo", "es/fc-barcelona", "exit"),
        ("El Atlético descarta el fichaje de Nico Williams.", "Nico Williams", "es/atletico-madrid", "denial"),
    ],
    "de": [
        (
            "Der FC Bayern hat Serhou Guirassy von Borussia Dortmund im Visier.",
            "Serhou Guirassy",
            "de/fc-bayern-munchen",
            "interest",
        ),
        (
            "Borussia Dortmund verhandelt mit dem FC Porto über Alan Varela.",
            "Alan Varela",
            "de/borussia-dortmund",
            "talks",
        ),
        ("Der FC Bayern hat ein Angebot für Rayan Cherki vorgelegt.", "Rayan Cherki", "de/fc-bayern-munchen", "bid"),
        (
            "Borussia Dortmund hat sich mit dem FC Porto über Alan Varela geeinigt.",
            "Alan Varela",
            "de/borussia-dortmund",
            "agreement",
        ),
        ("Der FC Bayern hat Rayan Cherki offiziell verpflichtet.", "Rayan Cherki", "de/fc-bayern-munchen", "completed"),
        (
            "Thomas Müller hat seinen Vertrag beim FC Bayern bis 2026 verlängert.",
            "Thomas Müller",
            "de/fc-bayern-munchen",
            "renewal",
        ),
        (
            "Borussia Dortmund will Serhou Guirassy im Sommer verkaufen.",
            "Serhou Guirassy",
            "de/borussia-dortmund",
            "exit",
        ),
        ("Der FC Bayern dementiert das Interesse an Nico Williams.", "Nico Williams", "de/fc-bayern-munchen", "denial"),
    ],
    "fr": [
        (
            "Le PSG s'intéresse à Rayan Cherki, le milieu de Manchester City.",
            "Rayan Cherki",
            "fr/paris-saint-germain",
            "interest",
        ),
        (
            "L'OM discute avec Lyon pour le transfert de Rayan Cherki.",
            "Rayan Cherki",
            "fr/olympique-de-marseille",
            "talks",
        ),
        (
            "Le PSG a formulé une offre de 50 millions d'euros pour Nico Williams.",
            "Nico Williams",
            "fr/paris-saint-germain",
            "bid",
        ),
        ("Lyon a trouvé un accord avec Benfica pour Orkun Kökçü.", "Orkun Kökçü", "fr/olympique-lyonnais", "agreement"),
        (
            "C'est officiel : João Neves a signé au PSG jusqu'en 2030.",
            "João Neves",
            "fr/paris-saint-germain",
            "completed",
        ),
        (
            "Le PSG va prolonger le contrat de João Neves jusqu'en 2030.",
            "João Neves",
            "fr/paris-saint-germain",
            "renewal",
        ),
        ("L'OM veut vendre Jonathan David cet été.", "Jonathan David", "fr/olympique-de-marseille", "exit"),
        ("Le PSG dément tout intérêt pour Dani Olmo.", "Dani Olmo", "fr/paris-saint-germain", "denial"),
    ],
    "pt": [
        ("O Benfica está interessado em Alan Varela, médio do FC Porto.", "Alan Varela", "pt/sl-benfica", "interest"),
        ("O Sporting está em negociações com o Benfica por Orkun Kökçü.", "Orkun Kökçü", "pt/sporting-cp", "talks"),
        (
            "O FC Porto apresentou uma proposta de 20 milhões por Florentino Luís.",
            "Florentino Luís",
            "pt/fc-porto",
            "bid",
        ),
        (
            "O Benfica chegou a acordo com o Sporting para a contratação de Viktor Gyökeres.",
            "Viktor Gyökeres",
            "pt/sl-benfica",
            "agreement",
        ),
        ("Oficial: o Benfica contratou Alan Varela.", "Alan Varela", "pt/sl-benfica", "completed"),
        ("O FC Porto renovou o contrato de Alan Varela até 2029.", "Alan Varela", "pt/fc-porto", "renewal"),
        ("O Benfica quer vender Orkun Kökçü no verão.", "Orkun Kökçü", "pt/sl-benfica", "exit"),
        ("O Sporting nega qualquer interesse em Florentino Luís.", "Florentino Luís", "pt/sporting-cp", "denial"),
    ],
}
PARAMS = [(language, *case) for language, cases in CASES.items() for case in cases]


@pytest.mark.parametrize(("language", "text", "player", "club", "kind"), PARAMS)
def test_it_reads_each_kind_in_each_language(language: str, text: str, player: str, club: str, kind: str) -> None:
    result = tag_article(text=text, gazetteer=GAZETTEER, language=language, rules_only=True)
    found = {(c.player, club_key(c.club_id)): c.kind for c in result.claims}
    assert found.get((player, club)) == kind, found


@pytest.mark.parametrize(("language", "text", "player", "club", "kind"), PARAMS)
def test_it_detects_the_language(language: str, text: str, player: str, club: str, kind: str) -> None:
    longer = f"{text} {text}"
    assert tag_article(text=longer, gazetteer=GAZETTEER).language == language
