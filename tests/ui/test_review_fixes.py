"""Defects of the review screen and its windows seen by a daily learner (issue 16, item 6),
each driven with keys and clicks."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFormLayout, QLabel

from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.ui.browser import COLUMNS, BrowserWindow
from srsapp.ui.review import ReviewWidget
from tests.builders import load, make_deck
from tests.ui.drive import activate, shown_window
from tests.ui.test_review import Clock


def study_one(qtbot, col: Collection, clock: Clock) -> tuple[object, ReviewWidget]:  # type: ignore[no-untyped-def]
    load(col, make_deck(1), clock())
    window = shown_window(qtbot, col, clock())  # type: ignore[arg-type]
    window.ctx.clock = clock  # type: ignore[misc]  # the test moves time on
    qtbot.keyClick(window.deck_list.table, Qt.Key.Key_Return)
    review = window.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    return window, review


def labels(review: ReviewWidget) -> dict[Rating, str]:
    return {r: label.text() for r, label in review.answers.interval_labels.items()}


def answer(qtbot, review: ReviewWidget, key: Qt.Key) -> dict[Rating, str]:  # type: ignore[no-untyped-def]
    """Space, then the rating key: the intervals the buttons showed."""
    assert review.card is not None, "no card due"
    qtbot.keyClick(review, Qt.Key.Key_Space)
    shown = labels(review)
    qtbot.keyClick(review, key)
    return shown


def test_after_a_lapse_good_and_easy_show_different_intervals(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(now)
    _w, review = study_one(qtbot, col, clock)
    answer(qtbot, review, Qt.Key.Key_3)  # learning step 10m
    clock.advance(minutes=10)
    review.next_card()
    answer(qtbot, review, Qt.Key.Key_3)  # graduates
    clock.advance(days=2)
    review.next_card()
    answer(qtbot, review, Qt.Key.Key_1)  # a lapse: relearning 10m
    clock.advance(minutes=10)
    review.next_card()
    shown = answer(qtbot, review, Qt.Key.Key_4)
    assert shown[Rating.GOOD] != shown[Rating.EASY]  # both read "1d"
    assert review.last_result is not None and review.last_result.rating == Rating.EASY


def test_the_browser_interval_is_the_one_the_button_showed(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(now.replace(hour=18))  # study days start at 4 am, 10 h from now
    window, review = study_one(qtbot, col, clock)
    answer(qtbot, review, Qt.Key.Key_3)
    clock.advance(minutes=10)
    review.next_card()
    shown = answer(qtbot, review, Qt.Key.Key_3)  # graduates: "1d" on the button
    browser = window.open_tool(BrowserWindow)  # type: ignore[attr-defined]
    model = browser.model
    assert model.rowCount() == 1
    column = model.data(model.index(0, COLUMNS.index("interval")))
    assert column == shown[Rating.GOOD]  # it said "1.4d" for "2d": due (4 am) - the answer
    browser.table.selectRow(0)
    activate(qtbot, browser)
    qtbot.keyClick(
        browser.table,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    info = browser.info_dialog
    assert info is not None
    intervals = [
        info.facts.itemAt(r, QFormLayout.ItemRole.FieldRole).widget().text()
        for r in range(info.facts.rowCount())
        if info.facts.itemAt(r, QFormLayout.ItemRole.LabelRole).widget().text() == "Interval"
    ]
    assert intervals == [shown[Rating.GOOD]]  # Card info's "Interval" says the same


@pytest.mark.slow
def test_the_card_on_screen_follows_its_notes_edited_on_disk(
    qtbot, col: Collection, now: datetime, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "net.md"
    udp = "## UDP\n\nUDP sends datagrams without any delivery promise.\n"
    text = f"# Net\n\n## TCP\n\nTCP is a reliable byte stream protocol.\n\n{udp}"
    notes.write_text(text, encoding="utf-8")
    col.sync_notes(notes, now=now)
    window = shown_window(qtbot, col, now)
    qtbot.keyClick(window.deck_list.table, Qt.Key.Key_Return)
    review = window.stack.currentWidget()
    assert isinstance(review, ReviewWidget) and review.card is not None
    shown = review.card.id
    assert "TCP" in review.card_view.toPlainText()
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert "reliable byte stream" in review.card_view.toPlainText()
    # an edit of its text shows at once
    notes.write_text(text.replace("reliable byte", "reliable, ordered byte"), encoding="utf-8")
    qtbot.waitUntil(lambda: "ordered" in review.card_view.toPlainText(), timeout=15000)
    # its section deleted: the card is retired, the review goes on to a card still studied
    notes.write_text(f"# Net\n\n{udp}", encoding="utf-8")
    qtbot.waitUntil(lambda: review.card is None or review.card.id != shown, timeout=15000)
    assert "TCP" not in review.card_view.toPlainText()
    assert not review.revealed
    assert "no longer studied" in review.status.text()


def test_deck_and_concept_names_reach_labels_as_plain_text(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(1, title="<b>Bold</b> &amp; <i>co</i>"), now)
    window = shown_window(qtbot, col, now)
    qtbot.keyClick(window.deck_list.table, Qt.Key.Key_Return)
    review = window.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    qtbot.keyClick(
        review,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    info = window.card_info_dialog  # type: ignore[attr-defined]
    deck = [w for w in info.findChildren(QLabel) if "<b>Bold</b>" in w.text()]
    assert deck, "the deck's name is shown"
    assert all(w.textFormat() == Qt.TextFormat.PlainText for w in deck)  # shown as typed


def test_the_browser_sorts_the_sort_field_by_the_question_shown(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck
    from srsapp.core.text import context, para

    topics = {
        "Alpha": "zebra crossing?",
        "Beta": "<code>apt</code> installs what?",
        "Gamma": "mango?",
    }
    cards = [
        CardDraft(kind=CardKind.TERM, concept=(topic,), anchor=topic, front=context((topic,)) + para(q),
                  back=para("answer"), sibling=topic)
        for topic, q in topics.items()
    ]  # fmt: skip
    load(col, GeneratedDeck("Deck", [ConceptInfo((t,)) for t in topics], cards), now)
    window = shown_window(qtbot, col, now)
    browser = window.open_tool(BrowserWindow)
    header = browser.table.horizontalHeader()
    x = header.sectionViewportPosition(COLUMNS.index("sort")) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    model = browser.model
    shown = [model.data(model.index(r, COLUMNS.index("sort"))) for r in range(model.rowCount())]
    assert shown == ["apt installs what?", "mango?", "zebra crossing?"]  # not Alpha, Beta, Gamma
