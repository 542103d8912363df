"""The screens the main window's menus open, each imported when first opened (so the window
appears without loading the charts, the simulator or the diagram renderer).

Each function returns the screen's class; every one is built as ``Screen(ctx, parent)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from srsapp.ui.context import ScreenFactory

if TYPE_CHECKING:
    from srsapp.ui.ankisync import SyncDialog
    from srsapp.ui.browser import BrowserWindow
    from srsapp.ui.check import CheckDialog
    from srsapp.ui.dashboard import DashboardWindow
    from srsapp.ui.optimize import OptimizeDialog
    from srsapp.ui.preferences import PreferencesDialog
    from srsapp.ui.restore import RestoreDialog
    from srsapp.ui.workload import WorkloadDialog


def browser() -> type[BrowserWindow]:
    from srsapp.ui.browser import BrowserWindow

    return BrowserWindow


def dashboard() -> type[DashboardWindow]:
    from srsapp.ui.dashboard import DashboardWindow

    return DashboardWindow


def check_dialog() -> type[CheckDialog]:
    from srsapp.ui.check import CheckDialog

    return CheckDialog


def optimize_dialog() -> type[OptimizeDialog]:
    from srsapp.ui.optimize import OptimizeDialog

    return OptimizeDialog


def workload_dialog() -> type[WorkloadDialog]:
    from srsapp.ui.workload import WorkloadDialog

    return WorkloadDialog


def preferences_dialog() -> type[PreferencesDialog]:
    from srsapp.ui.preferences import PreferencesDialog

    return PreferencesDialog


def restore_dialog() -> type[RestoreDialog]:
    from srsapp.ui.restore import RestoreDialog

    return RestoreDialog


def sync_dialog() -> type[SyncDialog]:
    from srsapp.ui.ankisync import SyncDialog

    return SyncDialog


# the Tools menu: (action key, the screen, shortcut)
TOOLS: list[tuple[str, Callable[[], ScreenFactory], str]] = [
    ("action.browse", browser, "B"),
    ("action.stats", dashboard, "S"),
    ("action.check", check_dialog, ""),
    ("action.optimize", optimize_dialog, ""),
    ("action.workload", workload_dialog, ""),
    ("action.preferences", preferences_dialog, "Ctrl+P"),
]
