"""What every screen is given: ``AppContext``.

A screen (review, browser, dashboard, a dialog) is built as ``Screen(ctx, parent)``. From
``ctx`` it reads the collection, the clock, the language (``i18n``) and the op runner
(``ops``: run an operation, hear what others changed), and asks the main window for the few
things only it does (``ctx.shell``: show an error or a status line, open another screen,
change the language). No screen reaches into the main window itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from srsapp.core.study_queue import PracticeQueue
from srsapp.service.collection import Collection
from srsapp.service.study.queue import Custom
from srsapp.ui.i18n import I18n
from srsapp.ui.ops import OpRunner

Clock = Callable[[], datetime]
W = TypeVar("W", bound=QWidget)


def system_clock() -> datetime:
    return datetime.now(UTC)


class Shell(Protocol):
    """What screens ask of the main window."""

    def show_error(self, exc: Exception) -> None: ...

    def show_status(self, text: str, ms: int = 0) -> None: ...

    def set_language(self, lang: str) -> None: ...

    def open_review(
        self,
        deck_id: int,
        concept: tuple[str, ...] | None = None,
        *,
        custom: Custom | None = None,
        practice: PracticeQueue | None = None,
    ) -> None: ...

    def open_tool(self, factory: Callable[[AppContext, QWidget | None], W]) -> W: ...


@dataclass(eq=False)
class AppContext:
    col: Collection
    clock: Clock
    i18n: I18n
    ops: OpRunner
    shell: Shell

    def now(self) -> datetime:
        return self.clock()

    def tr(self, key: str, **fmt: object) -> str:
        return self.i18n.tr(key, **fmt)


ScreenFactory = Callable[[AppContext, QWidget | None], QWidget]  # a screen class, as built
