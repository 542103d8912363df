"""term: ``X : Y`` / ``X - Y`` lines (bullets or fences) → X → Y, and Y → X when Y is short."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import (
    TASK_KEY,
    VERSUS,
    Ctx,
    clip,
    crumbs_hiding,
    draft,
    front,
    in_worked_example,
    ko_event,
    lines_html,
    names_itself,
    norm,
    numeric,
    order_prompt,
    plain_inline,
    relined,
    says_order,
    section_owners,
    split_sentences,
    walk_blocks,
    walk_lines,
)
from ..keyterms import strip_particle
from ..labels import ENUMERATOR, QUESTION_TOPIC, label_key, label_question, label_tail
from ..lang import Lang, as_noun, has_hangul, josa, prompt
from ..parser import PROSE_KINDS, Block, BlockKind, LineKind, NoteLine, keyval_shape
from ..scan import AtEnd
from .cloze import cloze_card
from .definition import body_lines, defined_term, defines_cards
from .quiz import is_answer_title

MAX_REVERSE = 100  # a meaning this short is specific enough to ask for the term
# "문제1", "Q2", "Example 3": an exercise's number, not a term
_NUMBERED_EXERCISE = re.compile(
    r"^(?:문제|예제|예시|질문|답|정답|실습|q|a|question|answer|example|exercise|step)\s*\d+$", re.I
)
# "Top-Down : “All People Seem To Need Data Processing”": a quoted line (a mnemonic, a
# slogan) is what the key goes with, not what it means
_QUOTED_VALUE = re.compile(r"^[\"“'‘].{6,}[\"”'’]$")
_NAME_KEY = re.compile(r"(?:\bname\b|이름|명칭)\s*$", re.I)  # "Target Image Name : genesis"

_ITEM_SEP = re.compile(r"\s*[,、;]\s*(?=\S)")  # "Ethernet frames, MAC addresses, Switches"


def elaborations(blocks: list[Block]) -> dict[int, list[NoteLine]]:
    """Sub-bullets under a ``KEY : meaning`` bullet, by the line of that KEY: they say more
    about the term, so they belong on the back of its card."""
    out: dict[int, list[NoteLine]] = {}
    for b in blocks:
        if b.kind not in (BlockKind.BULLETS, BlockKind.STEPS):
            continue  # ("1. **명시적 형변환** : …" numbers its terms)
        for it in b.items:
            keys = [ln for ln in it.lines if ln.kind is LineKind.KEYVAL]
            # ("AWS Snow family: …" over "AWS Snowcone: …", "AWS Snowball: …": its kinds, each a
            # term of its own, not more about it)
            kinds = any(
                c.kind is BlockKind.BULLETS
                and any(ln.kind is LineKind.KEYVAL and ln.value and not ln.arrow for ln in ci.lines)
                for c in it.children
                for ci in c.items
            )
            if keys and it.children and not kinds:
                extra = body_lines([c for c in it.children if c.kind is not BlockKind.STEPS])
                if extra:
                    out[keys[-1].line] = extra
            out.update(elaborations(it.children))
    return out


_COMMAND_VALUE = re.compile(r"`[^`]+`\s*$|\$\s")


def _label_term(ctx: Ctx, about: str, key: str) -> str:
    """ "X: 생성방법은?"; under a question or a request heading just "생성방법은?"."""
    if re.search(r"(?:[?？]|요|세요|시오|주세요)\s*$", about):
        topic = QUESTION_TOPIC.match(about) if ctx.lang == "ko" else None
        if topic is not None:  # "스레드는 어떤 방식으로 생성하나요? 장단점도 …" › 장점: whose
            return prompt("label_term", ctx.lang, x=topic.group(1), y=key).replace(": ", "의 ", 1)
        return f"{josa(key, '은/는')}?" if ctx.lang == "ko" else f"{key}?"
    return prompt("label_term", ctx.lang, x=about, y=key)


def _named_things(value: str) -> bool:
    """ "L2스위치, 브리지", "Routers, L3 switch": a list of names (most with a Latin letter or a
    digit), not a description ("베이스 이미지, 필수")."""
    items = [v.strip() for v in re.split(r"[,、]", value) if v.strip()]
    if len(items) < 2 or any(len(v.split()) > 3 for v in items):
        return False
    return sum(bool(re.search(r"[A-Za-z0-9]", v)) for v in items) * 2 >= len(items)


def restates(key: str, value: str) -> bool:
    """The meaning repeats most of the term's words ("이미지 내부로 전달 예정인 파일" ←
    "호스트에 가진 파일을 생성될 이미지에 전달하고자하는 경우"): asking for the term from it
    asks nothing."""
    words = [strip_particle(w) for w in re.findall(r"[\w+#.-]{2,}", key)]
    words = [w for w in words if len(w) >= 2]
    said = norm(value)
    return len(words) >= 3 and 2 * sum(norm(w) in said for w in words) > len(words)


# `grep`, `ls -al`, `git add <file>`, `git commit -m "msg"`
_COMMAND_NAME = re.compile(
    r"^[a-z][\w.+-]*(?:\s+(?:-{1,2}[\w-]+|[a-z][\w.-]*|<[^<>]+>|\"[^\"]*\"|'[^']*'))*$"
)


_CONDITION_KEY = re.compile(r"[가-힣]\s?(?:경우|때)$|(?:하면|되면|이면|다면)$")
_ADVICE_VALUE = AtEnd(
    r"(?:적합|적절|좋다|좋음|좋아요|좋습니다|피하자|피할 것|하자|말자|지양|권장|바람직)[.!]?$"
)
_COST_LABEL = re.compile(r"(?i)complexity|복잡도|big-?o|cost|비용|성능")
_YES_NO = frozenset("yes no true false y n o x 예 아니오 아니요 가능 불가능 불가".split())
_BIG_O_VALUE = re.compile(r"^[OΘΩo]\(")  # "O(n^2)": the cost of the heading's algorithm
_BIG_O_SAID = re.compile(r"(?<![A-Za-z])[OΘΩ]\((?:n|log|1\))")  # "항상 O(nlogn) 으로 일정"


_ACTOR = re.compile(r"^(\S{1,15}?)(?:가|이)\s")


def _exchange_lines(blocks: list[Block]) -> set[int]:
    """Lines of ``KEY : 누가 무엇을 한다`` items whose list has two actors or more (SYN: 클라이언트가
    …, SYN ACK: 서버가 …): the steps of an exchange."""
    out: set[int] = set()
    for b in walk_blocks(blocks):
        steps: dict[int, str] = {}
        for it in b.items:
            h = it.head
            if h.kind is not LineKind.KEYVAL or h.arrow or not h.value or not has_hangul(h.value):
                continue
            first = split_sentences(replace(h, kind=LineKind.SENTENCE, text=h.value))[0].text
            m = _ACTOR.match(plain_inline(first).strip())
            if m is not None and ko_event(plain_inline(first).strip()):
                steps[h.line] = m.group(1)
        if len(set(steps.values())) >= 2:
            out.update(steps)
    return out


def _forward_ask(ln: NoteLine, key: str, value: str) -> str:
    """ "grep은 무엇을 하는가?" for a command of a cheat sheet (`grep` : 특정 패턴으로 …),
    "Storage Driver는?" for a value, "X의 뜻은?" for a term."""
    if (
        ln.key.lstrip().startswith("`")
        and _COMMAND_NAME.match(key)
        and has_hangul(value) == has_hangul(key + value)  # the prompt's language is the value's
        and len(value.split()) > 1
    ):
        return "role"
    english_call = not has_hangul(key + value) and _CALL_OR_SCRIPT.search(key) is not None
    if (one_word(value) and not english_call) or _NAME_NOT_TERM.match(key):
        return "value_of"  # "ports.conf는?", "ArrayList는?": a file or a class has no meaning
    return "term_fwd"


# "det(M) - determinant", "這 [这] - zhè": a call or a word of another script is asked what it
# means ("What is the det(M)?" read wrong)
_CALL_OR_SCRIPT = re.compile(r"\w\(|[^\x00-\u024f\uac00-\ud7a3\s]")
# a file name ("ports.conf") or a class in CamelCase ("ArrayList"): named, not a word to define
_NAME_NOT_TERM = re.compile(r"^(?:[\w-]+\.[a-z]{1,5}|[A-Z][a-z]+(?:[A-Z][a-z]+)+)$")


def _mapping_lines(blocks: list[Block]) -> set[int]:
    """Lines of KEY : value lists whose values mostly list names ("인터넷 계층: 라우터, L3
    스위치"): the one naming a single thing ("애플리케이션 계층: L7 스위치") maps too."""
    out: set[int] = set()
    for b in walk_blocks(blocks):
        keys = [it.head for it in b.items if it.head.kind is LineKind.KEYVAL and it.head.value]
        if len(keys) >= 3:
            named = sum(_named_things(plain_inline(k.value)) for k in keys)
            if 2 * named >= len(keys):
                out.update(k.line for k in keys)
    return out


def one_word(value: str) -> bool:
    """A value of one Latin word ("overlay2", "Internet", "Application"): it names a thing, it
    does not describe one, so "which term means the following?" has no one answer ("환경변수"
    → ENV still does)."""
    return len(value.split()) == 1 and not has_hangul(value)


_WHY_QUESTION = re.compile(r"^(.{2,40}?(?:이유|목적|원인|장점|단점))(?:은|는|이|가)?\s*[?？]$")
_ASIDE = re.compile(r"\(([^()]{8,160})\)\s*$")


def _several(value: str) -> bool:
    items = [v for v in re.split(r"[,、]", value) if v.strip()]
    return len(items) >= 3 and all(len(v.split()) <= 3 for v in items)


# a key that is a description, not a name: a clause before its noun ("전달 예정인 파일",
# "자주 사용하는 옵션"), three words or more
_DESCRIPTIVE_KEY = re.compile(
    r"^\S+\s+\S+.*\s[가-힣]*(?:예정인|하는|되는|있는|없는|위한|하기 위한|할|될)\s+\S+$"
    r"|^.*[가-힣](?:는|은|할|될|던)\s?것$"  # "무시할 수 없는것 : …": a description, not a term
)
CHAIN_SHOWN = 3  # steps shown before the one asked
CHAIN_ORDER_MAX = 8  # steps of a chain still asked whole


_CHAIN_NAME = re.compile(r"^(\S.{2,40}?)\s+[-–—:]\s+(\S.*)$")


def _chain_cards(ctx: Ctx, ln: NoteLine, over: str) -> list[CardDraft]:
    """ "Longest Match Rule → AD → Metric": each step after the ones before it (like the
    numbered steps of a procedure), and the whole chain when a title above names the order
    ("라우팅 경로 결정 순서")."""
    steps = list(ln.chain)
    sibling = f"chain:{ln.line}"
    # "In-order traversal - Left → Root → Right": the chain's own name, then its order
    named = _CHAIN_NAME.match(steps[0])
    if named is not None:
        steps[0] = named.group(2)
    whole = t.para(" → ".join(t.inline(clip(s, 80)) for s in steps))
    cards: list[CardDraft] = []
    if named is not None:
        cards.append(
            draft(
                ctx,
                CardKind.SEQUENCE,
                plain_inline(ln.chain[0]),
                front(ctx.path, order_prompt(plain_inline(named.group(1)), ctx.lang)),
                whole,
                variant="order",
                line=ln.line,
                sibling=sibling,
            )
        )
        if len(steps) <= 3:
            return cards  # three places: the last is whatever is left, the order says it all
    for k in range(1, len(steps)):
        shown = [t.inline(clip(s, 80)) for s in steps[max(0, k - CHAIN_SHOWN) : k]]
        cards.append(
            draft(
                ctx,
                CardKind.SEQUENCE,
                plain_inline(steps[k]),
                front(
                    ctx.path,
                    prompt("chain_next", ctx.lang),
                    t.para(" → ".join([*shown, t.esc("[...]")])),
                ),
                t.para(t.inline(clip(steps[k], 80))) + whole,
                variant="next",
                line=ln.line,
                sibling=sibling,
            )
        )
    name = next(
        (plain_inline(n) for n in (over, ctx.section.title) if n and says_order(plain_inline(n))),
        "",
    )
    if name and named is None and len(steps) <= CHAIN_ORDER_MAX:
        ask = order_prompt(name, ctx.lang)
        cards.append(
            draft(
                ctx,
                CardKind.SEQUENCE,
                plain_inline(steps[0]),
                front(ctx.path, ask),
                whole,
                variant="order",
                line=ln.line,
                sibling=sibling,
            )
        )
    return cards


def generate(ctx: Ctx) -> list[CardDraft]:
    if not any(
        ln.kind is LineKind.KEYVAL and ln.value.strip() for ln in walk_lines(ctx.section.blocks)
    ):
        return []  # no KEY : value, no card (what is read below only serves those)
    if in_worked_example(ctx.path):
        return []  # "FD1 : 직원번호 → 입사일자", "Null Hypothesis: μ = 2 tons": the example's own
    cards: list[CardDraft] = []
    more = elaborations(ctx.section.blocks)
    exchange = _exchange_lines(ctx.section.blocks)
    mapping = _mapping_lines(ctx.section.blocks)
    # ("응답시간 vs 작업 처리량 vs 자원 활용도" over its three terms names them, not their owner)
    contexts = {k: v for k, v in section_owners(ctx).items() if not VERSUS.search(v)}
    meanings = Counter(
        norm(plain_inline(x.value))
        for x in walk_lines(ctx.section.blocks)
        if x.kind is LineKind.KEYVAL and x.value
    )
    # "Input: email" … "Input: audio": a key said again with another value is a field the
    # notes' examples fill in, not a term with one meaning
    values_of: dict[str, set[str]] = {}
    for x in walk_lines(ctx.section.blocks):
        if x.kind is LineKind.KEYVAL and x.value and not x.arrow:
            values_of.setdefault(norm(plain_inline(x.key)), set()).add(norm(plain_inline(x.value)))
    key_before: dict[int, str] = {}  # a KEY line → the key of the "KEY : meaning" line above
    last: tuple[int, str] | None = None
    for x in walk_lines(ctx.section.blocks):
        shape = (
            (x.key, x.value)
            if x.kind is LineKind.KEYVAL
            else keyval_shape(re.sub(r"^[①-⑳]\s*", "", x.text.strip()))
            if x.kind in (LineKind.STEP, LineKind.SENTENCE)
            else None
        )
        if shape is None or not shape[1].strip():
            continue
        if last is not None and 0 < x.line - last[0] <= 2:
            key_before[x.line] = last[1]
        last = (x.line, plain_inline(shape[0]).strip())
    for ln in walk_lines(ctx.section.blocks):
        if ln.kind is not LineKind.KEYVAL or not ln.value.strip():
            continue  # a KEY without meaning makes no card (the list card names it)
        if ln.chain:
            cards.extend(_chain_cards(ctx, ln, contexts.get(ln.line, "")))
            continue
        aside = _ASIDE.search(ln.value)
        if aside and "`" in aside.group(1) and len(aside.group(1).split()) >= 3:
            # "`rm` : 파일 삭제 (디렉토리 삭제 시에는 보통 `rm -R`을 많이 사용)": the aside is a
            # fact of its own, asked after its key
            inner = relined(ln, kind=LineKind.SENTENCE, text=aside.group(1), raw=aside.group(1))
            card = cloze_card(ctx, inner, context=relined(ln, text=ln.key))
            if card is not None:
                cards.append(card)
        key = plain_inline(ln.key)
        value = plain_inline(ln.value)
        if not key or not value or norm(value) == norm(key):
            continue
        said = relined(ln, kind=LineKind.SENTENCE, text=ln.value, raw=ln.value)
        about = contexts.get(ln.line, "") or ctx.subject
        # the key above a cloze of its value ("단점" says whose: "커널 수준 스레드 › 단점")
        hint = relined(ln, text=ln.key)
        if (
            about
            and norm(about) != norm(key)
            and (label_key(key) or label_tail(key) or ENUMERATOR.match(key))
        ):
            hint = relined(ln, text=f"{about} › {ln.key}")
        for extra in more.get(ln.line, []):
            # "명시적 형변환 : …" and under it "> 다운캐스팅은 업캐스팅이 발생한 이후에 작용한다.":
            # what the card's back adds is a fact of its own too, asked with its key above it
            if extra.kind in PROSE_KINDS:
                card = cloze_card(ctx, extra, context=hint)
                if card is not None:
                    cards.append(card)
        for later in split_sentences(said)[1:]:
            # "행 트리거: … 실행된다. 변경 전 또는 변경 후의 행은 OLD, NEW라는 … 읽을 수 있다": the
            # value's second sentence is a fact of its own, asked with its key above it
            card = cloze_card(ctx, later, context=hint)
            if card is not None:
                cards.append(card)
        if _NUMBERED_EXERCISE.match(key) or (_NAME_KEY.search(key) and len(value.split()) == 1):
            continue  # "문제1 : Child Call!!!!", "Target Image Name : genesis": an example's
        if is_answer_title(ctx.section.title) and re.search(r"[\[\]()=]|\w\.\w", key):
            continue  # "mouse[bird.size]: First it evaluates …": the quiz's code, not shown
        sibling = f"term:{ln.line}"
        key_html = t.inline(clip(ln.key, 80))
        value_html = t.para(t.inline(clip(ln.value)))
        below = more.get(ln.line, [])
        # (eight lines at most: "Example - Coin Change" over a worked run of nine lines is
        # answered by its name; each line below has its own card)
        back = value_html + (lines_html(below) if below and len(below) <= 7 else "")
        if ln.arrow:  # "case → result": what the case leads to
            cards.append(
                draft(
                    ctx,
                    CardKind.TERM,
                    key,
                    front(
                        ctx.path,
                        prompt("arrow", ctx.lang),
                        t.para(t.inline(clip(ln.key)) + " → [...]"),
                    ),
                    back,
                    variant="arrow",
                    line=ln.line,
                    sibling=sibling,
                )
            )
            continue
        defined = defined_term(split_sentences(said)[0]) if ln.value.strip() else None
        if defined is not None and norm(defined[0]) != norm(key) and norm(defined[0]) in norm(key):
            # "(필수) Dockerfile 작성 방법 : Dockerfile은 … 파일이다": the line defines Dockerfile,
            # it does not say how to write one
            term_name, rest = defined
            cards.extend(defines_cards(ctx, CardKind.TERM, key, term_name, rest, ln.line, sibling))
            continue
        label = label_key(key)
        if label == "alias" and ln.line in key_before:
            # "- ② 모순증명법 : …" / "- 다른이름: 귀류법, 배리법": the other name of the term
            # just above, not of the heading
            about = key_before[ln.line]
        owner = about or ctx.subject
        if TASK_KEY.search(key) and _COMMAND_VALUE.match(ln.value.strip()) and owner:
            # "Ring Buffer" › "How:" › "**Check command:** `ethtool -g ethX`": the command for a
            # task on the heading's subject, asked of it ("Ring Buffer: Check command?")
            cards.append(
                draft(
                    ctx,
                    CardKind.TERM,
                    f"{owner} / {key}",
                    front(ctx.path, _label_term(ctx, ctx.subject or owner, key)),
                    back,
                    variant="label",
                    line=ln.line,
                    sibling=sibling,
                )
            )
            continue
        enumerator = ENUMERATOR.match(key) is not None
        if enumerator and not (about and norm(about) != norm(ctx.subject or "")):
            continue  # "Option 2: dynamic linking" with nothing above it saying of what
        if not label and about and (label_tail(key) or enumerator) and norm(about) != norm(key):
            # ("Functions Packaging" › "Option 1: put all functions into a single source
            # file": which option is asked of its owner, "Functions Packaging: Option 1?")
            # "생성방법 : …", "차이점 : …": a label about the bullet or heading above
            cards.append(
                draft(
                    ctx,
                    CardKind.TERM,
                    f"{about} / {key}",
                    front(ctx.path, _label_term(ctx, about, key)),
                    back,
                    variant="label",
                    line=ln.line,
                    sibling=sibling,
                )
            )
            continue
        if not label and _DESCRIPTIVE_KEY.search(re.sub(r"^\(.*?\)\s*", "", key)):
            # "(선택) 이미지 내부로 전달 예정인 파일 : 호스트에 가진 파일을 … 전달하고자하는
            # 경우에 사용된다": the key describes, the meaning says it again; its sentence is a
            # cloze under it like any other
            card = cloze_card(ctx, said, context=hint)
            if card is not None:
                cards.append(card)
            continue
        if not label and len(values_of.get(norm(key), ())) >= 2:
            continue  # a field of the examples ("Input: email"), asked nowhere as a term
        framing = ctx.section.title if label_tail(ctx.section.title) else ""
        why = _WHY_QUESTION.match(ctx.section.title.strip())
        if not framing and why:  # "캐스팅이 필요한 이유는?": its items are reasons, not terms
            framing = why.group(1)
        if (
            not framing
            and (_named_things(value) or ln.line in mapping or _QUOTED_VALUE.match(value))
            and ctx.subject
            and norm(ctx.subject) != norm(key)
        ):
            framing = ctx.subject  # "데이터 링크 계층 : L2스위치, 브리지": a mapping, not a meaning
        if not framing and about and label_tail(about):
            framing = about  # the bullet above names what its items are ("캐스팅이 필요한 이유")
        if (
            not framing
            and about
            and label_key(re.split(r"\s+of\s+|의\s", about)[0]) in ("usage", "example")
        ):
            # "Use Cases:" › "Recommendation Systems: CTR is used to measure …": a use, no term
            # ("Use Cases of CTR: Recommendation Systems?")
            framing = about
        if (
            not framing
            and "," in value
            and not re.search(r"(?:다|[.。])$", value.strip())
            and _one_of_the_pair(ctx.section.title, key)
        ):
            # "쿠키와 세션" › "쿠키: 만료 시간 설정 가능, 보안에 취약": one side's traits, not
            # what the word means
            framing = ctx.section.title
        if not label and framing:
            # "캐스팅이 필요한 이유" › "다형성 : …": a reason (a kind, a feature), not a meaning
            cards.append(
                draft(
                    ctx,
                    CardKind.TERM,
                    key,
                    front(ctx.path, prompt("item_of", ctx.lang, x=as_noun(framing), y=key)),
                    back,
                    variant="forward",
                    line=ln.line,
                    sibling=sibling,
                )
            )
            if why and len(value) <= MAX_REVERSE and norm(key) not in norm(value):
                # which reason this is: "오버라이딩된 함수를 분리해서 활용할 수 있다" → 다형성
                cards.append(_reverse(ctx, "list_rev", key, key_html, value_html, ln, sibling))
            continue
        if label == "note" and not ln.links and re.search(r"(?:다|니다|[.。])$", value.strip()):
            # "**참고**: HTTP는 무상태(stateless) 프로토콜이다.": a fact set aside, asked as one
            card = cloze_card(ctx, replace(ln, kind=LineKind.SENTENCE, text=value, raw=value))
            if card is not None:
                cards.append(card)
            continue
        if not label and len(value) <= 30 and value.rstrip().endswith(("!", "！")):
            continue  # "단방향 데이터 흐름: 예측 가능성!": what the author exclaims, no meaning
        if label in ("note", "reference", "question", "guess"):
            continue  # "Update: …", "상위 노트: …": an aside or a link, not a fact to ask
        if label and about and norm(about) != norm(key):
            # "Examples: …", "**Purpose:** …": about the bullet or heading above, not a term
            cards.append(
                draft(
                    ctx,
                    CardKind.TERM,
                    f"{about} / {key}",
                    front(
                        ctx.path,
                        label_question(
                            about, label, str(ctx.lang), several=len(_ITEM_SEP.split(value)) > 1
                        ),
                    ),
                    back,
                    variant="label",
                    line=ln.line,
                    sibling=sibling,
                )
            )
            continue
        ask = _forward_ask(ln, key, value)
        if (
            ask == "term_fwd"
            and ctx.subject
            and norm(ctx.subject) != norm(key)
            and _ADVICE_VALUE.search(value.strip())
        ):
            # "클래스 : 명사, 명사구가 적합" under "의미있는 이름": advice for it, no meaning
            ask = "item_of_subject"
        if ctx.subject and norm(ctx.subject) != norm(key) and _WH_KEY.match(key):
            ask = "label_q"  # "**Which to choose**: …" under "L1 vs L2": a question about it
        if has_hangul(key) and _CONDITION_KEY.search(key):
            ask = "label_q"  # "레디스를 Cache로 쓰는 경우 : 문제가 적게 발생": not a meaning
        elif has_hangul(value) and re.search(r"(?:경우|때)\s*[.。]?$", value.strip()):
            ask = "label_q"  # "String : 문자열 연산이 적고 멀티 쓰레드 환경일 경우": when to use it
        if ask == "term_fwd" and ln.line in exchange:
            # "SYN : 클라이언트가 … SYN 패킷을 보낸다", "SYN ACK : 서버가 …": a step of an
            # exchange and who does what at it, no meaning
            ask = "what_happens"
        if ask == "value_of" and ctx.lang is Lang.EN and _NAME_NOT_TERM.match(key):
            ask = "what_is"  # "What is PartialEq?", not "What is the PartialEq?"
        asked = (
            prompt("item_of", ctx.lang, x=ctx.subject, y=key)
            if ask == "item_of_subject"
            else prompt(ask, ctx.lang, x=key)
        )
        cost = bool(ctx.subject) and bool(
            ask == "value_of" and _BIG_O_VALUE.match(value) or _BIG_O_SAID.search(value)
        )
        if cost:
            # "버블 정렬: 시간복잡도는?" ("시간 복잡도 : 항상 O(nlogn) 으로 일정" is no meaning);
            # under "Time Complexity:" the key is the operation: "BST: Time Complexity of Access?"
            measure = about.rstrip(" :：") if about and _COST_LABEL.search(about) else ""
            what = key
            if measure and norm(measure) != norm(key):
                what = f"{key} {measure}" if has_hangul(measure) else f"{measure} of {key}"
            asked = prompt("item_of", ctx.lang, x=ctx.subject, y=what)
        elif ask == "value_of" and value.strip(" .").casefold() in _YES_NO and ctx.subject:
            asked = prompt("item_of", ctx.lang, x=ctx.subject, y=key)  # "Quicksort: Stable?"
        cards.append(
            draft(
                ctx,
                CardKind.TERM,
                key,
                # "Storage Driver: overlay2" is a value, not a meaning: "Storage Driver는?"
                front(ctx.path, asked),
                back,
                variant="forward",
                line=ln.line,
                sibling=sibling,
            )
        )
        if (
            len(value) <= MAX_REVERSE
            and norm(key) not in norm(value)
            and len(value) >= 2
            and not numeric(value)  # "8h 45min 57s" names nothing
            and not _several(value)  # "NIC, 리피터, AP" → 물리 계층: one of many, no meaning
            and max(meanings[norm(value)], ctx.doc_meanings[norm(value)]) == 1  # two terms
            # with one meaning (in the section or the notes): the meaning names neither
            and not one_word(value)  # "overlay2" → Storage Driver: a value, not a meaning
            and not restates(key, value)
            and not names_itself(key, value)
            and ask != "label_q"  # a condition has no meaning to ask back
            and not cost  # "항상 O(nlogn) 으로 일정" names no term
        ):
            # (a command is what does it: "Which command does this?")
            rev = "cmd_to" if ask == "role" and ln.key.lstrip().startswith("`") else "term_rev"
            # (a step or a piece of advice, not a meaning)
            rev = "list_rev" if ask in ("what_happens", "item_of_subject") else rev
            cards.append(_reverse(ctx, rev, key, key_html, value_html, ln, sibling))
    # a card whose back holds the lines under its KEY came from them too (the report counts
    # them as carded; the code between them, if any, is still reported)
    shown = {f"term:{n}": [x.line for x in lines] for n, lines in more.items()}
    for c in cards:
        if c.sibling in shown and c.variant != "reverse":
            c.extra["lines"] = shown[c.sibling]
    return cards


# a key that asks about the heading: "Which to choose", "When to use", "How it works"
_WH_KEY = re.compile(r"(?i)(?:which|what|when|why|how|where|whether)\s+\w")


_PAIR_TITLE = re.compile(
    r"(.{1,30}?)\s?(?:와|과|\band\b|&|\bvs\.?|/)\s?(.{1,30}?)(?:의 (?:차이|비교))?"
)


def _one_of_the_pair(title: str, key: str) -> bool:
    """ "쿠키" under "쿠키와 세션", "TCP" under "TCP vs UDP": one side of what the heading compares."""
    m = _PAIR_TITLE.fullmatch(title.strip())
    return m is not None and norm(key) in (norm(m.group(1)), norm(m.group(2)))


def _reverse(
    ctx: Ctx, ask: str, key: str, key_html: str, value_html: str, ln: NoteLine, sibling: str
) -> CardDraft:
    """The meaning (or reason) shown, the term asked ("which term means the following?")."""
    return draft(
        ctx,
        CardKind.TERM,
        key,
        front(crumbs_hiding(ctx, key), prompt(ask, ctx.lang), value_html),
        t.para(key_html),
        variant="reverse",
        line=ln.line,
        sibling=sibling,
    )
