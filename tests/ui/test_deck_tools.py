"""The deck list as a tree, and its tools driven with keys and clicks: create, rename (F2),
delete (Delete, confirmed; Ctrl+Z brings it back), study an imported subdeck."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from srsapp.interchange.apkg_write import write_package
from srsapp.service.collection import Collection
from srsapp.ui.deck_list import DeckNameDialog
from srsapp.ui.main_window import MainWindow
from srsapp.ui.review import ReviewWidget
from tests.builders import load, make_deck, small_package
from tests.ui.drive import activate, shown_window

window = shown_window


def undo_keys(qtbot: Any, w: MainWindow) -> None:
    """Ctrl+Z as a user presses it: in the main window, once it is the active window."""
    activate(qtbot, w)
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def deck_names(col: Collection) -> list[str]:
    return sorted(n for _i, n in col.decks())


def type_name(qtbot: Any, dialog: DeckNameDialog, text: str) -> None:
    dialog.edit.selectAll()
    dialog.edit.insert(text)  # QTest cannot click Hangul keys; an input method inserts them
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)


def test_nested_decks_show_as_a_tree_with_counts(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(25, title="Lang::Korean"), now)
    load(col, make_deck(3, title="Lang::Korean::Verbs"), now, path="/notes/v.md")
    w = window(qtbot, col, now)
    assert w.deck_list.rows() == [
        ["Lang", "20", "0", "0"],  # no deck of its own: its subdecks' counts
        ["  Korean", "20", "0", "0"],  # its 25 and Verbs' 3, within its limit of 20 (Anki)
        ["    Verbs", "3", "0", "0"],
    ]
    assert not w.deck_list.study_button.isEnabled()  # "Lang" holds no cards itself


def test_create_with_keys_then_a_bad_name_is_refused_in_place(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(3, title="Lang"), now)
    w = window(qtbot, col, now)
    qtbot.mouseClick(w.deck_list.create_button, Qt.MouseButton.LeftButton)
    dialog = w.deck_list.dialog
    assert isinstance(dialog, DeckNameDialog) and dialog.isVisible()
    assert dialog.edit.text() == "Lang::"  # a subdeck of the selected deck, cursor at the end
    assert dialog.focusWidget() is dialog.edit  # typing goes to the name
    dialog.edit.insert("한국어")  # Hangul arrives through the input method, not key clicks
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert deck_names(col) == ["Lang", "Lang::한국어"]
    assert w.deck_list.selected_name() == "Lang::한국어"
    assert ["  한국어", "0", "0", "0"] in w.deck_list.rows()
    qtbot.mouseClick(w.deck_list.create_button, Qt.MouseButton.LeftButton)
    dialog = w.deck_list.dialog
    assert isinstance(dialog, DeckNameDialog)
    type_name(qtbot, dialog, "Lang::")
    assert dialog.isVisible() and "needs a name" in dialog.error.text()
    type_name(qtbot, dialog, "Lang::한국어")
    assert dialog.isVisible() and "already exists" in dialog.error.text()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and deck_names(col) == ["Lang", "Lang::한국어"]


def test_f2_renames_a_deck_with_its_subdecks(qtbot: Any, col: Collection, now: datetime) -> None:
    load(col, make_deck(3, title="Lang"), now)
    col.deck_ops.create("Lang::Korean", now)
    w = window(qtbot, col, now)
    assert w.deck_list.select("Lang")
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_F2)
    dialog = w.deck_list.dialog
    assert isinstance(dialog, DeckNameDialog) and dialog.edit.text() == "Lang"
    type_name(qtbot, dialog, "Languages")
    assert deck_names(col) == ["Languages", "Languages::Korean"]
    assert [r[0] for r in w.deck_list.rows()] == ["Languages", "  Korean"]
    undo_keys(qtbot, w)
    assert deck_names(col) == ["Lang", "Lang::Korean"]
    assert "Undone: rename deck" in w.statusBar().currentMessage()


def test_delete_asks_first_and_ctrl_z_brings_the_cards_back(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(4, title="Doomed"), now)
    load(col, make_deck(2, title="Kept"), now, path="/notes/b.md")
    w = window(qtbot, col, now)
    assert w.deck_list.select("Doomed")
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Delete)
    box = w.deck_list.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "4 card(s)" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc cancels: nothing deleted
    assert deck_names(col) == ["Doomed", "Kept"] and col.card_count() == 6
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Delete)
    box = w.deck_list.dialog
    assert isinstance(box, QMessageBox)
    delete = next(b for b in box.buttons() if b.text() == "Delete")
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert deck_names(col) == ["Kept"] and col.card_count() == 2
    assert [r[0] for r in w.deck_list.rows()] == ["Kept"]
    assert "Deleted Doomed" in w.statusBar().currentMessage()
    undo_keys(qtbot, w)
    assert deck_names(col) == ["Doomed", "Kept"] and col.card_count() == 6
    assert [r[0] for r in w.deck_list.rows()] == ["Doomed", "Kept"]


def test_an_imported_subdeck_is_studied_on_its_own(
    qtbot: Any, col: Collection, now: datetime, tmp_path: Path
) -> None:
    apkg = tmp_path / "h.apkg"
    write_package(small_package(), apkg)
    col.import_file(apkg, now=now)
    load(col, make_deck(3, title="Other"), now)
    w = window(qtbot, col, now, lang="ko")
    assert w.deck_list.rows() == [["H", "2", "0", "0"], ["Other", "3", "0", "0"]]  # collapsed
    assert w.deck_list.select("H")
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Right)  # expanded: its imported subdeck
    assert w.deck_list.rows() == [["H", "2", "0", "0"], ["  x", "2", "0", "0"],
                                  ["Other", "3", "0", "0"]]  # fmt: skip
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Down)
    assert w.deck_list.selected_name() == "H::x"
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Return)
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    assert review.deck_id == col.deck_id("H") and review.concept == ("x",)
    assert review.counts() == (2, 0, 0)


def test_ctrl_z_in_a_review_after_a_deck_was_deleted_does_not_reach_for_its_cards(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    from srsapp.core.model import Rating

    load(col, make_deck(2, title="Doomed"), now)
    load(col, make_deck(2, title="Kept"), now, path="/notes/b.md")
    card = col.next_card(now, col.deck_id("Doomed"))
    assert card is not None
    col.answer(card.id, Rating.GOOD, now)  # the review's undo history holds this answer
    w = window(qtbot, col, now)
    col.delete_deck("Doomed")
    w.refresh()
    assert w.deck_list.select("Kept")
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Return)
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    activate(qtbot, w)
    # the deletion is the last change: Ctrl+Z takes it back first, as Anki's undo would
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert deck_names(col) == ["Doomed", "Kept"]
    assert "Undone: delete deck" in w.statusBar().currentMessage()
    # the answer before it is not reached for: the deletion cleared the review's history
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review.status.text() == "Nothing to undo."


@pytest.mark.slow
def test_a_deleted_notes_deck_is_not_made_again_when_its_notes_change(
    qtbot: Any, col: Collection, now: datetime, tmp_path: Path
) -> None:
    notes = tmp_path / "net.md"
    notes.write_text("# Net\n\n## TCP\n\nA reliable byte stream.\n", encoding="utf-8")
    w = window(qtbot, col, now)
    w.sync_notes(str(notes))
    assert str(notes.resolve()) in w._watcher.files()
    w.ctx.ops.run(lambda: col.delete_deck("Net"))
    assert w._watcher.files() == []
    notes.write_text("# Net\n\n## UDP\n\nDatagrams.\n", encoding="utf-8")
    qtbot.wait(800)  # longer than the watcher's pause before it syncs
    assert col.decks() == []
    w.ctx.ops.run(col.edits.undo)  # the deck back: its notes are watched again
    assert str(notes.resolve()) in w._watcher.files()
