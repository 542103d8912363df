"""Low-level facts about collection files: foreign-key problems, and a
read-only look inside a database file that is not open (a backup, a file to restore).

The service layer decides what to do with these facts (``service.maintenance``);
this module only knows SQL and file names (backup names: ``backup_names``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from srsapp.store.db import SQLITE_MAGIC, Database
from srsapp.store.models import SCHEMA_VERSION

# The first release's tables: every collection, however old, has them.
REQUIRED_TABLES = frozenset({"meta", "settings", "decks", "sources", "concepts", "cards", "revlog"})


def foreign_key_problems(db: Database) -> list[tuple[str, int, str]]:
    """``PRAGMA foreign_key_check``: (table, rowid, parent table) for each dangling reference."""
    with db.engine.connect() as conn:
        rows = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    return [(str(r[0]), int(r[1]) if r[1] is not None else -1, str(r[2])) for r in rows]


@dataclass(frozen=True)
class FileFacts:
    """What a read-only look at a database file found. ``problems`` empty: usable as a
    collection of this srsapp."""

    path: Path
    schema_version: int = 0
    cards: int = 0
    reviews: int = 0
    decks: int = 0
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems


def inspect_file(path: Path, *, full_check: bool = True) -> FileFacts:
    """Look inside a collection file without changing it: SQLite magic, integrity check,
    schema version no newer than ours, our tables present; card and review counts."""
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        return FileFacts(path, problems=(f"cannot be read ({exc.strerror})",))
    if head != SQLITE_MAGIC:
        return FileFacts(path, problems=("is not an SQLite database",))
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return FileFacts(path, problems=(f"cannot be opened ({exc})",))
    try:
        problems: list[str] = []
        if full_check:
            bad = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
            if bad:
                problems.append(f"fails the SQLite integrity check ({bad[0]})")
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            problems.append(
                f"was written by a newer srsapp (schema {version}, this one knows {SCHEMA_VERSION})"
            )
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = sorted(REQUIRED_TABLES - tables)
        if missing:
            problems.append(f"is not an srsapp collection (no {', '.join(missing)} table)")
            return FileFacts(path, schema_version=version, problems=tuple(problems))
        cards = int(con.execute("SELECT count(*) FROM cards").fetchone()[0])
        reviews = int(con.execute("SELECT count(*) FROM revlog").fetchone()[0])
        decks = int(con.execute("SELECT count(*) FROM decks").fetchone()[0])
        return FileFacts(path, version, cards, reviews, decks, tuple(problems))
    except sqlite3.Error as exc:
        return FileFacts(path, problems=(f"cannot be read as a database ({exc})",))
    finally:
        con.close()
