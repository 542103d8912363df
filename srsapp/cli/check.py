"""`srsapp check [--repair] [--json]`: check the collection; optionally rebuild what can be."""

from __future__ import annotations

import argparse
import sys

from srsapp.cli.common import add_json_flag, now, open_collection, print_json
from srsapp.service.maintenance.check import check


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="check the database and that every card agrees with its review log",
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help="back up, then rebuild card states from the review log and fix dangling rows",
    )
    add_json_flag(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_collection(args) as col:
        report = check(col, repair=args.repair, now=now())
    if args.json:
        print_json(report.as_dict())
        return 0 if report.ok else 1
    print(
        f"Checked {report.cards_checked} card(s) against {report.reviews} review(s)"
        + (
            f"; {report.cards_not_replayable} with imported history not replayed"
            if report.cards_not_replayable
            else ""
        )
        + "."
    )
    if not report.problems:
        print("No problems found.")
        return 0
    print(f"{len(report.problems)} problem(s):")
    for p in report.problems[:50]:
        print(f"  [{p.kind}] {p.message}")
    if len(report.problems) > 50:
        print(f"  ... and {len(report.problems) - 50} more")
    if report.repaired:
        if report.backup:
            print(f"Backup taken before repairing: {report.backup}")
        for change in report.repairs:
            print(f"Repaired: {change}")
        for p in report.remaining:
            print(f"Still wrong: [{p.kind}] {p.message}", file=sys.stderr)
    else:
        print("Run `srsapp check --repair` to fix them (a backup is taken first).")
    return 0 if report.ok else 1
