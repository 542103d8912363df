"""``check`` and ``optimize`` with SQLite's limit on bound variables lowered (issue 19, item
15): python.org's Windows and macOS builds allow 32,766, so a NOT IN (every card id) failed past
~32k cards there while passing here. The limit is lowered to 999 on every connection and the
collection made larger than that."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select

from srsapp.core.fitting.training import RevlogEntry
from srsapp.service.collection import Collection
from srsapp.service.maintenance.check import check
from srsapp.service.optimize import _apply, revlog_entries
from srsapp.store.models import Card
from tests.builders import Templates
from tests.reliability.helpers import load_deck, study

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
LIMIT = 999
CARDS = 1_300


def _build_large(path: Path) -> None:
    col = Collection.open(path, seed=False, rng=random.Random(3), durable=False)
    col.set_settings(timezone="UTC")
    load_deck(col, CARDS, T0)
    col.close(backup=False)


@pytest.fixture
def limited(tmp_path: Path, templates: Templates) -> Iterator[Collection]:
    """A copy of the ``_build_large`` template (built once a session) with the lower limit."""
    path = templates.copy("variable-limit", _build_large, tmp_path / "data")
    col = Collection.open(path, seed=False, rng=random.Random(3), durable=False)

    def lower(dbapi: sqlite3.Connection, _record: object) -> None:
        dbapi.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, LIMIT)

    event.listen(col.db.engine, "connect", lower)
    col.db.engine.dispose()  # every connection from now on has the lower limit
    try:
        yield col
    finally:
        col.close(backup=False)


def test_the_limit_is_in_force(limited: Collection) -> None:
    with limited.db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        with pytest.raises(sqlite3.OperationalError, match="too many SQL variables"):
            raw.execute(f"SELECT 1 WHERE 1 IN ({','.join('?' * (LIMIT + 1))})", [1] * (LIMIT + 1))


def test_check_and_repair_past_the_limit(limited: Collection) -> None:
    study(limited, T0, 40)
    assert check(limited).problems == []
    # more orphaned review rows than the limit: found and deleted in batches
    with limited.db.engine.begin() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.executemany(
            "INSERT INTO revlog (card_id, time_ms, rating, state_before, state_after, duration_ms,"
            " interval_s, kind) VALUES (?, ?, 3, 0, 1, 1000, 600, 'review')",
            [(10_000_000 + i, 1_700_000_000_000 + i) for i in range(LIMIT + 200)],
        )
    report = check(limited)
    orphans = [p.message for p in report.problems if p.kind == "orphan"]
    assert orphans == [f"{LIMIT + 200} review-log row(s) of a missing card"]
    repaired = check(limited, repair=True, now=T0)
    assert repaired.ok and repaired.remaining == []


def test_optimize_applies_parameters_past_the_limit(limited: Collection) -> None:
    study(limited, T0, 40)
    with limited.db.reading() as s:
        ids = list(s.scalars(select(Card.id)))
    assert len(ids) > LIMIT
    entries = revlog_entries(limited)  # the studied cards' own history, and for the rest
    studied = {e.card_id for e in entries}  # (new cards: left as they are) one line each
    entries += [RevlogEntry(i, T0 - timedelta(days=3), 3, 1000) for i in ids if i not in studied]
    updated, _moved = _apply(limited, entries, tuple(limited.scheduler().config.parameters), T0,
                             reschedule=False)  # fmt: skip
    assert updated > 0  # the studied cards' memory state refitted: every id looked up
