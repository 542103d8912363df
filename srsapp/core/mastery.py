"""Mastery and progress statistics: what the learner knows, concept by concept.

Pure maths over plain values and numpy arrays; the service layer gathers the numbers from the
collection (mostly aggregated in SQL) and hands them in. ``now`` / ``today`` are arguments.

Formulas
--------
Retrievability of a card (FSRS-6 forgetting curve), ``t`` = days since its last review
(fractional), ``S`` = its stability in days, ``w20`` = the FSRS decay parameter::

    R(t, S) = (1 + f · t / S) ^ (−w20),   f = 0.9 ^ (−1 / w20) − 1      (so R(S, S) = 0.9)

A card never studied (new, or reset: no stability) has R = 0.

Concept mastery, over the *active* cards (not retired, not suspended) of the concept's whole
subtree (the concept and every concept below it)::

    mastery  = Σ R / number of cards          (unseen cards count as 0: they pull it down)
    coverage = cards studied / number of cards
    stable   = cards with S ≥ 21 days / number of cards

Estimated total knowledge = Σ R over all cards (retired ones excluded): "how many cards you
would recall right now". Its history is replayed from the review log: for each day ``d``,
``Σ R(end of d − t_last, S_last)`` over the cards reviewed before the end of ``d``, where
``t_last`` is a card's last review before then and ``S_last`` the stability that review left
(the log row's ``stability``; a reset leaves none, so R = 0).

True retention (Anki's definition): among answers given to cards in the *review* state
(``state_before`` = review), the share not rated Again; split young (the interval the card was
on, the previous scheduled interval, < 21 days) and mature (≥ 21 days), over today, yesterday,
the last 7, 30 and 365 days (each window ends today).

Forecast: cards due per study day for the next 30 days, stacked new / learning / review; overdue
cards count on day 0; new = what the daily new-card limit introduces (today: what is left of
today's limit) until no new cards remain. "When will I finish" = days until every new card is
introduced at the current limit: ``ceil(max(0, new − left today) / limit)`` more days after
today (None when the limit is 0).

Streak = consecutive study days with at least one review, ending today (or yesterday, when
today has no reviews yet: the day is not over). Daily average = reviews / days studied, and
reviews / calendar days since the first review.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

DAY_S = 86400.0
MATURE_DAYS = 21
FORECAST_DAYS = 30
DEFAULT_DECAY = 0.1542  # FSRS-6 default w20

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


# ---------------------------------------------------------------- forgetting curve


def curve_factor(decay: float = DEFAULT_DECAY) -> float:
    """``f`` of the forgetting curve for decay ``w20`` (R = 0.9 after S days)."""
    return float(0.9 ** (-1.0 / decay) - 1.0)


def retrievability(
    elapsed_days: float, stability: float | None, decay: float = DEFAULT_DECAY
) -> float:
    """R of one card ``elapsed_days`` after its last review (0 without a stability)."""
    if stability is None or not stability > 0 or math.isnan(stability):
        return 0.0
    t = max(0.0, elapsed_days)
    return float((1.0 + curve_factor(decay) * t / stability) ** (-decay))


def retrievability_array(
    elapsed_days: npt.ArrayLike, stability: npt.ArrayLike, decay: float = DEFAULT_DECAY
) -> FloatArray:
    """Vectorised :func:`retrievability`: NaN or non-positive stability gives 0."""
    t = np.maximum(np.asarray(elapsed_days, dtype=np.float64), 0.0)
    s = np.asarray(stability, dtype=np.float64)
    ok = np.isfinite(s) & (s > 0) & np.isfinite(t)
    out = np.zeros(np.broadcast(t, s).shape, dtype=np.float64)
    safe_s = np.where(ok, s, 1.0)
    r = (1.0 + curve_factor(decay) * np.where(ok, t, 0.0) / safe_s) ** (-decay)
    np.copyto(out, r, where=ok)
    return out


# ---------------------------------------------------------------- concept mastery


@dataclass(frozen=True)
class ConceptNode:
    id: int
    path: tuple[str, ...]
    kind: str = "heading"  # heading | state | transition
    position: int = 0


@dataclass
class ConceptTotals:
    """Sums over a set of active cards."""

    cards: int = 0
    studied: int = 0
    sum_r: float = 0.0
    stable: int = 0  # stability >= 21 days
    due: int = 0  # due by the end of today (learning + review)
    new: int = 0

    def add(self, other: ConceptTotals) -> None:
        self.cards += other.cards
        self.studied += other.studied
        self.sum_r += other.sum_r
        self.stable += other.stable
        self.due += other.due
        self.new += other.new


@dataclass(frozen=True)
class ConceptMastery:
    id: int
    path: tuple[str, ...]
    kind: str
    cards: int
    studied: int
    due: int
    sum_r: float
    stable: int

    @property
    def title(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def depth(self) -> int:
        return len(self.path)

    @property
    def mastery(self) -> float | None:
        return self.sum_r / self.cards if self.cards else None

    @property
    def coverage(self) -> float | None:
        return self.studied / self.cards if self.cards else None

    @property
    def stable_share(self) -> float | None:
        return self.stable / self.cards if self.cards else None


def roll_up(
    concepts: Sequence[ConceptNode], own: Mapping[int, ConceptTotals]
) -> list[ConceptMastery]:
    """Mastery of every concept over its subtree, in tree order (parents before children,
    siblings by position). ``own`` holds the totals of the cards attached directly to each
    concept id. A concept's subtree is every concept whose path starts with its path."""
    # one entry per path (decks sharing a heading path are rolled up together)
    by_path = {c.path: c for c in concepts}
    paths = list(by_path)
    shown = list(by_path.values())  # the concept shown for each path (the last of it)
    n = len(paths)
    index = {p: i for i, p in enumerate(paths)}
    cards, studied, stable, due = [0] * n, [0] * n, [0] * n, [0] * n
    sum_r = [0.0] * n
    for c in concepts:
        mine = own.get(c.id)
        if mine is not None:
            i = index[c.path]
            cards[i] += mine.cards
            studied[i] += mine.studied
            sum_r[i] += mine.sum_r
            stable[i] += mine.stable
            due[i] += mine.due
    # each concept's nearest ancestor in the tree (-1: a root)
    parent = [-1] * n
    for i, p in enumerate(paths):
        for k in range(len(p) - 1, 0, -1):
            j = index.get(p[:k])
            if j is not None:
                parent[i] = j
                break
    # deepest first (a stable sort: equal depths in path order), each subtree's sums flow
    # into its parent: every ancestor gets them once
    depth = [len(p) for p in paths]
    for i in sorted(range(n), key=depth.__getitem__, reverse=True):
        j = parent[i]
        if j >= 0:
            cards[j] += cards[i]
            studied[j] += studied[i]
            sum_r[j] += sum_r[i]
            stable[j] += stable[i]
            due[j] += due[i]
    # tree order: parents before children, siblings by position, then title
    children: dict[int, list[int]] = {}
    for i, j in enumerate(parent):
        children.setdefault(j, []).append(i)
    order = [(c.position, p[-1] if p else "") for c, p in zip(shown, paths, strict=True)]
    for kids in children.values():
        if len(kids) > 1:
            kids.sort(key=order.__getitem__)
    out = []
    stack = list(reversed(children.get(-1, [])))
    while stack:
        i = stack.pop()
        c = shown[i]
        out.append(
            ConceptMastery(c.id, c.path, c.kind, cards[i], studied[i], due[i], sum_r[i], stable[i])
        )
        below = children.get(i)
        if below:
            stack.extend(reversed(below))
    return out


@dataclass(frozen=True)
class DiagramOverlay:
    """How a diagram's boxes and arrows map onto the collection's concepts."""

    parent: tuple[str, ...]  # the concept whose section shows the diagram
    lang: str  # the language its concept names were made in
    mastery: dict[tuple[str, ...], float | None]  # None: not studied yet
    details: dict[tuple[str, ...], dict[str, int]]


@dataclass(frozen=True)
class SectionCard:
    """A card of the section that shows a diagram, other than a diagram card: the term it
    asks (its anchor), its retrievability now, whether it was studied, whether it is due."""

    anchor: str
    r: float
    studied: bool
    due: bool


def diagram_overlay(
    diagram: Any, concepts: Sequence[ConceptMastery], section_cards: Sequence[SectionCard] = ()
) -> DiagramOverlay | None:
    """Mastery per state/transition concept of ``diagram`` (a ``core.diagrams.Diagram``),
    with the parent path and language under which the sync named them; None if the
    collection has no state concepts. A box or arrow counts its diagram cards and the
    section's other cards that ask for it by name (the term "실행" for the Running box, the
    command "docker pause" for its arrow)."""
    from srsapp.core.diagrams import concept_paths

    shown = {c.path: c for c in concepts if c.kind in ("state", "transition")}
    states = [p for p, c in shown.items() if c.kind == "state"]
    if not states:
        return None
    parent = states[0][:-1]
    lang = max(
        ("ko", "en"),
        key=lambda lg: len(set(concept_paths(diagram, parent, lg).values()) & shown.keys()),
    )
    paths = concept_paths(diagram, parent, lang)
    by_name: dict[str, tuple[str, ...]] = {}
    for n in diagram.nodes:
        for name in (n.ko, n.en):
            by_name.setdefault(_name_key(name), paths[f"node:{n.id}"])
    for e in diagram.edges:
        if e.command:
            by_name.setdefault(_name_key(e.command), paths[f"edge:{e.id}"])
    extra: dict[tuple[str, ...], list[SectionCard]] = {}
    for card in section_cards:
        path = by_name.get(_name_key(card.anchor))
        if path in shown:
            extra.setdefault(path, []).append(card)
    mastery: dict[tuple[str, ...], float | None] = {}
    details: dict[tuple[str, ...], dict[str, int]] = {}
    for p, c in shown.items():
        more = extra.get(p, [])
        cards = c.cards + len(more)
        studied = c.studied + sum(x.studied for x in more)
        sum_r = c.sum_r + sum(x.r for x in more)
        mastery[p] = sum_r / cards if studied and cards else None
        details[p] = {"cards": cards, "studied": studied, "due": c.due + sum(x.due for x in more)}
    return DiagramOverlay(parent, lang, mastery, details)


def _name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def weakest_first(items: Iterable[ConceptMastery]) -> list[ConceptMastery]:
    """Concepts with cards, lowest mastery first (ties: fewer studied first, then path)."""
    with_cards = [c for c in items if c.cards]
    return sorted(with_cards, key=lambda c: (c.mastery or 0.0, c.studied, c.path))


# ---------------------------------------------------------------- knowledge history


def knowledge_history(
    card_index: npt.ArrayLike,
    time_s: npt.ArrayLike,
    stability: npt.ArrayLike,
    sample_times: npt.ArrayLike,
    decay: float = DEFAULT_DECAY,
    chunk: int = 4_000_000,
) -> FloatArray:
    """Σ R over cards at each of ``sample_times`` (epoch s, ascending), replayed from a review
    log given as parallel arrays sorted by (card, time). A card contributes, at time ``T``, the
    R of its last review at or before ``T`` with the stability that review left (NaN: 0).

    Vectorised: every review is a segment [its time, the card's next review); each segment is
    evaluated only at the sample times inside it, in chunks of at most ``chunk`` pairs.
    """
    card = np.asarray(card_index, dtype=np.int64)
    t = np.asarray(time_s, dtype=np.float64)
    s = np.asarray(stability, dtype=np.float64)
    samples = np.asarray(sample_times, dtype=np.float64)
    out = np.zeros(samples.shape[0], dtype=np.float64)
    n = card.shape[0]
    if n == 0 or samples.size == 0:
        return out
    nxt = np.full(n, np.inf)
    same = card[1:] == card[:-1]
    nxt[:-1] = np.where(same, t[1:], np.inf)
    first = np.searchsorted(samples, t, side="left")  # first sample >= review time
    last = np.searchsorted(samples, nxt, side="left")  # samples before the next review
    counts = np.maximum(last - first, 0)
    live = (counts > 0) & np.isfinite(s) & (s > 0)
    idx = np.nonzero(live)[0]
    if idx.size == 0:
        return out
    counts_live = counts[idx]
    factor = curve_factor(decay)
    cum = np.cumsum(counts_live)
    start = 0
    while start < idx.size:
        base = int(cum[start - 1]) if start else 0
        stop = max(int(np.searchsorted(cum, base + chunk, side="right")), start + 1)
        seg = idx[start:stop]
        c = counts[seg]
        total = int(c.sum())
        seg_rep = np.repeat(seg, c)
        offsets = np.arange(total) - np.repeat(np.cumsum(c) - c, c)
        sample_idx = first[seg_rep] + offsets
        elapsed = (samples[sample_idx] - t[seg_rep]) / DAY_S
        r = (1.0 + factor * np.maximum(elapsed, 0.0) / s[seg_rep]) ** (-decay)
        out += np.bincount(sample_idx, weights=r, minlength=samples.size)
        start = stop
    return out


# ---------------------------------------------------------------- retention


@dataclass
class PassFail:
    passed: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        return self.passed / self.total if self.total else None

    def add(self, other: PassFail) -> None:
        self.passed += other.passed
        self.failed += other.failed


@dataclass
class RetentionRow:
    young: PassFail = field(default_factory=PassFail)
    mature: PassFail = field(default_factory=PassFail)

    @property
    def all(self) -> PassFail:
        return PassFail(
            self.young.passed + self.mature.passed, self.young.failed + self.mature.failed
        )


RETENTION_PERIODS: dict[str, tuple[int, int]] = {
    # name: (first day back from today, last day back) inclusive
    "today": (0, 0),
    "yesterday": (1, 1),
    "week": (6, 0),
    "month": (29, 0),
    "year": (364, 0),
}


def retention_table(
    per_day: Mapping[date, tuple[PassFail, PassFail]], today: date
) -> dict[str, RetentionRow]:
    """True retention per period from (young, mature) pass/fail counts per study day."""
    out: dict[str, RetentionRow] = {}
    for name, (back_first, back_last) in RETENTION_PERIODS.items():
        row = RetentionRow()
        lo, hi = today - timedelta(days=back_first), today - timedelta(days=back_last)
        for day, (young, mature) in per_day.items():
            if lo <= day <= hi:
                row.young.add(young)
                row.mature.add(mature)
        out[name] = row
    return out


# ---------------------------------------------------------------- forecast, streak, finish


@dataclass(frozen=True)
class ForecastDay:
    day: date
    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


def forecast(
    today: date,
    learning_due: Sequence[int],
    review_due: Sequence[int],
    new_remaining: int,
    new_per_day: int,
    new_left_today: int,
    days: int = FORECAST_DAYS,
) -> list[ForecastDay]:
    """Stacked forecast for ``days`` study days from today; ``learning_due[i]`` /
    ``review_due[i]`` are cards due on day ``i`` (overdue ones already in day 0)."""
    out = []
    remaining = max(0, new_remaining)
    for i in range(days):
        allowance = new_left_today if i == 0 else new_per_day
        introduced = min(remaining, max(0, allowance))
        remaining -= introduced
        learning = int(learning_due[i]) if i < len(learning_due) else 0
        review = int(review_due[i]) if i < len(review_due) else 0
        out.append(ForecastDay(today + timedelta(days=i), introduced, learning, review))
    return out


def days_to_finish(new_remaining: int, new_per_day: int, new_left_today: int) -> int | None:
    """Study days (0 = today) until every new card has been introduced at the current limit;
    None when the limit is 0 and cards remain."""
    rest = max(0, new_remaining - max(0, new_left_today))
    if rest == 0:
        return 0
    if new_per_day <= 0:
        return None
    return math.ceil(rest / new_per_day)


def streak(study_days: Iterable[date], today: date) -> int:
    """Consecutive days with reviews ending today (or yesterday if today has none yet)."""
    have = set(study_days)
    day = today if today in have else today - timedelta(days=1)
    n = 0
    while day in have:
        n += 1
        day -= timedelta(days=1)
    return n


@dataclass(frozen=True)
class DailyAverage:
    per_study_day: float  # reviews / days with reviews
    per_day: float  # reviews / calendar days from the first review to today
    days_studied: int
    days_total: int


def daily_average(reviews_per_day: Mapping[date, int], today: date) -> DailyAverage:
    days_with = [d for d, n in reviews_per_day.items() if n > 0 and d <= today]
    if not days_with:
        return DailyAverage(0.0, 0.0, 0, 0)
    total = sum(reviews_per_day[d] for d in days_with)
    span = (today - min(days_with)).days + 1
    return DailyAverage(total / len(days_with), total / span, len(days_with), span)
