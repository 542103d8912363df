"""Damaged and hostile packages are refused with ImportFileError naming the file."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
import zstandard

from srsapp.core.errors import ImportFileError
from srsapp.interchange.anki_model import AnkiPackage, Card, Deck, Note, Notetype, Template
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import write_package


def _pkg() -> AnkiPackage:
    nt = Notetype(1, "Basic", "basic", ["Front", "Back"], [Template("C", "{{Front}}", "{{Back}}")])  # type: ignore[arg-type]
    return AnkiPackage(
        notetypes={1: nt},
        decks={5: Deck(5, "D")},
        notes=[Note(10, "g1", 1, ["q", "a"]), Note(11, "g2", 1, ["q2", "a2"])],
        cards=[Card(20, 10, 0, 5), Card(21, 11, 0, 5)],
        media={"ok.png": b"png"},
        crt=1_700_000_000,
    )


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _with_sql(tmp_path: Path, sql: str) -> Path:
    """A valid package whose collection got ``sql`` applied."""
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good, legacy=True)
    members = _members(good)
    db_path = tmp_path / "c.db"
    db_path.write_bytes(members["collection.anki2"])
    conn = sqlite3.connect(db_path)
    conn.executescript(sql)
    conn.close()
    members["collection.anki2"] = db_path.read_bytes()
    return _zip(tmp_path / "bad.apkg", members)


def _expect(path: Path, *words: str) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        read_package(path)
    message = str(info.value)
    assert str(path) in message
    for word in words:
        assert word in message
    return info.value


def test_good_package_reads(tmp_path: Path) -> None:
    write_package(_pkg(), tmp_path / "good.apkg")
    pkg = read_package(tmp_path / "good.apkg")
    assert [n.guid for n in pkg.notes] == ["g1", "g2"]
    assert pkg.media == {"ok.png": b"png"}


def test_not_a_zip(tmp_path: Path) -> None:
    bad = tmp_path / "notes.apkg"
    bad.write_text("this is just text", encoding="utf-8")
    _expect(bad, "not a valid zip")


def test_truncated_file(tmp_path: Path) -> None:
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good)
    cut = tmp_path / "cut.apkg"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _expect(cut, "zip")


def test_zip_bomb_ratio(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.apkg", {"collection.anki2": bytes(30 * 1024 * 1024)})
    _expect(bomb, "zip bomb", "collection.anki2")


def test_total_size_cap(tmp_path: Path) -> None:
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good)
    with pytest.raises(ImportFileError, match="exceeds the limit") as info:
        read_package(good, max_total=10_000)
    assert "zip bomb" in str(info.value)


def test_zstd_bomb_in_latest_package(tmp_path: Path) -> None:
    payload = zstandard.ZstdCompressor().compress(bytes(50 * 1024 * 1024))
    bomb = _zip(tmp_path / "z.apkg", {"meta": b"\x08\x03", "collection.anki21b": payload})
    _expect(bomb, "bomb")


@pytest.mark.parametrize("name", ["../evil.sh", "/etc/passwd", "sub/dir.png", "C:\\x.png", ".."])
def test_unsafe_media_names(tmp_path: Path, name: str) -> None:
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good)
    members = _members(good)
    members["media"] = json.dumps({"0": name}).encode()
    bad = _zip(tmp_path / "bad.apkg", members)
    _expect(bad, "unsafe media file name")


def test_missing_collection(tmp_path: Path) -> None:
    bad = _zip(tmp_path / "nocol.apkg", {"media": b"{}", "0": b"x"})
    _expect(bad, "no collection")


def test_meta_points_at_missing_collection(tmp_path: Path) -> None:
    bad = _zip(tmp_path / "nocol.apkg", {"meta": b"\x08\x03", "collection.anki2": b""})
    _expect(bad, "collection.anki21b")


def test_unknown_schema_version(tmp_path: Path) -> None:
    bad = _with_sql(tmp_path, "UPDATE col SET ver = 99")
    _expect(bad, "unknown collection schema version 99")


def test_duplicate_guids(tmp_path: Path) -> None:
    bad = _with_sql(tmp_path, "UPDATE notes SET guid = 'same'")
    _expect(bad, "duplicate note GUID 'same'")


def test_corrupt_sqlite(tmp_path: Path) -> None:
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good, legacy=True)
    members = _members(good)
    raw = bytearray(members["collection.anki2"])
    raw[200:4096] = b"\xff" * (4096 - 200)  # trash the first page's b-tree
    members["collection.anki2"] = bytes(raw)
    _expect(_zip(tmp_path / "corrupt.apkg", members), "corrupt")


def test_collection_that_is_not_sqlite(tmp_path: Path) -> None:
    bad = _zip(tmp_path / "x.apkg", {"collection.anki2": b"garbage" * 100})
    _expect(bad, "not an SQLite database")


def test_missing_media_member_is_a_warning(tmp_path: Path) -> None:
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good)
    members = _members(good)
    del members["0"]
    pkg = read_package(_zip(tmp_path / "m.apkg", members))
    assert pkg.media == {}
    assert any("ok.png" in w for w in pkg.warnings)
