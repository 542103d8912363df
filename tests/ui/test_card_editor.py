"""The card editor: plain text (no HTML source), Ctrl+Enter saves an override that survives a
re-sync, Restore drops it, a side plain text cannot show is kept unless edited."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt

from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck
from srsapp.service.collection import Collection
from srsapp.service.search import card_texts
from srsapp.ui.edit_card import EditCardDialog
from srsapp.ui.main_window import MainWindow
from srsapp.ui.review import ReviewWidget
from tests.builders import load, make_deck
from tests.ui.drive import activate, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier
TABLE = "<table><tr><td>TCP</td><td>연결형</td></tr></table>"


def review_window(qtbot: Any, col: Collection, now: datetime) -> tuple[MainWindow, ReviewWidget]:
    w = shown_window(qtbot, col, now)
    w.open_review(col.decks()[0][0])
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget) and review.card is not None
    return w, review


def open_editor(qtbot: Any, review: ReviewWidget) -> EditCardDialog:
    qtbot.keyClick(review, "e")
    dialog = review.edit_dialog
    assert dialog is not None and dialog.isVisible()
    activate(qtbot, dialog)  # as the window manager does: its shortcuts (Ctrl+Enter) work
    return dialog


def test_plain_fields_ctrl_enter_saves_an_override_kept_across_syncs(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    deck = make_deck(2)
    load(col, deck, now)
    _w, review = review_window(qtbot, col, now)
    assert review.card is not None
    card_id = review.card.id
    dialog = open_editor(qtbot, review)
    # what the learner reads, not HTML source: the concept line is not part of the field
    assert dialog.front.toPlainText() == "Question 0"
    assert dialog.back.toPlainText() == "Answer 0"
    assert dialog.focusWidget() is dialog.front
    qtbot.keyClick(dialog.front, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.back
    qtbot.keyClick(dialog.back, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.back, " (see **RFC 793**)")
    dialog.update_preview()
    assert "Answer 0 (see RFC 793)" in dialog.preview.toPlainText()
    qtbot.keyClick(dialog.back, Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible()
    texts = card_texts(col, card_id)
    assert texts.override_back == "<p>Answer 0 (see <strong>RFC 793</strong>)</p>"
    assert texts.override_front is None  # the untouched side keeps no override
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert "Answer 0 (see RFC 793)" in review.card_view.toPlainText()  # the review shows it
    load(col, deck, now)  # the notes synced again: the edit stays
    assert card_texts(col, card_id).override_back == texts.override_back
    # Ctrl+Z in the review takes the edit back
    qtbot.keyClick(review, Qt.Key.Key_Z, CTRL)
    assert card_texts(col, card_id).override_back is None


def test_restore_generated_text_drops_the_override(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(1), now)
    _w, review = review_window(qtbot, col, now)
    assert review.card is not None
    card_id = review.card.id
    col.sched.actions.edit_card(
        card_id, '<div class="context">Topic</div><p>Mine</p>', "<p>my answer</p>"
    )
    dialog = open_editor(qtbot, review)
    assert (dialog.front.toPlainText(), dialog.back.toPlainText()) == ("Mine", "my answer")
    qtbot.mouseClick(dialog.restore, Qt.MouseButton.LeftButton)
    assert dialog.front.toPlainText() == "Question 0"
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    texts = card_texts(col, card_id)
    assert (texts.override_front, texts.override_back) == (None, None)


def test_a_side_plain_text_cannot_show_is_kept_unless_edited(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    draft = CardDraft(CardKind.TABLE, ("Net",), "tcp", "<p>TCP의 연결 방식은?</p>", TABLE)
    load(col, GeneratedDeck("Net", [ConceptInfo(("Net",))], [draft]), now)
    _w, review = review_window(qtbot, col, now)
    assert review.card is not None
    card_id = review.card.id
    dialog = open_editor(qtbot, review)
    assert not dialog.warnings[0].isVisibleTo(dialog) and dialog.warnings[1].isVisibleTo(dialog)
    qtbot.keyClick(dialog.front, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.front, " (TCP)")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    texts = card_texts(col, card_id)
    assert texts.override_front == "<p>TCP의 연결 방식은? (TCP)</p>"
    assert texts.override_back is None and texts.back == TABLE  # the table is untouched


def test_an_empty_front_is_refused_in_place(qtbot: Any, col: Collection, now: datetime) -> None:
    load(col, make_deck(1), now)
    _w, review = review_window(qtbot, col, now)
    dialog = open_editor(qtbot, review)
    dialog.front.clear()
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and "front is empty" in dialog.status.text()
    qtbot.keyClick(dialog.front, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert review.card is not None
    assert card_texts(col, review.card.id).override_front is None


def test_a_card_you_added_edits_its_note_and_both_ways_follow(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    col.deck_ops.create("Words", now)
    a, b = col.card_ops.add_note(
        "Words", "basic_reverse", {"Front": "물", "Back": "water"}, now
    ).card_ids
    w, review = review_window(qtbot, col, now)
    assert review.card is not None and review.card.id == a
    dialog = open_editor(qtbot, review)
    assert (dialog.front.toPlainText(), dialog.back.toPlainText()) == ("물", "water")
    assert not dialog.restore.isVisibleTo(dialog)  # no generated text to go back to
    qtbot.keyClick(dialog.back, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.back, " (H2O)")
    dialog.update_preview()
    assert dialog.preview.toPlainText().count("water (H2O)") == 2  # both cards of the note
    qtbot.keyClick(dialog.back, Qt.Key.Key_Return, CTRL)
    assert col.card(b).front == "<p>water (H2O)</p>"  # the reverse card followed
    assert card_texts(col, a).override_back is None  # the note changed, not an override
    activate(qtbot, w)  # the editor closed: the main window has the keyboard again
    qtbot.keyClick(review, Qt.Key.Key_Z, CTRL)  # the note edit was the last change: undone
    assert col.card(b).front == "<p>water</p>" and col.card(a).back == "<p>water</p>"
