"""`srsapp stats`: mastery per concept, knowledge, true retention, forecast, review history."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from srsapp.cli.common import add_json_flag, deck_scope, now, open_collection, print_json
from srsapp.core.errors import SrsError
from srsapp.service.stats import stats_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("stats", help="statistics: mastery per concept, retention, forecast")
    add_json_flag(p)
    p.add_argument(
        "--deck", metavar="NAME", help="only this deck (A::B: a subdeck; default: every deck)"
    )
    p.add_argument(
        "--report",
        metavar="OUT.pdf|OUT.png",
        help="write every panel of the statistics as a report: A4 pages (.pdf) or one image (.png)",
    )
    p.add_argument(
        "--period", choices=("month", "year", "all"), default="year", help="of the report"
    )
    p.add_argument("--lang", choices=("ko", "en"), default=None, help="the report's language")
    p.set_defaults(func=run)


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def run(args: argparse.Namespace) -> int:
    if args.report:
        return _report(args)
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


def _report(args: argparse.Namespace) -> int:
    """``--report OUT``: the dashboard's panels drawn off screen (no display needed)."""
    out = Path(args.report)
    if out.suffix.lower() not in (".pdf", ".png"):
        raise SrsError("the report must end in .pdf or .png", str(out))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # drawing needs no screen
    from PySide6.QtWidgets import QApplication

    from srsapp.ui import report
    from srsapp.ui.fonts import load_fonts
    from srsapp.ui.i18n import I18n

    app = QApplication.instance() or QApplication([])
    load_fonts()
    with open_collection(args) as col:
        deck_id, concept = deck_scope(col, args.deck) if args.deck else (None, None)
        i18n = I18n(args.lang or col.settings().get("ui_language") or "en")
        data = report.collect(col, now(), i18n, deck_id, concept, period=args.period,
                              scope=args.deck)  # fmt: skip
        pages = report.write_report(data, i18n, out)
    del app
    print(f"wrote {out} ({pages} page{'s' if pages != 1 else ''})", file=sys.stderr)
    return 0
