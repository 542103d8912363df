"""The deck list: one row per deck with today's New / Learn / Due, and a Study button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from srsapp.service.reports import DeckCounts
from srsapp.ui.i18n import I18n
from srsapp.ui.theme import DUE_COLOR, LEARN_COLOR, NEW_COLOR


class DeckList(QWidget):
    """Anki's deck browser."""

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
                    item.setForeground(QBrush(QColor(color)))
                self.table.setItem(r, col, item)
        self.empty.setVisible(not counts)
        self.study_button.setEnabled(bool(counts))
        ids = [c.id for c in counts]
        self.table.selectRow(ids.index(selected) if selected in ids else 0)

    def counts(self) -> list[DeckCounts]:
        return self._counts

    def selected_deck(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._study()
            return
        super().keyPressEvent(event)

    def _study(self) -> None:
        deck = self.selected_deck()
        if deck is not None:
            self.studyRequested.emit(deck)
