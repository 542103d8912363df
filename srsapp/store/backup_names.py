"""Backup file names: ``backups/collection-<UTC time>-<reason>.sqlite``, made and read back."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

BACKUP_DIR = "backups"
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
