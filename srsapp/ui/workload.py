"""Tools → Workload by desired retention: a year of study simulated at each desired retention.

For desired retention 70 %–97 % (step 1 %) ``core.fitting.optimize.simulate`` gives the mean reviews per
day and the cards remembered at the end; the chart (QtCharts) draws both, with the suggested
retention (least study time per remembered card, ``core.fitting.optimize.suggest_retention``) and the
deck's current setting marked. Parameters are the collection's (or the FSRS defaults); deck size
and daily limits come from the chosen deck and can be edited. The simulation runs off the
GUI thread (``ctx.ops.start``); hovering a point or a marker shows its exact numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QEvent, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.fitting import optimize
from srsapp.core.fitting.workload import (
    RETENTIONS,
    SIM_DAYS,
    WorkloadResult,
    compute_workload,
)
from srsapp.service.optimize import current_parameters
from srsapp.ui.context import AppContext
from srsapp.ui.heading import add_heading
from srsapp.ui.ops import Task
from srsapp.ui.pyside_guard import protect_none
from srsapp.ui.theme import CURRENT_COLOR, MEMORIZED_COLOR, REVIEWS_COLOR, SUGGESTED_COLOR

protect_none()  # PySide6 6.12.0 on CPython 3.11 leaks None on every void call

MAX_DECK = 100_000


@dataclass(frozen=True, slots=True)
class DeckChoice:
    deck_id: int | None  # None: no decks yet, a sample deck
    name: str
    cards: int
    new_per_day: int
    reviews_per_day: int
    desired_retention: float


SAMPLE_DECK = DeckChoice(None, "", 1000, 20, 200, 0.9)


def percent(retention: float) -> int:
    return int(round(retention * 100))


def _nice_max(value: float) -> float:
    """A round axis maximum a little above ``value``."""
    if value <= 0:
        return 1.0
    step = 10.0 ** math.floor(math.log10(value))
    for mult in (1, 2, 2.5, 5, 10):
        if value * 1.05 <= mult * step:
            return mult * step
    return 10 * step


def _tick_step(top: float) -> float:
    """A round step (1, 2, 5 × 10ⁿ) giving the axis 0..``top`` about four ticks."""
    if top <= 0:
        return 1.0
    raw = top / 4
    step = 10.0 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if mult == 2.5 and step < 10:
            continue  # 2.5 only where it stays whole (25, 250)
        if mult * step >= raw:
            return mult * step
    return 10 * step


class WorkloadDialog(QDialog):
    """A year simulated at each desired retention: reviews per day and cards remembered."""

    finished_work = Signal(object)  # the WorkloadResult or the exception

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.col = ctx.col
        self.i18n = ctx.i18n
        self.parameters = current_parameters(self.col)
        self.choices = self._deck_choices()
        self.workload: WorkloadResult | None = None
        self.error: Exception | None = None
        self.current_retention = self.choices[0].desired_retention
        self._task: Task | None = None
        self.setMinimumSize(720, 560)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        self.title, self.intro = add_heading(self, layout)

        row = QHBoxLayout()
        self.deck_label = QLabel()
        row.addWidget(self.deck_label)
        self.deck_combo = QComboBox()
        self.deck_combo.setMinimumContentsLength(12)
        row.addWidget(self.deck_combo, 1)
        self.size_label, self.size_spin = QLabel(), self._spin(1, MAX_DECK)
        self.new_label, self.new_spin = QLabel(), self._spin(0, 9999)
        self.review_label, self.review_spin = QLabel(), self._spin(0, 99_999)
        for label, spin in (
            (self.size_label, self.size_spin),
            (self.new_label, self.new_spin),
            (self.review_label, self.review_spin),
        ):
            label.setBuddy(spin)
            row.addSpacing(6)
            row.addWidget(label)
            row.addWidget(spin)
        row.addSpacing(6)
        self.simulate_button = QPushButton()
        self.simulate_button.setDefault(True)
        self.simulate_button.clicked.connect(self.simulate)
        row.addWidget(self.simulate_button)
        layout.addLayout(row)
        self.params_label = QLabel()
        layout.addWidget(self.params_label)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)

        self.chart = QChart()
        self.chart.setMargins(QMargins(6, 6, 6, 6))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(340)
        layout.addWidget(self.view, 1)
        self.reviews_series = QLineSeries()
        self.memorized_series = QLineSeries()
        self.suggested_series = QLineSeries()  # a vertical marker line
        self.current_series = QLineSeries()  # a vertical marker line
        self.suggested_dot = QScatterSeries()
        self.x_axis, self.reviews_axis, self.memorized_axis = (
            QValueAxis(),
            QValueAxis(),
            QValueAxis(),
        )
        self._build_chart()

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(self.font())
        bold.setBold(True)
        self.summary.setFont(bold)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.retranslate()
        self.deck_combo.currentIndexChanged.connect(self._deck_changed)
        self._fill_from(self.choices[0])
        self.resize(860, 640)
        self.simulate_button.setFocus()
        self.simulate()

    # ---- inputs

    def _spin(self, lo: int, hi: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(lo, hi)
        spin.setGroupSeparatorShown(True)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return spin

    def _deck_choices(self) -> list[DeckChoice]:
        out = []
        for c in self.col.sched.queue.deck_counts(self.ctx.clock()):
            cfg = self.col.deck_config(c.id)
            out.append(
                DeckChoice(
                    c.id,
                    c.name,
                    max(1, c.total),
                    int(cfg["new_per_day"]),
                    int(cfg["reviews_per_day"]),
                    float(cfg["desired_retention"]),
                )
            )
        return out or [SAMPLE_DECK]

    def _fill_from(self, choice: DeckChoice) -> None:
        self.size_spin.setValue(min(choice.cards, MAX_DECK))
        self.new_spin.setValue(choice.new_per_day)
        self.review_spin.setValue(choice.reviews_per_day)
        self.current_retention = choice.desired_retention

    def _deck_changed(self, index: int) -> None:
        if 0 <= index < len(self.choices):
            self._fill_from(self.choices[index])
            self.simulate()

    # ---- text

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.setWindowTitle(tr("workload.title"))
        self.title.setText(tr("workload.title"))
        self.intro.setText(tr("workload.intro", days=SIM_DAYS))
        self.deck_label.setText(tr("workload.deck"))
        index = max(0, self.deck_combo.currentIndex())
        self.deck_combo.blockSignals(True)
        self.deck_combo.clear()
        for choice in self.choices:
            self.deck_combo.addItem(choice.name or tr("workload.no_decks"))
        self.deck_combo.setCurrentIndex(index)
        self.deck_combo.blockSignals(False)
        self.size_label.setText(tr("workload.deck_size"))
        self.new_label.setText(tr("workload.new_limit"))
        self.review_label.setText(tr("workload.review_limit"))
        self.simulate_button.setText(tr("workload.simulate"))
        own = tuple(self.parameters) != tuple(optimize.DEFAULT_PARAMETERS)
        self.params_label.setText(tr("workload.params_own" if own else "workload.params_default"))
        self.close_button.setText(tr("optimize.close"))
        self.x_axis.setTitleText(tr("workload.axis_retention"))
        self.reviews_axis.setTitleText(tr("workload.reviews"))
        self.memorized_axis.setTitleText(tr("workload.memorized"))
        self.reviews_series.setName(tr("workload.reviews"))
        self.memorized_series.setName(tr("workload.memorized"))
        self._name_markers()
        self._show_summary()

    def _name_markers(self) -> None:
        tr = self.i18n.tr
        if self.workload is not None:
            self.suggested_series.setName(
                tr("workload.suggested", r=percent(self.workload.suggested))
            )
        self.current_series.setName(tr("workload.current", r=percent(self.current_retention)))

    def point_text(self, retention: float) -> str:
        """The tooltip for the simulated point nearest ``retention``."""
        if self.workload is None:
            return ""
        p = min(self.workload.points, key=lambda q: abs(q.retention - retention))
        return self.i18n.tr(
            "workload.point",
            r=percent(p.retention),
            reviews=f"{p.reviews_per_day:,.1f}",
            memorized=f"{p.memorized:,.0f}",
            days=SIM_DAYS,
            minutes=f"{p.minutes_per_day:,.1f}",
        )

    def _show_summary(self) -> None:
        tr = self.i18n.tr
        if self.workload is not None:
            suggested = self.workload.suggested
            best = min(self.workload.points, key=lambda q: abs(q.retention - suggested))
            self.summary.setText(
                tr(
                    "workload.summary",
                    suggested=percent(best.retention),
                    reviews=f"{best.reviews_per_day:,.1f}",
                    memorized=f"{best.memorized:,.0f}",
                    current=percent(self.current_retention),
                )
            )
        elif self.error is not None:
            self.summary.setText(tr("workload.failed", error=str(self.error)))
        else:
            self.summary.setText("")

    # ---- work

    def is_busy(self) -> bool:
        return self._task is not None

    def simulate(self) -> None:
        if self._task is not None:
            return
        params = tuple(self.parameters)
        size, new, rev = self.size_spin.value(), self.new_spin.value(), self.review_spin.value()
        self.progress.show()
        self.simulate_button.setEnabled(False)
        self.deck_combo.setEnabled(False)
        self._task = self.ctx.ops.start(lambda _p: compute_workload(params, size, new, rev))
        assert self._task is not None  # not exclusive: always started
        self._task.succeeded.connect(self._succeeded)
        self._task.failed.connect(self._failed)
        self._task.finished.connect(self._task_finished)

    def _succeeded(self, result: object) -> None:
        assert isinstance(result, WorkloadResult)
        self.workload, self.error = result, None
        self._plot()
        self._done(result)

    def _failed(self, exc: object) -> None:
        self.error = exc if isinstance(exc, Exception) else RuntimeError(str(exc))
        self._done(self.error)

    def _done(self, outcome: object) -> None:
        self.progress.hide()
        self.simulate_button.setEnabled(True)
        self.deck_combo.setEnabled(True)
        self._show_summary()
        self.finished_work.emit(outcome)

    def _task_finished(self) -> None:
        self._task = None

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        if self._task is not None:
            self._task.wait()  # the simulation is this dialog's: let it end first
        super().closeEvent(event)

    # ---- chart

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def _color(self, pair: tuple[str, str]) -> QColor:
        return QColor(pair[1] if self._dark() else pair[0])

    def _build_chart(self) -> None:
        chart = self.chart
        self.x_axis.setRange(RETENTIONS[0] * 100, RETENTIONS[-1] * 100)
        self.x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.x_axis.setTickAnchor(70)
        self.x_axis.setTickInterval(5)
        self.x_axis.setLabelFormat("%d")
        self.reviews_axis.setLabelFormat("%.0f")
        self.memorized_axis.setLabelFormat("%.0f")
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.reviews_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(self.memorized_axis, Qt.AlignmentFlag.AlignRight)
        lines = (
            (self.reviews_series, self.reviews_axis),
            (self.memorized_series, self.memorized_axis),
            (self.suggested_series, self.reviews_axis),
            (self.current_series, self.reviews_axis),
            (self.suggested_dot, self.reviews_axis),
        )
        for series, y_axis in lines:
            chart.addSeries(series)
            series.attachAxis(self.x_axis)
            series.attachAxis(y_axis)
            series.hovered.connect(self._hovered)
        for series in (self.reviews_series, self.memorized_series):
            series.setPointsVisible(True)
        self.suggested_dot.setMarkerSize(13)
        self._apply_colors()

    def _apply_colors(self) -> None:
        """Theme, fonts and colours from the palette (again when the theme changes)."""
        chart = self.chart
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if self._dark() else QChart.ChartTheme.ChartThemeLight
        )  # resets fonts, colours and grid: everything below comes after it
        chart.setBackgroundBrush(self.palette().color(QPalette.ColorRole.Base))
        chart.setBackgroundRoundness(0)
        text_color = self.palette().color(QPalette.ColorRole.Text)
        font = QFont(self.font())
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        chart.legend().setFont(font)
        chart.legend().setLabelColor(text_color)
        for axis in (self.x_axis, self.reviews_axis, self.memorized_axis):
            axis.setLabelsFont(small)
            axis.setTitleFont(font)
            axis.setLabelsColor(text_color)
            axis.setTitleBrush(text_color)
        self.memorized_axis.setGridLineVisible(False)  # its ticks need not match the left's
        self.reviews_axis.setTitleBrush(self._color(REVIEWS_COLOR))
        self.memorized_axis.setTitleBrush(self._color(MEMORIZED_COLOR))
        styles = (
            (self.reviews_series, REVIEWS_COLOR, Qt.PenStyle.SolidLine),
            (self.memorized_series, MEMORIZED_COLOR, Qt.PenStyle.SolidLine),
            (self.suggested_series, SUGGESTED_COLOR, Qt.PenStyle.DashLine),
            (self.current_series, CURRENT_COLOR, Qt.PenStyle.DotLine),
        )
        for series, color, style in styles:
            pen = QPen(self._color(color))
            pen.setWidthF(2.5)
            pen.setStyle(style)
            series.setPen(pen)
        self.suggested_dot.setColor(self._color(SUGGESTED_COLOR))
        self.suggested_dot.setBorderColor(self._color(SUGGESTED_COLOR))
        for marker in chart.legend().markers(self.suggested_dot):
            marker.setVisible(False)

    def changeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "chart"):
            self._apply_colors()

    def _plot(self) -> None:
        assert self.workload is not None
        points = self.workload.points
        reviews = [QPointF(p.retention * 100, p.reviews_per_day) for p in points]
        memorized = [QPointF(p.retention * 100, p.memorized) for p in points]
        self.reviews_series.replace(reviews)
        self.memorized_series.replace(memorized)
        top = _nice_max(max(p.reviews_per_day for p in points))
        self.reviews_axis.setRange(0, top)
        # ticks on whole numbers of reviews a day, labelled as exactly as they step
        # (a 0–2.5 axis read 0, 0, 1, 1, 2, 2 with five ticks and "%.0f")
        interval = _tick_step(top)
        self.reviews_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.reviews_axis.setTickAnchor(0)
        self.reviews_axis.setTickInterval(interval)
        self.reviews_axis.setLabelFormat("%.0f" if interval >= 1 else "%.1f")
        self.reviews_axis.setTickCount(6)
        lo, hi = min(p.memorized for p in points), max(p.memorized for p in points)
        span = max(hi - lo, 1.0)
        self.memorized_axis.setRange(max(0.0, lo - 0.1 * span), hi + 0.1 * span)
        self.memorized_axis.setTickCount(6)
        self.memorized_axis.applyNiceNumbers()
        s = self.workload.suggested
        best = min(points, key=lambda p: abs(p.retention - s))
        self.suggested_series.replace([QPointF(s * 100, 0), QPointF(s * 100, top)])
        self.suggested_dot.replace([QPointF(s * 100, best.reviews_per_day)])
        c = self.current_retention * 100
        self.current_series.replace([QPointF(c, 0), QPointF(c, top)])
        self.current_series.setVisible(RETENTIONS[0] <= self.current_retention <= RETENTIONS[-1])
        self._name_markers()

    def _hovered(self, point: QPointF, state: bool) -> None:
        if state and self.workload is not None:
            QToolTip.showText(QCursor.pos(), self.point_text(point.x() / 100), self.view)
        else:
            QToolTip.hideText()
