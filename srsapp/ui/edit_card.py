"""Editing a card (``e`` in the review, Ctrl+E or double-click in the browser): front and back
as plain text (Markdown: **bold**, `code`, lists), a live preview, Ctrl+Enter saves, Esc
cancels. The edit is kept as the learner's override of the generated text, across syncs of
the notes; a side left untouched keeps its HTML exactly, and "Restore generated text" drops
the override. A side with formatting plain text cannot show (a table, a colour) says so."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service.cards import (
    NOTE_TYPES,
    added_note,
    editable_card,
    parse_tags,
    render_note,
    side_html,
)
from srsapp.ui.add_card import FieldEdit
from srsapp.ui.card_view import CardView
from srsapp.ui.context import AppContext
from srsapp.ui.fonts import load_fonts, mono_family
from srsapp.ui.ops import Changes
from srsapp.ui.theme import ERROR_TEXT


class EditCardDialog(QDialog):
    """Front and back as plain text; saved as the learner's override (kept across syncs)."""

    def __init__(self, ctx: AppContext, card_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card_id = card_id
        self.card = editable_card(ctx.col, card_id)
        # a card the learner added: its note's fields are edited, and all its cards follow
        self.note = added_note(ctx.col, card_id)
        tr = ctx.i18n.tr
        self.setWindowTitle(tr("edit.title"))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        fields = QWidget()
        fl = QVBoxLayout(fields)
        fl.setContentsMargins(0, 0, 0, 0)
        self.front = FieldEdit()
        self.back = FieldEdit()
        texts = (self.card.front.markdown, self.card.back.markdown)
        labels = ("editor.front", "editor.back")
        lossy = (self.card.front.lossy, self.card.back.lossy)
        if self.note is not None:
            names = NOTE_TYPES[self.note.note_type]
            texts = (self.note.fields.get(names[0], ""), self.note.fields.get(names[1], ""))
            labels = (
                "add.field." + names[0].lower(),
                "add.field." + names[1].lower().replace(" ", "_"),
            )
            lossy = (False, False)
        self.front.setPlainText(texts[0])
        self.back.setPlainText(texts[1])
        self._timer = QTimer(self, singleShot=True, interval=150)
        self.warnings: list[QLabel] = []
        for key, edit, is_lossy in zip(labels, (self.front, self.back), lossy, strict=True):
            label = QLabel(tr(key))
            label.setBuddy(edit)
            fl.addWidget(label)
            fl.addWidget(edit, 1)
            warning = QLabel(tr("editor.lossy"))
            warning.setWordWrap(True)
            warning.setStyleSheet(f"color: {ERROR_TEXT};")
            warning.setVisible(is_lossy)
            self.warnings.append(warning)
            fl.addWidget(warning)
            edit.textChanged.connect(lambda: self._timer.start())
        self.tags = QLineEdit(" ".join(self.note.tags) if self.note is not None else "")
        if self.note is not None:  # an added note's tags (others keep what they came with)
            tags_label = QLabel(tr("add.tags"))
            tags_label.setBuddy(self.tags)
            fl.addWidget(tags_label)
            fl.addWidget(self.tags)
        splitter.addWidget(fields)
        self.preview = CardView(ctx.col.media_dir, i18n=ctx.i18n)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        splitter.addWidget(self.preview)
        layout.addWidget(splitter, 1)
        hint = QLabel(tr("editor.hint" if self.note is None else "editor.note_hint"))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        self.status = QLabel()
        self.status.setStyleSheet(f"color: {ERROR_TEXT};")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("editor.save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("button.cancel"))
        self.restore = buttons.addButton(tr("edit.restore"), QDialogButtonBox.ButtonRole.ResetRole)
        self.restore.clicked.connect(self._restore)
        self.restore.setVisible(self.note is None)  # an added card has no generated text
        for b in buttons.buttons():
            if isinstance(b, QPushButton):
                b.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)
        self._timer.timeout.connect(self.update_preview)
        self.update_preview()
        self.front.setFocus()
        self.front.moveCursor(self.front.textCursor().MoveOperation.End)

    def update_preview(self) -> None:
        self._timer.stop()
        size = int(self.ctx.col.settings().get("card_font_size") or 20)
        self.preview.set_fonts(load_fonts(), mono_family(), max(10, size - 4))
        if self.note is not None:
            try:
                cards = render_note(self.note.note_type, self._note_fields())
            except SrsError as exc:
                self.preview.show_html(f'<p class="hint">{html.escape(str(exc))}</p>')
                return
            self.preview.show_html("<br/><hr/>".join(f"{c.front}<hr/>{c.back}" for c in cards))
            return
        front = side_html(self.card.front, self.front.toPlainText())
        back = side_html(self.card.back, self.back.toPlainText())
        self.preview.show_html(front + "<hr/>" + back)

    def _note_fields(self) -> dict[str, str]:
        assert self.note is not None
        names = NOTE_TYPES[self.note.note_type]
        return {names[0]: self.front.toPlainText(), names[1]: self.back.toPlainText()}

    def _restore(self) -> None:
        self.front.setPlainText(self.card.front.generated)
        self.back.setPlainText(self.card.back.generated)

    def accept(self) -> None:
        front, back = self.front.toPlainText(), self.back.toPlainText()
        if not front.strip():
            self.status.setText(self.ctx.tr("editor.empty_front"))
            self.status.show()
            self.front.setFocus()
            return
        col, card_id, now = self.ctx.col, self.card_id, self.ctx.now()
        if self.note is not None:
            fields, tags = self._note_fields(), parse_tags(self.tags.text())
            op: Callable[[], Changes] = lambda: col.card_ops.edit_note(card_id, fields, now, tags)  # noqa: E731
        else:
            op = lambda: col.edit_card_text(card_id, front, back, now)  # noqa: E731
        try:
            self.ctx.ops.run(op, source=self)
        except SrsError as exc:
            self.status.setText(str(exc))
            self.status.show()
            return
        super().accept()
