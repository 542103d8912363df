"""What is due: today's counts (limits applied), the next card to study and a card as the
review screen shows it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from srsapp.core.errors import CollectionError, SchedulingError
from srsapp.core.model import CardState
from srsapp.service.context import Context
from srsapp.service.reports import DeckCounts, ReviewCard
from srsapp.service.study.card_state import epoch
from srsapp.store import queries
from srsapp.store import study_queries as q
from srsapp.store.models import Card, Concept

_QUEUE = {
    CardState.NEW: "new",
    CardState.LEARNING: "learn",
    CardState.RELEARNING: "learn",
    CardState.REVIEW: "review",
}


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
    done = q.answers_per_deck_since(s, _ms(start)) if done is None else done
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
    ctx: Context, now: datetime, deck_id: int | None = None, concept: Sequence[str] | None = None
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
    """Counting stops at the day's limits (``study_queries.due_counts``)."""
    _start, end = ctx.day_bounds(now)
    scope = q.Scope(deck_id, concept, epoch(now))
    return q.due_counts(s, scope, epoch(end), new_left, rev_left)


def _ms(start: datetime) -> int:
    return int(start.timestamp() * 1000)


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
            totals = q.studyable_per_deck(s)
            configs, done = self._ctx.deck_configs(s), q.answers_per_deck_since(s, _ms(start))
            for did, name in queries.decks(s):
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
        scope = q.Scope(deck_id, concept, now_s)
        with self._ctx.db.reading() as s:
            card_id = q.first_learning(s, scope, now_s)
            if card_id is None:
                new_left, rev_left = _limits(self._ctx, s, start, deck_id)
                review = q.first_review(s, scope, end_s) if rev_left > 0 else None
                new = q.first_new(s, scope) if new_left > 0 else None
                if review is not None and new is not None:
                    gap = max(1, rev_left // max(1, new_left))
                    card_id = new if self._since_new >= gap else review
                else:
                    card_id = review if review is not None else new
                if card_id is None:
                    ahead = now_s + 60 * int(self._ctx.settings()["learn_ahead_min"])
                    card_id = q.first_learning(s, scope, ahead)
            if card_id is None:
                return None
            return review_card(s, card_id)

    def card(self, card_id: int) -> ReviewCard:
        with self._ctx.db.reading() as s:
            return review_card(s, card_id)
