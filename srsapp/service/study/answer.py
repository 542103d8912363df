"""Answering a card: the scheduler's next state, the review-log row, siblings buried, the
undo entry — one transaction of plain prepared statements (``store.study_rows``), then the
session's queue told what changed."""

from __future__ import annotations

from datetime import datetime, timedelta

from srsapp.core import days
from srsapp.core.errors import SchedulingError
from srsapp.core.model import CardState, Rating
from srsapp.core.scheduler import format_interval
from srsapp.service.context import Context
from srsapp.service.reports import AnswerResult
from srsapp.service.study.card_state import epoch, interval_before, sched_state
from srsapp.service.study.queue import Answered, Queue
from srsapp.service.study.undo import UndoEntry, UndoStack
from srsapp.store import study_rows

_BURIED_WITH_SIBLING = (int(CardState.NEW), int(CardState.REVIEW))


class Answers:
    def __init__(self, ctx: Context, queue: Queue, undo: UndoStack) -> None:
        self._ctx = ctx
        self._queue = queue
        self._undo = undo

    def intervals(self, card_id: int, now: datetime) -> dict[Rating, str]:
        """The next interval each button would give, as Anki prints them ("10m", "2d")."""
        with self._ctx.db.raw_reading() as conn:
            found = study_rows.card_for_answer(conn, card_id)
        if found is None:
            raise SchedulingError(f"no card with id {card_id}")
        deck_id, _sibling, card = found
        preview = self._ctx.scheduler(deck_id).preview(sched_state(card), now)
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
        commits = ctx.db.commits
        with ctx.db.raw_transaction() as conn:
            found = study_rows.card_for_answer(conn, card_id)
            if found is None:
                raise SchedulingError(f"no card with id {card_id}")
            deck_id, sibling, before = found
            result = ctx.scheduler(deck_id).answer(sched_state(before), rating, now, ctx.rng)
            new = result.state
            due = new.due or now
            if new.state == CardState.REVIEW and result.interval >= timedelta(days=1):
                due = days.due_day_aligned(due, st["timezone"], int(st["day_start_hour"]))
                if due <= now:  # 24 h across a DST change can end in today's study day
                    due = days.next_day_start(now, st["timezone"], int(st["day_start_hour"]))
            leech_suspended = result.is_leech and st["leech_action"] == "suspend"
            suspended = bool(before["suspended"]) or leech_suspended
            now_s, due_s = epoch(now), epoch(due)
            revlog_id = study_rows.record_answer(
                conn,
                card_id,
                (
                    int(new.state), new.step, new.stability, new.difficulty, due_s, now_s,
                    new.reps, new.lapses, now_s, bool(before["leech"]) or result.is_leech,
                    suspended,
                ),
                (
                    card_id, int(now.timestamp() * 1000), int(rating), max(0, int(duration_ms)),
                    before["state"], int(new.state), max(0, due_s - now_s),
                    interval_before(before), new.stability, new.difficulty, "review",
                ),
            )  # fmt: skip
            siblings: list[tuple[int, int]] = []
            if st["bury_siblings"] and sibling:
                _, end = ctx.day_bounds(now)
                siblings = study_rows.bury_siblings(
                    conn, deck_id, sibling, card_id, _BURIED_WITH_SIBLING, epoch(end)
                )
        self._queue.answered(
            commits,
            Answered(
                card_id, deck_id, int(before["state"]), int(new.state), due_s,
                studyable=not suspended and before["buried_until"] <= now_s,
                buried=tuple(i for i, _ in siblings),
            ),
        )  # fmt: skip
        self._undo.push(UndoEntry("answer", card_id, before, revlog_id, siblings))
        return AnswerResult(
            card_id=card_id,
            rating=rating,
            interval=due - now,
            due=due,
            leech=result.is_leech,
            suspended=leech_suspended,
            buried_siblings=len(siblings),
            sibling_ids=tuple(i for i, _ in siblings),
        )
