"""Helpers the card generators share: walking a section, rendering lines, building drafts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind, nfc

from .labels import label_key
from .lang import Lang, has_hangul, prompt
from .loanwords import spelled_in
from .parser import (
    ABBREVIATION_END,
    CASE_OPENING,
    KO_PHRASE,
    Block,
    BlockKind,
    Item,
    LineKind,
    NoteLine,
    Section,
    bold_title,
    fold,
    lone_title,
    name_like,
    says_a_task,
)
from .parser import INSTRUCTION_VERBS as _IMPERATIVE

MAX_LINES = 10  # a card back never has more lines than this...
MAX_CHARS = 500  # ...nor more characters of text (≈ one screen)
MAX_LINE_CHARS = 240  # one very long line is cut with "…"


@dataclass
class Ctx:
    section: Section
    lang: Lang
    warnings: list[str] = field(default_factory=list)
    doc_title: str = ""
    # what the whole notes file is about: its title ("OSI Model"), or its file's name
    doc_subject: str = ""
    # identifiers of the notes' code blocks in other languages (example names)
    doc_code_names: frozenset[str] = frozenset()
    # how often each word occurs in the notes (keyterms.vocabulary)
    doc_vocab: Counter[str] = field(default_factory=Counter)
    # the words of the notes' headings and defined terms: the concepts they teach
    doc_concepts: frozenset[str] = frozenset()
    # the terms the notes define (``KEY : meaning`` keys), squashed ("다치종속")
    doc_keys: frozenset[str] = frozenset()
    # what generators share across the sections of one notes file (acronyms asked already)
    doc_asked: set[str] = field(default_factory=set)
    # how often each meaning (a KEY : meaning's, a two-column table's, a command's
    # explanation) occurs in the notes: one said twice names neither term
    doc_meanings: Counter[str] = field(default_factory=Counter)

    @property
    def path(self) -> tuple[str, ...]:
        return self.section.path

    @cached_property
    def label(self) -> str:
        """The generic label the section's title is ("pros" for "장점", and for
        "Disadvantage(s): failover"), or ""."""
        return label_key(self.section.title) or label_key(_label_head(self.section.title)[0])

    @cached_property
    def subject(self) -> str:
        """What the section is about: its title, or for a label ("장점", "Definition") the
        nearest heading above that is not one; "" when there is none. A question or a request
        ("…차이는?", "…말해주세요") is no subject for "X의 장점은?"."""
        if DATE_TITLE.fullmatch(self.section.title.strip()):
            return ""  # "12-05-2020(Tue)", "2021.03.13 (토)": a day of a log, no thing
        head, rest = _label_head(self.section.title)
        if rest and label_key(head) and len(rest) > 6:
            return strip_numbering(rest)  # "Disadvantage(s): failover" is about failover
        for i in range(len(self.section.path) - 1, -1, -1):
            title = self.section.path[i]
            if not label_key(title):
                title = strip_numbering(title)
                glossed = _TITLE_GLOSS.match(title)
                if glossed is not None:
                    title = glossed.group(1)  # "DML (Data Manipulation Language) : 데이터 조작어"
                return self._without_it(title, self.section.path[:i])
        return ""

    def _without_it(self, title: str, above: tuple[str, ...]) -> str:
        """ "How it Compares to the TCP/IP Model" under "OSI Model": the "it" is the heading
        above (or the notes' subject), named so that a card's question stands alone."""
        m = _IT.search(title)
        if m is None or has_hangul(title):
            return title
        named = strip_numbering(above[-1]) if above else self.doc_subject
        if not named or _IT.search(named):
            return title
        return title[: m.start()] + named + title[m.end() :]

    def warn(self, message: str) -> None:
        self.warnings.append(f"{' › '.join(self.path)}: {message}")


_IT = re.compile(r"(?<=\s)it(?=\s)|^It(?=\s)")
# a heading that is only a date (and its weekday): "12-05-2020(Tue)", "2021.03.13 (토)",
# "2020년 3월 5일 목요일", "TIL 2024/01/05"
DATE_TITLE = re.compile(
    r"(?i:til\s*)?[\[(]?(?:\d{4}[-./]\s?\d{1,2}[-./]\s?\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}"
    r"|\d{4}년\s?\d{1,2}월\s?\d{1,2}일)[\])]?\.?"
    r"\s*(?:\(?(?:[월화수목금토일](?:요일)?|(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\)?)?"
)


def clip(text: str, limit: int = MAX_LINE_CHARS) -> str:
    """The text cut to ``limit`` characters with "…": after its last whole sentence that
    fits, else after its last whole word, when either keeps most of it ("… design language
    (a domain-specific language, or DSL) that will …", not "… tec…")."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    ends = [m.end() for m in _CLIP_SENTENCE.finditer(head)]
    if ends and ends[-1] >= limit * 0.6:
        return head[: ends[-1]].rstrip() + " …"
    space = head.rfind(" ")
    if space >= limit * 0.6 and not text[limit - 1 : limit].isspace():
        head = head[:space]
    return head.rstrip() + "…"


_CLIP_SENTENCE = re.compile(r"[.!?。](?=\s)|[가-힣]다\.(?=\s)")


def plain(fragment: str) -> str:
    return t.html_to_text(fragment)


_MARKUP = re.compile(r"[`*_<&]")


@lru_cache(maxsize=1 << 16)
def plain_inline(text: str) -> str:
    """The text of a line of notes without its inline Markdown (cached: every generator
    asks for the same lines)."""
    if not _MARKUP.search(text):
        return fold(text)
    return fold(t.inline_text(text))


# what may not touch a term that stands free: a letter or digit, or "name." before it; a word
# character or ".name" after it
_FREE_BEFORE = re.compile(r"(?<![^\W_])(?<![A-Za-z0-9_]\.)")
_FREE_AFTER = re.compile(r"(?![A-Za-z0-9_]|\.[A-Za-z_])")


def replace_free(text: str, term: str, repl: Callable[[int, int], str]) -> str:
    """Every occurrence of ``term`` that stands free (not inside a longer word or dotted name:
    "undefined" is not free in "undefined.size") replaced by ``repl(start, end)``, left to
    right without overlaps: ``re.sub`` of the escaped term between those lookarounds, without
    compiling a pattern for every term (the compiling was most of the cost)."""
    if not term:
        return re.sub(
            r"(?<![^\W_])(?<![A-Za-z0-9_]\.)(?![A-Za-z0-9_]|\.[A-Za-z_])",
            lambda m: repl(m.start(), m.end()),
            text,
        )
    out: list[str] = []
    done = 0  # text[:done] is in out
    pos = 0
    n = len(term)
    while True:
        i = text.find(term, pos)
        if i < 0:
            break
        if _FREE_BEFORE.match(text, i) and _FREE_AFTER.match(text, i + n):
            out.append(text[done:i])
            out.append(repl(i, i + n))
            done = pos = i + n
        else:
            pos = i + 1
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def render(line: NoteLine) -> str:
    """One line of notes as a safe HTML fragment: prose rendered, commands and code monospace."""
    if line.kind is LineKind.COMMAND:
        out = t.code(clip(line.command))
        if line.inline_explanation:
            out += " " + t.inline(clip(line.inline_explanation))
        return out
    if line.kind is LineKind.CODE:
        return t.code(clip(line.text))
    if line.kind is LineKind.LINK and line.links:
        parts = [
            f"{t.esc(clip(txt or href, 80))} ({t.code(clip(href, 120))})"
            for txt, href in line.links
        ]
        return ", ".join(parts)
    return t.inline(clip(line.text))


def line_text_len(line: NoteLine) -> int:
    return len(plain(render(line)))


def lines_html(lines: Sequence[NoteLine]) -> str:
    if len(lines) == 1:
        return t.para(render(lines[0]))
    return t.ul(render(ln) for ln in lines)


def chunk(
    lines: Sequence[NoteLine], max_lines: int = MAX_LINES, max_chars: int = MAX_CHARS
) -> list[list[NoteLine]]:
    """Split lines into screen-sized parts."""
    parts: list[list[NoteLine]] = [[]]
    size = 0
    for ln in lines:
        n = line_text_len(ln) + 3
        if parts[-1] and (len(parts[-1]) >= max_lines or size + n > max_chars):
            parts.append([])
            size = 0
        parts[-1].append(ln)
        size += n
    return [p for p in parts if p]


def front(path: Sequence[str], prompt: str, *extra_html: str) -> str:
    """A card's front: the breadcrumb (answer labels such as "Answer: D" or "답변" left out: they
    add nothing and may give an option away), the prompt, then what it shows."""
    shown = [p for p in path if label_key(p) != "answer"] or list(path[:1])  # () stays empty
    return t.context(shown) + (t.para(t.esc(prompt)) if prompt else "") + "".join(extra_html)


def names_itself(name: str, description: str) -> bool:
    """Every word of the name (without its parenthesised alias) is in the description
    ("Session (Layer 5)" ← "Manages sessions …", "순환 대기" ← "순환 형태로 자원을 대기"):
    asking for the name from the description gives it away."""
    core = re.sub(r"\s*[(（][^()（）]*[)）]", "", name).strip()
    if re.fullmatch(r"`?[a-z][a-z0-9]*(?:_[a-z0-9]+)+`?(?:\(\))?", core):
        core = core.strip("`()").replace("_", " ")  # "map_or" ← "does map and or at once"
    words = [w for w in re.findall(r"[\w+#.-]{2,}", core) if not w.isdigit()]
    said = norm(description)
    return bool(words) and (
        all(norm(w) in said or (len(w) > 3 and norm(w).rstrip("s") in said) for w in words)
        or spelled_in(core, description)  # "Vector" ← "… 벡터 작업 중이면 …"
    )


# a heading over a worked example: "Example: Hypothesis Test for the Mean", "Step-by-step
# Dijkstra's algorithm example", "코루틴 예시", "책과는 다른 별도의 예제로 작성" (not "Examples of
# cathode materials": kinds of a thing, each a fact); "Examples" alone over the worked ones,
# "홈페이지 사례" / "사용사례" (cases looked at)
# "시나리오1", "Case study: a retailer", "Scenario 2": one case walked through
_WORKED_EXAMPLE = re.compile(
    r"(?i)^example\b(?!s)|\bexample\s*$|^examples$|예제|예시|사례$"
    r"|^(?:시나리오|scenario|case study)\s*\d*\b"
)


def in_worked_example(path: Sequence[str]) -> bool:
    """The section is (or is under) a heading over a worked example: its lines walk through
    the example's own values and names, no facts to recall but what the author marked."""
    return any(_worked_example_title(p) for p in path)


@lru_cache(maxsize=1 << 14)
def _worked_example_title(title: str) -> bool:
    # (cached: a section's path is asked by every line's cloze and by four generators)
    return _WORKED_EXAMPLE.search(title.strip(" :#*_")) is not None


def under_worked_example(ctx: Ctx, ln: NoteLine) -> bool:
    """The line sits under a list item that heads a worked example ("- 동작 예시" over "- 1시
    30초에 요청 도착" / "- 추가된 직후 로그의 크기는 2이며, …"): the example's own values."""
    cached = ctx.section.derived.get("example_item_lines")
    if not isinstance(cached, frozenset):
        lines: set[int] = set()
        for b in walk_blocks(ctx.section.blocks):
            for it in b.items:
                if it.children and in_worked_example((plain_inline(it.head.text),)):
                    lines.update(x.line for x in walk_lines(it.children))
        cached = frozenset(lines)
        ctx.section.derived["example_item_lines"] = cached
    return ln.line in cached


def crumbs_hiding(ctx: Ctx, answer: str, path: Sequence[str] | None = None) -> tuple[str, ...]:
    """The breadcrumb of a card asking for ``answer`` (a "which term is described here?" card),
    cut above the first heading that names it ("Latency vs throughput" when the answer is
    Latency): the notes' title when nothing is left, or nothing."""
    path = ctx.path if path is None else path
    # (compared without spaces: "함수 종속 사례" names 함수종속, as Korean spacing varies)
    a = norm(answer).replace(" ", "")
    if not a:
        return tuple(path)
    kept: list[str] = []
    for p in path:
        if a in norm(p).replace(" ", ""):
            break
        kept.append(p)
    if not kept and ctx.doc_title and a not in norm(ctx.doc_title).replace(" ", ""):
        kept = [ctx.doc_title]
    return tuple(kept)


def draft(
    ctx: Ctx,
    kind: CardKind,
    anchor: str,
    front_html: str,
    back_html: str,
    *,
    variant: str = "",
    line: int = 0,
    end: int = 0,
    sibling: str = "",
    extra: dict[str, object] | None = None,
) -> CardDraft:
    return CardDraft(
        kind=kind,
        concept=ctx.path,
        anchor=fold(anchor),
        front=nfc(front_html),
        back=nfc(back_html),
        variant=variant,
        source_line=line,
        source_end=max(end, line),
        sibling=sibling,
        extra=dict(extra or {}),
    )


def is_named_item(item: Item) -> bool:
    """A short bullet that is a name and has a description under it."""
    lines = description_lines(item)
    if len(lines) == 1 and lines[0].kind is LineKind.COMMAND and says_a_task(item.head.text):
        return False  # "* Show metrics for nodes" over `kubectl top node`: what it does
    # ("Videos" over three links to videos: a heading of a reading list, no term)
    return name_like(item) and any(ln.kind is not LineKind.LINK for ln in lines)


def description_lines(item: Item) -> list[NoteLine]:
    out: list[NoteLine] = []
    for b in item.children:
        out.extend(block_lines(b))
    lines = [ln for ln in out if ln.kind is not LineKind.BLANK]
    # ("- 사용 예" under "let()": a label over what follows, not what let() is)
    while lines and label_key(plain_inline(lines[0].text)) and len(lines[0].text) <= 20:
        lines = lines[1:]
    return lines


def title_line(b: Block | None) -> NoteLine | None:
    """A paragraph of one short name right above a list, inside a list item or a quote box
    (where no heading can stand): the list's title."""
    if b is None or b.kind is not BlockKind.PROSE or len(b.lines) != 1:
        return None
    return b.lines[0] if lone_title(b.lines[0]) else None


def list_titles(blocks: Sequence[Block]) -> dict[int, NoteLine]:
    """Line number → the short title line right above the list it sits in ("은행원 알고리즘"
    over its bullets, inside a list item or a quote box, where no heading can stand)."""
    out: dict[int, NoteLine] = {}
    prev: Block | None = None
    for b in blocks:
        title = title_line(prev) if b.items else None
        if title is not None:
            for it in b.items:
                for ln in (*it.lines, *walk_lines(it.children)):
                    out.setdefault(ln.line, title)
        for it in b.items:
            out.update(list_titles(it.children))  # a nearer title wins
        prev = b
    return out


def block_lines(block: Block) -> list[NoteLine]:
    """Every meaningful line of a block, in order (list items flattened)."""
    if block.kind in (BlockKind.PROSE, BlockKind.FENCE, BlockKind.QUOTE):
        return [ln for ln in block.lines if ln.kind is not LineKind.BLANK]
    if block.kind is BlockKind.CODE:
        return [
            NoteLine(LineKind.CODE, raw.strip(), block.line + 1 + i, raw, False)
            for i, raw in enumerate(block.code.split("\n"))
            if raw.strip()
        ]
    out: list[NoteLine] = []
    for it in block.items:
        out.extend(ln for ln in it.lines if ln.text)
        for c in it.children:
            out.extend(block_lines(c))
    return out


def walk_blocks(blocks: Sequence[Block]) -> Iterator[Block]:
    for b in blocks:
        yield b
        for it in b.items:
            if it.children:  # (no generator for nothing: the walks are everywhere)
                yield from walk_blocks(it.children)
        if b.children:
            yield from walk_blocks(b.children)


def walk_lines(blocks: Sequence[Block]) -> Iterator[NoteLine]:
    """Every line in the blocks, item heads included, each once."""
    for b in blocks:
        if b.kind in (BlockKind.PROSE, BlockKind.FENCE, BlockKind.CODE):
            yield from b.lines
        elif b.kind is BlockKind.QUOTE:
            yield from b.lines
        for it in b.items:
            yield from it.lines
            if it.children:
                yield from walk_lines(it.children)


def section_text(sec: Section) -> str:
    """The section's words, for language detection: commands and code left out."""
    parts = [sec.title]
    for b in walk_blocks(sec.blocks):
        if b.kind is BlockKind.TABLE:
            parts.extend(b.header)
            parts.extend(cell for row in b.rows for cell in row)
        elif b.kind is BlockKind.CODE and b.lang == "output" and b.code and has_hangul(b.code):
            parts.append(b.code)  # a trace of the example in prose ("누적값 1과 …"): its words
    for ln in walk_lines(sec.blocks):
        if ln.kind is LineKind.COMMAND:
            parts.append(ln.inline_explanation)
        elif ln.kind is not LineKind.CODE:
            parts.append(ln.text)
    return "\n".join(parts)


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    return " ".join(nfc(text).split()).casefold()  # (whitespace folded as by \s+ → " ")


# "DML (Data Manipulation Language) : 데이터 조작어": a heading that is a term and its meaning
_TITLE_GLOSS = re.compile(r"^(\S.{0,40}?)\s+[:：]\s+(?=\S)(?!.*[:：]).{1,40}$")


def _label_head(title: str) -> tuple[str, str]:
    """ "Disadvantage(s): failover" → ("Disadvantage(s)", "failover")."""
    head, sep, rest = title.partition(":")
    return (head.strip(), rest.strip()) if sep and rest.strip() else (title, "")


_NUMBERING = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[A-Za-z][.)]|[IVX]{1,4}\.)\s+(?=\S)"
    # "Week 3: Hash Tables", "Lecture 2 - Sorting", "Chapter 4.", "3주차:", "2장."
    r"|^(?:(?:week|lecture|lesson|chapter|part|day|unit|module|section|lab)\s*\d{1,3}|"
    r"\d{1,3}\s*(?:주차|장|강|일차|회차))(?:\s*[:.\-–—)]\s*|\s+)(?=[^\s\d])",
    re.IGNORECASE,
)


def strip_numbering(title: str) -> str:
    """ "3. TCP" / "1.2 Paging" → the title without its outline number."""
    return _NUMBERING.sub("", title).strip() or title


# a key that names a task ("Check command", "How to monitor", "확인 명령어") over a command
TASK_KEY = re.compile(r"(?i)\bcommands?$|^how to\b|^to\s+[a-z]+\b|명령(?:어)?$|하는\s*법$")
_PROCEDURE_WORDS = re.compile(
    r"순서|단계|절차|과정|흐름|하는\s*법|설치|실행법|"
    r"\b(?:steps?|how\s+to|procedure|process|workflow|flow|order|lifecycle|life\s+cycle|"
    r"setup|set(?:ting)?\s+up|install(?:ation|ing)?|configur(?:e|ation|ing)|instructions?|"
    r"walkthrough|recipe|algorithm|sequence|phases?|stages?)\b",
    re.IGNORECASE,
)
# "bump the version", "open your editor": a verb followed by its object
_OBJECT_START = frozenset(
    "the a an your our my its their all each every it them this that these "
    "those up down out in on off".split()
)
VERBS_FIRST = _IMPERATIVE  # English verbs an instruction (or a verb phrase) starts with
_KO_IMPERATIVE = re.compile(r"(?:한다|하기|하라|합니다|할 것|하세요|해라|해야 한다|함|하고)\.?$")


# a lead-in that counts what the list holds ("세 가지 특성", "3가지 조건", "four properties")
COUNTED_TRAITS = re.compile(
    r"(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|몇|\d+)\s*(?:가지|개의?)\s*"
    r"(?:특성|특징|성질|장점|단점|조건|원칙|요소|속성|규칙|차이|이유|원인|가설|전제|가정|개념|목표)"
    r"|\b(?:two|three|four|five|six|seven|\d+)\s+(?:key\s+|main\s+)?(?:properties|characteristics|"
    r"features|advantages|disadvantages|conditions|principles|rules|traits|reasons|ways|types|"
    r"kinds|options|modes|policies|strategies)\b"
    # "Restart Policies (it can defined in the pod definition):": the options, side by side
    r"|\b(?:policies|options|types|kinds|modes|strategies|variants)\b[^.]{0,60}:?\s*$",
    re.IGNORECASE,
)
_AGENDA = re.compile(
    r"오늘|목차|일정|계획|스터디|agenda|contents|table of contents|toc|schedule|plan|outline",
    re.IGNORECASE,
)


_ENDS_ON_ORDER = re.compile(
    r"(?:순서|단계|절차|과정|흐름|\b(?:order|steps|flow|sequence|process))\s*[?？]?$", re.IGNORECASE
)


def order_prompt(name: str, lang: Lang) -> str:
    """ "라우팅 경로 결정 순서는?" for a name that is an order already; "빌드의 전체 순서를 쓰시오." """
    if not sentence_name(name) and _ENDS_ON_ORDER.search(name):
        return prompt("value_of", lang, x=name)
    return step_prompt("order", name, lang)


def step_prompt(which: str, name: str, lang: Lang) -> str:
    """The prompt ``seq_{which}`` ("first", "next", "order") for the steps of ``name``; without
    the name where it is no name of steps (:func:`sentence_name`)."""
    if sentence_name(name):
        return prompt(f"seq_{which}_bare", lang)
    return prompt(f"seq_{which}", lang, x=name)


def sentence_name(name: str) -> bool:
    """A heading too long or too much a sentence to name steps in a prompt ("2단계) 식사하며
    원하는 정보를 얻었다. (문제는 신입사원의 퇴사율, …)"), or two things compared: the breadcrumb
    shows it already."""
    core = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", name.strip())
    core = re.sub(r"^(?:\d+|[가-힣]|[A-Za-z])[.)]\s+", "", core)  # "가. 조선의 성립 과정"
    if VERSUS.search(core):
        return True  # "Declarative vs. imperative": two things compared own no one procedure
    core = re.sub(r"(?i)\b(?:etc|e\.g|i\.e|cf)\.", " ", core)
    return len(name) > 50 or bool(re.search(r"[.!。](?:\s|$)|[가-힣]었다|[가-힣]했다", core))


VERSUS = re.compile(r"\svs\.?\s|\sversus\s", re.IGNORECASE)  # "A vs B vs C": items compared


def _bold_title(ln: NoteLine) -> str:
    return bold_title(ln)


def line_owners(blocks: list[Block], parent: str, out: dict[int, str]) -> None:
    """The bullet (or heading) each line sits under, by line: "Examples: …" is about it."""
    titled = ""  # "> **응답시간 vs 작업 처리량 vs 자원 활용도**" over the list after it
    for b in blocks:
        over_list = titled or parent
        titled = ""
        if b.kind is not BlockKind.BULLETS and len(b.lines) == 1:
            one = b.lines[0]
            if one.role == "title" or (b.kind is BlockKind.QUOTE and _bold_title(one)):
                titled = plain_inline(one.text)

        for it in b.items:
            # ("**수직 분할** : …" over its four kinds: the key names them)
            head = plain_inline(it.head.key if it.head.kind is LineKind.KEYVAL else it.head.text)
            if head and over_list and len(head) <= 12 and label_key(head):
                # "- 장점" under "대칭적 멀티프로세싱(SMP)": whose advantages they are
                head = head.rstrip(" :：")  # ("Use Cases:")
                head = f"{over_list}의 {head}" if has_hangul(head) else f"{head} of {over_list}"
            for ln in it.lines:
                out.setdefault(ln.line, over_list)
            line_owners(it.children, head or over_list, out)
        over = parent
        for ln in b.lines:
            if ln.role == "title":  # "> ##### 사용자 수준 스레드": a heading inside a quote box
                over = plain_inline(ln.text)
                continue
            out.setdefault(ln.line, over)


def section_owners(ctx: Ctx) -> dict[int, str]:
    """Line → the bullet or quote title it sits under, else the section's subject: read once a
    section (the term and list generators both ask)."""
    owners = ctx.section.derived.get("owners")
    if not isinstance(owners, dict):
        owners = {}
        line_owners(ctx.section.blocks, ctx.subject, owners)
        ctx.section.derived["owners"] = owners
    return owners


def says_order(name: str) -> bool:
    """A title that names an order of steps ("라우팅 경로 결정 순서", "Build flow"), not an agenda."""
    return bool(_PROCEDURE_WORDS.search(name)) and not _AGENDA.search(name)


# "클라이언트가 SYN 전송", "도커 데몬이 이미지를 pull함": an actor, then what it does
_KO_EVENT = re.compile(
    r"^\S{1,15}?(?:가|이)\s.{1,60}?(?:[가-힣]{2}(?:함|됨|한다|된다|했다|된)|전송|응답|요청|"
    r"생성|실행|확인|반환|호출|종료|시작|수신|송신|연결|저장|전달|처리)[.!]?$"
)
_KO_ACTOR = re.compile(r"^\S{1,15}?(?:가|이)\s.{1,60}?([가-힣])다[.!]?$")


_EN_EVENT = re.compile(
    r"(?:(?:After|Then|When)\s+[^,]*?\s+)?(?:(?:The|A|An)\s+)?[A-Z][\w./-]*(?:\s+[\w./()-]+){0,3}?\s+"
    r"(?:(?!is\b|has\b|was\b)[a-z]{3,}(?:es|s)|(?:will|would|can|must|may)\s+[a-z]{2,})\s+\S"
    r"|(?:Calls|Builds|Sends|Feeds|Checks|Creates|Returns|Reads|Writes|Puts|Gets|Passes)\s+\S"
)


def _en_event(text: str) -> bool:
    """ "Application sends message (…)", "The driver code enqueue…", "Calls L2 send function":
    someone (or the step's actor, left out) does something, in the present."""
    return len(text.split()) >= 3 and _EN_EVENT.match(text) is not None


def _ko_event(text: str) -> bool:
    """ "클라이언트가 SYN을 보낸다", "서버가 응답을 돌려준다": someone does something, in the
    present (a syllable closed by ㄴ before 다, or 는다), not a state ("…이다", "…있다")."""
    if _KO_EVENT.match(text):
        return True
    m = _KO_ACTOR.match(text)
    if m is None:
        return False
    last = ord(m.group(1)) - 0xAC00
    return m.group(1) == "는" or (0 <= last < 11172 and last % 28 == 4)


def ko_event(text: str) -> bool:
    """Public name of :func:`_ko_event` (someone does something: a step, not a meaning)."""
    return _ko_event(text)


_LISTING_LABELS = frozenset(
    "summary feature pros cons note caution kinds difference common keywords reason".split()
)


def is_procedure(heads: Sequence[NoteLine], *names: str) -> bool:
    """Numbered items that are a procedure: under a heading or lead-in that says so (순서, 단계,
    흐름, steps, how to...) or written as instructions. An agenda or a list of questions is not."""
    texts = [plain_inline(h.text) for h in heads if h.text]
    if not texts or any(_AGENDA.search(n) for n in names if n):
        return False
    if any(COUNTED_TRAITS.search(n) for n in names if n):
        return False  # "다음 세 가지 특성을 갖는 …", "has three properties:": traits, not steps
    if sum(1 for h in heads if h.kind is LineKind.QUESTION) * 2 >= len(heads):
        return False
    if any(re.search(r"^왜\s|이유|까닭|(?i:\bwhy\b|\breasons?\b)", n) for n in names if n):
        return False  # "왜 디스크에 저장해도 속도가 빨라지나요?" › 1. … 4.: reasons, not steps
    if sum(1 for x in texts if CASE_OPENING.match(x)) * 2 > len(texts):
        return False  # "음수를 반환하면, …", "0을 반환하면, …": cases side by side, not steps
    if any(_PROCEDURE_WORDS.search(n) for n in names if n):
        return True
    if any(label_key(n) in _LISTING_LABELS for n in names if n):
        return False  # "정리", "특징", "장점", "주의": points, not steps
    if len(texts) >= 3 and all(_ko_event(t) for t in texts):
        return True  # "클라이언트가 SYN 전송", "서버가 SYN+ACK 응답", …: who does what, in turn
    imperative = events = 0
    named = {
        plain_inline(h.text)
        for h in heads
        if h.kind is LineKind.KEYVAL and not h.arrow and 0 < len(h.key.split()) <= 3
    }
    for text in texts:
        if text in named:
            continue  # "Open addressing: probe for the next free slot": a name and its meaning
        words = [w.casefold().strip(",.:;`*") for w in text.split()]
        first = words[0] if words else ""
        if (
            first in _IMPERATIVE
            or _KO_IMPERATIVE.search(text)
            or (
                len(words) >= 2
                and first.isalpha()
                and words[1] in _OBJECT_START
                and not first.endswith(("s", "ing", "ed", "tion", "ment", "ness", "ity"))
            )
        ):
            imperative += 1
        elif _en_event(text):
            events += 1
    # ("Application sends message", "Builds the TCP header", "NIC fetches the packets …":
    # a flow of events in turn, with an instruction here and there)
    return imperative * 2 >= len(texts) or (
        len(texts) >= 4 and (imperative + events) * 4 >= 3 * len(texts) and events >= 2
    )


def keyval_list(b: Block, *names: str) -> list[NoteLine]:
    """The heads of a list of ``KEY - meaning`` items ("1. 생성자 주입 - 가장 권장됨", "2. 수정자
    주입", "3. 필드 주입 - 테스트가 어려워 …"): three or more, at most one of them a bare short
    name; not a procedure. Empty if the list is not one."""
    if b.kind not in (BlockKind.BULLETS, BlockKind.STEPS):
        return []
    heads = [it.head for it in b.items]
    if len(heads) < 3:
        return []
    bare = [h for h in heads if h.kind is not LineKind.KEYVAL]
    if len(bare) > 1 or any(
        len(plain_inline(h.text)) > 30
        or not h.text
        or h.text[-1:] in ".。!?？:："
        or KO_PHRASE.search(plain_inline(h.text))  # "인터프리터 방식으로 애플리케이션 실행"
        for h in bare
    ):
        return []
    if b.kind is BlockKind.STEPS and is_procedure(heads, *names):
        return []
    return heads


# (not "물음표(?)를": a mark in parentheses ends nothing)
_SENTENCE_END = re.compile(r"(?<=[.!?。？！])(?<![(（][.!?。？！])[\"'”’)]*\s+(?=[^\s.,;:)\]])")
SPLIT_OVER = 100  # lines longer than this are split into their sentences


# Two statements joined by a semicolon: each is a fact of its own (a clause cut at "…인데," or
# ", but" would leave a fragment on the card)
_CLAUSE = re.compile(r";\s+")
CLAUSE_MIN = 18


def _clauses(sentence: str) -> list[str]:
    if len(sentence) <= SPLIT_OVER // 2 or sentence.count("`") % 2:
        return [sentence]
    parts: list[str] = []
    start = 0
    for m in _CLAUSE.finditer(sentence):
        head = sentence[start : m.start() + len(m.group(0).rstrip().rstrip(","))]
        if len(head.strip()) >= CLAUSE_MIN and len(sentence) - m.end() >= CLAUSE_MIN:
            parts.append(head.strip().rstrip(",;"))
            start = m.end()
    parts.append(sentence[start:].strip())
    return [p for p in parts if p]


def _sentence_pieces(text: str, closers: str) -> list[str]:
    """The text cut at sentence ends, not inside `code`, not after "e.g." or "1." (looked for
    in the text before the end with ``closers`` stripped from it); empty pieces left out."""
    return list(_sentence_pieces_of(text, closers))


@lru_cache(maxsize=1 << 14)
def _sentence_pieces_of(text: str, closers: str) -> tuple[str, ...]:
    # (cached: a line is cut when the sentences analysed ahead are listed, and again by the
    # generators)
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        head = text[start : m.start()].rstrip(closers)
        if head.count("`") % 2 or ABBREVIATION_END.search(head) or re.search(r"\d\.$", head):
            continue
        # (the closing quote or parenthesis stays with its sentence: '… is "all or nothing."')
        piece = text[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return tuple(out)


def _unwrapped(text: str) -> str:
    """A line that is one aside in parentheses, "(`Copy` trait doesn't work for … . Drop cleans
    up …)", without them: cut into sentences, the first would open a parenthesis the last
    closes."""
    if not (text.startswith("(") and text.endswith(")")):
        return text
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return text[1:-1].strip() if i == len(text) - 1 else text
    return text


def sentences(text: str) -> list[str]:
    """A line of prose split into sentences (not inside `code`, not after "e.g." or "1.")."""
    if len(text) <= SPLIT_OVER:
        return _clauses(text)
    text = _unwrapped(text)
    out = [clause for piece in _sentence_pieces(text, "\"'”’)") for clause in _clauses(piece)]
    # a stray "**" left open by a split is closed again
    fixed: list[str] = []
    for piece in out:
        if piece.count("**") % 2:
            piece = piece.replace("**", "")
        fixed.append(piece)
    return fixed or [text]


def relined(
    ln: NoteLine, *, text: str, raw: str | None = None, kind: LineKind | None = None
) -> NoteLine:
    """``dataclasses.replace(ln, text=text, raw=raw, kind=kind)`` (those given), ~8x cheaper
    (≈ 10k a MB of notes): every field of ``ln`` copied as it is, its lists shared as
    ``replace`` shares them. (A NoteLine has no ``__post_init__`` and no field outside its
    ``__init__``: a copy of its fields is the line ``replace`` builds.)"""
    new = object.__new__(NoteLine)
    new.__dict__.update(ln.__dict__)
    new.text = text
    if raw is not None:
        new.raw = raw
    if kind is not None:
        new.kind = kind
    return new


def split_sentences(ln: NoteLine) -> list[NoteLine]:
    """A prose line as one line per sentence, however short it is (a heading's lead line:
    its first sentence says what the heading is, the others say more)."""
    if ln.kind is LineKind.CODE:
        return [ln]
    parts = _sentence_pieces(ln.text, "")
    if len(parts) <= 1 or len(parts[0]) < 12:
        return [ln]
    return [relined(ln, text=p, raw=p) for p in parts]


def later_sentences(text: str) -> list[str]:
    """The texts :func:`split_sentences` gives after the first for a prose line of ``text``
    ([] when it keeps the line whole)."""
    parts = _sentence_pieces(text, "")
    return parts[1:] if len(parts) > 1 and len(parts[0]) >= 12 else []


_ASIDE_END = re.compile(r"^(?P<main>.*\S)\s+\((?P<aside>[^()]+)\)\s*$")


def split_aside(ln: NoteLine) -> list[NoteLine]:
    """ "shell 형식은 … 때문임. (환경 변수를 사용해야하는 경우 shell형식 지정)": an aside that
    is a statement of its own (four words or more, no list of examples) is its own sentence."""
    m = _ASIDE_END.match(ln.text)
    if m is None or ln.kind is LineKind.CODE:
        return [ln]
    aside = m.group("aside").strip()
    words = aside.split()
    if (
        len(words) < (4 if has_hangul(aside) else 6)
        or "," in aside  # "(code, data, heap, stack)": examples
        or re.match(r"(?i)(?:ex|e\.g|eg|i\.e|예|예시|=)[.:)\s]", aside)
        or len(m.group("main")) < 12
    ):
        return [ln]
    return [
        relined(ln, text=m.group("main"), raw=m.group("main")),
        relined(ln, text=aside, raw=aside),
    ]


def split_line(ln: NoteLine) -> list[NoteLine]:
    """A long prose line as one line per sentence (same source line)."""
    parts = sentences(ln.text) if ln.markdown or ln.kind is not LineKind.CODE else [ln.text]
    if len(parts) <= 1:
        return [ln]
    return [relined(ln, text=p, raw=p) for p in parts]


def numeric(text: str) -> bool:
    """Mostly digits ("8h 45min 57s", "99.9%", "1, 4, 6"): a value, not a description."""
    chars = text.replace(" ", "")
    return bool(chars) and sum(ch.isdigit() for ch in chars) >= 0.3 * len(chars)
