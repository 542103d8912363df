"""Playing a card's sounds (``[sound:name.mp3]`` in imported Anki cards) with QtMultimedia.

``SoundPlayer`` is what a card view is handed: ``play(paths)`` queues files and plays them one
after the other (a new ``play`` replaces what was queued, as Anki does when the next card
comes), ``stop()`` ends it. ``QtSoundPlayer`` loads QtMultimedia only when a card first asks
for a sound; a machine where it cannot load or has no audio device (offscreen CI, a server,
missing ``libpulse``) gets a player that keeps the queue and plays nothing: the card and its
play buttons still show, nothing fails. Tests hand in their own player.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)


class SoundPlayer(Protocol):
    def play(self, paths: Sequence[Path]) -> None: ...

    def stop(self) -> None: ...


class QtSoundPlayer:
    """QMediaPlayer + QAudioOutput, made on first use; silent where they cannot be."""

    def __init__(self) -> None:
        self.queue: list[Path] = []
        self.available: bool | None = None  # None: not tried yet
        self._player: Any = None
        self._output: Any = None

    def _load(self) -> bool:
        if self.available is None:
            try:
                from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

                if not QMediaDevices.audioOutputs():
                    raise RuntimeError("no audio output device")
                self._output = QAudioOutput()
                self._player = QMediaPlayer()
                self._player.setAudioOutput(self._output)
                self._player.mediaStatusChanged.connect(self._status)
                self._player.errorOccurred.connect(lambda *_a: self._next())
                self.available = True
            except (ImportError, OSError, RuntimeError) as exc:  # no QtMultimedia, no device
                log.info("sound playback unavailable: %s", exc)
                self.available = False
        return bool(self.available)

    def play(self, paths: Sequence[Path]) -> None:
        self.queue = list(paths)
        if not self._load():
            return
        self._player.stop()
        self._next()

    def stop(self) -> None:
        self.queue = []
        if self._player is not None:
            self._player.stop()

    def _status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self._next()

    def _next(self) -> None:
        if not self.queue or self._player is None:
            return
        from PySide6.QtCore import QUrl

        path = self.queue.pop(0)
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()


_shared: QtSoundPlayer | None = None


def shared_player() -> QtSoundPlayer:
    """The app's one player (a sound of the last card stops when the next one plays)."""
    global _shared
    if _shared is None:
        _shared = QtSoundPlayer()
    return _shared
