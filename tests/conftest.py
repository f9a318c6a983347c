"""Shared fixtures: a real Celery worker on a real broker, and a real Chromium driven by Playwright."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from rumourtracker.env import database_url_named
from tests.mail import SMTPServer

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(autouse=True)
def fresh_records() -> None:
    """Pages keep track records in the shared cache, which outlives a test and a test run: each test starts
    with none cached, as a new deployment does."""
    from articles.rumours.records import records_changed

    records_changed()


@pytest.fixture(autouse=True)
def fresh_api_throttles(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API's rate limits count in the shared cache, which outlives a test: each test counts afresh."""
    from api.throttles import ApiThrottle

    monkeypatch.setattr(ApiThrottle, "cache_format", f"api-throttle-{uuid.uuid4().hex[:8]}:%(scope)s:%(ident)s")


def test_database_url() -> str:
    """The URL of the database this test run uses, for processes we start ourselves."""
    return database_url_named(os.environ["DATABASE_URL"], connection.settings_dict["NAME"])


def wait_until(predicate, timeout: float, interval: float = 0.2) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class WorkerProcess:
    """A real `celery worker` process consuming queues of its own on the configured broker: the tagging queue
    named `queue` and the uploads and feeds queues named after it."""

    def __init__(self, queue: str, env: dict[str, str]) -> None:
        self.queue = queue
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        from rumourtracker.celery import worker_queues

        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "rumourtracker",
                "worker",
                "-Q",
                ",".join(worker_queues(self.queue)),
                "-c",
                "1",
                "--pool",
                "prefork",
                "-n",
                f"{self.queue}@%h",
                "-l",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )

    def stop(self, sig: int | None = None) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        if sig is None:
            self.process.terminate()
        else:
            self.process.send_signal(sig)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def celery_queue(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A queue name of this test's own, so no other worker on the broker takes its tasks."""
    from rumourtracker.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    yield queue
    app.conf.task_default_queue = previous


@pytest.fixture
def worker_settings() -> dict[str, str]:
    """Settings of the worker process, by environment variable; a test parametrizes this to change them."""
    return {"TAG_LEASE_SECONDS": "5", "UPLOAD_READ_LEASE_SECONDS": "5"}


@pytest.fixture
def celery_worker_process(request, transactional_db, celery_queue: str, worker_settings) -> Iterator[WorkerProcess]:  # type: ignore[no-untyped-def]
    from articles.models import WorkerHeartbeat

    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "CELERY_QUEUE": celery_queue,
        "PYTHONUNBUFFERED": "1",
        # A test that asks for the SMTP server has its worker send mail there too.
        **(request.getfixturevalue("smtp_server").settings() if "smtp_server" in request.fixturenames else {}),
        **worker_settings,
    }
    worker = WorkerProcess(celery_queue, env)
    worker.start()
    ready = wait_until(lambda: WorkerHeartbeat.objects.filter(hostname__startswith=celery_queue).exists(), 60)
    assert ready, "the Celery worker did not report in within 60 s"
    yield worker
    worker.stop()


@pytest.fixture
def smtp_server(settings) -> Iterator[SMTPServer]:  # type: ignore[no-untyped-def]
    """A real SMTP server (aiosmtpd, tests/mail.py) on 127.0.0.1 at a free port. Django sends through it for this
    test (SMTP backend), and so do the worker processes the test starts; `smtp_server.messages` are the messages
    it received, parsed (email.message.EmailMessage), and `smtp_server.wait_for(n)` waits for them."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd narrates every SMTP command
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    yield server
    server.stop()


@pytest.fixture
def no_limits_or_counts() -> Iterator[None]:
    """allauth's rate limits (one confirmation mail per address every 3 minutes, sign-ups per address...) and
    axes's sign-in failure counts live in the shared Redis cache, which outlives a test and a test run: a test
    that signs up or in asks for this to start, and leave, with none."""
    import redis
    from django.conf import settings

    server = redis.Redis.from_url(settings.CACHE_URL)

    def clear() -> None:
        keys = [*server.scan_iter("rumourtracker-cache:*allauth*"), *server.scan_iter("rumourtracker-cache:*axes*")]
        if keys:
            server.delete(*keys)

    clear()
    yield
    clear()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if shutil.which(CHROMIUM) is None:
        message = f"BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + " — in CI a missing browser is a failure")
        print("\n" + "!" * 80 + "\n" + message + "\n" + "!" * 80, file=sys.stderr)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


# Every page a browser test drives must pass our Content-Security-Policy. The browser fires this event for each
# thing the policy refused (an inline script or style, another origin); it reaches the test as a console line.
CSP_VIOLATION = "CSP violation:"
CSP_REPORTER = f"""document.addEventListener("securitypolicyviolation", (event) => console.error(
  `{CSP_VIOLATION} ${{event.effectiveDirective}} refused ${{event.blockedURI || "inline code"}}`
  + ` in ${{event.sourceFile || document.location.href}} line ${{event.lineNumber}}`));"""


@pytest.fixture
def browser_context(browser):  # type: ignore[no-untyped-def]
    """Makes browser contexts (options as Browser.new_context) whose pages fail the test on any CSP violation."""
    contexts, violations = [], []

    def make(**options: object):  # type: ignore[no-untyped-def]
        context = browser.new_context(**options)
        context.add_init_script(CSP_REPORTER)
        context.on("console", lambda m: violations.append(m.text) if m.text.startswith(CSP_VIOLATION) else None)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not violations, "the Content-Security-Policy refused:\n" + "\n".join(violations)


@pytest.fixture
def page(browser_context):  # type: ignore[no-untyped-def]
    page = browser_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    return page
