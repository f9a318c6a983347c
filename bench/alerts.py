"""The alerts suite: 1,000 accounts following the same 100 players, each player's rumour moving a stage.

Measured: the scan that records the 100,000 (account, event) rows, and the daily digest built and handed to the
mail backend (Django's in-memory one: building is measured, not a mail server) for the 1,000 accounts, 100 lines
each. The goal is the digest's: at most 10 s.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

from bench.harness import Measurement, stopwatch

PLAYERS, FOLLOWERS = 100, 1_000


def alerts_data() -> None:
    """Each player's interest and talks, then the accounts and their follows, then each player's bid: one stage
    change (Talks → Bid) per player that every account followed before it happened."""
    from following.models import Follow
    from players.models import Club, Outlet, Player

    outlet = Outlet.objects.create(name="Bench Gazette")
    clubs = Club.objects.bulk_create(Club(key=f"xx/bench-{n}", name=f"Bench Club {n}") for n in range(10))
    players = Player.objects.bulk_create(Player(name=f"Bench Player {n}", status="verified") for n in range(PLAYERS))
    for step, kind in enumerate(["interest", "talks"]):
        for n, player in enumerate(players):
            _claim_add(player, clubs[n % len(clubs)], outlet, kind, dt.date(2026, 6, 1) + dt.timedelta(days=7 * step))
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"follower{n}", email=f"follower{n}@example.org") for n in range(FOLLOWERS)
    )
    Follow.objects.bulk_create((Follow(user=u, player=p) for u in users for p in players), batch_size=10_000)
    for n, player in enumerate(players):
        _claim_add(player, clubs[n % len(clubs)], outlet, "bid", dt.date(2026, 6, 20))


def _claim_add(player: Any, club: Any, outlet: Any, kind: str, day: dt.date) -> None:
    from articles.models import Article, ArticleStatus, Claim
    from articles.rumours.refresh import rumour_for

    text = f"{club.name} and {player.name}: {kind}, says the Bench Gazette in a report of its own."
    article = Article.objects.create(
        title=text[:60], text=text, outlet=outlet, published=day, status=ArticleStatus.TAGGED
    )
    rumour = rumour_for(player=player, club=club, kind=kind, reported_on=day)
    Claim.objects.create(article=article, rumour=rumour, player=player, club=club, kind=kind)


def alerts_suite(runs: int) -> list[Measurement]:
    from alerts.delivery import digests_send
    from alerts.models import AlertEvent, AlertPreference, Delivery, ScanMark
    from alerts.scan import alerts_scan

    scan = Measurement(f"scan: events of {PLAYERS} players for {FOLLOWERS:,} followers", "s")
    digest = Measurement(f"digest for {FOLLOWERS:,} followers of {PLAYERS} players", "s", goal="≤ 10 s")
    mails = Measurement("digest mails sent", "mails")
    quiet = {"ALERTS_SETTLE_SECONDS": 0, "ALERTS_MAX_AGE_DAYS": 0}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", **quiet):
        alerts_data()
        for _ in range(runs):
            AlertEvent.objects.all().delete()
            ScanMark.objects.all().delete()
            with stopwatch() as elapsed:
                alerts_scan(now=timezone.now())
            scan.samples += elapsed
            AlertPreference.objects.update(delivery=Delivery.DIGEST, last_digest_at=None)
            with stopwatch() as elapsed:
                mails.samples.append(digests_send(now=timezone.now()))
            digest.samples += elapsed
            assert AlertEvent.objects.pending().count() == 0, "the digest left events unsent"
    return [scan, digest, mails]
