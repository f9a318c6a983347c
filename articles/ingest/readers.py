"""Readers for the files people upload: .txt, .html/.htm, .json, .jsonl, .csv and .zip of those.

Each reader turns one file into drafts and refusals, one per article it holds; nothing is dropped quietly.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..tagger.dates import date_parse
from .decode import Unreadable, bytes_decode
from .markup import html_reduce, text_clean, text_tidy
from .types import Draft, Limits, Read, Refusal, size_text

KINDS = ".txt, .html, .htm, .json, .jsonl, .csv or .zip"
# Column and key names people use for each field, first match wins.
FIELDS = {
    "text": ("text", "body", "content", "article", "article_text"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "publisher", "site"),
    "published": ("published", "date", "published_at", "pubdate", "published_on"),
    "language": ("language", "lang"),
}
# A zip entry this many times larger than its compressed size is a bomb, not an archive of articles.
ZIP_MAX_RATIO = 200


@dataclass
class Incoming:
    """A file to read: its name, its size as announced, and how to get its bytes (read only when allowed)."""

    name: str
    size: int
    read: Callable[[], bytes]


def files_read(files: Iterable[Incoming], limits: Limits) -> list[Read]:
    """Every file of one upload, under the per-file and per-upload size limits."""
    reads: list[Read] = []
    total = 0
    for incoming in files:
        if incoming.size > limits.file_bytes:
            reads.append(
                Refusal(
                    incoming.name,
                    f"The file is {size_text(incoming.size)}, over the limit of "
                    f"{size_text(limits.file_bytes)} per file (INGEST_MAX_FILE_BYTES).",
                )
            )
            continue
        total += incoming.size
        if total > limits.upload_bytes:
            reads.append(
                Refusal(
                    incoming.name,
                    f"The upload passed the limit of {size_text(limits.upload_bytes)} "
                    "per upload (INGEST_MAX_UPLOAD_BYTES) with this file; it was not read.",
                )
            )
            continue
        reads.extend(file_read(incoming.name, incoming.read(), limits))
    return reads


def file_read(name: str, data: bytes, limits: Limits) -> list[Read]:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in READERS and suffix != ".zip":
        kind = f"A {suffix} file" if suffix else "A file without an extension"
        return [Refusal(name, f"{kind} is not a kind we read: upload {KINDS}.")]
    if not data:
        return [Refusal(name, "The file is empty (0 bytes).")]
    if len(data) > limits.file_bytes:
        return [
            Refusal(
                name,
                f"The file is {size_text(len(data))}, over the limit of {size_text(limits.file_bytes)} "
                "per file (INGEST_MAX_FILE_BYTES).",
            )
        ]
    if suffix == ".zip":
        return zip_read(name, data, limits)
    try:
        text, encoding = bytes_decode(data)
    except Unreadable as exc:
        return [Refusal(name, f"Refused: {exc}.")]
    if not text.strip():
        return [Refusal(name, "The file holds no text, only blank space.")]
    reads = READERS[suffix](name, text)
    if encoding not in ("utf-8", "ascii"):
        for read in reads:
            if isinstance(read, Draft):
                read.notes.append(f"read as {encoding}")
    return reads


def txt_read(name: str, text: str) -> list[Read]:
    """A short first line followed by more text is the headline."""
    text = text_clean(text)
    first, _, rest = text.partition("\n")
    if rest.strip() and len(first) <= 150 and not first.rstrip().endswith((".", ",", ";", ":")):
        return [Draft(source=name, title=first.strip(), text=rest.strip())]
    return [Draft(source=name, text=text)]


def html_read(name: str, text: str) -> list[Read]:
    page = html_reduce(text)
    if not page.text.strip():
        return [Refusal(name, "No article text was found in this page.")]
    return [
        Draft(
            source=name,
            text=page.text,
            title=page.title,
            url=page.url,
            site_name=page.site_name,
            published=page.published,
            published_source="page",
            language=page.language,
        )
    ]


def json_read(name: str, text: str) -> list[Read]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Refusal(name, f"This is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.")]
    if isinstance(value, dict):
        return [record_read(name, value)]
    if isinstance(value, list):
        return [record_read(f"{name} › item {i}", item) for i, item in enumerate(value, start=1)] or [
            Refusal(name, "The JSON array is empty: there is no article in it.")
        ]
    return [Refusal(name, "The JSON must be an object (one article) or an array of objects.")]


def jsonl_read(name: str, text: str) -> list[Read]:
    reads: list[Read] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{name} › line {number}"
        try:
            reads.append(record_read(source, json.loads(line)))
        except json.JSONDecodeError as exc:
            reads.append(Refusal(source, f"This line is not valid JSON: {exc.msg} at column {exc.colno}."))
    return reads or [Refusal(name, "The file has no JSON lines in it.")]


def csv_read(name: str, text: str) -> list[Read]:
    csv.field_size_limit(max(csv.field_size_limit(), 10_000_000))
    reader = csv.DictReader(io.StringIO(text), dialect=_csv_dialect(text))
    columns = [(column or "").strip().lower() for column in reader.fieldnames or []]
    if not any(alias in columns for alias in FIELDS["text"]):
        shown = ", ".join(c for c in columns if c) or "none"
        return [
            Refusal(
                name,
                f"The CSV has no text column (its columns: {shown}). Name the column holding "
                "the article's text 'text'; title, url, outlet, published and language are optional.",
            )
        ]
    reads: list[Read] = []
    try:
        for row in reader:
            reads.append(record_read(f"{name} › row {reader.line_num}", row, missing="This row has no text."))
    except csv.Error as exc:
        reads.append(Refusal(f"{name} › row {reader.line_num}", f"The CSV could not be read from here on: {exc}."))
    return reads or [Refusal(name, "The CSV has a header but no rows.")]


def _csv_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def record_read(source: str, record: object, *, missing: str = "") -> Read:
    """One article from a JSON object or a CSV row, by the field names in FIELDS."""
    if not isinstance(record, dict):
        return Refusal(source, "This item is not an object with a text field.")
    fields = {str(key).strip().lower(): value for key, value in record.items() if key is not None}
    values = {name: _first(fields, aliases) for name, aliases in FIELDS.items()}
    if not values["text"]:
        return Refusal(source, missing or f"It has no text field ({', '.join(FIELDS['text'][:3])}).")
    draft = Draft(
        source=source,
        text=text_clean(values["text"]),
        title=text_tidy(text_clean(values["title"])).replace("\n", " "),
        url=values["url"].strip(),
        outlet=text_tidy(values["outlet"]),
        language=values["language"].strip().lower(),
    )
    if values["published"]:
        draft.published = date_parse(values["published"])
        if draft.published is None:
            draft.notes.append(f"the date {values['published'][:40]!r} was not understood")
    return draft


def _first(fields: dict[str, object], aliases: tuple[str, ...]) -> str:
    for alias in aliases:
        value = fields.get(alias)
        if value not in (None, ""):
            return value if isinstance(value, str) else str(value)
    return ""


def zip_read(name: str, data: bytes, limits: Limits) -> list[Read]:
    """The files inside, never written to disk, under limits on entries and expanded size (zip bombs)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return [Refusal(name, "This is not a readable zip archive.")]
    with archive:
        entries = [info for info in archive.infolist() if not info.is_dir() and not _is_clutter(info.filename)]
        refusal = _zip_refusal(entries, limits)
        if refusal:
            return [Refusal(name, refusal)]
        reads: list[Read] = []
        expanded = 0
        for info in entries:
            source = f"{name} › {info.filename}"
            if info.filename.lower().endswith(".zip"):
                reads.append(Refusal(source, "A zip inside a zip is not read: upload it on its own."))
                continue
            try:
                with archive.open(info) as entry:
                    content = entry.read(limits.file_bytes + 1)
            except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError) as exc:
                reads.append(Refusal(source, f"This entry could not be unpacked: {exc}."))
                continue
            expanded += len(content)
            if expanded > limits.zip_bytes:
                return [Refusal(name, _zip_bytes_message(limits))]
            reads.extend(_rename(file_read(info.filename, content, limits), name))
    return reads or [Refusal(name, "The zip archive holds no files.")]


def _zip_refusal(entries: list[zipfile.ZipInfo], limits: Limits) -> str:
    for info in entries:
        parts = PurePosixPath(info.filename.replace("\\", "/")).parts
        if info.filename.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            return f"Refused: the entry {info.filename!r} points outside the archive."
    if len(entries) > limits.zip_entries:
        return (
            f"It holds {len(entries)} files, over the limit of {limits.zip_entries} per zip (INGEST_MAX_ZIP_ENTRIES)."
        )
    if sum(info.file_size for info in entries) > limits.zip_bytes:
        return _zip_bytes_message(limits)
    for info in entries:
        if info.file_size > 1024 * 1024 and info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            return f"Refused as a zip bomb: {info.filename!r} expands {ratio} times (at most {ZIP_MAX_RATIO} allowed)."
    return ""


def _zip_bytes_message(limits: Limits) -> str:
    return (
        f"Refused: it expands past the limit of {size_text(limits.zip_bytes)} per zip (INGEST_MAX_ZIP_BYTES); "
        "a zip bomb or simply too much at once."
    )


def _is_clutter(filename: str) -> bool:
    """Folders and files that archivers add on their own, not files anyone chose to upload."""
    path = PurePosixPath(filename)
    return path.parts[0] == "__MACOSX" or path.name.startswith(".") or path.name in {"Thumbs.db", "desktop.ini"}


def _rename(reads: list[Read], archive: str) -> list[Read]:
    renamed: list[Read] = []
    for read in reads:
        if isinstance(read, Draft):
            read.source = f"{archive} › {read.source}"
            renamed.append(read)
        else:
            renamed.append(Refusal(f"{archive} › {read.source}", read.reason))
    return renamed


READERS: dict[str, Callable[[str, str], list[Read]]] = {
    ".txt": txt_read,
    ".html": html_read,
    ".htm": html_read,
    ".json": json_read,
    ".jsonl": jsonl_read,
    ".csv": csv_read,
}
