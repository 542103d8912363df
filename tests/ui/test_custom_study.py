"""Custom study driven with the keyboard (issue 16): ``/`` in the deck list opens it, arrow
keys pick a choice, Enter starts; the dashboard's "study this concept" goes past today's
limits; the deck options' new card order."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox

from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck, Rating
from srsapp.core.text import context, para
from srsapp.service.collection import Collection
from srsapp.ui.custom_study import CustomStudyDialog
from srsapp.ui.main_window import MainWindow
from srsapp.ui.review import ReviewWidget
from tests.builders import open_collection
from tests.ui.drive import activate, shown_window

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def concept_deck() -> GeneratedDeck:
    cards = [
        CardDraft(kind=CardKind.TERM if i < 30 else CardKind.DIAGRAM, concept=("T", f"S{i % 2}"),
                  anchor=f"a{i}", front=context(("T",)) + para(f"q{i}"), back=para(f"a{i}"),
                  sibling=f"s{i}")
        for i in range(40)
    ]  # fmt: skip
    concepts = [ConceptInfo(("T",)), ConceptInfo(("T", "S0")), ConceptInfo(("T", "S1"))]
    return GeneratedDeck(title="N", concepts=concepts, cards=cards)


@pytest.fixture
def studied(tmp_path: Path) -> Any:
    """40 cards; today's 20 new cards studied (Easy: due in a few days)."""
    c = open_collection(tmp_path / "data", seed=False, rng=random.Random(5))
    c.set_settings(timezone="UTC", day_start_hour=4)
    c.apply_generated("/notes/n.md", "n", "text", concept_deck(), T0)
    deck = c.decks()[0][0]
    while (card := c.next_card(T0, deck)) is not None:
        c.answer(card.id, Rating.EASY, T0)
    yield c
    c.close(backup=False)


def review_of(w: MainWindow) -> ReviewWidget:
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    return review


def open_custom(qtbot: Any, w: MainWindow) -> CustomStudyDialog:
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Slash)
    dialog = w.custom_dialog
    assert isinstance(dialog, CustomStudyDialog) and dialog.isVisible()
    activate(qtbot, dialog)
    return dialog


def key(qtbot: Any, k: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, k)


def test_slash_review_ahead_studies_cards_due_later(qtbot: Any, studied: Collection) -> None:
    day2 = T0 + timedelta(days=1)
    w = shown_window(qtbot, studied, day2)
    assert w.deck_list.rows()[0][3] == "0"  # no review due today
    dialog = open_custom(qtbot, w)
    assert dialog.choice() == "more_new"
    key(qtbot, Qt.Key.Key_Down, 3)  # more new, more reviews, forgotten, ahead
    assert dialog.choice() == "ahead"
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Up, 29)  # 30 days
    assert dialog.number.value() == 30
    key(qtbot, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    review = review_of(w)
    assert not review.is_done() and review.card is not None
    assert review.counts() == (0, 0, 20)
    reviews_before = studied.revlog_count()
    qtbot.keyClick(review, Qt.Key.Key_Space)
    qtbot.keyClick(review, Qt.Key.Key_3)
    assert studied.revlog_count() == reviews_before + 1  # a real review
    assert review.counts() == (0, 0, 19)
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert studied.revlog_count() == reviews_before and review.counts() == (0, 0, 20)


def test_more_new_cards_today_by_keys(qtbot: Any, studied: Collection) -> None:
    w = shown_window(qtbot, studied, T0)
    assert w.deck_list.rows()[0][1] == "0"
    open_custom(qtbot, w)
    key(qtbot, Qt.Key.Key_Tab)  # to the number of cards (10)
    key(qtbot, Qt.Key.Key_Down, 5)
    key(qtbot, Qt.Key.Key_Return)
    review = review_of(w)
    assert review.counts() == (5, 0, 0) and review.card is not None
    qtbot.keyClick(review, Qt.Key.Key_Escape)
    assert w.deck_list.rows()[0][1] == "5"


def test_forgotten_cards_are_practised_and_nothing_is_written(
    qtbot: Any, studied: Collection
) -> None:
    later = T0 + timedelta(days=30)
    deck = studied.decks()[0][0]
    for _ in range(3):  # three cards forgotten today
        card = studied.next_card(later, deck)
        assert card is not None
        studied.answer(card.id, Rating.AGAIN, later)
    w = shown_window(qtbot, studied, later + timedelta(hours=1))
    dialog = open_custom(qtbot, w)
    key(qtbot, Qt.Key.Key_Down, 2)
    assert dialog.choice() == "forgotten"
    key(qtbot, Qt.Key.Key_Return)
    review = review_of(w)
    assert review.counts() == (0, 0, 3)
    before = studied.revlog_count()
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert review.answers.interval_labels[Rating.GOOD].text() == "done"  # nothing scheduled
    qtbot.keyClick(review, Qt.Key.Key_3)
    assert review.counts() == (0, 0, 2)
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review.counts() == (0, 0, 3)
    for _ in range(3):
        qtbot.keyClick(review, Qt.Key.Key_Space)
        qtbot.keyClick(review, Qt.Key.Key_4)
    assert review.is_done() and "Custom study" in review.done_page.title.text()
    assert studied.revlog_count() == before


def test_nothing_to_study_keeps_the_dialog_open(qtbot: Any, studied: Collection) -> None:
    w = shown_window(qtbot, studied, T0, lang="ko")
    dialog = open_custom(qtbot, w)
    key(qtbot, Qt.Key.Key_Down, 2)  # forgotten: none answered Again
    key(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and "없습니다" in dialog.error.text()


def test_concept_studied_from_the_dashboard_goes_past_todays_limit(
    qtbot: Any, studied: Collection
) -> None:
    from srsapp.ui.dashboard import DashboardWindow

    w = shown_window(qtbot, studied, T0)
    d = DashboardWindow(w.ctx)
    qtbot.addWidget(d)
    d.show()
    d.wait_until_loaded(history=True)
    tree = d.concepts.tree
    top = tree.topLevelItem(0)
    assert top is not None
    top.setExpanded(True)
    item = next(top.child(i) for i in range(top.childCount())
                if tuple(top.child(i).data(0, Qt.ItemDataRole.UserRole)) == ("T", "S1"))  # fmt: skip
    rect = tree.visualItemRect(item)
    pos = QPoint(rect.left() + 30, rect.center().y())
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    review = review_of(w)
    assert not review.is_done()  # no "Congratulations" while the concept has unseen cards
    assert review.counts()[0] == 10
    assert review.card is not None and review.card.concept == ("T", "S1")


def test_done_page_points_to_custom_study(qtbot: Any, studied: Collection) -> None:
    w = shown_window(qtbot, studied, T0)
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Return)
    review = review_of(w)
    assert review.is_done()
    assert "20 new card(s) wait" in review.done_page.info.text()


def test_new_card_order_is_a_deck_option(qtbot: Any, studied: Collection) -> None:
    from srsapp.ui.preferences import PreferencesDialog

    w = shown_window(qtbot, studied, T0)
    dialog = PreferencesDialog(w.ctx, w)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    combo = dialog.new_order
    assert isinstance(combo, QComboBox) and combo.currentData() == "notes"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "interleave"
    dialog.accept()
    deck = studied.decks()[0][0]
    assert studied.deck_config(deck)["new_order"] == "interleave"


def test_a_card_suspended_elsewhere_leaves_the_practice(qtbot: Any, studied: Collection) -> None:
    later = T0 + timedelta(days=30)
    deck = studied.decks()[0][0]
    for _ in range(3):
        card = studied.next_card(later, deck)
        assert card is not None
        studied.answer(card.id, Rating.AGAIN, later)
    w = shown_window(qtbot, studied, later + timedelta(hours=1))
    w.open_review(deck, practice=studied.practice(later, deck, None, 1))
    review = review_of(w)
    shown = review.card
    assert shown is not None and review.counts() == (0, 0, 3)
    now = later + timedelta(hours=1)
    suspend = studied.sched.actions.set_suspended  # elsewhere
    w.ctx.ops.run(lambda: suspend(shown.id, True, now=now), source=w)
    assert review.card is not None and review.card.id != shown.id
    assert review.counts() == (0, 0, 2)
