"""How well `make tag` reads publication dates, measured on the annotated corpus in ../shared (needs it).

    python tools/date_score.py strip ../shared/corpus/train.jsonl > /tmp/undated.jsonl
    make tag IN=/tmp/undated.jsonl OUT=/tmp/dated.jsonl
    python tools/date_score.py score ../shared/corpus/train.jsonl /tmp/dated.jsonl

`strip` writes the articles without their `published` field (title, text and URL kept). `score` compares
the dates read with the gold ones: of the articles whose gold year shows in their URL or text, how many
got the gold month (and day, where the gold has one); how many the gold leaves undated got a date; and how
many dates fall after the day the file was tagged (its modification time stands for "received").
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path


def strip(corpus: Path) -> None:
    for line in corpus.open(encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            row.pop("published", None)
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def score(corpus: Path, tagged: Path) -> None:
    gold = {row["id"]: row for row in _rows(corpus)}
    read = {row["id"]: row.get("published") for row in _rows(tagged)}
    received = dt.date.fromtimestamp(tagged.stat().st_mtime).isoformat()
    visible = [row for row in gold.values() if _year_visible(row)]
    right = [row for row in visible if _same(row["published"], read.get(row["id"]))]
    undated = [row for row in gold.values() if not row.get("published")]
    wrongly_dated = [row for row in undated if read.get(row["id"])]
    future = [key for key, day in read.items() if day and day > received]
    print(f"gold date visible in URL or text: {len(right)}/{len(visible)} read right ({_pct(right, visible)})")
    print(f"gold undated: {len(wrongly_dated)}/{len(undated)} given a date")
    print(f"dates after the day received ({received}): {len(future)}")


def _rows(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _year_visible(row: dict) -> bool:  # type: ignore[type-arg]
    year = (row.get("published") or "")[:4]
    return bool(year) and (year in (row.get("url") or "") or year in row["text"])


def _same(gold: str, read: str | None) -> bool:
    """The gold month, and the gold day where the gold has one ("2023-07" holds a month only)."""
    return bool(read) and read[: len(gold)] == gold  # type: ignore[index]


def _pct(part: list, whole: list) -> str:  # type: ignore[type-arg]
    return f"{100 * len(part) / len(whole):.1f}%" if whole else "n/a"


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "strip":
        strip(Path(sys.argv[2]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "score":
        score(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        sys.exit(__doc__)
