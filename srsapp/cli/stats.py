"""`srsapp stats`: mastery per concept, knowledge, true retention, forecast, review history."""

from __future__ import annotations

import argparse

from srsapp.cli.common import add_json_flag, deck_scope, now, open_collection, print_json
from srsapp.service.stats import stats_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("stats", help="statistics: mastery per concept, retention, forecast")
    add_json_flag(p)
    p.add_argument(
        "--deck", metavar="NAME", help="only this deck (A::B: a subdeck; default: every deck)"
    )
    p.set_defaults(func=run)


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def run(args: argparse.Namespace) -> int:
    with open_collection(args) as col:
        deck_id, concept = deck_scope(col, args.deck) if args.deck else (None, None)
        data = stats_json(col, now(), deck_id, concept)
    if args.json:
        print_json(data)
        return 0
    print(f"Estimated total knowledge: {data['total_knowledge']:.1f} cards")
    print(f"Streak: {data['streak']} days · daily average {data['daily_average']:.1f} reviews")
    print("\nConcepts (mastery · studied/cards):")
    for c in data["concepts"]:
        if not c["cards"]:
            continue
        indent = "  " * (len(c["path"]) - 1)
        print(f"  {_pct(c['mastery'])}  {c['studied']:>5}/{c['cards']:<5} {indent}{c['path'][-1]}")
    print("\nTrue retention     young    mature")
    for period, row in data["retention"].items():
        print(
            f"  {period:<12} {_pct(row['young']['retention'])}  {_pct(row['mature']['retention'])}"
        )
    load = sum(f["new"] + f["learning"] + f["review"] for f in data["forecast"])
    print(f"\nDue in the next 30 days: {load} (≈{load / 30:.0f} a day)")
    return 0
