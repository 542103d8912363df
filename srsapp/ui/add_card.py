"""Add card (``a`` in the main window): a note type (Basic, Basic + reverse, Cloze, typed
answer), a deck, its fields as plain Markdown, and a live preview of every card it makes.
Ctrl+Enter adds and clears the fields for the next note; Ctrl+Shift+C wraps the selection in
the next cloze; Esc closes. Edit → Undo (Ctrl+Z) in the main window takes the note back."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service.cards import NOTE_TYPES, parse_tags, render_note
from srsapp.ui.card_view import CardView
from srsapp.ui.context import AppContext
from srsapp.ui.fonts import load_fonts, mono_family
from srsapp.ui.theme import ERROR_TEXT

_CLOZE_NUMBER = re.compile(r"\{\{c(\d+)::")


class FieldEdit(QPlainTextEdit):
    """A field typed as plain text (Markdown); Tab moves on, as in a form."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setMinimumHeight(70)


class AddCardDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.ctx = ctx
        self.col = ctx.col
        self.resize(900, 560)
        outer = QVBoxLayout(self)
        top = QFormLayout()
        self.type_label, self.deck_label = QLabel(), QLabel()
        self.note_type = QComboBox()
        self.deck = QComboBox()
        self.type_label.setBuddy(self.note_type)
        self.deck_label.setBuddy(self.deck)
        row = QHBoxLayout()
        row.addWidget(self.type_label)
        row.addWidget(self.note_type, 1)
        row.addSpacing(16)
        row.addWidget(self.deck_label)
        row.addWidget(self.deck, 2)
        top.addRow(row)
        outer.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        fields = QWidget()
        form = QVBoxLayout(fields)
        form.setContentsMargins(0, 0, 0, 0)
        self.field_labels = [QLabel(), QLabel()]
        self.fields = [FieldEdit(), FieldEdit()]
        for label, edit in zip(self.field_labels, self.fields, strict=True):
            label.setBuddy(edit)
            form.addWidget(label)
            form.addWidget(edit, 1)
            edit.textChanged.connect(self._schedule_preview)
        self.tags_label = QLabel()
        self.tags = QLineEdit()  # kept from note to note, as Anki keeps them
        self.tags_label.setBuddy(self.tags)
        form.addWidget(self.tags_label)
        form.addWidget(self.tags)
        splitter.addWidget(fields)
        preview = QWidget()
        pl = QVBoxLayout(preview)
        pl.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel()
        pl.addWidget(self.preview_label)
        self.preview = CardView(self.col.media_dir, i18n=ctx.i18n)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        pl.addWidget(self.preview, 1)
        splitter.addWidget(preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        outer.addWidget(splitter, 1)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        outer.addWidget(self.hint)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it names the deck
        outer.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.add_button = QPushButton()
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.add)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self).activated.connect(self.wrap_cloze)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.update_preview)
        for key in NOTE_TYPES:
            self.note_type.addItem("", key)
        self.note_type.currentIndexChanged.connect(lambda _i: self._type_changed())
        self.fill_decks()
        self.retranslate()
        self.fields[0].setFocus()

    # ---- labels and choices

    def retranslate(self) -> None:
        tr = self.ctx.tr
        self.setWindowTitle(tr("add.title"))
        self.type_label.setText(tr("add.type"))
        self.deck_label.setText(tr("add.deck"))
        for i in range(self.note_type.count()):
            self.note_type.setItemText(i, tr(f"add.type.{self.note_type.itemData(i)}"))
        self.preview_label.setText(tr("add.preview"))
        self.tags_label.setText(tr("add.tags"))
        self.tags.setPlaceholderText(tr("add.tags_hint"))
        self.hint.setText(tr("add.hint"))
        self.add_button.setText(tr("add.add"))
        self.close_button.setText(tr("button.close"))
        self._type_changed()

    def note_type_key(self) -> str:
        return str(self.note_type.currentData())

    def set_note_type(self, key: str) -> None:
        self.note_type.setCurrentIndex(max(0, self.note_type.findData(key)))

    def fill_decks(self) -> None:
        """The decks a card can go into: deck rows and imported subdecks, by ``::`` name."""
        current = self.deck.currentText()
        self.deck.clear()
        for name in self.col.deck_ops.card_deck_names():
            self.deck.addItem(name)
        self.set_deck(current)

    def set_deck(self, name: str | None) -> None:
        if name:
            i = self.deck.findText(name)
            if i >= 0:
                self.deck.setCurrentIndex(i)

    def _type_changed(self) -> None:
        tr = self.ctx.tr
        names = NOTE_TYPES[self.note_type_key()]
        for label, name in zip(self.field_labels, names, strict=True):
            key = "add.field." + name.lower().replace(" ", "_")
            label.setText(tr(key))
        self.update_preview()

    # ---- preview

    def _values(self) -> dict[str, str]:
        names = NOTE_TYPES[self.note_type_key()]
        return {n: e.toPlainText() for n, e in zip(names, self.fields, strict=True)}

    def _schedule_preview(self) -> None:
        self._timer.start()

    def update_preview(self) -> None:
        """Every card the note would make, front over back; what is missing, said instead."""
        self._timer.stop()
        tr = self.ctx.tr
        size = int(self.col.settings().get("card_font_size") or 20)
        self.preview.set_fonts(load_fonts(), mono_family(), max(10, size - 4))
        try:
            cards = render_note(self.note_type_key(), self._values())
        except SrsError as exc:
            self.preview.show_html(f'<p class="hint">{html.escape(str(exc))}</p>')
            self.preview_label.setText(tr("add.preview"))
            return
        self.preview_label.setText(tr("add.preview_n", n=len(cards)))
        parts = []
        for i, c in enumerate(cards, start=1):
            title = html.escape(tr("add.card_n", n=i))
            parts.append(f'<p class="hint">{title}</p>{c.front}<hr/>{c.back}')
        self.preview.show_html("<br/><hr/>".join(parts))

    # ---- actions

    def wrap_cloze(self) -> None:
        """Wrap the selection (or an empty place) in the next cloze number, as Anki does."""
        if self.note_type_key() != "cloze":
            self.set_note_type("cloze")
        edit = self.fields[0]
        numbers = [int(n) for n in _CLOZE_NUMBER.findall(edit.toPlainText())]
        n = max(numbers, default=0) + 1
        cursor = edit.textCursor()
        selected = cursor.selectedText()
        cursor.insertText(f"{{{{c{n}::{selected}}}}}")
        if not selected:
            cursor.movePosition(cursor.MoveOperation.Left, n=2)
        edit.setTextCursor(cursor)
        edit.setFocus()

    def add(self) -> bool:
        deck, note_type, values = self.deck.currentText(), self.note_type_key(), self._values()
        tr, now, col = self.ctx.tr, self.ctx.now(), self.col
        tags = parse_tags(self.tags.text())
        try:
            changes = self.ctx.ops.run(
                lambda: col.card_ops.add_note(deck, note_type, values, now, tags), source=self
            )
        except SrsError as exc:
            self.status.setStyleSheet(f"color: {ERROR_TEXT};")
            self.status.setText(str(exc))
            return False
        self.status.setStyleSheet("")
        self.status.setText(tr("add.added", n=changes.count, deck=deck))
        for edit in self.fields:
            edit.clear()
        self.fields[0].setFocus()
        return True
