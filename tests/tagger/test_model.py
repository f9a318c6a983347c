"""The learned decision layer: the committed model, how it decides, and that it stays plain data."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from tagger import tag_article
from tagger.model import MODEL_FILE, ClaimModel, load_model, write_model
from tagger.version import tagger_version
from tests.tagger.kb import GAZETTEER, club_key

TEXT = "Chelsea have agreed a fee with Lazio for Mario Gila. Napoli also watched the defender."


def _model(*, bias: float, weights: dict[str, float] | None = None, margin: float = 1.0) -> ClaimModel:
    return ClaimModel(
        bias=bias,
        weights=weights or {},
        threshold=0.5,
        kind_bias={"interest": 0.0, "completed": 1.0},
        kind_weights={"interest": {}, "completed": {}},
        margin=margin,
    )


def _pairs(model: ClaimModel | None, rules_only: bool = False, text: str = TEXT) -> dict[tuple[str, str | None], str]:
    result = tag_article(text=text, gazetteer=GAZETTEER, language="en", model=model, rules_only=rules_only)
    return {(c.player, club_key(c.club_id)): c.kind for c in result.claims}


def test_the_committed_model_is_plain_json_and_small() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert set(data) == {"claims", "kinds", "said_kinds", "discovery"}
    assert MODEL_FILE.stat().st_size < 5_000_000
    model = load_model()
    assert model is not None and 0 < model.threshold < 1
    assert {"interest", "completed", "denial"} <= set(model.kind_bias)


def test_the_committed_model_claims_a_plain_signing() -> None:
    text = "Chelsea have completed the signing of Mario Gila on a five-year contract."
    result = tag_article(text=text, gazetteer=GAZETTEER, language="en")
    assert {(c.player, club_key(c.club_id)): c.kind for c in result.claims} == {
        ("Mario Gila", "eng/chelsea-fc"): "completed"
    }


def test_the_model_decides_which_pairs_are_claimed() -> None:
    assert _pairs(_model(bias=-10.0)) == {}
    everything = _pairs(_model(bias=10.0))
    # Lazio is his club (the knowledge base's): where he is, never claimed where the rules read no move.
    assert set(everything) == {("Mario Gila", "eng/chelsea-fc"), ("Mario Gila", "it/ssc-napoli")}


def test_a_player_s_weaker_club_is_claimed_only_within_the_margin_of_his_best() -> None:
    # Chelsea scores about 0.97 (the drafted pair), Napoli about 0.62: both over the threshold of 0.5.
    weights = {"draft": 3.0}
    assert len(_pairs(_model(bias=0.5, weights=weights, margin=1.0))) == 2
    assert set(_pairs(_model(bias=0.5, weights=weights, margin=0.2))) == {("Mario Gila", "eng/chelsea-fc")}


def test_the_kind_is_read_from_the_pair_and_from_the_sentence_that_says_the_claim() -> None:
    kinds = {"interest": 0.0, "completed": 1.0, "agreement": 0.0}
    pair_only = replace(_model(bias=10.0), kind_bias=kinds, kind_weights={k: {} for k in kinds})
    text = "Chelsea have agreed a fee with Lazio for Mario Gila. Napoli also watched Gila last week."
    assert set(_pairs(pair_only, text=text).values()) == {"completed"}  # the toy pair model favours one kind
    # The sentence's words (as stems) outweigh it: "agreed" in Chelsea's sentence, "watched" in Napoli's.
    said = {"agreement": {"s:en:agre": 4.0}, "interest": {"s:en:watch": 4.0}, "completed": {}}
    both = replace(pair_only, said_bias=dict.fromkeys(kinds, 0.0), said_weights=said)
    assert _pairs(both, text=text) == {
        ("Mario Gila", "eng/chelsea-fc"): "agreement",
        ("Mario Gila", "it/ssc-napoli"): "interest",
    }


def test_the_model_reads_whether_the_player_is_known_or_found_by_discovery() -> None:
    text = (
        "Chelsea have signed the defender Mario Gila from Lazio. "
        "Napoli have signed the striker Tomasz Wrenski from Empoli."
    )
    known = _pairs(_model(bias=-5.0, weights={"player_known": 10.0}), text=text)
    found = _pairs(_model(bias=-5.0, weights={f"player_found={tenth}": 10.0 for tenth in range(10)}), text=text)
    assert {player for player, _ in known} == {"Mario Gila"}
    assert {player for player, _ in found} == {"Tomasz Wrenski"}


def test_no_feature_is_a_name() -> None:
    model = load_model()
    assert model is not None
    words = {name.split(":", 2)[2] for name in model.weights if name.count(":") >= 2}
    assert words and not any(word[0].isupper() for word in words)
    assert "gila" not in words and "chelsea" not in words


def test_rules_only_ignores_the_model() -> None:
    assert _pairs(_model(bias=10.0), rules_only=True) == _pairs(_model(bias=-10.0), rules_only=True)


def test_writing_a_model_gives_the_same_bytes_and_it_reads_back(tmp_path: Path) -> None:
    model = _model(bias=0.25, weights={"draft": 1.5, "cue=bid": -0.125})
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_model(model, path=first)
    write_model(model, path=second)
    assert first.read_bytes() == second.read_bytes()
    assert ClaimModel.from_json(json.loads(first.read_text(encoding="utf-8"))) == model


def test_the_version_follows_the_model_file() -> None:
    before = tagger_version()
    original = MODEL_FILE.read_bytes()
    try:
        MODEL_FILE.write_bytes(original + b" ")
        assert tagger_version() != before
    finally:
        MODEL_FILE.write_bytes(original)
    assert tagger_version() == before
