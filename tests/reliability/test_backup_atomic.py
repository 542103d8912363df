"""Backups and imports killed half-way leave nothing that passes for a backup, and what they
leave is swept (issue 19, items 8 and 9)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from srsapp.service.collection import Collection
from srsapp.service.maintenance.backup import backup_now, list_backups
from srsapp.service.maintenance.check import check
from srsapp.store.backup_names import leftovers
from tests.reliability.helpers import load_deck

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
KILLER = """
import sys
from datetime import UTC, datetime
from srsapp.service.collection import Collection
from srsapp.service.maintenance.backup import backup_now

col = Collection.open(sys.argv[1], seed=False)
print("ready", flush=True)
while True:  # backups, one after the other, until killed
    backup_now(col, "manual", datetime.now(UTC))
"""


CARDS = 2000


def big_collection(data: Path) -> None:
    col = Collection.open(data, seed=False, rng=random.Random(1))
    col.set_settings(timezone="UTC")
    load_deck(col, CARDS, T0)
    col.close(backup=False)


def whole(path: Path) -> tuple[str, int]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        (state,) = con.execute("PRAGMA quick_check").fetchone()
        (cards,) = con.execute("SELECT count(*) FROM cards").fetchone()
        return state, cards
    except sqlite3.Error as exc:
        return str(exc), -1
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.durable
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_backup_killed_during_vacuum_into_leaves_no_backup_named_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    big_collection(data)
    rng = random.Random(19)
    partial_seen = 0
    for _round in range(10):
        child = subprocess.Popen(
            [sys.executable, "-c", KILLER, str(data)], cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.6))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        partial_seen += bool(leftovers(data))
        # every file under a backup's name is a whole collection
        for b in list_backups(data):
            assert whole(b.path) == ("ok", CARDS), b.path.name
            b.path.unlink()  # (keeps the disk use down)
    assert partial_seen > 0  # some kills did land mid-backup
    col = Collection.open(data, seed=False)  # opening sweeps what the kills left
    try:
        assert leftovers(data) == []
        assert check(col).problems == []
    finally:
        col.close(backup=False)


def test_check_reports_and_repair_removes_leftovers(col: Collection) -> None:
    made = backup_now(col, "manual", T0)
    staging = col.data_dir / ".import-0123abcd"
    (staging / "sub").mkdir(parents=True)
    (staging / "a.png").write_bytes(b"x" * 100)
    partial = made.with_name(f".{made.name}.partial")
    partial.write_bytes(made.read_bytes()[:4096])
    journal = made.with_name(made.name + "-journal")
    journal.write_bytes(b"j")
    report = check(col)
    assert sorted(p.kind for p in report.problems) == ["leftover"] * 3
    assert all("killed backup or import" in p.message for p in report.problems)
    assert [b.path for b in list_backups(col.data_dir)] == [made]  # a partial one never counts
    repaired = check(col, repair=True, now=T0)
    assert repaired.ok and len([r for r in repaired.repairs if r.startswith("removed ")]) == 3
    assert not staging.exists() and not partial.exists() and not journal.exists()
    assert made.exists()


def test_open_sweeps_an_import_staging_folder(tmp_path: Path) -> None:
    col = Collection.open(tmp_path / "data", seed=False)
    col.close(backup=False)
    staging = tmp_path / "data" / ".import-deadbeef"
    staging.mkdir()
    (staging / "big.mp3").write_bytes(b"x" * 1000)
    Collection.open(tmp_path / "data", seed=False).close(backup=False)
    assert not staging.exists()
