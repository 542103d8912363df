"""Tools → Workload by desired retention (offscreen, real collection, real simulator)."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QToolTip

from srsapp.core.fitting import optimize
from srsapp.core.fitting.workload import RETENTIONS, SIM_DAYS, SIM_SEED, WorkloadResult
from srsapp.service.collection import Collection
from srsapp.ui import workload as workload_ui
from srsapp.ui.main_window import MainWindow
from srsapp.ui.theme import CURRENT_COLOR, REVIEWS_COLOR, SUGGESTED_COLOR
from srsapp.ui.workload import WorkloadDialog
from tests.builders import load, make_deck

OWN = (0.5, 1.5, 4.0, 12.0, *optimize.DEFAULT_PARAMETERS[4:])  # valid, not the defaults


def open_dialog(qtbot: Any, col: Collection, now: datetime, lang: str = "en") -> WorkloadDialog:
    window = MainWindow(col, clock=lambda: now, lang=lang)
    qtbot.addWidget(window)
    window.show()
    assert "action.workload" in window._actions  # the Tools menu entry exists
    dialog = window.open_tool(WorkloadDialog)
    assert isinstance(dialog, WorkloadDialog)
    wait(qtbot, dialog)
    return dialog


def wait(qtbot: Any, dialog: WorkloadDialog) -> None:
    if dialog.is_busy():
        with qtbot.waitSignal(dialog.finished_work, timeout=60_000):
            pass
    qtbot.waitUntil(lambda: not dialog.is_busy())


def xs(series: Any) -> list[float]:
    return [p.x() for p in series.points()]


def ys(series: Any) -> list[float]:
    return [p.y() for p in series.points()]


def expected(params: tuple[float, ...], size: int, new: int, rev: int) -> list[Any]:
    return optimize.simulate(
        params,
        RETENTIONS,
        deck_size=size,
        learn_limit=new,
        review_limit=rev,
        days=SIM_DAYS,
        seed=SIM_SEED,
    )


def pixels_near(image: QImage, rect: QRect, color: QColor, tol: int = 40) -> int:
    n = 0
    for y in range(rect.top(), rect.bottom(), 2):
        for x in range(rect.left(), rect.right(), 2):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - color.red())
                + abs(c.green() - color.green())
                + abs(c.blue() - color.blue())
                <= tol
            ):
                n += 1
    return n


def plot_rect(dialog: WorkloadDialog) -> QRect:
    area = dialog.chart.mapToScene(dialog.chart.plotArea()).boundingRect()
    return dialog.view.mapFromScene(area).boundingRect().adjusted(2, 2, -2, -2)


@pytest.fixture
def deck(col: Collection, now: datetime) -> Collection:
    load(col, make_deck(120, title="Docker"), now)
    deck_id = col.decks()[0][0]
    col.set_deck_config(deck_id, desired_retention=0.85, new_per_day=10, reviews_per_day=150)
    return col


def test_plots_every_retention_and_marks_suggested_and_current(
    qtbot: Any, deck: Collection, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = workload_ui.compute_workload

    def recording(*args: Any) -> WorkloadResult:
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(workload_ui, "compute_workload", recording)
    dialog = open_dialog(qtbot, deck, now)
    assert threads and threads[0] is not threading.main_thread()
    # deck size and limits come from the deck
    assert (dialog.size_spin.value(), dialog.new_spin.value(), dialog.review_spin.value()) == (
        120,
        10,
        150,
    )
    want = expected(optimize.DEFAULT_PARAMETERS, 120, 10, 150)
    assert len(RETENTIONS) == 28 and RETENTIONS[0] == 0.70 and RETENTIONS[-1] == 0.97
    assert xs(dialog.reviews_series) == pytest.approx([r * 100 for r in RETENTIONS])
    assert ys(dialog.reviews_series) == pytest.approx([p.reviews_per_day for p in want])
    assert xs(dialog.memorized_series) == pytest.approx([r * 100 for r in RETENTIONS])
    assert ys(dialog.memorized_series) == pytest.approx([p.memorized for p in want])
    assert ys(dialog.reviews_series)[-1] > 2 * ys(dialog.reviews_series)[0]  # a real trend
    # the suggested retention is marked: a vertical line and a dot on the reviews curve
    suggested = optimize.suggest_retention(want)
    assert dialog.workload is not None and dialog.workload.suggested == suggested
    assert xs(dialog.suggested_series) == pytest.approx([suggested * 100] * 2)
    best = next(p for p in want if p.retention == suggested)
    [dot] = dialog.suggested_dot.points()
    assert (dot.x(), dot.y()) == pytest.approx((suggested * 100, best.reviews_per_day))
    assert dialog.suggested_series.name() == f"Suggested {round(suggested * 100)}%"
    # and so is the deck's current desired retention
    assert xs(dialog.current_series) == pytest.approx([85.0, 85.0])
    assert dialog.current_series.isVisible() and dialog.current_series.name() == "Current 85%"
    assert f"{round(suggested * 100)}%" in dialog.summary.text()
    assert "85%" in dialog.summary.text()
    assert "default FSRS parameters" in dialog.params_label.text()

    # the chart is drawn: the plot area holds the curve and both markers, not just background
    image = dialog.view.grab().toImage()
    rect = plot_rect(dialog)
    assert rect.width() > 300 and rect.height() > 150
    assert pixels_near(image, rect, dialog._color(REVIEWS_COLOR)) > 40
    assert pixels_near(image, rect, dialog._color(SUGGESTED_COLOR)) > 20
    assert pixels_near(image, rect, dialog._color(CURRENT_COLOR)) > 20
    background = image.pixelColor(rect.center().x(), rect.top() + 3)
    sampled = len(range(rect.top(), rect.bottom(), 2)) * len(range(rect.left(), rect.right(), 2))
    assert sampled - pixels_near(image, rect, background, tol=10) > 1000  # not a blank area


def test_hovering_shows_the_exact_numbers(qtbot: Any, deck: Collection, now: datetime) -> None:
    dialog = open_dialog(qtbot, deck, now)
    assert dialog.workload is not None
    p = next(q for q in dialog.workload.points if q.retention == 0.9)
    text = dialog.point_text(0.9)
    assert "Desired retention 90%" in text
    assert f"{p.reviews_per_day:,.1f} reviews/day" in text
    assert f"{p.memorized:,.0f} cards remembered" in text
    assert f"{p.minutes_per_day:,.1f} min/day" in text
    dialog.reviews_series.hovered.emit(QPointF(90.3, p.reviews_per_day), True)
    assert QToolTip.text() == text
    dialog.memorized_series.hovered.emit(QPointF(89.8, p.memorized), True)
    assert QToolTip.text() == text


def test_collection_parameters_and_edited_limits_are_simulated(
    qtbot: Any, deck: Collection, now: datetime
) -> None:
    deck.set_settings(fsrs_parameters=list(OWN))
    dialog = open_dialog(qtbot, deck, now)
    assert dialog.parameters == OWN
    assert "optimized" in dialog.params_label.text()
    assert ys(dialog.memorized_series) == pytest.approx(
        [p.memorized for p in expected(OWN, 120, 10, 150)]
    )
    dialog.size_spin.setValue(400)
    dialog.new_spin.setValue(25)
    with qtbot.waitSignal(dialog.finished_work, timeout=60_000):
        dialog.simulate_button.click()
        assert not dialog.simulate_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    want = expected(OWN, 400, 25, 150)
    assert ys(dialog.reviews_series) == pytest.approx([p.reviews_per_day for p in want])
    assert max(ys(dialog.memorized_series)) > 120  # more cards than the deck had


def test_no_decks_uses_a_sample_deck_in_korean(qtbot: Any, col: Collection, now: datetime) -> None:
    dialog = open_dialog(qtbot, col, now, lang="ko")
    assert dialog.deck_combo.count() == 1
    assert dialog.deck_combo.itemText(0) == dialog.i18n.tr("workload.no_decks")
    assert dialog.size_spin.value() == 1000
    assert dialog.x_axis.titleText() == "목표 기억률 (%)"
    assert dialog.reviews_series.name() == "하루 복습 수"
    assert dialog.reviews_series.count() == len(RETENTIONS)
    assert "목표 기억률 90%" in dialog.point_text(0.9)
    assert dialog.current_series.name() == "현재 90%"


def test_a_failed_simulation_is_reported(qtbot: Any, deck: Collection, now: datetime) -> None:
    deck.set_settings(fsrs_parameters=[1.0, 2.0, 3.0])  # not a valid FSRS parameter set
    dialog = open_dialog(qtbot, deck, now)
    assert dialog.workload is None and dialog.error is not None
    assert dialog.summary.text().startswith("Could not simulate: invalid FSRS parameters")
    assert dialog.reviews_series.count() == 0
    assert dialog.simulate_button.isEnabled()


def test_chart_follows_a_theme_change(qtbot: Any, deck: Collection, now: datetime) -> None:
    from PySide6.QtGui import QPalette

    dialog = open_dialog(qtbot, deck, now)
    light = dialog.palette().color(QPalette.ColorRole.Window).lightness() >= 128
    assert light  # the tests run with a light palette
    assert dialog.reviews_series.pen().color() == QColor(REVIEWS_COLOR[0])
    dark = QPalette(dialog.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor(43, 45, 49))
    dark.setColor(QPalette.ColorRole.Base, QColor(30, 31, 34))
    dialog.setPalette(dark)
    assert dialog.reviews_series.pen().color() == QColor(REVIEWS_COLOR[1])
    assert dialog.chart.backgroundBrush().color() == QColor(30, 31, 34)
    [dot] = dialog.suggested_dot.points()  # the data survived the restyling
    assert dot.x() == pytest.approx(dialog.workload.suggested * 100)  # type: ignore[union-attr]


def test_the_reviews_axis_ticks_step_exactly() -> None:
    from srsapp.ui.workload import _tick_step

    assert _tick_step(2.5) == 1.0  # 0, 1, 2 — not 0, 0, 1, 1, 2, 2
    assert _tick_step(40) == 10.0 and _tick_step(100) == 25.0 and _tick_step(0.8) == 0.2
