"""Readers for the files people upload: .txt, .html/.htm, .json, .jsonl, .csv and .zip of those.

Each reader turns one file into drafts and refusals, one per article it holds; nothing is dropped quietly.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import AnyStr

from tagger.dates import date_parse

from .decode import BOMS, MAGIC, Unreadable, bytes_decode
from .markup import html_reduce, text_clean, text_tidy
from .types import Draft, Limits, Read, Refusal, size_text

# A .jsonl starting with these is decoded as a whole (UTF-16/32) or refused (a binary file); any other is read
# line by line, so that one undecodable line is refused alone.
WHOLE_FILE_MARKS = tuple(bom for bom, _ in BOMS if bom != codecs.BOM_UTF8) + tuple(magic for magic, _ in MAGIC)
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


def size_refusal(size: int, total: int, limits: Limits) -> str:
    """Why a file of an upload is not kept at all: over the per-file limit, or past the per-upload total."""
    if size > limits.file_bytes:
        return (
            f"The file is {size_text(size)}, over the limit of {size_text(limits.file_bytes)} per file "
            "(INGEST_MAX_FILE_BYTES)."
        )
    if total > limits.upload_bytes:
        return (
            f"The upload passed the limit of {size_text(limits.upload_bytes)} per upload (INGEST_MAX_UPLOAD_BYTES) "
            "with this file; it was not read."
        )
    return ""


def file_read(name: str, data: bytes, limits: Limits) -> Iterator[Read]:
    """The articles of one file, one at a time: the caller decides how many to hold at once."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in READERS and suffix != ".zip":
        kind = f"A {suffix} file" if suffix else "A file without an extension"
        return iter([Refusal(name, f"{kind} is not a kind we read: upload {KINDS}.")])
    if not data:
        return iter([Refusal(name, "The file is empty (0 bytes).")])
    refusal = size_refusal(len(data), 0, limits)
    if refusal:
        return iter([Refusal(name, refusal)])
    if suffix == ".zip":
        return zip_read(name, data, limits)
    if suffix == ".jsonl" and not data.startswith(WHOLE_FILE_MARKS):
        return jsonl_read(name, data)
    return _text_file_read(name, data, READERS[suffix])


def _text_file_read(name: str, data: bytes, reader: Callable[[str, str], Iterable[Read]]) -> Iterator[Read]:
    try:
        text, encoding = bytes_decode(data)
    except Unreadable as exc:
        yield Refusal(name, f"Refused: {exc}.")
        return
    del data  # the text is what counts from here on; the bytes need not stay in memory beside it
    if not text.strip():
        yield Refusal(name, "The file holds no text, only blank space.")
        return
    for read in reader(name, text):
        if isinstance(read, Draft) and encoding not in ("utf-8", "ascii"):
            read.notes.append(f"read as {encoding}")
        yield read


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


def jsonl_read(name: str, data: bytes) -> Iterator[Read]:
    """Line by line, each line decoded on its own: a broken line is refused alone, never its neighbours."""
    found = False
    for number, raw in enumerate(_lines(data), start=1):
        if not raw.strip():
            continue
        found = True
        source = f"{name} › line {number}"
        try:
            yield record_read(source, json.loads(_line_decode(raw, first=number == 1)))
        except Unreadable as exc:
            yield Refusal(source, f"This line could not be read as text: {exc}.")
        except json.JSONDecodeError as exc:
            yield Refusal(source, f"This line is not valid JSON: {exc.msg} at column {exc.colno}.")
    if not found:
        yield Refusal(name, "The file has no JSON lines in it.")


def _line_decode(raw: bytes, *, first: bool) -> str:
    if first and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return bytes_decode(raw)[0]


def _lines(data: AnyStr) -> Iterator[AnyStr]:
    """The lines of a text or a file's bytes, newline kept, without a list of them all in memory."""
    newline = "\n" if isinstance(data, str) else b"\n"
    start = 0
    while start < len(data):
        end = data.find(newline, start)  # type: ignore[arg-type]
        end = len(data) if end == -1 else end + 1
        yield data[start:end]
        start = end


def csv_read(name: str, text: str) -> Iterator[Read]:
    csv.field_size_limit(max(csv.field_size_limit(), 10_000_000))
    reader = csv.DictReader(_lines(text), dialect=_csv_dialect(text))
    columns = [(column or "").strip().lower() for column in reader.fieldnames or []]
    if not any(alias in columns for alias in FIELDS["text"]):
        shown = ", ".join(c for c in columns if c) or "none"
        yield Refusal(
            name,
            f"The CSV has no text column (its columns: {shown}). Name the column holding "
            "the article's text 'text'; title, url, outlet, published and language are optional.",
        )
        return
    found = False
    try:
        for row in reader:
            found = True
            yield record_read(f"{name} › row {reader.line_num}", row, missing="This row has no text.")
    except csv.Error as exc:
        found = True
        yield Refusal(f"{name} › row {reader.line_num}", f"The CSV could not be read from here on: {exc}.")
    if not found:
        yield Refusal(name, "The CSV has a header but no rows.")


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


def zip_read(name: str, data: bytes, limits: Limits) -> Iterator[Read]:
    """The files inside, entry by entry and never written to disk, under limits on entries and expanded size.

    The sizes an archive announces can lie: each entry is also counted as it expands, and the archive is
    refused from there on once the expanded total or the entry's ratio passes its limit (zip bombs).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        yield Refusal(name, "This is not a readable zip archive.")
        return
    with archive:
        entries = [info for info in archive.infolist() if not info.is_dir() and not _is_clutter(info.filename)]
        refusal = _zip_refusal(entries, limits)
        if refusal:
            yield Refusal(name, refusal)
            return
        budget = _Expansion(limits)
        for info in entries:
            source = f"{name} › {info.filename}"
            if info.filename.lower().endswith(".zip"):
                yield Refusal(source, "A zip inside a zip is not read: upload it on its own.")
                continue
            try:
                content = _entry_read(archive, info, budget, limits)
            except _ZipRefused as exc:
                yield Refusal(name if exc.whole else source, str(exc))
                if exc.whole:
                    return
                continue
            except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError) as exc:
                yield Refusal(source, f"This entry could not be unpacked: {exc}.")
                continue
            yield from _renamed(file_read(info.filename, content, limits), name)
    if not entries:
        yield Refusal(name, "The zip archive holds no files.")


class _ZipRefused(Exception):
    """An entry (or, when `whole`, the rest of the archive) is refused; the message says why."""

    def __init__(self, message: str, *, whole: bool) -> None:
        super().__init__(message)
        self.whole = whole


@dataclass
class _Expansion:
    limits: Limits
    total: int = 0


ZIP_CHUNK = 64 * 1024


def _entry_read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Expansion, limits: Limits) -> bytes:
    """One entry's bytes, counted chunk by chunk against the archive's total and the entry's own ratio."""
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as entry:
        while chunk := entry.read(ZIP_CHUNK):
            size += len(chunk)
            budget.total += len(chunk)
            if budget.total > limits.zip_bytes:
                raise _ZipRefused(_zip_bytes_message(limits) + " Nothing after this entry was read.", whole=True)
            if size > ZIP_MAX_RATIO * max(info.compress_size, 1):
                raise _ZipRefused(_zip_ratio_message(info, size), whole=True)
            if size > limits.file_bytes:
                raise _ZipRefused(
                    f"It expands past the limit of {size_text(limits.file_bytes)} per file (INGEST_MAX_FILE_BYTES).",
                    whole=False,
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _zip_refusal(entries: list[zipfile.ZipInfo], limits: Limits) -> str:
    """What the archive's own directory already gives away: paths out of it, too many entries, too much."""
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
        if info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1):
            return _zip_ratio_message(info, info.file_size)
    return ""


def _zip_ratio_message(info: zipfile.ZipInfo, size: int) -> str:
    ratio = size // max(info.compress_size, 1)
    return f"Refused as a zip bomb: {info.filename!r} expands {ratio} times (at most {ZIP_MAX_RATIO} allowed)."


def _zip_bytes_message(limits: Limits) -> str:
    return (
        f"Refused: it expands past the limit of {size_text(limits.zip_bytes)} per zip (INGEST_MAX_ZIP_BYTES); "
        "a zip bomb or simply too much at once."
    )


def _is_clutter(filename: str) -> bool:
    """Folders and files that archivers add on their own, not files anyone chose to upload."""
    path = PurePosixPath(filename)
    return path.parts[0] == "__MACOSX" or path.name.startswith(".") or path.name in {"Thumbs.db", "desktop.ini"}


def _renamed(reads: Iterable[Read], archive: str) -> Iterator[Read]:
    for read in reads:
        if isinstance(read, Draft):
            read.source = f"{archive} › {read.source}"
            yield read
        else:
            yield Refusal(f"{archive} › {read.source}", read.reason)


READERS: dict[str, Callable[[str, str], Iterable[Read]]] = {
    ".txt": txt_read,
    ".html": html_read,
    ".htm": html_read,
    ".json": json_read,
    # Only a UTF-16/32 file comes here, decoded as a whole (see WHOLE_FILE_MARKS).
    ".jsonl": lambda name, text: jsonl_read(name, text.encode("utf-8")),
    ".csv": csv_read,
}
