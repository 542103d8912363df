"""Which stored card is which newly generated draft: card identity that survives note edits.

Matching runs in this order:

1. the exact key (concept path + kind + anchor + variant) — answer edits keep the card;
   a retired card whose key comes back is matched again (revived);
2. renamed concepts: a heading that disappeared and a new one under the same (or the
   renamed) parent whose cards mostly say the same — same kind + variant + anchor (a card
   whose anchor is the heading itself counts as the same anchor) and a similar answer —
   is the old heading renamed (a typo fixed, "X" → "X (Y)", or reworded). Deciding is top
   down, one heading level at a time, so a renamed parent carries its children along.
   The cards of a renamed concept are then matched as if the old path were the new one;
3. same kind + variant + anchor in another concept — the section moved;
4. same concept + kind + variant and an anchor at least 80 % similar (difflib ratio on
   NFC, whitespace-folded text), best pairs first, one to one — a typo fixed in the anchor;
5. same concept + kind + anchor, another variant, when it is the only such card left on
   both sides (a cloze that now blanks another word of its sentence);
6. same concept + kind + variant, a different anchor but the same answer and question
   (the anchor itself left out of both), at about the same place among the concept's
   leftover cards — a renamed term, command, question...; the other cards made from the
   same source element (the reverse of a term) follow;
7. what is left: new drafts are added, old cards are retired.

Steps 2, 5 and 6 pair only live old cards; steps 2 and 6 need the old cards' text and source
line (``OldCard.front``, ``back``, ``source_line``) and without them match nothing.
Every step pairs one to one, best pairs first, ties broken by position: deterministic.
"""

from __future__ import annotations

import difflib
import heapq
import html
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from srsapp.core.model import CardDraft, nfc

SIMILARITY = 0.8

Path = tuple[str, ...]


@dataclass(frozen=True)
class OldCard:
    id: int
    key: str
    kind: str
    concept: tuple[str, ...]
    anchor: str
    variant: str
    retired: bool = False
    # Optional: what the card says and where it came from, for renames (steps 2 and 5).
    front: str = ""
    back: str = ""
    source_line: int = 0


# The name the service layer uses for a pair.
Match = tuple[OldCard, CardDraft]


@dataclass
class MatchResult:
    matches: list[Match] = field(default_factory=list)
    added: list[CardDraft] = field(default_factory=list)
    retired: list[OldCard] = field(default_factory=list)
    # Concepts found renamed (old path, new path), top level first; children that only
    # followed their renamed parent are not listed.
    renamed: list[tuple[Path, Path]] = field(default_factory=list)


def _fold(text: str) -> str:
    return " ".join(nfc(text).split())


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _fold(a), _fold(b), autojunk=False).ratio()


def _ratio_at_least(a: str, b: str, floor: float) -> float:
    """difflib ratio of two folded strings, or 0.0 as soon as it cannot reach ``floor``."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if 2 * min(la, lb) < floor * (la + lb):  # what real_quick_ratio says, before building
        return 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < floor or sm.quick_ratio() < floor:
        return 0.0
    r = sm.ratio()
    return r if r >= floor else 0.0


_DIRECT_PAIRS = 10_000  # up to this many (old, new) pairs per group, compare them all


def _trigrams(s: str) -> set[str]:
    return {s[k : k + 3] for k in range(len(s) - 2)} or {s}


def _trigram_index(olds: dict[int, str]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for i, a in olds.items():
        for g in _trigrams(a):
            index[g].append(i)
    return index


def _candidates(olds: dict[int, str], b: str, index: dict[str, list[int]] | None) -> list[int]:
    if index is None:
        return list(olds)
    grams = _trigrams(b)
    shared: dict[int, int] = defaultdict(int)
    for g in grams:
        for i in index.get(g, ()):
            shared[i] += 1
    # 80 % similar strings share well over a third of their trigrams
    return [i for i, n in shared.items() if n * 3 >= min(len(grams), len(_trigrams(olds[i])))]


# ---------------------------------------------------------------- card text

_TAG = re.compile(r"<[^>]*>")
_NOT_TEXT = re.compile(r"[\s\x01\x02]+")
_ANCHOR = "\x01"  # stands for the card's anchor in its text
_TITLE = "\x02"  # stands for a heading of the card's concept path
_SELF = "\x00self"  # the anchor of a card whose anchor is its heading


def _content(text: str, anchor: str, concept: Path) -> str:
    """A card's question as plain folded text, with its anchor and the headings of its
    concept path left out: what stays the same when only a name changes."""
    out = _answer(text, anchor, concept)
    for title in sorted({_fold(t) for t in concept}, key=len, reverse=True):
        if len(title) > 1:
            out = out.replace(title, _TITLE)
    return out


def _answer(text: str, anchor: str, concept: Path) -> str:
    """A card's answer as plain folded text, with its anchor left out (the answer of a
    reverse card is its anchor) unless the anchor is the heading (a definition's answer
    says the heading in its own words, the old name or the new)."""
    if not text:
        return ""
    out = _fold(html.unescape(_TAG.sub(" ", text)))
    a = _fold(anchor)
    if out == a:
        return _ANCHOR  # the answer is the anchor (the heading, for a reverse definition)
    if len(a) > 1 and not _is_self(anchor, concept):
        out = out.replace(a, _ANCHOR)
    return out


def _informative(content: str) -> int:
    """How much a card's text says besides its anchor and headings (in characters)."""
    return len(_NOT_TEXT.sub("", content))


def _is_self(anchor: str, concept: Path) -> bool:
    return bool(concept) and _fold(anchor) == _fold(concept[-1])


_PAREN = re.compile(r"\s*[(\[（][^)\]）]*[)\]）]")


def _title_forms(title: str) -> tuple[str, str]:
    """A heading as compared for renames: folded, and without its parentheses."""
    f = _fold(title).casefold()
    return f, _fold(_PAREN.sub(" ", f))


def _forms_alike(x: tuple[str, str], y: tuple[str, str]) -> bool:
    """A typo fix, an extension "X" → "X (Y)" or the reverse: strong evidence of a rename."""
    (fa, sa), (fb, sb) = x, y
    if fa == fb or (sa and sa == sb):
        return True
    return bool(
        _ratio_at_least(fa, fb, SIMILARITY) or (sa and sb and _ratio_at_least(sa, sb, SIMILARITY))
    )


def _titles_alike(a: str, b: str) -> bool:
    return _forms_alike(_title_forms(a), _title_forms(b))


# ---------------------------------------------------------------- renamed concepts

# A card as the rename step sees it: its path below the subtree's root, its answer, and
# how informative that answer is; filed under (kind, variant, anchor or _SELF).
_Entry = tuple[Path, str, int]
_Sig = tuple[str, str, str]


@dataclass
class _Node:
    path: Path
    pos: tuple[int, int]  # first source line of its cards, then first card index
    sigs: dict[_Sig, list[_Entry]] = field(default_factory=dict)
    size: int = 0
    informative: int = 0
    counts: dict[_Sig, int] = field(default_factory=dict)  # informative cards per sig
    title: tuple[str, str] = ("", "")

    def add(self, sig: _Sig, entry: _Entry) -> None:
        self.sigs.setdefault(sig, []).append(entry)
        self.size += 1
        if entry[2]:
            self.informative += 1
            self.counts[sig] = self.counts.get(sig, 0) + 1


_WINDOW = 3  # leftover cards compared around the same relative place
_DIRECT_CONCEPT_PAIRS = 400  # up to this many vanished × appeared siblings, compare all
_MIN_TEXT = 12  # characters of agreeing answers a rename with an unlike title needs


def _need(alike: bool) -> float:
    # with a like title half the cards must agree; with an unlike one most of them, and
    # the heading's own card (its definition) too
    return 0.5 if alike else 0.6


def _bound(o: _Node, n: _Node) -> float:
    """An upper bound of ``_agreement``, from how many informative cards share a
    kind + variant + anchor (no text compared)."""
    denom = max(o.informative, n.informative)
    if denom == 0:
        shared = sum(min(len(v), len(n.sigs.get(k, ()))) for k, v in o.sigs.items())
        return shared / max(o.size, n.size)
    small, big = (o.counts, n.counts) if len(o.counts) <= len(n.counts) else (n.counts, o.counts)
    return sum(min(c, big.get(k, 0)) for k, c in small.items()) / denom


def _pair_entries(v: list[_Entry], w: list[_Entry]) -> list[tuple[_Entry, _Entry]]:
    """One to one: the same path below the root first, then in order."""
    if len(v) == 1 and len(w) == 1:
        return [(v[0], w[0])]
    out = []
    free = list(range(len(w)))
    rest = []
    for e in v:
        k = next((x for x in free if w[x][0] == e[0]), None)
        if k is None:
            rest.append(e)
        else:
            free.remove(k)
            out.append((e, w[k]))
    out.extend(zip(rest, (w[x] for x in free), strict=False))
    return out


def _agreement(o: _Node, n: _Node, alike: bool) -> float:
    """How much of the two subtrees' cards say the same thing (0..1, weighted by how
    similar the answers are); 0 when not enough for a rename."""
    need = _need(alike)
    floor = 0.6 if alike else 0.8
    denom = max(o.informative, n.informative)
    if denom == 0:
        # nothing but anchors (steps, commands): the anchors themselves, with a like title
        score = _bound(o, n)
        return score if alike and score >= need else 0.0
    left = sum(min(c, n.counts.get(k, 0)) for k, c in o.counts.items())
    agree = text = 0
    weight = 0.0  # the agreeing answers' similarity: the better of two candidates wins
    own = own_agrees = False
    for k, v in o.sigs.items():
        w = n.sigs.get(k)
        if not w or not o.counts.get(k) or not n.counts.get(k):
            continue
        for (op, ob, oi), (np_, nb, ni) in _pair_entries(
            [e for e in v if e[2]], [e for e in w if e[2]]
        ):
            left -= 1
            is_own = k[2] == _SELF and not op and not np_
            own = own or is_own
            r = _ratio_at_least(ob, nb, floor)
            if r:
                agree += 1
                weight += r
                text += min(oi, ni)
                own_agrees = own_agrees or is_own
            elif agree + left < need * denom:
                return 0.0
    if agree < need * denom or (not alike and (text < _MIN_TEXT or (own and not own_agrees))):
        return 0.0
    return weight / denom


def _find_renames(
    old: Iterable[OldCard],
    new: Iterable[CardDraft],
    old_paths: set[Path],
    new_paths: set[Path],
) -> tuple[dict[Path, Path], list[tuple[Path, Path]]]:
    """Old concept path → new path for renamed concepts (and the children they carry),
    and the renames decided on their own evidence."""
    vanished = old_paths - new_paths
    appeared = new_paths - old_paths
    if not vanished or not appeared:
        return {}, []
    # a heading whose title is found on the other side moved: that is step 3's business
    moved_titles = {_fold(p[-1]) for p in vanished} & {_fold(p[-1]) for p in appeared}
    # only headings with a counterpart under the same parent (or a renamed one) matter
    new_parents = {p[:-1] for p in appeared}
    renamed_parents = {len(p) for p in appeared if p[:-1] in appeared}
    old_parents = {p[:-1] for p in vanished}
    wanted: set[Path] = set()
    for p in sorted(vanished, key=len):
        if p[:-1] in new_parents or (p[:-1] in wanted and len(p) in renamed_parents):
            wanted.add(p)
    vanished_depths = {len(p) for p in vanished if p[:-1] in vanished}
    appeared = {
        p
        for p in appeared
        if p[:-1] in old_parents or (p[:-1] in appeared and len(p) in vanished_depths)
    }
    onodes = _nodes(
        ((i, oc.concept, str(oc.kind), oc.variant, oc.anchor, oc.back, oc.source_line)
         for i, oc in enumerate(old)),
        wanted,
    )  # fmt: skip
    nnodes = _nodes(
        ((j, nd.concept, str(nd.kind), nd.variant, nd.anchor, nd.back, nd.source_line)
         for j, nd in enumerate(new)),
        appeared,
    )  # fmt: skip
    if not onodes or not nnodes:
        return {}, []

    mapping: dict[Path, Path] = {}
    decided: list[tuple[Path, Path]] = []
    claimed: set[Path] = set()

    def mapped(path: Path) -> Path:
        for d in range(len(path), 0, -1):
            to = mapping.get(path[:d])
            if to is not None:
                return to + path[d:]
        return path

    depth = max(len(p) for p in onodes)
    for d in range(1, depth + 1):
        groups: dict[Path, tuple[list[_Node], list[_Node]]] = defaultdict(lambda: ([], []))
        for path in sorted(p for p in vanished if len(p) == d):
            to = mapped(path)
            if to != path and to in new_paths and to not in claimed and to not in old_paths:
                mapping[path] = to  # a child carried along by its renamed parent
                claimed.add(to)
                continue
            if path in onodes and _fold(path[-1]) not in moved_titles:
                groups[mapped(path[:-1])][0].append(onodes[path])
        for path in sorted(p for p in appeared if len(p) == d):
            if (
                path in nnodes
                and path not in claimed
                and path[:-1] in groups
                and _fold(path[-1]) not in moved_titles
            ):
                groups[path[:-1]][1].append(nnodes[path])
        for _parent, (vs, as_) in sorted(groups.items()):
            if vs and as_:
                for a, b in _best_pairs(vs, as_):
                    mapping[a.path] = b.path
                    claimed.add(b.path)
                    decided.append((a.path, b.path))
    return mapping, decided


def _nodes(
    items: Iterable[tuple[int, Path, str, str, str, str, int]], wanted: set[Path]
) -> dict[Path, _Node]:
    """The cards under each wanted concept path (a card counts for each such ancestor)."""
    nodes: dict[Path, _Node] = {}
    titles: dict[str, str] = {}
    for idx, concept, kind, variant, anchor, back, line in items:
        fa = _fold(anchor)
        own = titles.get(concept[-1]) if concept else None
        if own is None and concept:
            own = titles[concept[-1]] = _fold(concept[-1])
        sig = (kind, variant, _SELF if fa == own else fa)
        pos = (line or 1 << 30, idx)
        entry: _Entry | None = None
        for d in range(1, len(concept) + 1):
            p = concept[:d]
            if p not in wanted:
                continue
            node = nodes.get(p)
            if node is None:
                node = nodes[p] = _Node(p, pos, title=_title_forms(p[-1]))
            elif pos < node.pos:
                node.pos = pos
            if entry is None:
                content = _answer(back, anchor, concept)
                entry = (concept[d:], content, _informative(content))
            node.add(sig, (concept[d:], entry[1], entry[2]))
    return nodes


def _best_pairs(vs: list[_Node], as_: list[_Node]) -> list[tuple[_Node, _Node]]:
    """Renames among the vanished and appeared children of one parent: best agreement
    first, one to one. Candidates wait in a queue by an upper bound of their agreement;
    a pair's titles, then its answers, are compared only when it reaches the top, so most
    candidate pairs are never compared."""
    vs.sort(key=lambda nd: (nd.pos, nd.path))
    as_.sort(key=lambda nd: (nd.pos, nd.path))
    # (-bound or -score, title unlike, distance, a, b, stage: 0 bound, 1 titles, 2 score)
    heap = [(-bound, False, dist, a, b, 0) for a, b, dist, bound in _concept_candidates(vs, as_)]
    heapq.heapify(heap)
    out = []
    used_o: set[int] = set()
    used_n: set[int] = set()
    while heap:
        value, unlike, dist, a, b, stage = heapq.heappop(heap)
        if a in used_o or b in used_n:
            continue
        if stage == 0:
            alike = _forms_alike(vs[a].title, as_[b].title)
            if (alike or dist <= 1) and -value >= _need(alike):
                heapq.heappush(heap, (value, not alike, dist, a, b, 1))
        elif stage == 1:
            score = _agreement(vs[a], as_[b], not unlike)
            if score:
                heapq.heappush(heap, (-score, unlike, dist, a, b, 2))
        else:
            used_o.add(a)
            used_n.add(b)
            out.append((vs[a], as_[b]))
    return out


def _concept_candidates(vs: list[_Node], as_: list[_Node]) -> list[tuple[int, int, int, float]]:
    """(vanished index, appeared index, how far apart they are among the siblings, bound
    of their agreement) for the pairs that could agree enough for a rename. A few
    siblings are all compared; many only around the same place."""

    def center(a: int) -> int:
        return round(a * (len(as_) - 1) / max(len(vs) - 1, 1)) if len(vs) > 1 else 0

    floor = min(_need(True), _need(False))
    out = []
    if len(vs) * len(as_) > _DIRECT_CONCEPT_PAIRS:
        for a, o in enumerate(vs):
            c = center(a)
            for b in range(max(0, c - _WINDOW), min(len(as_), c + _WINDOW + 1)):
                bound = _bound(o, as_[b])
                if bound >= floor:
                    out.append((a, b, abs(b - c), bound))
        return out
    # count shared informative cards through an index of the appeared ones
    index: dict[_Sig, list[tuple[int, int]]] = defaultdict(list)
    for b, n in enumerate(as_):
        for k, cnt in n.counts.items():
            index[k].append((b, cnt))
    for a, o in enumerate(vs):
        shared: dict[int, int] = defaultdict(int)
        for k, cnt in o.counts.items():
            for b, cn in index.get(k, ()):
                shared[b] += min(cnt, cn)
        if not o.informative:  # nothing but anchors: compared with their like only
            shared.update({b: 0 for b, n in enumerate(as_) if not n.informative})
        c = center(a)
        for b in sorted(shared):
            n = as_[b]
            bound = shared[b] / max(o.informative, n.informative) if shared[b] else _bound(o, n)
            if bound >= floor:
                out.append((a, b, abs(b - c), bound))
    return out


# ---------------------------------------------------------------- matching


def _prefixes(paths: Iterable[Path]) -> set[Path]:
    out: set[Path] = set()
    for p in set(paths):
        for d in range(1, len(p) + 1):
            out.add(tuple(p[:d]))
    return out


def match_cards(
    old: Sequence[OldCard],
    new: Sequence[CardDraft],
    *,
    old_concepts: Collection[Path] = (),
    new_concepts: Collection[Path] = (),
) -> MatchResult:
    """Pair stored cards with drafts. ``old_concepts`` / ``new_concepts`` name the headings
    that exist before / after the edit even without cards of their own (a heading that is
    still there was not renamed); by default they come from the cards' concept paths."""
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

    # 2) renamed concepts: decided on the live leftovers, then their cards matched as if
    # the old path were the new one (the heading's own card by the new heading)
    vconcept: dict[int, Path] = {i: tuple(oc.concept) for i, oc in old_left.items()}
    if old_left and new_left:
        old_paths = _prefixes(tuple(oc.concept) for oc in old) | _prefixes(old_concepts)
        new_paths = _prefixes(tuple(nd.concept) for nd in new) | _prefixes(new_concepts)
        live = {i: oc for i, oc in old_left.items() if not oc.retired}
        mapping, result.renamed = _find_renames(
            (live[i] for i in sorted(live)), (new_left[j] for j in sorted(new_left)),
            old_paths, new_paths,
        )  # fmt: skip
        if mapping:
            _match_renamed(old_left, new_left, mapping, vconcept, result)

    # 3) same kind + variant + anchor, another concept (a moved section)
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

    # 4) same concept + kind + variant, similar anchor (a typo fix); best pairs first
    groups: dict[tuple[Path, str, str], list[int]] = defaultdict(list)
    for i, oc in old_left.items():
        groups[(vconcept[i], str(oc.kind), oc.variant)].append(i)
    pairs: list[tuple[float, int, int]] = []
    new_groups: dict[tuple[Path, str, str], list[int]] = defaultdict(list)
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
                score = _ratio_at_least(olds[i], b, SIMILARITY)
                if score:
                    pairs.append((score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    for _score, i, j in pairs:
        if i in old_left and j in new_left:
            result.matches.append((old_left.pop(i), new_left.pop(j)))

    # 5) same concept + kind + anchor, the variant alone changed (a cloze blanking another
    # word of the same sentence), when it is the only such card on both sides
    if old_left and new_left:
        _match_new_variant(old_left, new_left, vconcept, result)

    # 6) same concept + kind + variant, renamed anchor, same text
    if old_left and new_left:
        _match_renamed_anchors(old_left, new_left, vconcept, result)

    # 7) the rest
    result.added = [new_left[j] for j in sorted(new_left)]
    result.retired = [old_left[i] for i in sorted(old_left)]
    return result


def _match_renamed(
    old_left: dict[int, OldCard],
    new_left: dict[int, CardDraft],
    mapping: dict[Path, Path],
    vconcept: dict[int, Path],
    result: MatchResult,
) -> None:
    def mapped(path: Path) -> Path:
        for d in range(len(path), 0, -1):
            to = mapping.get(path[:d])
            if to is not None:
                return to + path[d:]
        return path

    by_vkey: dict[tuple[Path, str, str, str], list[int]] = defaultdict(list)
    for i, oc in sorted(old_left.items(), key=lambda kv: kv[1].retired):
        path = tuple(oc.concept)
        to = mapped(path)
        if to == path:
            continue
        vconcept[i] = to
        anchor = to[-1] if _is_self(oc.anchor, path) else oc.anchor
        by_vkey[(to, str(oc.kind), nfc(anchor).strip(), oc.variant)].append(i)
    if not by_vkey:
        return
    for j, nd in list(new_left.items()):
        cands = by_vkey.get((tuple(nd.concept), str(nd.kind), nfc(nd.anchor).strip(), nd.variant))
        if cands:
            i = cands.pop(0)
            result.matches.append((old_left.pop(i), nd))
            del new_left[j]


def _match_new_variant(
    old_left: dict[int, OldCard],
    new_left: dict[int, CardDraft],
    vconcept: dict[int, Path],
    result: MatchResult,
) -> None:
    olds: dict[tuple[Path, str, str], list[int]] = defaultdict(list)
    for i, oc in old_left.items():
        olds[(vconcept[i], str(oc.kind), _fold(oc.anchor))].append(i)
    news: dict[tuple[Path, str, str], list[int]] = defaultdict(list)
    for j, nd in new_left.items():
        news[(tuple(nd.concept), str(nd.kind), _fold(nd.anchor))].append(j)
    for k in sorted(news):
        is_, js = olds.get(k, []), news[k]
        if len(is_) == 1 and len(js) == 1 and not old_left[is_[0]].retired:
            result.matches.append((old_left.pop(is_[0]), new_left.pop(js[0])))


def _match_renamed_anchors(
    old_left: dict[int, OldCard],
    new_left: dict[int, CardDraft],
    vconcept: dict[int, Path],
    result: MatchResult,
) -> None:
    ogroups: dict[tuple[Path, str, str], list[int]] = defaultdict(list)
    for i, oc in old_left.items():
        if not oc.retired and oc.back:
            ogroups[(vconcept[i], str(oc.kind), oc.variant)].append(i)
    ngroups: dict[tuple[Path, str, str], list[int]] = defaultdict(list)
    for j, nd in new_left.items():
        ngroups[(tuple(nd.concept), str(nd.kind), nd.variant)].append(j)
    pairs: list[tuple[float, int, int, int]] = []
    for gkey, is_ in ogroups.items():
        js = ngroups.get(gkey)
        if not js:
            continue
        is_.sort(key=lambda i: (old_left[i].source_line, i))
        js.sort(key=lambda j: (new_left[j].source_line, j))
        otext = {}
        for i in is_:
            oc = old_left[i]
            otext[i] = (
                _answer(oc.back, oc.anchor, oc.concept),
                _content(oc.front, oc.anchor, oc.concept),
            )
        ntext: dict[int, tuple[str, str]] = {}
        for a, i in enumerate(is_):
            ob, of = otext[i]
            info = _informative(ob)
            if info < 2:
                continue  # the answer is the anchor itself (a reverse card): follows below
            c = round(a * (len(js) - 1) / max(len(is_) - 1, 1)) if len(is_) > 1 else 0
            for b in range(max(0, c - _WINDOW), min(len(js), c + _WINDOW + 1)):
                j = js[b]
                if j not in ntext:
                    nd = new_left[j]
                    ntext[j] = (
                        _answer(nd.back, nd.anchor, nd.concept),
                        _content(nd.front, nd.anchor, nd.concept),
                    )
                nb, nf = ntext[j]
                # a short answer must be the same; a longer one nearly the same
                back = (
                    (1.0 if ob == nb else 0.0) if info < _MIN_TEXT else _ratio_at_least(ob, nb, 0.9)
                )
                front = _ratio_at_least(of, nf, SIMILARITY) if back else 0.0
                if front:
                    pairs.append((back + front, abs(b - c), i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2], p[3]))
    moved: dict[tuple[Path, int], int] = {}  # (concept, old source line) -> new source line
    for _score, _dist, i, j in pairs:
        if i in old_left and j in new_left:
            oc, nd = old_left.pop(i), new_left.pop(j)
            result.matches.append((oc, nd))
            if oc.source_line and nd.source_line:
                moved.setdefault((tuple(nd.concept), oc.source_line), nd.source_line)
    if not moved:
        return
    # the other cards of the same source element (a term's reverse, a command's own card)
    at: dict[tuple[Path, int, str, str], list[int]] = defaultdict(list)
    for j in sorted(new_left):
        nd = new_left[j]
        at[(tuple(nd.concept), nd.source_line, str(nd.kind), nd.variant)].append(j)
    for i in sorted(old_left, key=lambda i: (old_left[i].source_line, i)):
        oc = old_left[i]
        line = moved.get((vconcept[i], oc.source_line))
        if oc.retired or line is None:
            continue
        cands = at.get((vconcept[i], line, str(oc.kind), oc.variant))
        if cands:
            result.matches.append((old_left.pop(i), new_left.pop(cands.pop(0))))


__all__ = ["Match", "MatchResult", "OldCard", "SIMILARITY", "match_cards", "similarity"]
