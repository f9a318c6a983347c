"""The readers: every file kind, every bad input refused with a reason that says why."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import zipfile

from articles.ingest.decode import bytes_decode
from articles.ingest.readers import file_read, size_refusal
from articles.ingest.types import Draft, Limits, Refusal

from .samples import HTML_PAGE, ITALIAN, TOMORI, jsonl, zip_of

LIMITS = Limits()


def read_all(name: str, data: bytes, limits: Limits) -> list[Draft | Refusal]:
    return list(file_read(name, data, limits))


def only(reads: list) -> Draft | Refusal:  # type: ignore[type-arg]
    assert len(reads) == 1, reads
    return reads[0]


def refusal(reads: list) -> str:  # type: ignore[type-arg]
    read = only(reads)
    assert isinstance(read, Refusal), read
    return read.reason


def test_a_text_file_gives_its_first_short_line_as_title() -> None:
    draft = only(read_all("tomori.txt", f"Juventus want Tomori\n\n{TOMORI}\n".encode(), LIMITS))
    assert isinstance(draft, Draft)
    assert draft.title == "Juventus want Tomori"
    assert draft.text == TOMORI


def test_an_empty_file_and_a_blank_file_are_refused_with_a_reason() -> None:
    assert refusal(read_all("empty.txt", b"", LIMITS)) == "The file is empty (0 bytes)."
    assert "no text" in refusal(read_all("blank.txt", b" \n\t\n", LIMITS))


def test_binary_files_are_refused_and_named() -> None:
    assert "PDF" in refusal(read_all("report.txt", b"%PDF-1.7\n\x00\x01binary", LIMITS))
    assert "binary" in refusal(read_all("noise.txt", bytes(range(256)) * 20, LIMITS))
    assert "PNG" in refusal(read_all("photo.json", b"\x89PNG\r\n\x1a\n\x00\x00", LIMITS))


def test_a_file_over_the_size_limit_is_refused_naming_the_limit() -> None:
    small = Limits(file_bytes=1024)
    reason = size_refusal(5 * 1024 * 1024, 0, small)
    assert "over the limit of 1 KB per file (INGEST_MAX_FILE_BYTES)" in reason
    reason = refusal(read_all("big.txt", b"x" * 2048, small))
    assert "INGEST_MAX_FILE_BYTES" in reason


def test_the_upload_size_limit_stops_at_the_file_that_passes_it() -> None:
    limits = Limits(upload_bytes=len(TOMORI) + 10)
    assert size_refusal(len(TOMORI), len(TOMORI), limits) == ""
    assert "INGEST_MAX_UPLOAD_BYTES" in size_refusal(len(TOMORI), 2 * len(TOMORI), limits)


def test_unknown_kinds_are_refused_listing_what_we_read() -> None:
    assert ".docx file is not a kind we read" in refusal(read_all("story.docx", b"text", LIMITS))


def test_invalid_json_is_refused_with_where_it_broke() -> None:
    reason = refusal(read_all("broken.json", b'{"text": "x",,}', LIMITS))
    assert reason.startswith("This is not valid JSON") and "line 1" in reason


def test_json_takes_an_object_or_an_array() -> None:
    one = only(read_all("one.json", json.dumps({"headline": "Tomori", "body": TOMORI}).encode(), LIMITS))
    assert isinstance(one, Draft) and one.title == "Tomori" and one.text == TOMORI
    many = read_all("many.json", json.dumps([{"text": TOMORI}, {"title": "no text"}, 7]).encode(), LIMITS)
    assert [type(r).__name__ for r in many] == ["Draft", "Refusal", "Refusal"]
    assert isinstance(many[1], Refusal)
    assert many[1].source == "many.json › item 2" and "no text field" in many[1].reason


def test_jsonl_refuses_only_its_broken_lines() -> None:
    data = jsonl([{"text": TOMORI, "published": "2025-03-12", "language": "EN", "outlet": "Tuttosport"}])
    reads = read_all("batch.jsonl", data + b"\n{not json}\n\n", LIMITS)
    draft, bad = reads
    assert isinstance(draft, Draft) and draft.published == dt.date(2025, 3, 12) and draft.outlet == "Tuttosport"
    assert isinstance(bad, Refusal) and bad.source == "batch.jsonl › line 2" and "not valid JSON" in bad.reason


def test_csv_reads_its_columns_whatever_their_case_and_delimiter() -> None:
    data = f'Title;Text;URL;Published\n"Tomori";"{TOMORI}";https://example.com/a;12/03/2025\n'.encode()
    draft = only(read_all("feed.csv", data, LIMITS))
    assert isinstance(draft, Draft)
    assert (draft.title, draft.url, draft.published) == ("Tomori", "https://example.com/a", dt.date(2025, 3, 12))


def test_a_csv_without_a_text_column_is_refused_naming_its_columns() -> None:
    reason = refusal(read_all("wrong.csv", b"headline,author\nTomori,someone\n", LIMITS))
    assert "no text column (its columns: headline, author)" in reason


def test_legacy_and_utf16_encodings_are_read_right() -> None:
    for encoding in ("cp1252", "latin-1", "utf-16", "utf-16-le", "utf-8-sig"):
        draft = only(read_all("italiano.txt", ITALIAN.encode(encoding), LIMITS))
        assert isinstance(draft, Draft), encoding
        assert draft.text == ITALIAN, encoding
    draft = only(read_all("italiano.txt", ITALIAN.encode("cp1252"), LIMITS))
    assert isinstance(draft, Draft)
    assert draft.notes == ["read as windows-1252"]
    assert bytes_decode(codecs.BOM_UTF16_BE + "Già".encode("utf-16-be"))[0] == "Già"


def test_html_is_reduced_to_the_article_and_its_metadata_without_markup_or_scripts() -> None:
    draft = only(read_all("page.html", HTML_PAGE.encode(), LIMITS))
    assert isinstance(draft, Draft)
    assert draft.title == "Juventus want Tomori"
    assert draft.site_name == "Example Sport"
    assert draft.published == dt.date(2025, 3, 12)
    assert draft.language == "en"
    assert "Fikayo Tomori" in draft.text and "midfielder" in draft.text
    for leftover in ("<", "alert", "injected", "tracking", "color: red", "Home News"):
        assert leftover not in draft.text


def test_markup_inside_a_json_field_is_stripped() -> None:
    record = {"title": "<b>Tomori</b>", "text": f"<p>{TOMORI}</p><script>alert('x')</script><p>More.</p>"}
    draft = only(read_all("x.json", json.dumps(record).encode(), LIMITS))
    assert isinstance(draft, Draft)
    assert draft.title == "Tomori"
    assert draft.text == f"{TOMORI}\n\nMore."


def test_a_zip_is_read_entry_by_entry_and_clutter_is_skipped() -> None:
    data = zip_of(
        {
            "a.txt": TOMORI.encode(),
            "sub/b.jsonl": jsonl([{"text": ITALIAN}]),
            "__MACOSX/._a.txt": b"x",
            "notes.docx": b"x",
        }
    )
    reads = read_all("batch.zip", data, LIMITS)
    assert [r.source for r in reads] == [
        "batch.zip › a.txt",
        "batch.zip › sub/b.jsonl › line 1",
        "batch.zip › notes.docx",
    ]
    assert isinstance(reads[2], Refusal)


def test_a_zip_with_paths_out_of_the_archive_is_refused() -> None:
    reason = refusal(read_all("evil.zip", zip_of({"ok.txt": TOMORI.encode(), "../../etc/cron.txt": b"x"}), LIMITS))
    assert "points outside the archive" in reason and "../../etc/cron.txt" in reason


def test_a_zip_bomb_is_refused_naming_the_limit() -> None:
    bomb = zip_of({"zeros.txt": b"0" * (30 * 1024 * 1024)})
    assert len(bomb) < 100_000
    reason = refusal(read_all("bomb.zip", bomb, Limits(zip_bytes=10 * 1024 * 1024)))
    assert "INGEST_MAX_ZIP_BYTES" in reason
    reason = refusal(read_all("bomb.zip", bomb, LIMITS))
    assert "zip bomb" in reason


def test_a_zip_with_too_many_entries_is_refused_naming_the_limit() -> None:
    data = zip_of({f"{n}.txt": TOMORI.encode() for n in range(6)})
    assert "over the limit of 5 per zip (INGEST_MAX_ZIP_ENTRIES)" in refusal(
        read_all("m.zip", data, Limits(zip_entries=5))
    )


def test_a_file_that_is_not_a_zip_is_refused() -> None:
    assert refusal(read_all("fake.zip", b"PK\x03\x04 not really", LIMITS)) == "This is not a readable zip archive."
    assert not zipfile.is_zipfile(io.BytesIO(b"PK\x03\x04 not really"))  # the standard library agrees


def test_a_zip_of_small_entries_that_each_expand_too_far_is_refused_before_any_is_read() -> None:
    bombs = zip_of({f"{n}.txt": b" " * (256 * 1024) for n in range(50)})
    reads = read_all("small-bombs.zip", bombs, LIMITS)
    assert len(reads) == 1 and isinstance(reads[0], Refusal) and "zip bomb" in reads[0].reason
