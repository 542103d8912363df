"""A package's collection in WAL mode (as Anki exports it) is read through an in-memory copy,
which must say "rollback journal": the current format's is marked in the decompressed bytes
themselves (no marked copy of ≈ 20 MB), a legacy one's as before; media bytes stay as they are."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import zstandard

from srsapp.interchange.apkg_read import _Reader, read_package, rollback_journal
from srsapp.interchange.apkg_write import write_package
from tests.interchange.anki_fixtures import PNG_BYTES, build_collection, export_apkg
from tests.interchange.test_apkg_hostile import _pkg

WAL, ROLLBACK = b"\x02\x02", b"\x01\x01"


def _db(tmp_path: Path, *, wal: bool) -> bytes:
    path = tmp_path / f"db-{wal}.sqlite"
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (42)")
    con.commit()
    con.close()  # (the last connection checkpoints: the file is whole)
    raw = path.read_bytes()
    assert raw[18:20] == (WAL if wal else ROLLBACK)
    return raw


def test_rollback_journal_marks_a_wal_database_in_place_and_nothing_else(tmp_path: Path) -> None:
    wal = bytearray(_db(tmp_path, wal=True))
    before = bytes(wal)
    rollback_journal(wal)
    assert wal[18:20] == ROLLBACK
    assert wal[:18] == before[:18] and wal[20:] == before[20:]
    plain = bytearray(_db(tmp_path, wal=False))
    kept = bytes(plain)
    rollback_journal(plain)
    assert plain == kept
    short = bytearray(b"SQLite")  # shorter than a header: left alone
    rollback_journal(short)
    assert short == b"SQLite"


def _reader(tmp_path: Path) -> _Reader:
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    return _Reader(zipfile.ZipFile(empty), str(empty), 1 << 30, 200, False)


def test_unzstd_marks_only_a_database_member(tmp_path: Path) -> None:
    raw = _db(tmp_path, wal=True)
    packed = zstandard.ZstdCompressor().compress(raw)
    as_db = _reader(tmp_path).unzstd(packed, "collection.anki21b", database=True)
    assert as_db[18:20] == ROLLBACK and as_db[:18] == raw[:18] and as_db[20:] == raw[20:]
    con = sqlite3.connect(":memory:")
    con.deserialize(as_db)
    assert con.execute("SELECT x FROM t").fetchall() == [(42,)]
    # a media file is given back byte for byte, whatever its bytes look like
    assert _reader(tmp_path).unzstd(packed, "0") == raw


def test_anki_current_package_in_wal_mode_is_read(tmp_path: Path) -> None:
    built = build_collection(tmp_path / "anki.anki2", reviews=2)
    path = export_apkg(built.col, tmp_path / "cur.apkg", legacy=False)
    built.col.close()
    with zipfile.ZipFile(path) as zf:
        raw = zstandard.ZstdDecompressor().stream_reader(zf.read("collection.anki21b")).read(100)
    assert raw[18:20] == WAL  # as Anki writes it
    pkg = read_package(path)
    assert len(pkg.notes) == len(built.note_ids) and pkg.cards and pkg.revlog
    assert pkg.media["pic.png"] == PNG_BYTES


def test_legacy_package_in_wal_mode_is_read(tmp_path: Path) -> None:
    write_package(_pkg(), tmp_path / "old.apkg")
    with zipfile.ZipFile(tmp_path / "old.apkg") as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    raw = members["collection.anki21"]
    assert raw[18:20] == ROLLBACK
    members["collection.anki21"] = raw[:18] + WAL + raw[20:]
    with zipfile.ZipFile(tmp_path / "old-wal.apkg", "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    old = read_package(tmp_path / "old-wal.apkg")
    assert [n.guid for n in old.notes] == ["g1", "g2"] and len(old.cards) == 2
