"""The claim decision reads the same however quickly it reads: the words of a stretch sliced from one
tokenisation of the sentence, the kinds' scores summed per kind, each sentence's words read once."""

from __future__ import annotations

from tagger.claims import Reading
from tagger.decide import _MaskedSentence, _words, sentence_words
from tagger.langdata import load_language
from tagger.matcher import Mention
from tagger.model import _KindTable
from tagger.text import Sentence

TEXT = "Market news.\nFC Brambleton agreed a 12m fee for Oskar Veldtman's move, says the Ravenwood Echo."


def _reading() -> Reading:
    start = TEXT.index("FC")
    club = Mention("club", start, start + len("FC Brambleton"), "FC Brambleton", 7, (7,), "invented")
    player = TEXT.index("Oskar")
    return Reading(
        Sentence(start, len(TEXT), TEXT[start:], 1),
        [("name:oskar veldtman", player, player + len("Oskar Veldtman"))],
        [club],
        [],
        TEXT,
        load_language("en"),
    )


def test_the_words_of_any_stretch_are_those_a_scan_of_the_stretch_finds() -> None:
    sentence = _MaskedSentence(_reading(), "en")
    assert "w:en:agreed" in sentence.word_features and "w:en:00m" in sentence.word_features
    for low in range(len(TEXT) + 2):  # every stretch, words cut at either end among them
        for high in range(max(0, low - 3), len(TEXT) + 2):
            assert sentence.words_in(low, high) == _words(sentence.masked, low, high), (low, high)


def test_the_kinds_scores_are_the_sums_of_their_weights_in_the_features_order() -> None:
    bias = {"bid": 0.1, "talks": -0.2, "completed": 0.0}
    weights = {"bid": {"a": 0.3, "c": 1e-17}, "talks": {"b": 0.7, "a": -0.1}, "completed": {}}
    table = _KindTable.of(bias, weights)
    for features in ({"a": 1.0, "unknown": 1.0, "b": 2.0, "c": 1.0}, {"unknown": 1.0}, {}):
        plain = dict(bias)
        for name, value in features.items():
            for kind in bias:
                if name in weights[kind]:
                    plain[kind] += weights[kind][name] * value
        assert table.scores(features) == plain
        assert list(table.scores(features)) == list(bias)


def test_a_sentences_words_are_read_once_but_handed_out_fresh() -> None:
    said = "The club agreed a fee of 12m for him."
    first = sentence_words(said, "en")
    assert "s:en:agre" in first and "s:en:00m" in first and not any(":The" in f for f in first)
    first["changed"] = 1.0
    assert "changed" not in sentence_words(said, "en")


def _pair_features(text: str, player: str, club_key: str) -> dict[str, float]:
    from tagger.core import read_article

    from .kb import GAZETTEER
    from .kb import club_key as key_of

    read = read_article(text=text, gazetteer=GAZETTEER, language="en")
    return next(c.features for c in read.candidates if c.names[0] == player and key_of(c.club_id) == club_key)


def test_a_pair_never_named_in_one_sentence_reads_the_clubs_sentence_nearest_to_him() -> None:
    text = "Ademola Lookman is wanted across Europe. Manchester United have made an offer for the winger."
    features = _pair_features(text, "Ademola Lookman", "eng/manchester-united-fc")
    assert features.get("together=0") and features.get("sentences_apart=1")
    assert features.get("club_sentence_without_players") and features.get("club_sentence_after")
    assert features.get("club_sentence_player_ref")  # "the winger" is the man of the sentence before
    assert features.get("his_sentence_without_clubs") and not features.get("his_sentence_club_ref")


def test_his_sentence_that_speaks_of_the_club_unnamed_refers_to_the_club_before() -> None:
    text = "Manchester United are in talks with Atalanta. Ademola Lookman has agreed terms with the club."
    features = _pair_features(text, "Ademola Lookman", "eng/manchester-united-fc")
    assert features.get("his_sentence_without_clubs") and features.get("his_sentence_club_ref")
    assert features.get("club_sentence_before") and not features.get("club_sentence_player_ref")


def test_a_club_sentence_that_names_another_player_says_nothing_of_him() -> None:
    text = "Ademola Lookman is wanted across Europe. Manchester United have made an offer for Bruno Fernandes."
    features = _pair_features(text, "Ademola Lookman", "eng/manchester-united-fc")
    assert features.get("sentences_apart=1")
    assert not any(name.startswith("club_sentence_") for name in features)


def test_the_kind_reads_a_verbs_forms_as_one_stem() -> None:
    """The sentence model of the kind learns from a few thousand sentences: each form of a verb it has
    seen once must count for the others ("extends" learned, "extended" read)."""
    present = sentence_words("The winger extends his stay until 2029.", "en")
    past = sentence_words("The winger extended his stay until 2029.", "en")
    italian_past = sentence_words("Il difensore ha prolungato il contratto.", "it")
    italian_present = sentence_words("Il difensore prolunga il contratto.", "it")
    assert "s:en:extend" in present and "s:en:extend" in past
    assert "s:it:prolung" in italian_past and "s:it:prolung" in italian_present
