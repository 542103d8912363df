"""Driving the real windows as a user does: a main window shown and active (its shortcuts
then work, as under a window manager), a dialog made the active window."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from srsapp.service.collection import Collection
from srsapp.ui.main_window import MainWindow


def activate(qtbot: Any, widget: QWidget) -> None:
    """Make ``widget``'s window the active one (keyboard shortcuts go to the active window)."""
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)


def shown_window(qtbot: Any, col: Collection, now: datetime, lang: str = "en") -> MainWindow:
    w = MainWindow(col, clock=lambda: now, lang=lang)
    qtbot.addWidget(w)
    w.show()
    activate(qtbot, w)
    return w
