"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from srsapp.service.collection import Collection


def open_collection(args: argparse.Namespace) -> Collection:
    return Collection.open(getattr(args, "data_dir", None))


def now() -> datetime:
    """The CLI is an edge of the app: it may read the clock (the core never does)."""
    return datetime.now(UTC)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON to stdout")
