"""Alerts through a real Celery worker: articles tagged by it, the scan task run by it, mail to a real SMTP server."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from alerts.models import AlertEvent, ScanMark
from alerts.tasks import scan_alerts
from articles.models import Article, ArticleStatus, Claim, UploadKind
from following.models import Follow
from tests.conftest import wait_until
from tests.kb import INTEREST_ARTICLE, small_kb_make
from tests.mail import body_text
from tests.uploads import paste_given, upload_sent

pytestmark = pytest.mark.worker

BID_ARTICLE = (
    "Juventus have made an official bid of 25 million euros for AC Milan defender Fikayo Tomori, according to "
    "Tuttosport. The Bianconeri sent the offer to the Rossoneri on Friday and expect an answer next week."
)


def tagged(text: str, title: str, day: dt.date) -> Article:
    upload = upload_sent([paste_given(text, title=title, published=day)], kind=UploadKind.PAGE)
    articles = Article.objects.filter(upload_items__upload=upload)
    assert wait_until(lambda: articles.filter(status=ArticleStatus.TAGGED).exists(), 90), "not tagged in 90 s"
    return articles.get()


def scanned() -> None:
    """Run the scan task in the worker and wait until it has finished."""
    asked = timezone.now()
    scan_alerts.delay()
    assert wait_until(lambda: ScanMark.objects.filter(scanned_at__gte=asked).exists(), 60), "the scan did not run"


def test_a_worker_scan_mails_a_stage_change_once_however_often_it_runs(
    celery_worker_process, smtp_server, django_user_model
) -> None:  # type: ignore[no-untyped-def]
    kb = small_kb_make()
    scout = django_user_model.objects.create_user("scout", email="scout@example.org")
    tagged(INTEREST_ARTICLE, "Juventus want Tomori", dt.date(2026, 12, 1))
    Follow.objects.follow(scout, kb.tomori)
    bid = tagged(BID_ARTICLE, "Juventus bid for Tomori", dt.date(2026, 12, 5))
    claim = Claim.objects.get(article=bid, player=kb.tomori, club=kb.juventus)
    assert claim.kind == "bid"
    scanned()
    [message] = smtp_server.wait_for(1, to="scout@example.org")
    line = "Fikayo Tomori – Juventus: Talks → Bid (Tuttosport, 5 Dec)"
    assert line in message["Subject"] and line in body_text(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    scanned()
    scanned()
    assert len(smtp_server.wait_for(2, timeout=1)) == 1
    assert AlertEvent.objects.get(user=scout).sent_at is not None
