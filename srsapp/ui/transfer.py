"""File → Import… / Export… dialogs, drag and drop of files, the work off the GUI thread.

The import or export runs off the GUI thread (``ctx.ops.start``, one transfer at a time) with
a progress dialog; the collection is left alone by the GUI until it finishes, then the op
runner announces the change (the screens refresh) and a summary is shown (status bar, plus a
message box when asked for). The format
comes from the file's extension, as in ``service.transfer``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service.transfer import EXPORT_FORMATS, IMPORT_FORMATS
from srsapp.ui.context import AppContext
from srsapp.ui.diagram_png import render_diagram_png
from srsapp.ui.i18n import sync_details
from srsapp.ui.ops import NOTHING, Changes, Progress, Task

PROGRESS_AFTER_MS = 400  # the progress dialog appears only for work that takes longer
EXCLUSIVE = "transfer"  # the op runner's name for the one running import or export


def importable(path: str | Path) -> bool:
    return Path(path).suffix.lower() in IMPORT_FORMATS


@dataclass
class TransferOutcome:
    reports: list[Any] = field(default_factory=list)  # one per file done
    errors: list[str] = field(default_factory=list)  # the failure that stopped the rest

    @property
    def changes(self) -> Changes:
        """What the files done changed (an import that failed wrote nothing)."""
        changes = NOTHING
        for report in self.reports:
            changes |= getattr(report, "changes", NOTHING)
        return changes


Job = Callable[[Progress], Any]


def _run_jobs(jobs: Sequence[Job], progress: Progress) -> TransferOutcome:
    """Run ``jobs`` one after the other (off the GUI thread); a failure stops the rest."""
    outcome = TransferOutcome()
    try:
        for job in jobs:
            outcome.reports.append(job(progress))
    except SrsError as exc:
        outcome.errors.append(str(exc))
    except Exception as exc:  # noqa: BLE001 (an unexpected failure must still reach the user)
        outcome.errors.append(f"{type(exc).__name__}: {exc}")
    return outcome


class Transfer(QObject):
    """One running import/export: its task (``ctx.ops``), progress dialog and summary."""

    finished = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget, label: str, task: Task, *, summary_box: bool
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_ = parent
        self.summary_box = summary_box
        self.task = task
        self.outcome = TransferOutcome()
        self.summary: QMessageBox | None = None  # the summary box shown, if any
        self.progress = QProgressDialog(label, "", 0, 0, parent)
        self.progress.setCancelButton(None)  # None: no button
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(PROGRESS_AFTER_MS)
        self.progress.setAutoClose(False)
        task.progressed.connect(self._on_progress)
        task.finished.connect(self._on_done)

    @property
    def reports(self) -> list[Any]:
        return self.outcome.reports

    @property
    def errors(self) -> list[str]:
        return self.outcome.errors

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _on_done(self, task: Task) -> None:
        if isinstance(task.result, TransferOutcome):
            self.outcome = task.result
        elif task.error is not None:
            self.outcome.errors.append(str(task.error))
        self.progress.reset()
        self.progress.close()
        tr = self.ctx.i18n.tr
        lines = [_summary(tr, r) for r in self.reports]
        warnings = [w for r in self.reports for w in r.warnings]
        text = "\n".join(lines + self.errors)
        if text:
            self.ctx.shell.show_status(text.replace("\n", " · "), 15000)
        if self.errors:
            box = QMessageBox(QMessageBox.Icon.Warning, tr("dialog.error"), text,
                              QMessageBox.StandardButton.Ok, self.parent_)  # fmt: skip
            box.setTextFormat(Qt.TextFormat.PlainText)  # file and deck names are no markup
            box.exec()
        elif self.summary_box:
            if warnings:
                text += "\n\n" + tr("transfer.warnings", count=len(warnings)) + "\n"
                text += "\n".join(warnings[:20])
            box = QMessageBox(QMessageBox.Icon.Information, tr("transfer.done"), text,
                              QMessageBox.StandardButton.Ok, self.parent_)  # fmt: skip
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.summary = box  # tests read it
        self.finished.emit()
        self.deleteLater()


def _summary(tr: Callable[..., str], report: Any) -> str:
    name = Path(report.path).name
    if hasattr(report, "added"):
        text = tr("transfer.imported", name=name, added=report.added, updated=report.updated,
                  skipped=report.skipped, revlog=report.revlog, media=report.media)  # fmt: skip
        return "\n".join([text, *sync_details(tr, report)]) if report.format == "notes" else text
    return tr("transfer.exported", name=name, notes=report.notes, cards=report.cards,
              revlog=report.revlog, media=report.media)  # fmt: skip


def _start(
    ctx: AppContext, parent: QWidget, label: str, jobs: list[Job], *, imports: bool,
    summary_box: bool,
) -> Transfer | None:  # fmt: skip
    """One transfer at a time: the collection is left to it until it is done."""
    task = ctx.ops.start(
        lambda progress: _run_jobs(jobs, progress),
        changes=(lambda outcome: outcome.changes) if imports else NOTHING,
        exclusive=EXCLUSIVE,
    )
    if task is None:
        QMessageBox.information(parent, ctx.i18n.tr("dialog.error"),
                                ctx.i18n.tr("transfer.busy"))  # fmt: skip
        return None
    return Transfer(ctx, parent, label, task, summary_box=summary_box)


def import_paths(
    ctx: AppContext, paths: Sequence[str | Path], *, parent: QWidget, deck: str | None = None,
    summary_box: bool = True,
) -> Transfer | None:  # fmt: skip
    """Import files (dropped or chosen) off the GUI thread; unknown types are reported."""
    tr = ctx.i18n.tr
    good = [Path(p) for p in paths if importable(p)]
    bad = [Path(p).name for p in paths if not importable(p)]
    if bad:
        ctx.shell.show_status(tr("transfer.unknown_type", name=", ".join(bad)), 10000)
    if not good:
        return None
    col, clock = ctx.col, ctx.clock

    def job(path: Path) -> Job:
        return lambda progress: col.import_file(path, deck=deck, now=clock(), progress=progress)

    label = tr("transfer.importing", name=", ".join(p.name for p in good))
    return _start(ctx, parent, label, [job(p) for p in good], imports=True,
                  summary_box=summary_box)  # fmt: skip


def export_path(
    ctx: AppContext, path: str | Path, *, parent: QWidget, deck: str | None, scheduling: bool,
    summary_box: bool = True, notes: bool = False,
) -> Transfer | None:  # fmt: skip
    col, clock = ctx.col, ctx.clock
    path = Path(path)

    def job(progress: Progress) -> Any:
        # the pictures of diagram cards: in a package, or named as a package names them
        render = (
            render_diagram_png if notes or path.suffix.lower() in (".apkg", ".colpkg") else None
        )
        return col.export_file(path, deck=deck, scheduling=scheduling, now=clock(),
                               progress=progress, render_diagram=render, notes=notes)  # fmt: skip

    label = ctx.i18n.tr("transfer.exporting", name=path.name)
    return _start(ctx, parent, label, [job], imports=False, summary_box=summary_box)


class TransferDialog(QDialog):
    """File, deck and (export) "include scheduling": the options of one import or export."""

    def __init__(self, ctx: AppContext, parent: QWidget, *, export: bool) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_ = parent
        self.export = export
        tr = ctx.i18n.tr
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
        for _id, name in ctx.col.decks():
            self.deck.addItem(name, name)
        form.addRow(tr("transfer.deck"), self.deck)
        self.scheduling = QCheckBox(tr("transfer.scheduling"))
        self.scheduling.setChecked(True)
        self.scheduling.setVisible(export)
        if export:
            form.addRow("", self.scheduling)
        # a text export: one Basic row per card, or Anki's notes in plain text
        self.text_rows = QComboBox()
        self.text_rows.addItem(tr("transfer.rows_cards"), False)
        self.text_rows.addItem(tr("transfer.rows_notes"), True)
        self.text_hint = QLabel()
        self.text_hint.setWordWrap(True)
        self.text_hint.setEnabled(False)  # greyed, as a hint
        # room for the longer hint in either language: the dialog does not jump as it changes
        self.text_hint.setMinimumHeight(self.text_hint.fontMetrics().lineSpacing() * 3 + 4)
        self.text_rows.currentIndexChanged.connect(self._validate)
        if export:
            form.addRow(tr("transfer.text_rows"), self.text_rows)
            form.addRow("", self.text_hint)
        else:
            self.text_rows.hide()
            self.text_hint.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if export:
            self.setMinimumWidth(600)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.path.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        suffix = Path(self.path.text().strip()).suffix.lower()
        table = EXPORT_FORMATS if self.export else IMPORT_FORMATS
        self.ok.setEnabled(suffix in table)
        self.scheduling.setEnabled(suffix in (".apkg", ".colpkg"))
        text = self.export and EXPORT_FORMATS.get(suffix) == "text"
        self.text_rows.setEnabled(text)
        tr = self.ctx.i18n.tr
        hint = "transfer.rows_notes_hint" if self.by_note() else "transfer.rows_cards_hint"
        self.text_hint.setText(tr(hint) if text else "")

    def by_note(self) -> bool:
        """A text export written one row per note (Anki's "Notes in Plain Text")."""
        return bool(self.text_rows.currentData())

    def _browse(self) -> None:
        tr = self.ctx.i18n.tr
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
            notes = self.text_rows.isEnabled() and self.by_note()
            return export_path(self.ctx, path, parent=self.parent_, deck=self.chosen_deck(),
                               scheduling=self.scheduling.isChecked(), notes=notes)  # fmt: skip
        return import_paths(self.ctx, [path], parent=self.parent_, deck=self.chosen_deck())


def import_dialog(ctx: AppContext, parent: QWidget) -> None:
    dialog = TransferDialog(ctx, parent, export=False)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        dialog.run()


def export_dialog(ctx: AppContext, parent: QWidget) -> None:
    dialog = TransferDialog(ctx, parent, export=True)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        dialog.run()


def drop_paths(mime: QMimeData) -> list[str]:
    """Local files among dropped URLs."""
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
