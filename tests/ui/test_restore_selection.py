"""File → Restore backup…: the highlighted row is the backup the learner chose, before and
after the list changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from srsapp.service.collection import Collection
from srsapp.service.maintenance.backup import backup_now
from srsapp.ui.main_window import MainWindow
from srsapp.ui.restore import RestoreDialog
from tests.reliability.helpers import load_deck, study

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def click_row(qtbot, dialog: RestoreDialog, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = dialog.table.visualItemRect(dialog.table.item(row, 0))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))


def test_after_a_restore_no_other_backup_is_highlighted(
    qtbot, col: Collection, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    load_deck(col, 12, T0)
    end = study(col, T0, 10)
    backup_now(col, "manual", end)
    end = study(col, end + timedelta(hours=1), 7, seed=4)
    backup_now(col, "manual", end)
    clock = [end + timedelta(hours=1)]
    w = MainWindow(col, clock=lambda: clock[0], lang="en")
    qtbot.addWidget(w)
    dialog = RestoreDialog(w.ctx, w, confirm=False)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    assert table.rowCount() == 2
    older = min(range(2), key=lambda r: dialog.backups[r].time)
    chosen = dialog.backups[older].path
    click_row(qtbot, dialog, older)
    assert dialog.selected_backup() is not None and dialog.selected_backup().path == chosen  # type: ignore[union-attr]
    # a new backup moves the rows: the highlight stays on the backup chosen
    clock[0] += timedelta(minutes=5)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 3
    assert dialog.selected_backup() is not None and dialog.selected_backup().path == chosen  # type: ignore[union-attr]
    # after the restore the list gains the collection as it was: nothing is highlighted, so
    # Restore cannot be pressed again on a backup the learner never chose
    clock[0] += timedelta(minutes=5)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert col.revlog_count() == 10
    assert table.rowCount() == 4
    assert table.selectionModel().selectedRows() == []
    assert not dialog.restore_button.isEnabled()
