"""For tests with a real worker: short invented news about Tomori and Juventus, uploading one for the worker to
tag, and running the alerts' scan in the worker."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from alerts.models import ScanMark
from alerts.tasks import scan_alerts
from articles.models import Article, ArticleStatus, UploadKind
from tests.conftest import wait_until
from tests.uploads import paste_given, upload_sent

INTEREST = (
    "Juventus are interested in AC Milan defender Fikayo Tomori, according to Tuttosport. The Bianconeri admire "
    "the England international and have put him on their list of targets for the coming window."
)
BID = (
    "Juventus have made an official bid of 25 million euros for AC Milan defender Fikayo Tomori, according to "
    "Tuttosport. The Bianconeri sent the offer to the Rossoneri on Friday and expect an answer next week."
)


def tagged(text: str, title: str, day: dt.date) -> Article:
    """Upload one article as the upload page does and wait until the worker has tagged it."""
    upload = upload_sent([paste_given(text, title=title, published=day)], kind=UploadKind.PAGE)
    articles = Article.objects.filter(upload_items__upload=upload)
    assert wait_until(lambda: articles.filter(status=ArticleStatus.TAGGED).exists(), 90), "not tagged in 90 s"
    return articles.get()


def scanned() -> None:
    """Run the scan task in the worker and wait until it has finished."""
    asked = timezone.now()
    scan_alerts.delay()
    assert wait_until(lambda: ScanMark.objects.filter(scanned_at__gte=asked).exists(), 60), "the scan did not run"
