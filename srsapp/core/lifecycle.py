"""The Docker container lifecycle as data: a small graph of boxes and arrows, and its cards.

``load_diagram`` reads a diagram data file (TOML, e.g. ``decks/docker-lifecycle.toml``) and
validates it; ``diagram_cards`` turns it into concepts and ``CardKind.DIAGRAM`` card drafts.

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
from dataclasses import dataclass, field, replace
from typing import Any

from srsapp.core import text
from srsapp.core.errors import DiagramError
from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck, nfc

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


# --------------------------------------------------------------------------------------------
# words that give an answer away

_WORD = re.compile(r"[^\W_]+")


def _words(*labels: str) -> list[str]:
    return [w.casefold() for label in labels for w in _WORD.findall(nfc(label))]


def _stem(word: str) -> str:
    """A crude English stem: ``paused`` / ``pause`` → ``paus``, ``running`` → ``run``."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # stopp → stop, runn → run
    return word


def _same_word(a: str, b: str) -> bool:
    """Case-insensitive: one word is a prefix of the other, or both have the same stem
    (pause/paused, stop/stopped, run/running, create/created); words shorter than 3 letters
    (2 for Hangul) never match."""
    a, b = a.casefold(), b.casefold()
    short, long = sorted((a, b), key=len)
    least = 2 if any("가" <= ch <= "힣" for ch in short) else 3
    if len(short) < least:
        return False
    return long.startswith(short) or _stem(a) == _stem(b)


def shares_stem(first: str, second: str) -> bool:
    """Some word of ``first`` and some word of ``second`` are the same word (``_same_word``)."""
    return any(_same_word(a, b) for a in _words(first) for b in _words(second))


def _arrow_words(e: Edge) -> str:
    """What an arrow says, both languages: the command without its program (``docker``, which
    every command names), or the event's two labels."""
    if e.command:
        parts = e.command.split()
        return " ".join(parts[1:] if len(parts) > 1 else parts)
    return f"{e.label_ko} {e.label_en}"


def names_target(diagram: Diagram, e: Edge) -> bool:
    """The arrow's command (or event) names the box it leads to, in either language:
    ``docker pause`` → 일시정지 (Paused). Asking where it leads would give the answer away."""
    target = diagram.node(e.target)
    return shares_stem(_arrow_words(e), f"{target.ko} {target.en}")


# --------------------------------------------------------------------------------------------
# where a hidden box is: next to which box, in which direction

_DIRECTIONS = {
    "right": ("오른쪽", "right of"),
    "left": ("왼쪽", "left of"),
    "above": ("위", "above"),
    "below": ("아래", "below"),
    "above-right": ("오른쪽 위", "above and right of"),
    "above-left": ("왼쪽 위", "above and left of"),
    "below-right": ("오른쪽 아래", "below and right of"),
    "below-left": ("왼쪽 아래", "below and left of"),
}


def _direction(dx: float, dy: float) -> str:
    """Where (dx, dy) lies from the origin, in eight sectors (rows grow downwards)."""
    h = "right" if dx > 0 else "left"
    v = "below" if dy > 0 else "above"
    if abs(dy) <= abs(dx) * 0.414:  # tan 22.5°
        return h
    if abs(dx) <= abs(dy) * 0.414:
        return v
    return f"{v}-{h}"


def landmarks(diagram: Diagram) -> dict[str, tuple[Node, str]]:
    """Node id → (a neighbouring box, the node's direction from it), so a question can point at
    a hidden box without naming it: "the hidden box below 'Paused'". The nearest box whose labels
    share no word with the node's is chosen, each (box, direction) for one node only (the
    nearest first), so the questions stay distinct. A node left without one is absent."""
    pairs = []
    for i, n in enumerate(diagram.nodes):
        for j, m in enumerate(diagram.nodes):
            if m.id == n.id or shares_stem(f"{n.ko} {n.en}", f"{m.ko} {m.en}"):
                continue
            dx, dy = n.col - m.col, n.row - m.row
            pairs.append((dx * dx + dy * dy, i, j, _direction(dx, dy)))
    out: dict[str, tuple[Node, str]] = {}
    taken: set[tuple[str, str]] = set()
    for _dist, i, j, where in sorted(pairs):
        n, m = diagram.nodes[i], diagram.nodes[j]
        if n.id in out or (m.id, where) in taken:
            continue
        out[n.id] = (m, where)
        taken.add((m.id, where))
    return out


def _hidden_box(landmark: tuple[Node, str] | None, lang: str, what: str) -> str:
    """``'일시정지' 위의 가려진 상태`` / ``the hidden state above 'Paused'``."""
    if landmark is None:
        return f"가려진 {what}" if lang == "ko" else f"the hidden {what}"
    m, where = landmark
    ko, en = _DIRECTIONS[where]
    if lang == "ko":
        return f"'{m.ko}' {ko}의 가려진 {what}"
    return f"the hidden {what} {en} '{m.en}'"


# --------------------------------------------------------------------------------------------
# questions


def _has_batchim(word: str) -> bool | None:
    if not word:
        return None
    ch = word[-1]
    if "가" <= ch <= "힣":
        return (ord(ch) - 0xAC00) % 28 != 0
    return None


def _ro(word: str) -> str:
    """The particle 로/으로 after a Korean word (ㄹ-final words take 로)."""
    ch = word[-1] if word else ""
    if _has_batchim(word) is None:
        return "(으)로"
    if (ord(ch) - 0xAC00) % 28 in (0, 8):  # no final consonant, or ㄹ
        return "로"
    return "으로"


def _place(node: Node, lang: str) -> str:
    if lang == "ko":
        return f"{node.ko} 상태" if node.kind == "state" else node.ko
    return f"the {node.en} state" if node.kind == "state" else f"the {node.en}"


def _question(before: str, cmd: str = "", after: str = "") -> str:
    inner = text.esc(before) + (text.code(cmd) if cmd else "") + text.esc(after)
    return text.para(inner)


def _with_hint(question: str, hint: str) -> str:
    return f"{question} ({hint})" if hint else question


def _forward_front(d: Diagram, e: Edge, lang: str) -> str:
    src, dst = d.node(e.source), d.node(e.target)
    if lang == "ko":
        target = _place(dst, lang)
        if e.is_event:
            q = f"{_place(src, lang)}에서 명령 없이 무엇이 {target}{_ro(target)} 이어지는가?"
        else:
            q = f"{_place(src, lang)}에서 어떤 명령이 {target}{_ro(target)} 이어지는가?"
    elif e.is_event:
        q = f"From {_place(src, lang)}, what (without any command) leads to {_place(dst, lang)}?"
    else:
        q = f"From {_place(src, lang)}, which command leads to {_place(dst, lang)}?"
    return _question(_with_hint(q, e.hint(lang)))


def _reverse_front(d: Diagram, e: Edge, lang: str) -> str:
    src = d.node(e.source)
    if e.is_loop:  # the hidden target is the source box: it may not be named either
        if lang == "ko":
            if e.is_event:
                return _question(
                    f"가려진 상자에서 '{e.label(lang)}'이(가) 일어나면 어디로 이어지는가?"
                )
            return _question("가려진 상자에서 ", e.command, " 명령을 내리면 어디로 이어지는가?")
        if e.is_event:
            return _question(f"Where does the hidden box lead when its {e.label(lang)}?")
        return _question("Where does ", e.command, " lead, from the hidden box?")
    if lang == "ko":
        where = f"{_place(src, lang)}에서 "
        if e.is_event:
            return _question(f"{where}'{e.label(lang)}'이(가) 일어나면 어디로 이어지는가?")
        return _question(where, e.command, " 명령을 내리면 어디로 이어지는가?")
    if e.is_event:
        return _question(f"What happens to a {src.en} container when its {e.label(lang)}?")
    if src.container:
        article = "an" if src.en[:1].lower() in "aeiou" else "a"
        return _question("What does ", e.command, f" do to {article} {src.en} container?")
    return _question("What does ", e.command, f", starting from {_place(src, lang)}, lead to?")


def _node_front(n: Node, lang: str, landmark: tuple[Node, str] | None) -> str:
    """The question on a box: points at the hidden box (next to which box), never names it."""
    if lang == "ko":
        if n.kind == "state":
            box = _hidden_box(landmark, lang, "상태")
            return _question(f"그림에서 {box}에서는 무엇이 동작하고 무엇이 보존되는가?")
        box = _hidden_box(landmark, lang, "상자")
        return _question(f"컨테이너 라이프사이클 그림에서 {box}는 무엇을 나타내는가?")
    if n.kind == "state":
        box = _hidden_box(landmark, lang, "state")
        return _question(f"In the diagram, what runs, and what is kept, in {box}?")
    box = _hidden_box(landmark, lang, "box")
    return _question(f"In the container lifecycle diagram, what is {box}?")


def diagram_cards(
    diagram: Diagram, parent: tuple[str, ...], lang: str = "ko"
) -> tuple[list[ConceptInfo], list[CardDraft]]:
    """Concepts and ``CardKind.DIAGRAM`` cards for every box and arrow of the diagram.

    Concepts: one per node (kind ``"state"``; also for the artifact boxes: registry, Dockerfile,
    tar archive, dangling image) and one per transition (kind ``"transition"``), children of
    ``parent``: ``parent + ("실행 (Running)",)``, ``parent + ("docker stop: 실행 → 정지",)``.

    Cards (the count rule): **2 per transition (1 when its command names its target) + 1 per
    node, artifact nodes included** —
    - per transition, variant ``"forward"``: "from {state}, which command leads to {state}?"
      (arrow highlighted, its label hidden) → the command and its description; and variant
      ``"reverse"``: "what does {command} do to a {state} container?" (arrow highlighted, the
      target box hidden: ``hide == "target"``) → the target and the description. An arrow with
      no command (the process exiting by itself) asks "what, without a command, leads ...".
      No reverse card when the command (or event) shares a word stem with the target's labels
      in either language (``docker pause`` → Paused: ``names_target``); a loop's reverse card
      does not name its source box (it is the hidden target);
    - per container state: "what runs / what is kept in the hidden state {next to box}?" → its
      name and description; per artifact box: "what is the hidden box {next to box}?" → the same
      (the box hidden on the front: ``hide == "box"``; ``landmarks`` picks the neighbour).

    Every front starts with ``text.context(parent)``: the parent path, never the card's own
    concept name (a box's name or a transition's "command: source → target" is its answer).
    Anchors are the element ids (variant tells the two cards of a transition apart), so keys do
    not change when the file is reloaded or a description is edited. ``extra["diagram"]``:
    ``{"source": <file name>, "highlight": "edge:<id>" | "node:<id>",
    "hide": "label" | "target" | "box"}``.
    """
    concepts: list[ConceptInfo] = []
    cards: list[CardDraft] = []
    paths = concept_paths(diagram, parent, lang)

    def extra(highlight: str, hide: str) -> dict[str, Any]:
        return {"diagram": {"source": diagram.source, "highlight": highlight, "hide": hide}}

    near = landmarks(diagram)
    for n in diagram.nodes:
        path = paths[f"node:{n.id}"]
        concepts.append(ConceptInfo(path=path, kind="state"))
        back = text.para(text.esc(n.concept_name(lang))) + text.para(text.esc(n.description(lang)))
        cards.append(
            CardDraft(
                kind=CardKind.DIAGRAM,
                concept=path,
                anchor=n.id,
                front=text.context(path[:-1]) + _node_front(n, lang, near.get(n.id)),
                back=back,
                sibling=f"diagram:{diagram.source}:node:{n.id}",
                extra=extra(f"node:{n.id}", "box"),
            )
        )
    for e in diagram.edges:
        path = paths[f"edge:{e.id}"]
        concepts.append(ConceptInfo(path=path, kind="transition"))
        sibling = f"diagram:{diagram.source}:edge:{e.id}"
        if e.is_event:
            answer = text.para(f"<b>{text.esc(e.label(lang))}</b>")
        else:
            answer = text.para(text.code(e.command))
        description = text.para(text.esc(e.description(lang)))
        target = diagram.node(e.target).concept_name(lang)
        cards.append(
            CardDraft(
                kind=CardKind.DIAGRAM,
                concept=path,
                anchor=e.id,
                variant="forward",
                front=text.context(path[:-1]) + _forward_front(diagram, e, lang),
                back=answer + description,
                sibling=sibling,
                extra=extra(f"edge:{e.id}", "label"),
            )
        )
        if names_target(diagram, e):
            continue  # "where does docker pause lead?" answers itself: Paused
        cards.append(
            CardDraft(
                kind=CardKind.DIAGRAM,
                concept=path,
                anchor=e.id,
                variant="reverse",
                front=text.context(path[:-1]) + _reverse_front(diagram, e, lang),
                back=text.para(f"<b>{text.esc(target)}</b>") + description,
                sibling=sibling,
                extra=extra(f"edge:{e.id}", "target"),
            )
        )
    return concepts, cards


def find_parent(
    images: list[tuple[tuple[str, ...], str, int]], diagram: Diagram
) -> tuple[str, ...] | None:
    """The concept whose section shows the image this diagram replaces (None if absent)."""
    want = diagram.replaces.lstrip("./")
    for concept, src, _line in images:
        if src.lstrip("./") == want:
            return concept
    return None


def attach_diagram(deck: GeneratedDeck, diagram: Diagram, lang: str = "ko") -> GeneratedDeck:
    """A copy of ``deck`` with the diagram's concepts and cards added under the concept whose
    section refers to ``diagram.replaces``; unchanged (plus a warning) if no section does."""
    parent = find_parent(deck.images, diagram)
    if parent is None:
        warning = f"{diagram.source}: the notes do not show {diagram.replaces}; diagram not added"
        return replace(deck, warnings=[*deck.warnings, warning])
    concepts, cards = diagram_cards(diagram, parent, lang)
    return replace(deck, concepts=[*deck.concepts, *concepts], cards=[*deck.cards, *cards])
