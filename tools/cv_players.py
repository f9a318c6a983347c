"""Players precision/recall/F1 of the learned player discovery, by 5-fold cross-validation over train.

Folds by article, stratified by language, fixed seed; all of dev joins every training split and is never
scored. Prints the scorer's figures with the rules alone (before) and with the discovery (after), and
writes both out-of-fold outputs. Needs the corpus beside the repository and the knowledge base loaded:

    DATABASE_URL=... .venv/bin/python manage.py load_kb
    DATABASE_URL=... .venv/bin/python tools/cv_players.py --corpus ../shared/corpus --out /tmp/cv

`--fit-all PATH` also writes the parameters fitted on all of train and dev.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rumourtracker.settings")

import django  # noqa: E402

django.setup()

from articles.tagger import result_to_gold, tag_article  # noqa: E402
from articles.tagger.discovery import PlayerDiscovery, article_candidates, fit_player_discovery  # noqa: E402
from players.gazetteer import build_gazetteer  # noqa: E402

FOLDS = 5
SEED = 12


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def folds_by_language(articles: list[dict[str, Any]]) -> list[int]:
    """Each article's fold: within each language, a seeded shuffle dealt round the folds."""
    fold = [0] * len(articles)
    by_language: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_language.setdefault(a.get("language") or a["id"].split("-")[0], []).append(i)
    rng = random.Random(SEED)
    for language in sorted(by_language):
        members = sorted(by_language[language], key=lambda i: articles[i]["id"])
        rng.shuffle(members)
        for n, i in enumerate(members):
            fold[i] = n % FOLDS
    return fold


def tag_rows(articles: list[dict[str, Any]], gazetteer: Any, discovery: PlayerDiscovery | None) -> list[dict]:
    rows = []
    for a in articles:
        result = tag_article(
            text=a["text"],
            title=a.get("title") or "",
            published=a.get("published"),
            outlet=a.get("outlet"),
            url=a.get("url"),
            language=a.get("language"),
            gazetteer=gazetteer,
            discovery=discovery,
        )
        row = result_to_gold(result, a["id"])
        row["found_players"] = [[p.name, p.player_id, p.evidence[:80]] for p in result.players]
        rows.append(row)
    return rows


def score(gold_path: Path, rows: list[dict], out: Path, scorer: Path) -> dict[str, Any]:
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold_path), str(out), "--by-language", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout[: done.stdout.rindex("}") + 1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="../shared/corpus")
    parser.add_argument("--out", default="/tmp/cv-players")
    parser.add_argument("--c", type=float, default=0.25)
    parser.add_argument("--target", type=float, default=0.8, help="precision the threshold is chosen for")
    parser.add_argument("--fit-all", help="write the parameters fitted on all of train and dev here")
    options = parser.parse_args()
    corpus = Path(options.corpus)
    if not (corpus / "train.jsonl").exists():
        print(f"no corpus at {corpus}: this measurement needs ../shared/corpus", file=sys.stderr)
        return 2
    scorer = corpus.parent / "eval" / "score.py"
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    train, train_gold = read_jsonl(corpus / "train.jsonl"), read_jsonl(corpus / "train.gold.jsonl")
    dev, dev_gold = read_jsonl(corpus / "dev.jsonl"), read_jsonl(corpus / "dev.gold.jsonl")
    gold_by_id = {g["id"]: g for g in train_gold + dev_gold}
    train_gold = [gold_by_id[a["id"]] for a in train]
    dev_gold = [gold_by_id[a["id"]] for a in dev]
    gazetteer = build_gazetteer()
    cands = {a["id"]: article_candidates(a, gazetteer) for a in train + dev}
    fold = folds_by_language(train)
    oof: dict[str, dict] = {}
    for k in range(FOLDS):
        fit_articles = [a for i, a in enumerate(train) if fold[i] != k] + dev
        fit_golds = [g for i, g in enumerate(train_gold) if fold[i] != k] + dev_gold
        params = fit_player_discovery(
            fit_articles,
            fit_golds,
            gazetteer=gazetteer,
            c=options.c,
            target_precision=options.target,
            candidates_of=[cands[a["id"]] for a in fit_articles],
        )
        held = [a for i, a in enumerate(train) if fold[i] == k]
        for row in tag_rows(held, gazetteer, PlayerDiscovery(params)):
            oof[row["id"]] = row
        print(
            f"fold {k}: {len(params['weights'])} weights, thresholds {params['threshold']} {params['known_threshold']}",
            file=sys.stderr,
        )
    before = score(corpus / "train.gold.jsonl", tag_rows(train, gazetteer, None), out / "rules.jsonl", scorer)
    after = score(corpus / "train.gold.jsonl", [oof[a["id"]] for a in train], out / "discovery.jsonl", scorer)
    for label, report in (("rules only", before), ("learned discovery (out-of-fold)", after)):
        print(f"== {label}")
        for group, figures in report.items():
            p, c = figures["players"], figures["claims (player, club)"]
            print(f"  {group:4s} players P {p['p']:.3f} R {p['r']:.3f} F1 {p['f1']:.3f}   claims F1 {c['f1']:.3f}")
    if options.fit_all:
        params = fit_player_discovery(
            train + dev,
            train_gold + dev_gold,
            gazetteer=gazetteer,
            c=options.c,
            candidates_of=[cands[a["id"]] for a in train + dev],
        )
        Path(options.fit_all).write_text(json.dumps(params, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
