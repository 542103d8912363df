"""What made no card, and why: nothing in the notes is dropped in silence.

After the generators ran and the validator kept its cards, every line of the notes that holds
something (prose, a bullet, a command, code, a table row, an image, a heading with nothing under
it) and that no kept card came from is listed with the reason a reader would give: code nobody
explained, a command without explanation, command output, a lone word, only a link, a sentence
with nothing to ask, a card the validator dropped... Consecutive lines with one reason in one
section are one skipped block.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from srsapp.core.model import CardDraft

from .common import plain_inline, walk_blocks
from .context import about_the_notes, under_notes_talk
from .labels import label_key
from .parser import Block, BlockKind, LineKind, NoteLine, NotesDoc, Section, example_data

# Why a line made no card (the words the CLI and the GUI show).
CODE = "code without an explanation"
COMMAND = "command without an explanation"
OUTPUT = "command output"
COMMENT = "comment next to no command"
LONE_WORD = "a lone word"
LINK = "only a link"
IMAGE = "an image (no text to ask)"
QUESTION = "question without an answer"
TERM = "term without a meaning"
NOTHING_TO_ASK = "no key term to ask"
TABLE = "table row without two filled cells"
EMPTY_HEADING = "heading with nothing under it"
GROUPING = "a label or grouping line"
DROPPED = "card dropped by the checks"
EXAMPLE = "example data"
OPTION = "a quiz option"
NOTES_TALK = "about the notes or the question, not a fact"

# a short key for each reason (translations in the UI)
REASON_KEYS = {
    CODE: "code",
    COMMAND: "command",
    OUTPUT: "output",
    COMMENT: "comment",
    LONE_WORD: "lone_word",
    LINK: "link",
    IMAGE: "image",
    QUESTION: "question",
    TERM: "term",
    NOTHING_TO_ASK: "nothing_to_ask",
    TABLE: "table",
    EMPTY_HEADING: "empty_heading",
    GROUPING: "grouping",
    DROPPED: "dropped",
    EXAMPLE: "example",
    OPTION: "option",
    NOTES_TALK: "notes_talk",
}


def reason_key(reason: str) -> str:
    """The key of a reason ("dropped" for "card dropped by the checks (too-long)")."""
    for text, key in REASON_KEYS.items():
        if reason.startswith(text):
            return key
    return "nothing_to_ask"


ALMOST_NOTHING = 0.1  # fewer cards than this per line of prose: warn


@dataclass(frozen=True)
class Skipped:
    """A block of the notes that made no card."""

    concept: tuple[str, ...]
    line: int
    end: int
    reason: str
    text: str  # the first line, shortened

    def as_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "end": self.end,
            "concept": list(self.concept),
            "reason": self.reason,
            "text": self.text,
        }

    def __str__(self) -> str:
        where = f"line {self.line}" if self.end == self.line else f"lines {self.line}-{self.end}"
        return f"{where} ({' › '.join(self.concept)}): {self.reason}: {self.text}"


def _covered(cards: Iterable[CardDraft]) -> set[int]:
    lines: set[int] = set()
    for c in cards:
        if c.source_line:
            lines.update(range(c.source_line, max(c.source_end, c.source_line) + 1))
        lines.update(c.extra.get("lines", ()))  # lines shown on it from elsewhere
    return lines


def _line_reason(ln: NoteLine) -> str:
    if ln.role == "meta":
        return NOTES_TALK
    if ln.role == "output":
        return OUTPUT
    if ln.role == "example":
        return EXAMPLE
    if ln.role == "option":
        return OPTION
    if ln.role == "table":
        return TABLE
    kind = ln.kind
    if kind is LineKind.COMMAND:
        return CODE if ln.lang else COMMAND
    if kind is LineKind.CODE:
        return CODE
    if kind is LineKind.COMMENT:
        return COMMENT
    if kind is LineKind.LABEL:
        return LONE_WORD
    if kind is LineKind.LINK:
        return LINK
    if kind is LineKind.QUESTION:
        return QUESTION
    if kind is LineKind.KEYVAL and not ln.value:
        return TERM
    return NOTHING_TO_ASK


def _lines(blocks: Sequence[Block]) -> Iterator[tuple[int, str, str]]:
    """(line, reason if it makes no card, text) for every line that holds something."""
    for b in walk_blocks(blocks):
        if b.kind is BlockKind.IMAGE:
            yield b.line, IMAGE, b.alt or b.src
        elif b.kind is BlockKind.TABLE:
            why = EXAMPLE if example_data(b) else TABLE  # "s1 | p1 | c2": a worked example's values
            for row, line in zip(b.rows, b.row_lines, strict=False):
                yield line, why, " | ".join(row)
        elif b.kind is BlockKind.CODE and not b.lines:
            for i, raw in enumerate(b.code.split("\n")):
                if raw.strip():
                    yield b.line + 1 + i, CODE, raw.strip()
        else:
            for ln in b.lines:
                if ln.kind is not LineKind.BLANK and ln.text:
                    yield ln.line, _line_reason(ln), ln.text
        for it in b.items:
            for ln in it.lines:
                if ln.text:
                    yield ln.line, _line_reason(ln), ln.text


def skipped_blocks(
    doc: NotesDoc, cards: Sequence[CardDraft], dropped: Sequence[tuple[CardDraft, str]] = ()
) -> list[Skipped]:
    """Every block of the notes that no kept card came from, with its reason."""
    covered = _covered(cards)
    dropped_at: dict[int, str] = {}
    for card, rule in dropped:
        for n in range(card.source_line, max(card.source_end, card.source_line) + 1):
            dropped_at.setdefault(n, f"{DROPPED} ({rule})")
    out: list[Skipped] = []
    for sec in doc.sections:
        rows = sorted(  # (the rows of a line in the order they are written)
            dict.fromkeys(row for row in _rows(sec) if row[0] not in covered),
            key=lambda r: r[0],
        )
        if not rows and not sec.has_body() and not sec.children and sec.level:
            out.append(Skipped(sec.path, sec.line, sec.line, EMPTY_HEADING, sec.title))
            continue
        # an agenda, the author's story, an interview template's notes about the question
        talk = (
            about_the_notes(sec.title)
            or under_notes_talk(sec.path)
            or label_key(sec.title) in ("meta", "intent")
        )
        cur: list[tuple[int, str, str]] = []
        for n, reason, text in rows:
            reason = dropped_at.get(n, NOTES_TALK if talk else reason)
            if cur and (reason != cur[-1][1] or n > cur[-1][0] + 2):
                out.append(_block(sec, cur))
                cur = []
            cur.append((n, reason, text))
        if cur:
            out.append(_block(sec, cur))
    return out


def _block(sec: Section, rows: list[tuple[int, str, str]]) -> Skipped:
    text = plain_inline(rows[0][2])
    if len(text) > 80:
        text = text[:79] + "…"
    return Skipped(sec.path, rows[0][0], rows[-1][0], rows[0][1], text)


def prose_lines(doc: NotesDoc) -> int:
    """How many lines of the notes are prose a learner wrote (sentences, bullets, table rows)."""
    n = 0
    for sec in doc.sections:
        for _line, reason, _text in _rows(sec):
            if reason in (NOTHING_TO_ASK, TABLE, QUESTION):
                n += 1
    return n


_ROWS = "report_rows"  # a section's _lines, in its ``derived``


def _rows(sec: Section) -> list[tuple[int, str, str]]:
    """The section's :func:`_lines`, worked out once (the skipped blocks and the warning both
    read every line of the notes)."""
    rows = sec.derived.get(_ROWS)
    if not isinstance(rows, list):
        rows = list(_lines(sec.blocks))
        sec.derived[_ROWS] = rows
    return rows


def warnings_for(
    doc: NotesDoc, cards: Sequence[CardDraft], skipped: Sequence[Skipped]
) -> list[str]:
    """A warning when the notes hold prose but yield (almost) no card, saying why."""
    prose = prose_lines(doc)
    if not skipped or prose == 0:
        return []
    if cards and len(cards) >= ALMOST_NOTHING * prose:
        return []
    reasons = Counter(s.reason for s in skipped).most_common(3)
    why = ", ".join(f"{n} × {reason}" for reason, n in reasons)
    made = "no cards" if not cards else f"only {len(cards)} cards"
    return [
        f"{made} from {prose} lines of prose: {len(skipped)} blocks made no card ({why}); "
        "`srsapp generate FILE --report` lists them"
    ]
