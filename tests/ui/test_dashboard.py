"""The statistics dashboard (offscreen): charts with and without data, weak concepts first,
double-click studies a concept, export."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage

from srsapp.service.collection import Collection
from srsapp.ui import charts
from srsapp.ui.dashboard import DashboardWindow
from srsapp.ui.main_window import MainWindow
from tests.builders import T0, Templates, build_week, open_collection
from tests.conftest import DOCKER_NOTES

NOW = T0 + timedelta(days=7)


def make(qtbot, col: Collection, now: datetime, lang: str = "en") -> DashboardWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(col, clock=lambda: now, lang=lang)
    qtbot.addWidget(w)
    d = DashboardWindow(w.ctx)
    qtbot.addWidget(d)
    d.show()
    d.wait_until_loaded(history=True)
    assert d.stats is not None and not d.is_loading()
    return d


@pytest.fixture
def week(tmp_path: Path, templates: Templates) -> Collection:
    c = open_collection(templates.copy("week", build_week, tmp_path / "week"), rng=random.Random(3))
    yield c  # type: ignore[misc]
    c.close(backup=False)


def pixel(widget, x: float, y: float) -> QColor:  # type: ignore[no-untyped-def]
    img: QImage = widget.grab().toImage()
    return img.pixelColor(int(x), int(y))


def test_empty_collection_shows_friendly_empty_states(qtbot, col: Collection) -> None:  # type: ignore[no-untyped-def]
    d = make(qtbot, col, NOW)
    for chart in (
        d.calendar.heatmap,
        d.reviews.chart,
        d.knowledge.chart,
        d.buttons.chart,
        d.forecast.chart,
    ):
        assert not chart.has_data()
    assert "No reviews yet" in d.calendar.heatmap.empty_text
    assert "No reviews yet" in d.calendar.streak_label.text()
    assert d.concepts.weak_label.text() == "No cards in this selection."
    # the empty text is painted: the centre of the chart is not all background
    img = d.reviews.chart.grab().toImage()
    colors = {
        img.pixelColor(x, y).name()
        for x in range(0, img.width(), 2)
        for y in range(img.height() // 2 - 12, img.height() // 2 + 12)
    }
    assert len(colors) > 1


def test_week_of_reviews_marks_weak_concepts_and_fills_charts(qtbot, week: Collection) -> None:  # type: ignore[no-untyped-def]
    d = make(qtbot, week, NOW)
    weak = d.concepts.weakest()
    assert weak and any("docker Network" in p for p in weak[0].path)
    assert (
        "docker Network" in d.concepts.weak_label.text()
        or weak[0].title in d.concepts.weak_label.text()
    )
    assert weak[0].mastery is not None and weak[0].mastery < weak[-1].mastery  # type: ignore[operator]
    assert (
        charts.mastery_color(weak[0].mastery).hue() < charts.mastery_color(weak[-1].mastery).hue()
    )
    for chart in (
        d.calendar.heatmap,
        d.reviews.chart,
        d.knowledge.chart,
        d.buttons.chart,
        d.buttons.hours_chart,
        d.forecast.chart,
    ):
        assert chart.has_data(), chart
    # heatmap: a studied day has another colour than a day without reviews
    studied = d.calendar.heatmap.cell_rect(T0.date()).center()
    empty = d.calendar.heatmap.cell_rect(T0.date() - timedelta(days=30)).center()
    assert pixel(d.calendar.heatmap, studied.x(), studied.y()) != pixel(
        d.calendar.heatmap, empty.x(), empty.y()
    )
    # retention table has numbers; counts table sums to the deck
    assert d.retention.table.item(2, 2).text().endswith("%")
    total = sum(int(d.counts.table.item(r, 1).text().replace(",", "")) for r in range(6))
    assert total == week.card_count(include_retired=True)
    assert "Current streak: 7 day(s)" in d.calendar.streak_label.text()
    # tooltips give exact numbers
    tip = d.calendar.heatmap.tooltip_at(d.calendar.heatmap.cell_rect(T0.date()).center())
    assert str(d.stats.reviews[0].count) in tip  # type: ignore[union-attr]


def test_double_click_studies_the_concept(qtbot, week: Collection, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    d = make(qtbot, week, NOW)
    calls: list[tuple[int, tuple[str, ...]]] = []
    monkeypatch.setattr(
        d.ctx.shell, "open_review", lambda deck, concept=None, **_kw: calls.append((deck, concept))
    )
    item = d.concepts.tree.topLevelItem(0).child(0)
    rect = d.concepts.tree.visualItemRect(item)
    from PySide6.QtCore import Qt

    pos = QPoint(rect.left() + 30, rect.center().y())
    assert d.concepts.tree.itemAt(pos) is item
    d.concepts.tree.itemDoubleClicked.emit(d.concepts.tree.itemAt(pos), 0)
    assert calls == [(week.decks()[0][0], tuple(item.data(0, Qt.ItemDataRole.UserRole)))]


def test_selecting_a_concept_plots_its_mastery_over_time(qtbot, week: Collection) -> None:  # type: ignore[no-untyped-def]
    d = make(qtbot, week, NOW)
    d.concepts.tree.setCurrentItem(d.concepts.tree.topLevelItem(0))
    qtbot.waitUntil(lambda: d.concept_history is not None and not d.is_loading(), timeout=20000)
    assert d.knowledge.concept_chart.has_data()
    assert all(0.0 <= v <= 1.0 for v in d.concept_history.mastery)  # type: ignore[union-attr]


@pytest.mark.slow
def test_export_png_and_pdf(qtbot, week: Collection, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    d = make(qtbot, week, NOW)
    png, pdf = tmp_path / "dash.png", tmp_path / "dash.pdf"
    d.export(str(png))
    d.export(str(pdf))
    img = QImage(str(png))
    assert img.width() > 600 and img.height() > 400
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000


@pytest.mark.slow
def test_korean_and_dark_render(qtbot, week: Collection, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from srsapp.ui.theme import _dark_palette

    app = QApplication.instance()
    old = app.palette()  # type: ignore[union-attr]
    app.setPalette(_dark_palette())  # type: ignore[union-attr]
    try:
        d = make(qtbot, week, NOW, lang="ko")
        assert d.windowTitle() == "통계"
        assert charts.is_dark(d)
        assert "연속 학습" in d.calendar.streak_label.text()
        d.export(str(tmp_path / "ko-dark.png"))
        assert QImage(str(tmp_path / "ko-dark.png")).width() > 600
    finally:
        app.setPalette(old)  # type: ignore[union-attr]


def test_deep_concepts_are_built_when_their_parent_opens(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck
    from srsapp.core.text import para

    paths = [("A",), ("A", "B"), ("A", "B", "C"), ("A", "B", "C", "D")]
    deck = GeneratedDeck(
        "Deep",
        [ConceptInfo(p) for p in paths],
        [
            CardDraft(CardKind.TERM, p, f"t{i}", para(f"q{i}"), para(f"a{i}"))
            for i, p in enumerate(paths)
        ],
    )
    col.apply_generated("/deep.md", "h", "", deck, now)
    d = make(qtbot, col, now)
    b = d.concepts.tree.topLevelItem(0).child(0)
    assert b.text(0) == "B" and not b.isExpanded()
    assert b.childCount() == 1 and b.child(0).text(0) == ""  # placeholder until opened
    b.setExpanded(True)
    assert b.child(0).text(0) == "C"
    d.concepts.select_path(("A", "B", "C", "D"))
    assert d.concepts.tree.currentItem().text(0) == "D"


def test_lifecycle_overlay_follows_the_diagram_cards(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    """The dashboard's diagram is keyed by the concepts the sync made, so studying one
    state's card colours that box and leaves an unstudied box "not studied yet"."""
    from PySide6.QtCore import QPointF
    from sqlalchemy import select

    from srsapp.core.model import Rating
    from srsapp.store.models import Card, Concept

    col.sync_notes(DOCKER_NOTES, now=now)
    with col.db.reading() as s:
        running = s.scalars(
            select(Card).join(Concept, Card.concept_id == Concept.id)
            .where(Card.kind == "diagram", Concept.kind == "state", Concept.path.like("%Running%"))
        ).first()  # fmt: skip
    assert running is not None
    for day in range(3):
        col.answer(running.id, Rating.GOOD, now + timedelta(days=day))
    d = make(qtbot, col, now + timedelta(days=3))
    view = d.diagram.view
    assert view is not None
    view.resize(900, 560)
    tip_running = view.tooltip_at(QPointF(view.node_rect("running").center()))
    tip_paused = view.tooltip_at(QPointF(view.node_rect("paused").center()))
    assert "%" in tip_running and "studied: 1" in tip_running
    assert "not studied yet" in tip_paused or "아직 학습 전" in tip_paused


def test_clicking_a_diagram_box_reviews_that_concept(
    qtbot, col: Collection, now: datetime, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    col.sync_notes(DOCKER_NOTES, now=now)
    d = make(qtbot, col, now)
    calls: list[tuple[int, tuple[str, ...]]] = []
    monkeypatch.setattr(
        d.ctx.shell, "open_review", lambda deck, path, **_kw: calls.append((deck, path))
    )
    view = d.diagram.view
    view.resize(900, 560)
    center = view.node_rect("paused").center()
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(center.x()), int(center.y())))
    assert len(calls) == 1 and calls[0][1][-1].endswith("(Paused)")
    assert d.concepts.tree.currentItem().data(0, Qt.ItemDataRole.UserRole)[-1].endswith("(Paused)")


def test_escape_and_ctrl_w_close_the_statistics(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    for key, mod in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                     (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):  # fmt: skip
        d = make(qtbot, col, now)
        d.show()
        qtbot.waitExposed(d)
        d.activateWindow()
        qtbot.keyClick(d, key, mod)
        qtbot.waitUntil(lambda d=d: not d.isVisible(), timeout=2000)


def test_a_count_axis_steps_in_whole_round_numbers(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    from srsapp.ui.charts import BarChart, Series, nice_step

    assert [nice_step(v) for v in (0.25, 1.2, 2.5, 9.25, 11, 26, 51)] == [1, 2, 5, 10, 20, 50, 100]
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_data(["a", "b"], [Series("n", QColor("#000"), [30.0, 37.0])])
    assert chart._max() == 40  # grid at 10, 20, 30, 40 (not 9.2, 18.5, 27.8)


def test_a_line_chart_with_one_day_of_data_shows_its_point(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    from srsapp.ui.charts import LineChart, Series

    chart = LineChart()
    qtbot.addWidget(chart)
    chart.resize(300, 200)
    chart.set_data(["12/6"], [Series("knowledge", QColor("#3b82f6"), [0.6])], y_max=1.0)
    chart.show()
    img = chart.grab().toImage()
    plot = chart._plot()
    x, y = round(plot.left()), round(plot.bottom() - plot.height() * 0.6)
    assert img.pixelColor(x, y).name() == "#3b82f6"  # the day's point (nothing was drawn)


def test_the_year_calendar_has_month_and_weekday_labels(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    d = make(qtbot, col, now, lang="ko")
    heat = d.calendar.heatmap
    assert heat.month_names[0] == "1월" and heat.month_names[11] == "12월"
    assert heat.weekday_names[:3] == ["월", "", "수"]
    # the grid leaves room for them: weekday names on the left, month names on top
    first = heat.cell_rect(heat._first())
    assert first.left() >= heat.fontMetrics().horizontalAdvance("수") + 4
    assert first.top() >= heat.fontMetrics().height()
