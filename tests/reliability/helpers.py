"""Shared helpers of the reliability tests: a generated deck, a study loop, a table dump."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck, Rating
from srsapp.core.text import context, para
from srsapp.service.collection import DB_NAME, Collection

TABLES = ("meta", "settings", "decks", "sources", "concepts", "cards", "revlog")


def make_deck(n: int, title: str = "Deck", topics: int = 3, prefix: str = "term") -> GeneratedDeck:
    concepts = [("Topic",)] + [("Topic", f"Sub {t}") for t in range(topics)]
    cards = [
        CardDraft(
            kind=CardKind.TERM,
            concept=concepts[1 + i % topics],
            anchor=f"{prefix} {i}",
            variant="",
            front=context(concepts[1 + i % topics]) + para(f"Question {i}"),
            back=para(f"Answer {i}"),
            sibling=f"s{i}",
        )
        for i in range(n)
    ]
    return GeneratedDeck(title=title, concepts=[ConceptInfo(c) for c in concepts], cards=cards)


def load_deck(
    col: Collection, n: int, now: datetime, path: str = "/notes/a.md", prefix: str = "term"
) -> None:
    col.apply_generated(path, f"hash-{n}", "text", make_deck(n, prefix=prefix), now)


RATINGS = (Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.EASY)


def study(col: Collection, start: datetime, answers: int, seed: int = 1) -> datetime:
    """Answer ``answers`` cards with random ratings, the clock moving on between answers
    (a day forward when nothing is due). Returns the clock at the end."""
    rng = random.Random(seed)
    now = start
    done = 0
    while done < answers:
        card = col.next_card(now)
        if card is None:
            now += timedelta(days=1)
            continue
        col.answer(card.id, rng.choice(RATINGS), now, duration_ms=rng.randint(500, 9000))
        done += 1
        now += timedelta(seconds=rng.randint(5, 900))
    return now


def raw(data_dir: Path, *, foreign_keys: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection to damage a collection the way a bug or another tool could."""
    con = sqlite3.connect(str(data_dir / DB_NAME), isolation_level=None)
    con.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    return con


def dump(col: Collection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order (to compare before/after)."""
    from sqlalchemy import text

    out = {}
    with col.db.engine.connect() as conn:
        for table in TABLES:
            rows = conn.execute(text(f"SELECT * FROM {table} ORDER BY rowid")).fetchall()
            out[table] = [tuple(r) for r in rows]
    return out
