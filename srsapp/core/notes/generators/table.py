"""table: Markdown tables, read as the lists of pairs and comparisons they are.

- two columns (``command | description``, ``term | meaning``): each row is a pair — a command
  card both ways when the first cell is a command, else a term card (both ways when short);
  when the second column's header names something (``Port | Service``) the question uses it;
- three or more columns (a comparison): one card per cell, cued by its row and column header
  ("TCP의 연결 방식은?", "What is the isolation level of …?"). When the first header cell is
  empty or a label (구분, 항목, Feature…) the columns are the things compared and the rows the
  aspects; otherwise the rows are the things and the columns the aspects.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import (
    Ctx,
    clip,
    crumbs_hiding,
    draft,
    front,
    norm,
    numeric,
    plain_inline,
    walk_blocks,
)
from ..labels import label_key
from ..lang import Lang, prompt
from ..parser import Block, BlockKind, example_data, is_command
from .command import both_ways, reads_aloud
from .term import one_word

MAX_REVERSE = 40
MAX_CELLS = 80  # cards from one comparison table
MAX_CELL = 160  # a longer cell holds several facts: only its bold lead is asked
SHORT_CELL = 60  # a cell longer than this with a **bold lead** answers with the lead
_BOLD_LEAD = re.compile(r"^\s*\*\*[^*\n]{2,80}\*\*[.:]?")
_GENERIC_VALUE = re.compile(
    r"^(?:설명|뜻|의미|내용|기능|비고|역할|동작|description|descriptions|meaning|definition|"
    r"explanation|notes?|what it does|purpose|function|effect|action|result|details?|usage|"
    r"does|summary|comment)$",
    re.IGNORECASE,
)
_CORNER = re.compile(
    r"^(?:|구분|비교|항목|분류|기준|특징|비교\s*항목|차이|차이점|feature|features|aspect|"
    r"criteria|criterion|property|properties|category|comparison|item|vs\.?|versus|"
    r"characteristic|characteristics|attribute|attributes)$",
    re.IGNORECASE,
)
_CODE_CELL = re.compile(r"^`[^`]+`$")
_GLOSS_VALUE = re.compile(r"(?i)^(?:the|a|an)\s+\w+(?:\s+\w+)?$")  # "the book", "a red car"
_LETTERS = re.compile(r"[^\W\d_]{2}")


def generate(ctx: Ctx) -> list[CardDraft]:
    cards: list[CardDraft] = []
    for b in walk_blocks(ctx.section.blocks):
        if b.kind is not BlockKind.TABLE or not b.rows:
            continue
        width = max(len(b.header), *(len(r) for r in b.rows))
        if width < 2 or example_data(b):
            continue
        for part in _side_by_side(b, width):
            said = _table_said(part)
            if said in ctx.doc_asked:
                continue  # the same cells under the same headers, in another order: asked
            ctx.doc_asked.add(said)
            part_width = max(len(part.header), *(len(r) for r in part.rows))
            if part_width == 2:
                cards.extend(_pairs(ctx, part))
            else:
                cards.extend(_cells(ctx, part))
    return cards


def _side_by_side(b: Block, width: int) -> list[Block]:
    """Tables set side by side in one ("| 분자 | 단일 결합 | 분자 | 이중 결합 | 분자 | 삼중 결합 |":
    the header repeats its first cell every k columns) as the k-column tables they are, their
    empty rows left out; any other table as it is."""
    head = [norm(plain_inline(h)) for h in b.header]
    for k in range(2, width // 2 + 1):
        if width % k or not head[0]:
            continue
        starts = range(0, width, k)
        if all(head[i] == head[0] for i in starts) and len({head[i + 1] for i in starts}) > 1:
            parts = []
            for i in starts:
                rows = [r[i : i + k] for r in b.rows if any(c.strip() for c in r[i : i + k])]
                if rows:
                    parts.append(replace(b, header=b.header[i : i + k], rows=rows))
            return parts
    return [b]


def _table_said(b: Block) -> str:
    """What a table says, whatever the order of its columns and rows: each cell with its row's
    first cell and its column's header ("Intervals … but up by P5" repeats a table's cells in
    another column order)."""
    heads = [plain_inline(h).strip() for h in b.header]
    triples = sorted(
        f"{plain_inline(row[0]).strip()}\x1f{heads[i] if i < len(heads) else i}\x1f"
        f"{plain_inline(cell).strip()}"
        for row in b.rows
        if row
        for i, cell in enumerate(row)
    )
    return "table:" + "\x1e".join(triples)


_COMMAND_HEADER = re.compile(r"(?i)command|cmd|usage|syntax|shortcut|key|명령|사용법|단축키")


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def _pairs(ctx: Ctx, b: Block) -> list[CardDraft]:
    if _example_rows(b):
        return []  # "| Algorithm B | 5% error |": an example's result, no pair to learn
    cards: list[CardDraft] = []
    h_val = plain_inline(_cell(b.header, 1))
    h_key = plain_inline(_cell(b.header, 0)).strip()
    if _GENERIC_VALUE.match(h_key) or label_key(h_key) in ("definition", "description"):
        h_key = ""  # "용어 | 설명": the plain "which term" question says it
    named_value = bool(h_val) and not _GENERIC_VALUE.match(h_val)
    values = Counter(norm(plain_inline(_cell(r, 1))) for r in b.rows)
    for row, line in zip(b.rows, b.row_lines, strict=False):
        key, value = _cell(row, 0), _cell(row, 1)
        pk, pv = plain_inline(key), plain_inline(value)
        if not pk or not pv or norm(pk) == norm(pv) or not _LETTERS.search(pv):
            continue  # an empty cell, "-", or a number ("8.6s"): no meaning to ask
        sibling = f"table:{line}"
        key_html = t.inline(clip(key, 120))
        value_html = t.para(t.inline(clip(value)))
        command = is_command(pk) or (_CODE_CELL.match(key) is not None and " " in pk)
        if (
            command
            and h_key
            and not _COMMAND_HEADER.search(h_key)
            and _CODE_CELL.match(key) is None
            and not re.search(r"\s-{1,2}\w|/|=|\|", pk)
        ):
            command = False  # "Level | Dirty reads" › "read uncommitted": words, not a command
        if (
            command
            and not _COMMAND_HEADER.search(h_key)
            and _CODE_CELL.match(key) is None
            and _GLOSS_VALUE.match(pv)
            and not re.search(r"\s-{1,2}\w|/|=|\|", pk)
        ):
            command = False  # "el libro | the book": a word and its gloss, not a command
        if command:
            shown = t.pre(clip(pk, 300))
            echo = reads_aloud(pk, pv)  # "Describe a deployment" would only echo the command
            cards.extend(
                both_ways(
                    ctx,
                    pk,
                    value_html,
                    shown,
                    ("cmd_to", "command", {"typed_answer": pk}),
                    None if echo else ("cmd_from", "explain"),
                    forward=ctx.doc_meanings[norm(pv)] <= 1,  # said of one command only
                    line=line,
                    sibling=sibling,
                )
            )
            continue
        if named_value:
            ask = prompt("cell", ctx.lang, x=pk, y=h_val)
        else:
            ask = prompt("term_fwd", ctx.lang, x=pk)
        cards.append(
            draft(
                ctx,
                CardKind.TERM,
                pk,
                front(ctx.path, ask),
                value_html,
                variant="forward",
                line=line,
                sibling=sibling,
            )
        )
        if (
            len(pv) <= MAX_REVERSE
            and norm(pk) not in norm(pv)
            and norm(pv) not in norm(pk)  # "Transport" / "Transport (4)"
            and len(pv) >= 2
            and values[norm(pv)] == 1  # a value two rows share names neither
            and not numeric(pv)
            and not one_word(pv)  # "Internet" → Network (3): a name, not a description
        ):
            cards.append(
                draft(
                    ctx,
                    CardKind.TERM,
                    pk,
                    front(
                        crumbs_hiding(ctx, pk),
                        # "Which Command has this Lines acted on?" over "First line."
                        prompt("cell_rev", ctx.lang, x=h_key, y=h_val)
                        if named_value and h_key
                        else prompt("term_rev", ctx.lang),
                        value_html,
                    ),
                    t.para(key_html),
                    variant="reverse",
                    line=line,
                    sibling=sibling,
                )
            )
    return cards


_PRAISE = frozenset(
    "very good great seamless excellent strong growing rapidly niche dedicated integration nice "
    "better best solid decent mature active quite really highly well but and a an the".split()
)


def _only_praise(text: str) -> bool:
    """ "Very good integration.", "Growing rapidly.": a judgement, no fact a learner could
    recall from the row and column."""
    words = re.findall(r"[a-z]+", text.casefold())
    return bool(words) and len(words) <= 4 and all(w in _PRAISE for w in words)


_NUMBERED = re.compile(r"^\d+\.\s+")


def _cell_html(value: str) -> str:
    """A cell's text; numbered points written on lines of their own in the cell ("1. …<br>2. …")
    stay a numbered list."""
    parts = [p.strip() for p in value.split("; ")]
    if len(parts) >= 2 and all(_NUMBERED.match(p) for p in parts):
        return t.ol(t.inline(clip(_NUMBERED.sub("", p))) for p in parts)
    return t.para(t.inline(clip(value)))


_NAME_TAIL = re.compile(r"\s+(?:이름|name)$", re.IGNORECASE)


def _example_rows(b: Block) -> bool:
    """Rows named "A", "B", "Algorithm A", "Classifier B" whose cells are measurements ("95%",
    "80 ms", "3% error"): the notes' worked example, its values no facts."""
    heads = [plain_inline(_cell(r, 0)).strip() for r in b.rows]
    cells = [plain_inline(_cell(r, c)).strip() for r in b.rows for c in range(1, len(r))]
    if len(heads) < 2 or not cells:
        return False
    if all(re.fullmatch(r"[\d.,]+%?", x) for x in cells) and min(len(r) for r in b.rows) >= 3:
        return True  # "| Actual cat | 3 | 2 |": counts of an example, a confusion matrix
    if not all(re.fullmatch(r"(?:\S+\s)?[A-Z]", h) for h in heads):
        return False
    return all(re.match(r"[\d.,]+\s?(?:%|ms|s|초|개)?", x) for x in cells if x)


def _cells(ctx: Ctx, b: Block) -> list[CardDraft]:
    cards: list[CardDraft] = []
    if _example_rows(b):
        return cards  # "| A | 95% | 90% |", "| Algorithm B | 5% error |": an example's results
    corner = plain_inline(_cell(b.header, 0))
    columns_are_things = bool(_CORNER.match(corner)) and not any(
        # "| | inplace? | stable? | worst | … | remarks |": the columns are aspects asked of rows
        plain_inline(h).rstrip().endswith(("?", "？")) or label_key(plain_inline(h)) == "note"
        for h in b.header[1:]
    )
    said: dict[tuple[str, int], set[str]] = {}  # what each row head has in each column
    for row in b.rows:
        for c in range(1, len(row)):
            key = (norm(plain_inline(_cell(row, 0))), c)
            said.setdefault(key, set()).add(norm(plain_inline(_cell(row, c))))
    # a column that says the same for most rows ("Filled by: vim" ten times of twelve): only the
    # rows that differ are facts ("Named: Filled by? → user")
    usual: dict[int, str] = {}
    if len(b.rows) >= 4:
        for c in range(1, max(len(r) for r in b.rows)):
            seen = Counter(norm(plain_inline(_cell(r, c))) for r in b.rows)
            value, n = seen.most_common(1)[0]
            if value and n >= 0.7 * len(b.rows) and len(value) <= 12:
                usual[c] = value
    for row, line in zip(b.rows, b.row_lines, strict=False):
        row_head = plain_inline(_cell(row, 0))
        if not row_head:
            continue
        if len(row_head) <= 2 and corner and not columns_are_things:
            # "A" in a "클래스" (or "클래스 이름") column: "클래스 A"
            kind = _NAME_TAIL.sub("", corner) or corner
            row_head = f"{kind} {row_head}"
        for c in range(1, len(row)):
            col_head = plain_inline(_cell(b.header, c))
            # "공인 IP 주소 범위 ( 각 비어있는 중간 범위는 사설 IP 주소 범위)": the aside is a
            # note on the column, not part of what it is called
            col_head = re.sub(r"\s*\([^()]{12,}\)\s*$", "", col_head) or col_head
            col_head = col_head.rstrip(" ?？") or col_head  # "Readonly?" asked as "…: Readonly?"
            value = _cell(row, c)
            if usual.get(c) == norm(plain_inline(value)):
                continue
            box = re.fullmatch(r"\s*\[([ xX✓✔]?)\]\s*", value)
            if box is not None:  # "[x]" / "[ ]": a ticked or empty box
                value = (
                    ("Yes" if box.group(1).strip() else "No")
                    if ctx.lang is Lang.EN
                    else ("예" if box.group(1).strip() else "아니오")
                )
            if len(said[(norm(plain_inline(_cell(row, 0))), c)]) > 1:
                continue  # two rows of one head with other values here: the cue fits both
            pv = plain_inline(value)
            lead = _BOLD_LEAD.match(value) if len(pv) > SHORT_CELL else None
            if lead is not None:
                # sentences in a cell under a **bold lead** ("**Requires configuration.** Port
                # forwarding …"): the lead is the cell's one fact, the rest explains it
                aside = re.match(r"\s*\([^()]{1,40}\)", value[lead.end() :])  # "(Apache 2.0)"
                value = lead.group(0).strip() + (aside.group(0) if aside else "")
                pv = plain_inline(value)
            elif len(pv) > MAX_CELL:
                continue  # a paragraph in a cell: several facts, none of them the cell's
            if not col_head or not pv or pv in ("-", "—", "?"):
                continue  # an empty cell: no fact
            if label_key(col_head) == "example" and not columns_are_things:
                continue  # "Example | `22 % 8 = 6`": the notes' example values, no fact
            if _only_praise(pv) or re.search(r"(?:\.\.\.|…)\s*$", pv):
                continue  # "Very good integration.", "docker ...": nothing to tell the rows apart
            thing, aspect = (col_head, row_head) if columns_are_things else (row_head, col_head)
            if norm(pv) in (norm(thing), norm(aspect)):
                continue
            if (
                len(pv) >= 2
                and re.fullmatch(r"[\w$.]+", plain_inline(thing).strip("` "))
                and (pv.casefold() in plain_inline(thing).casefold())
            ):
                continue  # "getUser | get | User": a part of the row's own name, read off it
            if not columns_are_things and any(
                norm(plain_inline(_cell(row, k))) == norm(pv) for k in range(1, c)
            ):
                # "기본값 1 | 권장값 1": the row says it already; the later column repeats it
                continue
            if len(cards) >= MAX_CELLS:
                ctx.warn(f"a table of {len(b.rows)} rows: only {MAX_CELLS} cells become cards")
                return cards
            cards.append(
                draft(
                    ctx,
                    CardKind.TABLE,
                    f"{thing} / {aspect}",
                    front(ctx.path, prompt("cell", ctx.lang, x=thing, y=aspect)),
                    _cell_html(value),
                    variant="cell",
                    line=line,
                    sibling=f"table:{line}",
                )
            )
    return cards
