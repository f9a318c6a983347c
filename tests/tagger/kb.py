"""A small hand-written knowledge base as a pure Gazetteer: no database, so matcher and tagger tests run fast."""

from __future__ import annotations

from tagger.matcher import AliasEntry, ClubEntry, Gazetteer, OutletEntry, PlayerEntry

# key, name, country, league, prominence, aliases as (name, language, kind, ambiguous)
_CLUBS: list[tuple[str, str, str, str, int, list[tuple[str, str, str, bool]]]] = [
    (
        "it/juventus",
        "Juventus",
        "it",
        "it.1",
        5,
        [("Juve", "", "short", True), ("Bianconeri", "it", "nickname", False)],
    ),
    ("it/juve-stabia", "Juve Stabia", "it", "it.2", 2, [("Juve", "", "short", True)]),
    (
        "it/ac-milan",
        "AC Milan",
        "it",
        "it.1",
        5,
        [("Milan", "", "short", True), ("Rossoneri", "it", "nickname", False)],
    ),
    (
        "it/fc-internazionale-milano",
        "FC Internazionale Milano",
        "it",
        "it.1",
        5,
        [("Inter", "", "short", True), ("Inter Milan", "", "short", False), ("Nerazzurri", "it", "nickname", False)],
    ),
    (
        "us/inter-miami-cf",
        "Inter Miami CF",
        "us",
        "mls",
        3,
        [("Inter Miami", "", "short", False), ("Inter", "", "short", True)],
    ),
    (
        "it/ssc-napoli",
        "SSC Napoli",
        "it",
        "it.1",
        4,
        [("Napoli", "", "short", False), ("Partenopei", "it", "nickname", False)],
    ),
    ("it/ss-lazio", "SS Lazio", "it", "it.1", 3, [("Lazio", "", "short", False)]),
    (
        "it/atalanta-bergamo",
        "Atalanta Bergamo",
        "it",
        "it.1",
        3,
        [("Atalanta", "", "short", False), ("Nerazzurri", "it", "nickname", False)],
    ),
    ("it/udinese-calcio", "Udinese Calcio", "it", "it.1", 2, [("Udinese", "", "short", False)]),
    ("it/como-1907", "Como 1907", "it", "it.1", 3, [("Como", "", "short", False), ("Côme", "fr", "exonym", False)]),
    (
        "eng/manchester-united-fc",
        "Manchester United FC",
        "eng",
        "en.1",
        5,
        [
            ("Manchester United", "", "short", False),
            ("Man United", "en", "short", False),
            ("United", "", "short", True),
        ],
    ),
    ("eng/newcastle-united-fc", "Newcastle United FC", "eng", "en.1", 4, [("Newcastle", "", "short", False)]),
    ("eng/west-ham-united-fc", "West Ham United FC", "eng", "en.1", 3, [("West Ham", "", "short", False)]),
    (
        "eng/manchester-city-fc",
        "Manchester City FC",
        "eng",
        "en.1",
        5,
        [("Manchester City", "", "short", False), ("Man City", "", "short", False), ("City", "", "short", True)],
    ),
    ("eng/leicester-city-fc", "Leicester City FC", "eng", "en.2", 3, [("Leicester", "", "short", False)]),
    (
        "eng/chelsea-fc",
        "Chelsea FC",
        "eng",
        "en.1",
        5,
        [("Chelsea", "", "short", False), ("Blues", "", "nickname", True)],
    ),
    (
        "eng/liverpool-fc",
        "Liverpool FC",
        "eng",
        "en.1",
        5,
        [("Liverpool", "", "short", False), ("Reds", "", "nickname", True)],
    ),
    (
        "eng/arsenal-fc",
        "Arsenal FC",
        "eng",
        "en.1",
        5,
        [("Arsenal", "", "short", False), ("Gunners", "", "nickname", False)],
    ),
    (
        "eng/tottenham-hotspur-fc",
        "Tottenham Hotspur FC",
        "eng",
        "en.1",
        4,
        [("Tottenham", "", "short", False), ("Spurs", "", "short", False)],
    ),
    (
        "eng/queens-park-rangers-fc",
        "Queens Park Rangers FC",
        "eng",
        "en.2",
        2,
        [("QPR", "", "short", False), ("Rangers", "", "short", True)],
    ),
    ("sco/rangers-fc", "Rangers FC", "sco", "sco.1", 4, [("Rangers", "", "short", True)]),
    ("sco/celtic-fc", "Celtic FC", "sco", "sco.1", 4, [("Celtic", "", "short", True)]),
    ("sco/celtic-fc-stalybridge", "Stalybridge Celtic FC", "eng", "", 1, [("Stalybridge Celtic", "", "short", False)]),
    (
        "es/real-madrid",
        "Real Madrid",
        "es",
        "es.1",
        5,
        [("Real", "", "short", True), ("Merengues", "es", "nickname", False), ("Blancos", "es", "nickname", False)],
    ),
    ("es/real-sociedad", "Real Sociedad", "es", "es.1", 3, [("La Real", "es", "short", False)]),
    ("es/real-betis", "Real Betis", "es", "es.1", 3, [("Betis", "", "short", False)]),
    (
        "es/fc-barcelona",
        "FC Barcelona",
        "es",
        "es.1",
        5,
        [("Barcelona", "", "short", False), ("Barça", "", "short", False)],
    ),
    ("es/sevilla-fc", "Sevilla FC", "es", "es.1", 3, [("Sevilla", "", "short", False)]),
    (
        "es/athletic-club",
        "Athletic Club",
        "es",
        "es.1",
        4,
        [("Athletic Bilbao", "", "short", False), ("Athletic", "", "short", True)],
    ),
    ("br/athletic-club-mg", "Athletic Club (MG)", "br", "", 1, [("Athletic", "", "short", True)]),
    (
        "es/atletico-madrid",
        "Atlético Madrid",
        "es",
        "es.1",
        5,
        [("Atlético", "", "short", True), ("Atleti", "", "short", False), ("colchoneros", "es", "nickname", False)],
    ),
    ("br/atletico-mineiro", "Atlético Mineiro", "br", "br.1", 3, [("Atlético", "", "short", True)]),
    (
        "pt/sporting-cp",
        "Sporting CP",
        "pt",
        "pt.1",
        4,
        [("Sporting", "", "short", True), ("Sporting Lisbon", "en", "exonym", False)],
    ),
    ("es/sporting-gijon", "Sporting Gijón", "es", "es.2", 2, [("Sporting", "", "short", True)]),
    (
        "pt/sl-benfica",
        "SL Benfica",
        "pt",
        "pt.1",
        4,
        [("Benfica", "", "short", False), ("encarnados", "pt", "nickname", False)],
    ),
    ("pt/fc-porto", "FC Porto", "pt", "pt.1", 4, [("Porto", "", "short", False), ("Dragões", "pt", "nickname", False)]),
    (
        "fr/paris-saint-germain",
        "Paris Saint-Germain",
        "fr",
        "fr.1",
        5,
        [("PSG", "", "short", False), ("Paris", "", "short", True), ("Parisiens", "fr", "nickname", False)],
    ),
    ("fr/paris-fc", "Paris FC", "fr", "fr.1", 2, [("Paris", "", "short", True)]),
    (
        "fr/olympique-de-marseille",
        "Olympique de Marseille",
        "fr",
        "fr.1",
        4,
        [("Marseille", "", "short", False), ("OM", "", "short", False)],
    ),
    (
        "fr/olympique-lyonnais",
        "Olympique Lyonnais",
        "fr",
        "fr.1",
        4,
        [("Lyon", "", "short", False), ("OL", "", "short", False)],
    ),
    (
        "de/fc-bayern-munchen",
        "Bayern München",
        "de",
        "de.1",
        5,
        [
            ("Bayern Munich", "", "short", False),
            ("FC Bayern", "", "short", False),
            ("Bayern", "", "short", False),
            ("Bayern Monaco", "it", "exonym", False),
            ("Bayern de Múnich", "es", "exonym", False),
        ],
    ),
    (
        "de/borussia-dortmund",
        "Borussia Dortmund",
        "de",
        "de.1",
        4,
        [("Dortmund", "", "short", False), ("BVB", "", "short", False)],
    ),
]

# name, club key, aliases
_PLAYERS: list[tuple[str, str, tuple[str, ...]]] = [
    ("Fikayo Tomori", "it/ac-milan", ("Tomori",)),
    ("Pierre Kalulu", "it/juventus", ("Kalulu",)),
    ("Mario Gila", "it/ss-lazio", ("Gila",)),
    ("Kylian Mbappé", "es/real-madrid", ("Mbappé",)),
    ("Martin Ødegaard", "eng/arsenal-fc", ("Ødegaard",)),
    ("Thomas Müller", "de/fc-bayern-munchen", ("Müller",)),
    ("Kim Min-jae", "de/fc-bayern-munchen", ("Min-jae Kim",)),
    ("Vinícius Júnior", "es/real-madrid", ("Vini Jr.", "Vinícius")),
    ("Bruno Fernandes", "eng/manchester-united-fc", ()),
    ("Joe Gomez", "eng/liverpool-fc", ()),
    ("Nico Williams", "es/athletic-club", ()),
    ("Dani Olmo", "es/fc-barcelona", ("Olmo",)),
    ("João Neves", "fr/paris-saint-germain", ()),
    ("Jonathan David", "it/juventus", ()),
    ("Florentino Luís", "pt/sl-benfica", ("Florentino",)),
    ("Orkun Kökçü", "pt/sl-benfica", ("Kökçü",)),
    ("Alan Varela", "pt/fc-porto", ()),
    ("Rayan Cherki", "eng/manchester-city-fc", ("Cherki",)),
    ("Serhou Guirassy", "de/borussia-dortmund", ("Guirassy",)),
    ("Ademola Lookman", "it/atalanta-bergamo", ("Lookman",)),
    ("Jacob Ramsey", "eng/newcastle-united-fc", ("Ramsey",)),
]

_OUTLETS: list[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = [
    ("Tuttosport", "publisher", (), (), ("tuttosport.com",)),
    ("La Gazzetta dello Sport", "publisher", ("Gazzetta dello Sport",), ("Gazzetta",), ("gazzetta.it",)),
    ("Marca", "publisher", (), (), ("marca.com",)),
    ("AS", "publisher", ("Diario AS",), ("AS",), ("as.com",)),
    ("Bild", "publisher", ("Bild-Zeitung",), (), ("bild.de",)),
    ("L'Équipe", "publisher", ("L'Equipe",), (), ("lequipe.fr",)),
    ("A Bola", "publisher", (), (), ("abola.pt",)),
    ("Record", "publisher", (), ("Record",), ("record.pt",)),
    ("Sky Sports", "publisher", (), (), ("skysports.com",)),
    ("Fabrizio Romano", "journalist", ("Romano",), (), ()),
]


# The towns a test names as towns ("vive a Como"): a preposition of place makes a town only of a town's name.
_TOWNS = {"it/como-1907": "Como"}


def small_gazetteer() -> Gazetteer:
    ids = {key: i for i, (key, *_rest) in enumerate(_CLUBS, start=1)}
    clubs = [
        ClubEntry(
            ids[key],
            key,
            name,
            country,
            league,
            prominence,
            tuple(AliasEntry(*a) for a in aliases),
            city=_TOWNS.get(key, ""),
        )
        for key, name, country, league, prominence, aliases in _CLUBS
    ]
    players = [
        PlayerEntry(100 + i, name, ids[club], aliases, "verified") for i, (name, club, aliases) in enumerate(_PLAYERS)
    ]
    outlets = [
        OutletEntry(500 + i, name, kind, aliases, exact, domains)
        for i, (name, kind, aliases, exact, domains) in enumerate(_OUTLETS)
    ]
    return Gazetteer(clubs=clubs, players=players, outlets=outlets)


GAZETTEER = small_gazetteer()


def club_key(club_id: int | None) -> str | None:
    return GAZETTEER.clubs[club_id].key if club_id is not None else None
