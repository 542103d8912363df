"""File → Import… / Export… dialogs, drag and drop of files, the work off the GUI thread.

The import or export runs in a ``QThread`` (a ``TransferWorker``) with a progress dialog;
the window's collection is left alone by the GUI until it finishes, then the deck list is
refreshed and a summary shown (status bar, plus a message box when asked for). The format
comes from the file's extension, as in ``service.transfer``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QIODevice, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service.transfer import EXPORT_FORMATS, IMPORT_FORMATS
from srsapp.ui.i18n import sync_details

if TYPE_CHECKING:
    from srsapp.ui.main_window import MainWindow

PROGRESS_AFTER_MS = 400  # the progress dialog appears only for work that takes longer


def render_diagram_png(
    diagram: Any, highlight: str | None, hide: str | None, reveal: bool
) -> bytes:
    """PNG bytes of a diagram card's picture (question: the asked part hidden; answer: shown)."""
    from srsapp.ui.diagram import render_image

    image = render_image(diagram, 800, 560, highlight=highlight, hide=hide, reveal=reveal)
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buf, "PNG"):
        raise OSError("could not encode the diagram as PNG")
    return bytes(buf.data().data())


def importable(path: str | Path) -> bool:
    return Path(path).suffix.lower() in IMPORT_FORMATS


class TransferWorker(QObject):
    """Runs ``jobs`` (callables taking a progress callback) one after the other."""

    progressed = Signal(int, int)
    reported = Signal(object)  # one report per job
    failed = Signal(str)
    done = Signal()

    def __init__(self, jobs: Sequence[Callable[[Callable[[int, int], None]], Any]]) -> None:
        super().__init__()
        self.jobs = list(jobs)

    def run(self) -> None:
        try:
            for job in self.jobs:
                self.reported.emit(job(self.progressed.emit))
        except SrsError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # an unexpected failure must still reach the user
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        finally:
            self.done.emit()


class Transfer(QObject):
    """One running import/export for a window: thread, worker, progress dialog, summary."""

    finished = Signal()

    def __init__(
        self,
        window: MainWindow,
        label: str,
        jobs: Sequence[Callable[[Callable[[int, int], None]], Any]],
        *,
        summary_box: bool,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.summary_box = summary_box
        self.reports: list[Any] = []
        self.errors: list[str] = []
        self.summary: QMessageBox | None = None  # the summary box shown, if any
        self.thread = QThread()
        self.worker = TransferWorker(jobs)
        self.worker.moveToThread(self.thread)
        self.progress = QProgressDialog(label, "", 0, 0, window)
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(PROGRESS_AFTER_MS)
        self.progress.setAutoClose(False)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progress)
        self.worker.reported.connect(self.reports.append)
        self.worker.failed.connect(self.errors.append)
        self.worker.done.connect(self._on_done)

    def start(self) -> None:
        self.thread.start()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _on_done(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.progress.reset()
        self.progress.close()
        self.window.refresh()
        tr = self.window.i18n.tr
        lines = [_summary(tr, r) for r in self.reports]
        warnings = [w for r in self.reports for w in r.warnings]
        text = "\n".join(lines + self.errors)
        if text:
            self.window.statusBar().showMessage(text.replace("\n", " · "), 15000)
        if self.errors:
            box = QMessageBox(QMessageBox.Icon.Warning, tr("dialog.error"), text,
                              QMessageBox.StandardButton.Ok, self.window)  # fmt: skip
            box.setTextFormat(Qt.TextFormat.PlainText)  # file and deck names are no markup
            box.exec()
        elif self.summary_box:
            if warnings:
                text += "\n\n" + tr("transfer.warnings", count=len(warnings)) + "\n"
                text += "\n".join(warnings[:20])
            box = QMessageBox(QMessageBox.Icon.Information, tr("transfer.done"), text,
                              QMessageBox.StandardButton.Ok, self.window)  # fmt: skip
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.summary = box  # tests read it
        self.finished.emit()


def _summary(tr: Callable[..., str], report: Any) -> str:
    name = Path(report.path).name
    if hasattr(report, "added"):
        text = tr("transfer.imported", name=name, added=report.added, updated=report.updated,
                  skipped=report.skipped, revlog=report.revlog, media=report.media)  # fmt: skip
        return "\n".join([text, *sync_details(tr, report)]) if report.format == "notes" else text
    return tr("transfer.exported", name=name, notes=report.notes, cards=report.cards,
              revlog=report.revlog, media=report.media)  # fmt: skip


def _start(
    window: MainWindow, label: str, jobs: list[Any], *, summary_box: bool
) -> Transfer | None:
    current = getattr(window, "transfer", None)
    if current is not None:
        QMessageBox.information(window, window.i18n.tr("dialog.error"),
                                window.i18n.tr("transfer.busy"))  # fmt: skip
        return None
    transfer = Transfer(window, label, jobs, summary_box=summary_box)

    def clear() -> None:
        window.transfer = None  # type: ignore[attr-defined]

    transfer.finished.connect(clear)
    window.transfer = transfer  # type: ignore[attr-defined]
    transfer.start()
    return transfer


def import_paths(
    window: MainWindow, paths: Sequence[str | Path], *, deck: str | None = None,
    summary_box: bool = True,
) -> Transfer | None:  # fmt: skip
    """Import files (dropped or chosen) off the GUI thread; unknown types are reported."""
    tr = window.i18n.tr
    good = [Path(p) for p in paths if importable(p)]
    bad = [Path(p).name for p in paths if not importable(p)]
    if bad:
        window.statusBar().showMessage(tr("transfer.unknown_type", name=", ".join(bad)), 10000)
    if not good:
        return None
    col, clock = window.col, window.clock

    def job(path: Path) -> Callable[[Callable[[int, int], None]], Any]:
        return lambda progress: col.import_file(path, deck=deck, now=clock(), progress=progress)

    label = tr("transfer.importing", name=", ".join(p.name for p in good))
    return _start(window, label, [job(p) for p in good], summary_box=summary_box)


def export_path(
    window: MainWindow, path: str | Path, *, deck: str | None, scheduling: bool,
    summary_box: bool = True,
) -> Transfer | None:  # fmt: skip
    col, clock = window.col, window.clock
    path = Path(path)

    def job(progress: Callable[[int, int], None]) -> Any:
        render = render_diagram_png if path.suffix.lower() in (".apkg", ".colpkg") else None
        return col.export_file(path, deck=deck, scheduling=scheduling, now=clock(),
                               progress=progress, render_diagram=render)  # fmt: skip

    label = window.i18n.tr("transfer.exporting", name=path.name)
    return _start(window, label, [job], summary_box=summary_box)


class TransferDialog(QDialog):
    """File, deck and (export) "include scheduling": the options of one import or export."""

    def __init__(self, window: MainWindow, *, export: bool) -> None:
        super().__init__(window)
        self.window_ = window
        self.export = export
        tr = window.i18n.tr
        self.setWindowTitle(tr("transfer.export_title" if export else "transfer.import_title"))
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        browse = QPushButton(tr("transfer.browse"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        form.addRow(tr("transfer.file"), holder)
        self.deck = QComboBox()
        self.deck.setEditable(not export)
        self.deck.addItem(tr("transfer.all_decks" if export else "transfer.deck_from_file"), None)
        for _id, name in window.col.decks():
            self.deck.addItem(name, name)
        form.addRow(tr("transfer.deck"), self.deck)
        self.scheduling = QCheckBox(tr("transfer.scheduling"))
        self.scheduling.setChecked(True)
        self.scheduling.setVisible(export)
        if export:
            form.addRow("", self.scheduling)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.path.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        suffix = Path(self.path.text().strip()).suffix.lower()
        table = EXPORT_FORMATS if self.export else IMPORT_FORMATS
        self.ok.setEnabled(suffix in table)
        self.scheduling.setEnabled(suffix in (".apkg", ".colpkg"))

    def _browse(self) -> None:
        tr = self.window_.i18n.tr
        if self.export:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("transfer.export_title"), str(Path.home()), tr("transfer.export_filter")
            )
        else:
            path, _ = QFileDialog.getOpenFileName(
                self, tr("transfer.import_title"), str(Path.home()), tr("transfer.import_filter")
            )
        if path:
            self.path.setText(path)

    def chosen_deck(self) -> str | None:
        data = self.deck.currentData()
        if data is not None:
            return str(data)
        text = self.deck.currentText().strip()
        if (
            self.export
            or not text
            or self.deck.currentIndex() == 0
            and text == self.deck.itemText(0)
        ):
            return None
        return text

    def run(self) -> Transfer | None:
        path = self.path.text().strip()
        if self.export:
            return export_path(self.window_, path, deck=self.chosen_deck(),
                               scheduling=self.scheduling.isChecked())  # fmt: skip
        return import_paths(self.window_, [path], deck=self.chosen_deck())


def import_dialog(window: MainWindow) -> None:
    dialog = TransferDialog(window, export=False)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        dialog.run()


def export_dialog(window: MainWindow) -> None:
    dialog = TransferDialog(window, export=True)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        dialog.run()


def drop_paths(mime: Any) -> list[str]:
    """Local files among dropped URLs."""
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
