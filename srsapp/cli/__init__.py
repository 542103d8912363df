"""Command line: `srsapp [--data-dir DIR] COMMAND ...`; with no command it launches the GUI.

Each command lives in its own module of this package and exposes
``register(subparsers) -> None``; the parser it adds sets ``func`` to a
callable ``(args) -> int``. Add its name to ``COMMANDS`` and its import to ``_command`` to
plug one in.
JSON goes to stdout, messages to stderr; errors exit non-zero with one line.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from types import ModuleType

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
    "diagram",
    "sync",
]


def _command(name: str) -> ModuleType:
    """A command's module, imported when it is asked for (plain imports, which readers and
    import-linter see)."""
    if name == "decks":
        from srsapp.cli import decks

        return decks
    if name == "generate":
        from srsapp.cli import generate

        return generate
    if name == "optimize":
        from srsapp.cli import optimize

        return optimize
    if name == "check":
        from srsapp.cli import check

        return check
    if name == "backup":
        from srsapp.cli import backup

        return backup
    if name == "import_":
        from srsapp.cli import import_

        return import_
    if name == "export":
        from srsapp.cli import export

        return export
    if name == "stats":
        from srsapp.cli import stats

        return stats
    if name == "diagram":
        from srsapp.cli import diagram

        return diagram
    if name == "sync":
        from srsapp.cli import sync

        return sync
    raise ValueError(f"no command module {name!r}")


def _command_in(argv: Sequence[str]) -> str | None:
    """The command word of ``argv`` (skipping the global options); "" when there is none
    (the desktop app: no command module is needed); None when an option other than
    ``--data-dir`` comes first (--help, --version …: every command is loaded)."""
    args = list(argv)
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--data-dir":
            i += 2
            continue
        if a.startswith("--data-dir="):
            i += 1
            continue
        if a.startswith("-"):
            return None  # --help, --version, or an option before the command: load them all
        return a
    return ""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` naming a known command, only that command's module is
    imported (each pulls in what it needs: the others would only slow start-up down)."""
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
    by_word = {name.rstrip("_"): name for name in COMMANDS}
    by_word["export-diagram"] = "diagram"
    word = _command_in(argv) if argv is not None else None
    # no command word: the GUI starts, and importing every command's module (≈ 0.9 s of
    # SQLAlchemy, numpy, the notes parser …) before its window would only slow it down
    names = [by_word[word]] if word in by_word else [] if word == "" else COMMANDS
    for name in names:
        _command(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv``; without one, the process's own (the ``srsapp`` command,
    ``python -m srsapp``), which then ends with this call: see ``_before_exit``."""
    if argv is None:
        gc.disable()  # until the command's modules are imported: see _imported
        try:
            return _main(sys.argv[1:], own_process=True)
        finally:
            _before_exit()
    return _main(list(argv))


def _imported() -> None:
    """The command's modules are imported (with the cyclic garbage collector off): what they
    made lives as long as the process, so it is frozen out of the collector's walks and the
    collector is turned back on for the command. Importing SQLAlchemy, the store and a command
    makes ≈ 90k objects the collector tracks; collected as they came, they were walked again
    and again for nothing (≈ 40 ms of CPU of an ``srsapp export``'s ≈ 0.4 s)."""
    gc.freeze()
    gc.enable()


def _before_exit() -> None:
    """The process is about to end: the cyclic garbage collector is stopped and everything
    alive is frozen, so that the interpreter's exit frees it by reference counting alone
    instead of first walking it all (after a 20k-note import, ≈ 0.2 s of the command's
    wall time went there; ≈ 0.05 s without the walk). Atexit handlers and the flushing of
    open files still run."""
    gc.disable()
    gc.freeze()


def _main(argv: list[str], own_process: bool = False) -> int:
    parser = build_parser(argv)
    if own_process:
        _imported()
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
    except BrokenPipeError:
        # the reader stopped reading (`srsapp generate … --json | head`): nothing is wrong
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # (Python's flush at exit would fail again)
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
