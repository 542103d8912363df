"""Light and dark themes (Fusion style with a palette), or follow the system; every colour the
screens draw with (queues, flags, browser rows, card text, chart series, diagrams, the printed
report, error text). A pair is (light, dark)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

# the three queues, as Anki colours them (deck list, the review screen's counts)
NEW_COLOR, LEARN_COLOR, DUE_COLOR = "#2f6fd6", "#c9482b", "#2e8b3a"
# card flags 1-7 (review screen, browser rows)
FLAG_COLORS = {1: "#e0453a", 2: "#f0962e", 3: "#3cae4e", 4: "#3a7be0", 5: "#e06bc2",
               6: "#38b7c4", 7: "#9a62e0"}  # fmt: skip
ERROR_TEXT = "#d0453a"  # an inline error line (browser search, preferences)

# browser rows: a flag's colour shows through at FLAG_ROW_ALPHA; suspended, buried cards
FLAG_ROW_ALPHA = 70
SUSPENDED_ROW = QColor(230, 190, 0, 70)
BURIED_ROW = QColor(128, 128, 128, 60)
# the notes view's lines of the card shown
NOTES_HIGHLIGHT = ("#fff2b3", "#4a4020")

# a card's text (review, previews): code blocks, breadcrumb and hints, the blank of a cloze
# and sound links, a typed answer's right, missing and extra letters
CARD_CODE_BG = ("#f1f2f4", "#2b2e33")
CARD_MUTED = ("#6b6e76", "#9a9ca3")
CARD_ACCENT = ("#1f5fbf", "#6ea8ff")
TYPED_OK = ("#1f7a30", "#6fcf7f")
TYPED_MISSING = ("#b3261e", "#ff8a7a")
TYPED_EXTRA = ("#8a6d00", "#e6c35c")

# chart series (dashboard)
CHART_NEW = QColor("#3b82f6")
CHART_LEARN = QColor("#f97316")
CHART_REVIEW = QColor("#22a05a")
CHART_AGAIN = QColor("#e0453a")
CHART_HARD = QColor("#e8a13a")
CHART_GOOD = QColor("#2fa35a")
CHART_EASY = QColor("#3b82f6")
CHART_LINE = QColor("#8b5cf6")
CHART_LINE2 = QColor("#e0453a")

# a concept with no cards (dashboard tree: mastery runs red → amber → green)
NO_CARDS = QColor(120, 120, 125)

# diagrams: the box or arrow a card asks about (Okabe-Ito vermillion / orange: distinct from
# the viridis scale and from text), and mastery on viridis (matplotlib's colormap sampled at
# 0, 1/8 … 1)
DIAGRAM_HIGHLIGHT = (QColor(213, 94, 0), QColor(255, 150, 60))
# text on a box: dark on a light fill, light on a dark one
DIAGRAM_INK = (QColor(20, 20, 20), QColor(250, 250, 250))
VIRIDIS = [
    (68, 1, 84),
    (71, 44, 122),
    (59, 81, 139),
    (44, 113, 142),
    (33, 144, 141),
    (39, 173, 129),
    (92, 200, 99),
    (170, 220, 50),
    (253, 231, 37),
]

# the printed statistics report (always on white paper): text, notes, rules, bar tracks
REPORT_INK = QColor(28, 28, 30)
REPORT_MUTED = QColor(96, 96, 104)
REPORT_RULE = QColor(200, 200, 206)
REPORT_TRACK = QColor(226, 226, 230)
REPORT_PAPER = QColor(255, 255, 255)
REPORT_PLACEHOLDER = QColor(130, 130, 136)

# workload chart, (light, dark)
REVIEWS_COLOR = ("#2f6fd6", "#6ea8ff")
MEMORIZED_COLOR = ("#2e8b3a", "#5cc46a")
SUGGESTED_COLOR = ("#d9730d", "#ffa94d")
CURRENT_COLOR = ("#8e44ad", "#c79be0")


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


def light_palette() -> QPalette:
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
    app.setPalette(_dark_palette() if is_dark(mode) else light_palette())
