"""Rows an import writes in bulk: concepts made on demand, the cards an incoming card can
match, cards and review-log rows inserted with ``executemany`` or ``INSERT ... SELECT``, a
package's mapped review log (``anki_revlog``), and the shortcuts of a bulk insert (indexes
built after a first import, the ``revlog_hours`` trigger paused, a bigger page cache) --
each inside the caller's transaction, so a failure rolls back all of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from srsapp.store import anki_revlog
from srsapp.store.models import (
    ANSWER_COLUMNS,
    CARD_SORT_TRIGGERS,
    REVLOG_HOURS_TRIGGERS,
    SYNC_TRIGGERS,
    Concept,
    fill_card_sort_keys,
    revlog_hours_select,
)
from srsapp.store.queries import (
    CARD_COLUMNS,
    CARDS,
    IMPORTED_REVLOG_COLUMNS,
    REVLOG,
    id_batches,
    sqlite_connection,
)

# The review-log columns an importer fills (after card_id), kind last.
REVLOG_COLUMNS = IMPORTED_REVLOG_COLUMNS


class ConceptRows:
    """Concept rows of one deck, created on demand with their parents."""

    def __init__(self, s: Session, deck_id: int) -> None:
        self.s = s
        self.deck_id = deck_id
        self.ids: dict[tuple[str, ...], int] = {
            tuple(json.loads(p)): i
            for i, p in s.execute(
                select(Concept.id, Concept.path).where(Concept.deck_id == deck_id)
            )
        }

    def ensure(self, path: tuple[str, ...]) -> int | None:
        if not path:
            return None
        known = self.ids.get(path)
        if known is not None:
            return known
        parent = self.ensure(path[:-1])
        row = Concept(
            deck_id=self.deck_id,
            parent_id=parent,
            path=json.dumps(list(path), ensure_ascii=False, separators=(",", ":")),
            title=path[-1],
            kind="heading",
            position=len(self.ids),
        )
        self.s.add(row)
        self.s.flush()
        self.ids[path] = row.id
        return row.id


def card_rows(s: Session, columns: Sequence[str]) -> Iterator[Any]:
    """Every card's ``columns`` (named rows)."""
    yield from s.execute(select(*(CARDS.c[c] for c in columns)))


def card_rows_by_id(s: Session, columns: Sequence[str], ids: Iterable[int]) -> dict[int, Any]:
    """The ``columns`` (``id`` among them) of these cards, by id."""
    out: dict[int, Any] = {}
    for batch in id_batches(ids):
        for r in s.execute(select(*(CARDS.c[c] for c in columns)).where(CARDS.c.id.in_(batch))):
            out[r.id] = r
    return out


def answer_times(s: Session, card_ids: Iterable[int]) -> dict[int, set[int]]:
    """The times (epoch ms) of the answers these cards have."""
    times: dict[int, set[int]] = {}
    raw = sqlite_connection(s)
    for batch in id_batches(card_ids):
        marks = ", ".join("?" * len(batch))
        sql = f"SELECT card_id, time_ms FROM revlog WHERE card_id IN ({marks})"
        for cid, t in raw.execute(sql, batch):
            known = times.get(cid)
            if known is None:
                times[cid] = {t}
            else:
                known.add(t)
    return times


def insert_cards(s: Session, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert cards rows (``CARD_COLUMNS``, ids one after another), their indexes built
    after a first import."""
    with (
        indexes_after(s, CARDS, len(rows)),
        restore_trigger_paused(s, rows[0][0], rows[-1][0]),
        sort_trigger_paused(s, rows[0][0], rows[-1][0]),
    ):
        insert_many(s, CARDS.name, CARD_COLUMNS, rows)


@contextmanager
def sort_trigger_paused(
    s: Session, first_id: int, last_id: int, keys: str | None = None
) -> Iterator[None]:
    """Insert the cards with ids ``first_id``..``last_id`` without the ``card_sort_insert``
    trigger, then work out their sort keys in one statement (as ``restore_trigger_paused``)
    -- or take them from ``keys``, a SELECT of (card id, sort key) the caller has a quicker
    way to (``anki_cards``: where each front's key begins, worked out as it rendered)."""
    conn = s.connection()
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS card_sort_insert")
    yield
    conn.exec_driver_sql(CARD_SORT_TRIGGERS["card_sort_insert"])
    if keys is None:
        fill_card_sort_keys(conn, (int(first_id), int(last_id)))
    else:
        conn.exec_driver_sql(f"INSERT OR REPLACE INTO card_sort_keys (id, front) {keys}")


@contextmanager
def restore_trigger_paused(s: Session, first_id: int, last_id: int) -> Iterator[None]:
    """Insert the cards with ids ``first_id``..``last_id`` without the ``cards_sync_restored``
    trigger, then do what it would have done for all of them in one statement (a card put
    back under the id of one deleted since the last sync: no deletion to send). A table with
    an insert trigger makes SQLite copy a multi-row INSERT's rows into a temporary table
    first and run the trigger for each (20k imported cards: 0.13 -> 0.06 s). Dropped and
    re-created inside the caller's transaction (a failure restores it too)."""
    conn = s.connection()
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS cards_sync_restored")
    yield
    conn.exec_driver_sql(SYNC_TRIGGERS["cards_sync_restored"])
    conn.exec_driver_sql(
        "DELETE FROM sync_graves WHERE id IN "
        "(SELECT id FROM sync_cards WHERE card_id BETWEEN ? AND ?)",
        (int(first_id), int(last_id)),
    )


def insert_revlog(s: Session, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert review-log rows (card_id + ``REVLOG_COLUMNS``), 90 to a statement, their
    indexes built after a first import and their hours counted in one statement."""
    columns = ("card_id", *REVLOG_COLUMNS)
    with indexes_after(s, REVLOG, len(rows)), _hours_trigger_paused(s, rows):
        insert_many(s, REVLOG.name, columns, rows, per_statement=90)


def insert_package_revlog(s: Session, any_matched: bool) -> int:
    """Insert the attached package's review log for the linked cards; the number of rows."""
    raw = sqlite_connection(s)
    adding = int(raw.execute(anki_revlog.COUNT_SQL).fetchone()[0])
    if not adding:
        return 0
    sql = anki_revlog.insert_sql(("card_id", *REVLOG_COLUMNS), skip_known=any_matched)
    # a matched card's known answers are looked up through the review log's index: keep it
    with (
        indexes_after(s, REVLOG, 0 if any_matched else adding),
        _hours_trigger_paused(s, ()) as hours,
    ):
        added = _execute_count(raw, sql)
        if added == int(raw.execute(anki_revlog.MAPPED_COUNT_SQL).fetchone()[0]):
            hours.append(anki_revlog.HOURS_TABLE)  # every mapped row went in: already counted
        return added


def _execute_count(raw: Any, sql: str) -> int:
    """Run one statement on the driver's connection; the number of rows it changed."""
    return int(raw.execute(sql).rowcount)


# For the duration of a bulk insert: a 64 MiB page cache (the default 2 MiB is smaller than
# the indexes being filled) and a second thread for SQLite's sorter (building the indexes
# after a first import: 100k review-log rows, two indexes 0.072 -> 0.061 s). Set back after.
_BULK_CACHE_KIB = 65_536
_BULK_THREADS = 2


@contextmanager
def bulk_cache(s: Session) -> Iterator[None]:
    raw = sqlite_connection(s)
    before = int(raw.execute("PRAGMA cache_size").fetchone()[0])
    threads = int(raw.execute("PRAGMA threads").fetchone()[0])
    raw.execute(f"PRAGMA cache_size = {-_BULK_CACHE_KIB}")
    raw.execute(f"PRAGMA threads = {_BULK_THREADS}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {before}")
        raw.execute(f"PRAGMA threads = {threads}")


@contextmanager
def _hours_trigger_paused(s: Session, rows: Sequence[tuple[Any, ...]]) -> Iterator[list[str]]:
    """Insert imported review-log rows without the ``revlog_hours_insert`` trigger, then add
    them to ``revlog_hours`` in one statement: a multi-row INSERT into a table with triggers
    goes through a temporary b-tree, and the trigger would upsert an hour row per answer.
    The trigger is dropped and re-created inside the caller's transaction (a failure
    restores it too). Rows of kind ``review`` (ours) go through the trigger as usual.
    The caller may put into the list it is given a table that holds the inserted rows'
    hours already (``anki_revlog.HOURS_TABLE``): they are added from there."""
    kind = len(REVLOG_COLUMNS)  # card_id + REVLOG_COLUMNS: kind is the last column
    counted: list[str] = []
    if any(r[kind] == "review" for r in rows):
        yield counted
        return
    conn = s.connection()
    before = int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM revlog").scalar() or 0)
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS revlog_hours_insert")
    yield counted
    conn.exec_driver_sql(REVLOG_HOURS_TRIGGERS["revlog_hours_insert"])
    cols = ", ".join(["hour", *ANSWER_COLUMNS, "duration_ms"])
    sums = ", ".join(f"{c} = {c} + excluded.{c}" for c in [*ANSWER_COLUMNS, "duration_ms"])
    # the new rows (ids past the old last one), counted as the trigger would
    hours = (f"SELECT * FROM {counted[0]} WHERE true" if counted
             else revlog_hours_select(f"r.id > {int(before)}"))  # fmt: skip
    conn.exec_driver_sql(
        f"INSERT INTO revlog_hours ({cols}) {hours} ON CONFLICT(hour) DO UPDATE SET {sums}"
    )


@contextmanager
def indexes_after(s: Session, table: Table, adding: int) -> Iterator[None]:
    """Build ``table``'s (non-unique) indexes after inserting ``adding`` rows instead of
    keeping them up to date row by row, when the table holds fewer rows than that (a first
    import): one sort per index instead of a random b-tree insert per row. Dropping and
    creating them happens inside the caller's transaction, so no other connection ever sees
    the table without them and a failure rolls the drop back too."""
    count = s.connection().exec_driver_sql(f"SELECT count(*) FROM {table.name}").scalar()
    existing = int(count or 0)
    indexes = sorted((ix for ix in table.indexes if not ix.unique), key=lambda ix: str(ix.name))
    if existing >= adding or not indexes:
        yield
        return
    conn = s.connection()
    for ix in indexes:
        ix.drop(conn)
    yield
    for ix in indexes:
        ix.create(conn)


def insert_many(
    s: Session,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    per_statement: int = 1,
) -> None:
    """Insert ``rows`` in order with ``executemany`` on the session's SQLite connection
    (SQLAlchemy's per-row parameter handling costs more than SQLite's insert at 100k rows).

    ``per_statement`` rows go into one INSERT: for narrow rows (the review log) 90 rows per
    statement take a third less time than one; wide rows of text (cards) gain nothing, unless
    the table has no index (an import's work table of 20k cards: a fifth less).
    """
    raw = sqlite_connection(s)
    one = f"({', '.join('?' * len(columns))})"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    per = max(1, min(per_statement, 999 // len(columns)))  # SQLite's classic parameter limit
    full = len(rows) - len(rows) % per if per > 1 else 0
    if full:
        flat = chain.from_iterable
        raw.executemany(
            head + ", ".join([one] * per),
            (tuple(flat(rows[i : i + per])) for i in range(0, full, per)),
        )
    if full < len(rows):
        raw.executemany(head + one, rows[full:])
