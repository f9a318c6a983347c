"""The pure shaping of timelines, charts, highlights and windows."""

from __future__ import annotations

import datetime as dt

from articles.pages.search import query_words
from articles.rumours.timeline import (
    MAX_CAREER_ROWS,
    MAX_CAREER_WINDOWS,
    CareerBin,
    Span,
    career_chart,
    is_stale,
    stage_steps,
    text_segments,
    window_key,
    window_label,
)


def test_windows_sort_in_time_and_read_well() -> None:
    windows = ["2025-26-winter", "2024-summer", "2025-summer", "2024-25-winter"]
    assert sorted(windows, key=window_key) == ["2024-summer", "2024-25-winter", "2025-summer", "2025-26-winter"]
    assert window_label("2025-26-winter") == "Winter 2025–26"
    assert window_label("2025-summer") == "Summer 2025"


def test_segments_cover_the_text_and_skip_overlaps() -> None:
    text = "Juve want Tomori now"
    spans = [
        Span(0, 4, "club", "/c", "Juventus"),
        Span(10, 16, "player", "/p", "Tomori"),
        Span(2, 8, "club", "/x", "x"),
    ]
    segments = text_segments(text, spans)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.kind) for s in segments] == [
        ("Juve", "club"),
        (" want ", ""),
        ("Tomori", "player"),
        (" now", ""),
    ]


def test_the_career_chart_has_a_row_per_club_newest_first_and_every_window_between() -> None:
    bins = [
        CareerBin("juve", "Juventus", "/j", "2021-summer", "interest", 3, "talks"),
        CareerBin("juve", "Juventus", "/j", "2021-summer", "talks", 1, "talks"),
        CareerBin("milan", "AC Milan", "/m", "2022-23-winter", "completed", 40, "completed"),
        CareerBin("napoli", "Napoli", "/n", "undated", "bid", 5, "bid"),  # undated: in no window, not drawn
    ]
    chart = career_chart(bins)
    assert chart is not None
    assert [row.label for row in chart.rows] == ["AC Milan", "Juventus"]
    assert [c.window for c in chart.columns] == ["2021-summer", "2021-22-winter", "2022-summer", "2022-23-winter"]
    assert chart.total == 44
    juventus = chart.rows[1].cells[0]
    assert (juventus.stage, [(m.kind, m.count) for m in juventus.marks]) == ("talks", [("interest", 3), ("talks", 1)])
    assert career_chart(bins[3:]) is None


def test_the_career_chart_stays_bounded_however_many_claims_and_clubs() -> None:
    kinds = ["interest", "talks", "bid", "agreement", "completed", "denial"]
    windows = [f"{year}-summer" for year in range(1995, 2026)]
    bins = [
        CareerBin(f"club-{c}", f"Club {c}", "/", w, k, 1000, "bid") for c in range(30) for w in windows for k in kinds
    ]
    chart = career_chart(bins)
    assert chart is not None
    assert len(chart.rows) == MAX_CAREER_ROWS and chart.left_out_rows == 30 - MAX_CAREER_ROWS
    assert len(chart.columns) == MAX_CAREER_WINDOWS
    marks = sum(len(cell.marks) for row in chart.rows for cell in row.cells)
    assert marks <= MAX_CAREER_ROWS * MAX_CAREER_WINDOWS * len(kinds)
    assert max(m.r for row in chart.rows for cell in row.cells for m in cell.marks) <= 7


def test_a_rumour_goes_stale_after_three_quiet_weeks_unless_it_ended() -> None:
    today = dt.date(2025, 8, 1)
    assert is_stale("talks", dt.date(2025, 7, 1), today)
    assert not is_stale("talks", dt.date(2025, 7, 20), today)
    assert not is_stale("completed", dt.date(2025, 1, 1), today)


def test_the_stage_track_marks_steps_up_to_the_stage() -> None:
    assert [s.state for s in stage_steps("bid")] == ["done", "done", "done current", "", ""]
    assert all(s.state == "" for s in stage_steps("denied"))


def test_query_words_keep_names_whole() -> None:
    assert query_words("Tomori, Juventus! tomori O'Brien") == ["Tomori", "Juventus", "O'Brien"]
