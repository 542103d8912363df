"""Turn a review log into FSRS training items.

FSRS learns from *items*: one item per review that can be predicted, holding the card's
history up to and including that review as ``(rating, delta_t)`` pairs, where ``delta_t`` is the
number of learner days since the previous review (0 for the first review and for reviews on the
same learner day). The rules follow what Anki does for training:

* a card's history starts after its last reset to new (a ``reset`` entry, or a rating of 0 that is
  not a ``manual`` reschedule). If the remaining history has learning-step entries (kind
  ``learn``), it starts at the first entry of the *last* group of them, so a card that was made new
  again and relearned from scratch without a logged reset is still cut correctly;
* manual entries (set due date, reschedule: rating 0) are not reviews and are dropped;
* days are learner days: a day starts at ``day_start_hour`` (Anki's "next day starts at") in the
  learner's time zone, so a review at 02:00 belongs to the previous day;
* same-day reviews stay in the history with ``delta_t == 0`` (the short-term part of FSRS uses
  them), but no item is made *for* them: an item is made for every review after the first whose
  ``delta_t > 0``. The first rating is never a target, but it stays as the start of every item.

Pure: no clock, no files. Times are tz-aware datetimes (UTC in the store).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum

from fsrs_rs_python import FSRSItem, FSRSReview

from srsapp.core.days import DEFAULT_DAY_START_HOUR, resolve_tz, study_day
from srsapp.core.errors import SchedulingError


class ReviewKind(StrEnum):
    """What a review log entry records (mirrors Anki's revlog kinds we need)."""

    LEARN = "learn"  # a learning step of a new card
    REVIEW = "review"  # a scheduled review (also the default when the kind is unknown)
    RELEARN = "relearn"  # a relearning step after a lapse
    MANUAL = "manual"  # rescheduled by hand (set due date...): rating 0, not a review
    RESET = "reset"  # card reset to new: rating 0, everything before it is forgotten


@dataclass(frozen=True, slots=True)
class RevlogEntry:
    """One line of the review log. ``rating`` is 1-4, or 0 for a manual entry or a reset."""

    card_id: int
    time: datetime
    rating: int
    duration_ms: int
    kind: str = ReviewKind.REVIEW

    def __post_init__(self) -> None:
        if self.time.tzinfo is None or self.time.utcoffset() is None:
            raise SchedulingError(f"review of card {self.card_id} has a time without a time zone")
        if not 0 <= self.rating <= 4:
            raise SchedulingError(
                f"review of card {self.card_id} has rating {self.rating}, expected 0-4"
            )
        if self.kind not in ReviewKind.__members__.values():
            raise SchedulingError(f"review of card {self.card_id} has unknown kind {self.kind!r}")
        if self.kind in (ReviewKind.MANUAL, ReviewKind.RESET) and self.rating != 0:
            raise SchedulingError(
                f"{self.kind} entry of card {self.card_id} has rating {self.rating}, expected 0"
            )

    @property
    def graded(self) -> bool:
        return self.rating != 0

    @property
    def is_reset(self) -> bool:
        return self.rating == 0 and self.kind != ReviewKind.MANUAL


@dataclass(frozen=True, slots=True)
class TrainingReview:
    rating: int
    delta_t: int  # learner days since the previous review of the card (0: same day / first)


@dataclass(frozen=True, slots=True)
class TrainingItem:
    """A card's history up to one review; the last review is the one to predict."""

    card_id: int
    target_time: datetime  # when the last review happened
    reviews: tuple[TrainingReview, ...]

    @property
    def target(self) -> TrainingReview:
        return self.reviews[-1]

    def to_fsrs(self) -> FSRSItem:
        return FSRSItem([FSRSReview(r.rating, r.delta_t) for r in self.reviews])


@dataclass(frozen=True, slots=True)
class CardHistory:
    """The part of a card's log that FSRS sees, with each review's ``delta_t``."""

    card_id: int
    entries: tuple[RevlogEntry, ...]  # graded entries only, in time order
    reviews: tuple[TrainingReview, ...]  # same length as ``entries``


def learner_day(
    time: datetime, tz: tzinfo | str, day_start_hour: int = DEFAULT_DAY_START_HOUR
) -> int:
    """Day number (proleptic ordinal) of the study day ``time`` falls in (``core.days``)."""
    return study_day(time, tz, day_start_hour).toordinal()


def _relevant(entries: Sequence[RevlogEntry]) -> list[RevlogEntry]:
    """Graded entries after the last reset / start of the last learning group."""
    start = 0
    for i in range(len(entries) - 1, -1, -1):
        if entries[i].is_reset:
            start = i + 1
            break
    tail = [e for e in entries[start:] if e.graded]
    learn_start: int | None = None
    for i in range(len(tail) - 1, -1, -1):
        if tail[i].kind == ReviewKind.LEARN:
            learn_start = i
        elif learn_start is not None:
            break
    return tail[learn_start or 0 :]


def build_histories(
    entries: Iterable[RevlogEntry], tz: tzinfo | str, day_start_hour: int = DEFAULT_DAY_START_HOUR
) -> list[CardHistory]:
    """Each card's usable history (see the module doc), cards in first-review order."""
    if isinstance(day_start_hour, bool) or not 0 <= day_start_hour <= 23:
        raise SchedulingError(f"'next day starts at' hour must be 0..23, not {day_start_hour!r}")
    zone = resolve_tz(tz)
    by_card: dict[int, list[RevlogEntry]] = defaultdict(list)
    for entry in entries:
        by_card[entry.card_id].append(entry)
    histories: list[CardHistory] = []
    for card_id, card_entries in by_card.items():
        card_entries.sort(key=lambda e: e.time)  # stable: equal times keep log order
        kept = _relevant(card_entries)
        if not kept:
            continue
        days = [learner_day(e.time, zone, day_start_hour) for e in kept]
        reviews = tuple(
            TrainingReview(e.rating, 0 if i == 0 else days[i] - days[i - 1])
            for i, e in enumerate(kept)
        )
        histories.append(CardHistory(card_id, tuple(kept), reviews))
    histories.sort(key=lambda h: (h.entries[0].time, h.card_id))
    return histories


def items_from_history(history: CardHistory) -> list[TrainingItem]:
    return [
        TrainingItem(history.card_id, history.entries[i].time, history.reviews[: i + 1])
        for i in range(1, len(history.reviews))
        if history.reviews[i].delta_t > 0
    ]


def build_items(
    entries: Iterable[RevlogEntry], tz: tzinfo | str, day_start_hour: int = DEFAULT_DAY_START_HOUR
) -> list[TrainingItem]:
    """Training items for every predictable review, ordered by the target review's time."""
    items = [
        item
        for history in build_histories(entries, tz, day_start_hour)
        for item in items_from_history(history)
    ]
    items.sort(key=lambda it: (it.target_time, it.card_id))
    return items


def to_fsrs_items(items: Iterable[TrainingItem]) -> list[FSRSItem]:
    return [item.to_fsrs() for item in items]
