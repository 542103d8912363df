"""`srsapp decks`: the deck tree with today's counts (subdecks under their parents)."""

from __future__ import annotations

import argparse

from srsapp.cli.common import add_json_flag, now, open_collection, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("decks", help="list decks with today's new / learn / review counts")
    add_json_flag(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_collection(args) as col:
        nodes = [n for top in col.deck_tree(now()) for n in top.walk()]
    if args.json:
        keys = ("name", "new", "learn", "review", "total")
        print_json([{k: getattr(n, k) for k in keys} for n in nodes])
        return 0
    # the tree: each deck under its parent, by its last name; "::" names in --json
    titles = ["  " * n.name.count("::") + n.title for n in nodes]
    width = max([len(t) for t in titles] + [4])
    print(f"{'Deck':<{width}}  {'New':>5} {'Learn':>5} {'Due':>5} {'Total':>6}")
    for t, n in zip(titles, nodes, strict=True):
        print(f"{t:<{width}}  {n.new:>5} {n.learn:>5} {n.review:>5} {n.total:>6}")
    return 0
