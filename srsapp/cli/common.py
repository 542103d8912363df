"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from srsapp.core.errors import CollectionError
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


def deck_scope(col: Collection, name: str) -> tuple[int, tuple[str, ...] | None]:
    """(deck id, concept path) that a ``--deck`` name (``A::B`` included) names: a deck, or
    a subdeck an Anki import made (a concept of its top deck)."""
    target = col.deck_ops.resolve(name)
    if target.deck_id is None:
        raise CollectionError(
            f"deck {target.name!r} holds no cards itself: name one of its subdecks "
            f"({target.name}::…)"
        )
    return target.deck_id, target.concept


def export_deck(col: Collection, name: str) -> str:
    """The deck an ``export --deck`` name names (it goes out with its ``::`` subdecks, as
    Anki exports a deck); a subdeck an Anki import made is part of its deck's export (it goes
    out as an Anki subdeck), so it is named that way."""
    target = col.deck_ops.resolve(name)
    if target.concept is not None:
        deck = target.name[: -len("::".join(target.concept)) - 2]
        raise CollectionError(
            f"{target.name!r} is a subdeck imported into {deck!r}: export --deck {deck!r} "
            "(its subdecks go out as Anki subdecks)"
        )
    return target.name  # a deck goes out with its subdecks
