"""How clubs are named in running text, beyond their listed names: grammar the languages share, on short
articles and a small knowledge base invented for these tests (no club here exists)."""

from __future__ import annotations

from tagger import tag_article
from tagger.matcher import AliasEntry, ClubEntry, Gazetteer

# key, name, country, prominence, town, aliases as (name, language, kind, ambiguous)
_CLUBS: list[tuple[str, str, str, int, str, list[tuple[str, str, str, bool]]]] = [
    ("it/valdoria", "AC Valdoria", "it", 3, "Montebello", [("Valdoria", "", "short", False)]),
    ("it/montebello", "US Montebello", "it", 2, "Montebello", [("Montebello", "", "short", False)]),
    ("ma/rasha-portvert", "Rasha Portvert", "ma", 1, "Portvert", []),
    ("no/nordby", "Nordby FK", "no", 2, "Nordby", [("Nordby", "", "short", False), ("Nordbia", "es", "exonym", False)]),
    ("de/kaltenberg", "VfR Kaltenberg", "de", 3, "Kaltenberg", [("Kaltenberg", "", "short", False)]),
    ("at/sturm-weiden", "SK Sturm Weiden", "at", 2, "Weiden", [("Sturm", "", "short", True)]),
    ("gi/europa-fc", "Europa FC", "gi", 1, "Gibraltar", [("Europa", "", "short", False)]),
    ("es/malta-cd", "CD Malta", "es", 1, "Villanueva", [("Malta", "", "short", False)]),
    ("eng/ashby-fc", "Ashby FC", "eng", 1, "Kirkby", [("Ashby", "", "short", False)]),
    ("co/union-alta", "Unión Alta", "co", 2, "Altamira", [("Unión", "", "short", True)]),
    ("uy/union-baja", "Unión Baja", "uy", 1, "Bajamar", [("Unión", "", "short", True)]),
    ("uy/penascal", "CA Peñascal", "uy", 1, "Bajamar", [("Peñascal", "", "short", False)]),
    ("mx/atalaya", "Club Atalaya", "mx", 3, "Cerrito", [("Atalaya", "", "short", False)]),
    ("es/puerto-azul", "Puerto Azul CF", "es", 2, "Puerto Azul", [("Gaviotas", "es", "nickname", True)]),
    ("ar/marea", "CA Marea", "ar", 3, "Marea", [("Marea", "", "short", False), ("Gaviotas", "es", "nickname", True)]),
]


def _gazetteer() -> Gazetteer:
    return Gazetteer(
        clubs=[
            ClubEntry(i, key, name, country, "", prominence, tuple(AliasEntry(*a) for a in aliases), city=town)
            for i, (key, name, country, prominence, town, aliases) in enumerate(_CLUBS, start=1)
        ]
    )


GAZETTEER = _gazetteer()


def clubs_named(text: str, language: str) -> list[str]:
    result = tag_article(text=text, gazetteer=GAZETTEER, language=language, rules_only=True)
    return sorted(GAZETTEER.clubs[c.club_id].key for c in result.clubs if c.club_id is not None)


def test_a_preposition_of_place_makes_a_town_only_of_a_towns_name() -> None:
    assert clubs_named("Il terzino era stato cercato da Valdoria e da altri club.", "it") == ["it/valdoria"]
    assert clubs_named("Il terzino vive a Montebello con la famiglia.", "it") == []


def test_the_word_between_a_clubs_name_and_its_town() -> None:
    assert clubs_named("Le défenseur rejoint le Rasha de Portvert cet été.", "fr") == ["ma/rasha-portvert"]


def test_an_exonym_is_understood_in_a_neighbouring_language() -> None:
    assert clubs_named("O avançado foi emprestado ao Nordbia até ao fim da época.", "pt") == ["no/nordby"]


def test_a_german_genitive_or_demonym_names_the_club() -> None:
    assert clubs_named("Kaltenbergs Trainer lobt den Neuen.", "de") == ["de/kaltenberg"]
    assert clubs_named("Der frühere Kaltenberger wechselt nach Spanien.", "de") == ["de/kaltenberg"]
    assert clubs_named("Er trainierte lange mit den Kaltenbergern.", "de") == ["de/kaltenberg"]


def test_an_ending_on_a_common_noun_or_a_place_names_no_club() -> None:
    assert clubs_named("Der Stürmer kommt ablösefrei.", "de") == []
    assert clubs_named("Er ist einer der besten Spieler Europas.", "de") == []


def test_a_club_article_makes_a_club_of_a_minor_clubs_place_name() -> None:
    assert clubs_named("El lateral firmó ayer con el Malta por dos temporadas.", "es") == ["es/malta-cd"]
    assert clubs_named("El lateral pasó sus vacaciones en Malta.", "es") == []


def test_a_minor_clubs_word_inside_a_longer_name_is_not_the_club() -> None:
    assert clubs_named("The striker joined Ashby on loan last week.", "en") == ["eng/ashby-fc"]
    assert clubs_named("The striker grew up near Port Ashby and trained there.", "en") == []
    assert clubs_named("The striker trained at the Ashby Heights centre.", "en") == []


def test_a_shared_name_goes_to_the_namesake_from_the_foreign_league_the_text_names() -> None:
    assert clubs_named("Unión y Peñascal se reparten los fichajes del verano.", "es") == [
        "uy/penascal",
        "uy/union-baja",
    ]
    assert clubs_named("Unión ficha a un lateral para el verano.", "es") == ["co/union-alta"]


def test_a_club_named_only_as_the_last_word_of_a_longer_name_is_not_named() -> None:
    assert clubs_named("El técnico habló ayer con Rufino Atalaya sobre el fichaje.", "es") == []
    assert clubs_named("El portero del Atalaya Rufino Ortega renueva.", "es") == ["mx/atalaya"]


def test_a_nickname_clubs_share_names_only_a_club_the_text_names_otherwise() -> None:
    assert clubs_named("Las Gaviotas pagan dos millones por el lateral.", "es") == []
    text = "El Puerto Azul anuncia un fichaje: las Gaviotas pagan dos millones por el lateral."
    assert clubs_named(text, "es") == ["es/puerto-azul"]


def _club(key: str, name: str, country: str, *aliases: AliasEntry) -> ClubEntry:
    return ClubEntry(900 + len(key), key, name, country, "", 2, aliases)


def test_a_club_is_reported_by_the_name_articles_use() -> None:
    recorded = "openfootball"  # names the open club data records; editorial aliases are matching aids
    assert _club("fr/as-brumes", "AS Brumes", "fr", AliasEntry("Brumes", "", "short", False, recorded)).common_name == (
        "Brumes"
    )
    assert _club("br/praia-sp", "Praia SP", "br", AliasEntry("Praia", "", "short", True, recorded)).common_name == (
        "Praia"
    )
    assert _club("es/rivera-cf", "Rivera CF", "es", AliasEntry("Rivera", "", "short", True, recorded)).common_name == (
        "Rivera"
    )
    assert _club("it/torre-1921", "Torre 1921", "it").common_name == "Torre"
    # What is left must be a recorded name of this club: a city listed only to match, or no name at all.
    assert _club("nl/kvs-lindau", "KVS Lindau", "nl", AliasEntry("Lindau", "", "short", False)).common_name == (
        "KVS Lindau"
    )
    assert _club("br/atletico-pa", "Atlético PA", "br").common_name == "Atlético PA"


def test_the_tagged_article_names_the_club_as_articles_do() -> None:
    brumes = _club("fr/as-brumes", "AS Brumes", "fr", AliasEntry("Brumes", "", "short", False, "openfootball"))
    result = tag_article(
        text="Le milieu de terrain rejoint l'AS Brumes cet été.",
        gazetteer=Gazetteer(clubs=[brumes]),
        language="fr",
        rules_only=True,
    )
    assert [club.name for club in result.clubs] == ["Brumes"]
