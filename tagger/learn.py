"""Fit the decision layer (`model.ClaimModel`) from labelled candidates, with scikit-learn.

Only `make train` and `make eval` import this module; the tagger reads the fitted weights as plain data.
Everything chosen by score (regularisation, threshold, margin between a player's clubs) is chosen here
by cross-validation inside the articles it is given, so a caller that holds articles back gets an honest figure on them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .model import ClaimModel, chosen_by_player

C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = tuple(t / 100 for t in range(15, 80, 5))
MARGINS = (0.1, 0.2, 0.3, 0.5, 1.0)  # 1.0: every club of a player over the threshold
KIND_C = 1.0
INNER_FOLDS = 3
SEED = 12


@dataclass
class LabelledArticle:
    """One article's candidates with what the annotators said of each."""

    article_id: str
    language: str
    features: list[dict[str, float]]
    players: list[str]  # whom each candidate pairs: to compare a player's clubs, never a feature
    labels: list[int | None]  # 1 claimed, 0 not, None only optionally claimed (not learned from)
    kinds: list[str | None]  # the annotated kind of each claimed candidate
    unreachable: int  # required claims no candidate can match (the player or club was never found)
    evidence: list[tuple[dict[str, float], str]] = field(default_factory=list)  # (sentence words, kind) annotated
    weight: float = 1.0  # how much each of its candidates counts when fitting


def folds_by_language(articles: Sequence[LabelledArticle], k: int, seed: int = SEED) -> list[list[int]]:
    """k folds of article indices, each language spread evenly over them, the same for the same seed."""
    return folds_of([(a.article_id, a.language) for a in articles], k, seed)


def folds_of(keys: Sequence[tuple[str, str]], k: int, seed: int = SEED) -> list[list[int]]:
    """k folds of the indices of (article id, language) keys, stratified by language."""
    by_language: dict[str, list[int]] = {}
    for i, (_, language) in enumerate(keys):
        by_language.setdefault(language, []).append(i)
    folds: list[list[int]] = [[] for _ in range(k)]
    rng = random.Random(seed)
    start = 0
    for language in sorted(by_language):
        members = sorted(by_language[language], key=lambda i: keys[i][0])
        rng.shuffle(members)
        for j, i in enumerate(members):
            folds[(start + j) % k].append(i)
        start += len(members)
    return [sorted(f) for f in folds]


def fit_chosen(articles: Sequence[LabelledArticle], seed: int = SEED) -> ClaimModel:
    """Choose C, the threshold and the margin by inner cross-validation on `articles`, then fit on all of them."""
    c, threshold, margin = choose(articles, seed)
    return replace(fit(articles, c=c, threshold=threshold), margin=margin)


@dataclass
class _Scored:
    """One held-out article's candidates, scored by a model that did not learn from it."""

    probabilities: list[float]
    article: LabelledArticle


def choose(articles: Sequence[LabelledArticle], seed: int = SEED) -> tuple[float, float, float]:
    """The (C, threshold, margin) with the best pair F1 over inner out-of-fold scores."""
    folds = folds_by_language(articles, INNER_FOLDS, seed)
    best = (-1.0, C_GRID[0], THRESHOLDS[0], MARGINS[-1])
    for c in C_GRID:
        scored: list[_Scored] = []
        for fold in folds:
            held = set(fold)
            model = fit([a for i, a in enumerate(articles) if i not in held], c=c, threshold=0.5, kinds=False)
            scored += [_Scored([model.probability(f) for f in articles[i].features], articles[i]) for i in fold]
        for threshold in THRESHOLDS:
            for margin in MARGINS:
                f1 = _pair_f1(scored, threshold, margin)
                if f1 > best[0]:
                    best = (f1, c, threshold, margin)
    return best[1], best[2], best[3]


def _pair_f1(scored: list[_Scored], threshold: float, margin: float) -> float:
    tp = fp = fn = 0
    for s in scored:
        a = s.article
        fn += a.unreachable
        for claimed, y in zip(chosen_by_player(s.probabilities, a.players, threshold, margin), a.labels, strict=True):
            tp += claimed and y == 1
            fp += claimed and y == 0
            fn += not claimed and y == 1
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def fit(articles: Sequence[LabelledArticle], *, c: float, threshold: float, kinds: bool = True) -> ClaimModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [(f, y, a.weight) for a in articles for f, y in zip(a.features, a.labels, strict=True) if y is not None]
    vectorizer = DictVectorizer()
    x = _small_indices(vectorizer.fit_transform([f for f, _, _ in rows]))
    claims = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=SEED)
    claims.fit(x, [y for _, y, _ in rows], sample_weight=[w for _, _, w in rows])
    names = vectorizer.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, claims.coef_[0], strict=True) if abs(w) > 1e-4}
    if not kinds:
        return ClaimModel(float(claims.intercept_[0]), weights, threshold, {"interest": 0.0}, {"interest": {}})
    kind_bias, kind_weights = _fit_kinds(
        [(_kind_features(f), k) for a in articles for f, k in zip(a.features, a.kinds, strict=True) if k]
    )
    said_bias, said_weights = _fit_kinds([row for a in articles for row in a.evidence])
    return ClaimModel(
        float(claims.intercept_[0]),
        weights,
        threshold,
        kind_bias,
        kind_weights,
        said_bias=said_bias,
        said_weights=said_weights,
    )


# What the pair's kind model reads: the rules' drafts and cues, and whether the club is his own (a renewal,
# an exit). The words are the sentence model's; where and how often the two are named says whether there
# is a claim, not which kind (with them the kind model learned that a top-ranked club denies).
_KIND_SIGNS = ("draft=", "drafted=", "cue=", "from_club_of_draft", "current_club", "kb_club")


def _kind_features(features: dict[str, float]) -> dict[str, float]:
    return {name: value for name, value in features.items() if name.startswith(_KIND_SIGNS)}


def _small_indices(x: Any) -> Any:
    """liblinear takes 32-bit sparse indices; DictVectorizer gives 64-bit ones."""
    x.indices = x.indices.astype("int32")
    x.indptr = x.indptr.astype("int32")
    return x


def _fit_kinds(rows: Sequence[tuple[dict[str, float], str]]) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """A multinomial model of the annotated kind over (features, kind) rows."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([f for f, _ in rows])
    model = LogisticRegression(C=KIND_C, max_iter=2000, random_state=SEED)
    model.fit(x, [k for _, k in rows])
    names = vectorizer.get_feature_names_out()
    bias = {str(k): float(b) for k, b in zip(model.classes_, model.intercept_, strict=True)}
    weights = {
        str(k): {str(n): float(w) for n, w in zip(names, row, strict=True) if abs(w) > 1e-4}
        for k, row in zip(model.classes_, model.coef_, strict=True)
    }
    return bias, weights
