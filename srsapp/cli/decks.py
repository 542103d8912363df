"""`srsapp decks`: today's counts per deck."""

from __future__ import annotations

import argparse

from srsapp.cli.common import add_json_flag, now, open_collection, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("decks", help="list decks with today's new / learn / review counts")
    add_json_flag(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_collection(args) as col:
        counts = col.deck_counts(now())
    if args.json:
        print_json([c.as_dict() for c in counts])
        return 0
    width = max([len(c.name) for c in counts] + [4])
    print(f"{'Deck':<{width}}  {'New':>5} {'Learn':>5} {'Due':>5} {'Total':>6}")
    for c in counts:
        print(f"{c.name:<{width}}  {c.new:>5} {c.learn:>5} {c.review:>5} {c.total:>6}")
    return 0
