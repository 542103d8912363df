"""File → Restore backup…: the backups with their date, card and review counts; restore one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service.maintenance.backup import backup_now, describe_backup, list_backups
from srsapp.service.reports import BackupInfo, RestoreReport
from srsapp.service.restore import restore_file
from srsapp.ui.context import AppContext
from srsapp.ui.i18n import STRINGS

STRINGS.update(
    {
        "restore.title": {"en": "Restore backup", "ko": "백업 복원"},
        "restore.help": {
            "en": "Backups are in {path}. Restoring replaces the collection; "
            "the current one is kept as a backup first.",
            "ko": "백업 위치: {path}. 복원하면 현재 컬렉션을 바꿉니다. "
            "현재 컬렉션은 먼저 백업해 둡니다.",
        },
        "restore.col.date": {"en": "Date", "ko": "날짜"},
        "restore.col.reason": {"en": "Reason", "ko": "이유"},
        "restore.col.cards": {"en": "Cards", "ko": "카드"},
        "restore.col.reviews": {"en": "Reviews", "ko": "복습"},
        "restore.restore": {"en": "Restore", "ko": "복원"},
        "restore.backup_now": {"en": "Back up now", "ko": "지금 백업"},
        "restore.confirm": {
            "en": "Replace the collection with the backup of {date}?",
            "ko": "컬렉션을 {date} 백업으로 바꿀까요?",
        },
        "restore.from_file": {"en": "From a file…", "ko": "파일에서…"},
        "restore.file_filter": {"en": "Backups (*.sqlite *.json)", "ko": "백업 (*.sqlite *.json)"},
        "restore.confirm_file": {
            "en": "Replace the collection with the backup {file}?",
            "ko": "컬렉션을 백업 {file}(으)로 바꿀까요?",
        },
        "restore.done": {
            "en": "Restored: {cards} cards, {reviews} reviews. The previous collection "
            "is kept in {previous}.",
            "ko": "복원 완료: 카드 {cards}장, 복습 {reviews}건. 이전 컬렉션은 "
            "{previous}에 보관했습니다.",
        },
    }
)


def backup_table(tr: Callable[..., str]) -> QTableWidget:
    """A table of backups (date, reason, cards, reviews), one selected at a time."""
    table = QTableWidget(0, 4)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setHorizontalHeaderLabels(
        [tr(f"restore.col.{k}") for k in ("date", "reason", "cards", "reviews")]
    )
    return table


def fill_backups(table: QTableWidget, backups: list[BackupInfo]) -> None:
    """One row per backup: its local time, why it was taken, its cards and reviews."""
    table.setRowCount(len(backups))
    for row, b in enumerate(backups):
        facts = describe_backup(b.path)
        local = b.time.astimezone().strftime("%Y-%m-%d %H:%M")
        cells = [local, b.reason, str(facts.cards), str(facts.reviews)]
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col >= 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(str(b.path))
            table.setItem(row, col, item)
    table.resizeColumnsToContents()


class RestoreDialog(QDialog):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, confirm: bool = True
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.i18n = ctx.i18n
        self.confirm = confirm  # tests turn the question off
        self.backups: list[BackupInfo] = []
        self.help = QLabel()
        self.help.setTextFormat(Qt.TextFormat.PlainText)  # it names the backups folder
        self.help.setWordWrap(True)
        self.table = backup_table(self.i18n.tr)
        self.restore_button = QPushButton()
        self.backup_button = QPushButton()
        self.file_button = QPushButton()
        self.restore_button.clicked.connect(self.restore_selected)
        self.backup_button.clicked.connect(self.back_up_now)
        self.file_button.clicked.connect(self.restore_from_file)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 380)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.setWindowTitle(tr("restore.title"))
        self.help.setText(tr("restore.help", path=str(self.ctx.col.data_dir / "backups")))
        self.table.setHorizontalHeaderLabels(
            [tr(f"restore.col.{k}") for k in ("date", "reason", "cards", "reviews")]
        )
        self.restore_button.setText(tr("restore.restore"))
        self.backup_button.setText(tr("restore.backup_now"))
        self.file_button.setText(tr("restore.from_file"))

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def reload(self, keep: BackupInfo | None = None) -> None:
        """List the backups again; ``keep`` stays selected (found by its file: a new backup
        moves the rows), else none is (a row number would now point at another backup)."""
        self.backups = list_backups(self.ctx.col.data_dir)
        self.table.clearSelection()
        fill_backups(self.table, self.backups)
        for row, b in enumerate(self.backups):
            if keep is not None and b.path == keep.path:
                self.table.selectRow(row)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def back_up_now(self) -> None:
        selected = self.selected_backup()
        try:
            backup_now(self.ctx.col, "manual", self.ctx.clock())
        except SrsError as exc:
            self.ctx.shell.show_error(exc)
        self.reload(keep=selected)

    def restore_selected(self) -> RestoreReport | None:
        backup = self.selected_backup()
        if backup is None:
            return None
        when = backup.time.astimezone().strftime("%Y-%m-%d %H:%M")
        return self.restore(backup.path, self.i18n.tr("restore.confirm", date=when))

    def restore_from_file(self) -> RestoreReport | None:
        """A backup file from anywhere: a .sqlite backup or a JSON backup (``export
        FILE.json``), made into a collection first."""
        tr = self.i18n.tr
        name, _filter = QFileDialog.getOpenFileName(
            self, tr("restore.from_file"), str(self.ctx.col.data_dir / "backups"),
            tr("restore.file_filter"),
        )  # fmt: skip
        if not name:
            return None
        return self.restore(Path(name), tr("restore.confirm_file", file=Path(name).name))

    def restore(self, path: Path, question: str) -> RestoreReport | None:
        tr = self.i18n.tr
        if self.confirm:
            answer = QMessageBox.question(self, tr("restore.title"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        col, now = self.ctx.col, self.ctx.clock()
        try:
            report = self.ctx.ops.run(lambda: restore_file(col, path, now), source=self)
        except SrsError as exc:
            self.ctx.shell.show_error(exc)
            return None
        self.reload()
        self.ctx.shell.show_status(
            tr(
                "restore.done",
                cards=report.cards,
                reviews=report.reviews,
                previous=str(report.previous_backup),
            ),
            15000,
        )
        return report
