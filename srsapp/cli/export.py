"""`srsapp export FILE [--deck NAME] [--no-scheduling] [--notes] [--json]`."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any

from srsapp.cli.common import add_json_flag, export_deck, now, open_collection, print_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="export to .apkg/.colpkg (Anki), .csv/.tsv/.txt (Anki text), .json (backup), .md",
        description="Export to .apkg/.colpkg (Anki: notes, note types, scheduling, history, "
        "media), .csv/.tsv/.txt (Anki text), .json (a backup of the whole collection) or .md. "
        "A text file has one Basic row per card with its front and back as shown: note types "
        "and sibling cards are lost; --notes writes Anki's 'Notes in Plain Text' instead.",
    )
    p.add_argument("file", metavar="FILE", help="file to write; the extension picks the format")
    p.add_argument(
        "--deck", metavar="NAME", help="only this deck (A::B: a subdeck; default: every deck)"
    )
    p.add_argument(
        "--no-scheduling",
        dest="scheduling",
        action="store_false",
        help="leave out review history and card states (.apkg): the cards arrive as new",
    )
    p.add_argument(
        "--notes",
        action="store_true",
        help="text formats: one row per note with its fields, note type, deck and tags "
        "(Anki's 'Notes in Plain Text', imported by Anki's File > Import) instead of one "
        "Basic row per card with its front and back as shown",
    )
    add_json_flag(p)
    p.set_defaults(func=run)


def _diagram_renderer(path: str, notes: bool = False) -> Any:
    """The Qt diagram painter for .apkg pictures (and the names a notes text file gives them),
    if Qt is available (offscreen is fine)."""
    if not notes and Path(path).suffix.lower() not in (".apkg", ".colpkg"):
        return None
    if importlib.util.find_spec("PySide6") is None:
        return None
    from srsapp.ui.diagram_png import render_diagram_png

    return render_diagram_png


def run(args: argparse.Namespace) -> int:
    with open_collection(args) as col:
        report = col.export_file(
            args.file,
            deck=export_deck(col, args.deck) if args.deck else None,
            scheduling=args.scheduling,
            now=now(),
            render_diagram=_diagram_renderer(args.file, args.notes),
            notes=args.notes,
        )
    if args.json:
        print_json(report.as_dict())
        return 0
    print(f"{report.path}: {report.notes} notes, {report.cards} cards, {report.revlog} reviews, "
          f"{report.media} media files")  # fmt: skip
    for w in report.warnings:
        print(f"  warning: {w}", file=sys.stderr)
    return 0
