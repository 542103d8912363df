"""`srsapp import FILE... [--deck NAME] [--json]`: Anki packages, CSV/TSV, JSON backups, notes."""

from __future__ import annotations

import argparse
import sys

from srsapp.cli.common import add_json_flag, now, open_collection, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        help="import .apkg/.colpkg (Anki), .csv/.tsv/.txt (Anki text), .json (backup), .md (notes)",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="files to import, in order")
    p.add_argument("--deck", metavar="NAME", help="put the cards into this deck")
    add_json_flag(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    reports = []
    # a JSON backup goes only into an empty collection: a new one is not seeded first
    json_first = str(args.files[0]).lower().endswith(".json")
    with open_collection(args, seed=not json_first) as col:
        for path in args.files:
            reports.append(col.import_file(path, deck=args.deck, now=now()))
            if not args.json:
                r = reports[-1]
                if r.format == "notes":
                    print(f"{r.path} → {r.decks[0]}: {r.added} added, {r.updated - r.revived} "
                          f"updated, {r.retired} retired, {r.revived} revived, "
                          f"{r.unchanged} unchanged")  # fmt: skip
                    for line in sync_details(r.renamed, r.retired_cards):
                        print(f"  {line}")
                    if r.not_carded:
                        print(f"  {len(r.not_carded)} blocks of the notes made no card "
                              f"(`srsapp generate {r.path} --report` lists them and why)")  # fmt: skip
                else:
                    print(f"{r.path}: {r.added} added, {r.updated} updated, {r.skipped} skipped"
                          f" ({r.revlog} reviews, {r.media} media files)")  # fmt: skip
                for w in r.warnings:
                    print(f"  warning: {w}", file=sys.stderr)
    keys = ("added", "updated", "skipped", "retired", "revived", "unchanged")
    totals = {k: sum(getattr(r, k) for r in reports) for k in keys}
    if all(r.format == "notes" for r in reports):
        # a notes sync reports its own counts: "updated" excludes the revived cards
        totals["updated"] = sum(r.updated - r.revived for r in reports)
    if args.json:
        print_json({**totals, "files": [r.as_dict() for r in reports]})
    elif len(reports) > 1:
        print(f"total: {totals['added']} added, {totals['updated']} updated, "
              f"{totals['skipped']} skipped")  # fmt: skip
    return 0


SHOWN = 10  # retired cards listed one by one; the rest are counted


def sync_details(renamed: tuple[tuple[str, str], ...], retired: tuple[object, ...]) -> list[str]:
    """What a notes sync did beyond the counts: headings renamed, cards retired."""
    lines = [f"renamed: {a} → {b}" for a, b in renamed]
    if retired:
        lines.append(f"retired: {len(retired)} card{'s' if len(retired) != 1 else ''}")
        shown = [str(r) for r in retired[:SHOWN]]  # a term's two cards: one line, ×2
        lines += [f"  - {t}" + (f" ×{shown.count(t)}" if shown.count(t) > 1 else "")
                  for t in dict.fromkeys(shown)]  # fmt: skip
        if len(retired) > SHOWN:
            lines.append(f"  and {len(retired) - SHOWN} more")
    return lines
