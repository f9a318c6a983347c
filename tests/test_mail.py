"""The test SMTP server (tests/mail.py) receives what Django sends, from the test and from a worker process."""

from __future__ import annotations

import os
import subprocess
import sys

from django.core.mail import send_mail

from tests.conftest import ROOT
from tests.mail import body_text


def test_django_sends_to_the_test_smtp_server(smtp_server) -> None:  # type: ignore[no-untyped-def]
    send_mail("Hello", "A body.", "from@example.org", ["ana@example.org"])
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Hello"
    assert message["To"] == "ana@example.org"
    assert body_text(message).strip() == "A body."


def test_a_process_started_with_its_settings_sends_there(smtp_server) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, **smtp_server.settings(), "DJANGO_SETTINGS_MODULE": "rumourtracker.settings"}
    code = "import django; django.setup(); from django.core import mail; mail.send_mail('Hi', 'x', None, ['b@x.org'])"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "b@x.org"
