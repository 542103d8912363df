"""The statistics dashboard: mastery per concept, the lifecycle diagram coloured by mastery,
review calendar, forecast, retention, card counts, knowledge over time, answer breakdowns.

The window holds the scope bar (deck, period), the concept tree (``dashboard_tree``) and the
panels (``dashboard_panels``), and loads the statistics off the GUI thread through the op
runner (``ctx.ops.start``); a busy bar appears when loading takes longer than 100 ms. A change
announced by the runner (a review, an import) reloads the statistics when the window is
active, or as soon as it becomes active again. Talks only to the service layer
(``srsapp.service.stats``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.diagrams import Diagram
from srsapp.core.errors import SrsError
from srsapp.service import sources
from srsapp.service import stats as svc
from srsapp.service.study.queue import Custom
from srsapp.ui import report
from srsapp.ui.context import AppContext
from srsapp.ui.dashboard_panels import (
    ButtonsPanel,
    CalendarPanel,
    CountsPanel,
    DiagramPanel,
    ForecastPanel,
    KnowledgePanel,
    Panel,
    RetentionPanel,
    ReviewsPanel,
)
from srsapp.ui.dashboard_tree import ConceptTree
from srsapp.ui.ops import OpChanges, Task

PERIOD_KEYS = ("month", "year", "all")
Path_ = tuple[str, ...]


class DashboardWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        # a window of its own, not kept above the main window (``parent`` is not its Qt
        # parent): studying a concept from here raises the main window over it
        super().__init__()
        self.ctx = ctx
        self.col = ctx.col
        self.i18n = ctx.i18n
        self._pending: dict[str, Task | None] = {}  # kind → the task whose result is wanted
        self._stale = False  # the collection changed while this window was not active
        self.stats: svc.DashboardStats | None = None
        self.history: svc.KnowledgeHistory | None = None
        self.concept_history: svc.KnowledgeHistory | None = None
        self.selected_concept: Path_ | None = None
        self.last_error: BaseException | None = None
        self._build()
        self.retranslate()
        self.resize(1280, 860)
        for keys in ("Escape", "Ctrl+W"):  # closes like every other tool window
            QShortcut(QKeySequence(keys), self).activated.connect(self.close)
        ctx.ops.changed.connect(self._on_changed)
        self.reload()

    # ---- layout

    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        bar = QHBoxLayout()
        self.scope_label = QLabel()
        self.deck_combo = QComboBox()
        self.period_label = QLabel()
        self.period_combo = QComboBox()
        self.refresh_button = QPushButton()
        self.export_button = QPushButton()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.hide()
        for w in (self.scope_label, self.deck_combo, self.period_label, self.period_combo):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.busy)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        outer.addLayout(bar)
        self.deck_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.period_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self._export_dialog)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.concepts = ConceptTree(self.i18n)
        self.concepts.studyRequested.connect(self.study)
        self.concepts.openCardsRequested.connect(self.open_cards)
        self.concepts.conceptSelected.connect(self._concept_selected)
        split.addWidget(self.concepts)

        i18n = self.i18n
        self.diagram = DiagramPanel(i18n, self._linked_diagram)
        self.diagram.conceptClicked.connect(self._diagram_clicked)
        self.calendar = CalendarPanel(i18n)
        self.forecast = ForecastPanel(i18n)
        self.reviews = ReviewsPanel(i18n, self._period_days)
        self.retention = RetentionPanel(i18n)
        self.counts = CountsPanel(i18n)
        self.knowledge = KnowledgePanel(i18n)
        self.buttons = ButtonsPanel(i18n)
        self.panels: list[Panel] = [
            self.diagram, self.calendar,
            self.forecast, self.reviews,
            self.retention, self.counts,
            self.knowledge, self.buttons,
        ]  # fmt: skip
        self.charts_widget = QWidget()
        grid = QGridLayout(self.charts_widget)
        grid.setSpacing(10)
        # two columns; the year calendar (53 weeks) and the knowledge lines over the whole
        # width: in one column the calendar's cells were 5 px and lost its month names
        places = {
            self.calendar: (0, 0, 1, 2),
            self.diagram: (1, 0, 1, 1),
            self.forecast: (1, 1, 1, 1),
            self.reviews: (2, 0, 1, 1),
            self.retention: (2, 1, 1, 1),
            self.counts: (3, 0, 1, 1),
            self.buttons: (3, 1, 1, 1),
            self.knowledge: (4, 0, 1, 2),
        }
        for panel in self.panels:
            grid.addWidget(panel, *places[panel])
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts_widget)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([380, 900])
        outer.addWidget(split, 1)
        self.setCentralWidget(central)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(lambda: self.busy.setVisible(bool(self._pending)))
        self._fill_scopes()

    def _linked_diagram(self) -> Diagram | None:
        """The first diagram the collection's notes link to."""
        links = sources.linked_diagrams(self.col)
        return sources.diagram(self.col, links[0][1]) if links else None

    def _fill_scopes(self) -> None:
        self.deck_combo.blockSignals(True)
        self.deck_combo.clear()
        self.deck_combo.addItem("", None)
        for deck_id, name in self.col.decks():
            self.deck_combo.addItem(name, deck_id)
        self.deck_combo.blockSignals(False)
        self.period_combo.blockSignals(True)
        for key in PERIOD_KEYS:
            self.period_combo.addItem("", key)
        self.period_combo.setCurrentIndex(1)
        self.period_combo.blockSignals(False)

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.setWindowTitle(tr("dash.title"))
        self.scope_label.setText(tr("dash.scope"))
        self.deck_combo.setItemText(0, tr("dash.all_decks"))
        self.period_label.setText(tr("dash.period"))
        for i, key in enumerate(PERIOD_KEYS):
            self.period_combo.setItemText(i, tr(f"dash.period.{key}"))
        self.refresh_button.setText(tr("dash.refresh"))
        self.export_button.setText(tr("dash.export"))
        self.concepts.retranslate()
        for panel in self.panels:
            panel.retranslate()
        if self.stats is not None:
            self._fill_all()

    # ---- loading

    def scope(self) -> tuple[int | None, str]:
        return self.deck_combo.currentData(), self.period_combo.currentData() or "year"

    def _period_days(self) -> int | None:
        return svc.PERIODS[self.scope()[1]]

    def _submit(self, kind: str, fn: Callable[[], Any]) -> None:
        task = self.ctx.ops.start(lambda _progress: fn())
        assert task is not None  # not exclusive: always started
        self._pending[kind] = task
        task.finished.connect(self._task_finished)
        self._busy_timer.start(100)

    def reload(self) -> None:
        self._stale = False
        deck_id, _period = self.scope()
        now, col = self.ctx.clock(), self.col
        # the first statistics alone: the history (heavier) would share the GIL with them
        # and delay the first paint; it starts once they are shown
        self._submit("fast", lambda: svc.dashboard_stats(col, now, deck_id, slow=False))
        self._pending["history"] = None  # announced, so is_loading() covers it already

    def _load_concept_history(self, path: Path_) -> None:
        deck_id, period = self.scope()
        now, col = self.ctx.clock(), self.col
        self._submit(
            "concept", lambda: svc.knowledge_history(col, now, deck_id, path, period=period)
        )

    def _task_finished(self, task: Task) -> None:
        kinds = [k for k, t in self._pending.items() if t is task]
        if not kinds:
            return  # superseded by a newer request
        kind = kinds[0]
        del self._pending[kind]
        self.busy.setVisible(bool(self._pending) and not self._busy_timer.isActive())
        if task.error is not None:
            if kind == "fast" and "history" in self._pending and self._pending["history"] is None:
                del self._pending["history"]  # it was never started
            self.last_error = task.error
            self.concepts.show_error(str(task.error))
        else:
            self._arrived(kind, task.result)

    def _arrived(self, kind: str, result: Any) -> None:
        if kind == "fast":
            self.stats = result
            self._fill_all()
            deck_id, period = self.scope()
            now, col, stats = self.ctx.clock(), self.col, result
            self._submit(
                "slow", lambda: svc.add_slow_parts(col, now, stats, deck_id, period=period)
            )
            self._submit("history", lambda: svc.knowledge_history(col, now, deck_id, period=period))
            if self.selected_concept:
                self._load_concept_history(self.selected_concept)
        elif kind == "slow":
            self.stats = result
            self.retention.fill(result)
            self.buttons.fill(result)
        elif kind == "history":
            self.history = result
            self._fill_knowledge()
        elif kind == "concept":
            self.concept_history = result
            self._fill_knowledge()

    def is_loading(self) -> bool:
        return bool(self._pending)

    def wait_until_loaded(self, history: bool = True, timeout_ms: int = 60000) -> None:
        """Process events until the statistics (and the history) have arrived (tests, bench)."""
        end = time.monotonic() + timeout_ms / 1000
        wanted = {"fast", "slow", "history", "concept"} if history else {"fast"}
        while time.monotonic() < end and (self.stats is None or wanted & set(self._pending)):
            QApplication.processEvents()
            time.sleep(0.002)

    def _on_changed(self, changes: OpChanges) -> None:
        """Reviews, edits, imports: the statistics are stale. Reload now if the learner is
        looking at this window, else when they come back to it."""
        if not changes.anything:
            return
        self._stale = True
        if self.isActiveWindow():
            self.reload()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self._stale:
            self.reload()

    # ---- filling

    def _fill_all(self) -> None:
        assert self.stats is not None
        self.concepts.fill(self.stats.concepts)
        for panel in self.panels:
            panel.fill(self.stats)

    def _fill_knowledge(self) -> None:
        if self.history is not None:
            self.knowledge.show_history(self.history)
        if self.concept_history is not None and self.selected_concept:
            self.knowledge.show_concept(self.selected_concept[-1], self.concept_history)

    # ---- interaction

    def _deck_for_review(self) -> int | None:
        deck_id = self.deck_combo.currentData()
        if deck_id is not None:
            return int(deck_id)
        decks = self.col.decks()
        return decks[0][0] if len(decks) == 1 else None

    def study(self, path: Path_) -> None:
        deck_id = self._deck_for_review()
        if deck_id is None:
            deck_id = self._deck_of_concept(path)
        if deck_id is not None:  # a concept asked for: all its due and unseen cards (custom
            # study beyond today's limits), not "finished for today" while it has unseen ones
            self.ctx.shell.open_review(deck_id, path, custom=Custom("beyond"))

    def _deck_of_concept(self, path: Path_) -> int | None:
        for deck_id, _name in self.col.decks():
            s = svc.dashboard_stats(self.col, self.ctx.clock(), deck_id, path, slow=False)
            if s.concepts:
                return deck_id
        return None

    def _concept_selected(self, path: Path_) -> None:
        if path != self.selected_concept:
            self.selected_concept = path
            self._load_concept_history(path)

    def _diagram_clicked(self, path: Path_) -> None:
        """A box or arrow of the diagram: show its concept in the tree and review its cards."""
        self.concepts.select_path(tuple(path))
        self.study(tuple(path))

    def open_cards(self, path: Path_) -> None:
        """Open the browser searching the concept's cards."""
        from srsapp.ui.browser import BrowserWindow

        browser = self.ctx.shell.open_tool(BrowserWindow)
        browser.search.setText('concept:"' + path[-1].replace('"', '\\"') + '"')
        browser.run_search()

    # ---- export

    def _export_dialog(self) -> None:
        tr = self.i18n.tr
        path, chosen = QFileDialog.getSaveFileName(
            self,
            tr("dash.export"),
            str(Path.home() / "srsapp-statistics.pdf"),
            tr("dash.export_filter"),
        )
        if not path:
            return
        if Path(path).suffix.lower() not in (".pdf", ".png"):
            path += ".png" if "png" in chosen.lower() else ".pdf"
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.export(path)
        except SrsError as exc:
            self.ctx.shell.show_error(exc)
        finally:
            QApplication.restoreOverrideCursor()

    def export(self, path: str) -> int:
        """A report of the scope chosen (deck, period) as a PDF (A4 pages) or one tall PNG:
        every panel at the page's full width, whatever the window's size or scroll position.
        Returns the number of pages."""
        deck_id, period = self.scope()
        data = report.collect(
            self.col,
            self.ctx.clock(),
            self.i18n,
            deck_id,
            period=period,
            scope=self.deck_combo.currentText(),
        )
        return report.write_report(data, self.i18n, path)
