from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


@dataclass
class Measurement:
    name: str
    unit: str
    samples: list[float] = field(default_factory=list)
    goal: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


SUITES: dict[str, Callable[[], list[Measurement]]] = {}


def suite(function: Callable[[], list[Measurement]]) -> Callable[[], list[Measurement]]:
    SUITES[function.__name__] = function
    return function


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """Yields a list that receives the elapsed seconds when the block ends."""
    elapsed: list[float] = []
    start = time.perf_counter()
    yield elapsed
    elapsed.append(time.perf_counter() - start)


def report(results: dict[str, list[Measurement]]) -> str:
    lines = [f"{'suite':10s} {'measurement':44s} {'median':>12s} {'unit':10s} {'runs':>4s}  goal"]
    for suite_name, measurements in results.items():
        for m in measurements:
            lines.append(f"{suite_name:10s} {m.name:44s} {m.median:12.3f} {m.unit:10s} {len(m.samples):4d}  {m.goal}")
    return "\n".join(lines)


def save(results: dict[str, list[Measurement]]) -> None:
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for suite_name, measurements in results.items():
        previous[suite_name] = {
            m.name: {"median": m.median, "unit": m.unit, "samples": m.samples, "goal": m.goal} for m in measurements
        }
    RESULTS.write_text(json.dumps(previous, indent=2) + "\n")
