"""Small QPainter charts for the dashboard: stacked bars, lines, a calendar heatmap.

Palette-aware (text and grid colours come from the widget palette, so light and dark themes
both read well), with tooltips giving exact numbers and a friendly text when there is no data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from srsapp.ui.theme import CHART_REVIEW, NO_CARDS


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def mastery_color(value: float | None, dark: bool = False) -> QColor:
    """Red (0) → amber (0.5) → green (1); grey for no cards."""
    if value is None:
        return QColor(NO_CARDS)
    v = max(0.0, min(1.0, value))
    hue = int(120 * v)  # 0 red .. 120 green
    return QColor.fromHsv(hue, 170, 210 if dark else 190)


def _legend_entry(
    p: QPainter, fm: QFontMetrics, x: float, top: float, s: Series, text: QColor
) -> float:
    """One legend entry (a colour swatch and the series name); returns where the next starts."""
    p.fillRect(QRectF(x, top, 10, 10), s.color)
    p.setPen(text)
    p.drawText(QPointF(x + 14, top + fm.ascent() - 1), s.name)
    return x + 24 + fm.horizontalAdvance(s.name)


class _Base(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.empty_text = ""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(420, 180)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(260, 140)

    def has_data(self) -> bool:
        return False

    def text_color(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def grid_color(self) -> QColor:
        c = QColor(self.text_color())
        c.setAlpha(50)
        return c

    def paint_empty(self, p: QPainter) -> None:
        p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        p.drawText(
            self.rect().adjusted(8, 8, -8, -8),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self.empty_text,
        )

    def tooltip_at(self, pos: QPointF) -> str:
        return ""

    def mouseMoveEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        text = self.tooltip_at(event.position())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()


@dataclass
class Series:
    name: str
    color: QColor
    values: list[float]


class BarChart(_Base):
    """Stacked bars with x labels; ``fmt`` formats values in tooltips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.fmt: Callable[[float], str] = lambda v: f"{v:g}"
        self.label_every = 1

    def set_data(self, labels: Sequence[str], series: Sequence[Series]) -> None:
        self.labels = list(labels)
        self.series = list(series)
        self.label_every = max(1, len(self.labels) // 10)  # at most about ten labels
        self.update()

    def has_data(self) -> bool:
        return any(v for s in self.series for v in s.values)

    def _plot(self) -> QRectF:
        fm = self.fontMetrics()
        legend = fm.height() + 6
        return QRectF(
            fm.horizontalAdvance("00000") + 8,
            legend + 4,
            self.width() - fm.horizontalAdvance("00000") - 16,
            self.height() - 2 * fm.height() - legend - 10,
        )

    def _axis(self) -> tuple[float, float]:
        """The axis top and its grid step: the tallest stack rounded up to whole, round
        counts (37 → 0, 10, 20, 30, 40; not 9.2, 18.5)."""
        n = len(self.labels)
        tallest = max(
            [sum(s.values[i] for s in self.series if i < len(s.values)) for i in range(n)] + [1]
        )
        return nice_axis(tallest)

    def _max(self) -> float:
        return self._axis()[0]

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 (Qt API)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.has_data():
            self.paint_empty(p)
            return
        plot = self._plot()
        top, step = self._axis()
        fm = self.fontMetrics()
        _grid(p, plot, top, step, self.grid_color(), self.text_color(), fm, _short)
        n = len(self.labels)
        w = plot.width() / max(1, n)
        for i in range(n):
            y = plot.bottom()
            for s in self.series:
                v = s.values[i] if i < len(s.values) else 0
                if v <= 0:
                    continue  # nothing to stack (a zero drew a hairline on the axis)
                h = plot.height() * v / top
                p.fillRect(
                    QRectF(plot.left() + i * w + w * 0.1, y - h, max(1.0, w * 0.8), h), s.color
                )
                y -= h
        p.setPen(self.text_color())
        for rect, label in self.x_labels():
            p.drawText(rect, Qt.AlignmentFlag.AlignHCenter, label)
        x = plot.left()
        for s in self.series:
            x = _legend_entry(p, fm, x, 2, s, self.text_color())

    def x_labels(self) -> list[tuple[QRectF, str]]:
        """The labels under their bars, every k-th one so that they do not overlap (at least
        every ``label_every``-th), below the y axis's 0 (the first date ran into it) and
        inside the chart."""
        plot, fm, n = self._plot(), self.fontMetrics(), len(self.labels)
        w = plot.width() / max(1, n)
        wide = max([fm.horizontalAdvance(label) for label in self.labels] + [1]) + 10
        every = max(self.label_every, math.ceil(wide / w))
        top = plot.bottom() + fm.height() / 2 + 2
        out: list[tuple[QRectF, str]] = []
        for i in range(0, n, every):
            left = min(max(plot.left() + i * w + w / 2 - wide / 2, 0.0), self.width() - wide)
            out.append((QRectF(left, top, wide, fm.height()), self.labels[i]))
        return out

    def tooltip_at(self, pos: QPointF) -> str:
        if not self.has_data():
            return ""
        plot = self._plot()
        n = len(self.labels)
        if not plot.contains(pos) or n == 0:
            return ""
        i = int((pos.x() - plot.left()) / (plot.width() / n))
        if not 0 <= i < n:
            return ""
        parts = [self.labels[i]] + [
            f"{s.name}: {self.fmt(s.values[i])}" for s in self.series if i < len(s.values)
        ]
        return "\n".join(parts)


class LineChart(_Base):
    """One or more lines over labelled x positions (values may be None: gap)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.fmt: Callable[[float], str] = lambda v: f"{v:,.1f}"
        self.y_max: float | None = None

    def set_data(
        self, labels: Sequence[str], series: Sequence[Series], y_max: float | None = None
    ) -> None:
        self.labels = list(labels)
        self.series = list(series)
        self.y_max = y_max
        self.update()

    def has_data(self) -> bool:
        return bool(self.labels) and any(s.values for s in self.series)

    def _axis(self) -> tuple[float, float]:
        """The y axis top and grid step: ``y_max`` in quarters, else whole round numbers
        (cards known: 0, 50, 100, 150; not 31, 63, 94)."""
        if self.y_max:
            return self.y_max, self.y_max / 4
        return nice_axis(max([v for s in self.series for v in s.values] + [0.0]))

    def x_labels(self) -> list[tuple[QRectF, str]]:
        """Where the x labels go: centred under their points (the plot leaves half a label
        of room at each end), every k-th one so that they never overlap (eight dates on a
        narrow chart ran into each other), below the lowest y label."""
        plot, fm, n = self._plot(), self.fontMetrics(), len(self.labels)
        step = plot.width() / max(1, n - 1)
        wide = self._label_width()
        every = max(1, math.ceil(wide / step)) if n > 1 else 1
        top = plot.bottom() + fm.height() / 2 + 2
        out: list[tuple[QRectF, str]] = []
        for i in [*range(0, n - 1, every), n - 1] if n else []:  # the last one (today) always
            left = min(max(plot.left() + i * step - wide / 2, 0.0), self.width() - wide)
            if out and left < out[-1][0].right():
                if i != n - 1 or len(out) == 1:
                    continue
                out.pop()  # the one before today's makes room for it
            out.append((QRectF(left, top, wide, fm.height()), self.labels[i]))
        return out

    def _label_width(self) -> float:
        fm = self.fontMetrics()
        return max([fm.horizontalAdvance(label) for label in self.labels] + [1]) + 12

    def _plot(self) -> QRectF:
        fm = self.fontMetrics()
        left = max(fm.horizontalAdvance("00000.0") + 8, self._label_width() / 2)
        right = max(12.0, self._label_width() / 2)
        return QRectF(
            left,
            fm.height() + 10,
            self.width() - left - right,
            self.height() - 2.5 * fm.height() - 20,
        )

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 (Qt API)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.has_data():
            self.paint_empty(p)
            return
        plot = self._plot()
        fm = self.fontMetrics()
        top, tick = self._axis()
        _grid(p, plot, top, tick, self.grid_color(), self.text_color(), fm, self.fmt)
        n = len(self.labels)
        step = plot.width() / max(1, n - 1)
        for rect, label in self.x_labels():
            p.drawText(rect, Qt.AlignmentFlag.AlignHCenter, label)
        x_leg = plot.left()
        for s in self.series:
            path = QPainterPath()
            for i, v in enumerate(s.values):
                pt = QPointF(plot.left() + i * step, plot.bottom() - plot.height() * v / top)
                if i == 0:
                    path.moveTo(pt)
                else:
                    path.lineTo(pt)
            p.setPen(QPen(s.color, 2))
            p.drawPath(path)
            if len(s.values) == 1:  # one day of data: a line of one point draws nothing
                p.setBrush(s.color)
                p.drawEllipse(
                    QPointF(plot.left(), plot.bottom() - plot.height() * s.values[0] / top), 4, 4
                )
                p.setBrush(Qt.BrushStyle.NoBrush)
            x_leg = _legend_entry(p, fm, x_leg, 4, s, self.text_color())

    def tooltip_at(self, pos: QPointF) -> str:
        if not self.has_data():
            return ""
        plot = self._plot()
        n = len(self.labels)
        i = round((pos.x() - plot.left()) / (plot.width() / max(1, n - 1)))
        if not 0 <= i < n:
            return ""
        return "\n".join(
            [self.labels[i]]
            + [f"{s.name}: {self.fmt(s.values[i])}" for s in self.series if i < len(s.values)]
        )


class Heatmap(_Base):
    """GitHub-style calendar of the past year: one cell per day, darker = more reviews."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self.counts: dict[date, int] = {}
        self.fmt_tip: Callable[[date, int], str] = lambda d, n: f"{d.isoformat()}: {n}"
        # the labels around the grid (the dashboard sets them in the UI's language)
        self.month_names: list[str] = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
        self.weekday_names: list[str] = ["Mon", "", "Wed", "", "Fri", "", ""]

    def set_data(self, today: date, counts: dict[date, int]) -> None:
        self.today = today
        self.counts = counts
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        fm = self.fontMetrics()
        return QSize(53 * 13 + 20 + self._left(), 7 * 13 + 16 + fm.height())

    def _left(self) -> int:
        """Room for the weekday labels."""
        fm = self.fontMetrics()
        return max([fm.horizontalAdvance(w) for w in self.weekday_names] + [0]) + 6

    def _top(self) -> int:
        """Room for the month labels."""
        return self.fontMetrics().height() + 2

    def has_data(self) -> bool:
        start = self.today - timedelta(days=364)
        return any(n for d, n in self.counts.items() if start <= d <= self.today)

    def _first(self) -> date:
        start = self.today - timedelta(days=364)
        return start - timedelta(days=start.weekday())  # a Monday

    def _cell(self) -> float:
        left, top = self._left(), self._top()
        return max(
            4.0, min((self.width() - 8 - left) / 53.0, (self.height() - 8 - top) / 7.0, 18.0)
        )

    def cell_rect(self, day: date) -> QRectF:
        cell = self._cell()
        k = (day - self._first()).days
        x0, y0 = 4 + self._left(), 4 + self._top()
        return QRectF(x0 + (k // 7) * cell, y0 + (k % 7) * cell, cell - 2, cell - 2)

    def color_for(self, n: int) -> QColor:
        if n <= 0:
            c = QColor(self.text_color())
            c.setAlpha(28)
            return c
        top = max([v for v in self.counts.values()] + [1])
        level = min(1.0, 0.25 + 0.75 * n / top)
        c = QColor(CHART_REVIEW)
        c.setAlphaF(level)
        return c

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 (Qt API)
        p = QPainter(self)
        if not self.has_data():
            self.paint_empty(p)
            return
        day = self.today - timedelta(days=364)
        while day <= self.today:
            p.fillRect(self.cell_rect(day), self.color_for(self.counts.get(day, 0)))
            day += timedelta(days=1)
        self._paint_labels(p)

    def _paint_labels(self, p: QPainter) -> None:
        """Month names over the week a month starts in, weekday names left of their rows."""
        fm = self.fontMetrics()
        p.setPen(self.text_color())
        for row, name in enumerate(self.weekday_names):
            if name:
                r = self.cell_rect(self._first() + timedelta(days=row))
                p.drawText(  # taller than a small cell: centred on it, never clipped
                    QRectF(0, r.top(), self._left() - 4, r.height()),
                    Qt.AlignmentFlag.AlignRight
                    | Qt.AlignmentFlag.AlignVCenter
                    | Qt.TextFlag.TextDontClip,
                    name,
                )
        for x, text in self.month_labels():
            p.drawText(QPointF(x, 2 + fm.ascent()), text)

    def month_labels(self) -> list[tuple[float, str]]:
        """(x, name) of the month names drawn over the weeks the months start in: those that
        fit without overlapping the one before or running out of the widget."""
        fm = self.fontMetrics()
        out: list[tuple[float, str]] = []
        monday = self._first()
        last_x = -1e9
        while monday <= self.today:
            sunday = monday + timedelta(days=6)
            if monday.day == 1 or monday.month != sunday.month:
                first_of_month = sunday.replace(day=1)
                if (
                    self.today - timedelta(days=364) <= first_of_month <= self.today
                    or monday.day == 1
                ):
                    x = self.cell_rect(monday).left()
                    text = self.month_names[first_of_month.month - 1]
                    wide = fm.horizontalAdvance(text)
                    if x - last_x >= wide + 4 and x + wide <= self.width():  # no overlap, no clip
                        out.append((x, text))
                        last_x = x
            monday += timedelta(days=7)
        return out

    def tooltip_at(self, pos: QPointF) -> str:
        day = self.today - timedelta(days=364)
        while day <= self.today:
            if self.cell_rect(day).contains(pos):
                return self.fmt_tip(day, self.counts.get(day, 0))
            day += timedelta(days=1)
        return ""


def nice_axis(value: float) -> tuple[float, float]:
    """An axis from 0 over ``value`` in at most five whole, round steps: (top, step)."""
    step = nice_step(value / 5)
    return step * max(1, math.ceil(value / step - 1e-9)), step


def _grid(
    p: QPainter,
    plot: QRectF,
    top: float,
    step: float,
    grid: QColor,
    text: QColor,
    fm: QFontMetrics,
    fmt: Callable[[float], str],
) -> None:
    """Grid lines at every ``step`` from 0 to ``top``, each labelled left of the plot."""
    for k in range(round(top / step) + 1):
        y = plot.bottom() - plot.height() * k * step / top
        p.setPen(QPen(grid))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(text)
        p.drawText(
            QRectF(0, y - fm.height() / 2, plot.left() - 4, fm.height()),
            Qt.AlignmentFlag.AlignRight,
            fmt(k * step),
        )


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 5 × 10ⁿ (at least 1: counts are whole) not below ``raw``."""
    step = 1.0
    while True:
        for m in (1, 2, 5):
            if step * m >= raw:
                return step * m
        step *= 10


def _short(v: float) -> str:
    if v >= 10000:
        return f"{v / 1000:.0f}k"
    if v >= 1000:
        return f"{v / 1000:.1f}k"
    return f"{v:.0f}" if v >= 10 or v == int(v) else f"{v:.1f}"
