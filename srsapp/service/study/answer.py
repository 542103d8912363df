"""Answering a card: the scheduler's next state, the review-log row, siblings buried, the
undo entry — one transaction of plain prepared statements (``store.study_rows``), then the
session's queue told what changed.

The card shown for study is read once (``show``: what the review screen shows, what an
answer starts from, the siblings an answer buries), and its four answers are worked out when
its answer side shows them on the buttons (``intervals``), as Anki computes a card's next
states before it is answered; the answer then only fuzzes, dates and writes the chosen one
(no read, no FSRS step). What was read is used only while nothing was written to the
collection since (the database's commit count: an edit, a sync, an undo, new options), under
the same scheduler (settings and deck options); the four answers only while the card is the
same whole number of days after its last review, the siblings only on the same study day.
Otherwise the answer reads the card as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from srsapp.core.errors import SchedulingError
from srsapp.core.model import CardState, Rating
from srsapp.core.scheduler import Prepared, Scheduler, format_interval
from srsapp.service.context import Context
from srsapp.service.reports import AnswerResult, ReviewCard
from srsapp.service.study.card_state import epoch, interval_before, sched_state
from srsapp.service.study.queue import Queue, review_card
from srsapp.service.study.undo import UndoEntry, UndoStack
from srsapp.store import study_rows
from srsapp.store.handles import RawConnection

_BURIED_WITH_SIBLING = (int(CardState.NEW), int(CardState.REVIEW))
_ONE_DAY = timedelta(days=1)
# read at every answer (``CardState.REVIEW`` looks the name up through the enum class's
# ``__getattr__`` hook: ≈ 250 instructions each time, a module global ≈ 20)
_REVIEW = CardState.REVIEW


@dataclass
class _Shown:
    """A card read at the commit count ``commits`` (and its answers, once worked out)."""

    card_id: int
    commits: int
    deck_id: int
    sibling: str
    before: dict[str, Any]  # ``ANSWER_UNDO_COLUMNS``
    scheduler: Scheduler
    bury_until: int  # the end of the study day the siblings below were read for
    siblings: list[tuple[int, int]] | None  # (id, buried_until) an answer buries; None: unread
    prepared: Prepared | None = None  # the four answers (``intervals`` works them out)


class Answers:
    def __init__(self, ctx: Context, queue: Queue, undo: UndoStack) -> None:
        self._ctx = ctx
        self._queue = queue
        self._undo = undo
        self._shown: _Shown | None = None
        ctx.on_replaced(self.forget)

    def forget(self) -> None:
        """Forget the prepared card (the database file was replaced)."""
        self._shown = None

    def show(self, card_id: int, now: datetime) -> ReviewCard:
        """The card ``card_id`` as the review screen shows it, read once with what an answer
        starts from and the siblings an answer would bury (``answer`` uses them while they
        hold; the answer side's buttons, ``intervals``, work out its four answers)."""
        ctx = self._ctx
        commits = ctx.db.commits
        with ctx.db.raw_reading() as conn:
            found = study_rows.shown_card_row(conn, card_id)
            if found is None:
                raise SchedulingError(f"no card with id {card_id}")
            row, sibling, before = found
            self._shown = self._read(conn, commits, card_id, row["deck_id"], sibling, before, now)
        return review_card(row)

    def _prepared(self, card_id: int, now: datetime) -> _Shown:
        ctx = self._ctx
        shown = self._shown
        if shown is not None and self._holds(shown, card_id):
            return shown
        commits = ctx.db.commits
        with ctx.db.raw_reading() as conn:
            found = study_rows.card_for_answer(conn, card_id)
            if found is None:
                raise SchedulingError(f"no card with id {card_id}")
            shown = self._read(conn, commits, card_id, *found, now)
        self._shown = shown
        return shown

    def _read(
        self,
        conn: RawConnection,
        commits: int,
        card_id: int,
        deck_id: int,
        sibling: str,
        before: dict[str, Any],
        now: datetime,
    ) -> _Shown:
        """The card as read, with the siblings an answer today buries (read on ``conn``)."""
        ctx = self._ctx
        until = ctx.day_end_s(now, epoch(now))
        siblings = (
            study_rows.sibling_burials(conn, deck_id, sibling, card_id, _BURIED_WITH_SIBLING, until)
            if ctx.settings_view()["bury_siblings"] and sibling
            else None
        )
        scheduler = ctx.scheduler(deck_id)
        return _Shown(card_id, commits, deck_id, sibling, before, scheduler, until, siblings)

    def _holds(self, shown: _Shown, card_id: int) -> bool:
        """Whether ``shown`` is still the card ``card_id`` as stored, under its scheduler."""
        return (
            shown.card_id == card_id
            and shown.commits == self._ctx.db.commits
            and self._ctx.scheduler(shown.deck_id) is shown.scheduler
        )

    def intervals(self, card_id: int, now: datetime) -> dict[Rating, str]:
        """The next interval each button would give, as Anki prints them ("10m", "2d")."""
        shown = self._prepared(card_id, now)
        if shown.prepared is None:
            shown.prepared = shown.scheduler.prepare(sched_state(shown.before), now)
        preview = shown.scheduler.preview_prepared(shown.prepared, now)
        return {r: format_interval(d) for r, d in preview.items()}

    def answer(
        self, card_id: int, rating: int | Rating, now: datetime, duration_ms: int = 0
    ) -> AnswerResult:
        """Record an answer: card state and review-log row in one transaction."""
        if not isinstance(rating, Rating):
            try:
                rating = Rating(int(rating))
            except ValueError as exc:
                raise SchedulingError(f"rating must be 1-4, got {rating!r}") from exc
        ctx = self._ctx
        st = ctx.settings_view()
        commits = ctx.db.commits
        shown, self._shown = self._shown, None  # the answer changes the card: it is spent
        if shown is not None and not self._holds(shown, card_id):
            shown = None
        with ctx.db.raw_transaction() as conn:
            if shown is None:
                found = study_rows.card_for_answer(conn, card_id)
                if found is None:
                    raise SchedulingError(f"no card with id {card_id}")
                deck_id, sibling, before = found
                result = ctx.scheduler(deck_id).answer(sched_state(before), rating, now, ctx.rng)
            else:
                deck_id, sibling, before = shown.deck_id, shown.sibling, shown.before
                if shown.prepared is None:  # answered without its buttons shown
                    result = shown.scheduler.answer(sched_state(before), rating, now, ctx.rng)
                else:
                    result = shown.scheduler.answer_prepared(shown.prepared, rating, now, ctx.rng)
            new = result.state
            due = new.due or now
            now_ts = now.timestamp()
            now_s = int(now_ts)
            if new.state == _REVIEW and result.interval >= _ONE_DAY:
                due = ctx.study_days().start(due)
                if due <= now:  # 24 h across a DST change can end in today's study day
                    due = ctx.day_bounds(now)[1]
            due_s = epoch(due)
            leech_suspended = result.is_leech and st["leech_action"] == "suspend"
            suspended = bool(before["suspended"]) or leech_suspended
            revlog_id = study_rows.record_answer(
                conn,
                card_id,
                (
                    int(new.state), new.step, new.stability, new.difficulty, due_s, now_s,
                    new.reps, new.lapses, now_s, int(bool(before["leech"]) or result.is_leech),
                    int(suspended),
                ),
                (
                    card_id, int(now_ts * 1000), int(rating), max(0, int(duration_ms)),
                    before["state"], int(new.state), max(0, due_s - now_s),
                    interval_before(before), new.stability, new.difficulty, "review",
                ),
            )  # fmt: skip
            siblings: list[tuple[int, int]] = []
            if st["bury_siblings"] and sibling:
                until = ctx.day_end_s(now, now_s)
                if shown is not None and shown.bury_until == until and shown.siblings is not None:
                    siblings = study_rows.bury(conn, shown.siblings, until)
                else:
                    siblings = study_rows.bury(
                        conn,
                        study_rows.sibling_burials(
                            conn, deck_id, sibling, card_id, _BURIED_WITH_SIBLING, until
                        ),
                        until,
                    )
        sibling_ids = tuple(i for i, _ in siblings) if siblings else ()
        self._queue.answered(
            commits, card_id, deck_id, int(before["state"]), int(new.state), due_s,
            not suspended and before["buried_until"] <= now_s, sibling_ids,
        )  # fmt: skip
        self._undo.push(UndoEntry("answer", card_id, before, revlog_id, siblings))
        # (positional: a named tuple made with keywords costs twice as much)
        return AnswerResult(
            card_id,  # card_id
            rating,  # rating
            due - now,  # interval
            due,  # due
            result.is_leech,  # leech
            leech_suspended,  # suspended
            len(siblings),  # buried_siblings
            sibling_ids,  # sibling_ids
        )
