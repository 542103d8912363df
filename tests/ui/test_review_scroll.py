"""The answer of a card with the lifecycle diagram is on screen at every window size, the
diagram stays legible, and the keyboard scrolls the card (issue 16, item 1)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.service.search import search_card_ids
from srsapp.ui.browser import BrowserWindow
from srsapp.ui.review import ReviewWidget
from tests.ui.drive import shown_window

ROOT = Path(__file__).resolve().parents[2]
NOTES = """# 개념

## 상태
- 이미지 : 컨테이너의 모형이 되는 것으로 실행되기 전의 상태
- 실행 : 컨테이너 위에서 프로세스가 실행중인 상태
- 정지 : 프로세스의 종료 코드, 로그가 보존 된채 정지한 상태

![도커_라이플사이클](images/dockerLifeCycle.png)
"""
LABEL_PX = 12  # the diagram's arrow labels, in layout pixels (ui.diagram._fonts)


def lifecycle_deck(col: Collection, now: datetime, tmp_path: Path) -> int:
    """The notes' "상태" section with the drawn lifecycle diagram; the id of its
    "name all 3" card (the answer the issue saw cut to 1 of 3 items)."""
    d = tmp_path / "notes"
    d.mkdir()
    (d / "docker.md").write_text(NOTES, encoding="utf-8")
    (d / "life.toml").write_text(
        (ROOT / "decks" / "docker-lifecycle.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    col.sync_notes(d / "docker.md", now=now)
    ids = search_card_ids(col, "kind:list", now)
    assert len(ids) == 1 and "정지" in col.card(ids[0]).back
    return ids[0]


def on_screen(widget: QWidget, point: QPoint) -> bool:
    """Is ``point`` (widget coordinates) inside the widget and every widget around it?"""
    w: QWidget | None = widget
    while w is not None and not w.isWindow():
        if not w.rect().contains(point):
            return False
        point = w.mapToParent(point)
        w = w.parentWidget()
    return w is not None and w.rect().contains(point)


def text_line_on_screen(review: ReviewWidget, position: int) -> bool:
    """Is the line of the card's text at ``position`` (0: the first, -1: the last) shown?"""
    view = review.card_view
    cursor = QTextCursor(view.document())
    cursor.movePosition(
        QTextCursor.MoveOperation.End if position < 0 else QTextCursor.MoveOperation.Start
    )
    rect = view.cursorRect(cursor)
    return on_screen(view.viewport(), rect.topLeft()) and on_screen(
        view.viewport(), rect.bottomLeft()
    )


def text_top(review: ReviewWidget) -> int:
    """Where the text's first line is, in the review screen (it moves up as the card scrolls)."""
    view = review.card_view
    rect = view.cursorRect(QTextCursor(view.document()))
    return view.viewport().mapTo(review, rect.topLeft()).y()


def diagram_bottom_on_screen(review: ReviewWidget) -> bool:
    diagram = review.card_pane.diagram
    assert diagram is not None
    return on_screen(diagram, QPoint(diagram.width() // 2, diagram.height() - 2))


def label_px(review: ReviewWidget) -> float:
    diagram = review.card_pane.diagram
    assert diagram is not None and diagram.isVisible()
    return LABEL_PX * diagram.view_transform().m11()


def back_of(
    qtbot, col: Collection, now: datetime, card_id: int, size: tuple[int, int], lang: str = "ko"
) -> ReviewWidget:  # type: ignore[no-untyped-def]
    window = shown_window(qtbot, col, now, lang)
    window.resize(*size)
    window.open_review(col.decks()[0][0])
    review = window.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    review.show_question(col.card(card_id))
    qtbot.waitUntil(lambda: review.width() > 0 and window.width() == size[0])
    qtbot.keyClick(review, Qt.Key.Key_Space)  # the answer side
    assert review.revealed
    return review


@pytest.mark.parametrize("size", [(900, 620), (760, 520), (1400, 900)])
def test_the_whole_answer_is_on_screen_when_shown(
    qtbot, col: Collection, now: datetime, tmp_path: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    card_id = lifecycle_deck(col, now, tmp_path)
    review = back_of(qtbot, col, now, card_id, size)
    assert review.card_pane.diagram is not None and review.card_pane.diagram.isVisible()
    # all three items of the answer, down to the last line, are on screen
    assert text_line_on_screen(review, -1)
    assert "정지" in review.card_view.toPlainText()


@pytest.mark.parametrize("size", [(900, 620), (1400, 900), (1920, 1080)])
def test_the_diagram_stays_legible(
    qtbot, col: Collection, now: datetime, tmp_path: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    card_id = lifecycle_deck(col, now, tmp_path)
    review = back_of(qtbot, col, now, card_id, size)
    assert label_px(review) >= 9  # they were drawn at 6-7 px at 900 x 620
    # a wide window puts the diagram beside the text: both fit without scrolling
    assert review.card_pane.side_by_side == (size[0] >= 1400)
    if review.card_pane.side_by_side:
        assert text_line_on_screen(review, 0) and diagram_bottom_on_screen(review)
        assert "PgUp/PgDn" not in review.hint_label.text()
    else:  # the page scrolls, and the line of keys says how
        assert "PgUp/PgDn" in review.hint_label.text()


def test_the_keyboard_scrolls_the_card_and_keeps_the_answer_keys(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    card_id = lifecycle_deck(col, now, tmp_path)
    review = back_of(qtbot, col, now, card_id, (900, 620))
    qtbot.keyClick(review, Qt.Key.Key_End)
    assert diagram_bottom_on_screen(review)
    qtbot.keyClick(review, Qt.Key.Key_Home)  # the text and the legible diagram do not fit
    assert text_line_on_screen(review, 0) and not diagram_bottom_on_screen(review)
    top = text_top(review)
    qtbot.keyClick(review, Qt.Key.Key_Down)
    down = text_top(review)
    assert down < top
    qtbot.keyClick(review, Qt.Key.Key_PageDown)
    assert text_top(review) < down - 100
    qtbot.keyClick(review, Qt.Key.Key_PageUp)
    qtbot.keyClick(review, Qt.Key.Key_Up)
    assert text_top(review) == top
    # the answer keys still answer
    qtbot.keyClick(review, Qt.Key.Key_3)
    result = review.last_result
    assert result is not None and (result.card_id, result.rating) == (card_id, Rating.GOOD)


def test_pgdn_scrolls_while_typing_an_answer(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    card_id = lifecycle_deck(col, now, tmp_path)
    window = shown_window(qtbot, col, now, "ko")
    window.resize(700, 420)
    window.open_review(col.decks()[0][0])
    review = window.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    card = col.card(card_id)
    long_front = card.front + "".join(f"<p>줄 {i}</p>" for i in range(30))
    review.show_question(replace(card, front=long_front, extra={"typed_answer": "stop"}))
    assert review.typed.isVisible() and review.typed.hasFocus()
    top = text_top(review)
    qtbot.keyClick(review.typed, Qt.Key.Key_PageDown)
    assert text_top(review) < top
    qtbot.keyClicks(review.typed, "stop")
    assert review.typed.text() == "stop"


def test_the_wheel_over_the_text_or_the_diagram_scrolls_the_card(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    card_id = lifecycle_deck(col, now, tmp_path)
    review = back_of(qtbot, col, now, card_id, (900, 620))
    diagram = review.card_pane.diagram
    assert diagram is not None
    for target in (review.card_view.viewport(), diagram):
        review.card_pane.scroll_key(Qt.Key.Key_Home)
        top = text_top(review)
        QApplication.sendEvent(target, wheel_down(target))
        assert text_top(review) < top


def wheel_down(target: QWidget) -> QWheelEvent:
    at = QPointF(10, 10)
    return QWheelEvent(at, QPointF(target.mapToGlobal(at)), QPoint(), QPoint(0, -120),
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                       Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip


def test_the_browser_preview_of_a_diagram_card_shows_the_diagram(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    card_id = lifecycle_deck(col, now, tmp_path)
    window = shown_window(qtbot, col, now, "ko")
    browser = window.open_tool(BrowserWindow)
    browser.search.setText("kind:list")
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert browser.selected_ids() == [card_id]
    diagram = browser.preview_pane.diagram
    assert diagram is not None and diagram.isVisible()
    browser.search.setText("kind:nothing")  # an invalid query: no card, no diagram
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert not diagram.isVisible()
