"""Workload by desired retention: a year of study simulated at each retention from 70 % to 97 %.

``compute_workload`` gives the mean reviews per day and the cards remembered at the end for every
retention in ``RETENTIONS`` (``optimize.simulate``) and the suggested retention (least study
time per remembered card, ``optimize.suggest_retention``). Pure: one fixed seed for every
retention, so the curves differ by retention, not by luck.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from srsapp.core.fitting import optimize
from srsapp.core.fitting.optimize import WorkloadPoint

RETENTIONS: tuple[float, ...] = tuple(round(0.70 + 0.01 * i, 2) for i in range(28))  # 0.70–0.97
SIM_DAYS = 365
SIM_SEED = 42  # one seed for every retention: the curves differ by retention, not by luck


@dataclass(frozen=True, slots=True)
class WorkloadResult:
    points: list[WorkloadPoint]
    suggested: float


def compute_workload(
    parameters: Sequence[float], deck_size: int, learn_limit: int, review_limit: int
) -> WorkloadResult:
    """The simulated points for every retention in RETENTIONS and the suggested retention."""
    points = optimize.simulate(
        parameters,
        RETENTIONS,
        deck_size=deck_size,
        learn_limit=learn_limit,
        review_limit=review_limit,
        days=SIM_DAYS,
        seed=SIM_SEED,
    )
    return WorkloadResult(points, optimize.suggest_retention(points))
