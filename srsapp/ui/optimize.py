"""Tools → Optimize FSRS parameters: fit the memory model to the learner's own review log.

The work (``service.optimize.optimize_collection``, or ``evaluate_collection`` for "Evaluate
current") runs off the GUI thread (``ctx.ops.start``) with a busy progress bar (fsrs-rs reports no progress).
The result shows default / current / fitted log loss and RMSE(bins), whether the fitted parameters
were kept and how many due dates moved; a too-small history is a plain message, not an error box.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SchedulingError
from srsapp.core.fitting import optimize
from srsapp.core.fitting.optimize import Metrics
from srsapp.service.optimize import evaluate_collection, optimize_collection
from srsapp.service.reports import OptimizeReport
from srsapp.ui.context import AppContext
from srsapp.ui.heading import add_heading
from srsapp.ui.ops import Task
from srsapp.ui.pyside_guard import protect_none

protect_none()  # PySide6 6.12.0 on CPython 3.11 leaks None on every void call

ROWS = ("default", "current", "fitted")
_TOO_LITTLE = re.compile(r"need at least (\d+) reviews, have (\d+)")


def format_log_loss(m: Metrics) -> str:
    return f"{m.log_loss:.4f}"


def format_rmse(m: Metrics) -> str:
    return f"{m.rmse_bins * 100:.2f}%"


class OptimizeDialog(QDialog):
    """Fit the parameters (or evaluate the current ones) and show how well they predict."""

    finished_work = Signal(object)  # the OptimizeReport, (items, Metrics) or the exception

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        min_reviews: int = optimize.MIN_REVIEWS,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.col = ctx.col
        self.i18n = ctx.i18n
        self.min_reviews = min_reviews
        self.report: OptimizeReport | None = None
        self.evaluation: tuple[int, Metrics] | None = None
        self.error: Exception | None = None
        self._task: Task | None = None
        self._mode = ""
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(600)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        self.title, self.intro = add_heading(self, layout)
        self.history = QLabel()
        self.history.setWordWrap(True)
        layout.addWidget(self.history)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: fsrs-rs gives no progress callback
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)

        self.results = QFrame()
        self.results.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.results)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 1)
        self.headers = [QLabel() for _ in range(3)]
        bold = QFont(self.font())
        bold.setBold(True)
        for c, label in enumerate(self.headers):
            label.setFont(bold)
            if c:
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, 0, c)
        self.row_labels: dict[str, QLabel] = {}
        self.cells: dict[tuple[str, str], QLabel] = {}
        for r, name in enumerate(ROWS, start=1):
            self.row_labels[name] = QLabel()
            grid.addWidget(self.row_labels[name], r, 0)
            for c, column in enumerate(("log_loss", "rmse"), start=1):
                cell = QLabel("—")
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.cells[(name, column)] = cell
                grid.addWidget(cell, r, c)
        self.measured = QLabel()
        self.measured.setWordWrap(True)
        grid.addWidget(self.measured, len(ROWS) + 1, 0, 1, 3)
        self.results.hide()
        layout.addWidget(self.results)

        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # an error names a file
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        self.evaluate_button = QPushButton()
        self.evaluate_button.clicked.connect(self.run_evaluate)
        buttons.addWidget(self.evaluate_button)
        buttons.addStretch(1)
        self.optimize_button = QPushButton()
        self.optimize_button.setDefault(True)
        self.optimize_button.clicked.connect(self.run_optimize)
        buttons.addWidget(self.optimize_button)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.optimize_button.setFocus()
        self.retranslate()

    # ---- text

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.setWindowTitle(tr("optimize.title"))
        self.title.setText(tr("optimize.title"))
        self.intro.setText(tr("optimize.intro"))
        self.history.setText(
            tr("optimize.history", reviews=f"{self.col.revlog_count():,}", need=self.min_reviews)
        )
        self.headers[0].setText(tr("optimize.parameters"))
        self.headers[1].setText(tr("optimize.log_loss"))
        self.headers[2].setText(tr("optimize.rmse"))
        for name, label in self.row_labels.items():
            label.setText(tr(f"optimize.{name}"))
        self.evaluate_button.setText(tr("optimize.evaluate"))
        self.optimize_button.setText(tr("optimize.run"))
        self.close_button.setText(tr("optimize.close"))
        if self._task is not None:
            self.status.setText(tr(f"optimize.{self._mode}"))
        self._show_outcome()

    # ---- work

    def is_busy(self) -> bool:
        return self._task is not None

    def run_optimize(self) -> None:
        now = self.ctx.clock()
        min_reviews = self.min_reviews
        self._start("running", lambda: optimize_collection(self.col, now, min_reviews=min_reviews))

    def run_evaluate(self) -> None:
        self._start("evaluating", lambda: evaluate_collection(self.col))

    def _start(self, mode: str, fn: Callable[[], object]) -> None:
        if self._task is not None:
            return
        self._mode = mode
        self.report = self.evaluation = self.error = None
        self.message.hide()
        self.results.hide()
        self.status.setText(self.i18n.tr(f"optimize.{mode}"))
        self.status.show()
        self.progress.show()
        for b in (self.evaluate_button, self.optimize_button, self.close_button):
            b.setEnabled(False)
        self._task = self.ctx.ops.start(lambda _progress: fn(), source=self)
        assert self._task is not None  # not exclusive: always started
        self._task.succeeded.connect(self._succeeded)
        self._task.failed.connect(self._failed)
        self._task.finished.connect(self._task_finished)
        self.fit_height()

    def _succeeded(self, result: object) -> None:
        if isinstance(result, OptimizeReport):
            self.report = result
        else:
            self.evaluation = result  # type: ignore[assignment]
        self._done(result)

    def _failed(self, exc: object) -> None:
        self.error = exc if isinstance(exc, Exception) else RuntimeError(str(exc))
        self._done(self.error)

    def _done(self, outcome: object) -> None:
        self.progress.hide()
        self.status.hide()
        for b in (self.evaluate_button, self.optimize_button, self.close_button):
            b.setEnabled(True)
        self._show_outcome()
        self.fit_height()
        self.finished_work.emit(outcome)

    def _task_finished(self) -> None:
        self._task = None

    def wait_for_work(self) -> None:
        """Block until running work is done (closing must not abandon a database write)."""
        if self._task is not None:
            self._task.wait()

    # ---- showing the outcome

    def fit_height(self) -> None:
        """Make the dialog tall enough for its wrapped text at its current width (never clip)."""
        layout = self.layout()
        assert layout is not None  # built in __init__
        width = max(self.width(), self.minimumWidth())
        if layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = layout.totalSizeHint().height()
        self.resize(width, height)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.fit_height()

    def _set_row(self, name: str, m: Metrics | None, *, emphasis: bool = False) -> None:
        for column, text in (
            ("log_loss", format_log_loss(m) if m else "—"),
            ("rmse", format_rmse(m) if m else "—"),
        ):
            cell = self.cells[(name, column)]
            cell.setText(text)
            font = QFont(self.font())
            font.setBold(emphasis)
            cell.setFont(font)

    def _show_outcome(self) -> None:
        tr = self.i18n.tr
        if self.report is not None:
            r = self.report
            self._set_row("default", r.default)
            self._set_row("current", r.current, emphasis=not r.kept)
            self._set_row("fitted", r.fitted, emphasis=r.kept)
            self.row_labels["fitted"].setToolTip(
                "w = " + ", ".join(f"{p:.4f}" for p in r.parameters)
            )
            self.measured.setText(
                tr(
                    "optimize.measured",
                    items=f"{r.items:,}",
                    cards=f"{r.cards:,}",
                    reviews=f"{r.reviews:,}",
                )
            )
            self.measured.show()
            if r.kept:
                text = tr("optimize.kept", updated=f"{r.cards_updated:,}", moved=f"{r.due_moved:,}")
            else:
                text = tr("optimize.not_kept")
            self._show_message(text)
            self.results.show()
        elif self.evaluation is not None:
            items, metrics = self.evaluation
            self._set_row("default", None)
            self._set_row("current", metrics, emphasis=True)
            self._set_row("fitted", None)
            self.row_labels["fitted"].setToolTip("")
            self.measured.hide()
            self._show_message(tr("optimize.evaluated", items=f"{items:,}"))
            self.results.show()
        elif self.error is not None:
            self._show_message(self.error_text(self.error), problem=True)

    def _show_message(self, text: str, *, problem: bool = False) -> None:
        self.message.setText(text)
        font = QFont(self.font())
        font.setBold(True)
        self.message.setFont(font)
        self.message.setProperty("problem", problem)
        self.message.show()

    def error_text(self, exc: Exception) -> str:
        tr = self.i18n.tr
        if isinstance(exc, SchedulingError):
            m = _TOO_LITTLE.search(str(exc))
            if m:
                return tr("optimize.too_little", need=m.group(1), have=m.group(2))
            if "no reviews" in str(exc):
                return tr("optimize.no_reviews")
        return tr("optimize.failed", error=str(exc))

    # ---- closing

    def reject(self) -> None:  # Esc
        if self._task is not None:
            return  # busy: the buttons are disabled too
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        if self._task is not None:
            self.wait_for_work()  # a database write must not be cut short
        super().closeEvent(event)
