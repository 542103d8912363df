"""Light and dark themes (Fusion style with a palette), or follow the system."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")


def _dark_palette() -> QPalette:
    p = QPalette()
    base, alt, text = QColor(30, 31, 34), QColor(43, 45, 49), QColor(226, 226, 228)
    p.setColor(QPalette.ColorRole.Window, alt)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, alt)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, alt)
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.ToolTipBase, base)
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Highlight, QColor(74, 136, 199))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.Link, QColor(120, 180, 255))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(150, 150, 155))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(120, 120, 125))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(120, 120, 125))
    return p


def _light_palette() -> QPalette:
    p = QPalette()
    p.setColor(QPalette.ColorRole.Window, QColor(245, 245, 247))
    p.setColor(QPalette.ColorRole.WindowText, QColor(28, 28, 30))
    p.setColor(QPalette.ColorRole.Base, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(240, 240, 243))
    p.setColor(QPalette.ColorRole.Text, QColor(28, 28, 30))
    p.setColor(QPalette.ColorRole.Button, QColor(236, 236, 240))
    p.setColor(QPalette.ColorRole.ButtonText, QColor(28, 28, 30))
    p.setColor(QPalette.ColorRole.Highlight, QColor(48, 110, 190))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.Link, QColor(30, 90, 180))
    return p


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def is_dark(mode: str) -> bool:
    return mode == "dark" or (mode == "system" and system_is_dark())


def apply_theme(app: QApplication, mode: str) -> None:
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if is_dark(mode) else _light_palette())
