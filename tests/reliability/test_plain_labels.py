"""Deck, concept and file names are text, never markup (issue 19, item 16): where they reach a
label or a message box, it shows them as plain text, so a deck cannot style or spoof the
app's own words."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt

from srsapp.service.collection import Collection
from srsapp.ui.dashboard import DashboardWindow
from srsapp.ui.main_window import MainWindow
from srsapp.ui.transfer import import_paths

MARKUP = '<span style="font-size:60pt">Weakest: none</span>'


def window(qtbot, col: Collection, now: datetime) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(col, clock=lambda: now, lang="en")
    qtbot.addWidget(w)
    w.show()
    return w


def test_the_import_summary_shows_names_as_text(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    deep = "::".join([MARKUP] * 60)  # a warning quotes the deck's name
    path = tmp_path / "<big>deck.csv"
    path.write_text(f"#separator:Tab\n#deck column:3\nfront\tback\t{deep}\n", encoding="utf-8")
    w = window(qtbot, col, now)
    transfer = import_paths(w.ctx, [path], parent=w)
    assert transfer is not None
    qtbot.waitUntil(lambda: w.ops.running("transfer") is None, timeout=20000)
    box = transfer.summary
    assert box is not None
    assert box.text().startswith("<big>deck.csv") and MARKUP[:30] in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()


def test_dashboard_labels_that_show_concept_names_are_plain_text(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "deck.csv"
    path.write_text(f"#separator:Tab\n#deck column:3\nfront\tback\tD::{MARKUP}\n", encoding="utf-8")
    col.import_file(path, now=now)
    w = window(qtbot, col, now)
    d = DashboardWindow(w.ctx)
    qtbot.addWidget(d)
    d.show()
    assert d.concepts.weak_label.textFormat() == Qt.TextFormat.PlainText
    d.concepts.weak_label.setText(f"Weakest concepts: {MARKUP}")
    assert d.concepts.weak_label.sizeHint().height() < 40  # not drawn at 60 pt
