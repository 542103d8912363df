"""The card browser: search, sort, preview and act on any card.

The table model holds only the ids a search returned (sorted in SQL); rows are fetched in
pages of ``PAGE_SIZE`` ids the first time the view asks for one, and cached, so a search
over 100k cards stays quick and scrolling stays smooth.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.core.model import CardState
from srsapp.core.text import html_to_text
from srsapp.service.search import ORDERS, PAGE_SIZE, BrowserRow, fetch_rows, search_card_ids
from srsapp.ui.browser_actions import BrowserActions
from srsapp.ui.card_info import CardInfoDialog, interval_text, open_card_info
from srsapp.ui.card_view import CardPane, CardView, answer_part
from srsapp.ui.context import AppContext
from srsapp.ui.edit_card import EditCardDialog
from srsapp.ui.fonts import load_fonts, mono_family
from srsapp.ui.notes_view import NotesView, open_notes_for_card
from srsapp.ui.ops import OpChanges
from srsapp.ui.theme import BURIED_ROW, ERROR_TEXT, FLAG_COLORS, FLAG_ROW_ALPHA, SUSPENDED_ROW

COLUMNS = ORDERS  # one column per sortable field, in this order
_CONTEXT = re.compile(r'<div class="context">.*?</div>', re.S)
_Index = QModelIndex | QPersistentModelIndex


def plain_line(fragment: str, limit: int = 160) -> str:
    """One line of plain text from card HTML (the concept context dropped)."""
    text = " ".join(html_to_text(_CONTEXT.sub("", fragment)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CardTableModel(QAbstractTableModel):
    def __init__(self, browser: BrowserWindow) -> None:
        super().__init__(browser)
        self.browser = browser
        self.ids: list[int] = []
        self._rows: dict[int, BrowserRow] = {}
        self.fetches = 0  # page queries made (tests, profiling)

    # ---- data

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self.ids = ids
        self._rows.clear()
        self.endResetModel()

    def row_for(self, row: int) -> BrowserRow | None:
        if not 0 <= row < len(self.ids):
            return None
        card_id = self.ids[row]
        if card_id not in self._rows:
            start = row - row % PAGE_SIZE
            self._rows.update(fetch_rows(self.browser.col, self.ids[start : start + PAGE_SIZE]))
            self.fetches += 1
        return self._rows.get(card_id)

    def forget(self, card_ids: list[int]) -> None:
        """Drop cached rows (after an edit) and repaint them."""
        for cid in card_ids:
            self._rows.pop(cid, None)
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(COLUMNS) - 1))

    # ---- Qt model API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.browser.i18n.tr(f"browser.col.{COLUMNS[section]}")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.TextAlignmentRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.row_for(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in ("interval", "stability", "reps", "lapses"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        text = self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if column in ("sort", "answer", "concept") else None
        return text

    def _background(self, row: BrowserRow) -> Any:
        if row.flag in FLAG_COLORS:
            color = QColor(FLAG_COLORS[row.flag])
            color.setAlpha(FLAG_ROW_ALPHA)
            return color
        if row.suspended:
            return QColor(SUSPENDED_ROW)
        if row.buried_until > int(self.browser.now().timestamp()):
            return QColor(BURIED_ROW)
        return None

    def _display(self, row: BrowserRow, column: str) -> str:
        if column == "sort":
            return plain_line(row.front)
        if column == "answer":
            return plain_line(row.back)
        if column == "deck":
            return row.deck
        if column == "concept":
            return " › ".join(row.concept)
        if column == "kind":
            return row.kind
        if column == "due":
            return self._due(row)
        if column == "interval":
            return self._interval(row)
        if column == "stability":
            return f"{row.stability:.1f}" if row.stability is not None else ""
        if column == "reps":
            return str(row.reps)
        return str(row.lapses)

    def _interval(self, row: BrowserRow) -> str:
        if not row.interval_s:
            return ""
        return interval_text(
            row.due, row.interval_s, self.browser.tz(), self.browser.day_start_hour()
        )

    def _due(self, row: BrowserRow) -> str:
        if row.state == CardState.NEW:
            text = self.browser.i18n.tr("browser.due_new", n=row.position)  # 1-based
        else:
            when = datetime.fromtimestamp(row.due, self.browser.tz())
            learning = row.state in (CardState.LEARNING, CardState.RELEARNING)
            text = when.strftime("%Y-%m-%d %H:%M" if learning else "%Y-%m-%d")
        return f"({text})" if row.suspended or row.retired else text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.browser.set_order(COLUMNS[column], order == Qt.SortOrder.DescendingOrder)


class BrowserWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.ctx = ctx
        self.col = ctx.col
        self.i18n = ctx.i18n
        self.order = "due"
        self.descending = False
        self.last_ms = 0.0
        self.edit_dialog: EditCardDialog | None = None
        self.info_dialog: CardInfoDialog | None = None
        self.notes_view: NotesView | None = None
        self.resize(1180, 720)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 10, 10, 6)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        layout.addWidget(self.search)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_TEXT};")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

        self.model = CardTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        vh = self.table.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        widths = (240, 180, 80, 170, 85, 130, 60, 70, 60, 60)
        for i, w in enumerate(widths):
            self.table.setColumnWidth(i, w)
        header.setSortIndicator(COLUMNS.index("due"), Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        self.preview_pane = CardPane(ctx)  # the card as the review shows it, diagram and all
        self.preview: CardView = self.preview_pane.text
        self.preview.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview_pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        layout.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit_selected)
        self.suspend_button = QPushButton()
        self.suspend_button.clicked.connect(self.toggle_suspend_selected)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(lambda: self.reset_selected())
        self.notes_button = QPushButton()
        self.notes_button.clicked.connect(self.show_notes_selected)
        for b in (self.edit_button, self.suspend_button, self.reset_button, self.notes_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setCentralWidget(central)

        shortcuts: list[tuple[str, Callable[[], object]]] = [
            ("Ctrl+F", self.search.setFocus),
            ("Ctrl+E", self.edit_selected),
            ("Ctrl+J", self.toggle_suspend_selected),
            ("Ctrl+Shift+N", self.show_notes_selected),
            ("Ctrl+Shift+I", self.card_info_selected),
            ("Escape", self.close),
            ("Ctrl+W", self.close),
        ]
        for keys, slot in shortcuts:
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

        self.card_actions = BrowserActions(self)  # the Cards menu and the context menu
        self.retranslate()
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._preview())
        self.table.setSortingEnabled(True)  # sorts (searches) once now, then on header clicks
        self.search.setFocus()
        self._stale = False
        self._sized = False
        ctx.ops.changed.connect(self._on_changed)

    # ---- helpers

    def now(self) -> datetime:
        return self.ctx.clock()

    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.col.settings()["timezone"])

    def day_start_hour(self) -> int:
        return int(self.col.settings()["day_start_hour"])

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.setWindowTitle(tr("browser.title"))
        self.search.setPlaceholderText(tr("browser.search_placeholder"))
        self.edit_button.setText(tr("browser.edit"))
        self.suspend_button.setText(tr("browser.suspend"))
        self.reset_button.setText(tr("browser.reset"))
        self.notes_button.setText(tr("review.show_in_notes"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.card_actions.retranslate()
        self._show_count()

    def _show_count(self) -> None:
        self.statusBar().showMessage(
            self.i18n.tr("browser.count", n=len(self.model.ids), ms=f"{self.last_ms:.0f}")
        )

    # ---- search and sort

    def run_search(self) -> bool:
        self._debounce.stop()
        selected = self.selected_ids()
        start = time.perf_counter()
        try:
            ids = search_card_ids(
                self.col,
                self.search.text(),
                self.now(),
                order=self.order,
                descending=self.descending,
            )
        except SrsError as exc:
            # the rows and count of the previous search would answer a question not asked:
            # the table is emptied and the status line says why
            self.error.setText(str(exc))
            self.error.show()
            self.model.set_ids([])
            self.preview_pane.show_card("", {}, reveal=False)
            self.statusBar().showMessage(str(exc))
            return False
        self.last_ms = (time.perf_counter() - start) * 1000
        self.error.hide()
        self.model.set_ids(ids)
        self._show_count()
        self._reselect(selected)
        return True

    def set_order(self, order: str, descending: bool) -> None:
        self.order, self.descending = order, descending
        self.run_search()

    def _reselect(self, ids: list[int]) -> None:
        if not self.model.ids:
            self.preview_pane.show_card("", {}, reveal=False)
            return
        positions = {cid: i for i, cid in enumerate(self.model.ids)} if ids else {}
        rows = [positions[c] for c in ids if c in positions] or [0]
        self.table.selectRow(rows[0])
        self.table.scrollTo(self.model.index(rows[0], 0))
        self._preview()

    def selected_ids(self) -> list[int]:
        model = self.table.selectionModel()
        if model is None:
            return []
        rows = sorted({i.row() for i in model.selectedRows()})
        return [self.model.ids[r] for r in rows if r < len(self.model.ids)]

    def _preview(self) -> None:
        ids = self.selected_ids()
        row = self.model.row_for(self.model.ids.index(ids[0])) if ids else None
        if row is None:
            self.preview_pane.show_card("", {}, reveal=False)
            return
        size = int(self.col.settings().get("card_font_size") or 20)
        self.preview.set_fonts(load_fonts(), mono_family(), max(10, size - 4))
        extra = self.col.card(row.id).extra
        back = answer_part(row.front, row.back)
        self.preview_pane.show_card(row.front + "<hr/>" + back, extra, reveal=True)

    # ---- actions

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not self._sized:  # room for the card (and its diagram) under the table
            self._sized = True
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([total * 11 // 20, total - total * 11 // 20])
        if self._stale:
            self._stale = False
            self.run_search()

    def _on_changed(self, changes: OpChanges) -> None:
        """Whoever changed cards (this window, the review, an import): show them as they are."""
        if not changes.cards:
            return
        if not self.isVisible():
            self._stale = True  # searched again when shown
        elif changes.card_ids is None:
            self.run_search()  # cards may have come or gone
        else:
            self.model.forget(list(changes.card_ids))
            self._preview()

    def _need_selection(self) -> list[int]:
        ids = self.selected_ids()
        if not ids:
            self.statusBar().showMessage(self.i18n.tr("browser.select_one"), 4000)
        return ids

    def edit_selected(self) -> EditCardDialog | None:
        ids = self._need_selection()
        if not ids:
            return None
        dialog = EditCardDialog(self.ctx, ids[0], self)
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def toggle_suspend_selected(self) -> None:
        """Suspend the selected cards, or unsuspend them when all are suspended (Ctrl+J; one
        transaction, Ctrl+Z takes it back)."""
        ids = self._need_selection()
        if not ids:
            return
        wanted = set(ids)
        positions = [r for r, cid in enumerate(self.model.ids) if cid in wanted]
        rows = [self.model.row_for(r) for r in positions]
        suspend = not all(r is not None and r.suspended for r in rows)
        self.card_actions.suspend(ids, suspend)

    def reset_selected(self, confirm: bool = True) -> int:
        ids = self._need_selection()
        if not ids:
            return 0
        if confirm:
            answer = QMessageBox.question(
                self,
                self.i18n.tr("browser.reset"),
                self.i18n.tr("browser.reset_confirm", n=len(ids)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        col, now = self.col, self.now()
        return self.ctx.ops.run(lambda: col.sched.actions.reset_to_new(ids, now), source=self).count

    def card_info_selected(self) -> CardInfoDialog | None:
        """Card info of the (first) selected card (Ctrl+Shift+I)."""
        ids = self._need_selection()
        if not ids:
            return None
        self.info_dialog = open_card_info(self.ctx, ids[0], self)
        return self.info_dialog

    def show_notes_selected(self) -> NotesView | None:
        ids = self._need_selection()
        if not ids:
            return None
        view = open_notes_for_card(self.ctx, ids[0], self)
        if view is None:
            self.statusBar().showMessage(self.i18n.tr("review.no_source"), 4000)
        self.notes_view = view
        return view
