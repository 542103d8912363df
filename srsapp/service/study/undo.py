"""The undo history of answers and card actions: each entry puts a card (and the siblings
its answer buried) back exactly as it was and deletes the review-log row it added."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from srsapp.service.context import Context
from srsapp.service.reports import NOTHING, Changes
from srsapp.service.study.queue import UNDO_DEPTH, Queue
from srsapp.store import study_rows

__all__ = ["UNDO_DEPTH", "UndoEntry", "UndoStack"]


@dataclass
class UndoEntry:
    label: str
    card_id: int
    before: dict[str, Any]
    revlog_id: int | None
    siblings: list[tuple[int, int]]  # (card id, buried_until before)


class UndoStack:
    def __init__(self, ctx: Context, queue: Queue) -> None:
        self._ctx = ctx
        self._queue = queue
        self._entries: list[UndoEntry] = []
        ctx.on_replaced(self.clear)

    def push(self, entry: UndoEntry) -> None:
        self._entries.append(entry)
        del self._entries[:-UNDO_DEPTH]

    def clear(self) -> None:
        self._entries.clear()

    def label(self) -> str | None:
        return self._entries[-1].label if self._entries else None

    def undo(self) -> Changes:
        """Undo the last answer (or bury/suspend/flag/edit): card state and review log exactly
        as before. ``Changes.card_id`` is the card to show again (None: nothing to undo)."""
        if not self._entries:
            return NOTHING
        entry = self._entries[-1]
        commits = self._ctx.db.commits
        with self._ctx.db.raw_transaction() as conn:
            undone = (
                study_rows.answer_row(conn, entry.revlog_id)
                if entry.label == "answer" and entry.revlog_id is not None
                else None
            )
            study_rows.restore_cards(
                conn, entry.card_id, entry.before, entry.revlog_id, entry.siblings
            )
        self._entries.pop()
        siblings = tuple(sid for sid, _ in entry.siblings)
        if entry.label == "answer":
            self._queue.answer_undone(entry.card_id)
        self._queue.cards_changed(
            commits,
            (entry.card_id, *siblings),
            answers=entry.revlog_id is not None,
            undone=undone,
        )
        return Changes(
            cards=True,
            study_queue=True,
            revlog=entry.revlog_id is not None,
            card_ids=(entry.card_id, *siblings),
            count=1,
        )
