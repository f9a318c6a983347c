"""Alerts end to end in this process: claims in, the scan, and mail through a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from alerts.mail import unsubscribe_token
from alerts.models import AlertEvent, AlertPreference, Delivery
from alerts.tasks import scan_alerts, send_digests
from following.models import Follow
from players.models import Outlet
from tests.dashboard.conftest import article_make, claim_make
from tests.kb import SmallKb, small_kb_make
from tests.mail import body_text, free_port

SITE = "https://rumours.example.org"


@pytest.fixture
def kb(db) -> SmallKb:  # type: ignore[no-untyped-def]
    return small_kb_make()


def talks_so_far(kb: SmallKb) -> None:
    """Juventus's interest, then talks: known before anyone follows."""
    claim_make(player=kb.tomori, club=kb.juventus, kind="interest", day=dt.date(2025, 6, 2), outlet=kb.tuttosport)
    claim_make(player=kb.tomori, club=kb.juventus, kind="talks", day=dt.date(2025, 6, 12), outlet=kb.tuttosport)


def bid(kb: SmallKb, day: dt.date = dt.date(2025, 6, 20)):  # type: ignore[no-untyped-def]
    return juventus(kb, "bid", day)


def juventus(kb: SmallKb, kind: str, day: dt.date):  # type: ignore[no-untyped-def]
    """A Tuttosport article of its own (its text names the day) with one claim about Tomori and Juventus."""
    text = f"On {day:%d %B %Y} Tuttosport reported {kind} between Juventus and Fikayo Tomori, with more to come."
    article = article_make(title=f"Juventus {kind}", text=text, day=day, outlet=kb.tuttosport)
    return claim_make(player=kb.tomori, club=kb.juventus, kind=kind, day=day, article=article)


def first_alert(kb: SmallKb, scout, smtp_server):  # type: ignore[no-untyped-def]
    """The scout follows Tomori, Juventus bid, and the scan mails him: that mail."""
    talks_so_far(kb)
    Follow.objects.follow(scout, kb.tomori)
    bid(kb)
    scan_alerts()
    [message] = smtp_server.wait_for(1)
    return message


def unsubscribe_link(message) -> str:  # type: ignore[no-untyped-def]
    match = re.fullmatch(r"<(https?://\S+)>", message["List-Unsubscribe"].strip())  # a long header is folded
    assert match, message["List-Unsubscribe"]
    return match.group(1)


def test_a_stage_change_is_mailed_once_naming_it_with_absolute_links_and_unsubscribe_headers(
    kb: SmallKb, scout, smtp_server
) -> None:  # type: ignore[no-untyped-def]
    talks_so_far(kb)
    Follow.objects.follow(scout, kb.tomori)
    scan_alerts()
    assert smtp_server.wait_for(1, timeout=1) == []  # what was said before he was followed is no alert
    claim = bid(kb)
    scan_alerts()
    [message] = smtp_server.wait_for(1)
    line = "Fikayo Tomori – Juventus: Talks → Bid (Tuttosport, 20 Jun 2025)"
    assert message["To"] == "scout@example.org"
    assert message["Subject"].strip() == f"RumourTracker: {line}"  # Django folds a long subject
    text = body_text(message)
    assert line in text and f"{SITE}/rumours/{claim.rumour_id}/" in text
    html = message.get_body(preferencelist=("html",)).get_content()
    assert f'<a href="{SITE}/rumours/{claim.rumour_id}/">' in html and "Talks → Bid" in html
    token = unsubscribe_token(scout.pk)
    assert message["List-Unsubscribe"].strip() == f"<{SITE}/alerts/unsubscribe/{token}/>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{SITE}/alerts/unsubscribe/{token}/" in text and f"{SITE}/alerts/unsubscribe/{token}/" in html
    scan_alerts()
    scan_alerts()
    assert len(smtp_server.wait_for(2, timeout=1)) == 1  # scanning again finds nothing new
    assert AlertEvent.objects.get().sent_at is not None


def test_one_mail_per_scan_names_every_change_and_each_claim_once(kb: SmallKb, scout, smtp_server) -> None:  # type: ignore[no-untyped-def]
    talks_so_far(kb)
    romano = Outlet.objects.create(name="Fabrizio Romano", kind="journalist")
    Follow.objects.follow(scout, kb.tomori)
    Follow.objects.follow(scout, kb.tuttosport)  # the bid's outlet too: that claim is named once, as a stage change
    Follow.objects.follow(scout, romano)
    bid(kb)
    claim_make(player=kb.tomori, club=kb.napoli, kind="talks", day=dt.date(2025, 6, 22), outlet=kb.tuttosport)
    other = claim_make(
        player=kb.tomori, club=kb.milan, kind="renewal", day=dt.date(2025, 6, 25), outlet=None, cited=(romano,)
    )
    scan_alerts()
    [message] = smtp_server.wait_for(1)
    lines = [line for line in body_text(message).splitlines() if line.startswith("- ")]
    assert lines == [
        "- Fikayo Tomori – Juventus: Talks → Bid (Tuttosport, 20 Jun 2025)",
        "- Fikayo Tomori – SSC Napoli: new link, Talks (Tuttosport, 22 Jun 2025)",
        "- Fikayo Tomori – AC Milan: new link, Renewal (Fabrizio Romano, 25 Jun 2025)",
    ]
    assert message["Subject"].endswith("and 2 more")
    assert AlertEvent.objects.filter(key=f"claim:{other.pk}").count() == 0  # told as the new link already


def test_a_followed_outlet_publishing_is_an_alert_for_its_followers_only(kb: SmallKb, scout, smtp_server) -> None:  # type: ignore[no-untyped-def]
    talks_so_far(kb)
    reader = get_user_model().objects.create_user("reader", email="reader@example.org")
    Follow.objects.follow(scout, kb.tuttosport)
    claim = bid(kb)
    scan_alerts()
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "scout@example.org"
    assert "Tuttosport: Fikayo Tomori – Juventus, Bid (20 Jun 2025)" in body_text(message)
    assert f"{SITE}/articles/{claim.article_id}/" in body_text(message)
    assert not AlertEvent.objects.filter(user=reader).exists()


def test_the_digest_collects_several_events_into_one_mail_a_day(kb: SmallKb, scout, smtp_server) -> None:  # type: ignore[no-untyped-def]
    talks_so_far(kb)
    AlertPreference.objects.create(user=scout).delivery_change(Delivery.DIGEST, now=timezone.now())
    Follow.objects.follow(scout, kb.tomori)
    bid(kb)
    claim_make(player=kb.tomori, club=kb.napoli, kind="interest", day=dt.date(2025, 6, 21), outlet=kb.tuttosport)
    scan_alerts()
    claim_make(player=kb.tomori, club=kb.juventus, kind="agreement", day=dt.date(2025, 6, 28), outlet=kb.tuttosport)
    scan_alerts()
    assert smtp_server.wait_for(1, timeout=1) == []  # not before the digest hour
    assert AlertEvent.objects.pending().filter(user=scout).count() == 3
    AlertPreference.objects.filter(user=scout).update(last_digest_at=timezone.now() - dt.timedelta(days=1, hours=1))
    send_digests()
    [digest] = smtp_server.wait_for(1)
    assert digest["Subject"].strip() == "RumourTracker daily digest: 3 alerts"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = body_text(digest)
    assert "Talks → Bid" in text and "SSC Napoli: new link, Interest" in text and "Bid → Agreement" in text
    send_digests()
    scan_alerts()
    assert len(smtp_server.wait_for(2, timeout=1)) == 1
    assert AlertEvent.objects.pending().count() == 0


def test_a_failed_send_is_tried_again_by_the_next_scan(kb: SmallKb, scout, smtp_server, settings) -> None:  # type: ignore[no-untyped-def]
    talks_so_far(kb)
    Follow.objects.follow(scout, kb.tomori)
    bid(kb)
    settings.EMAIL_PORT = free_port()  # nothing listens there: the server is down
    scan_alerts()
    event = AlertEvent.objects.get()
    assert event.sent_at is None and event.attempts == 1 and "ConnectionRefusedError" in event.last_error
    settings.EMAIL_PORT = smtp_server.port
    scan_alerts()
    [message] = smtp_server.wait_for(1)
    assert "Talks → Bid" in message["Subject"]
    scan_alerts()
    assert len(smtp_server.wait_for(2, timeout=1)) == 1


def test_unsubscribing_by_the_link_confirms_then_stops_further_mail(kb: SmallKb, scout, smtp_server) -> None:  # type: ignore[no-untyped-def]
    path = unsubscribe_link(first_alert(kb, scout, smtp_server)).removeprefix(SITE)
    browser = Client(enforce_csrf_checks=True)  # no session, no cookie: as a click in a mail program
    page = browser.get(path)
    assert page.status_code == 200 and b"Stop all alert e-mails to scout@example.org?" in page.content
    assert AlertPreference.objects.get(user=scout).delivery == Delivery.IMMEDIATE  # a GET changes nothing
    done = browser.post(path)
    assert done.status_code == 200 and b"no more alert e-mails will be sent" in done.content
    assert AlertPreference.objects.get(user=scout).delivery == Delivery.OFF
    claim_make(player=kb.tomori, club=kb.juventus, kind="agreement", day=dt.date(2025, 6, 28), outlet=kb.tuttosport)
    scan_alerts()
    assert len(smtp_server.wait_for(2, timeout=1)) == 1
    assert AlertEvent.objects.count() == 1


def test_a_one_click_post_from_a_mail_program_unsubscribes(kb: SmallKb, scout, smtp_server) -> None:  # type: ignore[no-untyped-def]
    path = unsubscribe_link(first_alert(kb, scout, smtp_server)).removeprefix(SITE)
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert AlertPreference.objects.get(user=scout).delivery == Delivery.OFF
    claim_make(player=kb.tomori, club=kb.juventus, kind="agreement", day=dt.date(2025, 6, 28), outlet=kb.tuttosport)
    scan_alerts()
    assert len(smtp_server.wait_for(2, timeout=1)) == 1


@pytest.mark.parametrize("tamper", ["other account", "bad signature", "cut short", "made up"])
def test_a_tampered_unsubscribe_token_is_refused_clearly(client, scout, tamper: str) -> None:  # type: ignore[no-untyped-def]
    other = get_user_model().objects.create_user("other", email="other@example.org")
    token = unsubscribe_token(scout.pk)
    value, signature = token.split(":")
    bad = {
        "other account": f"{other.pk}:{signature}",
        "bad signature": f"{value}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        "cut short": value,
        "made up": "no-such-token",
    }[tamper]
    for method in (client.get, client.post):
        response = method(f"/alerts/unsubscribe/{bad}/")
        page = response.content.decode()
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in page and "Traceback" not in page
    assert not AlertPreference.objects.filter(delivery=Delivery.OFF).exists()


def test_the_settings_page_changes_how_alerts_come(client, scout) -> None:  # type: ignore[no-untyped-def]
    client.force_login(scout)
    page = client.get("/alerts/settings/")
    assert page.status_code == 200 and b"A daily digest" in page.content and b"scout@example.org" in page.content
    saved = client.post("/alerts/settings/", {"delivery": "digest"}, follow=True)
    assert b"Saved: A daily digest." in saved.content
    preference = AlertPreference.objects.get(user=scout)
    assert preference.delivery == Delivery.DIGEST and preference.last_digest_at is not None
    wrong = client.post("/alerts/settings/", {"delivery": "hourly"})
    assert wrong.status_code == 200 and b"Select a valid choice" in wrong.content
    assert AlertPreference.objects.get(user=scout).delivery == Delivery.DIGEST


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_mail_each_change_once(smtp_server) -> None:  # type: ignore[no-untyped-def]
    kb = small_kb_make()
    talks_so_far(kb)
    users = get_user_model().objects
    for n in range(5):
        Follow.objects.follow(users.create_user(f"scout{n}", email=f"scout{n}@example.org"), kb.tomori)
    bid(kb)
    start = threading.Barrier(2)

    def scan() -> None:
        try:
            start.wait()
            scan_alerts()
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    scan_alerts()
    messages = smtp_server.wait_for(6, timeout=2)
    assert sorted(m["To"] for m in messages) == [f"scout{n}@example.org" for n in range(5)]
    assert AlertEvent.objects.count() == 5 and AlertEvent.objects.pending().count() == 0


def test_only_a_claim_that_moves_the_rumour_is_a_stage_change(kb: SmallKb, scout, smtp_server) -> None:  # type: ignore[no-untyped-def]
    talks_so_far(kb)
    bid(kb)
    Follow.objects.follow(scout, kb.tomori)
    # Reported late, dated before the bid: the rumour stays at Bid. Then a denial moves it.
    juventus(kb, "talks", dt.date(2025, 6, 15))
    juventus(kb, "bid", dt.date(2025, 6, 24))
    juventus(kb, "denial", dt.date(2025, 6, 26))
    scan_alerts()
    [message] = smtp_server.wait_for(1)
    lines = [line for line in body_text(message).splitlines() if line.startswith("- ")]
    assert lines == ["- Fikayo Tomori – Juventus: Bid → Denied (Tuttosport, 26 Jun 2025)"]


def test_claims_of_old_articles_make_no_alert(kb: SmallKb, scout, smtp_server, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ALERTS_MAX_AGE_DAYS = 14
    today = timezone.localdate()
    juventus(kb, "interest", today - dt.timedelta(days=40))
    Follow.objects.follow(scout, kb.tomori)
    bid(kb, day=today - dt.timedelta(days=30))  # a backfill of old news: no alert
    scan_alerts()
    assert smtp_server.wait_for(1, timeout=1) == [] and not AlertEvent.objects.exists()
    juventus(kb, "agreement", today - dt.timedelta(days=2))
    scan_alerts()
    [message] = smtp_server.wait_for(1)
    assert "Fikayo Tomori – Juventus: Bid → Agreement" in message["Subject"]
