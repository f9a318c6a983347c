"""Articles and files written for these tests (never copied from the shared corpus)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping, Sequence

TOMORI = (
    "Juventus want AC Milan defender Fikayo Tomori, according to Tuttosport. The Bianconeri see the England "
    "international as the ideal addition to their defence and will make contact with the Rossoneri in the coming "
    "days to discuss a fee."
)
ITALIAN = (
    "La Juventus vuole Fikayo Tomori: perché è già pronto l'affare, dicono i bianconeri. Più di così non si può, "
    "e il Milan ascolterà le offerte per il difensore inglese già in questa sessione di mercato."
)
# A wire story and its syndicated reprint: same text, a different opening line and one changed word.
WIRE = (
    "Napoli have opened talks with Atalanta over a permanent move for their striker, with the two clubs still "
    "some distance apart on the fee. The Partenopei are ready to offer around forty million euros plus add-ons, "
    "while Atalanta want closer to fifty million before they let their top scorer leave in the summer window. "
    "The player has already agreed personal terms on a five-year contract, according to people close to the deal, "
    "and a second meeting between the directors is planned for next week in Milan."
)
REPRINT = "From our wire service. " + WIRE.replace("next week", "next Tuesday")


def article(number: int, words: int = 60) -> str:
    """A distinct article of about `words` words (no two share a long run of words)."""
    filler = " ".join(f"w{number}x{i}" for i in range(words))
    return f"Report {number}: Juventus and Napoli follow striker number {number}. {filler}."


def jsonl(records: Sequence[Mapping[str, object]]) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


HTML_PAGE = f"""<!doctype html>
<html lang="en"><head><title>Juventus want Tomori | Example Sport</title>
<meta property="og:site_name" content="Example Sport">
<meta property="og:title" content="Juventus want Tomori">
<meta property="article:published_time" content="2025-03-12T10:00:00Z">
<script>window.tracker = "<p>tracking</p>"; alert('x');</script><style>p {{ color: red }}</style>
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Juventus want Tomori</h1><p>{TOMORI}</p>
<script>document.write('<b>injected</b>')</script>
<p>The <b>Bianconeri</b> could also move for a midfielder if the defender's price is too high, and their director is
expected in England next week to meet the player's agents.</p></article>
<footer>Copyright Example Sport</footer></body></html>"""
