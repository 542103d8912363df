"""The JSON backup format: a whole collection as one JSON document.

    {"format": "srsapp-backup", "version": 1, "schema_version": 1,
     "created": "2026-03-02T09:30:00+00:00", "app_version": "0.1.0",
     "meta": {"seeded": "1"},
     "tables": {"settings": [{...row...}], "decks": [...], "sources": [...],
                "concepts": [...], "cards": [...], "revlog": [...]}}

Rows are plain objects (column name → JSON scalar), ids included, so a restore into an
empty collection reproduces every row exactly. This module only knows the document's
shape; which columns a table has is the service layer's business.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from srsapp.core.errors import ImportFileError

FORMAT = "srsapp-backup"
VERSION = 1
TABLES = ("settings", "decks", "sources", "concepts", "cards", "revlog")
MAX_BYTES = 2 * 1024**3

Row = dict[str, Any]


@dataclass
class Backup:
    schema_version: int
    tables: dict[str, list[Row]]
    meta: dict[str, str] = field(default_factory=dict)
    created: str = ""
    app_version: str = ""


def write_backup(backup: Backup, path: str | Path) -> int:
    """Write ``backup`` to ``path`` (replaced atomically); returns the size in bytes."""
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "schema_version": backup.schema_version,
        "created": backup.created,
        "app_version": backup.app_version,
        "meta": backup.meta,
        "tables": {name: backup.tables.get(name, []) for name in TABLES},
    }
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".backup-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(data)


def read_backup(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Backup:
    """Read and check a backup document. Raises ImportFileError naming the file and the problem."""
    where = str(path)
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise ImportFileError(f"too large for a backup ({size} bytes)", where)
        raw = Path(path).read_bytes()
    except FileNotFoundError as e:
        raise ImportFileError("file not found", where) from e
    except OSError as e:
        raise ImportFileError(f"cannot read file: {e.strerror or e}", where) from e
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise ImportFileError(f"not UTF-8 text (byte {e.start})", where) from e
    except json.JSONDecodeError as e:
        raise ImportFileError(
            f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})", where
        ) from e
    return parse_backup(doc, where)


def parse_backup(doc: Any, where: str = "<backup>") -> Backup:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportFileError(f'not an srsapp JSON backup (no "format": "{FORMAT}")', where)
    version = doc.get("version")
    if version != VERSION:
        raise ImportFileError(
            f"unknown backup version {version!r} (this srsapp reads {VERSION})", where
        )
    schema = doc.get("schema_version")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise ImportFileError(f"bad schema_version {schema!r}", where)
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise ImportFileError('"tables" must be an object', where)
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise ImportFileError(f"unknown table(s) {', '.join(sorted(unknown))}", where)
    out: dict[str, list[Row]] = {}
    for name in TABLES:
        rows = tables.get(name, [])
        if not isinstance(rows, list):
            raise ImportFileError(f'table "{name}" must be a list of rows', where)
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                raise ImportFileError(f'table "{name}" row {i + 1} is not an object', where)
            for key, value in row.items():
                if value is not None and not isinstance(value, str | int | float | bool):
                    raise ImportFileError(
                        f'table "{name}" row {i + 1}: column {key!r} holds a {type(value).__name__}'
                        ", expected a number, text, true/false or null",
                        where,
                    )
        out[name] = rows
    meta = doc.get("meta") or {}
    if not isinstance(meta, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in meta.items()
    ):
        raise ImportFileError('"meta" must be an object of texts', where)
    return Backup(
        schema_version=schema,
        tables=out,
        meta=meta,
        created=str(doc.get("created", "")),
        app_version=str(doc.get("app_version", "")),
    )
