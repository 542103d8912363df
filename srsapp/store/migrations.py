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
    with db.engine.connect() as conn:
        # Python's sqlite3 only opens a transaction before INSERT/UPDATE/DELETE, so DDL such as
        # ALTER TABLE would commit on its own: drive BEGIN/COMMIT ourselves so a failing step
        # leaves the database exactly as it was.
        raw = conn.connection.dbapi_connection
        assert raw is not None
        saved = raw.isolation_level  # type: ignore[attr-defined]
        raw.isolation_level = None  # type: ignore[attr-defined]
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
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
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
            conn.commit()
        finally:
            raw.isolation_level = saved  # type: ignore[attr-defined]
    return applied
