"""The study hot path's statements: reading a card to show, reading and writing a card and
its review-log row for an answer. Plain SQL on the sqlite3 connection
(``Database.raw_reading`` / ``raw_transaction``): each statement's text is a constant, so
sqlite3 keeps it prepared in the connection's statement cache, and no ORM object is made.

The UPDATEs of cards are ``UPDATE OR FAIL``: a statement that fires a trigger (cards'
``cards_sync_changed``) and may abort makes SQLite copy every page it changes into a
statement journal first, to undo that statement alone (≈ 7k instructions an answer with the
system's SQLite 3.40, ≈ 22k with 3.51); on a failure ``OR FAIL`` keeps what the statement had
done instead. Each runs in a transaction that is rolled back whole on any error
(``raw_transaction``), so nothing of a failed answer or undo stays either way.
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
# A card shown for study: what the review screen shows and what an answer starts from.
_SHOWN_CARD = _REVIEW_CARD.replace(
    " FROM cards c", f", c.sibling, {', '.join(f'c.{c}' for c in ANSWER_UNDO_COLUMNS)} FROM cards c"
)
# What an answer writes on its card.
ANSWERED_COLUMNS = (
    "state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses",
    "modified", "leech", "suspended",
)  # fmt: skip
_UPDATE_CARD = (
    f"UPDATE OR FAIL cards SET {', '.join(f'{c} = ?' for c in ANSWERED_COLUMNS)} WHERE id = ?"
)
# What an answer's review-log row holds.
ANSWER_REVIEW_COLUMNS = (
    "card_id", "time_ms", "rating", "duration_ms", "state_before", "state_after",
    "interval_s", "last_interval_s", "stability", "difficulty", "kind",
)  # fmt: skip
_INSERT_REVIEW = (
    f"INSERT INTO revlog ({', '.join(ANSWER_REVIEW_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(ANSWER_REVIEW_COLUMNS))})"
)

_ANSWER_ROW = (
    "SELECT r.time_ms, r.state_before, r.kind, c.deck_id FROM revlog r "
    "JOIN cards c ON c.id = r.card_id WHERE r.id = ?"
)


def review_card_row(conn: sqlite3.Connection, card_id: int) -> dict[str, Any] | None:
    """The card ``card_id`` as ``REVIEW_CARD_COLUMNS`` (``concept_path``: the stored JSON
    path, None without a concept); None when there is no such card."""
    row = conn.execute(_REVIEW_CARD, (card_id,)).fetchone()
    return None if row is None else dict(zip(REVIEW_CARD_COLUMNS, row, strict=True))


def shown_card_row(
    conn: sqlite3.Connection, card_id: int
) -> tuple[dict[str, Any], str, dict[str, Any]] | None:
    """A card about to be shown, in one read: its ``REVIEW_CARD_COLUMNS`` (as
    ``review_card_row``), its sibling key and its ``ANSWER_UNDO_COLUMNS`` values (as
    ``card_for_answer``); None when there is no such card."""
    row = conn.execute(_SHOWN_CARD, (card_id,)).fetchone()
    if row is None:
        return None
    n = len(REVIEW_CARD_COLUMNS)
    return (
        dict(zip(REVIEW_CARD_COLUMNS, row[:n], strict=True)),
        str(row[n]),
        dict(zip(ANSWER_UNDO_COLUMNS, row[n + 1 :], strict=True)),
    )


def card_for_answer(
    conn: sqlite3.Connection, card_id: int
) -> tuple[int, str, dict[str, Any]] | None:
    """(deck id, sibling key, ``ANSWER_UNDO_COLUMNS`` values) of a card; None: no such card."""
    row = conn.execute(_ANSWER_CARD, (card_id,)).fetchone()
    if row is None:
        return None
    return int(row[0]), str(row[1]), dict(zip(ANSWER_UNDO_COLUMNS, row[2:], strict=True))


def answer_row(conn: sqlite3.Connection, review_id: int) -> tuple[int, int, str, int] | None:
    """(time in ms, the card's state before, kind, the card's deck) of review-log row
    ``review_id`` (what ``study_queries.answered_since`` counts it by); None: no such row."""
    row = conn.execute(_ANSWER_ROW, (review_id,)).fetchone()
    return None if row is None else (int(row[0]), int(row[1]), str(row[2]), int(row[3]))


def record_answer(
    conn: sqlite3.Connection, card_id: int, card: Sequence[Any], review: Sequence[Any]
) -> int:
    """Write an answer: the card's ``ANSWERED_COLUMNS`` values and a review-log row of
    ``ANSWER_REVIEW_COLUMNS`` values; returns the row's id."""
    conn.execute(_UPDATE_CARD, (*card, card_id))
    cur = conn.execute(_INSERT_REVIEW, tuple(review))
    assert cur.lastrowid is not None
    return int(cur.lastrowid)


def sibling_burials(
    conn: sqlite3.Connection,
    deck_id: int,
    sibling: str,
    card_id: int,
    states: Sequence[int],
    until: int,
) -> list[tuple[int, int]]:
    """The cards of the same note (``sibling``) in ``deck_id`` as ``card_id`` that are in
    ``states`` and not yet buried until ``until``: (card id, buried_until) of each, what
    ``bury`` takes."""
    marks = ", ".join("?" * len(states))
    rows = conn.execute(
        "SELECT id, buried_until FROM cards WHERE deck_id = ? AND sibling = ? "
        f"AND id != ? AND state IN ({marks}) AND buried_until < ?",
        (deck_id, sibling, card_id, *states, until),
    ).fetchall()
    return [(int(r[0]), int(r[1])) for r in rows]


def bury(
    conn: sqlite3.Connection, cards: Sequence[tuple[int, int]], until: int
) -> list[tuple[int, int]]:
    """Bury until ``until`` the (card id, buried_until before) of ``cards`` (a sibling's
    answer: ``sibling_burials``); returns them. Their modification time stays: a burial of
    the scheduler's own loses to any change of the card on a phone (its answer) when a sync
    meets both."""
    if cards:
        conn.execute(
            f"UPDATE OR FAIL cards SET buried_until = ? WHERE id IN ({', '.join('?' * len(cards))})",
            (until, *(i for i, _ in cards)),
        )
    return list(cards)


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
    conn.execute(f"UPDATE OR FAIL cards SET {sets} WHERE id = ?", (*values.values(), card_id))
    if review_id is not None:
        conn.execute("DELETE FROM revlog WHERE id = ?", (review_id,))
    if buried:
        conn.executemany(
            "UPDATE OR FAIL cards SET buried_until = ? WHERE id = ?", [(b, i) for i, b in buried]
        )
