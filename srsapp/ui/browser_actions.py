"""The browser's actions on the selected cards, in its Cards menu and its context menu (right
click, or the Menu key), each with Anki's keys: change deck (Ctrl+D), flag (Ctrl+1..7, Ctrl+0
clears), suspend / unsuspend (Ctrl+J), reposition new cards (Ctrl+Shift+S), delete
(Ctrl+Delete, confirmed), card info (Ctrl+Shift+I), edit (Ctrl+E) … Every action on many cards
is one transaction; Ctrl+Z (Cards → Undo) takes the last one back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.ui.context import AppContext
from srsapp.ui.ops import Changes
from srsapp.ui.theme import FLAG_COLORS


class Browser(Protocol):
    """What the actions use of the browser window (``ui.browser.BrowserWindow``)."""

    ctx: AppContext
    table: Any  # QTableView
    model: Any  # its CardTableModel

    def window(self) -> QWidget: ...

    def statusBar(self) -> Any: ...  # noqa: N802 (Qt API)

    def menuBar(self) -> Any: ...  # noqa: N802 (Qt API)

    def addAction(self, action: QAction) -> None: ...  # noqa: N802 (Qt API)

    def _need_selection(self) -> list[int]: ...

    def run_search(self) -> bool: ...

    def edit_selected(self) -> object: ...

    def card_info_selected(self) -> object: ...

    def toggle_suspend_selected(self) -> None: ...

    def reset_selected(self) -> int: ...


def _buttons(ctx: AppContext, dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ctx.tr("button.ok"))
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(ctx.tr("button.cancel"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class DeckChooser(QDialog):
    """Pick a deck by typing part of its name (↑/↓ move, Enter picks), as Anki's chooser."""

    def __init__(self, ctx: AppContext, names: list[str], n: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(ctx.tr("cards.change_deck_title"))
        self.resize(420, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(ctx.tr("cards.change_deck_label", n=n)))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(ctx.tr("cards.filter"))
        layout.addWidget(self.filter)
        self.list = QListWidget()
        self.list.addItems(names)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list, 1)
        layout.addWidget(_buttons(ctx, self))
        self.filter.textChanged.connect(self._filter)
        self.filter.installEventFilter(self)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        self.filter.setFocus()

    def _filter(self, text: str) -> None:
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hide = text.casefold() not in item.text().casefold()
            item.setHidden(hide)
            if not hide and first is None:
                first = i
        if first is not None:
            self.list.setCurrentRow(first)

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 (Qt API)
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):  # the list moves, typing stays
                self.list.keyPressEvent(event)
                return True
        return False

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else item.text()


class RepositionDialog(QDialog):
    """Where new cards go in the order: start, step, shuffled, the others shifted."""

    def __init__(self, ctx: AppContext, n: int, parent: QWidget) -> None:
        super().__init__(parent)
        tr = ctx.tr
        self.setWindowTitle(tr("cards.reposition_title"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("cards.reposition_label", n=n)))
        form = QFormLayout()
        self.start = QSpinBox()
        self.start.setRange(1, 10_000_000)
        self.step = QSpinBox()
        self.step.setRange(1, 10_000)
        form.addRow(tr("cards.start"), self.start)
        form.addRow(tr("cards.step"), self.step)
        layout.addLayout(form)
        self.randomize = QCheckBox(tr("cards.randomize"))
        self.shift = QCheckBox(tr("cards.shift"))
        self.shift.setChecked(True)
        layout.addWidget(self.randomize)
        layout.addWidget(self.shift)
        layout.addWidget(_buttons(ctx, self))
        self.start.setFocus()
        self.start.selectAll()


class BrowserActions:
    """The actions of one browser window on its selected cards."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.ctx: AppContext = browser.ctx
        self.dialog: QDialog | None = None  # the open chooser or confirmation (tests)
        b = browser
        self.actions: dict[str, QAction] = {}
        self.flag_actions: list[QAction] = []
        specs: list[tuple[str, Callable[[], object], str]] = [
            ("cards.undo", self.undo, "Ctrl+Z"),
            ("browser.edit", b.edit_selected, ""),  # Ctrl+E: the browser's own key
            ("action.card_info", b.card_info_selected, ""),  # Ctrl+Shift+I: likewise
            ("cards.change_deck", self.change_deck, "Ctrl+D"),
            ("browser.suspend", b.toggle_suspend_selected, ""),  # Ctrl+J: likewise
            ("cards.reposition", self.reposition, "Ctrl+Shift+S"),
            ("browser.reset", b.reset_selected, ""),
            ("cards.delete", self.delete, "Ctrl+Delete"),
        ]
        for key, slot, keys in specs:
            action = QAction(b.window())
            if keys:
                action.setShortcut(QKeySequence(keys))
                b.addAction(action)
            action.triggered.connect(lambda _c=False, slot=slot: slot())
            self.actions[key] = action
        self._shown_keys = {"browser.edit": "Ctrl+E", "action.card_info": "Ctrl+Shift+I",
                            "browser.suspend": "Ctrl+J"}  # fmt: skip
        for n in range(8):
            action = QAction(b.window())
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            if n:
                pix = QPixmap(12, 12)
                pix.fill(QColor(FLAG_COLORS[n]))
                action.setIcon(QIcon(pix))
            action.triggered.connect(lambda _c=False, n=n: self.flag(n))
            b.addAction(action)
            self.flag_actions.append(action)
        self.menu = b.menuBar().addMenu("")
        b.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        b.table.customContextMenuRequested.connect(self.context_menu)
        self.retranslate()

    def retranslate(self) -> None:
        tr = self.ctx.tr
        self.menu.setTitle(tr("cards.menu"))
        self.menu.clear()
        self._fill(self.menu)
        for key, action in self.actions.items():
            action.setText(tr(key))
            if key in self._shown_keys:  # shown in the menu; the browser's shortcut does it
                action.setShortcut(QKeySequence(self._shown_keys[key]))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        for n, action in enumerate(self.flag_actions):
            action.setText(tr("cards.flag_n", n=n) if n else tr("cards.no_flag"))

    def _fill(self, menu: QMenu) -> None:
        a = self.actions
        menu.addAction(a["cards.undo"])
        menu.addSeparator()
        for key in ("browser.edit", "action.card_info"):
            menu.addAction(a[key])
        menu.addSeparator()
        menu.addAction(a["cards.change_deck"])
        flags = menu.addMenu(self.ctx.tr("cards.flag"))
        for action in [*self.flag_actions[1:], self.flag_actions[0]]:
            flags.addAction(action)
        for key in ("browser.suspend", "cards.reposition", "browser.reset"):
            menu.addAction(a[key])
        menu.addSeparator()
        menu.addAction(a["cards.delete"])

    def context_menu(self, pos: QPoint) -> QMenu:
        """The menu of the selected cards at ``pos`` (a click outside them selects the card
        under the pointer first)."""
        b = self.browser
        index = b.table.indexAt(pos)
        model = b.table.selectionModel()
        if index.isValid() and not model.isRowSelected(index.row()):
            flags = model.SelectionFlag.ClearAndSelect | model.SelectionFlag.Rows
            model.setCurrentIndex(index, flags)
        menu = QMenu(b.window())
        self._fill(menu)
        self.context = menu
        menu.popup(b.table.viewport().mapToGlobal(pos))
        return menu

    # ---- running an action

    def _run(
        self, op: Callable[[], Changes], done: str, *, order: bool = False, **fmt: object
    ) -> Changes | None:
        """Run ``op``; the status line says what it did (``done``: a string key, given the
        number of cards as ``n``) or why it did nothing. ``order``: the op may change the
        rows' order (a new place, another deck): searched again, the selection kept."""
        try:
            changes = self.ctx.ops.run(op, source=None)
        except SrsError as exc:
            self.browser.statusBar().showMessage(str(exc), 8000)
            return None
        if order:
            self.browser.run_search()
        self.browser.statusBar().showMessage(self.ctx.tr(done, n=changes.count, **fmt), 8000)
        return changes

    def undo(self) -> None:
        tr, col = self.ctx.tr, self.ctx.col
        label = col.edits.label()
        if label is None:
            self.browser.statusBar().showMessage(tr("review.nothing_to_undo"), 5000)
            return
        self._run(col.edits.undo, "review.undone", order=True, what=tr(f"undo.{label}"))

    def flag(self, n: int) -> None:
        ids = self.browser._need_selection()
        if ids:
            col, now = self.ctx.col, self.ctx.now()
            self._run(lambda: col.card_ops.set_flag(ids, n, now=now), "cards.flagged", flag=n)

    def suspend(self, ids: list[int], suspended: bool) -> None:
        col, now = self.ctx.col, self.ctx.now()
        done = "cards.suspended" if suspended else "cards.unsuspended"
        self._run(lambda: col.suspend_cards(ids, suspended, now=now), done)

    def change_deck(self) -> DeckChooser | None:
        ids = self.browser._need_selection()
        if not ids:
            return None
        col, now = self.ctx.col, self.ctx.now()
        names = col.deck_ops.card_deck_names()
        chooser = DeckChooser(self.ctx, names, len(ids), self.browser.window())

        def done(result: int) -> None:
            deck = chooser.chosen()
            if result == QDialog.DialogCode.Accepted and deck:
                op = lambda: col.card_ops.set_deck(ids, deck, now)  # noqa: E731
                self._run(op, "cards.moved", order=True, deck=deck)

        chooser.finished.connect(done)
        self.dialog = chooser
        chooser.open()
        return chooser

    def reposition(self) -> RepositionDialog | None:
        ids = self.browser._need_selection()
        if not ids:
            return None
        dialog = RepositionDialog(self.ctx, len(ids), self.browser.window())
        col = self.ctx.col

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                start, step = dialog.start.value(), dialog.step.value()
                rnd, shift = dialog.randomize.isChecked(), dialog.shift.isChecked()
                now = self.ctx.now()
                self._run(
                    lambda: col.card_ops.reposition(
                        ids, start, step, now=now, randomize=rnd, shift=shift
                    ),
                    "cards.repositioned",
                    order=True,
                )

        dialog.finished.connect(done)
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete(self) -> QMessageBox | None:
        ids = self.browser._need_selection()
        if not ids:
            return None
        tr, col = self.ctx.tr, self.ctx.col
        box = QMessageBox(QMessageBox.Icon.Warning, tr("cards.delete_title"),
                          tr("cards.delete_confirm", n=len(ids)),
                          QMessageBox.StandardButton.NoButton, self.browser.window())  # fmt: skip
        delete = box.addButton(tr("cards.delete"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(tr("button.cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def done(_result: int) -> None:
            if box.clickedButton() is delete:
                self._run(lambda: col.delete_cards(ids), "cards.deleted")

        box.finished.connect(done)
        self.dialog = box
        box.open()
        return box
