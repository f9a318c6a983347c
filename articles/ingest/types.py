"""What a reader gives back for each article it finds: a draft to save, or a refusal with its reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """How much one upload may bring. Every refusal names the limit and the setting that holds it."""

    file_bytes: int = 50 * 1024 * 1024
    upload_bytes: int = 200 * 1024 * 1024
    articles: int = 20_000
    zip_entries: int = 2_000
    zip_bytes: int = 200 * 1024 * 1024
    article_chars: int = 200_000
    min_chars: int = 40


@dataclass
class Draft:
    """An article read from some input and not saved yet. `source` says where it came from, for people."""

    source: str
    text: str
    title: str = ""
    url: str = ""
    outlet: str = ""
    site_name: str = ""
    published: dt.date | None = None
    # Where `published` came from: "given" (a field people filled), "feed" or "page" (see tagger.dates.SOURCES).
    published_source: str = "given"
    language: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Refusal:
    source: str
    reason: str


Read = Draft | Refusal


def size_text(size: int) -> str:
    """A byte count the way people say it: 512 bytes, 20 KB, 1.5 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.0f} MB" if megabytes == int(megabytes) or megabytes >= 10 else f"{megabytes:.1f} MB"
