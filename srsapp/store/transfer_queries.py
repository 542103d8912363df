"""What import and export of whole files ask of the collection: a JSON backup's rows checked
against the tables and restored into an empty collection, every row of every table (a backup,
in primary-key order), and the active cards a text or Markdown export writes; and the errors
a database raises while an import is stored (``STORE_ERRORS``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Boolean, Float, Integer, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from srsapp.store.migrations import backfill_last_interval
from srsapp.store.models import Base, Card, Meta
from srsapp.store.queries import CARDS, CONCEPTS, DECKS, REVLOG, SETTINGS

# The tables a JSON backup holds, by name, in the order they are restored.
TABLES = {
    "settings": SETTINGS,
    "decks": DECKS,
    "sources": Base.metadata.tables["sources"],
    "concepts": CONCEPTS,
    "cards": CARDS,
    "revlog": REVLOG,
}
# What storing an import may raise from the database (the bulk inserts run on the driver's
# connection): the caller reports it naming the file (``cause``).
STORE_ERRORS: tuple[type[BaseException], ...] = (SQLAlchemyError, sqlite3.Error)


def cause(exc: BaseException) -> BaseException:
    """The database's own error under one of ``STORE_ERRORS``."""
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, BaseException) else exc


def row_problem(table: str, row: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """``row`` of a backup's ``table`` with every column of the table (a missing one takes its
    default), and what is wrong with it (None: nothing) -- an unknown column, a missing
    required value, a value of the wrong type."""
    columns = TABLES[table].c
    unknown = set(row) - set(columns.keys())
    if unknown:
        return row, f"unknown column(s) {', '.join(sorted(unknown))}"
    out: dict[str, Any] = {}
    for col in columns:
        value = row.get(col.name)
        if value is None and col.name not in row and col.default is not None:
            value = getattr(col.default, "arg", None)
            if callable(value):
                value = None
        problem = None
        if value is None:
            if not col.nullable:
                problem = "is missing or null"
        elif isinstance(col.type, Boolean):
            if not isinstance(value, bool) and value not in (0, 1):
                problem = "must be true or false"
            value = bool(value)
        elif isinstance(col.type, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                problem = "must be a whole number"
        elif isinstance(col.type, Float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                problem = "must be a number"
        elif not isinstance(value, str):
            problem = "must be text"
        if problem:
            return row, f"column {col.name!r} {problem}"
        out[col.name] = value
    return out, None


def used_tables(s: Session) -> list[str]:
    """The tables of cards and their parts that hold rows (a backup restores only into a
    collection with none)."""
    return [name for name in ("decks", "cards", "revlog", "sources", "concepts")
            if s.scalar(select(func.count()).select_from(TABLES[name]))]  # fmt: skip


def restore(
    s: Session,
    meta: Mapping[str, str],
    rows: Mapping[str, Sequence[dict[str, Any]]],
    schema_version: int,
) -> None:
    """Put a backup's rows (checked: ``row_problem``) into an empty collection, its settings
    replacing these, in the caller's transaction; a backup of ``schema_version`` 1 gets the
    review log's last intervals worked out."""
    s.execute(SETTINGS.delete())
    for key, value in meta.items():
        if key != "schema_version":
            s.merge(Meta(key=key, value=value))
    for name, table in TABLES.items():
        table_rows = list(rows.get(name, ()))
        if not table_rows:
            continue
        if name == "concepts":  # parents may come after children: link them afterwards
            parents = [(r["id"], r["parent_id"]) for r in table_rows if r["parent_id"]]
            table_rows = [{**r, "parent_id": None} for r in table_rows]
            s.execute(insert(table), table_rows)
            for cid, pid in parents:
                s.execute(update(CONCEPTS).where(CONCEPTS.c.id == cid).values(parent_id=pid))
        else:
            s.execute(insert(table), table_rows)
    if schema_version < 2:  # v1 rows lack revlog.last_interval_s
        backfill_last_interval(s.connection())


def all_rows(s: Session) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table a backup holds, in primary-key order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, table in TABLES.items():
        q = select(table).order_by(*table.primary_key.columns)
        out[name] = [dict(r._mapping) for r in s.execute(q)]
    return out


def backup_meta(s: Session) -> dict[str, str]:
    """The ``meta`` values a backup keeps (all but the schema version)."""
    return {m.key: m.value for m in s.scalars(select(Meta)) if m.key != "schema_version"}


def active_cards(s: Session, deck_ids: Sequence[int] | None) -> list[Card]:
    """The cards not retired (of these decks; None: all), by deck, position and id."""
    q = select(Card).where(Card.retired.is_(False))
    if deck_ids is not None:
        q = q.where(Card.deck_id.in_(deck_ids))
    return list(s.scalars(q.order_by(Card.deck_id, Card.position, Card.id)))


def all_concept_paths(s: Session) -> dict[int, tuple[str, ...]]:
    """Concept id -> path, of every deck's concepts."""
    return {
        int(i): tuple(json.loads(p)) for i, p in s.execute(select(CONCEPTS.c.id, CONCEPTS.c.path))
    }
