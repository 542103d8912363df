"""Render Anki card templates to HTML (our own small implementation).

Supported: ``{{Field}}``, ``{{FrontSide}}``, ``{{#Field}}…{{/Field}}`` (shown when the
field is not empty), ``{{^Field}}…{{/Field}}`` (shown when empty), and filters chained
right to left: ``cloze:``, ``type:``, ``text:``, ``hint:``, ``furigana:`` (Anki's
``漢字[かんじ]`` as ``<ruby>``), ``kana:`` (the readings only), ``kanji:`` (the text without
readings); any other filter (``tts …:``...) degrades to the plain field. The special fields
Anki fills from the card (``{{Deck}}``, ``{{Subdeck}}``, ``{{Tags}}``, ``{{Type}}``,
``{{Card}}``, ``{{CardFlag}}``) come from ``special``. Unknown fields render empty; an
unclosed section renders its body as if it were closed.

A template cannot make a card much larger than its note: a side may grow to its template's
length plus ``EXPANSION_SLACK`` plus ``EXPANSION_FACTOR`` times the note's fields (the back
also once its front), and sections nest at most ``MAX_SECTION_DEPTH`` deep; past either,
``TemplateTooLarge`` is raised before the text is built (a 10 KB package whose template
repeats ``{{Front}}`` 20,000 times once grew an import to 7.5 GB).
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field

_TOKEN = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
_TAG = re.compile(r"<[^>]*>", re.DOTALL)
# Anki's reading syntax: an optional space that ends the text before, the text a reading is
# for (no space, no tag end), the reading in brackets ("日本語[にほんご]を 勉強[べんきょう]")
_READING = re.compile(r" ?([^ >]+?)\[(.+?)\]")
SPECIAL_FIELDS = ("Deck", "Subdeck", "Tags", "Type", "Card", "CardFlag")
EXPANSION_SLACK = 64 * 1024  # characters
EXPANSION_FACTOR = 16  # Anki's own templates show a field once or twice a side
MAX_SECTION_DEPTH = 100


class TemplateTooLarge(ValueError):
    """A template that would render a card far larger than its note (see the module's doc)."""


@dataclass
class _Node:
    text: str = ""  # literal text (when not a tag)
    tag: str | None = None  # replacement: "filters:Field"
    section: str | None = None  # "#Field" / "^Field"
    children: list[_Node] = field(default_factory=list)
    # compiled once when parsed: the field a tag or section names, a tag's filter kinds in
    # the order they apply (right to left), and whether it is a bare {{FrontSide}}
    name: str = ""
    filters: tuple[str, ...] = ()
    front_side: bool = False


def _tag(inner: str) -> _Node:
    parts = [p.strip() for p in inner.split(":")]
    name, filters = parts[-1], parts[:-1]
    return _Node(
        tag=inner,
        name=name,
        filters=tuple(f.split(" ")[0] for f in reversed(filters)),
        front_side=name == "FrontSide" and not filters,
    )


@functools.lru_cache(maxsize=512)  # a package repeats a few templates thousands of times
def _parse(template: str) -> list[_Node]:
    root: list[_Node] = []
    stack: list[tuple[str, list[_Node]]] = [("", root)]
    pos = 0
    for m in _TOKEN.finditer(template):
        if m.start() > pos:
            stack[-1][1].append(_Node(text=template[pos : m.start()]))
        pos = m.end()
        inner = m.group(1).strip()
        if inner[:1] in "#^" and inner[1:].strip():
            if len(stack) > MAX_SECTION_DEPTH:
                raise TemplateTooLarge(f"has sections nested more than {MAX_SECTION_DEPTH} deep")
            node = _Node(section=inner[0] + inner[1:].strip(), name=inner[1:].strip())
            stack[-1][1].append(node)
            stack.append((inner[1:].strip(), node.children))
        elif inner.startswith("/"):
            name = inner[1:].strip()
            if any(n == name for n, _ in stack[1:]):
                while stack[-1][0] != name:
                    stack.pop()
                stack.pop()
            # a stray closing tag is dropped
        else:
            stack[-1][1].append(_tag(inner))
    if pos < len(template):
        stack[-1][1].append(_Node(text=template[pos:]))
    return root


def strip_html(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def cloze_numbers(text: str) -> list[int]:
    """The cloze numbers used in ``text`` (``{{c2::…}}`` → 2), sorted, without repeats."""
    return sorted({int(m.group(1)) for m in _CLOZE.finditer(text)})


def _readings(text: str, keep: str) -> str:
    """``text`` with Anki's ``base[reading]`` made ruby (``keep="ruby"``), the reading alone
    (``"kana"``) or the base alone (``"kanji"``); a ``[sound:…]`` is left as it is."""

    def sub(m: re.Match[str]) -> str:
        base, reading = m.group(1), m.group(2)
        if reading.startswith("sound:"):
            return m.group(0)
        if keep == "kana":
            return reading
        if keep == "kanji":
            return base
        return f"<ruby><rb>{base}</rb><rt>{reading}</rt></ruby>"

    return _READING.sub(sub, text.replace("&nbsp;", " "))


def render_cloze(text: str, number: int, *, answer: bool) -> str:
    """Hide (front) or reveal (back) cloze ``number``; the other clozes show their text."""

    def sub(m: re.Match[str]) -> str:
        if int(m.group(1)) != number:
            return m.group(2)
        if answer:
            return f'<span class="cloze">{m.group(2)}</span>'
        hint = m.group(3)
        return f'<span class="cloze">[{hint if hint else "..."}]</span>'

    return _CLOZE.sub(sub, text)


@dataclass
class _Ctx:
    fields: dict[str, str]
    cloze: int  # active cloze number (1-based)
    answer: bool
    front: str = ""
    limit: int = 0  # characters this side may have
    size: int = 0  # characters rendered so far

    def grow(self, piece: str) -> str:
        self.size += len(piece)
        if self.size > self.limit:
            raise TemplateTooLarge(
                f"renders a card side to more than {self.limit:,} characters "
                f"(its fields are repeated too often)"
            )
        return piece


def _apply(node: _Node, ctx: _Ctx) -> str:
    if node.front_side:
        return ctx.front if ctx.answer else ""
    name = node.name
    value = ctx.fields.get(name, "")
    for kind in node.filters:
        if kind == "cloze":
            value = render_cloze(value, ctx.cloze, answer=ctx.answer)
        elif kind == "type":
            if ctx.answer:
                value = f'<div class="type-answer"><code>{value}</code></div>'
            else:
                value = '<div class="type-answer">[…]</div>'
        elif kind == "text":
            value = strip_html(value)
        elif kind == "hint":
            value = f'<details class="hint"><summary>{html.escape(name)}</summary>{value}</details>'
        elif kind == "furigana":
            value = _readings(value, "ruby")
        elif kind in ("kana", "kanji"):
            value = _readings(value, kind)
        # unknown filters (tts, ...) leave the value as it is
    return value


def _render(nodes: list[_Node], ctx: _Ctx) -> str:
    out: list[str] = []
    for node in nodes:
        if node.section is not None:
            value = ctx.fields.get(node.name, "")
            filled = bool(value) and bool(strip_html(value).strip())
            if (node.section[0] == "#") == filled:
                out.append(_render(node.children, ctx))
        elif node.tag is not None:
            out.append(ctx.grow(_apply(node, ctx)))
        else:
            out.append(ctx.grow(node.text))
    return "".join(out)


# A piece of a plain template: literal text, a field, or {{FrontSide}}
_TEXT, _FIELD, _FRONT = 0, 1, 2


@functools.lru_cache(maxsize=512)
def _plain(template: str) -> tuple[tuple[int, str], ...] | None:
    """The template as pieces when it is only text, ``{{Field}}`` and ``{{FrontSide}}`` (most
    note types: Basic, reversed, most shared decks), else None."""
    pieces = []
    for node in _parse(template):
        if node.section is not None or node.filters:
            return None
        if node.tag is None:
            pieces.append((_TEXT, node.text))
        else:
            pieces.append((_FRONT, "") if node.front_side else (_FIELD, node.name))
    return tuple(pieces)


@functools.lru_cache(maxsize=512)
def _bounded(template: str) -> bool:
    """A plain template (``_plain``) whose filled text is always within ``render_card``'s
    allowance: each field shown at most ``EXPANSION_FACTOR`` times, the front at most once
    (the text is then at most the template's own length, that many times the note's fields
    and the front once)."""
    pieces = _plain(template) or ()
    return (sum(kind == _FIELD for kind, _t in pieces) <= EXPANSION_FACTOR
            and sum(kind == _FRONT for kind, _t in pieces) <= 1)  # fmt: skip


def _fill(pieces: tuple[tuple[int, str], ...], fields: dict[str, str], front: str,
          limit: int) -> str | None:  # fmt: skip
    """A plain template filled in (what ``_render`` makes of it), or None when it would be
    longer than ``limit`` (measured before the text is built)."""
    parts = [text if kind == _TEXT else fields.get(text, "") if kind == _FIELD else front
             for kind, text in pieces]  # fmt: skip
    if sum(map(len, parts)) > limit:
        return None
    return "".join(parts)


@functools.lru_cache(maxsize=512)
def _uses_special(template: str) -> bool:
    """Whether a template names one of Anki's special fields (few do: most cards skip them)."""
    return any(name in template for name in SPECIAL_FIELDS)


def uses_special(qfmt: str, afmt: str) -> bool:
    """Whether a card's templates name one of Anki's special fields: ``render_card`` reads its
    ``special`` values only then (a caller need not work them out for every card)."""
    return _uses_special(qfmt) or _uses_special(afmt)


@functools.lru_cache(maxsize=512)
def plain_formats(qfmt: str, afmt: str, names: tuple[str, ...]) -> tuple[str, str] | None:
    """A card's two templates as ``str.format`` patterns over its note's field values by
    position (``names``: the note type's fields, in order), the back's ``{{FrontSide}}`` as
    ``{front}``: what ``render_card`` makes of ``dict(zip(names, values))`` is
    ``render_plain(formats, values)``, without a dict or a walk of the pieces per card. None
    unless both templates are plain (``_plain``), within the allowance without measuring
    (``_bounded``) and name no special field (those come from the card, not the note)."""
    q, a = _plain(qfmt), _plain(afmt)
    if (q is None or a is None or not _bounded(qfmt) or not _bounded(afmt)
            or uses_special(qfmt, afmt)):  # fmt: skip
        return None
    index = {name: i for i, name in enumerate(names)}  # a repeated name: the last one, as dict()

    def pattern(pieces: tuple[tuple[int, str], ...]) -> str:
        out = []
        for kind, text in pieces:
            if kind == _TEXT:
                out.append(text.replace("{", "{{").replace("}", "}}"))
            elif kind == _FRONT:
                out.append("{front}")
            elif text in index:  # an unknown field renders empty
                out.append(f"{{{index[text]}}}")
        return "".join(out)

    return pattern(q), pattern(a)


def render_plain(formats: tuple[str, str], values: list[str]) -> tuple[str, str]:
    """A card's front and back from ``plain_formats`` and its note's field values (at least
    as many as the note type has fields): ``render_card``'s text."""
    shown = formats[0].format(*values, front="")
    return shown.strip(), formats[1].format(*values, front=shown).strip()


def render_card(
    qfmt: str,
    afmt: str,
    fields: dict[str, str],
    *,
    cloze: int = 1,
    special: dict[str, str] | None = None,
) -> tuple[str, str]:
    """Render one card's question and answer HTML.

    ``cloze`` is the cloze number for cloze note types (Anki's card ``ord + 1``); ``special``
    the values of Anki's special fields for this card (a note's own field of that name comes
    first). Raises ``TemplateTooLarge`` for a card far larger than its note (see the module's
    doc).
    """
    extra = 0  # the special fields' share of the allowance, when a template names one
    if special and uses_special(qfmt, afmt):
        extra = EXPANSION_FACTOR * sum(len(v) for v in special.values())
        note_fields, fields = fields, {**special, **fields}
    else:
        note_fields = fields
    q, a = _plain(qfmt), _plain(afmt)
    if q is not None and a is not None and _bounded(qfmt) and _bounded(afmt):
        # a plain template that cannot outgrow the allowance: no length to measure
        shown = "".join([text if kind == _TEXT else fields.get(text, "") if kind == _FIELD
                         else "" for kind, text in q])  # fmt: skip
        answer = "".join([text if kind == _TEXT else fields.get(text, "") if kind == _FIELD
                          else shown for kind, text in a])  # fmt: skip
        return shown.strip(), answer.strip()
    allowance = (EXPANSION_SLACK + extra
                 + EXPANSION_FACTOR * sum(len(v) for v in note_fields.values()))  # fmt: skip
    if q is not None and a is not None:  # the same text as _render's, without its walk
        front = _fill(q, fields, "", len(qfmt) + allowance)
        if front is not None:
            back = _fill(a, fields, front, len(afmt) + allowance + len(front))
            if back is not None:
                return front.strip(), back.strip()
    front = _render(_parse(qfmt), _Ctx(fields, cloze, answer=False, limit=len(qfmt) + allowance))
    limit = len(afmt) + allowance + len(front)
    back = _render(_parse(afmt), _Ctx(fields, cloze, answer=True, front=front, limit=limit))
    return front.strip(), back.strip()


def is_empty_front(front_html: str) -> bool:
    """Anki skips cards whose question renders to nothing."""
    text = front_html.lstrip()
    lead = text[:1]
    if lead and lead not in "<&":  # visible text before any tag or entity
        return False
    end = text.find(">") if lead == "<" else -1  # the first tag's end
    if end >= 0:  # visible text right after the first tag (most fronts: "<p>Wort …")
        after = text[end + 1 : end + 2]
        if after and after not in "<&" and not after.isspace():
            return False
    return not strip_html(front_html).strip() and "<img" not in front_html
