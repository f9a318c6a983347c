"""Fail when a tracked file repeats eight words running from an annotated corpus article (../shared/corpus).

The corpus is material to learn from, never to ship: no comment, test or data file may quote it. The
learned model (tagger/model.json) holds single words as weights, so it is not read; vendored assets neither.
Run by CI when ../shared is beside the repository; it needs nothing else.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
RUN = 8  # words: long enough that two writers of football news rarely share it by chance
NOT_READ = ("tagger/model.json", "static/vendor/", "tests/vendor/")
_WORD = re.compile(r"\w+")


def runs(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def corpus_runs() -> set[str]:
    out: set[str] = set()
    for path in sorted(CORPUS.glob("*.jsonl")):
        if path.name.endswith(".gold.jsonl"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                article = json.loads(line)
                out |= runs(f"{article.get('title') or ''}\n{article.get('text') or ''}")
    return out


def tracked_texts() -> list[tuple[str, str]]:
    names = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    out = []
    for name in names:
        if name.startswith(NOT_READ):
            continue
        try:
            out.append((name, (ROOT / name).read_text(encoding="utf-8")))
        except (UnicodeDecodeError, OSError):
            continue  # images and other binary files
    return out


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: nothing to check against")
        return 0
    quoted = corpus_runs()
    found = [(name, sorted(runs(text) & quoted)) for name, text in tracked_texts()]
    found = [(name, hits) for name, hits in found if hits]
    for name, hits in found:
        print(f'{name}: {len(hits)} runs of {RUN} words from the corpus, e.g. "{hits[0]}"')
    print(f"{len(found)} tracked files quote the corpus")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
