"""File → Restore backup…: the backups with their date, card and review counts; restore one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service.maintenance.backup import (
    backup_now,
    describe_backup,
    list_backups,
    restore_backup,
)
from srsapp.service.reports import BackupInfo, RestoreReport
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
        "restore.done": {
            "en": "Restored: {cards} cards, {reviews} reviews. The previous collection "
            "is kept in {previous}.",
            "ko": "복원 완료: 카드 {cards}장, 복습 {reviews}건. 이전 컬렉션은 "
            "{previous}에 보관했습니다.",
        },
    }
)


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
        self.table = QTableWidget(0, 4)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.restore_button = QPushButton()
        self.backup_button = QPushButton()
        self.restore_button.clicked.connect(self.restore_selected)
        self.backup_button.clicked.connect(self.back_up_now)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
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

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def reload(self, keep: BackupInfo | None = None) -> None:
        """List the backups again; ``keep`` stays selected (found by its file: a new backup
        moves the rows), else none is (a row number would now point at another backup)."""
        self.backups = list_backups(self.ctx.col.data_dir)
        self.table.clearSelection()
        self.table.setRowCount(len(self.backups))
        for row, b in enumerate(self.backups):
            facts = describe_backup(b.path)
            local = b.time.astimezone().strftime("%Y-%m-%d %H:%M")
            cells = [local, b.reason, str(facts.cards), str(facts.reviews)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(str(b.path))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
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
        tr = self.i18n.tr
        if self.confirm:
            answer = QMessageBox.question(
                self,
                tr("restore.title"),
                tr("restore.confirm", date=backup.time.astimezone().strftime("%Y-%m-%d %H:%M")),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        col, now = self.ctx.col, self.ctx.clock()
        try:
            report = self.ctx.ops.run(lambda: restore_backup(col, backup.path, now), source=self)
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
