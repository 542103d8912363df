"""Tools → Check database and File → Restore backup… on a real collection (offscreen)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings

from srsapp.service.collection import Collection
from srsapp.service.maintenance.backup import backup_now
from srsapp.ui.i18n import missing_translations
from srsapp.ui.main_window import MainWindow
from tests.reliability.helpers import load_deck, raw, study

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def make_window(qtbot, col: Collection, tmp_path: Path, now: datetime) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    w = MainWindow(col, clock=lambda: now, lang="en", settings=settings)
    qtbot.addWidget(w)
    w.show()
    return w


def test_check_dialog_finds_and_repairs(qtbot, col: Collection, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    load_deck(col, 15, T0)
    end = study(col, T0, 30)
    w = make_window(qtbot, col, tmp_path, end)
    action = w._actions["action.check"]
    assert action.text() == "Check database"
    action.trigger()
    dialog = w._tools["srsapp.ui.check"]
    assert "No problems" in dialog.summary.text() and "30 reviews" in dialog.summary.text()
    assert not dialog.repair_button.isEnabled()

    con = raw(col.data_dir)
    con.execute("UPDATE cards SET reps = reps + 3 WHERE reps > 0")
    con.close()
    dialog.run_button.click()
    assert "problem(s) found" in dialog.summary.text()
    assert "[card_state]" in dialog.details.toPlainText()
    assert dialog.repair_button.isEnabled()
    dialog.repair_button.click()
    assert "Repaired" in dialog.details.toPlainText()
    assert dialog.report is not None and dialog.report.remaining == []
    dialog.run_button.click()
    assert "No problems" in dialog.summary.text()
    dialog.close()


def test_restore_dialog_lists_and_restores(qtbot, col: Collection, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    load_deck(col, 12, T0)
    end = study(col, T0, 10)
    backup_now(col, "manual", end)
    end = study(col, end + timedelta(hours=1), 7, seed=4)
    w = make_window(qtbot, col, tmp_path, end + timedelta(minutes=1))
    action = w._actions["action.restore"]
    assert action.text() == "Restore backup…"
    action.trigger()
    dialog = w._tools["srsapp.ui.restore"]
    dialog.confirm = False
    table = dialog.table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in (1, 2, 3)] == ["manual", "12", "10"]
    assert not dialog.restore_button.isEnabled()
    table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    report = dialog.restore_selected()
    assert report is not None and col.revlog_count() == 10
    assert "Restored: 12 cards, 10 reviews" in w.statusBar().currentMessage()
    # the collection as it was (17 reviews) is now listed too
    assert table.rowCount() == 2
    assert sorted(table.item(r, 3).text() for r in range(2)) == ["10", "17"]
    w.set_language("ko")
    assert dialog.windowTitle() == "백업 복원"
    assert missing_translations() == []
    dialog.close()
