"""Check a collection (and repair what can be rebuilt).

What is checked:

* SQLite's own ``integrity_check`` (a failure here means: restore a backup; nothing is repaired);
* dangling references (``PRAGMA foreign_key_check`` plus one query per reference, so that
  repair knows what to do with each orphan);
* a card's concept and notes source belong to the card's deck; concepts form a tree per deck
  (no cycles, parents in the same deck);
* every card's scheduling state is what its review log gives: the answers since the last
  manual reset are replayed through the scheduler (no fuzz) and state, step, reps, lapses,
  stability and difficulty must agree; the due time, which fuzz and day alignment move, must
  equal the last answer's time plus the interval it logged;
* no review-log row has a negative interval (scheduled, or the one the card was on before);
* the answers per hour (``revlog_hours``, kept by triggers for the statistics) equal the review
  log's, and its triggers exist.

``repair=True`` first takes a backup, then in one transaction rebuilds card states from the
review log, moves cards of a missing deck into a "Recovered" deck, clears dangling concept and
source references, breaks concept cycles, recomputes the answers per hour from the review
log (and recreates their triggers), and deletes rows that can no longer mean anything
(review rows of a missing card, concepts and sources of a missing deck). The review log itself is
the record of truth and is never rewritten.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from srsapp.core.errors import SchedulingError
from srsapp.core.model import CardState, Rating
from srsapp.core.scheduler import DEFAULT_PARAMETERS, SchedState, Scheduler
from srsapp.service.context import DEFAULT_DECK_CONFIG, DEFAULT_SETTINGS, Context
from srsapp.service.reports import CheckReport, Problem
from srsapp.store import check_queries as q
from srsapp.store.backup_names import leftovers, remove_leftovers
from srsapp.store.files import foreign_key_problems
from srsapp.store.handles import Session
from srsapp.store.models import Card, rebuild_revlog_hours, revlog_hours_mismatch

FLOAT_TOLERANCE = 1e-6
DUE_TOLERANCE_S = 1
RECOVERED_DECK = "Recovered"


@dataclass(frozen=True)
class _Row:
    id: int
    time_ms: int
    rating: int
    state_after: int
    interval_s: int
    kind: str


@dataclass(frozen=True)
class Expected:
    """A card's scheduling columns as its review log says they should be."""

    state: int
    step: int
    stability: float | None
    difficulty: float | None
    due: int
    last_review: int | None
    reps: int
    lapses: int


def _epoch(dt: datetime) -> int:
    return int(dt.timestamp())


def replay_rows(
    rows: Sequence[_Row], scheduler: Scheduler, *, imported: bool = False
) -> Expected | None:
    """The card state the review rows (in log order) give, or None when the history cannot be
    replayed (imported rows, manual reschedules, or an ``imported`` card whose state came from
    another app and was never reset here). Rows before the last manual reset are ignored.

    Answers are replayed in log order, not sorted by time: after the clock moved backwards the
    log order is the order the answers really happened in (``core.scheduler.replay`` sorts by
    time, which is the same whenever the clock only moves forwards).
    """
    start = 0
    for i, row in enumerate(rows):
        if row.kind == "manual" and row.state_after == int(CardState.NEW):
            start = i + 1
    segment = rows[start:]
    if any(r.kind != "review" for r in segment) or (imported and start == 0):
        return None
    card = SchedState(state=CardState.NEW)
    for row in segment:
        when = datetime.fromtimestamp(row.time_ms / 1000, UTC)
        card = scheduler.answer(card, Rating(row.rating), when).state
    if not segment:
        return Expected(int(CardState.NEW), 0, None, None, 0, None, 0, 0)
    last = segment[-1]
    last_s = last.time_ms // 1000
    if card.state == CardState(last.state_after):
        due = last_s + max(0, last.interval_s)
    else:  # the log disagrees with itself: trust the replay
        due = _epoch(card.due) if card.due else last_s
    return Expected(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=due,
        last_review=last_s,
        reps=card.reps,
        lapses=card.lapses,
    )


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=0.0, abs_tol=FLOAT_TOLERANCE)


def differences(card: Card, exp: Expected) -> list[str]:
    """Human-readable differences between a card row and what its log gives ([] = agree)."""
    diffs = []
    for name in ("state", "step", "reps", "lapses"):
        if getattr(card, name) != getattr(exp, name):
            diffs.append(f"{name} {getattr(card, name)} (log gives {getattr(exp, name)})")
    for name in ("stability", "difficulty"):
        if not _close(getattr(card, name), getattr(exp, name)):
            diffs.append(f"{name} {getattr(card, name)} (log gives {getattr(exp, name)})")
    if exp.state != int(CardState.NEW):
        if card.due is None or abs(card.due - exp.due) > DUE_TOLERANCE_S:
            diffs.append(f"due {card.due} (log gives {exp.due})")
        if card.last_review is None or abs(card.last_review - (exp.last_review or 0)) > 1:
            diffs.append(f"last review {card.last_review} (log gives {exp.last_review})")
    return diffs


def _concept_cycles(parents: dict[int, int | None]) -> list[list[int]]:
    """Each cycle in the parent links, once (as the list of its ids)."""
    cycles: list[list[int]] = []
    done: set[int] = set()
    for start in parents:
        path: list[int] = []
        on_path: set[int] = set()
        node: int | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parents.get(node)
        if node is not None and node in on_path:
            cycles.append(path[path.index(node) :])
        done.update(path)
    return cycles


def _number(lo: float, hi: float, *, whole: bool = False) -> Callable[[Any], bool]:
    def ok(v: Any) -> bool:
        kinds = (int,) if whole else (int, float)
        return (
            isinstance(v, kinds) and not isinstance(v, bool) and math.isfinite(v) and lo <= v <= hi
        )

    return ok


def _zone(v: Any) -> bool:
    try:
        return isinstance(v, str) and ZoneInfo(v) is not None
    except (ValueError, ZoneInfoNotFoundError):
        return False


def _steps(v: Any) -> bool:
    return isinstance(v, list) and all(_number(1, 525_600)(m) for m in v)


def _parameters(v: Any) -> bool:
    return v is None or (isinstance(v, list) and len(v) == len(DEFAULT_PARAMETERS)
                         and all(_number(-1e6, 1e6)(x) for x in v))  # fmt: skip


# each setting: (is the value usable, what is expected); the preferences dialog's ranges
SETTING_RULES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "timezone": (_zone, "a time zone such as Asia/Seoul"),
    "day_start_hour": (_number(0, 23, whole=True), "an hour 0-23"),
    "learning_steps_min": (_steps, "a list of steps, 1 minute to a year"),
    "relearning_steps_min": (_steps, "a list of steps, 1 minute to a year"),
    "maximum_interval": (_number(1, 36_500, whole=True), "1-36500 days"),
    "fsrs_parameters": (_parameters, f"{len(DEFAULT_PARAMETERS)} FSRS parameters, or null"),
    "leech_threshold": (_number(0, 99, whole=True), "0-99 lapses"),
    "leech_action": (lambda v: v in ("tag", "suspend"), "'tag' or 'suspend'"),
    "learn_ahead_min": (_number(0, 1_440), "0-1440 minutes"),
    "bury_siblings": (lambda v: isinstance(v, bool), "true or false"),
    "ui_language": (lambda v: v in (None, "en", "ko"), "'en', 'ko' or null"),
    "theme": (lambda v: v in ("system", "light", "dark"), "'system', 'light' or 'dark'"),
    "card_font_size": (_number(6, 200, whole=True), "6-200 points"),
    "autoplay_sounds": (lambda v: isinstance(v, bool), "true or false"),
}
DECK_OPTION_RULES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "new_per_day": (_number(0, 1_000_000, whole=True), "0 or more"),
    "reviews_per_day": (_number(0, 10_000_000, whole=True), "0 or more"),
    "desired_retention": (_number(0.5, 0.999), "0.5-0.999"),
}


def setting_problems(col: Context) -> list[tuple[str, Any, str]]:
    """(key, value, what is expected) of each setting that is out of range."""
    values = col.settings()
    return [(key, values.get(key), expected) for key, (ok, expected) in SETTING_RULES.items()
            if not ok(values.get(key))]  # fmt: skip


def deck_option_problems(col: Context) -> list[tuple[int, str, str, Any, str]]:
    """(deck id, deck name, key, value, what is expected) of each deck option out of range."""
    out = []
    for deck_id, name in col.decks():
        config = col.deck_config(deck_id)
        for key, (ok, expected) in DECK_OPTION_RULES.items():
            if not ok(config.get(key)):
                out.append((deck_id, name, key, config.get(key), expected))
    return out


class _Checker:
    def __init__(self, col: Context, repair: bool) -> None:
        self.col = col
        self.repair = repair
        self.report = CheckReport()
        self._schedulers: dict[int, Scheduler] = {}

    def problem(self, kind: str, message: str, card_id: int | None = None) -> None:
        self.report.problems.append(Problem(kind, message, card_id))

    def change(self, message: str) -> None:
        self.report.repairs.append(message)

    def scheduler(self, deck_id: int) -> Scheduler:
        if deck_id not in self._schedulers:
            try:
                self._schedulers[deck_id] = self.col.scheduler(deck_id)
            except Exception:  # a deck that no longer exists: collection defaults
                self._schedulers[deck_id] = self.col.scheduler(None)
        return self._schedulers[deck_id]

    # ---- the checks; each one repairs (inside session ``s``) when asked

    def orphans(self, s: Session) -> None:
        decks = q.deck_ids(s)
        concepts = q.concept_decks(s)
        sources = q.source_decks(s)

        bad_sources = [i for i, d in sources.items() if d not in decks]
        if bad_sources:
            self.problem("orphan", f"{len(bad_sources)} notes source(s) of a missing deck")
            if self.repair:
                q.delete_sources(s, bad_sources)
                self.change(f"deleted {len(bad_sources)} notes source(s) of a missing deck")
                for i in bad_sources:
                    sources.pop(i)
        bad_concepts = [i for i, d in concepts.items() if d not in decks]
        if bad_concepts:
            self.problem("orphan", f"{len(bad_concepts)} concept(s) of a missing deck")
            if self.repair:
                q.delete_concepts(s, bad_concepts)
                self.change(f"deleted {len(bad_concepts)} concept(s) of a missing deck")
                for i in bad_concepts:
                    concepts.pop(i)

        lost = q.cards_of_missing_deck(s)
        if lost:
            self.problem("orphan", f"{len(lost)} card(s) belong to a missing deck")
            if self.repair:
                deck_id = self.col.ensure_deck(s=s, name=RECOVERED_DECK)
                decks.add(deck_id)
                q.move_cards(s, lost, deck_id)
                self.change(f"moved {len(lost)} card(s) of a missing deck to {RECOVERED_DECK!r}")

        rows = q.card_references(s)
        bad_concept_ref = [i for i, d, c, _ in rows if c is not None and concepts.get(c) != d]
        if bad_concept_ref:
            self.problem(
                "orphan",
                f"{len(bad_concept_ref)} card(s) point to a missing concept or one of another deck",
            )
            if self.repair:
                q.clear_card_concepts(s, bad_concept_ref)
                self.change(f"cleared the concept of {len(bad_concept_ref)} card(s)")
        bad_source_ref = [i for i, d, _, src in rows if src is not None and sources.get(src) != d]
        if bad_source_ref:
            self.problem(
                "orphan",
                f"{len(bad_source_ref)} card(s) point to a missing notes source or one of "
                "another deck",
            )
            if self.repair:
                q.clear_card_sources(s, bad_source_ref)
                self.change(f"cleared the notes source of {len(bad_source_ref)} card(s)")

        orphan_reviews = q.reviews_of_missing_card(s)
        if orphan_reviews:
            self.problem("orphan", f"{len(orphan_reviews)} review-log row(s) of a missing card")
            if self.repair:
                q.delete_reviews(s, orphan_reviews)
                self.change(f"deleted {len(orphan_reviews)} review-log row(s) of a missing card")

    def concept_tree(self, s: Session) -> None:
        rows = q.concept_parents(s)
        deck_of = {i: d for i, d, _ in rows}
        parents: dict[int, int | None] = {}
        for i, d, p in rows:
            if p is None:
                parents[i] = None
            elif p not in deck_of or deck_of[p] != d:
                what = "a missing concept" if p not in deck_of else "a concept of another deck"
                self.problem("concept_tree", f"concept {i} has {what} as its parent")
                parents[i] = None
                if self.repair:
                    q.make_top_level(s, i)
                    self.change(f"made concept {i} a top-level concept")
            else:
                parents[i] = p
        for cycle in _concept_cycles(parents):
            self.problem("concept_tree", f"concepts {', '.join(map(str, cycle))} form a cycle")
            if self.repair:
                top = min(cycle)
                q.make_top_level(s, top)
                self.change(f"broke a concept cycle: concept {top} is now top-level")

    def card_states(self, s: Session) -> None:
        history: dict[int, list[_Row]] = defaultdict(list)
        negative = 0
        for r in q.review_history(s):
            history[int(r[1])].append(
                _Row(int(r[0]), int(r[2]), int(r[3]), int(r[4]), int(r[5]), str(r[6]))
            )
            self.report.reviews += 1
            if r[5] < 0 or r[7] < 0:
                negative += 1
        if negative:
            self.problem("revlog", f"{negative} review-log row(s) have a negative interval")
        fixed = 0
        for card in q.all_cards(s):
            rows = history.get(card.id, [])
            try:
                exp = replay_rows(
                    rows, self.scheduler(card.deck_id), imported=card.guid is not None
                )
            except (SchedulingError, ValueError) as exc:
                self.problem(
                    "revlog", f"card {card.id}: its review log cannot be replayed ({exc})", card.id
                )
                continue
            if exp is None:
                self.report.cards_not_replayable += 1
                continue
            self.report.cards_checked += 1
            diffs = differences(card, exp)
            if not diffs:
                continue
            self.problem("card_state", f"card {card.id}: " + "; ".join(diffs), card.id)
            if self.repair:
                card.state = exp.state
                card.step = exp.step
                card.stability = exp.stability
                card.difficulty = exp.difficulty
                card.due = exp.due
                if exp.last_review is not None:
                    card.last_review = exp.last_review
                card.reps = exp.reps
                card.lapses = exp.lapses
                fixed += 1
        if fixed:
            self.change(f"rebuilt the scheduling state of {fixed} card(s) from the review log")

    def answer_summary(self, s: Session) -> None:
        conn = s.connection()
        hours, missing = revlog_hours_mismatch(conn)
        if hours:
            self.problem(
                "summary", f"answers per hour disagree with the review log for {hours} hour(s)"
            )
        if missing:
            self.problem("summary", f"missing trigger(s) {', '.join(missing)}")
        if self.repair and (hours or missing):
            rebuild_revlog_hours(conn)
            self.change("recomputed the answers per hour from the review log")

    def leftovers(self) -> None:
        found = leftovers(self.col.data_dir)
        if self.repair:
            for path in remove_leftovers(found):
                self.change(f"removed {path.name}, left behind by a killed backup or import")
            return
        for path in found:
            self.problem("leftover", f"{path}: left behind by a killed backup or import")

    def settings(self) -> None:
        """Settings and deck options of the right type but out of range (a JSON or .sqlite
        backup can carry them): each is a problem; repair puts back its default."""
        for key, value, expected in setting_problems(self.col):
            if self.repair:
                self.col.set_settings(**{key: DEFAULT_SETTINGS[key]})
                self.change(f"reset setting {key} from {value!r} to {DEFAULT_SETTINGS[key]!r}")
            else:
                self.problem("setting", f"setting {key} is {value!r}, expected {expected}")
        for deck_id, name, key, value, expected in deck_option_problems(self.col):
            if self.repair:
                self.col.set_deck_config(deck_id, **{key: DEFAULT_DECK_CONFIG[key]})
                self.change(f"reset {key} of deck {name!r} from {value!r} to "
                            f"{DEFAULT_DECK_CONFIG[key]!r}")  # fmt: skip
            else:
                self.problem("setting", f"deck {name!r}: {key} is {value!r}, expected {expected}")

    def run(self) -> CheckReport:
        self.leftovers()
        db = self.col.db
        bad = db.integrity_check()
        for line in bad[:20]:
            self.problem("integrity", f"SQLite integrity check: {line}")
        if bad:
            # Writing into a damaged file can make it worse; the answer is a backup.
            return self.report
        for table, rowid, parent in foreign_key_problems(db):
            self.problem("foreign_key", f"{table} row {rowid} refers to a missing {parent} row")
        self.settings()  # before the transaction below: each reset is a transaction of its own
        if self.repair:
            with db.transaction() as s:
                self._all(s)
        else:
            with db.reading() as s:
                self._all(s)
        return self.report

    def _all(self, s: Session) -> None:
        self.orphans(s)
        s.flush()
        self.concept_tree(s)
        self.card_states(s)
        self.answer_summary(s)


def check(col: Context, *, repair: bool = False, now: datetime | None = None) -> CheckReport:
    """Check the collection; with ``repair`` take a backup, fix what can be rebuilt, and check
    again (``remaining`` lists what is still wrong)."""
    report = _Checker(col, repair=False).run()
    if not repair or not report.problems:
        return report
    if any(p.kind == "integrity" for p in report.problems):
        report.repaired = True
        report.remaining = list(report.problems)
        report.repairs.append(
            "nothing repaired: the database file itself is damaged; restore a backup"
        )
        return report
    from srsapp.service.maintenance.backup import backup_now

    backup = backup_now(col, "before-repair", now or datetime.now(UTC))
    fixed = _Checker(col, repair=True).run()
    after = _Checker(col, repair=False).run()
    report.repairs = fixed.repairs
    report.remaining = after.problems
    report.backup = str(backup)
    report.repaired = True
    col.reset_after_restore()  # card states changed under any undo entries
    return report
