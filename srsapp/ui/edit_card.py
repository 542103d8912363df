"""Editing a card's text: front and back as HTML, saved as the learner's override (kept
across syncs of the notes). The review screen and the browser open it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from srsapp.service.search import card_texts
from srsapp.ui.context import AppContext
from srsapp.ui.fonts import mono_family


class EditCardDialog(QDialog):
    """Front and back as HTML text; saved as the learner's override (kept across syncs)."""

    def __init__(self, ctx: AppContext, card_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card_id = card_id
        self.texts = card_texts(ctx.col, card_id)
        tr = ctx.i18n.tr
        self.setWindowTitle(tr("edit.title"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        mono = mono_family()
        self.front = QPlainTextEdit(self.texts.override_front or self.texts.front)
        self.back = QPlainTextEdit(self.texts.override_back or self.texts.back)
        for label, edit in ((tr("edit.front"), self.front), (tr("edit.back"), self.back)):
            layout.addWidget(QLabel(label))
            font = edit.font()
            font.setFamily(mono)
            edit.setFont(font)
            layout.addWidget(edit, 1)
        hint = QLabel(tr("edit.hint"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("button.save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("button.cancel"))
        self.restore = buttons.addButton(tr("edit.restore"), QDialogButtonBox.ButtonRole.ResetRole)
        self.restore.clicked.connect(self._restore)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.front.setFocus()

    def _restore(self) -> None:
        self.front.setPlainText(self.texts.front)
        self.back.setPlainText(self.texts.back)

    def accept(self) -> None:
        front, back = self.front.toPlainText(), self.back.toPlainText()
        col, card_id, texts = self.ctx.col, self.card_id, self.texts
        self.ctx.ops.run(
            lambda: col.edit_card(
                card_id,
                None if front == texts.front else front,
                None if back == texts.back else back,
            ),
            source=self,
        )
        super().accept()
