"""The review screen, as Anki users expect it.

Space / Enter shows the answer; 1-4 rate it (Space on the answer side: Good), each button
printing the interval it would give. Ctrl+Z undoes the last answer (or bury, suspend, flag,
edit) and shows that card again; ``e`` edits, ``n`` shows the card in its notes, ``-`` buries,
``@`` suspends, Ctrl+1..4 toggles a flag, Escape goes back to the deck list. PgUp/PgDn, the
up and down arrows, Home and End scroll the card (the answer is scrolled into view when shown).

The keyboard always lands on this widget: buttons and the card view take no focus, so Space
is never swallowed by a button. Only a typed-answer card puts the focus in its line edit
(Enter there shows the answer and the comparison).

The screen is put together from ``review_face`` (the card, the typed-answer line, the answer
bar, the hint: how a side looks and sounds) and ``review_parts`` (top bar, answer bar, done
page); this module holds the session: which card, what a key does, and the operations it
runs through ``ctx.ops``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from srsapp.core.errors import SrsError
from srsapp.core.model import Rating
from srsapp.core.study_queue import PracticeQueue
from srsapp.service.reports import AnswerResult, ReviewCard
from srsapp.service.search import fetch_rows
from srsapp.service.study.queue import Custom
from srsapp.ui.context import AppContext
from srsapp.ui.edit_card import EditCardDialog
from srsapp.ui.notes_view import NotesView, open_notes_for_card
from srsapp.ui.ops import OpChanges
from srsapp.ui.review_face import CardFace
from srsapp.ui.review_parts import DonePage, TopBar
from srsapp.ui.typed_answer import expected_typed_answer, typed_diff, typed_diff_html

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
        self.timer = QElapsedTimer()
        self.last_result: AnswerResult | None = None
        self.tomorrow_counts: tuple[int, int, int] | None = None
        self.edit_dialog: EditCardDialog | None = None
        self.notes_view: NotesView | None = None
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

        self.face = CardFace(self.ctx)  # the card, the typed answer, the answer bar, the tools
        # its parts, as the tests and the keyboard handling reach them
        self.card_pane, self.card_view = self.face.card_pane, self.face.card_view
        self.typed, self.answers = self.face.typed, self.face.answers
        self.edit_button, self.notes_button = self.face.edit_button, self.face.notes_button
        self.hint_label = self.face.hint_label
        self.typed.submitted.connect(self.reveal)
        self.answers.show_answer.connect(self.reveal)
        self.answers.rated.connect(self.answer)
        self.edit_button.clicked.connect(self.edit)
        self.notes_button.clicked.connect(self.show_notes)
        self.pages.addWidget(self.face)

        self.done_page = DonePage()
        self.done_page.back.connect(self.finished.emit)
        self.pages.addWidget(self.done_page)

        self.status = QLabel()
        self.status.setWordWrap(True)
        outer.addWidget(self.status)

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.top.retranslate(tr)
        self.face.retranslate()
        self.done_page.retranslate(tr)
        if self.is_done():
            self._fill_done_page()

    # ---- state

    @property
    def card(self) -> ReviewCard | None:
        """The card shown (None: the session is done)."""
        return self.face.card

    @card.setter
    def card(self, card: ReviewCard | None) -> None:
        self.face.card = card

    @property
    def revealed(self) -> bool:
        return self.face.revealed

    @property
    def question_sounds(self) -> int:
        return self.face.question_sounds

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
        self.pages.setCurrentWidget(self.face)
        self.face.show_question(card)
        self._update_counts()
        self._update_flag()
        self.timer.start()
        # a typed-answer question sends the keyboard to its line edit (also when the main
        # window focuses this screen after opening it); everything else to this widget
        self._focus(self.typed if self.face.typed_expected() else None)

    def _focus(self, proxy: QWidget | None) -> None:
        self.setFocusProxy(proxy)  # type: ignore[arg-type]  # None clears the proxy
        self.setFocus()

    def answer_html(self) -> str:
        return self.face.answer_parts()[0]

    def replay(self) -> None:
        """R / F5: play the sounds of what is shown again (question, or question and answer)."""
        if not self.is_done():
            self.face.replay()

    def reveal(self) -> None:
        if self.card is None or self.revealed or self.is_done():
            return
        if self.practice is not None:  # nothing is scheduled: say what each button does
            tr = self.i18n.tr
            offers = {r: tr(f"practice.button.{int(r)}") for r in Rating}
        else:
            offers = self.col.sched.answers.intervals(self.card.id, self.now())
        self.face.show_answer(offers)
        self._focus(None)

    def show_done(self) -> None:
        self.face.clear()
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
        self.face.show_again(self.col.card(self.card.id))
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
        self.face.stop_sounds()  # leaving the review ends the card's sound
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
