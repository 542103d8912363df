"""Command line: `srsapp [--data-dir DIR] COMMAND ...`; with no command it launches the GUI.

Each command lives in its own module of this package and exposes
``register(subparsers) -> None``; the parser it adds sets ``func`` to a
callable ``(args) -> int``. Add a module name to ``COMMANDS`` to plug one in.
JSON goes to stdout, messages to stderr; errors exit non-zero with one line.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from srsapp import __version__
from srsapp.core.errors import SrsError

COMMANDS = [
    "decks",
    "generate",
    "optimize",
    "check",
    "backup",
    "import_",
    "export",
    "stats",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="srsapp",
        description="Spaced repetition from your own Markdown notes. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"srsapp {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="collection folder (default: $SRSAPP_DATA_DIR, else the user data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"srsapp.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from srsapp.ui.app import run_gui

            return run_gui(args.data_dir)
        return int(args.func(args))
    except SrsError as exc:
        print(f"srsapp: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
