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

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from srsapp.core import days as daysmod
from srsapp.core import mastery as m
from srsapp.core.errors import CollectionError
from srsapp.core.scheduler import DEFAULT_PARAMETERS
from srsapp.service.context import Context
from srsapp.service.study import queue
from srsapp.store.models import ANSWER_COLUMNS, answer_counted, answer_slot
from srsapp.store.queries import path_json, sqlite_connection

PERIODS = {"month": 30, "year": 365, "all": None}
HISTORY_MAX_POINTS = 180
_MATURE_S = 20.5 * 86400  # scheduled intervals are day-aligned: >= 21 days when rounded


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
        where: list[str] = []
        args: dict[str, Any] = {}
        if deck_id is not None:
            where.append("c.deck_id = :deck")
            args["deck"] = deck_id
        if self.concept:
            pj = path_json(self.concept)
            where.append(
                "c.concept_id IN (SELECT id FROM concepts WHERE path = :cpath OR path LIKE :clike)"
            )
            args["cpath"] = pj
            args["clike"] = pj[:-1] + ",%"
        self.card_where = " AND ".join(where) if where else "1"
        self.args: dict[str, Any] = args
        self.scoped = bool(where)

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

    def day_case(self, column: str, first: date, last: date, scale: int = 1) -> str:
        """SQL for the study-day index (0 = ``first``) of epoch ``column`` (÷ ``scale`` to
        seconds); times before ``first`` give negative numbers, after ``last`` large ones."""
        n = (last - first).days + 1
        bounds = [self.boundary(first + timedelta(days=i)) for i in range(n + 1)]
        runs: list[tuple[int, int]] = []  # (start day index, its boundary)
        for i in range(n + 1):
            if i == 0 or bounds[i] - bounds[i - 1] != 86400:
                runs.append((i, bounds[i]))
        t = f"({column} / {scale})" if scale != 1 else column
        parts = []
        for k, (idx, b) in enumerate(runs):
            expr = f"({idx} + (({t} - {b}) - ((({t} - {b}) % 86400) + 86400) % 86400) / 86400)"
            if k + 1 < len(runs):
                parts.append(f"WHEN {t} < {runs[k + 1][1]} THEN {expr}")
            else:
                parts.append(f"ELSE {expr}")
        if len(parts) == 1:
            return parts[0][5:]
        return "(CASE " + " ".join(parts) + " END)"

    def offset_case(self, column: str, first: date, last: date, scale: int = 1) -> str:
        """SQL for ``column`` (epoch, ÷ scale) shifted to local wall-clock seconds (UTC offset
        changes inside the range are found to the second)."""
        t = f"({column} / {scale})" if scale != 1 else column
        parts = self.offset_runs(first, last)
        if len(parts) == 1:
            return f"({t} + {parts[0][1]})"
        whens = " ".join(
            f"WHEN {t} < {parts[k + 1][0]} THEN {t} + {off}"
            for k, (_b, off) in enumerate(parts[:-1])
        )
        return f"(CASE {whens} ELSE {t} + {parts[-1][1]} END)"

    def _offset(self, epoch: int) -> int:
        off = datetime.fromtimestamp(epoch, UTC).astimezone(self.tz).utcoffset()
        return int(off.total_seconds()) if off else 0

    def rows(self, sql: str, extra: dict[str, Any] | None = None) -> list[Any]:
        with self.col.db.reading() as s:
            conn = s.connection()
            return list(conn.exec_driver_sql(sql, {**self.args, **(extra or {})}).all())


# ---------------------------------------------------------------- pieces


def _r_expr(ctx: _Ctx) -> str:
    """A card's retrievability now (``:now``, epoch s) as SQL over ``cards c``; 0 unseen."""
    factor = m.curve_factor(ctx.decay)
    return (
        "CASE WHEN c.state > 0 AND c.stability > 0 AND c.last_review IS NOT NULL THEN "
        f"pow(1.0 + {factor!r} * max(:now - c.last_review, 0) / 86400.0 / c.stability, "
        f"{-ctx.decay!r}) ELSE 0.0 END"
    )


def _section_cards(ctx: _Ctx, concepts: list[m.ConceptMastery]) -> list[m.SectionCard]:
    """The cards of the sections that show a diagram (the parents of its state concepts)
    other than its diagram cards: the notes' own cards about its boxes ("실행 : …")."""
    parents = sorted({c.path[:-1] for c in concepts if c.kind == "state"})
    if not parents:
        return []
    names = {f"p{i}": path_json(p) for i, p in enumerate(parents)}
    rows = ctx.rows(
        f"""SELECT c.anchor, {_r_expr(ctx)}, c.state > 0 AND c.stability IS NOT NULL,
                   c.state > 0 AND c.due < :end
            FROM cards c JOIN concepts k ON k.id = c.concept_id
            WHERE k.path IN ({", ".join(":" + n for n in names)}) AND c.kind != 'diagram'
              AND c.retired = 0 AND c.suspended = 0 AND {ctx.card_where}""",
        {"now": ctx.now_s, "end": ctx.end_s, **names},
    )
    return [m.SectionCard(str(a), float(r or 0.0), bool(st), bool(due)) for a, r, st, due in rows]


def _cards(ctx: _Ctx) -> tuple[list[m.ConceptMastery], float, CardCounts]:
    """Mastery per concept, total knowledge and card counts: one pass over the covering
    ``ix_cards_stats`` index, grouped in its order (no sort)."""
    deck = "AND deck_id = :deck" if ctx.deck_id is not None else ""
    rows = ctx.rows(f"SELECT id, path, kind, position FROM concepts WHERE retired = 0 {deck}")
    # every path is a JSON list: parse them all in one call (12k json.loads calls took 50 ms)
    paths = json.loads("[" + ",".join(r[1] for r in rows) + "]")
    nodes = [
        m.ConceptNode(int(cid), tuple(path), kind, int(pos))
        for (cid, _p, kind, pos), path in zip(rows, paths, strict=True)
    ]
    r_expr = _r_expr(ctx)
    rows = ctx.rows(
        f"""SELECT c.concept_id, c.suspended, c.retired, count(*),
                   sum(c.state > 0 AND c.stability IS NOT NULL), sum({r_expr}),
                   sum(c.state > 0 AND c.stability >= {m.MATURE_DAYS}),
                   sum(c.state > 0 AND c.due < :end), sum(c.state = 0), sum(c.state IN (1, 3)),
                   sum(c.state NOT IN (0, 1, 3)
                       AND c.due - coalesce(c.last_review, c.due) >= {_MATURE_S})
            FROM cards c WHERE {ctx.card_where}
            GROUP BY c.concept_id, c.suspended, c.retired""",
        {"now": ctx.now_s, "end": ctx.end_s},
    )
    own: dict[int, m.ConceptTotals] = {}
    total_r = 0.0
    counts = dict.fromkeys(("new", "learning", "young", "mature", "suspended", "retired"), 0)
    for cid, suspended, retired, n, studied, sum_r, stable, due, new, learning, mature in rows:
        if retired:
            counts["retired"] += int(n)
            continue
        total_r += float(sum_r or 0.0)
        if suspended:
            counts["suspended"] += int(n)
            continue
        counts["new"] += int(new or 0)
        counts["learning"] += int(learning or 0)
        counts["mature"] += int(mature or 0)
        counts["young"] += int(n) - int(new or 0) - int(learning or 0) - int(mature or 0)
        if cid is None:
            continue
        own.setdefault(int(cid), m.ConceptTotals()).add(
            m.ConceptTotals(
                int(n),
                int(studied or 0),
                float(sum_r or 0.0),
                int(stable or 0),
                int(due or 0),
                int(new or 0),
            )
        )
    concepts = m.roll_up(nodes, own)
    if ctx.concept:
        concepts = [c for c in concepts if c.path[: len(ctx.concept)] == ctx.concept]
    return concepts, total_r, CardCounts(**counts)


def _new_limits(ctx: _Ctx) -> tuple[int, int, int, list[tuple[int, int, int]]]:
    """(new cards remaining, new per day, new left today, per deck (remaining, limit, left))."""
    rows = ctx.rows(
        f"""SELECT c.deck_id, count(*) FROM cards c
            WHERE c.state = 0 AND c.retired = 0 AND c.suspended = 0 AND {ctx.card_where}
            GROUP BY c.deck_id"""
    )
    per_deck = []
    for deck_id, remaining in rows:
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
    horizon = ctx.boundary(last + timedelta(days=1))
    day = ctx.day_case("c.due", ctx.today, last)
    rows = ctx.rows(
        f"""SELECT c.state IN (1, 3), max({day}, 0), count(*) FROM cards c
            WHERE c.state IN (1, 2, 3) AND c.due < :horizon AND c.retired = 0 AND c.suspended = 0
              AND {ctx.card_where}
            GROUP BY 1, 2""",
        {"horizon": horizon},
    )
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


def _revlog_join(ctx: _Ctx) -> str:
    return "JOIN cards c ON c.id = r.card_id AND " + ctx.card_where if ctx.scoped else ""


def _first_day(ctx: _Ctx) -> date | None:
    rows = ctx.rows(f"SELECT min(r.time_ms) FROM revlog r {_revlog_join(ctx)}")
    if not rows or rows[0][0] is None:
        return None
    first = datetime.fromtimestamp(int(rows[0][0]) / 1000, UTC)
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


_N_SLOTS = len(ANSWER_COLUMNS)
_FAILED = [k for k in range(_N_SLOTS) if k % 4 == 0]  # rating 1 (Again) of each class


def _scope_key(ctx: _Ctx) -> tuple[Any, ...]:
    return (ctx.deck_id, ctx.concept, ctx.now_s, str(ctx.tz), ctx.hour)


def _answers(ctx: _Ctx, first: date | None) -> _Answers | None:
    if first is None:
        return None
    top = ctx.rows(f"SELECT max(r.time_ms) FROM revlog r {_revlog_join(ctx)}")[0][0]
    last = ctx.today
    if top is not None:  # answers after today (the clock was moved back) keep their day
        top_day = daysmod.study_day(datetime.fromtimestamp(int(top) / 1000, UTC), ctx.tz, ctx.hour)
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
        data = _fetch(
            ctx,
            f"SELECT hour, {', '.join(ANSWER_COLUMNS)}, duration_ms FROM revlog_hours "
            "WHERE hour >= :since_h ORDER BY hour",
            {"since_h": since // 3_600_000},
            _N_SLOTS + 2,
        )
        t = data[:, 0] * 3600
        day = np.searchsorted(np.asarray(bounds, dtype=np.int64), t, side="right") - 1
        run_at = np.searchsorted(np.asarray([r[0] for r in runs], dtype=np.int64), t, "right")
        off = np.asarray([r[1] for r in runs], dtype=np.int64)[np.maximum(run_at - 1, 0)]
        hour = ((t + off) % 86400) // 3600
        slots, ms = data[:, 1 : 1 + _N_SLOTS], data[:, 1 + _N_SLOTS]
    else:
        day_sql = ctx.day_case("r.time_ms", first, last, 1000)
        local = ctx.offset_case("r.time_ms", first, last, 1000)
        sums = ", ".join(f"sum({answer_slot('r')} = {k})" for k in range(_N_SLOTS))
        data = _fetch(
            ctx,
            f"""SELECT {day_sql} AS d, ({local} % 86400) / 3600 AS h, {sums}, sum(r.duration_ms)
                FROM revlog r {_revlog_join(ctx)}
                WHERE r.time_ms >= :since AND {answer_counted("r")} GROUP BY d, h""",
            {"since": since},
            _N_SLOTS + 3,
        )
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


def _fetch(ctx: _Ctx, sql: str, args: dict[str, Any], width: int) -> npt.NDArray[np.int64]:
    """Rows of integers straight from the driver into an (n, width) array."""
    with ctx.col.db.reading() as s:
        cur = sqlite_connection(s).execute(sql, {**ctx.args, **args})
        rows = np.fromiter(cur, dtype=np.dtype((np.int64, width))).reshape(-1, width)
        return rows.view(np.int64).reshape(-1, width)


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


_ROW = np.dtype([("card", np.int64), ("time", np.int64), ("stability", np.float64)])


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
    n_cards_rows = ctx.rows(
        f"SELECT count(*) FROM cards c WHERE c.retired = 0 AND c.suspended = 0 AND {ctx.card_where}"
    )
    n_cards = int(n_cards_rows[0][0]) if n_cards_rows else 0
    if first is None:
        return KnowledgeHistory([], [], n_cards)
    lo = first if period_days is None else max(first, ctx.today - timedelta(days=period_days - 1))
    span = (ctx.today - lo).days + 1
    step = max(1, -(-span // HISTORY_MAX_POINTS))
    day_list = [ctx.today - timedelta(days=k) for k in range(0, span, step)][::-1]
    samples = [ctx.boundary(d + timedelta(days=1)) for d in day_list[:-1]] + [ctx.now_s]
    # Only what the samples need: each card's last row before the first sample, then the rows
    # up to now (both from covering indexes), of the scope's active cards.
    join = ""
    if ctx.scoped:
        join = (
            "JOIN cards c ON c.id = r.card_id AND c.retired = 0 AND c.suspended = 0 AND "
            + ctx.card_where
        )
    args = {**ctx.args, "first_ms": samples[0] * 1000, "now_ms": ctx.now_s * 1000}
    with col.db.reading() as s:
        raw = sqlite_connection(s)
        assert raw is not None
        earlier = np.fromiter(
            raw.execute(
                f"SELECT r.card_id, max(r.time_ms), coalesce(r.stability, -1.0) FROM revlog r "
                f"{join} WHERE r.time_ms < :first_ms GROUP BY r.card_id",
                args,
            ),
            dtype=_ROW,
        )
        inside = np.fromiter(
            raw.execute(
                f"SELECT r.card_id, r.time_ms, coalesce(r.stability, -1.0) FROM revlog r {join} "
                "WHERE r.time_ms >= :first_ms AND r.time_ms <= :now_ms",
                args,
            ),
            dtype=_ROW,
        )
        rows = np.concatenate([earlier, inside])
        if not ctx.scoped:  # cheaper than joining every row: drop retired / suspended cards
            inactive = np.fromiter(
                raw.execute("SELECT id FROM cards WHERE retired != 0 OR suspended != 0"),
                dtype=np.dtype((np.int64, 1)),
            ).ravel()
            if inactive.size:
                rows = rows[~np.isin(rows["card"], inactive)]
    rows = rows[np.lexsort((rows["time"], rows["card"]))]
    total = m.knowledge_history(
        rows["card"], rows["time"] / 1000.0, rows["stability"], samples, ctx.decay
    )
    return KnowledgeHistory(day_list, [float(x) for x in total], n_cards)


def stats_json(
    col: Context, now: datetime, deck_id: int | None = None, concept: Sequence[str] | None = None
) -> dict[str, Any]:
    """The ``srsapp stats --json`` document (of a deck, or of an imported subdeck: a concept)."""
    stats = dashboard_stats(col, now, deck_id, concept, slow=True, period="year")
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
