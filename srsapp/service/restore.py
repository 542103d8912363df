"""A backup file put back: a .sqlite backup as it is, a JSON backup made into a collection
first (the one service part above the ``Collection``: it opens one to import the JSON into)."""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import datetime
from pathlib import Path

from srsapp.service.collection import Collection
from srsapp.service.context import DB_NAME
from srsapp.service.maintenance.backup import restore_backup, restore_into
from srsapp.service.reports import RestoreReport


def collection_from_json(path: Path, folder: Path, now: datetime) -> Path:
    """A collection database in the empty ``folder`` made from the JSON backup ``path`` (what
    ``restore`` swaps in); raises the import's error naming ``path``."""
    col = Collection.open(folder, seed=False, now=now)
    try:
        col.import_file(path, now=now)
    finally:
        col.close(backup=False)
    return folder / DB_NAME


def restore_file_into(data_dir: Path, source: Path, now: datetime) -> RestoreReport:
    """Restore the backup ``source`` (a .sqlite backup, or a JSON backup made into a
    collection first) into ``data_dir`` without opening its collection (it may be what is
    damaged): what the start-up's and the CLI's restore do."""
    if source.suffix.lower() != ".json":
        return restore_into(data_dir, source, now)
    with tempfile.TemporaryDirectory(prefix="srsapp-restore-") as tmp:
        made = collection_from_json(source, Path(tmp), now)
        return dataclasses.replace(restore_into(data_dir, made, now), restored=source)


def restore_file(col: Collection, source: Path, now: datetime) -> RestoreReport:
    """Restore the backup ``source`` (.sqlite, or JSON made into a collection first) into the
    open collection ``col`` (File → Restore backup… → From a file…)."""
    if source.suffix.lower() != ".json":
        return restore_backup(col, source, now)
    with tempfile.TemporaryDirectory(prefix="srsapp-restore-") as tmp:
        made = collection_from_json(source, Path(tmp), now)
        return dataclasses.replace(restore_backup(col, made, now), restored=source)
