"""The dashboard's lifecycle diagram counts the section's own cards about a box (the notes'
"실행 : …" term card for the Running box), not only the diagram's cards."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QPointF
from sqlalchemy import select

from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.store.models import Card, Concept
from srsapp.ui.dashboard import DashboardWindow
from srsapp.ui.main_window import MainWindow
from tests.conftest import DOCKER_NOTES


def test_a_box_counts_the_sections_term_card_about_it(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    col.sync_notes(DOCKER_NOTES, now=now)
    with col.db.reading() as s:
        term = s.scalars(
            select(Card).join(Concept, Card.concept_id == Concept.id)
            .where(Card.kind == "term", Card.anchor == "실행", Concept.path.like('%"상태"]'))
        ).one()  # fmt: skip
        diagram_cards = len(
            s.scalars(
                select(Card).join(Concept, Card.concept_id == Concept.id)
                .where(Card.kind == "diagram", Concept.path.like("%(Running)%"))
            ).all()
        )  # fmt: skip
    for day in range(3):
        col.answer(term.id, Rating.GOOD, now + timedelta(days=day))
    w = MainWindow(col, clock=lambda: now + timedelta(days=3), lang="en")
    qtbot.addWidget(w)
    d = DashboardWindow(w.ctx)
    qtbot.addWidget(d)
    d.show()
    d.wait_until_loaded(history=False)
    view = d.diagram.view
    assert view is not None
    view.resize(900, 560)
    running = view.tooltip_at(QPointF(view.node_rect("running").center()))
    paused = view.tooltip_at(QPointF(view.node_rect("paused").center()))
    # the Running box was "not studied yet" although its term card was answered three times
    assert "not studied yet" not in running and "아직 학습 전" not in running
    assert f"cards: {diagram_cards + 1}" in running and "studied: 1" in running
    assert "not studied yet" in paused or "아직 학습 전" in paused


def test_the_diagram_names_its_whole_section_under_it(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    col.sync_notes(DOCKER_NOTES, now=now)
    with col.db.reading() as s:
        section = s.scalars(
            select(Card).join(Concept, Card.concept_id == Concept.id)
            .where(Card.retired.is_(False), Concept.path.like('["개념","상태"%'))
        ).all()  # fmt: skip
    on_diagram = sum(c.kind == "diagram" for c in section)
    others = len(section) - on_diagram
    assert on_diagram and others  # the term and list cards of "상태" beside the diagram's
    w = MainWindow(col, clock=lambda: now, lang="en")
    qtbot.addWidget(w)
    d = DashboardWindow(w.ctx)
    qtbot.addWidget(d)
    d.show()
    d.wait_until_loaded(history=False)
    caption = d.diagram.caption
    assert caption.isVisible()
    assert caption.text() == (
        f"개념 › 상태: mastery – over its {len(section)} cards "
        f"({on_diagram} on the diagram, {others} others)"
    )
