"""list: named items under a heading or bullet → "name the N kinds of …", plus item → description.

A *named item* is found by shape, not by words: a short bullet that is a name (``bridge``,
``bind mount``) with a description under it (nested content, or a fence right below it).
A run of three or more ``KEY : meaning`` lines also gets a card naming all the keys.
"""

from __future__ import annotations

import re
from dataclasses import replace

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import (
    TASK_KEY,
    VERSUS,
    Ctx,
    chunk,
    clip,
    crumbs_hiding,
    description_lines,
    draft,
    front,
    is_named_item,
    is_procedure,
    keyval_list,
    lines_html,
    list_titles,
    names_itself,
    norm,
    plain_inline,
    section_owners,
    split_line,
    walk_blocks,
    walk_lines,
)
from ..keyterms import strip_particle
from ..labels import ENUMERATOR, label_key, label_question
from ..lang import has_hangul, prompt
from ..loanwords import spelled_in
from ..parser import BOLD_LEVEL, PROSE_KINDS, Block, BlockKind, Item, LineKind, NoteLine
from .cloze import cloze_card

_COST = re.compile(r"(?<![A-Za-z])[OΘΩ]\(")  # "O(log(n))": a cost, not a meaning
MAX_NAMES = 12
MAX_ALL = 5  # "name all N" only for a short list...
SHORT_NAME = 40  # ...of short names
ITEM_LINES = 3  # what an item is: its first lines; further lines get a cloze each
MAX_REVERSE = 120
MIN_TERMS = 3


def _names_only(lines: list[NoteLine]) -> bool:
    """Two or more short names and nothing else ("Apriori 알고리즘", "FP-Growth"; "CBOW",
    "Skip-Gram"): what an item's lines are when they are its kinds or parts."""
    if len(lines) < 2:
        return False
    for ln in lines:
        text = plain_inline(ln.text).strip()
        if not text or len(text.split()) > 3 or len(text) > 30 or re.search(r"[.!?:：,=;{}]", text):
            return False
        if re.search(r"(?:다|함|음|됨|요)$", text):
            return False  # "…를 사용함": a point, not a name
    return True


_GLOSSARY = re.compile(
    r"(?i)^(?:definitions?|glossary|terms|terminology|key terms|vocabulary|용어|용어\s?정리|용어\s?설명)$"
)


def generate(ctx: Ctx) -> list[CardDraft]:
    cards: list[CardDraft] = []
    _named_lists(ctx, ctx.section.blocks, ctx.subject or ctx.section.title, cards)
    body = [b for b in ctx.section.blocks if b.kind is not BlockKind.IMAGE]
    owners = section_owners(ctx)
    _label_items(ctx, ctx.section.blocks, owners, cards)
    # (under "### 장점" the heading asks for the list it opens with, not for a later one)
    _label_leads(ctx, ctx.section.blocks, ctx.subject, cards)
    for group in _keyval_runs(ctx.section.blocks, ctx.section.title, ctx.subject):
        if len(group) > MAX_ALL or any(ln.arrow for ln in group):
            continue  # too many to name from memory (each term has its own cards)
        if _GLOSSARY.search(ctx.section.title.strip(" #*_:")) and not owners.get(group[0].line):
            continue  # "Definitions" › "**Pod**: …", "**minikube**: …": a glossary's terms
            # are each asked; which ones the author happened to list is no fact
        if sum(1 for ln in group if label_key(ln.key or "")) * 2 >= len(group):
            continue  # "질문: …", "추측: …", "기준: …": labels of remarks, no terms to name
        if sum(1 for ln in group if TASK_KEY.search(ln.key or "")) * 2 >= len(group):
            continue  # "Check command", "Change command", "How to monitor": tasks, not names
        if sum(1 for ln in group if _COST.search(ln.value or ln.text)) * 2 >= len(group):
            continue  # "Access: O(n)", "Search: O(n)": the costs are asked, the names are trivia
        if all(ENUMERATOR.match(plain_inline(ln.key or ln.text).strip()) for ln in group):
            continue  # "Rule 1", "Rule 2", "Rule 3": numbered labels, each asked with its rule
        if (
            ctx.section.level == BOLD_LEVEL
            and body
            and body[0].kind is not BlockKind.BULLETS
            and group[0] not in walk_lines([body[0]])
        ):
            # "**rebase**", its paragraph, then "- **Fast-forward**: …": a bold line is a
            # heading only as far as its paragraph goes; the list after it is no list of its
            continue
        owner = owners.get(group[0].line) or ""
        if VERSUS.search(owner):
            continue  # "응답시간 vs 작업 처리량 vs 자원 활용도" over them: the title names all
        keys = [plain_inline(ln.key or ln.text) for ln in group]
        names = t.ul(t.inline(clip(ln.key or ln.text, 80)) for ln in group[:MAX_NAMES])
        cards.append(
            draft(
                ctx,
                CardKind.LIST,
                keys[0],
                front(
                    ctx.path,
                    # (the item they sit under names them: "예방(prevention)" › "상호배제 부정 : …")
                    prompt(
                        "list_all",
                        ctx.lang,
                        x=owners.get(group[0].line) or ctx.subject or ctx.section.title,
                        n=len(keys),
                    ),
                ),
                names,
                variant="terms",
                line=group[0].line,
                end=group[-1].line,
                sibling=f"list:{group[0].line}",
            )
        )
    return cards


# labels whose points answer "X의 장점은?" / "What are the advantages of X?" (an example, a
# note or a reference under a label is no fact to recall whole)
_POINT_LABELS = frozenset(
    "pros cons feature caution purpose role usage problem solution cause reason kinds "
    "difference common".split()
)


def _label_items(
    ctx: Ctx, blocks: list[Block], owners: dict[int, str], out: list[CardDraft]
) -> None:
    """ "- 장점" and under it "- 자체적인 Failover 기능", "- slot 단위의 데이터 관리": the label
    item's points are what "Redis Cluster의 장점은?" asks (each point still has its own cloze)."""
    for b in blocks:
        for it in b.items:
            head = plain_inline(it.head.text).strip()
            key = label_key(head) if it.head.kind is not LineKind.KEYVAL and len(head) <= 12 else ""
            points: list[NoteLine] = []
            for cb in it.children:
                points.extend(sub.head for sub in cb.items)
                if not cb.items:
                    points.extend(cb.lines)
            owner = owners.get(it.head.line, "") or ctx.subject
            if (
                key in _POINT_LABELS
                and 1 <= len(points) <= MAX_ALL + 2
                and all(p.kind in PROSE_KINDS for p in points)
                and owner
                and norm(owner) != norm(head)
            ):
                out.append(_label_card(ctx, owner, head, key, points, it.line, it.end))
            _label_items(ctx, it.children, owners, out)


def _label_card(
    ctx: Ctx, owner: str, head: str, key: str, points: list[NoteLine], line: int, end: int
) -> CardDraft:
    """ "Redis Cluster의 장점은?" answered by the label's points (an item or a lead line)."""
    return draft(
        ctx,
        CardKind.LIST,
        f"{owner} / {head}",
        front(ctx.path, label_question(owner, key, str(ctx.lang), several=len(points) > 1)),
        lines_html(points),
        variant="label",
        line=line,
        end=end,
        sibling=f"list:{line}",
    )


def _label_leads(ctx: Ctx, blocks: list[Block], owner: str, out: list[CardDraft]) -> None:
    """ "장점:" / "Advantages:" on a line of its own, then the list of them: "캐시 서버의
    장점은?" / "What are the advantages of Caching?" answered by the list."""
    for prev, b in zip(blocks, blocks[1:], strict=False):
        if b.kind not in (BlockKind.BULLETS, BlockKind.STEPS) or prev.kind is not BlockKind.PROSE:
            continue
        said = [ln for ln in prev.lines if ln.text.strip()]
        head = plain_inline(said[-1].text).strip() if said else ""
        key = label_key(head) if len(said) == 1 and len(head) <= 24 else ""
        points = [it.head for it in b.items]
        if (
            key in _POINT_LABELS
            and owner
            and 1 <= len(points) <= MAX_ALL + 2
            and all(p.kind in PROSE_KINDS for p in points)
        ):
            out.append(_label_card(ctx, owner, head, key, points, said[-1].line, b.end))
    for b in blocks:
        for it in b.items:
            name = plain_inline(it.head.text).strip()
            if it.children and name:
                _label_leads(ctx, it.children, name, out)


def _named_lists(ctx: Ctx, blocks: list[Block], name: str, cards: list[CardDraft]) -> None:
    prev: Block | None = None
    for b in blocks:
        lead = prev.lines[-1].text if prev is not None and prev.lines else ""
        prev = b
        if b.kind not in (BlockKind.BULLETS, BlockKind.STEPS):
            continue
        if b.kind is BlockKind.STEPS and is_procedure(
            [it.head for it in b.items], name, ctx.section.title, lead
        ):
            continue
        named = [it for it in b.items if is_named_item(it) and not label_key(it.head.text)]
        if len(named) >= 2:
            # (a list of facts with a few items that have lines under them is no list of kinds:
            # "name all 3" of those few would be an arbitrary part of it)
            others = [it for it in b.items if it not in named]
            # (a first item that says what the others are is their lead, not one of them)
            lead_item = (
                len(others) == 1
                and others[0] is b.items[0]
                # ("**Relational Model:** Mature, structured schemas; …" is one of them, a term)
                and others[0].head.kind is not LineKind.KEYVAL
                and re.search(r"(?:다|[.。])$", plain_inline(others[0].head.text).strip())
                is not None
            )
            cards.extend(_cards_for(ctx, name, named, whole=not others or lead_item))
        for it in b.items:
            if it not in named and label_key(plain_inline(it.head.text)) != "assumption":
                # ("- 가정" over "- 시스템 규모" / "- 대규모 요청": a design's own choices, what
                # the system at hand assumes, not what a 시스템 규모 is)
                _named_lists(ctx, it.children, plain_inline(it.head.text) or name, cards)


def _cards_for(
    ctx: Ctx, list_name: str, items: list[Item], *, whole: bool = True
) -> list[CardDraft]:
    """ "Name the N kinds" (a short list only), then per item: what it is (its first lines),
    which item a description names (reverse), and a cloze for each further line."""
    names = [plain_inline(it.head.text) for it in items]
    sibling = f"list:{items[0].line}"
    cards: list[CardDraft] = []
    named_above = all(_named_in(n, list_name) for n in names)  # "A와 B의 차이": both named
    # (under an interview template's "키워드 & 꼬리 질문" a list is what to mention, not all
    # there is: "Java의 메모리 영역: 3가지" where the answer names 5)
    keywords = ctx.label in ("meta", "keywords")
    # "중복 테이블을 추가하는 경우" / "… 추가하는 방법": sub-headings, not names to recall
    # (one of them a label — "주의할 점" beside "Async Replication" — makes them sub-headings too)
    headings = any(_LABEL_NAME.search(n.rstrip(" :：")) for n in names)
    # ("`PartialEq` vs `Eq`", "`PartialOrd` vs `Ord`": comparisons, not names to recall)
    headings = headings or any(VERSUS.search(f" {n} ") for n in names)
    # ("Rule 1", "Rule 2", "Rule 3": numbered labels, each asked with what it says)
    headings = headings or all(ENUMERATOR.match(n.rstrip(" :：")) for n in names)
    if (
        len(items) <= MAX_ALL
        and all(len(n) <= SHORT_NAME for n in names)
        and not named_above
        and not keywords
        and not headings
        and whole
    ):
        cards.append(
            draft(
                ctx,
                CardKind.LIST,
                list_name,
                front(ctx.path, prompt("list_all", ctx.lang, x=list_name, n=len(names))),
                t.ul(t.inline(clip(it.head.text, 80)) for it in items),
                variant="all",
                line=items[0].line,
                end=items[-1].end,
                sibling=sibling,
            )
        )
    leads = [
        (n, ln) for it, n in zip(items, names, strict=True) for ln in description_lines(it)[:1]
    ]
    owned = _owned(list_name, leads)
    if _records(items):
        # "Spam filtering" / "Input: email" / "Output: spam or not", "Speech recognition" /
        # "Input: audio" / "Output: …": the rows of a table set as a list, each an example of
        # the same fields — no item is what its fields say; when the fields are the things the
        # heading compares ("NAT Gateway와 NAT Instance 비교" › "Bandwidth" › "NAT Gateway : 10Gbps
        # 까지 지원"), each field of each item is a cell of the comparison
        return cards + _compared_cells(ctx, items)
    for it, item_name in zip(items, names, strict=True):
        if any(
            c.kind is BlockKind.STEPS and is_procedure([x.head for x in c.items], item_name)
            for c in it.children
        ):
            continue  # "하드웨어 인터럽트 처리 순서" over its six steps: the step cards ask them
        desc = [
            ln
            for ln in description_lines(it)
            if not (ln.kind is LineKind.KEYVAL and label_key(ln.key))
        ]
        desc = [part for ln in desc for part in (split_line(ln) if ln.markdown else [ln])]
        if not desc:
            continue
        titled = list_titles(it.children)
        heads = {title.line for title in titled.values()}
        cut = next((i for i, ln in enumerate(desc) if ln.line in heads), len(desc))
        # a titled list below the item's lead ("은행원 알고리즘" + bullets) is facts of its own
        # (their titles are part of what the item is: "회피" → "…; 은행원 알고리즘")
        head_lines = desc[:cut] + [ln for ln in desc[cut:] if ln.line in heads]
        # the item's own points, not the lines nested under them ("RDB/AOF 설정 off" and under
        # it "마스터에서는 무조건 off": one point, its detail is asked on its own)
        direct = {x.line for b in it.children for x in b.lines} | {
            sub.head.line for b in it.children for sub in b.items
        }
        if any(ln.line not in direct for ln in head_lines) and any(
            ln.line in direct for ln in head_lines
        ):
            head_lines = [
                ln
                for ln in head_lines
                if ln.line in direct
                and not (len(ln.text) <= 20 and label_key(plain_inline(ln.text)))
                # ("for:" over what it is for: a lead-in, its points are the nested lines; so
                # is "One unified format for" over "1. Relocatable object files …")
                and not plain_inline(ln.text).rstrip().endswith((":", "："))
                and not _LEADS_ON.search(plain_inline(ln.text).rstrip())
            ] or head_lines  # ("- 장점" over its own points is no point)
        labelled = _LABEL_NAME.search(item_name.rstrip(" :：")) is not None
        # ("…추가하는 경우" is answered by all its cases, not the first three)
        first = chunk(head_lines, max_lines=MAX_ALL if labelled else ITEM_LINES)[0]
        if first[0].kind in PROSE_KINDS:
            # "예방: 발생 조건 중 하나를 제거하면서 해결한다" and under it "상호배제 부정 : …": the
            # terms have cards of their own; two of four on this back would be half a list
            keyval = next((i for i, ln in enumerate(first) if ln.kind is LineKind.KEYVAL), 0)
            first = first[:keyval] or first
        kinds = not labelled and _names_only(first)
        cards.append(
            draft(
                ctx,
                CardKind.LIST,
                item_name,
                front(
                    ctx.path,
                    prompt("label_q", ctx.lang, x=item_name)
                    if labelled
                    # "연관성 분석" over "Apriori 알고리즘", "FP-Growth": its kinds, not what it is
                    else prompt("list_all", ctx.lang, x=item_name, n=len(first))
                    if kinds
                    else _item_question(ctx, item_name, list_name, owned),
                ),
                lines_html(first),
                variant="item",
                line=it.line,
                end=it.end,
                sibling=sibling,
            )
        )
        lead = desc[0]
        lead_text = plain_inline(lead.text)
        if (
            not labelled  # ("주의할 점" is no answer: a heading over points)
            and lead.kind in PROSE_KINDS
            and len(lead_text) <= MAX_REVERSE
            and norm(item_name) not in norm(lead_text)
            and not names_itself(item_name, lead_text)
            and not _spelled_in_hangul(item_name, lead_text)  # "주키퍼는 …" → Zookeeper
        ):
            cards.append(
                draft(
                    ctx,
                    CardKind.LIST,
                    item_name,
                    front(
                        crumbs_hiding(ctx, item_name),
                        prompt("list_rev", ctx.lang, p=list_name),
                        lines_html([lead]),
                    ),
                    t.para(t.inline(clip(it.head.text, 80))),
                    variant="reverse",
                    line=it.line,
                    end=it.end,
                    sibling=sibling,
                )
            )
        parents = _nested_parents(it)
        for ln in desc:
            # the lead is what the item card and its reverse ask; every further line is a
            # fact of its own (one fact per card), even when the item card shows it too
            if ln.kind in PROSE_KINDS and ln is not lead:
                title = titled.get(ln.line)
                hint = it.head
                if title is not None:  # "회피 › 은행원 알고리즘": the list the line sits in
                    hint = replace(it.head, text=f"{it.head.text} › {title.text}")
                elif ln.line in parents:  # "Sharding › Range": the point the line sits under
                    hint = replace(it.head, text=f"{it.head.text} › {parents[ln.line]}")
                card = cloze_card(ctx, ln, context=hint)
                if card is not None:
                    cards.append(card)
    return cards


# a line that stops where what it leads to begins ("One unified format for", "…에는 다음과 같이")
_LEADS_ON = re.compile(
    r"(?i)\s(?:an|the|of|to|for|with|by|and|such as|including|into|from)$"
    r"|(?:다음과\s?같이|다음과\s?같은|아래와\s?같이)$"
)


def _records(items: list[Item]) -> bool:
    """Three or more items whose own lines are all ``Key: value`` lines with the same keys in
    the same order: records, not things described."""
    if len(items) < 3:
        return False
    shapes = set()
    for it in items:
        lines = description_lines(it)
        if len(lines) < 2 or any(ln.kind is not LineKind.KEYVAL for ln in lines):
            return False
        shapes.add(tuple(plain_inline(ln.key).strip().casefold() for ln in lines))
    return len(shapes) == 1


def _compared_cells(ctx: Ctx, items: list[Item]) -> list[CardDraft]:
    """ "NAT Gateway: Bandwidth?" → "10Gbps 까지 지원": the cells of records whose keys the
    section's heading names (what it compares), or none."""
    title = norm(ctx.path[-1]) if ctx.path else ""
    keys = [plain_inline(ln.key).strip() for ln in description_lines(items[0])]
    if not title or not all(norm(k) and norm(k) in title for k in keys):
        return []
    cards = []
    for it in items:
        aspect = plain_inline(it.head.text).strip().rstrip(" :：")
        for ln in description_lines(it):
            thing = plain_inline(ln.key).strip()
            cards.append(
                draft(
                    ctx,
                    CardKind.TABLE,
                    f"{thing} / {aspect}",
                    front(ctx.path, prompt("cell", ctx.lang, x=thing, y=aspect)),
                    t.para(t.inline(clip(ln.value))),
                    variant="cell",
                    line=ln.line,
                    sibling=f"table:{it.line}",
                )
            )
    return cards


def _spelled_in_hangul(name: str, text: str) -> bool:
    """A Latin word of the name written in Hangul in the text ("토픽은 …" for "Kafka Topic",
    "주키퍼는 …" for "Zookeeper"): the description says the name it should ask for."""
    if not has_hangul(text):
        return False
    said = " ".join(strip_particle(w.strip(".,:;()")) for w in text.split())
    words = [w for w in re.split(r"[\s,/()]+", name) if re.fullmatch(r"[A-Za-z]{4,}", w)]
    # (most of its words: "클래스가 …" says little of "Method Area (Class Area)")
    return bool(words) and 2 * sum(spelled_in(w, said) for w in words) >= len(words)


def _nested_parents(item: Item) -> dict[int, str]:
    """Line → the point it sits under, for lines nested two levels or more below ``item``."""
    out: dict[int, str] = {}

    def walk(blocks: list[Block], parent: str) -> None:
        for b in blocks:
            for sub in b.items:
                if parent:
                    for x in sub.lines:
                        out.setdefault(x.line, parent)
                walk(sub.children, plain_inline(sub.head.text))

    walk(item.children, "")
    return out


# an item named like a label: the cases, ways, reasons … of something
_LABEL_NAME = re.compile(
    r"(?:하는|할|인|한|의)\s?(?:경우|때|방법|방식|이유|목적|조건|특징|장점|단점|종류|과정|단계|절차|원인)$"
    # "Collection 주의 사항", "VIP/DNS 특징", "Replication 설정 과정", "대표적인 실수 사례"
    r"|(?:주의\s?사항|주의할\s?점|특징|설정\s?과정|사례|팁|tips?|예시|예제|고려\s?사항)$"
    r"|[가-힣]\s(?:경우|때)$"  # "CPU 100%를 칠 경우": a condition, what follows is what to do
    r"|^(?:cases|reasons|ways|steps|types|kinds|advantages|disadvantages)\b",
    re.IGNORECASE,
)


def _named_in(item: str, title: str) -> bool:
    """The heading above already names the item ("추상 클래스와 인터페이스 차이" names
    "abstract class 추상 클래스"): half its words or more are in the heading ("Round Robin
    알고리즘" under "알고리즘 종류" is not named by it)."""
    words = [w for w in re.findall(r"[\w+#.-]{2,}", item) if not w.isdigit()]
    t = norm(title)
    return bool(words) and 2 * sum(norm(w) in t for w in words) >= len(words)


_ASKS_FOR_USES = re.compile(
    r"상황|경우|사례|언제|어디|쓰이는|사용되는|활용|\b(?:when|where|use cases?|used|examples?)\b",
    re.IGNORECASE,
)


def _item_question(ctx: Ctx, item: str, list_name: str, owned: bool) -> str:
    """ "X란 무엇인가?"; but "Y: X는?" when the list's lines tell what Y's owner does with its
    items, not what they are ("L4 스위치의 헬스체크" › "TCP": "L4 스위치가 서버와 …")."""
    if re.search(r"[가-힣](?:하자|말자|피하자|쓰자|짓자|라|하지 말 것|할 것)$", item.strip()):
        # "잘못된 정보를 피하자" over its points: a rule, not a term ("…피하자란 무엇인가?")
        return prompt("rule_what", ctx.lang, x=item.strip())
    sides = [x.strip() for x in VERSUS.split(f" {item} ")]
    if len(sides) == 2 and all(sides):
        # "- `PartialEq` vs `Eq`" over what each is: how they differ
        return prompt("versus", ctx.lang, x=sides[0], y=sides[1])
    if list_name.rstrip().endswith(("?", "？")) and _ASKS_FOR_USES.search(list_name):
        # "직렬화가 사용되는 상황은?" › "Servlet Session": a case of it, not a term to define
        return prompt("label_q", ctx.lang, x=item)
    if list_name.rstrip().endswith(("?", "？")) or not list_name:
        return prompt("what_is", ctx.lang, x=item)
    if owned:
        return prompt("item_of", ctx.lang, x=list_name, y=item)
    return prompt("list_item", ctx.lang, x=item, p=list_name)


def _owned(list_name: str, items: list[tuple[str, NoteLine]]) -> bool:
    """Whether a line under an item speaks of the list's owner, not of the item."""
    owner = _OWNER.split(list_name, maxsplit=1)
    if len(owner) < 2 or not norm(owner[0]):
        return False
    for item, lead in items:
        said = norm(plain_inline(lead.text))
        if norm(owner[0]) in said and norm(item) not in said:
            return True
    return False


_OWNER = re.compile(r"의\s|'s\s|\s(?:of|for)\s")  # "L4 스위치의 헬스체크": whose list it is


# a lead-in that says its list has two of a kind: "There are two main strategies:", "두 가지
# 방법이 있다" (two KEY : meaning items under it are named together, as three or more are)
_COUNTED_TWO = re.compile(
    r"(?:두|2)\s*(?:가지|개의?)\s*\S*\s*(?:방법|방식|종류|유형|전략|기법|특징|특성)"
    r"|\b(?:two|2)\s+(?:main\s+|basic\s+|common\s+|different\s+)?(?:strategies|approaches|methods|"
    r"types|kinds|ways|techniques|categories|forms|modes)\b",
    re.IGNORECASE,
)


def _keyval_runs(blocks: list[Block], *names: str) -> list[list[NoteLine]]:
    """Runs of KEY : meaning lines (fence lines in a row, or the items of one list)."""
    runs: list[list[NoteLine]] = []
    prev: Block | None = None
    for b in walk_blocks(blocks):
        before, prev = prev, b
        heads = [it.head for it in b.items]
        if (
            len(heads) == 2
            and all(h.kind is LineKind.KEYVAL and h.value and not h.arrow for h in heads)
            and before is not None
            and before.kind is BlockKind.PROSE
            and before.lines
            and _COUNTED_TWO.search(plain_inline(before.lines[-1].text))
        ):
            runs.append(heads)  # "There are two main strategies:" over "**Chaining** — …"
            continue
        if b.kind in (BlockKind.FENCE, BlockKind.PROSE):
            cur: list[NoteLine] = []
            for ln in b.lines:
                if ln.kind is LineKind.KEYVAL:
                    cur.append(ln)
                    continue
                if ln.kind is LineKind.BLANK and cur:
                    continue
                if len(cur) >= MIN_TERMS:
                    runs.append(cur)
                cur = []
            if len(cur) >= MIN_TERMS:
                runs.append(cur)
        elif keyval_list(b, *names):
            runs.append(keyval_list(b, *names))
    return runs
