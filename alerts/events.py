"""What happened, read from the claims: a rumour that moved a stage, a new link, a claim a followed outlet made.

The scan reads the claims added since its watermark, a bounded batch at a time. Each claim is judged against
the claims of its rumour that were known before it (added earlier), so the same claim always gives the same
event, with the same key, however often it is read: the key is what keeps an event from being mailed twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.models import Claim, Decision, Kind, Stage, Track
from articles.rumours.timeline import stage_reached

from .models import EventKind, ScanMark

STAGE_KINDS = frozenset({Kind.INTEREST, Kind.TALKS, Kind.BID, Kind.AGREEMENT, Kind.COMPLETED, Kind.DENIAL})
CLAIM_FIELDS = (
    "id", "created_at", "kind", "decision", "rumour_id", "player_id", "club_id", "article_id", "rumour__track",
    "article__published", "article__created_at", "article__outlet__name", "player__name", "club__name",
)  # fmt: skip


@dataclass(frozen=True)
class Event:
    """One thing to tell the followers of its players, clubs or outlets (who followed before `at`)."""

    key: str
    kind: str
    line: str
    path: str
    happened: dt.date | None
    at: dt.datetime  # when the claim that made it was added
    claim_id: int
    players: frozenset[int] = frozenset()
    clubs: frozenset[int] = frozenset()
    outlets: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Known:
    """A claim of a rumour as the stage reckoning needs it."""

    pk: int
    added: dt.datetime
    day: dt.date | None
    kind: str
    live: bool


def day_label(day: dt.date | None, today: dt.date) -> str:
    """ "7 Dec" this year, "7 Dec 2025" another year, "undated" with no date."""
    if day is None:
        return "undated"
    return f"{day.day} {day:%b}" + ("" if day.year == today.year else f" {day.year}")


def stage_label(stage: str) -> str:
    return Stage(stage).label if stage in Stage.values else stage.title()


def claim_events(
    claim: dict[str, Any], history: Sequence[Known], cited: Sequence[tuple[int, str]], today: dt.date
) -> list[Event]:
    """The events one claim makes: a new link (its rumour's first claim) or a stage change (its rumour's stage
    before and after it differ), and a publication for the followers of its outlet or the outlets it cites.

    `history` holds every claim of the claim's rumour; `cited` the (id, name) of the outlets the claim cites.
    """
    if claim["decision"] == Decision.REJECTED:
        return []
    before = [k for k in history if (k.added, k.pk) < (claim["created_at"], claim["id"])]
    names = f"{claim['player__name']} – {claim['club__name']}"
    source = claim["article__outlet__name"] or ", ".join(name for _, name in cited)  # its publisher, or whom it cites
    when = day_label(claim["article__published"], today)
    where = f"({source}, {when})" if source else f"({when})"

    def event(key: str, kind: str, line: str, path: str, **about: frozenset[int]) -> Event:
        return Event(key, kind, line, path, claim["article__published"], claim["created_at"], claim["id"], **about)

    rumour_path = reverse("rumour_detail", args=[claim["rumour_id"]])
    about = {"players": frozenset({claim["player_id"]}), "clubs": frozenset({claim["club_id"]})}
    events = []
    if not before:
        line = f"{names}: new link, {Kind(claim['kind']).label} {where}"
        events.append(event(f"link:{claim['rumour_id']}", EventKind.LINK, line, rumour_path, **about))
    elif claim["rumour__track"] == Track.TRANSFER and claim["kind"] in STAGE_KINDS:
        was, now = stages_around(claim, before)
        if was and now != was:
            line = f"{names}: {stage_label(was)} → {stage_label(now)} {where}"
            events.append(event(f"stage:{claim['id']}", EventKind.STAGE, line, rumour_path, **about))
    outlets = frozenset(pk for pk, _ in cited) | ({claim["article__outlet_id"]} - {None})
    if outlets:
        publisher = claim["article__outlet__name"]
        citing = f", citing {', '.join(name for _, name in cited)}" if cited and publisher else ""
        line = f"{source or 'An article'}: {names}, {Kind(claim['kind']).label}{citing} ({when})"
        path = reverse("article_detail", args=[claim["article_id"]])
        events.append(event(f"claim:{claim['id']}", EventKind.PUBLISHED, line, path, outlets=outlets))
    return events


def stages_around(claim: dict[str, Any], before: Sequence[Known]) -> tuple[str, str]:
    """The rumour's stage from the live claims known before this one, and with it, each read in date order."""
    this = Known(claim["id"], claim["created_at"], claim["article__published"], claim["kind"], True)
    live = [k for k in before if k.live]

    def reached(known: list[Known]) -> str:
        return stage_reached([k.kind for k in sorted(known, key=lambda k: (k.day or dt.date.min, k.pk))])

    return reached(live), reached([*live, this])


# --- reading the claims ---------------------------------------------------------------------------------------


def scan_mark() -> ScanMark:
    mark, _ = ScanMark.objects.get_or_create(name="claims")
    return mark


def claims_after(mark: ScanMark, *, until: dt.datetime, limit: int) -> list[dict[str, Any]]:
    """The next claims after the watermark, oldest first, added no later than `until`."""
    after = Q()
    if mark.created_at is not None:
        after = Q(created_at__gt=mark.created_at) | Q(created_at=mark.created_at, id__gt=mark.last_id)
    claims = Claim.objects.filter(after, created_at__lte=until).order_by("created_at", "id")
    return list(claims.values(*CLAIM_FIELDS, "article__outlet_id")[:limit])


def events_of(claims: Sequence[dict[str, Any]], *, now: dt.datetime) -> list[Event]:
    """The events of a batch of claims; claims of articles older than ALERTS_MAX_AGE_DAYS make none (a backfill
    of old news, or a re-reading of old articles, is not news)."""
    today = timezone.localdate(now)
    oldest = today - dt.timedelta(days=settings.ALERTS_MAX_AGE_DAYS) if settings.ALERTS_MAX_AGE_DAYS else None
    fresh = [c for c in claims if oldest is None or _day_of(c) >= oldest]
    histories = rumour_histories({c["rumour_id"] for c in fresh})
    cited = citations({c["id"] for c in fresh})
    events: list[Event] = []
    for claim in fresh:
        events += claim_events(claim, histories[claim["rumour_id"]], cited.get(claim["id"], []), today)
    return events


def _day_of(claim: dict[str, Any]) -> dt.date:
    """The article's date, or the day it arrived if it is undated."""
    day: dt.date = claim["article__published"] or timezone.localdate(claim["article__created_at"])
    return day


def rumour_histories(rumour_ids: Iterable[int]) -> dict[int, list[Known]]:
    rows = Claim.objects.filter(rumour_id__in=list(rumour_ids)).values_list(
        "rumour_id", "id", "created_at", "article__published", "kind", "decision"
    )
    histories: dict[int, list[Known]] = defaultdict(list)
    for rumour_id, pk, added, day, kind, decision in rows:
        histories[rumour_id].append(Known(pk, added, day, kind, decision != Decision.REJECTED))
    return histories


def citations(claim_ids: Iterable[int]) -> dict[int, list[tuple[int, str]]]:
    through = Claim.cited.through
    rows = through.objects.filter(claim_id__in=list(claim_ids)).values_list("claim_id", "outlet_id", "outlet__name")
    cited: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for claim_id, outlet_id, name in rows.order_by("claim_id", "outlet__name"):
        cited[claim_id].append((outlet_id, name))
    return cited
