"""Card info (Ctrl+Shift+I in the review and the browser, as Anki): where the card is, its
memory state now (stability, difficulty, retrievability) and every review with its date,
rating, interval, stability, difficulty and the retrievability it was answered at."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.days import days_between, study_day
from srsapp.core.scheduler import format_interval
from srsapp.core.text import html_to_text
from srsapp.service import cards
from srsapp.service.cards import CardInfo
from srsapp.ui.context import AppContext
from srsapp.ui.ops import OpChanges
from srsapp.ui.theme import CHART_AGAIN, CHART_EASY, CHART_GOOD, CHART_HARD

_CONTEXT = re.compile(r'<div class="context">.*?</div>', re.S)  # the concept: a row below
RATING_COLORS = {1: CHART_AGAIN, 2: CHART_HARD, 3: CHART_GOOD, 4: CHART_EASY}
COLUMNS = ("date", "rating", "interval", "stability", "difficulty", "retrievability", "time")


def _pct(x: float | None) -> str:
    """A probability as a percentage (99.7 %, not a rounded 100 %, when nearly sure)."""
    if x is None:
        return ""
    return f"{100 * x:.1f}%" if x >= 0.995 else f"{100 * x:.0f}%"


def _num(x: float | None, digits: int = 1) -> str:
    return "" if x is None else f"{x:.{digits}f}"


def interval_text(due_s: int, interval_s: int, tz: ZoneInfo, day_start_hour: int) -> str:
    """A review card's interval in study days, as its answer button printed it: it is due at
    the start of its day, so the seconds between the answer and the due time read "9.8h" for
    "1d". Less than a day (imported data) is the time itself."""
    last = study_day(datetime.fromtimestamp(due_s - interval_s, tz), tz, day_start_hour)
    due = study_day(datetime.fromtimestamp(due_s, tz), tz, day_start_hour)
    days = days_between(last, due)
    if days < 1:
        return format_interval(timedelta(seconds=interval_s))
    return format_interval(timedelta(days=days))


class CardInfoDialog(QDialog):
    def __init__(self, ctx: AppContext, card_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.ctx = ctx
        self.card_id = card_id
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        font = self.question.font()
        font.setPointSize(font.pointSize() + 2)
        self.question.setFont(font)
        layout.addWidget(self.question)
        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addLayout(self.facts)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty = QLabel()
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+W"), self).activated.connect(self.reject)
        self.info: CardInfo | None = None
        ctx.ops.changed.connect(self._on_changed)
        self.refresh()
        self.table.setFocus()

    def _on_changed(self, changes: OpChanges) -> None:
        if changes.touches(self.card_id):
            self.refresh()

    def _when(self, t: datetime, with_time: bool = True) -> str:
        tz = ZoneInfo(self.ctx.col.settings()["timezone"])
        return t.astimezone(tz).strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")

    def refresh(self) -> None:
        tr = self.ctx.tr
        info = self.info = cards.card_info(self.ctx.col, self.card_id, self.ctx.now())
        self.setWindowTitle(tr("info.title"))
        self.question.setText(" ".join(html_to_text(_CONTEXT.sub("", info.front)).split())[:300])
        while self.facts.rowCount():
            self.facts.removeRow(0)
        settings = self.ctx.col.settings()
        tz, hour = ZoneInfo(settings["timezone"]), int(settings["day_start_hour"])
        state = tr(f"info.state.{info.state}")
        if info.suspended:
            state += " · " + tr("info.suspended")
        if info.due is None:
            due = tr("browser.due_new", n=info.position)
        else:
            due = self._when(info.due, info.state in (1, 3))
        rows = [
            ("info.deck", info.deck),
            ("info.concept", " › ".join(info.concept)),
            ("info.state", state),
            ("info.added", self._when(info.added, False) if info.added else ""),
            ("info.due", due),
            ("info.interval", interval_text(int(info.due.timestamp()), info.interval_s, tz,
                                            hour) if info.due and info.interval_s else ""),
            ("info.stability", tr("info.days", n=_num(info.stability)) if info.stability else ""),
            ("info.difficulty", _num(info.difficulty)),
            ("info.retrievability", _pct(info.retrievability)),
            ("info.counts", tr("info.counts_value", reps=info.reps, lapses=info.lapses)),
            ("info.tags", " ".join(info.tags)),
        ]  # fmt: skip
        for key, value in rows:
            if value:
                label = QLabel(value)
                label.setTextFormat(Qt.TextFormat.PlainText)  # deck, concept, tags: no markup
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.facts.addRow(tr(key), label)
        self.table.setHorizontalHeaderLabels([tr(f"info.col.{c}") for c in COLUMNS])
        self.table.setRowCount(len(info.reviews))
        for r, rev in enumerate(reversed(info.reviews)):  # the newest first, as Anki
            rating = tr(f"rating.{rev.rating}") if rev.rating else tr(f"info.kind.{rev.kind}")
            values = [
                self._when(rev.time),
                rating,
                format_interval(timedelta(seconds=rev.interval_s)) if rev.interval_s else "",
                _num(rev.stability),
                _num(rev.difficulty),
                _pct(rev.retrievability),
                f"{rev.duration_ms / 1000:.1f}s" if rev.duration_ms else "",
            ]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if c == 1 and rev.rating in RATING_COLORS:
                    item.setForeground(QBrush(QColor(RATING_COLORS[rev.rating])))
                self.table.setItem(r, c, item)
        self.empty.setText(tr("info.no_reviews"))
        self.empty.setVisible(not info.reviews)
        self.close_button.setText(tr("button.close"))

    def rows(self) -> list[list[str]]:
        """The review table's texts, newest first (tests)."""
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]  # type: ignore[union-attr]
            for r in range(self.table.rowCount())
        ]

    def fact(self, key: str) -> str:
        """The value shown for the fact ``key`` (``info.stability`` …), "" when not shown."""
        label = self.ctx.tr(key)
        for r in range(self.facts.rowCount()):
            item = self.facts.itemAt(r, QFormLayout.ItemRole.LabelRole)
            field = self.facts.itemAt(r, QFormLayout.ItemRole.FieldRole)
            if item is not None and field is not None:
                name, value = item.widget(), field.widget()
                if isinstance(name, QLabel) and isinstance(value, QLabel) and name.text() == label:
                    return value.text()
        return ""


def open_card_info(ctx: AppContext, card_id: int, parent: QWidget | None) -> CardInfoDialog:
    """Show Card info of ``card_id`` (a window of its own; Esc or Ctrl+W closes it)."""
    dialog = CardInfoDialog(ctx, card_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
