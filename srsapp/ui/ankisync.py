"""File → Sync with Anki server… (Ctrl+Y): sync with a self-hosted Anki sync server
(``service.ankisync``), the sync itself off the GUI thread (``ctx.ops.start``) with a busy bar;
what it downloaded is announced to the screens.

Server and user come filled in from the last sync; the password field may stay empty when
a login key is kept (the service asks for it only when the server wants it). The password is
never stored. "Sync when srsapp opens and closes" (``login.auto_sync``): ``sync_on_open`` runs
a sync off the GUI thread once the window is shown, ``sync_on_close`` one as it closes
(both only with a kept login: they never ask for a password).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from srsapp.service.ankisync import login
from srsapp.service.ankisync.client import SyncError
from srsapp.service.ankisync.sync import sync
from srsapp.service.collection import Collection
from srsapp.service.reports import SyncResult
from srsapp.ui.ask import ask_destructive
from srsapp.ui.context import AppContext
from srsapp.ui.ops import Task
from srsapp.ui.transfer import render_diagram_png

DIRECTIONS = ("auto", "upload", "download")


class SyncDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.col = ctx.col
        self.i18n = ctx.i18n
        tr = self.i18n.tr
        self.setWindowTitle(tr("ankisync.title"))
        self.result_: SyncResult | None = None
        self.error: Exception | None = None
        self._task: Task | None = None
        self.confirm: QMessageBox | None = None  # the question before a full upload

        known = login.remembered(self.col)
        self.server = QLineEdit(known.server or "")
        self.server.setPlaceholderText("http://192.168.1.5:8080/")
        self.user = QLineEdit(known.user or "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if known.server and known.user and login.load_key(self.col, known.server, known.user):
            self.password.setPlaceholderText(tr("ankisync.key_kept"))
        self.direction = QComboBox()
        for d in DIRECTIONS:
            self.direction.addItem(tr(f"ankisync.direction.{d}"), d)
        form = QFormLayout()
        form.addRow(tr("ankisync.server"), self.server)
        form.addRow(tr("ankisync.user"), self.user)
        form.addRow(tr("ankisync.password"), self.password)
        form.addRow(tr("ankisync.direction"), self.direction)
        self.auto = QCheckBox(tr("ankisync.auto"))
        self.auto.setChecked(login.auto_sync(self.col))
        self.auto.toggled.connect(lambda on: login.set_auto_sync(self.col, on))
        form.addRow("", self.auto)

        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the protocol gives no progress to show
        self.progress.hide()
        self.buttons = QDialogButtonBox()
        self.sync_button = self.buttons.addButton(tr("ankisync.sync"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.sync_button.clicked.connect(self.run_sync)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def _password(self) -> str:
        value = self.password.text()
        if not value:
            raise SyncError(self.i18n.tr("ankisync.password_needed"), "auth")
        return value

    def run_sync(self) -> None:
        """Sync; a full upload (ours replaces the server's collection) is asked first."""
        if self._task is not None:
            return
        if str(self.direction.currentData()) == "upload":
            self._confirm_upload()
            return
        self._start()

    def _confirm_upload(self) -> QMessageBox:
        tr = self.i18n.tr
        self.confirm = ask_destructive(self, tr("ankisync.confirm_upload_title"),
                                       tr("ankisync.confirm_upload"), tr("ankisync.upload"),
                                       tr("button.cancel"), self._start)  # fmt: skip
        return self.confirm

    def _start(self) -> None:
        server, user = self.server.text().strip(), self.user.text().strip()
        direction = str(self.direction.currentData())
        now = self.ctx.clock()
        col, password = self.col, self._password
        self.result_ = self.error = None
        self.status.setText(self.i18n.tr("ankisync.running"))
        self.progress.show()
        for w in (self.sync_button, self.close_button, self.server, self.user, self.password):
            w.setEnabled(False)
        self._task = self.ctx.ops.start(
            lambda _progress: sync(
                col,
                now,
                server=server or None,
                user=user or None,
                password=password,
                direction=direction,
                render_diagram=render_diagram_png,
            ),  # fmt: skip
            source=self,
        )
        assert self._task is not None  # not exclusive: always started
        self._task.succeeded.connect(self._succeeded)
        self._task.failed.connect(self._failed)
        self._task.finished.connect(self._finished)

    def _succeeded(self, result: object) -> None:
        assert isinstance(result, SyncResult)
        self.result_ = result
        self.status.setText(summary(self.i18n.tr, result))
        self.password.clear()

    def _failed(self, exc: object) -> None:
        self.error = exc if isinstance(exc, Exception) else None
        self.status.setText(str(exc))

    def _finished(self) -> None:
        self._task = None
        self.progress.hide()
        for w in (self.sync_button, self.close_button, self.server, self.user, self.password):
            w.setEnabled(True)

    def wait(self) -> None:
        """Block until a running sync is done (tests)."""
        if self._task is not None:
            self._task.wait()


def summary(tr: Callable[..., str], r: SyncResult) -> str:
    lines = []
    if r.direction == "none":
        lines.append(tr("ankisync.nothing"))
    if r.direction == "incremental":
        up, down = r.uploaded, r.downloaded
        lines.append(tr("ankisync.incremental", cards_out=up["cards"], reviews_out=up["reviews"],
                        cards_in=down["cards"], reviews_in=down["reviews"]))  # fmt: skip
    elif r.downloaded:
        lines.append(tr("ankisync.downloaded", cards=r.downloaded["cards"], added=r.added,
                        updated=r.updated, reviews=r.reviews_added))  # fmt: skip
    if r.sent_after_download:
        lines.append(tr("ankisync.sent_after_download", cards=r.sent_after_download["cards"],
                        reviews=r.sent_after_download["reviews"]))  # fmt: skip
    if r.uploaded and r.direction != "incremental":
        lines.append(tr("ankisync.uploaded", cards=r.uploaded["cards"],
                        reviews=r.uploaded["reviews"]))  # fmt: skip
    if r.media_uploaded or r.media_downloaded:
        lines.append(tr("ankisync.media", up=r.media_uploaded, down=r.media_downloaded))
    if r.media_deleted_here or r.media_deleted_there:
        lines.append(tr("ankisync.media_deleted", there=r.media_deleted_there,
                        here=r.media_deleted_here))  # fmt: skip
    return "\n".join(lines + r.warnings)


AUTO_TASK = "ankisync"  # the op runner's name for the sync at opening (one at a time)


def _kept_login(col: Collection) -> bool:
    if col.closed or not login.auto_sync(col):
        return False
    known = login.remembered(col)
    return bool(known.server and known.user and login.load_key(col, known.server, known.user))


def sync_on_open(ctx: AppContext) -> Task | None:
    """With "sync when srsapp opens and closes" on and a kept login: sync off the GUI thread;
    the outcome goes to the status bar. The task, or None when there is nothing to do."""
    col = ctx.col
    if not _kept_login(col):
        return None
    now = ctx.clock()
    task = ctx.ops.start(lambda _progress: sync(col, now, render_diagram=render_diagram_png),
                         exclusive=AUTO_TASK)  # fmt: skip
    if task is None:
        return None

    def done(result: object) -> None:
        if isinstance(result, SyncResult):
            ctx.shell.show_status(summary(ctx.i18n.tr, result).replace("\n", " · "), 10000)

    task.succeeded.connect(done)
    task.failed.connect(lambda exc: ctx.shell.show_status(str(exc), 10000))
    return task


def sync_on_close(ctx: AppContext) -> SyncResult | None:
    """With "sync when srsapp opens and closes" on and a kept login: sync now, after any
    running work (``app.run_gui`` calls it once the window has closed, before the collection
    is). A failure is printed, never stops the closing."""
    if not _kept_login(ctx.col):
        return None
    ctx.ops.wait_all()  # one sync at a time, and no import cut short
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return sync(ctx.col, ctx.clock(), render_diagram=render_diagram_png)
    except SyncError as exc:
        print(f"srsapp: sync on close: {exc}", file=sys.stderr)
        return None
    finally:
        QApplication.restoreOverrideCursor()
