"""When the collection cannot be opened at start-up (a damaged or foreign file): the error
in one line, the backups of the data folder, and a way back — restore one of them, or a
backup file chosen from anywhere (.sqlite or a JSON backup) — without opening the damaged
collection (``service.restore.restore_file_into``: the damaged file is kept first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service.maintenance.backup import list_backups
from srsapp.service.reports import BackupInfo, RestoreReport
from srsapp.service.restore import restore_file_into
from srsapp.ui.i18n import STRINGS, I18n
from srsapp.ui.restore import backup_table, fill_backups

STRINGS.update(
    {
        "startup.title": {"en": "The collection cannot be opened", "ko": "컬렉션을 열 수 없습니다"},
        "startup.error": {
            "en": "srsapp cannot open the collection:\n{error}\n\nRestore a backup to go on "
            "(the collection as it is now is kept in {folder} first), or quit.",
            "ko": "srsapp가 컬렉션을 열 수 없습니다:\n{error}\n\n계속하려면 백업을 복원하세요 "
            "(지금의 컬렉션은 먼저 {folder}에 보관합니다). 아니면 끝내세요.",
        },
        "startup.no_backups": {
            "en": "No backups in {folder}: choose a backup file (.sqlite or .json).",
            "ko": "{folder}에 백업이 없습니다: 백업 파일(.sqlite 또는 .json)을 고르세요.",
        },
        "startup.restore": {"en": "Restore and open", "ko": "복원하고 열기"},
        "startup.quit": {"en": "Quit", "ko": "끝내기"},
    }
)


class StartupErrorDialog(QDialog):
    """Accepted once a backup was restored (``restored``): the caller opens the collection
    again; rejected: quit."""

    def __init__(
        self,
        data_dir: Path,
        error: SrsError,
        i18n: I18n,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir, self.i18n, self.clock = data_dir, i18n, clock
        self.restored: RestoreReport | None = None
        tr = i18n.tr
        self.setWindowTitle(tr("startup.title"))
        folder = str(data_dir / "backups")
        self.message = QLabel(tr("startup.error", error=str(error), folder=folder))
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # names files: never rich text
        self.message.setWordWrap(True)
        self.backups: list[BackupInfo] = list_backups(data_dir)
        self.table = backup_table(tr)
        fill_backups(self.table, self.backups)
        self.none = QLabel(tr("startup.no_backups", folder=folder))
        self.none.setTextFormat(Qt.TextFormat.PlainText)
        self.none.setWordWrap(True)
        self.none.setVisible(not self.backups)
        self.table.setVisible(bool(self.backups))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.restore_button = QPushButton(tr("startup.restore"))
        self.file_button = QPushButton(tr("restore.from_file"))
        self.quit_button = QPushButton(tr("startup.quit"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.restore_from_file)
        self.quit_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        for w in (self.message, self.table, self.none, self.status):
            layout.addWidget(w)
        layout.addWidget(buttons)
        if self.backups:
            self.table.selectRow(0)  # the newest
            self.table.setFocus()
        self._selection_changed()
        self.resize(640, 420)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.restore(self.backups[rows[0].row()].path)

    def restore_from_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.i18n.tr("restore.from_file"), str(self.data_dir / "backups"),
            self.i18n.tr("restore.file_filter"),
        )  # fmt: skip
        if name:
            self.restore(Path(name))

    def restore(self, path: Path) -> None:
        """Restore ``path`` into the data folder; accepted when it worked, else the reason is
        shown and nothing changed."""
        try:
            self.restored = restore_file_into(self.data_dir, path, self.clock())
        except SrsError as exc:
            self.status.setText(str(exc))
            return
        self.accept()
