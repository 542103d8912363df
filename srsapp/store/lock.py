"""One writer per collection: an OS-level lock on ``collection.lock``.

``fcntl.flock`` (``msvcrt.locking`` on Windows) is released by the OS when the
process dies, so a lock left behind by a crash is never stale: the file may
remain, but the next process can take it.
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
        self._fh: IO[str] | None = None

    def acquire(self) -> None:
        try:
            fh = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise CollectionError(f"cannot create lock file ({exc.strerror})", str(self.path)) from exc
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
                f"the collection is already open in another srsapp (pid {holder}); "
                "close it first",
                str(self.path.parent),
            ) from exc
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            try:
                self._fh.seek(0)
                self._fh.truncate()
            finally:
                self._fh.close()  # closing releases flock
                self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None
