"""The title-and-introduction heading that the tool dialogs open with."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def add_heading(owner: QWidget, layout: QVBoxLayout) -> tuple[QLabel, QLabel]:
    """A bold title (1.3× the owner's font) and a word-wrapped intro, added to ``layout``."""
    title = QLabel()
    font = QFont(owner.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    title.setFont(font)
    layout.addWidget(title)
    intro = QLabel()
    intro.setWordWrap(True)
    layout.addWidget(intro)
    return title, intro
