"""definition: a section's own prose → one fact per card.

- a short body (one or two short lines, or a short list of at most 7 short items) is one card:
  "what is {heading}" (or "X의 장점은?" when the heading is a label such as 장점/Purpose) → the body;
- a longer body: its lead line answers "what is {heading}" when it reads like a definition,
  a sentence that defines a term ("A volume is …", "볼륨은 …이다") asks for that term, and every
  other line becomes a cloze of its key term (nested bullets show their parent as context);
  lines with no key term to ask are grouped into short "describe" cards (≤ 3 lines each);
- a heading that only groups others ("개념", "Overview" with sub-sections) asks nothing of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import (
    COUNTED_TRAITS,
    Ctx,
    clip,
    crumbs_hiding,
    description_lines,
    draft,
    front,
    in_worked_example,
    is_named_item,
    is_procedure,
    keyval_list,
    lines_html,
    norm,
    plain_inline,
    split_aside,
    split_line,
    split_sentences,
    strip_numbering,
    title_line,
    walk_blocks,
    walk_lines,
)
from ..context import (
    asks_for,
    elliptic,
    exclaims,
    leans_on_context,
    needs_previous,
    subjectless,
    tells_no_fact,
    without_marker,
    without_story,
)
from ..keyterms import is_stopword
from ..labels import label_key, label_question, label_tail
from ..lang import EN_QUALIFIER, Lang, has_hangul, prompt
from ..parser import PROSE_KINDS, Block, BlockKind, Item, LineKind, NoteLine, keyval_shape
from ..scan import AtEnd
from .cloze import about_the_example, cloze_card
from .list import MAX_ALL as NAMES_ALL
from .quiz import is_answer_title

SHORT_BODY = 160  # characters: a body this short is one card
SHORT_ITEM = 30  # a list of names this short (and ≤ MAX_ALL of them) also gets one "all" card
MAX_ALL = 5
MAX_NAMES = 12  # names a lead-in sentence may ask for
LEAD_MAX = 120
GROUP = 3  # lines per "describe" card
PLURAL_LIST_MAX = 360  # a pros/cons list asked whole up to this many characters
REVERSE_MAX = 100  # a definition this short also gets "which term is described here?"
REVERSE_MIN = 12  # ... but not one too short to tell the term ("파일이다.")
CONTEXT_MAX = 240  # characters of earlier sentences a card may show as its context
_SKIP_ROLES = frozenset(
    {"explanation", "answer", "step", "step-body", "output", "option", "table", "example"}
)


@dataclass
class Unit:
    line: NoteLine
    context: NoteLine | None = None  # the bullet this line sits under
    group: int = 0  # units of one bullet list share it (0: a paragraph)


def body_units(blocks: list[Block], names: tuple[str, ...] = ()) -> list[Unit]:
    """The section's own prose, one unit per line, each with the bullet it sits under.

    Left out: what other generators own (commands and their explanations, procedures, KEY :
    meaning lines, questions and their answers, named items with their descriptions) and code.
    """
    out: list[Unit] = []
    _collect(blocks, None, names, out)
    return out


def _unmeant_name(it: Item, b: Block) -> bool:
    """A one-word item ("**OPTIONS**") among ``KEY : meaning`` items ("**GET** : 조회(read)")."""
    return (
        it.head.kind is not LineKind.KEYVAL
        and not it.children
        and len(plain_inline(it.head.text).split()) == 1
        and sum(x.head.kind is LineKind.KEYVAL and bool(x.head.value) for x in b.items) >= 2
    )


def _collect(
    blocks: list[Block], context: NoteLine | None, names: tuple[str, ...], out: list[Unit]
) -> None:
    prev: Block | None = None
    for b in blocks:
        if (
            b.kind is BlockKind.PROSE
            and prev is not None
            and prev.kind is BlockKind.IMAGE
            and len(b.lines) == 1
            and prev.line == b.lines[0].line + 1
            and len(plain_inline(b.lines[0].text).split()) <= 4
            and not _sentence_like(b.lines[0])
        ):
            prev = b
            continue  # "OSI 7계층" on the line over its picture: the picture's title
        if b.kind in (BlockKind.PROSE, BlockKind.FENCE, BlockKind.QUOTE) and not b.shell:
            # the paragraph right before is what "이때 …" / "This …" of a first line leans on
            before = (
                [ln for ln in prev.lines if ln.text and ln.kind in PROSE_KINDS][-1:]
                if prev is not None
                and prev.kind in (BlockKind.PROSE, BlockKind.QUOTE)
                and not prev.shell
                else []
            )
            # ("[Back to Top](#contents)" between sections: a way around the page, no text)
            lines = [ln for ln in b.lines if not _in_page_links(ln)]
            out.extend(_with_previous(_prose(lines), context, before=before))
        elif b.kind in (BlockKind.BULLETS, BlockKind.STEPS):
            lead = _last_text(prev)
            if b.kind is BlockKind.STEPS and len(b.items) >= 2:
                if is_procedure([it.head for it in b.items], *names, lead):
                    prev = b
                    continue  # the sequence generator owns a procedure
            named = [it for it in b.items if is_named_item(it) and not label_key(it.head.text)]
            group = id(b)
            title = title_line(prev)  # "은행원 알고리즘" over its bullets: what they are about
            if title is not None and context is not None and context.text:
                # "3. 식사하는 철학자 문제에 대해 설명해보세요." › "> 교착 상태 해결책": the item
                # the box answers stays part of what its lines are about
                title = replace(title, text=f"{context.text} › {title.text}")
            over = (
                title if title is not None else (_lead_over(prev) or _lead_named(prev) or context)
            )
            list_names = (*names, plain_inline(title.text)) if title is not None else names
            kv = keyval_list(b, *names)
            for it in b.items:
                if len(named) >= 2 and it in named:  # the list generator owns these
                    continue
                if len(named) >= 2 and not it.children and _name_like(it.head):
                    continue  # "TLS and SSL" before "Blockchain" over its description: one
                    # more name of the list, no description of the heading
                if 0 < len(kv) <= NAMES_ALL and it.head.kind is not LineKind.KEYVAL:
                    continue  # "2. 수정자 주입" among "KEY - meaning" items: named by the list's card
                if _unmeant_name(it, b):
                    continue  # "**OPTIONS**" after "**GET** : 조회", "**POST** : 생성": a name
                    # the list gives no meaning to, not one of a list of its own
                if it.children and all(
                    c.items
                    and all(x.head.kind is LineKind.KEYVAL or _unmeant_name(x, c) for x in c.items)
                    for c in it.children
                ):
                    continue  # "Http Method 종류에 따른 행위" over those terms: their title
                below = description_lines(it)
                if below and all(ln.kind is LineKind.LINK for ln in below):
                    continue  # "Videos" over links to videos: a heading of a reading list
                if any(ln.kind is LineKind.QUESTION for ln in it.lines[:1]):
                    continue  # a question item: the question generator owns it and its answer
                own = _prose(it.lines)
                if (
                    len(named) >= 2
                    and it.children
                    and all(ln.kind is LineKind.CODE for ln in description_lines(it))
                    and len(plain_inline(it.head.text)) <= SHORT_ITEM + 10
                    and not _sentence_like(it.head)
                ):
                    # "드 모르간 법칙" among "교환법칙", "결합법칙" (each over its formulas): one
                    # more of the list's names over its code, not a line of prose
                    own = [ln for ln in own if ln is not it.head]
                out.extend(_with_previous(own, over, group))
                if any(ln.kind is LineKind.KEYVAL for ln in it.lines):
                    continue  # its sub-bullets elaborate the term: the term card owns them
                head = it.head if it.head.text else over
                sub = (*list_names, plain_inline(it.head.text)) if it.head.text else list_names
                _collect(it.children, head, sub, out)
        prev = b


# "파일 시스템을 사용했을 때의 주요 문제점은 다음과 같다.", "데이터베이스는 다음의 장점을 가진다.":
# the sentence that ends a paragraph names what the list after it is
_KO_LEAD_NAMES = (
    re.compile(
        r"(?:^|[.!?]\s+)(?P<x>[^.!?]{2,60}?)(?:은|는)\s*(?:다음과|아래와)\s*같(?:다|습니다)\.?$"
    ),
    re.compile(
        r"(?:^|[.!?]\s+)(?P<x>[^.!?\s]{2,30}?)(?:은|는)\s*(?:다음|아래)의\s*(?P<y>[가-힣]{2,6}?)(?:을|를)\s*"
        r"(?:가진다|갖는다|가지고 있다|갖습니다|가집니다)\.?$"
    ),
)


def _lead_named(prev: Block | None) -> NoteLine | None:
    """The last sentence of the paragraph over a list, when it names the list ("…주요 문제점은
    다음과 같다." → "파일 시스템을 사용했을 때의 주요 문제점"), as the items' context."""
    if prev is None or prev.kind is not BlockKind.PROSE or not prev.lines:
        return None
    last = prev.lines[-1]
    text = plain_inline(last.text).strip()
    for rx in _KO_LEAD_NAMES:
        m = rx.search(text)
        if m is not None:
            name = m.group("x") + (f"의 {m.group('y')}" if "y" in m.groupdict() else "")
            return replace(last, text=name.strip())
    return None


def _lead_over(prev: Block | None) -> NoteLine | None:
    """A one-line paragraph right over a list ("MAC 주소 테이블의 각 주소는 일정 시간 이후에 삭제"
    over "4. 기본 300초 저장, …"): what its items go on about, shown with them."""
    if prev is None or prev.kind is not BlockKind.PROSE or prev.shell:
        return None
    lines = [ln for ln in prev.lines if ln.text and ln.kind in PROSE_KINDS]
    if len(lines) != 1 or len(lines[0].text) > 80 or leans_on_context(plain_inline(lines[0].text)):
        return None
    return lines[0]


def _with_previous(
    lines: list[NoteLine],
    context: NoteLine | None,
    group: int = 0,
    *,
    before: list[NoteLine] | tuple[NoteLine, ...] = (),
) -> list[Unit]:
    """Units of a paragraph: a sentence that leans on the one before it ("This is called the
    temporal dead zone.") has that sentence as its context (for the first one: the last
    sentence of the paragraph ``before``)."""
    out: list[Unit] = []
    for i, ln in enumerate(lines):
        prev = lines[i - 1] if i else (before[-1] if before else None)
        if prev is not None and not group and _continues(prev, ln):
            out.append(Unit(ln, prev, group))
        elif (
            prev is not None
            and prev.line == ln.line  # two sentences of one line
            and subjectless(plain_inline(ln.text))
            and not subjectless(plain_inline(prev.text))
        ):
            # "FCFS는 … 먼저 처리한다. 자원을 효율적으로 사용할 수 있어 [...]에 적합하다."
            out.append(Unit(ln, prev, group))
        elif prev is None or not (
            needs_previous(plain_inline(ln.text))
            or (
                elliptic(plain_inline(ln.text))
                and not group
                and not elliptic(plain_inline(prev.text))
            )
        ):
            out.append(Unit(ln, context, group))
        elif not leans_on_context(plain_inline(prev.text)):
            out.append(Unit(ln, prev, group))
        elif (named := _named_by(prev, ln)) is not None:
            out.append(Unit(named, context, group))  # "이 명령어는 …" → "`EXPOSE` 명령어는 …"
        elif i >= 2 and out[-1].context is lines[i - 2]:
            # "This is called the temporal dead zone." after "They are not accessible …"
            # after "Variables with let …": both sentences before it are its context
            both = f"{lines[i - 2].text} {prev.text}"
            joined = replace(prev, text=both) if len(both) <= CONTEXT_MAX else None
            out.append(Unit(ln, joined if joined is not None else context, group))
        else:
            out.append(Unit(ln, context, group))
    return out


_KO_THIS = re.compile(r"^(?:이|그|해당)\s+(?=\S+?(?:은|는|이|가)\s)")
_EN_THIS = re.compile(
    r"^(?:this|that|the)\s+(?=(?:command|tool|option|flag|module|function|method|instruction|keyword|setting|file|library)\b)",
    re.I,
)
_MARKED_TERM = re.compile(r"`([^`\n]{1,40})`|\*\*([^*\n]{1,40})\*\*")


def _named_by(prev: NoteLine, ln: NoteLine) -> NoteLine | None:
    """ "여기서 알아보고자 하는 것은 `EXPOSE` 명령어이다. 이 명령어는 …": the sentence before
    only names what "이 명령어" is (it is talk about the notes, no card of its own), so the
    sentence is asked with the name in place of "이": "`EXPOSE` 명령어는 …"."""
    names = {m.group(1) or m.group(2) for m in _MARKED_TERM.finditer(prev.text)}
    if len(names) != 1 or not ln.markdown:
        return None
    name = names.pop()
    m = _KO_THIS.match(ln.text) or _EN_THIS.match(ln.text)
    if m is None:
        return None
    text = f"`{name}` " + ln.text[m.end() :]
    if leans_on_context(plain_inline(text)):
        return None
    return replace(ln, text=text)


_KO_HAS_SUBJECT = re.compile(r"\S(?:은|는|이|가|란|이란)\s")
_KO_NOTE_END = re.compile(r"(?:함|음|됨|임|함\s*\([^()]*\))\.?$")


def _continues(prev: NoteLine, ln: NoteLine) -> bool:
    """ ".dockerignore 파일 생성함" under "docker build시에 추가하지 않을 파일을 지정할수있다.":
    a short Korean note without a subject of its own goes on from the line before it."""
    text = plain_inline(ln.text).strip()
    before = plain_inline(prev.text).strip()
    if not (has_hangul(text) and has_hangul(before)) or len(text) > 40 or len(before) > 120:
        return False
    if _KO_HAS_SUBJECT.search(text + " ") or not _KO_NOTE_END.search(text):
        return False
    return not leans_on_context(before)


def _last_text(b: Block | None) -> str:
    if b is None or b.kind is not BlockKind.PROSE or not b.lines:
        return ""
    return b.lines[-1].text


def _prose(lines: list[NoteLine]) -> list[NoteLine]:
    keep = PROSE_KINDS | {LineKind.LINK, LineKind.LABEL}
    out: list[NoteLine] = []
    for ln in lines:
        if (
            (ln.kind in keep or (ln.kind is LineKind.COMMENT and not ln.role))
            and ln.role not in _SKIP_ROLES
            and ln.text
            and not asks_for(plain_inline(ln.text))  # ("…를 설명해주세요": a question, no text)
        ):
            parts = split_line(ln) if ln.kind is not LineKind.LINK else [ln]
            if len(parts) == 1 and ln.kind is not LineKind.LINK:
                # a short line whose first sentence tells no fact ("여기서 알아보고자 하는 것은
                # `EXPOSE` 명령어이다. 이 명령어는 …"): the sentences after it may
                pieces = split_sentences(ln)
                first = plain_inline(pieces[0].text)
                if len(pieces) > 1 and leans_on_context(first) and not first.startswith("("):
                    parts = pieces
            out.extend(parts[:-1])
            out.extend(split_aside(parts[-1]) if ln.kind is not LineKind.LINK else parts[-1:])
    return [_unframed(ln) for ln in out]


def _in_page_links(ln: NoteLine) -> bool:
    """A line of links to places on the same page: "[Back to Top](#contents)"."""
    return (
        ln.kind is LineKind.LINK
        and bool(ln.links)
        and all(href.startswith("#") for _txt, href in ln.links)
    )


def _unframed(ln: NoteLine) -> NoteLine:
    """The line without who told it or how the author framed it ("Seth pointed out that …")."""
    text = without_story(ln.text)
    return ln if text == ln.text else replace(ln, text=text)


def body_lines(blocks: list[Block]) -> list[NoteLine]:
    return [u.line for u in body_units(blocks)]


def _length(ln: NoteLine) -> int:
    return len(plain_inline(ln.text))


def _name_runs(units: list[Unit], listed: set[int]) -> list[list[Unit]]:
    """The items of each top-level list that are all short names (3 to MAX_ALL of them)."""
    runs: dict[int, list[Unit]] = {}
    for u in units:
        if u.group and u.context is None and id(u) not in listed:
            runs.setdefault(u.group, []).append(u)
    return [
        run
        for run in runs.values()
        if 3 <= len(run) <= MAX_ALL
        and all(
            u.line.kind in PROSE_KINDS
            and _length(u.line) <= SHORT_ITEM
            and not _sentence_like(u.line)
            for u in run
        )
    ]


def _lead_ins(units: list[Unit]) -> list[tuple[Unit, list[Unit]]]:
    """A sentence followed by a bullet list of short names: "트리거가 실행되는 경우는 세 가지가
    있다" + INSERT / UPDATE / DELETE. The sentence asks for the names."""
    out: list[tuple[Unit, list[Unit]]] = []
    i = 0
    while i < len(units) - 2:
        lead = units[i]
        j = i + 1
        group = units[j].group
        while (
            j < len(units)
            and units[j].group == group
            and group
            and (units[j].context is lead.context or units[j].context is lead.line)
        ):
            j += 1
        names = units[i + 1 : j]
        # ("다음 세 가지 특성을 갖는 …" over three sentences: the traits it counts, recalled whole)
        counted = (  # (looked for only where it can count)
            lead.group != group
            and 2 <= len(names) <= MAX_NAMES
            and COUNTED_TRAITS.search(plain_inline(lead.line.text)) is not None
        )
        if (
            lead.group != group
            and 2 <= len(names) <= MAX_NAMES
            and all(
                _length(u.line) <= SHORT_ITEM
                and not _sentence_like(u.line)
                or counted
                and len(names) <= MAX_ALL + 2
                and _length(u.line) <= LEAD_MAX // 2
                for u in names
            )
            and not any(u.line.kind is LineKind.LINK for u in names)  # a reading list
            and lead.line.kind in PROSE_KINDS
            and _length(lead.line) <= LEAD_MAX
        ):
            out.append((lead, names))
            i = j
        else:
            i += 1
    return out


_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|could|will|would|may|might|must|should|does|do|did|"
    r"results?|causes?|makes?|works?|needs?|uses?)\b",
    re.IGNORECASE,
)


def _list_of_kinds(units: list[Unit]) -> bool:
    """The body opens with a list of parallel names (kinds, algorithms, options): its first
    item names one of them and does not say what the heading is."""
    first = [u for u in units if u.group and u.group == units[0].group]
    if len(first) < 2:
        return False
    names = sum(1 for u in first if _name_like(u.line))
    return names * 2 >= len(first)


# the last word of an English heading that names a set of things: "Practical applications of
# Dijkstra's algorithm", "Manage Resources", "Online metrics", "Detailed CSP Directives"
_PLURAL_HEAD = re.compile(r"[a-z]{3,}[^su\W]s|[a-z]+ies", re.IGNORECASE)


def _first_of_a_set(units: list[Unit], subject: str) -> bool:
    """The body opens with a list item under an English heading that names a set of things
    ("Practical applications of …" › "- GPS / navigation systems", "Manage Resources" › "- Get
    documentation for pod or service"): the first item is one of them, not what they are
    (unless it names the heading: "- Greedy algorithms are algorithms that …")."""
    first = units[0]
    if not first.group or has_hangul(subject):
        return False
    core = re.sub(r"\([^()]*\)", "", subject).strip()
    head = re.split(r"\s+(?:of|for|in|on|to|with|by|from|and)\s+", core, maxsplit=1)[0].split()
    if not head or not _PLURAL_HEAD.fullmatch(head[-1]):
        return False
    return norm(head[-1]).rstrip("s") not in norm(plain_inline(first.line.text))


def _name_like(ln: NoteLine) -> bool:
    """A name ("라운드로빈 방식 (Round Robin Method)", "bridge"), not a statement."""
    text = re.sub(r"\([^()]*\)", "", plain_inline(ln.text)).strip()
    return 0 < len(text) <= SHORT_ITEM and len(text.split()) <= 4 and not _sentence_like(ln)


_COMPARISON = re.compile(
    r"\bvs\.?\b|\bversus\b|비교|차이(?:점)?$|와\s?\S+\s?(?:의\s)?차이"
    # "TCP와 UDP", "Process and Thread", "뮤텍스 & 세마포어": two names side by side
    r"|^(?:\d+(?:\.\d+)*\.?\s+)?[\w-]{2,20}(?:와|과|\s+and|\s*&)\s+[\w-]{2,20}$",
    re.IGNORECASE,
)


# a heading that ends on a preposition: "Replication is used for" (over its list)
_PREPOSITION_TITLE = re.compile(r"\s(?:for|to|of|by|with|from|into|as|is|are)\s*:?$", re.IGNORECASE)
# a heading that is a verb phrase: an "-ing" word, then what is done to what
_DOING_TITLE = re.compile(
    r"[A-Z][a-z]+ing\s+\S+(?:\s+\S+)*?\s+(?:to|with|between|into|from|for|in|on|across)\s+\S"
)


def _sentence_title(title: str) -> bool:
    """A heading written as a statement: "AP는 패킷을 복사하는 기기이다", "How X works."."""
    t = title.strip()
    if not has_hangul(t) and len(t.split()) >= 2 and _IMPERATIVE.match(t):
        return True  # "Use recursion": advice, nothing to ask "what is" of
    if not has_hangul(t) and _DOING_TITLE.match(t):
        return True  # "Using Threads to Run Code Simultaneously": a task, not a term
    if not has_hangul(t) and _PREPOSITION_TITLE.search(t):
        return True  # "For follower", "Replication is used for": a phrase, not a term
    if (
        has_hangul(t)
        and len(t.split()) >= 2
        and re.search(r"[가-힣](?:하자|쓰자|말자|두자|피하자|하라|으라|들라|쓰라|두라|말라)$", t)
    ):
        return True  # "O(N) 관련 명령어는 주의하자", "변경 가능성을 최소화하라": advice
    if len(t) < 12:
        return False
    return t.endswith((".", "다", "함", "음")) or (
        has_hangul(t) and t.endswith("기기") and " " in t
    )


_REQUEST_TITLE = re.compile(
    r"(?:하시오|하세요|해\s?주세요|해\s?보세요|말해\s?보세요|하라|쓰시오)\.?\s*$"
    r"|^(?:explain|describe|compare|define|list|name)\s+\S+\s+\S+",
    re.IGNORECASE,
)


# "어디서 사용되는가", "왜 필요한가", "무엇인지": a Korean question written without its "?" (a
# syllable before the ending: "인증과 인가" ends in the noun 인가)
# ("WCAG란", "HTTP/2란": a Latin name and 란, "X란?" without its "?"; a Hangul word before 란
# could be a noun ending in 란, 혼란)
_KO_ASKING_END = AtEnd(
    r"[가-힣](?:는가|인가|은가|한가|던가|을까|할까|나요|까요|는지|인지)\.?$"
    r"|[A-Za-z0-9)]\s?(?:이란|란)$"
)


def _is_question(text: str) -> bool:
    """A question, or a request standing for one ("Intent에 대하여 설명하시오", "Explain the
    difference between …")."""
    text = text.rstrip()
    return (
        text.endswith(("?", "？"))
        or _REQUEST_TITLE.search(text) is not None
        or _KO_ASKING_END.search(text) is not None
    )


def _sentence_like(ln: NoteLine) -> bool:
    """A statement rather than a name: it ends like a sentence."""
    text = without_marker(plain_inline(ln.text)).rstrip()  # "우선 GET 방식은 …"
    if text.endswith((".", "!", "。")):
        return True
    return has_hangul(text) and text.endswith(("다", "요", "음", "함", "됨", "임"))


_WHAT_AND = re.compile(r"^(.{1,40}?)(?:이|가)\s*(?:무엇이며|무엇이고|뭐고|뭐며)\s*,?\s+\S")


def _ask(ctx: Ctx) -> str:
    """The question a card about the whole section asks."""
    title = ctx.section.title
    subject = ctx.subject
    both = _WHAT_AND.match(title)
    if both and not ctx.label:
        # "교착상태가 무엇이며, 4가지 조건은?": the lead answers the first question; the list
        # under it (its own card) the second
        return prompt("what_is", ctx.lang, x=both.group(1).strip())
    if ctx.label and subject:
        if ctx.label in ("answer", "description"):
            if subject.rstrip().endswith(("?", "？")):
                return subject  # "## 프로세스란?" › "답변": the question itself
            return prompt("describe", ctx.lang, x=subject)  # "Java 컴파일 과정" › "답변"
        return label_question(subject, ctx.label, str(ctx.lang))
    if _is_question(title):
        asked = strip_numbering(title)  # "2. 그래서 REST가 뭔데?" asks without its number
        return asked + "?" if _KO_ASKING_END.search(asked) else asked  # "WCAG란" → "WCAG란?"
    if len(subject.split()) <= 3 and not (ctx.lang is Lang.EN and EN_QUALIFIER.match(subject)):
        return prompt("what_is", ctx.lang, x=subject)
    # ("For follower" under "Handling outages": "Describe what holds for follower.")
    return prompt("describe", ctx.lang, x=subject)


_IMPERATIVE = re.compile(
    r"^(?:pass|use|run|add|set|call|do|don't|try|install|type|press|click|open|see|note|"
    r"remember|check|create|write|put|keep|avoid|make sure|never|always|please)\b",
    re.IGNORECASE,
)
_EN_DEF = re.compile(
    r"^(?:an?\s+|the\s+)?(?P<x>[^\s,.;:()]+(?:\s+[^\s,.;:()]+){0,3}?)"
    r"(?:\s*\((?P<alias>[^()]{1,40})\))?"  # "A content delivery network (CDN) is …"
    r"(?:\s+\S{1,3}\s*=\s*[^\s,]{1,20})?\s+"  # "The load factor α = n/m is …"
    r"(?:is|are|refers to|means)\s+(?P<y>(?:an?|the|one|any|when|where|how|what|used|called)\b.{8,})$",
    re.IGNORECASE,
)
# Korean: the topic is everything before the first topic particle ("FROM은 …", "포인터는 …",
# "전이중이란 …"); "X란/이란" defines whatever follows, "X은/는" only with a defining ending.
_EVALUATION = re.compile(
    r"^(?:an?|the)?\s*(?:very\s+|really\s+|much\s+|most\s+|more\s+|least\s+)?"
    r"(?:good|great|bad|better|best|worse|worst|"
    r"useful|important|common|popular|simple|easy|hard|difficult|nice|fine|safe|fast|slow)\b",
    re.IGNORECASE,
)
# (not "혹은" / "또는", which join two names: "nested function 혹은 wrapper같은 개념이다"; nor
# "같은", which says what something is like)
_KO_TOPIC = re.compile(r"(?<!(?<!\S)혹)(?<!(?<!\S)또)(?<!같)(이란|란|이라\s*함은|은|는)\s+")
_KO_DEF_END = re.compile(
    # ("…Disk I/O를 줄임", "…높임": a verb that ends in 이다, 줄이다 and 높이다, is no copula)
    r"(?<!때문)(?:이다|(?<![줄높낮늘놓쓰쌓숨녹먹])임|말한다|의미한다|뜻한다|가리킨다|일컫는다|칭한다|말함|"
    r"의미함|뜻함|가리킴)\.?$"
)
_KO_PARTICLE_END = re.compile(
    r"(?:에|에서|에게|으로|로|와|과|의|도|만|까지|부터|을|를|이|가|고|며|면|서|또|하|되|맞|있|없|않|같)$"
)
_PRONOUNS = frozenset(
    "it this that these those they he she we you there here 이 이것 그것 그 저 이는 그는 "
    "이것은 그것은 여기 거기 since when if because although though while as after before once "
    "unless so but and or then also however thus therefore hence which what who where how why "
    "each every all some any many most such other another one two its their our your my "
    "모든 각 어떤 여러 다른 같은 이런 그런 저런 해당 위 아래 앞 앞의 위의 아래의 above below "
    "다음 다음의 following 그들 이들 저들 그녀 그것들 이것들 우리 우리들 너희 저희 그곳 이곳 "
    "them him her us".split()
)


_KO_PREDICATE_END = re.compile(
    r"(?:[다요음함됨데며고만서자죠까네]|가능|필요|불가|\S[을를]\s+\S+|[이가]\s+\S+"
    # verbal nouns that end a note's sentence: "… 구축할 때 사용", "… 복사해서 사용"
    r"|사용|이용|저장|전송|전달|관리|제공|지원|처리|실행|생성|삭제|변경|확인|병합|연결|분배|할당|반납|요구)"
    r"[.!]?$"
)


_KO_JUDGED = re.compile(
    r"(?:기본적으로\s|정말\s|아주\s|매우\s|굉장히\s|꽤\s|너무\s)*(?:좋은|훌륭한|유용한|편한|편리한|최고의|"
    r"나쁜|위험한|강력한|멋진)\s"
)
# a predicate of its own: a verb joined with "…하며,", or an object / place then a verbal noun
_KO_DOES = re.compile(
    r"(?<!말)(?<!의미)(?<!뜻)(?<![가-힣]으로)(?:하며|되며|하고|되고),\s"  # (not "…를 말하며,")
    r"|[가-힣](?:을|를|에|에게)\s(?:\S+\s)?(?:접근|사용|실행|저장|전달|"
    r"참조|호출|생성|변경|수행|처리|관리|제공|지원|결정)$"
)


def _ko_noun_phrase(y: str) -> bool:
    """ "다음 배포를 위한 통합 브랜치": a noun phrase that ends without a verb (notes' way of
    writing "is …")."""
    y = re.sub(r"\s*\([^()]*\)$", "", y.strip())
    return bool(y) and has_hangul(y[-1]) and not _KO_PREDICATE_END.search(y)


_CONNECTIVE_DEF = re.compile(
    r"^(?:여기서|즉|이때|한편|결국)\s*,?\s+(?=[^\s,]{1,20}(?:\s[^\s,]{1,20}){0,2}(?:이란|란)\s)"
)


_TASK_WORDS = re.compile(r"(?i)\b(?:if|whether|it|them)$|\b(?:if|whether)\b")
_NOT_A_NAME = re.compile(
    r"(?i)^(?:sometimes|often|usually|also|then|so|thus|hence|suppose|assume|imagine|let)\b"
    r"|\b(?:this|these|that|those|it|they)$"
)
_CALLED_WHEN = re.compile(r"(?i)called\b.*\b(?:if|when|whenever)\b")


def defined_term(ln: NoteLine) -> tuple[str, str] | None:
    """``A volume is storage managed by …`` / ``볼륨은 도커가 관리하는 저장소이다``: (term, rest)."""
    text = without_marker(plain_inline(ln.text)).rstrip()  # "우선 GET 방식은 …"
    # "여기서 완전성이란 …", "즉, X란 …": what X means stands alone after the connective
    text = _CONNECTIVE_DEF.sub("", text, count=1)
    if leans_on_context(text):
        return None  # "우선 GET은 …", "This is …"
    m = _EN_DEF.match(text)
    if m and _EVALUATION.match(m.group("y")):
        return None  # "AP is a good choice if …": a judgement, not what AP is
    if m and _TASK_WORDS.search(m.group("x")):
        return None  # "Determine if it is a binary search tree": a task, not a term
    if m and _NOT_A_NAME.search(m.group("x")):
        return None  # "Sometimes this is called the scalar product …": no name is defined
    if m and _CALLED_WHEN.match(m.group("y")):
        return None  # "A finite automaton is called a DFA if …": when a name applies, no definition
    if m:
        x, y = m.group("x").strip(" *`"), m.group("y").strip()
        y = re.split(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z`])", y, maxsplit=1)[0]  # "… a commit. HEAD …"
    elif has_hangul(text):
        k = _KO_TOPIC.search(text)
        if k is None or k.start() == 0:
            return None
        x, y = text[: k.start()].strip(), text[k.end() :].strip()
        # "파일이다.  (파일의 추가가 있을때마다 …)": an aside after the definition is not part
        y = re.sub(r"(?<=[.。])\s*\([^()]*\)\s*$", "", y).strip()
        x = re.sub(r"^\*\*|\*\*$", "", x).strip("` ")  # `feature/*` keeps its star
        x = re.sub(r"\s*\([^()]+\)$", "", x)  # "UDP(User Datagram Protocol)은 …"; fork() stays
        nxt = re.search(r"(?:며|고|,)\s+\S{1,20}(?:이란|란)\s", y)  # "…의미하며 점대점이란 …"
        if nxt:
            y = y[: nxt.start() + 1]
            y = re.sub(r"하며$", "함", re.sub(r"이며$", "임", y))  # "…의미하며" ends the clause
        whole, other = y, _OTHER_TOPIC.search(y)
        if other and (
            not _KO_DEF_END.search(y[other.end(1) :])
            or other.group(2).strip("`") in y[: other.start()]
        ):
            # "요청 결과에 관계 없이 …을 수행하고, 결과는 콜백으로 받는 방식이다": a word of the
            # first clause taken up again, still about the first term
            other = None
        if other:
            # "A는 Bean이 생성되기 전에 실행되고 B는 …": the clause after "되고" speaks of B
            head, said = y[: other.start()], other.group(1)
            if said.startswith("며"):  # "…프로그램을 말하며, 스레드는 …": "…프로그램을 말함"
                y = re.sub(r"하$", "함", re.sub(r"이$", "임", head))
            else:
                y = head + {"되고": "됨", "하고": "함", "이고": "임"}[said[:2]]
        if len(x.split()) > 3 or len(x) > 30 or len(y) < 4 or _KO_PARTICLE_END.search(x):
            return None
        if k.group(1) == "는" and re.search(r"(?:이라|[^\s\uac00-\ud7a3]라)$", x):
            return None  # "`setTimeout()`이라는 함수는 …": "called", the name of what follows
        if any(_KO_PARTICLE_END.search(w) for w in x.split()[:-1]):
            return None
        ends_as_definition = _KO_DEF_END.search(y) or (other and _KO_DEF_END.search(whole))
        if k.group(1) in ("은", "는") and not (ends_as_definition or _ko_noun_phrase(y)):
            return None
        if _KO_JUDGED.match(y):
            return None  # "레디스는 기본적으로 매우 좋은 툴이다": a judgement, not what it is
        if k.group(1) in ("은", "는") and _KO_DOES.search(y):
            # "처리기 시간은 여러 사용자들이 공유하며, 터미널을 통해 … 접근", "프로그램은 가상
            # 주소를 통해 원하는 워드에 접근": what it does or undergoes, not what it is
            return None
        if re.match(r"\S*(?:지만|는데|으면|하면|되면|고서|어서|아서|니까),?\s", y):
            return None  # "DOM은 계산됐지만 … 사용하면 …": a clause about it, not what it is
        if re.match(
            r"(?:심지어|또한|역시|항상|보통|주로|가끔|때로는|때때로|특히|게다가|오히려)\s", y
        ) or (
            re.search(r"[,，]\s*이는\s", y) or re.match(r"(?:\S+\s){0,2}\S+보다\s", y)
        ):  # "고전 스타일보다 …"
            # "클래스는 심지어 순환 의존성이 있을 수도 있는데, 이는 … 것이다": a remark about it,
            # and what "이는" names is the clause before
            return None
    else:
        return None
    if x.casefold() in _PRONOUNS or x.split()[0].casefold() in _PRONOUNS or len(x) < 2:
        return None
    if has_hangul(x) and is_stopword(x, "ko"):
        return None  # "그림은 실험에 대한 결과이다.": the figure the notes show, no term
    if has_hangul(x) and re.search(r"[가-힣]\s(?:것|점|때|곳|바)$", x):
        return None  # "무엇보다 중요한 것은 …": a clause made a noun, no term
    if len(re.sub(r"[$\\{}_^\s]|\\[a-z]+", "", x)) <= 2 and "$" in x:
        return None  # "$$u$$는 …": a variable of a formula, no term to define
    if "때문" in y or re.search(r"\bbecause\b", y, re.IGNORECASE):
        return None  # "$$u$$는 … 변화할 것이기 때문에 …": why, not what it is
    if label_key(x) in ("example", "note", "definition", "summary"):
        return None  # "An example is when classes …": a label, not a term
    if re.match(
        r"(?:아래|위)(?:의|와|에)?\s|다음과\s?같|(?:below|the following)\b", y, re.IGNORECASE
    ):
        return None  # "…란 아래 2가지 가설을 말한다": it points at what follows
    if re.search(r"\d", x) and re.search(r"[A-Za-z]", x) and " " not in x:
        return None  # "flask2", "p01": a name from the notes' example, not a term
    return x, y


_MARKED_LEAD = re.compile(r"^\s*(?:`([^`\n]{1,30})`|\*\*([^*\n]{1,30})\*\*)")
_KO_ROLE = re.compile(r"^\s*(?:은|는)\s+(?P<y>.{6,}?[가-힣]다)\.?\s*$")
_EN_ROLE = re.compile(
    r"^\s*(?:to\s+)?(?P<y>(?!is\b|are\b|was\b|has\b|does\b)[a-z]{3,}s\b.{6,}?)\.?\s*$"
    r"|^\s*to\s+(?P<inf>(?!be\b)[a-z]{2,}\b.{6,}?)\.?\s*$"  # "`docker exec` to execute …"
)
# "`docker network create` NAME Create a new network …": a cheat sheet's usage, then what it does
_EN_ROLE_USAGE = re.compile(
    r"^\s*(?:[A-Z][A-Z_]+\s+){0,3}(?P<cap>(?!(?:A|An|The|This|It)\b)[A-Z][a-z]+\s[a-z].{4,}?)\.?\s*$"
)


_KO_STATE_END = re.compile(
    r"(?:라고|다고)\s*(?:할\s*수\s*있|한|부른|본)다$|(?:있|없|같|이|아니|않|가능하|필요하|중요하|좋)다$"
)


def role_of(ln: NoteLine) -> tuple[str, str] | None:
    """ "`ADD`는 호스트의 파일을 이미지에 추가한다." / "`ADD` copies files into the image.": a
    name the author marked, then what it does: (name, what it does)."""
    if not ln.markdown:
        return None
    m = _MARKED_LEAD.match(ln.text)
    if m is None:
        return None
    name = (m.group(1) or m.group(2)).strip()
    rest = plain_inline(ln.text[m.end() :])
    r = (_KO_ROLE if has_hangul(rest) else _EN_ROLE).match(rest)
    if r is None and m.group(1) and not has_hangul(rest):
        r = _EN_ROLE_USAGE.match(rest)
    if r is None or not re.search(r"[A-Za-z\uac00-\ud7a3]", name):
        return None
    if re.search(r"\d", name) and re.search(r"[A-Za-z]", name) and " " not in name:
        return None  # "flask2": a name from the notes' example, not a term
    what = next(g for g in r.groups() if g).strip()
    if re.search(r"(?:나뉜다|나눈다|나뉘어진다|구분된다|분류된다|나눌 수 있다)$", what):
        return None  # "…시간적, 공간적, 순차적 지역성으로 나뉜다": its kinds, not what it does
    if re.search(r"(?:됩니다|된다|되어진다|어진다|아진다)\.?$|때문에", what):
        return None  # "this는 실행 컨텍스트가 생성될 때 함께 결정됩니다": done to it, no role
    if _KO_STATE_END.search(what):
        return None  # "…라고 할 수 있다", "…가 필요하다": what it is, not what it does
    if leans_on_context(what) or norm(name) in norm(what):
        return None
    return name, what


_SETTING_AFTER = re.compile(r"\s*(?:에서는|에서|에선|에서도)\s")


# "If the question involves …, be sure to check …", "Make sure …": advice, not what X is
_ASIDE_OPENER = re.compile(
    r"(?i)(?:as a side note|by the way|btw|side note|참고로|덧붙여|여담으로)\b"
)
_BOLD_SPAN = re.compile(r"\*\*([^*\n]{2,60})\*\*")
_TIP = re.compile(
    r"(?i)(?:(?:if|when|whenever|unless)\b[^,]{3,120},\s*(?:be sure|make sure|remember|check|"
    r"don't|do not|avoid|always|never|try)\b|(?:be sure|make sure|note that)\b)"
)


# "In Python, …": the start every _set_in pattern needs (matched first: most lines do not)
_SET_IN = re.compile(r"(?i)(?:in|with|for|on)\s+")


@lru_cache(maxsize=1024)
def _set_in(subject: str) -> re.Pattern[str]:
    """ "In <subject>, …" (compiled once a heading, not for each of its lines, and kept out of
    re's own cache, where a pattern for every heading evicted the module's patterns)."""
    return re.compile(rf"(?i)(?:in|with|for|on)\s+(?:the\s+)?{re.escape(subject)}\b\s*,")


_POINTS = frozenset("pros cons feature caution purpose role usage problem solution".split())


@lru_cache(maxsize=1024)
def _named_at_end(name: str) -> re.Pattern[str]:
    """ "… 것을 <name>라고 한다", "… is called <name>" (``name`` escaped; compiled once a
    heading: a pattern for every line cost ≈ 0.3 ms each and evicted the modules' patterns from
    re's cache)."""
    return re.compile(
        rf"^(.{{8,}}?)\s*(?:을|를)\s*(?:\*\*)?{name}(?:\*\*)?(?:\([^()]*\))?\s*(?:이)?라고\s*"
        rf"(?:한다|부른다|합니다|칭한다|말한다)\.?$"
        rf"|^(.{{8,}}?),?\s+(?:is|are)\s+called\s+(?:an?\s+|the\s+)?(?:\*\*)?{name}(?:\*\*)?\.?$",
        re.IGNORECASE,
    )


def _unnamed(ln: NoteLine, subject: str) -> NoteLine:
    """ "…헤더가 붙는 것을 캡슐화라고 한다" asked "캡슐화란 무엇인가?": the answer without the
    name it ends on ("…헤더가 붙는 것"); "… is called encapsulation" likewise."""
    if not subject or ln.kind not in PROSE_KINDS:
        return ln
    text = ln.text.strip()
    if "라고" not in text and "called" not in text.lower():
        return ln  # (what either form needs: most lines have neither)
    name = re.escape(re.sub(r"\s*\([^()]*\)$", "", subject).strip())
    if not name:
        return ln
    m = _named_at_end(name).match(text)
    if m is None:
        return ln
    said = (m.group(1) or m.group(2)).strip()
    return replace(ln, text=said, raw=said)


def _answers_the_question(title: str, units: list[Unit]) -> bool:
    """ "How does consistent hashing work?" over a paragraph: the paragraph is its answer,
    whatever its first sentence is about."""
    first = units[0].line
    return (
        _is_question(title)
        and not units[0].group
        and first.kind in PROSE_KINDS
        and _length(first) <= LEAD_MAX * 2
        # one paragraph (its sentences), perhaps a lead-in and its list after it: not the first
        # of several paragraphs that answer together ("fork()는 …" then "vfork()는 …")
        and all(
            u.group
            or u.line.line == first.line
            or plain_inline(u.line.text).rstrip().endswith((":", "："))
            for u in units[1:]
        )
    )  # ("Both servers and keys …", "It …" lean on the question, which the card shows)


def _named_in(term: str, title: str) -> bool:
    """The title names the term (spaces and case aside)."""
    name = re.sub(r"\s+", "", plain_inline(term)).casefold()
    return bool(name) and name in re.sub(r"\s+", "", plain_inline(title)).casefold()


def _heads_its_own_points(units: list[Unit]) -> bool:
    """ "* Redis Cluster" (or "- Pros") with its own points nested under it: a name over what
    is said of it, not what the heading is, nor one of the heading's points."""
    return any(
        nxt.context is u.line and len(plain_inline(u.line.text).split()) <= 3
        for u, nxt in zip(units, units[1:], strict=False)
    )


_EXAMPLE_OPENING = re.compile(
    r"\s*(?:(?:an?\s+)?examples?\s+(?:is|are|of|would be)\b|for example\b|for instance\b|"
    r"e\.g\.|예를\s?들(?:어|면)|예시로)",
    re.IGNORECASE,
)
# "…을 말하며, 스레드는 …", "…실행되고 `B`는 …": a second topic in a contrast sentence
# (not "관리하고 생성하는 객체": a verb's "는" names no topic)
_OTHER_TOPIC = re.compile(
    r"((?:되고|하고|이고|며),?\s+)(`?[A-Za-z가-힣][\w`]{0,30}?)(?<![하되있없않했됐])(?:은|는)\s"
)
_POINTS_ON = re.compile(
    r"(?:이란|란|은|는)\s+(?:아래|위)(?:의|와|에)?\s|다음과\s?같|^(?:an?\s+)?examples?\s+(?:is|are|of)\b",
    re.IGNORECASE,
)
_CALLED_IF = re.compile(r"\b(?:is|are)\s+called\b.*\b(?:if|when|whenever)\b", re.IGNORECASE)


# "It is a reusable solution to …" right under "Design Patterns": "it" is the heading
_IT_IS = re.compile(r"^It(?:\s+is|['’]s|\s+refers\s+to|\s+means)\s+(?=(?:an?|the|one)\s)")
# "What is and isn't a design pattern depends on …": a clause, not what the heading is
_WH_CLAUSE = re.compile(r"^(?:What|Whether|How|Why|Which|Who)\b(?![^.?!]*\?)")


def _it_is_first(units: list[Unit], subject: str) -> list[Unit]:
    """A section that opens "It is a …" (or "What is and isn't X depends on …. It is a …"):
    that sentence without its "It is", first, as the lead that says what the heading is
    (not under "Recognizing strings …": an activity is no "it")."""
    if re.match(r"[A-Za-z]+ing\b", subject) or has_hangul(subject):
        return units
    for i, u in enumerate(units[:2]):
        if u.group or u.line.kind not in PROSE_KINDS:
            return units
        text = plain_inline(u.line.text).strip()
        m = _IT_IS.match(text)
        if m is None:
            continue
        if i == 1 and (
            _definitional_lead(units[0].line, subject)
            or norm(subject).rstrip("s") not in norm(plain_inline(units[0].line.text))
        ):
            return units  # "it" is something the first sentence says, not the heading
        said = text[m.end() :]
        said = said[:1].upper() + said[1:]
        lead = Unit(replace(u.line, text=said, raw=said, markdown=False), u.context, u.group)
        return [lead, *units[:i], *units[i + 1 :]]
    return units


def _goes_on_in_list(units: list[Unit]) -> bool:
    """ "`var` and `let` are about the same, but `let` declared variables" over "- are block
    scoped", "- can't be re-declared …": an English sentence the list below finishes."""
    if len(units) < 2 or units[0].group or not units[1].group:
        return False
    text = plain_inline(units[0].line.text).rstrip()
    first = plain_inline(units[1].line.text).lstrip()
    own_verb = _FINITE.search(first)
    return (
        not has_hangul(text)
        and not re.search(r"[.!?:;)\"'’”]$", text)
        and _FINITE.search(text) is not None
        and re.match(r"[a-z]", first) is not None
        # ("… is to compute the central tendency" over "- central tendency is an indicator of
        # …": the point is a sentence of its own, not the rest of the one above)
        and (own_verb is None or own_verb.start() == 0)
    )


_LONE_JOINERS = frozenset(
    "or and but also then so otherwise 또는 혹은 그리고 그러나 하지만 또한 즉".split()
)


# the title of a collection of notes, not a thing's name
_DOC_TITLE = re.compile(
    r"(?i)q\s?(?:&|n)\s?a\b|\binterview|\bcheat\s?sheet|\bnotes?\b|\btil\b|면접|질문과\s?답|정리|스터디"
)


# a rule of thumb about the subject, not what it is ("일반적으로" likewise)
_SUPPOSE = re.compile(r"(?i)(?:suppose|assume|imagine|let['’]s say|consider)\b")
_GENERALLY = re.compile(
    r"(?i)(?:in general|generally|usually|typically|in most cases|일반적으로|보통|대개)\s*,?\s"
)


# a person's name alone on a line: two to three Hangul words without a particle, or two or three
# capitalised English words, an affiliation in parentheses after it
_NAME_LINE = re.compile(
    r"(?:[가-힣]{2,6}(?: [가-힣]{2,6}){0,2}(?<![은는이가을를의에도와과])"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})(?:\s*\([^()]{1,30}\))?"
)
_WHEN_IT = re.compile(r"(?i)(?:when|whenever|once|after)\s+([^,]{3,60}),")


_IF_CASE = re.compile(r"(?i)(?:if|unless)\s+([^,]{3,80}),\s*[a-z]")
# "(The) X is convex.", "Arrays are mutable (…)": one lower-case word said of it, a property
_EN_PROPERTY = re.compile(
    r"^(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}?[\w-]+\s+(?:is|are)\s+(?:always\s+|not\s+|very\s+)?"
    r"(?!an?\b|the\b|one\b|used\b|called\b|known\b|defined\b|when\b|where\b|how\b|what\b)"
    r"[a-z][a-z-]+\s*(?:\([^()]*\))?\s*[.!]?$"
)


def _echoes(text: str, subject: str) -> bool:
    """A lead of at most three words that is the subject with a word or two more ("CPU
    utilization" under "CPU"): no definition of it."""
    words = text.split()
    core = re.sub(r"\s*\([^()]*\)", "", subject).strip().casefold()
    return 1 < len(words) <= 3 and bool(core) and core in words and len(core.split()) == 1


_ABOUT_WHAT = re.compile(r"(?:에\s?대하여|에\s?대해서?|에\s?관하여|에\s?관해서?)\s*[:,.]?$")


def _definitional_lead(ln: NoteLine, subject: str) -> bool:
    """A first line that can answer "what is {subject}": short, or about the subject."""
    if _GENERALLY.match(plain_inline(ln.text)):
        return False  # "In general, a molecule with no stereogenic centers will not be chiral"
    if _KO_DOC_TITLE.search(subject):
        # "고1 과학 1학기 2차 지필고사 요약" › "한국디지털미디어고등학교 15기 1학년 4반 박준영": a
        # document's title, whose first line is its author or date, not what a thing is
        return False
    if _SUPPOSE.match(plain_inline(ln.text)):
        return False  # "Suppose $G$ is the random variable …": a case set up, not what it is
    if len(subject.split()) >= 3 and _NAME_LINE.fullmatch(plain_inline(ln.text).strip()):
        return False  # a talk's title, then "변정훈 (아웃사이더)": its speaker, no definition
    case = _WHEN_IT.match(plain_inline(ln.text))
    if case and norm(subject) in norm(case.group(1)):
        return False  # "Leader changes" › "When leader changes, logs …": what follows the event
    case = _IF_CASE.match(plain_inline(ln.text))
    if case and subject and norm(subject) in norm(case.group(1)):
        # "If the covariance is zero …, the companies are …" under "Covariance": what holds in
        # one case of it (not "If system crashes after …, all effects remain" under DURABILITY)
        return False
    n = _length(ln)
    if n > LEAD_MAX * 2:
        return False
    raw = plain_inline(ln.text)
    if raw.startswith(("(", "（", "[")):
        return False  # "(Application, Presentation, …)": an aside
    if _ABOUT_WHAT.search(raw):
        return False  # "조건문 $$ p → q $$ 에 대하여": what the lines after it are about
    if _WH_CLAUSE.match(raw):
        return False  # "What is and isn't a design pattern depends on …": a clause about it
    if exclaims(raw):
        return False  # "자바도 이게 된다니!": the author's exclamation, not what it is
    if raw.strip(" .:,;-").casefold() in _LONE_JOINERS:
        return False  # "OR" between two versions of a list: it joins, says nothing
    if len(raw.split()) == 1 and len(subject.split()) >= 3:
        return False  # "Port" over an outline says nothing of "ubuntu apache2 포트 공개"
    if (
        re.search(r"(?:\s|,)(?:등|etc|and so on)\s*[.。]?$", raw)
        and "," in raw
        and len(raw) <= 60
        and not re.search(r"\b(?:is|are|means)\b|이다|입니다|이며", raw)
    ):
        return False  # "C#, rust, JS 등.", "RxSwift, RxJs 등": where it is found, not what it is
    if re.match(r"(?i)usage\s*:", raw):
        return False  # "usage: base64.py [-h|-d]": a program's usage line, code
    if raw.rstrip().endswith((":", "：")) or leans_on_context(raw) or ln.kind is LineKind.LINK:
        return False  # it introduces what follows, or needs the sentence before
    if _TIP.match(raw):
        return False  # "If the question involves …, be sure to check …": a tip, no definition
    if _CALLED_IF.search(raw):
        return False  # "The Finite Automata is called a DFA if …": when a name applies
    if _POINTS_ON.search(raw):
        return False  # "…란 아래 2가지 가설을 말한다", "An example is when …": not what it is
    if len(raw) <= 20 and label_key(raw):
        return False  # "- 사용 예" under "let()": a label over what follows, not what let() is
    if (
        ln.markdown
        and subject
        and any(
            norm(b) not in norm(subject) and norm(subject) not in norm(b)
            for b in _BOLD_SPAN.findall(ln.text)
        )
    ):
        return False  # "The **nucleus** contains …" under "Cells": the author marked its fact
    if subject and _SET_IN.match(raw) and _set_in(subject).match(raw):
        return False  # "In Python, dict is …" under "Python": a fact set in it, not what it is
    if _COUNTS_A_LIST.search(raw):
        return False  # "4가지 모두 성립해야 데드락 발생": about the items listed below
    if _EXAMPLES_FIRST.match(raw):
        # "키, 몸무게, 강수량, 시험 점수 등 …의 그래프는 정규분포와 비슷한 형태": where it is
        # seen, not what it is
        return False
    own = keyval_shape(raw)
    if (
        own is not None
        and subject
        and not label_key(own[0])  # ("Definition: …" says what the heading is)
        and norm(own[0]) not in norm(subject)
        and norm(subject) not in norm(own[0])
    ):
        return False  # "신뢰도 : A를 포함하는 …" under "연관 규칙 분석": a term's own line
    text = raw.casefold().rstrip(" .。!！~")
    topic = re.match(r"^((?:\S+\s){0,2}?\S+?)(?:은|는)\s", raw)  # (also "모든 TCP 연결은")
    if topic and re.search(r"[하되있없않같]$", topic.group(1)):
        topic = None  # "관리하는 …": a verb, not a topic
    if topic and subject:
        core = re.sub(r"\s+|\([^()]*\)", "", subject).casefold()
        said = re.sub(r"\s+|\([^()]*\)", "", topic.group(1)).casefold()
        if said != core and core not in said:
            return False  # "스위치는 …" under "L7 스위치": about something else
    if (
        subject
        and text.startswith(subject.casefold())
        and _SETTING_AFTER.match(text, len(subject.casefold())) is not None
    ):
        return False  # "GitHub Flow 에서는 PR이 …": a fact that holds in it, not what it is
    if not has_hangul(text) and subject and _about_something_else(ln, raw, subject):
        return False  # "Docker has a networks feature." under "Networks": about Docker
    if subject and not has_hangul(text) and _EN_PROPERTY.match(raw):
        return False  # "The loss function is convex (single global minimum)": a property of it
    if subject and _echoes(text, subject):
        return False  # "CPU utilization" under "CPU": its name again, with a word, says nothing
    if subject and (subject.casefold() in text or subject.casefold().rstrip("s") in text):
        return True  # about the heading ("Volumes" / "A volume is …")
    if n > LEAD_MAX:
        return False
    if not has_hangul(text):  # a fragment, or "A/The X is …": a definition; other sentences not
        if _IMPERATIVE.match(raw):
            return False  # "Pass -h for more options.": an instruction, not what X is
        core = re.sub(r"\s*\([^()]*\)", "", subject).strip().casefold()
        if _EN_CLAUSE.match(raw) and not _EN_DEF.match(raw) and not (core and core in text):
            # "The decoder takes the final state …": a statement, not what X is (but "The
            # staging area holds …" under "staging area (index)" is about it)
            return False
        return not _FINITE.search(text) or bool(_EN_DEF.match(raw))
    if has_hangul(text):  # "…를 담고 있는 상태." answers; "…한다." states a fact
        if re.search(r"\S[을를] \S+$|(?:가능|필요|불가)$", text):
            return False  # "…반드시 볼륨을 사용", "…보관 가능": a statement ending in a noun
        return not text.endswith(("다", "요", "음", "함", "됨", "임", "데", "며", "고", "만", "서"))
    return True


# "The decoder takes the final …", "In the cluster, labels select …": a subject of a few
# words (no preposition, pronoun or joining word among them) and a verb in -s with what follows
# it, or in -ed with an object ("Your basic isolated Docker process." is no clause)
_EN_SMALL = (
    r"(?:of|for|in|on|at|to|by|with|from|into|as|and|or|but|that|which|who|whose|where|when|"
    r"than|not|is|are|be|if|once|because|although|though|since|unless|while|after|before|"
    r"whether|so|then|also|only|just|it|they|you|we|i|he|she|there|here|over|under|across|"
    r"between|through|about|per|via|within|without|against|among|around|onto|up|out|down)"
)
_EN_OBJECT = r"(?:the|a|an|its|their|his|her|our|your|all|every|each|this|these|those|it|them)"
_EN_CLAUSE = re.compile(
    rf"^(?:(?:in|on|at|for|with)\s+[^,]{{1,40}},\s+)?"
    rf"(?:(?:the|a|an|this|these|its|their|our|your|each|every|all|some|many|most)\s+"
    rf"|(?![a-z]+(?<![su])s\s))"  # ("Spreads requests over …": a verb first, no subject)
    rf"(?:(?!{_EN_SMALL}\b)[A-Za-z][\w/-]*\s+){{1,3}}(?:[a-z]+ly\s+)?(?!{_EN_SMALL}\b)"
    rf"(?:[a-z]{{2,}}(?<![su]s)s\s+(?!{_EN_SMALL}\b|\w+ed\b)[\w`\"']|[a-z]{{3,}}ed\s+{_EN_OBJECT}\b)",
    re.IGNORECASE,
)
_EN_APPOSITION = re.compile(r"(?i)s?,\s*(?:which|that)\s+(?:is|are)\s|s?,\s*(?:an?|the)\s")
_EN_OTHER_DOER = re.compile(r"(?i)(?:you|we|one|i)\b")
_EN_MODAL_PASSIVE = re.compile(
    r"(?i)\s*(?:can|could|may|might|must|should)\s+be\s+[a-z]+(?:ed|en|t)\b"
)


def _about_something_else(ln: NoteLine, raw: str, subject: str) -> bool:
    """An English lead whose own subject is not the heading: a command the author marked
    ("`docker exec` to execute …" under "Executing Commands"), the heading's word only after
    the verb ("Docker has a networks feature." under "Networks"), or how it is handled ("Linux
    capabilities can be set by using …")."""
    m = _MARKED_LEAD.match(ln.text)
    if m is not None and norm(m.group(1) or m.group(2)) != norm(subject):
        return True
    low = raw.casefold()
    word = subject.casefold()
    at = low.find(word)
    if at < 0:
        word = word.rstrip("s")
        at = low.find(word)
    if at < 0:
        return False
    if _EN_APPOSITION.match(raw, at + len(word)):
        return False  # "… has introduced arrow functions, which is another way to …": it is
    verb = _FINITE.search(raw)
    if verb is not None and verb.start() < at and not _EN_OTHER_DOER.match(raw):
        return True  # (not "You use marks to remember …": what a learner does with it)
    return _EN_MODAL_PASSIVE.match(raw, at + len(word)) is not None


_KO_AFTER_SUBJECT = re.compile(r"(?:\s*\([^()]*\))?\s*(?:이란|란|은|는|이|가)\s+(?=\S)")
_EN_AFTER_SUBJECT = re.compile(r"s?\s+(?:is|are|means|refers to)\s+", re.IGNORECASE)
_EN_ARTICLE = re.compile(r"(?:an?|the)\s+", re.IGNORECASE)


def _without_subject(text: str, subject: str) -> str:
    """ "리피터는 … 장치." → "… 장치."; "A volume is storage …" → "storage …": the lead
    without the heading it defines, for "which term is described here?"."""
    core = re.sub(r"\s*\([^()]*\)$", "", subject).strip()
    body = text.lstrip()
    if not core:
        return text
    if body.startswith(core):
        m = _KO_AFTER_SUBJECT.match(body, len(core))
        if m is not None:
            return body[m.end() :]
    art = _EN_ARTICLE.match(body)
    start = art.end() if art else 0
    if body[start : start + len(core)].casefold() == core.casefold():
        m = _EN_AFTER_SUBJECT.match(body, start + len(core))
        if m is not None:
            return body[m.end() :]
    return text


_KO_TOPIC_WORD = re.compile(r"(?:^|\s)(?P<w>[^\s(]+?)(?:은|는)\s")  # (also "… Service)는")
_KO_ACTION_END = re.compile(r"[가-힣]{2,}다$")


_KO_OCCURS = re.compile(r"(?:때|경우|면|시)\s*(?:에\s*)?발생한다$")
_KO_MEANS = re.compile(r"(?:을|를)\s*(?:말한다|의미한다|뜻한다|가리킨다|일컫는다)$")


def heading_role(ln: NoteLine, subject: str) -> str:
    """ "접속 클라이언트 수가 가장 적은 서버를 선택한다." under "Least connection": a first
    sentence without a subject of its own that says what the heading's thing does ("" if not)."""
    text = without_marker(plain_inline(ln.text)).strip().rstrip(".。 ")
    if not has_hangul(text) or not subject or len(text) > LEAD_MAX or len(subject) > 40:
        return ""
    if len(subject.split()) > 4 or _is_question(subject) or not _KO_ACTION_END.search(text):
        return ""
    if re.search(r"[가-힣]기$", subject) and len(subject.split()) >= 2:
        return ""  # "버그 위치 정확히 찾아내기": a thing to do, which does nothing itself
    if _POINTS_ON.search(text):
        return ""  # "…란 아래 2가지 가설을 말한다": what follows says it
    if "," in subject or re.search(r"(?:이다|[된진뉜]다|니다)$", text) or "있는데" in text:
        return (
            ""  # "in 방화벽, 캐시서버": two things; "…된다/받아진다": done to it; "…합니다": talk
        )
    if _KO_STATE_END.search(text) or leans_on_context(text):
        return ""  # "…할 수 있다": a state
    for m in _KO_TOPIC_WORD.finditer(text):
        if not re.search(r"[하되있없않같적많작큰높낮]$", m.group("w")):
            return ""  # "브라우저는 …": the sentence has a subject of its own
    return text


# "Returns a stateful value …", "Creates the tables …": a verb that says what something does,
# its subject left out
_EN_ROLE_START = re.compile(
    r"^[A-Z][a-z]{2,}(?<![su])s\s+(?:a|an|the|its|their|all|every|each|one|two|you|your|no|any|"
    r"some|it|them|this|that|these|those|true|false|null|undefined|[a-z]+ly\s+\w+)\b"
)


def english_role(ln: NoteLine, subject: str) -> str:
    """ "Returns a stateful value and a function to update it." under "useState": a first line
    without a subject that says what the heading's thing does ("" if not)."""
    text = without_marker(plain_inline(ln.text)).strip().rstrip(".。 ")
    if has_hangul(text) or not subject or has_hangul(subject) or len(subject.split()) > 4:
        return ""
    if len(text) > LEAD_MAX or _is_question(subject) or not _EN_ROLE_START.match(text):
        return ""
    return "" if leans_on_context(text) else text


# "4가지 모두 성립해야 데드락 발생", "All four must hold": a line about the N items listed
# below it, not what the heading is (the list's own card asks for them)
_EXAMPLES_FIRST = re.compile(
    r"^(?:[^,，.]{1,20}[,，]\s*){2,}[^,，.]{1,20}?\s*(?:등|등의|등을|등이|등은)\s"
)
_COUNTS_A_LIST = re.compile(
    r"\d+\s*(?:가지|개의?)\s|(?:all|the)\s+(?:two|three|four|five|six|seven|\d+)\b", re.I
)


def _answers_over_list(units: list[Unit], subject: str) -> bool:
    """ "Java의 메모리 영역은?" answered by "- 메소드, 힙, 스택 … 영역으로 구분됩니다." with the
    details in its sub-list: a first bullet whose own sub-list follows it is the answer in short."""
    if not _is_question(subject) or len(units) < 3 or not units[0].group:
        return False
    lead = units[0].line
    text = plain_inline(lead.text)
    if not _sentence_like(lead) or _length(lead) > LEAD_MAX or leans_on_context(text):
        return False
    return units[1].context is lead and units[2].context is lead


def _reverse(ctx: Ctx, lead: NoteLine, subject: str, sibling: str) -> list[CardDraft]:
    """ "Which term is described here?" for a heading whose lead line defines it."""
    text = _without_subject(plain_inline(lead.text), subject)
    if (
        ctx.label
        or lead.kind not in PROSE_KINDS
        or len(text) > REVERSE_MAX
        or len(subject) > 60
        or norm(subject) in norm(text)
        or _is_question(subject)
    ):
        return []
    return [
        draft(
            ctx,
            CardKind.DEFINITION,
            ctx.section.title,
            front(
                crumbs_hiding(ctx, subject, ctx.path[:-1]),
                prompt("def_rev", ctx.lang),
                t.para(t.inline(clip(text))),
            ),
            t.para(t.esc(subject)),
            variant="reverse",
            line=lead.line,
            sibling=sibling,
        )
    ]


def _shouted(title: str) -> bool:
    """A heading in capitals of two words or more ("POD DESIGN", "SERVICES and NETWORKING"), not
    an acronym ("TCP/IP", "HTTP API")."""
    words = [w for w in re.findall(r"[A-Za-z]+", title) if len(w) >= 3 and w != "and"]
    caps = [w for w in words if w.isupper()]
    return (
        len(caps) >= 2
        and len(caps) == len(words)
        and any(len(w) >= 5 for w in caps)
        and not has_hangul(title)
    )


_CONTINUED_TITLE = re.compile(r"(?i)\(\s*(?:cont(?:'d|inued)?\.?|계속|이어서)\s*\)\s*$")
_EXAMPLES_OF = re.compile(r"(?i)(?:some\s+)?examples?\s+(?:of|for)\b")


def _labelled_lead(text: str, subject: str) -> tuple[str, str] | None:
    """ "데일리 스크럼의 목적은 …을 점검하는 것이다." / "The purpose of the Daily Scrum is to
    inspect …": the lead says a point of the heading's subject (its purpose, role, advantage …),
    not what it is: (the label's key, what the line says of it)."""
    if not subject or len(subject) > 40:
        return None
    if has_hangul(text):
        # (the subject's own pattern, "^{subject}\s?의…", matched without compiling one for
        # every heading, a few percent of the generation: the subject as written, the rest)
        m = _KO_LABELLED_REST.match(text, len(subject)) if text.startswith(subject) else None
    elif _EN_LABELLED_START.match(text):  # (the start the subject's pattern needs)
        m = _en_labelled_lead(subject).match(text)
    else:
        return None
    if m is None or not (key := label_key(m.group(1))) or key in ("definition", "example"):
        return None
    said = re.sub(r"(?:이다|입니다)\.?$", "", m.group(2)).strip()
    return (key, said) if len(said) >= 8 else None


_KO_LABELLED_REST = re.compile(r"\s?의\s?(\S+?)(?:은|는)\s+(.+)$")
_EN_LABELLED_START = re.compile(r"(?i)(?:the\s+)?\w+\s+of\s")


@lru_cache(maxsize=1024)
def _en_labelled_lead(subject: str) -> re.Pattern[str]:
    name = re.escape(subject)
    return re.compile(
        rf"(?i)^(?:the\s+)?(\w+)\s+of\s+(?:the\s+|an?\s+)?{name}\s+(?:is|are)\s+(.+)$"
    )


def generate(ctx: Ctx) -> list[CardDraft]:
    units = body_units(ctx.section.blocks, (ctx.section.title,))
    first = next((u for u in units if not u.group and u.line.kind in PROSE_KINDS), None)
    if first is None or first is not units[0] or not ctx.subject:
        return _generate(ctx, units)
    said = _labelled_lead(plain_inline(first.line.text), ctx.subject)
    if said is None:
        return _generate(ctx, units)
    key, what = said
    card = draft(
        ctx,
        CardKind.DEFINITION,
        f"{ctx.subject} / {key}",
        front(ctx.path, label_question(ctx.subject, key, ctx.lang)),
        t.para(t.inline(what)),
        variant="label",
        line=first.line.line,
    )
    return [card, *_generate(ctx, units[1:])]


_HOW_TO = re.compile(
    r"(?:사용\s?법|사용\s?방법|사용하기|설치|설치\s?방법|설치하기)\s*$"
    r"|(?i:^(?:installing|setting up)\s|^getting started$)"
)
# "Promise 이해하기", "샘플 표 세팅하기", "스타일 설정하기", "진짜 피드백 받는 방법 구하기": an
# activity the section goes through (a verb made a noun by -기), no thing to describe
_DOING = re.compile(
    r"[가-힣](?:하기|해보기|알아보기|살펴보기|만들기|구하기|다루기|익히기)\s*[.:]?$"
)
_SIDE_WORDS = frozenset("after before then now later next again".split())


def _generate(ctx: Ctx, units: list[Unit]) -> list[CardDraft]:
    sec = ctx.section
    if not units:
        return []
    subject = ctx.subject
    if not subject or (ctx.label and sec.children and not ctx.section.path[:-1]):
        subject = ""
    if is_answer_title(sec.title):
        subject = ""  # "Answer: D" explains a quiz question: the quiz card asks it
    if subject and (
        label_key(label_tail(subject)) == "example"
        or label_key(subject) == "example"  # "Sample code" over captions of its code blocks
        or re.search(r"예시|예제", subject)
        or in_worked_example(ctx.path)
        # "Example of organic solvents" › "Cyclic Ethers" / "- 1-3 Dioxolane (DOL)": an example
        or (len(sec.path) >= 2 and _EXAMPLES_OF.match(sec.path[-2]) is not None)
    ):
        subject = ""  # "트리거 예시", "… 예시로 보기": the notes' example, no "describe" of it
    if ctx.label == "example" and any(b.kind is BlockKind.CODE for b in sec.blocks):
        subject = ""  # "Sample code" › "- Concision …" over a fence: captions, not examples
    comparison = _COMPARISON.search(subject) and not _is_question(subject)
    if re.fullmatch(r"v?\d+(?:\.\d+)*", subject.strip()):
        subject = ""  # "1.0", "v2" under "HTTP 캐싱": a version, no term to define
    if _CONTINUED_TITLE.search(sec.title):
        subject = ""  # "Seq2seq (cont.)": more about a heading above, its first line no definition
    if _shouted(sec.title):
        subject = ""  # "POD DESIGN", "CORE CONCEPTS": a part of a curriculum, not a term
    if (
        _HOW_TO.search(subject)
        or subject.strip().casefold() in _SIDE_WORDS
        or _DOING.search(subject)
    ):
        # "LoRA 사용법" › "loralib 설치", "Setting up Docker": how it is set up, its steps ("How to
        # make … identical" is a question the body answers); "After"
        # › what the code does after the change: one side of a comparison
        subject = ""
    if sec.level == 1 and sec.children and _DOC_TITLE.search(sec.title):
        subject = ""  # "# Android-Interview-QnA" then "안드로이드 면접 질문과 답": a subtitle
    if sec.level == 0 or _sentence_title(subject) or comparison:
        subject = ""  # "A vs B", "TCP와 UDP의 비교": no "what is" of a comparison  # the part before the first heading (named after the file), or a heading
        # that is a whole sentence ("AP는 패킷을 복사하는 기기"): nothing to ask "what is" of
    # "개념", "Key concepts", "정리" over sections or over a list of facts: each is its own
    # fact, none of them what "the concept of X" is
    # "- **Definition:** a function that maps keys to …": the term card of that line says what
    # the heading is; no other line of the section is asked as its definition
    # ("### **WHERE**: used to filter records/rows": the heading's own line defines it)
    subject_defined = any(
        ln.kind is LineKind.KEYVAL
        and (label_key(ln.key) == "definition" or (ln.line == sec.line and bool(sec.level)))
        for ln in walk_lines(sec.blocks)
    )
    # ("Notes", "참고", "메모" over facts: each its own, no "What is the note of X?")
    grouping = (
        subject_defined
        or ctx.label in ("note", "question", "guess")  # the author's questions, no answer
        or (
            bool(ctx.label)
            and ctx.label in ("concept", "summary", "overview")
            and (
                bool(sec.children)
                or (
                    all(u.group for u in units)
                    and sum(len(b.items) for b in sec.blocks if b.kind is BlockKind.BULLETS) >= 2
                )
            )
        )
    )
    if (
        subject
        and units[0].line.kind in PROSE_KINDS
        and not units[0].group
        and not _is_question(sec.title)
    ):
        first = split_sentences(units[0].line)  # "리피터는 … 장치. 이를 통해 …": one fact each
        core = norm(re.sub(r"\s*\([^()]*\)$", "", subject))
        if len(first) > 1 and core and core in norm(first[0].text):
            units[:1] = [Unit(ln, units[0].context, units[0].group) for ln in first]
    if subject:
        units = _it_is_first(units, subject)
    if _is_question(sec.title):
        # "When to create branches?" / "There are various approaches to this subject. We will
        # briefly mention some of them.": talk before the answer answers nothing
        talk = 0
        while (
            talk < len(units)
            and not units[talk].group
            and units[talk].line.kind in PROSE_KINDS
            and tells_no_fact(plain_inline(units[talk].line.text))
        ):
            talk += 1
        if talk == len(units):
            return []
        units = units[talk:]
    lines = [u.line for u in units]
    total = sum(_length(ln) for ln in lines)
    lead_ok = (
        bool(subject) and _definitional_lead(lines[0], subject) and not _goes_on_in_list(units)
    )
    links_only = all(ln.kind is LineKind.LINK for ln in lines)
    sibling = f"definition:{sec.line}"
    cards: list[CardDraft] = []

    def whole(part: list[NoteLine], ask: str, variant: str = "") -> CardDraft:
        return draft(
            ctx,
            CardKind.DEFINITION,
            sec.title,
            front(ctx.path, ask),
            lines_html([_unnamed(ln, subject) for ln in part]),
            variant=variant,
            line=part[0].line,
            end=part[-1].line,
            sibling=sibling,
        )

    if links_only or ctx.label == "reference":
        return []  # links are where to read more, not facts to remember (report: "only a link")
    short_list = (
        2 <= len(lines) <= MAX_ALL
        and all(
            u.group and _length(u.line) <= SHORT_ITEM and not _sentence_like(u.line) for u in units
        )
        and not _heads_its_own_points(units)  # "- Pros" over its points: the list card's
    )
    if len(lines) == 1 and subject:
        d = defined_term(lines[0])
        if d is not None and norm(d[0]) != norm(subject):  # "> A container is …"
            return _fact_cards(ctx, units[0], subject)
        happens = _EN_OCCURS.match(plain_inline(lines[0].text).strip().rstrip(".。 "))
        if happens is not None and norm(happens.group("x")) != norm(subject):
            return _fact_cards(ctx, units[0], subject)  # "Thrashing occurs when …": its own
    if (
        subject
        and not grouping
        and (len(lines) == 1 and total <= SHORT_BODY * 2 or len(lines) == 2 and total <= SHORT_BODY)
        and (ctx.label or lead_ok or _is_question(sec.title))
        and not _COUNTS_A_LIST.search(plain_inline(lines[0].text))
        and not (not ctx.label and any(role_of(ln) is not None for ln in lines))
    ):
        steps = _steps_of(sec.blocks, lines[0]) if len(lines) == 1 else None
        if steps is not None:  # the last of steps whose others are "KEY: …" lines
            return [whole(steps, _ask(ctx))]
        if len(lines) == 2 and not any(u.group for u in units) and _sentence_like(lines[1]):
            # "Context Switching이란?" answered by a paragraph, then "한 프로세스의 문맥은 그
            # 프로세스의 PCB에 기록됨": the second paragraph is a fact of its own
            more = _fact_cards(ctx, units[1], subject)
            if more:
                return [
                    whole(lines[:1], _ask(ctx)),
                    *_reverse(ctx, lines[0], subject, sibling),
                    *more,
                ]
        return [whole(lines, _ask(ctx)), *_reverse(ctx, lines[0], subject, sibling)]
    rest = units
    # the list the label's section opens with ("**Advantages:**" then its points, then perhaps
    # "Disadvantages:" and more, which the list generator asks)
    run = next((i for i, u in enumerate(units) if not (u.group and u.context is None)), len(units))
    plural_list = (
        # ("Why use branches?" over three bullets: they answer it together)
        (
            ctx.label in ("pros", "cons", "purpose", "feature", "caution", "usage")
            or _is_question(sec.title)
        )
        and 2 <= run <= 4
        and len({u.group for u in units[:run]}) == 1
        and sum(_length(ln) for ln in lines[:run]) <= PLURAL_LIST_MAX
    )
    if subject and not grouping:
        if short_list or plural_list:
            # ("What are the disadvantages of failover?" is answered by all of them, not the first)
            ask = (
                _ask(ctx)
                if ctx.label or _is_question(sec.title)  # "Why use branches?" asks for them
                else prompt("list_points", ctx.lang, x=subject, n=len(lines))
            )
            cards.append(whole(lines if short_list else lines[:run], ask))
        elif (
            not _list_of_kinds(
                units
            )  # "라운드로빈 방식" is one of the algorithms, not what they are
            and not _first_of_a_set(units, subject)
            and ((answered := _answers_the_question(sec.title, units)) or lead_ok)
            and not _heads_its_own_points(units[:2])
            # a first line that defines its own term or gives a name's role ("`COUNT()` returns
            # the number of rows.") is a card of its own — unless a paragraph answers the question
            # heading and that term is not the question's ("Why can we use a subclass object in
            # place of a superclass object?" over "A `Student` is a subclass of `Person`, …")
            and (
                (own := defined_term(lines[0]) or role_of(lines[0])) is None
                or (answered and not _named_in(own[0], sec.title))
            )
            # (one line cannot answer a question over many, unless a paragraph does)
            and not (_is_question(sec.title) and len(lines) > 3 and not answered)
        ):
            said = 1
            if _is_question(sec.title) and not units[0].group:
                # "What is the difference between horizontal and vertical scaling?" answered by
                # a paragraph: its sentences together (one of them answers half)
                said = next(
                    (i for i, u in enumerate(units) if u.group or u.line.line != lines[0].line),
                    len(units),
                )  # (the sentences of the first paragraph, split apart: one line of the notes)
                said = (
                    said if said <= 3 and sum(_length(u.line) for u in units[:said]) <= 480 else 1
                )
            cards.append(whole(lines[:said], _ask(ctx)))
            if said == 1:
                cards.extend(_reverse(ctx, lines[0], subject, sibling))
            rest = units[said:]
        elif _answers_over_list(units, subject):
            cards.append(whole([lines[0]], _ask(ctx)))
            rest = units[1:]
        elif (
            not ctx.label
            and units[0].line.kind in PROSE_KINDS
            and (not units[0].group or english_role(units[0].line, subject))
        ):
            first = split_sentences(units[0].line)
            what = heading_role(first[0], subject) or english_role(first[0], subject)
            if what:
                cards.extend(_role_cards(ctx, first[0], subject, what, marked=False))
                rest = [Unit(ln, units[0].context) for ln in first[1:]] + units[1:]
    leftovers: list[NoteLine] = []
    listed: set[int] = set()
    if subject and not short_list and _goes_on_in_list(units):
        # "`let` declared variables" + "- are block scoped", "- can't be re-declared …": the
        # sentence is finished by each point; the points are what it introduces
        names = []
        for u in units[1:]:
            if u.group != units[1].group:
                break
            names.append(u)
        if 2 <= len(names) <= MAX_NAMES and all(_length(u.line) <= LEAD_MAX for u in names):
            listed.update(id(u) for u in (units[0], *names))
            cards.append(
                draft(
                    ctx,
                    CardKind.LIST,
                    plain_inline(units[0].line.text),
                    front(
                        ctx.path,
                        prompt("lead_list", ctx.lang, n=len(names)),
                        t.para(t.inline(clip(units[0].line.text.rstrip()))),
                    ),
                    lines_html([u.line for u in names]),
                    variant="lead",
                    line=units[0].line.line,
                    end=names[-1].line.line,
                    sibling=sibling,
                )
            )
    if not short_list:
        for lead, names in _lead_ins(rest):
            if any(label_key(plain_inline(u.line.text)) in _POINTS for u in names):
                continue  # "Redis Cluster" over "- Hash 기반 …" and "- 장점": no list of names
            listed.update(id(u) for u in (lead, *names))
            cards.append(
                draft(
                    ctx,
                    CardKind.LIST,
                    plain_inline(lead.line.text),
                    front(
                        ctx.path,
                        prompt("lead_list", ctx.lang, n=len(names)),
                        t.para(t.inline(clip(lead.line.text.rstrip(" :：")))),
                    ),
                    lines_html([u.line for u in names]),
                    variant="lead",
                    line=lead.line.line,
                    end=names[-1].line.line,
                    sibling=sibling,
                )
            )
    if subject and not short_list and not grouping and (label_tail(subject) or ctx.label):
        # "영속성 컨텍스트의 이점" › 1. 1차 캐시 2. 동일성 보장 …: a list of short names under a
        # heading that says what they are is recalled whole, not one blank per name
        for names in _name_runs(rest, listed):
            listed.update(id(u) for u in names)
            cards.append(
                draft(
                    ctx,
                    CardKind.LIST,
                    plain_inline(names[0].line.text),
                    front(ctx.path, prompt("list_all", ctx.lang, x=subject, n=len(names))),
                    lines_html([u.line for u in names]),
                    variant="names",
                    line=names[0].line.line,
                    end=names[-1].line.line,
                    sibling=sibling,
                )
            )
    # the opening of a lab or a post that starts by talking about itself ("지난 실습에서는 …
    # 알아보았다", "In this post …"): its prose is the story around the facts, not facts
    story = (
        sec.level <= 1
        and bool(sec.children)
        and bool(units)
        and tells_no_fact(plain_inline(units[0].line.text))
    )
    sec.derived["story"] = story  # (the acronyms of its prose are scenery too)
    for u in rest:
        if id(u) in listed:
            continue
        if story and u.line.kind in PROSE_KINDS and not u.group:
            # only what the author marked there is a fact ("`docker commit`과 `docker save`를
            # 이용한 …"); "중국의 관군제나 블락 프라이데이 같은 시즌" is scenery
            card = cloze_card(ctx, u.line, context=u.context, marked_only=True)
            cards.extend([card] if card is not None else [])
            continue
        made = _fact_cards(ctx, u, subject)
        cards.extend(made)
        if not made and u.line.kind is not LineKind.LINK:
            leftovers.append(u.line)
    # "An example is when classes BlueBall, YellowBall … exist. Once there are 5 colors, …":
    # the sentences after an example's opening in its paragraph go on with the example
    in_example: set[int] = set()
    opened: set[int] = set()
    for u in units:
        if u.line.line in opened:
            in_example.add(id(u.line))
        elif u.line.kind in PROSE_KINDS and _EXAMPLE_OPENING.match(plain_inline(u.line.text)):
            opened.add(u.line.line)
    leftovers = [
        ln
        for ln in leftovers
        if id(ln) not in in_example
        and ln.kind
        is not LineKind.COMMAND  # (a command whose cards were dropped describes nothing)
        and not leans_on_context(plain_inline(ln.text))
        and not re.match(r"(?i)\s*usage\s*:", plain_inline(ln.text))  # a program's usage line
        and not about_the_example(plain_inline(ln.text))  # "flask1는 …", "newPropleTrigger …"
        and not _EXAMPLE_OPENING.match(plain_inline(ln.text))  # "An example is when …"
        and not tells_no_fact(plain_inline(ln.text))  # "(내 생각) …", "I think …"
    ]
    if leftovers and not any(_sentence_like(ln) or _length(ln) > SHORT_ITEM for ln in leftovers):
        leftovers = []  # a table of contents, a list of names: nothing to describe
    if leftovers and not cards and subject and not short_list and not grouping:
        # nothing else could be asked: one "describe" card from the first lines, the rest
        # is reported (report.NOTHING_TO_ASK)
        # (the sentences: a lone label line such as "Port" over an outline describes nothing)
        part = [
            ln
            for ln in leftovers
            if (_sentence_like(ln) or _length(ln) > SHORT_ITEM)
            # "폴더에 3가지 구성요소가 포함된다.": it announces the list below (asked there)
            and not _COUNTS_A_LIST.search(plain_inline(ln.text))
            and not _TIP.match(plain_inline(ln.text))  # "If …, be sure to check …": a tip
            and not _ASIDE_OPENER.match(plain_inline(ln.text))  # "As a side note, …"
        ][:GROUP]
        # a step left over from a numbered list (its other steps are "KEY: …" terms): the
        # heading is described by all its steps ("Java 컴파일 과정" → 1., 2., 3.)
        if not part:
            return cards
        steps = _steps_of(sec.blocks, part[0])
        heads = _list_heads(sec.blocks, part[0]) if steps is None else None
        if steps is not None:
            # (not "아래 코드에서 일어나는 일을 … 나열하면 다음과 같다.": it points at the trace)
            part = [ln for ln in steps if not tells_no_fact(plain_inline(ln.text))] or steps
        elif heads is not None:
            left = {id(ln) for ln in leftovers}
            if any(h.kind is LineKind.KEYVAL for h in heads) or part[0] is not heads[0]:
                # one odd item among "**Term** - meaning" items, or a later item whose earlier
                # ones made cards of their own ("Determine if it is a binary search tree"
                # after "Count the nodes"): no description of the section
                return cards
            if all(id(h) in left for h in heads) and any(id(h) not in map(id, part) for h in heads):
                # "Corner cases" › empty tree, single node, two nodes, a very skewed tree: all
                # of them describe it, or none
                if len(heads) > GROUP:
                    return cards
                part = heads
        if not _WHAT_AND.match(sec.title) and _no_term_to_describe(subject, ctx.lang):
            return cards  # "Describe Setting up new followers.": its first lines answer nothing
        asking = _WHAT_AND.match(sec.title) or _is_question(sec.title)  # "X란": "X란?"
        ask = _ask(ctx) if asking else prompt("describe", ctx.lang, x=subject)
        cards.append(whole(part, ask, variant="part1"))
    return cards


_EN_TITLE_WORDS = re.compile(
    r"(?i)\b(?:of|to|with|for|from|in|on|by|at|about|into|is|are|was|were|vs|versus)\b"
    r"|[:?？]|\s[-–—]\s|^[a-z]+ing(?:\s+\S+){2,}|^(?:question|chapter|lecture|part|section|step)\s*\d"
    # "Content Security Policy Cheat Sheet", "AWS Cloud Practitioner Essentials": a document's
    # title, not the name of a thing
    r"|\s(?:cheat\s?sheet|cheatsheet|notes|summary|guide|tutorial|handbook|primer|basics|course"
    r"|essentials|101)$"
)


_WH_TITLE = re.compile(r"(?i)(?:how|why|what|when|where|which|who)\b")


def _no_term_to_describe(subject: str, lang: Lang) -> bool:
    """An English heading that is a title, not a thing's name ("Setting up new followers",
    "Differences to single leader approach", "Problems with Macro's", "Egress - they're
    leaving"): "Describe …" of it, answered by its first lines, asks nothing a learner can
    recall. (A name such as "Weak consistency" or "Multi leader data centres" can be.)"""
    if lang is not Lang.EN or EN_QUALIFIER.match(subject) or _WH_TITLE.match(subject):
        return False  # "Describe what holds in sequence.", "Describe how it compares to …"
    return _EN_TITLE_WORDS.search(subject) is not None


_KO_DOC_TITLE = re.compile(
    r"\s(?:요약|정리|요약\s?정리|노트|필기|스터디|공부|후기|리뷰|회고|기록|TIL)(?:\s?\(\d+\))?$"
)


def _list_heads(blocks: list[Block], ln: NoteLine) -> list[NoteLine] | None:
    """The item heads of the bullet list one of whose items ``ln`` heads, or None."""
    for b in walk_blocks(blocks):
        if b.kind is BlockKind.BULLETS and any(it.head is ln for it in b.items):
            return [it.head for it in b.items]
    return None


def _steps_of(blocks: list[Block], ln: NoteLine) -> list[NoteLine] | None:
    """All the steps of the short numbered list whose item ``ln`` heads, or None."""
    for b in walk_blocks(blocks):
        if b.kind is BlockKind.STEPS and 2 <= len(b.items) <= MAX_ALL + 1:
            if any(it.head.line == ln.line for it in b.items):
                return [it.head for it in b.items]
    return None


def defines_cards(
    ctx: Ctx, kind: CardKind, anchor: str, term: str, rest: str, line: int, sibling: str
) -> list[CardDraft]:
    """ "What is X?" → what a line says X is, and, when that is short enough to tell X, "which
    term is described here?" (its breadcrumb cut above a heading that names X)."""
    rest_html = t.para(t.inline(clip(rest)))
    # a Korean sentence under an English heading is asked in Korean ("입력이란 무엇인가?", not
    # "What is 입력?"); an English one in Korean notes keeps the notes' language
    lang = Lang.KO if ctx.lang is Lang.EN and has_hangul(term + rest) else ctx.lang
    cards = [
        draft(
            ctx,
            kind,
            anchor,
            front(ctx.path, prompt("what_is", lang, x=term)),
            rest_html,
            variant="defines",
            line=line,
            sibling=sibling,
        )
    ]
    if REVERSE_MIN <= len(rest) <= REVERSE_MAX and norm(term) not in norm(rest):
        cards.append(
            draft(
                ctx,
                kind,
                anchor,
                front(crumbs_hiding(ctx, term), prompt("def_rev", lang), rest_html),
                t.para(t.esc(term)),
                variant="defines-reverse",
                line=line,
                sibling=sibling,
            )
        )
    return cards


_EN_SENTENCE = re.compile(r"[A-Z`][^.!?]{8,}[.!?]?$")


def _fact_cards(ctx: Ctx, u: Unit, subject: str) -> list[CardDraft]:
    """One line, one fact: the term it defines ("what is X" and, when the definition is short,
    which term it describes), else a cloze of its key term."""
    ln = u.line
    if ln.kind is LineKind.LINK:
        return []
    # in a quiz answer's explanation "X is a Y" speaks of the quiz's example, not a term
    d = defined_term(ln) if not is_answer_title(ctx.section.title) else None
    if d is not None and (len(d[1]) >= REVERSE_MIN or norm(d[0]) in norm(subject)):
        # ("GET은 가져오는 것이다." under POST: too little to tell what GET is)
        term, rest = d
        made = defines_cards(
            ctx, CardKind.DEFINITION, term, term, rest, ln.line, f"definition:{ln.line}"
        )
        text = plain_inline(ln.text)
        other = _OTHER_TOPIC.search(text)
        if other is not None and has_hangul(text):
            # "프로세스는 …을 말하며, 스레드는 … 흐름 단위를 말한다": the second term's own card
            second = replace(
                ln, text=text[other.end(1) :].strip(), raw=text[other.end(1) :].strip()
            )
            if defined_term(second) is not None:
                made += _fact_cards(ctx, Unit(second, u.context, u.group), subject)
        cut = text.find(rest[-20:]) + len(rest[-20:]) if rest and not has_hangul(text) else -1
        later = text[cut:].strip() if cut > 0 else ""
        if later and _EN_SENTENCE.match(later):
            # "Git is a distributed version control system. Every clone contains the full
            # history.": the sentence after the definition is a fact of its own
            first = replace(ln, text=text[:cut].strip(), raw=text[:cut].strip(), markdown=False)
            card = cloze_card(
                ctx, replace(ln, text=later, raw=later, markdown=False), context=first
            )
            made += [card] if card is not None else []
        return made
    role = role_of(ln)
    if role is not None:
        return _role_cards(ctx, ln, *role)
    happens = _EN_OCCURS.match(without_marker(plain_inline(ln.text)).strip().rstrip(".。 "))
    if happens is not None and not leans_on_context(happens.group("x")):
        # "Thrashing occurs when a process spends more time paging than executing": when it
        # happens (the English of "…때 발생한다")
        return _role_cards(
            ctx, ln, happens.group("x"), happens.group("y"), marked=False, ask="occurs"
        )
    card = cloze_card(ctx, ln, context=u.context, avoid=(subject,) if subject else ())
    return [card] if card is not None else []


_EN_OCCURS = re.compile(
    r"^(?:an?\s+|the\s+)?(?P<x>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?)\s+"
    r"(?:occurs|happens|arises|takes place)\s+(?P<y>(?:when|whenever|if)\s.{8,})$"
)


_EN_WORD = re.compile(r"[A-Za-z][A-Za-z']+")
# words that say nothing of what a command does ("shows all images", "gets logs from …")
_EN_EMPTY = frozenset(
    "the a an of to in on and for with is are be by as at from all it its so that this "
    "shows show gets get lists list displays display prints print returns return".split()
)


def _en_stem(w: str) -> str:
    w = w.casefold().removesuffix("'s").removesuffix("'")
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def _same_stem(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def _role_says_its_name(name: str, what: str, crumbs: Sequence[str]) -> bool:
    """ "docker start" → "starts a container so it is running", "docker images" → "shows all
    images": what it does is its name again, with at most one word the name and the headings
    above do not already say."""
    named = [_en_stem(w) for w in _EN_WORD.findall(name)]
    known = named + [_en_stem(w) for c in crumbs for w in _EN_WORD.findall(c)]
    words = [_en_stem(w) for w in _EN_WORD.findall(what) if w.casefold() not in _EN_EMPTY]
    if not any(_same_stem(w, n) for w in words for n in named[-1:]):
        return False
    return sum(1 for w in words if not any(_same_stem(w, k) for k in known)) <= 1


def _role_cards(
    ctx: Ctx, ln: NoteLine, name: str, what: str, marked: bool = True, ask: str = ""
) -> list[CardDraft]:
    """ "What does ADD do?" and, from what it does, which name it is."""
    sibling = f"role:{ln.line}"
    what_html = t.para(t.inline(clip(what)))
    lang = Lang.KO if has_hangul(what) else Lang.EN
    # "docker start" → "starts a container": the name says it (the reverse may still ask it)
    trivial = lang is Lang.EN and _role_says_its_name(name, what, ctx.path)
    # "…읽을 때 발생한다": when it happens; "…경우를 말한다": what it is; else what it does
    ask = ask or (
        "occurs" if _KO_OCCURS.search(what) else "what_is" if _KO_MEANS.search(what) else "role"
    )
    cards = [
        draft(
            ctx,
            CardKind.DEFINITION,
            name,
            front(ctx.path, prompt(ask, lang, x=name)),
            what_html,
            variant="role",
            line=ln.line,
            sibling=sibling,
        ),
        draft(
            ctx,
            CardKind.DEFINITION,
            name,
            front(
                crumbs_hiding(ctx, name, ctx.path if marked else ctx.path[:-1]),
                prompt("list_rev", lang),
                what_html,
            ),
            t.para(t.code(name) if marked else t.esc(name)),
            variant="role-reverse",
            line=ln.line,
            sibling=sibling,
        ),
    ]
    return cards[1:] if trivial else cards
