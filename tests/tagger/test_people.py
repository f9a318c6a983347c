"""Who is a player: the staff, countries and nationalities kept out, on short articles written for these tests."""

from __future__ import annotations

import pytest

from tagger import TagResult, tag_article
from tagger.langdata import load_language, places_and_peoples
from tagger.matcher import Gazetteer, PlayerEntry
from tagger.people import (
    NO_CLUBS,
    Cast,
    ClubSpans,
    Person,
    one_person_per_name,
    staff_after,
    staff_before,
    staff_in_article,
)
from tagger.text import Mask
from tests.tagger.kb import GAZETTEER

# Made-up players the knowledge base knows: one whose name it spells without umlaut, an ex-player who
# coaches now, one whose surname is a country's name.
_EXTRA = [
    PlayerEntry(id=9101, name="Jonas Kuehn", club_id=None, aliases=(), status="active"),
    PlayerEntry(id=9102, name="Rui Amaral", club_id=None, aliases=("Amaral",), status="active"),
    PlayerEntry(id=9103, name="Tiago Portugal", club_id=None, aliases=("Portugal",), status="active"),
    PlayerEntry(id=9104, name="Lukas Müller", club_id=None, aliases=(), status="active"),
    PlayerEntry(id=9105, name="Hugo Thomas", club_id=None, aliases=("Thomas",), status="active"),
    # Two of one surname: a squad list gives the first his surname as a name he goes by.
    PlayerEntry(id=9106, name="Bruno Kessel", club_id=None, aliases=("Kessel",), status="active"),
    PlayerEntry(id=9107, name="Marco Kessel", club_id=None, aliases=(), status="active"),
]
KB = Gazetteer(
    clubs=GAZETTEER.clubs.values(), players=[*GAZETTEER.players.values(), *_EXTRA], outlets=GAZETTEER.outlets.values()
)


def tag(text: str, language: str) -> TagResult:
    return tag_article(text=text, gazetteer=KB, language=language, rules_only=True)


def players(text: str, language: str) -> list[str]:
    return [p.name for p in tag(text, language).players]


def before(text: str, name: str, language: str) -> bool:
    clubs = ClubSpans([(m.start, m.end) for m in KB.find(text, language=language) if m.kind == "club"])
    return staff_before(text, text.index(name), load_language(language), clubs)


def after(text: str, name: str, language: str) -> bool:
    start = text.index(name)
    return staff_after(text, start, start + len(name), load_language(language), NO_CLUBS)


def test_a_known_player_keeps_the_spelling_of_the_article() -> None:
    assert players("Napoli have signed Jonas Kühn from Lazio.", "en") == ["Jonas Kühn"]


def test_a_man_the_article_calls_coach_once_is_no_player_where_it_names_him_by_surname() -> None:
    text = "Benfica coach Rui Amaral is happy with his squad. Amaral wants Orkun Kökçü to stay for one more season."
    assert players(text, "en") == ["Orkun Kökçü"]


def test_a_surname_alone_is_the_player_the_article_names_in_full_with_it() -> None:
    result = tag("Lazio have signed Lukas Müller from Udinese. Müller had asked to leave in May.", "en")
    assert [(p.name, len(p.spans)) for p in result.players] == [("Lukas Müller", 2)]


def test_a_first_name_before_another_name_is_not_the_player_of_that_surname() -> None:
    assert "Hugo Thomas" not in players("Lazio hat Thomas Kessler von Udinese verpflichtet.", "de")
    assert players("Lazio have signed Thomas from Udinese.", "en") == ["Hugo Thomas"]


def test_a_surname_two_known_players_share_is_neither_of_them_without_more() -> None:
    kessel = next(m for m in KB.find("Lazio want Kessel for next season.", language="en") if m.text == "Kessel")
    assert kessel.entity_id is None
    assert set(kessel.candidates) == {9106, 9107}
    assert players("Lazio want Marco Kessel. Kessel has two years left on his deal.", "en") == ["Marco Kessel"]


def test_a_player_found_by_surname_gets_his_full_name_without_his_nationality() -> None:
    text = "Lazio have completed the signing of Bakare. Nigerian Tunde Bakare is happy in Rome."
    assert players(text, "en") == ["Tunde Bakare"]


def test_the_cities_of_the_time_zones_are_places_in_six_languages() -> None:
    assert {"londres", "riad", "alger", "monaco", "lisbona"} <= places_and_peoples()
    assert "Londres" not in players("Ramiro Calvo volvió a Londres y Lazio lo ha fichado.", "es")


def test_a_country_is_not_the_player_of_that_surname() -> None:
    assert players("João Neves will play for Portugal in June, says PSG.", "en") == ["João Neves"]


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ("Ontem o treinador português Abel Fontoura elogiou o plantel.", "Abel Fontoura", "pt"),
        ("Hier, l'entraîneur allemand Uwe Brandt a parlé du mercato.", "Uwe Brandt", "fr"),
        ("Según el presidente del club, Ramiro Calvo, no habrá más fichajes.", "Ramiro Calvo", "es"),
        ("Secondo il ds della società, Cenk Aydin, non ci sono offerte.", "Cenk Aydin", "it"),
        ("Le nouveau directeur sportif (Henri Lacombe) arrive lundi.", "Henri Lacombe", "fr"),
        ("Ganaron los dirigidos por Ramiro Calvo en casa.", "Ramiro Calvo", "es"),
        ("Das sagte Bayern-Chef Uwe Brandt am Montag.", "Uwe Brandt", "de"),
        ("Das sagte Vorstandsmitglied Uwe Brandt am Montag.", "Uwe Brandt", "de"),
        ("O Sporting ganhou e os comandados de Abel Fontoura subiram.", "Abel Fontoura", "pt"),
        ("Selon le co-propriétaire de l'Inter Henri Lacombe, rien n'est signé.", "Henri Lacombe", "fr"),
    ],
)
def test_a_role_word_before_the_name_shows_the_staff(text: str, name: str, language: str) -> None:
    assert before(text, name, language)


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ("El técnico quiere a Ramiro Calvo en enero.", "Ramiro Calvo", "es"),
        ("L'allenatore ha convocato Cenk Aydin per la partita.", "Cenk Aydin", "it"),
        ("Der Abwehrchef Uwe Brandt bleibt in Bremen.", "Uwe Brandt", "de"),
        ("The agent of Nigerian forward Tunde Bakare spoke to Lazio.", "Tunde Bakare", "en"),
    ],
)
def test_a_role_word_of_another_man_does_not(text: str, name: str, language: str) -> None:
    assert not before(text, name, language)


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ("Ramiro Calvo, su representante, negó la oferta.", "Ramiro Calvo", "es"),
        ("Asked about a move, Tony Baxter, Bakare's agent, said nothing.", "Tony Baxter", "en"),
        ("Claudio Serra, attuale tecnico del Como, sorride.", "Claudio Serra", "it"),
        ("Pour Brendan Hale, l’entraineur des Bhoys, le groupe est complet.", "Brendan Hale", "fr"),
    ],
)
def test_a_role_word_after_the_name_shows_the_staff(text: str, name: str, language: str) -> None:
    assert after(text, name, language)


def test_a_name_after_a_club_in_one_run_of_capitals_is_read_too() -> None:
    text = "Lo ha detto il ds del Napoli Carlo Ferrante ai giornalisti."
    lang = load_language("it")
    club = (text.index("Napoli"), text.index("Napoli") + len("Napoli"))
    staff = staff_in_article(text, lang, ClubSpans([club]), Mask(len(text), [club]))
    assert {"carlo ferrante", "ferrante"} <= staff


def test_a_nationality_before_a_name_is_not_part_of_it() -> None:
    assert players("Lazio have signed Nigerian forward Tunde Bakare from Udinese.", "en") == ["Tunde Bakare"]
    assert players("Lazio confirm the arrival of the Senegalese Moussa Ndour from Udinese.", "en") == ["Moussa Ndour"]


def test_a_player_named_by_surname_in_the_title_and_in_full_below_is_one_player() -> None:
    # The title's surname is given the full name of the body; the learned discovery finds that name too.
    result = tag_article(
        title="Arsenal want Okafor",
        text="Arsenal are keen on the winger Daniel Okafor. Daniel has scored nine goals for Lille this season.",
        gazetteer=KB,
        language="en",
    )
    assert [p.name for p in result.players] == ["Daniel Okafor"]
    assert [(c.player, c.club) for c in result.claims] == [("Daniel Okafor", "Arsenal FC")]


def test_a_short_name_is_the_one_player_whose_name_holds_it_and_no_one_when_two_fit() -> None:
    cast = Cast(mask=Mask(200))
    for key, name, span in [
        ("name:berg", "Berg", (0, 4)),
        ("name:lukas berg", "Lukas Berg", (10, 20)),
        ("name:lukas", "Lukas", (30, 35)),
        ("name:lukas moreno", "Lukas Moreno", (40, 52)),
        ("name:torjager jonas kuhn", "Torjäger Jonas Kühn", (60, 79)),
        ("id:9101", "Jonas Kühn", (69, 79)),
    ]:
        cast.add(Person(key, name, 9101 if key == "id:9101" else None), span)
    one_person_per_name(cast, KB.given_names)
    assert {p.name: sorted(p.spans) for p in cast.people.values()} == {
        "Lukas Berg": [(0, 4), (10, 20)],
        "Lukas": [(30, 35)],
        "Lukas Moreno": [(40, 52)],
        "Jonas Kühn": [(60, 79), (69, 79)],
    }
