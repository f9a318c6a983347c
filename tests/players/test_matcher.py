"""The matcher: names found by any spelling, ambiguous names resolved by context, with candidates and reasons."""

from __future__ import annotations

import pytest

from tagger.matcher import Gazetteer, OutletEntry
from tests.tagger.kb import GAZETTEER, club_key


def clubs_in(text: str, language: str = "en") -> list[str | None]:
    return [club_key(m.entity_id) for m in GAZETTEER.match_clubs(text, language=language)]


def players_in(text: str, language: str = "en") -> list[str]:
    return [
        GAZETTEER.players[m.entity_id].name for m in GAZETTEER.match_players(text, language=language) if m.entity_id
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("United are ready to move for the winger.", "en", "eng/manchester-united-fc"),
        ("Newcastle want a striker. United have already made an approach.", "en", "eng/newcastle-united-fc"),
        ("Lo United prepara un'offerta per l'attaccante.", "it", "eng/manchester-united-fc"),
        ("City have opened talks with the midfielder.", "en", "eng/manchester-city-fc"),
        ("Leicester are in trouble. City need to sell before June.", "en", "eng/leicester-city-fc"),
        ("El Real quiere cerrar el fichaje esta semana.", "es", "es/real-madrid"),
        ("Le Real prépare une offre pour le milieu.", "fr", "es/real-madrid"),
        ("La Real Sociedad negocia con el delantero. La Real no quiere esperar.", "es", "es/real-sociedad"),
        ("L'Inter ha presentato un'offerta.", "it", "it/fc-internazionale-milano"),
        ("Inter want the defender in January.", "en", "it/fc-internazionale-milano"),
        ("Inter Miami are in talks with the veteran. Inter have offered two years.", "en", "us/inter-miami-cf"),
        ("Der Klub Inter Miami will den Spieler. Inter bietet einen Vertrag.", "de", "us/inter-miami-cf"),
        ("Juve pronta a rilanciare per il centrale.", "it", "it/juventus"),
        ("O Sporting recusou a proposta.", "pt", "pt/sporting-cp"),
        ("Sporting want the striker.", "en", "pt/sporting-cp"),
        ("El Sporting Gijón busca un lateral. El Sporting ya ha hecho una oferta.", "es", "es/sporting-gijon"),
        ("El Athletic renueva a su delantero.", "es", "es/athletic-club"),
        ("Paris prépare une offre pour l'attaquant.", "fr", "fr/paris-saint-germain"),
        ("Le Paris FC veut un milieu. Paris a fait une offre.", "fr", "fr/paris-fc"),
        ("El Atlético ofrece 30 millones.", "es", "es/atletico-madrid"),
        ("O Atlético Mineiro quer o avançado. O Atlético já fez uma proposta.", "pt", "br/atletico-mineiro"),
        ("Rangers have rejected a bid for the striker.", "en", "sco/rangers-fc"),
        ("QPR are struggling. Rangers need a striker.", "en", "eng/queens-park-rangers-fc"),
        ("Celtic want the winger.", "en", "sco/celtic-fc"),
        ("Stalybridge Celtic signed a keeper.", "en", "sco/celtic-fc-stalybridge"),
    ],
)
def test_it_resolves_an_ambiguous_club_name_by_context(text: str, language: str, expected: str) -> None:
    assert clubs_in(text, language)[-1] == expected


def test_milan_is_ac_milan_even_next_to_inter_milan() -> None:
    assert clubs_in("Inter Milan and Milan both want the defender.") == ["it/fc-internazionale-milano", "it/ac-milan"]


def test_inter_milan_is_never_ac_milan() -> None:
    assert clubs_in("L'Inter Milan ha chiuso per il terzino.", "it") == ["it/fc-internazionale-milano"]


def test_juve_stabia_is_not_juventus() -> None:
    assert clubs_in("La Juve Stabia ha preso un portiere.", "it") == ["it/juve-stabia"]


def test_it_returns_each_mention_with_its_candidates_and_the_reason() -> None:
    [mention] = GAZETTEER.match_clubs("United are ready to bid.", language="en")
    assert len(mention.candidates) >= 1 and mention.entity_id in mention.candidates
    assert mention.reason
    [paris] = GAZETTEER.match_clubs("Le Paris FC veut un milieu.", language="fr")
    assert paris.reason == "only club by this name"


def test_an_exonym_counts_only_in_its_language() -> None:
    assert clubs_in("Come riportato da Tuttosport, il Milan vuole il difensore.", "it") == ["it/ac-milan"]
    assert clubs_in("Côme veut le défenseur.", "fr") == ["it/como-1907"]


def test_a_nickname_may_be_written_in_lower_case() -> None:
    assert clubs_in("i rossoneri vogliono il centrale", "it") == ["it/ac-milan"]


def test_an_ordinary_word_is_not_a_club() -> None:
    assert clubs_in("the city showed a united front, a real surprise for the athletic staff", "en") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Real Madrid want Mbappe.", "Kylian Mbappé"),
        ("Arsenal captain Martin Odegaard signed.", "Martin Ødegaard"),
        ("Arsenal captain Martin Oedegaard signed.", "Martin Ødegaard"),
        ("Bayern will Thomas Muller halten.", "Thomas Müller"),
        ("Bayern will Thomas Mueller halten.", "Thomas Müller"),
        ("Bayern are ready to sell Min-jae Kim.", "Kim Min-jae"),
        ("Vini Jr. scored twice.", "Vinícius Júnior"),
    ],
)
def test_it_folds_case_accents_and_transliteration(text: str, expected: str) -> None:
    assert players_in(text) == [expected]


def test_it_finds_a_surname_alone_when_the_knowledge_base_makes_it_unique() -> None:
    [mention] = GAZETTEER.match_players("Juventus are chasing Tomori.", language="en")
    assert GAZETTEER.players[mention.entity_id].name == "Fikayo Tomori"  # type: ignore[index]


def test_a_surname_after_the_full_name_is_the_same_player() -> None:
    mentions = GAZETTEER.match_players("Fikayo Tomori is wanted. Tomori would cost 30 million.", language="en")
    assert {m.entity_id for m in mentions} == {mentions[0].entity_id}


def test_an_outlet_acronym_matches_only_in_capitals() -> None:
    assert [m.text for m in GAZETTEER.match_outlets("As reported by AS, the deal is done.")] == ["AS"]


def test_it_finds_an_outlet_by_its_domain() -> None:
    assert (
        GAZETTEER.outlet_for_domain("https://www.marca.com/futbol/1.html")
        == GAZETTEER.match_outlets("Marca")[0].entity_id
    )


def test_an_outlet_name_two_outlets_share_is_the_one_in_the_articles_language() -> None:
    italy = OutletEntry(1, "Sky Sport Italia", "publisher", ("Sky Sport",), (), (), language="it")
    germany = OutletEntry(2, "Sky Sport Deutschland", "publisher", ("Sky Sport",), (), (), language="de")
    gazetteer = Gazetteer(clubs=[], players=[], outlets=[italy, germany])
    assert [m.entity_id for m in gazetteer.match_outlets("laut Sky Sport")] in ([1], [2])  # no language: either
    assert [m.entity_id for m in gazetteer.find("wie Sky Sport berichtet", language="de")] == [2]
    assert [m.entity_id for m in gazetteer.find("come riferisce Sky Sport", language="it")] == [1]
