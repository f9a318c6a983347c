"""A small knowledge base for tests: a few clubs, players and outlets written out by hand."""

from __future__ import annotations

from dataclasses import dataclass

from players.models import AliasKind, Club, ClubAlias, Outlet, OutletAlias, Player, PlayerAlias, PlayerStatus, Source


def club_make(key: str, name: str, country: str, league: str, prominence: int, *aliases: str) -> Club:
    club = Club.objects.create(key=key, name=name, country=country, league=league, prominence=prominence)
    for alias in (name, *aliases):
        ClubAlias.objects.create(club=club, name=alias, kind=AliasKind.SHORT, source=Source.EDITORIAL)
    return club


def player_make(name: str, club: Club, *aliases: str) -> Player:
    player = Player.objects.create(name=name, club=club, status=PlayerStatus.VERIFIED, source=Source.EDITORIAL)
    for alias in (name, *aliases):
        PlayerAlias.objects.create(player=player, name=alias, source=Source.EDITORIAL)
    return player


@dataclass
class SmallKb:
    juventus: Club
    milan: Club
    napoli: Club
    tomori: Player
    tuttosport: Outlet


def small_kb_make() -> SmallKb:
    juventus = club_make("it/juventus", "Juventus", "it", "it.1", 5, "Juve", "Bianconeri")
    milan = club_make("it/ac-milan", "AC Milan", "it", "it.1", 5, "Milan", "Rossoneri")
    napoli = club_make("it/ssc-napoli", "SSC Napoli", "it", "it.1", 4, "Napoli")
    tomori = player_make("Fikayo Tomori", milan, "Tomori")
    tuttosport = Outlet.objects.create(name="Tuttosport", language="it", source=Source.EDITORIAL)
    OutletAlias.objects.create(outlet=tuttosport, name="Tuttosport", source=Source.EDITORIAL)
    return SmallKb(juventus=juventus, milan=milan, napoli=napoli, tomori=tomori, tuttosport=tuttosport)


INTEREST_ARTICLE = (
    "Juventus want AC Milan defender Fikayo Tomori, according to Tuttosport. "
    "The Bianconeri see the England international as the ideal addition to their defence and will "
    "make contact with the Rossoneri in the coming days."
)
