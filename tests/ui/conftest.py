"""UI tests start from a quiet application: no popup menu a previous test left open (it would
take every key), and no keyboard modifier left held by a previous test's Ctrl+click (Qt keeps
the last mouse event's modifiers as the application's: ``selectRow`` would add to the
selection, shortcuts would not match). Without it the tests passed only in file order."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _quiet_application(qtbot: Any) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()
    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        # a plain click anywhere is the event that lets the held modifiers go
        spot = QWidget()
        qtbot.addWidget(spot)
        spot.show()
        qtbot.waitExposed(spot)
        QTest.mouseClick(
            spot, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(1, 1)
        )
        spot.close()
