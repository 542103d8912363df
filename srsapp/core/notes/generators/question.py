"""question: a line ending in ``?`` with the lines that answer it; ``X란? 답`` on one line."""

from __future__ import annotations

import re

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import (
    Ctx,
    block_lines,
    chunk,
    clip,
    draft,
    front,
    lines_html,
    plain_inline,
    sentences,
)
from ..context import leans_on_context, tells_no_fact
from ..parser import PROSE_KINDS, Block, BlockKind, Item, LineKind, NoteLine


def generate(ctx: Ctx) -> list[CardDraft]:
    cards: list[CardDraft] = []
    _walk(ctx, ctx.section.blocks, cards)
    return cards


def _walk(ctx: Ctx, blocks: list[Block], cards: list[CardDraft]) -> None:
    for idx, b in enumerate(blocks):
        lines: list[NoteLine] = list(b.lines) if b.kind is not BlockKind.CODE else []
        item_of: dict[int, Item] = {}
        for it in b.items:
            lines.extend(it.lines)
            item_of[id(it.lines[-1])] = it
        for i, ln in enumerate(lines):
            if ln.kind is not LineKind.QUESTION:
                continue
            answer = ln.answer
            owner = item_of.get(id(ln))
            if not answer and not ln.inline_answer and owner is not None and owner.children:
                answer = [x for c in owner.children for x in block_lines(c)]  # answered below it
                boxes = _boxes(answer)
                if boxes is not None:
                    # "- [ ] …" / "- [x] …" under the question: a multiple choice, answered by
                    # the option ticked (the boxes never reach the card); with none ticked, or
                    # all, a to-do list or a checklist, which answers nothing
                    card = _choice_card(ctx, ln, answer, boxes) if _one_key(boxes) else None
                    if card is not None:
                        cards.append(card)
                    continue
                heads = [sub.head for c in owner.children for sub in c.items]
                if len(answer) > ANSWER_LINES and len(heads) >= 2:
                    # "Why linker?" over "1. Modularity" and "2. Efficiency", each with its
                    # own nested points: the points it names answer it, not ten lines of detail
                    answer = heads
            elif not answer and not ln.inline_answer and i == len(lines) - 1:
                answer = _next_block_answer(blocks[idx + 1 :])
            card = _card(ctx, ln, answer)
            if card is not None:
                cards.append(card)
        for it in b.items:
            if not (it.lines[-1].kind is LineKind.QUESTION and it.children):
                _walk(ctx, it.children, cards)


_BOX = re.compile(r"^\[([ xX])\]\s+(\S.*)$")
MAX_CHOICES = 8


def _boxes(lines: list[NoteLine]) -> list[tuple[bool, str]] | None:
    """(ticked, text) of each line under a question when every one is a task box."""
    out: list[tuple[bool, str]] = []
    for ln in lines:
        m = _BOX.match(ln.text.strip())
        if m is None:
            return None
        out.append((m.group(1) != " ", m.group(2).strip()))
    return out or None


def _one_key(boxes: list[tuple[bool, str]]) -> bool:
    """Options of a multiple choice: two to eight, some ticked and some not."""
    ticked = sum(c for c, _ in boxes)
    return 2 <= len(boxes) <= MAX_CHOICES and 0 < ticked < len(boxes)


def _choice_card(
    ctx: Ctx, ln: NoteLine, answer: list[NoteLine], choices: list[tuple[bool, str]]
) -> CardDraft | None:
    """The question with its options on the front (each cut before its "; explanation", so the
    right one is not told by its length) and the ticked option(s), explained, on the back."""
    q = ln.question or ln.text
    if _NO_SUBJECT.match(plain_inline(q).strip()):
        return None
    shown = [re.split(r";\s", text, maxsplit=1)[0] for _ticked, text in choices]
    right = [text for ticked, text in choices if ticked]
    return draft(
        ctx,
        CardKind.QUESTION,
        plain_inline(q),
        front(
            ctx.path,
            "",
            t.para(t.inline(clip(q))),
            t.ul(t.inline(clip(o, 160)) for o in shown),
        ),
        "".join(t.para(t.inline(clip(r))) for r in right),
        variant="choice",
        line=ln.line,
        end=answer[-1].line,
        sibling=f"question:{ln.line}",
    )


def _next_block_answer(rest: list[Block]) -> list[NoteLine]:
    """A question closing a paragraph is answered by the paragraph or list after it, or by
    the few paragraphs after it ("get과 post의 차이점은?": one paragraph on each)."""
    out: list[NoteLine] = []
    for n, b in enumerate(rest[:ANSWER_PARAGRAPHS]):
        if n and (b.kind is not BlockKind.PROSE or rest[0].kind is not BlockKind.PROSE):
            break
        if b.kind in (BlockKind.PROSE, BlockKind.BULLETS, BlockKind.FENCE, BlockKind.QUOTE):
            lines = block_lines(b)
            if any(ln.kind is LineKind.QUESTION for ln in lines):
                out.extend(
                    lines[: next(i for i, ln in enumerate(lines) if ln.kind is LineKind.QUESTION)]
                )
                break
            out.extend(lines)
        else:
            break
    return out


ANSWER_PARAGRAPHS = 3
ANSWER_LINES = 8  # an answer of more lines is the exception the issue allows, never more


LONG_ANSWER = 240


_ASKS_EXPERIENCE = re.compile(
    r"어땠나요|어땠는지|어땠어|느낀\s?점|소감|\bhow did (?:you|it) feel\b|\bwhat was your experience\b",
    re.IGNORECASE,
)


# a sentence that counts what comes next without naming it
_ANNOUNCES = re.compile(
    r"(?:두|세|네|다섯|여러|몇|\d+)\s?가지(?:의)?\s?(?:기술|방법|방식|이유|종류|경우|특징|단계)?(?:을|를|이|가|로|으로)?"
    r"\s*(?:사용한다|사용합니다|있다|있습니다|존재한다|나뉜다|소개한다|살펴보자|알아보자)?\s*[.]?$"
    r"|(?i:\b(?:two|three|four|several|a couple of|a few|various|many)\s+(?:\w+\s+)?"
    r"(?:ways|techniques|methods|approaches|types|kinds|reasons|steps|options)\b[^.:]*(?:[.]|:)?\s*$)"
)
_NO_SUBJECT = re.compile(
    r"^(?:왜|어떻게|언제|어디에|어디서)\s*(?:사용|쓰|필요|동작|작동|일어나|발생)\S*\s*[?？]?$"
    r"|(?i:^(?:why|how|when|where)\s+(?:use|do we use|is it used|does it work|do we need)\s*(?:it|this|them)?\s*[?？]?$)"
)
# a question trailing off ("…스레드일까..?"), an answer that only guesses ("…것 같다", "Maybe …")
_WONDERING = re.compile(r"까\s?\.{2,}|\.\.\s?\?")
_HEDGED = re.compile(
    r"것\s?같(?:다|고|은데|긴|아요|습니다)|모르겠|아닐까|않을까|(?:걸|일|을|ㄹ)까\s?\.{2,}|\.\.\s?\?"
    r"|(?i:\bI (?:guess|think|suppose|wonder)\b|\bnot sure\b|\bmaybe\b)"
)
_SETS_UP = re.compile(r"(?i)(?:assume|suppose|let's say|imagine|consider)\b")
_CUT_OFF = re.compile(
    r"(?:[가-힣](?:를|을|의|와|과|에|에서|로|으로))$|(?i:\s(?:a|an|the|of|to|for|with|by|and|or))$"
)


def _card(ctx: Ctx, ln: NoteLine, answer: list[NoteLine]) -> CardDraft | None:
    if _ASKS_EXPERIENCE.search(plain_inline(ln.question or ln.text)):
        return None  # "컴포넌트 단위의 구현 경험이 어땠나요?": the author's own experience
    said = plain_inline(ln.inline_answer).lstrip("-> ") if ln.inline_answer else ""
    if said and (
        len(said) <= 30
        and tells_no_fact(said)
        or re.match(r"(?:다음\s?(?:주|시간)에\s?계속|정리\s?(?:필요|예정)|TODO|TBD)", said)
        or re.search(r"(?:확인|찾아|알아|공부|정리)\s?(?:하기|보기)\s*[.!]?$", said)  # a to-do
    ):
        return None  # "…하려면? -> 다음 주에 계속..", "…위해서? (예시로 확인하기)": unanswered
    if said and re.fullmatch(r"[(（][^()（）]*[)）][.。]?", said.strip()):
        return None  # "K-means의 … 단점은 무엇인가요? (계산량 많다는것 말고)": the question's aside
    if ln.inline_answer:
        back = t.para(t.inline(clip(ln.inline_answer)))
        end = ln.line
    elif answer:
        part = chunk(answer)[0]
        if len(part) == 1 and len(part[0].text) > LONG_ANSWER:  # a paragraph: its first two
            text = " ".join(sentences(part[0].text)[:2])  # sentences answer the question
            back = t.para(t.inline(clip(text)))
        elif (
            len(answer) > 1
            and sum(len(a.text) for a in answer) > LONG_ANSWER
            and all(a.kind in PROSE_KINDS and len(sentences(a.text)) > 1 for a in answer)
        ):
            # paragraphs, one on each thing asked about: the first sentence of each
            part = answer[:ANSWER_PARAGRAPHS]
            back = "".join(t.para(t.inline(clip(sentences(a.text)[0]))) for a in part)
        else:
            back = lines_html(part)
        end = part[-1].line
    else:
        return None
    said = ln.inline_answer or " ".join(a.text for a in answer[:2])
    if re.match(r"(?i)\s*(?:see|refer to|read|참고|참조)\b", plain_inline(said)):
        return None  # "See the License Agreement on pricing": a pointer, no answer
    only = plain_inline(ln.inline_answer or (answer[0].text if len(answer) == 1 else "")).strip()
    if only and (_ANNOUNCES.search(only) or _SETS_UP.match(only) or _CUT_OFF.search(only)):
        # "HotSpot VM에서는 일단 두 가지의 기술을 사용한다.", "Assume that we have …", "여러가지가
        # 있는데 이 논문에서는 두 가지를": it leads to the answer, or stops before it
        return None
    q = ln.question or ln.text
    if _WONDERING.search(plain_inline(q)) or _HEDGED.search(plain_inline(said)):
        # "…숨쉬듯이 쓰는게 스레드일까..?" / "…제공해줄 것 같다.": the author wondering aloud,
        # a guess, not an answer to learn
        return None
    if len(q.split()) <= 4 and leans_on_context(plain_inline(q)):
        return None  # "왜 그럴까?": a question about the sentence before, asked alone
    if _NO_SUBJECT.match(plain_inline(q).strip()):
        return None  # "왜 사용하는가?", "Why use it?": of what, the question does not say
    return draft(
        ctx,
        CardKind.QUESTION,
        plain_inline(q),
        front(ctx.path, "", t.para(t.inline(clip(q)))),
        back,
        variant="",
        line=ln.line,
        end=end,
        sibling=f"question:{ln.line}",
    )
