"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from srsapp.service.collection import Collection


def open_collection(args: argparse.Namespace, *, seed: bool = True) -> Collection:
    """``seed``: a new collection gets the bundled Docker deck (not before a JSON backup)."""
    return Collection.open(getattr(args, "data_dir", None), seed=seed)


def now() -> datetime:
    """The CLI is an edge of the app: it may read the clock (the core never does)."""
    return datetime.now(UTC)


def print_json(value: Any) -> None:
    """Indented for a person at a terminal; compact (C encoder, ~10x faster on big
    statistics) when piped to a program."""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=indent))
    sys.stdout.write("\n")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON to stdout")
