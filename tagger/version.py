"""The tagger's version: a hash of everything its output depends on.

Its code (the matcher and name folding included), its language files, its learned model, the
knowledge-base files it reads names from, and the code that merges them into the matcher's entries.
Any change to one of them gives a new version, and `retag` re-reads what the old one tagged.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _inputs() -> list[Path]:
    own = [p for p in HERE.rglob("*") if p.suffix in (".py", ".json") and p.name not in ("crossval.py", "learn.py")]
    knowledge = [p for p in (ROOT / "players" / "data").rglob("*") if p.is_file()]
    merging = [ROOT / "players" / "kb_merge.py"]
    return sorted(p for p in own + knowledge + merging if p.is_file())


def tagger_version() -> str:
    digest = hashlib.sha256()
    for path in _inputs():
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
