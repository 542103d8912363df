"""The diagram exported from the command line and from File → Export diagram."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QImage
from sqlalchemy import select

from srsapp.cli import main
from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.store.models import Card
from srsapp.ui.main_window import MainWindow
from tests.builders import open_collection
from tests.conftest import DOCKER_NOTES, ROOT


def test_cli_exports_svg_and_png_of_the_requested_size(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    svg, png = tmp_path / "d.svg", tmp_path / "d.png"
    src = str(ROOT / "decks" / "docker-lifecycle.toml")
    assert (
        main(["export-diagram", str(svg), "--from", src, "--width", "800", "--height", "470"]) == 0
    )
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 800 470"
    assert (
        main(["export-diagram", str(png), "--from", src, "--width", "640", "--height", "376"]) == 0
    )
    img = QImage(str(png))
    assert (img.width(), img.height()) == (640, 376)
    assert main(["export-diagram", str(tmp_path / "d.gif"), "--from", src]) == 2
    assert "must end in .svg or .png" in capsys.readouterr().err


def test_cli_without_a_linked_diagram_says_so(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    open_collection(tmp_path / "empty", seed=False).close(backup=False)
    assert (
        main(["--data-dir", str(tmp_path / "empty"), "export-diagram", str(tmp_path / "x.svg")])
        == 2
    )
    assert "no notes in this collection link to a diagram" in capsys.readouterr().err


def test_menu_export_colours_by_mastery(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    col.sync_notes(DOCKER_NOTES, now=now)
    with col.db.reading() as s:
        diagram_cards = list(s.scalars(select(Card.id).where(Card.kind == "diagram")))
    for day in range(4):
        for cid in diagram_cards[:6]:
            col.answer(cid, Rating.EASY, now + timedelta(days=day))
    w = MainWindow(col, clock=lambda: now + timedelta(days=4))
    qtbot.addWidget(w)
    plain = QImage(str(ROOT / "assets" / "docker-lifecycle.png"))
    out = w.export_diagram(str(tmp_path / "m.png"), plain.width(), plain.height())
    assert out is not None
    coloured = QImage(str(out))
    assert (coloured.width(), coloured.height()) == (plain.width(), plain.height())
    # the overlay paints studied boxes in colour: the two pictures differ somewhere
    step = 7
    differs = any(
        coloured.pixel(x, y) != plain.pixel(x, y)
        for x in range(0, plain.width(), step)
        for y in range(0, plain.height(), step)
    )
    assert differs
