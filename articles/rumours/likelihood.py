"""How likely each open transfer rumour is to be fulfilled: a logistic regression on a few explainable factors.

Each factor is read as of a date, from what was known then: the claims published up to that day, and the track
records of the outlets behind them counting only rumours settled before it. A settled rumour gives one example per
day a claim of it came out, before it settled; its label is whether it was fulfilled. The fit is a plain
scikit-learn LogisticRegression, and "why" is each factor's share of the log-odds against the average rumour
(coefficient × (value − mean)), the three largest shown.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field

import numpy as np
from django.db import transaction
from sklearn.linear_model import LogisticRegression

from ..models import STAGE_ORDER, Claim, Kind, LikelihoodFit, Rumour, Settlement, Track
from .records import HIT_OUTCOMES

FACTORS = ("stage", "sources", "track_record", "recency", "denied", "rivals")
FACTOR_LABELS = {
    "stage": "stage reached",
    "sources": "independent sources",
    "track_record": "the track records of its outlets",
    "recency": "time since the last report",
    "denied": "a denial",
    "rivals": "rival clubs for the player",
}


@dataclass(frozen=True)
class Report:
    """One live claim as the factors read it."""

    rumour_id: int
    player_id: int
    club_id: int
    window: str
    on: dt.date
    kind: str
    outlet_id: int | None
    source: str  # who it really comes from: a cited outlet, else the original article's outlet or the article


@dataclass
class History:
    """Every live transfer claim and every settled rumour: what the factors are read from, at any date."""

    reports: dict[int, list[Report]] = field(default_factory=lambda: defaultdict(list))
    by_player_window: dict[tuple[int, str], list[Report]] = field(default_factory=lambda: defaultdict(list))
    # (settled on, rumour, fulfilled) of each rumour settled either way for its outlets' hit rates, in date order
    settlements: list[tuple[dt.date, int, bool]] = field(default_factory=list)
    outcomes: dict[int, str] = field(default_factory=dict)
    settled_on: dict[int, dt.date | None] = field(default_factory=dict)

    def outlet_hit_rates(self, before: dt.date) -> dict[int, tuple[int, int]]:
        """Each outlet's (fulfilled, settled) over rumours settled before the date: its record as it stood."""
        tally: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for settled_on, rumour_id, fulfilled in self.settlements:
            if settled_on >= before:
                break
            for outlet_id in {r.outlet_id for r in self.reports[rumour_id] if r.outlet_id and r.on < settled_on}:
                tally[outlet_id][0] += fulfilled
                tally[outlet_id][1] += 1
        return {outlet: (hits, n) for outlet, (hits, n) in tally.items()}


def history_load() -> History:
    """Every live claim of a transfer rumour with its date, outlet and source, in one query."""
    history = History()
    claims = (
        Claim.objects.live()
        .filter(rumour__track=Track.TRANSFER)
        .select_related("article", "article__copy_of", "rumour")
        .only(
            "kind",
            "player_id",
            "club_id",
            "rumour__window",
            "rumour__outcome",
            "rumour__settled_on",
            "article__published",
            "article__created_at",
            "article__outlet_id",
            "article__copy_of__outlet_id",
        )
        .prefetch_related("cited")
    )
    for claim in claims:
        if claim.article.reported_on is None:  # undated: known at no date, so never a factor
            continue
        article = claim.article.copy_of or claim.article
        cited = sorted(o.pk for o in claim.cited.all())
        source = (
            f"outlet:{cited[0]}" if cited else f"outlet:{article.outlet_id}" if article.outlet_id else f"a:{article.pk}"
        )
        report = Report(
            claim.rumour_id,
            claim.player_id,
            claim.club_id,
            claim.rumour.window,
            claim.article.reported_on,
            claim.kind,
            claim.article.outlet_id,
            source,
        )
        history.reports[claim.rumour_id].append(report)
        history.by_player_window[(claim.player_id, claim.rumour.window)].append(report)
        history.outcomes[claim.rumour_id] = claim.rumour.outcome
        history.settled_on[claim.rumour_id] = claim.rumour.settled_on
    history.settlements = sorted(
        (on, rumour_id, history.outcomes[rumour_id] == Settlement.FULFILLED)
        for rumour_id, on in history.settled_on.items()
        if on and history.outcomes[rumour_id] in HIT_OUTCOMES  # a lapse is no outlet's hit or miss (records.py)
    )
    return history


def factors_at(history: History, rumour_id: int, day: dt.date, records: dict[int, tuple[int, int]]) -> list[float]:
    """The factors of one rumour from the claims published up to `day` and the outlets' `records` before it."""
    known = [r for r in history.reports[rumour_id] if r.on <= day]
    ranks = [STAGE_ORDER.index(r.kind) for r in known if r.kind in STAGE_ORDER]  # type: ignore[arg-type]
    said = [r for r in known if r.kind in STAGE_ORDER or r.kind == Kind.DENIAL]
    last_word = max(said, key=lambda r: (r.on, r.kind == Kind.DENIAL)) if said else None
    outlets = {r.outlet_id for r in known if r.outlet_id}
    # An outlet's hit rate, shrunk toward one half by two imaginary links, so a new outlet counts as unknown.
    rates = [(records.get(o, (0, 0))[0] + 1) / (records.get(o, (0, 0))[1] + 2) for o in outlets]
    first = known[0] if known else history.reports[rumour_id][0]
    rivals = {r.club_id for r in history.by_player_window[(first.player_id, first.window)] if r.on <= day}
    return [
        float(max(ranks, default=0)),
        math.log1p(len({r.source for r in known})),
        (sum(rates) / len(rates) if rates else 0.5) - 0.5,
        math.log1p((day - max((r.on for r in known), default=day)).days),
        float(bool(last_word and last_word.kind == Kind.DENIAL)),
        float(len(rivals - {first.club_id})),
    ]


@dataclass(frozen=True)
class Example:
    rumour_id: int
    day: dt.date
    settled_on: dt.date
    factors: list[float]
    fulfilled: bool


def examples_build(history: History) -> list[Example]:
    """One example per day a claim of a settled rumour came out before it settled, in time order."""
    examples = []
    records_on: dict[dt.date, dict[int, tuple[int, int]]] = {}
    for rumour_id, reports in history.reports.items():
        outcome, settled_on = history.outcomes[rumour_id], history.settled_on[rumour_id]
        if outcome == Settlement.OPEN or settled_on is None:
            continue
        for day in sorted({r.on for r in reports if r.on < settled_on}):
            if day not in records_on:
                records_on[day] = history.outlet_hit_rates(before=day)
            factors = factors_at(history, rumour_id, day, records_on[day])
            examples.append(Example(rumour_id, day, settled_on, factors, outcome == Settlement.FULFILLED))
    return sorted(examples, key=lambda e: (e.day, e.rumour_id))


@dataclass(frozen=True)
class Fit:
    """A fitted model: the coefficients of FACTORS, the intercept, and the factors' means on its examples."""

    coefficients: list[float]
    intercept: float
    means: list[float]

    def probability(self, factors: list[float]) -> float:
        z = self.intercept + sum(c * x for c, x in zip(self.coefficients, factors, strict=True))
        return 1 / (1 + math.exp(-z))

    def why(self, factors: list[float]) -> list[dict[str, str | float]]:
        """The three factors that move this rumour's log-odds most from the average rumour's, largest first."""
        shares = [
            (name, c * (x - m)) for name, c, x, m in zip(FACTORS, self.coefficients, factors, self.means, strict=True)
        ]
        biggest = sorted(shares, key=lambda share: -abs(share[1]))[:3]
        return [{"factor": FACTOR_LABELS[name], "effect": round(share, 3)} for name, share in biggest]


def fit(examples: list[Example], columns: tuple[int, ...] = tuple(range(len(FACTORS)))) -> Fit | None:
    """A logistic regression on the examples, using only the given factor columns; None without both outcomes."""
    labels = np.array([e.fulfilled for e in examples], dtype=int)
    if len(set(labels.tolist())) < 2:
        return None
    matrix = np.array([[e.factors[i] for i in columns] for e in examples])
    model = LogisticRegression(C=1.0, max_iter=1000).fit(matrix, labels)
    coefficients = [0.0] * len(FACTORS)
    for position, i in enumerate(columns):
        coefficients[i] = float(model.coef_[0][position])
    means = np.array([e.factors for e in examples]).mean(axis=0).tolist()
    return Fit(coefficients, float(model.intercept_[0]), means)


def rumours_score(*, fitted: Fit, rumour_ids: list[int], history: History, today: dt.date) -> list[Rumour]:
    """The likelihood and its three biggest factors, as of today, for each of these rumours (not saved)."""
    records = history.outlet_hit_rates(before=today)
    scored = []
    for rumour in Rumour.objects.filter(pk__in=rumour_ids).only("pk"):
        if not history.reports.get(rumour.pk):
            continue
        factors = factors_at(history, rumour.pk, today, records)
        rumour.likelihood, rumour.likelihood_why = fitted.probability(factors), fitted.why(factors)
        scored.append(rumour)
    return scored


@dataclass(frozen=True)
class Scores:
    brier: float
    log_loss: float


@dataclass(frozen=True)
class Backtest:
    """The model against the base rate and stage alone, on examples each scored by a fit on what was settled before."""

    examples: int
    model: Scores
    base_rate: Scores
    stage_alone: Scores
    reliability: list[tuple[int, float, float, int]]  # (decile, mean predicted, observed, examples)


def scores_of(predicted: list[float], actual: list[bool]) -> Scores:
    clipped = np.clip(np.array(predicted), 1e-6, 1 - 1e-6)
    truth = np.array(actual, dtype=float)
    brier = float(np.mean((clipped - truth) ** 2))
    log_loss = float(-np.mean(truth * np.log(clipped) + (1 - truth) * np.log(1 - clipped)))
    return Scores(round(brier, 4), round(log_loss, 4))


def backtest(examples: list[Example], folds: int = 5) -> Backtest | None:
    """Walk forward in time: the examples split into folds + 1 runs of days; each run after the first is scored by
    fits on the examples whose rumours had settled before the run began, so no label comes from its future."""
    predicted: dict[str, list[float]] = defaultdict(list)
    actual: list[bool] = []
    size = max(1, len(examples) // (folds + 1))
    for start in range(size, len(examples), size):
        tested = examples[start : start + size]
        known = [e for e in examples if e.settled_on < tested[0].day]
        model, stage = fit(known), fit(known, columns=(0,))
        if model is None or stage is None:
            continue
        base = sum(e.fulfilled for e in known) / len(known)
        for example in tested:
            predicted["model"].append(model.probability(example.factors))
            predicted["stage"].append(stage.probability(example.factors))
            predicted["base"].append(base)
            actual.append(example.fulfilled)
    if not actual:
        return None
    return Backtest(
        len(actual),
        scores_of(predicted["model"], actual),
        scores_of(predicted["base"], actual),
        scores_of(predicted["stage"], actual),
        reliability_table(predicted["model"], actual),
    )


def reliability_table(predicted: list[float], actual: list[bool]) -> list[tuple[int, float, float, int]]:
    """Per decile of predicted probability: the mean prediction, the share fulfilled, and how many examples."""
    deciles: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for p, y in zip(predicted, actual, strict=True):
        deciles[min(int(p * 10), 9)].append((p, y))
    return [
        (d, round(sum(p for p, _ in rows) / len(rows), 3), round(sum(y for _, y in rows) / len(rows), 3), len(rows))
        for d, rows in sorted(deciles.items())
    ]


def likelihood_evaluate(*, today: dt.date) -> tuple[Backtest | None, LikelihoodFit | None, int]:
    """Backtest, fit on every settled rumour, store the fit and score the open transfer rumours with it."""
    history = history_load()
    examples = examples_build(history)
    tested = backtest(examples)
    fitted = fit(examples)
    if fitted is None:
        return tested, None, 0
    open_ids = [rumour_id for rumour_id, outcome in history.outcomes.items() if outcome == Settlement.OPEN]
    scored = rumours_score(fitted=fitted, rumour_ids=open_ids, history=history, today=today)
    with transaction.atomic():
        stored = LikelihoodFit.objects.create(
            coefficients=dict(zip(FACTORS, fitted.coefficients, strict=True)),
            intercept=fitted.intercept,
            means=dict(zip(FACTORS, fitted.means, strict=True)),
            backtest=asdict(tested) if tested else {},
        )
        # bulk_update, not rows_update: the reasons are JSON, which rows_update's arrays do not carry.
        Rumour.objects.bulk_update(scored, ["likelihood", "likelihood_why"], batch_size=500)
    return tested, stored, len(scored)
