"""The card side of the review screen: the card pane, the typed-answer line, the answer bar
and the row under it (edit, show in notes, the keys of this side). ``CardFace`` shows a
card's question or answer as ``ReviewWidget`` asks, with its sounds (unless the preferences
turn autoplay off) and the card font size of the preferences; what a key or a rating does is
the review screen's business, not this part's.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from srsapp.core.model import Rating
from srsapp.service.reports import ReviewCard
from srsapp.ui.card_view import CardPane, answer_part, sanitize_html
from srsapp.ui.context import AppContext
from srsapp.ui.fonts import load_fonts, mono_family
from srsapp.ui.review_parts import AnswerBar, no_focus
from srsapp.ui.typed_answer import (
    TypedAnswerEdit,
    expected_typed_answer,
    typed_diff,
    typed_diff_html,
)


class CardFace(QWidget):
    """One card, question or answer side, and the bar to answer it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card: ReviewCard | None = None
        self.revealed = False
        self.question_sounds = 0  # how many of the answer side's sounds the question has
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.card_pane = CardPane(ctx)
        self.card_view = self.card_pane.text
        self.card_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.card_pane.laidOut.connect(self.show_hint)
        lay.addWidget(self.card_pane, 1)
        self.typed = TypedAnswerEdit()
        self.typed.setFont(self._mono_font(14))
        lay.addWidget(self.typed)
        self.answers = AnswerBar()
        lay.addWidget(self.answers)
        tools = QHBoxLayout()
        self.edit_button = no_focus(QPushButton())
        self.notes_button = no_focus(QPushButton())
        tools.addWidget(self.edit_button)
        tools.addWidget(self.notes_button)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setEnabled(False)  # greyed
        tools.addWidget(self.hint_label, 1)
        lay.addLayout(tools)

    def _mono_font(self, size: int) -> QFont:
        font = self.font()
        font.setFamily(mono_family())
        font.setPointSize(size)
        return font

    def retranslate(self) -> None:
        tr = self.ctx.tr
        self.answers.retranslate(tr)
        self.edit_button.setText(tr("review.edit"))
        self.notes_button.setText(tr("review.show_in_notes"))
        self.typed.setPlaceholderText(tr("review.type_placeholder"))
        self.show_hint()

    def typed_expected(self) -> bool:
        """Whether the card shown asks for a typed answer."""
        return self.card is not None and expected_typed_answer(self.card) is not None

    # ---- the two sides

    def show_question(self, card: ReviewCard) -> None:
        self.card = card
        self.revealed = False
        self._card_fonts()
        self.card_pane.show_card(card.front, card.extra, reveal=False)
        self.question_sounds = len(self.card_view.sounds)
        self._autoplay(self.card_view.sounds)
        self.typed.clear()
        self.typed.setReadOnly(False)
        self.typed.setVisible(self.typed_expected())
        self.answers.ask()
        self.show_hint()

    def show_answer(self, offers: Mapping[Rating, str]) -> None:
        """The answer side (scrolled so that the answer is on screen) with its own sounds,
        and the ratings, each with what it does (``offers``)."""
        assert self.card is not None
        self.revealed = True
        self._show_answer()
        # as Anki: the answer plays its own sounds, not the question's again
        self._autoplay(self.card_view.sounds[self.question_sounds :])
        self.typed.setVisible(False)
        self.answers.offer(offers)
        self.show_hint()

    def show_again(self, card: ReviewCard) -> None:
        """The same card as it is now (edited elsewhere), on the side it was on."""
        self.card = card
        if self.revealed:
            self._show_answer()
        else:
            self.card_pane.show_card(card.front, card.extra, reveal=False)

    def clear(self) -> None:
        """No card (the session is done)."""
        self.stop_sounds()
        self.card = None
        self.revealed = False

    def _show_answer(self) -> None:
        assert self.card is not None
        body, rules = self.answer_parts()
        self.card_pane.show_card(body, self.card.extra, reveal=True, answer_rule=rules)

    def answer_parts(self) -> tuple[str, int]:
        """The answer side's HTML and the number of horizontal rules before its answer."""
        assert self.card is not None
        parts = [self.card.front]
        expected = expected_typed_answer(self.card)
        if expected is not None:
            diff = typed_diff(self.typed.text(), expected)
            shown = typed_diff_html(diff) if self.typed.text().strip() else ""
            tr = self.ctx.tr
            parts.append(
                f'<p class="hint">{html.escape(tr("review.typed_heading"))}</p>'
                f"<pre><code>{shown or html.escape(tr('review.typed_empty'))}</code></pre>"
                f'<p class="hint">{html.escape(tr("review.typed_legend"))}</p>'
            )
        question = "".join(parts)
        rules = sanitize_html(question).count("<hr")
        return f"{question}<hr/>{answer_part(self.card.front, self.card.back)}", rules

    # ---- the hint, the font, the sounds

    def show_hint(self) -> None:
        """The keys of this side; PgUp/PgDn too when the card is taller than the screen."""
        tr = self.ctx.tr
        hint = tr(self._hint_key())
        if self.card is not None and self.card_pane.verticalScrollBar().maximum() > 0:
            hint += " · " + tr("review.hint_scroll")
        self.hint_label.setText(hint)

    def _hint_key(self) -> str:
        if self.revealed:
            return "review.hint_answer"
        if self.typed_expected():
            return "review.hint_typed"  # keys go to the answer box: say how to go on
        return "review.hint_question"

    def _card_fonts(self) -> None:
        size = int(self.ctx.col.settings().get("card_font_size") or 20)
        self.card_view.set_fonts(load_fonts(), mono_family(), size)

    def _autoplay(self, names: list[str]) -> None:
        """Play a side's sounds as it shows, unless the preferences turn that off."""
        if names and self.ctx.col.settings().get("autoplay_sounds", True):
            self.card_view.play_sounds(names)
        else:
            self.card_view.stop_sounds()

    def replay(self) -> None:
        """Play the sounds of what is shown again (question, or question and answer)."""
        if self.card is not None:
            self.card_view.play_sounds()

    def stop_sounds(self) -> None:
        self.card_view.stop_sounds()
