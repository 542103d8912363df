"""Cards from a diagram: a question per box and per arrow, with words that would give the
answer away hidden, and the diagram's concepts attached to a generated deck.

Pure Python: no Qt, no file system.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from srsapp.core import text
from srsapp.core.diagrams.diagram import (
    Diagram,
    Edge,
    Node,
    concept_paths,
)
from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck, nfc

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
