from __future__ import annotations

from srsapp.core.identity import MatchResult, OldCard, match_cards
from srsapp.core.model import CardDraft
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
        OldCard(i, c.key, str(c.kind), c.concept, c.anchor, c.variant, retired)
        for i, c in enumerate(cards, start=1)
    ]


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
    text = "## A\n- x : one thing\n## A\n- x : another thing\n"
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
    assert all(olds[o.id][:5] == d.anchor[:5] or olds[o.id][-5:] == d.anchor[-5:] for o, d in result.matches)
