"""Bytes to text: UTF-8, UTF-16/32 and the legacy encodings people still save in; binary files refused."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes


class Unreadable(Exception):
    """The bytes are not text we can read; the message says why, for the person who gave them."""


# The first bytes of files people upload by mistake, and what to call them in the refusal.
MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a zip archive or Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"ID3", "an audio file"),
    (b"OggS", "an audio or video file"),
    (b"RIFF", "an audio or video file"),
    (b"SQLite format 3", "a database file"),
]
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Control bytes that never appear in text (tab, newlines, form feed and escape excepted).
CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")
LETTER = re.compile(r"[^\W\d_]")


def bytes_decode(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read with. Raises Unreadable for binary data."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode(data, encoding), encoding.replace("-sig", "")
    for magic, kind in MAGIC:
        if data.startswith(magic):
            raise Unreadable(f"this is {kind}, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode(data, utf16), utf16
    if len(CONTROL.findall(data[:65536])) > max(2, len(data[:65536]) // 200):
        raise Unreadable("this looks like a binary file, not text")
    return _legacy_decode(data)


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Unreadable(f"it starts like {encoding} text but is not valid {encoding}") from exc


def _utf16_without_bom(data: bytes) -> str:
    """UTF-16 without a byte-order mark shows as zero bytes at every other position in Latin text."""
    sample = data[:4096]
    if len(sample) < 8:
        return ""
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    return ""


def _legacy_decode(data: bytes) -> tuple[str, str]:
    """Western European text saved in windows-1252 is by far the commonest case, and detectors misread short
    samples of it (as mac_latin2 or cp1250), so it is tried first and kept when it reads as plausible text."""
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" not in text and _plausible_latin(text):
        return text, "windows-1252"
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise Unreadable("its encoding could not be recognised: save it as UTF-8 and upload it again")
    return str(best), best.encoding


def _plausible_latin(text: str) -> bool:
    """In real Latin-script text accented letters are a minority; Cyrillic or Greek read as cp1252 is all accents."""
    letters = len(LETTER.findall(text))
    accented = len(NON_ASCII_LETTER.findall(text))
    return letters > 0 and accented / letters < 0.25
