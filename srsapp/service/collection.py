"""The service layer: one ``Collection`` that the GUI, the CLI, tests and benchmarks use.

Every mutating operation is one transaction and returns what it changed.
The clock is passed in (``now``: a tz-aware datetime) on every call that
depends on it; randomness (interval fuzz) comes from the ``rng`` handed to
``open``.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Row, delete, func, or_, select, update

from srsapp.core import days
from srsapp.core.errors import CollectionError, SchedulingError, SrsError
from srsapp.core.model import CardState, GeneratedDeck, Rating
from srsapp.core.scheduler import SchedState, Scheduler, SchedulerConfig, format_interval
from srsapp.core.text import html_to_text
from srsapp.service.paths import bundled_decks_dir, local_timezone_name, resolve_data_dir
from srsapp.store.db import Database
from srsapp.store.lock import CollectionLock
from srsapp.store.models import Card, Concept, Deck, Meta, Review, Setting, Source

DB_NAME = "collection.sqlite"
DEFAULT_DECK_CONFIG: dict[str, Any] = {
    "new_per_day": 20,
    "reviews_per_day": 200,
    "desired_retention": 0.9,
}
DEFAULT_SETTINGS: dict[str, Any] = {
    "timezone": None,  # None: the machine's zone at open time
    "day_start_hour": 4,
    "learning_steps_min": [1, 10],
    "relearning_steps_min": [10],
    "maximum_interval": 36500,
    "fsrs_parameters": None,  # None: FSRS-6 defaults
    "leech_threshold": 8,
    "leech_action": "tag",  # tag | suspend
    "learn_ahead_min": 20,
    "bury_siblings": True,
    "ui_language": None,  # None: from the system locale (ko or en)
    "theme": "system",  # system | light | dark
    "card_font_size": 20,
}
UNDO_DEPTH = 30

_C = Card.__table__.c
_R = Review.__table__.c
_SCHED_COLUMNS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "leech",
    "suspended",
    "buried_until",
    "modified",
)


def _epoch(dt: datetime) -> int:
    return int(dt.timestamp())


def _interval_before(card: Card) -> int:
    """The interval a review card is on (due - last review, s) for ``revlog.last_interval_s``;
    0 for new and (re)learning cards."""
    if card.state != CardState.REVIEW or card.last_review is None:
        return 0
    return max(0, int(card.due) - int(card.last_review))


def _from_epoch(sec: int | None) -> datetime | None:
    return None if sec is None else datetime.fromtimestamp(sec, UTC)


def path_json(path: Sequence[str]) -> str:
    return json.dumps(list(path), ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class RetiredCard:
    """A card a notes sync retired: where it was (the heading path) and what it asked."""

    concept: str  # heading path, " › " between levels
    anchor: str
    kind: str

    def as_dict(self) -> dict[str, str]:
        return {"concept": self.concept, "anchor": self.anchor, "kind": self.kind}

    def __str__(self) -> str:
        where = f"{self.concept} › " if self.concept else ""
        return f"{where}{self.anchor} ({self.kind})"


@dataclass(frozen=True)
class SyncReport:
    deck: str
    added: int = 0
    updated: int = 0
    retired: int = 0
    revived: int = 0
    unchanged: int = 0
    warnings: tuple[str, ...] = ()
    # the cards this sync retired, in notes order, and the headings it found renamed
    # (old path, new path), which kept their cards
    retired_cards: tuple[RetiredCard, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()
    # blocks of the notes that made no card (core.notes.report.Skipped), in notes order
    not_carded: tuple[Any, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "deck": self.deck,
            "not_carded": [s.as_dict() for s in self.not_carded],
            "added": self.added,
            "updated": self.updated,
            "retired": self.retired,
            "revived": self.revived,
            "unchanged": self.unchanged,
            "retired_cards": [r.as_dict() for r in self.retired_cards],
            "renamed": [{"from": a, "to": b} for a, b in self.renamed],
        }


@dataclass(frozen=True)
class DeckCounts:
    id: int
    name: str
    new: int
    learn: int
    review: int
    total: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "new": self.new,
            "learn": self.learn,
            "review": self.review,
            "total": self.total,
        }


@dataclass(frozen=True)
class ReviewCard:
    """A card as the review screen shows it (overrides applied)."""

    id: int
    deck_id: int
    kind: str
    front: str
    back: str
    concept: tuple[str, ...]
    state: CardState
    extra: dict[str, Any] = field(default_factory=dict)
    source_line: int = 0
    source_end: int = 0
    flag: int = 0
    queue: str = "new"  # new | learn | review


@dataclass(frozen=True)
class AnswerResult:
    card_id: int
    rating: Rating
    interval: timedelta
    due: datetime
    leech: bool = False
    suspended: bool = False
    buried_siblings: int = 0


@dataclass
class _UndoEntry:
    label: str
    card_id: int
    before: dict[str, Any]
    revlog_id: int | None
    siblings: list[tuple[int, int]]  # (card id, buried_until before)


# ---------------------------------------------------------------- collection


class Collection:
    """An open collection: a data dir holding ``collection.sqlite`` and ``media/``."""

    def __init__(
        self, data_dir: Path, db: Database, lock: CollectionLock, rng: random.Random
    ) -> None:
        self.data_dir = data_dir
        self.db = db
        self._lock = lock
        self.rng = rng
        self._undo: list[_UndoEntry] = []
        self._settings_cache: dict[str, Any] | None = None
        self._schedulers: dict[int | None, Scheduler] = {}
        self._since_new = 0  # reviews shown since the last new card (interleaving)
        self.seed_report: SyncReport | None = None
        self.backup_error: CollectionError | None = None
        self._closed = False

    # ---- lifecycle

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        seed: bool = True,
        rng: random.Random | None = None,
        now: datetime | None = None,
    ) -> Collection:
        """Open (creating if needed) the collection in ``data_dir``.

        The first open of an empty collection imports the bundled Docker deck
        unless ``seed`` is false.
        """
        path = resolve_data_dir(data_dir)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CollectionError(f"cannot create the data folder ({exc.strerror})", str(path)) from exc
        if not os.access(path, os.W_OK | os.X_OK):
            raise CollectionError("the data folder is not writable", str(path))
        lock = CollectionLock(path / "collection.lock")
        lock.acquire()
        try:
            db = Database.open(path / DB_NAME, now)
        except BaseException:
            lock.release()
            raise
        col = cls(path, db, lock, rng or random.Random())
        try:
            if not col._meta("seeded"):
                col._seed(now or datetime.now(UTC), bundled=seed)
        except BaseException:
            col.close(backup=False)
            raise
        return col

    def close(self, now: datetime | None = None, *, backup: bool = True) -> None:
        """Close, first taking the automatic backup (at most one a day; see service.backup).
        A failed backup never prevents closing: it is kept in ``backup_error``."""
        if self._closed:
            return
        if backup:
            from srsapp.service.backup import maybe_backup

            try:
                maybe_backup(self, now or datetime.now(UTC))
            except CollectionError as exc:
                self.backup_error = exc
        self._closed = True
        self.db.close()
        self._lock.release()

    def _reset_after_restore(self) -> None:
        """The database file was replaced (service.backup.restore_backup): forget caches."""
        self._undo.clear()
        self._forget_caches()
        self._since_new = 0

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _meta(self, key: str) -> str | None:
        with self.db.reading() as s:
            row = s.get(Meta, key)
            return row.value if row else None

    def _seed(self, now: datetime, bundled: bool = True) -> None:
        """First open: import the bundled Docker deck (unless ``bundled`` is false);
        either way the collection is marked seeded, so it never happens again."""
        notes = bundled_decks_dir() / "docker-notes.md"
        if bundled and notes.exists():
            self.seed_report = self.sync_notes(notes, now=now)
        with self.db.transaction() as s:
            s.merge(Meta(key="seeded", value="1"))

    # ---- settings

    def settings(self) -> dict[str, Any]:
        if self._settings_cache is None:
            values = dict(DEFAULT_SETTINGS)
            with self.db.reading() as s:
                for row in s.scalars(select(Setting)):
                    values[row.key] = json.loads(row.value)
            if not values.get("timezone"):
                values["timezone"] = local_timezone_name()
            self._settings_cache = values
        return dict(self._settings_cache)

    def set_settings(self, **values: Any) -> dict[str, Any]:
        unknown = set(values) - set(DEFAULT_SETTINGS)
        if unknown:
            raise CollectionError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        with self.db.transaction() as s:
            for key, value in values.items():
                s.merge(Setting(key=key, value=json.dumps(value)))
        self._forget_caches()
        return values

    def _forget_caches(self) -> None:
        self._settings_cache = None
        self._schedulers.clear()

    def invalidate_settings(self) -> None:
        """Forget the cached settings (a service wrote the settings table directly)."""
        self._forget_caches()

    def deck_config(self, deck_id: int) -> dict[str, Any]:
        with self.db.reading() as s:
            deck = s.get(Deck, deck_id)
            if deck is None:
                raise CollectionError(f"no deck with id {deck_id}")
            return {**DEFAULT_DECK_CONFIG, **json.loads(deck.config or "{}")}

    def set_deck_config(self, deck_id: int, **values: Any) -> dict[str, Any]:
        with self.db.transaction() as s:
            deck = s.get(Deck, deck_id)
            if deck is None:
                raise CollectionError(f"no deck with id {deck_id}")
            config = {**json.loads(deck.config or "{}"), **values}
            deck.config = json.dumps(config)
        self._schedulers.pop(deck_id, None)
        return config

    def scheduler(self, deck_id: int | None = None) -> Scheduler:
        """The FSRS scheduler for a deck (its desired retention, the collection's steps and
        parameters); cached until the settings or the deck's options change."""
        cached = self._schedulers.get(deck_id)
        if cached is None:
            cached = self._schedulers[deck_id] = self._make_scheduler(deck_id)
        return cached

    def _make_scheduler(self, deck_id: int | None) -> Scheduler:
        st = self.settings()
        retention = DEFAULT_DECK_CONFIG["desired_retention"]
        if deck_id is not None:
            retention = self.deck_config(deck_id)["desired_retention"]
        kwargs: dict[str, Any] = {
            "desired_retention": float(retention),
            "learning_steps": tuple(timedelta(minutes=m) for m in st["learning_steps_min"]),
            "relearning_steps": tuple(timedelta(minutes=m) for m in st["relearning_steps_min"]),
            "maximum_interval": int(st["maximum_interval"]),
            "leech_threshold": int(st["leech_threshold"]),
        }
        if st.get("fsrs_parameters"):
            kwargs["parameters"] = tuple(float(x) for x in st["fsrs_parameters"])
        return Scheduler(SchedulerConfig(**kwargs))

    def _day_bounds(self, now: datetime) -> tuple[datetime, datetime]:
        st = self.settings()
        tz, hour = st["timezone"], int(st["day_start_hour"])
        return days.day_start(now, tz, hour), days.next_day_start(now, tz, hour)

    # ---- decks

    def decks(self) -> list[tuple[int, str]]:
        with self.db.reading() as s:
            return [(d.id, d.name) for d in s.scalars(select(Deck).order_by(Deck.name))]

    def deck_id(self, name: str) -> int:
        with self.db.reading() as s:
            deck_id = s.scalar(select(Deck.id).where(Deck.name == name))
        if deck_id is None:
            raise CollectionError(f"no deck named {name!r}")
        return deck_id

    def ensure_deck(self, name: str) -> int:
        with self.db.transaction() as s:
            return self._ensure_deck(s, name)

    def _ensure_deck(self, s: Any, name: str) -> int:
        deck_id = s.scalar(select(Deck.id).where(Deck.name == name))
        if deck_id is None:
            deck = Deck(name=name, config="{}", created=0)
            s.add(deck)
            s.flush()
            deck_id = deck.id
        return int(deck_id)

    # ---- notes

    def sync_notes(self, path: str | os.PathLike[str], *, now: datetime | None = None) -> SyncReport:
        """Generate cards from a notes file and merge them into its deck (one transaction)."""
        from srsapp.service.notes_sync import sync_notes_file

        return sync_notes_file(self, Path(path), now or datetime.now(UTC))

    def notes_sources(self) -> list[str]:
        """The notes files the collection's decks are generated from."""
        with self.db.reading() as s:
            return list(s.scalars(select(Source.path).where(Source.kind == "notes")))

    def sync_sources(self, now: datetime) -> tuple[list[SyncReport], list[SrsError]]:
        """Re-sync every notes file the collection knows whose content changed on disk
        (unchanged files cost one read and a hash). Missing files are skipped; a file that
        fails is reported and the others are still synced (each sync is its own transaction)."""
        reports: list[SyncReport] = []
        errors: list[SrsError] = []
        for p in self.notes_sources():
            if not Path(p).is_file():
                continue
            try:
                reports.append(self.sync_notes(p, now=now))
            except SrsError as exc:
                errors.append(exc)
        return reports, errors

    def import_file(self, path: str | os.PathLike[str], **kw: Any) -> Any:
        """Import an .apkg/.colpkg/.csv/.tsv/.txt/.json/.md file (see ``service.transfer``)."""
        from srsapp.service.transfer import import_file

        return import_file(self, path, **kw)

    def export_file(self, path: str | os.PathLike[str], **kw: Any) -> Any:
        """Export to .apkg/.colpkg/.csv/.tsv/.txt/.json/.md (see ``service.transfer``)."""
        from srsapp.service.transfer import export_file

        return export_file(self, path, **kw)

    def apply_generated(
        self, source_path: str, content_hash: str, text: str, deck: GeneratedDeck, now: datetime
    ) -> SyncReport:
        from srsapp.service.notes_sync import apply_generated

        return apply_generated(self, source_path, content_hash, text, deck, now)

    # ---- queue

    def _active(self) -> Any:
        # "= 0", not "IS 0": SQLite uses "=" terms of ix_cards_deck_queue (both NOT NULL)
        return (_C.retired == 0) & (_C.suspended == 0)

    def _done_by_deck(self, s: Any, start: datetime) -> dict[int, tuple[int, int]]:
        """deck id -> (new cards introduced, review cards answered) since ``start``.
        Driven by the review log's time index: a day's answers, not the whole deck."""
        rows = s.execute(
            select(_C.deck_id, _R.card_id, _R.state_before)
            .select_from(Review.__table__.join(Card.__table__, _R.card_id == _C.id))
            .where(_R.time_ms >= int(start.timestamp() * 1000), _R.kind == "review")
        ).all()
        new_cards: dict[int, set[int]] = {}
        reviews: dict[int, int] = {}
        for deck_id, card_id, state_before in rows:
            if state_before == int(CardState.NEW):
                new_cards.setdefault(deck_id, set()).add(card_id)
            elif state_before == int(CardState.REVIEW):
                reviews[deck_id] = reviews.get(deck_id, 0) + 1
        return {
            d: (len(new_cards.get(d, ())), reviews.get(d, 0)) for d in set(new_cards) | set(reviews)
        }

    def _done_today(self, s: Any, start: datetime, deck_id: int | None) -> tuple[int, int]:
        """(new cards introduced, review cards answered) since ``start``."""
        done = self._done_by_deck(s, start)
        if deck_id is not None:
            return done.get(deck_id, (0, 0))
        return sum(n for n, _ in done.values()), sum(r for _, r in done.values())

    @staticmethod
    def _deck_configs(s: Any) -> dict[int, dict[str, Any]]:
        return {
            int(did): {**DEFAULT_DECK_CONFIG, **json.loads(config or "{}")}
            for did, config in s.execute(select(Deck.id, Deck.config)).all()
        }

    def _limits(
        self, s: Any, start: datetime, deck_id: int | None, configs: dict[int, Any] | None = None,
        done: dict[int, tuple[int, int]] | None = None,
    ) -> tuple[int, int]:  # fmt: skip
        """Remaining (new, review) allowances for today (summed over decks when ``deck_id``
        is None). One query for the decks' settings and one for the day's answers."""
        configs = self._deck_configs(s) if configs is None else configs
        done = self._done_by_deck(s, start) if done is None else done
        if deck_id is not None and deck_id not in configs:
            raise CollectionError(f"no deck with id {deck_id}")
        new_left = rev_left = 0
        for did in [deck_id] if deck_id is not None else list(configs):
            cfg = configs[did]
            new_done, rev_done = done.get(did, (0, 0))
            new_left += max(0, int(cfg["new_per_day"]) - new_done)
            rev_left += max(0, int(cfg["reviews_per_day"]) - rev_done)
        return new_left, rev_left

    def _scope(self, q: Any, deck_id: int | None, concept: Sequence[str] | None) -> Any:
        if deck_id is not None:
            q = q.where(_C.deck_id == deck_id)
        if concept:
            pj = path_json(concept)
            sub = select(Concept.id).where(
                or_(Concept.path == pj, Concept.path.like(pj[:-1] + ",%"))
            )
            q = q.where(_C.concept_id.in_(sub))
        return q

    def counts(
        self, now: datetime, deck_id: int | None = None, concept: Sequence[str] | None = None
    ) -> tuple[int, int, int]:
        """(new, learn, review) still to do today, limits applied."""
        start, _end = self._day_bounds(now)
        with self.db.reading() as s:
            new_left, rev_left = self._limits(s, start, deck_id)
            return self._counts_in(s, now, deck_id, concept, new_left, rev_left)

    def _counts_in(
        self, s: Any, now: datetime, deck_id: int | None, concept: Sequence[str] | None,
        new_left: int, rev_left: int,
    ) -> tuple[int, int, int]:  # fmt: skip
        """Counting stops at the day's limits: each count walks at most that many index
        entries (ix_cards_deck_queue), not every card of the deck."""
        _start, end = self._day_bounds(now)
        end_s, now_s = _epoch(end), _epoch(now)

        def count(cond: Any, cap: int | None) -> int:
            if cap is not None and cap <= 0:
                return 0
            inner = self._scope(
                select(_C.id).where(cond, self._active(), _C.buried_until <= now_s),
                deck_id,
                concept,
            )
            if cap is not None:
                inner = inner.limit(cap)
            return int(s.scalar(select(func.count()).select_from(inner.subquery())) or 0)

        learn_states = [int(CardState.LEARNING), int(CardState.RELEARNING)]
        return (
            count(_C.state == int(CardState.NEW), new_left),
            count(_C.state.in_(learn_states) & (_C.due < end_s), None),
            count((_C.state == int(CardState.REVIEW)) & (_C.due < end_s), rev_left),
        )

    def deck_counts(self, now: datetime) -> list[DeckCounts]:
        start, _end = self._day_bounds(now)
        out = []
        with self.db.reading() as s:
            totals = dict(
                s.execute(
                    select(_C.deck_id, func.count()).where(self._active()).group_by(_C.deck_id)
                ).all()
            )
            configs, done = self._deck_configs(s), self._done_by_deck(s, start)
            for did, name in s.execute(select(Deck.id, Deck.name).order_by(Deck.name)).all():
                new_left, rev_left = self._limits(s, start, did, configs, done)
                new, learn, review = self._counts_in(s, now, did, None, new_left, rev_left)
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
        now_s = _epoch(now)
        start, end = self._day_bounds(now)
        end_s = _epoch(end)
        learn_states = [int(CardState.LEARNING), int(CardState.RELEARNING)]
        with self.db.reading() as s:

            def first(q: Any) -> Row[Any] | None:
                q = self._scope(q, deck_id, concept).where(
                    self._active(), _C.buried_until <= now_s
                )
                return s.execute(q.limit(1)).first()

            cols = select(_C.id)
            row = first(cols.where(_C.state.in_(learn_states), _C.due <= now_s).order_by(_C.due))
            if row is None:
                new_left, rev_left = self._limits(s, start, deck_id)
                review = (
                    first(
                        cols.where(_C.state == int(CardState.REVIEW), _C.due < end_s).order_by(
                            _C.due, _C.id
                        )
                    )
                    if rev_left > 0
                    else None
                )
                new = (
                    first(
                        cols.where(_C.state == int(CardState.NEW)).order_by(_C.position, _C.id)
                    )
                    if new_left > 0
                    else None
                )
                if review is not None and new is not None:
                    gap = max(1, rev_left // max(1, new_left))
                    row = new if self._since_new >= gap else review
                else:
                    row = review or new
                if row is None:
                    ahead = now_s + 60 * int(self.settings()["learn_ahead_min"])
                    row = first(
                        cols.where(_C.state.in_(learn_states), _C.due <= ahead).order_by(_C.due)
                    )
            if row is None:
                return None
            return self._review_card(s, int(row[0]))

    def card(self, card_id: int) -> ReviewCard:
        with self.db.reading() as s:
            return self._review_card(s, card_id)

    def _review_card(self, s: Any, card_id: int) -> ReviewCard:
        card = s.get(Card, card_id)
        if card is None:
            raise SchedulingError(f"no card with id {card_id}")
        concept: tuple[str, ...] = ()
        if card.concept_id is not None:
            c = s.get(Concept, card.concept_id)
            if c is not None:
                concept = tuple(json.loads(c.path))
        state = CardState(card.state)
        queue = {
            CardState.NEW: "new",
            CardState.LEARNING: "learn",
            CardState.RELEARNING: "learn",
            CardState.REVIEW: "review",
        }[state]
        return ReviewCard(
            id=card.id,
            deck_id=card.deck_id,
            kind=card.kind,
            front=card.override_front if card.override_front is not None else card.front,
            back=card.override_back if card.override_back is not None else card.back,
            concept=concept,
            state=state,
            extra=json.loads(card.extra or "{}"),
            source_line=card.source_line,
            source_end=card.source_end,
            flag=card.flag,
            queue=queue,
        )

    # ---- answering

    @staticmethod
    def _sched_state(card: Card) -> SchedState:
        return SchedState(
            state=CardState(card.state),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=_from_epoch(card.due) if card.state != CardState.NEW else None,
            last_review=_from_epoch(card.last_review),
            reps=card.reps,
            lapses=card.lapses,
        )

    def intervals(self, card_id: int, now: datetime) -> dict[Rating, str]:
        """The next interval each button would give, as Anki prints them ("10m", "2d")."""
        with self.db.reading() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise SchedulingError(f"no card with id {card_id}")
            state, deck_id = self._sched_state(card), card.deck_id
        preview = self.scheduler(deck_id).preview(state, now)
        return {r: format_interval(d) for r, d in preview.items()}

    def answer(
        self, card_id: int, rating: int | Rating, now: datetime, duration_ms: int = 0
    ) -> AnswerResult:
        """Record an answer: card state and review-log row in one transaction."""
        try:
            rating = Rating(int(rating))
        except ValueError as exc:
            raise SchedulingError(f"rating must be 1-4, got {rating!r}") from exc
        st = self.settings()
        with self.db.transaction() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise SchedulingError(f"no card with id {card_id}")
            before = {k: getattr(card, k) for k in _SCHED_COLUMNS}
            state_before = card.state
            last_interval = _interval_before(card)
            result = self.scheduler(card.deck_id).answer(
                self._sched_state(card), rating, now, self.rng
            )
            new = result.state
            due = new.due or now
            if new.state == CardState.REVIEW and result.interval >= timedelta(days=1):
                due = days.due_day_aligned(due, st["timezone"], int(st["day_start_hour"]))
                if due <= now:  # 24 h across a DST change can end in today's study day
                    due = days.next_day_start(now, st["timezone"], int(st["day_start_hour"]))
            card.state = int(new.state)
            card.step = new.step
            card.stability = new.stability
            card.difficulty = new.difficulty
            card.due = _epoch(due)
            card.last_review = _epoch(now)
            card.reps = new.reps
            card.lapses = new.lapses
            card.modified = _epoch(now)
            suspended = False
            if result.is_leech:
                card.leech = True
                if st["leech_action"] == "suspend":
                    card.suspended = suspended = True
            review = Review(
                card_id=card.id,
                time_ms=int(now.timestamp() * 1000),
                rating=int(rating),
                duration_ms=max(0, int(duration_ms)),
                state_before=state_before,
                state_after=int(new.state),
                interval_s=max(0, _epoch(due) - _epoch(now)),
                last_interval_s=last_interval,
                stability=new.stability,
                difficulty=new.difficulty,
                kind="review",
            )
            s.add(review)
            siblings: list[tuple[int, int]] = []
            if st["bury_siblings"] and card.sibling:
                _, end = self._day_bounds(now)
                # plain SQL on the session's connection: this runs on every answer, and
                # building the statement each time cost a fifth of the answer
                conn = s.connection()
                rows = conn.exec_driver_sql(
                    "SELECT id, buried_until FROM cards WHERE deck_id = ? AND sibling = ? "
                    "AND id != ? AND state IN (?, ?) AND buried_until < ?",
                    (card.deck_id, card.sibling, card.id, int(CardState.NEW),
                     int(CardState.REVIEW), _epoch(end)),
                ).all()  # fmt: skip
                siblings = [(int(r[0]), int(r[1])) for r in rows]
                if siblings:
                    conn.exec_driver_sql(
                        f"UPDATE cards SET buried_until = ? WHERE id IN "
                        f"({', '.join('?' * len(siblings))})",
                        (_epoch(end), *(i for i, _ in siblings)),
                    )
            s.flush()
            revlog_id = review.id
        if state_before == CardState.NEW:
            self._since_new = 0
        else:
            self._since_new += 1
        self._push_undo(_UndoEntry("answer", card_id, before, revlog_id, siblings))
        return AnswerResult(
            card_id=card_id,
            rating=rating,
            interval=due - now,
            due=due,
            leech=result.is_leech,
            suspended=suspended,
            buried_siblings=len(siblings),
        )

    def _push_undo(self, entry: _UndoEntry) -> None:
        self._undo.append(entry)
        del self._undo[:-UNDO_DEPTH]

    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    def undo(self) -> int | None:
        """Undo the last answer (or bury/suspend/flag): card state and review log exactly
        as before. Returns the card id to show again, or None if nothing to undo."""
        if not self._undo:
            return None
        entry = self._undo[-1]
        with self.db.transaction() as s:
            s.execute(update(Card.__table__).where(_C.id == entry.card_id).values(**entry.before))
            if entry.revlog_id is not None:
                s.execute(delete(Review.__table__).where(_R.id == entry.revlog_id))
            for sid, buried in entry.siblings:
                s.execute(update(Card.__table__).where(_C.id == sid).values(buried_until=buried))
        self._undo.pop()
        return entry.card_id

    # ---- card actions (each undoable)

    def _card_action(self, label: str, card_id: int, **values: Any) -> None:
        with self.db.transaction() as s:
            card = s.get(Card, card_id)
            if card is None:
                raise SchedulingError(f"no card with id {card_id}")
            before = {k: getattr(card, k) for k in values}
            s.execute(update(Card.__table__).where(_C.id == card_id).values(**values))
        self._push_undo(_UndoEntry(label, card_id, before, None, []))

    def bury(self, card_id: int, now: datetime) -> None:
        _, end = self._day_bounds(now)
        self._card_action("bury", card_id, buried_until=_epoch(end))

    def set_suspended(self, card_id: int, suspended: bool = True) -> None:
        self._card_action("suspend" if suspended else "unsuspend", card_id, suspended=suspended)

    def set_flag(self, card_id: int, flag: int) -> None:
        if not 0 <= flag <= 7:
            raise SchedulingError(f"flag must be 0-7, got {flag}")
        self._card_action("flag", card_id, flag=flag)

    def edit_card(self, card_id: int, front: str | None, back: str | None) -> None:
        """Keep the learner's edit as an override of the generated text (survives re-sync).
        ``None`` for a side removes its override."""
        self._card_action("edit", card_id, override_front=front, override_back=back)

    def reset_to_new(self, card_ids: Sequence[int], now: datetime) -> int:
        """Forget cards: back to new, with a manual review-log row (history is kept)."""
        with self.db.transaction() as s:
            rows = s.scalars(select(Card).where(_C.id.in_(list(card_ids)))).all()
            for card in rows:
                s.add(
                    Review(
                        card_id=card.id,
                        time_ms=int(now.timestamp() * 1000),
                        rating=0,
                        duration_ms=0,
                        state_before=card.state,
                        state_after=int(CardState.NEW),
                        interval_s=0,
                        last_interval_s=_interval_before(card),
                        stability=None,
                        difficulty=None,
                        kind="manual",
                    )
                )
                card.state = int(CardState.NEW)
                card.step = 0
                card.stability = card.difficulty = None
                card.due = 0
                card.reps = card.lapses = 0
                card.leech = False
        return len(rows)

    # ---- sources (notes, diagrams, media)

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    def card_source(self, card_id: int) -> tuple[str, str, int, int] | None:
        """(notes path, notes text as synced, first line, last line) of a generated card."""
        with self.db.reading() as s:
            card = s.get(Card, card_id)
            if card is None or card.source_id is None:
                return None
            src = s.get(Source, card.source_id)
            if src is None:
                return None
            return src.path, src.text, card.source_line, card.source_end

    def linked_diagrams(self) -> list[tuple[str, str]]:
        """(image src the diagram stands for, diagram name) for every stored diagram."""
        import tomllib

        out = []
        with self.db.reading() as s:
            rows = s.execute(select(Source.path, Source.text).where(Source.kind == "diagram")).all()
        for path, text in rows:
            try:
                replaces = tomllib.loads(text).get("replaces")
            except tomllib.TOMLDecodeError:
                continue
            if isinstance(replaces, str) and replaces:
                out.append((replaces, Path(path).name))
        return out

    def diagram(self, name: str) -> Any:
        """The diagram (``core.diagrams.Diagram``) a diagram card names in its extra data,
        loaded from the copy stored at the last sync."""
        from srsapp.core.diagrams import load_diagram

        with self.db.reading() as s:
            rows = s.execute(
                select(Source.path, Source.text).where(Source.kind == "diagram")
            ).all()
        for path, text in rows:
            if Path(path).name == name or Path(path).stem == name or path == name:
                return load_diagram(text, path)
        raise CollectionError(f"no diagram named {name!r} in the collection")

    # ---- helpers for other services

    def plain(self, html_fragment: str) -> str:
        return html_to_text(html_fragment)

    def revlog_count(self) -> int:
        with self.db.reading() as s:
            return int(s.scalar(select(func.count()).select_from(Review)) or 0)

    def card_count(self, *, include_retired: bool = False) -> int:
        q = select(func.count()).select_from(Card)
        if not include_retired:
            q = q.where(_C.retired.is_(False))
        with self.db.reading() as s:
            return int(s.scalar(q) or 0)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
