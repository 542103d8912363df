"""The study queue's queries: the first cards of each kind (what a session's queue is built
from), how many are due (stopping at a cap), within a deck or a concept subtree, whether given
cards are studyable, and a day's answers per deck.

Every query leaves out retired, suspended and buried cards; a cap or ``LIMIT`` lets SQLite
walk at most that many entries of ``ix_cards_deck_queue``, not every card of the deck.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from srsapp.core.model import CardState
from srsapp.store.models import Concept
from srsapp.store.queries import CARDS, REVLOG, id_batches, path_json

_C = CARDS.c
_R = REVLOG.c
NEW, REVIEW = int(CardState.NEW), int(CardState.REVIEW)
LEARN_STATES = (int(CardState.LEARNING), int(CardState.RELEARNING))


@dataclass(frozen=True)
class Scope:
    """Which cards: a deck (None: all) and a concept subtree (None: all), at ``now_s`` (cards
    buried until later are left out)."""

    deck_id: int | None
    concept: Sequence[str] | None
    now_s: int


def _studyable(q: Select[Any], scope: Scope) -> Select[Any]:
    # "= 0", not "IS 0": SQLite uses "=" terms of ix_cards_deck_queue (both NOT NULL)
    q = q.where(_C.retired == 0, _C.suspended == 0, _C.buried_until <= scope.now_s)
    if scope.deck_id is not None:
        q = q.where(_C.deck_id == scope.deck_id)
    if scope.concept:
        pj = path_json(scope.concept)
        sub = select(Concept.id).where(or_(Concept.path == pj, Concept.path.like(pj[:-1] + ",%")))
        q = q.where(_C.concept_id.in_(sub))
    return q


def _count(s: Session, cond: ColumnElement[bool], scope: Scope, cap: int | None) -> int:
    if cap is not None and cap <= 0:
        return 0
    inner = _studyable(select(_C.id).where(cond), scope)
    if cap is not None:
        inner = inner.limit(cap)
    return int(s.scalar(select(func.count()).select_from(inner.subquery())) or 0)


def due_counts(
    s: Session, scope: Scope, due_before: int, new_cap: int, review_cap: int
) -> tuple[int, int, int]:
    """(new, learning, review) cards to study before ``due_before``, new and review counts
    stopping at their caps (the day's limits)."""
    return (
        _count(s, _C.state == NEW, scope, new_cap),
        _count(s, _C.state.in_(LEARN_STATES) & (_C.due < due_before), scope, None),
        _count(s, (_C.state == REVIEW) & (_C.due < due_before), scope, review_cap),
    )


def answered_since(s: Session, start_ms: int) -> dict[int, tuple[set[int], int]]:
    """deck id -> (ids of the new cards introduced, review cards answered) since ``start_ms``.
    Driven by the review log's time index: a day's answers, not the whole deck."""
    rows = s.execute(
        select(_C.deck_id, _R.card_id, _R.state_before)
        .select_from(REVLOG.join(CARDS, _R.card_id == _C.id))
        .where(_R.time_ms >= start_ms, _R.kind == "review")
    ).all()
    new_cards: dict[int, set[int]] = {}
    reviews: dict[int, int] = {}
    for deck_id, card_id, state_before in rows:
        if state_before == NEW:
            new_cards.setdefault(deck_id, set()).add(card_id)
        elif state_before == REVIEW:
            reviews[deck_id] = reviews.get(deck_id, 0) + 1
    decks = set(new_cards) | set(reviews)
    return {d: (new_cards.get(d, set()), reviews.get(d, 0)) for d in decks}


def answers_per_deck_since(s: Session, start_ms: int) -> dict[int, tuple[int, int]]:
    """deck id -> (new cards introduced, review cards answered) since ``start_ms``."""
    return {d: (len(new), reviews) for d, (new, reviews) in answered_since(s, start_ms).items()}


# ---------------------------------------------------------------- the session's queue


def learning_due(s: Session, scope: Scope, due_before: int) -> list[tuple[int, int]]:
    """(due, id) of every (re)learning card due before ``due_before``."""
    q = select(_C.due, _C.id).where(_C.state.in_(LEARN_STATES), _C.due < due_before)
    return [(int(d), int(i)) for d, i in s.execute(_studyable(q, scope))]


def first_reviews(s: Session, scope: Scope, due_before: int, limit: int) -> list[tuple[int, int]]:
    """(due, id) of the first ``limit`` review cards due before ``due_before``, by due."""
    q = select(_C.due, _C.id).where(_C.state == REVIEW, _C.due < due_before)
    ordered = _studyable(q, scope).order_by(_C.due, _C.id).limit(limit)
    return [(int(d), int(i)) for d, i in s.execute(ordered)]


def first_new_cards(s: Session, scope: Scope, limit: int) -> list[tuple[int, int]]:
    """(position, id) of the first ``limit`` new cards in the deck's order."""
    q = _studyable(select(_C.position, _C.id).where(_C.state == NEW), scope)
    q = q.order_by(_C.position, _C.id).limit(limit)
    return [(int(p), int(i)) for p, i in s.execute(q)]


def studyable_states(
    s: Session, scope: Scope, card_ids: Sequence[int]
) -> dict[int, tuple[int, int, int]]:
    """id -> (state, due, position) of those of ``card_ids`` that are studyable in ``scope``
    (not retired, suspended or buried; in the deck and concept subtree)."""
    out: dict[int, tuple[int, int, int]] = {}
    for batch in id_batches(card_ids):
        q = select(_C.id, _C.state, _C.due, _C.position).where(_C.id.in_(batch))
        for i, state, due, pos in s.execute(_studyable(q, scope)):
            out[int(i)] = (int(state), int(due), int(pos))
    return out


def studyable_per_deck(s: Session) -> dict[int, int]:
    """deck id -> its cards neither retired nor suspended."""
    q = select(_C.deck_id, func.count()).where(_C.retired == 0, _C.suspended == 0)
    return {int(d): int(n) for d, n in s.execute(q.group_by(_C.deck_id)).all()}
