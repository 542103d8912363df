"""The Docker deck's diagram pictures in an .apkg (issue 18): drawn once per diagram and
asked part, kept by content hash in the collection's picture cache, drawn light whatever the
app's theme, small; and the export's progress moves while they are drawn."""

from __future__ import annotations

import os
import random
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from srsapp.interchange.apkg_read import read_package
from srsapp.service.anki.convert import diagram_cache_dir
from srsapp.service.collection import Collection
from srsapp.ui.diagram_png import DiagramPng
from tests.builders import open_collection
from tests.interchange.anki_fixtures import PNG_BYTES

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class Counting:
    """The app's renderer, counting what it draws (``events`` shared with the progress);
    ``draw=False``: counts only, and hands back a stand-in picture (when only the count
    matters)."""

    def __init__(self, events: list[Any], cache_id: str | None = "v1", draw: bool = True) -> None:
        self.real = DiagramPng() if draw else None
        self.events = events
        if cache_id is not None:
            self.cache_id = cache_id

    def __call__(self, *args: Any) -> bytes:
        self.events.append("draw")
        return self.real(*args) if self.real is not None else PNG_BYTES


@pytest.fixture
def docker(tmp_path: Path, qapp: object) -> Iterator[Collection]:
    col = open_collection(tmp_path / "data", rng=random.Random(7), now=T0)
    assert col.card_count() > 100
    yield col
    col.close(backup=False)


def _pictures(path: Path) -> dict[str, bytes]:
    pkg = read_package(path)
    return {name: data for name, data in pkg.media.items() if name.startswith("srsapp-")}


@pytest.mark.slow  # draws every diagram picture of the Docker deck: 2-7 s
def test_pictures_are_drawn_once_and_then_come_from_the_cache(
    docker: Collection, tmp_path: Path
) -> None:
    events: list[Any] = []
    first = docker.export_file(tmp_path / "1.apkg", render_diagram=Counting(events), now=T0)
    drawn = events.count("draw")
    pictures = _pictures(tmp_path / "1.apkg")
    assert drawn == len(pictures) == first.media >= 90  # each question and answer picture once
    assert len(list(diagram_cache_dir(docker).iterdir())) == drawn
    events.clear()
    docker.export_file(tmp_path / "2.apkg", render_diagram=Counting(events), now=T0)
    assert events.count("draw") == 0
    assert _pictures(tmp_path / "2.apkg") == pictures
    # other drawing code (its cache id) draws them again; so does a renderer without one
    # (counted, not drawn: the count is the point)
    docker.export_file(tmp_path / "3.apkg", render_diagram=Counting(events, "v2", False), now=T0)
    assert events.count("draw") == drawn
    events.clear()
    docker.export_file(tmp_path / "4.apkg", render_diagram=Counting(events, None, False), now=T0)
    assert events.count("draw") == drawn


@pytest.mark.slow  # draws every diagram picture of the Docker deck: 2-7 s
def test_a_changed_diagram_is_drawn_again(docker: Collection, tmp_path: Path) -> None:
    events: list[Any] = []
    docker.export_file(tmp_path / "1.apkg", render_diagram=Counting(events), now=T0)
    before = _pictures(tmp_path / "1.apkg")
    with docker.db.engine.begin() as conn:  # the stored data file, as a sync would leave it
        conn.exec_driver_sql("UPDATE sources SET text = replace(text, '실행', '동작') "
                             "WHERE kind = 'diagram'")  # fmt: skip
    events.clear()
    docker.export_file(tmp_path / "2.apkg", render_diagram=Counting(events), now=T0)
    after = _pictures(tmp_path / "2.apkg")
    assert events.count("draw") == len(before)
    assert after.keys() == before.keys()
    answers = [k for k in before if k.endswith("-a.png")]  # every label shown: all changed
    assert len(answers) >= 45 and all(after[k] != before[k] for k in answers)


@pytest.mark.slow  # draws every diagram picture of the Docker deck: 2-7 s
def test_pictures_no_export_used_for_60_days_are_deleted(
    docker: Collection, tmp_path: Path
) -> None:
    events: list[Any] = []
    docker.export_file(tmp_path / "1.apkg", render_diagram=Counting(events), now=T0)
    folder = diagram_cache_dir(docker)
    kept = sorted(folder.iterdir())
    t0 = T0.timestamp()
    assert {p.stat().st_mtime for p in kept} == {t0}  # the export's time, not the wall clock
    long_ago = t0 - 100 * 86_400
    os.utime(kept[0], (long_ago, long_ago))  # still used: stays, and is used again
    for stale in (folder / "0123.png", folder / "0123.png.99.tmp"):  # unused; a killed export's
        stale.write_bytes(b"x")
        os.utime(stale, (long_ago, long_ago))
    recent = folder / "4567.png"
    recent.write_bytes(b"x")
    os.utime(recent, (t0 - 59 * 86_400, t0 - 59 * 86_400))
    events.clear()
    later = T0 + timedelta(days=1)
    docker.export_file(tmp_path / "2.apkg", render_diagram=Counting(events), now=later)
    assert events.count("draw") == 0
    assert sorted(folder.iterdir()) == sorted([*kept, recent])
    assert kept[0].stat().st_mtime == later.timestamp()


@pytest.mark.slow  # draws every diagram picture of the Docker deck: 2-7 s
def test_a_picture_that_cannot_be_kept_is_still_exported(
    docker: Collection, tmp_path: Path
) -> None:
    (docker.data_dir / "cache").write_text("not a folder")
    events: list[Any] = []
    report = docker.export_file(tmp_path / "1.apkg", render_diagram=Counting(events), now=T0)
    assert report.media == events.count("draw") >= 90
    assert not any("picture" in w for w in report.warnings)


def test_an_export_reads_each_diagram_once(docker: Collection, tmp_path: Path) -> None:
    """The Docker deck's ~100 pictures show one diagram: its data file is parsed once an
    export, and every picture is drawn from that one diagram (so it is laid out once)."""
    drawn: list[Any] = []

    class Recording(Counting):
        def __call__(self, *args: Any) -> bytes:
            drawn.append(args[0])  # kept: no id is reused while the list holds them
            return super().__call__(*args)

    report = docker.export_file(tmp_path / "1.apkg", render_diagram=Recording([], draw=False),
                                now=T0)  # fmt: skip
    assert len(drawn) == report.media >= 90
    assert len({id(diagram) for diagram in drawn}) == 1


def test_pictures_of_one_diagram_share_its_layout(qapp: Any, monkeypatch: Any) -> None:
    """A diagram is laid out once for all its pictures (an export draws ~100 of one diagram:
    its layout took 3/4 of each), and the pictures are those of a layout made afresh."""
    from srsapp.core.diagrams import load_diagram
    from srsapp.ui import diagram as ui_diagram

    root = Path(__file__).resolve().parents[2]
    path = root / "decks" / "docker-lifecycle.toml"
    text = path.read_text(encoding="utf-8")
    diagram = load_diagram(text, str(path))
    render = DiagramPng()
    asked = [(f"node:{diagram.nodes[0].id}", "box", False), (f"edge:{diagram.edges[0].id}",
             "label", True), (None, None, False)]  # fmt: skip
    fresh = []
    for focus in asked:  # each from a newly parsed diagram: laid out for each picture
        fresh.append(render(load_diagram(text, str(path)), *focus))
    made: list[Any] = []
    real = ui_diagram.DiagramLayout.__post_init__
    monkeypatch.setattr(ui_diagram.DiagramLayout, "__post_init__",
                        lambda self: (made.append(self), real(self))[1])  # fmt: skip
    shared = [render(diagram, *focus) for focus in asked]
    assert len(made) == 1
    assert shared == fresh


def test_pictures_are_painted_on_premultiplied_pixels(qapp: Any) -> None:
    """Qt's raster engine paints on premultiplied ARGB directly (on plain ARGB32 it converts
    every span: a third more time a picture); the canvas is opaque, so the pixels are the
    same as a plain ARGB32 picture's."""
    from PySide6.QtGui import QImage

    from srsapp.core.diagrams import load_diagram
    from srsapp.ui.diagram import render_image
    from srsapp.ui.theme import light_palette

    root = Path(__file__).resolve().parents[2]
    path = root / "decks" / "docker-lifecycle.toml"
    diagram = load_diagram(path.read_text(encoding="utf-8"), str(path))
    image = render_image(diagram, 400, 280, highlight=f"node:{diagram.nodes[0].id}",
                         hide="box", palette=light_palette())  # fmt: skip
    assert image.format() == QImage.Format.Format_ARGB32_Premultiplied
    plain = image.convertToFormat(QImage.Format.Format_ARGB32)
    assert all(image.pixel(x, y) == plain.pixel(x, y) for x in range(0, 400, 7)
               for y in range(0, 280, 7))  # fmt: skip
    assert all(plain.pixelColor(x, y).alpha() == 255 for x in (0, 199, 399) for y in (0, 279))


def test_pictures_are_light_and_small_whatever_the_theme(qapp: Any) -> None:
    from PySide6.QtGui import QImage

    from srsapp.core.diagrams import load_diagram
    from srsapp.ui.theme import _dark_palette, light_palette

    root = Path(__file__).resolve().parents[2]
    path = root / "decks" / "docker-lifecycle.toml"
    diagram = load_diagram(path.read_text(encoding="utf-8"), str(path))
    render = DiagramPng()
    before = qapp.palette()
    try:
        qapp.setPalette(_dark_palette())
        dark = render(diagram, None, None, True)
        qapp.setPalette(light_palette())
        light = render(diagram, None, None, True)
    finally:
        qapp.setPalette(before)
    assert dark == light
    image = QImage.fromData(light)
    assert (image.width(), image.height()) == (800, 560)
    corner = image.pixelColor(2, 2)
    assert corner.lightness() > 230  # a light background
    assert len(light) < 40_000  # 8-bit colour: a 32-bit one of the same picture is 80 KB


@pytest.mark.slow  # draws every diagram picture of the Docker deck: 2-7 s
def test_export_progress_moves_while_pictures_are_drawn(docker: Collection, tmp_path: Path) -> None:
    events: list[Any] = []
    docker.export_file(tmp_path / "1.apkg", render_diagram=Counting(events), now=T0,
                       progress=lambda done, total: events.append((done, total)))  # fmt: skip
    reports = [e for e in events if e != "draw"]
    fractions = [done / total for done, total in reports]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert len(set(fractions)) > 100  # the Docker deck's 136 cards, one report each
    # reports come between the pictures, not only before and after them all
    first, last = events.index("draw"), len(events) - 1 - events[::-1].index("draw")
    between = [e for e in events[first:last] if e != "draw"]
    assert len(between) > 20 and 0 < between[0][0] < between[-1][0] < between[-1][1]
    with zipfile.ZipFile(tmp_path / "1.apkg") as z:
        assert z.testzip() is None


def test_pictures_of_one_diagram_share_its_arrows(qapp: Any, monkeypatch: Any) -> None:
    """The background, title and arrows are drawn once for all the pictures of a diagram
    (they were two thirds of each picture's painting), the highlighted arrow again over them:
    a box's picture is the one painted whole, pixel for pixel; an arrow's differs only where
    other arrows cross it (it is now drawn over them)."""
    from srsapp.core.diagrams import load_diagram
    from srsapp.ui import diagram as ui_diagram
    from srsapp.ui.theme import light_palette

    root = Path(__file__).resolve().parents[2]
    path = root / "decks" / "docker-lifecycle.toml"
    diagram = load_diagram(path.read_text(encoding="utf-8"), str(path))
    parts: list[str] = []
    real = ui_diagram.paint_diagram

    def counting(*args: Any, **kwargs: Any) -> None:
        parts.append(kwargs.get("part", ui_diagram.ALL))
        real(*args, **kwargs)

    monkeypatch.setattr(ui_diagram, "paint_diagram", counting)
    asked = [(f"node:{n.id}", "box", reveal) for n in diagram.nodes[:3] for reveal in (False, True)]
    asked += [(f"edge:{e.id}", "label", False) for e in diagram.edges[:4]]

    def image(focus: tuple[str, str, bool], shared: bool) -> Any:
        return ui_diagram.render_image(diagram, 400, 280, highlight=focus[0], hide=focus[1],
                                       reveal=focus[2], palette=light_palette(),
                                       shared_arrows=shared)  # fmt: skip

    shared = [image(focus, True) for focus in asked]
    assert parts.count(ui_diagram.ARROWS) == 1
    assert parts.count(ui_diagram.OVER_ARROWS) == len(asked)
    whole = [image(focus, False) for focus in asked]

    def differing(a: Any, b: Any) -> float:  # the share of pixels (every other one looked at)
        looked = [(x, y) for x in range(0, 400, 2) for y in range(0, 280, 2)]
        return sum(a.pixel(x, y) != b.pixel(x, y) for x, y in looked) / len(looked)

    for (hl, _hide, _reveal), a, b in zip(asked, shared, whole, strict=True):
        if hl.startswith("node:"):
            assert a == b
        else:
            assert 0 <= differing(a, b) < 0.005  # where other arrows cross it, its ends
