"""The notes' image reference resolves to the drawn diagram: in the notes view, and on the
answer side of the cards of the section that refers to it."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from srsapp.service.collection import Collection
from srsapp.store.models import Card
from srsapp.ui.card_view import CardPane
from srsapp.ui.main_window import MainWindow
from srsapp.ui.notes_view import open_notes_for_card

ROOT = Path(__file__).resolve().parents[2]

NOTES = """# Containers

## Lifecycle
- created : made, never started
- running : its process runs

![life](pics/life.png)

## Other
- image : a template
"""


def make(tmp_path: Path, col: Collection, now: datetime) -> None:
    d = tmp_path / "notes"
    d.mkdir()
    (d / "c.md").write_text(NOTES, encoding="utf-8")
    toml = (ROOT / "decks" / "docker-lifecycle.toml").read_text(encoding="utf-8")
    replaced = toml.replace('replaces = "images/dockerLifeCycle.png"', 'replaces = "pics/life.png"')
    assert replaced != toml
    (d / "life.toml").write_text(replaced, encoding="utf-8")
    col.sync_notes(d / "c.md", now=now)


def cards(col: Collection) -> list[Card]:
    with col.db.reading() as s:
        return list(s.scalars(select(Card)))


def test_section_cards_show_the_diagram_with_the_answer_only(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    make(tmp_path, col, now)
    all_cards = cards(col)
    lifecycle = [c for c in all_cards if c.kind == "term" and "Lifecycle" in c.front]
    other = [c for c in all_cards if c.kind == "term" and "Other" in c.front]
    assert lifecycle and other
    assert all('"answer_only": true' in c.extra for c in lifecycle)
    assert all("diagram" not in c.extra for c in other)
    window = MainWindow(col, clock=lambda: now)
    qtbot.addWidget(window)
    pane = CardPane(window.ctx)
    qtbot.addWidget(pane)
    card = col.card(lifecycle[0].id)
    pane.show_card(card.front, card.extra, reveal=False)
    assert pane.diagram is None or not pane.diagram.isVisibleTo(pane)
    pane.show_card(card.back, card.extra, reveal=True)
    assert pane.diagram is not None and pane.diagram.isVisibleTo(pane)


def test_notes_view_draws_the_referenced_picture(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    make(tmp_path, col, now)
    window = MainWindow(col, clock=lambda: now)
    qtbot.addWidget(window)
    card = next(c for c in cards(col) if c.kind == "term")
    view = open_notes_for_card(window.ctx, card.id)
    assert view is not None
    qtbot.addWidget(view)
    assert view.diagram is not None
    assert "pics/life.png" in view.diagram_caption.text()


def test_notes_without_the_reference_show_no_diagram(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    d = tmp_path / "plain"
    d.mkdir()
    (d / "p.md").write_text("# P\n\n## A\n- key : its meaning\n", encoding="utf-8")
    shutil.copy(ROOT / "decks" / "docker-lifecycle.toml", d / "life.toml")
    col.sync_notes(d / "p.md", now=now)
    window = MainWindow(col, clock=lambda: now)
    qtbot.addWidget(window)
    view = open_notes_for_card(window.ctx, cards(col)[0].id)
    assert view is not None
    qtbot.addWidget(view)
    assert view.diagram is None
