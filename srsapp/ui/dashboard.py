"""The statistics dashboard: mastery per concept, the lifecycle diagram coloured by mastery,
review calendar, forecast, retention, card counts, knowledge over time, answer breakdowns.

Statistics are computed off the GUI thread (``QThreadPool``); a busy bar appears when a job
takes longer than 100 ms. Talks only to the service layer (``srsapp.service.stats``).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRect, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.core.mastery import ConceptMastery, diagram_overlay, weakest_first
from srsapp.service import stats as svc
from srsapp.ui import charts
from srsapp.ui.charts import BarChart, Heatmap, LineChart, Series

PATH_ROLE = Qt.ItemDataRole.UserRole
MASTERY_ROLE = Qt.ItemDataRole.UserRole + 1
PERIOD_KEYS = ("month", "year", "all")


# ---------------------------------------------------------------- background jobs


class _Signals(QObject):
    done = Signal(int, str, object)  # job id, kind, result or exception


class _Job(QRunnable):
    def __init__(self, job_id: int, kind: str, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.job_id, self.kind, self.fn, self.signals = job_id, kind, fn, signals

    def run(self) -> None:
        try:
            result: Any = self.fn()
        except Exception as exc:  # reported on the GUI thread
            result = exc
        try:
            self.signals.done.emit(self.job_id, self.kind, result)
        except RuntimeError:
            pass  # the dashboard was closed (and deleted) while this ran: nobody to tell


class _MasteryDelegate(QStyledItemDelegate):
    """Paints the mastery column as a coloured bar with the percentage."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        value = index.data(MASTERY_ROLE)
        super().paint(painter, option, index)  # background and selection
        if value is None:
            return
        dark = charts.is_dark(option.widget) if option.widget else False
        fm = option.fontMetrics
        text_w = fm.horizontalAdvance("100%") + 6
        r: QRect = option.rect.adjusted(3, 5, -3 - text_w, -5)
        painter.save()
        track = QColor(option.palette.text().color())
        track.setAlpha(30)
        painter.fillRect(r, track)
        painter.fillRect(
            QRect(r.left(), r.top(), int(r.width() * value), r.height()),
            charts.mastery_color(value, dark),
        )
        painter.setPen(option.palette.text().color())
        text_rect = QRect(r.right() + 4, option.rect.top(), text_w, option.rect.height())
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{100 * value:.0f}%",
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:  # noqa: N802
        s = super().sizeHint(option, index)
        return QSize(max(s.width(), 120), s.height() + 4)


def _box(title_key: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox()
    box.setObjectName(title_key)
    lay = QVBoxLayout(box)
    lay.setContentsMargins(8, 6, 8, 8)
    return box, lay


class DashboardWindow(QMainWindow):
    def __init__(self, window: Any) -> None:
        super().__init__()
        self.main = window
        self.col = window.col
        self.i18n = window.i18n
        self.clock = window.clock
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        self._job_id = 0
        self._pending: dict[str, int] = {}
        self.stats: svc.DashboardStats | None = None
        self.history: svc.KnowledgeHistory | None = None
        self.concept_history: svc.KnowledgeHistory | None = None
        self.selected_concept: tuple[str, ...] | None = None
        self.last_error: BaseException | None = None
        self._boxes: list[QGroupBox] = []
        self._build()
        self.retranslate()
        self.resize(1280, 860)
        self.reload()

    # ---- layout

    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        bar = QHBoxLayout()
        self.scope_label = QLabel()
        self.deck_combo = QComboBox()
        self.period_label = QLabel()
        self.period_combo = QComboBox()
        self.refresh_button = QPushButton()
        self.export_button = QPushButton()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.hide()
        for w in (self.scope_label, self.deck_combo, self.period_label, self.period_combo):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.busy)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        outer.addLayout(bar)
        self.deck_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.period_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self._export_dialog)

        split = QSplitter(Qt.Orientation.Horizontal)
        # (1) concept tree
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.tree_title = QLabel()
        self.tree_title.setWordWrap(True)
        ll.addWidget(self.tree_title)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setItemDelegateForColumn(1, _MasteryDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        self.tree.itemExpanded.connect(self._on_expand)
        self.tree.currentItemChanged.connect(self._on_select)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        ll.addWidget(self.tree, 1)
        self.weak_label = QLabel()
        self.weak_label.setTextFormat(Qt.TextFormat.PlainText)  # concept names are not markup
        self.weak_label.setWordWrap(True)
        ll.addWidget(self.weak_label)
        split.addWidget(left)

        # charts
        self.charts_widget = QWidget()
        grid = QGridLayout(self.charts_widget)
        grid.setSpacing(10)

        self.diagram_view: Any = None
        self.diagram_box, dl = _box("dash.diagram")
        self.diagram_empty = QLabel()
        self.diagram_empty.setWordWrap(True)
        dl.addWidget(self.diagram_empty)
        self._diagram_layout = dl

        self.heat_box, hl = _box("dash.calendar")
        self.heatmap = Heatmap()
        self.heatmap.setMinimumHeight(7 * 14 + 10)
        self.streak_label = QLabel()
        self.streak_label.setWordWrap(True)
        hl.addWidget(self.heatmap)
        hl.addWidget(self.streak_label)

        self.forecast_box, fl = _box("dash.forecast")
        self.forecast_chart = BarChart()
        self.load_label = QLabel()
        self.load_label.setWordWrap(True)
        fl.addWidget(self.forecast_chart)
        fl.addWidget(self.load_label)

        self.reviews_box, rl = _box("dash.reviews")
        toggle = QHBoxLayout()
        self.count_radio = QRadioButton()
        self.time_radio = QRadioButton()
        self.count_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.count_radio)
        group.addButton(self.time_radio)
        self.count_radio.toggled.connect(lambda _c: self._fill_reviews())
        toggle.addWidget(self.count_radio)
        toggle.addWidget(self.time_radio)
        toggle.addStretch(1)
        rl.addLayout(toggle)
        self.reviews_chart = BarChart()
        rl.addWidget(self.reviews_chart)

        self.retention_box, tl = _box("dash.retention")
        self.retention_table = QTableWidget(3, 5)
        self.retention_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.retention_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.retention_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.retention_table.setMinimumHeight(130)
        self.retention_table.setMaximumHeight(150)
        tl.addWidget(self.retention_table)
        self.retention_empty = QLabel()
        tl.addWidget(self.retention_empty)

        self.counts_box, cl = _box("dash.counts")
        self.counts_table = QTableWidget(6, 2)
        self.counts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts_table.horizontalHeader().hide()
        self.counts_table.verticalHeader().hide()
        self.counts_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.counts_table.setMinimumHeight(190)
        cl.addWidget(self.counts_table)
        self.finish_label = QLabel()
        self.finish_label.setWordWrap(True)
        cl.addWidget(self.finish_label)

        self.knowledge_box, kl = _box("dash.knowledge")
        self.knowledge_chart = LineChart()
        self.concept_chart = LineChart()
        self.concept_chart.fmt = lambda v: f"{100 * v:.0f}%"
        kl.addWidget(self.knowledge_chart)
        kl.addWidget(self.concept_chart)

        self.buttons_box, bl = _box("dash.buttons")
        self.buttons_chart = BarChart()
        self.hours_chart = BarChart()
        bl.addWidget(self.buttons_chart)
        bl.addWidget(self.hours_chart)

        order = [
            (self.diagram_box, 0, 0), (self.heat_box, 0, 1),
            (self.forecast_box, 1, 0), (self.reviews_box, 1, 1),
            (self.retention_box, 2, 0), (self.counts_box, 2, 1),
            (self.knowledge_box, 3, 0), (self.buttons_box, 3, 1),
        ]  # fmt: skip
        for box, r, c in order:
            grid.addWidget(box, r, c)
            self._boxes.append(box)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts_widget)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([380, 900])
        outer.addWidget(split, 1)
        self.setCentralWidget(central)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(lambda: self.busy.setVisible(bool(self._pending)))
        self._fill_decks()
        self._make_diagram()

    def _fill_decks(self) -> None:
        self.deck_combo.blockSignals(True)
        self.deck_combo.clear()
        self.deck_combo.addItem("", None)
        for deck_id, name in self.col.decks():
            self.deck_combo.addItem(name, deck_id)
        self.deck_combo.blockSignals(False)
        self.period_combo.blockSignals(True)
        for key in PERIOD_KEYS:
            self.period_combo.addItem("", key)
        self.period_combo.setCurrentIndex(1)
        self.period_combo.blockSignals(False)

    def _make_diagram(self, parent_path: tuple[str, ...] = (), lang: str = "ko") -> None:
        """The first diagram the collection's notes link to, its boxes and arrows named as
        the concepts under ``parent_path`` (the section that shows it) in ``lang``."""
        if importlib.util.find_spec("srsapp.ui.diagram") is None:
            return
        links = self.col.linked_diagrams()
        if not links:
            return
        try:
            from srsapp.ui.diagram import DiagramView

            view = DiagramView(self.col.diagram(links[0][1]), parent_path=parent_path, lang=lang)
        except SrsError:  # a damaged diagram copy: the box keeps its message
            return
        if self.diagram_view is not None:
            self._diagram_layout.removeWidget(self.diagram_view)
            self.diagram_view.deleteLater()
        self.diagram_view = view
        self._diagram_key = (parent_path, lang)
        view.conceptClicked.connect(self._diagram_clicked)
        self._diagram_layout.addWidget(view, 1)
        self.diagram_empty.hide()

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.setWindowTitle(tr("dash.title"))
        self.scope_label.setText(tr("dash.scope"))
        self.deck_combo.setItemText(0, tr("dash.all_decks"))
        self.period_label.setText(tr("dash.period"))
        for i, key in enumerate(PERIOD_KEYS):
            self.period_combo.setItemText(i, tr(f"dash.period.{key}"))
        self.refresh_button.setText(tr("dash.refresh"))
        self.export_button.setText(tr("dash.export"))
        self.tree.setHeaderLabels(
            [tr("dash.concept"), tr("dash.mastery"), tr("dash.coverage"), tr("dash.due")]
        )
        self.tree_title.setText(tr("dash.tree_hint"))
        for box in self._boxes:
            box.setTitle(tr(box.objectName()))
        self.diagram_empty.setText(tr("dash.no_diagram"))
        self.count_radio.setText(tr("dash.count"))
        self.time_radio.setText(tr("dash.time"))
        no_reviews = tr("dash.no_reviews")
        for chart in (
            self.heatmap,
            self.reviews_chart,
            self.knowledge_chart,
            self.buttons_chart,
            self.hours_chart,
        ):
            chart.empty_text = no_reviews
        self.forecast_chart.empty_text = tr("dash.nothing_due")
        self.concept_chart.empty_text = tr("dash.pick_concept")
        self.heatmap.fmt_tip = lambda d, n: tr("dash.tip_day", date=d.isoformat(), n=n)
        if self.stats is not None:
            self._fill_all()

    # ---- loading

    def scope(self) -> tuple[int | None, str]:
        return self.deck_combo.currentData(), self.period_combo.currentData() or "year"

    def _submit(self, kind: str, fn: Callable[[], Any]) -> None:
        self._job_id += 1
        self._pending[kind] = self._job_id
        self.pool.start(_Job(self._job_id, kind, fn, self._signals))
        self._busy_timer.start(100)

    def reload(self) -> None:
        deck_id, period = self.scope()
        now = self.clock()
        col = self.col
        # the first statistics alone: the history (heavier) would share the GIL with them
        # and delay the first paint; it starts once they are shown
        self._submit("fast", lambda: svc.dashboard_stats(col, now, deck_id, slow=False))
        self._pending["history"] = -1  # announced, so is_loading() covers it already

    def _load_concept_history(self, path: tuple[str, ...]) -> None:
        deck_id, period = self.scope()
        now, col = self.clock(), self.col
        self._submit(
            "concept", lambda: svc.knowledge_history(col, now, deck_id, path, period=period)
        )

    def _on_done(self, job_id: int, kind: str, result: Any) -> None:
        if self._pending.get(kind) != job_id:
            return  # superseded by a newer request
        del self._pending[kind]
        self.busy.setVisible(bool(self._pending) and not self._busy_timer.isActive())
        if isinstance(result, BaseException):
            if kind == "fast" and self._pending.get("history") == -1:
                del self._pending["history"]  # it was never started
            self.last_error = result
            self.weak_label.setText(str(result))
            return
        if kind == "fast":
            self.stats = result
            self._fill_all()
            deck_id, period = self.scope()
            now, col, stats = self.clock(), self.col, result
            self._submit(
                "slow", lambda: svc.add_slow_parts(col, now, stats, deck_id, period=period)
            )
            self._submit(
                "history", lambda: svc.knowledge_history(col, now, deck_id, period=period)
            )
            if self.selected_concept:
                self._load_concept_history(self.selected_concept)
        elif kind == "slow":
            self.stats = result
            self._fill_retention()
            self._fill_buttons()
        elif kind == "history":
            self.history = result
            self._fill_knowledge()
        elif kind == "concept":
            self.concept_history = result
            self._fill_knowledge()

    def is_loading(self) -> bool:
        return bool(self._pending)

    def wait_until_loaded(self, history: bool = True, timeout_ms: int = 60000) -> None:
        """Process events until the statistics (and the history) have arrived (tests, bench)."""
        import time

        end = time.monotonic() + timeout_ms / 1000
        wanted = {"fast", "slow", "history", "concept"} if history else {"fast"}
        while time.monotonic() < end and (self.stats is None or wanted & set(self._pending)):
            QApplication.processEvents()
            time.sleep(0.002)

    # ---- filling

    def _fill_all(self) -> None:
        self._fill_tree()
        self._fill_calendar()
        self._fill_forecast()
        self._fill_reviews()
        self._fill_counts()
        self._fill_retention()
        self._fill_buttons()
        self._fill_diagram()

    def _fill_tree(self) -> None:
        """The concept tree. Children are built when their parent is first expanded, so a
        collection with thousands of headings opens at once."""
        assert self.stats is not None
        self.tree.clear()
        present = {c.path for c in self.stats.concepts}
        self._children: dict[tuple[str, ...], list[ConceptMastery]] = {}
        for c in self.stats.concepts:
            parent = c.path[:-1] if c.path[:-1] in present else ()
            self._children.setdefault(parent, []).append(c)
        self._items: dict[tuple[str, ...], QTreeWidgetItem] = {}
        self._dark = charts.is_dark(self)
        for c in self._children.get((), []):
            self._make_item(c, None)
        for path, item in list(self._items.items()):
            if len(path) <= 1:
                item.setExpanded(True)  # builds the second level
        tr = self.i18n.tr
        weak = self.weakest()
        if weak:
            self.weak_label.setText(tr("dash.weakest", names=", ".join(c.title for c in weak[:3])))
        else:
            self.weak_label.setText(tr("dash.no_cards"))

    def _make_item(self, c: ConceptMastery, parent: QTreeWidgetItem | None) -> QTreeWidgetItem:
        tr = self.i18n.tr
        item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self.tree)
        item.setText(0, c.title)
        item.setData(0, PATH_ROLE, list(c.path))
        item.setData(1, MASTERY_ROLE, c.mastery)
        item.setText(2, "–" if c.coverage is None else f"{100 * c.coverage:.0f}%")
        item.setText(3, str(c.due))
        item.setToolTip(0, tr("dash.tip_concept", path=" › ".join(c.path), cards=c.cards, studied=c.studied,
                              mastery="–" if c.mastery is None else f"{100 * c.mastery:.1f}%",
                              stable=c.stable, due=c.due))  # fmt: skip
        item.setToolTip(1, item.toolTip(0))
        item.setForeground(
            0,
            QBrush(charts.mastery_color(c.mastery, self._dark))
            if c.cards and (c.mastery or 0) < 0.3
            else self.palette().text(),
        )
        if self._children.get(c.path):
            QTreeWidgetItem(item)  # placeholder: shows the expand arrow until expanded
        self._items[c.path] = item
        return item

    def _on_expand(self, item: QTreeWidgetItem) -> None:
        path = self._item_path(item)
        first = item.child(0)
        if path is None or first is None or first.data(0, PATH_ROLE) is not None:
            return  # already built
        item.removeChild(first)
        for c in self._children.get(path, []):
            self._make_item(c, item)

    def weakest(self) -> list[ConceptMastery]:
        """Leaf-most concepts with cards, weakest first (what the tree marks red)."""
        if self.stats is None:
            return []
        # every proper prefix of a concept with cards is a parent: one pass, not n² (12k
        # concepts took 40 s the quadratic way)
        parents = {
            c.path[:i] for c in self.stats.concepts if c.cards for i in range(1, len(c.path))
        }
        leaves = [c for c in self.stats.concepts if c.cards and c.path not in parents]
        return weakest_first(leaves)

    def _fill_calendar(self) -> None:
        assert self.stats is not None
        s = self.stats
        tr = self.i18n.tr
        self.heatmap.set_data(s.today, {r.day: r.count for r in s.reviews})
        self.streak_label.setText(
            tr("dash.streak", streak=s.streak, avg=f"{s.average.per_study_day:.1f}", avg_all=f"{s.average.per_day:.1f}", days=s.average.days_studied)
            if s.reviews else tr("dash.no_reviews")
        )  # fmt: skip

    def _fill_forecast(self) -> None:
        assert self.stats is not None
        tr = self.i18n.tr
        fc = self.stats.forecast
        self.forecast_chart.set_data(
            [f"{f.day.month}/{f.day.day}" for f in fc],
            [
                Series(tr("decks.new"), charts.NEW, [f.new for f in fc]),
                Series(tr("dash.learning"), charts.LEARN, [f.learning for f in fc]),
                Series(tr("dash.review"), charts.REVIEW, [f.review for f in fc]),
            ],
        )
        total = sum(f.total for f in fc)
        self.load_label.setText(
            tr("dash.load", today=fc[0].total if fc else 0, avg=f"{total / max(1, len(fc)):.0f}")
        )

    def _period_days(self) -> int | None:
        return svc.PERIODS[self.scope()[1]]

    def _fill_reviews(self) -> None:
        if self.stats is None:
            return
        tr = self.i18n.tr
        days = self._period_days()
        rows = [
            r for r in self.stats.reviews if days is None or (self.stats.today - r.day).days < days
        ]
        by_time = self.time_radio.isChecked()
        self.reviews_chart.fmt = (lambda v: f"{v:.1f} min") if by_time else (lambda v: f"{v:.0f}")
        self.reviews_chart.set_data(
            [f"{r.day.month}/{r.day.day}" for r in rows],
            [Series(tr("dash.minutes") if by_time else tr("dash.reviews_n"), charts.REVIEW,
                    [r.seconds / 60 if by_time else r.count for r in rows])],
        )  # fmt: skip

    def _fill_counts(self) -> None:
        assert self.stats is not None
        tr = self.i18n.tr
        cc = self.stats.card_counts.as_dict()
        keys = ["new", "learning", "young", "mature", "suspended", "retired"]
        for r, k in enumerate(keys):
            self.counts_table.setItem(r, 0, QTableWidgetItem(tr(f"dash.cards.{k}")))
            item = QTableWidgetItem(f"{cc[k]:,}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts_table.setItem(r, 1, item)
        s = self.stats
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

    def _fill_retention(self) -> None:
        if self.stats is None:
            return
        tr = self.i18n.tr
        table = self.retention_table
        periods = ["today", "yesterday", "week", "month", "year"]
        table.setHorizontalHeaderLabels([tr(f"dash.ret.{p}") for p in periods])
        table.setVerticalHeaderLabels([tr("dash.young"), tr("dash.mature"), tr("dash.total")])
        ret = self.stats.retention
        for c, p in enumerate(periods):
            row = ret.get(p)
            for r, pf in enumerate((row.young, row.mature, row.all) if row else (None, None, None)):
                text = "…" if row is None else ("–" if pf.rate is None else f"{100 * pf.rate:.1f}%")
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if pf is not None:
                    item.setToolTip(tr("dash.tip_retention", passed=pf.passed, failed=pf.failed))
                table.setItem(r, c, item)
        has = any(r.all.total for r in ret.values())
        self.retention_empty.setText("" if has or not ret else tr("dash.no_retention"))
        self.retention_empty.setVisible(bool(ret) and not has)

    def _fill_buttons(self) -> None:
        if self.stats is None:
            return
        tr = self.i18n.tr
        b = self.stats.buttons
        classes = ["learning", "young", "mature"]
        names = [tr("dash.learning"), tr("dash.young"), tr("dash.mature")]
        colors = (charts.AGAIN, charts.HARD, charts.GOOD, charts.EASY)
        keys = ("dash.again", "dash.hard", "dash.good", "dash.easy")
        self.buttons_chart.set_data(
            names,
            [Series(tr(k), col, [b.get(cls, [0] * 4)[i] for cls in classes]) for i, (k, col) in enumerate(zip(keys, colors, strict=True))],
        )  # fmt: skip
        hours = self.stats.hours or [(0, 0)] * 24
        self.hours_chart.set_data(
            [f"{h}" for h in range(24)],
            [Series(tr("dash.correct"), charts.GOOD, [p for _n, p in hours]),
             Series(tr("dash.again"), charts.AGAIN, [n - p for n, p in hours])],
        )  # fmt: skip

    def _fill_knowledge(self) -> None:
        tr = self.i18n.tr
        h = self.history
        if h is not None:
            self.knowledge_chart.fmt = lambda v: f"{v:,.0f}"
            self.knowledge_chart.set_data(
                [d.isoformat() for d in h.days],
                [Series(tr("dash.knowledge_line"), charts.LINE, h.total)],
            )
        ch = self.concept_history
        if ch is not None and self.selected_concept:
            name = self.selected_concept[-1]
            self.concept_chart.set_data(
                [d.isoformat() for d in ch.days],
                [Series(tr("dash.concept_line", name=name), charts.LINE2, ch.mastery)],
                y_max=1.0,
            )

    def _fill_diagram(self) -> None:
        if (
            self.diagram_view is None
            or self.stats is None
            or not hasattr(self.diagram_view, "set_mastery")
        ):
            return
        overlay = diagram_overlay(self.diagram_view.diagram, self.stats.concepts)
        if overlay is None:
            self.diagram_view.set_mastery({})
            return
        if getattr(self, "_diagram_key", None) != (overlay.parent, overlay.lang):
            self._make_diagram(overlay.parent, overlay.lang)  # named as the concepts are
        self.diagram_view.set_mastery(overlay.mastery, overlay.details)

    # ---- interaction

    def _item_path(self, item: QTreeWidgetItem | None) -> tuple[str, ...] | None:
        if item is None:
            return None
        data = item.data(0, PATH_ROLE)
        return tuple(data) if data else None

    def _deck_for_review(self) -> int | None:
        deck_id = self.deck_combo.currentData()
        if deck_id is not None:
            return int(deck_id)
        decks = self.col.decks()
        return decks[0][0] if len(decks) == 1 else None

    def study(self, path: tuple[str, ...]) -> None:
        deck_id = self._deck_for_review()
        if deck_id is None:
            deck_id = self._deck_of_concept(path)
        if deck_id is not None:
            self.main.open_review(deck_id, path)
            self.main.raise_()

    def _deck_of_concept(self, path: tuple[str, ...]) -> int | None:
        for deck_id, _name in self.col.decks():
            s = svc.dashboard_stats(self.col, self.clock(), deck_id, path, slow=False)
            if s.concepts:
                return deck_id
        return None

    def _on_double_click(self, item: QTreeWidgetItem, _column: int) -> None:
        path = self._item_path(item)
        if path:
            self.study(path)

    def _on_select(self, item: QTreeWidgetItem | None, _prev: Any) -> None:
        path = self._item_path(item)
        if path and path != self.selected_concept:
            self.selected_concept = path
            self._load_concept_history(path)

    def _diagram_clicked(self, path: tuple[str, ...]) -> None:
        """A box or arrow of the diagram: show its concept in the tree and review its cards."""
        self._select_path(path)
        self.study(tuple(path))

    def _select_path(self, path: tuple[str, ...]) -> None:
        path = tuple(path)
        for i in range(1, len(path)):  # build (expand) the ancestors first
            ancestor = getattr(self, "_items", {}).get(path[:i])
            if ancestor is not None:
                ancestor.setExpanded(True)
        item = getattr(self, "_items", {}).get(path)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _tree_menu(self, pos: Any) -> None:
        path = self._item_path(self.tree.itemAt(pos))
        if not path:
            return
        tr = self.i18n.tr
        menu = QMenu(self)
        menu.addAction(tr("dash.study_concept"), lambda: self.study(path))
        browse = menu.addAction(tr("dash.open_cards"), lambda: self.open_cards(path))
        browse.setEnabled(importlib.util.find_spec("srsapp.ui.browser") is not None)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def open_cards(self, path: tuple[str, ...]) -> None:
        """Open the browser searching the concept's cards (when the browser exists)."""
        if importlib.util.find_spec("srsapp.ui.browser") is None:
            return
        browser = self.main.open_tool("srsapp.ui.browser", "BrowserWindow")
        query = 'concept:"' + path[-1].replace('"', '\\"') + '"'
        for name in ("search", "set_search"):
            if hasattr(browser, name):
                getattr(browser, name)(query)
                return
        box = getattr(browser, "search_box", None)
        if box is not None:
            box.setText(query)

    # ---- export

    def _export_dialog(self) -> None:
        tr = self.i18n.tr
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("dash.export"),
            str(Path.home() / "srsapp-statistics.png"),
            tr("dash.export_filter"),
        )
        if path:
            self.export(path)

    def export(self, path: str) -> None:
        """The whole dashboard as a PNG (or other image) or, for ``.pdf``, one PDF page."""
        widget = self.centralWidget()
        if path.lower().endswith(".pdf"):
            writer = QPdfWriter(path)
            writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            writer.setResolution(110)
            writer.setPageOrientation(QPageLayout.Orientation.Landscape)
            painter = QPainter(writer)
            target = painter.viewport()
            pix = widget.grab()
            scaled = pix.scaled(
                target.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawPixmap(0, 0, scaled)
            painter.end()
        else:
            self.charts_widget.adjustSize()
            widget.grab().save(path)
