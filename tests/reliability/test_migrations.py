"""Schema migrations: a first-release collection (built here with the v1 DDL, by code) is
upgraded inside a transaction after a backup, with every card, review and setting intact; a
newer collection is refused and left byte-identical."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection

import srsapp.store.db as store_db
import srsapp.store.files as store_files
import srsapp.store.migrations as store_migrations
import srsapp.store.models as store_models
from srsapp.core.errors import CollectionError
from srsapp.core.model import Rating
from srsapp.service import stats
from srsapp.service.collection import DB_NAME
from srsapp.service.maintenance.check import check
from srsapp.store.backup_names import parse_backup_name
from tests.builders import open_collection

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

# The first release's schema, written out (not generated from today's models on purpose:
# the fixture must stay v1 when the models move on).
V1_DDL = """
CREATE TABLE decks (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR NOT NULL UNIQUE,
  config TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE meta ("key" VARCHAR NOT NULL PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE settings ("key" VARCHAR NOT NULL PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE concepts (id INTEGER NOT NULL PRIMARY KEY, deck_id INTEGER NOT NULL,
  parent_id INTEGER, path VARCHAR NOT NULL, title VARCHAR NOT NULL, kind VARCHAR NOT NULL,
  source_line INTEGER NOT NULL, source_end INTEGER NOT NULL, position INTEGER NOT NULL,
  retired BOOLEAN NOT NULL, UNIQUE (deck_id, path),
  FOREIGN KEY(deck_id) REFERENCES decks (id) ON DELETE CASCADE,
  FOREIGN KEY(parent_id) REFERENCES concepts (id) ON DELETE SET NULL);
CREATE INDEX ix_concepts_deck_id ON concepts (deck_id);
CREATE INDEX ix_concepts_parent_id ON concepts (parent_id);
CREATE TABLE sources (id INTEGER NOT NULL PRIMARY KEY, deck_id INTEGER NOT NULL,
  path VARCHAR NOT NULL, kind VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
  text TEXT NOT NULL, synced_at INTEGER NOT NULL,
  FOREIGN KEY(deck_id) REFERENCES decks (id) ON DELETE CASCADE);
CREATE INDEX ix_sources_deck_id ON sources (deck_id);
CREATE TABLE cards (id INTEGER NOT NULL PRIMARY KEY, deck_id INTEGER NOT NULL,
  concept_id INTEGER, source_id INTEGER, "key" VARCHAR NOT NULL, guid VARCHAR,
  kind VARCHAR NOT NULL, anchor TEXT NOT NULL, variant VARCHAR NOT NULL, front TEXT NOT NULL,
  back TEXT NOT NULL, override_front TEXT, override_back TEXT, source_line INTEGER NOT NULL,
  source_end INTEGER NOT NULL, sibling VARCHAR NOT NULL, extra TEXT NOT NULL,
  position INTEGER NOT NULL, retired BOOLEAN NOT NULL, suspended BOOLEAN NOT NULL,
  buried_until INTEGER NOT NULL, flag INTEGER NOT NULL, leech BOOLEAN NOT NULL,
  state INTEGER NOT NULL, step INTEGER NOT NULL, stability FLOAT, difficulty FLOAT,
  due INTEGER NOT NULL, last_review INTEGER, reps INTEGER NOT NULL, lapses INTEGER NOT NULL,
  created INTEGER NOT NULL, modified INTEGER NOT NULL, UNIQUE (deck_id, "key"),
  FOREIGN KEY(deck_id) REFERENCES decks (id) ON DELETE CASCADE,
  FOREIGN KEY(concept_id) REFERENCES concepts (id) ON DELETE SET NULL,
  FOREIGN KEY(source_id) REFERENCES sources (id) ON DELETE SET NULL);
CREATE INDEX ix_cards_queue ON cards (state, due);
CREATE INDEX ix_cards_concept_id ON cards (concept_id);
CREATE INDEX ix_cards_deck_id ON cards (deck_id);
CREATE INDEX ix_cards_guid ON cards (guid);
CREATE INDEX ix_cards_source_id ON cards (source_id);
CREATE TABLE revlog (id INTEGER NOT NULL PRIMARY KEY, card_id INTEGER NOT NULL,
  time_ms INTEGER NOT NULL, rating INTEGER NOT NULL, duration_ms INTEGER NOT NULL,
  state_before INTEGER NOT NULL, state_after INTEGER NOT NULL, interval_s INTEGER NOT NULL,
  stability FLOAT, difficulty FLOAT, kind VARCHAR NOT NULL,
  FOREIGN KEY(card_id) REFERENCES cards (id) ON DELETE CASCADE);
CREATE INDEX ix_revlog_card_time ON revlog (card_id, time_ms);
CREATE INDEX ix_revlog_time_ms ON revlog (time_ms);
"""
V1_TABLES = ("meta", "settings", "decks", "sources", "concepts", "cards", "revlog")


def build_v1(data: Path, answers: int = 70, source: Path | None = None) -> None:
    """A v1 collection: the DDL above, filled with real content written by today's service
    layer into a current collection (``source``, kept when given) and copied over column by
    column (the v1 columns only)."""
    from tests.reliability.helpers import load_deck, study

    src = source or data.parent / f"{data.name}-source"
    col = open_collection(src, seed=False, rng=random.Random(4))
    col.set_settings(timezone="Asia/Seoul", day_start_hour=5, learning_steps_min=[2, 15])
    load_deck(col, 25, T0)
    study(col, T0, answers, seed=9)
    col.close(backup=False)

    data.mkdir(parents=True)
    con = sqlite3.connect(data / DB_NAME)
    con.execute("PRAGMA synchronous = OFF")  # the test-mode database (tests/conftest.py)
    con.executescript(V1_DDL)
    con.execute("ATTACH DATABASE ? AS src", (str(src / DB_NAME),))
    for table in V1_TABLES:
        cols = ", ".join(f'"{c}"' for c in v1_columns(table))
        con.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM src.{table}")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.execute("DETACH DATABASE src")
    con.close()
    (data / "collection.lock").touch()  # as after the collection was opened there
    if source is None:
        shutil.rmtree(src)


def v1_columns(table: str) -> list[str]:
    con = sqlite3.connect(":memory:")
    con.executescript(V1_DDL)
    try:
        return [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
    finally:
        con.close()


def rows_of(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the v1 tables, v1 columns only (in rowid order)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out = {}
        for t in V1_TABLES:
            v1_cols = v1_columns(t)
            q = f"SELECT {', '.join(chr(34) + c + chr(34) for c in v1_cols)} FROM {t} ORDER BY rowid"
            out[t] = [tuple(r) for r in con.execute(q)]
        return out
    finally:
        con.close()


NEXT = store_models.SCHEMA_VERSION + 1  # a hypothetical version after today's


def _schema_next(monkeypatch: pytest.MonkeyPatch, step: object) -> None:
    for module in (store_models, store_db, store_migrations, store_files):
        monkeypatch.setattr(module, "SCHEMA_VERSION", NEXT, raising=False)
    monkeypatch.setitem(store_migrations.MIGRATIONS, NEXT, step)


def _add_note_column(conn: Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE cards ADD COLUMN note TEXT NOT NULL DEFAULT ''")


def test_v1_collection_is_upgraded_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    build_v1(data)
    before = rows_of(data / DB_NAME)
    assert len(before["cards"]) == 25 and len(before["revlog"]) == 70
    assert len(before["settings"]) == 3

    _schema_next(monkeypatch, _add_note_column)
    later = T0 + timedelta(days=40)
    col = open_collection(data, seed=False, now=later)
    try:
        assert col.db.schema_version() == NEXT
        assert rows_of(data / DB_NAME)["cards"] == before["cards"]
        assert col.settings()["timezone"] == "Asia/Seoul"
        assert col.settings()["learning_steps_min"] == [2, 15]
        assert check(col).problems == []  # the upgraded collection is still consistent
        card = col.next_card(later)
        assert card is not None
        col.answer(card.id, Rating.GOOD, later)
    finally:
        col.close(backup=False)

    after = rows_of(data / DB_NAME)
    for table in V1_TABLES:
        if table == "meta":
            assert dict(after["meta"])["schema_version"] == str(NEXT)
        elif table == "revlog":
            assert after["revlog"][: len(before["revlog"])] == before["revlog"]
            assert len(after["revlog"]) == 71
        elif table != "cards":  # cards: one was answered since
            assert after[table] == before[table], table
    con = sqlite3.connect(data / DB_NAME)
    cols = [r[1] for r in con.execute("PRAGMA table_info(cards)")]
    assert "note" in cols and con.execute("PRAGMA user_version").fetchone()[0] == NEXT
    con.close()

    [backup] = list((data / "backups").iterdir())
    when, reason = parse_backup_name(backup.name) or (None, None)
    assert reason == "before-migration-v1" and when == later.replace(microsecond=0)
    assert rows_of(backup) == before  # the backup is the v1 collection as it was
    con = sqlite3.connect(backup)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    con.close()


def _expected_last_intervals(con: sqlite3.Connection) -> dict[int, int]:
    """The v2 backfill recomputed in Python: the interval the card's previous row (by time,
    then id) scheduled, for answers to review cards; 0 otherwise."""
    out: dict[int, int] = {}
    prev: dict[int, int] = {}
    q = "SELECT id, card_id, state_before, interval_s FROM revlog ORDER BY card_id, time_ms, id"
    for rid, card_id, state_before, interval_s in con.execute(q):
        out[rid] = max(0, prev.get(card_id, 0)) if state_before == 2 else 0
        prev[card_id] = interval_s
    return out


def test_v1_collection_migrates_to_the_current_schema_with_last_intervals_backfilled(
    tmp_path: Path,
) -> None:
    data, source = tmp_path / "data", tmp_path / "source"
    build_v1(data, answers=400, source=source)  # weeks of study: young and mature answers
    before = rows_of(data / DB_NAME)
    later = T0 + timedelta(days=200)
    col = open_collection(data, seed=False, now=later)
    try:
        assert col.db.schema_version() == store_models.SCHEMA_VERSION
        assert check(col).problems == []
        migrated_stats = stats.stats_json(col, later)
    finally:
        col.close(backup=False)
    after = rows_of(data / DB_NAME)
    assert dict(after.pop("meta"))["schema_version"] == str(store_models.SCHEMA_VERSION)
    assert after == {t: rows for t, rows in before.items() if t != "meta"}  # v1 data intact

    con = sqlite3.connect(data / DB_NAME)
    # v4: every card is "changed since the last sync" (none yet); the sync tables are empty
    assert con.execute("SELECT DISTINCT usn FROM cards").fetchall() == [(-1,)]
    for table in ("sync_notes", "sync_cards", "sync_revlog", "sync_graves"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    got = dict(con.execute("SELECT id, last_interval_s FROM revlog"))
    expected = _expected_last_intervals(con)
    assert got == expected
    classes = {"mature": 0, "young": 0}
    for (state_before,), ivl in zip(
        con.execute("SELECT state_before FROM revlog ORDER BY id"),
        [got[i] for i in sorted(got)],
        strict=True,
    ):
        if state_before == 2:
            classes["mature" if ivl >= store_models.MATURE_INTERVAL_S else "young"] += 1
    assert classes["young"] > 0 and classes["mature"] > 0  # both branches were exercised
    # ... and equal to what Collection.answer wrote live into the v2 source collection
    src = sqlite3.connect(source / DB_NAME)
    assert dict(src.execute("SELECT id, last_interval_s FROM revlog")) == got
    # the hourly summary holds exactly the answers of the log
    hours = con.execute(
        "SELECT sum(learning_1 + learning_2 + learning_3 + learning_4), "
        "sum(young_1 + young_2 + young_3 + young_4), "
        "sum(mature_1 + mature_2 + mature_3 + mature_4), sum(duration_ms) FROM revlog_hours"
    ).fetchone()
    log = con.execute(
        "SELECT count(*) - ?, ?, ?, sum(duration_ms) FROM revlog "
        "WHERE kind = 'review' AND rating BETWEEN 1 AND 4",
        (classes["young"] + classes["mature"], classes["young"], classes["mature"]),
    ).fetchone()
    assert hours == log
    assert (
        src.execute("SELECT * FROM revlog_hours ORDER BY hour").fetchall()
        == con.execute("SELECT * FROM revlog_hours ORDER BY hour").fetchall()
    )
    con.close()
    src.close()
    with open_collection(source, seed=False) as fresh:  # statistics agree with a live v2 log
        assert stats.stats_json(fresh, later) == migrated_stats
    assert migrated_stats["retention"]["year"]["mature"]["passed"] > 0


def _answered_copy(tmp_path: Path) -> tuple[Path, Path, int]:
    """A new collection with one answer, and a copy of it (to be made older); the card."""
    fresh, data = tmp_path / "fresh", tmp_path / "data"
    with open_collection(fresh, rng=random.Random(1), now=T0) as col:
        card = col.next_card(T0)
        assert card is not None
        col.answer(card.id, Rating.GOOD, T0)
    shutil.copytree(fresh, data)
    return fresh, data, card.id


def test_v2_collection_gets_the_anki_review_log_columns(tmp_path: Path) -> None:
    """v3: an imported answer's Anki columns; every row of a v2 log has none (NULL), and the
    migrated table is the one a new collection has."""
    fresh, data, card_id = _answered_copy(tmp_path)
    con = sqlite3.connect(data / DB_NAME)
    _back_to_v3(con)
    for column in ("anki_factor", "anki_last_ivl", "anki_type"):
        con.execute(f"ALTER TABLE revlog DROP COLUMN {column}")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    log = con.execute("SELECT * FROM revlog").fetchall()
    con.close()
    with open_collection(data, seed=False, now=T0) as col:
        assert col.db.schema_version() == store_models.SCHEMA_VERSION
    con = sqlite3.connect(data / DB_NAME)
    new = sqlite3.connect(fresh / DB_NAME)
    try:
        assert (con.execute("PRAGMA table_info(revlog)").fetchall()
                == new.execute("PRAGMA table_info(revlog)").fetchall())  # fmt: skip
        assert con.execute("SELECT * FROM revlog").fetchall() == [
            (*r, None, None, None) for r in log
        ]
    finally:
        con.close()
        new.close()


def _back_to_v4(con: sqlite3.Connection) -> None:
    """A v5 collection made v4 again: no sort keys or their triggers."""
    for name in store_models.CARD_SORT_TRIGGERS:
        con.execute(f"DROP TRIGGER {name}")
    con.execute("DROP TABLE card_sort_keys")
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.execute("PRAGMA user_version = 4")


def _back_to_v3(con: sqlite3.Connection) -> None:
    """A v5 collection made v3 again: no sort keys, no sync triggers, tables or card usn."""
    _back_to_v4(con)
    for name in store_models.SYNC_TRIGGERS:
        con.execute(f"DROP TRIGGER {name}")
    for table in ("sync_notes", "sync_cards", "sync_revlog", "sync_graves"):
        con.execute(f"DROP TABLE {table}")
    con.execute("ALTER TABLE cards DROP COLUMN usn")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.execute("PRAGMA user_version = 3")


def _made_older_and_opened(
    tmp_path: Path, back: Callable[[sqlite3.Connection], None]
) -> tuple[Path, Path, int, list[tuple[object, ...]]]:
    """``_answered_copy`` with its copy made older by ``back``, then opened (migrated) and
    closed; and the copy's card rows before the migration."""
    fresh, data, card_id = _answered_copy(tmp_path)
    con = sqlite3.connect(data / DB_NAME)
    back(con)
    con.commit()
    cards = con.execute("SELECT * FROM cards").fetchall()
    con.close()
    with open_collection(data, seed=False, now=T0) as col:
        assert col.db.schema_version() == store_models.SCHEMA_VERSION == 5
    return fresh, data, card_id, cards


def _sync_schema(con: sqlite3.Connection) -> list[object]:
    """The sync tables' columns and indexes, and the sync triggers' SQL."""
    out: list[object] = []
    for table in ("sync_notes", "sync_cards", "sync_revlog", "sync_graves"):
        out.append(con.execute(f"PRAGMA table_info({table})").fetchall())
        for _seq, name, *_ in sorted(con.execute(f"PRAGMA index_list({table})").fetchall(),
                                     key=lambda r: r[1]):  # fmt: skip
            out.append((name, con.execute(f"PRAGMA index_info({name})").fetchall()))
    out.append(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                           "AND name LIKE 'cards_sync%' ORDER BY name").fetchall())  # fmt: skip
    return out


def test_v3_collection_gets_the_sync_marks_and_tables(tmp_path: Path) -> None:
    """v4: every card of a v3 collection is changed since the last sync (it never synced
    normally); the migrated tables and triggers are the ones a new collection has, and mark
    the next answer."""
    fresh, data, card_id, cards = _made_older_and_opened(tmp_path, _back_to_v3)
    con = sqlite3.connect(data / DB_NAME)
    new = sqlite3.connect(fresh / DB_NAME)
    try:
        assert _sync_schema(con) == _sync_schema(new)
        assert (con.execute("PRAGMA table_info(cards)").fetchall()
                == new.execute("PRAGMA table_info(cards)").fetchall())  # fmt: skip
        assert con.execute("SELECT * FROM cards").fetchall() == [(*c, -1) for c in cards]
        con.execute("UPDATE cards SET usn = 0")
        con.execute("UPDATE cards SET reps = reps + 1 WHERE id = ?", (card_id,))
        assert con.execute("SELECT id FROM cards WHERE usn = -1").fetchall() == [(card_id,)]
    finally:
        con.close()
        new.close()


def test_v4_collection_gets_the_sort_keys_a_new_collection_has(tmp_path: Path) -> None:
    """v5: the browser's sort keys of every card and their triggers, as a new collection has
    them (same table, same triggers, same keys); the cards themselves untouched."""
    fresh, data, _card_id, cards = _made_older_and_opened(tmp_path, _back_to_v4)
    con = sqlite3.connect(data / DB_NAME)
    new = sqlite3.connect(fresh / DB_NAME)
    try:
        for q in (
            "PRAGMA table_info(card_sort_keys)",
            "SELECT * FROM card_sort_keys ORDER BY id",
            "SELECT name, sql FROM sqlite_master WHERE name LIKE 'card_sort%' AND type = "
            "'trigger' ORDER BY name",
        ):
            assert con.execute(q).fetchall() == new.execute(q).fetchall(), q
        assert len(con.execute("SELECT * FROM card_sort_keys").fetchall()) == len(cards) > 0
        assert con.execute("SELECT * FROM cards").fetchall() == cards
    finally:
        con.close()
        new.close()


def test_failed_migration_leaves_the_collection_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    build_v1(data)
    before = rows_of(data / DB_NAME)

    def broken(conn: Connection) -> None:
        _add_note_column(conn)
        conn.exec_driver_sql("UPDATE cards SET note = 'x'")
        conn.exec_driver_sql("INSERT INTO no_such_table VALUES (1)")

    _schema_next(monkeypatch, broken)
    with pytest.raises(CollectionError, match="upgrading from schema 1 failed"):
        open_collection(data, seed=False, now=T0)
    con = sqlite3.connect(data / DB_NAME)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "note" not in [r[1] for r in con.execute("PRAGMA table_info(cards)")]
    # the real v2 step ran in the same transaction: rolled back with the rest
    assert "last_interval_s" not in [r[1] for r in con.execute("PRAGMA table_info(revlog)")]
    assert not con.execute("SELECT 1 FROM sqlite_master WHERE name LIKE 'revlog_hours%'").fetchall()
    con.close()
    assert rows_of(data / DB_NAME) == before
    monkeypatch.undo()
    col = open_collection(data, seed=False)  # and v1 still opens fine
    assert col.card_count() == 25
    col.close(backup=False)


def test_newer_collection_is_refused_byte_identical(tmp_path: Path) -> None:
    data = tmp_path / "data"
    build_v1(data)
    con = sqlite3.connect(data / DB_NAME)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute(f"PRAGMA user_version = {store_models.SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    raw = (data / DB_NAME).read_bytes()
    listing = sorted(p.name for p in data.iterdir())
    known = store_models.SCHEMA_VERSION
    with pytest.raises(
        CollectionError, match=rf"newer srsapp \(schema {NEXT}, this one knows {known}\)"
    ):
        open_collection(data, seed=False)
    assert (data / DB_NAME).read_bytes() == raw
    assert sorted(p.name for p in data.iterdir()) == listing  # no WAL, no backup written


@pytest.mark.parametrize("kind", ["newer", "foreign"])
def test_a_newer_or_foreign_file_in_wal_mode_is_refused_byte_identical(
    tmp_path: Path, kind: str
) -> None:
    """A file already in WAL mode is not looked at read-only first (connecting for writing
    leaves its header as it is): it is refused with the same words, the file and the folder
    as they were."""
    data = tmp_path / "data"
    data.mkdir()
    con = sqlite3.connect(data / DB_NAME)
    con.execute("PRAGMA journal_mode = WAL")
    if kind == "newer":
        con.execute("CREATE TABLE cards(id)")
        con.execute(f"PRAGMA user_version = {store_models.SCHEMA_VERSION + 1}")
    else:
        con.execute("CREATE TABLE notes(id)")
    con.commit()
    con.close()
    raw = (data / DB_NAME).read_bytes()
    assert raw[18:20] == b"\x02\x02"
    listing = sorted(p.name for p in data.iterdir())
    words = "newer srsapp" if kind == "newer" else "not an srsapp collection"
    with pytest.raises(CollectionError, match=words):
        open_collection(data, seed=False)
    assert (data / DB_NAME).read_bytes() == raw
    assert {p.name for p in data.iterdir()} - {"collection.lock"} == set(listing)  # no WAL left
