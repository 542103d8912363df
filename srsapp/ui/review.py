"""The review screen, as Anki users expect it.

Space / Enter shows the answer; 1-4 rate it (Space on the answer side: Good), each button
printing the interval it would give. Ctrl+Z undoes the last answer (or bury, suspend, flag,
edit) and shows that card again; ``e`` edits, ``n`` shows the card in its notes, ``-`` buries,
``@`` suspends, Ctrl+1..4 toggles a flag, Escape goes back to the deck list. PgUp/PgDn, the
up and down arrows, Home and End scroll the card (the answer is scrolled into view when shown).

The keyboard always lands on this widget: buttons and the card view take no focus, so Space
is never swallowed by a button. Only a typed-answer card puts the focus in its line edit
(Enter there shows the answer and the comparison).

The screen is put together from ``review_parts`` (top bar, answer bar, done page), the card
pane (``card_view``) and the typed-answer line (``typed_answer``); this module holds the
session: which card, what a key does, and the operations it runs through ``ctx.ops``.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.core.model import Rating
from srsapp.core.study_queue import PracticeQueue
from srsapp.service.reports import AnswerResult, ReviewCard
from srsapp.service.search import fetch_rows
from srsapp.service.study.queue import Custom
from srsapp.ui.card_view import CardPane, answer_part, sanitize_html
from srsapp.ui.context import AppContext
from srsapp.ui.edit_card import EditCardDialog
from srsapp.ui.fonts import load_fonts, mono_family
from srsapp.ui.notes_view import NotesView, open_notes_for_card
from srsapp.ui.ops import OpChanges
from srsapp.ui.review_parts import AnswerBar, DonePage, TopBar, no_focus
from srsapp.ui.typed_answer import (
    TypedAnswerEdit,
    expected_typed_answer,
    typed_diff,
    typed_diff_html,
)

__all__ = ["ReviewWidget", "expected_typed_answer", "typed_diff", "typed_diff_html"]

MAX_ANSWER_MS = 60_000  # as Anki: a card left on screen counts at most one minute
RATING_KEYS: dict[int, Rating] = {
    Qt.Key.Key_1: Rating.AGAIN,
    Qt.Key.Key_2: Rating.HARD,
    Qt.Key.Key_3: Rating.GOOD,
    Qt.Key.Key_4: Rating.EASY,
}


class ReviewWidget(QWidget):
    finished = Signal()

    def __init__(
        self,
        ctx: AppContext,
        deck_id: int | None = None,
        concept: tuple[str, ...] | None = None,
        parent: QWidget | None = None,
        *,
        custom: Custom | None = None,
        practice: PracticeQueue | None = None,
    ) -> None:
        """``custom``: a custom study session (review ahead, beyond today's limits);
        ``practice``: forgotten cards gone over without touching their schedule."""
        super().__init__(parent)
        self.ctx = ctx
        self.col = ctx.col
        self.i18n = ctx.i18n
        self.deck_id = deck_id
        self.concept = tuple(concept) if concept else None
        self.custom = custom
        self.practice = practice
        self._practice_log: list[str] = []  # a practice's answers and card actions, in turn
        self.card: ReviewCard | None = None
        self.revealed = False
        self.timer = QElapsedTimer()
        self.last_result: AnswerResult | None = None
        self.tomorrow_counts: tuple[int, int, int] | None = None
        self.edit_dialog: EditCardDialog | None = None
        self.notes_view: NotesView | None = None
        self.question_sounds = 0  # how many of the answer side's sounds the question has
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        self.retranslate()
        ctx.ops.changed.connect(self._on_changed)
        self.next_card()
        if practice is not None or custom is not None:  # say which session this is
            kind = "forgotten" if practice is not None else custom.kind if custom else ""
            self.status.setText(self.i18n.tr(f"review.custom_{kind}"))

    # ---- layout

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 8)
        self.top = TopBar()
        self.top.back.connect(self.finished.emit)
        outer.addWidget(self.top)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)

        page = QWidget()  # the card, the typed answer, the answer bar, the tools
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        self.card_pane = CardPane(self.ctx)
        self.card_view = self.card_pane.text
        self.card_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.card_pane.laidOut.connect(self._show_hint)
        lay.addWidget(self.card_pane, 1)
        self.typed = TypedAnswerEdit()
        self.typed.setFont(self._mono_font(14))
        self.typed.submitted.connect(self.reveal)
        lay.addWidget(self.typed)
        self.answers = AnswerBar()
        self.answers.show_answer.connect(self.reveal)
        self.answers.rated.connect(self.answer)
        lay.addWidget(self.answers)
        tools = QHBoxLayout()
        self.edit_button = no_focus(QPushButton())
        self.edit_button.clicked.connect(self.edit)
        self.notes_button = no_focus(QPushButton())
        self.notes_button.clicked.connect(self.show_notes)
        tools.addWidget(self.edit_button)
        tools.addWidget(self.notes_button)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setEnabled(False)  # greyed
        tools.addWidget(self.hint_label, 1)
        lay.addLayout(tools)
        self.pages.addWidget(page)

        self.done_page = DonePage()
        self.done_page.back.connect(self.finished.emit)
        self.pages.addWidget(self.done_page)

        self.status = QLabel()
        self.status.setWordWrap(True)
        outer.addWidget(self.status)

    def _mono_font(self, size: int) -> QFont:
        font = self.font()
        font.setFamily(mono_family())
        font.setPointSize(size)
        return font

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.top.retranslate(tr)
        self.answers.retranslate(tr)
        self.done_page.retranslate(tr)
        self.edit_button.setText(tr("review.edit"))
        self.notes_button.setText(tr("review.show_in_notes"))
        self.typed.setPlaceholderText(tr("review.type_placeholder"))
        self._show_hint()
        if self.is_done():
            self._fill_done_page()

    # ---- state

    def now(self) -> datetime:
        return self.ctx.clock()

    def is_done(self) -> bool:
        return self.pages.currentWidget() is self.done_page

    def counts(self) -> tuple[int, int, int]:
        if self.practice is not None:
            return 0, 0, len(self.practice)
        return self.col.counts(self.now(), self.deck_id, self.concept, self.custom)

    def _update_counts(self) -> None:
        current = self.card.queue if self.card is not None and not self.is_done() else ""
        self.top.show_counts(self.counts(), current)

    def _update_flag(self) -> None:
        self.top.show_flag(self.card.flag if self.card is not None else 0)

    def _card_fonts(self) -> None:
        size = int(self.col.settings().get("card_font_size") or 20)
        self.card_view.set_fonts(load_fonts(), mono_family(), size)

    def _on_changed(self, changes: OpChanges) -> None:
        """A change made elsewhere (the browser, an edit dialog, an import): show the card
        and the counts as they are now. This screen's own operations update it directly."""
        if changes.source is self or not self.isVisible():
            return
        if self.card is not None and changes.touches(self.card.id):
            self._card_changed()
        if changes.counts:
            self._update_counts()

    # ---- showing cards

    def next_card(self) -> None:
        if self.practice is not None:
            current = self.practice.current()
            card = None if current is None else self.col.card(current)
        else:
            card = self.col.next_card(self.now(), self.deck_id, self.concept, self.custom)
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
        self.question_sounds = len(self.card_view.sounds)
        self._autoplay(self.card_view.sounds)
        expected = expected_typed_answer(card)
        self.typed.clear()
        self.typed.setReadOnly(False)
        self.typed.setVisible(expected is not None)
        self.answers.ask()
        self._show_hint()
        self._update_counts()
        self._update_flag()
        self.timer.start()
        # a typed-answer question sends the keyboard to its line edit (also when the main
        # window focuses this screen after opening it); everything else to this widget
        self._focus(self.typed if expected is not None else None)

    def _focus(self, proxy: QWidget | None) -> None:
        self.setFocusProxy(proxy)  # type: ignore[arg-type]  # None clears the proxy
        self.setFocus()

    def _show_hint(self) -> None:
        """The keys of this side; PgUp/PgDn too when the card is taller than the screen."""
        tr = self.i18n.tr
        hint = tr(self._hint_key())
        if self.card is not None and self.card_pane.verticalScrollBar().maximum() > 0:
            hint += " · " + tr("review.hint_scroll")
        self.hint_label.setText(hint)

    def _hint_key(self) -> str:
        if self.revealed:
            return "review.hint_answer"
        if self.card is not None and expected_typed_answer(self.card) is not None:
            return "review.hint_typed"  # keys go to the answer box: say how to go on
        return "review.hint_question"

    def answer_html(self) -> str:
        return self._answer_parts()[0]

    def _answer_parts(self) -> tuple[str, int]:
        """The answer side's HTML and the number of horizontal rules before its answer."""
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
        question = "".join(parts)
        rules = sanitize_html(question).count("<hr")
        return f"{question}<hr/>{answer_part(self.card.front, self.card.back)}", rules

    def _autoplay(self, names: list[str]) -> None:
        """Play a side's sounds as it shows, unless the preferences turn that off."""
        if names and self.col.settings().get("autoplay_sounds", True):
            self.card_view.play_sounds(names)
        else:
            self.card_view.stop_sounds()

    def replay(self) -> None:
        """R / F5: play the sounds of what is shown again (question, or question and answer)."""
        if self.card is not None and not self.is_done():
            self.card_view.play_sounds()

    def reveal(self) -> None:
        if self.card is None or self.revealed or self.is_done():
            return
        self.revealed = True
        self._show_answer(self.card.extra)
        # as Anki: the answer plays its own sounds, not the question's again
        self._autoplay(self.card_view.sounds[self.question_sounds :])
        self.typed.setVisible(False)
        if self.practice is not None:  # nothing is scheduled: say what each button does
            tr = self.i18n.tr
            self.answers.offer({r: tr(f"practice.button.{int(r)}") for r in Rating})
        else:
            self.answers.offer(self.col.sched.answers.intervals(self.card.id, self.now()))
        self._show_hint()
        self._focus(None)

    def _show_answer(self, extra: dict[str, Any]) -> None:
        """The answer side, scrolled so that the answer is on screen."""
        body, rules = self._answer_parts()
        self.card_pane.show_card(body, extra, reveal=True, answer_rule=rules)

    def show_done(self) -> None:
        self.card_view.stop_sounds()
        self.card = None
        self.revealed = False
        self.pages.setCurrentWidget(self.done_page)
        self._fill_done_page()
        self._update_counts()
        self._update_flag()
        self._focus(None)

    def _fill_done_page(self) -> None:
        tr = self.i18n.tr
        if self.practice is not None or self.custom is not None:
            self.done_page.show_custom_done(tr, self.practice is not None)
            return
        now = self.now()
        _new, learn, _review = self.col.counts(now, self.deck_id, self.concept)
        tomorrow = self.col.counts(now + timedelta(days=1), self.deck_id, self.concept)
        waiting = self.col.unseen(now, self.deck_id, self.concept) if self.deck_id else 0
        self.done_page.show_outlook(tr, learn, tomorrow, waiting)
        self.tomorrow_counts = tomorrow

    def _card_changed(self) -> None:
        """Show the current card's text as it is now (it was edited)."""
        if self.card is None:
            return
        if not self._still_studied(self.card.id):
            if self.practice is not None:
                self.practice.remove(self.card.id)  # a practice holds its cards itself
            self.next_card()  # retired by a notes sync, suspended or deleted in the browser
            self.status.setText(self.i18n.tr("review.card_gone"))
            return
        fresh = self.col.card(self.card.id)
        self.card = fresh
        if self.revealed:
            self._show_answer(fresh.extra)
        else:
            self.card_pane.show_card(fresh.front, fresh.extra, reveal=False)
        self._update_flag()
        self.status.setText(self.i18n.tr("review.edited"))

    def _still_studied(self, card_id: int) -> bool:
        row = fetch_rows(self.col, [card_id]).get(card_id)
        buried = row is not None and row.buried_until > int(self.now().timestamp())
        return row is not None and not (row.retired or row.suspended or buried)

    # ---- actions (each one an operation on the collection, run through ctx.ops)

    def answer(self, rating: Rating) -> AnswerResult | None:
        if self.card is None or not self.revealed:
            return None
        if self.practice is not None:
            self.practice.answer(self.card.id, rating)  # nothing written
            self._practice_log.append("answer")
            self.status.setText("")
            self.next_card()
            return None
        elapsed = self.timer.elapsed() if self.timer.isValid() else 0
        card_id, now, col = self.card.id, self.now(), self.col
        try:
            result = self.ctx.ops.run(
                lambda: col.answer(card_id, rating, now, duration_ms=min(MAX_ANSWER_MS, elapsed)),
                source=self,
            )
        except SrsError as exc:  # a full disk, a lock taken away: not saved; say so
            self.status.setText(str(exc))
            return None
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
        if self.practice is not None and self._practice_log[-1:] == ["answer"]:
            self._practice_log.pop()
            card_id = self.practice.undo()
            if card_id is None:
                self.status.setText(self.i18n.tr("review.nothing_to_undo"))
                return
            self.status.setText(self.i18n.tr("review.undone", what=self.i18n.tr("undo.answer")))
            self.show_question(self.col.card(card_id))
            return
        col = self.col
        if self._practice_log:
            self._practice_log.pop()  # a bury or suspension made in the practice
        label = col.sched.undo.label()
        card_id = self.ctx.ops.run(col.undo, source=self).card_id
        if card_id is None:
            self.status.setText(self.i18n.tr("review.nothing_to_undo"))
            return
        self.status.setText(self.i18n.tr("review.undone", what=self.i18n.tr(f"undo.{label}")))
        self.show_question(col.card(card_id))

    def bury(self) -> None:
        if self.card is None:
            return
        card_id, now, col = self.card.id, self.now(), self.col
        self.ctx.ops.run(lambda: col.sched.actions.bury(card_id, now), source=self)
        if self.practice is not None:
            self.practice.remove(card_id)
            self._practice_log.append("card")
        self.status.setText(self.i18n.tr("review.buried"))
        self.next_card()

    def suspend(self) -> None:
        if self.card is None:
            return
        card_id, now, col = self.card.id, self.now(), self.col
        self.ctx.ops.run(
            lambda: col.sched.actions.set_suspended(card_id, True, now=now), source=self
        )
        if self.practice is not None:
            self.practice.remove(card_id)
            self._practice_log.append("card")
        self.status.setText(self.i18n.tr("review.suspended"))
        self.next_card()

    def toggle_flag(self, n: int) -> None:
        if self.card is None:
            return
        flag = 0 if self.card.flag == n else n
        card_id, now, col = self.card.id, self.now(), self.col
        self.ctx.ops.run(lambda: col.sched.actions.set_flag(card_id, flag, now=now), source=self)
        self.card = replace(self.card, flag=flag)
        self._update_flag()
        tr = self.i18n.tr
        self.status.setText(tr("review.flag_set", n=flag) if flag else tr("review.flag_cleared"))

    def edit(self) -> EditCardDialog | None:
        if self.card is None:
            return None
        dialog = EditCardDialog(self.ctx, self.card.id, self)
        dialog.finished.connect(lambda _r: self.setFocus())
        self.edit_dialog = dialog
        dialog.open()  # saving announces the change: _on_changed shows the new text
        return dialog

    def show_notes(self) -> NotesView | None:
        if self.card is None:
            return None
        view = open_notes_for_card(self.ctx, self.card.id, self)
        if view is None:
            self.status.setText(self.i18n.tr("review.no_source"))
        self.notes_view = view
        return view

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
        self.card_view.stop_sounds()  # leaving the review ends the card's sound
        super().hideEvent(event)

    # ---- keyboard

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        text = event.text()
        confirm = key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if not self.is_done() and not ctrl and self.card_pane.scroll_key(key):
            pass  # PgUp/PgDn/arrows/Home/End scroll the card
        elif ctrl and key == Qt.Key.Key_Z:
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
        elif key == Qt.Key.Key_F5 or (text in ("r", "R") and not ctrl):
            self.replay()
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
