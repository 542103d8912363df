"""The deck list: the deck tree (``::`` names, imported Anki subdecks) with today's New /
Learn / Due, Study, and the deck tools: create, rename (F2), delete (Delete, after a
confirmation; Ctrl+Z takes it back), as Anki's deck browser.

A deck's subdecks show when it is expanded (a click on its arrow, or the Right and Left
keys), and the learner's choice is remembered in the data folder's ``window.ini``: decks
made here start expanded, as in Anki; subdecks an import made (an Anki package can hold
thousands) start collapsed, and their rows — and their counts — are made when their deck
is first expanded."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service.decks import DeckNode, join_name, split_name
from srsapp.service.reports import DeckCounts
from srsapp.ui.context import AppContext
from srsapp.ui.theme import DUE_COLOR, ERROR_TEXT, LEARN_COLOR, NEW_COLOR

NAME_ROLE = Qt.ItemDataRole.UserRole
EXPANDED_KEY = "deck_list/expanded"  # names of decks holding imported subdecks, expanded
COLLAPSED_KEY = "deck_list/collapsed"  # names of the other decks, collapsed


class _NameEdit(QLineEdit):
    """A new subdeck's name is typed after its parent's (``Lang::``): the focus does not
    select the parent's name, as it selects a whole name to retype."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        if self.text().endswith("::"):
            self.deselect()
            self.end(False)
        else:
            self.selectAll()


class DeckNameDialog(QDialog):
    """A deck name to type (create, rename): ``::`` makes a subdeck; a bad name is said
    under the field and the dialog stays open."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        name: str,
        submit: Callable[[str], None],
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        tr = ctx.tr
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(tr("decks.name_label"))
        layout.addWidget(label)
        self.edit = _NameEdit(name)
        self.edit.setMinimumWidth(380)
        label.setBuddy(self.edit)
        layout.addWidget(self.edit)
        hint = QLabel(tr("decks.name_hint"))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_TEXT};")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("button.ok"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("button.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.setFocus()

    def accept(self) -> None:
        """Run the operation; a bad name (any ``SrsError``) is said here, the dialog stays."""
        try:
            self._submit(self.edit.text())
        except SrsError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.edit.setFocus()
            return
        super().accept()


class DeckList(QWidget):
    """Anki's deck browser."""

    studyRequested = Signal(int, object)  # deck id, concept path (an imported subdeck) or None
    addRequested = Signal()  # Add card… (the main window opens it on the selected deck)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.i18n = ctx.i18n
        self._settings = settings  # where the expanded and collapsed decks are remembered
        self._counts: list[DeckCounts] = []
        self._nodes: dict[str, DeckNode] = {}
        self._items: dict[str, QTreeWidgetItem] = {}  # the rows made, by name
        self._expanded: set[str] = set(self._remembered(EXPANDED_KEY))
        self._collapsed: set[str] = set(self._remembered(COLLAPSED_KEY))
        self._shown_at = self.ctx.clock()  # when the counts shown were read
        self._brushes: list[QBrush] = []  # New, Learn, Due (made once a refresh)
        self._muted = QBrush()
        self.dialog: QDialog | None = None  # the open name dialog or confirmation (tests)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        self.welcome = QLabel()
        self.welcome.setWordWrap(True)
        self.welcome.setObjectName("welcome")
        layout.addWidget(self.welcome)
        self.table = QTreeWidget()
        self.table.setColumnCount(4)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(72)  # room for the counts and their headers
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemActivated.connect(lambda _i, _c: self._study())
        self.table.itemCollapsed.connect(lambda i: self._remember(i, False))
        self.table.itemExpanded.connect(self._expand)
        self.table.currentItemChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.table, 1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self.create_deck)
        self.rename_button = QPushButton()
        self.rename_button.clicked.connect(self.rename_deck)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_deck)
        for b in (self.create_button, self.rename_button, self.delete_button):
            b.setAutoDefault(False)
            row.addWidget(b)
        row.addStretch(1)
        self.add_button = QPushButton()
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.addRequested.emit)
        row.addWidget(self.add_button)
        self.study_button = QPushButton()
        self.study_button.setDefault(True)
        self.study_button.clicked.connect(self._study)
        row.addWidget(self.study_button)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.table.setHeaderLabels(
            [tr("decks.deck"), tr("decks.new"), tr("decks.learn"), tr("decks.due")]
        )
        self.welcome.setText(tr("welcome"))
        self.empty.setText(tr("decks.empty"))
        self.study_button.setText(tr("decks.study"))
        self.create_button.setText(tr("decks.create"))
        self.rename_button.setText(tr("decks.rename"))
        self.delete_button.setText(tr("decks.delete"))
        self.add_button.setText(tr("decks.add_card"))

    # ---- showing the tree

    def read_decks(self) -> set[str]:
        """The decks whose imported subdecks the next ``set_counts`` needs (``Decks.tree``'s
        ``read``): those the learner left expanded."""
        return set(self._expanded)

    def set_counts(self, counts: list[DeckCounts], tree: list[DeckNode] | None = None) -> None:
        """Show the decks: ``tree`` (``Collection.deck_tree``), or flat ``counts``. Only the
        rows of expanded decks are made (a collapsed deck's when it is expanded)."""
        selected = self.selected_name()
        self._counts = counts
        self._shown_at = self.ctx.clock()
        if tree is None:
            tree = [DeckNode(c.name, c.id, None, c.new, c.learn, c.review, c.total) for c in counts]
        self._nodes = {n.name: n for top in tree for n in top.walk()}
        self.table.clear()
        self._items = {}
        self._brushes = [QBrush(QColor(c)) for c in (NEW_COLOR, LEARN_COLOR, DUE_COLOR)]
        self._muted = QBrush(self.palette().color(self.palette().ColorRole.PlaceholderText))
        self.table.addTopLevelItems([self._item(n) for n in tree])
        self._open_rows(self.table.invisibleRootItem())
        has = bool(self._nodes)
        self.empty.setVisible(not has)
        current = self._reveal(selected) if selected else None
        if current is None and has:
            current = self.table.topLevelItem(0)
        if current is not None:
            self.table.setCurrentItem(current)
        self._update_buttons()

    def _item(self, node: DeckNode) -> QTreeWidgetItem:
        """A row, its children's made only when it is open (the brushes made once)."""
        item = QTreeWidgetItem([node.title, str(node.new), str(node.learn), str(node.review)])
        item.setData(0, NAME_ROLE, node.name)
        self._items[node.name] = item
        item.setToolTip(0, self.i18n.tr("decks.tooltip", name=node.name, total=node.total))
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for col, (value, brush) in enumerate(zip((node.new, node.learn, node.review),
                                                 self._brushes, strict=True), start=1):  # fmt: skip
            item.setTextAlignment(col, align)
            if value:
                item.setForeground(col, brush)
        if not node.studyable:
            item.setForeground(0, self._muted)
        if node.children or node.unread:
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            if self._is_open(node) and not node.unread:
                item.addChildren([self._item(c) for c in node.children])
        return item

    def _open_rows(self, parent: QTreeWidgetItem) -> None:
        """Expand the rows under ``parent`` that are open (once in the tree: expanding
        needs a parent)."""
        for i in range(parent.childCount()):
            item = parent.child(i)
            node = None if item is None else self._nodes.get(str(item.data(0, NAME_ROLE)))
            if item is not None and node is not None and (node.children or node.unread):
                if self._is_open(node):
                    item.setExpanded(True)  # (a row whose children are not made: _expand)
                    self._open_rows(item)

    def _is_open(self, node: DeckNode) -> bool:
        if node.imported_subdecks:
            return node.name in self._expanded
        return node.name not in self._collapsed

    def _expand(self, item: QTreeWidgetItem) -> None:
        """A deck expanded: its rows are made if they are not yet (its imported subdecks
        read first if they were not), and the choice is remembered."""
        name = str(item.data(0, NAME_ROLE))
        node = self._nodes.get(name)
        if node is not None and item.childCount() == 0:
            if node.unread and node.deck_id is not None:
                node = self._read(node)
            item.addChildren([self._item(c) for c in node.children])
            self._open_rows(item)
        self._remember(item, True)

    def _read(self, node: DeckNode) -> DeckNode:
        """``node`` with its imported subdecks (counted as the rows shown were)."""
        col = self.ctx.col
        tree = col.deck_tree(self._shown_at, self._counts, read={node.name})
        for fresh in (n for top in tree for n in top.walk()):
            if fresh.name == node.name:
                self._nodes.update((n.name, n) for n in fresh.walk())
                return fresh
        return node

    def _remember(self, item: QTreeWidgetItem, expanded: bool) -> None:
        name = str(item.data(0, NAME_ROLE))
        node = self._nodes.get(name)
        if node is None:
            return
        if node.imported_subdecks:
            changed, key = self._expanded, EXPANDED_KEY
            (changed.add if expanded else changed.discard)(name)
        else:
            changed, key = self._collapsed, COLLAPSED_KEY
            (changed.discard if expanded else changed.add)(name)
        if self._settings is not None and changed:
            self._settings.setValue(key, sorted(changed))
        elif self._settings is not None:
            self._settings.remove(key)

    def _remembered(self, key: str) -> list[str]:
        if self._settings is None:
            return []
        value = self._settings.value(key, [])
        if isinstance(value, str):  # (an .ini list of one)
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def _find(self, name: str | None) -> QTreeWidgetItem | None:
        """The row of ``name`` if it was made (by name, not by walking the tree: a deck
        list of 12k imported subdecks looked each one up to expand it, 12k × 12k rows)."""
        return self._items.get(name) if name else None

    def _reveal(self, name: str) -> QTreeWidgetItem | None:
        """The row of ``name``, the decks above it expanded to make it (a deck just made
        or renamed under a collapsed one is shown)."""
        item = self._find(name)
        if item is not None:
            return item
        parts = name.split("::")
        for i in range(1, len(parts)):
            above = self._find("::".join(parts[:i]))
            if above is not None and not above.isExpanded():
                above.setExpanded(True)  # its rows are made (_expand)
        return self._find(name)

    def counts(self) -> list[DeckCounts]:
        return self._counts

    def rows(self) -> list[list[str]]:
        """The visible rows' texts, top to bottom (a child indented by two spaces a level)."""
        out: list[list[str]] = []
        item = self.table.topLevelItem(0)
        while item is not None:
            depth, parent = 0, item.parent()
            while parent is not None:
                depth, parent = depth + 1, parent.parent()
            out.append(["  " * depth + item.text(0)] + [item.text(c) for c in (1, 2, 3)])
            item = self.table.itemBelow(item)
        return out

    def selected_name(self) -> str | None:
        item = self.table.currentItem()
        return None if item is None else str(item.data(0, NAME_ROLE))

    def selected_node(self) -> DeckNode | None:
        name = self.selected_name()
        return self._nodes.get(name) if name else None

    def selected_deck(self) -> int | None:
        node = self.selected_node()
        return None if node is None else node.deck_id

    def select(self, name: str) -> bool:
        item = self._reveal(name)
        if item is not None:
            self.table.setCurrentItem(item)
        return item is not None

    def _update_buttons(self) -> None:
        node = self.selected_node()
        self.study_button.setEnabled(node is not None and node.studyable)
        self.rename_button.setEnabled(node is not None)
        self.delete_button.setEnabled(node is not None)
        self.add_button.setEnabled(bool(self._nodes))

    # ---- keys and menu

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key = event.key()
        if key == Qt.Key.Key_F2:  # Enter studies: the tree's itemActivated
            self.rename_deck()
        elif key == Qt.Key.Key_Delete:
            self.delete_deck()
        else:
            super().keyPressEvent(event)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.table.itemAt(pos)
        if item is not None:
            self.table.setCurrentItem(item)
        tr = self.i18n.tr
        menu = QMenu(self)
        if item is not None:
            menu.addAction(tr("decks.study"), self._study).setEnabled(self.study_button.isEnabled())
            menu.addAction(tr("decks.rename"), self.rename_deck)
            menu.addAction(tr("decks.delete"), self.delete_deck)
            menu.addSeparator()
        menu.addAction(tr("decks.create"), self.create_deck)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _study(self) -> None:
        node = self.selected_node()
        if node is not None and node.deck_id is not None:
            self.studyRequested.emit(node.deck_id, node.concept)

    # ---- deck tools (each one operation through ctx.ops; errors said where they happen)

    def create_deck(self) -> DeckNameDialog:
        parent = self.selected_name()
        start = f"{parent}::" if parent and self._nodes[parent].concept is None else ""
        col = self.ctx.col

        def submit(name: str) -> None:
            now = self.ctx.now()
            self.ctx.ops.run(lambda: col.deck_ops.create(name, now), source=self)
            self.select(join_name(split_name(name)))

        dialog = DeckNameDialog(self.ctx, self.i18n.tr("decks.create_title"), start, submit, self)
        return self._open(dialog)

    def rename_deck(self) -> DeckNameDialog | None:
        old = self.selected_name()
        if old is None:
            return None
        col = self.ctx.col

        def submit(name: str) -> None:
            self.ctx.ops.run(lambda: col.deck_ops.rename(old, name), source=self)
            self.select(join_name(split_name(name)))

        title = self.i18n.tr("decks.rename_title", name=old)
        return self._open(DeckNameDialog(self.ctx, title, old, submit, self))

    def _open(self, dialog: DeckNameDialog) -> DeckNameDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self.table.setFocus())
        dialog.open()
        return dialog

    def delete_deck(self) -> QMessageBox | None:
        name = self.selected_name()
        if name is None:
            return None
        tr = self.i18n.tr
        try:
            what = self.ctx.col.deck_ops.deletion(name)
        except SrsError as exc:
            self.ctx.shell.show_error(exc)
            return None
        n_sub = what.decks - (1 if self._nodes[name].deck_id is not None else 0)
        subdecks = tr("decks.delete_subdecks", n=n_sub) if n_sub > 0 else ""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("decks.delete_title"),
            tr("decks.delete_confirm", name=name, subdecks=subdecks, cards=what.cards,
               reviews=what.reviews),
            QMessageBox.StandardButton.NoButton,
            self,
        )  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)
        delete = box.addButton(tr("decks.delete"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(tr("button.cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def done() -> None:
            if box.clickedButton() is not delete:
                return
            col = self.ctx.col
            try:
                result = self.ctx.ops.run(lambda: col.delete_deck(name), source=self)
            except SrsError as exc:
                self.ctx.shell.show_error(exc)
                return
            self.ctx.shell.show_status(tr("decks.deleted", name=name, cards=result.cards), 10000)

        def finished(_result: int) -> None:
            done()
            self.table.setFocus()

        box.finished.connect(finished)
        self.dialog = box
        box.open()
        return box
