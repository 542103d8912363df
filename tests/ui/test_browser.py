"""The card browser: lazy model, search, SQL sort, actions."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.service.search import PAGE_SIZE
from srsapp.ui.browser import COLUMNS, BrowserWindow
from srsapp.ui.main_window import MainWindow
from tests.builders import docker_deck, load, make_deck, notes_deck


def make(
    qtbot, col: Collection, now: datetime, lang: str = "en"
) -> tuple[MainWindow, BrowserWindow]:  # type: ignore[no-untyped-def]
    w = MainWindow(col, clock=lambda: now, lang=lang)
    qtbot.addWidget(w)
    w.show()
    browser = w.open_tool(BrowserWindow)
    assert isinstance(browser, BrowserWindow)
    return w, browser


def column_texts(browser: BrowserWindow, column: str) -> list[str]:
    m = browser.model
    c = COLUMNS.index(column)
    return [m.data(m.index(r, c)) for r in range(m.rowCount())]


def test_search_finds_a_card_by_concept(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    col.apply_generated("/notes/docker.md", "h", "text", docker_deck(), now)
    _w, browser = make(qtbot, col, now)
    assert browser.model.rowCount() == 4
    browser.search.setText('concept:"volume mounts"')
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert browser.model.rowCount() == 1
    assert column_texts(browser, "sort") == ["볼륨 목록은?"]  # the context line is dropped
    assert column_texts(browser, "concept") == ["도커 › Volume mounts"]
    assert column_texts(browser, "kind") == ["command"]
    assert "볼륨 목록은?" in browser.preview.toPlainText()
    assert "1 cards" in browser.statusBar().currentMessage()


def test_bad_query_shows_the_error_and_no_rows_of_the_last_search(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    col.apply_generated("/notes/docker.md", "h", "text", docker_deck(), now)
    _w, browser = make(qtbot, col, now)
    assert browser.model.rowCount() == 4
    browser.search.setText("is:sleepy")
    assert not browser.run_search()
    assert browser.error.isVisibleTo(browser) and "is:sleepy" in browser.error.text()
    # the previous rows and their count would answer a question not asked
    assert browser.model.rowCount() == 0
    assert "is:sleepy" in browser.statusBar().currentMessage()


def test_sort_by_due_by_clicking_the_header(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(6), now)
    easy = col.next_card(now)
    assert easy is not None
    col.answer(easy.id, Rating.EASY, now)  # due in days
    again = col.next_card(now)
    assert again is not None
    col.answer(again.id, Rating.AGAIN, now)  # due in a minute
    _w, browser = make(qtbot, col, now)
    assert browser.order == "due"
    assert browser.model.ids[:2] == [again.id, easy.id]
    due = column_texts(browser, "due")
    assert due[0] == "2026-03-02 09:31" and due[2] == "New #3"
    header = browser.table.horizontalHeader()
    header.setSortIndicator(COLUMNS.index("due"), Qt.SortOrder.DescendingOrder)
    assert browser.descending and browser.model.ids[-2:] == [easy.id, again.id]
    header.setSortIndicator(COLUMNS.index("interval"), Qt.SortOrder.DescendingOrder)
    assert browser.order == "interval" and browser.model.ids[0] == easy.id


def test_model_fetches_rows_in_pages(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(PAGE_SIZE + 50), now)
    _w, browser = make(qtbot, col, now)
    m = browser.model
    assert m.rowCount() == PAGE_SIZE + 50
    m.set_ids(list(m.ids))  # drop the cache the view filled
    assert m.fetches == 0 or len(m._rows) == 0
    before = m.fetches
    m.data(m.index(3, 0))
    m.data(m.index(PAGE_SIZE - 1, 1))
    assert m.fetches == before + 1 and len(m._rows) == PAGE_SIZE
    m.data(m.index(PAGE_SIZE + 10, 0))
    assert m.fetches == before + 2 and len(m._rows) == PAGE_SIZE + 50


def test_suspend_reset_and_edit_actions(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(3), now)
    w, browser = make(qtbot, col, now)
    browser.table.selectRow(1)
    [cid] = browser.selected_ids()
    browser.toggle_suspend_selected()
    assert browser.model.row_for(1).suspended  # type: ignore[union-attr]
    assert w.deck_list.rows()[0][1] == "2"
    browser.toggle_suspend_selected()
    assert not browser.model.row_for(1).suspended  # type: ignore[union-attr]
    col.answer(cid, Rating.EASY, now)
    browser.run_search()
    browser.table.selectRow(browser.model.ids.index(cid))
    assert browser.reset_selected(confirm=False) == 1
    assert col.card(cid).queue == "new"
    dialog = browser.edit_selected()
    assert dialog is not None
    dialog.back.setPlainText("Better answer")  # plain text, as typed
    dialog.accept()
    assert col.card(cid).back == "<p>Better answer</p>"
    assert "Better answer" in browser.preview.toPlainText()


def test_show_in_notes_and_language(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]

    text, deck = notes_deck()
    col.apply_generated("/notes/docker.md", "h", text, deck, now)
    w, browser = make(qtbot, col, now)
    view = browser.show_notes_selected()
    assert view is not None and view.highlighted_lines() == (5, 6)
    w.set_language("ko")
    assert browser.windowTitle() == "카드 찾아보기"
    assert browser.model.headerData(0, Qt.Orientation.Horizontal) == "정렬 필드"
