"""A damaged collection file blocks no way back (issue 19, item 10): flipped bytes in the
schema, an empty file where a collection was, two backups in the same second."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from srsapp.cli import main
from srsapp.core.errors import DamagedCollectionError
from srsapp.service.collection import Collection
from srsapp.service.maintenance.backup import backup_now, list_backups, rotate

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def made_with_a_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "backup"]) == 0
    capsys.readouterr()
    return data


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    return err


def test_flipped_bytes_in_the_schema_are_one_line_and_restore_still_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = made_with_a_backup(tmp_path, capsys)
    db = data / "collection.sqlite"
    raw = bytearray(db.read_bytes())
    at = raw.find(b"tablecardscards")  # the schema row of the cards table: its name
    assert at > 0
    raw[at + 5] = 0xFD  # not UTF-8: once UnicodeDecodeError in check, start and restore
    db.write_bytes(bytes(raw))
    damaged = bytes(raw)
    for command in (["check"], ["decks"], ["stats", "--json"]):
        assert main(["--data-dir", str(data), *command]) == 2
        err = one_line(capsys)
        assert str(db) in err and "is damaged" in err and "srsapp restore '" in err
    assert db.read_bytes() == damaged  # left untouched
    (backup,) = list_backups(data)
    assert main(["--data-dir", str(data), "restore", str(backup.path)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "check"]) == 0
    kept = [b for b in list_backups(data) if "damaged" in b.path.name]
    assert len(kept) == 1 and kept[0].path.read_bytes() == damaged  # the wreck is kept


def test_an_empty_collection_file_is_not_replaced_when_backups_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = made_with_a_backup(tmp_path, capsys)
    (data / "collection.sqlite").write_bytes(b"")
    with pytest.raises(DamagedCollectionError) as info:
        Collection.open(data, rng=random.Random(1))
    assert "is empty (0 bytes" in str(info.value) and "srsapp restore '" in str(info.value)
    assert (data / "collection.sqlite").stat().st_size == 0  # no fresh Docker deck over it
    assert main(["--data-dir", str(data), "decks"]) == 2
    assert "is empty" in one_line(capsys)


def test_an_empty_collection_file_without_backups_starts_afresh(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "collection.sqlite").write_bytes(b"")  # a first start killed early
    col = Collection.open(data, seed=False)
    col.close(backup=False)


def test_two_backups_in_the_same_second_are_both_kept(tmp_path: Path) -> None:
    col = Collection.open(tmp_path / "data", seed=False, rng=random.Random(1))
    try:
        old = [backup_now(col, "auto", T0 - timedelta(days=d)) for d in (40, 3)]
        first = backup_now(col, "import", T0)
        second = backup_now(col, "auto", T0)  # the close's backup, the same second
    finally:
        col.close(backup=False)
    assert first != second and first.exists() and second.exists()
    rotate(tmp_path / "data")
    assert {b.path for b in list_backups(tmp_path / "data")} >= {first, second, *old[1:]}
