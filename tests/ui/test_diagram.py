"""The lifecycle diagram widget and its export: layout, pixels, overlay, PNG/SVG."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from srsapp.core.diagrams import Diagram, concept_paths, load_diagram
from srsapp.ui.diagram import (
    DiagramLayout,
    DiagramView,
    highlight_color,
    mastery_color,
    render_png,
    render_svg,
)
from srsapp.ui.fonts import load_fonts
from srsapp.ui.pyside_guard import none_leaks, protect_none
from srsapp.ui.theme import _dark_palette, light_palette

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "decks" / "docker-lifecycle.toml"
PARENT = ("개념", "상태")


@pytest.fixture
def diagram(qtbot: object) -> Diagram:
    assert load_fonts() == "NanumGothic"
    return load_diagram(BUNDLED.read_text(encoding="utf-8"), str(BUNDLED))


@pytest.fixture
def view(qtbot, diagram: Diagram) -> DiagramView:  # type: ignore[no-untyped-def]
    v = DiagramView(diagram, PARENT)
    qtbot.addWidget(v)
    v.setPalette(light_palette())
    v.resize(1100, 700)
    return v


def shot(view: DiagramView) -> QImage:
    return view.grab().toImage()


def near(a: QColor, b: QColor, tol: int = 40) -> bool:
    return (abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())) <= tol


def count(img: QImage, rect: QRectF, color: QColor, tol: int = 60) -> int:
    r = rect.toAlignedRect()
    return sum(
        near(img.pixelColor(x, y), color, tol)
        for x in range(max(r.left(), 0), min(r.right(), img.width() - 1) + 1)
        for y in range(max(r.top(), 0), min(r.bottom(), img.height() - 1) + 1)
    )


def ink(view: DiagramView) -> QColor:
    return view.palette().color(QPalette.ColorRole.Text)


def inked(img: QImage, rect: QRectF, view: DiagramView) -> int:
    """Pixels that look like text (antialiased glyphs included), never like the mask."""
    return count(img, rect, ink(view), tol=200)


# ---------------------------------------------------------------------------- layout


def test_no_box_or_label_overlaps_another(diagram: Diagram) -> None:
    for lang in ("ko", "en"):
        layout = DiagramLayout(diagram, lang, with_legend=True)
        rects = [(f"node:{k}", r) for k, r in layout.nodes.items()]
        rects += [(f"label:{k}", r) for k, r in layout.labels.items()]
        assert len(rects) == len(diagram.nodes) + len(diagram.edges)
        for i, (a, ra) in enumerate(rects):
            assert layout.bounds.contains(ra), a
            for b, rb in rects[i + 1 :]:
                assert not ra.intersects(rb), (lang, a, b)
        assert layout.bounds.contains(layout.legend_rect)
        assert not any(layout.legend_rect.intersects(r) for _, r in rects)


def test_every_arrow_ends_at_its_boxes(diagram: Diagram) -> None:
    layout = DiagramLayout(diagram)
    for e in diagram.edges:
        path = layout.paths[e.id]
        start, end = path.pointAtPercent(0.0), path.pointAtPercent(1.0)
        src = layout.nodes[e.source].adjusted(-5, -5, 5, 5)
        dst = layout.nodes[e.target].adjusted(-5, -5, 5, 5)
        assert src.contains(start) and dst.contains(end), e.id
        assert not layout.nodes[e.target].contains(end), e.id  # stops at the border


def test_restart_is_drawn_as_a_loop_over_running(diagram: Diagram) -> None:
    layout = DiagramLayout(diagram)
    box = layout.nodes["running"]
    path = layout.paths["restart"]
    start, end = path.pointAtPercent(0.0), path.pointAtPercent(1.0)
    for p in (start, end):
        assert box.left() < p.x() < box.right() and abs(p.y() - box.top()) < 6
    assert start.x() < end.x()
    assert path.boundingRect().top() < box.top() - 30  # it rises above the box
    assert layout.labels["restart"].bottom() <= path.boundingRect().top()


def test_scales_with_the_widget_keeping_its_aspect(view: DiagramView) -> None:
    big = view.node_rect("running")
    view.resize(550, 700)
    small = view.node_rect("running")
    assert small.width() == pytest.approx(big.width() / 2, rel=0.02)
    assert small.width() / small.height() == pytest.approx(big.width() / big.height(), rel=1e-6)
    everything = view.view_transform().mapRect(view.layout_model.bounds)
    assert everything.width() == pytest.approx(550, abs=1)
    assert everything.top() > 0 and everything.bottom() < 700  # centred vertically


# ---------------------------------------------------------------------------- card focus


def sample_path(view: DiagramView, edge_id: str) -> list[QPointF]:
    path, label = view.edge_path(edge_id), view.label_rect(edge_id).adjusted(-4, -4, 4, 4)
    points = [path.pointAtPercent(k / 40) for k in range(4, 37)]
    return [p for p in points if not label.contains(p)]


def test_highlighted_arrow_has_the_highlight_colour(view: DiagramView) -> None:
    view.set_focus("edge:stop", "label", False)
    img = shot(view)
    accent = highlight_color(view.palette())
    points = sample_path(view, "stop")
    assert len(points) > 15
    hits = sum(near(img.pixelColor(p.toPoint()), accent) for p in points)
    assert hits >= 0.9 * len(points)
    other = sample_path(view, "kill")
    assert sum(near(img.pixelColor(p.toPoint()), accent) for p in other) == 0
    view.set_focus(None, None, False)
    img = shot(view)
    assert sum(near(img.pixelColor(p.toPoint()), accent) for p in points) == 0


def test_hidden_label_is_not_drawn_until_revealed(view: DiagramView) -> None:
    rect = view.label_rect("stop").adjusted(2, 2, -2, -2)
    view.set_focus("edge:stop", "label", False)
    hidden = shot(view)
    assert inked(hidden, rect, view) == 0
    masked = count(hidden, rect, highlight_color(view.palette()), tol=30)
    assert masked > 0.9 * rect.width() * rect.height()
    view.set_focus("edge:stop", "label", True)
    shown = shot(view)
    assert inked(shown, rect, view) > 40
    # other labels stay readable on the front
    assert inked(hidden, view.label_rect("kill").adjusted(2, 2, -2, -2), view) > 40


def test_hidden_target_box_and_hidden_box(view: DiagramView) -> None:
    stopped = view.node_rect("stopped").adjusted(4, 4, -4, -4)
    view.set_focus("edge:kill", "target", False)
    assert inked(shot(view), stopped, view) == 0
    assert inked(shot(view), view.label_rect("kill").adjusted(2, 2, -2, -2), view) > 40
    view.set_focus("edge:kill", "target", True)
    assert inked(shot(view), stopped, view) > 40
    paused = view.node_rect("paused").adjusted(4, 4, -4, -4)
    view.set_focus("node:paused", "box", False)
    assert inked(shot(view), paused, view) == 0
    view.set_focus("node:paused", "box", True)
    assert inked(shot(view), paused, view) > 40


def test_focus_rejects_unknown_elements(view: DiagramView) -> None:
    with pytest.raises(KeyError):
        view.set_focus("edge:nope", "label", False)
    with pytest.raises(ValueError):
        view.set_focus("edge:stop", "everything", False)


# ---------------------------------------------------------------------------- mastery overlay


def mastery(diagram: Diagram) -> dict[tuple[str, ...], float | None]:
    paths = concept_paths(diagram, PARENT)
    return {
        paths["node:running"]: 0.1,
        paths["node:paused"]: 0.9,
        paths["node:created"]: None,
        paths["edge:stop"]: 0.1,
        paths["edge:pause"]: 0.9,
    }


def box_fill(img: QImage, rect: QRectF) -> QColor:
    return img.pixelColor(round(rect.left() + 5), round(rect.center().y()))


def test_overlay_colours_follow_mastery(view: DiagramView, diagram: Diagram) -> None:
    view.set_mastery(mastery(diagram))
    img = shot(view)
    low = box_fill(img, view.node_rect("running"))
    high = box_fill(img, view.node_rect("paused"))
    unstudied = box_fill(img, view.node_rect("created"))
    assert near(low, mastery_color(0.1), 12) and near(high, mastery_color(0.9), 12)
    assert not near(low, high, 150)
    assert near(unstudied, view.palette().color(QPalette.ColorRole.Base), 12)
    stop = [img.pixelColor(p.toPoint()) for p in sample_path(view, "stop")]
    pause = [img.pixelColor(p.toPoint()) for p in sample_path(view, "pause")]
    assert sum(near(c, mastery_color(0.1)) for c in stop) > 0.8 * len(stop)
    assert sum(near(c, mastery_color(0.9)) for c in pause) > 0.8 * len(pause)
    legend = view.legend_rect()
    assert legend.height() > 10
    assert count(img, legend, mastery_color(0.0), 30) > 0
    assert count(img, legend, mastery_color(1.0), 30) > 0
    view.set_mastery(None)
    assert not near(box_fill(shot(view), view.node_rect("paused")), mastery_color(0.9), 60)


def test_tooltip_shows_the_numbers(view: DiagramView, diagram: Diagram) -> None:
    paths = concept_paths(diagram, PARENT)
    view.set_mastery(mastery(diagram), {paths["node:running"]: {"cards": 3, "studied": 2}})
    tip = view.tooltip_at(view.node_rect("running").center())
    assert "실행 (Running)" in tip and "10%" in tip and "cards: 3" in tip and "studied: 2" in tip
    assert "학습 전" in view.tooltip_at(view.node_rect("created").center())
    assert "90%" in view.tooltip_at(view.label_rect("pause").center())
    assert view.tooltip_at(QPointF(2, 2)) == ""


def test_click_emits_the_concept_path(qtbot, view: DiagramView, diagram: Diagram) -> None:  # type: ignore[no-untyped-def]
    paths = concept_paths(diagram, PARENT)
    with qtbot.waitSignal(view.conceptClicked, timeout=1000) as blocker:
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, pos=view.node_rect("paused").center().toPoint()
        )
    assert blocker.args == [paths["node:paused"]]
    with qtbot.waitSignal(view.conceptClicked, timeout=1000) as blocker:
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, pos=view.label_rect("kill").center().toPoint()
        )
    assert blocker.args == [PARENT + ("docker kill: 실행 → 정지",)]


def test_follows_a_dark_palette(view: DiagramView) -> None:
    view.setPalette(_dark_palette())
    img = shot(view)
    assert img.pixelColor(3, 3).lightnessF() < 0.2
    assert inked(img, view.label_rect("kill").adjusted(2, 2, -2, -2), view) > 40
    assert highlight_color(view.palette()) != highlight_color(light_palette())


# ---------------------------------------------------------------------------- export


@pytest.mark.slow
def test_render_png_has_the_requested_size(diagram: Diagram, tmp_path: Path) -> None:
    out = render_png(diagram, tmp_path / "d.png", 900, 640, highlight="edge:stop", hide="label")
    img = QImage(str(out))
    assert not img.isNull() and (img.width(), img.height()) == (900, 640)
    accent = highlight_color(QPalette(light_palette()))
    assert count(img, QRectF(0, 0, 900, 640), accent, 30) > 200


def test_render_svg_is_valid_svg(diagram: Diagram, tmp_path: Path) -> None:
    out = render_svg(
        diagram, tmp_path / "d.svg", 800, 560, mastery=mastery(diagram), parent_path=PARENT
    )
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    assert root.get("width") and root.get("height")
    assert root.get("viewBox", "").split() == ["0", "0", "800", "560"]
    text = out.read_text(encoding="utf-8")
    assert "docker restart" in text and "실행" in text  # labels are text, not outlines


def test_none_stays_alive_after_many_void_calls(qtbot) -> None:  # type: ignore[no-untyped-def]
    protect_none()
    leaking = none_leaks()
    rect = QRectF(0, 0, 1, 1)
    for _ in range(50_000):
        rect.setX(0.0)  # aborts the interpreter if None's refcount ran out
    if leaking:
        assert sys.getrefcount(None) > 1 << 39
