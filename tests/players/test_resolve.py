"""One resolver for every typed name: exact, choices (most prominent first) or unknown (closest names)."""

from __future__ import annotations

import pytest

from players.models import AliasKind, Club, ClubAlias, Player
from players.resolve import Answer, choice_label, choice_value, name_resolve
from tests.kb import club_make, player_make

pytestmark = pytest.mark.django_db


def shared_alias(club: Club, name: str) -> None:
    ClubAlias.objects.create(club=club, name=name, kind=AliasKind.SHORT, ambiguous=True)


@pytest.fixture
def clubs() -> dict[str, Club]:
    made = {
        "inter": club_make("it/fc-internazionale-milano", "FC Internazionale Milano", "it", "it.1", 5, "Inter Milan"),
        "miami": club_make("us/inter-miami-cf", "Inter Miami CF", "us", "mls", 4),
        "porto_alegre": club_make("br/internacional-porto-alegre", "Internacional", "br", "", 3),
        "juventus": club_make("it/juventus", "Juventus", "it", "it.1", 5, "Bianconeri"),
        "stabia": club_make("it/ss-juve-stabia", "SS Juve Stabia", "it", "it.2", 1, "Juve Stabia"),
    }
    for key in ("inter", "miami", "porto_alegre"):
        shared_alias(made[key], "Inter")
    shared_alias(made["juventus"], "Juve")
    shared_alias(made["stabia"], "Juve")
    return made


def test_a_name_that_several_clubs_go_by_offers_them_most_prominent_first(clubs: dict[str, Club]) -> None:
    inter = name_resolve(model=Club, typed=" inter ")
    assert inter.answer == Answer.CHOICES and inter.entity is None
    assert inter.offered == [clubs["inter"], clubs["miami"], clubs["porto_alegre"]]
    juve = name_resolve(model=Club, typed="Juve")
    assert juve.offered == [clubs["juventus"], clubs["stabia"]]
    assert choice_label(clubs["stabia"]) == "SS Juve Stabia (IT, Italian Serie B)"


def test_a_unique_name_alias_key_or_number_resolves(clubs: dict[str, Club]) -> None:
    for typed in ("JUVENTUS", "bianconeri", "it/juventus", str(clubs["juventus"].pk)):
        resolution = name_resolve(model=Club, typed=typed)
        assert (resolution.answer, resolution.entity) == (Answer.EXACT, clubs["juventus"]), typed
    assert choice_value(clubs["juventus"]) == "it/juventus"
    assert name_resolve(model=Club, typed=choice_value(clubs["stabia"])).entity == clubs["stabia"]


def test_an_unknown_name_says_so_and_offers_the_closest_accent_folded_names(clubs: dict[str, Club]) -> None:
    milan = club_make("it/ac-milan", "AC Milan", "it", "it.1", 5)
    mbappe = player_make("Kylian Mbappé", milan)
    typo = name_resolve(model=Club, typed="Juventos")
    assert typo.answer == Answer.UNKNOWN and typo.entity is None
    assert typo.offered[0] == clubs["juventus"]
    unaccented = name_resolve(model=Player, typed="Kylian Mbape")
    assert (unaccented.answer, unaccented.offered) == (Answer.UNKNOWN, [mbappe])
    nothing = name_resolve(model=Player, typed="Zzyzx Qwerty")
    assert (nothing.answer, nothing.offered) == (Answer.UNKNOWN, [])
    assert name_resolve(model=Player, typed="kylian mbappe").entity == mbappe
    assert name_resolve(model=Player, typed="  ").answer == Answer.EMPTY


def test_players_who_share_a_name_are_told_apart_by_their_club(clubs: dict[str, Club]) -> None:
    kylian = player_make("Kylian Mbappé", clubs["juventus"], "Mbappé")
    ethan = player_make("Ethan Mbappé", clubs["stabia"], "Mbappé")
    resolution = name_resolve(model=Player, typed="mbappe")
    assert resolution.offered == [kylian, ethan]  # his club is the more prominent
    assert choice_label(ethan) == "Ethan Mbappé (SS Juve Stabia)"
    assert Player.objects.count() == 2
