"""What is due: today's counts (limits applied), the next card to study and a card as the
review screen shows it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, func, or_, select
from sqlalchemy.orm import Session

from srsapp.core.errors import CollectionError, SchedulingError
from srsapp.core.model import CardState
from srsapp.service.context import Context
from srsapp.service.reports import DeckCounts, ReviewCard
from srsapp.service.study.card_state import epoch
from srsapp.store.models import Card, Concept, Deck
from srsapp.store.queries import CARDS, REVLOG, path_json

_C = CARDS.c
_R = REVLOG.c
LEARN_STATES = (int(CardState.LEARNING), int(CardState.RELEARNING))
_QUEUE = {
    CardState.NEW: "new",
    CardState.LEARNING: "learn",
    CardState.RELEARNING: "learn",
    CardState.REVIEW: "review",
}


def _active() -> ColumnElement[bool]:
    # "= 0", not "IS 0": SQLite uses "=" terms of ix_cards_deck_queue (both NOT NULL)
    return (_C.retired == 0) & (_C.suspended == 0)


def _scope(q: Select[Any], deck_id: int | None, concept: Sequence[str] | None) -> Select[Any]:
    if deck_id is not None:
        q = q.where(_C.deck_id == deck_id)
    if concept:
        pj = path_json(concept)
        sub = select(Concept.id).where(or_(Concept.path == pj, Concept.path.like(pj[:-1] + ",%")))
        q = q.where(_C.concept_id.in_(sub))
    return q


def _done_by_deck(s: Session, start: datetime) -> dict[int, tuple[int, int]]:
    """deck id -> (new cards introduced, review cards answered) since ``start``.
    Driven by the review log's time index: a day's answers, not the whole deck."""
    rows = s.execute(
        select(_C.deck_id, _R.card_id, _R.state_before)
        .select_from(REVLOG.join(CARDS, _R.card_id == _C.id))
        .where(_R.time_ms >= int(start.timestamp() * 1000), _R.kind == "review")
    ).all()
    new_cards: dict[int, set[int]] = {}
    reviews: dict[int, int] = {}
    for deck_id, card_id, state_before in rows:
        if state_before == int(CardState.NEW):
            new_cards.setdefault(deck_id, set()).add(card_id)
        elif state_before == int(CardState.REVIEW):
            reviews[deck_id] = reviews.get(deck_id, 0) + 1
    return {d: (len(new_cards.get(d, ())), reviews.get(d, 0)) for d in set(new_cards) | set(reviews)}


def review_card(s: Session, card_id: int) -> ReviewCard:
    """A card as the review screen shows it (the learner's overrides applied)."""
    card = s.get(Card, card_id)
    if card is None:
        raise SchedulingError(f"no card with id {card_id}")
    concept: tuple[str, ...] = ()
    if card.concept_id is not None:
        c = s.get(Concept, card.concept_id)
        if c is not None:
            concept = tuple(json.loads(c.path))
    state = CardState(card.state)
    return ReviewCard(
        id=card.id,
        deck_id=card.deck_id,
        kind=card.kind,
        front=card.override_front if card.override_front is not None else card.front,
        back=card.override_back if card.override_back is not None else card.back,
        concept=concept,
        state=state,
        extra=json.loads(card.extra or "{}"),
        source_line=card.source_line,
        source_end=card.source_end,
        flag=card.flag,
        queue=_QUEUE[state],
    )


def _limits(
    ctx: Context,
    s: Session,
    start: datetime,
    deck_id: int | None,
    configs: dict[int, dict[str, Any]] | None = None,
    done: dict[int, tuple[int, int]] | None = None,
) -> tuple[int, int]:
    """Remaining (new, review) allowances for today (summed over decks when ``deck_id``
    is None). One query for the decks' settings and one for the day's answers."""
    configs = ctx.deck_configs(s) if configs is None else configs
    done = _done_by_deck(s, start) if done is None else done
    if deck_id is not None and deck_id not in configs:
        raise CollectionError(f"no deck with id {deck_id}")
    new_left = rev_left = 0
    for did in [deck_id] if deck_id is not None else list(configs):
        cfg = configs[did]
        new_done, rev_done = done.get(did, (0, 0))
        new_left += max(0, int(cfg["new_per_day"]) - new_done)
        rev_left += max(0, int(cfg["reviews_per_day"]) - rev_done)
    return new_left, rev_left

def counts(
    ctx: Context,
    now: datetime, deck_id: int | None = None, concept: Sequence[str] | None = None
) -> tuple[int, int, int]:
    """(new, learn, review) still to do today, limits applied."""
    start, _end = ctx.day_bounds(now)
    with ctx.db.reading() as s:
        new_left, rev_left = _limits(ctx, s, start, deck_id)
        return _counts_in(ctx, s, now, deck_id, concept, new_left, rev_left)

def _counts_in(
    ctx: Context,
    s: Session,
    now: datetime,
    deck_id: int | None,
    concept: Sequence[str] | None,
    new_left: int,
    rev_left: int,
) -> tuple[int, int, int]:
    """Counting stops at the day's limits: each count walks at most that many index
    entries (ix_cards_deck_queue), not every card of the deck."""
    _start, end = ctx.day_bounds(now)
    end_s, now_s = epoch(end), epoch(now)

    def count(cond: ColumnElement[bool], cap: int | None) -> int:
        if cap is not None and cap <= 0:
            return 0
        inner = _scope(
            select(_C.id).where(cond, _active(), _C.buried_until <= now_s), deck_id, concept
        )
        if cap is not None:
            inner = inner.limit(cap)
        return int(s.scalar(select(func.count()).select_from(inner.subquery())) or 0)

    return (
        count(_C.state == int(CardState.NEW), new_left),
        count(_C.state.in_(LEARN_STATES) & (_C.due < end_s), None),
        count((_C.state == int(CardState.REVIEW)) & (_C.due < end_s), rev_left),
    )



class Queue:
    """Today's queue of an open collection. It remembers how many reviews were shown since
    the last new card, to mix new cards in among the reviews."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._since_new = 0
        ctx.on_replaced(self._forget)

    def _forget(self) -> None:
        self._since_new = 0

    def answered(self, state_before: int) -> None:
        """A card was answered: a new one restarts the count of reviews since a new card."""
        self._since_new = 0 if state_before == CardState.NEW else self._since_new + 1

    def counts(
        self, now: datetime, deck_id: int | None = None, concept: Sequence[str] | None = None
    ) -> tuple[int, int, int]:
        return counts(self._ctx, now, deck_id, concept)

    def deck_counts(self, now: datetime) -> list[DeckCounts]:
        start, _end = self._ctx.day_bounds(now)
        out = []
        with self._ctx.db.reading() as s:
            totals: dict[int, int] = {
                int(d): int(n)
                for d, n in s.execute(
                    select(_C.deck_id, func.count()).where(_active()).group_by(_C.deck_id)
                ).all()
            }
            configs, done = self._ctx.deck_configs(s), _done_by_deck(s, start)
            for did, name in s.execute(select(Deck.id, Deck.name).order_by(Deck.name)).all():
                new_left, rev_left = _limits(self._ctx, s, start, did, configs, done)
                new, learn, review = _counts_in(self._ctx, s, now, did, None, new_left, rev_left)
                out.append(DeckCounts(did, name, new, learn, review, int(totals.get(did, 0))))
        return out

    def next_card(
        self,
        now: datetime,
        deck_id: int | None = None,
        concept: Sequence[str] | None = None,
    ) -> ReviewCard | None:
        """The next card to study: due learning cards, then reviews mixed with new cards,
        then learning cards inside the learn-ahead window; ``None`` when done for today."""
        now_s = epoch(now)
        start, end = self._ctx.day_bounds(now)
        end_s = epoch(end)
        with self._ctx.db.reading() as s:

            def first(q: Select[Any]) -> Row[Any] | None:
                q = _scope(q, deck_id, concept).where(_active(), _C.buried_until <= now_s)
                return s.execute(q.limit(1)).first()

            cols = select(_C.id)
            row = first(cols.where(_C.state.in_(LEARN_STATES), _C.due <= now_s).order_by(_C.due))
            if row is None:
                new_left, rev_left = _limits(self._ctx, s, start, deck_id)
                review = (
                    first(
                        cols.where(_C.state == int(CardState.REVIEW), _C.due < end_s).order_by(
                            _C.due, _C.id
                        )
                    )
                    if rev_left > 0
                    else None
                )
                new = (
                    first(cols.where(_C.state == int(CardState.NEW)).order_by(_C.position, _C.id))
                    if new_left > 0
                    else None
                )
                if review is not None and new is not None:
                    gap = max(1, rev_left // max(1, new_left))
                    row = new if self._since_new >= gap else review
                else:
                    row = review or new
                if row is None:
                    ahead = now_s + 60 * int(self._ctx.settings()["learn_ahead_min"])
                    row = first(
                        cols.where(_C.state.in_(LEARN_STATES), _C.due <= ahead).order_by(_C.due)
                    )
            if row is None:
                return None
            return review_card(s, int(row[0]))

    def card(self, card_id: int) -> ReviewCard:
        with self._ctx.db.reading() as s:
            return review_card(s, card_id)
