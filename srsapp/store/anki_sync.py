"""The server's side of the last sync with an Anki sync server, kept in the collection.

``sync_notes`` / ``sync_cards`` hold the server's notes and cards as Anki rows (``card_id``:
the card of ours a row is), ``sync_revlog`` the ids of its review-log rows, ``sync_graves``
the server cards we deleted or retired since (the ``cards_sync_*`` triggers fill it), and
the meta key ``anki_sync`` the rest (server, user, schema and creation times, update sequence
number, note types, decks and deck options as Anki's JSON); the meta key ``anki_media_sync``
what the last media sync left (``service.ankisync.media.MediaState``). A card of ours changed since the
last sync has ``usn = -1`` (the ``cards_sync_changed`` trigger: every write path marks it).

Functions take the sqlite3 connection of an open transaction (``queries.sqlite_connection``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

STATE_KEY = "anki_sync"
MEDIA_KEY = "anki_media_sync"  # the server's media usn and our media files at the last sync
CARD_ENTRY_LEN = 18  # Anki's card row: id, nid, did, ord, mod, usn, type, queue, due, ...
NOTE_ENTRY_LEN = 11  # id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data


def load_state(conn: sqlite3.Connection) -> dict[str, Any] | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (STATE_KEY,)).fetchone()
    if row is None:
        return None
    state = json.loads(row[0])
    return state if isinstance(state, dict) else None


def state_head(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The small facts of the state (server, user, scm, mod, usn), read by SQLite's JSON
    functions without parsing the note types and decks it also holds."""
    try:
        row = conn.execute(
            "SELECT json_extract(value, '$.server'), json_extract(value, '$.user'), "
            "json_extract(value, '$.scm'), json_extract(value, '$.mod'), "
            "json_extract(value, '$.usn') FROM meta WHERE key = ?", (STATE_KEY,)
        ).fetchone()  # fmt: skip
    except sqlite3.OperationalError:  # an SQLite without JSON: the whole state
        state = load_state(conn)
        return None if state is None else {k: state.get(k) for k in
                                           ("server", "user", "scm", "mod", "usn")}  # fmt: skip
    if row is None:
        return None
    return dict(zip(("server", "user", "scm", "mod", "usn"), row, strict=True))


def save_state(conn: sqlite3.Connection, state: dict[str, Any] | None) -> None:
    if state is None:
        conn.execute("DELETE FROM meta WHERE key = ?", (STATE_KEY,))
        return
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        (STATE_KEY, json.dumps(state, ensure_ascii=False, sort_keys=True)),
    )


def load_media_state(conn: sqlite3.Connection, server: str, user: str) -> Any:
    """What the last media sync with ``server`` as ``user`` left (None: none yet)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (MEDIA_KEY,)).fetchone()
    if row is None:
        return None
    state = json.loads(row[0])
    if not isinstance(state, dict) or (state.get("server"), state.get("user")) != (server, user):
        return None
    return state.get("media")


def save_media_state(conn: sqlite3.Connection, server: str, user: str, media: Any) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        (MEDIA_KEY, json.dumps({"server": server, "user": user, "media": media},
                               ensure_ascii=False)),
    )  # fmt: skip


def forget(conn: sqlite3.Connection) -> None:
    """No server side known any more (the next sync is a full one)."""
    for table in ("sync_notes", "sync_cards", "sync_revlog", "sync_graves"):
        conn.execute(f"DELETE FROM {table}")
    save_state(conn, None)


def put_notes(conn: sqlite3.Connection, notes: Iterable[Sequence[Any]]) -> None:
    """Anki note rows (protocol order) as the server now holds them."""
    conn.executemany(
        "INSERT OR REPLACE INTO sync_notes (id, guid, mid, mod, tags, flds) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(n[0], n[1], n[2], n[3], n[5], n[6]) for n in notes],
    )


def put_cards(conn: sqlite3.Connection, cards: Iterable[tuple[Sequence[Any], int | None]]) -> None:
    """Anki card rows (protocol order) as the server now holds them, each with our card (None:
    none of ours; an existing link is kept)."""
    conn.executemany(
        "INSERT INTO sync_cards (id, nid, ord, mod, entry, card_id) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET nid = excluded.nid, ord = excluded.ord, "
        "mod = excluded.mod, entry = excluded.entry, "
        "card_id = coalesce(excluded.card_id, sync_cards.card_id)",
        [(c[0], c[1], c[3], c[4], json.dumps(list(c)), ours) for c, ours in cards],
    )


def put_revlog(conn: sqlite3.Connection, rows: Iterable[tuple[int, int]]) -> None:
    conn.executemany("INSERT OR IGNORE INTO sync_revlog (id, cid) VALUES (?, ?)", rows)


def remove(conn: sqlite3.Connection, cards: Iterable[int], notes: Iterable[int]) -> None:
    """Cards and notes the server no longer holds (deleted on either side)."""
    conn.executemany("DELETE FROM sync_cards WHERE id = ?", [(i,) for i in cards])
    conn.executemany("DELETE FROM sync_notes WHERE id = ?", [(i,) for i in notes])


def remove_cards_of_notes(conn: sqlite3.Connection, notes: Iterable[int]) -> None:
    """The server's cards of notes it no longer holds."""
    conn.executemany("DELETE FROM sync_cards WHERE nid = ?", [(n,) for n in notes])


def note_guid(conn: sqlite3.Connection, note_id: int) -> str | None:
    """The GUID of the server's note ``note_id`` (None: not held)."""
    row = conn.execute("SELECT guid FROM sync_notes WHERE id = ?", (note_id,)).fetchone()
    return None if row is None else str(row[0])


def graves(conn: sqlite3.Connection) -> list[int]:
    """The server cards we deleted or retired since the last sync."""
    return [i for (i,) in conn.execute("SELECT id FROM sync_graves ORDER BY id")]


def clear_graves(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    conn.executemany("DELETE FROM sync_graves WHERE id = ?", [(i,) for i in ids])


def changed_cards(conn: sqlite3.Connection) -> dict[int, int]:
    """Our cards changed since the last sync (usn -1, not retired): id -> modification time."""
    return dict(conn.execute("SELECT id, modified FROM cards WHERE usn = -1 AND retired = 0"))


def mark_synced(conn: sqlite3.Connection, cards: Iterable[tuple[int, int | None]]) -> None:
    """(card, its modification time when sent, or None: any) is in step with the server; a
    card changed since it was read stays changed."""
    conn.executemany(
        "UPDATE cards SET usn = 0 WHERE id = ? AND (?2 IS NULL OR modified = ?2)",
        [(i, mod) for i, mod in cards],
    )


def links(conn: sqlite3.Connection) -> dict[int, tuple[int, int]]:
    """Our card -> (the server's card id, its note id)."""
    return {
        ours: (cid, nid)
        for cid, nid, ours in conn.execute(
            "SELECT id, nid, card_id FROM sync_cards WHERE card_id IS NOT NULL"
        )
    }


def links_of(conn: sqlite3.Connection, cards: Iterable[int]) -> dict[int, tuple[int, int]]:
    """``links`` for these cards of ours only."""
    return {
        ours: (cid, nid)
        for cid, nid, ours in conn.execute(
            "SELECT id, nid, card_id FROM sync_cards WHERE card_id IN "
            "(SELECT value FROM json_each(?))", (json.dumps(list(cards)),)
        )
    }  # fmt: skip


def notes_of_guids(conn: sqlite3.Connection, guids: Iterable[str]
                   ) -> dict[str, tuple[int, int, str, str]]:  # fmt: skip
    """``notes_by_guid`` for these GUIDs only."""
    return {
        guid: (nid, mid, tags, flds)
        for nid, guid, mid, tags, flds in conn.execute(
            "SELECT id, guid, mid, tags, flds FROM sync_notes WHERE guid IN "
            "(SELECT value FROM json_each(?))", (json.dumps(list(guids)),)
        )
    }  # fmt: skip


def card_ids_of_notes(conn: sqlite3.Connection, notes: Iterable[int]
                      ) -> dict[tuple[int, int], int]:  # fmt: skip
    """The server's cards of these notes: (note, ordinal) -> card id."""
    return {
        (nid, ord_): cid
        for cid, nid, ord_ in conn.execute(
            "SELECT id, nid, ord FROM sync_cards WHERE nid IN (SELECT value FROM json_each(?))",
            (json.dumps(list(notes)),),
        )
    }


def held(conn: sqlite3.Connection, table: str, wanted: Sequence[int]) -> set[int]:
    """Which of ``wanted`` the server holds in ``table`` (cards, notes, revlog)."""
    assert table in ("cards", "notes", "revlog")
    return {
        i
        for (i,) in conn.execute(
            f"SELECT id FROM sync_{table} WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(wanted)),),
        )
    }


def count(conn: sqlite3.Connection, table: str) -> int:
    assert table in ("cards", "notes", "revlog")
    return int(conn.execute(f"SELECT count(*) FROM sync_{table}").fetchone()[0])


def orphaned_notes(conn: sqlite3.Connection, graves: Sequence[int]) -> list[int]:
    """The server's notes all of whose cards are among ``graves`` (deleted with them)."""
    if not graves:
        return []
    marks = json.dumps(list(graves))
    return [
        i
        for (i,) in conn.execute(
            "SELECT DISTINCT nid FROM sync_cards WHERE id IN (SELECT value FROM json_each(?1)) "
            "AND nid NOT IN (SELECT nid FROM sync_cards "
            "WHERE id NOT IN (SELECT value FROM json_each(?1))) ORDER BY nid",
            (marks,),
        )
    ]


def server_of(conn: sqlite3.Connection, card_id: int) -> int | None:
    row = conn.execute("SELECT id FROM sync_cards WHERE card_id = ?", (card_id,)).fetchone()
    return None if row is None else int(row[0])


def notes_by_guid(conn: sqlite3.Connection) -> dict[str, tuple[int, int, str, str]]:
    """The server's notes: GUID -> (id, note type, tags, fields)."""
    return {
        guid: (nid, mid, tags, flds)
        for nid, guid, mid, tags, flds in conn.execute(
            "SELECT id, guid, mid, tags, flds FROM sync_notes"
        )
    }


def note_rows(conn: sqlite3.Connection, ids: Iterable[int]) -> list[list[Any]]:
    """The server's note rows with these ids (protocol order; sfld and csum empty)."""
    out: list[list[Any]] = []
    for i in ids:
        row = conn.execute(
            "SELECT id, guid, mid, mod, tags, flds FROM sync_notes WHERE id = ?", (i,)
        ).fetchone()
        if row is not None:
            nid, guid, mid, mod, tags, flds = row
            out.append([nid, guid, mid, mod, 0, tags, flds, "", "", 0, ""])
    return out


def card_rows(conn: sqlite3.Connection, ids: Iterable[int]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for i in ids:
        row = conn.execute("SELECT entry FROM sync_cards WHERE id = ?", (i,)).fetchone()
        if row is not None:
            out.append(json.loads(row[0]))
    return out


def ids(conn: sqlite3.Connection, table: str) -> set[int]:
    """The ids the server holds in ``table`` (cards, notes, revlog)."""
    assert table in ("cards", "notes", "revlog")
    return {i for (i,) in conn.execute(f"SELECT id FROM sync_{table}")}


def card_notes(conn: sqlite3.Connection) -> dict[int, int]:
    """The server's card -> its note."""
    return dict(conn.execute("SELECT id, nid FROM sync_cards"))


def ours_of(conn: sqlite3.Connection, cards: Iterable[int]) -> dict[int, int]:
    """Server card -> our card, for those linked."""
    out: dict[int, int] = {}
    for cid in cards:
        row = conn.execute("SELECT card_id FROM sync_cards WHERE id = ?", (cid,)).fetchone()
        if row is not None and row[0] is not None:
            out[cid] = int(row[0])
    return out
