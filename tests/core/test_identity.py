from __future__ import annotations

from srsapp.core.identity import MatchResult, OldCard, match_cards
from srsapp.core.model import CardDraft, CardKind
from srsapp.core.notes import generate_deck

NOTES = """## 개념
### 볼륨
- 도커가 관리하는 저장소
```
FROM : 베이스 이미지
EXPOSE : 노출할 포트
# 모든 컨테이너 삭제
docker rm -f x
```
### 네트워크
1. 브리지 생성
2. 컨테이너 연결
"""


def stored(cards: list[CardDraft], retired: bool = False) -> list[OldCard]:
    return [
        OldCard(
            i, c.key, str(c.kind), c.concept, c.anchor, c.variant, retired,
            front=c.front, back=c.back, source_line=c.source_line,
        )
        for i, c in enumerate(cards, start=1)
    ]  # fmt: skip


def sync(old_text: str, new_text: str) -> tuple[list[OldCard], MatchResult]:
    old = stored(generate_deck(old_text, "n.md").cards)
    return old, match_cards(old, generate_deck(new_text, "n.md").cards)


def test_same_text_twice_is_all_exact_matches() -> None:
    old, res = sync(NOTES, NOTES)
    assert len(res.matches) == len(old) and not res.added and not res.retired
    assert all(o.key == n.key for o, n in res.matches)


def test_edited_answer_keeps_the_key() -> None:
    old, res = sync(NOTES, NOTES.replace("베이스 이미지", "기반이 되는 이미지"))
    assert not res.added and not res.retired
    pair = [(o, n) for o, n in res.matches if o.anchor == "FROM" and o.variant == "forward"]
    assert pair and pair[0][0].key == pair[0][1].key and "기반이 되는" in pair[0][1].back


def test_typo_fix_in_anchor_is_matched_by_similarity() -> None:
    typo = NOTES.replace("EXPOSE : 노출할 포트", "EXPOSSE : 노출할 포트")
    old, res = sync(typo, NOTES)
    fixed = [(o, n) for o, n in res.matches if o.anchor == "EXPOSSE"]
    assert fixed and all(n.anchor == "EXPOSE" and o.key != n.key for o, n in fixed)
    assert not res.retired and not res.added


def test_section_moved_under_another_heading_is_matched() -> None:
    moved = NOTES.replace("## 개념\n### 볼륨", "## 개념\n## 저장소\n### 볼륨")
    old, res = sync(NOTES, moved)
    moved_pairs = [(o, n) for o, n in res.matches if o.concept != n.concept]
    assert moved_pairs and all(n.concept[0] == "저장소" for _o, n in moved_pairs)
    assert {o.anchor for o, _n in moved_pairs} >= {"FROM", "docker rm -f x"}
    assert not res.retired


def test_deleted_then_restored_section_is_retired_then_revived() -> None:
    without = NOTES.split("### 네트워크")[0]
    old, res = sync(NOTES, without)
    gone = res.retired
    assert gone and all(o.concept == ("개념", "네트워크") for o in gone)
    # later the text comes back: the retired cards are matched again
    old_again = [
        OldCard(o.id, o.key, o.kind, o.concept, o.anchor, o.variant, retired=o in gone) for o in old
    ]
    back = match_cards(old_again, generate_deck(NOTES, "n.md").cards)
    revived = [o for o, _n in back.matches if o.retired]
    assert sorted(o.id for o in revived) == sorted(o.id for o in gone)
    assert not back.added and not back.retired


def test_matching_is_one_to_one() -> None:
    old, res = sync(NOTES, NOTES)
    assert len({o.id for o, _ in res.matches}) == len(res.matches)
    assert len({id(n) for _, n in res.matches}) == len(res.matches)


def test_duplicate_headings_do_not_crash_and_stay_apart() -> None:
    text = "## A\n- xy : one thing\n## A\n- xy : another thing\n"
    deck = generate_deck(text, "d.md")
    assert {c.concept for c in deck.cards} == {("A",), ("A (2)",)}
    res = match_cards(stored(deck.cards), deck.cards)
    assert len(res.matches) == len(deck.cards)


def test_a_big_rewritten_section_still_finds_its_typo_fixes() -> None:
    """Past 10,000 old × new pairs in one concept, only anchors sharing many trigrams are
    compared; typo fixes are still found, unrelated anchors are not matched."""
    import random
    import string

    from srsapp.core.identity import OldCard, match_cards
    from srsapp.core.model import CardDraft, CardKind

    rng = random.Random(5)

    def anchor() -> str:
        return "".join(rng.choice(string.ascii_lowercase + "  ") for _ in range(30))

    olds = [anchor() for _ in range(300)]
    old = [OldCard(i, f"k{i}", "term", ("S",), a, "") for i, a in enumerate(olds)]
    new = []
    for k in range(300):
        if k % 2 == 0:  # one character changed
            a = olds[k]
            p = rng.randrange(len(a))
            a = a[:p] + ("x" if a[p] != "x" else "y") + a[p + 1 :]
        else:
            a = anchor()
        new.append(CardDraft(CardKind.TERM, ("S",), a, "<p>q</p>", "<p>a</p>"))
    result = match_cards(old, new)
    assert sorted(o.id for o, _ in result.matches) == list(range(0, 300, 2))
    assert all(
        olds[o.id][:5] == d.anchor[:5] or olds[o.id][-5:] == d.anchor[-5:]
        for o, d in result.matches
    )


# ---------------------------------------------------------------- renames


def outline(text: str) -> tuple[list[CardDraft], list[tuple[str, ...]]]:
    """Cards shaped like the generator's, from a tiny outline, so that these tests do not
    follow the generator's changes: '#' headings; a plain line defines its heading; '- KEY :
    meaning' is a term (a forward and a reverse card); '1. step' a step of a sequence."""
    path: list[str] = []
    cards: list[CardDraft] = []
    concepts: list[tuple[str, ...]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            path = [*path[: level - 1], line.lstrip("#").strip()]
            concepts.append(tuple(path))
            continue
        concept = tuple(path)
        ctx = f'<div class="context">{" › ".join(concept)}</div>'
        if line.startswith("- ") and " : " in line:
            key, meaning = line[2:].split(" : ", 1)
            cards.append(
                CardDraft(
                    CardKind.TERM,
                    concept,
                    key,
                    f"{ctx}<p>What does {key} mean?</p>",
                    f"<p>{meaning}</p>",
                    "forward",
                    n,
                    n,
                    f"term:{n}",
                )
            )
            cards.append(
                CardDraft(
                    CardKind.TERM,
                    concept,
                    key,
                    f"{ctx}<p>Which term means: {meaning}?</p>",
                    f"<p>{key}</p>",
                    "reverse",
                    n,
                    n,
                    f"term:{n}",
                )
            )
        elif line[:1].isdigit():
            step = line.split(". ", 1)[1]
            cards.append(
                CardDraft(
                    CardKind.SEQUENCE,
                    concept,
                    step,
                    f"{ctx}<p>What comes next?</p>",
                    f"<p>{step}</p>",
                    "next",
                    n,
                    n,
                )
            )
        else:
            cards.append(
                CardDraft(
                    CardKind.DEFINITION,
                    concept,
                    concept[-1],
                    f"{ctx}<p>What is {concept[-1]}?</p>",
                    f"<p>{line}</p>",
                    "",
                    n,
                    n,
                )
            )
    return cards, concepts  # fmt: skip


def resync(old_text: str, new_text: str) -> tuple[list[OldCard], list[CardDraft], MatchResult]:
    """Like the service: the old cards carry their text and line, both sides their headings."""
    (before, old_concepts), (after, new_concepts) = outline(old_text), outline(new_text)
    old = stored(before)
    res = match_cards(old, after, old_concepts=old_concepts, new_concepts=new_concepts)
    return old, after, res


DOCKER = """# 도커
## 개념
### 이미지
컨테이너를 만들기 위한 읽기 전용 템플릿.
#### 리포지토리 (레지스트리)
이미지를 저장하고 배포하는 서버.
- Docker Hub : 공개 레지스트리
### 볼륨
도커가 관리하는 저장소, 컨테이너가 지워져도 남는다.
- 익명 볼륨 : 이름 없이 만들어진 볼륨
"""

GIT = """# Git
## staging area
The staging area holds the changes that go into the next commit.
- git add : stage a file for the next commit
## branches
A branch is a movable pointer to a commit.
1. create the branch
2. switch to it
3. commit on it
"""


def test_heading_typo_fix_keeps_the_headings_cards() -> None:
    old, new, res = resync(DOCKER, DOCKER.replace("#### 리포지토리 (", "#### 리포지터리 ("))
    assert not res.added and not res.retired and len(res.matches) == len(old) == len(new)
    was = ("도커", "개념", "이미지", "리포지토리 (레지스트리)")
    now = ("도커", "개념", "이미지", "리포지터리 (레지스트리)")
    assert res.renamed == [(was, now)]
    moved = {(o.kind, o.anchor, o.variant): n for o, n in res.matches if o.concept == was}
    assert {n.concept for n in moved.values()} == {now}
    # the heading's own card (its anchor is the heading) follows it
    assert moved[("definition", "리포지토리 (레지스트리)", "")].anchor == "리포지터리 (레지스트리)"
    assert moved[("term", "Docker Hub", "forward")].anchor == "Docker Hub"


def test_the_real_generator_agrees_on_a_heading_typo_fix() -> None:
    text = "## 개념\n### 이미지\n#### 리포지토리 (레지스트리)\n이미지를 저장하고 배포하는 서버.\n"
    before, after = (
        generate_deck(text, "n.md"),
        generate_deck(text.replace("토리 (", "터리 ("), "n.md"),
    )
    res = match_cards(
        stored(before.cards), after.cards,
        old_concepts=[c.path for c in before.concepts],
        new_concepts=[c.path for c in after.concepts],
    )  # fmt: skip
    assert not res.retired and len(res.renamed) == 1
    assert any(
        o.kind == "definition" and n.anchor == "리포지터리 (레지스트리)" for o, n in res.matches
    )


def test_heading_extended_or_shortened_keeps_the_headings_cards() -> None:
    longer = GIT.replace("## staging area", "## staging area (index)")
    for before, after in ((GIT, longer), (longer, GIT)):
        old, new, res = resync(before, after)
        assert not res.added and not res.retired and len(res.matches) == len(old)
        [(was, now)] = res.renamed
        assert {was[-1], now[-1]} == {"staging area", "staging area (index)"}
        definition = [(o, n) for o, n in res.matches if o.kind == "definition" and o.concept == was]
        assert [n.concept for _o, n in definition] == [now]


def test_renamed_parent_heading_carries_its_children() -> None:
    old, new, res = resync(DOCKER, DOCKER.replace("## 개념", "## 핵심 개념들"))
    assert not res.added and not res.retired and len(res.matches) == len(old)
    assert res.renamed == [(("도커", "개념"), ("도커", "핵심 개념들"))]
    for o, n in res.matches:
        assert n.concept == ("도커", "핵심 개념들", *o.concept[2:]) and n.anchor == o.anchor


def test_parent_and_child_renamed_together() -> None:
    edited = DOCKER.replace("## 개념", "## 핵심 개념들").replace("### 볼륨", "### 볼륨 (volume)")
    old, new, res = resync(DOCKER, edited)
    assert not res.added and not res.retired and len(res.matches) == len(old)
    assert res.renamed == [
        (("도커", "개념"), ("도커", "핵심 개념들")),
        (("도커", "개념", "볼륨"), ("도커", "핵심 개념들", "볼륨 (volume)")),
    ]


def test_completely_reworded_heading_with_the_same_body_is_a_rename() -> None:
    old, new, res = resync(GIT, GIT.replace("## branches", "## Lines of development"))
    assert not res.added and not res.retired and len(res.matches) == len(old)
    assert res.renamed == [(("Git", "branches"), ("Git", "Lines of development"))]


def test_renamed_term_with_the_same_meaning_keeps_both_cards() -> None:
    old, new, res = resync(DOCKER, DOCKER.replace("- 익명 볼륨 :", "- anonymous volume :"))
    assert not res.added and not res.retired and not res.renamed
    renamed = sorted(
        (o.variant, n.variant, n.anchor) for o, n in res.matches if o.anchor == "익명 볼륨"
    )
    assert renamed == [
        ("forward", "forward", "anonymous volume"),
        ("reverse", "reverse", "anonymous volume"),
    ]


def test_the_real_generator_agrees_on_a_renamed_term() -> None:
    old, res = sync(NOTES, NOTES.replace("FROM : 베이스 이미지", "BASE : 베이스 이미지"))
    assert not res.added and not res.retired
    assert {n.anchor for o, n in res.matches if o.anchor == "FROM"} == {"BASE"}


def test_renamed_term_with_another_meaning_is_a_new_card() -> None:
    edited = DOCKER.replace(
        "- 익명 볼륨 : 이름 없이 만들어진 볼륨", "- 바인드 마운트 : 호스트 디렉터리 연결"
    )
    old, new, res = resync(DOCKER, edited.replace("### 볼륨", "### 볼륨 (volume)"))
    # the heading rename is found, the unrelated term is not taken for a rename
    assert res.renamed == [(("도커", "개념", "볼륨"), ("도커", "개념", "볼륨 (volume)"))]
    assert sorted(o.anchor for o in res.retired) == ["익명 볼륨", "익명 볼륨"]
    assert sorted(n.anchor for n in res.added) == ["바인드 마운트", "바인드 마운트"]


def test_a_section_replaced_by_a_different_one_is_not_a_rename() -> None:
    replaced = GIT.replace(
        GIT[GIT.index("## branches") :],
        "## tags\nA tag names one commit for good, usually a release.\n"
        "- git tag v1 : tag the current commit\n",
    )
    # in the same edit another heading is renamed, and that one is found
    old, new, res = resync(GIT, replaced.replace("## staging area", "## staging area (index)"))
    assert res.renamed == [(("Git", "staging area"), ("Git", "staging area (index)"))]
    assert {o.concept for o in res.retired} == {("Git", "branches")}
    assert {n.concept for n in res.added} == {("Git", "tags")}
    assert all(o.concept != ("Git", "branches") for o, _n in res.matches)


def test_like_titles_with_unlike_bodies_are_not_a_rename() -> None:
    before = "# N\n## Option A\nOption A keeps every file in one big table on disk.\n"
    after = "# N\n## Option B\nOption B sends each request to a remote service over HTTP.\n"
    _old, _new, res = resync(
        before + GIT.replace("# Git\n", ""),
        after + GIT.replace("# Git\n", "").replace("## branches", "## branch"),
    )
    assert res.renamed == [(("N", "branches"), ("N", "branch"))]
    assert {o.concept for o in res.retired} == {("N", "Option A")}
    assert {n.concept for n in res.added} == {("N", "Option B")}


def test_swapped_renamed_siblings_keep_their_own_cards() -> None:
    """The two sections say nearly the same thing (a few words differ): each keeps the
    cards of the one whose answers are the same, not of the one at its old place."""
    before = """# Letters
## Alpha
Alpha is the first letter of the Greek alphabet, written A.
- capital : A is the capital form of alpha
## Beta
Beta is the second letter of the Greek alphabet, written B.
- capital : B is the capital form of beta
"""
    after = """# Letters
## Second letter
Beta is the second letter of the Greek alphabet, written B.
- capital : B is the capital form of beta
## First letter
Alpha is the first letter of the Greek alphabet, written A.
- capital : A is the capital form of alpha
"""
    old, new, res = resync(before, after)
    assert not res.added and not res.retired and len(res.matches) == len(old)
    assert sorted(res.renamed) == [
        (("Letters", "Alpha"), ("Letters", "First letter")),
        (("Letters", "Beta"), ("Letters", "Second letter")),
    ]
    for o, n in res.matches:
        assert n.back == o.back  # every card went to the section saying the same thing


def test_rename_matching_is_deterministic_and_one_to_one() -> None:
    text = GIT.replace("## staging area", "## staging area (index)").replace(
        "## branches", "## branch"
    )
    runs = [resync(GIT, text)[2] for _ in range(3)]
    keys = [[(o.id, n.key) for o, n in r.matches] for r in runs]
    assert len(runs[0].renamed) == 2 and keys[0] == keys[1] == keys[2]
    assert len({o.id for o, _ in runs[0].matches}) == len(runs[0].matches)
    assert len({n.key for _, n in runs[0].matches}) == len(runs[0].matches)


def test_many_renamed_sibling_headings_stay_fast_and_paired_by_body() -> None:
    """2,000 sibling sections all renamed at once (every title extended, so every title
    is like many others): pairs are found by body and place, not by comparing them all."""
    import time

    sections = [
        f"## topic {k}\nTopic {k} is about item {k * 7919 % 10007} and nothing else.\n"
        f"- key {k} : value {k * 31 % 997} for topic {k}\n"
        for k in range(2000)
    ]
    before = "# Big\n" + "".join(sections)
    after = "# Big\n" + "".join(
        s.replace(f"## topic {k}\n", f"## topic {k} (x)\n") for k, s in enumerate(sections)
    )
    t0 = time.perf_counter()
    old, new, res = resync(before, after)
    elapsed = time.perf_counter() - t0
    assert not res.added and not res.retired and len(res.renamed) == 2000
    assert all(n.concept[-1] == o.concept[-1] + " (x)" for o, n in res.matches)
    assert elapsed < 10  # about 0.3 s; all pairs compared would take minutes
