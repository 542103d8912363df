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


def sched_state(card: Mapping[str, Any]) -> SchedState:
    """``card``: a card's ``SCHED_COLUMNS`` values (``store.queries``)."""
    state = CardState(card["state"])
    return SchedState(
        state=state,
        step=card["step"],
        stability=card["stability"],
        difficulty=card["difficulty"],
        due=from_epoch(card["due"]) if state != CardState.NEW else None,
        last_review=from_epoch(card["last_review"]),
        reps=card["reps"],
        lapses=card["lapses"],
    )
