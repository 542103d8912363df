"""Running one piece of long work off the GUI thread.

``BackgroundTask(fn)`` is a ``QThread`` that calls ``fn()`` once and reports the outcome with a
queued signal, so the slot runs on the GUI thread: ``succeeded(result)`` or ``failed(exception)``.
Every exception is caught and handed over (the screen shows it; nothing is lost to stderr).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


class BackgroundTask(QThread):
    succeeded = Signal(object)
    failed = Signal(object)  # the exception raised by fn

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 (handed to the GUI thread, which shows it)
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
