"""The browser's actions on several selected cards, from the context menu and Anki's keys:
change deck, flag, suspend/unsuspend, reposition, delete; each one step, Ctrl+Z undoes it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from srsapp.service.collection import Collection
from srsapp.ui.browser import BrowserWindow
from srsapp.ui.browser_actions import DeckChooser, RepositionDialog
from tests.builders import load, make_deck
from tests.ui.drive import activate, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier


def browser_on(qtbot: Any, col: Collection, now: datetime) -> BrowserWindow:
    w = shown_window(qtbot, col, now)
    browser = w.open_tool(BrowserWindow)
    activate(qtbot, browser)
    return browser


def click_rows(qtbot: Any, browser: BrowserWindow, rows: list[int]) -> list[int]:
    """Click the first row, Ctrl+click the others, as a user selects several cards."""
    for i, row in enumerate(rows):
        rect = browser.table.visualRect(browser.model.index(row, 0))
        mod = CTRL if i else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(browser.table.viewport(), Qt.MouseButton.LeftButton, mod, rect.center())
    assert len(browser.selected_ids()) == len(rows)
    return browser.selected_ids()


def right_click_menu(browser: BrowserWindow, row: int) -> QMenu:
    pos = browser.table.visualRect(browser.model.index(row, 0)).center()
    vp = browser.table.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, vp.mapToGlobal(pos))
    QApplication.sendEvent(vp, event)
    return browser.card_actions.context


def choose(menu: QMenu, text: str) -> None:
    for action in menu.actions():
        if action.text() == text:
            menu.hide()
            action.trigger()
            return
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def decks_of(col: Collection, ids: list[int]) -> set[int]:
    return {col.card(i).deck_id for i in ids}


def test_change_deck_from_the_context_menu_moves_every_selected_card(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(6, title="A"), now)
    col.deck_ops.create("Lang::B", now)
    browser = browser_on(qtbot, col, now)
    picked = click_rows(qtbot, browser, [0, 2, 4])
    menu = right_click_menu(browser, 2)  # on a selected row: the selection stays
    choose(menu, "Change deck…")
    chooser = browser.card_actions.dialog
    assert isinstance(chooser, DeckChooser) and chooser.isVisible()
    activate(qtbot, chooser)
    qtbot.keyClicks(chooser.filter, "b")  # typing filters: only "Lang::B" is left
    assert chooser.chosen() == "Lang::B"
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)
    assert decks_of(col, picked) == {col.deck_id("Lang::B")}
    others = [i for i in browser.model.ids if i not in picked]
    assert decks_of(col, others) == {col.deck_id("A")}
    assert "Moved 3 card(s) to Lang::B." in browser.statusBar().currentMessage()
    assert browser.model.row_for(browser.model.ids.index(picked[0])).deck == "Lang::B"  # type: ignore[union-attr]
    activate(qtbot, browser)
    qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)  # one step back, all three
    assert decks_of(col, picked) == {col.deck_id("A")}


def test_flag_and_suspend_keys_apply_to_the_selection_and_undo(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(5), now)
    browser = browser_on(qtbot, col, now)
    picked = click_rows(qtbot, browser, [1, 3])
    qtbot.keyClick(browser.table, Qt.Key.Key_2, CTRL)
    assert [col.card(i).flag for i in picked] == [2, 2]
    assert sum(col.card(i).flag for i in browser.model.ids) == 4  # only those two
    qtbot.keyClick(browser.table, Qt.Key.Key_J, CTRL)
    assert col.counts(now, col.decks()[0][0])[0] == 3
    qtbot.keyClick(browser.table, Qt.Key.Key_J, CTRL)  # all suspended: unsuspends
    assert col.counts(now, col.decks()[0][0])[0] == 5
    qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert col.counts(now, col.decks()[0][0])[0] == 3
    qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert [col.card(i).flag for i in picked] == [0, 0]
    menu = right_click_menu(browser, 0)  # a right click outside the selection selects its row
    assert browser.selected_ids() == [browser.model.ids[0]]
    flags = next(a.menu() for a in menu.actions() if a.menu() is not None)
    choose(flags, "Flag 4")
    assert col.card(browser.model.ids[0]).flag == 4


def test_reposition_puts_the_selected_new_cards_first(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(6), now)
    browser = browser_on(qtbot, col, now)
    picked = click_rows(qtbot, browser, [4, 5])
    qtbot.keyClick(browser.table, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = browser.card_actions.dialog
    assert isinstance(dialog, RepositionDialog)
    activate(qtbot, dialog)
    assert dialog.start.value() == 1 and dialog.shift.isChecked()
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)
    first = col.next_card(now)
    assert first is not None and first.id == picked[0]
    assert browser.model.ids[:2] == picked  # the browser's due order shows it


def test_ctrl_delete_asks_then_deletes_and_ctrl_z_brings_them_back(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(4), now)
    browser = browser_on(qtbot, col, now)
    picked = click_rows(qtbot, browser, [0, 1, 2])
    qtbot.keyClick(browser.table, Qt.Key.Key_Delete, CTRL)
    box = browser.card_actions.dialog
    assert isinstance(box, QMessageBox) and "3 card(s)" in box.text()
    qtbot.mouseClick(
        next(b for b in box.buttons() if b.text() == "Delete"), Qt.MouseButton.LeftButton
    )
    assert col.card_count() == 1 and browser.model.rowCount() == 1
    activate(qtbot, browser)
    qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert col.card_count() == 4 and sorted(browser.model.ids[:3]) == sorted(picked)
