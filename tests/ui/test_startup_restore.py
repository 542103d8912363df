"""A collection that cannot be opened offers its backups at start-up, and a JSON backup is
restored from the GUI (issue 19, item 10)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from srsapp.service.collection import Collection
from srsapp.service.maintenance.backup import backup_now, list_backups
from srsapp.ui import app
from srsapp.ui.main_window import MainWindow
from srsapp.ui.restore import RestoreDialog
from srsapp.ui.startup import StartupErrorDialog
from tests.reliability.helpers import load_deck, study

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _damaged_with_a_backup(data: Path) -> int:
    """A collection with a backup of 7 answers, then bytes of its schema flipped (it no
    longer opens); the backup's review count."""
    col = Collection.open(data, seed=False, rng=random.Random(1))
    load_deck(col, 6, T0)
    end = study(col, T0, 7)
    backup_now(col, "manual", end)
    reviews = col.revlog_count()
    col.close(backup=False)
    db = data / "collection.sqlite"
    raw = bytearray(db.read_bytes())
    at = raw.find(b"tablecardscards")
    raw[at + 5] = 0xFD
    db.write_bytes(bytes(raw))
    return reviews


def test_the_start_offers_the_backups_and_restore_opens_the_app(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    reviews = _damaged_with_a_backup(data)
    seen: list[StartupErrorDialog] = []

    def press_restore() -> None:  # what the learner does in the dialog the start shows
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StartupErrorDialog)
        seen.append(dialog)
        assert "is damaged" in dialog.message.text() and dialog.table.rowCount() == 1
        assert dialog.restore_button.isEnabled()  # the newest backup is selected
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press_restore)
    col = app._open_or_restore(str(data))
    assert seen and col is not None
    try:
        assert col.revlog_count() == reviews
    finally:
        col.close(backup=False)
    assert any("damaged" in b.path.name for b in list_backups(data))  # the wreck is kept


def test_quit_at_the_start_leaves_the_collection_as_it_was(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    _damaged_with_a_backup(data)
    before = (data / "collection.sqlite").read_bytes()

    def press_quit() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StartupErrorDialog)
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press_quit)
    assert app._open_or_restore(str(data)) is None
    assert (data / "collection.sqlite").read_bytes() == before


def test_a_json_backup_is_restored_from_the_gui_over_a_collection_with_cards(
    qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    source = Collection.open(tmp_path / "source", seed=False, rng=random.Random(1))
    load_deck(source, 5, T0)
    study(source, T0, 4)
    backup = tmp_path / "mine.json"
    source.export_file(backup, now=T0)
    cards, reviews = source.card_count(), source.revlog_count()
    source.close(backup=False)
    # not empty (as a fresh data folder is once the Docker deck is in): the JSON import alone
    # refuses it; the restore replaces it, keeping it as a backup
    col = Collection.open(tmp_path / "fresh", seed=False, rng=random.Random(1))
    try:
        load_deck(col, 9, T0)
        assert col.card_count() == 9 != cards
        w = MainWindow(col, clock=lambda: T0 + timedelta(days=1), lang="en")
        qtbot.addWidget(w)
        dialog = RestoreDialog(w.ctx, w, confirm=False)
        qtbot.addWidget(dialog)
        dialog.show()
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            lambda *a, **k: (str(backup), ""))  # fmt: skip
        qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
        assert (col.card_count(), col.revlog_count()) == (cards, reviews)
        assert dialog.table.rowCount() >= 1  # the collection as it was, kept as a backup
    finally:
        col.close(backup=False)
