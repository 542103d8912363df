"""Schema migrations: an ordered list of steps, each tied to the version it produces.

``migrate`` runs every step above the database's version inside one
transaction (the caller takes a backup first) and records the new version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from srsapp.store.models import SCHEMA_VERSION

if TYPE_CHECKING:
    from srsapp.store.db import Database

# version produced -> step. Version 1 is the first release's schema (created, never migrated to).
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}


def migrate(db: Database, from_version: int) -> list[int]:
    applied: list[int] = []
    with db.engine.begin() as conn:
        for version in range(from_version + 1, SCHEMA_VERSION + 1):
            step = MIGRATIONS.get(version)
            if step is not None:
                step(conn)
            applied.append(version)
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.exec_driver_sql(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
            (str(SCHEMA_VERSION),),
        )
    return applied
