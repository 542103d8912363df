"""The keyboard lands on the review after another window or a dialog sent it there
(issue 16, item 2)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from srsapp.service.collection import Collection
from srsapp.ui.dashboard import DashboardWindow
from srsapp.ui.review import ReviewWidget
from tests.conftest import DOCKER_NOTES
from tests.ui.drive import activate, shown_window


def test_double_clicking_a_concept_in_statistics_gives_the_review_the_keyboard(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    col.sync_notes(DOCKER_NOTES, now=now)
    window = shown_window(qtbot, col, now)
    qtbot.keyClick(window, Qt.Key.Key_S)  # Tools → Statistics
    stats = window._tools[DashboardWindow.__module__]
    assert isinstance(stats, DashboardWindow)
    stats.wait_until_loaded(history=False)
    activate(qtbot, stats)
    tree = stats.concepts.tree
    item = tree.topLevelItem(0).child(0)
    rect = tree.visualItemRect(item)
    at = QPoint(rect.left() + 30, rect.center().y())
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=at)  # a double-click:
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=at)  # press, release, press
    review = window.stack.currentWidget()
    assert isinstance(review, ReviewWidget) and review.concept is not None
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    assert QApplication.focusWidget() is review
    # Space, typed where the keyboard is, shows the answer at once
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert review.revealed


def test_enter_after_a_menu_closes_goes_to_the_review_not_the_menu(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    col.sync_notes(DOCKER_NOTES, now=now)
    window = shown_window(qtbot, col, now)
    qtbot.keyClick(window.deck_list.table, Qt.Key.Key_Return)  # study
    review = window.stack.currentWidget()
    assert isinstance(review, ReviewWidget) and QApplication.focusWidget() is review
    for title_key in (Qt.Key.Key_T, Qt.Key.Key_H):  # Alt+T (Tools), Alt+H (Help)
        qtbot.keyClick(window, title_key, Qt.KeyboardModifier.AltModifier)
        menu = QApplication.activePopupWidget()
        assert menu is not None
        qtbot.keyClick(menu, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=2000)
        activate(qtbot, window)  # (offscreen: the window manager gives the window back)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is review, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert QApplication.activePopupWidget() is None  # no menu opened again
    assert review.revealed


def test_f1_lists_every_key_and_the_review_keeps_the_keyboard_after(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    col.sync_notes(DOCKER_NOTES, now=now)
    window = shown_window(qtbot, col, now)
    qtbot.keyClick(window.deck_list.table, Qt.Key.Key_Return)
    review = window.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(200, read_and_close)
    qtbot.keyClick(review, Qt.Key.Key_F1)  # returns when the list is closed
    assert seen, "F1 showed the list"
    text = seen[0]
    keys = ["n: show in notes", "Ctrl+E", "Ctrl+P", "PgUp / PgDn", "Home / End", "R / F5",
            "Ctrl+F search", "Ctrl+D change deck", "Ctrl+J suspend", "Ctrl+Delete delete",
            "Ctrl+Shift+S reposition", "Ctrl+Shift+N show in notes", "Ctrl+Enter",
            "Ctrl+Shift+C", "F2 rename", "A: Add card", "Ctrl+Y", "Ctrl+Q"]  # fmt: skip
    assert [k for k in keys if k not in text] == []
    activate(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is review, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert review.revealed
