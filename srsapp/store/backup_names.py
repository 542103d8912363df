"""Backup file names: ``backups/collection-<UTC time>-<reason>.sqlite``, made and read back."""

from __future__ import annotations

import os
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

BACKUP_DIR = "backups"
PARTIAL_SUFFIX = ".partial"  # a backup being written (``partial_backup_path``)
STAGING_PREFIX = ".import-"  # an import's media staging folder in the data folder
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^collection-(\d{8}T\d{6}Z)-([a-z0-9-]+)\.sqlite$")


def backup_file_name(now: datetime, reason: str) -> str:
    """``collection-20260302T093000Z-auto.sqlite``: a UTC timestamp and why it was taken."""
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"
    return f"collection-{now.astimezone(UTC).strftime(_STAMP)}-{slug}.sqlite"


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    """(UTC time, reason) of a backup file name, or None if it is not one of ours."""
    m = _NAME.match(name)
    if m is None:
        return None
    try:
        when = datetime.strptime(m.group(1), _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return when, m.group(2)


def unique_backup_path(backups: Path, now: datetime, reason: str) -> Path:
    """A path in ``backups`` that does not exist yet (a second backup in the same second
    moves on by a second so names stay sortable by time)."""
    when = now
    while True:
        dest = backups / backup_file_name(when, reason)
        if not dest.exists():
            return dest
        when += timedelta(seconds=1)


def partial_backup_path(dest: Path) -> Path:
    """Where the backup ``dest`` is written until it is whole: a name that is no backup's."""
    return dest.with_name(f".{dest.name}{PARTIAL_SUFFIX}")


def leftovers(data_dir: Path) -> list[Path]:
    """What a killed backup or import leaves in ``data_dir``: partial backups and their
    journals, a backup's orphaned ``-journal``, media staging folders (``.import-<id>``)."""
    found: list[Path] = []
    try:  # (looked at on every open: a listing of names, no pattern matched on each)
        with os.scandir(data_dir) as entries:
            for e in entries:
                if e.name.startswith(STAGING_PREFIX) and e.is_dir():
                    found.append(Path(e.path))
    except OSError:
        pass
    folder = data_dir / BACKUP_DIR
    try:
        names = os.listdir(folder)
    except OSError:  # no backups folder
        names = []
    for full in names:
        name = full.removesuffix("-journal")
        partial = name.startswith(".") and name.endswith(PARTIAL_SUFFIX)
        if partial or (name != full and parse_backup_name(name) is not None):
            found.append(folder / full)
    return sorted(found)


def remove_leftovers(paths: list[Path]) -> list[Path]:
    """Remove what ``leftovers`` found; returns what is gone (a path that resists is kept)."""
    gone = []
    for p in paths:
        try:
            if p.is_dir():
                shutil.rmtree(p)
            else:
                p.unlink()
        except OSError:
            continue
        gone.append(p)
    return gone
