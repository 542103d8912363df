"""What is due: today's counts (limits applied), the next card to study and a card as the
review screen shows it.

The queue of the scope being studied (a deck with its subdecks or all, maybe a concept subtree,
maybe a custom study session) is built once
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
from datetime import datetime, timedelta
from typing import Any

from srsapp.core.errors import CollectionError, SchedulingError
from srsapp.core.model import CardState
from srsapp.core.study_queue import (
    DECK_SHIFT,
    NEW,
    NEW_ORDERS,
    REVIEW,
    DeckLimits,
    PracticeQueue,
    StudyQueue,
    day_seeds,
)
from srsapp.service.context import Context
from srsapp.service.reports import Changes, DeckCounts, ReviewCard
from srsapp.service.study.card_state import epoch, from_epoch
from srsapp.store import queries, study_rows
from srsapp.store import study_queries as q
from srsapp.store.handles import RawConnection, Session

_QUEUE = {
    CardState.NEW: "new",
    CardState.LEARNING: "learn",
    CardState.RELEARNING: "learn",
    CardState.REVIEW: "review",
}
_NEW = CardState.NEW  # (compared at every answer: a module global, no enum class look-up)
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
class Custom:
    """A custom study session (Anki's Custom Study) of a deck (with its subdecks) or a
    concept: ``ahead`` reviews the cards due in the next ``days`` days (real answers: the
    schedule takes the early review in, as Anki does); ``beyond`` studies every due card and
    every new card, today's limits aside; ``forgotten`` (a ``Practice``) goes over the cards
    answered Again in the last ``days`` days without touching their schedule."""

    kind: str  # ahead | beyond | forgotten
    days: int = 1

    def __post_init__(self) -> None:
        if self.kind not in CUSTOM_KINDS:
            raise CollectionError(f"custom study must be one of {', '.join(CUSTOM_KINDS)}")
        if not 1 <= self.days <= MAX_CUSTOM_DAYS:
            raise CollectionError(f"custom study: 1 to {MAX_CUSTOM_DAYS} days, not {self.days}")


CUSTOM_KINDS = ("ahead", "beyond", "forgotten")
MAX_EXTEND = 9999
MAX_CUSTOM_DAYS = 365


@dataclass(frozen=True)
class DeckForest:
    """The deck rows as Anki's tree: each deck's parent (the nearest deck row above it by its
    ``::`` name), the decks in tree order (a parent before its subdecks, by name)."""

    names: dict[int, str]
    parents: dict[int, int | None]
    order: tuple[int, ...]

    @classmethod
    def of(cls, decks: Sequence[tuple[int, str]]) -> DeckForest:
        names = dict(decks)
        by_name = {n: d for d, n in decks}
        parents: dict[int, int | None] = {}
        for did, name in decks:
            parts = name.split(SEP)
            parents[did] = next(
                (by_name[p] for cut in range(len(parts) - 1, 0, -1)
                 if (p := SEP.join(parts[:cut])) in by_name),
                None,
            )  # fmt: skip
        order = tuple(d for d, n in sorted(decks, key=lambda x: x[1].split(SEP)))
        return cls(names, parents, order)

    def subtree(self, deck_id: int) -> list[int]:
        """The deck and every deck under it, in tree order."""
        prefix = self.names[deck_id] + SEP
        return [d for d in self.order if d == deck_id or self.names[d].startswith(prefix)]


SEP = "::"


def day_limits(cfg: dict[str, Any], start_s: int) -> tuple[int, int]:
    """A deck's (new, review) limits today: its options plus today's custom study extension
    (``extend_new``/``extend_review`` for the day starting ``extend_day``)."""
    new, rev = int(cfg["new_per_day"]), int(cfg["reviews_per_day"])
    if int(cfg.get("extend_day") or 0) == start_s:
        new += int(cfg.get("extend_new") or 0)
        rev += int(cfg.get("extend_review") or 0)
    return new, rev


def new_order(cfg: dict[str, Any]) -> str:
    """A deck's new card order option (``NEW_ORDERS``; missing or unknown: the notes')."""
    order = cfg.get("new_order")
    return order if order in NEW_ORDERS else "notes"


def _deck_limits(
    forest: DeckForest,
    decks: Sequence[int],
    configs: dict[int, dict[str, Any]],
    done: dict[int, tuple[set[int], int]],
    start_s: int,
) -> DeckLimits:
    studied = set(decks)
    own: dict[int, tuple[set[int], int]] = {}
    for deck, (new_ids, reviews) in done.items():
        d: int | None = deck  # a deck below the studied ones counts in the nearest above it
        while d is not None and d not in studied:
            d = forest.parents.get(d)
        if d is not None:
            ids, n = own.get(d, (set(), 0))
            own[d] = (ids | new_ids, n + reviews)
    return DeckLimits(
        {d: day_limits(configs[d], start_s) for d in decks},
        {d: forest.parents.get(d) for d in decks},
        own,
    )


def _studied_decks(
    forest: DeckForest, deck_id: int | None, concept: Sequence[str] | None
) -> list[int]:
    """The decks a scope studies: a deck and its subdecks (a concept: its one deck), all."""
    if deck_id is None:
        return list(forest.order)
    if deck_id not in forest.names:
        raise CollectionError(f"no deck with id {deck_id}")
    return [deck_id] if concept else forest.subtree(deck_id)


def _capped_counts(
    limits: DeckLimits, own: dict[int, tuple[int, int, int]]
) -> dict[int, tuple[int, int, int]]:
    """deck -> (new, learn, review) that studying it gives: its own cards (``own``, each
    count already at most its own limit) and its subdecks', capped by its limit (Anki v3: the
    most a queue gathered under the nested limits can hold)."""
    out: dict[int, tuple[int, int, int]] = {}
    children: dict[int | None, list[int]] = {}
    for d in limits.days:
        children.setdefault(limits.parent[d], []).append(d)

    def walk(d: int) -> tuple[int, int, int]:
        new, learn, rev = own.get(d, (0, 0, 0))
        for child in children.get(d, []):
            n, l_, r = walk(child)
            new, learn, rev = new + n, learn + l_, rev + r
        day = limits.days[d]
        out[d] = (min(new, day.new_left()), learn, min(rev, day.reviews_left()))
        return out[d]

    for root in limits.roots:
        walk(root)
    return out


def counts(
    ctx: Context, now: datetime, deck_id: int | None = None, concept: Sequence[str] | None = None
) -> tuple[int, int, int]:
    """(new, learn, review) still to do today, limits applied (counted in the database)."""
    start, _end = ctx.day_bounds(now)
    with ctx.db.reading() as s:
        configs = ctx.deck_configs(s)
        done = q.answered_since(s, _ms(start))
        forest = DeckForest.of(q.deck_names(s))
        return _counts_in(ctx, s, now, deck_id, concept, forest, configs, done)


def _counts_in(
    ctx: Context,
    s: Session,
    now: datetime,
    deck_id: int | None,
    concept: Sequence[str] | None,
    forest: DeckForest,
    configs: dict[int, dict[str, Any]],
    done: dict[int, tuple[set[int], int]],
) -> tuple[int, int, int]:
    """Counting each deck stops at its own limit (``study_queries.due_counts``); the tree
    caps the sums (``_capped_counts``)."""
    start, end = ctx.day_bounds(now)
    decks = _studied_decks(forest, deck_id, concept)
    limits = _deck_limits(forest, decks, configs, done, epoch(start))
    own = {
        d: q.due_counts(
            s, q.Scope(d, concept, epoch(now)), epoch(end),
            limits.days[d].new_left(), limits.days[d].reviews_left(),
        )
        for d in decks
    }  # fmt: skip
    capped = _capped_counts(limits, own)
    roots = [deck_id] if deck_id is not None else list(limits.roots)
    return (
        sum(capped[r][0] for r in roots),
        sum(capped[r][1] for r in roots),
        sum(capped[r][2] for r in roots),
    )


def _ms(start: datetime) -> int:
    return int(start.timestamp() * 1000)


# (commit count, day start), the decks' options, the day's answers per deck, the deck tree
_DayCache = tuple[
    tuple[int, datetime],
    dict[int, dict[str, Any]],
    dict[int, tuple[set[int], int]],
    DeckForest,
]


def _scope_key(
    deck_id: int | None, concept: Sequence[str] | None, custom: Custom | None = None
) -> tuple[Any, ...]:
    return (deck_id, tuple(concept) if concept else None, custom)


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
        self._order = "notes"  # the new card order of the queue built
        self._several = False  # it studies several decks (new cards keyed by deck first)
        self._commits = -1  # the database's commit count the queue is right for
        self._day_cache: _DayCache | None = None
        # a custom session's answered cards: not gathered again when it is read again
        self._custom_done: list[int] = []
        ctx.on_replaced(self._forget)

    def _forget(self) -> None:
        self._since_new = 0
        self._day_cache = None
        self._since_new_before.clear()
        self._built = None

    # ---- the session's queue

    def session_queue(
        self,
        now: datetime,
        deck_id: int | None = None,
        concept: Sequence[str] | None = None,
        custom: Custom | None = None,
    ) -> StudyQueue:
        """The queue ``next_card`` picks from (built now if it is not up to date)."""
        return self._current(now, deck_id, concept, custom)

    def _current(
        self,
        now: datetime,
        deck_id: int | None,
        concept: Sequence[str] | None,
        custom: Custom | None = None,
    ) -> StudyQueue:
        built = self._built
        key = _scope_key(deck_id, concept, custom)
        if (
            built is None
            or self._commits != self._ctx.db.commits
            or self._key != key
            or not built.covers(epoch(now))
            or built.needs_rebuild()
        ):
            if self._key != key:
                self._custom_done = []
            built = self._build(now, deck_id, concept, custom)
        return built

    def _build(
        self,
        now: datetime,
        deck_id: int | None,
        concept: Sequence[str] | None,
        custom: Custom | None = None,
    ) -> StudyQueue:
        ctx = self._ctx
        start, end = ctx.day_bounds(now)
        start_s, end_s = epoch(start), epoch(end)
        ahead_s = 60 * int(ctx.settings()["learn_ahead_min"])
        concept = tuple(concept) if concept else None
        self._built = None
        commits = ctx.db.commits
        with ctx.db.reading() as s:
            configs, done, forest = self._day_answers(s, start)
            decks = _studied_decks(forest, deck_id, concept)
            rank = {d: i for i, d in enumerate(forest.order)}
            subdecks = tuple(d for d in decks if d != deck_id) if deck_id is not None else ()
            scope = q.Scope(deck_id, concept, epoch(now), subdecks)
            order = new_order(configs[deck_id]) if deck_id is not None else "notes"
            limits = (
                None if custom is not None
                else _deck_limits(forest, decks, configs, done, start_s)
            )  # fmt: skip
            deck_of: dict[int, int] = {}
            reviews: list[tuple[int, int]] = []
            new: list[tuple[int, int]] = []
            reviews_cut: dict[int, tuple[int, int]] = {}
            new_cut: dict[int, tuple[int, int]] = {}
            learning = q.learning_due(s, scope, end_s + ahead_s)
            if limits is None:
                assert custom is not None
                horizon = end_s + 86400 * custom.days if custom.kind == "ahead" else end_s
                skip = set(self._custom_done)
                for due, cid, deck in q.all_reviews(s, scope, horizon):
                    if cid not in skip:
                        reviews.append((due, cid))
                        deck_of[cid] = deck
            else:
                for d in decks:
                    room = limits.room(d, REVIEW)
                    if not room:
                        reviews_cut[d] = (-1, -1)  # none read: read when it has room again
                        continue
                    rows = q.first_reviews(s, q.Scope(d, concept, epoch(now)), end_s, room + SPARE)
                    reviews += rows
                    deck_of.update((cid, d) for _due, cid in rows)
                    if len(rows) >= room + SPARE:
                        reviews_cut[d] = rows[-1]
            if custom is None or custom.kind == "beyond":
                new, new_cut = self._new_cards(
                    s, scope, decks, limits, order, rank, deck_of, f"{deck_id}:{start_s}"
                )
            new_keys = dict((cid, (k, cid)) for k, cid in new) if order != "notes" else {}
            built = StudyQueue(
                start_s=start_s,
                end_s=end_s,
                ahead_s=ahead_s,
                learning=learning,
                reviews=reviews,
                new=new,
                decks=deck_of,
                limits=limits,
                reviews_cut=reviews_cut,
                new_cut=new_cut,
                new_keys=new_keys,
            )
        self._built, self._key, self._scope = built, _scope_key(deck_id, concept, custom), scope
        self._order, self._several = order, len(decks) > 1
        self._commits = commits
        return built

    def _new_cards(
        self,
        s: Session,
        scope: q.Scope,
        decks: Sequence[int],
        limits: DeckLimits | None,
        order: str,
        rank: dict[int, int],
        deck_of: dict[int, int],
        seed: str,
    ) -> tuple[list[tuple[int, int]], dict[int, tuple[int, int]]]:
        """The new cards a queue holds, keyed in the deck's new card order (a deck's place in
        the tree first, as Anki gathers a deck before its subdecks), and the decks not read
        to the end (their last key)."""
        cut: dict[int, tuple[int, int]] = {}
        seeds = day_seeds(seed) if order == "random" else (0, 0)
        if limits is None:  # a custom session: every new card of the scope
            ranks = {d: rank[d] for d in decks} if len(decks) > 1 else {}
            rows = q.ordered_new_cards(s, scope, order, seeds, ranks, None)
            deck_of.update((cid, d) for _k, cid, d in rows)
            return [(k, cid) for k, cid, _d in rows], cut
        new: list[tuple[int, int]] = []
        for d in decks:  # each deck's first cards in the order, as many as it may give
            room = limits.room(d, NEW)
            if not room:
                cut[d] = (-1, -1)
                continue
            one = q.Scope(d, scope.concept, scope.now_s)
            if order == "notes":  # a deck before its subdecks (Anki's gather order)
                base = rank[d] << DECK_SHIFT if len(decks) > 1 else 0
                first = [(base + p, cid) for p, cid in q.first_new_cards(s, one, room + SPARE)]
            else:  # shuffled or kinds in turn: the subdecks' cards mixed in
                first = [(k, cid) for k, cid, _d in
                         q.ordered_new_cards(s, one, order, seeds, {}, room + SPARE)]  # fmt: skip
            new += first
            deck_of.update((cid, d) for _k, cid in first)
            if len(first) >= room + SPARE:
                cut[d] = first[-1]
        return new, cut

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

    def answered(
        self,
        commits_before: int,
        card_id: int,
        deck_id: int,
        state_before: int,
        state: int,
        due: int,
        studyable: bool,
        buried: tuple[int, ...],
    ) -> None:
        """The card ``card_id`` of ``deck_id`` was answered (in the transaction that followed
        ``commits_before``) in ``state_before``, which made it ``state``, due at ``due``;
        ``studyable``: neither suspended (a leech) nor buried; ``buried``: the siblings buried
        with it. (Arguments, not a named tuple of them: one made at every answer costs
        ≈ 3.4k instructions.)"""
        before = self._since_new_before
        before.append(self._since_new)
        if len(before) > UNDO_DEPTH:
            del before[0]
        self._since_new = 0 if state_before == _NEW else self._since_new + 1
        if len(self._key) == 3 and self._key[2] is not None:
            self._custom_done.append(card_id)  # a custom session gathers it no more
        built = self._own_write(commits_before)
        if built is None:
            return
        if not built.answered(card_id, deck_id, state_before, state, due, studyable):
            self._built = None  # answered from outside the queue: its scope is unknown
            return
        for sibling in buried:
            built.remove(sibling)

    def answer_undone(self, card_id: int | None = None) -> None:
        """The last answer was undone: the mix of new and review cards is as before it (so
        the card it took comes first again, when it is still the one to study); a custom
        session may gather the card again."""
        if self._since_new_before:
            self._since_new = self._since_new_before.pop()
        if card_id in self._custom_done:
            self._custom_done.remove(card_id)
            self._built = None  # gathered again (its due may now lie outside today)

    def unchanged(self, commits_before: int) -> None:
        """A transaction that changed nothing the queue holds (a flag, an edited text)."""
        self._own_write(commits_before)

    def cards_changed(
        self,
        commits_before: int,
        card_ids: Sequence[int],
        *,
        answers: bool = False,
        undone: tuple[int, int, str, int] | None = None,
    ) -> None:
        """Cards were buried, suspended, reset or put back by an undo (``answers``: review-log
        rows were added or removed too): read those cards (and today's answers) again.
        ``undone``: the one row removed was the answer to ``card_ids[0]`` given back by an
        undo (``study_rows.answer_row``): it is taken out of the day's counts instead of
        reading every answer of the day again (0.3 ms after 200 answers at 100k cards)."""
        built = self._own_write(commits_before)
        if built is None:
            return
        if len(card_ids) > REFRESH_MAX:
            self._built = None
            return
        several = self._several
        forest = None
        if several:  # a new card's place counts its deck's place in the tree
            with self._ctx.db.reading() as s:
                states = q.studyable_states(s, self._scope, card_ids)
                if answers:
                    _count_again(built, s, card_ids[0], undone)
                forest = self._day_answers(s, self._day_start())[2]
        else:  # an undo's hot path: on the sqlite3 connection itself, no ORM session
            with self._ctx.db.raw_reading() as conn:
                states = q.studyable_states(conn, self._scope, card_ids)
                if answers:
                    _count_again(built, conn, card_ids[0], undone)
        ranks = {d: i for i, d in enumerate(forest.order)} if forest is not None else {}
        for card_id in card_ids:
            if card_id not in states:
                built.remove(card_id)
                continue
            state, due, position, deck = states[card_id]
            if state == CardState.NEW and self._order != "notes" and not built.knows(card_id):
                self._built = None  # a card new again, not in the day's shuffle: read again
                return
            if state == CardState.NEW and several:
                position += ranks.get(deck, 0) << DECK_SHIFT
            built.place(card_id, state, due, position, deck)

    def _day_start(self) -> datetime:
        built = self._built
        assert built is not None
        start = from_epoch(built.start_s)
        assert start is not None
        return start

    # ---- reading

    def counts(
        self,
        now: datetime,
        deck_id: int | None = None,
        concept: Sequence[str] | None = None,
        custom: Custom | None = None,
    ) -> tuple[int, int, int]:
        """(new, learn, review) still to do today, limits applied: from the session's queue
        when it is the one asked for and up to date, else counted in the database (a custom
        session: always its queue)."""
        built = self._built
        if custom is not None:
            return self._current(now, deck_id, concept, custom).counts()
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
            configs, done, forest = self._day_answers(s, start)
            return _counts_in(ctx, s, now, deck_id, concept, forest, configs, done)

    def _day_answers(
        self, s: Session, start: datetime
    ) -> tuple[dict[int, dict[str, Any]], dict[int, tuple[set[int], int]], DeckForest]:
        """The decks' options, the day's answers per deck and the deck tree, read once while
        nothing is written (a deck tree counts every subdeck in a row)."""
        key = (self._ctx.db.commits, start)
        if self._day_cache is None or self._day_cache[0] != key:
            done = q.answered_since(s, _ms(start))
            forest = DeckForest.of(q.deck_names(s))
            self._day_cache = (key, self._ctx.deck_configs(s), done, forest)
        return self._day_cache[1], self._day_cache[2], self._day_cache[3]

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
            configs, done, forest = self._day_answers(s, start)
            days = {d: _deck_limits(forest, [d], configs, done, epoch(start)).days[d]
                    for d in deck_ids}  # fmt: skip
            limits = {d: (x.new_left(), x.reviews_left()) for d, x in days.items()}
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
            and self._key[2:] == (None,)  # not a custom session
            and self._key[:2] in out
            and self._commits == ctx.db.commits
            and built.covers(epoch(now))
            and not built.needs_rebuild()
        ):
            out[self._key[:2]] = built.counts()  # the session's own scope, as it studies it
        return out

    def deck_counts(self, now: datetime) -> list[DeckCounts]:
        """Every deck's counts as studying it shows them (its subdecks' cards in, Anki's
        limits applied) and its cards (its subdecks' too)."""
        start, end = self._ctx.day_bounds(now)
        with self._ctx.db.reading() as s:
            totals = q.studyable_per_deck(s)
            configs, done, forest = self._day_answers(s, start)
            limits = _deck_limits(forest, forest.order, configs, done, epoch(start))
            own = {
                d: q.due_counts(
                    s, q.Scope(d, None, epoch(now)), epoch(end),
                    limits.days[d].new_left(), limits.days[d].reviews_left(),
                )
                for d in forest.order
            }  # fmt: skip
        capped = _capped_counts(limits, own)
        in_tree: dict[int, int] = {}  # cards of a deck and every deck under it
        for did in forest.order:
            for d in limits.chain[did]:
                in_tree[d] = in_tree.get(d, 0) + int(totals.get(did, 0))
        return [
            DeckCounts(did, name, *capped[did], in_tree.get(did, 0))
            for did, name in sorted(forest.names.items(), key=lambda x: x[1])
        ]

    def next_card(
        self,
        now: datetime,
        deck_id: int | None = None,
        concept: Sequence[str] | None = None,
        custom: Custom | None = None,
    ) -> ReviewCard | None:
        """The next card to study: due learning cards, then reviews mixed with new cards,
        then learning cards inside the learn-ahead window; ``None`` when done for today."""
        card_id = self.next_card_id(now, deck_id, concept, custom)
        return None if card_id is None else self.card(card_id)

    def next_card_id(
        self,
        now: datetime,
        deck_id: int | None = None,
        concept: Sequence[str] | None = None,
        custom: Custom | None = None,
    ) -> int | None:
        """The id of the card ``next_card`` gives (``None``: done for today)."""
        return self._current(now, deck_id, concept, custom).pick(epoch(now), self._since_new)

    def unseen(self, now: datetime, deck_id: int, concept: Sequence[str] | None = None) -> int:
        """The new cards of a deck (and its subdecks) or concept, today's limits aside (the
        done screen says when custom study can show more)."""
        with self._ctx.db.reading() as s:
            _configs, _done, forest = self._day_answers(s, self._ctx.day_bounds(now)[0])
            decks = _studied_decks(forest, deck_id, concept)
            scope = q.Scope(deck_id, tuple(concept) if concept else None, epoch(now),
                            tuple(d for d in decks if d != deck_id))  # fmt: skip
            return q.due_counts(s, scope, 0, -1, 0)[0]

    def extend_limits(self, deck_id: int, now: datetime, new: int, review: int) -> Changes:
        """Raise today's limits of ``deck_id`` and of the decks above it (so that studying
        one of them takes the extra cards in, as Anki extends them) by ``new`` new cards and
        ``review`` reviews; a later day has its usual limits again."""
        if new < 0 or review < 0 or new + review == 0 or max(new, review) > MAX_EXTEND:
            raise CollectionError(f"raise today's limit by 1 to {MAX_EXTEND} cards")
        start, _end = self._ctx.day_bounds(now)
        start_s = epoch(start)
        with self._ctx.db.transaction() as s:
            forest = DeckForest.of(q.deck_names(s))
            if deck_id not in forest.names:
                raise CollectionError(f"no deck with id {deck_id}")
            chain: list[int] = []
            d: int | None = deck_id
            while d is not None and d not in chain:
                chain.append(d)
                d = forest.parents.get(d)
            for did in chain:
                cfg = queries.deck_config(s, did) or {}
                same_day = int(cfg.get("extend_day") or 0) == start_s
                extra = {
                    "extend_day": start_s,
                    "extend_new": (int(cfg.get("extend_new") or 0) if same_day else 0) + new,
                    "extend_review": (int(cfg.get("extend_review") or 0) if same_day else 0)
                    + review,
                }
                queries.store_deck_config(s, did, {**cfg, **extra})
        return Changes(decks=True, study_queue=True, count=new + review)

    def practice(
        self, now: datetime, deck_id: int, concept: Sequence[str] | None, days: int
    ) -> PracticeQueue:
        """A session over the cards of the deck (and its subdecks) or concept answered Again
        in the last ``days`` study days (today included), shuffled for the day; it changes
        no schedule (Anki's "review forgotten cards")."""
        Custom("forgotten", days)  # checks the days
        ctx = self._ctx
        start, _end = ctx.day_bounds(now)
        since = start - timedelta(days=days - 1)
        with ctx.db.reading() as s:
            _configs, _done, forest = self._day_answers(s, start)
            decks = _studied_decks(forest, deck_id, concept)
            scope = q.Scope(deck_id, tuple(concept) if concept else None, epoch(now),
                            tuple(d for d in decks if d != deck_id))  # fmt: skip
            ids = q.failed_since(s, scope, _ms(since))
        return PracticeQueue(ids, f"{deck_id}:{epoch(start)}")

    def card(self, card_id: int) -> ReviewCard:
        with self._ctx.db.raw_reading() as conn:
            row = study_rows.review_card_row(conn, card_id)
        if row is None:
            raise SchedulingError(f"no card with id {card_id}")
        return review_card(row)


def _count_again(
    built: StudyQueue,
    s: Session | RawConnection,
    card_id: int,
    undone: tuple[int, int, str, int] | None,
) -> None:
    """The day's answers counted again after review-log rows went: the undone answer to
    ``card_id`` (``undone``: its time in ms, state before, kind and deck) taken out of the
    counts, or (None) every answer of the day read again."""
    start_ms = built.start_s * 1000
    if undone is None:
        built.set_done(q.answered_since(s, start_ms))
        return
    time_ms, state_before, kind, deck_id = undone
    if time_ms < start_ms or kind != "review":
        return  # not among the day's answers (``answered_since``'s rows)
    still_new = state_before == CardState.NEW and q.introduced_since(s, card_id, start_ms)
    built.unanswered(card_id, deck_id, state_before, still_new)
