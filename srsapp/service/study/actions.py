"""The learner's actions on a card: bury, suspend, flag, edit (each undoable) and forget
(reset to new, with a manual review-log row). Each returns ``Changes`` and tells the
session's queue what it changed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from srsapp.core.errors import SchedulingError
from srsapp.core.model import CardState
from srsapp.service.context import Context
from srsapp.service.reports import Changes, card_changed
from srsapp.service.study.card_state import epoch, interval_before
from srsapp.service.study.queue import Queue
from srsapp.service.study.undo import UndoEntry, UndoStack
from srsapp.store import queries
from srsapp.store.models import Review


class CardActions:
    def __init__(self, ctx: Context, undo: UndoStack, queue: Queue) -> None:
        self._ctx = ctx
        self._undo = undo
        self._queue = queue

    def _act(self, label: str, card_id: int, queue: bool, **values: Any) -> Changes:
        commits = self._ctx.db.commits
        with self._ctx.db.transaction() as s:
            before = queries.card_values(s, card_id, list(values))
            if before is None:
                raise SchedulingError(f"no card with id {card_id}")
            queries.set_card_values(s, card_id, values)
        if queue:
            self._queue.cards_changed(commits, (card_id,))
        else:
            self._queue.unchanged(commits)
        self._undo.push(UndoEntry(label, card_id, before, None, []))
        return card_changed(card_id, queue=queue)

    # Each action keeps its time as the card's modification time: a sync with an Anki server
    # gives a card changed on both sides to the later change (a flag or suspension here
    # against one on the phone), as Anki does.

    def bury(self, card_id: int, now: datetime) -> Changes:
        _, end = self._ctx.day_bounds(now)
        return self._act("bury", card_id, True, buried_until=epoch(end), modified=epoch(now))

    def set_suspended(self, card_id: int, suspended: bool = True, *, now: datetime) -> Changes:
        label = "suspend" if suspended else "unsuspend"
        return self._act(label, card_id, True, suspended=suspended, modified=epoch(now))

    def set_flag(self, card_id: int, flag: int, *, now: datetime) -> Changes:
        if not 0 <= flag <= 7:
            raise SchedulingError(f"flag must be 0-7, got {flag}")
        return self._act("flag", card_id, False, flag=flag, modified=epoch(now))

    def edit_card(
        self, card_id: int, front: str | None, back: str | None, now: datetime | None = None
    ) -> Changes:
        """Keep the learner's edit as an override of the generated text (survives re-sync).
        ``None`` for a side removes its override. ``now``: the edit's time, kept as the card's
        modification time (a sync's conflict with the phone's edit goes to the later one)."""
        values: dict[str, Any] = {"override_front": front, "override_back": back}
        if now is not None:
            values["modified"] = epoch(now)
        return self._act("edit", card_id, False, **values)

    def reset_to_new(self, card_ids: Sequence[int], now: datetime) -> Changes:
        """Forget cards: back to new, with a manual review-log row (history is kept).
        ``Changes.count`` is how many cards were reset."""
        commits = self._ctx.db.commits
        with self._ctx.db.transaction() as s:
            rows = list(queries.cards_by_ids(s, card_ids))
            for card in rows:
                s.add(
                    Review(
                        card_id=card.id,
                        time_ms=int(now.timestamp() * 1000),
                        rating=0,
                        duration_ms=0,
                        state_before=card.state,
                        state_after=int(CardState.NEW),
                        interval_s=0,
                        last_interval_s=interval_before(
                            {"state": card.state, "due": card.due, "last_review": card.last_review}
                        ),
                        stability=None,
                        difficulty=None,
                        kind="manual",
                    )
                )
                card.state = int(CardState.NEW)
                card.step = 0
                card.stability = card.difficulty = None
                card.due = 0
                card.reps = card.lapses = 0
                card.leech = False
                card.modified = int(now.timestamp())
            ids = tuple(int(c.id) for c in rows)
        self._queue.cards_changed(commits, ids, answers=True)
        return Changes(cards=True, study_queue=True, revlog=True, card_ids=ids, count=len(ids))
