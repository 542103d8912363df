"""The dashboard's panels, one box each: the diagram coloured by mastery, the review calendar,
the forecast, reviews per day, retention, card counts, knowledge over time, answer buttons.

Each panel is built with the window's ``I18n``, names itself (``retranslate``) and shows the
statistics it is given (``fill``); none of them loads anything or knows about the others.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.diagrams import Diagram
from srsapp.core.errors import SrsError
from srsapp.core.mastery import diagram_overlay
from srsapp.service import stats as svc
from srsapp.ui.charts import BarChart, Heatmap, LineChart, Series
from srsapp.ui.diagram import DiagramView
from srsapp.ui.i18n import I18n
from srsapp.ui.theme import (
    CHART_AGAIN,
    CHART_EASY,
    CHART_GOOD,
    CHART_HARD,
    CHART_LEARN,
    CHART_LINE,
    CHART_LINE2,
    CHART_NEW,
    CHART_REVIEW,
)


def fit_rows(table: QTableWidget) -> None:
    """As tall as the table's rows and header: no box of empty rows under them."""
    table.resizeRowsToContents()
    header = table.horizontalHeader()
    height = header.sizeHint().height() if not header.isHidden() else 0
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height + 2 * table.frameWidth())
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


class Panel(QGroupBox):
    """A titled box of the dashboard."""

    title_key = ""

    def __init__(self, i18n: I18n, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.i18n = i18n
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(8, 6, 8, 8)

    def retranslate(self) -> None:
        self.setTitle(self.i18n.tr(self.title_key))

    def fill(self, stats: svc.DashboardStats) -> None:
        """Show the statistics (panels fed otherwise, as the knowledge panel, keep this)."""


class DiagramPanel(Panel):
    """The diagram the notes link to, its boxes coloured by the mastery of their concept;
    clicking a box reports its concept."""

    title_key = "dash.diagram"
    conceptClicked = Signal(object)  # the concept's path

    def __init__(
        self, i18n: I18n, load: Callable[[], Diagram | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(i18n, parent)
        self._load = load  # the linked diagram, None when the notes link to none
        self.view: DiagramView | None = None
        self._key: tuple[tuple[str, ...], str] | None = None
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.box.addWidget(self.empty)
        # the whole section under the diagram: its diagram cards and its other cards
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)  # concept names are not markup
        self.caption.setWordWrap(True)
        self.box.addWidget(self.caption)
        self._make_view()

    def retranslate(self) -> None:
        super().retranslate()
        self.empty.setText(self.i18n.tr("dash.no_diagram"))

    def _make_view(self, parent_path: tuple[str, ...] = (), lang: str = "ko") -> None:
        """The boxes and arrows named as the concepts under ``parent_path`` (the section that
        shows the diagram) in ``lang``."""
        try:
            diagram = self._load()
            if diagram is None:
                return
            view = DiagramView(diagram, parent_path=parent_path, lang=lang)
        except SrsError:  # a damaged diagram copy: the box keeps its message
            return
        if self.view is not None:
            self.box.removeWidget(self.view)
            self.view.deleteLater()
        self.view = view
        self._key = (parent_path, lang)
        view.conceptClicked.connect(self.conceptClicked.emit)
        self.box.insertWidget(self.box.indexOf(self.caption), view, 1)
        self.empty.hide()

    def fill(self, stats: svc.DashboardStats) -> None:
        if self.view is None:
            return
        overlay = diagram_overlay(self.view.diagram, stats.concepts, stats.section_cards)
        self.caption.setText("")
        if overlay is None:
            self.view.set_mastery({})
            return
        section = next((c for c in stats.concepts if c.path == overlay.parent), None)
        if section is not None and section.cards:
            on_diagram = sum(
                c.cards
                for c in stats.concepts
                if c.kind in ("state", "transition") and c.path[:-1] == overlay.parent
            )
            self.caption.setText(
                self.i18n.tr(
                    "dash.diagram_section",
                    section=" › ".join(section.path),
                    cards=section.cards,
                    diagram=on_diagram,
                    others=section.cards - on_diagram,
                    mastery="–" if not section.studied else f"{100 * (section.mastery or 0):.0f}%",
                )
            )
        if self._key != (overlay.parent, overlay.lang):
            self._make_view(overlay.parent, overlay.lang)  # named as the concepts are
            assert self.view is not None
        self.view.set_mastery(overlay.mastery, overlay.details)


class CalendarPanel(Panel):
    title_key = "dash.calendar"

    def __init__(self, i18n: I18n, parent: QWidget | None = None) -> None:
        super().__init__(i18n, parent)
        self.heatmap = Heatmap()
        self.heatmap.setMinimumHeight(7 * 14 + 10)
        self.streak_label = QLabel()
        self.streak_label.setWordWrap(True)
        self.box.addWidget(self.heatmap)
        self.box.addWidget(self.streak_label)

    def retranslate(self) -> None:
        super().retranslate()
        tr = self.i18n.tr
        self.heatmap.empty_text = tr("dash.no_reviews")
        self.heatmap.month_names = tr("dash.months").split()
        self.heatmap.weekday_names = [w if w != "-" else "" for w in tr("dash.weekdays").split()]
        self.heatmap.fmt_tip = lambda d, n: tr("dash.tip_day", date=d.isoformat(), n=n)

    def fill(self, stats: svc.DashboardStats) -> None:
        s, tr = stats, self.i18n.tr
        self.heatmap.set_data(s.today, {r.day: r.count for r in s.reviews})
        self.streak_label.setText(
            tr("dash.streak", streak=s.streak, avg=f"{s.average.per_study_day:.1f}", avg_all=f"{s.average.per_day:.1f}", days=s.average.days_studied)
            if s.reviews else tr("dash.no_reviews")
        )  # fmt: skip


class ForecastPanel(Panel):
    title_key = "dash.forecast"

    def __init__(self, i18n: I18n, parent: QWidget | None = None) -> None:
        super().__init__(i18n, parent)
        self.chart = BarChart()
        self.load_label = QLabel()
        self.load_label.setWordWrap(True)
        self.box.addWidget(self.chart)
        self.box.addWidget(self.load_label)

    def retranslate(self) -> None:
        super().retranslate()
        self.chart.empty_text = self.i18n.tr("dash.nothing_due")

    def fill(self, stats: svc.DashboardStats) -> None:
        tr = self.i18n.tr
        fc = stats.forecast
        self.chart.set_data(
            [f"{f.day.month}/{f.day.day}" for f in fc],
            [
                Series(tr("decks.new"), CHART_NEW, [f.new for f in fc]),
                Series(tr("dash.learning"), CHART_LEARN, [f.learning for f in fc]),
                Series(tr("dash.review"), CHART_REVIEW, [f.review for f in fc]),
            ],
        )
        total = sum(f.total for f in fc)
        self.load_label.setText(
            tr("dash.load", today=fc[0].total if fc else 0, avg=f"{total / max(1, len(fc)):.0f}")
        )


class ReviewsPanel(Panel):
    """Reviews per day over the chosen period, as a count or in minutes."""

    title_key = "dash.reviews"

    def __init__(
        self, i18n: I18n, period_days: Callable[[], int | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(i18n, parent)
        self._period_days = period_days
        self._stats: svc.DashboardStats | None = None
        toggle = QHBoxLayout()
        self.count_radio = QRadioButton()
        self.time_radio = QRadioButton()
        self.count_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.count_radio)
        group.addButton(self.time_radio)
        self.count_radio.toggled.connect(lambda _c: self._draw())
        toggle.addWidget(self.count_radio)
        toggle.addWidget(self.time_radio)
        toggle.addStretch(1)
        self.box.addLayout(toggle)
        self.chart = BarChart()
        self.box.addWidget(self.chart)

    def retranslate(self) -> None:
        super().retranslate()
        tr = self.i18n.tr
        self.count_radio.setText(tr("dash.count"))
        self.time_radio.setText(tr("dash.time"))
        self.chart.empty_text = tr("dash.no_reviews")

    def fill(self, stats: svc.DashboardStats) -> None:
        self._stats = stats
        self._draw()

    def _draw(self) -> None:
        s = self._stats
        if s is None:
            return
        tr = self.i18n.tr
        days = self._period_days()
        rows = [r for r in s.reviews if days is None or (s.today - r.day).days < days]
        by_time = self.time_radio.isChecked()
        self.chart.fmt = (lambda v: f"{v:.1f} min") if by_time else (lambda v: f"{v:.0f}")
        self.chart.set_data(
            [f"{r.day.month}/{r.day.day}" for r in rows],
            [Series(tr("dash.minutes") if by_time else tr("dash.reviews_n"), CHART_REVIEW,
                    [r.seconds / 60 if by_time else r.count for r in rows])],
        )  # fmt: skip


class RetentionPanel(Panel):
    """Pass rates of young, mature and all cards over five periods (the slow statistics)."""

    title_key = "dash.retention"
    PERIODS = ("today", "yesterday", "week", "month", "year")

    def __init__(self, i18n: I18n, parent: QWidget | None = None) -> None:
        super().__init__(i18n, parent)
        self.table = QTableWidget(3, 5)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.box.addWidget(self.table)
        self.empty = QLabel()
        self.box.addWidget(self.empty)
        self.box.addStretch(1)  # the rows at the top, whatever the panel beside them needs

    def fill(self, stats: svc.DashboardStats) -> None:
        tr = self.i18n.tr
        table = self.table
        table.setHorizontalHeaderLabels([tr(f"dash.ret.{p}") for p in self.PERIODS])
        table.setVerticalHeaderLabels([tr("dash.young"), tr("dash.mature"), tr("dash.total")])
        ret = stats.retention
        for c, p in enumerate(self.PERIODS):
            row = ret.get(p)
            for r in range(3):
                pf = None if row is None else (row.young, row.mature, row.all)[r]
                if pf is None:
                    item = QTableWidgetItem("…")  # still being computed
                else:
                    item = QTableWidgetItem("–" if pf.rate is None else f"{100 * pf.rate:.1f}%")
                    item.setToolTip(tr("dash.tip_retention", passed=pf.passed, failed=pf.failed))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(r, c, item)
        fit_rows(table)
        has = any(r.all.total for r in ret.values())
        self.empty.setText("" if has or not ret else tr("dash.no_retention"))
        self.empty.setVisible(bool(ret) and not has)


class CountsPanel(Panel):
    """Cards by state, and when the new cards will all have been seen."""

    title_key = "dash.counts"
    KEYS = ("new", "learning", "young", "mature", "suspended", "retired")

    def __init__(self, i18n: I18n, parent: QWidget | None = None) -> None:
        super().__init__(i18n, parent)
        self.table = QTableWidget(6, 2)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().hide()
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.box.addWidget(self.table)
        self.finish_label = QLabel()
        self.finish_label.setWordWrap(True)
        self.box.addWidget(self.finish_label)
        self.box.addStretch(1)

    def fill(self, stats: svc.DashboardStats) -> None:
        tr = self.i18n.tr
        cc = stats.card_counts.as_dict()
        for r, k in enumerate(self.KEYS):
            self.table.setItem(r, 0, QTableWidgetItem(tr(f"dash.cards.{k}")))
            item = QTableWidgetItem(f"{cc[k]:,}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 1, item)
        fit_rows(self.table)
        s = stats
        if s.new_remaining == 0:
            text = tr("dash.finish_done")
        elif s.days_to_finish == 0:
            text = tr("dash.finish_today", new=s.new_remaining)
        elif s.days_to_finish is None:
            text = tr("dash.finish_never", new=s.new_remaining)
        else:
            text = tr(
                "dash.finish", new=s.new_remaining, limit=s.new_per_day, days=s.days_to_finish
            )
        self.finish_label.setText(text)


class KnowledgePanel(Panel):
    """Cards known over time, and the mastery of the selected concept over time (the
    histories arrive on their own: ``show_history``, ``show_concept``)."""

    title_key = "dash.knowledge"

    def __init__(self, i18n: I18n, parent: QWidget | None = None) -> None:
        super().__init__(i18n, parent)
        self.chart = LineChart()
        self.chart.fmt = lambda v: f"{v:,.0f}"
        self.concept_chart = LineChart()
        self.concept_chart.fmt = lambda v: f"{100 * v:.0f}%"
        self.box.addWidget(self.chart)
        self.box.addWidget(self.concept_chart)

    def retranslate(self) -> None:
        super().retranslate()
        tr = self.i18n.tr
        self.chart.empty_text = tr("dash.no_reviews")
        self.concept_chart.empty_text = tr("dash.pick_concept")

    def show_history(self, h: svc.KnowledgeHistory) -> None:
        self.chart.set_data(
            [d.isoformat() for d in h.days],
            [Series(self.i18n.tr("dash.knowledge_line"), CHART_LINE, h.total)],
        )

    def show_concept(self, name: str, h: svc.KnowledgeHistory) -> None:
        self.concept_chart.set_data(
            [d.isoformat() for d in h.days],
            [Series(self.i18n.tr("dash.concept_line", name=name), CHART_LINE2, h.mastery)],
            y_max=1.0,
        )


class ButtonsPanel(Panel):
    """Answer buttons by card class, and correct answers by hour of the day."""

    title_key = "dash.buttons"

    def __init__(self, i18n: I18n, parent: QWidget | None = None) -> None:
        super().__init__(i18n, parent)
        self.chart = BarChart()
        self.hours_chart = BarChart()
        self.box.addWidget(self.chart)
        self.box.addWidget(self.hours_chart)

    def retranslate(self) -> None:
        super().retranslate()
        no_reviews = self.i18n.tr("dash.no_reviews")
        self.chart.empty_text = no_reviews
        self.hours_chart.empty_text = no_reviews

    def fill(self, stats: svc.DashboardStats) -> None:
        tr = self.i18n.tr
        b = stats.buttons
        classes = ["learning", "young", "mature"]
        names = [tr("dash.learning"), tr("dash.young"), tr("dash.mature")]
        colors = (CHART_AGAIN, CHART_HARD, CHART_GOOD, CHART_EASY)
        keys = ("dash.again", "dash.hard", "dash.good", "dash.easy")
        self.chart.set_data(
            names,
            [Series(tr(k), col, [b.get(cls, [0] * 4)[i] for cls in classes]) for i, (k, col) in enumerate(zip(keys, colors, strict=True))],
        )  # fmt: skip
        hours = stats.hours or [(0, 0)] * 24
        self.hours_chart.set_data(
            [f"{h}" for h in range(24)],
            [Series(tr("dash.correct"), CHART_GOOD, [p for _n, p in hours]),
             Series(tr("dash.again"), CHART_AGAIN, [n - p for n, p in hours])],
        )  # fmt: skip
