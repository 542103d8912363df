"""Tools → Optimize on a real collection with simulated study history (offscreen)."""

from __future__ import annotations

import random
import shutil
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from srsapp.core.fitting import optimize
from srsapp.core.fitting.training import build_items
from srsapp.core.model import CardState, Rating
from srsapp.core.scheduler import replay
from srsapp.service.collection import Collection
from srsapp.service.optimize import revlog_entries
from srsapp.service.reports import OptimizeReport
from srsapp.store.models import Card
from srsapp.ui import optimize as optimize_ui
from srsapp.ui.main_window import MainWindow
from srsapp.ui.optimize import OptimizeDialog, format_log_loss, format_rmse
from tests.builders import load, make_deck, open_collection, study_days

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
RATINGS = (Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY)
WEIGHTS = (0.15, 0.10, 0.65, 0.10)


def study(col: Collection, days: int, seed: int) -> datetime:
    """Study every day from 09:00 UTC with seeded ratings; returns the end of the last session."""
    return study_days(
        col, days, seed, start=START, per_day=300,
        rate=lambda rng: rng.choices(RATINGS, WEIGHTS)[0],
        duration=lambda rng: rng.randint(2000, 9000),
    )  # fmt: skip


def make_collection(path: Path, cards: int, days: int) -> None:
    col = open_collection(path, seed=False, rng=random.Random(1))
    try:
        col.set_settings(timezone="UTC", day_start_hour=4)
        load(col, make_deck(cards, title="Docker"), START)
        study(col, days, seed=5)
    finally:
        col.close()


@pytest.fixture(scope="module")
def studied(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 cards studied for 100 days (built once, copied for each test)."""
    path = tmp_path_factory.mktemp("studied") / "col"
    make_collection(path, 40, 100)
    return path


def _open_copy(src: Path, dest: Path) -> Collection:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("collection.lock"))
    return open_collection(dest, seed=False, rng=random.Random(2))


@pytest.fixture
def big(studied: Path, tmp_path: Path) -> Iterator[Collection]:
    c = _open_copy(studied, tmp_path / "big")
    yield c
    c.close(backup=False)


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Collection]:
    make_collection(tmp_path / "small", 3, 6)
    c = open_collection(tmp_path / "small", seed=False, rng=random.Random(2))
    yield c
    c.close(backup=False)


NOW = START + timedelta(days=100)


def open_dialog(qtbot: Any, col: Collection, lang: str = "en") -> tuple[MainWindow, OptimizeDialog]:
    window = MainWindow(col, clock=lambda: NOW, lang=lang)
    qtbot.addWidget(window)
    window.show()
    assert "action.optimize" in window._actions  # the Tools menu entry exists
    dialog = window.open_tool(OptimizeDialog)
    assert isinstance(dialog, OptimizeDialog)
    return window, dialog


def run(qtbot: Any, dialog: OptimizeDialog, button: Any) -> object:
    with qtbot.waitSignal(dialog.finished_work, timeout=60_000) as blocker:
        button.click()
        assert dialog.is_busy() and dialog.progress.isVisible()
        assert not dialog.optimize_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    return blocker.args[0]


def _cards(col: Collection) -> dict[int, tuple[int, float | None, float | None, int]]:
    with col.db.reading() as s:
        return {c.id: (c.state, c.stability, c.difficulty, c.due) for c in s.scalars(select(Card))}


def test_optimize_applies_fitted_parameters_off_the_gui_thread(
    qtbot: Any, big: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = optimize_ui.optimize_collection

    def recording(*args: Any, **kwargs: Any) -> OptimizeReport:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(optimize_ui, "optimize_collection", recording)
    assert big.settings()["fsrs_parameters"] is None
    before = _cards(big)
    window, dialog = open_dialog(qtbot, big)
    refreshed: list[bool] = []
    window.ops.changed.connect(lambda changes: refreshed.append(changes.counts))
    assert f"{big.revlog_count():,}" in dialog.history.text()

    report = run(qtbot, dialog, dialog.optimize_button)

    assert threads and threads[0] is not threading.main_thread()
    assert isinstance(report, OptimizeReport) and dialog.report is report
    assert report.items >= optimize.MIN_REVIEWS  # the real threshold, no test shortcut
    assert report.kept and report.fitted.log_loss < report.current.log_loss
    assert refreshed == [True]  # announced: the deck list refreshes after due dates moved
    # the numbers shown are the report's
    for name in ("default", "current", "fitted"):
        m = getattr(report, name)
        assert dialog.cells[(name, "log_loss")].text() == format_log_loss(m)
        assert dialog.cells[(name, "rmse")].text() == format_rmse(m)
    assert dialog.cells[("fitted", "log_loss")].font().bold()
    assert dialog.results.isVisible() and dialog.message.isVisible()
    assert f"{report.due_moved:,} due dates moved" in dialog.message.text()
    assert f"{report.cards_updated:,} cards updated" in dialog.message.text()

    # applied: settings hold the fitted parameters ...
    assert big.settings()["fsrs_parameters"] == list(report.parameters)
    assert tuple(big.scheduler().config.parameters) == report.parameters
    # ... and every studied card's memory state is a fresh replay of its history with them
    after = _cards(big)
    config = replace(big.scheduler().config, parameters=report.parameters)
    histories: dict[int, list[tuple[datetime, Rating]]] = {}
    for e in revlog_entries(big):
        histories.setdefault(e.card_id, []).append((e.time, Rating(e.rating)))
    studied = [cid for cid, (state, *_rest) in after.items() if state != CardState.NEW]
    assert len(studied) == report.cards_updated == 40
    for cid in studied:
        state = replay(histories[cid], config)
        assert after[cid][0] == state.state
        assert after[cid][1] == pytest.approx(state.stability)
        assert after[cid][2] == pytest.approx(state.difficulty)
    changed = [cid for cid in studied if after[cid][1] != before[cid][1]]
    assert len(changed) == len(studied)
    moved = [cid for cid in after if after[cid][3] // 86400 != before[cid][3] // 86400]
    assert report.due_moved == len(moved)


def test_second_optimize_keeps_the_current_parameters(qtbot: Any, big: Collection) -> None:
    _window, dialog = open_dialog(qtbot, big)
    first = run(qtbot, dialog, dialog.optimize_button)
    assert isinstance(first, OptimizeReport) and first.kept
    before = _cards(big)
    second = run(qtbot, dialog, dialog.optimize_button)
    assert isinstance(second, OptimizeReport) and not second.kept
    assert dialog.message.text() == dialog.i18n.tr("optimize.not_kept")
    assert dialog.cells[("current", "log_loss")].font().bold()
    assert _cards(big) == before


def test_evaluate_measures_current_parameters_and_changes_nothing(
    qtbot: Any, big: Collection
) -> None:
    before = _cards(big)
    _window, dialog = open_dialog(qtbot, big)
    items, metrics = run(qtbot, dialog, dialog.evaluate_button)  # type: ignore[misc]
    expected_items = build_items(revlog_entries(big), "UTC", 4)
    assert items == len(expected_items)
    expected = optimize.evaluate(optimize.DEFAULT_PARAMETERS, expected_items)
    assert metrics.log_loss == pytest.approx(expected.log_loss)
    assert dialog.cells[("current", "log_loss")].text() == format_log_loss(expected)
    assert dialog.cells[("fitted", "log_loss")].text() == "—"
    assert f"{items:,}" in dialog.message.text()
    assert big.settings()["fsrs_parameters"] is None
    assert _cards(big) == before


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_too_little_history_is_a_clear_message(qtbot: Any, small: Collection, lang: str) -> None:
    before = _cards(small)
    have = len(build_items(revlog_entries(small), "UTC", 4))
    assert 0 < have < optimize.MIN_REVIEWS
    _window, dialog = open_dialog(qtbot, small, lang)
    outcome = run(qtbot, dialog, dialog.optimize_button)
    assert isinstance(outcome, Exception) and dialog.report is None
    expected = dialog.i18n.tr("optimize.too_little", need=optimize.MIN_REVIEWS, have=have)
    assert dialog.message.text() == expected and dialog.message.isVisible()
    assert str(have) in expected and ("Not enough" in expected) == (lang == "en")
    assert not dialog.results.isVisible()
    assert dialog.optimize_button.isEnabled()  # ready to try again, nothing crashed
    assert small.settings()["fsrs_parameters"] is None
    assert _cards(small) == before


def test_closing_waits_for_running_work(qtbot: Any, big: Collection) -> None:
    _window, dialog = open_dialog(qtbot, big)
    dialog.optimize_button.click()
    assert dialog.is_busy()
    dialog.reject()  # Esc while busy is ignored
    assert dialog.isVisible()
    dialog.close()  # waits for the database write to finish
    assert big.settings()["fsrs_parameters"] is not None
