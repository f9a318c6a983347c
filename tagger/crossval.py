"""Learn from the annotated corpus beside the repository (`../shared/corpus`) and measure honestly.

`make eval`: 5-fold cross-validation over the train articles (folds by article, stratified by language,
fixed seed); each fold's model is fitted on the other four folds plus all of dev, everything chosen by
score chosen inside that split (`learn.choose`), and scored on the held-out fold; dev is never scored.
`make train`: one model from train, dev and seeds, written to `model.json`.
Only these commands need the corpus and the scorer; the product never imports this module.
"""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

from tagger.matcher import Gazetteer

from .core import ArticleRead, decide_claims, read_article
from .decide import sentence_words
from .discovery import PlayerDiscovery, fit_player_discovery
from .gold import article_arguments, result_to_gold
from .learn import LabelledArticle, fit_chosen, folds_by_language, folds_of
from .model import ClaimModel

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "eval" / "score.py"
ERRORS = SHARED / "eval" / "errors.py"
FOLDS = 5
BOOTSTRAP_SAMPLES = 1000
SEED_WEIGHT = 5.0


class CorpusMissing(RuntimeError):
    pass


def require_corpus() -> None:
    needed = [CORPUS / f"{split}{suffix}" for split in ("train", "dev") for suffix in (".jsonl", ".gold.jsonl")]
    missing = [str(p) for p in [*needed, SCORER, ERRORS] if not p.is_file()]
    if missing:
        raise CorpusMissing(
            "make eval and make train need the annotated corpus and its scorer beside the repository "
            f"(../shared/corpus, ../shared/eval); missing: {', '.join(missing)}"
        )


def scorer() -> ModuleType:
    """The corpus's own scorer (../shared/eval/score.py), for its lenient name matching."""
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Articles:
    """One corpus file: the articles and their gold tagging, in the same order."""

    articles: list[dict[str, Any]]
    gold: list[dict[str, Any]]

    @classmethod
    def load(cls, name: str) -> Articles:
        gold = {g["id"]: g for g in _jsonl(CORPUS / f"{name}.gold.jsonl")}
        articles = _jsonl(CORPUS / f"{name}.jsonl")
        golds = [gold[str(a["id"])] for a in articles]
        return cls(articles, golds)

    def keys(self) -> list[tuple[str, str]]:
        """(id, language) by the gold tagging: the input leaves the language to the tagger."""
        return [(str(g["id"]), str(g.get("language", ""))) for g in self.gold]

    def subset(self, indices: Iterable[int]) -> Articles:
        chosen = list(indices)
        return Articles([self.articles[i] for i in chosen], [self.gold[i] for i in chosen])

    def __add__(self, other: Articles) -> Articles:
        return Articles(self.articles + other.articles, self.gold + other.gold)


@dataclass
class Split:
    """Articles read by the tagger up to their claims, with the gold tagging and the labelled candidates."""

    reads: list[ArticleRead]
    gold: list[dict[str, Any]]
    labelled: list[LabelledArticle]


def fit_discovery(learn_from: Articles, gazetteer: Gazetteer) -> dict[str, Any]:
    """Player discovery's parameters, fitted on these articles (its own thresholds chosen inside them)."""
    return fit_player_discovery(learn_from.articles, learn_from.gold, gazetteer=gazetteer)


def read_out_of_fold(groups: list[tuple[Articles, Articles]], gazetteer: Gazetteer, score: ModuleType) -> Split:
    """Each group's articles read with player discovery fitted on the group's other articles, never on them."""
    reads, golds, labelled = [], [], []
    for learn_from, to_read in groups:
        discovery = PlayerDiscovery(fit_discovery(learn_from, gazetteer))
        for article, gold in zip(to_read.articles, to_read.gold, strict=True):
            read = _read(article, gazetteer, discovery)
            reads.append(read)
            golds.append(gold)
            labelled.append(label(str(article["id"]), read, gold, score))
    return Split(reads, golds, labelled)


def read_corpus(train: Articles, dev: Articles, gazetteer: Gazetteer, score: ModuleType) -> tuple[Split, Split]:
    """Train read fold by fold (discovery fitted on the other folds and dev), dev with discovery from train."""
    folds = folds_of(train.keys(), FOLDS)
    order = [i for fold in folds for i in fold]
    read = read_out_of_fold([(rest + dev, held) for rest, held in _fold_pairs(train, folds)], gazetteer, score)
    back = sorted(range(len(order)), key=lambda k: order[k])  # into the file's order again
    train_split = Split([read.reads[k] for k in back], [read.gold[k] for k in back], [read.labelled[k] for k in back])
    return train_split, read_out_of_fold([(train, dev)], gazetteer, score)


def _fold_pairs(articles: Articles, folds: list[list[int]]) -> list[tuple[Articles, Articles]]:
    """(the other folds, this fold) for each fold."""
    pairs = []
    for fold in folds:
        held = set(fold)
        pairs.append(
            (articles.subset(i for i in range(len(articles.articles)) if i not in held), articles.subset(fold))
        )
    return pairs


def train_everything(gazetteer: Gazetteer, score: ModuleType) -> tuple[ClaimModel, dict[str, Any]]:
    """The shipped models from train, dev and seeds: the decision layer learned on articles read with
    player discovery fitted out of fold (as it will meet new articles), discovery fitted on all. The seeds,
    the articles the product was founded on and must read exactly, weigh SEED_WEIGHT articles each."""
    seeds = Articles.load("seeds")
    everything = Articles.load("train") + Articles.load("dev") + seeds
    read = read_out_of_fold(_fold_pairs(everything, folds_of(everything.keys(), FOLDS)), gazetteer, score)
    seed_ids = {str(a["id"]) for a in seeds.articles}
    labelled = [replace(a, weight=SEED_WEIGHT) if a.article_id in seed_ids else a for a in read.labelled]
    return fit_chosen(labelled), fit_discovery(everything, gazetteer)


def _read(article: dict[str, Any], gazetteer: Gazetteer, discovery: PlayerDiscovery | None = None) -> ArticleRead:
    return read_article(text=article["text"], gazetteer=gazetteer, discovery=discovery, **article_arguments(article))


def label(article_id: str, read: ArticleRead, gold: dict[str, Any], score: ModuleType) -> LabelledArticle:
    """Each candidate claimed or not by the gold tagging, compared as the scorer compares."""
    required = [c for c in gold["claims"] if not c.get("optional")]
    optional = [c for c in gold["claims"] if c.get("optional")]
    labels: list[int | None] = []
    kinds: list[str | None] = []
    reached = set()
    for c in read.candidates:
        as_claim = {"player": c.names[0], "club": c.names[1]}
        hit = next((i for i, g in enumerate(required) if score.same_pair(g, as_claim)), None)
        if hit is not None:
            reached.add(hit)
            labels.append(1)
            kinds.append(required[hit]["kind"])
        else:
            labels.append(None if any(score.same_pair(g, as_claim) for g in optional) else 0)
            kinds.append(None)
    return LabelledArticle(
        article_id=article_id,
        language=gold.get("language", ""),
        features=[c.features for c in read.candidates],
        players=[c.person for c in read.candidates],
        labels=labels,
        kinds=kinds,
        unreachable=len(required) - len(reached),
        evidence=[
            (sentence_words(c["evidence"], gold.get("language", "")), c["kind"]) for c in required if c.get("evidence")
        ],
    )


def tagged_row(read: ArticleRead, model: ClaimModel | None, article_id: str) -> dict[str, Any]:
    return result_to_gold(replace(read.result, claims=decide_claims(read, model)), article_id)


def out_of_fold(train: Split, dev: Split, *, share: float = 1.0, log: Callable[[str], None] = print) -> list[dict]:
    """Each train article tagged by a model that never saw it; `share` of the other folds is learned from."""
    folds = folds_by_language(train.labelled, FOLDS)
    rows: list[dict[str, Any]] = [{} for _ in train.reads]
    for number, fold in enumerate(folds, start=1):
        held = set(fold)
        learn_from = [a for i, a in enumerate(train.labelled) if i not in held]
        if share < 1.0:
            learn_from = _share_of(learn_from, share)
        model = fit_chosen(learn_from + dev.labelled)
        log(f"fold {number}: chosen inside, threshold {model.threshold:.2f}, margin {model.margin:.2f}")
        for i in fold:
            rows[i] = tagged_row(train.reads[i], model, train.labelled[i].article_id)
    return rows


def _share_of(articles: list[LabelledArticle], share: float) -> list[LabelledArticle]:
    """The first `share` of each language's articles, in a fixed shuffled order."""
    kept = [articles[i] for fold in folds_by_language(articles, 20) for i in fold]
    by_language: dict[str, list[LabelledArticle]] = {}
    for a in kept:
        by_language.setdefault(a.language, []).append(a)
    return [a for group in by_language.values() for a in group[: max(1, round(len(group) * share))]]


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def scorer_table(gold_rows: Sequence[dict], pred: Path, *, by_language: bool = False) -> str:
    """The scorer's own printout for these gold articles."""
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        write_jsonl(gold, gold_rows)
        args = [sys.executable, str(SCORER), str(gold), str(pred)] + (["--by-language"] if by_language else [])
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def error_causes(gold_rows: Sequence[dict], pred: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        write_jsonl(gold, gold_rows)
        args = [sys.executable, str(ERRORS), str(gold), str(pred)]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def bootstrap_f1(gold_rows: Sequence[dict], pred_rows: Sequence[dict], score: ModuleType) -> tuple[float, float]:
    """A 90% interval for claim F1, resampling articles."""
    counts = []
    for g, p in zip(gold_rows, pred_rows, strict=True):
        pairs, missed, extra = score.score_claims(g["claims"], p.get("claims") or [])
        counts.append((len(pairs), len(extra), len(missed)))
    rng = random.Random(FOLDS)
    samples = []
    for _ in range(BOOTSTRAP_SAMPLES):
        tp = fp = fn = 0
        for _ in counts:
            a, b, c = counts[rng.randrange(len(counts))]
            tp, fp, fn = tp + a, fp + b, fn + c
        samples.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    samples.sort()
    return samples[int(0.05 * len(samples))], samples[int(0.95 * len(samples)) - 1]


def groups(gold_rows: Sequence[dict]) -> dict[str, list[int]]:
    """Article indices by language and by half of train (`xx-3NN` top leagues, `xx-5NN` lower ones)."""
    out: dict[str, list[int]] = {}
    for i, g in enumerate(gold_rows):
        out.setdefault(g.get("language", "?"), []).append(i)
        half = "first half (xx-3NN)" if str(g["id"]).split("-")[-1].startswith("3") else "second half (xx-5NN)"
        out.setdefault(half, []).append(i)
    return out
