"""Shaping claims for display, in plain Python: timelines by window and club, the weekly chart,
highlighted text, and a rumour's independent sources. No Django import: objects in, plain data out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

# A rumour that has not moved for this long is stale, unless it has already ended.
STALE_AFTER = dt.timedelta(weeks=3)
FINAL_STAGES = frozenset({"completed", "denied"})


def window_key(window: str) -> tuple[int, int]:
    """Chronological order of windows: "2025-summer" comes before "2025-26-winter"."""
    match = re.match(r"(\d{4})", window)
    year = int(match.group(1)) if match else 0
    return (year, 1 if "winter" in window else 0)


def window_label(window: str) -> str:
    """ "2025-summer" -> "Summer 2025"; "2025-26-winter" -> "Winter 2025–26"."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?-(summer|winter)", window)
    if not match:
        return window
    year, second, season = match.groups()
    return f"{season.title()} {year}" + (f"–{second}" if second else "")


def is_stale(stage: str, last_reported: dt.date | None, today: dt.date) -> bool:
    return stage not in FINAL_STAGES and last_reported is not None and today - last_reported > STALE_AFTER


@dataclass
class RumourGroup:
    rumour: Any
    claims: list[Any] = field(default_factory=list)


@dataclass
class WindowGroup:
    window: str
    label: str
    rumours: list[RumourGroup] = field(default_factory=list)

    @property
    def claim_count(self) -> int:
        return sum(len(group.claims) for group in self.rumours)


def timeline_groups(claims: Iterable[Any], reported_on: Callable[[Any], dt.date]) -> list[WindowGroup]:
    """Claims grouped by window (newest first), then by rumour (first reported first), each in date order."""
    by_rumour: dict[int, RumourGroup] = {}
    for claim in sorted(claims, key=lambda c: (reported_on(c), c.pk)):
        by_rumour.setdefault(claim.rumour_id, RumourGroup(claim.rumour)).claims.append(claim)
    windows: dict[str, WindowGroup] = {}
    for group in by_rumour.values():
        window = group.rumour.window
        windows.setdefault(window, WindowGroup(window, window_label(window))).rumours.append(group)
    return sorted(windows.values(), key=lambda w: window_key(w.window), reverse=True)


# --- the weekly chart ---------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    week: dt.date


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    peak: int
    first: dt.date
    last: dt.date
    total: int


# The chart is drawn in a 300 x 80 box whatever the number of weeks, so it reads the same on any page.
CHART_WIDTH = 300
CHART_HEIGHT = 80
MAX_WEEKS = 52
MIN_WEEKS = 12


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekly_chart(counts: dict[dt.date, int]) -> Chart | None:
    """Bars for how often a player was linked each week, up to the last week he was (a year at most)."""
    counts = {week_start(day): n for day, n in counts.items() if n}
    if not counts:
        return None
    last = max(counts)
    first = max(min(counts), last - dt.timedelta(weeks=MAX_WEEKS - 1))
    first = min(first, last - dt.timedelta(weeks=MIN_WEEKS - 1))
    weeks = [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    peak = max(counts.get(week, 0) for week in weeks)
    slot = CHART_WIDTH / len(weeks)
    bars = []
    for i, week in enumerate(weeks):
        count = counts.get(week, 0)
        height = round(CHART_HEIGHT * count / peak, 1) if peak else 0
        x, width = round(i * slot, 2), round(max(slot * 0.75, 1), 2)
        bars.append(Bar(x=x, y=CHART_HEIGHT - height, width=width, height=height, count=count, week=week))
    total = sum(bar.count for bar in bars)
    return Chart(bars, CHART_WIDTH, CHART_HEIGHT, peak, first, last, total)


# --- highlighted text ---------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "player" or "club"
    url: str
    label: str


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = ""
    url: str = ""
    label: str = ""


def text_segments(text: str, spans: Sequence[Span]) -> list[Segment]:
    """The text cut into plain and highlighted pieces; overlapping or out-of-range spans are skipped.

    The template escapes each piece, so no HTML is ever built from the article's text.
    """
    segments: list[Segment] = []
    position = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < position or span.end > len(text) or span.end <= span.start:
            continue
        if span.start > position:
            segments.append(Segment(text[position : span.start]))
        segments.append(Segment(text[span.start : span.end], span.kind, span.url, span.label))
        position = span.end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


# --- the stage track ----------------------------------------------------------------------

STAGE_STEPS = ["interest", "talks", "bid", "agreement", "completed"]


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    state: str  # "done current", "done" or ""


def stage_steps(stage: str) -> list[Step]:
    """The transfer track's steps, marked up to the stage reached; a denied rumour marks none."""
    reached = STAGE_STEPS.index(stage) if stage in STAGE_STEPS else -1
    return [
        Step(name, name.title(), "done current" if i == reached else "done" if i < reached else "")
        for i, name in enumerate(STAGE_STEPS)
    ]


@dataclass(frozen=True)
class RumourSummary:
    """A rumour as a player's page lists it: plain values, cheap to load by the hundred."""

    pk: int
    club: str
    club_key: str
    window: str
    track: str
    stage: str
    claim_count: int
    source_count: int
    first_reported: dt.date | None
    last_reported: dt.date | None

    FIELDS = ("pk", "club__name", "club__key", "window", "track", "stage", "claim_count", "source_count",
              "first_reported", "last_reported")  # fmt: skip

    @property
    def stage_label(self) -> str:
        return self.stage.title()

    @property
    def track_label(self) -> str:
        return self.track.title()
