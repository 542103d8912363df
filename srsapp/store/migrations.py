"""Schema migrations: an ordered list of steps, each tied to the version it produces.

``migrate`` runs every step above the database's version inside one
transaction (the caller takes a backup first) and records the new version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from srsapp.store.models import (
    SCHEMA_VERSION,
    SYNC_TRIGGERS,
    rebuild_card_sort_keys,
    rebuild_revlog_hours,
)
from srsapp.store.queries import sqlite_connection

if TYPE_CHECKING:
    from sqlalchemy import Engine


# ---------------------------------------------------------------- v2

# The card's interval before each answer, from its previous log row (by time, then id): the
# interval that row scheduled. Only answers to cards in the review state have one. (Ordered by
# id so that the rows are rewritten in table order: 2.6 s instead of 4.9 s at 1M rows.)
BACKFILL_LAST_INTERVAL = """
UPDATE revlog SET last_interval_s = prev.ivl
FROM (SELECT id, max(0, coalesce(LAG(interval_s) OVER (
          PARTITION BY card_id ORDER BY time_ms, id), 0)) AS ivl, state_before
      FROM revlog ORDER BY id) AS prev
WHERE revlog.id = prev.id AND prev.state_before = 2 AND revlog.last_interval_s != prev.ivl
"""

# Written out (not generated from today's models): this step must keep producing v2.
REVLOG_HOURS_V2 = """
CREATE TABLE revlog_hours (hour INTEGER NOT NULL PRIMARY KEY,
  learning_1 INTEGER DEFAULT '0' NOT NULL, learning_2 INTEGER DEFAULT '0' NOT NULL,
  learning_3 INTEGER DEFAULT '0' NOT NULL, learning_4 INTEGER DEFAULT '0' NOT NULL,
  young_1 INTEGER DEFAULT '0' NOT NULL, young_2 INTEGER DEFAULT '0' NOT NULL,
  young_3 INTEGER DEFAULT '0' NOT NULL, young_4 INTEGER DEFAULT '0' NOT NULL,
  mature_1 INTEGER DEFAULT '0' NOT NULL, mature_2 INTEGER DEFAULT '0' NOT NULL,
  mature_3 INTEGER DEFAULT '0' NOT NULL, mature_4 INTEGER DEFAULT '0' NOT NULL,
  duration_ms INTEGER DEFAULT '0' NOT NULL)
"""


def backfill_last_interval(conn: Connection) -> None:
    """Fill ``revlog.last_interval_s`` of every row from the card's previous row."""
    conn.exec_driver_sql(BACKFILL_LAST_INTERVAL)


def _to_v2(conn: Connection) -> None:
    conn.exec_driver_sql(
        "ALTER TABLE revlog ADD COLUMN last_interval_s INTEGER DEFAULT '0' NOT NULL"
    )
    backfill_last_interval(conn)
    conn.exec_driver_sql(REVLOG_HOURS_V2)
    rebuild_revlog_hours(conn)  # fills it and creates its triggers
    # the review log's indexes cover the knowledge history's reads
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_revlog_card_time")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_revlog_time_ms")
    conn.exec_driver_sql("CREATE INDEX ix_revlog_card_time ON revlog (card_id, time_ms, stability)")
    conn.exec_driver_sql("CREATE INDEX ix_revlog_time_ms ON revlog (time_ms, card_id, stability)")


# ---------------------------------------------------------------- v3


def _to_v3(conn: Connection) -> None:
    # an imported answer's Anki review-log columns (NULL: unknown, as for every row before)
    for column in ("anki_factor", "anki_last_ivl", "anki_type"):
        conn.exec_driver_sql(f"ALTER TABLE revlog ADD COLUMN {column} INTEGER")


# ---------------------------------------------------------------- v4

# Written out (not generated from today's models): this step must keep producing v4.
SYNC_TABLES_V4 = (
    "CREATE TABLE sync_notes (id INTEGER NOT NULL PRIMARY KEY, guid VARCHAR NOT NULL, "
    "mid INTEGER NOT NULL, mod INTEGER NOT NULL, tags TEXT NOT NULL, flds TEXT NOT NULL)",
    "CREATE INDEX ix_sync_notes_guid ON sync_notes (guid)",
    "CREATE TABLE sync_cards (id INTEGER NOT NULL PRIMARY KEY, nid INTEGER NOT NULL, "
    "ord INTEGER NOT NULL, mod INTEGER NOT NULL, entry TEXT NOT NULL, card_id INTEGER)",
    "CREATE INDEX ix_sync_cards_nid ON sync_cards (nid)",
    "CREATE INDEX ix_sync_cards_card_id ON sync_cards (card_id)",
    "CREATE TABLE sync_revlog (id INTEGER NOT NULL PRIMARY KEY, cid INTEGER NOT NULL)",
    "CREATE TABLE sync_graves (id INTEGER NOT NULL PRIMARY KEY)",
)


def _to_v4(conn: Connection) -> None:
    """Every card starts as changed (usn -1): a collection that never synced incrementally
    has its first sync with a server as a full one, which marks them synced."""
    conn.exec_driver_sql("ALTER TABLE cards ADD COLUMN usn INTEGER DEFAULT '-1' NOT NULL")
    for ddl in SYNC_TABLES_V4:
        conn.exec_driver_sql(ddl)
    for ddl in SYNC_TRIGGERS.values():
        conn.exec_driver_sql(ddl)


# ---------------------------------------------------------------- v5

# Written out (not generated from today's models): this step must keep producing v5.
CARD_SORT_KEYS_V5 = (
    "CREATE TABLE card_sort_keys (id INTEGER NOT NULL PRIMARY KEY, front TEXT NOT NULL)"
)


def _to_v5(conn: Connection) -> None:
    """The browser's sort key of every card, worked out once (≈ 0.3 s at 100k cards) and
    kept by triggers from then on."""
    conn.exec_driver_sql(CARD_SORT_KEYS_V5)
    rebuild_card_sort_keys(conn)  # fills it and creates its triggers


# version produced -> step. Version 1 is the first release's schema (created, never migrated to).
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
}


def migrate(engine: Engine, from_version: int) -> list[int]:
    applied: list[int] = []
    with engine.connect() as conn:
        # Python's sqlite3 only opens a transaction before INSERT/UPDATE/DELETE, so DDL such as
        # ALTER TABLE would commit on its own: drive BEGIN/COMMIT ourselves so a failing step
        # leaves the database exactly as it was.
        raw = sqlite_connection(conn)
        saved = raw.isolation_level
        raw.isolation_level = None
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                for version in range(from_version + 1, SCHEMA_VERSION + 1):
                    step = MIGRATIONS.get(version)
                    if step is not None:
                        step(conn)
                    applied.append(version)
                conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.exec_driver_sql(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
            conn.commit()
        finally:
            raw.isolation_level = saved
    return applied
