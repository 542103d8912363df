"""Drag and drop → import, and the Import/Export dialogs, on a real collection (offscreen)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import write_package
from srsapp.service.collection import Collection
from srsapp.ui.main_window import MainWindow
from srsapp.ui.transfer import TransferDialog, export_path
from tests.builders import small_package


def make_window(qtbot, col: Collection, now: datetime) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(col, clock=lambda: now, lang="en")
    qtbot.addWidget(w)
    w.show()
    return w


def mime_for(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_dropping_a_package_imports_it_off_the_gui_thread(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pkg = tmp_path / "dropped.apkg"
    write_package(small_package(), pkg)
    w = make_window(qtbot, col, now)
    assert w.acceptDrops()
    mime = mime_for(pkg)
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    w.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    w.dropEvent(drop)
    assert w.ops.running("transfer") is not None  # running off the GUI thread
    qtbot.waitUntil(lambda: w.ops.running("transfer") is None, timeout=20000)
    assert col.card_count() == 2
    assert (col.media_dir / "p.png").is_file()
    assert w.deck_list.table.topLevelItemCount() == 1 and w.deck_list.rows()[0][0] == "H"
    assert (
        w.statusBar().currentMessage()
        == "dropped.apkg: 2 added, 0 updated, 0 skipped (0 reviews, 1 media files)"
    )


def test_dropping_an_unknown_file_is_refused(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "photo.jpeg"
    junk.write_bytes(b"\xff\xd8")
    w = make_window(qtbot, col, now)
    mime = mime_for(junk)
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    enter.ignore()
    w.dragEnterEvent(enter)
    assert not enter.isAccepted()
    w.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))  # fmt: skip
    assert w.ops.running("transfer") is None and col.card_count() == 0
    assert "unknown file type" in w.statusBar().currentMessage()


def test_export_runs_in_a_thread_and_the_dialog_checks_the_extension(
    qtbot, col: Collection, now: datetime, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pkg = tmp_path / "in.apkg"
    write_package(small_package(), pkg)
    col.import_file(pkg, now=now)
    w = make_window(qtbot, col, now)
    out = tmp_path / "out.apkg"
    assert (
        export_path(w.ctx, out, parent=w, deck="H", scheduling=False, summary_box=False) is not None
    )
    qtbot.waitUntil(lambda: w.ops.running("transfer") is None, timeout=20000)
    assert len(read_package(out).notes) == 2
    assert "out.apkg: 2 notes, 2 cards" in w.statusBar().currentMessage()
    dialog = TransferDialog(w.ctx, w, export=True)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "x.apkg"))
    assert dialog.ok.isEnabled() and dialog.scheduling.isEnabled()
    dialog.path.setText(str(tmp_path / "x.md"))
    assert dialog.ok.isEnabled() and not dialog.scheduling.isEnabled()
    dialog.path.setText(str(tmp_path / "x.docx"))
    assert not dialog.ok.isEnabled()
    dialog.deck.setCurrentIndex(1)
    assert dialog.chosen_deck() == "H"
    importer = TransferDialog(w.ctx, w, export=False)
    qtbot.addWidget(importer)
    assert importer.chosen_deck() is None  # "(as in the file)"
    importer.deck.setEditText("새 덱")
    assert importer.chosen_deck() == "새 덱"
    w.set_language("ko")
    ko = TransferDialog(w.ctx, w, export=False)
    qtbot.addWidget(ko)
    assert ko.windowTitle() == "가져오기"
