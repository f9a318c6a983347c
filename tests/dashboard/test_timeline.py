"""The pure shaping of timelines, charts, highlights and windows."""

from __future__ import annotations

import datetime as dt

from articles.pages.search import query_words
from articles.rumours.timeline import Span, is_stale, stage_steps, text_segments, weekly_chart, window_key, window_label


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


def test_the_weekly_chart_spans_at_least_twelve_weeks_and_scales_to_the_peak() -> None:
    chart = weekly_chart({dt.date(2025, 6, 2): 2, dt.date(2025, 6, 4): 0, dt.date(2025, 6, 18): 4})
    assert chart is not None
    assert len(chart.bars) == 12 and chart.peak == 4 and chart.total == 6
    assert chart.bars[-1].height == chart.height
    assert weekly_chart({}) is None


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
