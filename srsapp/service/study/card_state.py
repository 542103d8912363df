"""A stored card's schedule as the core scheduler reads it, and epoch seconds both ways."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from srsapp.core.model import CardState
from srsapp.core.scheduler import SchedState


def epoch(dt: datetime) -> int:
    return int(dt.timestamp())


def from_epoch(sec: int | None) -> datetime | None:
    return None if sec is None else datetime.fromtimestamp(sec, UTC)


def interval_before(card: Mapping[str, Any]) -> int:
    """The interval a review card is on (due - last review, s) for ``revlog.last_interval_s``;
    0 for new and (re)learning cards. ``card``: a card's ``SCHED_COLUMNS`` values."""
    if card["state"] != CardState.REVIEW or card["last_review"] is None:
        return 0
    return max(0, int(card["due"]) - int(card["last_review"]))


# (a dict look-up, not ``CardState(value)``: the enum's call costs ≈ 1k instructions)
_STATES: dict[int, CardState] = {int(s): s for s in CardState}
_NEW = CardState.NEW


def sched_state(card: Mapping[str, Any]) -> SchedState:
    """``card``: a card's ``SCHED_COLUMNS`` values (``store.queries``)."""
    value = card["state"]
    state = _STATES.get(value) if type(value) is int else None
    if state is None:
        state = CardState(value)  # not a state's number: its ValueError
    due, last_review = card["due"], card["last_review"]
    # positional: a named tuple made with keywords costs twice as much
    return SchedState(
        state,  # state
        card["step"],  # step
        card["stability"],  # stability
        card["difficulty"],  # difficulty
        None if state == _NEW or due is None else datetime.fromtimestamp(due, UTC),  # due
        None if last_review is None else datetime.fromtimestamp(last_review, UTC),  # last_review
        card["reps"],  # reps
        card["lapses"],  # lapses
    )
