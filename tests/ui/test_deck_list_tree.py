"""The deck list's tree as a learner opens and closes it: subdecks an Anki package made start
collapsed (their rows and counts made on the first expand), decks made here start expanded,
and each choice — by keys or by a click on the arrow — is remembered in the data folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTreeWidgetItem

from srsapp.interchange.anki_model import AnkiPackage, Card, Deck, Note
from srsapp.interchange.apkg_write import write_package
from srsapp.service.collection import Collection
from srsapp.ui.main_window import MainWindow
from tests.builders import load, make_deck, small_package
from tests.ui.drive import shown_window


def nested_package() -> AnkiPackage:
    """Big::a (2 new cards), Big::a::b (3), Big::d (4): imported as Big's subdecks."""
    nt = small_package().notetypes
    decks = {1: Deck(1, "Big"), 2: Deck(2, "Big::a"), 3: Deck(3, "Big::a::b"), 4: Deck(4, "Big::d")}
    where = [2, 2, 3, 3, 3, 4, 4, 4, 4]
    notes = [Note(100 + i, f"n{i}", 1, [f"q{i}", f"a{i}"]) for i in range(len(where))]
    cards = [Card(200 + i, 100 + i, 0, d) for i, d in enumerate(where)]
    return AnkiPackage(nt, decks, notes, cards, [], {}, 1_700_000_000)


def titles(w: MainWindow) -> list[str]:
    return [r[0] for r in w.deck_list.rows()]


def arrow_click(qtbot: Any, w: MainWindow, name: str) -> None:
    """A click on the expand arrow left of the deck's name."""
    table = w.deck_list.table
    item = w.deck_list._find(name)
    assert item is not None
    rect = table.visualItemRect(item)
    at = QPoint(rect.x() - table.indentation() // 2, rect.center().y())
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=at)


def collection(col: Collection, now: datetime, tmp_path: Path) -> None:
    apkg = tmp_path / "big.apkg"
    write_package(nested_package(), apkg)
    col.import_file(apkg, now=now)
    load(col, make_deck(3, title="Lang::Korean"), now)


def test_imported_subdecks_start_collapsed_and_open_with_keys_and_clicks_remembered(
    qtbot: Any, col: Collection, now: datetime, tmp_path: Path
) -> None:
    collection(col, now, tmp_path)
    col.set_deck_config(col.deck_id("Big"), new_per_day=4)  # a's 5 new cards: 4 today
    w = shown_window(qtbot, col, now)
    assert w.deck_list.rows() == [
        ["Big", "4", "0", "0"],  # its 9 new cards, under its limit of 4
        ["Lang", "3", "0", "0"],  # made here: expanded, as in Anki
        ["  Korean", "3", "0", "0"],
    ]
    table = w.deck_list.table
    assert w.deck_list.select("Big")
    qtbot.keyClick(table, Qt.Key.Key_Right)  # expands Big: its subdecks read now
    assert w.deck_list.rows()[:3] == [["Big", "4", "0", "0"], ["  a", "4", "0", "0"],
                                      ["  d", "4", "0", "0"]]  # fmt: skip
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert w.deck_list.selected_name() == "Big::a"
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert ["    b", "3", "0", "0"] in w.deck_list.rows()
    arrow_click(qtbot, w, "Lang")  # the mouse collapses Lang
    assert titles(w) == ["Big", "  a", "    b", "  d", "Lang"]
    w.close()

    again = shown_window(qtbot, col, now)  # a new start: every choice remembered
    assert titles(again) == ["Big", "  a", "    b", "  d", "Lang"]
    again.deck_list.select("Big")
    qtbot.keyClick(again.deck_list.table, Qt.Key.Key_Left)  # collapses Big
    arrow_click(qtbot, again, "Lang")
    assert titles(again) == ["Big", "Lang", "  Korean"]
    again.close()
    third = shown_window(qtbot, col, now)
    assert titles(third) == ["Big", "Lang", "  Korean"]
    arrow_click(qtbot, third, "Big")  # a's expansion was kept under the collapsed Big
    assert titles(third) == ["Big", "  a", "    b", "  d", "Lang", "  Korean"]


def test_selecting_a_subdeck_under_a_collapsed_deck_shows_it(
    qtbot: Any, col: Collection, now: datetime, tmp_path: Path
) -> None:
    collection(col, now, tmp_path)
    w = shown_window(qtbot, col, now)
    assert "  a" not in titles(w)
    assert w.deck_list.select("Big::a::b")  # (a deck made or renamed there is selected)
    assert titles(w)[:3] == ["Big", "  a", "    b"]
    item = w.deck_list.table.currentItem()
    assert isinstance(item, QTreeWidgetItem) and item.text(0) == "b"
    qtbot.keyClick(w.deck_list.table, Qt.Key.Key_Return)  # Enter studies it
    review = w.stack.currentWidget()
    assert getattr(review, "concept", None) == ("a", "b")


def test_a_deck_made_under_a_collapsed_imported_deck_is_shown_selected(
    qtbot: Any, col: Collection, now: datetime, tmp_path: Path
) -> None:
    from srsapp.ui.deck_list import DeckNameDialog

    collection(col, now, tmp_path)
    w = shown_window(qtbot, col, now)
    assert w.deck_list.select("Big") and titles(w)[:2] == ["Big", "Lang"]  # collapsed
    qtbot.mouseClick(w.deck_list.create_button, Qt.MouseButton.LeftButton)
    dialog = w.deck_list.dialog
    assert isinstance(dialog, DeckNameDialog) and dialog.edit.text() == "Big::"
    dialog.edit.insert("Extra")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert w.deck_list.selected_name() == "Big::Extra"
    assert titles(w)[:4] == ["Big", "  a", "  d", "  Extra"]  # Big opened to show it
