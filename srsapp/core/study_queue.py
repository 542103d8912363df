"""Today's study queue of one scope (a deck or all decks, maybe a concept subtree), held in
memory for a study session, as Anki holds its queues: built once from the collection, then
kept right by telling it what changed (a card answered, buried, suspended, restored by an
undo), so that choosing the next card reads no database.

Three runs of card ids, each sorted by the order cards are studied in:

- learning: (re)learning cards due before the end of the day plus the learn-ahead window,
  by (due, id) — every one of them (a *complete* run);
- review: review cards due before the next study day, by (due, id);
- new: new cards, by (position, id).

The review and new runs hold the first cards of their kind (a little more than the day's
limit allows), not necessarily all of them: a card that sorts after the last one held is not
added (it is not among the first), and a run that has lost more cards than its spare ones
(buried or suspended) asks to be built again (``needs_rebuild``).

The day's limits are per deck (new cards introduced, review cards answered); the queue of all
decks allows the sum of what each deck has left, as the counts always did.

No SQL and no clock: times are epoch seconds passed in.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from srsapp.core.model import CardState

Key = tuple[int, int]  # (due or position, card id)

LEARN, REVIEW, NEW = "learn", "review", "new"
_KIND = {
    CardState.NEW: NEW,
    CardState.LEARNING: LEARN,
    CardState.RELEARNING: LEARN,
    CardState.REVIEW: REVIEW,
}


class _Run:
    """Sorted keys of one kind; ``complete``: every studyable card of the kind is here."""

    def __init__(self, keys: Iterable[Key], complete: bool) -> None:
        self.keys = sorted(keys)
        self.complete = complete

    def add(self, key: Key) -> bool:
        if not self.complete and (not self.keys or key > self.keys[-1]):
            return False  # not among the first cards this run holds
        insort(self.keys, key)
        return True

    def discard(self, key: Key) -> None:
        i = bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            del self.keys[i]


@dataclass
class DayLimits:
    """A deck's limits for the day and what was done against them today."""

    new_per_day: int
    reviews_per_day: int
    new_done: set[int] = field(default_factory=set)  # new cards introduced today (ids)
    reviews_done: int = 0  # answers to review cards today

    def new_left(self) -> int:
        return max(0, self.new_per_day - len(self.new_done))

    def reviews_left(self) -> int:
        return max(0, self.reviews_per_day - self.reviews_done)


class StudyQueue:
    """The queue of one scope for the study day [``start_s``, ``end_s``)."""

    def __init__(
        self,
        *,
        start_s: int,
        end_s: int,
        ahead_s: int,
        learning: Iterable[Key],
        reviews: Iterable[Key],
        reviews_complete: bool,
        new: Iterable[Key],
        new_complete: bool,
        limits: Mapping[int, DayLimits],
    ) -> None:
        self.start_s = start_s
        self.end_s = end_s
        self.ahead_s = ahead_s
        self._runs = {
            LEARN: _Run(learning, True),
            REVIEW: _Run(reviews, reviews_complete),
            NEW: _Run(new, new_complete),
        }
        self._where: dict[int, tuple[str, Key]] = {
            key[1]: (kind, key) for kind, run in self._runs.items() for key in run.keys
        }
        self._limits = dict(limits)
        self._left: tuple[int, int] | None = None

    # ---- reading

    def covers(self, now_s: int) -> bool:
        """Whether ``now_s`` falls in the study day the queue was built for."""
        return self.start_s <= now_s < self.end_s

    def __contains__(self, card_id: int) -> bool:
        return card_id in self._where

    def left(self) -> tuple[int, int]:
        """(new, review) cards the day's limits still allow."""
        if self._left is None:
            lims = self._limits.values()
            self._left = sum(x.new_left() for x in lims), sum(x.reviews_left() for x in lims)
        return self._left

    def needs_rebuild(self) -> bool:
        """A run holding only the first cards has fewer than the limits allow (cards were
        buried or suspended, or an undo gave an answer back): it must be read again."""
        new_left, rev_left = self.left()
        return any(
            not run.complete and len(run.keys) < want
            for run, want in ((self._runs[NEW], new_left), (self._runs[REVIEW], rev_left))
        )

    def counts(self) -> tuple[int, int, int]:
        """(new, learning, review) to study today: learning cards due before the next day,
        new and review cards up to the day's limits."""
        new_left, rev_left = self.left()
        learn = bisect_left(self._runs[LEARN].keys, (self.end_s, -1))
        return (
            min(new_left, len(self._runs[NEW].keys)),
            learn,
            min(rev_left, len(self._runs[REVIEW].keys)),
        )

    def pick(self, now_s: int, since_new: int) -> int | None:
        """The card to study at ``now_s``: a learning card that is due, else a review or a new
        card (a new one after every ``reviews left // new left`` reviews, ``since_new`` being
        the reviews shown since the last new card), else a learning card due within the
        learn-ahead window; None when nothing is left today."""
        learning = self._runs[LEARN].keys
        if learning and learning[0][0] <= now_s:
            return learning[0][1]
        new_left, rev_left = self.left()
        reviews, new = self._runs[REVIEW].keys, self._runs[NEW].keys
        review = reviews[0][1] if rev_left > 0 and reviews else None
        fresh = new[0][1] if new_left > 0 and new else None
        if review is not None and fresh is not None:
            gap = max(1, rev_left // max(1, new_left))
            return fresh if since_new >= gap else review
        if review is not None or fresh is not None:
            return review if review is not None else fresh
        if learning and learning[0][0] <= now_s + self.ahead_s:
            return learning[0][1]
        return None

    def visible(self) -> dict[str, list[Key]]:
        """What the queue offers today: every learning card it holds, the review and new
        cards the day's limits allow (a queue built afresh offers the same)."""
        new_left, rev_left = self.left()
        return {
            LEARN: list(self._runs[LEARN].keys),
            REVIEW: self._runs[REVIEW].keys[:rev_left],
            NEW: self._runs[NEW].keys[:new_left],
        }

    # ---- changing

    def remove(self, card_id: int) -> None:
        """The card is no longer studyable today (buried, suspended, retired)."""
        where = self._where.pop(card_id, None)
        if where is not None:
            self._runs[where[0]].discard(where[1])

    def place(self, card_id: int, state: int, due: int, position: int) -> None:
        """The studyable card ``card_id`` is (now) in ``state``: put it where it belongs, or
        leave it out (due another day, or after the first cards a run holds)."""
        self.remove(card_id)
        kind = _KIND[CardState(state)]
        if kind == LEARN:
            if due >= self.end_s + self.ahead_s:
                return
            key = (due, card_id)
        elif kind == REVIEW:
            if due >= self.end_s:
                return
            key = (due, card_id)
        else:
            key = (position, card_id)
        if self._runs[kind].add(key):
            self._where[card_id] = (kind, key)

    def answered(self, card_id: int, deck_id: int, state_before: int) -> None:
        """Count an answer against its deck's limits (call ``place`` or ``remove`` for the
        card's new state as well)."""
        limits = self._limits.get(deck_id)
        if limits is None:
            return
        if state_before == CardState.NEW:
            limits.new_done.add(card_id)
        elif state_before == CardState.REVIEW:
            limits.reviews_done += 1
        self._left = None

    def set_done(self, done: Mapping[int, tuple[set[int], int]]) -> None:
        """Today's answers per deck as the review log has them now (after an undo)."""
        for deck_id, limits in self._limits.items():
            new_done, reviews_done = done.get(deck_id, (set(), 0))
            limits.new_done, limits.reviews_done = set(new_done), reviews_done
        self._left = None
