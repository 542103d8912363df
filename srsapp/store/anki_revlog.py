"""Anki's review log mapped into ours, by SQLite alone (the one mapping of it).

``read_package(defer_revlog=True)`` leaves an intact review log (``apkg_rows.revlog_intact``:
every row passes the reader's checks unchanged) in the package's database instead of turning
its rows into Python objects, and runs ``JOBS`` on a copy of that database (attached as
``SOURCE``) in its background thread (``apkg_read.RevlogWorker``) while the notes and cards
are read and rendered:

- ``last_rated_db``: each card's last rated answer (``LAST_TABLE``), which scheduling needs;
- ``mapped_db``: the rows mapped into ours (``map_revlog``: ``MAPPED_TABLE``).

Each comes back as a small database; the importer attaches them to the collection's
connection (``LAST_SCHEMA``, ``SCHEMA``) and inserts the review log with one
``INSERT ... SELECT`` (``insert_sql``) through ``MAP_TABLE`` (Anki card id -> our card id,
and whether that card existed before: only then are rows it already has skipped).
``PackageHistory`` reads the rated answers of the few cards that have no FSRS memory state,
for a replay.

This is the one mapping of Anki's review log into ours: a review log the reader had to check
row by row (clamped or skipped rows) is written into a package-shaped table and mapped by the
same SQL (``package_db_of``, ``results_of``). The card's state before and after each answer follows from the
row itself and, for learning / manual rows, from the state after the previous row of the same
card (a manual entry with a negative interval: from the last row before it of another kind).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from srsapp.store import queries
from srsapp.store.models import revlog_hours_select

SOURCE = "pkg"  # the package's collection database, as attached to a connection
SCHEMA = "pkgrl"  # the mapped review log (``map_revlog``), as attached
LAST_SCHEMA = "pkglast"  # each card's last rated answer (``last_rated_db``), as attached
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


# Our review-log values of each row of the package's review log (Anki card id first), in
# card and time order: the state before an answer needs the state after the card's previous one.
MAPPED_TABLE = f"{SCHEMA}.srs_mapped"
MAPPED_COLUMNS = queries.REVLOG_ANSWER_COLUMNS
# Anki's own columns of each row, kept with it (``models.Review``): after ``MAPPED_COLUMNS``
ANKI_COLUMNS = ("anki_factor", "anki_last_ivl", "anki_type")
_ORDERED = "temp.srs_ordered"  # the package's review log in card and time order
LAST_TABLE = f"{LAST_SCHEMA}.srs_last"  # Anki card id -> time (epoch ms) of its last rated answer
# The state before: fixed by the kind of answer, or (learning, manual) the state after the
# card's previous answer -- the row before in card and time order, "new" for the first.
_PREV = "coalesce(p.after, 0)"
_BEFORE = (
    f"CASE a.type WHEN 0 THEN {_PREV} != 0 WHEN 1 THEN 2 WHEN 2 THEN 3 WHEN 3 THEN 2 "
    f"ELSE {_PREV} END"
)
_ORDERED_COLUMNS = (
    f"r.cid AS cid, r.id AS t, r.ease AS ease, r.ivl AS ivl, r.lastIvl AS last_ivl, "
    f"r.factor AS factor, r.time AS took, r.type AS type, {_AFTER} AS after"
)
# The rows are inserted in card and time order, so their rowids follow it and a row's
# predecessor is rowid - 1 (when of the same card). SQLite inserts the rows of an
# INSERT ... SELECT ... ORDER BY in that order; ``order_revlog`` checks it (one pass,
# ``_CHECKS``) and numbers the rows explicitly (row_number, twice the work) if it ever did
# not. One pass over
# the table and a sort: a quarter cheaper than walking the package's index on cid and
# reading each row from there (114k rows: 0.098 -> 0.072 s).
ORDERED_DDL = (
    f"CREATE TABLE {_ORDERED} AS SELECT {_ORDERED_COLUMNS} "
    f"FROM {SOURCE}.revlog r NOT INDEXED ORDER BY r.cid, r.id"
)
_RENUMBER = (
    f"DELETE FROM {_ORDERED}",
    f"""INSERT INTO {_ORDERED} (rowid, cid, t, ease, ivl, last_ivl, factor, took, type, after)
        SELECT row_number() OVER (ORDER BY r.cid, r.id), {_ORDERED_COLUMNS}
        FROM {SOURCE}.revlog r""",
)
# A manual or rescheduling entry with a negative interval (seconds: back into (re)learning)
# leaves the card relearning if it was in review or relearning before the entry, else
# learning. The state before is the state after the last other row of the card: a row whose
# state after follows from the row alone (``_AFTER``), so one UPDATE sets them all.
_MANUAL_NEGATIVE = "type NOT IN (0, 1, 2, 3) AND ivl < 0"
_FIX_MANUAL_NEGATIVE = f"""
    UPDATE {_ORDERED} SET after = CASE WHEN coalesce((
        SELECT p.after FROM {_ORDERED} p
        WHERE p.cid = {_ORDERED}.cid AND p.rowid < {_ORDERED}.rowid
          AND NOT (p.type NOT IN (0, 1, 2, 3) AND p.ivl < 0)
        ORDER BY p.rowid DESC LIMIT 1), 0) IN (2, 3) THEN 3 ELSE 1 END
    WHERE {_MANUAL_NEGATIVE}"""
# Each ordered row with the row before it: whether one follows a row it should not (then they
# are numbered again); with it, whether one after the first is a manual entry with a negative
# interval -- only then does ``_FIX_MANUAL_NEGATIVE`` run (a scan of its own: 114k rows, 11 ms;
# the first row has no row before it, so the fix leaves it as it is)
_MISORDERED = "p.cid > a.cid OR (p.cid = a.cid AND p.t >= a.t)"
_PAIRS = f"SELECT 1 FROM {_ORDERED} a JOIN {_ORDERED} p ON p.rowid = a.rowid - 1"
_CHECKS = (
    f"SELECT EXISTS ({_PAIRS} WHERE {_MISORDERED} OR (a.type NOT IN (0, 1, 2, 3) AND a.ivl < 0))"
)
MAP_STEPS = (
    f"""CREATE TABLE {MAPPED_TABLE} AS
        SELECT cid,
               t AS time_ms,
               CASE WHEN type IN (4, 5) OR ease = 0 THEN 0 ELSE ease END AS rating,
               max(took, 0) AS duration_ms,
               before AS state_before,
               after AS state_after,
               CASE WHEN ivl > 0 THEN ivl * 86400 ELSE -ivl END AS interval_s,
               CASE WHEN before = 2 AND last_ivl > 0 THEN last_ivl * 86400 ELSE 0 END
                   AS last_interval_s,
               factor AS anki_factor, last_ivl AS anki_last_ivl, type AS anki_type
        FROM (SELECT a.*, {_BEFORE} AS before FROM {_ORDERED} a
              LEFT JOIN {_ORDERED} p ON p.rowid = a.rowid - 1 AND p.cid = a.cid
              ORDER BY a.rowid)""",
)
LAST_STEPS = (
    f"CREATE TABLE {LAST_TABLE} (cid INTEGER PRIMARY KEY, t INTEGER NOT NULL)",
    # read off ``order_revlog``'s table, in card and time order: each card's row is replaced
    # by its later ones, the last standing -- no sort (114k rows: 0.05 -> 0.022 s)
    f"INSERT OR REPLACE INTO {LAST_TABLE} SELECT cid, t FROM {_ORDERED} WHERE {_RATED} "
    "ORDER BY rowid",
)


def _attach_empty(conn: sqlite3.Connection, schema: str) -> None:
    if schema not in {row[1] for row in conn.execute("PRAGMA database_list")}:
        conn.execute(f"ATTACH ':memory:' AS {schema}")


# The mapped rows' answers per hour (``models.revlog_hours`` rows), worked out in the reader's
# thread: when every mapped row is inserted, the importer adds these instead of aggregating the
# rows it inserted (``merge.insert_package_revlog``). Every mapped row is of kind "imported".
HOURS_TABLE = f"{SCHEMA}.srs_hours"
HOURS_DDL = f"CREATE TABLE {HOURS_TABLE} AS " + revlog_hours_select(
    table=MAPPED_TABLE, counted="r.rating BETWEEN 1 AND 4"
)
MAPPED_COUNT_SQL = f"SELECT count(*) FROM {MAPPED_TABLE}"


def order_revlog(conn: sqlite3.Connection) -> None:
    """The package's review log (attached as ``SOURCE`` on ``conn``) in card and time order
    as a temporary table, its rowids following that order, with each row's state after it
    (a manual entry's with a negative interval from the rows before it): the first step of
    ``map_revlog`` (done once: a later call finds it done), which ``rated_answers`` and
    ``last_rated_db`` also read. The table stays until the connection is closed."""
    done = conn.execute(
        "SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = ?",
        (_ORDERED.split(".")[1],),
    ).fetchone()
    if done is not None:
        return
    conn.execute(ORDERED_DDL)
    if conn.execute(_CHECKS).fetchone()[0]:  # (rare) misordered, or a manual entry to fix
        if conn.execute(f"SELECT EXISTS ({_PAIRS} WHERE {_MISORDERED})").fetchone()[0]:
            for sql in _RENUMBER:
                conn.execute(sql)
        conn.execute(_FIX_MANUAL_NEGATIVE)


def map_revlog(conn: sqlite3.Connection) -> None:
    """Create ``MAPPED_TABLE`` in a new database attached as ``SCHEMA`` on ``conn`` (which
    has the package attached as ``SOURCE``)."""
    _attach_empty(conn, SCHEMA)
    order_revlog(conn)
    for sql in MAP_STEPS:
        conn.execute(sql)
    conn.execute(HOURS_DDL)
    conn.commit()  # the INSERTs opened a transaction: serialize() shows committed pages only


def mapped_db(conn: sqlite3.Connection) -> bytes:
    """``map_revlog``, as a database to attach (``SCHEMA``)."""
    map_revlog(conn)
    return conn.serialize(name=SCHEMA)


# A package's review-log row: id (epoch ms), cid, ease, ivl, lastIvl, factor, time, type.
AnkiRevlogRow = tuple[int, int, int, int, int, int, int, int]


def package_db_of(rows: Iterable[AnkiRevlogRow]) -> bytes:
    """A package-shaped database holding just the review log ``rows`` (its ``revlog``
    table): a review log the reader checked row by row (clamped, skipped) is mapped by the
    same SQL as one left in the package (``results_of``)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(
            "CREATE TABLE revlog (id INTEGER, cid INTEGER, ease INTEGER, "
            "ivl INTEGER, lastIvl INTEGER, factor INTEGER, time INTEGER, type INTEGER)"
        )
        conn.executemany("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


def results_of(db: bytes, jobs: Sequence[Callable[[sqlite3.Connection], Any]] = ()) -> list[Any]:
    """What ``jobs`` (``JOBS`` when none are given) return run on the package database ``db``
    attached as ``SOURCE``: the reader's background work (``apkg_read.RevlogWorker``), done
    here and now."""
    conn = sqlite3.connect(":memory:")
    try:
        _attach_empty(conn, SOURCE)
        conn.deserialize(db, name=SOURCE)
        return [job(conn) for job in (jobs or JOBS)]
    finally:
        conn.close()


def mapped_db_of(rows: Iterable[AnkiRevlogRow]) -> bytes:
    """``mapped_db`` of a review log the reader has checked row by row."""
    mapped: bytes = results_of(package_db_of(rows), (mapped_db,))[0]
    return mapped


def last_rated_db(conn: sqlite3.Connection) -> bytes:
    """``LAST_TABLE``, as a database to attach (``LAST_SCHEMA``)."""
    _attach_empty(conn, LAST_SCHEMA)
    order_revlog(conn)
    for sql in LAST_STEPS:
        conn.execute(sql)
    conn.commit()
    return conn.serialize(name=LAST_SCHEMA)


# A card the package stores no FSRS memory state for, as a superset (the reader decides which
# stored states are valid): studied, and its data without both keys of a memory state.
_STATELESS = (
    f"SELECT id FROM {SOURCE}.cards WHERE type != 0 "
    """AND NOT (CAST(data AS TEXT) LIKE '%"s":%' AND CAST(data AS TEXT) LIKE '%"d":%')"""
)


def stateless_cards(conn: sqlite3.Connection) -> set[int] | None:
    """The package's studied cards that may lack a stored memory state (``_STATELESS``), on a
    connection with the package attached as ``SOURCE``; None when it holds no cards table (a
    review log the reader checked row by row: every card may)."""
    has = conn.execute(
        f"SELECT 1 FROM {SOURCE}.sqlite_master WHERE type = 'table' AND name = 'cards'"
    ).fetchone()
    return None if has is None else {cid for (cid,) in conn.execute(_STATELESS)}


def rated_answers(
    conn: sqlite3.Connection, *, stateless_only: bool, stateless: AbstractSet[int] | None = None
) -> list[tuple[int, int, int]]:
    """(Anki card id, time in epoch ms, rating) of the rated answers of the package's review
    log (those the mapped review log rates 1-4), in card and time order -- of every card, or
    of those ``stateless_cards`` finds (``stateless``: what it found, when the caller has it
    already). Read off ``order_revlog``'s table (made here if it is not yet), so that it needs
    no mapping done first and no sort of its own."""
    order_revlog(conn)
    sql = f"SELECT cid, t, ease FROM {_ORDERED} WHERE {_RATED} "
    if not stateless_only:
        return conn.execute(sql + "ORDER BY rowid").fetchall()
    if stateless is not None:
        if not stateless:
            return []
        studied = conn.execute(f"SELECT count(*) FROM {SOURCE}.cards WHERE type != 0").fetchone()
        if 2 * len(stateless) >= studied[0]:
            # most studied cards (a package without memory states): the same rows, the others
            # left out here rather than each row looked up in SQL (114k rows: 0.087 -> 0.065 s)
            return [row for row in conn.execute(sql + "ORDER BY rowid") if row[0] in stateless]
    return conn.execute(sql + f"AND cid IN ({_STATELESS}) ORDER BY rowid").fetchall()


# The review log's jobs an importer hands ``read_package`` (``apkg_read.RevlogWorker``), in
# the order it needs their results: the last rated answers first (the cards rows use them),
# then the mapped review log (``importer.package_jobs`` runs its replay before the two).
JOBS = (last_rated_db, mapped_db)


# An answer the card already has: same card and time, or the same answer (rating, time taken,
# interval) a few seconds off. Anki's review ids are times in ms and must be unique, so an
# exporter moves an answer that shares its millisecond with another card's by a few ms
# (thousands, when many cards were changed in one ms); two devices answering one card in the
# same seconds still differ in the time they took.
KNOWN_WINDOW_MS = 10_000
_KNOWN = (
    "SELECT 1 FROM main.revlog x WHERE x.card_id = m.card_id AND (x.time_ms = h.time_ms OR ("
    "x.rating = h.rating AND x.duration_ms = h.duration_ms AND x.interval_s = h.interval_s "
    f"AND x.time_ms BETWEEN h.time_ms - {KNOWN_WINDOW_MS} AND h.time_ms + {KNOWN_WINDOW_MS}))"
)


def select_sql(*, skip_known: bool) -> str:
    """SQL: our review-log rows (card_id + ``merge.REVLOG_COLUMNS`` + ``ANKI_COLUMNS``) of
    the mapped review log, for the cards in ``MAP_TABLE``. ``skip_known``: leave out answers a
    matched card already has (same card, same time)."""
    where = f"WHERE NOT m.matched OR NOT EXISTS ({_KNOWN})" if skip_known else ""
    values = ", ".join(f"h.{c}" for c in MAPPED_COLUMNS)
    anki = ", ".join(f"h.{c}" for c in ANKI_COLUMNS)
    return f"""
        SELECT m.card_id, {values}, NULL, NULL, 'imported', {anki}
        FROM {MAPPED_TABLE} h JOIN {MAP_TABLE} m ON m.cid = h.cid
        {where}
    """


def insert_sql(columns: Sequence[str], *, skip_known: bool) -> str:
    """SQL: insert ``select_sql``'s rows into our review log (``columns``: card_id and
    ``merge.REVLOG_COLUMNS``, in that order; ``ANKI_COLUMNS`` follow)."""
    names = ", ".join((*columns, *ANKI_COLUMNS))
    return f"INSERT INTO main.revlog ({names}) {select_sql(skip_known=skip_known)}"


FRESH_SQL = f"""
    SELECT DISTINCT m.card_id FROM {MAPPED_TABLE} h JOIN {MAP_TABLE} m ON m.cid = h.cid
    WHERE m.matched AND NOT EXISTS ({_KNOWN})
"""
COUNT_SQL = f"SELECT count(*) FROM {MAPPED_TABLE} h JOIN {MAP_TABLE} m ON m.cid = h.cid"


class PackageHistory:
    """The rated answers of a deferred review log, for replaying the cards that have no FSRS
    memory state (the database is opened on the first question)."""

    def __init__(self, db: bytes) -> None:
        self.db = db
        self._rated: dict[int, list[tuple[int, int]]] | None = None

    def rated(self, cid: int) -> list[tuple[int, int]]:
        """(time in epoch ms, rating) of card ``cid``'s rated answers, in time order (all
        cards are read on the first call: the cards asking are usually many or none)."""
        if self._rated is None:
            self._rated = defaultdict(list)
            conn = sqlite3.connect(":memory:")
            try:
                conn.deserialize(self.db)
                # in time order (the id is the time, and the rowid: no sort, no index walk)
                sql = f"SELECT cid, id, ease FROM revlog WHERE {_RATED} ORDER BY id"
                for c, t, ease in conn.execute(sql):
                    self._rated[c].append((t, ease))
            finally:
                conn.close()
        return self._rated.get(cid, [])

    def close(self) -> None:
        self._rated = None
