"""What is due: today's counts (limits applied), the next card to study and a card as the
review screen shows it.

The queue of the scope being studied (a deck or all, maybe a concept subtree) is built once
(``core.study_queue``) and kept in memory while it is right: the answers, undos, buries and
suspensions made here tell it what they changed; any other write to the collection (an
import, a notes sync, a repair, the browser, new settings or deck options) is seen by the
database's commit count and makes it read again, as does a new study day. So the next card
after an answer costs one read of that card, not a query of the whole queue.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from srsapp.core.errors import CollectionError, SchedulingError
from srsapp.core.model import CardState
from srsapp.core.study_queue import DayLimits, StudyQueue
from srsapp.service.context import Context
from srsapp.service.reports import DeckCounts, ReviewCard
from srsapp.service.study.card_state import epoch
from srsapp.store import queries, study_rows
from srsapp.store import study_queries as q

_QUEUE = {
    CardState.NEW: "new",
    CardState.LEARNING: "learn",
    CardState.RELEARNING: "learn",
    CardState.REVIEW: "review",
}
# cards read beyond the day's limits, so that burying or suspending a few needs no new read
SPARE = 50
# answers whose undo puts back the mix of new and review cards (the undo history's depth)
UNDO_DEPTH = 30
# a change to more cards than this is read as a new queue, not card by card
REFRESH_MAX = 500


def review_card(row: dict[str, Any]) -> ReviewCard:
    """A card as the review screen shows it, from ``study_rows.review_card_row``."""
    state = CardState(row["state"])
    path = row["concept_path"]
    return ReviewCard(
        id=row["id"],
        deck_id=row["deck_id"],
        kind=row["kind"],
        front=row["front"],
        back=row["back"],
        concept=tuple(json.loads(path)) if path is not None else (),
        state=state,
        extra=json.loads(row["extra"] or "{}"),
        source_line=row["source_line"],
        source_end=row["source_end"],
        flag=row["flag"],
        queue=_QUEUE[state],
    )


@dataclass(frozen=True)
class Answered:
    """What an answer changed, as the queue needs it."""

    card_id: int
    deck_id: int
    state_before: int
    state: int
    due: int
    studyable: bool  # neither suspended (a leech) nor buried
    buried: tuple[int, ...]  # siblings buried with it


def _limits(
    ctx: Context,
    s: Session,
    start: datetime,
    deck_id: int | None,
    configs: dict[int, dict[str, Any]] | None = None,
    done: dict[int, tuple[int, int]] | None = None,
) -> tuple[int, int]:
    """Remaining (new, review) allowances for today (summed over decks when ``deck_id``
    is None). One query for the decks' settings and one for the day's answers."""
    configs = ctx.deck_configs(s) if configs is None else configs
    done = q.answers_per_deck_since(s, _ms(start)) if done is None else done
    if deck_id is not None and deck_id not in configs:
        raise CollectionError(f"no deck with id {deck_id}")
    new_left = rev_left = 0
    for did in [deck_id] if deck_id is not None else list(configs):
        cfg = configs[did]
        new_done, rev_done = done.get(did, (0, 0))
        new_left += max(0, int(cfg["new_per_day"]) - new_done)
        rev_left += max(0, int(cfg["reviews_per_day"]) - rev_done)
    return new_left, rev_left


def counts(
    ctx: Context, now: datetime, deck_id: int | None = None, concept: Sequence[str] | None = None
) -> tuple[int, int, int]:
    """(new, learn, review) still to do today, limits applied."""
    start, _end = ctx.day_bounds(now)
    with ctx.db.reading() as s:
        new_left, rev_left = _limits(ctx, s, start, deck_id)
        return _counts_in(ctx, s, now, deck_id, concept, new_left, rev_left)


def _counts_in(
    ctx: Context,
    s: Session,
    now: datetime,
    deck_id: int | None,
    concept: Sequence[str] | None,
    new_left: int,
    rev_left: int,
) -> tuple[int, int, int]:
    """Counting stops at the day's limits (``study_queries.due_counts``)."""
    _start, end = ctx.day_bounds(now)
    scope = q.Scope(deck_id, concept, epoch(now))
    return q.due_counts(s, scope, epoch(end), new_left, rev_left)


def _ms(start: datetime) -> int:
    return int(start.timestamp() * 1000)


# (commit count, day start), the decks' options, the day's answers per deck
_DayCache = tuple[tuple[int, datetime], dict[int, dict[str, Any]], dict[int, tuple[int, int]]]


def _scope_key(deck_id: int | None, concept: Sequence[str] | None) -> tuple[Any, ...]:
    return (deck_id, tuple(concept) if concept else None)


class Queue:
    """Today's queue of an open collection. It remembers how many reviews were shown since
    the last new card, to mix new cards in among the reviews."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._since_new = 0
        self._since_new_before: list[int] = []  # before each answer (undone: put back)
        self._built: StudyQueue | None = None
        self._key: tuple[Any, ...] = ()
        self._scope = q.Scope(None, None, 0)
        self._commits = -1  # the database's commit count the queue is right for
        self._day_cache: _DayCache | None = None
        ctx.on_replaced(self._forget)

    def _forget(self) -> None:
        self._since_new = 0
        self._day_cache = None
        self._since_new_before.clear()
        self._built = None

    # ---- the session's queue

    def session_queue(
        self, now: datetime, deck_id: int | None = None, concept: Sequence[str] | None = None
    ) -> StudyQueue:
        """The queue ``next_card`` picks from (built now if it is not up to date)."""
        return self._current(now, deck_id, concept)

    def _current(
        self, now: datetime, deck_id: int | None, concept: Sequence[str] | None
    ) -> StudyQueue:
        built = self._built
        if (
            built is None
            or self._commits != self._ctx.db.commits
            or self._key != _scope_key(deck_id, concept)
            or not built.covers(epoch(now))
            or built.needs_rebuild()
        ):
            built = self._build(now, deck_id, concept)
        return built

    def _build(
        self, now: datetime, deck_id: int | None, concept: Sequence[str] | None
    ) -> StudyQueue:
        ctx = self._ctx
        start, end = ctx.day_bounds(now)
        end_s = epoch(end)
        ahead_s = 60 * int(ctx.settings()["learn_ahead_min"])
        scope = q.Scope(deck_id, tuple(concept) if concept else None, epoch(now))
        self._built = None
        commits = ctx.db.commits
        with ctx.db.reading() as s:
            configs = ctx.deck_configs(s)
            if deck_id is not None and deck_id not in configs:
                raise CollectionError(f"no deck with id {deck_id}")
            done = q.answered_since(s, _ms(start))
            limits = {
                did: DayLimits(
                    int(configs[did]["new_per_day"]),
                    int(configs[did]["reviews_per_day"]),
                    set(done.get(did, (set(), 0))[0]),
                    done.get(did, (set(), 0))[1],
                )
                for did in ([deck_id] if deck_id is not None else list(configs))
            }
            new_left = sum(x.new_left() for x in limits.values())
            rev_left = sum(x.reviews_left() for x in limits.values())
            reviews = q.first_reviews(s, scope, end_s, rev_left + SPARE) if rev_left else []
            new = q.first_new_cards(s, scope, new_left + SPARE) if new_left else []
            built = StudyQueue(
                start_s=epoch(start),
                end_s=end_s,
                ahead_s=ahead_s,
                learning=q.learning_due(s, scope, end_s + ahead_s),
                reviews=reviews,
                reviews_complete=rev_left > 0 and len(reviews) < rev_left + SPARE,
                new=new,
                new_complete=new_left > 0 and len(new) < new_left + SPARE,
                limits=limits,
            )
        self._built, self._key, self._scope = built, _scope_key(deck_id, concept), scope
        self._commits = commits
        return built

    def _own_write(self, commits_before: int) -> StudyQueue | None:
        """After one transaction of this study session: the queue to bring up to date, or
        None when there is none or it missed another write (it is read again when next
        needed)."""
        built, db = self._built, self._ctx.db
        if built is None or self._commits != commits_before or db.commits != commits_before + 1:
            self._built = None
            return None
        self._commits = db.commits
        return built

    def answered(self, commits_before: int, a: Answered) -> None:
        """A card was answered (in the transaction that followed ``commits_before``)."""
        self._since_new_before = [*self._since_new_before[-UNDO_DEPTH + 1 :], self._since_new]
        self._since_new = 0 if a.state_before == CardState.NEW else self._since_new + 1
        built = self._own_write(commits_before)
        if built is None:
            return
        if a.card_id not in built:  # answered from outside the queue: its scope is unknown
            self._built = None
            return
        built.answered(a.card_id, a.deck_id, a.state_before)
        if a.studyable:
            built.place(a.card_id, a.state, a.due, 0)  # an answered card is never new
        else:
            built.remove(a.card_id)
        for sibling in a.buried:
            built.remove(sibling)

    def answer_undone(self) -> None:
        """The last answer was undone: the mix of new and review cards is as before it (so
        the card it took comes first again, when it is still the one to study)."""
        if self._since_new_before:
            self._since_new = self._since_new_before.pop()

    def unchanged(self, commits_before: int) -> None:
        """A transaction that changed nothing the queue holds (a flag, an edited text)."""
        self._own_write(commits_before)

    def cards_changed(
        self, commits_before: int, card_ids: Sequence[int], *, answers: bool = False
    ) -> None:
        """Cards were buried, suspended, reset or put back by an undo (``answers``: review-log
        rows were added or removed too): read those cards (and today's answers) again."""
        built = self._own_write(commits_before)
        if built is None:
            return
        if len(card_ids) > REFRESH_MAX:
            self._built = None
            return
        with self._ctx.db.reading() as s:
            states = q.studyable_states(s, self._scope, card_ids)
            if answers:
                built.set_done(q.answered_since(s, built.start_s * 1000))
        for card_id in card_ids:
            if card_id in states:
                built.place(card_id, *states[card_id])
            else:
                built.remove(card_id)

    # ---- reading

    def counts(
        self, now: datetime, deck_id: int | None = None, concept: Sequence[str] | None = None
    ) -> tuple[int, int, int]:
        """(new, learn, review) still to do today, limits applied: from the session's queue
        when it is the one asked for and up to date, else counted in the database."""
        built = self._built
        if (
            built is not None
            and self._commits == self._ctx.db.commits
            and self._key == _scope_key(deck_id, concept)
            and built.covers(epoch(now))
            and not built.needs_rebuild()
        ):
            return built.counts()
        ctx = self._ctx
        start, _end = ctx.day_bounds(now)
        with ctx.db.reading() as s:
            configs, done = self._day_answers(s, start)
            new_left, rev_left = _limits(ctx, s, start, deck_id, configs, done)
            return _counts_in(ctx, s, now, deck_id, concept, new_left, rev_left)

    def _day_answers(
        self, s: Session, start: datetime
    ) -> tuple[dict[int, dict[str, Any]], dict[int, tuple[int, int]]]:
        """The decks' options and the day's answers per deck, read once while nothing is
        written (a deck tree counts every subdeck in a row)."""
        key = (self._ctx.db.commits, start)
        if self._day_cache is None or self._day_cache[0] != key:
            done = q.answers_per_deck_since(s, _ms(start))
            self._day_cache = (key, self._ctx.deck_configs(s), done)
        return self._day_cache[1], self._day_cache[2]

    def subdeck_counts(
        self, now: datetime, deck_ids: Sequence[int]
    ) -> dict[tuple[int, tuple[str, ...]], tuple[int, int, int]]:
        """(deck id, concept path) -> what ``counts(now, deck_id, path)`` gives, for every
        concept path (and every path leading to one) of ``deck_ids``: a deck tree's imported
        subdecks counted by one query, each path's subtree summed here and the deck's limits
        applied (a path without studyable cards is left out: its counts are 0)."""
        ctx = self._ctx
        start, end = ctx.day_bounds(now)
        sums: dict[tuple[int, tuple[str, ...]], tuple[int, int, int]] = {}
        with ctx.db.reading() as s:
            configs, done = self._day_answers(s, start)
            limits = {d: _limits(ctx, s, start, d, configs, done) for d in deck_ids}
            rows = q.due_per_concept(s, deck_ids, epoch(now), epoch(end))
        for deck_id, path, new, learn, review in rows:
            for i in range(1, len(path) + 1):
                key = (deck_id, path[:i])
                t = sums.get(key)
                sums[key] = (
                    (new, learn, review) if t is None else (t[0] + new, t[1] + learn, t[2] + review)
                )
        out = {
            key: (min(new, limits[key[0]][0]), learn, min(review, limits[key[0]][1]))
            for key, (new, learn, review) in sums.items()
        }
        built = self._built
        if (
            built is not None
            and self._key in out
            and self._commits == ctx.db.commits
            and built.covers(epoch(now))
            and not built.needs_rebuild()
        ):
            out[self._key] = built.counts()  # the session's own scope, as it studies it
        return out

    def deck_counts(self, now: datetime) -> list[DeckCounts]:
        start, _end = self._ctx.day_bounds(now)
        out = []
        with self._ctx.db.reading() as s:
            totals = q.studyable_per_deck(s)
            configs, done = self._ctx.deck_configs(s), q.answers_per_deck_since(s, _ms(start))
            for did, name in queries.decks(s):
                new_left, rev_left = _limits(self._ctx, s, start, did, configs, done)
                new, learn, review = _counts_in(self._ctx, s, now, did, None, new_left, rev_left)
                out.append(DeckCounts(did, name, new, learn, review, int(totals.get(did, 0))))
        return out

    def next_card(
        self,
        now: datetime,
        deck_id: int | None = None,
        concept: Sequence[str] | None = None,
    ) -> ReviewCard | None:
        """The next card to study: due learning cards, then reviews mixed with new cards,
        then learning cards inside the learn-ahead window; ``None`` when done for today."""
        card_id = self._current(now, deck_id, concept).pick(epoch(now), self._since_new)
        return None if card_id is None else self.card(card_id)

    def card(self, card_id: int) -> ReviewCard:
        with self._ctx.db.raw_reading() as conn:
            row = study_rows.review_card_row(conn, card_id)
        if row is None:
            raise SchedulingError(f"no card with id {card_id}")
        return review_card(row)
