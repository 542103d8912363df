"""File → Sync with Anki server… (Ctrl+Y), offscreen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from srsapp.service.ankisync import login
from srsapp.ui.ankisync import SyncDialog
from srsapp.ui.main_window import MainWindow
from tests.sync.conftest import PASSWORD, USER, SyncServer, free_port

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _dialog(qtbot, col) -> tuple[MainWindow, SyncDialog]:  # type: ignore[no-untyped-def]
    window = MainWindow(col, clock=lambda: NOW)
    qtbot.addWidget(window)
    action = window._actions["action.sync_anki"]
    assert action.shortcut() == QKeySequence("Ctrl+Y")
    action.trigger()
    dialog = window._tools["srsapp.ui.ankisync"]
    assert isinstance(dialog, SyncDialog)
    return window, dialog


def _run(qtbot, dialog: SyncDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.sync_button.click()
    qtbot.waitUntil(lambda: dialog._task is None and dialog.sync_button.isEnabled(), timeout=60_000)


def test_unreachable_server_is_shown_and_changes_nothing(qtbot, col) -> None:  # type: ignore[no-untyped-def]
    _window, dialog = _dialog(qtbot, col)
    dialog.server.setText(f"http://127.0.0.1:{free_port()}/")
    dialog.user.setText("me")
    dialog.password.setText("pw")
    _run(qtbot, dialog)
    assert dialog.result_ is None
    assert dialog.status.text().startswith("cannot reach the sync server")
    assert login.remembered(col).server is None


@pytest.mark.slow
def test_sync_from_the_dialog(qtbot, col, sync_server: SyncServer) -> None:  # type: ignore[no-untyped-def]
    col.ensure_deck("Deck")
    from tests.builders import add_cards

    add_cards(col, 3)
    _window, dialog = _dialog(qtbot, col)
    dialog.server.setText(sync_server.url)
    dialog.user.setText(USER)
    _run(qtbot, dialog)  # no password typed and none kept: asked for
    assert dialog.result_ is None and "password" in dialog.status.text()
    dialog.password.setText(PASSWORD)
    _run(qtbot, dialog)
    assert dialog.result_ is not None and dialog.result_.direction == "upload"
    assert "Uploaded 3 cards" in dialog.status.text()
    assert dialog.password.text() == ""
    _run(qtbot, dialog)  # the kept key: no password needed
    assert dialog.result_ is not None and dialog.result_.direction == "none"


@pytest.mark.slow
def test_sync_when_the_app_opens_and_closes(qtbot, col, sync_server: SyncServer) -> None:  # type: ignore[no-untyped-def]
    from srsapp.service.ankisync.sync import sync
    from srsapp.store.models import Card
    from srsapp.ui.ankisync import sync_on_close, sync_on_open
    from tests.builders import add_cards

    def add_card(key: str) -> None:
        with col.db.transaction() as s:
            s.add(Card(deck_id=col.ensure_deck("Deck"), key=key, kind="basic", front=key,
                       back="A", position=9, sibling=key))  # fmt: skip

    add_cards(col, 2)
    window, dialog = _dialog(qtbot, col)
    assert sync_on_open(window.ctx) is None  # not chosen: nothing happens
    dialog.auto.setChecked(True)
    assert login.auto_sync(col)
    assert sync_on_open(window.ctx) is None  # chosen, but no login kept yet: never asks
    sync(col, NOW, server=sync_server.url, user=USER, password=lambda: PASSWORD)

    add_card("late")
    task = sync_on_open(window.ctx)
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running(), timeout=60_000)
    assert task.error is None
    # a normal sync after the first full upload: only the new card goes
    qtbot.waitUntil(lambda: "Synced what changed: 1 cards and 0 reviews sent" in window.statusBar().currentMessage(),
                    timeout=10_000)  # fmt: skip
    add_card("later")
    result = sync_on_close(window.ctx)
    assert result is not None and result.direction == "incremental"
    assert result.uploaded["cards"] == 1 and result.uploaded["notes"] == 1
    dialog.auto.setChecked(False)
    assert sync_on_close(window.ctx) is None


def test_a_full_upload_is_asked_first_and_cancel_changes_nothing(qtbot, col) -> None:  # type: ignore[no-untyped-def]
    _window, dialog = _dialog(qtbot, col)
    dialog.server.setText(f"http://127.0.0.1:{free_port()}/")
    dialog.user.setText("me")
    dialog.password.setText("pw")
    dialog.direction.setCurrentIndex(dialog.direction.findData("upload"))
    dialog.sync_button.click()
    box = dialog.confirm
    assert box is not None and box.isVisible()
    assert "replaces the collection on the server" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Cancel is the default and the escape button
    assert dialog._task is None and dialog.status.text() == "" and dialog.result_ is None
    # confirmed: the sync runs (here: the server is not there, said in one line)
    dialog.sync_button.click()
    box = dialog.confirm
    upload = next(b for b in box.buttons() if b.text() == "Upload")
    upload.click()
    qtbot.waitUntil(lambda: dialog._task is None and dialog.sync_button.isEnabled(), timeout=60_000)
    assert dialog.status.text().startswith("cannot reach the sync server")
