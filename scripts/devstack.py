"""Start what `make run`, `make test` and `make bench` need, then run them (make tag, eval and train need
no database: scripts/tagging.py).

Without DATABASE_URL it uses the embedded PostgreSQL in .data/pg; without CELERY_BROKER_URL, the
embedded Redis in .data/redis. Whatever this script started, it stops on exit (Ctrl-C included).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rumourtracker import embedded  # noqa: E402

PYTHON = sys.executable


def manage(*args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True, env=env)


@contextlib.contextmanager
def services() -> Iterator[None]:
    """Point DATABASE_URL and CELERY_BROKER_URL at real servers, starting the embedded ones if unset."""
    pg_was_running = (embedded.PG_DATA / "postmaster.pid").exists()
    started_pg = False
    broker = None
    try:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = embedded.embedded_database_url()
            started_pg = not pg_was_running
        if not os.environ.get("CELERY_BROKER_URL"):
            broker = embedded.start_embedded_broker()
            os.environ["CELERY_BROKER_URL"] = embedded.embedded_broker_url()
        yield
    finally:
        if broker is not None:
            broker.terminate()
            broker.wait(timeout=10)
        if started_pg:
            embedded.stop_embedded_database()


@contextlib.contextmanager
def scratch_database() -> Iterator[str]:
    """A throwaway database on the same server, never the user's, dropped afterwards."""
    import psycopg

    from rumourtracker.env import database_url_named

    name = f"rt_scratch_{uuid.uuid4().hex[:10]}"
    admin = database_url_named(os.environ["DATABASE_URL"], "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url_named(os.environ["DATABASE_URL"], name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def worker_plan() -> list[tuple[str, list[str], int, int]]:
    """Two workers within two cores: tagging on both, niced, and one process that waits for uploads and
    feed polls.

    The second sleeps until an upload or a poll comes, so a backlog of tagging never delays either; while it
    reads, the system gives it the cores first (tagging runs at a lower priority, and takes them back after).
    Returns (name, queues, processes, niceness) per worker.
    """
    from rumourtracker.celery import queue_named

    base = os.environ.get("CELERY_QUEUE", "rumourtracker")
    return [("tagging", [base], 2, 10), ("intake", [queue_named("uploads", base), queue_named("feeds", base)], 1, 0)]


def worker_start(
    name: str, queues: list[str], concurrency: int, niceness: int, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    command = ["-m", "celery", "-A", "rumourtracker", "worker", "-l", "info", "-Q", ",".join(queues)]
    return subprocess.Popen(
        ["nice", "-n", str(niceness), PYTHON, *command, "--concurrency", str(concurrency), "-n", f"{name}@%h"],
        cwd=ROOT,
        env=env,
    )


def run_stack() -> int:
    # A laptop's stack: plain http on 127.0.0.1, so no HTTPS-only redirects or cookies (they follow DEBUG).
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("ALLOW_SIGNUP", "true")  # anyone may make an account on a laptop
    manage("migrate", "--noinput", "-v", "0")
    manage("load_kb")
    manage("load_demo")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    processes = [
        *(worker_start(*worker, env=env) for worker in worker_plan()),
        subprocess.Popen(
            [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "rumourtracker",
                "beat",
                "-l",
                "info",
                "-s",
                str(embedded.DATA_DIR / "celerybeat-schedule"),
            ],
            cwd=ROOT,
            env=env,
        ),
        subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "rumourtracker.wsgi",
                "-b",
                "127.0.0.1:8000",
                "-w",
                "2",
                "--threads",
                "4",
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=env,
        ),
    ]
    print("\nRumourTracker is starting on http://127.0.0.1:8000 (Ctrl-C stops everything).\n", flush=True)
    return supervise(processes)


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def supervise(processes: list[subprocess.Popen[bytes]]) -> int:
    """Wait until one process ends or we are interrupted, then stop them all."""
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping and all(p.poll() is None for p in processes):
        time.sleep(0.5)
    # Gunicorn and Celery fork workers of their own; one left behind would keep port 8000 or the queue.
    # (Only theirs: the embedded database and broker are stopped in order by the caller.)
    descendants = [child for p in processes if p.poll() is None for child in _children(p.pid)]
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    _, alive = psutil.wait_procs(descendants, timeout=5)
    for child in alive:
        child.kill()
    return 0 if stopping else 1


def run_tests(pytest_args: list[str]) -> int:
    return subprocess.run([PYTHON, "-m", "pytest", *pytest_args], cwd=ROOT).returncode


def run_bench(suite: str | None) -> int:
    from rumourtracker.env import database_url_named

    # The dashboard's `pages` suite needs a large database: it reuses the one `make bench-data` filled.
    if suite in (None, "pages"):
        if bench_database_filled():  # filled earlier: only bring its schema up to date
            bench_url = database_url_named(os.environ["DATABASE_URL"], BENCH_DATABASE)
            manage("migrate", "--noinput", "-v", "0", env={**os.environ, "DATABASE_URL": bench_url})
        else:
            run_bench_data()
    with scratch_database() as url:
        # The benches speak plain http to their own servers and test clients, as the tests do.
        env = {**os.environ, "DATABASE_URL": url, "HTTPS_ONLY": "false"}
        env["BENCH_DATABASE_URL"] = database_url_named(os.environ["DATABASE_URL"], BENCH_DATABASE)
        manage("migrate", "--noinput", "-v", "0", env=env)
        args = [PYTHON, "-m", "bench"] + (["--suite", suite] if suite else [])
        return subprocess.run(args, cwd=ROOT, env=env).returncode


# The benchmark database: on the same server as the user's, under a name of its own, never the user's.
BENCH_DATABASE = "rt_bench"


def bench_database_filled() -> bool:
    import psycopg

    from bench.dashboard_data import MARKER
    from rumourtracker.env import database_url_named

    admin = database_url_named(os.environ["DATABASE_URL"], "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone()
    return bool(row and row[0] == MARKER)


def run_bench_data() -> int:
    """Drop and refill the benchmark database with synthetic data (100,000 articles, 300,000 claims)."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    from bench.dashboard_data import bench_fill
    from rumourtracker.env import database_url_named

    if conninfo_to_dict(os.environ["DATABASE_URL"]).get("dbname") == BENCH_DATABASE:
        raise SystemExit(f"DATABASE_URL points at {BENCH_DATABASE}; refusing to overwrite it.")
    admin = database_url_named(os.environ["DATABASE_URL"], "postgres")
    url = database_url_named(os.environ["DATABASE_URL"], BENCH_DATABASE)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    started = time.monotonic()
    manage("migrate", "--noinput", "-v", "0", env={**os.environ, "DATABASE_URL": url})
    bench_fill(url)
    print(f"Filled {BENCH_DATABASE} in {time.monotonic() - started:.0f} s.", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["run", "test", "bench", "bench-data"])
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    with services():
        if options.command == "run":
            return run_stack()
        if options.command == "test":
            return run_tests(options.args)
        if options.command == "bench-data":
            return run_bench_data()
        return run_bench(options.args[0] if options.args else None)


if __name__ == "__main__":
    sys.exit(main())
