"""Writing the collection (or one deck) as an .apkg, the review log mapped inside SQLite.

One plain ``sqlite3`` connection opens the collection file read-only (WAL: the app may keep
it open meanwhile) with the package's schema 11 database attached in memory as ``pkg``.
``convert.build_package`` reads decks and cards and maps notes and cards in Python
(rendering, diagram pictures, media); the review log -- ten times as many rows -- is copied
by one ``INSERT INTO pkg.revlog SELECT`` that applies the mapping rules below, in the same
read transaction as the cards, and in a thread meanwhile (SQLite runs it without the GIL).
The package database is then serialized into the zip.

Review-log mapping (our row -> Anki's): id = the answer's time in epoch ms (made unique: see
``_insert_unclashing``), ease = rating (0 for a manual entry), ivl = the study days to the due
of an answer that leaves the card in review (at least 1 for a rated one), else the scheduled
interval's negated seconds (or its days when a day or more), lastIvl = the ivl of the card's
previous answer (0 for the first), type = learning for an answer of a new or learning card,
review / relearning for one of a review / relearning card, manual for rating 0, factor 2500
on review and relearning answers, time = the answer's duration in ms; an answer imported
from Anki keeps its own factor, lastIvl and type. Only cards exported with their scheduling
and not new get their history.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from srsapp.core.model import CardState
from srsapp.interchange.anki_model import RevlogType
from srsapp.interchange.apkg_write import (
    create_indexes,
    create_tables,
    insert_rows,
    package_rows,
    write_zip,
)
from srsapp.interchange.csv_text import TextNote, write_text
from srsapp.service.anki.convert import DAY, DiagramRenderer, ExportResult, build_package
from srsapp.service.anki.merge import Progress
from srsapp.service.context import Context
from srsapp.store.db import BUSY_TIMEOUT_MS

# Anki's review-log type of an answer, by our card state before it
_STATE_TYPE: dict[int, int] = {
    int(CardState.NEW): int(RevlogType.LEARNING),
    int(CardState.LEARNING): int(RevlogType.LEARNING),
    int(CardState.REVIEW): int(RevlogType.REVIEW),
    int(CardState.RELEARNING): int(RevlogType.RELEARNING),
}
_TYPE_SQL = (
    f"CASE WHEN r.rating = 0 THEN {int(RevlogType.MANUAL)} ELSE CASE r.state_before "
    + " ".join(f"WHEN {state} THEN {rtype}" for state, rtype in _STATE_TYPE.items())
    + f" ELSE {int(RevlogType.REVIEW)} END END"
)
_WITH_FACTOR = f"({int(RevlogType.REVIEW)}, {int(RevlogType.RELEARNING)})"
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


def _read_only(col: Context) -> sqlite3.Connection:
    """A plain connection that reads the collection file (WAL: the app may keep it open)."""
    conn = sqlite3.connect(
        f"{Path(col.db.path).resolve().as_uri()}?mode=ro",
        uri=True,
        isolation_level=None,
        check_same_thread=False,  # the review log is copied in a thread (_HistoryCopy)
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def export_apkg(
    col: Context,
    path: str | Path | None,
    deck: str | None,
    *,
    scheduling: bool,
    now: datetime,
    render_diagram: DiagramRenderer | None = None,
    progress: Progress | None = None,
    only: Sequence[int] | None = None,
) -> ExportResult:
    """Write the package to ``path``; the result's ``pkg`` holds notes, cards and media (its
    review log stays empty: ``revlog`` counts the rows written). ``path`` None: no file, the
    package's database in ``database`` (a normal sync reads its rows). ``only``: just these
    cards (``build_package``)."""
    conn = _read_only(col)
    copy = _HistoryCopy(conn)
    try:
        conn.execute("ATTACH ':memory:' AS pkg")  # not possible inside a transaction
        create_tables(conn, "pkg")
        conn.execute("CREATE TEMP TABLE history (id INTEGER PRIMARY KEY, aid INTEGER NOT NULL)")
        conn.execute("BEGIN")  # one read transaction: cards and review log agree
        result = build_package(col, deck, scheduling=scheduling, now=now, source=conn,
                               render_diagram=render_diagram, progress=progress,
                               history_ready=copy.start, only=only)  # fmt: skip
        rows = package_rows(result.pkg)  # while the review log is copied
        result.revlog = copy.join()
        insert_rows(conn, rows, "pkg")
        create_indexes(conn, "pkg", ("notes", "cards"))
        conn.execute("COMMIT")
        data = conn.serialize(name="pkg")
    finally:
        copy.join(raise_error=False)  # the thread is done with the connection
        conn.close()
    if path is None:
        result.database = data
        return result
    write_zip(path, data, result.pkg.media, crt=result.pkg.crt)
    if progress is not None:
        progress(result.steps, result.steps)
    return result


class _HistoryCopy:
    """The review log copied into the package by SQLite in a thread, while Python maps the
    notes and cards. The connection is the thread's from ``start`` to ``join``. The thread
    runs only statements that go a long way without the GIL (one ``INSERT ... SELECT``, the
    indexes): one that steps row by row would wait for the GIL at each row meanwhile."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.thread: threading.Thread | None = None
        self.count = 0
        self.clashing = False  # answers share a millisecond: their cards are left to ``join``
        self.error: BaseException | None = None

    def start(self, history: list[tuple[int, int]]) -> None:
        self.conn.executemany("INSERT INTO temp.history VALUES (?, ?)", history)
        self.thread = threading.Thread(target=self._run, name="apkg-revlog", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            count = _insert_unique(self.conn)
            if count is None:
                self.count, self.clashing = _insert_unclashing(self.conn), True
            else:
                self.count = count
                create_indexes(self.conn, "pkg", ("revlog",))
        except BaseException as exc:  # re-raised by join
            self.error = exc

    def join(self, *, raise_error: bool = True) -> int:
        """Wait for the copy (and map the answers that share a millisecond); the number of
        review-log rows."""
        if self.thread is None:
            return 0
        self.thread.join()
        self.thread = None
        if self.error is not None:
            if raise_error:
                raise self.error
            return 0
        if self.clashing:
            self.count += _insert_clashing(self.conn)
            self.clashing = False
            create_indexes(self.conn, "pkg", ("revlog",))
        return self.count


def _insert_unique(conn: sqlite3.Connection) -> int | None:
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


def _insert_unclashing(conn: sqlite3.Connection) -> int:
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


def _insert_clashing(conn: sqlite3.Connection) -> int:
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


def export_notes_text(
    col: Context,
    path: str | Path,
    deck: str | None,
    *,
    separator: str,
    now: datetime,
    render_diagram: DiagramRenderer | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write Anki's "Notes in Plain Text": one row per note of the package ``export_apkg``
    would write (an imported Anki note with its own note type and fields, siblings together;
    our cards as the notes the .apkg makes of them), with guid, note type, deck and tags
    columns and the ``#separator``/``#html``/``#… column`` headers Anki writes. Media files
    and scheduling are not in a text file; with ``render_diagram`` a diagram card's fields
    name its pictures as the .apkg does (a note that came with one then reads the same)."""
    conn = _read_only(col)
    try:
        conn.execute("BEGIN")
        result = build_package(col, deck, scheduling=False, now=now, source=conn,
                               render_diagram=render_diagram, progress=progress)  # fmt: skip
        conn.execute("COMMIT")
    finally:
        conn.close()
    pkg = result.pkg
    deck_of: dict[int, int] = {}
    for card in pkg.cards:
        deck_of.setdefault(card.note_id, card.deck_id)
    rows = [
        TextNote(fields=list(n.fields), tags=list(n.tags), deck=pkg.decks[deck_of[n.id]].name,
                 notetype=pkg.notetypes[n.notetype_id].name, guid=n.guid)
        for n in pkg.notes
        if n.id in deck_of
    ]  # fmt: skip
    write_text(path, rows, separator=separator, with_deck=True, with_notetype=True,
               with_guid=True)  # fmt: skip
    if progress is not None:
        progress(result.steps, result.steps)
    return result
