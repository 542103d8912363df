"""What a collection keeps of where its cards came from: the notes files, the diagram data
files (as last synced) and, per generated card, its lines in the notes."""

from __future__ import annotations

import tomllib
from pathlib import Path

from srsapp.core.diagrams import Diagram, load_diagram
from srsapp.core.errors import CollectionError
from srsapp.service.context import Context
from srsapp.store import queries


def notes_sources(ctx: Context) -> list[str]:
    """The notes files the collection's decks are generated from."""
    with ctx.db.reading() as s:
        return queries.source_paths(s, "notes")


def card_source(ctx: Context, card_id: int) -> tuple[str, str, int, int] | None:
    """(notes path, notes text as synced, first line, last line) of a generated card."""
    with ctx.db.reading() as s:
        return queries.card_source_lines(s, card_id)


def linked_diagrams(ctx: Context) -> list[tuple[str, str]]:
    """(image src the diagram stands for, diagram name) for every stored diagram."""
    out = []
    with ctx.db.reading() as s:
        rows = queries.source_texts(s, "diagram")
    for path, text in rows:
        try:
            replaces = tomllib.loads(text).get("replaces")
        except tomllib.TOMLDecodeError:
            continue
        if isinstance(replaces, str) and replaces:
            out.append((replaces, Path(path).name))
    return out


def diagram(ctx: Context, name: str) -> Diagram:
    """The diagram a diagram card names in its extra data, loaded from the copy stored at the
    last sync."""
    path, text = diagram_text(ctx, name)
    return load_diagram(text, path)


def diagram_text(ctx: Context, name: str) -> tuple[str, str]:
    """(path, data file text as stored at the last sync) of the diagram named ``name``."""
    with ctx.db.reading() as s:
        rows = queries.source_texts(s, "diagram")
    for path, text in rows:
        if Path(path).name == name or Path(path).stem == name or path == name:
            return path, text
    raise CollectionError(f"no diagram named {name!r} in the collection")
