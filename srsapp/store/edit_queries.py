"""Named queries of the learner's edits to the collection: decks created, renamed and deleted,
cards added, moved, flagged, suspended, deleted and repositioned — and the rows an undo puts
back. Every function runs in a session the caller opened (``Database.transaction``).

An edit that deletes rows first reads them whole (``rows``), so that an undo can insert them
again exactly (``insert_rows``); one that changes columns reads their values first
(``column_values``), so that an undo can write them back (``set_columns``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from srsapp.store.models import new_last
from srsapp.store.queries import (
    CARDS,
    CONCEPTS,
    DECKS,
    REVLOG,
    SOURCES,
    id_batches,
    path_json,
    path_of,
    sqlite_connection,
)

# The tables an edit deletes from, parents first (the order an undo inserts them in).
TABLES: dict[str, Table] = {
    "decks": DECKS,
    "sources": SOURCES,
    "concepts": CONCEPTS,
    "cards": CARDS,
    "revlog": REVLOG,
}
Row = dict[str, Any]


def rows(s: Session, table: str, column: str, ids: Iterable[int]) -> list[Row]:
    """Every row of ``table`` whose ``column`` is one of ``ids``, whole (for an undo)."""
    t = TABLES[table]
    out: list[Row] = []
    for batch in id_batches(ids):
        result = s.execute(select(t).where(t.c[column].in_(batch)))
        out.extend(dict(r._mapping) for r in result)
    return out


def insert_rows(s: Session, table: str, values: Sequence[Row]) -> None:
    if values:
        s.execute(insert(TABLES[table]), list(values))


def delete_rows(s: Session, table: str, ids: Iterable[int]) -> None:
    """Delete rows by id (what depends on them goes with them: ``ON DELETE CASCADE``)."""
    t = TABLES[table]
    for batch in id_batches(ids):
        s.execute(delete(t).where(t.c.id.in_(batch)))


def column_values(s: Session, card_ids: Iterable[int], columns: Sequence[str]) -> list[Row]:
    """(id and ``columns``) of each card of ``card_ids`` that exists."""
    out: list[Row] = []
    for batch in id_batches(card_ids):
        q = select(CARDS.c.id, *(CARDS.c[c] for c in columns)).where(CARDS.c.id.in_(batch))
        out.extend(dict(r._mapping) for r in s.execute(q))
    return out


def set_columns(s: Session, values: Sequence[Row]) -> None:
    """Write each row's columns back to the card its ``id`` names."""
    for row in values:
        cols = {k: v for k, v in row.items() if k != "id"}
        s.execute(update(CARDS).where(CARDS.c.id == row["id"]).values(**cols))


def set_cards(s: Session, card_ids: Sequence[int], values: Row) -> None:
    for batch in id_batches(card_ids):
        s.execute(update(CARDS).where(CARDS.c.id.in_(batch)).values(**values))


def clear_concept_of_unsourced(s: Session, card_ids: Sequence[int]) -> None:
    """Cards no notes file made (imported, added) leave their concept (an imported subdeck)."""
    for batch in id_batches(card_ids):
        s.execute(
            update(CARDS)
            .where(CARDS.c.id.in_(batch), CARDS.c.source_id.is_(None))
            .values(concept_id=None)
        )


# ---------------------------------------------------------------- decks


def deck_rows(s: Session) -> list[tuple[int, str, bool]]:
    """(id, name, has a notes file) of every deck, by name."""
    notes = select(SOURCES.c.deck_id).where(SOURCES.c.kind == "notes")
    q = select(DECKS.c.id, DECKS.c.name, DECKS.c.id.in_(notes)).order_by(DECKS.c.name)
    return [(int(i), str(n), bool(b)) for i, n, b in s.execute(q)]


def rename_deck(s: Session, deck_id: int, name: str) -> None:
    s.execute(update(DECKS).where(DECKS.c.id == deck_id).values(name=name))


def add_deck(s: Session, name: str, created: int) -> int:
    s.execute(insert(DECKS).values(name=name, config="{}", created=created))
    found = s.scalar(select(DECKS.c.id).where(DECKS.c.name == name))
    assert found is not None
    return int(found)


def concept_rows(s: Session, deck_id: int) -> list[tuple[int, tuple[str, ...]]]:
    """(id, path) of a deck's live concepts, in their order."""
    return concepts_of_decks(s, [deck_id]).get(deck_id, [])


def concepts_of_decks(
    s: Session, deck_ids: Sequence[int]
) -> dict[int, list[tuple[int, tuple[str, ...]]]]:
    """deck id -> (id, path) of its live concepts, in their order (decks without any left
    out): one query for a whole deck tree."""
    if not deck_ids:
        return {}
    marks = ", ".join("?" * len(deck_ids))
    sql = (
        f"SELECT deck_id, id, path FROM concepts WHERE deck_id IN ({marks}) AND retired = 0 "
        "ORDER BY deck_id, position, id"
    )
    out: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
    for deck_id, concept_id, path in sqlite_connection(s).execute(sql, tuple(deck_ids)):
        out.setdefault(int(deck_id), []).append((int(concept_id), path_of(path)))
    return out


def concept_subtree(s: Session, deck_id: int, path: Sequence[str]) -> list[Row]:
    """Every concept row (retired ones too) at ``path`` or under it, whole."""
    pj = path_json(path)
    q = select(CONCEPTS).where(
        CONCEPTS.c.deck_id == deck_id,
        or_(CONCEPTS.c.path == pj, CONCEPTS.c.path.like(pj[:-1] + ",%")),
    )
    return [dict(r._mapping) for r in s.execute(q)]


def set_concept_path(s: Session, concept_id: int, path: Sequence[str]) -> None:
    s.execute(
        update(CONCEPTS)
        .where(CONCEPTS.c.id == concept_id)
        .values(path=path_json(path), title=path[-1] if path else "")
    )


def card_ids_where(s: Session, column: str, ids: Iterable[int]) -> list[int]:
    """Ids of the cards whose ``column`` (deck_id, concept_id) is one of ``ids``."""
    out: list[int] = []
    for batch in id_batches(ids):
        q = select(CARDS.c.id).where(CARDS.c[column].in_(batch))
        out.extend(int(i) for (i,) in s.execute(q))
    return out


# ---------------------------------------------------------------- cards


def existing_card_ids(s: Session, card_ids: Iterable[int]) -> list[int]:
    out: list[int] = []
    for batch in id_batches(card_ids):
        out.extend(int(i) for (i,) in s.execute(select(CARDS.c.id).where(CARDS.c.id.in_(batch))))
    return out


def cards_of_guid(s: Session, guid: str) -> list[tuple[int, str]]:
    """(id, key) of the cards of the added note ``guid`` (keys ``added:<guid>:<ord>``)."""
    q = select(CARDS.c.id, CARDS.c.key).where(
        CARDS.c.guid == guid, CARDS.c.key.like(f"added:{guid}:%")
    )
    return [(int(i), str(k)) for i, k in s.execute(q)]


def card_keys(s: Session, deck_id: int) -> set[str]:
    return {str(k) for (k,) in s.execute(select(CARDS.c.key).where(CARDS.c.deck_id == deck_id))}


def new_positions(s: Session, card_ids: Sequence[int]) -> list[tuple[int, int, int]]:
    """(id, deck id, position) of the new cards among ``card_ids``, by position."""
    out: list[tuple[int, int, int]] = []
    for batch in id_batches(card_ids):
        q = select(CARDS.c.id, CARDS.c.deck_id, CARDS.c.position).where(
            CARDS.c.id.in_(batch), CARDS.c.state == 0
        )
        out.extend((int(a), int(b), int(c)) for a, b, c in s.execute(q))
    return sorted(out, key=lambda r: (r[2], r[0]))


def shift_positions(
    s: Session, deck_ids: Iterable[int], start: int, by: int, leave_out: Sequence[int]
) -> list[Row]:
    """Move the new cards of ``deck_ids`` at ``start`` or later ``by`` places (leaving out
    ``leave_out``); returns (id, position) before, for an undo."""
    q = select(CARDS.c.id, CARDS.c.position).where(
        # the new cards (state 0): their range of ix_cards_by_due, covering ("state = 0"
        # would have SQLite walk the deck's cards in another index and read each row)
        new_last(CARDS.c.state) == 1,
        CARDS.c.deck_id.in_(list(deck_ids)),
        CARDS.c.position >= start,
    )
    skip = set(leave_out)
    before = [{"id": int(i), "position": int(p)} for i, p in s.execute(q) if int(i) not in skip]
    for row in before:
        s.execute(
            update(CARDS).where(CARDS.c.id == row["id"]).values(position=row["position"] + by)
        )
    return before


def revlog_of_card(s: Session, card_id: int) -> list[Row]:
    """A card's review-log rows, oldest first."""
    q = select(REVLOG).where(REVLOG.c.card_id == card_id).order_by(REVLOG.c.time_ms, REVLOG.c.id)
    return [dict(r._mapping) for r in s.execute(q)]


def card_row(s: Session, card_id: int) -> Row | None:
    row = s.execute(select(CARDS).where(CARDS.c.id == card_id)).first()
    return None if row is None else dict(row._mapping)


def deck_card_totals(s: Session) -> dict[int, int]:
    """Cards (not retired) per deck."""
    q = (
        select(CARDS.c.deck_id, func.count())
        .where(CARDS.c.retired.is_(False))
        .group_by(CARDS.c.deck_id)
    )
    return {int(d): int(n) for d, n in s.execute(q)}


def concept_card_totals(s: Session, deck_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Cards (not retired) per concept (of the cards of ``deck_ids``; None: every card)."""
    q = (
        select(CARDS.c.concept_id, func.count())
        .where(CARDS.c.retired.is_(False), CARDS.c.concept_id.is_not(None))
        .group_by(CARDS.c.concept_id)
    )
    if deck_ids is not None:
        q = q.where(CARDS.c.deck_id.in_(list(deck_ids)))
    return {int(c): int(n) for c, n in s.execute(q)}


def decks_with_concepts(s: Session, deck_ids: Sequence[int]) -> set[int]:
    """Those of ``deck_ids`` that have a live concept (one index probe each)."""
    con = sqlite_connection(s)
    sql = "SELECT 1 FROM concepts WHERE deck_id = ? AND retired = 0 LIMIT 1"
    return {int(d) for d in deck_ids if con.execute(sql, (int(d),)).fetchone() is not None}
