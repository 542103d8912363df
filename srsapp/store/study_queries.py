"""The study queue's queries: the first cards of each kind (what a session's queue is built
from), how many are due (stopping at a cap), within a deck or a concept subtree, whether given
cards are studyable, and a day's answers per deck.

Plain SQL on the session's sqlite3 connection: the first card of a session runs each of them
once on a just-opened collection, where building and compiling SQLAlchemy statements cost
more than running them. Every query leaves out retired, suspended and buried cards; a cap or
``LIMIT`` lets SQLite walk at most that many entries of ``ix_cards_deck_due`` (covering: no
card row is read) or of the partial ``ix_cards_new_order``, not every card of the deck.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from srsapp.core.model import CardState
from srsapp.core.study_queue import DECK_SHIFT, RANDOM_A, RANDOM_B, RANDOM_P
from srsapp.store.models import new_last_sql
from srsapp.store.queries import id_batches, path_json, path_of, sqlite_connection

NEW, REVIEW = int(CardState.NEW), int(CardState.REVIEW)
LEARN_STATES = (int(CardState.LEARNING), int(CardState.RELEARNING))
_LEARN = f"state IN ({', '.join(map(str, LEARN_STATES))})"


@dataclass(frozen=True)
class Scope:
    """Which cards: a deck (None: all) with the decks in ``subdecks``, and a concept subtree
    (None: all), at ``now_s`` (cards buried until later are left out)."""

    deck_id: int | None
    concept: Sequence[str] | None
    now_s: int
    subdecks: tuple[int, ...] = ()


def _studyable(scope: Scope) -> tuple[str, list[Any]]:
    """SQL conditions (and their parameters) for the studyable cards of ``scope``. "= 0", not
    "IS 0", and numbers in the SQL, not parameters: SQLite then uses the "=" terms of
    ix_cards_deck_due and sees that the partial ix_cards_new_order applies."""
    sql = "retired = 0 AND suspended = 0 AND buried_until <= ?"
    params: list[Any] = [scope.now_s]
    if scope.deck_id is not None and scope.subdecks:
        decks = (scope.deck_id, *scope.subdecks)
        sql += f" AND deck_id IN ({', '.join('?' * len(decks))})"
        params.extend(decks)
    elif scope.deck_id is not None:
        sql += " AND deck_id = ?"
        params.append(scope.deck_id)
    if scope.concept:
        # the concept and every one under it: its JSON path ('["A","B"]') and the paths that
        # go on from it ('["A","B",…'), which are exactly those from '["A","B",' to '["A","B"]'
        # (after the closing quote of the last name comes "," or "]", and "," < "]") — a range
        # of ``concepts(deck_id, path)``, not a scan of every concept
        open_path = path_json(scope.concept)[:-1]
        sub = "SELECT id FROM concepts WHERE path BETWEEN ? AND ?"
        params += [open_path + ",", open_path + "]"]
        if scope.deck_id is not None:
            sub += " AND deck_id = ?"
            params.append(scope.deck_id)
        sql += f" AND concept_id IN ({sub})"
    return sql, params


def _cards(scope: Scope) -> str:
    """The cards table as the scope's queries read it: a concept subtree (a few concepts, a
    handful of cards each) is found through ``ix_cards_stats``, concept by concept — SQLite
    would otherwise walk the deck's cards of a state in ``ix_cards_deck_due`` and test each
    one's concept (a deck tree counts every imported subdeck this way)."""
    return "cards INDEXED BY ix_cards_stats" if scope.concept else "cards"


def _rows(
    s: Session | sqlite3.Connection, sql: str, params: Sequence[Any]
) -> list[tuple[Any, ...]]:
    raw = s if isinstance(s, sqlite3.Connection) else sqlite_connection(s)
    return raw.execute(sql, tuple(params)).fetchall()


def _count(s: Session, cond: str, scope: Scope, cap: int | None) -> int:
    if cap is not None and cap <= 0:
        return 0
    where, params = _studyable(scope)
    limit = f" LIMIT {int(cap)}" if cap is not None else ""
    inner = f"SELECT id FROM {_cards(scope)} WHERE {cond} AND {where}{limit}"
    sql = f"SELECT count(*) FROM ({inner})"
    return int(_rows(s, sql, params)[0][0])


def due_counts(
    s: Session, scope: Scope, due_before: int, new_cap: int, review_cap: int
) -> tuple[int, int, int]:
    """(new, learning, review) cards to study before ``due_before``, new and review counts
    stopping at their caps (the day's limits; a negative ``new_cap``: every new card)."""
    return (
        _count(s, f"state = {NEW}", scope, None if new_cap < 0 else new_cap),
        _count(s, _due_range(scope, _LEARN, str(int(due_before))), scope, None),
        _count(s, _due_range(scope, f"state = {REVIEW}", str(int(due_before))), scope, review_cap),
    )


def due_per_concept(
    s: Session, deck_ids: Sequence[int], now_s: int, due_before: int
) -> list[tuple[int, tuple[str, ...], int, int, int]]:
    """(deck id, concept path, new, learning, review) of the studyable cards of
    each concept of ``deck_ids`` (learning and review cards due before ``due_before``;
    cards buried until after ``now_s`` left out), no cap: one pass over those decks' entries
    of ``ix_cards_deck_due`` (covering) for a whole deck tree, grouped by concept and then
    named by its path; the caller sums each path's subtree."""
    if not deck_ids:
        return []
    marks = ", ".join("?" * len(deck_ids))
    sql = (
        "SELECT co.deck_id, co.path, x.n, x.l, x.r FROM (SELECT deck_id, concept_id, "
        f"sum(state = {NEW}) n, sum({_LEARN} AND due < ?) l, sum(state = {REVIEW} AND due < ?) r "
        f"FROM cards WHERE deck_id IN ({marks}) AND retired = 0 AND suspended = 0 "
        "AND buried_until <= ? GROUP BY deck_id, concept_id) x "
        "JOIN concepts co ON co.id = x.concept_id AND co.deck_id = x.deck_id"
    )
    rows = _rows(s, sql, [due_before, due_before, *deck_ids, now_s])
    return [(int(d), path_of(p), int(n), int(lr), int(r)) for d, p, n, lr, r in rows]


def deck_names(s: Session) -> list[tuple[int, str]]:
    """(id, name) of every deck (plain SQL: read when a study queue is built)."""
    return [(int(i), str(n)) for i, n in _rows(s, "SELECT id, name FROM decks ORDER BY name", [])]


def answered_since(
    s: Session | sqlite3.Connection, start_ms: int
) -> dict[int, tuple[set[int], int]]:
    """deck id -> (ids of the new cards introduced, review cards answered) since ``start_ms``.
    Driven by the review log's time index: a day's answers, not the whole deck. ``s``: a
    session or the sqlite3 connection itself (an undo's hot path)."""
    rows = _rows(
        s,
        "SELECT c.deck_id, r.card_id, r.state_before FROM revlog r JOIN cards c "
        "ON r.card_id = c.id WHERE r.time_ms >= ? AND r.kind = 'review'",
        [start_ms],
    )
    new_cards: dict[int, set[int]] = {}
    reviews: dict[int, int] = {}
    for deck_id, card_id, state_before in rows:
        if state_before == NEW:
            new_cards.setdefault(deck_id, set()).add(card_id)
        elif state_before == REVIEW:
            reviews[deck_id] = reviews.get(deck_id, 0) + 1
    decks = set(new_cards) | set(reviews)
    return {d: (new_cards.get(d, set()), reviews.get(d, 0)) for d in decks}


def introduced_since(s: Session | sqlite3.Connection, card_id: int, start_ms: int) -> bool:
    """Whether an answer since ``start_ms`` (a review-log row of kind ``review``) found card
    ``card_id`` new (``answered_since`` counts it among the new cards introduced). Read off
    ``ix_revlog_card_time``: the card's rows since then, not the day's."""
    return bool(
        _rows(
            s,
            "SELECT 1 FROM revlog WHERE card_id = ? AND time_ms >= ? AND kind = 'review' "
            "AND state_before = ? LIMIT 1",
            [card_id, start_ms, NEW],
        )
    )


def answers_per_deck_since(s: Session, start_ms: int) -> dict[int, tuple[int, int]]:
    """deck id -> (new cards introduced, review cards answered) since ``start_ms``."""
    return {d: (len(new), reviews) for d, (new, reviews) in answered_since(s, start_ms).items()}


# ---------------------------------------------------------------- the session's queue


def _due_range(scope: Scope, state: str, due_before: str = "?") -> str:
    """SQL: cards in ``state`` (a condition) due before ``due_before`` (SQL: a parameter or a
    number). In every deck, as a range of the scheduled cards in ``ix_cards_by_due``
    (covering), the state tested on its entries ("+": with the state's own term SQLite walked
    the whole index; 100k cards: the first reviews 17 → 0.13 ms, the learning cards 6.6 →
    2.1 ms, their count 5.4 → 0.6 ms); a deck's or a concept's are found through its own
    index."""
    if scope.deck_id is None and not scope.concept:
        return f"{new_last_sql()} = 0 AND due < {due_before} AND +{state}"
    return f"{state} AND due < {due_before}"


def learning_due(s: Session, scope: Scope, due_before: int) -> list[tuple[int, int]]:
    """(due, id) of every (re)learning card due before ``due_before``: in every deck, the
    range of the scheduled cards due before then in ``ix_cards_by_due`` (covering,
    ``_due_range``); in a deck, its learning cards in ``ix_cards_deck_due``."""
    where, params = _studyable(scope)
    sql = f"SELECT due, id FROM {_cards(scope)} WHERE {_due_range(scope, _LEARN)} AND {where}"
    return [(int(d), int(i)) for d, i in _rows(s, sql, [due_before, *params])]


def first_reviews(s: Session, scope: Scope, due_before: int, limit: int) -> list[tuple[int, int]]:
    """(due, id) of the first ``limit`` review cards due before ``due_before``, by due."""
    where, params = _studyable(scope)
    sql = (
        f"SELECT due, id FROM {_cards(scope)} WHERE {_due_range(scope, f'state = {REVIEW}')} "
        f"AND {where} ORDER BY due, id LIMIT ?"
    )
    return [(int(d), int(i)) for d, i in _rows(s, sql, [due_before, *params, limit])]


def first_new_cards(s: Session, scope: Scope, limit: int) -> list[tuple[int, int]]:
    """(position, id) of the first ``limit`` new cards in the deck's order."""
    where, params = _studyable(scope)
    sql = (
        f"SELECT position, id FROM {_cards(scope)} WHERE state = {NEW} AND {where} "
        "ORDER BY position, id"
    )
    return [(int(p), int(i)) for p, i in _rows(s, sql + " LIMIT ?", [*params, limit])]


def ordered_new_cards(
    s: Session,
    scope: Scope,
    order: str,
    seeds: tuple[int, int],
    deck_ranks: dict[int, int],
    limit: int | None,
) -> list[tuple[int, int, int]]:
    """(order key, id, deck id) of the first ``limit`` (None: all) studyable new cards of
    ``scope`` in the order ``order`` (``core.study_queue.NEW_ORDERS``): the keys of
    ``core.study_queue.new_order_keys``, worked out and sorted by SQLite (a deck of 100k new
    cards hands Python only the first ones). ``deck_ranks``: a deck's place in the tree, the
    first part of a card's position key when a scope has several decks."""
    where, params = _studyable(scope)
    table = _cards(scope)
    if len(deck_ranks) > 1:
        whens = " ".join(f"WHEN {int(d)} THEN {int(r)}" for d, r in deck_ranks.items())
        pos = f"((CASE deck_id {whens} ELSE 0 END << {DECK_SHIFT}) + position)"
    else:
        pos = "position"
    tail = " LIMIT ?" if limit is not None else ""
    more = [limit] if limit is not None else []
    if order == "notes":
        sql = (f"SELECT {pos} AS k, id, deck_id FROM {table} WHERE state = {NEW} AND {where} "
               f"ORDER BY k, id{tail}")  # fmt: skip
        return [(int(k), int(i), int(d)) for k, i, d in _rows(s, sql, [*params, *more])]
    if order == "random":
        s1, s2 = seeds
        key = (f"(id * {RANDOM_A} + {int(s1)}) % {RANDOM_P} * "
               f"((id * {RANDOM_B} + {int(s2)}) % {RANDOM_P}) % {RANDOM_P}")  # fmt: skip
        sql = (f"SELECT {key} AS k, id, deck_id FROM {table} WHERE state = {NEW} AND {where} "
               f"ORDER BY k, id{tail}")  # fmt: skip
        return [(int(k), int(i), int(d)) for k, i, d in _rows(s, sql, [*params, *more])]
    first = _rows(
        s, f"SELECT kind, min({pos}) FROM {table} WHERE state = {NEW} AND {where} GROUP BY kind",
        params,
    )  # fmt: skip
    kinds = [k for k, _p in sorted(first, key=lambda r: (r[1], r[0]))]
    if not kinds:
        return []
    rank = " ".join("WHEN ? THEN " + str(i) for i in range(len(kinds)))
    sql = (
        f"SELECT (rn - 1) * {len(kinds)} + kr AS k, id, deck_id FROM (SELECT id, deck_id, "
        f"CASE kind {rank} END AS kr, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY {pos}, id) "
        f"AS rn FROM {table} WHERE state = {NEW} AND {where}) ORDER BY k, id{tail}"
    )
    return [(int(k), int(i), int(d)) for k, i, d in _rows(s, sql, [*kinds, *params, *more])]


def all_reviews(s: Session, scope: Scope, due_before: int) -> list[tuple[int, int, int]]:
    """(due, id, deck id) of every studyable review card of ``scope`` due before
    ``due_before`` (a custom study session has no limits)."""
    where, params = _studyable(scope)
    sql = (
        f"SELECT due, id, deck_id FROM {_cards(scope)} WHERE state = {REVIEW} AND due < ? "
        f"AND {where}"
    )
    return [(int(d), int(i), int(k)) for d, i, k in _rows(s, sql, [due_before, *params])]


def failed_since(s: Session, scope: Scope, since_ms: int) -> list[int]:
    """Ids of the studyable cards of ``scope`` answered Again since ``since_ms``."""
    where, params = _studyable(scope)
    sql = (
        f"SELECT id FROM cards WHERE state != {NEW} AND {where} AND id IN (SELECT card_id "
        "FROM revlog WHERE time_ms >= ? AND rating = 1 AND kind = 'review') ORDER BY id"
    )
    return [int(i) for (i,) in _rows(s, sql, [*params, since_ms])]


def studyable_states(
    s: Session | sqlite3.Connection, scope: Scope, card_ids: Sequence[int]
) -> dict[int, tuple[int, int, int, int]]:
    """id -> (state, due, position, deck id) of those of ``card_ids`` that are studyable in
    ``scope`` (not retired, suspended or buried; in the decks and concept subtree). ``s``: a
    session or the sqlite3 connection itself."""
    where, params = _studyable(scope)
    out: dict[int, tuple[int, int, int, int]] = {}
    for batch in id_batches(card_ids):
        marks = ", ".join("?" * len(batch))
        sql = (
            f"SELECT id, state, due, position, deck_id FROM cards WHERE id IN ({marks}) AND {where}"
        )
        for i, state, due, pos, deck in _rows(s, sql, [*batch, *params]):
            out[int(i)] = (int(state), int(due), int(pos), int(deck))
    return out


def studyable_per_deck(s: Session) -> dict[int, int]:
    """deck id -> its cards neither retired nor suspended."""
    sql = "SELECT deck_id, count(*) FROM cards WHERE retired = 0 AND suspended = 0 GROUP BY 1"
    return {int(d): int(n) for d, n in _rows(s, sql, [])}
