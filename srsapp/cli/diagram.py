"""`srsapp export-diagram OUT.svg|OUT.png`: the notes' diagram drawn from its data,
optionally coloured by the collection's mastery."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from srsapp.core.errors import DiagramError
from srsapp.service import sources


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export-diagram",
        help="draw the notes' diagram (e.g. the Docker lifecycle) to an .svg or .png file",
    )
    p.add_argument("out", metavar="OUT", help="a file ending in .svg or .png")
    p.add_argument("--from", dest="source", metavar="FILE.toml",
                   help="a diagram data file (default: the one the collection's notes link to)")  # fmt: skip
    p.add_argument("--width", type=int, default=1600)
    p.add_argument("--height", type=int, default=940)
    p.add_argument("--lang", choices=("ko", "en"), default=None, help="label language")
    p.add_argument("--mastery", action="store_true",
                   help="colour boxes and arrows by the collection's mastery")  # fmt: skip
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".svg", ".png"):
        raise DiagramError("the output must end in .svg or .png", str(out))
    if not (0 < args.width <= 20000 and 0 < args.height <= 20000):
        raise DiagramError("width and height must be between 1 and 20000 pixels", str(out))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # drawing needs no screen
    from srsapp.cli.common import now, open_collection
    from srsapp.core.diagrams import load_diagram
    from srsapp.core.mastery import diagram_overlay
    from srsapp.ui.diagram import render_png, render_svg
    from srsapp.ui.fonts import load_fonts

    focus: dict[str, object] = {}
    if args.source and not args.mastery:
        path = Path(args.source)
        try:
            diagram = load_diagram(path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise DiagramError(f"cannot be read ({exc})", str(path)) from exc
    else:
        from srsapp.service.stats import dashboard_stats

        with open_collection(args) as col:
            links = sources.linked_diagrams(col)
            if not links:
                raise DiagramError(
                    "no notes in this collection link to a diagram", str(col.data_dir)
                )
            diagram = sources.diagram(col, links[0][1])
            if args.mastery:
                stats = dashboard_stats(col, now(), slow=False)
                overlay = diagram_overlay(diagram, stats.concepts, stats.section_cards)
                if overlay is not None:
                    focus = {"mastery": overlay.mastery, "parent_path": overlay.parent,
                             "lang": overlay.lang}  # fmt: skip
    if args.lang:
        focus["lang"] = args.lang
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_fonts()
    render = render_svg if out.suffix.lower() == ".svg" else render_png
    written = render(diagram, out, args.width, args.height, **focus)
    print(f"{written} ({args.width}×{args.height})", file=sys.stderr)
    del app
    return 0
