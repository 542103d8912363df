"""The parts of the review screen: the bar above the card (back, counts, flag), the answer
bar below it (Show answer, or the four ratings with their intervals) and the page shown when
the session is done. They show what ``ReviewWidget`` tells them and report clicks as signals;
none of them takes the keyboard focus (Space must reach the review screen, not a button).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.model import Rating
from srsapp.ui.theme import DUE_COLOR, FLAG_COLORS, LEARN_COLOR, NEW_COLOR

Tr = Callable[..., str]


def no_focus(button: QPushButton) -> QPushButton:
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoDefault(False)
    return button


class TopBar(QWidget):
    """Back to the decks · new + learn + due (the current card's queue underlined) · flag."""

    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.back_button = no_focus(QPushButton())
        self.back_button.clicked.connect(self.back.emit)
        row.addWidget(self.back_button)
        row.addStretch(1)
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        row.addWidget(self.counts_label)
        row.addStretch(1)
        self.flag_label = QLabel()
        self.flag_label.setFixedSize(16, 16)
        row.addWidget(self.flag_label)

    def retranslate(self, tr: Tr) -> None:
        self.back_button.setText(tr("review.decks"))
        self.counts_label.setToolTip(f"{tr('decks.new')} + {tr('decks.learn')} + {tr('decks.due')}")

    def show_counts(self, counts: tuple[int, int, int], current_queue: str) -> None:
        parts = []
        for queue, value, color in zip(
            ("new", "learn", "review"), counts, (NEW_COLOR, LEARN_COLOR, DUE_COLOR), strict=True
        ):
            style = f"color:{color}; font-weight:bold;"
            if queue == current_queue:
                style += " text-decoration: underline;"
            parts.append(f'<span style="{style}">{value}</span>')
        self.counts_label.setText(" + ".join(parts))

    def show_flag(self, flag: int) -> None:
        color = FLAG_COLORS.get(flag)
        self.flag_label.setStyleSheet(f"background:{color}; border-radius:3px;" if color else "")


class AnswerBar(QStackedWidget):
    """Show answer, or (once shown) Again / Hard / Good / Easy under their intervals."""

    show_answer = Signal()
    rated = Signal(object)  # the Rating

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_button = no_focus(QPushButton())
        self.show_button.setMinimumHeight(40)
        self.show_button.clicked.connect(self.show_answer.emit)
        show_page = QWidget()
        sl = QHBoxLayout(show_page)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addStretch(1)
        sl.addWidget(self.show_button, 2)
        sl.addStretch(1)
        self.addWidget(show_page)
        rate_page = QWidget()
        grid = QGridLayout(rate_page)
        grid.setContentsMargins(0, 0, 0, 0)
        self.interval_labels: dict[Rating, QLabel] = {}
        self.rating_buttons: dict[Rating, QPushButton] = {}
        for column, rating in enumerate(Rating):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            button = no_focus(QPushButton())
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _c=False, r=rating: self.rated.emit(r))
            grid.addWidget(label, 0, column)
            grid.addWidget(button, 1, column)
            self.interval_labels[rating] = label
            self.rating_buttons[rating] = button
        self.addWidget(rate_page)
        self.setFixedHeight(max(show_page.sizeHint().height(), 72))

    def retranslate(self, tr: Tr) -> None:
        self.show_button.setText(tr("review.show_answer"))
        for rating, button in self.rating_buttons.items():
            button.setText(f"{tr(f'rating.{int(rating)}')}  ({int(rating)})")

    def ask(self) -> None:
        self.setCurrentIndex(0)

    def offer(self, intervals: Mapping[Rating, str]) -> None:
        for rating, label in self.interval_labels.items():
            label.setText(intervals.get(rating, ""))
        self.setCurrentIndex(1)


class DonePage(QWidget):
    """Congratulations: what is left for later today and what tomorrow brings."""

    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title_font = self.title.font()
        title_font.setPointSize(title_font.pointSize() + 6)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.button = no_focus(QPushButton())
        self.button.setMinimumHeight(36)
        self.button.clicked.connect(self.back.emit)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setEnabled(False)  # greyed
        layout.addWidget(self.title)
        layout.addSpacing(12)
        layout.addWidget(self.info)
        layout.addSpacing(18)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addStretch(2)

    def retranslate(self, tr: Tr) -> None:
        self.button.setText(tr("done.back"))
        self.hint.setText(tr("done.hint"))
        self.title.setText(tr("done.title"))

    def show_outlook(
        self, tr: Tr, learn_later: int, tomorrow: tuple[int, int, int], unseen: int = 0
    ) -> None:
        """``unseen``: new cards past today's limit (custom study can show them)."""
        self.title.setText(tr("done.title"))
        lines = []
        if learn_later:
            lines.append(html.escape(tr("done.later", n=learn_later)))
        new, learn, review = tomorrow
        lines.append(html.escape(tr("done.tomorrow", new=new, learn=learn, review=review)))
        if unseen:
            lines.append(html.escape(tr("done.unseen", n=unseen)))
        self.info.setText("<br/>".join(lines))

    def show_custom_done(self, tr: Tr, practice: bool) -> None:
        self.title.setText(tr("done.custom_title"))
        self.info.setText(html.escape(tr("done.practice" if practice else "done.custom")))
