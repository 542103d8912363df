"""The fast path of an .apkg import: a package whose cards are all new to the collection,
whose note and card rows were read exactly as stored and whose review log is intact.

Python renders each card (``convert.rendered_cards``) and works out what only it can
(the FSRS memory state a card lacks, from its answers in one batch; which of our decks and concepts a card goes
to); SQLite builds the rest of each cards row from the package's own ``cards`` and ``notes``
tables, attached to the collection's connection (``anki_revlog.SOURCE``) together with each
card's last rated answer; the review log, mapped meanwhile by the reader's background
thread, is attached and inserted after the cards. So a card costs one row of seven values
bound from Python instead of an ``IncomingCard``, a sched object and a 33-value row.

The rows are exactly the ones ``convert.incoming_from_package`` + ``merge_cards``
store for the same package (a test compares whole collections imported both ways); any
package this path does not cover (a card already in the collection, a duplicate card, a
value the reader had to convert or clamp, a review log it checks row by row) goes the
general way: ``import_new`` returns None before writing anything.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from srsapp.interchange.anki_model import AnkiPackage, CardType, NotetypeKind, Queue
from srsapp.service.anki.convert import (
    ImportClock,
    deck_presets,
    estimated_warning,
    memory_state,
    rendered_cards,
    replayed_states,
    store_notetypes,
)
from srsapp.service.anki.merge import (
    CARD_COLUMNS,
    ConceptRows,
    ExistingCards,
    MergeCounts,
    Progress,
    bulk_cache,
    ensure_deck,
    indexes_after,
    insert_package_revlog,
)
from srsapp.service.context import Context
from srsapp.store import anki_revlog, queries
from srsapp.store.anki_revlog import (
    LAST_JOB,
    LAST_SCHEMA,
    LAST_TABLE,
    MAPPED_JOB,
    SOURCE,
    PackageHistory,
)
from srsapp.store.anki_revlog import SCHEMA as MAPPED_SCHEMA
from srsapp.store.queries import CARDS, sqlite_connection

_C = CARDS.c
_CARDS = f"{SOURCE}.srs_cards"  # one row per card to add, in order: what Python worked out
_DECKS = f"{SOURCE}.srs_decks"  # Anki deck id -> our deck, concept, first free position
_DAYS = f"{SOURCE}.srs_days"  # Anki due day -> epoch seconds of that study day's start
_DDL = (
    f"CREATE TABLE {_CARDS} (seq INTEGER PRIMARY KEY, cid INTEGER NOT NULL, front TEXT, "
    "back TEXT, extra TEXT, kind TEXT, stability REAL, difficulty REAL)",
    f"CREATE TABLE {_DECKS} (did INTEGER PRIMARY KEY, deck_id INTEGER NOT NULL, "
    "concept_id INTEGER, base_pos INTEGER NOT NULL)",
    f"CREATE TABLE {_DAYS} (day INTEGER PRIMARY KEY, epoch INTEGER NOT NULL)",
)
# What the reader makes of a card in a filtered deck: its home deck and due.
_DID = "CASE WHEN c.odid != 0 THEN c.odid ELSE c.did END"
_DUE = "CASE WHEN c.odid != 0 THEN c.odue ELSE c.due END"
_NEW = int(CardType.NEW)
_BURIED = f"({int(Queue.USER_BURIED)}, {int(Queue.SCHED_BURIED)})"
_REVIEW = int(CardType.REVIEW)


def _insert_cards_sql(first_id: int, now_s: int, tomorrow: int) -> str:
    """SQL: the cards rows (``CARD_COLUMNS``) of ``_CARDS``, as ``merge._new_row``
    and ``convert._sched`` make them (card type = our state; a new card has no
    schedule; a review card without a rated answer was last reviewed an interval before it
    is due; a buried card is buried until ``tomorrow``: ``ImportClock.buried_until``)."""
    due = f"CASE WHEN {_DUE} > 1000000000 THEN {_DUE} ELSE dd.epoch END"
    values = {
        "id": f"{first_id - 1} + x.seq",
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
        "position": f"dm.base_pos + 1 + CASE WHEN c.type = {_NEW} THEN {_DUE} ELSE 0 END",
        "retired": "0",
        "suspended": "c.queue = -1",
        "buried_until": f"CASE WHEN c.queue IN {_BURIED} THEN {tomorrow} ELSE 0 END",
        "flag": "c.flags & 7",
        "leech": "0",
        "state": "c.type",
        "step": "0",
        "stability": "x.stability",
        "difficulty": "x.difficulty",
        "due": f"CASE WHEN c.type = {_NEW} THEN 0 ELSE {due} END",
        "last_review": f"CASE WHEN c.type = {_NEW} THEN NULL "
        "WHEN l.t IS NOT NULL THEN l.t / 1000 "
        f"WHEN c.type = {_REVIEW} THEN ({due}) - max(1, c.ivl) * 86400 END",
        "reps": f"CASE WHEN c.type = {_NEW} THEN 0 ELSE c.reps END",
        "lapses": f"CASE WHEN c.type = {_NEW} THEN 0 ELSE c.lapses END",
        "created": str(now_s),
        "modified": str(now_s),
    }
    assert tuple(values) == CARD_COLUMNS
    return (
        f"INSERT INTO main.cards ({', '.join(CARD_COLUMNS)}) "
        f"SELECT {', '.join(values.values())} "
        f"FROM {_CARDS} x JOIN {SOURCE}.cards c ON c.id = x.cid "
        f"JOIN {SOURCE}.notes n ON n.id = c.nid "
        f"JOIN {_DECKS} dm ON dm.did = {_DID} "
        f"LEFT JOIN {_DAYS} dd ON dd.day = {_DUE} "
        f"LEFT JOIN {LAST_TABLE} l ON l.cid = c.id "
        "ORDER BY x.seq"
    )


def import_new(
    col: Context,
    pkg: AnkiPackage,
    worker: Any,
    *,
    deck: str | None,
    now: datetime,
    renamed: dict[str, str],
    warnings: list[str],
    progress: Progress | None = None,
) -> MergeCounts | None:
    """Import ``pkg`` by the fast path in one transaction, or return None (nothing written)
    when the package is not one it covers. ``worker`` is the reader's ``RevlogWorker``
    running ``anki_revlog.JOBS``: its results are attached as they are needed."""
    if pkg.revlog_db is None or not pkg.rows_as_stored:
        return None
    with col.db.reading() as s:
        existing = ExistingCards(s, (_C.key, _C.guid, _C.deck_id))
    clock = ImportClock.of(col, pkg, now)
    config = col.scheduler().config
    history = PackageHistory(pkg.revlog_db)
    replayed = replayed_states(pkg.cards, history.rated, config)
    history.close()
    rows: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    places: dict[int, tuple[str, tuple[str, ...]]] = {}  # Anki deck -> (our deck, concept)
    due_days: set[int] = set()
    estimated = 0
    notes: list[str] = []
    notetypes: dict[str, str] = {}
    total = len(pkg.cards)
    for note, c, nt, front, back, anki_deck, extra_json, _values, _nt in rendered_cards(
        pkg, renamed, notes, notetypes
    ):
        key = f"anki:{note.guid}:{c.ord}"
        if key in seen or existing.match(key, note.guid, c.ord) is not None:
            return None  # a duplicate or a card the collection has: the general path
        seen.add(key)
        if c.deck_id not in places:
            places[c.deck_id] = (deck or anki_deck[0], tuple(anki_deck[1:]))
        s_, d_ = None, None
        if c.type != CardType.NEW:
            s_, d_, was_estimated = memory_state(c, replayed)
            estimated += was_estimated
            if c.due <= 1_000_000_000:
                due_days.add(c.due)
        kind = "cloze" if nt.kind == NotetypeKind.CLOZE else "basic"
        rows.append((c.id, front, back, extra_json, kind, s_, d_))
        if progress is not None and len(rows) % 500 == 0:
            progress(len(rows), total)
    days = [(day, clock.due(day)) for day in sorted(due_days)]
    counts = MergeCounts(added=len(rows))
    # every reference is made here: decks and concepts ensured, card ids from the rows
    # inserted, review-log card ids from those -- so foreign keys are not checked row by row
    # (test_anki_bulk runs PRAGMA foreign_key_check after each import)
    with col.db.transaction_attached(SOURCE, pkg.revlog_db, foreign_keys=False) as (s, attach):
        raw = sqlite_connection(s)
        attach(LAST_SCHEMA, worker.result(LAST_JOB))
        store_notetypes(raw, notetypes)
        deck_ids: dict[str, int] = {}
        presets = deck_presets(pkg, deck)
        for name, _path in places.values():
            if name not in deck_ids:
                deck_ids[name] = ensure_deck(col, s, name, presets, counts)
        concepts: dict[int, ConceptRows] = {}
        decks: list[tuple[int, int, int | None, int]] = []
        base_pos: dict[int, int] = {}
        for did, (name, path) in places.items():
            deck_id = deck_ids[name]
            cc = concepts.get(deck_id) or concepts.setdefault(deck_id, ConceptRows(s, deck_id))
            if deck_id not in base_pos:
                base_pos[deck_id] = queries.last_position(s, deck_id)
            decks.append((did, deck_id, cc.ensure(path), base_pos[deck_id]))
        first_id = int(s.scalar(select(func.max(_C.id))) or 0) + 1
        for ddl in _DDL:
            raw.execute(ddl)
        raw.executemany(f"INSERT INTO {_DECKS} VALUES (?, ?, ?, ?)", decks)
        raw.executemany(f"INSERT INTO {_DAYS} VALUES (?, ?)", days)
        raw.executemany(
            f"INSERT INTO {_CARDS} (cid, front, back, extra, kind, stability, difficulty) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        with bulk_cache(s):
            if rows:
                with indexes_after(s, CARDS, len(rows)):
                    raw.execute(_insert_cards_sql(first_id, int(now.timestamp()), clock.tomorrow))
            attach(MAPPED_SCHEMA, worker.result(MAPPED_JOB))  # mapped meanwhile
            raw.execute(anki_revlog.MAP_DDL)
            raw.execute(
                f"INSERT INTO {anki_revlog.MAP_TABLE} SELECT cid, {first_id - 1} + seq, 0 "
                f"FROM {_CARDS}"
            )
            counts.revlog = insert_package_revlog(s, False)
    warnings += notes
    if estimated:
        warnings.append(estimated_warning(estimated))
    if progress is not None:
        progress(total, total)
    return counts
