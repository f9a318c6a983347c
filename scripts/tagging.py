"""`make tag`, `make eval` and `make train`: the tagger with the knowledge base read straight from players/data/.

No database and no Django: the matcher's entries come from the data files (`players.kb_merge`), the same
entries `load_kb` writes to a database. `eval` and `train` also need the annotated corpus in ../shared.
One BLAS thread and a fixed hash seed: the same corpus gives the same figures and model, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
STEADY = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}

if __name__ == "__main__":
    if any(os.environ.get(name) != value for name, value in STEADY.items()):
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, **STEADY})  # before numpy loads
    sys.path.insert(0, str(ROOT))

from players.kb_merge import KbEntries, entries_from_files  # noqa: E402
from tagger import crossval, result_to_gold, tag_article  # noqa: E402
from tagger.gold import article_arguments  # noqa: E402
from tagger.matcher import Gazetteer  # noqa: E402
from tagger.model import MODEL_FILE, write_model  # noqa: E402

Write = Callable[[str], None]


def write_line(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def knowledge_base() -> KbEntries:
    entries = entries_from_files()
    for problem in entries.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(
        f"Knowledge base from players/data: {len(entries.clubs)} clubs, {len(entries.players)} players, "
        f"{len(entries.outlets)} outlets",
        file=sys.stderr,
    )
    return entries


# --- make tag -------------------------------------------------------------------------------------


def tag_file(source: Path, target: Path, gazetteer: Gazetteer, errors: TextIO) -> int:
    """Tag each article line of `source` into a gold-format line of `target`; return how many failed."""
    failures = 0
    with source.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
        for number, line in enumerate(src, start=1):
            if not line.strip():
                continue
            row, error = tag_line(line, gazetteer)
            if error:
                failures += 1
                print(f"line {number}: {error}", file=errors)
            if row is not None:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return failures


def tag_line(line: str, gazetteer: Gazetteer) -> tuple[dict[str, Any] | None, str]:
    """The gold-format row for one input line, or the reason it could not be tagged."""
    try:
        article = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg})"
    if not isinstance(article, dict):
        return None, "not a JSON object"
    article_id = str(article.get("id", ""))
    text = article.get("text")
    if not isinstance(text, str) or not text.strip():
        return None, f"article {article_id or '?'} has no text"
    result = tag_article(text=text, gazetteer=gazetteer, **article_arguments(article))
    return result_to_gold(result, article_id), ""


def run_tag(source: str, target: str) -> int:
    failures = tag_file(Path(source), Path(target), knowledge_base().gazetteer(), sys.stderr)
    if failures:
        print(f"{failures} article(s) could not be tagged", file=sys.stderr)
        return 1
    return 0


# --- make eval ------------------------------------------------------------------------------------


def corpus_scorer() -> ModuleType:
    """The corpus's scorer; a clear message and exit status 2 when ../shared is not beside the repository."""
    try:
        crossval.require_corpus()
    except crossval.CorpusMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc
    return crossval.scorer()


def run_eval(out: Path, curve: bool, write: Write = write_line) -> int:
    """Cross-validate the tagger on ../shared/corpus/train (dev only learned from); print the scorer's tables."""
    score = corpus_scorer()
    kb = knowledge_base()
    gazetteer = kb.gazetteer()
    corpus = crossval.Articles.load("train"), crossval.Articles.load("dev")
    train, dev = crossval.read_corpus(*corpus, gazetteer, score)
    out.parent.mkdir(parents=True, exist_ok=True)

    rules = [crossval.tagged_row(r, None, a.article_id) for r, a in zip(train.reads, train.labelled, strict=True)]
    rules_path = out.with_name("rules-only.jsonl")
    crossval.write_jsonl(rules_path, rules)
    write("== the rule engine's claims (player discovery learned out of fold, no decision layer) ==")
    _headline(train.gold, rules, rules_path, score, write)

    rows = crossval.out_of_fold(train, dev, log=write)
    crossval.write_jsonl(out, rows)
    write(f"== out of fold, written to {out} ==")
    write(crossval.scorer_table(train.gold, out, by_language=True))
    for name, members in crossval.groups(train.gold).items():
        low, high = crossval.bootstrap_f1([train.gold[i] for i in members], [rows[i] for i in members], score)
        write(f"  {name:22s} claims F1 90% interval [{low:.3f}, {high:.3f}]")
    for half in ("first half (xx-3NN)", "second half (xx-5NN)"):
        members = crossval.groups(train.gold)[half]
        write(f"== {half} ==")
        write(crossval.scorer_table([train.gold[i] for i in members], out))
    write("== error causes (errors.py) ==")
    write(crossval.error_causes(train.gold, out))
    if curve:
        _curve(train, dev, out, score, write)
    _without_hand_made_players(kb, corpus, out, score, write)
    low, high = crossval.bootstrap_f1(train.gold, rows, score)
    write(f"all 480, claims F1 90% interval [{low:.3f}, {high:.3f}]")
    write(crossval.scorer_table(train.gold, out).strip().splitlines()[-1])
    return 0


def _headline(gold: list[dict], rows: list[dict], path: Path, score: Any, write: Write) -> None:
    table = crossval.scorer_table(gold, path).strip().splitlines()
    low, high = crossval.bootstrap_f1(gold, rows, score)
    write("\n".join(table[1:-1]))
    write(f"{table[-1]} (90% interval [{low:.3f}, {high:.3f}])")


def _curve(train: crossval.Split, dev: crossval.Split, out: Path, score: Any, write: Write) -> None:
    write("== learning curve: share of the other folds learned from (dev always) ==")
    for share in (0.25, 0.5):
        rows = crossval.out_of_fold(train, dev, share=share, log=lambda _: None)
        path = out.with_name(f"curve-{int(share * 100)}.jsonl")
        crossval.write_jsonl(path, rows)
        write(f"{int(share * 100)}% of train:")
        _headline(train.gold, rows, path, score, write)


def _without_hand_made_players(
    kb: KbEntries, corpus: tuple[crossval.Articles, crossval.Articles], out: Path, score: Any, write: Write
) -> None:
    """The same measure with the hand-made player lists (players/data/players/) left out."""
    bare = Gazetteer(clubs=kb.clubs, players=[p for p in kb.players if p.id not in kb.hand_made], outlets=kb.outlets)
    train, dev = crossval.read_corpus(*corpus, bare, score)
    rows = crossval.out_of_fold(train, dev, log=lambda _: None)
    path = out.with_name("without-hand-made-players.jsonl")
    crossval.write_jsonl(path, rows)
    write(f"== without the hand-made player files ({len(kb.hand_made)} players left out) ==")
    _headline(train.gold, rows, path, score, write)


# --- make train -----------------------------------------------------------------------------------


def run_train() -> int:
    """Fit the decision layer on ../shared/corpus (train, dev and seeds) and write tagger/model.json."""
    score = corpus_scorer()
    model, discovery = crossval.train_everything(knowledge_base().gazetteer(), score)
    write_model(model, discovery)
    size = MODEL_FILE.stat().st_size
    write_line(
        f"{MODEL_FILE.name}: {len(model.weights)} claim weights, {len(discovery['weights'])} discovery weights, "
        f"threshold {model.threshold:.2f}, {size / 1e6:.2f} MB"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    tag = commands.add_parser(
        "tag",
        help="tag IN (one article per line: id, text, optional title/url/outlet/"
        "published/language) into OUT, one gold-format line per article, in input order",
    )
    tag.add_argument("infile")
    tag.add_argument("outfile")
    evaluate = commands.add_parser("eval", help="cross-validated figures over ../shared/corpus/train")
    evaluate.add_argument("--out", type=Path, default=Path(".cache/eval/out-of-fold.jsonl"), help="out-of-fold output")
    evaluate.add_argument("--curve", action="store_true", help="also the learning curve (25/50/100%% of train)")
    commands.add_parser("train", help="fit tagger/model.json from ../shared/corpus")
    options = parser.parse_args()
    if options.command == "tag":
        return run_tag(options.infile, options.outfile)
    if options.command == "eval":
        return run_eval(options.out, options.curve)
    return run_train()


if __name__ == "__main__":
    sys.exit(main())
