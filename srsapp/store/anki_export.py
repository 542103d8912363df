"""What an .apkg export reads of the collection, and its review log mapped inside SQLite.

One plain ``sqlite3`` connection opens the collection file read-only (WAL: the app may keep
it open meanwhile) with the package's schema 11 database attached in memory as ``pkg``.
``convert.build_package`` reads decks and cards and maps notes and cards in Python
(rendering, diagram pictures, media); the review log -- ten times as many rows -- is copied
by one ``INSERT INTO pkg.revlog SELECT`` that applies the mapping rules below, in the same
read transaction as the cards, and in a thread meanwhile (SQLite runs it without the GIL).
The package database is then serialized into the zip.

Review-log mapping (our row -> Anki's): id = the answer's time in epoch ms (made unique: see
``insert_unclashing``), ease = rating (0 for a manual entry), ivl = the study days to the due
of an answer that leaves the card in review (at least 1 for a rated one), else the scheduled
interval's negated seconds (or its days when a day or more), lastIvl = the ivl of the card's
previous answer (0 for the first), type = learning for an answer of a new or learning card,
review / relearning for one of a review / relearning card, manual for rating 0, factor 2500
on review and relearning answers, time = the answer's duration in ms; an answer imported
from Anki keeps its own factor, lastIvl and type. Only cards exported with their scheduling
and not new get their history.
"""

from __future__ import annotations

import json
import sqlite3
from collections import namedtuple
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from srsapp.core.model import CardState
from srsapp.store.db import BUSY_TIMEOUT_MS
from srsapp.store.queries import EXPORTED_CARD_COLUMNS

DAY = 86_400
PACKAGE = "pkg"  # the package's database, attached in memory
# Anki's review-log types (``interchange.anki_model.RevlogType``)
_LEARNING, _REVIEW, _RELEARNING, _MANUAL = 0, 1, 2, 4
# Anki's review-log type of an answer, by our card state before it
_STATE_TYPE: dict[int, int] = {
    int(CardState.NEW): _LEARNING,
    int(CardState.LEARNING): _LEARNING,
    int(CardState.REVIEW): _REVIEW,
    int(CardState.RELEARNING): _RELEARNING,
}
_TYPE_SQL = (
    f"CASE WHEN r.rating = 0 THEN {_MANUAL} ELSE CASE r.state_before "
    + " ".join(f"WHEN {state} THEN {rtype}" for state, rtype in _STATE_TYPE.items())
    + f" ELSE {_REVIEW} END END"
)
_WITH_FACTOR = f"({_REVIEW}, {_RELEARNING})"
# Anki's ivl: days for an answer that leaves the card in review -- the study days to its due,
# which lies on a day start at most a day before ``answer + n days`` (a 1-day interval
# answered at 20:00 is due at 04:00: 8 hours, one day) -- else negative seconds (learning)
_IVL_SQL = (
    f"CASE WHEN r.state_after = {int(CardState.REVIEW)} "
    f"THEN max(CASE WHEN r.rating = 0 THEN 0 ELSE 1 END, (r.interval_s + {DAY - 1}) / {DAY}) "
    f"WHEN r.interval_s >= {DAY} THEN r.interval_s / {DAY} ELSE -r.interval_s END"
)


def _mapped(where: str = "", *, exact: bool = False) -> str:
    """The exported cards' answers mapped (``temp.history``: our card id -> Anki card id):
    id (the answer time, not yet unique), then Anki's columns in order; ``where`` limits the
    cards. Each card's answers are ordered by time, which the index on (card_id, time_ms)
    gives without a sort; ``exact`` breaks ties by our row id and adds it as a last column
    (needed only where one card has two answers at the same millisecond: its ids clash).
    An answer imported from Anki gives back the factor, lastIvl and type it came with."""
    order, rid = ("time_ms, rid", ", rid") if exact else ("time_ms", "")
    return f"""
SELECT time_ms, aid, -1, ease, ivl,
       coalesce(anki_last_ivl, LAG(ivl, 1, 0) OVER (PARTITION BY card_id ORDER BY {order})),
       coalesce(anki_factor, CASE WHEN type IN {_WITH_FACTOR} THEN 2500 ELSE 0 END),
       duration_ms, type{rid}
FROM (SELECT r.id AS rid, r.card_id, r.time_ms, h.aid, r.rating AS ease, r.duration_ms,
             {_IVL_SQL} AS ivl, coalesce(r.anki_type, {_TYPE_SQL}) AS type,
             r.anki_factor, r.anki_last_ivl
      FROM temp.history h JOIN revlog r ON r.card_id = h.id {where})
"""


_INSERT = "INSERT INTO pkg.revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
# cards with an answer at the same millisecond as another exported answer
_CLASHING = """
INSERT INTO temp.clash
SELECT DISTINCT r.card_id FROM temp.history h JOIN revlog r ON r.card_id = h.id
WHERE r.time_ms IN (SELECT r2.time_ms FROM temp.history h2 JOIN revlog r2 ON r2.card_id = h2.id
                    GROUP BY r2.time_ms HAVING count(*) > 1)
"""


def read_only(db_path: str | Path, *, package: bool) -> sqlite3.Connection:
    """A plain connection that reads the collection file (WAL: the app may keep it open), in
    autocommit mode (``begin``/``commit`` make its one read transaction). ``package``: with
    an empty database attached in memory as ``PACKAGE`` and ``temp.history`` (our card id ->
    Anki card id of each card whose review log is exported)."""
    conn = sqlite3.connect(
        f"{Path(db_path).resolve().as_uri()}?mode=ro",
        uri=True,
        isolation_level=None,
        check_same_thread=False,  # the review log is copied in a thread (exporter._HistoryCopy)
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if package:
        conn.execute(f"ATTACH ':memory:' AS {PACKAGE}")  # not possible inside a transaction
        conn.execute("CREATE TEMP TABLE history (id INTEGER PRIMARY KEY, aid INTEGER NOT NULL)")
    return conn


def begin(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN")


def commit(conn: sqlite3.Connection) -> None:
    conn.execute("COMMIT")


def package_bytes(conn: sqlite3.Connection) -> bytes:
    """The package's database, serialized."""
    return conn.serialize(name=PACKAGE)


def add_history(conn: sqlite3.Connection, history: Sequence[tuple[int, int]]) -> None:
    """The cards whose review log goes into the package: (our card id, Anki card id)."""
    conn.executemany("INSERT INTO temp.history VALUES (?, ?)", history)


# What an export reads of the collection: its decks, the cards (``EXPORTED_CARD_COLUMNS``),
# the concepts' paths, the note types imported cards refer to (meta key -> JSON), and the
# time (epoch ms) of the first answer of any exported card (None without scheduling).
ExportRows = namedtuple("ExportRows", "decks cards concept_paths notetypes first_ms")
_CARD_COLUMNS = ", ".join(EXPORTED_CARD_COLUMNS)
NOTETYPE_KEY = "anki_notetype:"  # meta key of a note type imported cards refer to + its hash


def export_rows(
    conn: sqlite3.Connection,
    deck_ids: Sequence[int] | None,
    only: Sequence[int] | None,
    *,
    scheduling: bool,
) -> ExportRows:
    """The rows an export of these decks (all: None) reads; ``only``: just these cards (a
    normal sync's changes). Decks and cards are named rows (attribute access)."""
    where, params = "retired = 0", tuple[Any, ...]()
    if deck_ids is not None:
        where = f"retired = 0 AND deck_id IN ({', '.join('?' * len(deck_ids))})"
        params = tuple(deck_ids)
    if only is not None:  # one JSON parameter: no limit on the number of ids
        where, params = (
            f"{where} AND id IN (SELECT value FROM json_each(?))",
            (*params, json.dumps(list(only))),
        )
    decks = _named_rows(conn, "SELECT id, name, config FROM decks")
    cards = _named_rows(conn, f"SELECT {_CARD_COLUMNS} FROM cards WHERE {where}", params)
    concepts_sql = "SELECT id, path FROM concepts"
    if only is not None:  # the few a sync's cards are in
        concepts_sql += f" WHERE id IN (SELECT concept_id FROM cards WHERE {where})"
    concept_paths = {
        cid: tuple(json.loads(p))
        for cid, p in conn.execute(concepts_sql, params if only is not None else ())
    }
    notetypes = conn.execute(
        f"SELECT key, value FROM meta WHERE key LIKE '{NOTETYPE_KEY}%'"
    ).fetchall()
    first_ms = None
    if scheduling and cards:  # the first answer of any exported card, new ones included
        first_ms = conn.execute(
            f"SELECT min(time_ms) FROM revlog WHERE card_id IN (SELECT id FROM cards WHERE {where})",
            params,
        ).fetchone()[0]
    return ExportRows(decks, cards, concept_paths, notetypes, first_ms)


def _named_rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[Any]:
    """The rows of a query as named tuples (attribute access, as SQLAlchemy rows)."""
    cur = conn.execute(sql, params)
    row = namedtuple("row", [d[0] for d in cur.description])  # type: ignore[misc]
    return list(map(row._make, cur))


def insert_unique(conn: sqlite3.Connection) -> int | None:
    """The review log of the cards in ``temp.history`` into ``pkg.revlog`` when every answer
    has a millisecond of its own (their ids); the number of rows, or None (nothing inserted)
    when two answers share one."""
    conn.execute("SAVEPOINT revlog")
    try:
        count = conn.execute(_INSERT + _mapped()).rowcount
    except sqlite3.IntegrityError:  # two answers in one millisecond
        conn.execute("ROLLBACK TO revlog")
        conn.execute("RELEASE revlog")
        return None
    conn.execute("RELEASE revlog")
    return int(count)


# Answers that share a millisecond (rare: people answer one card at a time, but a bulk
# reset gives its cards one manual entry time). An answer keeps its millisecond as id unless
# another exported answer has the same one: the cards with such answers (``temp.clash``) are
# left out of the INSERT ... SELECT and mapped row by row, each card's answers in time order
# taking the first free millisecond at or after their own (so they stay in order).


def insert_unclashing(conn: sqlite3.Connection) -> int:
    """The review log of the cards whose answers have milliseconds of their own; the number
    of rows. The other cards are left in ``temp.clash``."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS clash (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.clash")
    conn.execute(_CLASHING)
    return int(
        conn.execute(
            _INSERT + _mapped("WHERE r.card_id NOT IN (SELECT id FROM temp.clash)")
        ).rowcount
    )


def insert_clashing(conn: sqlite3.Connection) -> int:
    """The review log of the cards in ``temp.clash``; the number of rows."""
    used = {rid for (rid,) in conn.execute("SELECT id FROM pkg.revlog")}
    rows: list[tuple[Any, ...]] = []
    mapped = _mapped("WHERE r.card_id IN (SELECT id FROM temp.clash)", exact=True)
    # by card, each card's answers in the order of the LAG
    for row in conn.execute(mapped + " ORDER BY aid, time_ms, rid"):
        rid = row[0]
        while rid in used:
            rid += 1
        used.add(rid)
        rows.append((rid, *row[1:9]))
    conn.executemany(_INSERT + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
