"""Running the collection's operations, and telling every screen what they changed.

``OpRunner`` is the one way the UI runs an operation:

- ``ops.run(fn)`` runs a quick operation on the GUI thread (answer, suspend, save the
  preferences) and returns its result; exceptions reach the caller.
- ``ops.start(work)`` runs long work off the GUI thread (import, export, optimize,
  statistics) on the runner's thread pool and returns a ``Task``. ``work`` is called with a
  progress callback ``progress(done, total)``; the task's ``progressed``, ``succeeded``,
  ``failed`` and ``finished`` signals always arrive on the GUI thread, so slots may touch
  widgets. Every exception is handed over as ``failed(exc)`` (the screen shows it).

What an operation changed is what it returns: the service layer's ``Changes`` value, or a
report carrying one (``.changes``); ``changes=`` gives it where the result does not say.
After an operation that changed the collection, the runner emits ``changed(OpChanges)``.
Screens connect to it and refresh what they show (the deck list its counts, the browser its
rows, the dashboard its statistics), so no caller has to remember to refresh the others. The
screen that ran the operation is named as ``source``: it usually updates itself at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from srsapp.service.reports import EVERYTHING, NOTHING, Changes

__all__ = ["EVERYTHING", "NOTHING", "Changes", "OpChanges", "OpRunner", "Progress", "Task"]

Progress = Callable[[int, int], None]
R = TypeVar("R")

MAX_THREADS = 4  # an import, an optimisation and the dashboard's statistics at the same time


@dataclass(frozen=True, slots=True)
class OpChanges:
    """What an operation changed (the service layer's ``Changes``) and who ran it.

    ``source`` is the object that ran the operation (it has usually updated itself already).
    """

    changes: Changes = NOTHING
    source: object = None

    @property
    def cards(self) -> bool:
        return self.changes.cards

    @property
    def card_ids(self) -> frozenset[int] | None:
        """The cards changed, when the operation named them; None: any card."""
        return frozenset(self.changes.card_ids) if self.changes.card_ids else None

    @property
    def counts(self) -> bool:
        """Whether today's due counts (or the decks they are shown for) may have changed."""
        c = self.changes
        return c.study_queue or c.decks or c.settings

    @property
    def anything(self) -> bool:
        return self.changes.any

    def touches(self, card_id: int) -> bool:
        ids = self.card_ids
        return self.cards and (ids is None or card_id in ids)


def changes_of(result: object) -> Changes:
    """What an operation's result says it changed: a ``Changes`` value, or a report that
    carries one (``.changes``); anything else changed nothing the screens show."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else NOTHING


ChangesFor = Changes | Callable[[Any], Changes]


def _resolve(changes: ChangesFor | None, result: object) -> Changes:
    if changes is None:
        return changes_of(result)
    return changes(result) if callable(changes) else changes


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it, so its slots run there (queued)."""

    progressed = Signal(int, int)
    ended = Signal(bool, object)  # succeeded?, the result or the exception


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], relay: _Relay, done: threading.Event):
        super().__init__()
        self.work, self.relay, self.done = work, relay, done

    def run(self) -> None:
        ok, outcome = True, None
        try:
            outcome = self.work(self._progress)
        except Exception as exc:  # noqa: BLE001 (handed to the GUI thread, which shows it)
            ok, outcome = False, exc
        try:
            self.relay.ended.emit(ok, outcome)
        except RuntimeError:
            pass  # the runner was deleted (the app is closing): nobody to tell
        finally:
            self.done.set()

    def _progress(self, done: int, total: int) -> None:
        try:
            self.relay.progressed.emit(done, total)
        except RuntimeError:
            pass


class Task(QObject):
    """One piece of work running off the GUI thread. Its signals arrive on the GUI thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)  # the result
    failed = Signal(object)  # the exception
    finished = Signal(object)  # this task, after succeeded or failed (result or error set)

    def __init__(self, runner: OpRunner, changes: ChangesFor | None, source: object) -> None:
        super().__init__()  # no parent: freed once nobody holds it (the runner does while it runs)
        self._runner = runner
        self._changes = changes
        self._source = source
        self._done = threading.Event()
        self._ended = False
        self.result: object = None
        self.error: Exception | None = None
        self._relay = _Relay(self)
        self._relay.progressed.connect(self.progressed)
        self._relay.ended.connect(self._end)

    def _end(self, ok: bool, outcome: object) -> None:
        self._ended = True
        self._runner._forget(self)
        if ok:
            self.result = outcome
            # the screens first, then whoever started it
            self._runner.announce(_resolve(self._changes, outcome), self._source)
            self.succeeded.emit(outcome)
        else:
            self.error = outcome if isinstance(outcome, Exception) else RuntimeError(str(outcome))
            self.failed.emit(self.error)
        self.finished.emit(self)

    def is_running(self) -> bool:
        """True until ``finished`` has been emitted."""
        return not self._ended

    def wait(self, timeout_ms: int | None = None) -> bool:
        """Block until the work itself has returned (its signals still arrive through the
        event loop); True when it has."""
        return self._done.wait(None if timeout_ms is None else timeout_ms / 1000)


class OpRunner(QObject):
    """Runs operations on the collection and announces what they changed."""

    changed = Signal(object)  # OpChanges

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(MAX_THREADS)
        self._tasks: set[Task] = set()
        self._exclusive: dict[str, Task] = {}

    def run(
        self, op: Callable[[], R], *, source: object = None, changes: ChangesFor | None = None
    ) -> R:
        """Run a quick operation here, on the GUI thread, then announce what it changed."""
        result = op()
        self.announce(_resolve(changes, result), source)
        return result

    def announce(self, changes: Changes, source: object = None) -> None:
        """Tell the screens about a change (also for one made outside ``run``)."""
        if changes.any:
            self.changed.emit(OpChanges(changes, source))

    def start(
        self,
        work: Callable[[Progress], Any],
        *,
        source: object = None,
        changes: ChangesFor | None = None,
        exclusive: str | None = None,
    ) -> Task | None:
        """Run ``work(progress)`` off the GUI thread. With ``exclusive``, at most one task of
        that name runs at a time: None is returned while another one does."""
        if exclusive is not None and exclusive in self._exclusive:
            return None
        task = Task(self, changes, source)
        self._tasks.add(task)
        if exclusive is not None:
            self._exclusive[exclusive] = task
        self.pool.start(_Runnable(work, task._relay, task._done))
        return task

    def running(self, exclusive: str) -> Task | None:
        """The running task started under the name ``exclusive``, if any."""
        return self._exclusive.get(exclusive)

    def wait_all(self, timeout_ms: int = -1) -> bool:
        """Block until every started work has returned (closing the collection must not cut a
        write short)."""
        return bool(self.pool.waitForDone(timeout_ms))

    def _forget(self, task: Task) -> None:
        for name, t in list(self._exclusive.items()):
            if t is task:
                del self._exclusive[name]
        # held until the event loop turns: the task is still inside its own event handler
        QTimer.singleShot(0, self, lambda: self._tasks.discard(task))
