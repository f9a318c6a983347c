"""The learned player discovery: fitted on short articles written for these tests, never on the corpus."""

from __future__ import annotations

import json

import pytest

from tagger import tag_article
from tagger.discovery import (
    _SENTENCE_REACH,
    _TOKEN,
    PlayerDiscovery,
    _article_tokens,
    _article_words,
    _sentence_bounds,
    _window,
    article_candidates,
    fit_player_discovery,
    places_and_peoples,
)
from tagger.langdata import load_language
from tagger.text import SENTENCE_EDGE, Mask
from tests.tagger.kb import GAZETTEER

# Made-up players (never in the test knowledge base) named as transfer news names them; made-up coaches
# and countries beside them.
_PLAYERS = ["Tarek Vollmann", "Ilario Brescani", "Jonah Pettigrew", "Malo Ferrandez", "Oskar Lindqvist"]
_TEMPLATES = [
    ("en", "Napoli want the 24-year-old striker {p}. Coach {c} said Denmark was fine. Fans met at Hotel Miramare."),
    ("en", "Lazio have completed the signing of {p} (26, Udinese). Manager {c} welcomed him at Villa Ortensia."),
    ("it", "Il Napoli ha chiuso per l'attaccante {p}. L'allenatore {c} era a Palazzo Reale, dice Radio Golfo."),
]
_COACHES = ["Bruno Sattler", "Piers Ablewhite", "Renzo Capuleti", "Hugo Marchetti", "Emil Ravnsborg"]


def _corpus() -> tuple[list[dict], list[dict]]:
    articles, golds = [], []
    for n, (player, coach) in enumerate(zip(_PLAYERS * 2, _COACHES * 2, strict=True)):
        for m, (language, template) in enumerate(_TEMPLATES):
            article_id = f"t-{n}-{m}"
            articles.append({"id": article_id, "language": language, "text": template.format(p=player, c=coach)})
            golds.append({"id": article_id, "players": [player]})
    return articles, golds


@pytest.fixture(scope="module")
def params() -> dict:
    articles, golds = _corpus()
    return fit_player_discovery(articles, golds, gazetteer=GAZETTEER, c=1.0, min_count=1, threshold=0.5)


def test_the_parameters_are_plain_json(params: dict) -> None:
    again = json.loads(json.dumps(params))
    assert PlayerDiscovery(again).weights == PlayerDiscovery(params).weights


def test_no_feature_holds_a_name_of_the_articles(params: dict) -> None:
    names = {w.lower() for name in _PLAYERS + _COACHES for w in name.split()}
    assert not [f for f in params["weights"] if any(w in f.lower() for w in names)]


def test_it_finds_a_player_the_knowledge_base_lacks_by_how_the_article_names_him(params: dict) -> None:
    text = "Napoli want the 24-year-old striker Dario Quellmann."
    result = tag_article(text=text, gazetteer=GAZETTEER, language="en", discovery=PlayerDiscovery(params))
    assert [p.name for p in result.players] == ["Dario Quellmann"]
    assert result.players[0].player_id is None


def test_coaches_and_countries_are_no_players(params: dict) -> None:
    text = "Lazio have completed the signing of Dario Quellmann (26, Udinese). Manager Ivo Kranjcar welcomed him."
    result = tag_article(text=text, gazetteer=GAZETTEER, language="en", discovery=PlayerDiscovery(params))
    assert [p.name for p in result.players] == ["Dario Quellmann"]
    assert "danimarca" in places_and_peoples() and "japan" in places_and_peoples()


def test_the_candidates_leave_out_the_staff() -> None:
    found = article_candidates(
        {"language": "en", "text": _TEMPLATES[0][1].format(p="Dario Quellmann", c="Ivo Kranjcar")}, GAZETTEER
    )
    assert "Dario Quellmann" in [c.name for c in found]
    assert "Ivo Kranjcar" not in [c.name for c in found]


def test_parameters_of_another_version_are_refused(params: dict) -> None:
    with pytest.raises(ValueError, match="version"):
        PlayerDiscovery({**params, "version": 0})


def test_the_candidates_know_a_staff_word_in_their_sentence_and_a_club_beside_them() -> None:
    text = "The sporting director spoke highly of Dario Quellmann today. Lazio and Vittoriosa won."
    found = {c.name: c.features for c in article_candidates({"language": "en", "text": text}, GAZETTEER)}
    assert "staff_word_in_sentence" in found["Dario Quellmann"]
    assert "listed_with_club" in found["Vittoriosa"]
    assert "listed_with_club" not in found["Dario Quellmann"]


def test_a_name_listed_between_clubs_is_no_candidate() -> None:
    text = "Lazio, Vittoriosa and Udinese won on Sunday, with Dario Quellmann scoring twice."
    found = [c.name for c in article_candidates({"language": "en", "text": text}, GAZETTEER)]
    assert "Vittoriosa" not in found
    assert "Dario Quellmann" in found


# The words around a name are read from the article's tokens read once: the same a scan of the window finds.
_WINDOW_TEXT = "Dario Quellmann's agent: the 24-year-old O'Brien-Lutz (Udinese) — l'attaccante, 3.5m!\n\nNo. 9"


def test_the_article_tokens_are_those_the_token_regex_finds() -> None:
    starts, ends, words = _article_tokens(_WINDOW_TEXT)
    found = list(_TOKEN.finditer(_WINDOW_TEXT))
    assert list(zip(starts, ends, strict=True)) == [m.span() for m in found]
    assert words == [m.group() for m in found]


def test_a_window_holds_the_tokens_a_scan_of_the_window_finds() -> None:
    starts, ends, _ = _article_tokens(_WINDOW_TEXT)
    for low in range(len(_WINDOW_TEXT) + 1):  # every window, words cut at either end among them
        for high in range(low, len(_WINDOW_TEXT) + 2):
            head, first, past, tail = _window(_WINDOW_TEXT, low, high)
            spans = [*head, *zip(starts[first:past], ends[first:past], strict=True), *tail]
            assert spans == [m.span() for m in _TOKEN.finditer(_WINDOW_TEXT, low, high)], (low, high)


def test_the_words_a_club_touches_are_the_club() -> None:
    club = _WINDOW_TEXT.index("Udinese")
    blocked = Mask(len(_WINDOW_TEXT), [(club + 2, club + 4)])  # a part of a word is enough
    words = _article_words(_WINDOW_TEXT, load_language("en"), blocked)
    assert [c for c, s in zip(words.classes, words.starts, strict=True) if s == club] == ["<club>"]
    assert words.classes.count("<club>") == 1
    assert "<num>" in words.classes and "<Name>" in words.classes and "agent" in words.classes


def test_a_sentence_s_bounds_are_those_a_look_around_the_name_finds() -> None:
    text = "First. Then Dario Quellmann came!\n" + "a" * (_SENTENCE_REACH + 20) + " Lazio? Yes. End"
    for start in range(len(text)):
        for end in range(start, min(len(text), start + 25)):
            edges = list(SENTENCE_EDGE.finditer(text, max(0, start - _SENTENCE_REACH), start))
            right = SENTENCE_EDGE.search(text, end, end + _SENTENCE_REACH)
            look = (
                edges[-1].end() if edges else max(0, start - _SENTENCE_REACH),
                right.start() if right else min(len(text), end + _SENTENCE_REACH),
            )
            assert _sentence_bounds(text, start, end) == look, (start, end)
