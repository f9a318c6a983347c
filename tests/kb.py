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


@dataclass
class NamesKb:
    """Names that several things share ("Juve", "Inter"), accents, exonyms and a journalist."""

    small: SmallKb
    stabia: Club
    inter: Club
    inter_miami: Club
    real_madrid: Club
    bayern: Club
    mbappe: Player
    romano: Outlet


def _shared(name: str, *clubs: Club) -> None:
    for club in clubs:
        ClubAlias.objects.update_or_create(
            club=club, normalized=name.lower(), defaults={"name": name, "kind": AliasKind.SHORT, "ambiguous": True}
        )


def names_kb_make() -> NamesKb:
    small = small_kb_make()
    stabia = club_make("it/ss-juve-stabia", "SS Juve Stabia", "it", "it.2", 1, "Juve Stabia")
    inter = club_make("it/fc-internazionale-milano", "FC Internazionale Milano", "it", "it.1", 5, "Inter Milan")
    inter_miami = club_make("us/inter-miami-cf", "Inter Miami CF", "us", "mls", 4)
    _shared("Juve", small.juventus, stabia)
    _shared("Inter", inter, inter_miami)
    real_madrid = club_make("es/real-madrid", "Real Madrid", "es", "es.1", 5, "Real", "Los Blancos")
    bayern = club_make("de/bayern-munchen", "FC Bayern München", "de", "de.1", 5, "Bayern", "Bayern Monaco")
    mbappe = player_make("Kylian Mbappé", real_madrid, "Mbappé")
    romano = Outlet.objects.create(name="Fabrizio Romano", kind="journalist", language="en", source=Source.EDITORIAL)
    OutletAlias.objects.create(outlet=romano, name="Fabrizio Romano", source=Source.EDITORIAL)
    return NamesKb(small, stabia, inter, inter_miami, real_madrid, bayern, mbappe, romano)
