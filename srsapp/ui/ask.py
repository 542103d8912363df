"""A question before something that cannot be taken back: a warning box whose default and
escape button is Cancel, opened without blocking (window-modal)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_destructive(
    parent: QWidget, title: str, text: str, action: str, cancel: str, on_yes: Callable[[], None]
) -> QMessageBox:
    """Open the question; ``on_yes`` runs when ``action`` is chosen. The box is returned (a
    caller keeps it, tests drive it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)  # fmt: skip
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)

    def done(_result: int) -> None:
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(done)
    box.open()
    return box
