"""The bulk-insert shortcuts of ``store.import_rows`` (``merge_cards``, the .apkg importer): indexes built after a first
import, the ``revlog_hours`` insert trigger paused for imported rows, a bigger page cache —
none of them may change the schema, the statistics summary or what a failure leaves behind."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from srsapp.core.errors import ImportFileError
from srsapp.interchange.anki_model import (
    AnkiPackage,
    Card,
    CardType,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    Queue,
    RevlogEntry,
    Template,
)
from srsapp.interchange.apkg_write import write_package
from srsapp.service.anki.merge import IncomingCard, IncomingSched, merge_cards
from srsapp.service.collection import Collection
from srsapp.service.transfer import dump_tables
from srsapp.store import anki_revlog, import_rows
from srsapp.store.models import revlog_hours_mismatch
from srsapp.store.queries import sqlite_connection

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
CRT = 1_700_000_000


def _package(n_notes: int, per_card: int) -> AnkiPackage:
    nt = Notetype(1, "Basic", NotetypeKind.BASIC, ["Front", "Back"],
                  [Template("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")])  # fmt: skip
    notes, cards, revlog = [], [], []
    for i in range(n_notes):
        nid = 1_000 + i
        notes.append(Note(nid, f"g{i}", 1, [f"q{i}", f"a{i}"]))
        cards.append(
            Card(nid, nid, 0, 5, CardType.REVIEW, Queue.REVIEW, 100 + i, 10, 2500, per_card)
        )
        for k in range(per_card):
            revlog.append(RevlogEntry((CRT + k * 86_400) * 1000 + i, nid, 1 + k % 4, k + 1, k,
                                      2500, 1000 + k, 1))  # fmt: skip
    return AnkiPackage({1: nt}, {5: Deck(5, "Bulk::part")}, notes, cards, revlog, {}, CRT)


def _schema(col: Collection) -> list[tuple[Any, ...]]:
    with col.db.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT type, name, tbl_name, sql FROM sqlite_master "
                "WHERE type IN ('index', 'trigger') ORDER BY name"
            )
        ]


def _hours_check(col: Collection) -> tuple[int, list[str]]:
    with col.db.engine.connect() as conn:
        return revlog_hours_mismatch(conn)


def test_first_import_rebuilds_indexes_and_trigger_exactly(tmp_path: Path, col: Collection) -> None:
    schema = _schema(col)
    assert any(r[1] == "revlog_hours_insert" for r in schema)
    assert any(r[1] == "ix_revlog_time_ms" for r in schema)
    write_package(_package(40, 5), tmp_path / "a.apkg")
    report = col.import_file(tmp_path / "a.apkg", now=T0)
    assert (report.added, report.revlog) == (40, 200)
    assert _schema(col) == schema  # same indexes and triggers, same definitions
    assert _hours_check(col) == (0, [])
    with col.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        # the rebuilt indexes answer queries (the planner uses them)
        plan = " ".join(
            str(r[-1])
            for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT time_ms FROM revlog WHERE card_id = 1"
            )
        )
        assert "ix_revlog_card_time" in plan


def test_import_into_a_bigger_collection_keeps_indexes_in_place(
    tmp_path: Path, col: Collection
) -> None:
    write_package(_package(40, 5), tmp_path / "a.apkg")
    col.import_file(tmp_path / "a.apkg", now=T0)
    schema = _schema(col)
    small = _package(3, 2)
    for n in small.notes:
        n.guid = "other-" + n.guid
    write_package(small, tmp_path / "b.apkg")
    dropped: list[str] = []
    real = import_rows.indexes_after

    def spy(s: Any, table: Any, adding: int) -> Any:
        existing = s.connection().exec_driver_sql(f"SELECT count(*) FROM {table.name}").scalar()
        if existing < adding:
            dropped.append(table.name)
        return real(s, table, adding)

    import_rows.indexes_after = spy
    try:
        report = col.import_file(tmp_path / "b.apkg", now=T0)
    finally:
        import_rows.indexes_after = real
    assert (report.added, report.revlog) == (3, 6)
    assert dropped == []
    assert _schema(col) == schema
    assert _hours_check(col) == (0, [])


def _revlog_schema_names(raw: Any) -> set[str]:
    return {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'revlog'")}


@pytest.mark.parametrize("intact", [True, False], ids=["left-in-the-package", "checked-by-row"])
def test_failed_bulk_insert_restores_indexes_and_trigger(
    tmp_path: Path, col: Collection, monkeypatch: pytest.MonkeyPatch, intact: bool
) -> None:
    """Either way the review log is mapped and inserted by SQL (``store.anki_revlog``)."""
    schema = _schema(col)
    before = dump_tables(col)
    pkg = _package(30, 4)
    if not intact:  # a rating out of range: the reader checks the log row by row
        pkg.revlog[0].ease = 9
    write_package(pkg, tmp_path / "a.apkg")
    real, real_sql = import_rows.insert_many, import_rows._execute_count
    reached: list[str] = []

    def failing(s: Any, table: str, *args: Any, **kw: Any) -> None:
        if table == "revlog":
            # the indexes and the trigger are gone at this point ...
            names = _revlog_schema_names(sqlite_connection(s))
            assert "revlog_hours_insert" not in names and "ix_revlog_time_ms" not in names
            reached.append("rows")
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        real(s, table, *args, **kw)

    def failing_sql(raw: Any, sql: str) -> int:
        if "INSERT INTO main.revlog" in sql:
            names = _revlog_schema_names(raw)
            assert "revlog_hours_insert" not in names and "ix_revlog_time_ms" not in names
            reached.append("sql")
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        return real_sql(raw, sql)

    monkeypatch.setattr(import_rows, "insert_many", failing)
    monkeypatch.setattr(import_rows, "_execute_count", failing_sql)
    with pytest.raises(ImportFileError, match="nothing was imported"):
        col.import_file(tmp_path / "a.apkg", now=T0)
    assert reached == ["sql"]
    # ... and back after the rollback, with nothing imported (and nothing left attached)
    assert _schema(col) == schema
    assert dump_tables(col) == before
    with col.db.engine.connect() as conn:
        attached = {r[1] for r in conn.exec_driver_sql("PRAGMA database_list")}
        assert not attached & {anki_revlog.SOURCE, anki_revlog.SCHEMA, anki_revlog.LAST_SCHEMA}


def test_rows_the_trigger_counts_keep_it_running(col: Collection) -> None:
    """A row of kind ``review`` rated 1-4 is counted in revlog_hours as it is inserted; an
    imported answer beside it is counted too (issue 19: imported history shows in the
    statistics)."""
    base = 1_772_000_000_000
    row = (base, 3, 4200, 2, 2, 86_400 * 30, 86_400 * 25, None, None, "review")
    incoming = [
        IncomingCard("gr", 0, "D", (), "basic", "q", "a",
                     sched=IncomingSched(2, 1_772_100_000, 3.0, 5.0, 1_772_000_000, 1),
                     revlog=[row, (base + 5, 4, 100, 2, 2, 86_400, 0, None, None, "imported")])
    ]  # fmt: skip
    with col.db.transaction() as s:
        counts = merge_cards(col, s, incoming, int(T0.timestamp()))
    assert counts.revlog == 2
    assert _hours_check(col) == (0, [])
    with col.db.engine.connect() as conn:
        hours = conn.exec_driver_sql("SELECT hour, mature_3, duration_ms FROM revlog_hours").all()
    assert [tuple(h) for h in hours] == [(base // 3_600_000, 1, 4200 + 100)]


def test_bulk_cache_is_set_back(col: Collection) -> None:
    with col.db.transaction() as s:
        raw = sqlite_connection(s)
        before = raw.execute("PRAGMA cache_size").fetchone()[0]
        threads = raw.execute("PRAGMA threads").fetchone()[0]
        with import_rows.bulk_cache(s):
            assert raw.execute("PRAGMA cache_size").fetchone()[0] == -import_rows._BULK_CACHE_KIB
            assert raw.execute("PRAGMA threads").fetchone()[0] == import_rows._BULK_THREADS
        assert raw.execute("PRAGMA cache_size").fetchone()[0] == before
        assert raw.execute("PRAGMA threads").fetchone()[0] == threads
    assert before != -import_rows._BULK_CACHE_KIB and threads != import_rows._BULK_THREADS


@pytest.mark.parametrize("tz, hour", [("UTC", 4), ("Europe/Berlin", 0), ("America/New_York", 2)])
def test_study_days_of_the_export_equal_days_study_day(tz: str, hour: int) -> None:
    """The export's remembered day spans give what ``days.study_day`` gives, across the
    daylight-saving changes of 2026 and in any lookup order."""
    from zoneinfo import ZoneInfo

    from srsapp.core import days
    from srsapp.service.anki.convert import _StudyDays

    zone = ZoneInfo(tz)
    day_of = _StudyDays(zone, hour)
    start = int(datetime(2026, 3, 1, tzinfo=UTC).timestamp())
    stamps = [start + k * 1_799 for k in range(0, 24 * 2 * 250, 7)]  # every ~3.5 h, 250 days
    stamps = stamps[::2] + stamps[1::2][::-1]
    got = [day_of(ts) for ts in stamps]
    want = [days.study_day(datetime.fromtimestamp(ts, UTC), zone, hour) for ts in stamps]
    assert got == want
    assert len(day_of.starts) < len(stamps)  # spans were reused


def test_bulk_import_leaves_the_checkpoint_to_a_thread(tmp_path: Path, col: Collection) -> None:
    """The import's commit skips SQLite's auto-checkpoint; a thread copies the WAL into the
    database file right after, and the connection gets its auto-checkpoint back."""
    write_package(_package(300, 5), tmp_path / "a.apkg")
    report = col.import_file(tmp_path / "a.apkg", now=T0)
    assert (report.added, report.revlog) == (300, 1500)
    thread = col.db._checkpoint
    assert thread is not None
    thread.join()
    with col.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        size = conn.exec_driver_sql("PRAGMA page_size").scalar()
    # every page of the database is in its file, not only in the WAL
    assert col.db.path.stat().st_size == pages * size > 50 * size


def test_answers_per_hour_are_counted_by_hour_and_column_either_side_of_1970(
    tmp_path: Path, col: Collection
) -> None:
    """``revlog_hours_select`` packs (hour, answer column) into one integer: hours before
    1970 (negative) and after come back as the triggers count them, each column its own."""
    write_package(_package(1, 0), tmp_path / "one.apkg")
    col.import_file(tmp_path / "one.apkg", now=T0)
    with col.db.engine.connect() as conn:
        card_id = conn.exec_driver_sql("SELECT min(id) FROM cards").scalar()
    hour = 3_600_000
    rows = [(-2 * hour + 5, 3, 0, 0), (-hour // 2, 1, 2, 30 * 86_400), (-hour // 2, 4, 0, 0),
            (5 * hour, 2, 2, 86_400), (5 * hour + 9, 2, 2, 86_400)]  # fmt: skip
    with col.db.transaction() as s:
        sqlite_connection(s).executemany(
            "INSERT INTO revlog (card_id, time_ms, rating, duration_ms, state_before, "
            "state_after, interval_s, last_interval_s, kind) VALUES (?, ?, ?, 7, ?, 2, 86400, ?, "
            "'review')",
            [(card_id, *r) for r in rows],
        )
    assert _hours_check(col) == (0, [])  # the triggers' sums, hour by hour
    with col.db.engine.connect() as conn:
        got = conn.exec_driver_sql(
            "SELECT hour, learning_3, mature_1, learning_4, young_2, duration_ms "
            "FROM revlog_hours ORDER BY hour"
        ).fetchall()
    # SQLite divides towards zero: -2 h + 5 ms is hour -1, -0.5 h is hour 0
    assert [tuple(r) for r in got] == [
        (-1, 1, 0, 0, 0, 7),
        (0, 0, 1, 1, 0, 14),
        (5, 0, 0, 0, 2, 14),
    ]
