"""Backups of a collection and restoring one.

A backup is a consistent copy made by SQLite itself (``VACUUM INTO``, never a copy of the
live file and its WAL) in ``<data dir>/backups/``, named ``collection-<UTC time>-<reason>.sqlite``.
One is taken automatically when a collection is closed (at most one per UTC day), before
every import and before every schema migration. Old backups are thinned out: all of the last
24 hours, and the newest backup of each of the last 7 days, 4 weeks and 6 months are kept
(:func:`keep_backups`).

Restoring checks the backup first, keeps the current collection as a backup too, and swaps
the file while the collection lock is held.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from srsapp.core.errors import CollectionError
from srsapp.service.context import DB_NAME, Context
from srsapp.service.reports import BackupInfo, RestoreReport
from srsapp.store.backup_names import (
    BACKUP_DIR,
    backup_file_name,
    parse_backup_name,
    unique_backup_path,
)
from srsapp.store.db import Database
from srsapp.store.files import FileFacts, inspect_file
from srsapp.store.lock import CollectionLock

AUTO = "auto"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 6
KEEP_RECENT = timedelta(hours=24)


# ---------------------------------------------------------------- rotation (pure)


def keep_backups(
    times: Iterable[datetime],
    *,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
    recent: timedelta = KEEP_RECENT,
) -> set[datetime]:
    """Which backup times to keep: every backup less than ``recent`` older than the newest
    (two imports in an hour each keep their "before" state), the newest backup of each of the
    ``daily`` most recent days that have one, of the ``weekly`` most recent ISO weeks and of the
    ``monthly`` most recent months (UTC calendar). The rest may be deleted."""
    ordered = sorted({t.astimezone(UTC) for t in times}, reverse=True)
    keep: set[datetime] = {t for t in ordered if t > ordered[0] - recent} if ordered else set()
    buckets = (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    )
    for count, bucket in buckets:
        seen: list[object] = []
        for t in ordered:
            key = bucket(t)
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(key)
            keep.add(t)
    return keep


# ---------------------------------------------------------------- listing


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Our backups in ``data_dir/backups``, newest first (other files are ignored)."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    out = []
    for p in folder.iterdir():
        parsed = parse_backup_name(p.name)
        if parsed is None or not p.is_file():
            continue
        out.append(BackupInfo(p, parsed[0], parsed[1], p.stat().st_size))
    return sorted(out, key=lambda b: (b.time, b.path.name), reverse=True)


def describe_backup(path: Path) -> FileFacts:
    """Card, review and deck counts of a backup (and its problems, if any)."""
    return inspect_file(path, full_check=False)


def rotate(data_dir: Path, *, protect: Sequence[Path] = ()) -> list[Path]:
    """Delete backups :func:`keep_backups` does not keep; returns the deleted paths."""
    infos = list_backups(data_dir)
    kept = keep_backups([b.time for b in infos])
    protected = {p.resolve() for p in protect}
    deleted = []
    # keep_backups works on times: of two backups in the same second (an import's and the
    # close's) both are kept when recent, the first seen when older
    recent = infos[0].time - KEEP_RECENT if infos else None
    seen: set[datetime] = set()
    for b in infos:
        if b.time in kept and (b.time not in seen or (recent is not None and b.time > recent)):
            seen.add(b.time)
            continue
        if b.path.resolve() in protected:
            continue
        try:
            b.path.unlink()
            deleted.append(b.path)
        except OSError:
            pass  # a backup we cannot delete is not worth failing for
    return deleted


# ---------------------------------------------------------------- taking backups


def backup_now(col: Context, reason: str, now: datetime) -> Path:
    """A consistent backup of the open collection, then rotation. Call before imports and any
    other bulk change. Returns the new file."""
    dest = unique_backup_path(backups_dir(col.data_dir), now, reason)
    try:
        col.db.backup_to(dest)
    except Exception as exc:  # SQLAlchemy/OS errors: report as ours
        raise CollectionError(f"backup failed ({exc})", str(dest)) from exc
    rotate(col.data_dir, protect=[dest])
    return dest


def maybe_backup(col: Context, now: datetime) -> Path | None:
    """The automatic backup (on close): at most one per UTC day. Returns the new file or None."""
    if _taken_today(col.data_dir, now):
        return None
    return backup_now(col, AUTO, now)


def _taken_today(data_dir: Path, now: datetime) -> bool:
    """Whether today's (UTC) automatic backup is there: its name says so (looked at on every
    close, so by the names alone — no file's date parsed or size read)."""
    ours = backup_file_name(now, AUTO)  # collection-20260302T093000Z-auto.sqlite
    day, end = ours[: len("collection-YYYYMMDD")], ours[len("collection-YYYYMMDDTHHMMSSZ") :]
    try:
        names = os.listdir(backups_dir(data_dir))
    except OSError:
        return False
    return any(len(n) == len(ours) and n.startswith(day) and n.endswith(end) for n in names)


# ---------------------------------------------------------------- restoring


def verify_backup(path: Path) -> FileFacts:
    """Everything a file must pass before it may replace a collection: SQLite magic, the
    integrity check, a schema version no newer than ours, our tables. Raises CollectionError
    naming the file and the first problem."""
    if not path.is_file():
        raise CollectionError("no such backup file", str(path))
    facts = inspect_file(path, full_check=True)
    if not facts.ok:
        raise CollectionError(f"cannot be restored: {facts.problems[0]}", str(path))
    return facts


def _swap_in(source: Path, db_path: Path) -> None:
    """Replace ``db_path`` with a copy of ``source``: copy beside it, fsync, atomic rename,
    and drop the old WAL/SHM files (they belong to the replaced database)."""
    tmp = db_path.with_name(db_path.name + ".restoring")
    shutil.copyfile(source, tmp)
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm", "-journal"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.unlink()
    os.replace(tmp, db_path)
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(db_path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def restore_backup(col: Context, path: Path, now: datetime) -> RestoreReport:
    """Replace the open collection's database with the backup at ``path`` (the collection
    stays open and locked throughout; undo history and caches are dropped)."""
    path = Path(path)
    facts = verify_backup(path)
    previous = backup_now(col, "before-restore", now)
    if path.resolve() == previous.resolve():  # pragma: no cover - names never collide
        raise CollectionError("cannot restore the backup just taken", str(path))
    db_path, guard = col.db.path, col.db.before_write
    if guard is not None:
        guard()  # the lock is still ours: the file may be swapped
    col.db.close()
    try:
        _swap_in(path, db_path)
    finally:
        col.db = Database.open(db_path, now)
        col.db.before_write = guard
        col.reset_after_restore()
    return RestoreReport(path, previous, facts.cards, facts.reviews)


def restore_into(data_dir: Path, path: Path, now: datetime) -> RestoreReport:
    """Restore without opening the current collection (it may be the thing that is broken):
    take the lock, keep the current file as a backup (``VACUUM INTO`` if it opens, a plain
    copy of the closed file if it does not), swap the backup in."""
    path = Path(path)
    facts = verify_backup(path)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CollectionError(
            f"cannot create the data folder ({exc.strerror})", str(data_dir)
        ) from exc
    lock = CollectionLock(data_dir / "collection.lock")
    lock.acquire()
    try:
        db_path = data_dir / DB_NAME
        if db_path.is_dir():  # what is in it is not ours to move or delete
            raise CollectionError("is a folder, not a collection database; move it out of the "
                                  "way and restore again", str(db_path))  # fmt: skip
        previous: Path | None = None
        if db_path.exists():
            previous = unique_backup_path(backups_dir(data_dir), now, "before-restore")
            try:
                db = Database.open(db_path, now)
            except CollectionError:
                # Unreadable: nobody else has it open (we hold the lock), so a byte copy of
                # the file and its WAL is the most faithful thing to keep.
                previous = previous.with_name(previous.stem + "-damaged.sqlite")
                previous.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(db_path, previous)
                wal = db_path.with_name(db_path.name + "-wal")
                if wal.exists():
                    shutil.copyfile(wal, previous.with_name(previous.name + "-wal"))
            else:
                try:
                    db.backup_to(previous)
                finally:
                    db.close()
        _swap_in(path, db_path)
        Database.open(db_path, now).close()  # migrates an older backup now, with its own backup
    finally:
        lock.release()
    return RestoreReport(path, previous, facts.cards, facts.reviews)
