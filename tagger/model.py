"""The learned decision layer as plain data: linear weights over named features, read from JSON.

`make train` writes `model.json` beside this file from the annotated corpus; the tagger only reads it,
so the product needs neither the corpus nor a learning library.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import repeat
from operator import mul
from pathlib import Path
from typing import Any

from .discovery import PlayerDiscovery

MODEL_FILE = Path(__file__).resolve().parent / "model.json"


@dataclass(frozen=True)
class ClaimModel:
    """Whether a candidate pair is claimed (a logistic score over a threshold), and of what kind."""

    bias: float
    weights: dict[str, float]
    threshold: float
    kind_bias: dict[str, float]
    kind_weights: dict[str, dict[str, float]]
    margin: float = 1.0  # how far below his best club a player's other club may score and still be claimed
    said_bias: dict[str, float] = field(default_factory=dict)  # the kind read from the claim's sentence alone
    said_weights: dict[str, dict[str, float]] = field(default_factory=dict)

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + _weighted(self.weights, features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def chosen(self, features: Sequence[dict[str, float]], players: Sequence[str]) -> list[bool]:
        """Which of an article's candidates are claimed: over the threshold, and near the best score of
        the player's candidate clubs (one player is mostly claimed by one club, wrongly paired with others)."""
        return chosen_by_player([self.probability(f) for f in features], players, self.threshold, self.margin)

    def kind(self, features: dict[str, float], said: dict[str, float] | None = None) -> str:
        """The kind both readings find likeliest: the pair's features, and the words of the sentence that says
        the claim (learned from the annotators' evidence sentences), each as log-probabilities."""
        scores = _log_softmax(self._kinds.scores(features))
        if said is not None and self.said_bias:
            read = _log_softmax(self._said.scores(said))
            scores = {k: v + read.get(k, -30.0) for k, v in scores.items()}
        return max(sorted(scores), key=lambda k: scores[k])

    @cached_property
    def _kinds(self) -> _KindTable:
        return _KindTable.of(self.kind_bias, self.kind_weights)

    @cached_property
    def _said(self) -> _KindTable:
        return _KindTable.of(self.said_bias, self.said_weights)

    def to_json(self) -> dict[str, Any]:
        return {
            "claims": {"bias": self.bias, "threshold": self.threshold, "margin": self.margin, "weights": self.weights},
            "kinds": {"bias": self.kind_bias, "weights": self.kind_weights},
            "said_kinds": {"bias": self.said_bias, "weights": self.said_weights},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimModel:
        claims, kinds, said = data["claims"], data["kinds"], data.get("said_kinds", {})
        return cls(
            bias=float(claims["bias"]),
            weights={k: float(v) for k, v in claims["weights"].items()},
            threshold=float(claims["threshold"]),
            margin=float(claims.get("margin", 1.0)),
            kind_bias={k: float(v) for k, v in kinds["bias"].items()},
            kind_weights={k: {f: float(w) for f, w in ws.items()} for k, ws in kinds["weights"].items()},
            said_bias={k: float(v) for k, v in said.get("bias", {}).items()},
            said_weights={k: {f: float(w) for f, w in ws.items()} for k, ws in said.get("weights", {}).items()},
        )


@dataclass(frozen=True)
class _KindTable:
    """Each feature's weights for all the kinds in one row (0.0 where a kind has none), so a candidate's
    features are looked up once and each kind's score is summed by a C loop down its column."""

    kinds: tuple[str, ...]
    bias: tuple[float, ...]
    rows: dict[str, tuple[float, ...]]

    @classmethod
    def of(cls, bias: dict[str, float], weights: dict[str, dict[str, float]]) -> _KindTable:
        kinds = tuple(bias)
        names = dict.fromkeys(name for kind in kinds for name in weights.get(kind, {}))
        rows = {name: tuple(weights.get(kind, {}).get(name, 0.0) for kind in kinds) for name in names}
        return cls(kinds, tuple(bias.values()), rows)

    def scores(self, features: dict[str, float]) -> dict[str, float]:
        """Each kind's bias plus weight times value over the features, added in the features' order: the
        same sums as adding feature by feature, since a kind's 0.0 leaves its sum as it was."""
        rows = [
            row if value == 1.0 else tuple(weight * value for weight in row)
            for name, value in features.items()
            if (row := self.rows.get(name)) is not None
        ]
        if not rows:
            return dict(zip(self.kinds, self.bias, strict=True))
        columns = zip(*rows, strict=True)
        return {kind: sum(column, start) for kind, start, column in zip(self.kinds, self.bias, columns, strict=True)}


def _log_softmax(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values())
    total = top + math.log(sum(math.exp(v - top) for v in scores.values()))
    return {k: v - total for k, v in scores.items()}


def _weighted(weights: dict[str, float], features: dict[str, float]) -> float:
    """The sum of weight times value over the features, in their order, in C loops (candidates have dozens)."""
    return sum(map(mul, map(weights.get, features, repeat(0.0)), features.values()))


def chosen_by_player(
    probabilities: Sequence[float], players: Sequence[str], threshold: float, margin: float
) -> list[bool]:
    """Each candidate over the threshold and within `margin` of the best probability of its player's."""
    best: dict[str, float] = {}
    for p, player in zip(probabilities, players, strict=True):
        best[player] = max(p, best.get(player, 0.0))
    return [p >= threshold and best[player] - p <= margin for p, player in zip(probabilities, players, strict=True)]


@lru_cache(maxsize=1)
def load_model() -> ClaimModel | None:
    """The committed model, read once per process; None before the first `make train`."""
    if not MODEL_FILE.is_file():
        return None
    return ClaimModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def load_discovery() -> PlayerDiscovery | None:
    """The committed player discovery (in the same file), read once per process."""
    if not MODEL_FILE.is_file():
        return None
    params = json.loads(MODEL_FILE.read_text(encoding="utf-8")).get("discovery")
    return PlayerDiscovery(params) if params else None


def write_model(model: ClaimModel, discovery: dict[str, Any] | None = None, path: Path = MODEL_FILE) -> None:
    """Sorted keys and rounded weights: the same corpus gives the same bytes."""
    data = model.to_json() | ({"discovery": discovery} if discovery else {})
    text = json.dumps(_rounded(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value
