"""Card info from the review and from the browser (Ctrl+Shift+I): every review with date,
rating, interval, stability, difficulty, retrievability."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.ui.browser import BrowserWindow
from srsapp.ui.card_info import CardInfoDialog
from srsapp.ui.review import ReviewWidget
from tests.builders import load, make_deck
from tests.ui.drive import activate, shown_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def studied(col: Collection, now: datetime) -> int:
    """A card answered Good, Good ten minutes later, then Again five days on."""
    load(col, make_deck(1), now - timedelta(days=5))
    card = col.next_card(now - timedelta(days=5))
    assert card is not None
    col.answer(card.id, Rating.GOOD, now - timedelta(days=5), duration_ms=4200)
    col.answer(card.id, Rating.GOOD, now - timedelta(days=5, minutes=-10))
    col.answer(card.id, Rating.AGAIN, now - timedelta(minutes=30))
    return card.id


def shown_info(qtbot: Any) -> CardInfoDialog:
    qtbot.waitUntil(lambda: any(isinstance(w, CardInfoDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=2000)  # fmt: skip
    [dialog] = [w for w in QApplication.topLevelWidgets()
                if isinstance(w, CardInfoDialog) and w.isVisible()]  # fmt: skip
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)  # it took the keyboard
    return dialog


def test_ctrl_shift_i_in_the_review_shows_every_review(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    card_id = studied(col, now)
    w = shown_window(qtbot, col, now)
    w.open_review(col.decks()[0][0])
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget) and review.card is not None
    assert review.card.id == card_id  # relearning, due in ten minutes: learn-ahead shows it
    activate(qtbot, w)
    qtbot.keyClick(review, Qt.Key.Key_I, CTRL_SHIFT)
    dialog = shown_info(qtbot)
    rows = dialog.rows()
    assert [r[1] for r in rows] == ["Again", "Good", "Good"]  # newest first
    assert rows[2][0] == "2026-02-25 09:30" and rows[2][6] == "4.2s"
    assert rows[2][5] == "" and rows[0][5].endswith("%")  # R when answered: none the first time
    assert 50 < int(rows[0][5][:-1]) < 100
    assert all(r[3] and r[4] for r in rows)  # stability and difficulty after each answer
    assert dialog.fact("info.state") == "Relearning"
    assert dialog.fact("info.counts") == "3 reviews, 1 lapses"
    assert dialog.fact("info.retrievability").endswith("%")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.keyClick(review, Qt.Key.Key_Escape)  # back to the decks: Ctrl+Shift+I imports again
    assert w._actions["action.import"].shortcut().toString() == "Ctrl+Shift+I"


def test_ctrl_shift_i_in_the_browser_shows_the_selected_card(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    card_id = studied(col, now)
    load(col, make_deck(3, title="Other"), now, path="/notes/b.md")
    w = shown_window(qtbot, col, now, lang="ko")
    browser = w.open_tool(BrowserWindow)
    activate(qtbot, browser)
    browser.table.selectRow(browser.model.ids.index(card_id))
    qtbot.keyClick(browser.table, Qt.Key.Key_I, CTRL_SHIFT)
    dialog = shown_info(qtbot)
    assert dialog.card_id == card_id and dialog.windowTitle() == "카드 정보"
    assert [r[1] for r in dialog.rows()] == ["다시", "알맞음", "알맞음"]
    # a new card: no reviews, its place in the order
    other = browser.model.ids[-1]
    qtbot.keyClick(dialog.table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    activate(qtbot, browser)
    browser.table.clearSelection()
    browser.table.selectRow(len(browser.model.ids) - 1)
    qtbot.keyClick(browser.table, Qt.Key.Key_I, CTRL_SHIFT)
    dialog = shown_info(qtbot)
    assert dialog.card_id == other and dialog.rows() == [] and dialog.empty.isVisibleTo(dialog)
