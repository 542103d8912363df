"""Optimize the collection's FSRS parameters on its own review log.

Like Anki's "Optimize": fit on the whole history, compare default, current and fitted parameters
on that same history, and keep the fitted ones only if they predict it better (lower log loss).
When they are kept, every card's memory state (stability, difficulty) is rebuilt by replaying its
history since its last reset with the new parameters, and review cards get the due date that
replay gives (``reschedule``); the report says how many due dates moved to another study day.
All writes happen in one transaction.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from srsapp.core import days
from srsapp.core.fitting import optimize
from srsapp.core.fitting.optimize import Metrics
from srsapp.core.fitting.training import ReviewKind, RevlogEntry, build_items
from srsapp.core.model import CardState, Rating
from srsapp.core.scheduler import SchedulerConfig, replay
from srsapp.service.context import Context
from srsapp.service.reports import OptimizeReport
from srsapp.store.queries import cards_by_ids, fitting_revlog, store_settings


def _kind(rating: int, state_before: int, state_after: int) -> ReviewKind:
    if rating == 0:
        return ReviewKind.RESET if state_after == CardState.NEW else ReviewKind.MANUAL
    if state_before in (CardState.NEW, CardState.LEARNING):
        return ReviewKind.LEARN
    if state_before == CardState.RELEARNING:
        return ReviewKind.RELEARN
    return ReviewKind.REVIEW


def revlog_entries(col: Context) -> list[RevlogEntry]:
    """The collection's review log as core entries, by card and time."""
    with col.db.reading() as s:
        rows = fitting_revlog(s)
    return [
        RevlogEntry(
            card_id=int(card_id),
            time=datetime.fromtimestamp(time_ms / 1000, UTC),
            rating=int(rating),
            duration_ms=int(duration_ms),
            kind=_kind(int(rating), int(state_before), int(state_after)),
        )
        for card_id, time_ms, rating, duration_ms, state_before, state_after in rows
    ]


def clamp_parameters(parameters: tuple[float, ...]) -> tuple[float, ...]:
    """Keep fitted parameters inside the bounds py-fsrs (our scheduler) accepts."""
    bounds = zip(LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
    return tuple(min(max(p, lo), hi) for p, (lo, hi) in zip(parameters, bounds, strict=True))


def _since_last_reset(entries: list[RevlogEntry]) -> list[tuple[datetime, Rating]]:
    start = 0
    for i, e in enumerate(entries):
        if e.is_reset:
            start = i + 1
    return [(e.time, Rating(e.rating)) for e in entries[start:] if e.graded]


def current_parameters(col: Context) -> tuple[float, ...]:
    """The FSRS parameters the collection schedules with (the defaults when none are saved)."""
    saved = tuple(float(p) for p in col.settings().get("fsrs_parameters") or ())
    return saved or optimize.DEFAULT_PARAMETERS


def evaluate_collection(col: Context) -> tuple[int, Metrics]:
    """How well the current parameters predict the collection's own reviews, changing nothing:
    (number of reviews evaluated on, metrics). Raises SchedulingError when there are none."""
    st = col.settings()
    items = build_items(revlog_entries(col), st["timezone"], int(st["day_start_hour"]))
    return len(items), optimize.evaluate(current_parameters(col), items)


def optimize_collection(
    col: Context,
    now: datetime,
    *,
    min_reviews: int = optimize.MIN_REVIEWS,
    reschedule: bool = True,
) -> OptimizeReport:
    """Fit, compare and (if better) keep FSRS parameters; see the module doc.

    Raises SchedulingError when the history is too small to fit.
    """
    st = col.settings()
    tz, hour = st["timezone"], int(st["day_start_hour"])
    entries = revlog_entries(col)
    items = build_items(entries, tz, hour)
    fitted_params = clamp_parameters(optimize.fit(items, min_reviews=min_reviews))
    current_params = current_parameters(col)
    default = optimize.evaluate(optimize.DEFAULT_PARAMETERS, items)
    current = optimize.evaluate(current_params, items)
    fitted = optimize.evaluate(fitted_params, items)
    kept = fitted_params != current_params and fitted.log_loss < current.log_loss
    updated = moved = 0
    if kept:
        updated, moved = _apply(col, entries, fitted_params, now, reschedule)
    graded = [e for e in entries if e.graded]
    return OptimizeReport(
        reviews=len(graded),
        cards=len({e.card_id for e in graded}),
        items=len(items),
        default=default,
        current=current,
        fitted=fitted,
        parameters=fitted_params,
        kept=kept,
        cards_updated=updated,
        due_moved=moved,
    )


def _apply(
    col: Context,
    entries: list[RevlogEntry],
    parameters: tuple[float, ...],
    now: datetime,
    reschedule: bool,
) -> tuple[int, int]:
    st = col.settings()
    tz, hour = st["timezone"], int(st["day_start_hour"])
    by_card: dict[int, list[RevlogEntry]] = {}
    for e in entries:
        by_card.setdefault(e.card_id, []).append(e)
    configs: dict[int, SchedulerConfig] = {
        deck_id: replace(col.scheduler(deck_id).config, parameters=parameters)
        for deck_id, _ in col.decks()
    }
    updated = moved = 0
    with col.db.transaction() as s:
        store_settings(s, {"fsrs_parameters": list(parameters)})
        for card in cards_by_ids(s, by_card):
            history = _since_last_reset(by_card[card.id])
            if not history or card.state == CardState.NEW:
                continue
            state = replay(history, configs[card.deck_id])
            if state.state != card.state:
                continue  # history does not explain the card (e.g. imported): leave it
            card.stability, card.difficulty = state.stability, state.difficulty
            card.modified = int(now.timestamp())
            updated += 1
            if reschedule and state.state == CardState.REVIEW and state.due is not None:
                due = days.due_day_aligned(state.due, tz, hour)
                old = datetime.fromtimestamp(card.due, UTC)
                if days.study_day(due, tz, hour) != days.study_day(old, tz, hour):
                    moved += 1
                card.due = int(due.timestamp())
    col.invalidate_settings()  # the parameters changed in this transaction
    return updated, moved
