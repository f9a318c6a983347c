"""A title for an untitled text: its first sentence, cut at a word boundary, without a leading date or dateline.
The sentences are written for these tests."""

from __future__ import annotations

import pytest

from tagger.titles import title_from_text


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "date 2024-12-27 The club have opened talks for the defender. He could leave.",
            "The club have opened talks for the defender.",
        ),
        (
            "Torino, 27 dicembre 2024 - Il club ha avviato i contatti per il difensore. Poi altro.",
            "Il club ha avviato i contatti per il difensore.",
        ),
        ("LONDON (Agency) - The club have signed the winger. More.", "The club have signed the winger."),
        (
            "München, 16. November 2025 – Der Verein verhandelt mit dem Stürmer.",
            "Der Verein verhandelt mit dem Stürmer.",
        ),
        ("The club want the winger. They made an offer.", "The club want the winger."),
    ],
)
def test_it_takes_the_first_sentence_without_date_or_dateline(text: str, title: str) -> None:
    assert title_from_text(text) == title


def test_a_long_first_sentence_is_cut_at_a_word_boundary() -> None:
    text = "The club have emerged as possible buyers of the defender, who is expected to leave his club in January."
    title = title_from_text(text, limit=50)
    assert title == "The club have emerged as possible buyers of the…"
    assert text.startswith(title.removesuffix("…"))
