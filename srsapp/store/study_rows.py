"""The study hot path's statements: reading a card to show, reading and writing a card and
its review-log row for an answer. Plain SQL on the sqlite3 connection
(``Database.raw_reading`` / ``raw_transaction``): each statement's text is a constant, so
sqlite3 keeps it prepared in the connection's statement cache, and no ORM object is made.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from srsapp.store.queries import ANSWER_UNDO_COLUMNS

# A card as the review screen shows it: the learner's overrides applied, its concept's path.
REVIEW_CARD_COLUMNS = (
    "id", "deck_id", "kind", "front", "back", "concept_path", "state", "extra", "source_line",
    "source_end", "flag",
)  # fmt: skip
_REVIEW_CARD = (
    "SELECT c.id, c.deck_id, c.kind, coalesce(c.override_front, c.front), "
    "coalesce(c.override_back, c.back), k.path, c.state, c.extra, c.source_line, "
    "c.source_end, c.flag FROM cards c LEFT JOIN concepts k ON k.id = c.concept_id "
    "WHERE c.id = ?"
)

_ANSWER_CARD = f"SELECT deck_id, sibling, {', '.join(ANSWER_UNDO_COLUMNS)} FROM cards WHERE id = ?"
# What an answer writes on its card.
ANSWERED_COLUMNS = (
    "state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses",
    "modified", "leech", "suspended",
)  # fmt: skip
_UPDATE_CARD = f"UPDATE cards SET {', '.join(f'{c} = ?' for c in ANSWERED_COLUMNS)} WHERE id = ?"
# What an answer's review-log row holds.
ANSWER_REVIEW_COLUMNS = (
    "card_id", "time_ms", "rating", "duration_ms", "state_before", "state_after",
    "interval_s", "last_interval_s", "stability", "difficulty", "kind",
)  # fmt: skip
_INSERT_REVIEW = (
    f"INSERT INTO revlog ({', '.join(ANSWER_REVIEW_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(ANSWER_REVIEW_COLUMNS))})"
)


def review_card_row(conn: sqlite3.Connection, card_id: int) -> dict[str, Any] | None:
    """The card ``card_id`` as ``REVIEW_CARD_COLUMNS`` (``concept_path``: the stored JSON
    path, None without a concept); None when there is no such card."""
    row = conn.execute(_REVIEW_CARD, (card_id,)).fetchone()
    return None if row is None else dict(zip(REVIEW_CARD_COLUMNS, row, strict=True))


def card_for_answer(
    conn: sqlite3.Connection, card_id: int
) -> tuple[int, str, dict[str, Any]] | None:
    """(deck id, sibling key, ``ANSWER_UNDO_COLUMNS`` values) of a card; None: no such card."""
    row = conn.execute(_ANSWER_CARD, (card_id,)).fetchone()
    if row is None:
        return None
    return int(row[0]), str(row[1]), dict(zip(ANSWER_UNDO_COLUMNS, row[2:], strict=True))


def record_answer(
    conn: sqlite3.Connection, card_id: int, card: Sequence[Any], review: Sequence[Any]
) -> int:
    """Write an answer: the card's ``ANSWERED_COLUMNS`` values and a review-log row of
    ``ANSWER_REVIEW_COLUMNS`` values; returns the row's id."""
    conn.execute(_UPDATE_CARD, (*card, card_id))
    cur = conn.execute(_INSERT_REVIEW, tuple(review))
    assert cur.lastrowid is not None
    return int(cur.lastrowid)


def bury_siblings(
    conn: sqlite3.Connection,
    deck_id: int,
    sibling: str,
    card_id: int,
    states: Sequence[int],
    until: int,
) -> list[tuple[int, int]]:
    """Bury until ``until`` the cards of the same note (``sibling``) in ``deck_id`` that are in
    ``states`` and not yet buried that long; returns (card id, buried_until before) of each.
    Their modification time stays: a burial of the scheduler's own loses to any change of
    the card on a phone (its answer) when a sync meets both."""
    marks = ", ".join("?" * len(states))
    rows = conn.execute(
        "SELECT id, buried_until FROM cards WHERE deck_id = ? AND sibling = ? "
        f"AND id != ? AND state IN ({marks}) AND buried_until < ?",
        (deck_id, sibling, card_id, *states, until),
    ).fetchall()
    buried = [(int(r[0]), int(r[1])) for r in rows]
    if buried:
        conn.execute(
            f"UPDATE cards SET buried_until = ? WHERE id IN ({', '.join('?' * len(buried))})",
            (until, *(i for i, _ in buried)),
        )
    return buried


def restore_cards(
    conn: sqlite3.Connection,
    card_id: int,
    values: dict[str, Any],
    review_id: int | None,
    buried: Sequence[tuple[int, int]],
) -> None:
    """Undo: card ``card_id`` gets ``values`` back (column -> value: the columns an answer or
    an action changed), the review-log row ``review_id`` (if any) goes, and each (card id,
    buried_until) of ``buried`` is buried as it was."""
    if any(not c.isidentifier() for c in values):
        raise ValueError(f"not column names: {sorted(values)}")
    sets = ", ".join(f"{c} = ?" for c in values)
    conn.execute(f"UPDATE cards SET {sets} WHERE id = ?", (*values.values(), card_id))
    if review_id is not None:
        conn.execute("DELETE FROM revlog WHERE id = ?", (review_id,))
    if buried:
        conn.executemany(
            "UPDATE cards SET buried_until = ? WHERE id = ?", [(b, i) for i, b in buried]
        )
