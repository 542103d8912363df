"""The Export dialog says what a text file keeps where CSV is chosen, and offers one row per note
(Anki's "Notes in Plain Text") besides one Basic row per card (issue 19, item 7)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt

from srsapp.interchange.apkg_write import write_package
from srsapp.interchange.csv_text import read_text
from srsapp.service.collection import Collection
from srsapp.ui.main_window import MainWindow
from srsapp.ui.transfer import TransferDialog
from tests.builders import small_package


def test_text_rows_are_explained_and_chosen(qtbot, col: Collection, now: datetime,
                                            tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    pkg = tmp_path / "in.apkg"
    write_package(small_package(), pkg)
    col.import_file(pkg, now=now)
    w = MainWindow(col, clock=lambda: now, lang="ko")
    qtbot.addWidget(w)
    w.show()
    dialog = TransferDialog(w.ctx, w, export=True)
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "notes.csv"
    qtbot.keyClicks(dialog.path, str(tmp_path / "x.apkg"))
    assert not dialog.text_rows.isEnabled() and dialog.text_hint.text() == ""
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(out))
    assert dialog.text_rows.isEnabled()
    assert "Basic 노트" in dialog.text_hint.text() and ".apkg" in dialog.text_hint.text()
    dialog.text_rows.setFocus()
    qtbot.keyClick(dialog.text_rows, Qt.Key.Key_Down)
    assert dialog.by_note()
    assert "노트 유형, 덱, 태그" in dialog.text_hint.text()
    assert dialog.run() is not None
    qtbot.waitUntil(lambda: w.ops.running("transfer") is None, timeout=20000)
    rows = read_text(out).notes
    assert len(rows) == 2 and all(r.notetype and r.guid for r in rows)
    assert out.read_text(encoding="utf-8").startswith(
        "#separator:comma\n#html:true\n#guid column:1"
    )
