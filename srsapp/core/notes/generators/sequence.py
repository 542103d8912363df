"""sequence: a numbered list (in a fence or not) → step k → step k+1, and the whole order.

Like Cloze Overlapper, each "next step" card shows the step before as context. A numbered
list whose items mostly carry their own example lines ("1. CMD" + a code line) is a list
of cases, not of steps: each case asks for its example instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import (
    Ctx,
    block_lines,
    chunk,
    clip,
    draft,
    front,
    in_worked_example,
    is_procedure,
    lines_html,
    order_prompt,
    plain_inline,
    step_prompt,
)
from ..lang import prompt
from ..parser import Block, BlockKind, LineKind, NoteLine
from .cloze import blanked, cloze_card

MAX_ORDER = 10
MIN_ORDER = 3  # steps for a "whole order" card


@dataclass
class _Step:
    head: NoteLine
    body: list[NoteLine] = field(default_factory=list)
    end: int = 0


def runs_of(blocks: list[Block], name: str) -> list[tuple[str, list[_Step], str]]:
    """Every run of numbered steps in the blocks: (the name it belongs to, steps, lead-in)."""
    out: list[tuple[str, list[_Step], str]] = []
    prev: Block | None = None
    for b in blocks:
        lead = (
            prev.lines[-1].text
            if prev is not None and prev.kind is BlockKind.PROSE and prev.lines
            else ""
        )
        if (
            b.kind is BlockKind.STEPS
            and len(b.items) >= 2
            and not any(ln.role == "table" for it in b.items for ln in it.lines)
            # ("Q3 . …?" / "A ." / "1. … 2. …": the points of an answer, asked by its question)
            and not all(it.head.role == "answer" for it in b.items)
        ):
            steps = []
            for it in b.items:
                body = [ln for c in it.children for ln in block_lines(c)]
                steps.append(_Step(it.head, it.lines[1:] + body, it.end))
            out.append((name, steps, lead))
        for run in b.steps:
            before = ""
            idx = b.lines.index(run[0].head) if run[0].head in b.lines else 0
            for ln in reversed(b.lines[:idx]):
                if ln.kind is not LineKind.BLANK:
                    before = ln.text
                    break
            steps = [_Step(s.head, s.body, (s.body or [s.head])[-1].line) for s in run]
            out.append((name, steps, before or lead))
        for it in b.items:
            sub = plain_inline(it.head.text) or name
            out.extend(runs_of(it.children, sub))
        prev = b
    return out


def generate(ctx: Ctx) -> list[CardDraft]:
    cards: list[CardDraft] = []
    if in_worked_example(ctx.path):
        return cards  # "2. 1초 대기. "Waited!" 메세지 출력": what the example program does in turn
    for name, steps, lead in runs_of(ctx.section.blocks, ctx.section.title):
        named = _named_by_lead(plain_inline(lead))
        if named and _ASKS.search(name.rstrip()):
            name = named  # "가상 메모리에 대해 설명해주세요." › "아래의 과정으로 페이지를 …"
        with_body = sum(1 for s in steps if s.body)
        listed = not any(s.head.role == "step" for s in steps)  # a Markdown ordered list
        procedure = is_procedure([s.head for s in steps], name, ctx.section.title, lead)
        if with_body * 2 >= len(steps) and not listed:
            cards.extend(_cases(ctx, name, steps))
        elif procedure:
            cards.extend(_sequence(ctx, name, steps))
        elif not listed:  # numbered lines in a fence that are no procedure: one card each
            for s in steps:
                card = cloze_card(ctx, s.head)
                if card is not None:
                    cards.append(card)
        # a Markdown list that is no procedure: the definition generator asks each item
    return cards


# a heading that asks a question or for an answer ("…설명해주세요.", "What happens …?")
_ASKS = re.compile(r"(?:[?？]|요\.?|시오\.?|하라\.?)$")
# "아래의 과정으로 페이지를 메모리에 할당한다.": the lead-in names the procedure
_LEAD_NAMES = re.compile(
    r"(?:^|\s)(?:아래|다음)(?:의|와 같은)\s*(과정|순서|단계|절차)(?:으로|로|에 따라|를 거쳐)\s+"
    r"(?P<what>\S.{1,40}?)(?P<verb>한|된|합니|됩니)(?:다|니다)\.?$"
)


def _named_by_lead(lead: str) -> str:
    """ "페이지를 메모리에 할당하는 과정" from "아래의 과정으로 페이지를 메모리에 할당한다." ("")."""
    m = _LEAD_NAMES.search(lead)
    if m is None:
        return ""
    doing = "되는" if m.group("verb") in ("된", "됩니") else "하는"
    return f"{m.group('what')}{doing} {m.group(1)}"


def _step_html(step: _Step) -> str:
    return t.inline(clip(step.head.text))


def _sequence(ctx: Ctx, name: str, steps: list[_Step]) -> list[CardDraft]:
    first = steps[0]
    sibling = f"sequence:{first.head.line}"
    cards: list[CardDraft] = []
    for k, step in enumerate(steps):
        body = chunk(step.body)[0] if step.body else []
        back = t.para(_step_html(step)) + (lines_html(body) if body else "")
        before = plain_inline(steps[k - 1].head.text) if k else ""
        # the step with its key term hidden ("도커 데몬이 도커 허브에서 이미지를 [...]함"):
        # one fact to recall, the step before it for the order
        blank = blanked(ctx, step.head, (name,), given=before)
        if blank is not None:
            shown_step, answer, _term = blank
            prev = [_step_html(steps[k - 1])] if k else []
            fr = front(
                ctx.path,
                prompt("cloze", ctx.lang),
                t.ol([*prev, shown_step], start=k if k else 1),
            )
            back = t.para(answer) + t.para(_step_html(step))
        elif k == 0:
            fr = front(ctx.path, step_prompt("first", name, ctx.lang))
        else:
            shown = t.ol([_step_html(steps[k - 1]), t.esc("[...]")], start=k)
            fr = front(ctx.path, step_prompt("next", name, ctx.lang), shown)
        cards.append(
            draft(
                ctx,
                CardKind.SEQUENCE,
                plain_inline(step.head.text),
                fr,
                back,
                variant="next",
                line=step.head.line,
                end=step.end,
                sibling=sibling,
            )
        )
    if MIN_ORDER <= len(steps) <= MAX_ORDER:  # (two steps: "the next one" says it all)
        cards.append(
            draft(
                ctx,
                CardKind.SEQUENCE,
                plain_inline(first.head.text),
                front(ctx.path, order_prompt(name, ctx.lang)),
                t.ol(_step_html(s) for s in steps),
                variant="order",
                line=first.head.line,
                end=steps[-1].end,
                sibling=sibling,
            )
        )
    elif len(steps) > MAX_ORDER:
        ctx.warn(f"{len(steps)} steps are too many for one 'whole order' card")
    return cards


CASE_NAME_MAX = 30  # a longer item head is a statement, not the name of a case


def _cases(ctx: Ctx, name: str, steps: list[_Step]) -> list[CardDraft]:
    cards: list[CardDraft] = []
    sibling = f"sequence:{steps[0].head.line}"
    for step in steps:
        if not step.body:
            continue
        if len(plain_inline(step.head.text)) > CASE_NAME_MAX:
            # "CMD,ENTRYPOINT => ENTRYPOINT 실행 후 arg로 CMD가 실행": a statement, not a
            # case's name; asking for its example asks for sample lines
            card = cloze_card(ctx, step.head)
            if card is not None:
                cards.append(card)
            continue
        body = chunk(step.body)[0]
        code_only = all(ln.kind in (LineKind.CODE, LineKind.COMMAND) for ln in body)
        name = plain_inline(step.head.text).strip()
        if code_only and all((ln.command or ln.text).strip().startswith(name) for ln in body):
            continue  # "1. CMD" over "CMD apachectl -D FORGROUND": the item's own sample line
        if code_only:
            back = t.pre("\n".join(ln.command or ln.text for ln in body))
        else:
            back = lines_html(body)
        cards.append(
            draft(
                ctx,
                CardKind.SEQUENCE,
                plain_inline(step.head.text),
                front(ctx.path, prompt("seq_case", ctx.lang, x=name), t.para(_step_html(step))),
                back,
                variant="case",
                line=step.head.line,
                end=step.end,
                sibling=sibling,
            )
        )
    return cards
