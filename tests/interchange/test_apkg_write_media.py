"""The package writer's media: compressed pictures and sound stored as they are, the rest
deflated, every file read back the same."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from srsapp.interchange.anki_model import AnkiPackage
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import compressed_media, write_package

MEDIA = {
    "a.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    "b.jpg": b"\xff\xd8\xff\xe0" + b"j" * 3000,
    "c.webp": b"RIFF\x00\x10\x00\x00WEBPVP8 " + b"w" * 3000,
    "d.mp3": b"ID3\x04" + b"m" * 3000,
    "e.mp4": b"\x00\x00\x00\x18ftypmp42" + b"v" * 3000,
    "f.svg": b"<svg xmlns='http://www.w3.org/2000/svg'>" + b"<g/>" * 1000 + b"</svg>",
    "g.txt": b"plain text " * 300,
    "h.bin": b"RIFF\x00\x10\x00\x00WAVEfmt " + b"\x00" * 3000,  # WAV: not compressed
}
STORED = {"a.png", "b.jpg", "c.webp", "d.mp3", "e.mp4"}


def test_compressed_media_are_stored_others_deflated_all_read_back(tmp_path: Path) -> None:
    assert {n for n, data in MEDIA.items() if compressed_media(data)} == STORED
    out = tmp_path / "out.apkg"
    write_package(AnkiPackage({}, {}, [], [], [], dict(MEDIA), 1_700_000_000), out)
    with zipfile.ZipFile(out) as zf:
        names = json.loads(zf.read("media"))
        kinds = {names[i.filename]: i.compress_type for i in zf.infolist() if i.filename in names}
        assert zf.getinfo("collection.anki21").compress_type == zipfile.ZIP_DEFLATED
    assert kinds == {n: zipfile.ZIP_STORED if n in STORED else zipfile.ZIP_DEFLATED for n in MEDIA}
    assert read_package(out).media == MEDIA
