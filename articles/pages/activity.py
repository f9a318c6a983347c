"""Activity counts for the index pages and the search box: claims in the 30 days up to the newest dated
claim, stored on each club, player and outlet so that lists sort by them without counting per request.

The window ends at the newest dated claim rather than today, so a dataset that stops in the summer still
ranks by what was busy then. Refreshed by `manage.py activity_refresh` and a periodic task.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Func, IntegerField, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from players.models import Club, Outlet, Player

from ..models import Claim

WINDOW_DAYS = 30


def _count_of(claims: QuerySet[Claim]) -> Coalesce:
    """How many of the claims a correlated subquery finds: COUNT without GROUP BY (a Func, not an aggregate)."""
    counted = claims.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def activity_window() -> tuple[dt.date, dt.date] | None:
    newest = Claim.objects.live().aggregate(newest=Max("article__published"))["newest"]
    return (newest - dt.timedelta(days=WINDOW_DAYS - 1), newest) if newest else None


def activity_refresh() -> dt.date | None:
    """Recount every club's, player's and outlet's recent claims (an outlet's published or cited);
    returns the last day of the window, None when no claim is dated."""
    window = activity_window()
    recent = Claim.objects.live()
    recent = recent.none() if window is None else recent.filter(article__published__range=window)
    with transaction.atomic():
        Club.objects.update(recent_claims=_count_of(recent.filter(club=OuterRef("pk"))))
        Player.objects.update(recent_claims=_count_of(recent.filter(player=OuterRef("pk"))))
        Outlet.objects.update(
            recent_claims=_count_of(recent.filter(article__outlet=OuterRef("pk")))
            + _count_of(recent.filter(cited=OuterRef("pk")))
        )
    return window[1] if window else None
