"""An Anki package's cards mapped into our cards rows, by SQLite (the one mapping of them).

The importer (``service.anki.importer``) renders each card in Python and works out what only
it can (front, back, ``extra``, kind, the FSRS memory state, our deck and concept, our card
id, whether the card is one the collection has); those values go into ``WORK`` tables of an
in-memory database attached next to the package's (``anki_revlog.SOURCE``) on the
collection's connection.
Everything else of a cards row is read from the package's own ``cards`` and ``notes`` tables
(``CARD_VALUES``): a new card's row is inserted by ``insert_sql``, a card the collection
already has gets the same values from ``matched_sql`` for the merge rules.

When the reader changed a card's values (a due date clamped, a filtered deck left), or read
the rows one by one, the cards are given from Python in a package-shaped table
(``GIVEN_TABLE``, one row per card to import) and the same expressions read that instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from sqlalchemy.orm import Session

from srsapp.store import import_rows
from srsapp.store.anki_revlog import FRESH_SQL, LAST_TABLE, MAP_DDL, MAP_TABLE, SOURCE
from srsapp.store.models import visible_start_from_sql, visible_start_sql
from srsapp.store.queries import CARD_COLUMNS, CARDS, IMPORTED_SCHED_COLUMNS, sqlite_connection

# The schema of the work tables: an empty in-memory database the importer attaches
# (``db.transaction_attached``'s ``attach(WORK_SCHEMA, None)``), not the package's: 20k cards'
# rendered text (16 MB) stay in its pages instead of spilling out of the package database's
# 2 MB page cache into its copy (the fill's CPU ≈ 75 -> 60 ms)
WORK_SCHEMA = "pkgwork"
WORK_CARDS = f"{WORK_SCHEMA}.srs_cards"  # one row per card to import, in order: Python's values
WORK_DECKS = f"{WORK_SCHEMA}.srs_decks"  # Anki deck id -> our deck, concept, first free position
WORK_DAYS = f"{WORK_SCHEMA}.srs_days"  # Anki due day -> epoch seconds of that study day's start
GIVEN_TABLE = f"{WORK_SCHEMA}.srs_given"  # the cards' Anki values, as the reader made them
WORK_DDL = (
    f"CREATE TABLE {WORK_CARDS} (seq INTEGER PRIMARY KEY, cid INTEGER NOT NULL, "
    "card_id INTEGER NOT NULL, matched INTEGER NOT NULL, front TEXT, back TEXT, extra TEXT, "
    "kind TEXT, stability REAL, difficulty REAL, sort_skip INTEGER)",
    f"CREATE TABLE {WORK_DECKS} (did INTEGER PRIMARY KEY, deck_id INTEGER NOT NULL, "
    "concept_id INTEGER, base_pos INTEGER NOT NULL)",
    f"CREATE TABLE {WORK_DAYS} (day INTEGER PRIMARY KEY, epoch INTEGER NOT NULL)",
)
# The Anki values of a card the reader changed (its home deck and due already; odid 0),
# with its note's GUID; ``seq`` as in ``WORK_CARDS``.
GIVEN_COLUMNS = ("seq", "id", "guid", "ord", "did", "type", "queue", "due", "ivl", "reps",
                 "lapses", "flags", "odid", "odue")  # fmt: skip
GIVEN_DDL = f"CREATE TABLE {GIVEN_TABLE} ({', '.join(GIVEN_COLUMNS)}, PRIMARY KEY (seq))"
# One card of ``WORK_CARDS``: [seq, Anki card id, our card id, matched, front, back, extra,
# kind, stability, difficulty, where the front's sort key begins (``models.visible_skip``)]
WorkCard = Sequence[Any]
WORK_COLUMNS = ("seq", "cid", "card_id", "matched", "front", "back", "extra", "kind",
                "stability", "difficulty", "sort_skip")  # fmt: skip
# the new cards' sort keys (``card_sort_keys``), from where the importer found each begins
# (a front it left to SQLite -- a NUL in it -- worked out here in full)
_SORT_KEYS = (
    f"SELECT x.card_id, coalesce({visible_start_from_sql('x.front', 'x.sort_skip')}, "
    f"{visible_start_sql('x.front')}) FROM {WORK_CARDS} x WHERE NOT x.matched"
)

# Anki's card type and queue numbers (``interchange.anki_model.CardType`` / ``Queue``)
_NEW, _REVIEW = 0, 2
_SUSPENDED, _BURIED = -1, "(-2, -3)"
# What the reader makes of a card in a filtered deck: its home deck and due.
_DID = "CASE WHEN c.odid != 0 THEN c.odid ELSE c.did END"
_DUE = "CASE WHEN c.odid != 0 THEN c.odue ELSE c.due END"
# a learning/review card's due: an epoch second (intraday learning), else a day number
_DUE_S = f"CASE WHEN {_DUE} > 1000000000 THEN {_DUE} ELSE dd.epoch END"


def card_values(now_s: int, tomorrow: int) -> dict[str, str]:
    """The cards row (``CARD_COLUMNS``) of each card of ``WORK_CARDS`` (alias ``x``), its
    Anki card ``c`` and note ``n``, its deck's ``WORK_DECKS`` row ``dm``, its due day's
    ``WORK_DAYS`` row ``dd`` and its last rated answer ``l`` (``anki_revlog.LAST_TABLE``):
    card type = our state; a new card has no schedule and its Anki position after the deck's
    last; a review card without a rated answer was last reviewed an interval before it is
    due; a suspended card stays so; a buried one (by hand or as a sibling) is buried until
    ``tomorrow``, the next study day's start, as in Anki; the flag is Anki's colour."""
    values = {
        "id": "x.card_id",
        "deck_id": "dm.deck_id",
        "concept_id": "dm.concept_id",
        "source_id": "NULL",
        "key": "'anki:' || n.guid || ':' || c.ord",
        "guid": "n.guid",
        "kind": "x.kind",
        "anchor": "n.guid",
        "variant": "CAST(c.ord AS TEXT)",
        "front": "x.front",
        "back": "x.back",
        "override_front": "NULL",
        "override_back": "NULL",
        "source_line": "0",
        "source_end": "0",
        "sibling": "'anki:' || n.guid",
        "extra": "x.extra",
        "position": f"dm.base_pos + 1 + {_POSITION}",
        "retired": "0",
        "suspended": f"c.queue = {_SUSPENDED}",
        "buried_until": f"CASE WHEN c.queue IN {_BURIED} THEN {int(tomorrow)} ELSE 0 END",
        "flag": "c.flags & 7",
        "leech": "0",
        "state": "c.type",
        "step": "0",
        "stability": "x.stability",
        "difficulty": "x.difficulty",
        "due": f"CASE WHEN c.type = {_NEW} THEN 0 ELSE {_DUE_S} END",
        "last_review": f"CASE WHEN c.type = {_NEW} THEN NULL "
        "WHEN l.t IS NOT NULL THEN l.t / 1000 "
        f"WHEN c.type = {_REVIEW} THEN ({_DUE_S}) - max(1, c.ivl) * 86400 END",
        "reps": f"CASE WHEN c.type = {_NEW} THEN 0 ELSE c.reps END",
        "lapses": f"CASE WHEN c.type = {_NEW} THEN 0 ELSE c.lapses END",
        "created": str(int(now_s)),
        "modified": str(int(now_s)),
    }
    assert tuple(values) == CARD_COLUMNS
    return values


# a new card's place among the deck's new cards, as Anki had it
_POSITION = f"CASE WHEN c.type = {_NEW} THEN {_DUE} ELSE 0 END"


def _cards_from(given: bool) -> str:
    if given:
        return (f"FROM {WORK_CARDS} x JOIN {GIVEN_TABLE} c ON c.seq = x.seq "
                f"JOIN {GIVEN_TABLE} n ON n.seq = x.seq ")  # fmt: skip
    return (f"FROM {WORK_CARDS} x JOIN {SOURCE}.cards c ON c.id = x.cid "
            f"JOIN {SOURCE}.notes n ON n.id = c.nid ")  # fmt: skip


def insert_sql(now_s: int, tomorrow: int, *, given: bool) -> str:
    """SQL: insert the cards rows of ``WORK_CARDS``' new cards (``card_values``), in order.
    ``given``: the cards' Anki values are in ``GIVEN_TABLE``, not the package's tables."""
    values = card_values(now_s, tomorrow)
    return (
        f"INSERT INTO main.cards ({', '.join(CARD_COLUMNS)}) "
        f"SELECT {', '.join(values.values())} {_cards_from(given)}"
        f"JOIN {WORK_DECKS} dm ON dm.did = {_DID} "
        f"LEFT JOIN {WORK_DAYS} dd ON dd.day = {_DUE} "
        f"LEFT JOIN {LAST_TABLE} l ON l.cid = c.id "
        "WHERE NOT x.matched ORDER BY x.seq"
    )


# What ``matched_sql`` gives of each card the collection has: its seq, then these.
MATCHED_COLUMNS = (*IMPORTED_SCHED_COLUMNS, "position")


def matched_sql(tomorrow: int, *, given: bool) -> str:
    """SQL: (seq, ``MATCHED_COLUMNS``) of each card of ``WORK_CARDS`` the collection has
    (``matched``): the package's schedule as ``card_values`` maps it, and the card's Anki
    position among new cards (not placed after our deck's last: the merge decides)."""
    values = {**card_values(0, tomorrow), "position": _POSITION}
    columns = ", ".join(values[c] for c in MATCHED_COLUMNS)
    return (
        f"SELECT x.seq, {columns} {_cards_from(given)}"
        f"LEFT JOIN {WORK_DAYS} dd ON dd.day = {_DUE} "
        f"LEFT JOIN {LAST_TABLE} l ON l.cid = c.id "
        "WHERE x.matched ORDER BY x.seq"
    )


# Each card to import, linked to our card for its review log (``anki_revlog.MAP_TABLE``).
LINK_SQL = f"INSERT INTO {MAP_TABLE} SELECT cid, card_id, matched FROM {WORK_CARDS}"


def fill_work(
    s: Session,
    cards: Sequence[WorkCard],
    decks: Iterable[tuple[int, int, int | None, int]],
    days: Iterable[tuple[int, int]],
    given: Iterable[Sequence[Any]] | None = None,
) -> None:
    """Create and fill the ``WORK`` tables (and ``GIVEN_TABLE`` with ``given``) in the
    attached ``WORK_SCHEMA``, inside the import's transaction."""
    raw = sqlite_connection(s)
    for ddl in WORK_DDL:
        raw.execute(ddl)
    raw.executemany(f"INSERT INTO {WORK_DECKS} VALUES (?, ?, ?, ?)", decks)
    raw.executemany(f"INSERT INTO {WORK_DAYS} VALUES (?, ?)", days)
    import_rows.insert_many(s, WORK_CARDS, WORK_COLUMNS, cards, per_statement=99)
    if given is not None:
        raw.execute(GIVEN_DDL)
        marks = ", ".join("?" * len(GIVEN_COLUMNS))
        raw.executemany(f"INSERT INTO {GIVEN_TABLE} VALUES ({marks})", given)


def set_memory_states(s: Session, states: Sequence[tuple[float, float, int]]) -> None:
    """Set the (stability, difficulty) of the cards ``seq`` of ``WORK_CARDS``: (stability,
    difficulty, seq) each (a memory state worked out after the table was filled), a hundred
    cards to a statement (15k cards: 0.03 -> 0.02 s)."""
    raw = sqlite_connection(s)
    full = len(states) - len(states) % _STATES_PER
    if full:
        flat = chain.from_iterable
        raw.executemany(
            _SET_STATES,
            (tuple(flat(states[i : i + _STATES_PER])) for i in range(0, full, _STATES_PER)),
        )
    raw.executemany(
        f"UPDATE {WORK_CARDS} SET stability = ?, difficulty = ? WHERE seq = ?", states[full:]
    )


_STATES_PER = 100
_SET_STATES = (
    f"UPDATE {WORK_CARDS} SET stability = v.column1, difficulty = v.column2 "
    f"FROM (VALUES {', '.join(['(?, ?, ?)'] * _STATES_PER)}) AS v "
    f"WHERE {WORK_CARDS}.seq = v.column3"
)


def insert_new(s: Session, now_s: int, tomorrow: int, *, given: bool, ids: tuple[int, int]) -> None:
    """Insert the cards rows of ``WORK_CARDS``' new cards (``insert_sql``), our ids
    ``ids[0]``..``ids[1]``: the indexes built after them in a first import, the
    ``cards_sync_restored`` and ``card_sort_insert`` triggers' work done for all at once
    (``import_rows``), the sort keys taken from ``WORK_CARDS``."""
    with (
        import_rows.indexes_after(s, CARDS, ids[1] - ids[0] + 1),
        import_rows.restore_trigger_paused(s, *ids),
        import_rows.sort_trigger_paused(s, *ids, keys=_SORT_KEYS),
    ):
        sqlite_connection(s).execute(insert_sql(now_s, tomorrow, given=given))


def matched(s: Session, tomorrow: int, *, given: bool) -> list[tuple[int, dict[str, Any]]]:
    """(seq, ``MATCHED_COLUMNS`` -> value) of each matched card of ``WORK_CARDS``."""
    rows = sqlite_connection(s).execute(matched_sql(tomorrow, given=given))
    return [(r[0], dict(zip(MATCHED_COLUMNS, r[1:], strict=True))) for r in rows]


def link(s: Session, *, any_matched: bool) -> set[int]:
    """Fill ``anki_revlog.MAP_TABLE`` from ``WORK_CARDS``; return the matched cards (our ids)
    the package has answers for that they lack."""
    raw = sqlite_connection(s)
    raw.execute(MAP_DDL)
    raw.execute(LINK_SQL)
    if not any_matched:
        return set()
    return {cid for (cid,) in raw.execute(FRESH_SQL)}
