"""The lifecycle diagram drawn with QPainter: a widget for cards and dashboards, and PNG/SVG export.

One painter routine (``paint_diagram``) draws into the widget, a ``QImage`` and a
``QSvgGenerator`` alike. Geometry is computed once per diagram in layout units (``DiagramLayout``)
from the grid hints of the data file, then scaled to the target keeping its aspect ratio.

Card focus (``set_focus(highlight, hide, reveal)``), as written by ``core.diagrams``:
``highlight`` is ``"edge:<id>"`` or ``"node:<id>"``; ``hide`` is ``"label"`` (the arrow's
command), ``"target"`` (the box the arrow leads to) or ``"box"`` (the highlighted box). A hidden
element is covered by a plain mask in the highlight colour ("hide one, guess one"); ``reveal``
shows it again, outlined in the highlight colour.

Mastery overlay (``set_mastery``): each box and arrow is coloured on the viridis scale (dark
purple = 0 %, yellow-green = 100 %; readable with every common colour-vision deficiency), grey and
dashed when not studied yet, with a legend.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QHelpEvent,
    QImage,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from srsapp.core.diagrams import Diagram, Edge, concept_paths
from srsapp.ui.fonts import load_fonts, mono_family
from srsapp.ui.pyside_guard import protect_none
from srsapp.ui.theme import DIAGRAM_HIGHLIGHT, DIAGRAM_INK, VIRIDIS

protect_none()  # PySide6 6.12.0 on CPython 3.11 leaks None on every void call (see the module)

# Layout units (pixels at scale 1).
CELL_W = 190.0
CELL_H = 132.0
MARGIN = 26.0
TITLE_H = 34.0
LEGEND_H = 46.0
PARALLEL_GAP = 27.0  # distance between arrows joining the same two boxes
BOX_PAD_X = 12.0
BOX_PAD_Y = 7.0
LABEL_PAD_X = 5.0
LABEL_PAD_Y = 2.0
ARROW_LEN = 10.0

_SCALE_TOP = 0.9  # stop short of the palest yellow, which would vanish on a light canvas


def mastery_color(value: float, dark: bool = False) -> QColor:
    """Colour of a mastery in [0, 1] on the viridis scale, shortened at the end that would
    vanish into the canvas (pale yellow on light, deep purple on dark)."""
    low, high = (0.18, 1.0) if dark else (0.0, _SCALE_TOP)
    x = (low + max(0.0, min(1.0, value)) * (high - low)) * (len(VIRIDIS) - 1)
    i = min(int(x), len(VIRIDIS) - 2)
    f = x - i
    a, b = VIRIDIS[i], VIRIDIS[i + 1]
    return QColor(*(round(a[k] + (b[k] - a[k]) * f) for k in range(3)))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def highlight_color(palette: QPalette) -> QColor:
    return QColor(DIAGRAM_HIGHLIGHT[is_dark(palette)])


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """a*(1-t) + b*t."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def _ink_on(fill: QColor) -> QColor:
    """Black or white text, whichever reads better on ``fill``."""
    lum = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    return QColor(DIAGRAM_INK[lum <= 0.45])


def _fonts() -> tuple[QFont, QFont, QFont, QFont]:
    """(box title, box subtitle, arrow label, small) fonts, sized in layout pixels."""
    family = load_fonts()

    def font(fam: str, px: int, bold: bool = False) -> QFont:
        f = QFont(fam)
        f.setPixelSize(px)
        f.setBold(bold)
        f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return f

    return (
        font(family, 15, bold=True),
        font(family, 11),
        font(mono_family(), 12),
        font(family, 11),
    )


# --------------------------------------------------------------------------------------------
# layout


@dataclass
class DiagramLayout:
    """Where every box, arrow and label goes, in layout units."""

    diagram: Diagram
    lang: str = "ko"
    with_legend: bool = False
    nodes: dict[str, QRectF] = field(default_factory=dict)
    paths: dict[str, QPainterPath] = field(default_factory=dict)
    heads: dict[str, QPolygonF] = field(default_factory=dict)
    labels: dict[str, QRectF] = field(default_factory=dict)
    title_rect: QRectF = field(default_factory=QRectF)
    legend_rect: QRectF = field(default_factory=QRectF)
    bounds: QRectF = field(default_factory=QRectF)

    def __post_init__(self) -> None:
        self.title_font, self.sub_font, self.label_font, self.small_font = _fonts()
        self._place_nodes()
        for e in self.diagram.edges:
            self._route(e)
        self._place_labels()
        self._frame()

    # boxes
    def box_lines(self, node_id: str) -> tuple[str, str]:
        n = self.diagram.node(node_id)
        main, sub = (n.ko, n.en) if self.lang == "ko" else (n.en, n.ko)
        return main, ("" if sub == main else sub)

    def _place_nodes(self) -> None:
        fm_t, fm_s = QFontMetricsF(self.title_font), QFontMetricsF(self.sub_font)
        top = MARGIN + TITLE_H
        for n in self.diagram.nodes:
            main, sub = self.box_lines(n.id)
            w = max(fm_t.horizontalAdvance(main), fm_s.horizontalAdvance(sub) if sub else 0)
            w = max(w + 2 * BOX_PAD_X, 96.0)
            h = fm_t.height() + (fm_s.height() if sub else 0) + 2 * BOX_PAD_Y
            cx = MARGIN + CELL_W / 2 + n.col * CELL_W
            cy = top + CELL_H / 2 + n.row * CELL_H
            self.nodes[n.id] = QRectF(cx - w / 2, cy - h / 2, w, h)

    # arrows
    def _offset(self, e: Edge) -> float:
        """Signed distance of the arrow's middle from the straight line (left of its direction)."""
        if e.bend is not None:
            return e.bend * CELL_H
        pair = sorted((e.source, e.target))
        group = [
            x
            for x in self.diagram.edges
            if not x.is_loop and sorted((x.source, x.target)) == pair and x.bend is None
        ]
        if len(group) < 2:
            return 0.0
        i = group.index(e)
        canonical = (i - (len(group) - 1) / 2) * PARALLEL_GAP
        return canonical if [e.source, e.target] == pair else -canonical

    def _route(self, e: Edge) -> None:
        src, dst = self.nodes[e.source], self.nodes[e.target]
        if e.is_loop:
            path, head, direction = self._loop(src)
        else:
            x0, y0 = src.center().x(), src.center().y()
            x1, y1 = dst.center().x(), dst.center().y()
            length = math.hypot(x1 - x0, y1 - y0) or 1.0
            nx, ny = (y1 - y0) / length, -(x1 - x0) / length  # left of the direction (y down)
            off = 2 * self._offset(e)
            cx, cy = (x0 + x1) / 2 + nx * off, (y0 + y1) / 2 + ny * off

            def at(t: float) -> tuple[float, float]:
                a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t * t
                return a * x0 + b * cx + c * x1, a * y0 + b * cy + c * y1

            t0 = _exit_t(at, src.adjusted(-3, -3, 3, 3), 0.0, 0.5)
            t1 = _exit_t(at, dst.adjusted(-3, -3, 3, 3), 1.0, 0.5)
            steps = 48
            path = QPainterPath()
            points = [QPointF(*at(t0 + (t1 - t0) * k / steps)) for k in range(steps + 1)]
            path.addPolygon(QPolygonF(points))
            head = at(t1)
            prev = at(t1 - (t1 - t0) / steps)
            direction = (head[0] - prev[0], head[1] - prev[1])
        self.paths[e.id] = path
        self.heads[e.id] = _arrow_head(head, direction)

    @staticmethod
    def _loop(box: QRectF) -> tuple[QPainterPath, tuple[float, float], tuple[float, float]]:
        """A loop over the top of the box, leaving at its left quarter, back at its right."""
        top = box.top() - 3
        cx, w = box.center().x(), box.width()
        ax, bx = cx - w * 0.22, cx + w * 0.22
        rise = CELL_H * 0.42
        c2 = (bx + w * 0.35, top - rise)
        path = QPainterPath(QPointF(ax, top))
        path.cubicTo(QPointF(ax - w * 0.35, top - rise), QPointF(*c2), QPointF(bx, top))
        return path, (bx, top), (bx - c2[0], top - c2[1])

    # labels
    def label_text(self, edge_id: str) -> str:
        return self.diagram.edge(edge_id).label(self.lang)

    def _label_size(self, edge_id: str) -> tuple[float, float]:
        fm = QFontMetricsF(self.label_font)
        return (
            fm.horizontalAdvance(self.label_text(edge_id)) + 2 * LABEL_PAD_X,
            fm.height() + 2 * LABEL_PAD_Y,
        )

    def _place_labels(self) -> None:
        boxes = [r.adjusted(-4, -4, 4, 4) for r in self.nodes.values()]
        hit = QPainterPathStroker()
        hit.setWidth(2.0)
        strokes = {k: hit.createStroke(p) for k, p in self.paths.items()}
        # crowded groups first: they have the fewest good spots
        crowd: dict[frozenset[str], int] = {}
        for e in self.diagram.edges:
            key = frozenset((e.source, e.target))
            crowd[key] = crowd.get(key, 0) + 1
        order = sorted(
            self.diagram.edges,
            key=lambda e: (not e.is_loop, -crowd[frozenset((e.source, e.target))]),
        )
        placed: list[QRectF] = []
        for e in order:
            w, h = self._label_size(e.id)
            path = self.paths[e.id]
            b = path.boundingRect()
            steep = b.height() > b.width()
            best: tuple[float, QRectF] | None = None
            for t, mode in _candidates(e.is_loop, steep):
                p = path.pointAtPercent(t)
                x, y = p.x(), p.y()
                if e.is_loop:
                    y = b.top() - h / 2 - 2
                rect = {
                    "center": QRectF(x - w / 2, y - h / 2, w, h),
                    "left": QRectF(x - w - 7, y - h / 2, w, h),
                    "right": QRectF(x + 7, y - h / 2, w, h),
                    "up": QRectF(x - w / 2, y - h - 5, w, h),
                    "down": QRectF(x - w / 2, y + 5, w, h),
                }[mode]
                if any(rect.intersects(r) for r in boxes):
                    continue
                if any(rect.intersects(r.adjusted(-3, -2, 3, 2)) for r in placed):
                    continue
                crossings = sum(1 for k, s in strokes.items() if k != e.id and s.intersects(rect))
                score = crossings * 10 + abs(t - 0.5) * 4 + _MODE_COST[mode]
                if best is None or score < best[0]:
                    best = (score, rect)
                if score < 0.01:
                    break
            if best is None:  # nothing free: take the middle (the layout test reports it)
                p = path.pointAtPercent(0.5)
                best = (0.0, QRectF(p.x() - w / 2, p.y() - h / 2, w, h))
            placed.append(best[1])
            self.labels[e.id] = best[1]

    def _frame(self) -> None:
        shapes = QRectF()
        for r in [*self.nodes.values(), *self.labels.values()]:
            shapes = shapes.united(r)
        for p in self.paths.values():
            shapes = shapes.united(p.boundingRect())
        left = min(shapes.left(), MARGIN) - MARGIN
        top = MARGIN + TITLE_H
        top = min(top, shapes.top()) - TITLE_H - MARGIN / 2
        self.title_rect = QRectF(left + MARGIN, top + MARGIN / 2, shapes.width(), TITLE_H)
        bottom = shapes.bottom() + MARGIN / 2
        if self.with_legend:
            self.legend_rect = QRectF(left + MARGIN, bottom, min(shapes.width(), 520.0), LEGEND_H)
            bottom = self.legend_rect.bottom()
        self.bounds = QRectF(left, top, shapes.right() + MARGIN - left, bottom + MARGIN / 2 - top)

    def transform_for(self, target: QRectF) -> QTransform:
        """Layout units → target rectangle: uniform scale, centred."""
        b = self.bounds
        s = min(target.width() / b.width(), target.height() / b.height())
        dx = target.left() + (target.width() - b.width() * s) / 2 - b.left() * s
        dy = target.top() + (target.height() - b.height() * s) / 2 - b.top() * s
        return QTransform(s, 0, 0, s, dx, dy)

    def element_at(self, p: QPointF) -> str | None:
        """``node:<id>`` / ``edge:<id>`` under a point in layout units."""
        for node_id, r in self.nodes.items():
            if r.contains(p):
                return f"node:{node_id}"
        for edge_id, r in self.labels.items():
            if r.contains(p):
                return f"edge:{edge_id}"
        stroker = QPainterPathStroker()
        stroker.setWidth(10.0)
        for edge_id, path in self.paths.items():
            if stroker.createStroke(path).contains(p):
                return f"edge:{edge_id}"
        return None


_MODE_COST = {"center": 0.0, "left": 1.0, "right": 1.0, "up": 1.5, "down": 1.5}


def _candidates(loop: bool, steep: bool) -> list[tuple[float, str]]:
    if loop:
        return [(0.5, "center")]
    ts = [0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8]
    sides = ("left", "right") if steep else ("up", "down")
    return [(t, mode) for mode in ("center", *sides) for t in ts]


def _exit_t(at: Any, rect: QRectF, inside: float, outside: float) -> float:
    """The t where the curve leaves ``rect`` (bisection between an inside and outside t)."""
    if not rect.contains(QPointF(*at(inside))):
        return inside
    a, b = inside, outside
    for _ in range(30):
        m = (a + b) / 2
        if rect.contains(QPointF(*at(m))):
            a = m
        else:
            b = m
    return b


def _arrow_head(tip: tuple[float, float], direction: tuple[float, float]) -> QPolygonF:
    length = math.hypot(*direction) or 1.0
    ux, uy = direction[0] / length, direction[1] / length
    bx, by = tip[0] - ux * ARROW_LEN, tip[1] - uy * ARROW_LEN
    sx, sy = -uy * ARROW_LEN * 0.45, ux * ARROW_LEN * 0.45
    return QPolygonF([QPointF(*tip), QPointF(bx + sx, by + sy), QPointF(bx - sx, by - sy)])


# --------------------------------------------------------------------------------------------
# painting


@dataclass
class Focus:
    highlight: str | None = None
    hide: str | None = None
    reveal: bool = False

    def hidden(self, diagram: Diagram) -> tuple[str | None, str | None]:
        """(hidden node id, hidden edge-label id) for this focus, before reveal."""
        if self.reveal or not self.highlight or not self.hide:
            return None, None
        kind, _, ident = self.highlight.partition(":")
        if kind == "node" and self.hide == "box":
            return ident, None
        if kind == "edge" and self.hide == "label":
            return None, ident
        if kind == "edge" and self.hide == "target":
            return diagram.edge(ident).target, None
        return None, None


@dataclass
class Overlay:
    """Mastery per element (``node:<id>`` / ``edge:<id>``): None = not studied yet."""

    mastery: dict[str, float | None] = field(default_factory=dict)
    details: dict[str, Mapping[str, Any]] = field(default_factory=dict)


# What ``paint_diagram`` draws: everything; the background, title and arrows only (a layer
# the pictures of one diagram share: ``render_image``); or what goes over that layer (the
# highlighted arrow again, the boxes and the labels)
ALL, ARROWS, OVER_ARROWS = "all", "arrows", "over arrows"


def paint_diagram(
    painter: QPainter,
    layout: DiagramLayout,
    target: QRectF,
    palette: QPalette,
    focus: Focus | None = None,
    overlay: Overlay | None = None,
    *,
    part: str = ALL,
) -> None:
    """Draw the diagram into ``target`` (device coordinates) with ``palette``'s colours;
    ``part``: all of it, or one of two layers (``ARROWS``, ``OVER_ARROWS``)."""
    focus = focus or Focus()
    d = layout.diagram
    bg = palette.color(QPalette.ColorRole.Base)
    ink = palette.color(QPalette.ColorRole.Text)
    line = _mix(bg, ink, 0.62)
    faint = _mix(bg, ink, 0.3)
    accent = highlight_color(palette)
    box_fill = _mix(bg, ink, 0.07)
    hidden_node, hidden_label = focus.hidden(d)
    hl_kind, _, hl_id = (focus.highlight or "").partition(":")

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    over = part == OVER_ARROWS
    if not over:
        painter.fillRect(target, bg)
    painter.setTransform(layout.transform_for(target), True)

    if not over:
        painter.setFont(layout.title_font)
        painter.setPen(ink)
        title = d.title if layout.lang == "ko" or not d.title_en else d.title_en
        painter.drawText(
            layout.title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )

    # arrows (over the shared layer: only the highlighted one, again in its colour)
    for e in d.edges:
        if over and not (hl_kind == "edge" and hl_id == e.id):
            continue
        element = f"edge:{e.id}"
        width, style = 1.6, Qt.PenStyle.SolidLine
        color = line
        if overlay is not None:
            m = overlay.mastery.get(element)
            if m is None:
                color, style = faint, Qt.PenStyle.DashLine
            else:
                color, width = mastery_color(m, is_dark(palette)), 3.2
        if hl_kind == "edge" and hl_id == e.id:
            color, width, style = accent, 4.0, Qt.PenStyle.SolidLine
        pen = QPen(color, width, style, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(layout.paths[e.id])
        painter.setPen(QPen(color, 1.0))
        painter.setBrush(color)
        painter.drawPolygon(layout.heads[e.id])
    if part == ARROWS:
        painter.restore()
        return

    # boxes
    for n in d.nodes:
        element = f"node:{n.id}"
        rect = layout.nodes[n.id]
        fill, text_color, border = box_fill, ink, line
        border_style = Qt.PenStyle.SolidLine if n.kind == "state" else Qt.PenStyle.DashLine
        border_w = 1.4
        if overlay is not None:
            m = overlay.mastery.get(element)
            if m is None:
                fill, border, border_style = bg, faint, Qt.PenStyle.DashLine
            else:
                fill = mastery_color(m, is_dark(palette))
                text_color, border = _ink_on(fill), fill.darker(130)
        if hl_kind == "node" and hl_id == n.id:
            border, border_w, border_style = accent, 3.5, Qt.PenStyle.SolidLine
        if hl_kind == "edge" and focus.hide == "target" and d.edge(hl_id).target == n.id:
            border, border_w = accent, 3.0
        radius = 9.0 if n.kind == "state" else 3.0
        if hidden_node == n.id:
            painter.setPen(QPen(accent, 1.0))
            painter.setBrush(accent)
            painter.drawRoundedRect(rect, radius, radius)
            continue
        painter.setPen(QPen(border, border_w, border_style))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, radius, radius)
        main, sub = layout.box_lines(n.id)
        inner = rect.adjusted(BOX_PAD_X / 2, BOX_PAD_Y, -BOX_PAD_X / 2, -BOX_PAD_Y)
        painter.setPen(text_color)
        painter.setFont(layout.title_font)
        top_h = QFontMetricsF(layout.title_font).height()
        align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), top_h), align, main)
        if sub:
            painter.setFont(layout.sub_font)
            sub_rect = QRectF(
                inner.left(), inner.top() + top_h, inner.width(), inner.height() - top_h
            )
            painter.drawText(sub_rect, align, sub)

    # arrow labels, over the lines
    painter.setFont(layout.label_font)
    for e in d.edges:
        rect = layout.labels[e.id]
        highlighted = hl_kind == "edge" and hl_id == e.id
        if hidden_label == e.id:
            painter.setPen(QPen(accent, 1.0))
            painter.setBrush(accent)
            painter.drawRoundedRect(rect, 4, 4)
            continue
        painter.setPen(QPen(accent, 2.0) if highlighted else Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(ink)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, layout.label_text(e.id))

    if overlay is not None and not layout.legend_rect.isNull():
        _paint_legend(painter, layout, ink, faint, bg, is_dark(palette))
    painter.restore()


def _paint_legend(
    painter: QPainter, layout: DiagramLayout, ink: QColor, faint: QColor, bg: QColor, dark: bool
) -> None:
    r = layout.legend_rect
    painter.setFont(layout.small_font)
    fm = QFontMetricsF(layout.small_font)
    ko = layout.lang == "ko"
    caption = "숙련도" if ko else "Mastery"
    painter.setPen(ink)
    cap_w = fm.horizontalAdvance(caption) + 10
    bar = QRectF(r.left() + cap_w, r.top() + 6, 220, 14)
    painter.drawText(
        QRectF(r.left(), bar.top() - 2, cap_w, bar.height() + 4),
        Qt.AlignmentFlag.AlignVCenter,
        caption,
    )
    grad = QLinearGradient(bar.topLeft(), bar.topRight())
    for k in range(11):
        grad.setColorAt(k / 10, mastery_color(k / 10, dark))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(grad))
    painter.drawRect(bar)
    painter.setPen(ink)
    for frac, label in ((0.0, "0%"), (0.5, "50%"), (1.0, "100%")):
        x = bar.left() + bar.width() * frac
        painter.drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() + 3))
        tw = fm.horizontalAdvance(label)
        painter.drawText(QPointF(x - tw / 2, bar.bottom() + 4 + fm.ascent()), label)
    swatch = QRectF(bar.right() + 30, bar.top(), 26, 14)
    painter.setPen(QPen(faint, 1.4, Qt.PenStyle.DashLine))
    painter.setBrush(bg)
    painter.drawRoundedRect(swatch, 3, 3)
    painter.setPen(ink)
    painter.drawText(
        QPointF(swatch.right() + 6, swatch.center().y() + fm.ascent() / 2 - 1),
        "아직 학습 전" if ko else "not studied yet",
    )


# --------------------------------------------------------------------------------------------
# the widget


class DiagramView(QWidget):
    """The lifecycle diagram, scaled to the widget (aspect kept), in the widget's palette.

    ``parent_path`` and ``lang`` give the concept paths (as ``core.diagrams`` names them) that
    ``set_mastery`` is keyed by and ``conceptClicked`` emits.
    """

    conceptClicked = Signal(tuple)

    def __init__(
        self,
        diagram: Diagram,
        parent_path: tuple[str, ...] = (),
        lang: str = "ko",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._diagram = diagram
        self._parent_path = parent_path
        self._lang = lang
        self._focus = Focus()
        self._overlay: Overlay | None = None
        self._paths = concept_paths(diagram, parent_path, lang)
        self._elements = {path: element for element, path in self._paths.items()}
        self._layout = DiagramLayout(diagram, lang)
        self.setMouseTracking(True)
        self.setMinimumSize(240, 160)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # public API
    @property
    def diagram(self) -> Diagram:
        return self._diagram

    @property
    def layout_model(self) -> DiagramLayout:
        return self._layout

    def concept_path(self, element: str) -> tuple[str, ...]:
        """Concept path of ``node:<id>`` / ``edge:<id>``."""
        return self._paths[element]

    def set_focus(self, highlight: str | None, hide: str | None, reveal: bool) -> None:
        """Highlight one arrow or box; hide its label / target box / box until ``reveal``."""
        for element in (highlight,) if highlight else ():
            if element not in self._paths:
                raise KeyError(f"{self._diagram.source}: no element {element!r}")
        if hide not in (None, "label", "target", "box"):
            raise ValueError(f"hide must be 'label', 'target' or 'box', not {hide!r}")
        self._focus = Focus(highlight, hide, reveal)
        self.update()

    def set_mastery(
        self,
        mapping: Mapping[tuple[str, ...], float | None] | None,
        details: Mapping[tuple[str, ...], Mapping[str, Any]] | None = None,
    ) -> None:
        """Colour boxes and arrows by mastery (0..1, None = not studied), keyed by concept path.

        ``details`` (optional, same keys) adds lines to the hover tooltip, e.g.
        ``{"cards": 3, "studied": 2}``. ``None`` switches the overlay off.
        """
        if mapping is None:
            self._overlay = None
        else:
            overlay = Overlay()
            for path, element in self._elements.items():
                overlay.mastery[element] = mapping.get(path)
                if details and path in details:
                    overlay.details[element] = details[path]
            self._overlay = overlay
        self._layout = DiagramLayout(self._diagram, self._lang, with_legend=mapping is not None)
        self.updateGeometry()
        self.update()

    # geometry in widget coordinates (for tests and for callers placing things over the view)
    def view_transform(self) -> QTransform:
        return self._layout.transform_for(QRectF(self.rect()))

    def node_rect(self, node_id: str) -> QRectF:
        return self.view_transform().mapRect(self._layout.nodes[node_id])

    def label_rect(self, edge_id: str) -> QRectF:
        return self.view_transform().mapRect(self._layout.labels[edge_id])

    def edge_path(self, edge_id: str) -> QPainterPath:
        return self.view_transform().map(self._layout.paths[edge_id])

    def focus_element(self) -> str | None:
        """The highlighted ``node:<id>`` / ``edge:<id>`` (set_focus), if any."""
        return self._focus.highlight

    def element_rect(self, element: str) -> QRectF:
        """Where a box, or an arrow with its label, is drawn (widget coordinates)."""
        kind, _, ident = element.partition(":")
        if kind == "node":
            return self.node_rect(ident)
        return self.edge_path(ident).boundingRect().united(self.label_rect(ident))

    def legend_rect(self) -> QRectF:
        return self.view_transform().mapRect(self._layout.legend_rect)

    def element_at(self, pos: QPointF) -> str | None:
        inverse, ok = self.view_transform().inverted()
        return self._layout.element_at(inverse.map(pos)) if ok else None

    def tooltip_at(self, pos: QPointF) -> str:
        element = self.element_at(pos)
        if element is None:
            return ""
        path = self._paths[element]
        kind, _, ident = element.partition(":")
        thing = self._diagram.node(ident) if kind == "node" else self._diagram.edge(ident)
        lines = [path[-1]]
        if self._overlay is not None:
            m = self._overlay.mastery.get(element)
            word = "숙련도" if self._lang == "ko" else "mastery"
            if m is None:
                lines.append(
                    f"{word}: " + ("아직 학습 전" if self._lang == "ko" else "not studied yet")
                )
            else:
                lines.append(f"{word}: {round(m * 100)}%")
            for key, value in self._overlay.details.get(element, {}).items():
                lines.append(f"{key}: {value}")
        else:
            lines.append(thing.description(self._lang))
        return "\n".join(lines)

    # Qt
    def sizeHint(self) -> QSize:
        b = self._layout.bounds
        return QSize(round(b.width() * 0.9), round(b.height() * 0.9))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        b = self._layout.bounds
        return round(width * b.height() / b.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            paint_diagram(
                painter,
                self._layout,
                QRectF(self.rect()),
                self.palette(),
                self._focus,
                self._overlay,
            )
        finally:
            painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.update()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            element = self.element_at(event.position())
            if element is not None:
                self.conceptClicked.emit(self._paths[element])
                event.accept()
                return
        super().mousePressEvent(event)


# --------------------------------------------------------------------------------------------
# export


def _ensure_app() -> None:
    if QGuiApplication.instance() is None:
        # An application for fonts and painting only, made when a command line (export,
        # export-diagram) draws without a window: it needs no screen, so it must not try one
        # (the xcb plugin aborts the process where there is no display). A full QApplication,
        # so that widgets created later in the same process still work.
        import os

        from PySide6.QtWidgets import QApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APP.append(QApplication([]))
        load_fonts()  # Korean labels need the bundled font there too


_APP: list[QGuiApplication] = []
# The layout ``_prepare`` made last (painting only reads it): the next picture of the same
# diagram object (``is``: a diagram is immutable) in the same language reuses it.
_LAST_LAYOUT: list[DiagramLayout] = []


def _prepare(
    diagram: Diagram,
    highlight: str | None,
    hide: str | None,
    reveal: bool,
    mastery: Mapping[tuple[str, ...], float | None] | None,
    parent_path: tuple[str, ...],
    lang: str,
) -> tuple[DiagramLayout, Focus, Overlay | None]:
    _ensure_app()
    with_legend = mastery is not None
    last = _LAST_LAYOUT[0] if _LAST_LAYOUT else None
    if (
        last is not None
        and last.diagram is diagram
        and (last.lang, last.with_legend) == (lang, with_legend)
    ):
        layout = last  # an export's pictures of one diagram: laid out once, not per picture
    else:
        layout = DiagramLayout(diagram, lang, with_legend=with_legend)
        _LAST_LAYOUT[:] = [layout]
    overlay = None
    if mastery is not None:
        overlay = Overlay()
        for element, path in concept_paths(diagram, parent_path, lang).items():
            overlay.mastery[element] = mastery.get(path)
    return layout, Focus(highlight, hide, reveal), overlay


def render_image(
    diagram: Diagram,
    width: int,
    height: int,
    *,
    highlight: str | None = None,
    hide: str | None = None,
    reveal: bool = False,
    mastery: Mapping[tuple[str, ...], float | None] | None = None,
    parent_path: tuple[str, ...] = (),
    lang: str = "ko",
    palette: QPalette | None = None,
    shared_arrows: bool = False,
) -> QImage:
    """The diagram as a ``width`` × ``height`` image (aspect kept, centred on the background).
    ``shared_arrows``: the background, title and arrows come from a layer the pictures of one
    diagram share (drawn once: the arrows were two thirds of a picture's painting), the
    highlighted arrow drawn again over it -- over the arrows that cross it, too."""
    layout, focus, overlay = _prepare(diagram, highlight, hide, reveal, mastery, parent_path, lang)
    pal = palette or QGuiApplication.palette()
    rect = QRectF(0, 0, width, height)
    if shared_arrows and overlay is None:
        image = _arrows_layer(layout, width, height, pal).copy()
        part = OVER_ARROWS
    else:
        # premultiplied: Qt's raster engine paints on it directly (on plain ARGB32 it converts
        # every span): 7 ms a picture instead of 10, the same pixels on the opaque canvas
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        part = ALL
    painter = QPainter(image)
    try:
        paint_diagram(painter, layout, rect, pal, focus, overlay, part=part)
    finally:
        painter.end()
    return image


# The arrows layer ``render_image`` drew last: (its layout, size and colours, the layer)
_ARROWS: list[tuple[DiagramLayout, tuple[int, ...], QImage]] = []


def _arrows_layer(layout: DiagramLayout, width: int, height: int, palette: QPalette) -> QImage:
    """The background, title and every arrow in its plain colour (``ARROWS``), drawn once for
    a layout, size and palette."""
    roles = (QPalette.ColorRole.Base, QPalette.ColorRole.Text)
    key = (width, height, *(palette.color(role).rgba() for role in roles))
    if _ARROWS and _ARROWS[0][0] is layout and _ARROWS[0][1] == key:
        return _ARROWS[0][2]
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        paint_diagram(painter, layout, QRectF(0, 0, width, height), palette, part=ARROWS)
    finally:
        painter.end()
    _ARROWS[:] = [(layout, key, image)]
    return image


def render_png(diagram: Diagram, path: str | Path, width: int, height: int, **focus: Any) -> Path:
    """Write a PNG of exactly ``width`` × ``height`` pixels. ``focus``: the keyword arguments of
    ``render_image`` (highlight, hide, reveal, mastery, parent_path, lang, palette)."""
    out = Path(path)
    image = render_image(diagram, width, height, **focus)
    if not image.save(str(out), "PNG"):  # type: ignore[call-overload]  # str works; the stubs say bytes
        raise OSError(f"{out}: could not write the PNG")
    return out


def render_svg(diagram: Diagram, path: str | Path, width: int, height: int, **focus: Any) -> Path:
    """Write an SVG (QtSvg's generator) with a ``width`` × ``height`` view box; same keywords."""
    out = Path(path)
    palette = focus.pop("palette", None)
    layout, foc, overlay = _prepare(
        diagram,
        focus.pop("highlight", None),
        focus.pop("hide", None),
        focus.pop("reveal", False),
        focus.pop("mastery", None),
        focus.pop("parent_path", ()),
        focus.pop("lang", "ko"),
    )
    if focus:
        raise TypeError(f"render_svg: unexpected arguments {sorted(focus)}")
    generator = QSvgGenerator()
    generator.setFileName(str(out))
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setTitle(diagram.title)
    generator.setDescription(f"{diagram.source} (stands for {diagram.replaces})")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"{out}: could not write the SVG")
    try:
        pal = palette or QGuiApplication.palette()
        paint_diagram(painter, layout, QRectF(0, 0, width, height), pal, foc, overlay)
    finally:
        painter.end()
    return out
