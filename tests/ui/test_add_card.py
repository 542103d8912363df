"""Add card, driven with keys: opened with `a` into the selected deck, fields typed, the live
preview, Ctrl+Enter adds, Ctrl+Shift+C makes a cloze, bad notes refused in place."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from srsapp.service.collection import Collection
from srsapp.ui.add_card import AddCardDialog
from srsapp.ui.main_window import MainWindow
from srsapp.ui.review import ReviewWidget
from tests.builders import load, make_deck
from tests.ui.drive import activate, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier


window = shown_window


def open_add(qtbot: Any, w: MainWindow) -> AddCardDialog:
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_A)
    dialog = w._tools[AddCardDialog.__module__]
    assert isinstance(dialog, AddCardDialog) and dialog.isVisible()
    activate(qtbot, dialog)
    return dialog


def deck_fronts(col: Collection, deck: str) -> list[str]:
    from srsapp.service.search import search_card_ids

    ids = search_card_ids(col, f'deck:"{deck}"', datetime.now())
    return [col.card(i).front for i in ids]


def test_a_opens_add_into_the_selected_deck_and_ctrl_enter_adds(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(2, title="First"), now)
    load(col, make_deck(2, title="Kept"), now, path="/notes/b.md")
    w = window(qtbot, col, now)
    assert w.deck_list.select("Kept")
    dialog = open_add(qtbot, w)
    assert dialog.deck.currentText() == "Kept"
    assert dialog.focusWidget() is dialog.fields[0]
    qtbot.keyClicks(dialog.fields[0], "What is **HTTP**?")
    qtbot.keyClick(dialog.fields[0], Qt.Key.Key_Tab)  # Tab goes to the next field
    assert dialog.focusWidget() is dialog.fields[1]
    qtbot.keyClicks(dialog.fields[1], "a protocol")
    qtbot.keyClicks(dialog.tags, "net  web net")
    dialog.update_preview()  # the preview follows the typing (after a short pause)
    assert "What is HTTP?" in dialog.preview.toPlainText()
    assert "a protocol" in dialog.preview.toPlainText()
    qtbot.keyClick(dialog.fields[1], Qt.Key.Key_Return, CTRL)
    assert "<p>What is <strong>HTTP</strong>?</p>" in deck_fronts(col, "Kept")
    assert len(deck_fronts(col, "First")) == 2  # not into another deck
    assert dialog.fields[0].toPlainText() == "" and dialog.focusWidget() is dialog.fields[0]
    assert "Added 1 card(s) to Kept." == dialog.status.text()
    [added] = [i for i in range(1, 6) if col.card(i).front.startswith("<p>What is")]
    assert col.card(added).extra["tags"] == ["net", "web"]  # exported with the note
    assert dialog.tags.text() == "net  web net"  # tags stay for the next note, as in Anki
    assert w.deck_list.rows()[1] == ["Kept", "3", "0", "0"]  # the deck list heard of it
    # Edit → Undo in the main window takes the note back
    activate(qtbot, w)
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Z, CTRL)
    assert len(deck_fronts(col, "Kept")) == 2


def test_reverse_cloze_and_a_bad_note(qtbot: Any, col: Collection, now: datetime) -> None:
    load(col, make_deck(1, title="Deck"), now)
    w = window(qtbot, col, now, lang="ko")
    dialog = open_add(qtbot, w)
    assert dialog.windowTitle() == "카드 추가"
    qtbot.keyClick(dialog.fields[0], Qt.Key.Key_Return, CTRL)  # nothing typed yet
    assert "Front field is empty" in dialog.status.text() and col.card_count() == 1
    dialog.set_note_type("basic_reverse")
    qtbot.keyClicks(dialog.fields[0], "water")
    qtbot.keyClicks(dialog.fields[1], "mul")
    dialog.update_preview()
    assert dialog.preview_label.text() == "미리 보기: 카드 2장"
    qtbot.keyClick(dialog.fields[1], Qt.Key.Key_Return, CTRL)
    assert sorted(deck_fronts(col, "Deck"))[-2:] == ["<p>mul</p>", "<p>water</p>"]
    # cloze: select a word, Ctrl+Shift+C (the note type follows), Ctrl+Enter
    qtbot.keyClicks(dialog.fields[0], "Paris is the capital of France")
    cursor = dialog.fields[0].textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 6)
    dialog.fields[0].setTextCursor(cursor)
    qtbot.keyClick(dialog.fields[0], Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert dialog.note_type_key() == "cloze"
    assert dialog.fields[0].toPlainText() == "Paris is the capital of {{c1::France}}"
    dialog.update_preview()
    assert "capital of [...]" in dialog.preview.toPlainText()
    qtbot.keyClick(dialog.fields[0], Qt.Key.Key_Return, CTRL)
    cloze = [f for f in deck_fronts(col, "Deck") if "Paris" in f]
    assert cloze == ['<p>Paris is the capital of <span class="cloze">[...]</span></p>']


def test_a_typed_answer_card_asks_for_typing_in_the_review(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    col.deck_ops.create("Cmd", now)
    w = window(qtbot, col, now)
    dialog = open_add(qtbot, w)
    dialog.set_note_type("typed")
    qtbot.keyClicks(dialog.fields[0], "list files, long form")
    qtbot.keyClicks(dialog.fields[1], "ls -l")
    qtbot.keyClick(dialog.fields[1], Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    w.deck_list.select("Cmd")
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Return)
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget) and review.card is not None
    assert review.typed.isVisibleTo(review)  # the answer is typed


def test_the_deck_list_add_button_opens_add_on_the_selected_deck(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    col.deck_ops.create("Lang::Korean", now)
    w = window(qtbot, col, now)
    assert w.deck_list.select("Lang::Korean")
    qtbot.mouseClick(w.deck_list.add_button, Qt.MouseButton.LeftButton)
    dialog = w._tools[AddCardDialog.__module__]
    assert isinstance(dialog, AddCardDialog) and dialog.isVisible()
    assert dialog.deck.currentText() == "Lang::Korean"
