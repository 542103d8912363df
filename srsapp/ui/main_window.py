"""The main window: deck list with today's counts, menus, status bar.

Screens that other modules provide (review, browser, statistics, preferences...)
are opened through ``open_tool``: a module in ``srsapp.ui`` exposing a widget
class built as ``Class(window)``; it reads ``window.col``, ``window.i18n`` and
``window.clock``. A tool whose module is missing has its action hidden.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QFileSystemWatcher, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from srsapp import __version__
from srsapp.core.errors import SrsError
from srsapp.service.collection import Collection
from srsapp.service.reports import DeckCounts
from srsapp.ui.i18n import I18n, sync_details

Clock = Callable[[], datetime]

NEW_COLOR, LEARN_COLOR, DUE_COLOR = "#2f6fd6", "#c9482b", "#2e8b3a"


def system_clock() -> datetime:
    return datetime.now(UTC)


class DeckList(QWidget):
    """Anki's deck browser: one row per deck with New / Learn / Due, and a Study button."""

    studyRequested = Signal(int)

    def __init__(self, i18n: I18n, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.i18n = i18n
        self._counts: list[DeckCounts] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        self.welcome = QLabel()
        self.welcome.setWordWrap(True)
        self.welcome.setObjectName("welcome")
        layout.addWidget(self.welcome)
        self.table = QTableWidget(0, 4)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(72)  # room for the counts and their headers
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self._study())
        layout.addWidget(self.table, 1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        row.addStretch(1)
        self.study_button = QPushButton()
        self.study_button.setDefault(True)
        self.study_button.clicked.connect(self._study)
        row.addWidget(self.study_button)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.table.setHorizontalHeaderLabels(
            [tr("decks.deck"), tr("decks.new"), tr("decks.learn"), tr("decks.due")]
        )
        self.welcome.setText(tr("welcome"))
        self.empty.setText(tr("decks.empty"))
        self.study_button.setText(tr("decks.study"))

    def set_counts(self, counts: list[DeckCounts]) -> None:
        selected = self.selected_deck()
        self._counts = counts
        self.table.setRowCount(len(counts))
        for r, c in enumerate(counts):
            name = QTableWidgetItem(c.name)
            name.setData(Qt.ItemDataRole.UserRole, c.id)
            self.table.setItem(r, 0, name)
            for col, (value, color) in enumerate(
                ((c.new, NEW_COLOR), (c.learn, LEARN_COLOR), (c.review, DUE_COLOR)), start=1
            ):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if value:
                    item.setForeground(_brush(color))
                self.table.setItem(r, col, item)
        self.empty.setVisible(not counts)
        self.study_button.setEnabled(bool(counts))
        ids = [c.id for c in counts]
        self.table.selectRow(ids.index(selected) if selected in ids else 0)

    def selected_deck(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._study()
            return
        super().keyPressEvent(event)

    def _study(self) -> None:
        deck = self.selected_deck()
        if deck is not None:
            self.studyRequested.emit(deck)


def _brush(color: str) -> Any:
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor(color))


TOOLS = [
    # (action key, module, class, shortcut, menu)
    ("action.browse", "srsapp.ui.browser", "BrowserWindow", "B", "tools"),
    ("action.stats", "srsapp.ui.dashboard", "DashboardWindow", "S", "tools"),
    ("action.check", "srsapp.ui.check", "CheckDialog", "", "tools"),
    ("action.optimize", "srsapp.ui.optimize", "OptimizeDialog", "", "tools"),
    ("action.workload", "srsapp.ui.workload", "WorkloadDialog", "", "tools"),
    ("action.preferences", "srsapp.ui.preferences", "PreferencesDialog", "Ctrl+P", "tools"),
]


class MainWindow(QMainWindow):
    countsChanged = Signal()

    def __init__(
        self,
        col: Collection,
        *,
        clock: Clock = system_clock,
        lang: str = "en",
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.col = col
        self.clock = clock
        self.i18n = I18n(lang)
        self.qsettings = settings or QSettings(
            str(col.data_dir / "window.ini"), QSettings.Format.IniFormat
        )
        self._tools: dict[str, QWidget] = {}
        self._actions: dict[str, QAction] = {}
        self.stack = QStackedWidget()
        self.deck_list = DeckList(self.i18n)
        self.deck_list.studyRequested.connect(self.open_review)
        self.stack.addWidget(self.deck_list)
        self.setCentralWidget(self.stack)
        self.setAcceptDrops(True)  # files dropped on the window are imported (ui.transfer)
        self.transfer: Any = None
        self._build_menus()
        self.retranslate()
        geometry = self.qsettings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(900, 620)
        # Notes edited in another program are re-synced as soon as they are saved.
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._notes_changed)
        self._pending: set[str] = set()
        self._sync_timer = QTimer(self, singleShot=True, interval=400)
        self._sync_timer.timeout.connect(self._sync_pending)
        self.refresh()
        self.deck_list.table.setFocus()

    # ---- watching notes files

    def _watch_sources(self) -> None:
        paths = [p for p in self.col.notes_sources() if Path(p).is_file()]
        missing = [p for p in paths if p not in self._watcher.files()]
        if missing:
            self._watcher.addPaths(missing)

    def _notes_changed(self, path: str) -> None:
        self._pending.add(path)
        self._sync_timer.start()  # editors save in several steps: wait for the last one

    def _sync_pending(self) -> None:
        paths, self._pending = sorted(self._pending), set()
        for path in paths:
            if Path(path).is_file():
                self.sync_notes(path)
        self._watch_sources()  # an editor that replaces the file drops the old watch

    # ---- menus

    def _add_action(self, menu: Any, key: str, slot: Callable[[], Any], shortcut: str = "") -> QAction:
        action = QAction(self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self._actions[key] = action
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.tools_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self._add_action(self.file_menu, "action.sync_notes", self.sync_notes_dialog, "Ctrl+Shift+S")
        self._add_action(self.file_menu, "action.import", self._transfer("import_dialog"), "Ctrl+Shift+I")
        self._add_action(self.file_menu, "action.export", self._transfer("export_dialog"), "Ctrl+E")
        self._add_action(self.file_menu, "action.export_diagram", self.export_diagram_dialog)
        self._add_action(self.file_menu, "action.sync_anki",
                         lambda: self.open_tool("srsapp.ui.ankisync", "SyncDialog"), "Ctrl+Y")  # fmt: skip
        self.file_menu.addSeparator()
        self._add_action(
            self.file_menu,
            "action.restore",
            lambda: self.open_tool("srsapp.ui.restore", "RestoreDialog"),
        )
        self.file_menu.addSeparator()
        self._add_action(self.file_menu, "action.quit", self.close, "Ctrl+Q")
        for key, module, cls, shortcut, _menu in TOOLS:
            if importlib.util.find_spec(module) is None:
                continue
            self._add_action(
                self.tools_menu,
                key,
                lambda m=module, c=cls: self.open_tool(m, c),
                shortcut,
            )
        self._add_action(self.help_menu, "action.shortcuts", self._show_shortcuts, "F1")
        self._add_action(self.help_menu, "action.about", self._show_about)

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.setWindowTitle(tr("app.title"))
        self.file_menu.setTitle(tr("menu.file"))
        self.tools_menu.setTitle(tr("menu.tools"))
        self.help_menu.setTitle(tr("menu.help"))
        for key, action in self._actions.items():
            action.setText(tr(key))
        self.deck_list.retranslate()
        for w in [self.stack.widget(i) for i in range(self.stack.count())] + list(
            self._tools.values()
        ):
            if w is not self.deck_list and hasattr(w, "retranslate"):
                w.retranslate()
        self._update_status()

    def set_language(self, lang: str) -> None:
        self.i18n.lang = lang
        self.retranslate()

    # ---- state

    def refresh(self) -> None:
        self.deck_list.set_counts(self.col.deck_counts(self.clock()))
        self._watch_sources()
        self._update_status()
        self.countsChanged.emit()

    def _update_status(self) -> None:
        counts = self.deck_list._counts
        due = sum(c.new + c.learn + c.review for c in counts)
        self.statusBar().showMessage(
            self.i18n.tr("status.due_today", due=due, path=str(self.col.data_dir))
        )

    def show_error(self, exc: Exception) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.i18n.tr("dialog.error"), str(exc),
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)  # file, deck and concept names are no markup
        box.exec()

    # ---- actions

    def sync_notes_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.i18n.tr("action.sync_notes"), str(Path.home()), self.i18n.tr("dialog.notes_filter")
        )
        if path:
            self.sync_notes(path)

    def sync_notes(self, path: str) -> None:
        try:
            report = self.col.sync_notes(path, now=self.clock())
        except SrsError as exc:
            self.show_error(exc)
            return
        self.refresh()
        lines = [self.i18n.tr("status.synced", **report.as_dict())]
        lines += sync_details(self.i18n.tr, report)
        self.statusBar().showMessage(" · ".join(lines), 10000)

    def export_diagram_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.i18n.tr("action.export_diagram"), str(Path.home() / "diagram.svg"),
            "SVG (*.svg);;PNG (*.png)",
        )  # fmt: skip
        if path:
            self.export_diagram(path)

    def export_diagram(self, path: str, width: int = 1600, height: int = 940) -> Path | None:
        """Draw the diagram the notes link to, coloured by mastery, to an .svg or .png."""
        from srsapp.core.mastery import diagram_overlay
        from srsapp.service.stats import dashboard_stats
        from srsapp.ui.diagram import render_png, render_svg

        links = self.col.linked_diagrams()
        if not links or Path(path).suffix.lower() not in (".svg", ".png"):
            self.show_error(SrsError(self.i18n.tr("diagram.cannot_export"), path))
            return None
        try:
            diagram = self.col.diagram(links[0][1])
            concepts = dashboard_stats(self.col, self.clock(), slow=False).concepts
            overlay = diagram_overlay(diagram, concepts)
            focus: dict[str, Any] = {"lang": self.i18n.lang}
            if overlay is not None:
                focus = {"mastery": overlay.mastery, "parent_path": overlay.parent,
                         "lang": overlay.lang}  # fmt: skip
            render = render_svg if path.lower().endswith(".svg") else render_png
            written = render(diagram, path, width, height, **focus)
        except (SrsError, OSError) as exc:
            self.show_error(exc)
            return None
        self.statusBar().showMessage(str(written), 10000)
        return written

    def open_review(self, deck_id: int, concept: tuple[str, ...] | None = None) -> None:
        if importlib.util.find_spec("srsapp.ui.review") is None:
            return
        from srsapp.ui.review import ReviewWidget

        widget = ReviewWidget(self, deck_id=deck_id, concept=concept)
        widget.finished.connect(self.close_review)
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        widget.setFocus()

    def close_review(self) -> None:
        current = self.stack.currentWidget()
        self.stack.setCurrentWidget(self.deck_list)
        if current is not self.deck_list:
            self.stack.removeWidget(current)
            current.deleteLater()
        self.refresh()
        self.deck_list.table.setFocus()

    def open_tool(self, module: str, cls: str) -> QWidget:
        widget = self._tools.get(module)
        if widget is None or not widget.isVisible():
            klass = getattr(importlib.import_module(module), cls)
            widget = klass(self)
            self._tools[module] = widget
        widget.show()
        widget.raise_()
        widget.activateWindow()
        return widget

    def _show_about(self) -> None:
        QMessageBox.about(self, self.i18n.tr("action.about"), self.i18n.tr("about.text", version=__version__))

    def _show_shortcuts(self) -> None:
        QMessageBox.information(self, self.i18n.tr("action.shortcuts"), self.i18n.tr("shortcuts.text"))

    def _transfer(self, name: str) -> Callable[[], Any]:
        return lambda: getattr(importlib.import_module("srsapp.ui.transfer"), name)(self)

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        from srsapp.ui.transfer import drop_paths, importable

        if any(importable(p) for p in drop_paths(event.mimeData())):
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        from srsapp.ui.transfer import drop_paths, import_paths

        paths = drop_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            import_paths(self, paths)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        self.qsettings.setValue("geometry", self.saveGeometry())
        self.qsettings.sync()
        for w in self._tools.values():
            w.close()
        super().closeEvent(event)
