"""Jump from a card back to its place in the notes: the notes text, read-only, with the
card's lines highlighted and scrolled into view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service import sources
from srsapp.ui.context import AppContext
from srsapp.ui.diagram import DiagramView
from srsapp.ui.fonts import mono_family
from srsapp.ui.theme import NOTES_HIGHLIGHT


class NotesView(QDialog):
    """The notes file a card came from, lines ``first``..``last`` (1-based) highlighted."""

    def __init__(
        self,
        ctx: AppContext,
        path: str,
        text: str,
        first: int,
        last: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path, self.first, self.last = path, max(1, first), max(first, last)
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)  # a file name is no markup
        layout.addWidget(self.caption)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(mono_family())
        font.setPointSize(11)
        self.editor.setFont(font)
        self.editor.setPlainText(text)
        self.diagram: DiagramView | None = None
        self.diagram_caption = QLabel()
        self.diagram_caption.setTextFormat(Qt.TextFormat.PlainText)
        linked = self._linked_diagram(text)
        if linked is None:
            layout.addWidget(self.editor, 1)
        else:
            # the picture the notes refer to, drawn by srsapp from its data file
            self.resize(900, 820)
            self.diagram_src = linked[0]
            split = QSplitter(Qt.Orientation.Vertical)
            split.addWidget(self.editor)
            pane = QWidget()
            pane_layout = QVBoxLayout(pane)
            pane_layout.setContentsMargins(0, 4, 0, 0)
            pane_layout.addWidget(self.diagram_caption)
            pane_layout.addWidget(linked[1], 1)
            split.addWidget(pane)
            split.setSizes([420, 360])
            layout.addWidget(split, 1)
            self.diagram = linked[1]
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._highlight()
        self.retranslate()

    def _linked_diagram(self, text: str) -> tuple[str, DiagramView] | None:
        """The diagram standing for an image these notes refer to, as a widget."""
        col = self.ctx.col
        for src, name in sources.linked_diagrams(col):
            if f"]({src})" not in text:
                continue
            try:
                view = DiagramView(sources.diagram(col, name), lang=self.ctx.i18n.lang)
            except SrsError:
                return None
            view.setMinimumHeight(240)
            return src, view
        return None

    def retranslate(self) -> None:
        tr = self.ctx.i18n.tr
        if self.diagram is not None:
            self.diagram_caption.setText(tr("notes.diagram", src=self.diagram_src))
        self.setWindowTitle(tr("notes.title", name=Path(self.path).name))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("button.close"))
        self.caption.setText(tr("notes.lines", path=self.path, first=self.first, last=self.last))

    def highlighted_lines(self) -> tuple[int, int]:
        """(first, last) 1-based lines of the highlight (tests)."""
        sel = self.editor.extraSelections()
        if not sel:
            return (0, 0)
        return (
            sel[0].cursor.block().blockNumber() + 1,
            sel[-1].cursor.block().blockNumber() + 1,
        )

    def _highlight(self) -> None:
        doc = self.editor.document()
        fmt = QTextCharFormat()
        dark = self.palette().color(self.backgroundRole()).lightness() < 128
        fmt.setBackground(QColor(NOTES_HIGHLIGHT[dark]))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selections = []
        for line in range(self.first, self.last + 1):
            block = doc.findBlockByNumber(line - 1)
            if not block.isValid():
                break
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(block)
            sel.format = fmt
            selections.append(sel)
        self.editor.setExtraSelections(selections)
        start = doc.findBlockByNumber(self.first - 1)
        if start.isValid():
            cursor = QTextCursor(start)
            self.editor.setTextCursor(cursor)
            self.editor.centerCursor()


def open_notes_for_card(
    ctx: AppContext, card_id: int, parent: QWidget | None = None
) -> NotesView | None:
    """Show the notes of ``card_id``; None when the card came from no notes file."""
    source = sources.card_source(ctx.col, card_id)
    if source is None:
        return None
    path, text, first, last = source
    view = NotesView(ctx, path, text, first, last, parent)
    view.show()
    view.raise_()
    return view
