"""Shaping claims for display, in plain Python: timelines by window and club, the career chart,
highlighted text, the home page's lists. No Django import: objects in, plain data out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
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
    """ "2025-summer" -> "Summer 2025"; "2025-26-winter" -> "Winter 2025–26"; "undated" -> "Undated"."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?-(summer|winter)", window)
    if not match:
        return window.capitalize()
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


def timeline_groups(claims: Iterable[Any], reported_on: Callable[[Any], dt.date | None]) -> list[WindowGroup]:
    """Claims grouped by window (newest first, the undated last), then by rumour (first reported first), each
    in date order."""
    by_rumour: dict[int, RumourGroup] = {}
    for claim in sorted(claims, key=lambda c: (reported_on(c) or dt.date.min, c.pk)):
        by_rumour.setdefault(claim.rumour_id, RumourGroup(claim.rumour)).claims.append(claim)
    windows: dict[str, WindowGroup] = {}
    for group in by_rumour.values():
        window = group.rumour.window
        windows.setdefault(window, WindowGroup(window, window_label(window))).rumours.append(group)
    return sorted(windows.values(), key=lambda w: window_key(w.window), reverse=True)


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
    outcome: str
    likelihood: float | None
    likelihood_why: list[dict[str, str | float]]
    first_by: str | None = None  # the outlet of its earliest dated claim, where the query asked for it

    FIELDS = ("pk", "club__name", "club__key", "window", "track", "stage", "claim_count", "source_count",
              "first_reported", "last_reported", "outcome", "likelihood", "likelihood_why")  # fmt: skip

    @property
    def stage_label(self) -> str:
        return self.stage.title()

    @property
    def track_label(self) -> str:
        return self.track.title()


# --- the home page: latest articles and stage changes --------------------------------------


@dataclass
class ArticleClaims:
    """One line of "Latest claims": an article and what it claims."""

    article: Any
    claims: list[Any] = field(default_factory=list)


def articles_with_claims(articles: Sequence[Any], claims: Iterable[Any]) -> list[ArticleClaims]:
    """The articles in their order, each with its claims."""
    lines = {article.pk: ArticleClaims(article) for article in articles}
    for claim in claims:
        lines[claim.article_id].claims.append(claim)
    return list(lines.values())


@dataclass(frozen=True)
class StageChange:
    """A rumour's step forward (Talks → Bid), or to Denied, on the day of the claim that took it."""

    claim: Any
    before: str  # the stage before; empty when this was the rumour's first word
    after: str
    day: dt.date


def stage_changes(newest: Sequence[Any], earlier: Sequence[tuple[int, str, dt.date, int]]) -> list[StageChange]:
    """Of the newest stage claims (newest first), those that moved their rumour: each rumour's latest step.

    `earlier` holds (rumour id, kind, date, claim id) of every dated claim of those rumours.
    """
    by_rumour: dict[int, list[tuple[dt.date, int, str]]] = defaultdict(list)
    for rumour_id, kind, day, pk in earlier:
        by_rumour[rumour_id].append((day, pk, kind))
    changes, seen = [], set()
    for claim in newest:
        if claim.rumour_id in seen:
            continue
        day = claim.article.published
        before = stage_reached([k for d, pk, k in sorted(by_rumour[claim.rumour_id]) if (d, pk) < (day, claim.pk)])
        after = "denied" if claim.kind == "denial" else claim.kind
        if _is_step(before, after):
            seen.add(claim.rumour_id)
            changes.append(StageChange(claim, before, after, day))
    return changes


def stage_reached(kinds: list[str]) -> str:
    """The stage the claims (in date order) had reached: the furthest step, or denied after a later denial."""
    reached, denied = -1, False
    for kind in kinds:
        if kind == "denial":
            denied = True
        elif kind in STAGE_STEPS:
            reached, denied = max(reached, STAGE_STEPS.index(kind)), False
    return "denied" if denied else STAGE_STEPS[reached] if reached >= 0 else ""


def _is_step(before: str, after: str) -> bool:
    if after == "denied":
        return before != "denied"
    return before in ("", "denied") or STAGE_STEPS.index(after) > STAGE_STEPS.index(before)


# --- the career chart: rows of clubs (or players) across transfer windows -----------------

KIND_ORDER = ["interest", "talks", "bid", "agreement", "completed", "denial", "renewal", "exit"]
CAREER_LABEL_WIDTH = 150  # the row labels: a picture of their own left of the windows, which scroll on a phone
CAREER_WINDOW_WIDTH = 44
CAREER_RIGHT_PAD = 48  # room for the newest window's label, which starts at its column and runs past it
CAREER_ROW_HEIGHT = 30
CAREER_AXIS_HEIGHT = 22
MAX_CAREER_ROWS = 12
MAX_CAREER_WINDOWS = 24


@dataclass(frozen=True)
class CareerBin:
    """Claims of one kind about one row (a club, or a player) in one window, counted by the database."""

    row: str  # what the row is about: a club's key, a player's id
    label: str
    url: str
    window: str
    kind: str
    count: int
    stage: str  # the stage the row's rumour reached in that window


@dataclass(frozen=True)
class CareerMark:
    kind: str
    count: int
    cx: float
    cy: float
    r: float


@dataclass
class CareerCell:
    window: str
    window_label: str
    stage: str
    x: float
    y: float
    width: float
    height: float
    marks: list[CareerMark] = field(default_factory=list)

    @property
    def claim_count(self) -> int:
        return sum(mark.count for mark in self.marks)

    @property
    def summary(self) -> str:
        kinds = ", ".join(f"{m.count} {m.kind}" for m in self.marks)
        return f"{self.window_label}: {self.stage} ({kinds})"


@dataclass
class CareerRow:
    label: str
    url: str
    y: float
    cells: list[CareerCell] = field(default_factory=list)


@dataclass(frozen=True)
class CareerColumn:
    window: str
    label: str
    x: float
    labelled: bool  # every fourth window from the newest carries its label, so that labels never overlap


@dataclass(frozen=True)
class CareerChart:
    rows: list[CareerRow]
    columns: list[CareerColumn]
    width: int  # of the windows, right of the labels
    height: int
    total: int
    left_out_rows: int  # rows beyond the chart's limit, listed nowhere in it (the timeline has them)
    label_width: int = CAREER_LABEL_WIDTH

    @property
    def first_label(self) -> str:
        return self.columns[0].label

    @property
    def last_label(self) -> str:
        return self.columns[-1].label


def career_chart(
    bins: Iterable[CareerBin], *, span: tuple[str, str] | None = None, more_rows: int = 0
) -> CareerChart | None:
    """One row per club (or player), newest first, one column per window from the first to the last in the data
    (the latest MAX_CAREER_WINDOWS); in each cell a segment coloured by the stage reached and one mark per kind
    claimed, its size growing with the count. However many claims, at most rows x windows x kinds marks.

    A caller that chose the rows itself (the club page reads only the bins of the rows shown) gives the first and
    last windows of all its rows as `span`, and the rows it left out as `more_rows`."""
    bins = [b for b in bins if b.window != "undated"]
    if not bins:
        return None
    windows = _window_range({b.window for b in bins} | set(span or ()))[-MAX_CAREER_WINDOWS:]
    column_of = {w: i for i, w in enumerate(windows)}
    rows_by_key = _rows_newest_first(bins, column_of)
    shown = rows_by_key[:MAX_CAREER_ROWS]
    rows = [_career_row(index, key_bins, column_of) for index, key_bins in enumerate(shown)]
    last = len(windows) - 1
    columns = [
        CareerColumn(w, window_label(w), i * CAREER_WINDOW_WIDTH, (last - i) % 4 == 0) for i, w in enumerate(windows)
    ]
    width = len(windows) * CAREER_WINDOW_WIDTH + CAREER_RIGHT_PAD
    height = CAREER_AXIS_HEIGHT + len(rows) * CAREER_ROW_HEIGHT
    total = sum(cell.claim_count for row in rows for cell in row.cells)
    return CareerChart(rows, columns, width, height, total, len(rows_by_key) - len(shown) + more_rows)


def _window_range(present: set[str]) -> list[str]:
    """Every window from the first to the last present, the empty ones between included: time reads evenly."""
    ordered = sorted(present, key=window_key)
    first, last = window_key(ordered[0]), window_key(ordered[-1])
    windows, (year, half) = [], first
    while (year, half) <= last:
        windows.append(f"{year}-summer" if half == 0 else f"{year}-{(year + 1) % 100:02d}-winter")
        year, half = (year, 1) if half == 0 else (year + 1, 0)
    return windows


def _rows_newest_first(bins: list[CareerBin], column_of: dict[str, int]) -> list[list[CareerBin]]:
    by_row: dict[str, list[CareerBin]] = defaultdict(list)
    for b in bins:
        if b.window in column_of:
            by_row[b.row].append(b)
    return sorted(by_row.values(), key=lambda row: (-max(column_of[b.window] for b in row), row[0].label))


def _career_row(index: int, bins: list[CareerBin], column_of: dict[str, int]) -> CareerRow:
    first = bins[0]
    y = CAREER_AXIS_HEIGHT + index * CAREER_ROW_HEIGHT
    row = CareerRow(first.label, first.url, y)
    by_window: dict[str, list[CareerBin]] = defaultdict(list)
    for b in bins:
        by_window[b.window].append(b)
    for window in sorted(by_window, key=window_key, reverse=True):
        x = column_of[window] * CAREER_WINDOW_WIDTH
        cell_bins = sorted(by_window[window], key=lambda b: KIND_ORDER.index(b.kind) if b.kind in KIND_ORDER else 99)
        cell = CareerCell(window, window_label(window), cell_bins[0].stage, x + 1, y + 4, CAREER_WINDOW_WIDTH - 2, 22)
        cell.marks = _marks(cell_bins, x, y)
        row.cells.append(cell)
    return row


def _marks(bins: list[CareerBin], x: float, y: float) -> list[CareerMark]:
    """Up to eight kinds side by side in the cell; a mark's area grows with the square root of its count."""
    slot = (CAREER_WINDOW_WIDTH - 6) / max(len(bins), 1)
    return [
        CareerMark(
            b.kind, b.count, round(x + 3 + slot * (i + 0.5), 1), y + 15, round(min(3 + b.count**0.5, slot / 2, 7), 1)
        )
        for i, b in enumerate(bins)
    ]


# --- one story per player and club ---------------------------------------------------------


@dataclass
class ClubStory:
    """A player's story with one club across every window it ran in: the windows newest first, undated last."""

    club: str
    club_key: str
    windows: list[RumourSummary] = field(default_factory=list)

    @property
    def latest(self) -> RumourSummary:
        return self.windows[0]

    @property
    def first(self) -> RumourSummary | None:
        """The window where it was first reported: the earliest dated one."""
        dated = [r for r in self.windows if r.first_reported is not None]
        return min(dated, key=lambda r: r.first_reported or dt.date.min) if dated else None

    @property
    def claim_count(self) -> int:
        return sum(r.claim_count for r in self.windows)


def club_stories(rumours: Iterable[RumourSummary]) -> list[ClubStory]:
    """The rumours (newest first) as one story per club, the story with the newest news first."""
    stories: dict[str, ClubStory] = {}
    for rumour in rumours:
        story = stories.setdefault(rumour.club_key, ClubStory(rumour.club, rumour.club_key))
        story.windows.append(rumour)
    for story in stories.values():
        story.windows.sort(key=lambda r: window_key(r.window), reverse=True)
    return list(stories.values())
