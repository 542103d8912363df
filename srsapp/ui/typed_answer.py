"""Typed-answer cards: the line the learner types in, and the comparison with the answer."""

from __future__ import annotations

import difflib
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from srsapp.core.text import html_to_text
from srsapp.service.reports import ReviewCard


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


# keys a one-line edit has no use for, left to the review screen (they scroll the card)
PASSED_ON = (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Up, Qt.Key.Key_Down)


class TypedAnswerEdit(QLineEdit):
    """The typed-answer line: Enter submits (and is consumed, so it does not also rate)."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submitted.emit()
            return
        if event.key() in PASSED_ON:
            event.ignore()  # the review screen scrolls the card
            return
        super().keyPressEvent(event)
