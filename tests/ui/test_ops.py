"""The op runner: quick operations on the GUI thread, long work off it, and one ``changed``
signal the screens refresh from (the deck list, the browser, the review screen)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.service.reports import AnswerResult, Changes
from srsapp.ui.browser import BrowserWindow
from srsapp.ui.dashboard import DashboardWindow
from srsapp.ui.main_window import MainWindow
from srsapp.ui.ops import EVERYTHING, NOTHING, OpChanges, OpRunner
from srsapp.ui.review import ReviewWidget
from tests.builders import docker_deck, load, make_deck


def test_run_returns_the_result_and_announces_what_it_says_it_changed(qtbot: Any) -> None:
    ops = OpRunner()
    heard: list[OpChanges] = []
    ops.changed.connect(heard.append)
    seven = Changes(cards=True, study_queue=True, card_ids=(7,))
    assert ops.run(lambda: seven, source="me") == seven  # a Changes value
    assert heard == [OpChanges(seven, "me")]
    assert heard[0].touches(7) and not heard[0].touches(8) and heard[0].counts
    answered = AnswerResult(3, Rating.GOOD, timedelta(days=1), datetime(2026, 3, 3, tzinfo=UTC),
                            sibling_ids=(4,))  # fmt: skip
    ops.run(lambda: answered)  # a report carrying its changes
    assert heard[-1].card_ids == {3, 4} and heard[-1].source is None
    assert ops.run(lambda: 42, changes=EVERYTHING) == 42  # said by the caller
    assert heard[-1].changes == EVERYTHING and heard[-1].card_ids is None
    ops.run(lambda: 42)  # says nothing: nobody is told
    ops.run(lambda: None, changes=NOTHING)
    assert len(heard) == 3
    with pytest.raises(ZeroDivisionError):  # a failing quick op reaches its caller
        ops.run(lambda: 1 // 0, changes=EVERYTHING)
    assert len(heard) == 3


def test_start_runs_off_the_gui_thread_and_reports_on_it(qtbot: Any) -> None:
    ops = OpRunner()
    heard: list[OpChanges] = []
    ops.changed.connect(heard.append)
    worker: list[threading.Thread] = []
    progress: list[tuple[int, int, threading.Thread]] = []
    results: list[tuple[object, threading.Thread]] = []

    def work(report: Any) -> str:
        worker.append(threading.current_thread())
        report(1, 2)
        return "done"

    task = ops.start(work, changes=lambda r: EVERYTHING if r == "done" else NOTHING)
    assert task is not None
    task.progressed.connect(lambda d, t: progress.append((d, t, threading.current_thread())))
    task.succeeded.connect(lambda r: results.append((r, threading.current_thread())))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert worker and worker[0] is not threading.main_thread()
    assert results == [("done", threading.main_thread())]
    assert progress == [(1, 2, threading.main_thread())]
    assert [h.changes for h in heard] == [EVERYTHING] and not task.is_running()


def test_failures_are_handed_over_and_exclusive_work_runs_alone(qtbot: Any) -> None:
    ops = OpRunner()
    gate = threading.Event()

    def slow(_report: Any) -> None:
        gate.wait(10)
        raise ValueError("broken file")

    first = ops.start(slow, changes=EVERYTHING, exclusive="transfer")
    assert first is not None and ops.running("transfer") is first
    assert ops.start(lambda _r: None, exclusive="transfer") is None  # one at a time
    errors: list[object] = []
    first.failed.connect(errors.append)
    heard: list[OpChanges] = []
    ops.changed.connect(heard.append)
    gate.set()
    with qtbot.waitSignal(first.finished, timeout=10_000):
        pass
    assert [str(e) for e in errors] == ["broken file"] and isinstance(first.error, ValueError)
    assert heard == []  # failed work announces nothing
    assert ops.running("transfer") is None
    assert ops.start(lambda _r: None, exclusive="transfer") is not None


def _window(qtbot: Any, col: Collection, now: datetime) -> MainWindow:
    w = MainWindow(col, clock=lambda: now, lang="en")
    qtbot.addWidget(w)
    w.show()
    return w


def test_a_suspend_in_the_review_refreshes_the_open_browser_row(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(4), now)
    w = _window(qtbot, col, now)
    browser = w.open_tool(BrowserWindow)
    w.open_review(col.decks()[0][0])
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget) and review.card is not None
    card_id = review.card.id
    row = browser.model.ids.index(card_id)
    assert browser.model.row_for(row).suspended is False  # type: ignore[union-attr]
    qtbot.keyClicks(review, "@")  # suspend, from the review screen
    fresh = browser.model.row_for(row)
    assert fresh is not None and fresh.suspended  # the browser heard it and reread the row
    assert review.card is None or review.card.id != card_id  # the review moved on


def test_an_edit_from_the_browser_shows_in_the_review(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(3), now)
    w = _window(qtbot, col, now)
    w.open_review(col.decks()[0][0])
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget) and review.card is not None
    browser = w.open_tool(BrowserWindow)
    browser.table.selectRow(browser.model.ids.index(review.card.id))
    dialog = browser.edit_selected()
    assert dialog is not None
    dialog.front.setPlainText("Rewritten elsewhere")
    dialog.accept()
    assert "Rewritten elsewhere" in review.card_view.toPlainText()
    assert review.status.text() == "Card edited."


def test_the_deck_list_refreshes_from_the_signal(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(5), now)
    w = _window(qtbot, col, now)
    assert w.deck_list.rows()[0][1] == "5"
    browser = w.open_tool(BrowserWindow)
    browser.table.selectAll()
    browser.toggle_suspend_selected()  # nobody calls refresh(): the window hears the change
    assert w.deck_list.rows()[0][1] == "0"


def test_open_cards_from_the_dashboard_searches_the_concept(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    col.apply_generated("/notes/docker.md", "h", "text", docker_deck(), now)
    w = _window(qtbot, col, now)
    d = DashboardWindow(w.ctx, w)
    d.wait_until_loaded(history=False)
    d.open_cards(("도커", "Volume mounts"))
    browser = w._tools["srsapp.ui.browser"]
    assert isinstance(browser, BrowserWindow)
    assert browser.search.text() == 'concept:"Volume mounts"'
    assert browser.model.rowCount() == 1
    assert browser.windowFlags() & Qt.WindowType.Window


def test_the_dashboard_reloads_after_a_review_when_it_is_looked_at(
    qtbot: Any, col: Collection, now: datetime
) -> None:
    load(col, make_deck(4), now)
    w = _window(qtbot, col, now)
    d = w.open_tool(DashboardWindow)
    d.wait_until_loaded(history=False)
    assert d.stats is not None and d.stats.card_counts.as_dict()["new"] == 4
    w.activateWindow()
    qtbot.waitUntil(lambda: not d.isActiveWindow(), timeout=5000)
    w.open_review(col.decks()[0][0])
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    qtbot.keyClick(review, Qt.Key.Key_Space)
    qtbot.keyClick(review, Qt.Key.Key_3)  # a review while the dashboard is in the background
    assert d._stale and d.stats.card_counts.as_dict()["new"] == 4  # not reloaded yet
    d.activateWindow()  # the learner looks at it again
    qtbot.waitUntil(lambda: d.isActiveWindow(), timeout=5000)
    qtbot.waitUntil(
        lambda: d.stats is not None and d.stats.card_counts.as_dict()["new"] == 3, timeout=20_000
    )
    assert not d._stale


def test_an_import_shows_in_the_open_browser(
    qtbot: Any, col: Collection, now: datetime, tmp_path: Any
) -> None:
    from srsapp.interchange.apkg_write import write_package
    from srsapp.ui.transfer import import_paths
    from tests.builders import small_package

    pkg = tmp_path / "more.apkg"
    write_package(small_package(), pkg)
    w = _window(qtbot, col, now)
    browser = w.open_tool(BrowserWindow)
    assert browser.model.rowCount() == 0
    transfer = import_paths(w.ctx, [pkg], parent=w, summary_box=False)
    assert transfer is not None
    qtbot.waitUntil(lambda: w.ops.running("transfer") is None, timeout=20_000)
    assert browser.model.rowCount() == 2  # the import announced its Changes: searched again
    assert w.deck_list.rows()[0][0] == "H"
