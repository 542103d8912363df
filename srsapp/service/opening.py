"""Opening a collection's files: the data folder made and checked, the lock taken, the database
opened (a damaged one named with the backup that restores it), leftovers of killed work removed;
and the first open's seeding with the bundled Docker deck."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from srsapp.core.errors import CollectionError, DamagedCollectionError
from srsapp.service.context import DB_NAME
from srsapp.service.maintenance.backup import list_backups
from srsapp.service.paths import bundled_decks_dir, resolve_data_dir
from srsapp.service.reports import SyncReport
from srsapp.store import queries
from srsapp.store.backup_names import leftovers, remove_leftovers
from srsapp.store.db import Database
from srsapp.store.lock import CollectionLock


def open_files(
    data_dir: str | os.PathLike[str] | None, now: datetime | None, *, durable: bool
) -> tuple[Path, Database, CollectionLock]:
    """The data folder, its open database and the lock held on it."""
    path = resolve_data_dir(data_dir)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CollectionError(f"cannot create the data folder ({exc.strerror})", str(path)) from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise CollectionError("the data folder is not writable", str(path))
    lock = CollectionLock(path / "collection.lock")
    lock.acquire()
    try:
        db = Database.open(path / DB_NAME, now, durable=durable)
    except DamagedCollectionError as exc:
        lock.release()
        backups = list_backups(path)
        if not backups:
            raise
        raise DamagedCollectionError(
            f"{exc}; {len(backups)} backup(s), the newest restored by: "
            f"srsapp restore '{backups[0].path}'"
        ) from exc
    except BaseException:
        lock.release()
        raise
    db.before_write = lock.ensure_held  # the lock file may be deleted while we are open
    remove_leftovers(leftovers(path))  # of killed backups and imports (we hold the lock)
    return path, db, lock


def seed_collection(
    db: Database, sync_notes: Callable[[Path], SyncReport], *, bundled: bool = True
) -> SyncReport | None:
    """First open: import the bundled Docker deck (unless ``bundled`` is false); either way the
    collection is marked seeded, so it never happens again."""
    notes = bundled_decks_dir() / "docker-notes.md"
    report = sync_notes(notes) if bundled and notes.exists() else None
    with db.transaction() as s:
        queries.set_meta(s, "seeded", "1")
    return report
