"""Starting the desktop app: QApplication, fonts, theme, collection, main window."""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime
from typing import Any

START = time.perf_counter()


def _default_language() -> str:
    from PySide6.QtCore import QLocale

    return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"


def _open_or_restore(data_dir: str | None) -> Any:
    """The collection; when it cannot be opened (damaged, foreign, locked), the error with
    the data folder's backups and a way to restore one (``ui.startup``), then the collection
    opened again. None: the learner quit."""
    from srsapp.core.errors import SrsError
    from srsapp.service.collection import Collection

    while True:
        try:
            return Collection.open(data_dir)
        except SrsError as exc:
            from PySide6.QtWidgets import QDialog  # (the dialog's modules: only when needed)

            from srsapp.service.paths import resolve_data_dir
            from srsapp.ui.i18n import I18n
            from srsapp.ui.startup import StartupErrorDialog

            print(f"srsapp: {exc}", file=sys.stderr)
            dialog = StartupErrorDialog(resolve_data_dir(data_dir), exc,
                                        I18n(_default_language()), lambda: datetime.now(UTC))  # fmt: skip
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            if dialog.restored is not None:
                print(f"srsapp: restored {dialog.restored.restored}", file=sys.stderr)


def _import_before_qt() -> None:
    """The modules without Qt that the window needs, imported before PySide6: once it is
    imported, its import hook reads the source of every module imported after it (looking
    for ``from __feature__ import``) — SQLAlchemy's and ours, ≈ 0.1 s at start-up."""
    import srsapp.service.ankisync.login
    import srsapp.service.collection
    import srsapp.service.sources
    import srsapp.service.study.queue  # noqa: F401


def run_gui(data_dir: str | None = None, argv: list[str] | None = None) -> int:
    _import_before_qt()
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from srsapp.core.errors import SrsError
    from srsapp.service.ankisync.login import auto_sync
    from srsapp.ui.fonts import load_fonts
    from srsapp.ui.main_window import MainWindow
    from srsapp.ui.theme import apply_theme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("srsapp")
    app.setOrganizationName("srsapp")
    family = load_fonts()
    font = QFont(family)
    font.setPointSize(10)
    app.setFont(font)
    col = _open_or_restore(data_dir)
    if col is None:
        return 1
    try:
        settings = col.settings()
        apply_theme(app, settings.get("theme") or "system")
        now = datetime.now(UTC)
        _reports, sync_errors = col.sync_sources(now)  # notes edited since last time
        for error in sync_errors:
            print(f"srsapp: {error}", file=sys.stderr)
        window = MainWindow(col, lang=settings.get("ui_language") or _default_language())
        window.show()
        if sync_errors:  # tell the learner, not only the terminal
            from PySide6.QtCore import QTimer

            message = SrsError("\n".join(str(e) for e in sync_errors))
            QTimer.singleShot(0, lambda: window.show_error(message))
        print(
            f"srsapp: window shown {time.perf_counter() - START:.3f}s after start", file=sys.stderr
        )
        if auto_sync(col):  # "sync when srsapp opens and closes"
            from srsapp.ui.ankisync import sync_on_open

            sync_on_open(window.ctx)
        if os.environ.get("SRSAPP_BENCHMARK_STARTUP"):  # benchmarks: quit once shown
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, app.quit)
        code = int(app.exec())
        if auto_sync(col):  # after the window has closed (and waited for running work)
            from srsapp.ui.ankisync import sync_on_close

            sync_on_close(window.ctx)
        return code
    finally:
        col.close()
