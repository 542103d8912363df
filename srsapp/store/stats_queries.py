"""Named queries of the statistics (``service.stats``): cards grouped by concept and state, the
forecast of due cards per study day, answers per study day and local hour (from ``revlog_hours``
or one GROUP BY pass over the review log) and the rows a knowledge history replays.

Plain SQL on the session's sqlite3 connection, aggregated in SQLite (GROUP BY) and read into
numpy arrays where the rows are many. Study days are given by the caller as the epoch
boundaries of consecutive days (``day_case``) and UTC offsets as (instant it starts, offset s)
runs (``offset_case``): the time-zone arithmetic stays in the service, the SQL here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from srsapp.store.models import ANSWER_COLUMNS, answer_counted, answer_slot, new_last_sql
from srsapp.store.queries import path_json, sqlite_connection

N_SLOTS = len(ANSWER_COLUMNS)  # answer classes x ratings, as the columns of ``revlog_hours``
Rows = list[tuple[Any, ...]]


@dataclass(frozen=True)
class Scope:
    """Which cards: a deck (None: all) and a concept subtree (None or empty: all)."""

    deck_id: int | None = None
    concept: tuple[str, ...] | None = None

    @property
    def scoped(self) -> bool:
        return self.deck_id is not None or bool(self.concept)

    def card_where(self) -> tuple[str, dict[str, Any]]:
        """The SQL condition on ``cards c`` and its named parameters."""
        where: list[str] = []
        args: dict[str, Any] = {}
        if self.deck_id is not None:
            where.append("c.deck_id = :deck")
            args["deck"] = self.deck_id
        if self.concept:
            pj = path_json(self.concept)
            where.append(
                "c.concept_id IN (SELECT id FROM concepts WHERE path = :cpath OR path LIKE :clike)"
            )
            args["cpath"] = pj
            args["clike"] = pj[:-1] + ",%"
        return (" AND ".join(where) if where else "1"), args


def _rows(s: Session, scope: Scope, sql: str, extra: dict[str, Any] | None = None) -> Rows:
    """The rows of ``sql`` in which ``{where}`` stands for the scope's condition on cards."""
    where, args = scope.card_where()
    # the sqlite3 cursor's own tuples, not SQLAlchemy's result rows made into tuples
    cur = sqlite_connection(s).execute(sql.replace("{where}", where), {**args, **(extra or {})})
    return cur.fetchall()


def _array(
    s: Session, scope: Scope, sql: str, args: dict[str, Any], width: int
) -> npt.NDArray[np.int64]:
    """Rows of integers straight from the driver into an (n, width) array."""
    where, scope_args = scope.card_where()
    cur = sqlite_connection(s).execute(sql.replace("{where}", where), {**scope_args, **args})
    rows = np.fromiter(cur, dtype=np.dtype((np.int64, width))).reshape(-1, width)
    return rows.view(np.int64).reshape(-1, width)


def _revlog_join(scope: Scope) -> str:
    return "JOIN cards c ON c.id = r.card_id AND {where}" if scope.scoped else ""


# ---------------------------------------------------------------- SQL of times and curves


def day_case(column: str, bounds: Sequence[int], scale: int = 1) -> str:
    """SQL for the study-day index (0 = the day starting at ``bounds[0]``) of epoch ``column``
    (÷ ``scale`` to seconds), given the epoch starts of consecutive study days (and the end of
    the last); times before the first give negative numbers, after the last large ones."""
    runs: list[tuple[int, int]] = []  # (start day index, its boundary)
    for i in range(len(bounds)):
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


def offset_case(column: str, runs: Sequence[tuple[int, int]], scale: int = 1) -> str:
    """SQL for ``column`` (epoch, ÷ scale) shifted to local wall-clock seconds, given the
    (instant it starts, UTC offset s) runs of the range."""
    t = f"({column} / {scale})" if scale != 1 else column
    if len(runs) == 1:
        return f"({t} + {runs[0][1]})"
    whens = " ".join(
        f"WHEN {t} < {runs[k + 1][0]} THEN {t} + {off}" for k, (_b, off) in enumerate(runs[:-1])
    )
    return f"(CASE {whens} ELSE {t} + {runs[-1][1]} END)"


def retrievability_sql(factor: float, decay: float) -> str:
    """A card's retrievability at ``:now`` (epoch s) as SQL over ``cards c``; 0 unseen."""
    return (
        "CASE WHEN c.state > 0 AND c.stability > 0 AND c.last_review IS NOT NULL THEN "
        f"pow(1.0 + {factor!r} * max(:now - c.last_review, 0) / 86400.0 / c.stability, "
        f"{-decay!r}) ELSE 0.0 END"
    )


# ---------------------------------------------------------------- cards


def live_concepts(s: Session, deck_id: int | None) -> list[tuple[int, tuple[str, ...], str, int]]:
    """(id, path, kind, position) of the concepts not retired (of a deck, or of all)."""
    deck = "AND deck_id = :deck" if deck_id is not None else ""
    rows = _rows(
        s, Scope(deck_id), f"SELECT id, path, kind, position FROM concepts WHERE retired = 0 {deck}"
    )
    # every path is a JSON list: parse them all in one call (12k json.loads calls took 50 ms)
    paths = json.loads("[" + ",".join(r[1] for r in rows) + "]")
    return [
        (int(cid), tuple(path), str(kind), int(pos))
        for (cid, _p, kind, pos), path in zip(rows, paths, strict=True)
    ]


def card_groups(
    s: Session,
    scope: Scope,
    r_sql: str,
    now_s: int,
    end_s: int,
    mature_days: float,
    mature_s: float,
) -> Rows:
    """Per (concept, suspended, retired): cards, studied, Σ R (``r_sql``), stable (stability
    >= ``mature_days``), due before ``end_s``, new, learning and mature (interval >=
    ``mature_s``) — one pass over the covering ``ix_cards_stats`` index, in its order."""
    return _rows(
        s,
        scope,
        f"""SELECT c.concept_id, c.suspended, c.retired, count(*),
                   sum(c.state > 0 AND c.stability IS NOT NULL), sum({r_sql}),
                   sum(c.state > 0 AND c.stability >= {mature_days}),
                   sum(c.state > 0 AND c.due < :end), sum(c.state = 0), sum(c.state IN (1, 3)),
                   sum(c.state NOT IN (0, 1, 3)
                       AND c.due - coalesce(c.last_review, c.due) >= {mature_s})
            FROM cards c WHERE {{where}}
            GROUP BY c.concept_id, c.suspended, c.retired""",
        {"now": now_s, "end": end_s},
    )


def section_cards(
    s: Session, scope: Scope, parents: Sequence[Sequence[str]], r_sql: str, now_s: int, end_s: int
) -> Rows:
    """(anchor, R, studied, due before ``end_s``) of the active cards, other than diagram
    cards, of the concepts ``parents``."""
    names = {f"p{i}": path_json(p) for i, p in enumerate(parents)}
    return _rows(
        s,
        scope,
        f"""SELECT c.anchor, {r_sql}, c.state > 0 AND c.stability IS NOT NULL,
                   c.state > 0 AND c.due < :end
            FROM cards c JOIN concepts k ON k.id = c.concept_id
            WHERE k.path IN ({", ".join(":" + n for n in names)}) AND c.kind != 'diagram'
              AND c.retired = 0 AND c.suspended = 0 AND {{where}}""",
        {"now": now_s, "end": end_s, **names},
    )


def new_per_deck(s: Session, scope: Scope) -> list[tuple[int, int]]:
    """(deck id, new cards not retired, suspended or buried-forever) of each deck."""
    rows = _rows(
        s,
        scope,
        """SELECT c.deck_id, count(*) FROM cards c
            WHERE c.state = 0 AND c.retired = 0 AND c.suspended = 0 AND {where}
            GROUP BY c.deck_id""",
    )
    return [(int(d), int(n)) for d, n in rows]


def due_per_day(s: Session, scope: Scope, bounds: Sequence[int]) -> Rows:
    """(learning?, study-day index (0 for overdue), cards) of the active cards due before the
    end of the study days ``bounds`` gives. Of every deck: the range of the scheduled cards
    due before then in ``ix_cards_by_due`` (covering); a deck's or a concept's are found
    through ``ix_cards_deck_due`` or ``ix_cards_stats`` instead (that range is the whole
    collection's: 0.5 against 1.9 ms for a deck of 100k cards, 1 against 20 ms for a
    concept)."""
    day = day_case("c.due", bounds)
    due = "" if scope.scoped else f"{new_last_sql('c')} = 0 AND "
    return _rows(
        s,
        scope,
        f"""SELECT c.state IN (1, 3), max({day}, 0), count(*) FROM cards c
            WHERE {due}c.due < :horizon
              AND c.state IN (1, 2, 3) AND c.retired = 0 AND c.suspended = 0
              AND {{where}}
            GROUP BY 1, 2""",
        {"horizon": bounds[-1]},
    )


def active_cards(s: Session, scope: Scope) -> int:
    """How many cards of the scope are neither retired nor suspended."""
    rows = _rows(
        s, scope, "SELECT count(*) FROM cards c WHERE c.retired = 0 AND c.suspended = 0 AND {where}"
    )
    return int(rows[0][0]) if rows else 0


# ---------------------------------------------------------------- answers


def first_answer_ms(s: Session, scope: Scope) -> int | None:
    rows = _rows(s, scope, f"SELECT min(r.time_ms) FROM revlog r {_revlog_join(scope)}")
    return None if not rows or rows[0][0] is None else int(rows[0][0])


def last_answer_ms(s: Session, scope: Scope) -> int | None:
    rows = _rows(s, scope, f"SELECT max(r.time_ms) FROM revlog r {_revlog_join(scope)}")
    return None if not rows or rows[0][0] is None else int(rows[0][0])


def answers_per_hour(s: Session, since_h: int) -> npt.NDArray[np.int64]:
    """Rows of (UTC hour, answers in each of the ``N_SLOTS`` slots, ms taken) of the whole
    collection from ``since_h`` (hours since the epoch), from ``revlog_hours``."""
    return _array(
        s,
        Scope(),
        f"SELECT hour, {', '.join(ANSWER_COLUMNS)}, duration_ms FROM revlog_hours "
        "WHERE hour >= :since_h ORDER BY hour",
        {"since_h": since_h},
        N_SLOTS + 2,
    )


def answers_per_day_hour(
    s: Session, scope: Scope, bounds: Sequence[int], runs: Sequence[tuple[int, int]]
) -> npt.NDArray[np.int64]:
    """Rows of (study-day index, local hour, answers in each of the ``N_SLOTS`` slots, ms
    taken) of the scope's counted answers from ``bounds[0]``, in one GROUP BY pass."""
    day_sql = day_case("r.time_ms", bounds, 1000)
    local = offset_case("r.time_ms", runs, 1000)
    sums = ", ".join(f"sum({answer_slot('r')} = {k})" for k in range(N_SLOTS))
    return _array(
        s,
        scope,
        f"""SELECT {day_sql} AS d, ({local} % 86400) / 3600 AS h, {sums}, sum(r.duration_ms)
            FROM revlog r {_revlog_join(scope)}
            WHERE r.time_ms >= :since AND {answer_counted("r")} GROUP BY d, h""",
        {"since": bounds[0] * 1000},
        N_SLOTS + 3,
    )


HISTORY_ROW = np.dtype([("card", np.int64), ("time", np.int64), ("stability", np.float64)])


def history_rows(s: Session, scope: Scope, first_ms: int, now_ms: int) -> npt.NDArray[Any]:
    """(card, time ms, stability or -1) of what a knowledge history from ``first_ms`` needs:
    each card's last row before it, then the rows up to ``now_ms`` (both from covering
    indexes), of the scope's active cards, by card and time."""
    join = ""
    if scope.scoped:
        join = "JOIN cards c ON c.id = r.card_id AND c.retired = 0 AND c.suspended = 0 AND {where}"
    where, args = scope.card_where()
    join = join.replace("{where}", where)
    args = {**args, "first_ms": first_ms, "now_ms": now_ms}
    raw = sqlite_connection(s)
    earlier = np.fromiter(
        raw.execute(
            f"SELECT r.card_id, max(r.time_ms), coalesce(r.stability, -1.0) FROM revlog r "
            f"{join} WHERE r.time_ms < :first_ms GROUP BY r.card_id",
            args,
        ),
        dtype=HISTORY_ROW,
    )
    inside = np.fromiter(
        raw.execute(
            f"SELECT r.card_id, r.time_ms, coalesce(r.stability, -1.0) FROM revlog r {join} "
            "WHERE r.time_ms >= :first_ms AND r.time_ms <= :now_ms",
            args,
        ),
        dtype=HISTORY_ROW,
    )
    rows = np.concatenate([earlier, inside])
    if not scope.scoped:  # cheaper than joining every row: drop retired / suspended cards
        inactive = np.fromiter(
            raw.execute("SELECT id FROM cards WHERE retired != 0 OR suspended != 0"),
            dtype=np.dtype((np.int64, 1)),
        ).ravel()
        if inactive.size:
            rows = rows[~np.isin(rows["card"], inactive)]
    return rows[np.lexsort((rows["time"], rows["card"]))]
