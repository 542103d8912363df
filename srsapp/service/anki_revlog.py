"""The review log of an intact Anki package, mapped into ours by SQLite alone.

``read_package(defer_revlog=True)`` leaves an intact review log (``apkg_rows.revlog_intact``:
every row passes the reader's checks unchanged) in the package's database instead of turning
its rows into Python objects. The importer then

- reads what scheduling needs per card with ``PackageHistory`` (the last rated answer; the
  rated answers of the few cards that have no FSRS memory state, for a replay), and
- inserts the rows with one ``INSERT ... SELECT`` (``insert_sql``) from the package database
  attached to the collection's connection as schema ``pkg``, through a table
  ``pkg.srs_map`` (Anki card id -> our card id, and whether that card existed before: only
  then are rows it already has skipped).

The SQL gives exactly the rows ``transfer_anki._revlog_rows`` gives (a test compares them):
the card's state before and after each answer follows from the row itself and, for
learning / manual rows, from the state after the previous row of the same card. Rows that
would need more (a manual entry with a negative interval) make the package "not intact".
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence

SCHEMA = "pkg"  # the name the package database is attached under
MAP_TABLE = f"{SCHEMA}.srs_map"
MAP_DDL = (
    f"CREATE TABLE {MAP_TABLE} (cid INTEGER PRIMARY KEY, card_id INTEGER NOT NULL, "
    "matched INTEGER NOT NULL)"
)

# A rated answer (not a manual or rescheduling entry), as the replay and "last review" use.
_RATED = "ease BETWEEN 1 AND 4 AND type NOT IN (4, 5)"

# The card's state after an answer (CardState: 0 new, 1 learning, 2 review, 3 relearning),
# from the row alone: an interval means review; a manual entry with none means reset to new;
# else relearning after a review / relearning / filtered answer, learning after a learning one.
_AFTER = (
    "CASE WHEN r.ivl > 0 THEN 2 WHEN r.ivl = 0 AND (r.type IN (4, 5) OR r.ease = 0) THEN 0 "
    "WHEN r.type IN (1, 2, 3) THEN 3 ELSE 1 END"
)


def select_sql(*, skip_known: bool) -> str:
    """SQL: our review-log rows (card_id + ``REVLOG_COLUMNS``) for the package's review log,
    for the cards in ``pkg.srs_map``. ``skip_known``: leave out answers a matched card already
    has (same card, same time)."""
    before = (
        "CASE type WHEN 0 THEN prev != 0 WHEN 1 THEN 2 WHEN 2 THEN 3 WHEN 3 THEN 2 ELSE prev END"
    )
    where = (
        "WHERE NOT m.matched OR NOT EXISTS (SELECT 1 FROM main.revlog x "
        "WHERE x.card_id = m.card_id AND x.time_ms = h.t)"
        if skip_known
        else ""
    )
    return f"""
        WITH h AS (
            SELECT r.cid AS cid, r.id AS t, r.ease AS ease, r.ivl AS ivl, r.lastIvl AS last_ivl,
                   r.time AS took, r.type AS type, {_AFTER} AS after,
                   lag({_AFTER}, 1, 0) OVER (PARTITION BY r.cid ORDER BY r.id) AS prev
            FROM {SCHEMA}.revlog r
        ), s AS (SELECT *, {before} AS before FROM h)
        SELECT m.card_id, h.t,
               CASE WHEN h.type IN (4, 5) OR h.ease = 0 THEN 0 ELSE h.ease END,
               max(h.took, 0), h.before, h.after,
               CASE WHEN h.ivl > 0 THEN h.ivl * 86400 ELSE -h.ivl END,
               CASE WHEN h.before = 2 AND h.last_ivl > 0 THEN h.last_ivl * 86400 ELSE 0 END,
               NULL, NULL, 'imported'
        FROM s h JOIN {MAP_TABLE} m ON m.cid = h.cid
        {where}
    """


def insert_sql(columns: Sequence[str], *, skip_known: bool) -> str:
    """SQL: insert ``select_sql``'s rows into our review log (``columns``: card_id and
    ``transfer_merge.REVLOG_COLUMNS``, in that order)."""
    return f"INSERT INTO main.revlog ({', '.join(columns)}) {select_sql(skip_known=skip_known)}"


FRESH_SQL = f"""
    SELECT DISTINCT m.card_id FROM {SCHEMA}.revlog r JOIN {MAP_TABLE} m ON m.cid = r.cid
    WHERE m.matched AND NOT EXISTS (
        SELECT 1 FROM main.revlog x WHERE x.card_id = m.card_id AND x.time_ms = r.id)
"""
COUNT_SQL = f"SELECT count(*) FROM {SCHEMA}.revlog r JOIN {MAP_TABLE} m ON m.cid = r.cid"


class PackageHistory:
    """What scheduling an imported card needs from a deferred review log."""

    def __init__(self, db: bytes) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute(f"ATTACH ':memory:' AS {SCHEMA}")
        self.conn.deserialize(db, name=SCHEMA)
        self._rated: dict[int, list[tuple[int, int]]] | None = None

    def last_rated(self) -> dict[int, int]:
        """Anki card id -> time (epoch ms) of its last rated answer."""
        sql = f"SELECT cid, max(id) FROM {SCHEMA}.revlog WHERE {_RATED} GROUP BY cid"
        return dict(self.conn.execute(sql).fetchall())

    def rated(self, cid: int) -> list[tuple[int, int]]:
        """(time in epoch ms, rating) of card ``cid``'s rated answers, in time order (all
        cards are read on the first call: the cards asking are usually many or none)."""
        if self._rated is None:
            self._rated = defaultdict(list)
            sql = f"SELECT cid, id, ease FROM {SCHEMA}.revlog WHERE {_RATED} ORDER BY cid, id"
            for c, t, ease in self.conn.execute(sql):
                self._rated[c].append((t, ease))
        return self._rated.get(cid, [])

    def close(self) -> None:
        self.conn.close()
