"""Bytes of a notes file → text (UTF-8/UTF-16 with BOM, CP949/EUC-KR), NFC, ``\\n`` endings."""

from __future__ import annotations

import codecs

from srsapp.core.errors import NotesError
from srsapp.core.model import nfc

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _not_text(path: str) -> NotesError:
    return NotesError("not a text file (binary or unknown encoding)", path=path or None)


def decode_notes(data: bytes, path: str = "") -> str:
    """Decode a notes file; raise NotesError for binary data or an empty file."""
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _not_text(path) from exc
            break
    if text is None:
        if b"\x00" in data:
            raise _not_text(path)
        text = _decode_8bit(data, path)
    if "\x00" in text:
        raise _not_text(path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NotesError("empty notes file", path=path or None)
    return nfc(text)


def _decode_8bit(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Korean legacy encodings: cp949 is a superset of EUC-KR.
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        text = ""
    if text and _mostly_printable(text):
        return text
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a dependency
        raise _not_text(path) from None
    best = from_bytes(data).best()
    if best is None:
        raise _not_text(path)
    guess = str(best)
    if not _mostly_printable(guess):
        raise _not_text(path)
    return guess


def _mostly_printable(text: str) -> bool:
    sample = text[:10000]
    if not sample:
        return True
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad / len(sample) < 0.01
