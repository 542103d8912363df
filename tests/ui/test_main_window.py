"""The main window on a real collection (offscreen)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontDatabase

from srsapp.service.collection import Collection
from srsapp.ui.fonts import load_fonts
from srsapp.ui.i18n import missing_translations
from srsapp.ui.main_window import MainWindow
from tests.builders import load, make_deck


def make_window(qtbot, col: Collection, now: datetime, lang: str = "en") -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(col, clock=lambda: now, lang=lang)
    qtbot.addWidget(w)
    w.show()
    return w


def test_deck_list_shows_counts(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(25, title="도커 노트"), now)
    w = make_window(qtbot, col, now)
    assert w.deck_list.rows() == [["도커 노트", "20", "0", "0"]]
    assert "20" in w.statusBar().currentMessage()


def test_language_switch_relabels(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    w = make_window(qtbot, col, now)
    assert w.file_menu.title() == "&File"
    w.set_language("ko")
    assert w.file_menu.title() == "파일(&F)"
    assert w.deck_list.study_button.text() == "공부하기"
    assert missing_translations() == []


def test_geometry_is_remembered(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    w = make_window(qtbot, col, now)
    w.resize(777, 555)
    w.close()
    settings = QSettings(str(col.data_dir / "window.ini"), QSettings.Format.IniFormat)
    assert settings.value("geometry") is not None
    w2 = make_window(qtbot, col, now)
    assert (w2.width(), w2.height()) == (777, 555)


def test_bundled_korean_font_is_loaded(qtbot) -> None:  # type: ignore[no-untyped-def]
    family = load_fonts()
    assert family in QFontDatabase.families()
    from PySide6.QtGui import QRawFont

    from srsapp.service.paths import assets_dir

    raw = QRawFont(str(assets_dir() / "fonts" / "NanumGothic.ttf"), 12)
    assert raw.isValid() and raw.familyName() == family
    assert all(raw.supportsCharacter(ord(ch)) for ch in "컨테이너이미지")


def test_sync_notes_from_menu_reports_counts(
    qtbot, col: Collection, now: datetime, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "my.md"
    notes.write_text(
        "# Networking\n\n## TCP\n\nA reliable, ordered byte stream.\n", encoding="utf-8"
    )
    w = make_window(qtbot, col, now)
    w.sync_notes(str(notes))
    assert w.deck_list.table.topLevelItemCount() == 1
    assert "added" in w.statusBar().currentMessage()


def test_edited_notes_file_is_resynced(qtbot, col: Collection, now: datetime, tmp_path) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "watched.md"
    notes.write_text("# Net\n\n## TCP\n\nA reliable byte stream.\n", encoding="utf-8")
    w = make_window(qtbot, col, now)
    w.sync_notes(str(notes))
    total = w.deck_list._counts[0].total
    assert str(notes.resolve()) in w._watcher.files()
    notes.write_text(
        "# Net\n\n## TCP\n\nA reliable byte stream.\n\n## UDP\n\nDatagrams, no delivery promise.\n",
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: w.deck_list._counts[0].total > total, timeout=5000)


def test_the_shortcuts_list_names_every_menu_shortcut(
    qtbot, col: Collection, now: datetime
) -> None:  # type: ignore[no-untyped-def]
    w = make_window(qtbot, col, now)
    text = w.shortcuts_text()
    for keys in ("Ctrl+E", "Ctrl+P", "Ctrl+Y", "Ctrl+Shift+I", "F1"):
        assert keys in text, keys
    assert "n: show in notes" in text
    for keys in ("A: Add card", "Ctrl+Z: Undo", "Ctrl+Shift+I: card info", "F2 rename"):
        assert keys in text, keys
