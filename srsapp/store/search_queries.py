"""The browser's search as SQL: criteria (what the service read out of a query) → one SELECT of
card ids in the order asked; the rows of a page of ids; one card's texts.

The service (``service.search``) reads the query language, checks it and hands over
``Criterion`` values that say what to match in the cards' own terms; what that means in
columns, ``LIKE`` patterns and sort keys is written here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, func, literal_column, not_, or_, select
from sqlalchemy.orm import Session

from srsapp.core.model import CardState
from srsapp.store.models import Card, CardSortKey, new_last, visible_start_sql
from srsapp.store.queries import CARDS, CONCEPTS, DECKS, first_column

_C = CARDS.c
_K = CONCEPTS.c
_D = DECKS.c
CARD_SORT_KEYS = CardSortKey.__table__
_S = CARD_SORT_KEYS.c

# what a search can sort by (the browser's columns)
ORDERS = (
    "sort",
    "answer",
    "deck",
    "concept",
    "kind",
    "due",
    "interval",
    "stability",
    "reps",
    "lapses",
)
# the SELECT of card ids a search runs (held by the service, run by ``card_ids``)
IdQuery = Select[tuple[int]]
# the card states ``is:`` names, and what each needs
STATES = ("new", "learn", "review", "due", "suspended", "leech", "buried", "retired")


@dataclass(frozen=True)
class Criterion:
    """One thing a card must (``negated``: must not) be.

    ``what`` is ``text`` (``value``: the texts to find in the front, back or anchor),
    ``concept`` (a part of a heading's name), ``deck`` (a name, ``*`` any characters),
    ``kind`` (a card kind), ``flag`` (0-7) or one of ``STATES``: for ``buried`` ``value`` is
    now, for ``due`` (now, the next day's start), in epoch seconds.
    """

    what: str
    value: Any = None
    negated: bool = False


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(column: Any, text: str) -> Any:
    return column.like(f"%{_like_escape(text)}%", escape="\\")


def _condition(c: Criterion) -> Any:
    what, value = c.what, c.value
    learn = [int(CardState.LEARNING), int(CardState.RELEARNING)]
    if what == "text":
        fields = (_C.front, _C.back, _C.anchor, _C.override_front, _C.override_back)
        return or_(*(_contains(f, v) for f in fields for v in value))
    if what == "concept":
        inner = json.dumps(value, ensure_ascii=False)[1:-1]  # as the path's JSON holds it
        return _C.concept_id.in_(select(_K.id).where(_contains(_K.path, inner)))
    if what == "deck":
        pattern = _like_escape(value).replace("*", "%")
        return _C.deck_id.in_(select(_D.id).where(_D.name.like(pattern, escape="\\")))
    if what == "kind":
        return _C.kind == value
    if what == "flag":
        return _C.flag == int(value)
    if what == "new":
        return _C.state == int(CardState.NEW)
    if what == "learn":
        return _C.state.in_(learn)
    if what == "review":
        # most cards: a table scan beats the (state, due) index here ("+ 0" keeps it unused)
        return (_C.state + 0).in_([int(CardState.REVIEW), int(CardState.RELEARNING)])
    if what == "due":
        now_s, day_end_s = value
        # what the two cases imply first: the scheduled cards due before either bound, a
        # range of ix_cards_by_due (covering) instead of two of (state, due) merged
        due_before = max(now_s + 1, day_end_s)
        return and_(
            new_last(_C.state) == 0,
            _C.due < due_before,
            or_(
                _C.state.in_(learn) & (_C.due <= now_s),
                (_C.state == int(CardState.REVIEW)) & (_C.due < day_end_s),
            ),
        )
    if what == "suspended":
        return _C.suspended.is_(True)
    if what == "leech":
        return _C.leech.is_(True)
    if what == "buried":
        return _C.buried_until > value
    if what == "retired":
        return _C.retired.is_(True)
    raise ValueError(f"no search criterion {what!r}")


def _order_columns(order: str) -> list[Any]:
    if order == "sort":
        return [_S.front]  # visible_start_sql of the front, kept by triggers
    if order == "answer":
        return [literal_column(visible_start_sql("coalesce(cards.override_back, cards.back)"))]
    if order == "deck":
        return [_D.name]
    if order == "concept":
        return [_K.path]
    if order == "kind":
        return [_C.kind]
    if order == "due":
        # scheduled cards by due time, then new cards in their introduction order (the order
        # of ix_cards_by_due: no sort)
        return [new_last(_C.state), _C.due, _C.position]
    if order == "interval":
        return [
            case(
                (_C.state == int(CardState.REVIEW), _C.due - func.coalesce(_C.last_review, _C.due)),
                else_=0,
            )
        ]
    if order == "stability":
        return [func.coalesce(_C.stability, 0.0)]
    if order == "reps":
        return [_C.reps]
    if order == "lapses":
        return [_C.lapses]
    raise ValueError(f"cannot sort by {order!r} (one of: {', '.join(ORDERS)})")


def card_ids_query(
    criteria: Sequence[Criterion], order: str = "due", descending: bool = False
) -> IdQuery:
    """The SELECT of the ids of the cards that meet every criterion, in ``order``; retired
    cards only when a criterion asks for them."""
    q = select(_C.id)
    if order == "deck":
        q = q.select_from(CARDS.join(DECKS, _D.id == _C.deck_id))
    elif order == "concept":
        q = q.select_from(CARDS.outerjoin(CONCEPTS, _K.id == _C.concept_id))
    elif order == "sort":
        # one short row a hit, found by the card's id (outer: a card without a key, which the
        # triggers do not leave, would still be found)
        q = q.select_from(CARDS.outerjoin(CARD_SORT_KEYS, _S.id == _C.id))
    for c in criteria:
        cond = _condition(c)
        q = q.where(not_(cond) if c.negated else cond)
    if not any(c.what == "retired" for c in criteria):
        q = q.where(_C.retired.is_(False))
    cols = _order_columns(order)
    q = q.order_by(*[c.desc() if descending else c.asc() for c in cols])
    return q.order_by(_C.id.desc() if descending else _C.id.asc())


def card_ids(s: Session, query: IdQuery) -> list[int]:
    """The ids ``card_ids_query`` selects (the list can be 100k long: one JSON array from
    SQLite, not a row per id)."""
    return first_column(s, query)


# a browser row's columns, in the order ``browser_rows`` gives them
ROW_COLUMNS = (
    "id", "front", "back", "deck", "concept", "kind", "state", "due", "position", "last_review",
    "stability", "difficulty", "reps", "lapses", "suspended", "leech", "buried_until", "flag",
    "retired", "edited",
)  # fmt: skip


def browser_rows(s: Session, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The browser's rows of these cards (front and back with the learner's overrides, the
    deck's name, the concept path as stored, ``edited``: overridden), ``ROW_COLUMNS``."""
    q = (
        select(
            _C.id,
            func.coalesce(_C.override_front, _C.front),
            func.coalesce(_C.override_back, _C.back),
            _D.name,
            _K.path,
            _C.kind,
            _C.state,
            _C.due,
            _C.position,
            _C.last_review,
            _C.stability,
            _C.difficulty,
            _C.reps,
            _C.lapses,
            _C.suspended,
            _C.leech,
            _C.buried_until,
            _C.flag,
            _C.retired,
            (_C.override_front.is_not(None) | _C.override_back.is_not(None)),
        )
        .select_from(
            CARDS.join(DECKS, _D.id == _C.deck_id).outerjoin(CONCEPTS, _K.id == _C.concept_id)
        )
        .where(_C.id.in_(list(ids)))
    )
    return [tuple(r) for r in s.execute(q)]


def card_texts(s: Session, card_id: int) -> tuple[str, str, str | None, str | None] | None:
    """A card's generated front and back and the learner's overrides; None: no such card."""
    card = s.get(Card, card_id)
    if card is None:
        return None
    return card.front, card.back, card.override_front, card.override_back
