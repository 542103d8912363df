"""An Anki collection file (schema 11-18) as an Anki sync server sends and takes it: opened
read-only and checked, its rows read (the server's side of a sync), written (the server's
changes, as a file our importer reads) and made ready for a full upload; and the few facts of
our own cards a sync links to the server's rows by.

The sync (``service.ankisync``) decides what moves; the SQL of both files is here. The
column lists are Anki's (its ``cards``, ``notes`` and ``revlog`` tables).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

TABLES = ("col", "notes", "cards", "revlog")  # what a collection file must hold
ANKI_CARD_COLUMNS = ("id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, "
                "left, odue, odid, flags, data")  # fmt: skip
ANKI_NOTE_COLUMNS = "id, guid, mid, mod, usn, tags, flds, '', '', flags, data"  # sfld, csum: empty
ANKI_REVLOG_COLUMNS = "id, cid, usn, ease, ivl, lastIvl, factor, time, type"
ANKI_CARD_ROW_LEN = 18
_IN = 500  # ids bound in one ``IN (...)``

Row = tuple[Any, ...]


def _unicase(a: str, b: str) -> int:
    x, y = a.casefold(), b.casefold()
    return (x > y) - (x < y)


def open_read_only(path: Path) -> sqlite3.Connection:
    """The file, read-only (with the ``unicase`` collation the indexes of schema 18 use)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.create_collation("unicase", _unicase)
    return conn


def create(path: Path) -> sqlite3.Connection:
    """A new, empty collection file (its tables: ``interchange.apkg_write.create_tables``)."""
    return sqlite3.connect(path)


def from_bytes(database: bytes) -> sqlite3.Connection:
    """A collection file's bytes as a database in memory."""
    conn = sqlite3.connect(":memory:")
    conn.deserialize(database)
    return conn


def integrity(conn: sqlite3.Connection) -> tuple[str | None, list[str]]:
    """SQLite's quick check ("ok", or what is wrong; None: no answer) and the collection
    tables the file lacks."""
    check = conn.execute("PRAGMA quick_check").fetchone()
    names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
    return (None if check is None else str(check[0])), [t for t in TABLES if t not in names]


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT ver FROM col").fetchone()[0])


def counts(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """How many notes, cards and review-log rows the file holds."""

    def count(table: str) -> int:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    return count("notes"), count("cards"), count("revlog")


def col_row(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """The collection's creation time, schema time and schema version."""
    crt, scm, ver = conn.execute("SELECT crt, scm, ver FROM col").fetchone()
    return int(crt), int(scm), int(ver)


def col_json(conn: sqlite3.Connection) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Schema 11's note types, decks and deck options (the ``col`` row's JSON)."""
    models, decks, dconf = conn.execute("SELECT models, decks, dconf FROM col").fetchone()
    return json.loads(models), json.loads(decks), json.loads(dconf)


def deck_rows(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """Schema 15-18: the decks' ids and names (levels joined by ``\\x1f``)."""
    return [(int(i), str(n)) for i, n in conn.execute("SELECT id, name FROM decks")]


def deck_config_ids(conn: sqlite3.Connection) -> list[int]:
    """Schema 15-18: the deck options' ids."""
    return [int(i) for (i,) in conn.execute("SELECT id FROM deck_config")]


def all_rows(conn: sqlite3.Connection) -> tuple[list[list[Any]], list[list[Any]], list[Row]]:
    """Every note and card (as Anki's rows, ``ANKI_NOTE_COLUMNS`` and ``ANKI_CARD_COLUMNS``)
    and every review-log row's id and card id."""
    notes = [list(r) for r in conn.execute(f"SELECT {ANKI_NOTE_COLUMNS} FROM notes")]
    cards = [list(r) for r in conn.execute(f"SELECT {ANKI_CARD_COLUMNS} FROM cards")]
    revlog = list(conn.execute("SELECT id, cid FROM revlog"))
    return notes, cards, revlog


def _parts(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _IN):
        yield ids[start : start + _IN]


def _rows_in(conn: sqlite3.Connection, sql: str, ids: Sequence[int], column: str = "id"
             ) -> list[Row]:  # fmt: skip
    out: list[Row] = []
    for part in _parts(list(ids)):
        marks = ", ".join("?" * len(part))
        out += conn.execute(f"{sql} WHERE {column} IN ({marks})", list(part)).fetchall()
    return out


def cards_in(conn: sqlite3.Connection, ids: Sequence[int]) -> list[Row]:
    return _rows_in(conn, f"SELECT {ANKI_CARD_COLUMNS} FROM cards", ids)


def notes_in(conn: sqlite3.Connection, ids: Sequence[int]) -> list[Row]:
    return _rows_in(conn, f"SELECT {ANKI_NOTE_COLUMNS} FROM notes", ids)


def reviews_of_cards(conn: sqlite3.Connection, card_ids: Sequence[int]) -> list[Row]:
    return _rows_in(conn, f"SELECT {ANKI_REVLOG_COLUMNS} FROM revlog", card_ids, column="cid")


def col_head(conn: sqlite3.Connection) -> tuple[int, str, str, str]:
    """The creation time and the JSON texts of note types, decks and deck options."""
    crt, models, decks, dconf = conn.execute("SELECT crt, models, decks, dconf FROM col").fetchone()
    return int(crt), models, decks, dconf


def write_changes(
    conn: sqlite3.Connection,
    col: tuple[int, int, int, str, str, str],
    notes: Iterable[Sequence[Any]],
    cards: Iterable[Sequence[Any]],
    revlog: Iterable[Sequence[Any]],
) -> None:
    """Fill a new schema 11 file (its tables made): the ``col`` row (creation time,
    modification, schema time, note types, decks, deck options as JSON), notes (Anki's rows),
    cards and review-log rows (each once)."""
    conn.execute("INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, '{}', ?, ?, ?, '{}')", col)
    conn.executemany(
        "INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
        [(*n[:7], n[9], n[10]) for n in notes],
    )
    conn.executemany(
        f"INSERT INTO cards VALUES ({', '.join('?' * ANKI_CARD_ROW_LEN)})",
        [tuple(c) for c in cards],
    )
    conn.executemany("INSERT OR IGNORE INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [tuple(r) for r in revlog])  # fmt: skip
    conn.commit()


def _in_step(text: str) -> str:
    """Anki's JSON of note types, decks or deck options with every usn 0."""
    objects = json.loads(text or "{}")
    for obj in objects.values():
        if isinstance(obj, dict):
            obj["usn"] = 0
    return json.dumps(objects)


def make_uploadable(path: Path, usn: int, stamp: int) -> tuple[int, int, int]:
    """Make the exported file ``path`` what Anki's own client uploads after a full sync:
    every update sequence number 0, no graves, the collection's usn ``usn`` and its
    modification, schema and last-sync times ``stamp`` (ms); then vacuumed. What it holds
    (``counts``)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        for table in ("notes", "cards", "revlog"):
            conn.execute(f"UPDATE {table} SET usn = 0")
        conn.execute("DELETE FROM graves")
        # note types, decks and deck options in step too (usn -1 would make the server send
        # them back at every normal sync)
        row = conn.execute("SELECT models, decks, dconf FROM col").fetchone()
        conn.execute("UPDATE col SET models = ?, decks = ?, dconf = ?",
                     tuple(_in_step(text) for text in row))  # fmt: skip
        conn.execute("UPDATE col SET usn = ?, mod = ?, scm = ?, ls = ?",
                     (usn, stamp, stamp, stamp))  # fmt: skip
        conn.execute("COMMIT")
        conn.execute("VACUUM")
        return counts(conn)
    finally:
        conn.close()


# ---------------------------------------------------------------- our cards, for the links


def our_card_ids(conn: sqlite3.Connection) -> set[int]:
    return {int(i) for (i,) in conn.execute("SELECT id FROM cards")}


def our_cards_keys(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """Each of our cards' id, its deck's name and its key."""
    decks = dict(conn.execute("SELECT id, name FROM decks"))
    return [(int(card_id), str(decks.get(deck_id, "")), str(key))
            for card_id, deck_id, key in conn.execute("SELECT id, deck_id, key FROM cards")]  # fmt: skip


def our_card_modified(conn: sqlite3.Connection, card_id: int) -> int | None:
    row = conn.execute("SELECT modified FROM cards WHERE id = ?", (card_id,)).fetchone()
    return None if row is None else int(row[0])


def our_card_of_key(conn: sqlite3.Connection, key: str) -> int | None:
    found = conn.execute("SELECT id FROM cards WHERE key = ?", (key,)).fetchone()
    return None if found is None else int(found[0])


def delete_our_cards(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM cards WHERE id = ?", [(i,) for i in ids])
