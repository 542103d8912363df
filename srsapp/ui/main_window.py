"""The main window: deck list with today's counts, menus, status bar.

It owns the ``AppContext`` every screen is built with (``Screen(ctx, parent)``) and plays its
``Shell``: errors, the status line, opening the review and the tools (``srsapp.ui.tools``).
It refreshes the deck list when the op runner announces a change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QFileSystemWatcher, QMimeData, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from srsapp import __version__
from srsapp.core.errors import SrsError
from srsapp.core.study_queue import PracticeQueue
from srsapp.service import sources
from srsapp.service.collection import Collection
from srsapp.service.study.queue import Custom
from srsapp.ui import tools
from srsapp.ui.context import AppContext, Clock, ScreenFactory, system_clock
from srsapp.ui.deck_list import DeckList
from srsapp.ui.i18n import I18n, sync_details
from srsapp.ui.ops import OpChanges, OpRunner
from srsapp.ui.qt_translations import use_qt_translations

W = TypeVar("W", bound=QWidget)

__all__ = ["MainWindow", "system_clock"]


class MainWindow(QMainWindow):
    def __init__(
        self,
        col: Collection,
        *,
        clock: Clock = system_clock,
        lang: str = "en",
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        use_qt_translations(lang)  # Qt's own buttons and dialogs in the UI's language
        self.ops = OpRunner(self)
        self.ctx = AppContext(col=col, clock=clock, i18n=I18n(lang), ops=self.ops, shell=self)
        self.ops.changed.connect(self._on_changed)
        self.qsettings = settings or QSettings(
            str(col.data_dir / "window.ini"), QSettings.Format.IniFormat
        )
        self._tools: dict[str, QWidget] = {}
        self._actions: dict[str, QAction] = {}
        self._stale = False  # a change arrived while the deck list was not shown
        self.stack = QStackedWidget()
        self.deck_list = DeckList(self.ctx, settings=self.qsettings)
        self.deck_list.studyRequested.connect(self.open_review)
        self.deck_list.addRequested.connect(self.add_card)
        self.stack.addWidget(self.deck_list)
        self.setCentralWidget(self.stack)
        self.setAcceptDrops(True)  # files dropped on the window are imported (ui.transfer)
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
        paths = [p for p in sources.notes_sources(self.ctx.col) if Path(p).is_file()]
        missing = [p for p in paths if p not in self._watcher.files()]
        if missing:
            self._watcher.addPaths(missing)
        gone = [p for p in self._watcher.files() if p not in paths]  # its deck was deleted
        if gone:
            self._watcher.removePaths(gone)

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

    def _add_action(
        self, menu: QMenu, key: str, slot: Callable[[], object], shortcut: str = ""
    ) -> QAction:
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
        self.edit_menu = bar.addMenu("")
        self.tools_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self._add_action(
            self.file_menu, "action.sync_notes", self.sync_notes_dialog, "Ctrl+Shift+S"
        )
        self._add_action(self.file_menu, "action.import", self.import_dialog, "Ctrl+Shift+I")
        self._add_action(self.file_menu, "action.export", self.export_dialog, "Ctrl+E")
        self._add_action(self.file_menu, "action.export_diagram", self.export_diagram_dialog)
        self._add_action(
            self.file_menu, "action.sync_anki", self._opener(tools.sync_dialog), "Ctrl+Y"
        )
        self.file_menu.addSeparator()
        self._add_action(self.file_menu, "action.restore", self._opener(tools.restore_dialog))
        self.file_menu.addSeparator()
        self._add_action(self.file_menu, "action.quit", self.close, "Ctrl+Q")
        self._add_action(self.edit_menu, "action.undo", self.undo, "Ctrl+Z")
        self._add_action(self.tools_menu, "action.add", self.add_card, "A")
        self._add_action(self.tools_menu, "action.custom_study", self.custom_study, "/")
        for key, tool, shortcut in tools.TOOLS:
            self._add_action(self.tools_menu, key, self._opener(tool), shortcut)
        self._add_action(self.help_menu, "action.shortcuts", self._show_shortcuts, "F1")
        self._add_action(self.help_menu, "action.about", self._show_about)
        for menu in (self.file_menu, self.edit_menu, self.tools_menu, self.help_menu):
            menu.aboutToHide.connect(lambda: QTimer.singleShot(0, self._focus_screen))

    def _focus_screen(self) -> None:
        """A menu closed (Esc, or an action ran): the keys go back to the screen, not to the
        menu bar (where Enter opened the menu again). A dialog the action opened keeps them."""
        if QApplication.activePopupWidget() is not None or not self.isActiveWindow():
            return  # another menu opened (arrow keys), or a window or dialog took over
        focus = QApplication.focusWidget()
        if focus is None or focus is self.menuBar():
            current = self.stack.currentWidget()
            target = current if current is not self.deck_list else self.deck_list.table
            if target is not None:
                target.setFocus()

    def _opener(self, tool: Callable[[], ScreenFactory]) -> Callable[[], QWidget]:
        return lambda: self.open_tool(tool())

    def retranslate(self) -> None:
        tr = self.ctx.i18n.tr
        self.setWindowTitle(tr("app.title"))
        self.file_menu.setTitle(tr("menu.file"))
        self.edit_menu.setTitle(tr("menu.edit"))
        self.tools_menu.setTitle(tr("menu.tools"))
        self.help_menu.setTitle(tr("menu.help"))
        for key, action in self._actions.items():
            action.setText(tr(key))
        self.deck_list.retranslate()
        screens = [self.stack.widget(i) for i in range(self.stack.count())]
        for w in screens + list(self._tools.values()):
            retranslate = getattr(w, "retranslate", None)
            if w is not self.deck_list and callable(retranslate):
                retranslate()
        self._update_status()

    # ---- the Shell screens use (srsapp.ui.context)

    def set_language(self, lang: str) -> None:
        self.ctx.i18n.lang = lang
        use_qt_translations(lang)
        self.retranslate()

    def show_error(self, exc: Exception) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.ctx.i18n.tr("dialog.error"), str(exc),
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)  # file, deck and concept names are no markup
        box.exec()

    def show_status(self, text: str, ms: int = 0) -> None:
        self.statusBar().showMessage(text, ms)

    def open_review(
        self,
        deck_id: int,
        concept: tuple[str, ...] | None = None,
        *,
        custom: Custom | None = None,
        practice: PracticeQueue | None = None,
    ) -> None:
        """Study a deck (its subdecks too) or a concept; ``custom``/``practice``: a custom
        study session (``ui.custom_study``)."""
        from srsapp.ui.review import ReviewWidget

        if self.stack.currentWidget() is not self.deck_list:
            self.close_review()  # one review at a time (custom study opened from a review)
        widget = ReviewWidget(self.ctx, deck_id=deck_id, concept=concept, custom=custom,
                              practice=practice)  # fmt: skip
        widget.finished.connect(self.close_review)
        self._review_card_info(widget)
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self.raise_()  # asked from another window (the dashboard): the keys go to the review
        self.activateWindow()
        widget.setFocus()

    def open_tool(self, factory: Callable[[AppContext, QWidget | None], W]) -> W:
        """Show the tool ``factory`` builds (one per kind: an open one is raised)."""
        key = getattr(factory, "__module__", repr(factory))
        widget = self._tools.get(key)
        if widget is None or not widget.isVisible():
            if widget is not None:
                widget.deleteLater()  # closed: a new one shows the collection as it is now
            widget = factory(self.ctx, self)
            self._tools[key] = widget
        widget.show()
        widget.raise_()
        widget.activateWindow()
        return widget  # type: ignore[return-value]  # the factory of this key made it

    # ---- state

    def refresh(self) -> None:
        self._stale = False
        col, now = self.ctx.col, self.ctx.clock()
        counts = col.sched.queue.deck_counts(now)
        tree = col.deck_tree(now, counts, read=self.deck_list.read_decks())
        self.deck_list.set_counts(counts, tree)
        self._watch_sources()
        self._update_status()

    def _on_changed(self, changes: OpChanges) -> None:
        if not changes.counts:
            return
        if self.stack.currentWidget() is self.deck_list:
            self.refresh()
        else:
            self._stale = True  # refreshed when the deck list is shown again

    def _update_status(self) -> None:
        due = sum(c.new + c.learn + c.review for c in self.deck_list.counts())
        self.show_status(
            self.ctx.i18n.tr("status.due_today", due=due, path=str(self.ctx.col.data_dir))
        )

    # ---- actions

    def sync_notes_dialog(self) -> None:
        tr = self.ctx.i18n.tr
        path, _ = QFileDialog.getOpenFileName(
            self, tr("action.sync_notes"), str(Path.home()), tr("dialog.notes_filter")
        )
        if path:
            self.sync_notes(path)

    def sync_notes(self, path: str) -> None:
        col, now = self.ctx.col, self.ctx.clock()
        try:
            report = self.ops.run(lambda: col.sync_notes(path, now=now), source=self)
        except SrsError as exc:
            self.show_error(exc)
            return
        tr = self.ctx.i18n.tr
        lines = [tr("status.synced", **report.as_dict())]
        lines += sync_details(tr, report)
        self.show_status(" · ".join(lines), 10000)

    def import_dialog(self) -> None:
        from srsapp.ui.transfer import import_dialog

        import_dialog(self.ctx, self)

    def export_dialog(self) -> None:
        from srsapp.ui.transfer import export_dialog

        export_dialog(self.ctx, self)

    def export_diagram_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.ctx.i18n.tr("action.export_diagram"), str(Path.home() / "diagram.svg"),
            "SVG (*.svg);;PNG (*.png)",
        )  # fmt: skip
        if path:
            self.export_diagram(path)

    def export_diagram(self, path: str, width: int = 1600, height: int = 940) -> Path | None:
        """Draw the diagram the notes link to, coloured by mastery, to an .svg or .png."""
        from srsapp.core.mastery import diagram_overlay
        from srsapp.service.stats import dashboard_stats
        from srsapp.ui.diagram import render_png, render_svg

        col = self.ctx.col
        links = sources.linked_diagrams(col)
        if not links or Path(path).suffix.lower() not in (".svg", ".png"):
            self.show_error(SrsError(self.ctx.i18n.tr("diagram.cannot_export"), path))
            return None
        try:
            diagram = sources.diagram(col, links[0][1])
            stats = dashboard_stats(col, self.ctx.clock(), slow=False)
            overlay = diagram_overlay(diagram, stats.concepts, stats.section_cards)
            render = render_svg if path.lower().endswith(".svg") else render_png
            if overlay is None:
                written = render(diagram, path, width, height, lang=self.ctx.i18n.lang)
            else:
                written = render(diagram, path, width, height, mastery=overlay.mastery,
                                 parent_path=overlay.parent, lang=overlay.lang)  # fmt: skip
        except (SrsError, OSError) as exc:
            self.show_error(exc)
            return None
        self.show_status(str(written), 10000)
        return written

    def add_card(self) -> QWidget:
        """Add card (``a``), into the deck studied or selected."""
        from srsapp.ui.add_card import AddCardDialog

        deck = self.deck_list.selected_name()
        review = self.stack.currentWidget()
        deck_id = getattr(review, "deck_id", None)
        if review is not self.deck_list and deck_id is not None:
            concept = getattr(review, "concept", None)
            names = {i: n for i, n in self.ctx.col.decks()}
            deck = "::".join((names.get(deck_id, ""), *(concept or ())))
        dialog = self.open_tool(AddCardDialog)
        dialog.fill_decks()
        dialog.set_deck(deck)
        return dialog

    def custom_study(self) -> QWidget:
        """Custom study (``/``) of the deck studied or selected."""
        from srsapp.ui.custom_study import CustomStudyDialog

        review = self.stack.currentWidget()
        if review is not self.deck_list:
            deck_id, concept = getattr(review, "deck_id", None), getattr(review, "concept", None)
        else:
            node = self.deck_list.selected_node()
            deck_id = node.deck_id if node is not None else None
            concept = node.concept if node is not None else None
        dialog = CustomStudyDialog(self.ctx, self)
        dialog.set_scope(deck_id, concept)
        if concept:
            dialog.select("beyond")
        self.custom_dialog = dialog
        dialog.finished.connect(lambda _r: self._focus_current())
        dialog.open()
        return dialog

    def _focus_current(self) -> None:
        current = self.stack.currentWidget()
        target = self.deck_list.table if current is self.deck_list else current
        if target is not None:
            target.setFocus()

    def _review_card_info(self, review: QWidget) -> None:
        """Ctrl+Shift+I in the review is Card info, as in Anki (Import's keys while it shows)."""
        from PySide6.QtGui import QShortcut

        from srsapp.ui.card_info import open_card_info

        self._actions["action.import"].setShortcut(QKeySequence())
        keys = QShortcut(QKeySequence("Ctrl+Shift+I"), review)
        keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        def info() -> None:
            card = getattr(review, "card", None)
            if card is not None:
                self.card_info_dialog = open_card_info(self.ctx, card.id, self)

        keys.activated.connect(info)

    def undo(self) -> None:
        """Ctrl+Z: in the review, its last answer or card action; elsewhere the last edit of
        decks or cards (made, renamed, deleted, a note edited …)."""
        current = self.stack.currentWidget()
        review_undo = getattr(current, "undo", None)
        tr, col = self.ctx.i18n.tr, self.ctx.col
        if current is not self.deck_list and callable(review_undo) and not col.edits.is_latest():
            review_undo()  # an edit made in the review (a note) is undone below while it is last
            return
        label = col.edits.label()
        if label is None:
            self.show_status(tr("review.nothing_to_undo"), 5000)
            return
        try:
            self.ops.run(col.edits.undo, source=self)
        except SrsError as exc:
            self.show_error(exc)
            return
        self.show_status(tr("review.undone", what=tr(f"undo.{label}")), 10000)

    def close_review(self) -> None:
        self._actions["action.import"].setShortcut(QKeySequence("Ctrl+Shift+I"))
        current = self.stack.currentWidget()
        self.stack.setCurrentWidget(self.deck_list)
        if current is not None and current is not self.deck_list:
            self.stack.removeWidget(current)
            current.deleteLater()
        self.refresh()
        self.deck_list.table.setFocus()

    def _show_about(self) -> None:
        tr = self.ctx.i18n.tr
        QMessageBox.about(self, tr("action.about"), tr("about.text", version=__version__))

    def _show_shortcuts(self) -> None:
        tr = self.ctx.i18n.tr
        QMessageBox.information(self, tr("action.shortcuts"), self.shortcuts_text())

    def shortcuts_text(self) -> str:
        """The review keys, then every menu action that has a shortcut, read off the menus
        (so the list cannot leave one out)."""
        tr = self.ctx.i18n.tr
        lines = [tr("shortcuts.text"), ""]
        for menu in (self.file_menu, self.edit_menu, self.tools_menu, self.help_menu):
            for action in menu.actions():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                if keys and not action.isSeparator():
                    lines.append(f"{keys}: {action.text().replace('&', '')}")
        return "\n".join(lines)

    # ---- drag and drop, closing

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        from srsapp.ui.transfer import drop_paths, importable

        if any(importable(p) for p in drop_paths(event.mimeData())):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        from srsapp.ui.transfer import drop_paths, import_paths

        mime: QMimeData = event.mimeData()
        paths = drop_paths(mime)
        if paths:
            event.acceptProposedAction()
            import_paths(self.ctx, paths, parent=self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.qsettings.setValue("geometry", self.saveGeometry())
        self.qsettings.sync()
        for w in self._tools.values():
            w.close()
        self.ops.wait_all()  # an import or an optimisation must not be cut short
        super().closeEvent(event)
