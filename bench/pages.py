"""The dashboard's pages over HTTP against gunicorn, on the large benchmark database `make bench-data` fills.

The player, club, outlet and rumour pages, a filtered, searched article list and the search box (its dropdown
and its results page) are each requested for many different players, clubs, outlets, rumours and searches
(chosen among the most-linked, the slowest case); the home page, the index pages and the outlets' league
table are requested as they are; the time is
the wall time of one request from a client on the same machine, so it includes the whole server.
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import psycopg

from bench.harness import Measurement

ROOT = Path(__file__).resolve().parent.parent
TARGETS = 25
ROUNDS = 4
GOAL = "p95 ≤ 150 ms"
# The search dropdown answers as one types, so it has the tighter goal (issue 14).
GOALS = {"search dropdown": "p95 ≤ 100 ms"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database_url: str) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "gunicorn", "rumourtracker.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout} s")


def targets(database_url: str) -> dict[str, list[str]]:
    """Paths to request: the most-linked players, the biggest rumours, searches for their names."""
    rng = random.Random(5)
    with psycopg.connect(database_url) as conn:
        players = conn.execute(
            "SELECT p.id, p.name FROM players_player p JOIN articles_claim c ON c.player_id = p.id"
            " GROUP BY p.id ORDER BY count(*) DESC LIMIT 200"
        ).fetchall()
        rumours = conn.execute("SELECT id FROM articles_rumour ORDER BY claim_count DESC LIMIT 200").fetchall()
        clubs = conn.execute("SELECT key FROM players_club WHERE prominence = 5").fetchall()
        outlets = conn.execute(
            "SELECT o.id FROM players_outlet o JOIN articles_article a ON a.outlet_id = o.id"
            " GROUP BY o.id ORDER BY count(*) DESC LIMIT 200"
        ).fetchall()
    chosen_players = rng.sample(players, TARGETS)
    searches = [
        "/articles/?"
        + urlencode({"q": name.split()[-1], "language": rng.choice(["it", "en", "es"]), "club": rng.choice(clubs)[0]})
        for _, name in chosen_players
    ]
    return {
        "player page": [f"/players/{pk}/" for pk, _ in chosen_players],
        "rumour page": [f"/rumours/{pk}/" for (pk,) in rng.sample(rumours, TARGETS)],
        "filtered, searched article list": searches,
        # What one has typed so far: the first letters of a surname ("Tomor").
        "search dropdown": [
            "/search/suggest/?" + urlencode({"q": name.split()[-1][: rng.randint(3, 6)]}) for _, name in chosen_players
        ],
        "search results page": ["/search/?" + urlencode({"q": name.split()[-1]}) for _, name in chosen_players],
        "club page": [f"/clubs/{key}/" for (key,) in rng.sample(clubs, min(TARGETS, len(clubs)))],
        "outlet page": [f"/outlets/{pk}/" for (pk,) in rng.sample(outlets, min(TARGETS, len(outlets)))],
        "home page": ["/"],
        "index pages and league table": [
            "/players/",
            "/players/?sort=activity",
            "/clubs/",
            "/clubs/?sort=activity",
            "/outlets/",
            "/outlets/?sort=record",
            "/outlets/?sort=record&page=2",
        ],
    }


def timed_get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        assert response.status == 200, url
    return (time.perf_counter() - start) * 1000


def pages_suite() -> list[Measurement]:
    database_url = os.environ.get("BENCH_DATABASE_URL")
    if not database_url:
        raise SystemExit("BENCH_DATABASE_URL is unset: run `make bench-data`, then `make bench SUITE=pages`.")
    paths = targets(database_url)
    results: list[Measurement] = []
    with gunicorn(database_url) as base:
        for name, urls in paths.items():
            for url in urls:  # warm the caches of both workers
                timed_get(base + url)
                timed_get(base + url)
            samples = [timed_get(base + url) for _ in range(ROUNDS) for url in urls]
            p95 = statistics.quantiles(samples, n=20)[-1]
            results.append(Measurement(f"{name} (median)", "ms", samples, goal=""))
            results.append(Measurement(f"{name} (p95)", "ms", [p95], goal=GOALS.get(name, GOAL)))
    return results
