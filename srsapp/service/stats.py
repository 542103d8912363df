"""Statistics of a collection for the CLI (``srsapp stats``) and the dashboards.

Everything is aggregated in SQL (GROUP BY) or in vectorised numpy code; no Python loop runs
over review-log rows. Answers are read from ``revlog_hours`` (answers per UTC hour and class,
kept by triggers, see ``store.models``) whenever the scope is the whole collection and every
study-day boundary and UTC offset of the range falls on a whole hour; otherwise from one GROUP
BY pass over the scope's review log. Either way one pass gives reviews per day, true retention
(young/mature by ``revlog.last_interval_s``), answer buttons and hours. Study days follow the learner's time zone and "next day starts at" hour:
day boundaries are computed in Python for the range at hand (DST-aware, see ``core.days``) and
turned into a SQL ``CASE`` over runs of equally long days, so a review at 03:59 local time
belongs to the previous day in Seoul and in New York across DST changes alike.

The maths (retrievability, roll-up, retention table, forecast, streak) lives in
``core.mastery``; this module only gathers the numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from srsapp.core import days as daysmod
from srsapp.core import mastery as m
from srsapp.core.errors import CollectionError
from srsapp.core.gc_pause import gc_paused
from srsapp.core.scheduler import DEFAULT_PARAMETERS
from srsapp.service.context import Context
from srsapp.service.study import queue
from srsapp.store import stats_queries as q

PERIODS = {"month": 30, "year": 365, "all": None}
HISTORY_MAX_POINTS = 180
_MATURE_S = 20.5 * 86400  # scheduled intervals are day-aligned: >= 21 days when rounded
_T = TypeVar("_T")


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int
    seconds: float


@dataclass(frozen=True)
class CardCounts:
    new: int = 0
    learning: int = 0
    young: int = 0
    mature: int = 0
    suspended: int = 0
    retired: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class DashboardStats:
    today: date
    concepts: list[m.ConceptMastery]
    total_knowledge: float
    card_counts: CardCounts
    forecast: list[m.ForecastDay]
    reviews: list[DayCount]
    streak: int
    average: m.DailyAverage
    new_remaining: int
    new_per_day: int
    days_to_finish: int | None
    # filled by ``add_slow_parts`` (the year of retention is the slow query)
    retention: dict[str, m.RetentionRow] = field(default_factory=dict)
    buttons: dict[str, list[int]] = field(default_factory=dict)  # class -> counts of 1..4
    hours: list[tuple[int, int]] = field(default_factory=list)  # 24 x (answers, passed)
    # the other cards of the sections that show a diagram (see ``core.mastery.diagram_overlay``)
    section_cards: list[m.SectionCard] = field(default_factory=list)
    # the answers per day the numbers above came from (reused by ``add_slow_parts``)
    answers: _Answers | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class KnowledgeHistory:
    days: list[date]
    total: list[float]  # Σ R over the scope's cards at each day's end
    cards: int  # cards in the scope (for mastery = total / cards)

    @property
    def mastery(self) -> list[float]:
        return [t / self.cards if self.cards else 0.0 for t in self.total]


# ---------------------------------------------------------------- helpers


class _Ctx:
    """Scope (deck / concept) and clock of one statistics request."""

    def __init__(
        self,
        col: Context,
        now: datetime,
        deck_id: int | None,
        concept: Sequence[str] | None,
    ) -> None:
        st = col.settings()
        self.col = col
        self.now = now
        self.now_s = int(now.timestamp())
        self.tz = daysmod.resolve_tz(st["timezone"])
        self.hour = int(st["day_start_hour"])
        self.today = daysmod.study_day(now, self.tz, self.hour)
        self.end_s = int(daysmod.next_day_start(now, self.tz, self.hour).timestamp())
        params = st.get("fsrs_parameters") or DEFAULT_PARAMETERS
        self.decay = float(params[20]) if len(params) > 20 else m.DEFAULT_DECAY
        self.deck_id = deck_id
        self.concept = tuple(concept) if concept else None
        self.scope = q.Scope(deck_id, self.concept)
        self.scoped = self.scope.scoped

    def boundary(self, day: date) -> int:
        return int(daysmod._boundary(day, self.tz, self.hour).timestamp())

    def bounds(self, first: date, last: date) -> list[int]:
        """Epoch starts of the study days ``first`` .. ``last`` + 1."""
        n = (last - first).days + 1
        return [self.boundary(first + timedelta(days=i)) for i in range(n + 1)]

    def offset_runs(self, first: date, last: date) -> list[tuple[int, int]]:
        """(instant an UTC offset starts, offset s) over the study days ``first`` .. ``last``;
        a change inside the range is found to the second."""
        n = (last - first).days + 1
        offsets = []
        for i in range(n + 1):
            b = daysmod._boundary(first + timedelta(days=i), self.tz, self.hour)
            delta = b.astimezone(self.tz).utcoffset()
            offsets.append((int(b.timestamp()), int(delta.total_seconds()) if delta else 0))
        parts: list[tuple[int, int]] = []
        for k, (at, off) in enumerate(offsets):
            if parts and off == parts[-1][1]:
                continue
            if k == 0:
                parts.append((at, off))
                continue
            lo, hi = offsets[k - 1][0], at  # the change happened in (lo, hi]: find the second
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if self._offset(mid) == off:
                    hi = mid
                else:
                    lo = mid
            parts.append((hi, off))
        return parts

    def _offset(self, epoch: int) -> int:
        off = datetime.fromtimestamp(epoch, UTC).astimezone(self.tz).utcoffset()
        return int(off.total_seconds()) if off else 0

    def read(self, query: Callable[..., _T], *args: Any) -> _T:
        """``query(session, *args)`` in a reading transaction of its own."""
        with self.col.db.reading() as s:
            return query(s, *args)


# ---------------------------------------------------------------- pieces


def _r_expr(ctx: _Ctx) -> str:
    """A card's retrievability now (``:now``, epoch s) as SQL over ``cards c``; 0 unseen."""
    return q.retrievability_sql(m.curve_factor(ctx.decay), ctx.decay)


def _section_cards(ctx: _Ctx, concepts: list[m.ConceptMastery]) -> list[m.SectionCard]:
    """The cards of the sections that show a diagram (the parents of its state concepts)
    other than its diagram cards: the notes' own cards about its boxes ("실행 : …")."""
    parents = sorted({c.path[:-1] for c in concepts if c.kind == "state"})
    if not parents:
        return []
    rows = ctx.read(q.section_cards, ctx.scope, parents, _r_expr(ctx), ctx.now_s, ctx.end_s)
    return [m.SectionCard(str(a), float(r or 0.0), bool(st), bool(due)) for a, r, st, due in rows]


def _cards(ctx: _Ctx) -> tuple[list[m.ConceptMastery], float, CardCounts]:
    """Mastery per concept, total knowledge and card counts: one pass over the covering
    ``ix_cards_stats`` index, grouped in its order (no sort)."""
    nodes = [
        m.ConceptNode(cid, path, kind, pos)
        for cid, path, kind, pos in ctx.read(q.live_concepts, ctx.deck_id)
    ]
    rows = ctx.read(
        q.card_groups, ctx.scope, _r_expr(ctx), ctx.now_s, ctx.end_s, m.MATURE_DAYS, _MATURE_S
    )
    own: dict[int, m.ConceptTotals] = {}
    total_r = 0.0
    counts = dict.fromkeys(("new", "learning", "young", "mature", "suspended", "retired"), 0)
    for cid, suspended, retired, n, studied, sum_r, stable, due, new, learning, mature in rows:
        if retired:
            counts["retired"] += n
            continue
        total_r += float(sum_r or 0.0)
        if suspended:
            counts["suspended"] += n
            continue
        new, learning, mature = new or 0, learning or 0, mature or 0
        counts["new"] += new
        counts["learning"] += learning
        counts["mature"] += mature
        counts["young"] += n - new - learning - mature
        if cid is not None:  # one row a concept: (concept, not suspended, not retired)
            own[cid] = m.ConceptTotals(n, studied or 0, sum_r or 0.0, stable or 0, due or 0, new)
    concepts = m.roll_up(nodes, own)
    if ctx.concept:
        concepts = [c for c in concepts if c.path[: len(ctx.concept)] == ctx.concept]
    return concepts, total_r, CardCounts(**counts)


def _new_limits(ctx: _Ctx) -> tuple[int, int, int, list[tuple[int, int, int]]]:
    """(new cards remaining, new per day, new left today, per deck (remaining, limit, left))."""
    per_deck = []
    for deck_id, remaining in ctx.read(q.new_per_deck, ctx.scope):
        limit = int(ctx.col.deck_config(int(deck_id))["new_per_day"])
        left = queue.counts(ctx.col, ctx.now, int(deck_id), ctx.concept)[0]
        per_deck.append((int(remaining), limit, int(left)))
    return (
        sum(r for r, _l, _t in per_deck),
        sum(lim for _r, lim, _t in per_deck),
        sum(t for _r, _l, t in per_deck),
        per_deck,
    )


def _forecast(ctx: _Ctx, per_deck: list[tuple[int, int, int]]) -> list[m.ForecastDay]:
    last = ctx.today + timedelta(days=m.FORECAST_DAYS - 1)
    rows = ctx.read(q.due_per_day, ctx.scope, ctx.bounds(ctx.today, last))
    learning = [0] * m.FORECAST_DAYS
    review = [0] * m.FORECAST_DAYS
    for is_learning, i, n in rows:
        if 0 <= i < m.FORECAST_DAYS:
            (learning if is_learning else review)[int(i)] += int(n)
    out = m.forecast(ctx.today, learning, review, 0, 0, 0)
    for remaining, limit, left in per_deck:
        deck_fc = m.forecast(ctx.today, [], [], remaining, limit, left)
        out = [
            m.ForecastDay(a.day, a.new + b.new, a.learning, a.review)
            for a, b in zip(out, deck_fc, strict=True)
        ]
    return out


def _first_day(ctx: _Ctx) -> date | None:
    first_ms = ctx.read(q.first_answer_ms, ctx.scope)
    if first_ms is None:
        return None
    first = datetime.fromtimestamp(first_ms / 1000, UTC)
    return min(daysmod.study_day(first, ctx.tz, ctx.hour), ctx.today)


@dataclass
class _Answers:
    """Answers (kind review, rated 1-4) per study day from ``first``: ``counts[d, k]`` with
    k = class * 4 + rating - 1 (class 0 learning, 1 young, 2 mature, as the columns of
    ``revlog_hours``), ``ms[d]`` the time taken, ``hours[d, h]`` = (answers, passed) in local
    hour h."""

    key: tuple[Any, ...]
    first: date
    counts: npt.NDArray[np.int64]
    ms: npt.NDArray[np.int64]
    hours: npt.NDArray[np.int64]

    def day_index(self, day: date) -> int:
        return (day - self.first).days


_N_SLOTS = q.N_SLOTS
_FAILED = [k for k in range(_N_SLOTS) if k % 4 == 0]  # rating 1 (Again) of each class


def _scope_key(ctx: _Ctx) -> tuple[Any, ...]:
    return (ctx.deck_id, ctx.concept, ctx.now_s, str(ctx.tz), ctx.hour)


def _answers(ctx: _Ctx, first: date | None) -> _Answers | None:
    if first is None:
        return None
    top = ctx.read(q.last_answer_ms, ctx.scope)
    last = ctx.today
    if top is not None:  # answers after today (the clock was moved back) keep their day
        top_day = daysmod.study_day(datetime.fromtimestamp(top / 1000, UTC), ctx.tz, ctx.hour)
        last = max(last, top_day)
    n_days = (last - first).days + 1
    bounds = ctx.bounds(first, last)
    runs = ctx.offset_runs(first, last)
    whole_hours = (
        all(b % 3600 == 0 for b in bounds)
        and all(off % 3600 == 0 for _t, off in runs)
        and all(t % 3600 == 0 for t, _off in runs[1:])
    )
    since = bounds[0] * 1000
    if whole_hours and not ctx.scoped:
        data = ctx.read(q.answers_per_hour, since // 3_600_000)
        t = data[:, 0] * 3600
        day = np.searchsorted(np.asarray(bounds, dtype=np.int64), t, side="right") - 1
        run_at = np.searchsorted(np.asarray([r[0] for r in runs], dtype=np.int64), t, "right")
        off = np.asarray([r[1] for r in runs], dtype=np.int64)[np.maximum(run_at - 1, 0)]
        hour = ((t + off) % 86400) // 3600
        slots, ms = data[:, 1 : 1 + _N_SLOTS], data[:, 1 + _N_SLOTS]
    else:
        data = ctx.read(q.answers_per_day_hour, ctx.scope, bounds, runs)
        day, hour = data[:, 0], data[:, 1] % 24
        slots, ms = data[:, 2 : 2 + _N_SLOTS], data[:, 2 + _N_SLOTS]
    keep = (day >= 0) & (day < n_days)
    day, hour, slots, ms = day[keep], hour[keep], slots[keep], ms[keep]
    counts = np.zeros((n_days, _N_SLOTS), dtype=np.int64)
    np.add.at(counts, day, slots)
    per_day_ms = np.bincount(day, weights=ms, minlength=n_days).astype(np.int64)
    hours = np.zeros((n_days, 24, 2), dtype=np.int64)
    total = slots.sum(axis=1)
    np.add.at(hours[:, :, 0], (day, hour), total)  # views: the sums land in ``hours``
    np.add.at(hours[:, :, 1], (day, hour), total - slots[:, _FAILED].sum(axis=1))
    return _Answers(_scope_key(ctx), first, counts, per_day_ms, hours)


def _reviews(answers: _Answers | None) -> list[DayCount]:
    if answers is None:
        return []
    per_day = answers.counts.sum(axis=1)
    return [
        DayCount(
            answers.first + timedelta(days=int(i)),
            int(per_day[i]),
            round(float(answers.ms[i]) / 1000.0, 1),
        )
        for i in np.nonzero(per_day)[0]
    ]


def _retention_and_buttons(
    ctx: _Ctx, answers: _Answers | None, period_days: int | None
) -> tuple[dict[str, m.RetentionRow], dict[str, list[int]], list[tuple[int, int]]]:
    """True retention over the last year, answer buttons and hours over the period.

    Young/mature uses the interval the card was on before each answer
    (``revlog.last_interval_s``, < 21 days: young)."""
    names = ("learning", "young", "mature")
    buttons = {k: [0, 0, 0, 0] for k in names}
    if answers is None:
        return m.retention_table({}, ctx.today), buttons, [(0, 0)] * 24
    per_day: dict[date, tuple[m.PassFail, m.PassFail]] = {}
    year_lo = max(0, answers.day_index(ctx.today - timedelta(days=364)))
    c = answers.counts
    for i in range(year_lo, c.shape[0]):
        young = c[i, 4:8]
        mature = c[i, 8:12]
        if young.any() or mature.any():
            per_day[answers.first + timedelta(days=i)] = (
                m.PassFail(int(young[1:].sum()), int(young[0])),
                m.PassFail(int(mature[1:].sum()), int(mature[0])),
            )
    retention = m.retention_table(per_day, ctx.today)
    span_lo = 0
    if period_days is not None:
        span_lo = max(0, answers.day_index(ctx.today - timedelta(days=period_days - 1)))
    span = c[span_lo:].sum(axis=0)
    for k, name in enumerate(names):
        buttons[name] = [int(x) for x in span[4 * k : 4 * k + 4]]
    hours = answers.hours[span_lo:].sum(axis=0)
    return retention, buttons, [(int(n), int(ok)) for n, ok in hours]


# ---------------------------------------------------------------- public API


def _check_period(period: str) -> int | None:
    if period not in PERIODS:
        raise CollectionError(f"unknown period {period!r} (expected month, year or all)")
    return PERIODS[period]


def dashboard_stats(
    col: Context,
    now: datetime,
    deck_id: int | None = None,
    concept: Sequence[str] | None = None,
    *,
    slow: bool = True,
    period: str = "year",
) -> DashboardStats:
    """Everything the dashboard shows except the knowledge history. ``slow=False`` skips
    true retention, answer buttons and hours (see :func:`add_slow_parts`)."""
    # the rows of every concept and card group live until the end: nothing to collect
    with gc_paused():
        return _dashboard_stats(col, now, deck_id, concept, slow, period)


def _dashboard_stats(
    col: Context,
    now: datetime,
    deck_id: int | None,
    concept: Sequence[str] | None,
    slow: bool,
    period: str,
) -> DashboardStats:
    ctx = _Ctx(col, now, deck_id, concept)
    concepts, total_r, card_counts = _cards(ctx)
    new_remaining, new_per_day, new_left, per_deck = _new_limits(ctx)
    answers = _answers(ctx, _first_day(ctx))
    reviews = _reviews(answers)
    per_day = {r.day: r.count for r in reviews}
    stats = DashboardStats(
        today=ctx.today,
        concepts=concepts,
        total_knowledge=total_r,
        card_counts=card_counts,
        forecast=_forecast(ctx, per_deck),
        reviews=reviews,
        streak=m.streak(per_day, ctx.today),
        average=m.daily_average(per_day, ctx.today),
        new_remaining=new_remaining,
        new_per_day=new_per_day,
        days_to_finish=m.days_to_finish(new_remaining, new_per_day, new_left),
        answers=answers,
        section_cards=_section_cards(ctx, concepts),
    )
    if slow:
        add_slow_parts(col, now, stats, deck_id, concept, period=period)
    return stats


def add_slow_parts(
    col: Context,
    now: datetime,
    stats: DashboardStats,
    deck_id: int | None = None,
    concept: Sequence[str] | None = None,
    *,
    period: str = "year",
) -> DashboardStats:
    """True retention, answer buttons and hours, from the answers ``stats`` was built from
    (read again only when the scope or the clock differ)."""
    period_days = _check_period(period)
    ctx = _Ctx(col, now, deck_id, concept)
    answers = stats.answers
    if answers is None or answers.key != _scope_key(ctx):
        answers = _answers(ctx, _first_day(ctx))
    stats.retention, stats.buttons, stats.hours = _retention_and_buttons(ctx, answers, period_days)
    return stats


def knowledge_history(
    col: Context,
    now: datetime,
    deck_id: int | None = None,
    concept: Sequence[str] | None = None,
    *,
    period: str = "year",
) -> KnowledgeHistory:
    """Σ R at the end of each study day of the period (at most ``HISTORY_MAX_POINTS`` evenly
    spaced days; the last point is now), replayed from the review log."""
    period_days = _check_period(period)
    ctx = _Ctx(col, now, deck_id, concept)
    first = _first_day(ctx)
    n_cards = ctx.read(q.active_cards, ctx.scope)
    if first is None:
        return KnowledgeHistory([], [], n_cards)
    lo = first if period_days is None else max(first, ctx.today - timedelta(days=period_days - 1))
    span = (ctx.today - lo).days + 1
    step = max(1, -(-span // HISTORY_MAX_POINTS))
    day_list = [ctx.today - timedelta(days=k) for k in range(0, span, step)][::-1]
    samples = [ctx.boundary(d + timedelta(days=1)) for d in day_list[:-1]] + [ctx.now_s]
    rows = ctx.read(q.history_rows, ctx.scope, samples[0] * 1000, ctx.now_s * 1000)
    total = m.knowledge_history(
        rows["card"], rows["time"] / 1000.0, rows["stability"], samples, ctx.decay
    )
    return KnowledgeHistory(day_list, [float(x) for x in total], n_cards)


def stats_json(
    col: Context, now: datetime, deck_id: int | None = None, concept: Sequence[str] | None = None
) -> dict[str, Any]:
    """The ``srsapp stats --json`` document (of a deck, or of an imported subdeck: a concept)."""
    with gc_paused():  # (a dict a concept, all kept)
        return _stats_json(dashboard_stats(col, now, deck_id, concept, slow=True, period="year"))


def _stats_json(stats: DashboardStats) -> dict[str, Any]:
    return {
        "today": stats.today.isoformat(),
        "concepts": [
            {
                "path": list(c.path),
                "cards": c.cards,
                "studied": c.studied,
                "mastery": round(c.mastery or 0.0, 4),
                "stable": c.stable,
                "due": c.due,
            }
            for c in stats.concepts
        ],
        "total_knowledge": round(stats.total_knowledge, 2),
        "card_counts": stats.card_counts.as_dict(),
        "retention": {
            period: {
                "young": _pf(row.young),
                "mature": _pf(row.mature),
                "all": _pf(row.all),
            }
            for period, row in stats.retention.items()
            if period != "yesterday"
        },
        "forecast": [
            {"date": f.day.isoformat(), "new": f.new, "learning": f.learning, "review": f.review}
            for f in stats.forecast
        ],
        "reviews": [
            {"date": r.day.isoformat(), "count": r.count, "seconds": r.seconds}
            for r in stats.reviews
        ],
        "streak": stats.streak,
        "daily_average": round(stats.average.per_study_day, 2),
        "days_to_finish": stats.days_to_finish,
    }


def _pf(pf: m.PassFail) -> dict[str, Any]:
    return {
        "passed": pf.passed,
        "failed": pf.failed,
        "retention": None if pf.rate is None else round(pf.rate, 4),
    }
