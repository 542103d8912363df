"""Editing a card (``e`` in the review, Ctrl+E or double-click in the browser): front and back
as plain text (Markdown: **bold**, `code`, lists), a live preview, Ctrl+Enter saves, Esc
cancels. The edit is kept as the learner's override of the generated text, across syncs of
the notes; a side left untouched keeps its HTML exactly, and "Restore generated text" drops
the override. A side with formatting plain text cannot show (a table, a colour) says so."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service.cards import side_html
from srsapp.ui.add_card import FieldEdit
from srsapp.ui.card_view import CardView
from srsapp.ui.context import AppContext
from srsapp.ui.fonts import load_fonts, mono_family
from srsapp.ui.theme import ERROR_TEXT


class EditCardDialog(QDialog):
    """Front and back as plain text; saved as the learner's override (kept across syncs)."""

    def __init__(self, ctx: AppContext, card_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card_id = card_id
        self.card = ctx.col.editable_card(card_id)
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
        self.front.setPlainText(self.card.front.markdown)
        self.back.setPlainText(self.card.back.markdown)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self.warnings: list[QLabel] = []
        for key, edit, side in (
            ("editor.front", self.front, self.card.front),
            ("editor.back", self.back, self.card.back),
        ):
            label = QLabel(tr(key))
            label.setBuddy(edit)
            fl.addWidget(label)
            fl.addWidget(edit, 1)
            warning = QLabel(tr("editor.lossy"))
            warning.setWordWrap(True)
            warning.setStyleSheet(f"color: {ERROR_TEXT};")
            warning.setVisible(side.lossy)
            self.warnings.append(warning)
            fl.addWidget(warning)
            edit.textChanged.connect(lambda: self._timer.start())
        splitter.addWidget(fields)
        self.preview = CardView(ctx.col.media_dir, i18n=ctx.i18n)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        splitter.addWidget(self.preview)
        layout.addWidget(splitter, 1)
        hint = QLabel(tr("editor.hint"))
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
        front = side_html(self.card.front, self.front.toPlainText())
        back = side_html(self.card.back, self.back.toPlainText())
        self.preview.show_html(front + "<hr/>" + back)

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
        col, card_id, now = self.ctx.col, self.card_id, self.ctx.clock()
        try:
            self.ctx.ops.run(lambda: col.edit_card_text(card_id, front, back, now), source=self)
        except SrsError as exc:
            self.status.setText(str(exc))
            self.status.show()
            return
        super().accept()
