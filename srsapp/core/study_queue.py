"""Today's study queue of one scope (a deck with its ``::`` subdecks, or all decks, maybe a
concept subtree, maybe a custom study session), held in memory for a study session, as Anki
holds its queues: built once from the collection, then kept right by telling it what changed
(a card answered, buried, suspended, restored by an undo), so that choosing the next card
reads no database.

Three runs of card ids, each sorted by the order cards are studied in:

- learning: (re)learning cards due before the end of the day plus the learn-ahead window,
  by (due, id) — every one of them (a *complete* run);
- review: review cards due before the next study day, by (due, id);
- new: new cards, in the studied deck's new card order (``new_order_keys``).

The review and new runs hold, per deck, the first cards of their kind (a little more than the
deck's limit allows), not necessarily all of them: a card that sorts after the last one read
from its deck is not added (it is not among the first), and a deck that has lost more cards
than its spare ones (buried or suspended) asks for the queue to be built again
(``needs_rebuild``).

The day's limits are Anki's (v3): each deck has its own (new cards introduced, review cards
answered today in it and its subdecks); studying a deck takes cards from it and every subdeck,
each subdeck giving at most what its own limit and those of the decks above it (up to the one
studied) still allow, the studied deck's limit capping the whole (``DeckLimits``). The queue of
all decks studies each top deck so. A custom study session has no limits (``limits=None``).

No SQL and no clock: times are epoch seconds passed in, randomness a seed.
"""

from __future__ import annotations

import random
from bisect import bisect_left, insort
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from srsapp.core.model import CardState, Rating

Key = tuple[int, int]  # (due or order, card id)

LEARN, REVIEW, NEW = "learn", "review", "new"
# compared at every answer (an enum member read from its class goes through the enum's
# ``__getattr__`` hook: ≈ 250 instructions, a module global ≈ 20)
_NEW_STATE, _REVIEW_STATE = CardState.NEW, CardState.REVIEW
_KIND: dict[int, str] = {
    CardState.NEW: NEW,
    CardState.LEARNING: LEARN,
    CardState.RELEARNING: LEARN,
    CardState.REVIEW: REVIEW,
}

# new card order (a deck option): the notes' order (a card's position: where it comes from in
# the notes, the order an import or Add card gave it, a reposition), kinds taken in turn, or
# shuffled (the same shuffle all day, another one the next day)
NEW_ORDERS = ("notes", "interleave", "random")
DECK_SHIFT = 40  # a new card's order key: its deck's place in the tree, then its own order


# the random order's key of a card: a product of two affine maps of its id modulo a prime,
# the two offsets drawn from the deck and the day (``day_seeds``) — quadratic in the id, so
# that another day gives another order, not the same one turned around
RANDOM_A, RANDOM_B, RANDOM_P = 1_103_515_245, 48_271, 2_147_483_647


def day_seeds(seed: int | str) -> tuple[int, int]:
    """The two offsets of the random order for ``seed`` (the deck and the day)."""
    rng = random.Random(seed)
    return rng.randrange(RANDOM_P), rng.randrange(RANDOM_P)


def random_key(card_id: int, seeds: tuple[int, int]) -> int:
    s1, s2 = seeds
    return (card_id * RANDOM_A + s1) % RANDOM_P * ((card_id * RANDOM_B + s2) % RANDOM_P) % RANDOM_P


def new_order_keys(rows: Sequence[tuple[int, int, str]], order: str, seed: int | str) -> list[Key]:
    """The order keys of new cards ``rows`` = (position key, id, kind) in the order ``order``
    (the rule; ``store.study_queries.ordered_new_cards`` computes the same keys in SQL):
    ``notes`` by position; ``interleave`` one card of each kind in turn (each kind in its own
    position order; the kinds in the order they first come); ``random`` by ``random_key``
    with the offsets of ``seed`` (the deck and the day: the same order all day)."""
    if order not in NEW_ORDERS:
        raise ValueError(f"new card order must be one of {', '.join(NEW_ORDERS)}: {order!r}")
    by_position = sorted(rows)
    if order == "notes":
        return [(pos, cid) for pos, cid, _kind in by_position]
    if order == "random":
        seeds = day_seeds(seed)
        return [(random_key(cid, seeds), cid) for _pos, cid, _kind in by_position]
    kinds: dict[str, int] = {}
    seen: dict[str, int] = {}
    out = []
    for _pos, cid, kind in by_position:
        rank = kinds.setdefault(kind, len(kinds))
        nth = seen[kind] = seen.get(kind, -1) + 1
        out.append((nth, rank, cid))
    n = max(1, len(kinds))
    return [(nth * n + rank, cid) for nth, rank, cid in out]


class _Run:
    """Sorted keys of one kind. ``cut``: deck -> the last key read from it, for the decks
    whose cards were not all read (a key after it is not among the first of its deck)."""

    def __init__(self, keys: Iterable[Key], cut: Mapping[int, Key]) -> None:
        self.keys = sorted(keys)
        self.cut = dict(cut)

    def add(self, key: Key, deck: int) -> bool:
        last = self.cut.get(deck)
        if last is not None and key > last:
            return False  # not among the first cards read from its deck
        insort(self.keys, key)
        return True

    def discard(self, key: Key) -> None:
        i = bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            del self.keys[i]


@dataclass
class DayLimits:
    """A deck's limits for the day and what was done against them today (in the deck and
    its subdecks)."""

    new_per_day: int
    reviews_per_day: int
    new_done: set[int] = field(default_factory=set)  # new cards introduced today (ids)
    reviews_done: int = 0  # answers to review cards today

    def new_left(self) -> int:
        return max(0, self.new_per_day - len(self.new_done))

    def reviews_left(self) -> int:
        return max(0, self.reviews_per_day - self.reviews_done)

    def left(self, kind: str) -> int:
        return self.new_left() if kind == NEW else self.reviews_left()


class DeckLimits:
    """The daily limits of the decks a queue studies, as Anki's v3 scheduler applies them: a
    forest of decks (``parents``: deck -> the deck above it among these, None for a top one);
    a card of deck ``d`` may be studied while ``d`` and every deck above it have some of their
    limit left; studying it uses up one of each. ``own``: deck -> (new cards introduced,
    review answers) today in that deck alone; a deck's count is its subdecks' too."""

    def __init__(
        self,
        limits: Mapping[int, tuple[int, int]],
        parents: Mapping[int, int | None],
        own: Mapping[int, tuple[set[int], int]],
    ) -> None:
        self.parent = {d: (p if p in limits else None) for d in limits for p in [parents.get(d)]}
        self.chain: dict[int, tuple[int, ...]] = {}
        for d in limits:
            chain, p = [d], self.parent[d]
            while p is not None and p not in chain:
                chain.append(p)
                p = self.parent[p]
            self.chain[d] = tuple(chain)
        self.roots = tuple(d for d in limits if self.parent[d] is None)
        self.days = {d: DayLimits(new, rev) for d, (new, rev) in limits.items()}
        self.set_done(own)

    def set_done(self, own: Mapping[int, tuple[set[int], int]]) -> None:
        for day in self.days.values():
            day.new_done, day.reviews_done = set(), 0
        for deck, (new_ids, reviews) in own.items():
            for d in self.chain.get(deck, ()):
                self.days[d].new_done |= new_ids
                self.days[d].reviews_done += reviews

    def answered(self, card_id: int, deck: int, state_before: int) -> None:
        for d in self.chain.get(deck, ()):
            if state_before == _NEW_STATE:
                self.days[d].new_done.add(card_id)
            elif state_before == _REVIEW_STATE:
                self.days[d].reviews_done += 1

    def unanswered(self, card_id: int, deck: int, state_before: int, still_new: bool) -> None:
        """``answered`` taken back (the answer was undone); ``still_new``: another of the
        day's answers found the card new too, so it stays introduced today."""
        for d in self.chain.get(deck, ()):
            if state_before == CardState.NEW:
                if not still_new:
                    self.days[d].new_done.discard(card_id)
            elif state_before == CardState.REVIEW:
                self.days[d].reviews_done -= 1

    def left(self) -> tuple[int, int]:
        """(new, review) the top decks still allow, summed."""
        days = [self.days[r] for r in self.roots]
        return sum(x.new_left() for x in days), sum(x.reviews_left() for x in days)

    def room(self, deck: int, kind: str) -> int:
        """How many more cards of ``kind`` a card of ``deck`` may take: the least that it and
        the decks above it have left."""
        return min(self.days[d].left(kind) for d in self.chain[deck])

    def admit(self, keys: Sequence[Key], deck_of: Mapping[int, int], kind: str) -> list[Key]:
        """Of ``keys`` (in study order), those studied today: each while its deck and the
        decks above have some limit left, using up one of each (Anki gathers so)."""
        room = {d: day.left(kind) for d, day in self.days.items()}
        total = sum(room[r] for r in self.roots)
        out: list[Key] = []
        for key in keys:
            if total <= 0:
                break
            chain = self.chain[deck_of[key[1]]]
            if all(room[d] > 0 for d in chain):
                out.append(key)
                for d in chain:
                    room[d] -= 1
                total -= 1
        return out


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
        new: Iterable[Key],
        decks: Mapping[int, int],
        limits: DeckLimits | None,
        reviews_cut: Mapping[int, Key] | None = None,
        new_cut: Mapping[int, Key] | None = None,
        new_keys: Mapping[int, Key] | None = None,
    ) -> None:
        """``decks``: card id -> deck of every card in ``reviews`` and ``new``; ``*_cut``:
        deck -> the last key read of the decks not read to the end; ``limits`` None: a
        custom study session (no limits); ``new_keys``: the order key of each new card read
        (an undone answer puts its card back there)."""
        self.start_s = start_s
        self.end_s = end_s
        self.ahead_s = ahead_s
        self._runs = {
            LEARN: _Run(learning, {}),
            REVIEW: _Run(reviews, reviews_cut or {}),
            NEW: _Run(new, new_cut or {}),
        }
        self._where: dict[int, tuple[str, Key]] = {
            key[1]: (kind, key) for kind, run in self._runs.items() for key in run.keys
        }
        self._deck = dict(decks)
        self._new_keys = dict(new_keys or {})
        self._limits = limits
        self._single = (
            limits.roots[0] if limits is not None and len(limits.days) == 1 else None
        )  # one deck: its first cards, no walk through the tree
        self._admitted: dict[str, list[Key]] = {}

    # ---- reading

    def covers(self, now_s: int) -> bool:
        """Whether ``now_s`` falls in the study day the queue was built for."""
        return self.start_s <= now_s < self.end_s

    def __contains__(self, card_id: int) -> bool:
        return card_id in self._where

    def knows(self, card_id: int) -> bool:
        """Whether the new card ``card_id`` has an order key here (it was read as new)."""
        return card_id in self._new_keys

    def left(self) -> tuple[int, int]:
        """(new, review) cards the day's limits still allow (a custom session: what it holds)."""
        if self._limits is None:
            return len(self._runs[NEW].keys), len(self._runs[REVIEW].keys)
        return self._limits.left()

    def _studied(self, kind: str) -> list[Key]:
        """The keys of ``kind`` studied today, in order: the limits applied."""
        keys = self._runs[kind].keys
        if self._limits is None:
            return keys
        if self._single is not None:
            return keys[: self._limits.days[self._single].left(kind)]
        got = self._admitted.get(kind)
        if got is None:
            got = self._admitted[kind] = self._limits.admit(keys, self._deck, kind)
        return got

    def needs_rebuild(self) -> bool:
        """A deck whose cards were not all read has fewer of them here than the limits allow
        (cards were buried or suspended, or an undo gave an answer back): read again."""
        limits = self._limits
        if limits is None:
            return False
        for kind in (NEW, REVIEW):
            run = self._runs[kind]
            if not run.cut:
                continue
            if self._single is not None:
                if len(run.keys) < limits.days[self._single].left(kind):
                    return True
                continue
            held: dict[int, int] = {}
            for _k, cid in run.keys:
                held[self._deck[cid]] = held.get(self._deck[cid], 0) + 1
            if any(held.get(d, 0) < limits.room(d, kind) for d in run.cut):
                return True
        return False

    def counts(self) -> tuple[int, int, int]:
        """(new, learning, review) to study today: learning cards due before the next day,
        new and review cards the limits allow."""
        learn = bisect_left(self._runs[LEARN].keys, (self.end_s, -1))
        return len(self._studied(NEW)), learn, len(self._studied(REVIEW))

    def pick(self, now_s: int, since_new: int) -> int | None:
        """The card to study at ``now_s``: a learning card that is due, else a review or a new
        card (a new one after every ``reviews left // new left`` reviews, ``since_new`` being
        the reviews shown since the last new card), else a learning card due within the
        learn-ahead window; None when nothing is left today."""
        learning = self._runs[LEARN].keys
        if learning and learning[0][0] <= now_s:
            return learning[0][1]
        reviews, new = self._studied(REVIEW), self._studied(NEW)
        review = reviews[0][1] if reviews else None
        fresh = new[0][1] if new else None
        if review is not None and fresh is not None:
            new_left, rev_left = self.left()
            gap = max(1, rev_left // max(1, new_left))
            return fresh if since_new >= gap else review
        if review is not None or fresh is not None:
            return review if review is not None else fresh
        if learning and learning[0][0] <= now_s + self.ahead_s:
            return learning[0][1]
        return None

    def visible(self) -> dict[str, list[Key]]:
        """What the queue offers today: every learning card it holds, the review and new
        cards the limits allow (a queue built afresh offers the same)."""
        return {
            LEARN: list(self._runs[LEARN].keys),
            REVIEW: list(self._studied(REVIEW)),
            NEW: list(self._studied(NEW)),
        }

    # ---- changing

    def remove(self, card_id: int) -> None:
        """The card is no longer studyable today (buried, suspended, retired)."""
        where = self._where.pop(card_id, None)
        if where is not None:
            self._runs[where[0]].discard(where[1])
            self._admitted.clear()

    def place(
        self, card_id: int, state: int, due: int, position: int, deck: int | None = None
    ) -> None:
        """The studyable card ``card_id`` (of ``deck``; None: as before) is (now) in
        ``state``: put it where it belongs, or leave it out (due another day, or after the
        first cards read from its deck)."""
        self.remove(card_id)
        self._admitted.clear()
        if deck is not None:
            self._deck[card_id] = deck
        self._put(card_id, state, due, position)

    def _put(self, card_id: int, state: int, due: int, position: int) -> None:
        """``place`` once the card is out of the runs."""
        kind = _KIND[state]
        if kind == LEARN:
            if due >= self.end_s + self.ahead_s:
                return
            key = (due, card_id)
        elif kind == REVIEW:
            if due >= self.end_s:
                return
            key = (due, card_id)
        else:
            key = self._new_keys.get(card_id, (position, card_id))
        if kind != LEARN and card_id not in self._deck:
            return  # of no deck this queue studies
        if self._runs[kind].add(key, self._deck.get(card_id, -1)):
            self._where[card_id] = (kind, key)

    def answered(
        self, card_id: int, deck_id: int, state_before: int, state: int, due: int, studyable: bool
    ) -> bool:
        """The card ``card_id`` of ``deck_id`` was answered in ``state_before``: the answer
        counted against its deck's limits, the card put where its new ``state`` and ``due``
        belong (as ``place``; left out when it is not ``studyable``: suspended or buried).
        False, nothing changed, when the queue does not hold the card (answered from outside
        it: its scope is unknown)."""
        where = self._where.pop(card_id, None)
        if where is None:
            return False
        self._runs[where[0]].discard(where[1])
        if self._limits is not None and deck_id in self._limits.days:
            self._limits.answered(card_id, deck_id, state_before)
        self._admitted.clear()
        if studyable:
            self._deck[card_id] = deck_id
            self._put(card_id, state, due, 0)  # an answered card is never new
        return True

    def unanswered(self, card_id: int, deck_id: int, state_before: int, still_new: bool) -> None:
        """An answer counted by ``answered`` was undone: no longer counted (``still_new``: see
        ``Limits.unanswered``)."""
        if self._limits is not None and deck_id in self._limits.days:
            self._limits.unanswered(card_id, deck_id, state_before, still_new)
        self._admitted.clear()

    def set_done(self, done: Mapping[int, tuple[set[int], int]]) -> None:
        """Today's answers per deck (its own cards) as the review log has them now (after an
        undo)."""
        if self._limits is not None:
            self._limits.set_done(done)
        self._admitted.clear()


class PracticeQueue:
    """A session that leaves the schedule alone (Anki's custom study "review forgotten
    cards": a filtered deck that does not reschedule): the cards in a shuffled order; Again
    or Hard shows the card again after a few others, Good or Easy is done with it. Nothing
    is written; undo takes the last answer back."""

    AGAIN_AFTER = 3  # cards shown before an Again card comes back
    HARD_AFTER = 6

    def __init__(self, card_ids: Iterable[int], seed: int | str) -> None:
        self.cards = list(dict.fromkeys(card_ids))
        random.Random(seed).shuffle(self.cards)
        self._history: list[list[int]] = []

    def current(self) -> int | None:
        return self.cards[0] if self.cards else None

    def __len__(self) -> int:
        return len(self.cards)

    def answer(self, card_id: int, rating: Rating) -> None:
        if not self.cards or self.cards[0] != card_id:
            raise ValueError(f"card {card_id} is not the one shown")
        self._history.append(list(self.cards))
        self.cards.pop(0)
        if rating == Rating.AGAIN:
            self.cards.insert(min(self.AGAIN_AFTER, len(self.cards)), card_id)
        elif rating == Rating.HARD:
            self.cards.insert(min(self.HARD_AFTER, len(self.cards)), card_id)

    def undo(self) -> int | None:
        """Take the last answer back: the card it answered (None: nothing to undo)."""
        if not self._history:
            return None
        self.cards = self._history.pop()
        return self.cards[0]

    def remove(self, card_id: int) -> None:
        """The card left the session (buried, suspended, deleted)."""
        self.cards = [c for c in self.cards if c != card_id]
