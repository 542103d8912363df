"""The Docker container lifecycle as data: a small graph of boxes and arrows, and its cards.

``load_diagram`` reads a diagram data file (TOML, e.g. ``decks/docker-lifecycle.toml``) and
validates it; ``cards.diagram_cards`` turns it into concepts and ``CardKind.DIAGRAM`` card drafts.

File format (all text is NFC-normalised)::

    replaces = "images/dockerLifeCycle.png"   # the image in the notes this diagram stands for
    title = "..."                             # title_en optional
    [[states]]       id, ko, en, description_ko, description_en, col, row   (container states;
                     ``container = false`` for a state that is not a container: the image)
    [[artifacts]]    same keys (registry, Dockerfile, tar archive ...: not container states)
    [[transitions]]  id, command (or label_ko + label_en for an event without a command),
                     from, to, description_ko, description_en,
                     optional hint_ko / hint_en and bend (float, grid units)

Pure Python: no Qt, no file system (the text is handed in; ``path`` only names it in errors).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from srsapp.core.errors import DiagramError
from srsapp.core.model import nfc

NODE_TABLES = {"states": "state", "artifacts": "artifact"}


@dataclass(frozen=True)
class Node:
    """A box: a container state (``kind == "state"``) or a thing around the image."""

    id: str
    kind: str  # "state" | "artifact"
    ko: str
    en: str
    description_ko: str
    description_en: str
    col: float
    row: float
    line: int = 0  # 1-based line of its ``id`` in the data file
    container: bool = True  # a container state (False: the image, and every artifact)

    def label(self, lang: str = "ko") -> str:
        return self.ko if lang == "ko" else self.en

    def description(self, lang: str = "ko") -> str:
        return self.description_ko if lang == "ko" else self.description_en

    def concept_name(self, lang: str = "ko") -> str:
        """``실행 (Running)`` in Korean, ``Running (실행)`` otherwise (one label if equal)."""
        first, second = (self.ko, self.en) if lang == "ko" else (self.en, self.ko)
        return first if first == second else f"{first} ({second})"


@dataclass(frozen=True)
class Edge:
    """An arrow: a command (or, when ``command`` is empty, an event) from one box to another."""

    id: str
    command: str
    source: str
    target: str
    description_ko: str
    description_en: str
    label_ko: str = ""  # shown instead of the command (events without a command)
    label_en: str = ""
    hint_ko: str = ""  # disambiguates arrows joining the same two boxes
    hint_en: str = ""
    bend: float | None = None  # curvature in grid units; None: automatic
    line: int = 0

    @property
    def is_loop(self) -> bool:
        return self.source == self.target

    @property
    def is_event(self) -> bool:
        return not self.command

    def label(self, lang: str = "ko") -> str:
        """What is written on the arrow: the command, or the event's label."""
        if self.command:
            return self.command
        return self.label_ko if lang == "ko" else self.label_en

    def description(self, lang: str = "ko") -> str:
        return self.description_ko if lang == "ko" else self.description_en

    def hint(self, lang: str = "ko") -> str:
        return self.hint_ko if lang == "ko" else self.hint_en


@dataclass(frozen=True)
class Diagram:
    title: str
    replaces: str
    source: str  # file name of the data file (``docker-lifecycle.toml``)
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    title_en: str = ""
    _by_id: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({n.id: n for n in self.nodes})

    def node(self, node_id: str) -> Node:
        return self._by_id[node_id]

    def edge(self, edge_id: str) -> Edge:
        for e in self.edges:
            if e.id == edge_id:
                return e
        raise KeyError(edge_id)

    @property
    def states(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.kind == "state")


# --------------------------------------------------------------------------------------------
# loading


class _Locator:
    """Finds the line of a table entry or of a key inside it, for error messages."""

    _HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]\s*(#.*)?$")

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()
        self.entries: dict[str, list[int]] = {}
        for i, ln in enumerate(self.lines):
            m = self._HEADER.match(ln)
            if m:
                self.entries.setdefault(m.group(1), []).append(i + 1)

    def entry(self, table: str, index: int) -> int:
        starts = self.entries.get(table, [])
        return starts[index] if index < len(starts) else 0

    def key(self, table: str, index: int, key: str) -> int:
        """Line of ``key = ...`` inside the index-th ``[[table]]``, else the entry's header."""
        start = self.entry(table, index)
        if not start:
            return self.top_key(key)
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for i in range(start, len(self.lines)):
            ln = self.lines[i]
            if self._HEADER.match(ln) or ln.lstrip().startswith("["):
                break
            if pattern.match(ln):
                return i + 1
        return start

    def top_key(self, key: str) -> int:
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for i, ln in enumerate(self.lines):
            if ln.lstrip().startswith("["):
                break
            if pattern.match(ln):
                return i + 1
        return 0


def _fail(path: str, line: int, message: str) -> DiagramError:
    where = f"line {line}: " if line else ""
    return DiagramError(f"{where}{message}", path)


def _file_name(path: str) -> str:
    return re.split(r"[\\/]", path)[-1] if path else ""


def _str(
    entry: dict[str, Any],
    key: str,
    *,
    path: str,
    loc: _Locator,
    table: str,
    index: int,
    what: str,
    required: bool = True,
) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise _fail(path, loc.key(table, index, key), f"{what}: '{key}' must be a string")
    value = nfc(value).strip()
    if required and not value:
        problem = "is empty" if key in entry else "is missing"
        raise _fail(path, loc.key(table, index, key), f"{what}: '{key}' {problem}")
    return value


def _num(
    entry: dict[str, Any], key: str, *, path: str, loc: _Locator, table: str, index: int, what: str
) -> float:
    if key not in entry:
        raise _fail(path, loc.entry(table, index), f"{what}: '{key}' (grid position) is missing")
    value = entry[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(path, loc.key(table, index, key), f"{what}: '{key}' must be a number")
    return float(value)


def _bool(
    entry: dict[str, Any], key: str, *, path: str, loc: _Locator, table: str, index: int, what: str
) -> bool:
    value = entry.get(key, True)
    if not isinstance(value, bool):
        raise _fail(path, loc.key(table, index, key), f"{what}: '{key}' must be true or false")
    return value


_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def load_diagram(source: str, path: str) -> Diagram:
    """Parse and validate a diagram data file; every problem is a ``DiagramError`` whose
    message names ``path`` and the line (``.../docker-lifecycle.toml: line 12: ...``)."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(m.group(1)) if m else 0
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "invalid TOML"
        raise _fail(path, line, f"TOML syntax error: {reason}") from None
    loc = _Locator(source)

    replaces = data.get("replaces", "")
    title = data.get("title", "")
    for key, value in (("replaces", replaces), ("title", title)):
        if not isinstance(value, str) or not value.strip():
            raise _fail(path, loc.top_key(key), f"top-level '{key}' is missing or empty")
    title_en = data.get("title_en", "")
    if not isinstance(title_en, str):
        raise _fail(path, loc.top_key("title_en"), "'title_en' must be a string")

    ids: dict[str, int] = {}

    def claim(identifier: str, line: int, what: str) -> None:
        if not _ID.match(identifier):
            raise _fail(path, line, f"{what}: id '{identifier}' may use only letters, digits, _ -")
        if identifier in ids:
            first = ids[identifier]
            raise _fail(path, line, f"duplicate id '{identifier}' (first defined on line {first})")
        ids[identifier] = line

    nodes: list[Node] = []
    for table, kind in NODE_TABLES.items():
        entries = data.get(table, [])
        if not isinstance(entries, list):
            raise _fail(path, loc.top_key(table), f"'{table}' must be an array of tables")
        for i, entry in enumerate(entries):
            what = f"{table}[{i + 1}]"
            kw: dict[str, Any] = {"path": path, "loc": loc, "table": table, "index": i}
            node_id = _str(entry, "id", what=what, **kw)
            line = loc.key(table, i, "id")
            what = f"{kind} '{node_id}'"
            claim(node_id, line, what)
            nodes.append(
                Node(
                    id=node_id,
                    kind=kind,
                    ko=_str(entry, "ko", what=what, **kw),
                    en=_str(entry, "en", what=what, **kw),
                    description_ko=_str(entry, "description_ko", what=what, **kw),
                    description_en=_str(entry, "description_en", what=what, **kw),
                    col=_num(entry, "col", what=what, **kw),
                    row=_num(entry, "row", what=what, **kw),
                    line=line,
                    container=kind == "state" and _bool(entry, "container", what=what, **kw),
                )
            )
    if not any(n.kind == "state" for n in nodes):
        raise _fail(path, 0, "no [[states]]: a diagram needs at least one state")
    node_ids = {n.id for n in nodes}

    edges: list[Edge] = []
    entries = data.get("transitions", [])
    if not isinstance(entries, list):
        raise _fail(path, loc.top_key("transitions"), "'transitions' must be an array of tables")
    for i, entry in enumerate(entries):
        table = "transitions"
        kw = {"path": path, "loc": loc, "table": table, "index": i}
        edge_id = _str(entry, "id", what=f"transitions[{i + 1}]", **kw)
        line = loc.key(table, i, "id")
        what = f"transition '{edge_id}'"
        claim(edge_id, line, what)
        command = _str(entry, "command", what=what, required=False, **kw)
        label_ko = _str(entry, "label_ko", what=what, required=False, **kw)
        label_en = _str(entry, "label_en", what=what, required=False, **kw)
        if not command and not (label_ko and label_en):
            raise _fail(
                path,
                line,
                f"{what} has no 'command' (an event without a command needs label_ko and label_en)",
            )
        ends = {}
        for key in ("from", "to"):
            ref = _str(entry, key, what=what, **kw)
            if ref not in node_ids:
                raise _fail(
                    path, loc.key(table, i, key), f"{what}: unknown state '{ref}' in '{key}'"
                )
            ends[key] = ref
        bend = entry.get("bend")
        if bend is not None and (isinstance(bend, bool) or not isinstance(bend, int | float)):
            raise _fail(path, loc.key(table, i, "bend"), f"{what}: 'bend' must be a number")
        edges.append(
            Edge(
                id=edge_id,
                command=command,
                source=ends["from"],
                target=ends["to"],
                description_ko=_str(entry, "description_ko", what=what, **kw),
                description_en=_str(entry, "description_en", what=what, **kw),
                label_ko=label_ko,
                label_en=label_en,
                hint_ko=_str(entry, "hint_ko", what=what, required=False, **kw),
                hint_en=_str(entry, "hint_en", what=what, required=False, **kw),
                bend=None if bend is None else float(bend),
                line=line,
            )
        )

    _check_questions(edges, path)
    _check_positions(nodes, path)
    return Diagram(
        title=nfc(title).strip(),
        title_en=nfc(title_en).strip(),
        replaces=nfc(replaces).strip(),
        source=_file_name(path),
        nodes=tuple(nodes),
        edges=tuple(edges),
    )


def _check_questions(edges: list[Edge], path: str) -> None:
    """Arrows that would ask the same question must be told apart by a hint."""
    pairs = Counter((e.source, e.target, e.is_event) for e in edges)
    seen: dict[tuple[str, str, bool, str, str], Edge] = {}
    for e in edges:
        if pairs[(e.source, e.target, e.is_event)] > 1 and not (e.hint_ko and e.hint_en):
            raise _fail(
                path,
                e.line,
                f"transition '{e.id}' joins '{e.source}' → '{e.target}' like another arrow; "
                "give it hint_ko and hint_en",
            )
        for lang in ("ko", "en"):
            hint = e.hint(lang)
            if hint and e.command and e.command.lower() in hint.lower():
                raise _fail(path, e.line, f"transition '{e.id}': hint_{lang} gives the command")
            key = (e.source, e.target, e.is_event, lang, hint)
            if key in seen:
                raise _fail(
                    path,
                    e.line,
                    f"transition '{e.id}' asks the same question as '{seen[key].id}' "
                    f"(same states, same hint_{lang})",
                )
            seen[key] = e
    for a in edges:
        for b in edges:
            if a is not b and a.source == b.source and a.label("ko") == b.label("ko"):
                raise _fail(
                    path,
                    b.line,
                    f"transition '{b.id}': '{b.label('ko')}' from '{b.source}' is already "
                    f"transition '{a.id}'",
                )


def _check_positions(nodes: list[Node], path: str) -> None:
    taken: dict[tuple[float, float], Node] = {}
    for n in nodes:
        if (n.col, n.row) in taken:
            other = taken[(n.col, n.row)]
            raise _fail(
                path, n.line, f"'{n.id}' is at the same col/row as '{other.id}' ({n.col}, {n.row})"
            )
        taken[(n.col, n.row)] = n


# --------------------------------------------------------------------------------------------
# concepts and cards


def node_concept(
    diagram: Diagram, node_id: str, parent: tuple[str, ...], lang: str = "ko"
) -> tuple[str, ...]:
    """``parent + ("실행 (Running)",)``."""
    return (*parent, diagram.node(node_id).concept_name(lang))


def edge_concept(
    diagram: Diagram, edge_id: str, parent: tuple[str, ...], lang: str = "ko"
) -> tuple[str, ...]:
    """``parent + ("docker stop: 실행 → 정지",)``."""
    e = diagram.edge(edge_id)
    src, dst = diagram.node(e.source).label(lang), diagram.node(e.target).label(lang)
    return (*parent, f"{e.label(lang)}: {src} → {dst}")


def concept_paths(
    diagram: Diagram, parent: tuple[str, ...], lang: str = "ko"
) -> dict[str, tuple[str, ...]]:
    """Element → concept path, elements named ``node:<id>`` / ``edge:<id>``."""
    out: dict[str, tuple[str, ...]] = {}
    for n in diagram.nodes:
        out[f"node:{n.id}"] = node_concept(diagram, n.id, parent, lang)
    for e in diagram.edges:
        out[f"edge:{e.id}"] = edge_concept(diagram, e.id, parent, lang)
    return out
