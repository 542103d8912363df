"""The dashboard's concept tree: mastery, coverage and due cards per concept (the headings of
the notes), the weakest concepts named under it. Children are built when their parent is
first expanded, so a collection with thousands of headings opens at once."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.mastery import ConceptMastery, weakest_first
from srsapp.ui import charts
from srsapp.ui.i18n import I18n

PATH_ROLE = Qt.ItemDataRole.UserRole
MASTERY_ROLE = Qt.ItemDataRole.UserRole + 1
Path = tuple[str, ...]


class MasteryDelegate(QStyledItemDelegate):
    """Paints the mastery column as a coloured bar with the percentage."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(MASTERY_ROLE)
        super().paint(painter, option, index)  # background and selection
        if value is None:
            return
        widget = option.widget
        dark = charts.is_dark(widget) if widget else False
        fm = option.fontMetrics
        rect: QRect = option.rect
        palette = option.palette
        text_w = fm.horizontalAdvance("100%") + 6
        r = rect.adjusted(3, 5, -3 - text_w, -5)
        painter.save()
        track = QColor(palette.text().color())
        track.setAlpha(30)
        painter.fillRect(r, track)
        painter.fillRect(
            QRect(r.left(), r.top(), int(r.width() * value), r.height()),
            charts.mastery_color(value, dark),
        )
        painter.setPen(palette.text().color())
        text_rect = QRect(r.right() + 4, rect.top(), text_w, rect.height())
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{100 * value:.0f}%",
        )
        painter.restore()

    def sizeHint(  # noqa: N802 (Qt API)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        s = super().sizeHint(option, index)
        return QSize(max(s.width(), 120), s.height() + 4)


class ConceptTree(QWidget):
    """The tree of concepts with its hint above and the weakest concepts below."""

    studyRequested = Signal(object)  # the concept's path
    openCardsRequested = Signal(object)  # the concept's path
    conceptSelected = Signal(object)  # the concept's path

    def __init__(self, i18n: I18n, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.i18n = i18n
        self.concepts: list[ConceptMastery] = []
        self._children: dict[Path, list[ConceptMastery]] = {}
        self._items: dict[Path, QTreeWidgetItem] = {}
        self._dark = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setItemDelegateForColumn(1, MasteryDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.itemExpanded.connect(self._expanded)
        self.tree.currentItemChanged.connect(self._current_changed)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.tree, 1)
        self.weak_label = QLabel()
        self.weak_label.setTextFormat(Qt.TextFormat.PlainText)  # concept names are not markup
        self.weak_label.setWordWrap(True)
        layout.addWidget(self.weak_label)

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.tree.setHeaderLabels(
            [tr("dash.concept"), tr("dash.mastery"), tr("dash.coverage"), tr("dash.due")]
        )
        self.title.setText(tr("dash.tree_hint"))

    def show_error(self, text: str) -> None:
        self.weak_label.setText(text)

    # ---- filling

    def fill(self, concepts: list[ConceptMastery]) -> None:
        self.concepts = concepts
        self.tree.clear()
        present = {c.path for c in concepts}
        self._children = {}
        for c in concepts:
            parent = c.path[:-1] if c.path[:-1] in present else ()
            self._children.setdefault(parent, []).append(c)
        self._items = {}
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

    def _expanded(self, item: QTreeWidgetItem) -> None:
        path = item_path(item)
        first = item.child(0)
        if path is None or first is None or first.data(0, PATH_ROLE) is not None:
            return  # already built
        item.removeChild(first)
        for c in self._children.get(path, []):
            self._make_item(c, item)

    def weakest(self) -> list[ConceptMastery]:
        """Leaf-most concepts with cards, weakest first (what the tree marks red)."""
        # every proper prefix of a concept with cards is a parent: one pass, not n² (12k
        # concepts took 40 s the quadratic way)
        parents = {c.path[:i] for c in self.concepts if c.cards for i in range(1, len(c.path))}
        leaves = [c for c in self.concepts if c.cards and c.path not in parents]
        return weakest_first(leaves)

    # ---- interaction

    def select_path(self, path: Path) -> None:
        path = tuple(path)
        for i in range(1, len(path)):  # build (expand) the ancestors first
            ancestor = self._items.get(path[:i])
            if ancestor is not None:
                ancestor.setExpanded(True)
        item = self._items.get(path)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item_path(item)
        if path:
            self.studyRequested.emit(path)

    def _current_changed(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        path = item_path(item)
        if path:
            self.conceptSelected.emit(path)

    def _menu(self, pos: QPoint) -> None:
        path = item_path(self.tree.itemAt(pos))
        if not path:
            return
        tr = self.i18n.tr
        menu = QMenu(self)
        menu.addAction(tr("dash.study_concept"), lambda: self.studyRequested.emit(path))
        menu.addAction(tr("dash.open_cards"), lambda: self.openCardsRequested.emit(path))
        menu.exec(self.tree.viewport().mapToGlobal(pos))


def item_path(item: QTreeWidgetItem | None) -> Path | None:
    if item is None:
        return None
    data = item.data(0, PATH_ROLE)
    return tuple(data) if data else None
