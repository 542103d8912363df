"""The review screen, as Anki users expect it.

Space / Enter shows the answer; 1-4 rate it (Space on the answer side: Good), each button
printing the interval it would give. Ctrl+Z undoes the last answer (or bury, suspend, flag,
edit) and shows that card again; ``e`` edits, ``n`` shows the card in its notes, ``-`` buries,
``@`` suspends, Ctrl+1..4 toggles a flag, Escape goes back to the deck list.

The keyboard always lands on this widget: buttons and the card view take no focus, so Space
is never swallowed by a button. Only a typed-answer card puts the focus in its line edit
(Enter there shows the answer and the comparison).
"""

from __future__ import annotations

import difflib
import html
from dataclasses import replace
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.model import Rating
from srsapp.core.text import html_to_text
from srsapp.service.reports import AnswerResult, ReviewCard
from srsapp.service.search import card_texts
from srsapp.ui.card_view import CardPane
from srsapp.ui.fonts import load_fonts, mono_family
from srsapp.ui.main_window import DUE_COLOR, LEARN_COLOR, NEW_COLOR
from srsapp.ui.notes_view import NotesView, open_notes_for_card

MAX_ANSWER_MS = 60_000  # as Anki: a card left on screen counts at most one minute
FLAG_COLORS = {1: "#e0453a", 2: "#f0962e", 3: "#3cae4e", 4: "#3a7be0", 5: "#e06bc2",
               6: "#38b7c4", 7: "#9a62e0"}  # fmt: skip
RATING_KEYS = {
    Qt.Key.Key_1: Rating.AGAIN,
    Qt.Key.Key_2: Rating.HARD,
    Qt.Key.Key_3: Rating.GOOD,
    Qt.Key.Key_4: Rating.EASY,
}


# ---------------------------------------------------------------- typed answers


def typed_diff(typed: str, expected: str) -> list[tuple[str, str]]:
    """Compare whitespace-split tokens: ``("ok" | "missing" | "extra", token)`` in order.

    ``missing``: in the expected answer, not typed; ``extra``: typed, not expected.
    """
    a, b = typed.split(), expected.split()
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [("ok", t) for t in a[i1:i2]]
        else:
            out += [("extra", t) for t in a[i1:i2]]
            out += [("missing", t) for t in b[j1:j2]]
    return out


def typed_diff_html(diff: list[tuple[str, str]]) -> str:
    return " ".join(f'<span class="typed-{op}">{html.escape(tok)}</span>' for op, tok in diff)


def expected_typed_answer(card: ReviewCard) -> str | None:
    """The text a typed-answer card expects, or None for other cards."""
    value = card.extra.get("typed_answer")
    if not value:
        return None
    if isinstance(value, str):
        return value
    lines = html_to_text(card.back).splitlines()
    return lines[0] if lines else None


# ---------------------------------------------------------------- edit dialog


class EditCardDialog(QDialog):
    """Front and back as HTML text; saved as the learner's override (kept across syncs)."""

    def __init__(self, window: Any, card_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.card_id = card_id
        self.texts = card_texts(window.col, card_id)
        tr = window.i18n.tr
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
        self.window_.col.edit_card(
            self.card_id,
            None if front == self.texts.front else front,
            None if back == self.texts.back else back,
        )
        super().accept()


# ---------------------------------------------------------------- the review screen


class TypedAnswerEdit(QLineEdit):
    """The typed-answer line: Enter submits (and is consumed, so it does not also rate)."""

    submitted = Signal()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


def _no_focus(button: QPushButton) -> QPushButton:
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoDefault(False)
    return button


class ReviewWidget(QWidget):
    finished = Signal()

    def __init__(self, window: Any, deck_id: int | None = None, concept: Any = None) -> None:
        super().__init__()
        self.window_ = window
        self.col = window.col
        self.i18n = window.i18n
        self.deck_id = deck_id
        self.concept = tuple(concept) if concept else None
        self.card: ReviewCard | None = None
        self.revealed = False
        self.timer = QElapsedTimer()
        self.last_result: AnswerResult | None = None
        self.edit_dialog: EditCardDialog | None = None
        self.notes_view: NotesView | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        self.retranslate()
        self.next_card()

    # ---- layout

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 8)
        top = QHBoxLayout()
        self.back_button = _no_focus(QPushButton())
        self.back_button.clicked.connect(self.finished.emit)
        top.addWidget(self.back_button)
        top.addStretch(1)
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.counts_label)
        top.addStretch(1)
        self.flag_label = QLabel()
        self.flag_label.setFixedSize(16, 16)
        top.addWidget(self.flag_label)
        outer.addLayout(top)

        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)

        # review page
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        self.card_pane = CardPane(self.window_)
        self.card_view = self.card_pane.text
        self.card_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lay.addWidget(self.card_pane, 1)
        self.typed = TypedAnswerEdit()
        self.typed.setFont(self._mono_font(14))
        self.typed.submitted.connect(self.reveal)
        lay.addWidget(self.typed)
        self.buttons = QStackedWidget()
        self.show_button = _no_focus(QPushButton())
        self.show_button.setMinimumHeight(40)
        self.show_button.clicked.connect(self.reveal)
        show_page = QWidget()
        sl = QHBoxLayout(show_page)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addStretch(1)
        sl.addWidget(self.show_button, 2)
        sl.addStretch(1)
        self.buttons.addWidget(show_page)
        rate_page = QWidget()
        grid = QGridLayout(rate_page)
        grid.setContentsMargins(0, 0, 0, 0)
        self.interval_labels: dict[Rating, QLabel] = {}
        self.rating_buttons: dict[Rating, QPushButton] = {}
        for col_i, rating in enumerate(Rating):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            button = _no_focus(QPushButton())
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _c=False, r=rating: self.answer(r))
            grid.addWidget(label, 0, col_i)
            grid.addWidget(button, 1, col_i)
            self.interval_labels[rating] = label
            self.rating_buttons[rating] = button
        self.buttons.addWidget(rate_page)
        self.buttons.setFixedHeight(max(show_page.sizeHint().height(), 72))
        lay.addWidget(self.buttons)
        tools = QHBoxLayout()
        self.edit_button = _no_focus(QPushButton())
        self.edit_button.clicked.connect(self.edit)
        self.notes_button = _no_focus(QPushButton())
        self.notes_button.clicked.connect(self.show_notes)
        tools.addWidget(self.edit_button)
        tools.addWidget(self.notes_button)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setEnabled(False)  # greyed
        tools.addWidget(self.hint_label, 1)
        lay.addLayout(tools)
        self.pages.addWidget(page)

        # end-of-session page
        done = QWidget()
        dl = QVBoxLayout(done)
        dl.addStretch(1)
        self.done_title = QLabel()
        self.done_title.setWordWrap(True)
        self.done_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title_font = self.done_title.font()
        title_font.setPointSize(title_font.pointSize() + 6)
        title_font.setBold(True)
        self.done_title.setFont(title_font)
        self.done_info = QLabel()
        self.done_info.setWordWrap(True)
        self.done_info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_info.setTextFormat(Qt.TextFormat.RichText)
        self.done_button = _no_focus(QPushButton())
        self.done_button.setMinimumHeight(36)
        self.done_button.clicked.connect(self.finished.emit)
        self.done_hint = QLabel()
        self.done_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_hint.setEnabled(False)
        dl.addWidget(self.done_title)
        dl.addSpacing(12)
        dl.addWidget(self.done_info)
        dl.addSpacing(18)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.done_button)
        row.addStretch(1)
        dl.addLayout(row)
        dl.addWidget(self.done_hint)
        dl.addStretch(2)
        self.pages.addWidget(done)
        self.done_page = done

        self.status = QLabel()
        self.status.setWordWrap(True)
        outer.addWidget(self.status)

    def _mono_font(self, size: int) -> Any:
        font = self.font()
        font.setFamily(mono_family())
        font.setPointSize(size)
        return font

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.back_button.setText(tr("review.decks"))
        self.show_button.setText(tr("review.show_answer"))
        for rating, button in self.rating_buttons.items():
            button.setText(f"{tr(f'rating.{int(rating)}')}  ({int(rating)})")
        self.edit_button.setText(tr("review.edit"))
        self.notes_button.setText(tr("review.show_in_notes"))
        self.typed.setPlaceholderText(tr("review.type_placeholder"))
        self.hint_label.setText(tr(self._hint_key()))
        self.done_button.setText(tr("done.back"))
        self.done_hint.setText(tr("done.hint"))
        self.done_title.setText(tr("done.title"))
        if self.is_done():
            self._fill_done_page()

    # ---- state

    def now(self) -> Any:
        return self.window_.clock()

    def is_done(self) -> bool:
        return self.pages.currentWidget() is self.done_page

    def counts(self) -> tuple[int, int, int]:
        return self.col.counts(self.now(), self.deck_id, self.concept)

    def _update_counts(self) -> None:
        new, learn, review = self.counts()
        current = self.card.queue if self.card is not None and not self.is_done() else ""
        parts = []
        for queue, value, color in (
            ("new", new, NEW_COLOR),
            ("learn", learn, LEARN_COLOR),
            ("review", review, DUE_COLOR),
        ):
            style = f"color:{color}; font-weight:bold;"
            if queue == current:
                style += " text-decoration: underline;"
            parts.append(f'<span style="{style}">{value}</span>')
        self.counts_label.setText(" + ".join(parts))
        tr = self.i18n.tr
        self.counts_label.setToolTip(f"{tr('decks.new')} + {tr('decks.learn')} + {tr('decks.due')}")

    def _update_flag(self) -> None:
        flag = self.card.flag if self.card is not None else 0
        color = FLAG_COLORS.get(flag)
        self.flag_label.setStyleSheet(f"background:{color}; border-radius:3px;" if color else "")

    def _card_fonts(self) -> None:
        size = int(self.col.settings().get("card_font_size") or 20)
        self.card_view.set_fonts(load_fonts(), mono_family(), size)

    # ---- showing cards

    def next_card(self) -> None:
        card = self.col.next_card(self.now(), self.deck_id, self.concept)
        if card is None:
            self.show_done()
        else:
            self.show_question(card)

    def show_question(self, card: ReviewCard) -> None:
        self.card = card
        self.revealed = False
        self.pages.setCurrentIndex(0)
        self._card_fonts()
        self.card_pane.show_card(card.front, card.extra, reveal=False)
        expected = expected_typed_answer(card)
        self.typed.clear()
        self.typed.setReadOnly(False)
        self.typed.setVisible(expected is not None)
        self.buttons.setCurrentIndex(0)
        self.hint_label.setText(self.i18n.tr(self._hint_key()))
        self._update_counts()
        self._update_flag()
        self.timer.start()
        # a typed-answer question sends the keyboard to its line edit (also when the main
        # window focuses this screen after opening it); everything else to this widget
        self.setFocusProxy(self.typed if expected is not None else None)
        self.setFocus()

    def _hint_key(self) -> str:
        if self.revealed:
            return "review.hint_answer"
        if self.card is not None and expected_typed_answer(self.card) is not None:
            return "review.hint_typed"  # keys go to the answer box: say how to go on
        return "review.hint_question"

    def answer_html(self) -> str:
        assert self.card is not None
        parts = [self.card.front]
        expected = expected_typed_answer(self.card)
        if expected is not None:
            diff = typed_diff(self.typed.text(), expected)
            shown = typed_diff_html(diff) if self.typed.text().strip() else ""
            tr = self.i18n.tr
            parts.append(
                f'<p class="hint">{html.escape(tr("review.typed_heading"))}</p>'
                f"<pre><code>{shown or html.escape(tr('review.typed_empty'))}</code></pre>"
                f'<p class="hint">{html.escape(tr("review.typed_legend"))}</p>'
            )
        parts.append("<hr/>")
        parts.append(self.card.back)
        return "".join(parts)

    def reveal(self) -> None:
        if self.card is None or self.revealed or self.is_done():
            return
        self.revealed = True
        self.card_pane.show_card(self.answer_html(), self.card.extra, reveal=True)
        self.typed.setVisible(False)
        intervals = self.col.intervals(self.card.id, self.now())
        for rating, label in self.interval_labels.items():
            label.setText(intervals.get(rating, ""))
        self.buttons.setCurrentIndex(1)
        self.hint_label.setText(self.i18n.tr("review.hint_answer"))
        self.setFocusProxy(None)
        self.setFocus()

    def show_done(self) -> None:
        self.card = None
        self.revealed = False
        self.pages.setCurrentWidget(self.done_page)
        self._fill_done_page()
        self._update_counts()
        self._update_flag()
        self.setFocusProxy(None)
        self.setFocus()

    def _fill_done_page(self) -> None:
        tr = self.i18n.tr
        now = self.now()
        _new, learn, _review = self.col.counts(now, self.deck_id, self.concept)
        tomorrow = self.col.counts(now + timedelta(days=1), self.deck_id, self.concept)
        lines = []
        if learn:
            lines.append(html.escape(tr("done.later", n=learn)))
        lines.append(
            html.escape(tr("done.tomorrow", new=tomorrow[0], learn=tomorrow[1], review=tomorrow[2]))
        )
        self.done_info.setText("<br/>".join(lines))
        self.tomorrow_counts = tomorrow

    # ---- actions

    def answer(self, rating: Rating) -> AnswerResult | None:
        if self.card is None or not self.revealed:
            return None
        elapsed = self.timer.elapsed() if self.timer.isValid() else 0
        result = self.col.answer(
            self.card.id, rating, self.now(), duration_ms=min(MAX_ANSWER_MS, elapsed)
        )
        self.last_result = result
        tr = self.i18n.tr
        messages = []
        if result.leech:
            messages.append(tr("review.leech_suspended" if result.suspended else "review.leech"))
        if result.buried_siblings:
            messages.append(tr("review.siblings_buried", n=result.buried_siblings))
        self.status.setText(" ".join(messages))
        self.next_card()
        return result

    def undo(self) -> None:
        label = self.col.undo_label()
        card_id = self.col.undo().card_id
        if card_id is None:
            self.status.setText(self.i18n.tr("review.nothing_to_undo"))
            return
        self.status.setText(self.i18n.tr("review.undone", what=self.i18n.tr(f"undo.{label}")))
        self.show_question(self.col.card(card_id))

    def bury(self) -> None:
        if self.card is None:
            return
        self.col.bury(self.card.id, self.now())
        self.status.setText(self.i18n.tr("review.buried"))
        self.next_card()

    def suspend(self) -> None:
        if self.card is None:
            return
        self.col.set_suspended(self.card.id, True)
        self.status.setText(self.i18n.tr("review.suspended"))
        self.next_card()

    def toggle_flag(self, n: int) -> None:
        if self.card is None:
            return
        flag = 0 if self.card.flag == n else n
        self.col.set_flag(self.card.id, flag)
        self.card = replace(self.card, flag=flag)
        self._update_flag()
        tr = self.i18n.tr
        self.status.setText(tr("review.flag_set", n=flag) if flag else tr("review.flag_cleared"))

    def edit(self) -> EditCardDialog | None:
        if self.card is None:
            return None
        dialog = EditCardDialog(self.window_, self.card.id, self)
        dialog.accepted.connect(self._edited)
        dialog.finished.connect(lambda _r: self.setFocus())
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def _edited(self) -> None:
        if self.card is None:
            return
        fresh = self.col.card(self.card.id)
        self.card = fresh
        if self.revealed:
            self.card_pane.show_card(self.answer_html(), fresh.extra, reveal=True)
        else:
            self.card_pane.show_card(fresh.front, fresh.extra, reveal=False)
        self.status.setText(self.i18n.tr("review.edited"))

    def show_notes(self) -> NotesView | None:
        if self.card is None:
            return None
        view = open_notes_for_card(self.window_, self.card.id, self)
        if view is None:
            self.status.setText(self.i18n.tr("review.no_source"))
        self.notes_view = view
        return view

    # ---- keyboard

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        key = event.key()
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        text = event.text()
        confirm = key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if ctrl and key == Qt.Key.Key_Z:
            self.undo()
        elif ctrl and key in RATING_KEYS:
            self.toggle_flag(int(RATING_KEYS[key]))
        elif key == Qt.Key.Key_Escape:
            self.finished.emit()
        elif self.is_done():
            if key == Qt.Key.Key_Space:
                self.next_card()
            elif confirm:
                self.finished.emit()
            else:
                super().keyPressEvent(event)
        elif self.card is None:
            super().keyPressEvent(event)
        elif confirm:
            if self.revealed:
                self.answer(Rating.GOOD)
            else:
                self.reveal()
        elif key in RATING_KEYS and not ctrl:
            self.answer(RATING_KEYS[key])
        elif text == "e":
            self.edit()
        elif text == "n":
            self.show_notes()
        elif text == "-":
            self.bury()
        elif text == "@":
            self.suspend()
        else:
            super().keyPressEvent(event)
