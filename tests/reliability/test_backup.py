"""Backups: rotation rule, automatic backup on close, consistent copies, checked restores."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from srsapp.cli import main
from srsapp.core.errors import CollectionError
from srsapp.service.collection import DB_NAME, Collection
from srsapp.service.maintenance.backup import (
    backup_now,
    keep_backups,
    list_backups,
    maybe_backup,
    restore_backup,
    rotate,
)
from srsapp.service.maintenance.check import check
from srsapp.store.files import inspect_file
from tests.builders import open_collection
from tests.reliability.helpers import load_deck, study

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


# ---------------------------------------------------------------- rotation rule


def test_rotation_keeps_7_daily_4_weekly_6_monthly() -> None:
    rng = random.Random(5)
    # a year of backups: 1-3 a day, at random times, with some days skipped
    times = []
    day = datetime(2025, 3, 1, tzinfo=UTC)
    while day < datetime(2026, 3, 2, tzinfo=UTC):
        if rng.random() > 0.2:
            for _ in range(rng.randint(1, 3)):
                times.append(day + timedelta(seconds=rng.randint(0, 86399)))
        day += timedelta(days=1)
    kept = keep_backups(times)
    newest = max(times)

    def newest_per(key: object) -> list[datetime]:
        groups: dict[object, datetime] = {}
        for t in times:
            k = key(t)  # type: ignore[operator]
            groups[k] = max(groups.get(k, t), t)
        return sorted(groups.values(), reverse=True)

    days = newest_per(lambda t: t.date())[:7]
    weeks = newest_per(lambda t: t.isocalendar()[:2])[:4]
    months = newest_per(lambda t: (t.year, t.month))[:6]
    recent = {t for t in times if t > newest - timedelta(hours=24)}
    assert kept == {*recent, *days, *weeks, *months}
    assert len(kept) <= 7 + 4 + 6 + len(recent)
    assert min(kept) >= newest - timedelta(days=31 * 6)
    assert all(t in times for t in kept)


def test_rotation_keeps_everything_when_there_is_little() -> None:
    times = [T0, T0 - timedelta(days=1), T0 - timedelta(days=20)]
    assert keep_backups(times) == set(times)
    assert keep_backups([]) == set()
    same_day = [T0.replace(hour=h) for h in (5, 9, 23)]
    assert keep_backups(same_day) == set(same_day)  # all within 24 hours of the newest
    assert keep_backups(same_day, recent=timedelta(0)) == {T0.replace(hour=23)}
    two_days = [T0.replace(hour=5) - timedelta(days=1), T0.replace(hour=23) - timedelta(days=1)]
    assert keep_backups(two_days + same_day) == {*same_day, two_days[1]}


def test_rotate_deletes_the_files_the_rule_drops(col: Collection) -> None:
    for i in reversed(range(40)):  # one a day, oldest first
        backup_now(col, "auto", T0 - timedelta(days=i))
    infos = list_backups(col.data_dir)
    kept = keep_backups([T0 - timedelta(days=i) for i in range(40)])
    assert {b.time for b in infos} == kept
    assert rotate(col.data_dir) == []  # already thinned


# ---------------------------------------------------------------- taking backups


def test_close_backs_up_at_most_once_a_day(tmp_path: Path) -> None:
    data = tmp_path / "data"
    col = open_collection(data, seed=False, rng=random.Random(1))
    col.set_settings(timezone="UTC")
    load_deck(col, 10, T0)
    study(col, T0, 5)
    col.close(T0 + timedelta(hours=1))
    [first] = list_backups(data)
    assert first.reason == "auto"
    assert inspect_file(first.path).reviews == 5

    col = open_collection(data, seed=False, rng=random.Random(2))
    study(col, T0 + timedelta(hours=2), 3)
    col.close(T0 + timedelta(hours=3))
    assert [b.path for b in list_backups(data)] == [first.path]  # same day: none

    col = open_collection(data, seed=False)
    assert maybe_backup(col, T0 + timedelta(days=1)) is not None
    col.close(T0 + timedelta(days=1, hours=1))
    infos = list_backups(data)
    assert len(infos) == 2 and inspect_file(infos[0].path).reviews == 8


def test_backup_of_a_live_collection_is_consistent(col: Collection) -> None:
    load_deck(col, 30, T0)
    study(col, T0, 40)
    path = backup_now(col, "before import", T0)
    assert path.parent == col.data_dir / "backups"
    assert path.name == "collection-20260302T093000Z-before-import.sqlite"
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA journal_mode").fetchone()[0] != "wal"  # a single file
    assert con.execute("SELECT count(*) FROM revlog").fetchone()[0] == 40
    con.close()
    # a second backup in the same second gets its own name
    again = backup_now(col, "before import", T0)
    assert again != path and again.exists() and path.exists()


# ---------------------------------------------------------------- restoring


def test_restore_brings_back_the_backup_and_keeps_the_current_state(col: Collection) -> None:
    load_deck(col, 30, T0)
    end = study(col, T0, 20)
    backup = backup_now(col, "manual", end)
    end = study(col, end, 15, seed=8)
    assert col.revlog_count() == 35

    report = restore_backup(col, backup, end + timedelta(minutes=5))
    assert col.revlog_count() == 20
    assert report.previous_backup is not None
    assert inspect_file(report.previous_backup).reviews == 35
    assert (report.cards, report.reviews) == (30, 20)
    assert check(col).problems == []
    card = col.next_card(end + timedelta(minutes=6))  # and the collection works on
    assert card is not None
    col.answer(card.id, 3, end + timedelta(minutes=6))
    assert col.revlog_count() == 21 and col.sched.undo.label() == "answer"


def _bad_files(tmp: Path) -> dict[str, Path]:
    out = {}
    p = tmp / "text.sqlite"
    p.write_text("hello, not a database")
    out["is not an SQLite database"] = p
    p = tmp / "foreign.sqlite"
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    out["not an srsapp collection"] = p
    return out


def test_restore_refuses_bad_files_and_changes_nothing(col: Collection, tmp_path: Path) -> None:
    load_deck(col, 10, T0)
    study(col, T0, 6)
    good = backup_now(col, "manual", T0)
    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(good.read_bytes())
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    truncated = tmp_path / "truncated.sqlite"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    cases = _bad_files(tmp_path)
    cases["newer srsapp"] = newer
    cases["cannot be restored"] = truncated
    cases["no such backup file"] = tmp_path / "missing.sqlite"
    backups_before = len(list_backups(col.data_dir))
    for message, path in cases.items():
        with pytest.raises(CollectionError, match=message) as info:
            restore_backup(col, path, T0)
        assert str(path) in str(info.value)
        assert col.revlog_count() == 6
    assert len(list_backups(col.data_dir)) == backups_before  # refused before any backup


def test_cli_backup_list_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    col = open_collection(data, seed=True, rng=random.Random(1), now=T0)  # + bundled deck
    col.set_settings(timezone="UTC")
    load_deck(col, 12, T0)
    study(col, T0, 9)
    cards = col.card_count(include_retired=True)
    col.close(backup=False)
    assert main(["--data-dir", str(data), "backup", "--json"]) == 0
    made = Path(json.loads(capsys.readouterr().out)["backup"])
    assert made.exists()
    assert main(["--data-dir", str(data), "backup", "--list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["path"], row["cards"], row["reviews"], row["reason"]) == (
        str(made),
        cards,
        9,
        "manual",
    )
    # the collection file is wrecked; restore still works and keeps the wreck
    (data / DB_NAME).write_bytes(b"garbage" * 100)
    assert main(["--data-dir", str(data), "restore", str(made)]) == 0
    out = capsys.readouterr().out
    assert f"{cards} cards, 9 reviews" in out and "damaged" in out
    col = open_collection(data, seed=False)
    assert col.revlog_count() == 9 and check(col).problems == []
    col.close(backup=False)
    assert main(["--data-dir", str(data), "restore", str(tmp_path / "nope.sqlite")]) == 2
    assert "no such backup file" in capsys.readouterr().err
