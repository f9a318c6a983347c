"""The learned decision layer as plain data: linear weights over named features, read from JSON.

`make train` writes `model.json` beside this file from the annotated corpus; the tagger only reads it,
so the product needs neither the corpus nor a learning library.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
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

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def claims(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold

    def kind(self, features: dict[str, float]) -> str:
        def score(kind: str) -> float:
            weights = self.kind_weights[kind]
            return self.kind_bias[kind] + sum(weights.get(name, 0.0) * value for name, value in features.items())

        return max(sorted(self.kind_bias), key=score)

    def to_json(self) -> dict[str, Any]:
        return {
            "claims": {"bias": self.bias, "threshold": self.threshold, "weights": self.weights},
            "kinds": {"bias": self.kind_bias, "weights": self.kind_weights},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimModel:
        claims, kinds = data["claims"], data["kinds"]
        return cls(
            bias=float(claims["bias"]),
            weights={k: float(v) for k, v in claims["weights"].items()},
            threshold=float(claims["threshold"]),
            kind_bias={k: float(v) for k, v in kinds["bias"].items()},
            kind_weights={k: {f: float(w) for f, w in ws.items()} for k, ws in kinds["weights"].items()},
        )


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
