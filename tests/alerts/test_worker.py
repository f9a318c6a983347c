"""Alerts through a real Celery worker: articles tagged by it, the scan task run by it, mail to a real SMTP server."""

from __future__ import annotations

import datetime as dt

import pytest

from alerts.models import AlertEvent
from articles.models import Claim
from following.models import Follow
from tests.alerts.worker import BID, INTEREST, scanned, tagged
from tests.kb import small_kb_make
from tests.mail import body_text

pytestmark = pytest.mark.worker


def test_a_worker_scan_mails_a_stage_change_once_however_often_it_runs(
    celery_worker_process, smtp_server, django_user_model
) -> None:  # type: ignore[no-untyped-def]
    kb = small_kb_make()
    scout = django_user_model.objects.create_user("scout", email="scout@example.org")
    tagged(INTEREST, "Juventus want Tomori", dt.date(2026, 12, 1))
    Follow.objects.follow(scout, kb.tomori)
    bid = tagged(BID, "Juventus bid for Tomori", dt.date(2026, 12, 5))
    claim = Claim.objects.get(article=bid, player=kb.tomori, club=kb.juventus)
    assert claim.kind == "bid"
    scanned()
    [message] = smtp_server.wait_for(1, to="scout@example.org")
    line = "Fikayo Tomori – Juventus: Interest → Bid (Tuttosport, 5 Dec)"
    assert line in message["Subject"] and line in body_text(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    scanned()
    scanned()
    assert len(smtp_server.wait_for(2, timeout=1)) == 1
    assert AlertEvent.objects.get(user=scout).sent_at is not None
