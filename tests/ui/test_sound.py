"""``[sound:…]`` in imported Anki cards plays as in Anki (issue 16): the question's sounds when it
shows, the answer's own when it is revealed, R / F5 again, a ▶ link in place of the raw text.

The package is made by the real Anki library (tests only). No test needs sound hardware: the
player is handed in and records what it was asked to play.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from anki.collection import Collection as AnkiCollection
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from srsapp.service.collection import Collection
from srsapp.ui import card_view
from srsapp.ui.audio import QtSoundPlayer
from srsapp.ui.card_view import CardView
from srsapp.ui.main_window import MainWindow
from srsapp.ui.preferences import PreferencesDialog
from srsapp.ui.review import ReviewWidget
from tests.interchange.anki_fixtures import export_apkg

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class Recorder:
    """A player that plays nothing and keeps what it was asked."""

    def __init__(self) -> None:
        self.played: list[list[str]] = []
        self.stops = 0

    def play(self, paths: Sequence[Path]) -> None:
        self.played.append([p.name for p in paths])

    def stop(self) -> None:
        self.stops += 1


def sound_package(tmp_path: Path) -> Path:
    (tmp_path / "anki").mkdir()
    col = AnkiCollection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        for name in ("q 1.mp3", "a.mp3"):
            col.media.write_data(name, b"ID3 not really audio " + name.encode())
        basic = col.models.by_name("Basic")
        assert basic is not None
        note = col.new_note(basic)
        note.fields[0] = "こんにちは [sound:q 1.mp3]"
        note.fields[1] = "hello [sound:a.mp3]"
        col.add_note(note, col.decks.id("Sounds") or 1)
        return export_apkg(col, tmp_path / "sounds.apkg", legacy=False)
    finally:
        col.close()


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    rec = Recorder()
    monkeypatch.setattr(card_view, "shared_player", lambda: rec)
    return rec


def open_review(qtbot, col: Collection) -> ReviewWidget:  # type: ignore[no-untyped-def]
    w = MainWindow(col, clock=lambda: T0, lang="ko")
    qtbot.addWidget(w)
    w.show()
    w.open_review(col.decks()[0][0])
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    return review


def test_sounds_play_per_side_and_replay(qtbot, col: Collection, tmp_path: Path,
                                         recorder: Recorder) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    col.import_file(sound_package(tmp_path), now=T0)
    review = open_review(qtbot, col)
    view = review.card_view
    assert "[sound:" not in view.toPlainText()  # a play link, not the raw text
    assert "\u25b6" in view.toPlainText() and "こんにちは" in view.toPlainText()
    assert recorder.played == [["q 1.mp3"]]  # the question's sound, as it shows
    qtbot.keyClick(review, Qt.Key.Key_R)
    assert recorder.played[-1] == ["q 1.mp3"]
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert recorder.played[-1] == ["a.mp3"]  # the answer's own sound, not the question's again
    assert view.toPlainText().count("こんにちは") == 1  # {{FrontSide}} is not shown twice
    qtbot.keyClick(review, Qt.Key.Key_F5)
    assert recorder.played[-1] == ["q 1.mp3", "a.mp3"]
    assert len(recorder.played) == 4
    review.hide()
    assert recorder.stops >= 1  # leaving the review ends the sound


def test_autoplay_off_plays_only_on_request(qtbot, col: Collection, tmp_path: Path,
                                            recorder: Recorder) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    col.import_file(sound_package(tmp_path), now=T0)
    w = MainWindow(col, clock=lambda: T0, lang="ko")
    qtbot.addWidget(w)
    w.show()
    prefs = w.open_tool(PreferencesDialog)
    assert isinstance(prefs, PreferencesDialog) and prefs.autoplay.isChecked()  # Anki's default
    qtbot.mouseClick(prefs.autoplay, Qt.MouseButton.LeftButton)
    assert prefs.save() and col.settings()["autoplay_sounds"] is False
    prefs.close()
    review = open_review(qtbot, col)
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert recorder.played == []
    qtbot.keyClick(review, Qt.Key.Key_R)
    assert recorder.played == [["q 1.mp3", "a.mp3"]]


def test_clicking_the_play_link_plays_that_sound(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    media = tmp_path / "media"
    media.mkdir()
    for name in ("one.mp3", "two&three.mp3"):
        (media / name).write_bytes(b"x")
    view = CardView(media)
    qtbot.addWidget(view)
    rec = Recorder()
    view.player = rec
    view.resize(500, 300)
    view.show()
    view.show_html("A [sound:one.mp3] B [sound:two&amp;three.mp3] C [sound:missing.mp3]")
    assert view.sounds == ["one.mp3", "two&three.mp3", "missing.mp3"]
    assert "[sound:" not in view.toPlainText()
    # the second ▶ on screen, clicked with the mouse
    text = view.toPlainText()
    second = text.index("\u25b6", text.index("\u25b6") + 1)
    cursor = QTextCursor(view.document())
    cursor.setPosition(second)
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.right() + 4, rect.center().y()))  # fmt: skip
    assert rec.played == [["two&three.mp3"]]
    view.play_sounds()  # a missing file is left out, not an error
    assert rec.played[-1] == ["one.mp3", "two&three.mp3"]


def test_sound_in_a_tag_attribute_is_not_a_link(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = CardView(tmp_path)
    qtbot.addWidget(view)
    view.show_html('<span title="[sound:x.mp3]">text</span>')
    assert view.sounds == []


def test_no_multimedia_is_silent(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(
        sys.modules, "PySide6.QtMultimedia", None
    )  # import fails, as with no libpulse
    player = QtSoundPlayer()
    player.play([tmp_path / "a.mp3"])  # no exception
    player.stop()
    assert player.available is False
