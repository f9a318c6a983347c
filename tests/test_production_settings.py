"""Production settings: Django's deployment checks pass, and every page carries a strict Content-Security-Policy."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client

from tests.conftest import ROOT


def production_environ() -> dict[str, str]:
    """This environment less what only the test run sets (Playwright's sync API needs async-unsafe calls)."""
    return {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def deploy_check(**env: str) -> subprocess.CompletedProcess[str]:
    """`manage.py check --deploy` in a process of its own, its settings read from this environment."""
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**production_environ(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {"DEBUG": "false", "ALLOWED_HOSTS": "rumours.example.org", "HTTPS_ONLY": "true"}


def test_the_deployment_checks_pass_with_production_settings() -> None:
    result = deploy_check(**PRODUCTION, SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_the_deployment_checks_fail_over_plain_http() -> None:
    result = deploy_check(**{**PRODUCTION, "HTTPS_ONLY": "false"}, SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stdout + result.stderr


@pytest.mark.django_db
def test_pages_allow_only_our_own_scripts_and_styles(client: Client) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
