"""Synthetic data for the dashboard benchmark: 100,000 articles, 300,000 claims, 20,000 players.

Written with COPY straight into a benchmark database (never the user's), after `migrate`. Names are made
up from syllables; articles are built from bench/articles.py's sentences in six languages; claims are
skewed so that a few players and clubs are linked far more often than the rest, as in real news.
Rumours and their figures are computed here, the way articles/rumours/refresh.py would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import psycopg

from bench.articles import SENTENCES

ARTICLES = 100_000
CLAIMS = 300_000
PLAYERS = 20_000
CLUBS = 1_500
OUTLETS = 200
FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2026, 10, 31)
MARKER = "rt-bench-filled"

SYLLABLES = tuple(
    [
        "ka",
        "ro",
        "mi",
        "to",
        "sa",
        "le",
        "na",
        "vi",
        "do",
        "ri",
        "ma",
        "lo",
        "be",
        "ga",
        "te",
        "zu",
        "ni",
        "pa",
        "fe",
        "ko",
        "ru",
        "li",
        "mo",
        "da",
        "si",
        "vo",
        "ne",
        "ta",
    ]
)
FIRST_NAMES = [
    "Marco",
    "Luca",
    "Diego",
    "Pablo",
    "Jonas",
    "Lukas",
    "Hugo",
    "Theo",
    "Rafael",
    "Bruno",
    "Tiago",
    "Joao",
    "Kevin",
    "Jamal",
    "Noah",
    "Liam",
    "Leon",
    "Felix",
    "Mateo",
    "Adrian",
    "Ivan",
    "Milan",
    "Nikola",
    "Samuel",
    "Youssef",
    "Karim",
    "Ousmane",
    "Ibrahim",
    "Andre",
    "Victor",
    "Emil",
    "Oscar",
    "Dani",
    "Sergio",
    "Nico",
    "Jude",
]
CLUB_SUFFIXES = ["FC", "United", "Calcio", "Athletic", "Sporting", "City", "Rovers", "SC", "Real", "Olympique"]
KINDS = ["interest"] * 10 + ["talks"] * 6 + ["bid"] * 4 + ["agreement"] * 2 + ["completed", "denial", "renewal", "exit"]
STAGES = ["interest", "talks", "bid", "agreement", "completed"]
LANGUAGES = sorted(SENTENCES)


def window_of(day: dt.date) -> str:
    if 4 <= day.month <= 9:
        return f"{day.year}-summer"
    start = day.year if day.month >= 10 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}-winter"


def track_of(kind: str) -> str:
    return kind if kind in ("renewal", "exit") else "transfer"


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).title()


def skewed(rng: random.Random, count: int) -> int:
    """An index in [0, count) where small indexes are much more likely: the most-linked player gets about
    2,000 of the 300,000 claims, the median one a handful, as in real news."""
    return min(int(count * rng.random() ** 2), count - 1)


@dataclass
class RumourRow:
    id: int
    player: int
    club: int
    window: str
    track: str
    claims: list[tuple[dt.date, str, int]] = field(default_factory=list)  # (day, kind, source)


def copy_rows(cursor: psycopg.Cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    extra = _required_columns(cursor, table, columns)
    names = ", ".join(f'"{name}"' for name in [*columns, *extra])
    fill = [value for _, value in extra.items()]
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([*row, *fill])


def _required_columns(cursor: psycopg.Cursor, table: str, given: Sequence[str]) -> dict[str, object]:
    """Columns other features added that must not be null and have no default: fill them with an empty value."""
    cursor.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s AND is_nullable = 'NO'"
        " AND column_default IS NULL AND is_generated = 'NEVER' AND is_identity = 'NO'",
        [table],
    )
    empty = {
        "ARRAY": [],
        "boolean": False,
        "integer": 0,
        "bigint": 0,
        "smallint": 0,
        "jsonb": "{}",
        "double precision": 0,
    }
    return {name: empty.get(kind, "") for name, kind in cursor.fetchall() if name not in given and name != "id"}


def bench_fill(conninfo: str, *, articles: int = ARTICLES, claims: int = CLAIMS, players: int = PLAYERS) -> None:
    rng = random.Random(2026)
    now = dt.datetime.now(dt.UTC)
    with psycopg.connect(conninfo) as conn, conn.cursor() as cursor:
        cursor.execute(
            "TRUNCATE articles_claim_cited, articles_article_cited_outlets, articles_claim, articles_mention,"
            " articles_rumour, articles_article, players_player, players_clubalias, players_club, players_outlet"
            " RESTART IDENTITY CASCADE"
        )
        club_names = _clubs(cursor, rng, now)
        outlet_names = _outlets(cursor, rng, now)
        player_names = _players(cursor, rng, now, players)
        plan = _claims_plan(rng, articles, claims, players)
        _articles(cursor, rng, now, articles, plan, player_names, club_names, outlet_names)
        _rumours_and_claims(cursor, rng, now, plan)
        for table in (
            "players_club",
            "players_outlet",
            "players_player",
            "articles_article",
            "articles_rumour",
            "articles_claim",
        ):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cursor.execute(f"COMMENT ON DATABASE {conn.info.dbname} IS '{MARKER}'")
        conn.commit()
        conn.autocommit = True
        # VACUUM too: rows written after the GIN index sit in its pending list until then, and slow every search.
        cursor.execute("VACUUM ANALYZE")


def _clubs(cursor: psycopg.Cursor, rng: random.Random, now: dt.datetime) -> list[str]:
    names = [f"{word(rng, 2)} {rng.choice(CLUB_SUFFIXES)}" for _ in range(CLUBS)]
    countries = ["it", "eng", "es", "de", "fr", "pt", "nl", "tr"]
    rows = [
        (
            i + 1,
            f"{countries[i % 8]}/bench-{i + 1}",
            name,
            countries[i % 8],
            "",
            f"{countries[i % 8]}.1",
            5 if i < 40 else 2,
            "editorial",
            now,
            now,
        )
        for i, name in enumerate(names)
    ]
    columns = ["id", "key", "name", "country", "city", "league", "prominence", "source", "created_at", "updated_at"]
    copy_rows(cursor, "players_club", columns, rows)
    return names


def _outlets(cursor: psycopg.Cursor, rng: random.Random, now: dt.datetime) -> list[str]:
    names = [
        f"{word(rng, 2)} {rng.choice(['Sport', 'Daily', 'News', 'Calcio', 'Mercato', 'Times'])} {i}"
        for i in range(OUTLETS)
    ]
    rows = [(i + 1, n, "publisher", LANGUAGES[i % 6], "", "verified", "editorial", now) for i, n in enumerate(names)]
    copy_rows(
        cursor, "players_outlet", ["id", "name", "kind", "language", "country", "status", "source", "created_at"], rows
    )
    return names


def _players(cursor: psycopg.Cursor, rng: random.Random, now: dt.datetime, count: int) -> list[str]:
    names = [f"{rng.choice(FIRST_NAMES)} {word(rng, rng.choice([2, 3]))}" for _ in range(count)]
    rows: list[tuple[object, ...]] = [
        (i + 1, n, rng.randrange(CLUBS) + 1, "", "", "verified", "editorial", "", [], now, now)
        for i, n in enumerate(names)
    ]
    columns = [
        "id",
        "name",
        "club_id",
        "position",
        "nationality",
        "status",
        "source",
        "evidence",
        "seed_keys",
        "created_at",
        "updated_at",
    ]
    copy_rows(cursor, "players_player", columns, rows)
    return names


@dataclass
class ArticlePlan:
    day: dt.date
    outlet: int
    language: str
    claims: list[tuple[int, int, str]] = field(default_factory=list)  # (player, club, kind)


def _claims_plan(rng: random.Random, articles: int, claims: int, players: int) -> list[ArticlePlan]:
    span = (LAST_DAY - FIRST_DAY).days
    plan = [
        ArticlePlan(FIRST_DAY + dt.timedelta(days=rng.randrange(span)), skewed(rng, OUTLETS) + 1, LANGUAGES[i % 6])
        for i in range(articles)
    ]
    seen: set[tuple[int, int, int]] = set()
    suitors: dict[int, list[int]] = {}
    while len(seen) < claims:
        index = rng.randrange(articles)
        player = skewed(rng, players) + 1
        # A player is linked again and again with a few clubs, and now and then with another one.
        clubs = suitors.setdefault(player, [skewed(rng, CLUBS) + 1 for _ in range(rng.randint(2, 12))])
        club = rng.choice(clubs) if rng.random() < 0.85 else skewed(rng, CLUBS) + 1
        if (index, player, club) not in seen:
            seen.add((index, player, club))
            plan[index].claims.append((player, club, rng.choice(KINDS)))
    return plan


def _articles(cursor, rng, now, count, plan, players, clubs, outlets) -> None:  # type: ignore[no-untyped-def]
    columns = [
        "id",
        "title",
        "text",
        "url",
        "language",
        "published",
        "content_hash",
        "status",
        "failure_reason",
        "attempts",
        "tagger_version",
        "created_at",
        "updated_at",
        "tagged_at",
        "outlet_id",
    ]

    def rows() -> Iterator[tuple[object, ...]]:
        for i, article in enumerate(plan, start=1):
            named = [(players[p - 1], clubs[c - 1]) for p, c, _ in article.claims] or [
                (rng.choice(players), rng.choice(clubs))
            ]
            text = _text(rng, article.language, named, outlets[article.outlet - 1])
            title = f"{named[0][0]}: {named[0][1]}"
            status = "tagged" if i % 500 else rng.choice(["pending", "failed"])
            digest = hashlib.sha256(f"bench-{i}".encode()).hexdigest()
            yield (
                i,
                title,
                text,
                f"https://example.org/{i}",
                article.language,
                article.day,
                digest,
                status,
                "",
                1,
                "bench",
                now,
                now,
                now,
                article.outlet,
            )

    copy_rows(cursor, "articles_article", columns, rows())


def _text(rng: random.Random, language: str, named: list[tuple[str, str]], outlet: str) -> str:
    parts = []
    for _ in range(8):
        player, club = rng.choice(named)
        parts.append(rng.choice(SENTENCES[language]).format(player=player, club=club, outlet=outlet))
    return " ".join(parts)


RUMOUR_COLUMNS = (
    "id player_id club_id window track stage first_reported last_reported claim_count source_count updated_at"
    " outcome settled_on outcome_stale"
)
# Rumours first reported this long before the data's last day are settled; the newer ones are still open.
SETTLED_BEFORE = LAST_DAY - dt.timedelta(days=365)
CLAIM_COLUMNS = "id kind deal fee contract_until evidence confidence decision added_by_editor created_at article_id club_id player_id rumour_id"  # noqa: E501


def _rumours_and_claims(cursor, rng, now, plan) -> None:  # type: ignore[no-untyped-def]
    """Claims as planned, the rumours they make up (player, club, window, track), and the outlets they cite."""
    rumours: dict[tuple[int, int, str, str], RumourRow] = {}
    claim_rows: list[tuple[object, ...]] = []
    cited_rows: list[tuple[int, int]] = []
    for article_id, article in enumerate(plan, start=1):
        for player, club, kind in article.claims:
            key = (player, club, window_of(article.day), track_of(kind))
            rumour = rumours.setdefault(key, RumourRow(len(rumours) + 1, *key))
            cited = skewed(rng, OUTLETS) + 1 if rng.random() < 0.3 else None
            rumour.claims.append((article.day, kind, cited or article.outlet))
            claim_id = len(claim_rows) + 1
            evidence = f"{kind} sentence"
            row = (
                claim_id,
                kind,
                "unknown",
                "",
                "",
                evidence,
                0.8,
                "none",
                False,
                now,
                article_id,
                club,
                player,
                rumour.id,
            )
            claim_rows.append(row)
            if cited:
                cited_rows.append((claim_id, cited))
    rumour_rows = (_rumour_row(r, now, random.Random(r.id)) for r in rumours.values())
    copy_rows(cursor, "articles_rumour", RUMOUR_COLUMNS.split(" "), rumour_rows)
    copy_rows(cursor, "articles_claim", CLAIM_COLUMNS.split(" "), claim_rows)
    copy_rows(cursor, "articles_claim_cited", ["claim_id", "outlet_id"], cited_rows)
    # An article cites every outlet its claims cite, as the tagger stores it.
    cursor.execute(
        "INSERT INTO articles_article_cited_outlets (article_id, outlet_id) SELECT DISTINCT c.article_id,"
        " cc.outlet_id FROM articles_claim_cited cc JOIN articles_claim c ON c.id = cc.claim_id"
    )


def outlet_accuracy(outlet: int) -> float:
    """How often the links an outlet reports first come true: spread from 0.2 to 0.8 across the outlets."""
    return 0.2 + 0.6 * ((outlet * 37) % 100) / 100


def _outcome(claims: list[tuple[dt.date, str, int]], rng: random.Random) -> tuple[str, dt.date | None]:
    """Settled by the accuracy of the outlet that reported the link first, so the outlets' track records differ."""
    first_day, _, first_outlet = claims[0]
    if first_day >= SETTLED_BEFORE:
        return "open", None
    settled_on = claims[-1][0] + dt.timedelta(days=rng.randrange(10, 120))
    if rng.random() < outlet_accuracy(first_outlet):
        return "fulfilled", settled_on
    return rng.choice(["elsewhere", "denied", "lapsed"]), settled_on


def _rumour_row(rumour: RumourRow, now: dt.datetime, rng: random.Random) -> tuple[object, ...]:
    claims = sorted(rumour.claims)
    positive = [k for _, k, _ in claims if k in STAGES]
    stage = max(positive, key=STAGES.index) if positive else "interest"
    if rumour.track != "transfer":
        stage = rumour.track
    elif claims[-1][1] == "denial":
        stage = "denied"
    sources = len({source for _, _, source in claims})
    return (
        rumour.id,
        rumour.player,
        rumour.club,
        rumour.window,
        rumour.track,
        stage,
        claims[0][0],
        claims[-1][0],
        len(claims),
        sources,
        now,
        *_outcome(claims, rng),
        False,
    )
