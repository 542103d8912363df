"""The preferences dialog: values saved through the collection, limits followed by the counts."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication

from srsapp.service.collection import Collection
from srsapp.ui.main_window import MainWindow
from srsapp.ui.preferences import PreferencesDialog, PreferencesError, format_steps, parse_steps
from tests.builders import load, make_deck


def make(qtbot, col: Collection, now: datetime) -> tuple[MainWindow, PreferencesDialog]:  # type: ignore[no-untyped-def]
    w = MainWindow(col, clock=lambda: now, lang="en")
    qtbot.addWidget(w)
    w.show()
    dialog = w.open_tool(PreferencesDialog)
    assert isinstance(dialog, PreferencesDialog)
    return w, dialog


def test_steps_text_round_trip() -> None:
    assert parse_steps("1m 10m") == [1, 10]
    assert parse_steps("30 1h, 1d") == [30, 60, 1440]
    assert format_steps([1, 10, 60, 1440]) == "1m 10m 1h 1d"
    with pytest.raises(PreferencesError, match="not a step: '10x'"):
        parse_steps("1m 10x")


def test_deck_limit_change_and_counts_follow(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(30), now)
    w, dialog = make(qtbot, col, now)
    assert w.deck_list.rows()[0][1] == "20"
    assert dialog.new_per_day.value() == 20
    dialog.new_per_day.setValue(7)
    dialog.retention.setValue(0.85)
    dialog.accept()
    [deck] = col.decks()
    assert col.deck_config(deck[0])["new_per_day"] == 7
    assert col.deck_config(deck[0])["desired_retention"] == pytest.approx(0.85)
    assert col.counts(now, deck[0]) == (7, 0, 0)
    assert w.deck_list.rows()[0][1] == "7"  # the deck list was refreshed


def test_retention_is_bounded(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    load(col, make_deck(1), now)
    _w, dialog = make(qtbot, col, now)
    dialog.retention.setValue(0.5)
    assert dialog.retention.value() == pytest.approx(0.70)
    dialog.retention.setValue(1.0)
    assert dialog.retention.value() == pytest.approx(0.99)


def test_scheduling_settings_saved(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    _w, dialog = make(qtbot, col, now)
    dialog.day_start.setValue(6)
    dialog.learning_steps.setText("2m 15m 1h")
    dialog.relearning_steps.setText("5m")
    dialog.timezone.setCurrentText("Asia/Seoul")
    dialog.font_size.setValue(24)
    assert dialog.save()
    st = col.settings()
    assert st["day_start_hour"] == 6
    assert st["learning_steps_min"] == [2, 15, 60]
    assert st["relearning_steps_min"] == [5]
    assert st["timezone"] == "Asia/Seoul"
    assert st["card_font_size"] == 24


def test_bad_input_is_refused_with_a_message(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    _w, dialog = make(qtbot, col, now)
    dialog.learning_steps.setText("1m soon")
    assert not dialog.save()
    assert "Learning steps" in dialog.error.text() and "1m soon" in dialog.error.text()
    assert col.settings()["learning_steps_min"] == [1, 10]
    dialog.learning_steps.setText("1m")
    dialog.timezone.setCurrentText("Mars/Olympus")
    assert not dialog.save()
    assert "Mars/Olympus" in dialog.error.text()
    assert col.settings()["timezone"] == "UTC"


def test_language_and_theme(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    w, dialog = make(qtbot, col, now)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))  # applied at once
    assert app.palette().color(app.palette().ColorRole.Window).lightness() < 128
    dialog.language.setCurrentIndex(dialog.language.findData("ko"))
    assert dialog.save()
    assert w.ctx.i18n.lang == "ko" and w.file_menu.title() == "파일(&F)"
    assert dialog.windowTitle() == "환경설정"  # open screens were re-labelled
    assert col.settings()["theme"] == "dark" and col.settings()["ui_language"] == "ko"
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.reject()  # cancel undoes the live preview
    assert app.palette().color(app.palette().ColorRole.Window).lightness() < 128
    from srsapp.ui.theme import apply_theme

    apply_theme(app, "light")


def test_leech_interval_and_sibling_options_saved(qtbot, col: Collection, now: datetime) -> None:  # type: ignore[no-untyped-def]
    _w, dialog = make(qtbot, col, now)
    assert dialog.leech_threshold.value() == 8 and dialog.bury_siblings.isChecked()
    dialog.max_interval.setValue(365)
    dialog.leech_threshold.setValue(5)
    dialog.leech_action.setCurrentIndex(dialog.leech_action.findData("suspend"))
    dialog.bury_siblings.setChecked(False)
    assert dialog.save()
    st = col.settings()
    assert (st["maximum_interval"], st["leech_threshold"]) == (365, 5)
    assert st["leech_action"] == "suspend" and st["bury_siblings"] is False
    assert col.scheduler().config.maximum_interval == 365
