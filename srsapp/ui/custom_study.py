"""Custom study (``/``), as Anki has it: more new cards or reviews today (today's limit of the
deck raised), review forgotten cards (a practice that leaves the schedule alone), review
ahead (real reviews of cards due in the next days), a concept or the whole deck beyond
today's limits. Every choice is a radio button (arrow keys move between them, Alt+letter
picks one), one number (cards or days) and Enter to start."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service.study.queue import MAX_CUSTOM_DAYS, MAX_EXTEND, Custom
from srsapp.ui.context import AppContext
from srsapp.ui.theme import ERROR_TEXT

CHOICES = ("more_new", "more_reviews", "forgotten", "ahead", "beyond")
DEFAULT_NUMBER = {"more_new": 10, "more_reviews": 50, "forgotten": 1, "ahead": 1, "beyond": 0}


class CustomStudyDialog(QDialog):
    """Built as ``CustomStudyDialog(ctx, parent)``; ``set_scope`` picks the deck (and the
    concept) it opens on."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.col = ctx.col
        self.setModal(True)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.deck_label = QLabel()
        self.deck_combo = QComboBox()
        self.deck_label.setBuddy(self.deck_combo)
        form.addRow(self.deck_label, self.deck_combo)
        layout.addLayout(form)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for i, key in enumerate(CHOICES):
            radio = QRadioButton()
            self.group.addButton(radio, i)
            self.radios[key] = radio
            layout.addWidget(radio)
        self.radios["more_new"].setChecked(True)
        numbers = QFormLayout()
        self.number_label = QLabel()
        self.number = QSpinBox()
        self.number_label.setBuddy(self.number)
        numbers.addRow(self.number_label, self.number)
        self.concept_label = QLabel()
        self.concept_combo = QComboBox()
        self.concept_combo.setMinimumContentsLength(24)
        self.concept_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.concept_label.setBuddy(self.concept_combo)
        numbers.addRow(self.concept_label, self.concept_combo)
        layout.addLayout(numbers)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setMinimumWidth(460)
        # room for the longest explanation (three lines), so that the dialog never clips it
        self.info.setMinimumHeight(4 * self.info.fontMetrics().lineSpacing())
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.info.setEnabled(False)  # greyed: it explains, it is not a control
        layout.addWidget(self.info)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_TEXT};")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for did, name in self.col.decks():
            self.deck_combo.addItem(name, did)
        self.deck_combo.currentIndexChanged.connect(lambda _i: self._deck_changed())
        self.group.idToggled.connect(self._toggled)
        self.concept_combo.currentIndexChanged.connect(lambda _i: self._update_info())
        self.retranslate()
        self._choice_changed(True)
        self._deck_changed()
        self.radios["more_new"].setFocus()

    # ---- state

    def choice(self) -> str:
        return CHOICES[max(0, self.group.checkedId())]

    def deck_id(self) -> int | None:
        data = self.deck_combo.currentData()
        return None if data is None else int(data)

    def concept(self) -> tuple[str, ...] | None:
        data = self.concept_combo.currentData()
        return tuple(data) if data else None

    def set_scope(self, deck_id: int | None, concept: tuple[str, ...] | None = None) -> None:
        """Open on ``deck_id`` (and, for "beyond today's limits", ``concept``)."""
        i = self.deck_combo.findData(deck_id) if deck_id is not None else -1
        if i >= 0:
            self.deck_combo.setCurrentIndex(i)
        if concept:
            j = self.concept_combo.findData(list(concept))
            if j >= 0:
                self.concept_combo.setCurrentIndex(j)

    def select(self, choice: str) -> None:
        self.radios[choice].setChecked(True)

    # ---- texts

    def retranslate(self) -> None:
        tr = self.ctx.tr
        self.setWindowTitle(tr("custom.title"))
        self.deck_label.setText(tr("custom.deck"))
        for key, radio in self.radios.items():
            radio.setText(tr(f"custom.{key}"))
        self.concept_label.setText(tr("custom.concept"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("custom.start"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("button.cancel"))
        self._choice_changed(False)

    def _toggled(self, _id: int, on: bool) -> None:
        if on:
            self._choice_changed(True)

    def _deck_changed(self) -> None:
        self.concept_combo.blockSignals(True)
        self.concept_combo.clear()
        self.concept_combo.addItem(self.ctx.tr("custom.whole_deck"), None)
        deck_id = self.deck_id()
        if deck_id is not None:
            for path in self.col.concepts_of(deck_id):
                self.concept_combo.addItem("  " * (len(path) - 1) + path[-1], list(path))
        self.concept_combo.blockSignals(False)
        self._update_info()

    def _choice_changed(self, reset: bool) -> None:
        tr = self.ctx.tr
        choice = self.choice()
        days = choice in ("forgotten", "ahead")
        self.number_label.setText(tr("custom.days" if days else "custom.cards"))
        self.number.setSuffix(tr("custom.days_suffix" if days else "custom.cards_suffix"))
        beyond = choice == "beyond"
        self.number.setSpecialValueText("—" if beyond else "")  # no number to give
        self.number.setRange(0 if beyond else 1, MAX_CUSTOM_DAYS if days else MAX_EXTEND)
        if reset:
            self.number.setValue(DEFAULT_NUMBER[choice])
        self.number.setEnabled(not beyond)
        self.number_label.setEnabled(not beyond)
        self.concept_combo.setEnabled(beyond)
        self.concept_label.setEnabled(beyond)
        self.error.hide()
        self._update_info()

    def _update_info(self) -> None:
        tr, deck_id, now = self.ctx.tr, self.deck_id(), self.ctx.now()
        if deck_id is None:
            self.info.setText(tr("custom.no_deck"))
            return
        choice = self.choice()
        if choice == "more_new":
            new, _learn, _rev = self.col.counts(now, deck_id)
            text = tr("custom.info_new", left=new, unseen=self.col.unseen(now, deck_id))
        elif choice == "more_reviews":
            _new, _learn, rev = self.col.counts(now, deck_id)
            due = self.col.counts(now, deck_id, custom=Custom("beyond"))[2]
            text = tr("custom.info_reviews", left=rev, due=due)
        elif choice == "beyond":
            text = tr("custom.info_beyond", unseen=self.col.unseen(now, deck_id, self.concept()))
        else:
            text = tr(f"custom.info_{choice}")
        self.info.setText(text)

    # ---- starting

    def accept(self) -> None:
        try:
            started = self.start()
        except SrsError as exc:
            started = False
            self.error.setText(html.escape(str(exc)))
        if not started:
            self.error.show()
            return
        super().accept()

    def start(self) -> bool:
        """Do what the choice says and open the session; False (with the reason shown) when
        there is nothing to study."""
        tr, col, now = self.ctx.tr, self.col, self.ctx.now()
        deck_id = self.deck_id()
        if deck_id is None:
            self.error.setText(tr("custom.no_deck"))
            return False
        choice, n = self.choice(), self.number.value()
        shell = self.ctx.shell
        if choice in ("more_new", "more_reviews"):
            new, reviews = (n, 0) if choice == "more_new" else (0, n)
            self.ctx.ops.run(lambda: col.extend_limits(deck_id, now, new, reviews), source=self)
            deck = self.deck_combo.currentText()
            shell.show_status(tr("custom.extended", deck=deck, new=new, reviews=reviews), 10000)
            shell.open_review(deck_id)
            return True
        if choice == "forgotten":
            practice = col.practice(now, deck_id, None, n)
            if not len(practice):
                self.error.setText(tr("custom.nothing"))
                return False
            shell.open_review(deck_id, practice=practice)
            return True
        custom = Custom("ahead", n) if choice == "ahead" else Custom("beyond")
        concept = self.concept() if choice == "beyond" else None
        if not any(col.counts(now, deck_id, concept, custom)):
            self.error.setText(tr("custom.nothing"))
            return False
        shell.open_review(deck_id, concept, custom=custom)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()  # Enter starts from any control (a combo box would swallow it)
            return
        super().keyPressEvent(event)
