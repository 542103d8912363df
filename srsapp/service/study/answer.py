"""Answering a card: the scheduler's next state, the review-log row, siblings buried, the
undo entry — one transaction."""

from __future__ import annotations

from datetime import datetime, timedelta

from srsapp.core import days
from srsapp.core.errors import SchedulingError
from srsapp.core.model import CardState, Rating
from srsapp.core.scheduler import format_interval
from srsapp.service.context import Context
from srsapp.service.reports import AnswerResult
from srsapp.service.study.card_state import epoch, interval_before, sched_state
from srsapp.service.study.queue import Queue
from srsapp.service.study.undo import UndoEntry, UndoStack
from srsapp.store import queries
from srsapp.store.models import Card, Review


class Answers:
    def __init__(self, ctx: Context, queue: Queue, undo: UndoStack) -> None:
        self._ctx = ctx
        self._queue = queue
        self._undo = undo

    def intervals(self, card_id: int, now: datetime) -> dict[Rating, str]:
        """The next interval each button would give, as Anki prints them ("10m", "2d")."""
        with self._ctx.db.reading() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise SchedulingError(f"no card with id {card_id}")
            state, deck_id = sched_state(card), card.deck_id
        preview = self._ctx.scheduler(deck_id).preview(state, now)
        return {r: format_interval(d) for r, d in preview.items()}

    def answer(
        self, card_id: int, rating: int | Rating, now: datetime, duration_ms: int = 0
    ) -> AnswerResult:
        """Record an answer: card state and review-log row in one transaction."""
        try:
            rating = Rating(int(rating))
        except ValueError as exc:
            raise SchedulingError(f"rating must be 1-4, got {rating!r}") from exc
        ctx = self._ctx
        st = ctx.settings()
        with ctx.db.transaction() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise SchedulingError(f"no card with id {card_id}")
            before = {k: getattr(card, k) for k in queries.ANSWER_UNDO_COLUMNS}
            state_before = card.state
            last_interval = interval_before(card)
            result = ctx.scheduler(card.deck_id).answer(sched_state(card), rating, now, ctx.rng)
            new = result.state
            due = new.due or now
            if new.state == CardState.REVIEW and result.interval >= timedelta(days=1):
                due = days.due_day_aligned(due, st["timezone"], int(st["day_start_hour"]))
                if due <= now:  # 24 h across a DST change can end in today's study day
                    due = days.next_day_start(now, st["timezone"], int(st["day_start_hour"]))
            card.state = int(new.state)
            card.step = new.step
            card.stability = new.stability
            card.difficulty = new.difficulty
            card.due = epoch(due)
            card.last_review = epoch(now)
            card.reps = new.reps
            card.lapses = new.lapses
            card.modified = epoch(now)
            suspended = False
            if result.is_leech:
                card.leech = True
                if st["leech_action"] == "suspend":
                    card.suspended = suspended = True
            review = Review(
                card_id=card.id,
                time_ms=int(now.timestamp() * 1000),
                rating=int(rating),
                duration_ms=max(0, int(duration_ms)),
                state_before=state_before,
                state_after=int(new.state),
                interval_s=max(0, epoch(due) - epoch(now)),
                last_interval_s=last_interval,
                stability=new.stability,
                difficulty=new.difficulty,
                kind="review",
            )
            s.add(review)
            siblings: list[tuple[int, int]] = []
            if st["bury_siblings"] and card.sibling:
                _, end = ctx.day_bounds(now)
                siblings = queries.bury_siblings(
                    s, card.deck_id, card.sibling, card.id,
                    (int(CardState.NEW), int(CardState.REVIEW)), epoch(end),
                )  # fmt: skip
            s.flush()
            revlog_id = review.id
        self._queue.answered(state_before)
        self._undo.push(UndoEntry("answer", card_id, before, revlog_id, siblings))
        return AnswerResult(
            card_id=card_id,
            rating=rating,
            interval=due - now,
            due=due,
            leech=result.is_leech,
            suspended=suspended,
            buried_siblings=len(siblings),
            sibling_ids=tuple(i for i, _ in siblings),
        )
