"""Studying: what is due (``queue``), answering a card (``answer``), undoing it (``undo``) and
the learner's actions on a card (``actions``: bury, suspend, flag, edit, forget).

``Study`` hands the four out over one ``Context``; every mutating call returns ``Changes``
(an answer's ``AnswerResult`` carries them as ``changes``).
"""

from __future__ import annotations

from srsapp.service.context import Context
from srsapp.service.study.actions import CardActions
from srsapp.service.study.answer import Answers
from srsapp.service.study.queue import Queue
from srsapp.service.study.undo import UndoStack


class Study:
    """The study parts of an open collection (as Anki's ``col.sched``)."""

    def __init__(self, ctx: Context) -> None:
        self.queue = Queue(ctx)
        self.undo = UndoStack(ctx, self.queue)
        self.answers = Answers(ctx, self.queue, self.undo)
        self.actions = CardActions(ctx, self.undo, self.queue)


__all__ = ["Answers", "CardActions", "Queue", "Study", "UndoStack"]
