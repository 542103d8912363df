"""Named queries on a collection's tables: what the service parts ask the store for, by name,
in a session the caller opened (``Database.reading`` / ``Database.transaction``).

The service says *what* it wants (a deck's options, the cards a sibling answer buries); the
SQL and the column sets live here and in ``models``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Table, func, select, update
from sqlalchemy.orm import Session

from srsapp.store.models import Base, Card, Concept, Deck, Meta, Review, Setting, Source


def table(model: type[Base]) -> Table:
    """A model's table, typed as the ``Table`` it is (``__table__`` is typed loosely)."""
    t = model.__table__
    assert isinstance(t, Table)
    return t


CARDS = table(Card)
REVLOG = table(Review)
CONCEPTS = table(Concept)
DECKS = table(Deck)
SETTINGS = table(Setting)
SOURCES = table(Source)
META = table(Meta)


def sqlite_connection(s: Session | Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a session's (open) transaction or a connection, for bulk
    reads and writes of plain tuples."""
    conn = s.connection() if isinstance(s, Session) else s
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def first_column(s: Session | Connection, select_sql: Any) -> list[Any]:
    """The first column of the rows of the SELECT statement ``select_sql`` (a SQLAlchemy
    statement), in their order. SQLite builds them into one JSON array, which Python reads in
    one call: for 100k card ids half the time of a row (a tuple) per id. An SQLite built
    without JSON gets the rows one by one."""
    conn = s.connection() if isinstance(s, Session) else s
    compiled = select_sql.compile(conn.engine, compile_kwargs={"render_postcompile": True})
    params = [compiled.params[k] for k in compiled.positiontup or ()]
    raw = sqlite_connection(conn)
    name = select_sql.selected_columns[0].name
    try:
        row = raw.execute(f'SELECT json_group_array("{name}") FROM ({compiled})', params)
    except sqlite3.OperationalError:
        return [r[0] for r in raw.execute(str(compiled), params)]
    return list(json.loads(row.fetchone()[0]))


# Every column of a cards row, in the table's order (a bulk insert binds rows in this order),
# but the sync's usn: an inserted card takes its default (-1: not on the sync server yet).
CARD_COLUMNS = tuple(c.name for c in CARDS.columns if c.name != "usn")
# What an export reads of each card.
EXPORTED_CARD_COLUMNS = (
    "id", "deck_id", "concept_id", "guid", "key", "kind", "front", "back", "override_front",
    "override_back", "extra", "position", "suspended", "buried_until", "flag", "state", "stability",
    "difficulty", "due", "last_review", "reps", "lapses", "created", "modified",
)  # fmt: skip
# A card's FSRS memory state and place in the schedule (``core.scheduler.SchedState``).
SCHED_COLUMNS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")
# What an answer changes on a card and an undo puts back.
ANSWER_UNDO_COLUMNS = (*SCHED_COLUMNS, "leech", "suspended", "buried_until", "modified")
# What an import takes from a package's card (its schedule, suspension, burial and flag).
IMPORTED_SCHED_COLUMNS = (*SCHED_COLUMNS, "suspended", "buried_until", "flag")
# A review-log row's answer: when, how, the card's state around it and its intervals.
REVLOG_ANSWER_COLUMNS = (
    "time_ms", "rating", "duration_ms", "state_before", "state_after", "interval_s",
    "last_interval_s",
)  # fmt: skip
# The review-log columns an importer fills (the memory state after, and the row's kind).
IMPORTED_REVLOG_COLUMNS = (*REVLOG_ANSWER_COLUMNS, "stability", "difficulty", "kind")


def path_json(path: Sequence[str]) -> str:
    """A concept path as ``concepts.path`` stores it (compact JSON, Unicode kept)."""
    return json.dumps(list(path), ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=1 << 16)
def path_of(stored: str) -> tuple[str, ...]:
    """A concept path from ``concepts.path`` (decoded once per text: a deck tree reads every
    concept's path, twice, each time it is drawn)."""
    return tuple(json.loads(stored))


def meta_value(s: Session, key: str) -> str | None:
    """A ``meta`` value, None when unset (plain SQL: read at every open, when building and
    compiling an ORM statement would cost more than the read)."""
    row = sqlite_connection(s).execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(s: Session, key: str, value: str) -> None:
    """Set a ``meta`` value (inserted, or replacing the one there)."""
    s.merge(Meta(key=key, value=value))


def meta_values(s: Session, keys: Iterable[str]) -> dict[str, str]:
    """The ``meta`` values of these keys that are set."""
    return {m.key: m.value for m in s.scalars(select(Meta).where(Meta.key.in_(list(keys))))}


def clear_meta(s: Session, key: str) -> None:
    """Remove a ``meta`` value (nothing when unset)."""
    row = s.get(Meta, key)
    if row is not None:
        s.delete(row)


def sync_fingerprint(s: Session) -> list[list[Any]]:
    """What a sync moves, in numbers that change when any of it does: the cards' count, last
    modification, summed reviews and highest id; the review log's count and highest id; the
    decks' count and highest id."""
    cards = s.execute(select(func.count(), func.max(Card.modified), func.sum(Card.reps),
                             func.max(Card.id))).one()  # fmt: skip
    reviews = s.execute(select(func.count(), func.max(Review.id))).one()
    decks = s.execute(select(func.count(), func.max(Deck.id))).one()
    return [list(cards), list(reviews), list(decks)]


def set_metas(s: Session, items: Iterable[tuple[str, str]]) -> None:
    """Set many ``meta`` values at once (each inserted, or replacing the one there)."""
    sql = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"
    sqlite_connection(s).executemany(sql, items)


# ---------------------------------------------------------------- settings and decks


def settings(s: Session) -> dict[str, Any]:
    # plain SQL: a command that reads nothing else through the ORM (an export) does not pay
    # for configuring its mappers and compiling the statement (≈ 10 ms)
    rows = sqlite_connection(s).execute("SELECT key, value FROM settings")
    return {str(key): json.loads(value) for key, value in rows}


def store_settings(s: Session, values: dict[str, Any]) -> None:
    for key, value in values.items():
        s.merge(Setting(key=key, value=json.dumps(value)))


def decks(s: Session) -> list[tuple[int, str]]:
    return [(int(i), str(n)) for i, n in s.execute(select(Deck.id, Deck.name).order_by(Deck.name))]


def deck_id(s: Session, name: str) -> int | None:
    found = s.scalar(select(Deck.id).where(Deck.name == name))
    return None if found is None else int(found)


def deck_name(s: Session, deck_id: int) -> str:
    return s.scalar(select(Deck.name).where(Deck.id == deck_id)) or ""


def deck_names(s: Session) -> set[str]:
    return set(s.scalars(select(Deck.name)))


def ensure_deck(s: Session, name: str) -> int:
    found = deck_id(s, name)
    if found is not None:
        return found
    deck = Deck(name=name, config="{}", created=0)
    s.add(deck)
    s.flush()
    return int(deck.id)


def deck_config(s: Session, deck_id: int) -> dict[str, Any] | None:
    """The options stored on a deck (no defaults), None when there is no such deck."""
    deck = s.get(Deck, deck_id)
    return None if deck is None else dict(json.loads(deck.config or "{}"))


def deck_configs(s: Session) -> dict[int, dict[str, Any]]:
    """Every deck's stored options (plain SQL: read when a study queue is built)."""
    rows = sqlite_connection(s).execute("SELECT id, config FROM decks").fetchall()
    return {int(did): dict(json.loads(config or "{}")) for did, config in rows}


def store_deck_config(s: Session, deck_id: int, config: dict[str, Any]) -> None:
    s.execute(update(Deck).where(Deck.id == deck_id).values(config=json.dumps(config)))


# ---------------------------------------------------------------- concepts


def concepts(s: Session, deck_id: int) -> dict[tuple[str, ...], Concept]:
    """A deck's concept rows by path."""
    return {
        tuple(json.loads(c.path)): c
        for c in s.scalars(select(Concept).where(Concept.deck_id == deck_id))
    }


def concept_paths(
    s: Session, deck_id: int, *, live_only: bool = False
) -> dict[int, tuple[str, ...]]:
    """Concept id -> path of a deck's concepts (``live_only``: not retired)."""
    q = select(Concept.id, Concept.path).where(Concept.deck_id == deck_id)
    if live_only:
        q = q.where(Concept.retired.is_(False))
    return {int(i): tuple(json.loads(p)) for i, p in s.execute(q)}


# ---------------------------------------------------------------- cards


def card_values(s: Session, card_id: int, columns: Sequence[str]) -> dict[str, Any] | None:
    row = s.execute(select(*(CARDS.c[c] for c in columns)).where(CARDS.c.id == card_id)).first()
    return None if row is None else dict(zip(columns, row, strict=True))


def set_card_values(s: Session, card_id: int, values: dict[str, Any]) -> None:
    s.execute(update(CARDS).where(CARDS.c.id == card_id).values(**values))


def live_cards_of_source(s: Session, source_id: int) -> int:
    """How many cards a notes file made that are not retired."""
    q = select(func.count()).select_from(CARDS)
    return int(s.scalar(q.where(CARDS.c.source_id == source_id, CARDS.c.retired.is_(False))) or 0)


def cards_of_source(s: Session, source_id: int) -> dict[int, Card]:
    """Every card a notes file made, retired ones too, by id."""
    return {c.id: c for c in s.scalars(select(Card).where(Card.source_id == source_id))}


def cards_by_ids(s: Session, ids: Iterable[int]) -> Iterator[Card]:
    """The cards of ``ids`` that exist (as ORM objects, for the caller to change), batch by
    batch."""
    for batch in id_batches(ids):
        yield from s.scalars(select(Card).where(CARDS.c.id.in_(batch)))


def last_position(s: Session, deck_id: int) -> int:
    """The highest new-card position in a deck (0 when it has no cards)."""
    return int(s.scalar(select(func.max(CARDS.c.position)).where(CARDS.c.deck_id == deck_id)) or 0)


def next_card_id(s: Session) -> int:
    """The id after the highest card id (1 in an empty collection)."""
    return int(s.scalar(select(func.max(CARDS.c.id))) or 0) + 1


def card_count(s: Session, *, include_retired: bool = False) -> int:
    q = select(func.count()).select_from(CARDS)
    if not include_retired:
        q = q.where(CARDS.c.retired.is_(False))
    return int(s.scalar(q) or 0)


def revlog_count(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(REVLOG)) or 0)


def fitting_revlog(s: Session) -> list[tuple[int, int, int, int, int, int]]:
    """(card id, time ms, rating, duration ms, state before, state after) of every review-log
    row, by card and time (what FSRS parameters are fitted on)."""
    r = REVLOG.c
    q = select(r.card_id, r.time_ms, r.rating, r.duration_ms, r.state_before, r.state_after)
    return [tuple(row) for row in s.execute(q.order_by(r.card_id, r.time_ms, r.id))]


# ---------------------------------------------------------------- sources


def source(s: Session, path: str, kind: str) -> Source | None:
    """The notes or diagram file ``path`` as last synced, None when never synced."""
    return s.scalar(select(Source).where(Source.path == path, Source.kind == kind))


def card_source_lines(s: Session, card_id: int) -> tuple[str, str, int, int] | None:
    """(notes path, notes text as synced, first line, last line) of a card a notes file made,
    None for another card (or none)."""
    card = s.get(Card, card_id)
    if card is None or card.source_id is None:
        return None
    src = s.get(Source, card.source_id)
    if src is None:
        return None
    return src.path, src.text, card.source_line, card.source_end


def source_texts(s: Session, kind: str) -> list[tuple[str, str]]:
    """(path, text as last synced) of every source of ``kind`` (notes | diagram)."""
    rows = sqlite_connection(s).execute("SELECT path, text FROM sources WHERE kind = ?", (kind,))
    return [(str(p), str(t)) for p, t in rows]


def source_paths(s: Session, kind: str) -> list[str]:
    return [str(p) for p in s.scalars(select(Source.path).where(Source.kind == kind))]


# SQLite refuses a statement with more bound variables than its limit: 32,766 in the builds
# python.org ships for Windows and macOS (999 before SQLite 3.32); an ``IN (…)`` of ids is
# sent in batches of at most this many
ID_BATCH = 900


def id_batches(ids: Iterable[int]) -> Iterator[list[int]]:
    """``ids`` in lists of at most ``ID_BATCH``, for ``IN (…)``."""
    batch: list[int] = []
    for i in ids:
        batch.append(i)
        if len(batch) == ID_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
