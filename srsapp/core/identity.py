"""Which stored card is which newly generated draft: card identity that survives note edits.

Matching runs in this order:

1. the exact key (concept path + kind + anchor + variant) — answer edits keep the card;
   a retired card whose key comes back is matched again (revived);
2. same kind + variant + anchor in another concept — the section moved;
3. same concept + kind + variant and an anchor at least 80 % similar (difflib ratio on
   NFC, whitespace-folded text), best pairs first, one to one — a typo fixed in the anchor;
4. what is left: new drafts are added, old cards are retired.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from srsapp.core.model import CardDraft, nfc

SIMILARITY = 0.8


@dataclass(frozen=True)
class OldCard:
    id: int
    key: str
    kind: str
    concept: tuple[str, ...]
    anchor: str
    variant: str
    retired: bool = False


# The name the service layer uses for a pair.
Match = tuple[OldCard, CardDraft]


@dataclass
class MatchResult:
    matches: list[Match] = field(default_factory=list)
    added: list[CardDraft] = field(default_factory=list)
    retired: list[OldCard] = field(default_factory=list)


def _fold(text: str) -> str:
    return " ".join(nfc(text).split())


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _fold(a), _fold(b), autojunk=False).ratio()


_DIRECT_PAIRS = 10_000  # up to this many (old, new) pairs per group, compare them all


def _trigrams(s: str) -> set[str]:
    return {s[k : k + 3] for k in range(len(s) - 2)} or {s}


def _trigram_index(olds: dict[int, str]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for i, a in olds.items():
        for g in _trigrams(a):
            index[g].append(i)
    return index


def _candidates(
    olds: dict[int, str], b: str, index: dict[str, list[int]] | None
) -> list[int]:
    if index is None:
        return list(olds)
    grams = _trigrams(b)
    shared: dict[int, int] = defaultdict(int)
    for g in grams:
        for i in index.get(g, ()):
            shared[i] += 1
    # 80 % similar strings share well over a third of their trigrams
    return [i for i, n in shared.items() if n * 3 >= min(len(grams), len(_trigrams(olds[i])))]


def match_cards(old: Sequence[OldCard], new: Sequence[CardDraft]) -> MatchResult:
    result = MatchResult()
    old_left: dict[int, OldCard] = dict(enumerate(old))
    new_left: dict[int, CardDraft] = dict(enumerate(new))

    # 1) exact key. Live cards win over retired ones sharing a key.
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, oc in sorted(old_left.items(), key=lambda kv: kv[1].retired):
        by_key[oc.key].append(i)
    for j, nd in list(new_left.items()):
        cands = by_key.get(nd.key)
        if cands:
            i = cands.pop(0)
            result.matches.append((old_left.pop(i), nd))
            del new_left[j]

    # 2) same kind + variant + anchor, another concept (a moved section)
    by_anchor: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, oc in sorted(old_left.items(), key=lambda kv: kv[1].retired):
        by_anchor[(str(oc.kind), oc.variant, _fold(oc.anchor))].append(i)
    for j, nd in list(new_left.items()):
        cands = by_anchor.get((str(nd.kind), nd.variant, _fold(nd.anchor)))
        while cands:
            i = cands.pop(0)
            if i in old_left:
                result.matches.append((old_left.pop(i), nd))
                del new_left[j]
                break

    # 3) same concept + kind + variant, similar anchor (a typo fix); best pairs first
    groups: dict[tuple[tuple[str, ...], str, str], list[int]] = defaultdict(list)
    for i, oc in old_left.items():
        groups[(tuple(oc.concept), str(oc.kind), oc.variant)].append(i)
    pairs: list[tuple[float, int, int]] = []
    new_groups: dict[tuple[tuple[str, ...], str, str], list[int]] = defaultdict(list)
    for j, nd in new_left.items():
        new_groups[(tuple(nd.concept), str(nd.kind), nd.variant)].append(j)
    for gkey, js in new_groups.items():
        olds = {i: _fold(old_left[i].anchor) for i in groups.get(gkey, [])}
        if not olds:
            continue
        # a big rewritten section: compare only anchors sharing many trigrams (a typo fix
        # keeps most of them), not every old anchor with every new one
        index = _trigram_index(olds) if len(olds) * len(js) > _DIRECT_PAIRS else None
        for j in js:
            b = _fold(new_left[j].anchor)
            for i in _candidates(olds, b, index):
                sm = difflib.SequenceMatcher(None, olds[i], b, autojunk=False)
                if sm.real_quick_ratio() < SIMILARITY or sm.quick_ratio() < SIMILARITY:
                    continue
                score = sm.ratio()
                if score >= SIMILARITY:
                    pairs.append((score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    for _score, i, j in pairs:
        if i in old_left and j in new_left:
            result.matches.append((old_left.pop(i), new_left.pop(j)))

    # 4) the rest
    result.added = [new_left[j] for j in sorted(new_left)]
    result.retired = [old_left[i] for i in sorted(old_left)]
    return result


__all__ = ["Match", "MatchResult", "OldCard", "SIMILARITY", "match_cards", "similarity"]
