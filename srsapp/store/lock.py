"""One writer per collection: an OS-level lock on ``collection.lock``.

``fcntl.flock`` (``msvcrt.locking`` on Windows) is released by the OS when the
process dies, so a lock left behind by a crash is never stale: the file may
remain, but the next process can take it.

A lock is on a file, not on a name: if ``collection.lock`` is deleted (or replaced) while a
collection is open, a second srsapp could lock the new file and take the collection.
``ensure_held`` (called before every write) compares the file at the name with the one we
locked: it takes the new file if nobody holds it, and refuses to write if someone does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from srsapp.core.errors import CollectionError


class CollectionLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._name = os.fspath(path)  # (``stat`` at every write: no ``Path`` to convert)
        self._fh: IO[str] | None = None
        self._mine: tuple[int, int] | None = None  # (device, inode) of the file locked

    def acquire(self) -> None:
        self._take(self._lock_file())

    def _take(self, fh: IO[str]) -> None:
        self._fh = fh
        st = os.fstat(fh.fileno())  # an open file keeps its identity: read once, not per write
        self._mine = (st.st_dev, st.st_ino)

    def ensure_held(self) -> None:
        """Raise CollectionError unless the file named ``collection.lock`` is still the one
        locked here; a deleted or replaced lock file nobody holds is taken again."""
        if self._fh is None or self._same_file():
            return
        try:
            fh = self._lock_file()
        except CollectionError as exc:
            raise CollectionError(
                "collection.lock was deleted while this collection was open and another srsapp "
                "has taken the collection since; nothing more is written here, close this one",
                str(self.path.parent),
            ) from exc
        self._fh.close()
        self._take(fh)

    def _same_file(self) -> bool:
        assert self._fh is not None
        try:
            named = os.stat(self._name)
        except OSError:
            return False
        return (named.st_dev, named.st_ino) == self._mine

    def _lock_file(self) -> IO[str]:
        try:
            fh = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise CollectionError(
                f"cannot create lock file ({exc.strerror})", str(self.path)
            ) from exc
        try:
            if sys.platform == "win32":  # pragma: no cover
                import msvcrt

                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            fh.close()
            raise CollectionError(
                f"the collection is already open in another srsapp (pid {holder}); close it first",
                str(self.path.parent),
            ) from exc
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        return fh

    def release(self) -> None:
        if self._fh is not None:
            try:
                self._fh.seek(0)
                self._fh.truncate()
            finally:
                self._fh.close()  # closing releases flock
                self._fh = None
                self._mine = None

    @property
    def held(self) -> bool:
        return self._fh is not None
