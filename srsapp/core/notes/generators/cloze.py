"""cloze: one sentence with its key term hidden → the term. At most one cloze per sentence.

The key term is what the author marked (`code`, **bold**, an ALL-CAPS instruction name) when
it is a good term, else the best noun phrase ``keyterms.key_terms`` finds (Korean nouns by
morphological analysis, English defined terms and noun phrases). Never a stopword, never a
word the concept path gives away, never one item of a list that stays visible, never part of a
longer name, never a number or something inside an example's parentheses; and the sentence
must keep enough other words to stay answerable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind

from ..common import (
    VERBS_FIRST,
    Ctx,
    clip,
    crumbs_hiding,
    draft,
    front,
    in_worked_example,
    norm,
    plain_inline,
    replace_free,
    under_worked_example,
    walk_blocks,
    walk_lines,
)
from ..context import LETTER_ACTORS, asks_for, elliptic, leans_on_context, tells_no_fact
from ..keyterms import (
    KO_VERBAL_NOUNS,
    Term,
    english_name_given,
    everywhere,
    is_particle,
    is_stopword,
    key_terms,
    named_here,
    recurs,
    strip_particle,
)
from ..lang import Lang, has_hangul, prompt
from ..loanwords import spelled_in
from ..parser import PROSE_KINDS, BlockKind, NoteLine, code_template
from .quiz import is_answer_title

MIN_REST_LETTERS = 8
MAX_SAME_ANSWER = 2  # clozes of one section with the same answer
MAX_SENTENCE = 240
_CAPS = re.compile(r"(?<![A-Za-z0-9_./-])[A-Z][A-Z0-9_]{2,}(?![A-Za-z0-9_/])")
_CODE = re.compile(r"`([^`\n]+)`")
_QUOTED = re.compile(r"(?<![\w'])['‘“\"]([^'’”\"\n]{2,40})['’”\"](?![A-Za-z0-9'])")
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")
_LETTER = re.compile(r"[^\W\d_]")
_HOLE = "\x00"
_VAGUE_FIRST = frozenset(
    "particular vast large giant thorough super pretty various certain overall whole "
    "entire huge great good typical very really quite".split()
)
_GLOSS = re.compile(r"^\s?\([^()]{1,40}\)")  # "로드밸런서(Load Balancer)": an alias in parentheses


def _squash(text: str) -> str:
    return "".join(text.split()).casefold()  # (str.split's whitespace is exactly re's \s)


_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def terms_of(line: NoteLine) -> list[tuple[str, str]]:
    """(term, how it is written) for each term the author marked, in order, deduplicated."""
    text = line.text
    found: list[tuple[int, str, str]] = []
    # (each mark looked for only in a line with its characters)
    ticked = line.markdown and "`" in text
    if ticked:
        found += [(m.start(), m.group(1), "code") for m in _CODE.finditer(text)]
    if line.markdown and "**" in text:
        whole = _squash(plain_inline(text).strip(" .。!:："))
        found += [
            (m.start(), m.group(1), "bold")
            for m in _BOLD.finditer(text)
            # ("**URI 마지막 문자로 슬래시(/)를 포함하지 않는다.**": the line is emphasised,
            # no term in it marked)
            if _squash(m.group(1).strip(" .。!:：")) != whole
        ]
    masked = _CODE.sub(lambda m: " " * len(m.group(0)), text) if ticked else text
    found += [(m.start(), m.group(0), "caps") for m in _CAPS.finditer(masked)]
    # 'quoted' or “quoted” words: marked as well ("각 이미지는 '리포지터리:태그'로 식별된다")
    if (line.markdown or has_hangul(text)) and (
        "'" in masked or '"' in masked or "‘" in masked or "“" in masked  # (what one opens with)
    ):
        found += [
            (m.start(), m.group(1), "quote")
            for m in _QUOTED.finditer(masked)
            if not m.group(1).startswith("_")
            and _LETTER.search(m.group(1))
            # ("'**클럭 신호**'": bold inside the quotes, the bold term is marked already)
            and not (line.markdown and _BOLD.fullmatch(m.group(1).strip()))
        ]
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for _pos, term, how in sorted(found):
        term = term.strip()
        if how == "quote":  # ('"all or nothing."': the full stop is the sentence's)
            term = term.rstrip(".,;:!?。 ")
        if term and term not in seen:
            seen.add(term)
            out.append((term, how))
    return out


_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_LIGHT_VERB = re.compile(r"(?:함|한다|했다|하는|하여|해서|하고|합니다|하면|할|된다|됨|됩니다)")


# words an author puts in bold for stress, not terms ("is **not** an Iterator", "**only** once")
_EMPHASIS_WORDS = frozenset(
    "not never no none only all always any every each both either neither must should can "
    "cannot can't don't doesn't won't isn't aren't also very more less most least and or but "
    "안 못 꼭 반드시 절대 항상 모두 오직 단".split()
)


def _hide(text: str, term: str, markdown: bool) -> str:
    """Every free-standing occurrence of ``term`` replaced by the hole (not inside a longer
    word: "이미지" is not hidden in "컨테이너이미지")."""
    if markdown:
        text = text.replace(f"`{term}`", f"`{_HOLE}`").replace(f"**{term}**", f"**{_HOLE}**")

    def hole(start: int, end: int) -> str:
        rest = _HANGUL_WORD.match(text, end)
        if rest and not is_particle(rest.group(0)):
            if term[-1:].isascii() and term[-1:].isalpha() and _LIGHT_VERB.fullmatch(rest.group(0)):
                return _HOLE  # "이미지를 [pull]함": a Latin command with 하다 after it
            return text[start:end]  # "정상" in "정상적으로": part of a longer word
        return _HOLE

    # not inside a longer name either: "undefined" is not hidden in "undefined.size"
    return replace_free(text, term, hole)


def _hideable(ln: NoteLine, term: str) -> bool:
    return _HOLE in _hide(ln.text, term, ln.markdown)


def _part_of_a_defined_term(sentence: str, term: str, keys: frozenset[str]) -> bool:
    """The blank and the word before or after it make a term the notes define elsewhere."""
    at = sentence.find(term)
    if at < 0 or _squash(term).casefold() in keys:
        return False
    before = sentence[:at].split()[-1:] if at > 0 and sentence[at - 1] == " " else []
    after = (
        sentence[at + len(term) :].split()[:1]
        if sentence[at + len(term) : at + len(term) + 1] == " "
        else []
    )
    whole = [f"{before[0]}{term}"] if before else []
    if after:
        whole.append(f"{term}{strip_particle(after[0])}")
    return any(_squash(w).casefold() in keys for w in whole)


def _repeated(ln: NoteLine, term: str) -> bool:
    """A common word the sentence says twice or more ("Context [API]는 상태관리 [API]가 아닌 …
    [API]다", "물리적 [단위]로 … 논리적 [단위]로"): what the sentence is built around, not its
    fact; another term, even the sentence's subject, is a better blank (a name the author
    marked, such as `CMD`, said twice still is one)."""
    return _hide(ln.text, term, ln.markdown).count(_HOLE) > 1


_LEAD_CLAUSE = re.compile(r"(?i)(?:to|if|when|once|after|before|in order to|for example)\b")
_LIST_SEP = re.compile(r"\s*[,、/·]\s*|\s+(?:and|or|및|또는)\s+")
_SHORT_ITEM = 28
_CLAUSE_START = re.compile(
    r"(?:each|which|who|whose|where|while|with|that|so|but|including|such|making|using|"
    r"because|since|although|though|when|whereas|unlike|like|except|rather|not|than)\b",
    re.IGNORECASE,
)


def _in_visible_list(sentence: str, term: str) -> bool:
    """``RUN, CMD, ENTRYPOINT``: one item of a list whose other items stay visible (a short
    segment between commas next to another short one; "…of `undefined`, until we…" is not)."""
    if _one_of_a_pair(sentence, term):
        return True  # "[공통키 암호화 방식]과 공개키 암호화 방식": one of a visible pair
    segs = _list_segments(sentence)
    if len(segs) < 2:
        return False
    for i, seg in enumerate(segs):
        if term not in seg:
            continue
        seg = seg.strip()
        prev = segs[i - 1].strip() if i > 0 else ""
        nxt = segs[i + 1].strip() if i + 1 < len(segs) else ""
        if _CLAUSE_START.match(nxt):
            nxt = ""  # "…into seven layers, each with distinct roles": a phrase, not an item
        if _LEAD_CLAUSE.match(prev):
            prev = ""  # "To unstage a file, use `git restore …`": a purpose clause, not an item
        if len(seg) <= len(term) + 12 and any(n and len(n) <= _SHORT_ITEM for n in (prev, nxt)):
            return True
        # "RUN, CMD, ENTRYPOINT exec와 …": the last item of a list, the sentence going on
        if seg.startswith(term) and prev and len(prev) <= _SHORT_ITEM:
            return True
        if seg.endswith(term) and nxt and len(nxt) <= _SHORT_ITEM:
            return True
    return False


@lru_cache(maxsize=1 << 12)
def _list_segments(sentence: str) -> tuple[str, ...]:
    """The sentence split at list separators (cached: asked for each candidate blank)."""
    if not any(sep in sentence for sep in _LIST_SEP_MARKS):
        return (sentence,)  # (no separator the pattern could match)
    return tuple(_LIST_SEP.split(sentence))


_LIST_SEP_MARKS = (",", "、", "/", "·", "and", "or", "및", "또는")


_LATIN_NAME = re.compile(r"[A-Za-z][\w.-]*")
# ("이나" / "나": "private이나 public", one of two names either way)
_AND_AFTER = re.compile(r"\s?(?:와|과|이나|나)\s+((?:\S+\s+){0,2}\S+)")
_AND_BEFORE = re.compile(r"(\S+)\s?(?:와|과|이나|나)\s+$")
_ALSO_AFTER = re.compile(r"\s?(?:및|또는|혹은|/)\s*[가-힣]{2,}")
_PAIRED_LATER = re.compile(r"(?:및|또는|혹은)\s+((?:\S+\s+){0,2}\S+)")


# ("or" often gives another name of the same thing: "HTTPS or HTTP over SSL")
_EN_AND_NAME_AFTER = re.compile(r"(?:\s?\([^()]*\))?,?\s+and\s+[A-Z0-9][\w.-]*")
_EN_NAME_AND_BEFORE = re.compile(r"[A-Z][\w.-]*(?:\s?\([^()]*\))?,?\s+and\s+$")


def _one_of_a_pair(sentence: str, term: str) -> bool:
    """The term is one half of a pair whose other half the front shows: "A 방식과 B 방식" (the
    same head noun, joined by 와/과), "exec와 shell" (two Latin names), "데이터 삽입 및 삭제"
    (및/또는/혹은 after it)."""
    at = sentence.find(term)
    if at < 0:
        return False
    prefix = sentence[:at]
    joint = _joint_before(prefix)  # (the patterns ending at the term are searched only then)
    if term[:1].isupper() and (
        _EN_AND_NAME_AFTER.match(sentence, at + len(term))
        or (joint == "and" and _EN_NAME_AND_BEFORE.search(prefix))
    ):
        return True  # "Services such as [CloudFlare] and Route 53": one of two names shown
    after = _AND_AFTER.match(sentence, at + len(term))
    before = _AND_BEFORE.search(prefix) if joint[-1:] in ("와", "과", "나") else None
    if " " not in term:  # "exec와 [shell] 형식": one Latin name of a visible pair
        if not _LATIN_NAME.fullmatch(term):
            return False
        other = after.group(1).split()[0] if after is not None else ""
        other = before.group(1) if before is not None else other
        return bool(_LATIN_NAME.fullmatch(other))
    head = term.split()[-1]
    if after is not None and any(w.startswith(head) for w in after.group(1).split()):
        return True
    if before is not None and before.group(1) == head:
        return True
    if _ALSO_AFTER.match(sentence, at + len(term)):
        return True  # "[데이터 삽입] 및 삭제": the head's other half stays visible
    # "[소프트웨어 기반]의 라우팅과 하드웨어 기반의 라우팅": the same head in the other half
    near = _PAIRED_LATER.search(sentence[at + len(term) : at + len(term) + 40])
    return near is not None and any(w.startswith(head) for w in near.group(1).split())


def _joint_before(prefix: str) -> str:
    """The last three characters of ``prefix`` before the space it ends in ("" when it does
    not end in one): the "와", "과" or "and" a pair's two halves are joined by, when there is
    one right before the term (what _AND_BEFORE and _EN_NAME_AND_BEFORE need to match)."""
    return prefix.rstrip()[-3:] if prefix[-1:].isspace() else ""


def _in_example(sentence: str, term: str) -> bool:
    return any(term in part for part in _parenthesised(sentence))


@lru_cache(maxsize=1 << 12)
def _parenthesised(sentence: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _PARENS.finditer(sentence))


@lru_cache(maxsize=1024)
def _initials(text: str) -> frozenset[str]:
    """ "Domain name system" → {"DNS"}: abbreviations a breadcrumb spells out."""
    out: set[str] = set()
    for part in re.split(r"[›/()\[\],]", text):
        words = [w for w in re.findall(r"[A-Za-z]+", part)]
        if len(words) >= 2:
            out.add("".join(w[0] for w in words).upper())
            # ("Content Security Policy Cheat Sheet" spells CSP too: a run of its words)
            for i in range(len(words) - 1):
                for j in range(i + 2, min(len(words), i + 5) + 1):
                    out.add("".join(w[0] for w in words[i:j]).upper())
    return frozenset(out)


_ACRONYM_TAIL = re.compile(
    r"(?:servers?|server\(s\)|services?|records?|names?|lookups?|queries|query)"
)


_VERSUS = re.compile(r"^\s*(.+?)\s+(?:vs\.?|versus)\s+(.+?)\s*$", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _versus_sides(title: str) -> tuple[str, str] | None:
    """ "Latency vs throughput" → ("latency", "throughput") (normalised), else None."""
    m = _VERSUS.match(title)
    return None if m is None else (norm(m.group(1)), norm(m.group(2)))


def _one_side_of_versus(title: str, sentence: str, term: str) -> bool:
    """The term is one side of an "A vs B" heading and the sentence speaks of that side alone:
    hiding it asks which of the two the sentence is about, which the heading cannot tell."""
    sides = _versus_sides(title)
    if sides is None or norm(term) not in sides:
        return False
    other = sides[1 - sides.index(norm(term))]
    return other not in norm(sentence)


@lru_cache(maxsize=256)
def _unspaced(path_text: str) -> str:
    """The breadcrumb's words without spaces (the same breadcrumb comes with every blank of a
    section)."""
    return path_text.replace(" ", "")


def _crumbs(ctx: Ctx | None, path_text: str) -> str:
    return " › ".join(ctx.path) if ctx is not None else path_text


_SHOUTED = re.compile(r"NOT|DO|DON'?T|NEVER|ALWAYS|MUST|ONLY|ALL|AND|OR|NO|YES|THE|IS|ARE|ONE|TWO")
_MATH = re.compile(r"\$[^$\n]+\$")


def _only_in_math(sentence: str, term: str) -> bool:
    """Every place ``term`` stands in the sentence is inside inline LaTeX (``$…$``)."""
    spans = [m.span() for m in _MATH.finditer(sentence)]
    at = sentence.find(term)
    if not spans or at < 0:
        return "\\" in term
    while at >= 0:
        if not any(a <= at < b for a, b in spans):
            return False
        at = sentence.find(term, at + 1)
    return True


@lru_cache(maxsize=4096)
def _latin_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[A-Za-z][A-Za-z0-9-]*", text.casefold()))


_CRUMB_STEM_MIN = 4  # letters two words share before one counts as the other inflected
# what an English word ends in when the same word is inflected or derived ("select" /
# "selector", "initial" / "initialization", "reads" / "reading", "scalable" / "scalability"; not
# "docker" / "dockerignore")
_EN_ENDINGS = frozenset(
    "|s|es|ed|d|ing|er|ers|or|ors|ion|ions|ation|ations|ization|izations|al|ally|ly|y|ies|ity|"
    "ities|ce|cy|t|ent|ence|ency|ive|ives|ment|ments|e|ize|ized|izes|ise|ised|able|ability|"
    "abilities|ible|ibility|ness".split("|")
)


def _one_slip(a: str, b: str) -> bool:
    """Two long words one typing slip apart: a letter changed, added, dropped or two swapped
    ("orthonornal" / "orthonormal", "Proejction" / "Projection")."""
    if a == b or min(len(a), len(b)) < _SLIP_MIN or abs(len(a) - len(b)) > 1:
        return False
    i = len(os.path.commonprefix((a, b)))
    a, b = a[i:], b[i:]
    if len(a) == len(b):
        return a[1:] == b[1:] or (a[:2] == b[1::-1] and a[2:] == b[2:])
    return a[1:] == b or b[1:] == a


_SLIP_MIN = 6
_HANGUL_SYLLABLE = re.compile(r"[가-힣]")


def _shares_stem(word: str, crumbs: frozenset[str]) -> bool:
    """ "select" / "Selector", "initial" / "initialization", "quorum" / "Quorums": the same word
    with another ending (the word itself is left to the rules on what the breadcrumb spells),
    or misspelt ("orthonornal" under "Orthonormal")."""
    if len(word) < _CRUMB_STEM_MIN + 1:
        return False
    for c in crumbs:
        if _one_slip(word, c):
            return True
        if c == word or c[:_CRUMB_STEM_MIN] != word[:_CRUMB_STEM_MIN]:
            continue
        n = len(os.path.commonprefix((word, c)))
        # (at the letters they share, or a few before: "scal|able" / "scal|ability")
        if any(
            word[k:] in _EN_ENDINGS and c[k:] in _EN_ENDINGS
            for k in range(n, max(_CRUMB_STEM_MIN, n - 2) - 1, -1)
        ):
            return True
    return False


def _stems_shown(latin: list[str], path_text: str) -> bool:
    """An English blank the breadcrumb gives away in another form: every word of it ("[quorum
    reads and writes]" under "Quorums for reading and writing"), or its first word when it is
    short ("[initial states]" under "Hidden state initialization")."""
    crumbs = _latin_words(path_text)
    words = [w for w in latin if w not in _EN_GLUE]
    if not words or not crumbs:
        return False
    shared = [_shares_stem(w, crumbs) for w in words]
    if all(s or w in crumbs for w, s in zip(words, shared, strict=True)):
        return any(shared)
    return len(words) <= 2 and shared[0]


_NAME_GLUE = frozenset({"of", "for", "than", "in", "and"})
# (a capitalised word that opens a sentence, not a name: "Each [Pod] has …", "Use [Docker] …")
_NOT_NAME_WORDS = frozenset(
    "the a an in on at if when while this that these those each every all some many most its "
    "their our your my his her no any one two use using with by from to as so but or and for "
    "then also only both either neither not".split()
)


def _capital_word(w: str) -> bool:
    w = w.removesuffix("'s").removesuffix("’s")
    return len(w) > 1 and w[0].isupper() and w.isalnum() and w.casefold() not in _NOT_NAME_WORDS


def _part_of_a_title_name(sentence: str, term: str, at: int) -> bool:
    """An English blank of capitalised words that a capitalised word right before or after it
    joins into one name ("Linear Least [Squares] Fit", "Cohen's Effect [Size]", "Coefficient
    of [Determination]"): the name's other words on the front all but say it."""
    if at < 0 or not term[:1].isupper() or has_hangul(sentence):
        return False
    before = sentence[:at]
    after = sentence[at + len(term) :]
    if before[-1:] == " " and after[:1] in (" ", ""):
        words = before.split()
        if words and _capital_word(words[-1]):
            return True
        if len(words) >= 2 and words[-1] in _NAME_GLUE and _capital_word(words[-2]):
            return True
    if after[:1] == " " and before[-1:] in (" ", ""):
        nxt = after.split()[:1]
        return bool(nxt) and _capital_word(nxt[0]) and _capital_word(term.split()[-1])
    return False


# a blank that opens with the particle of the word before it (math or code glued to it)
_EN_WORD = re.compile(r"[a-z]+")
_ACRONYM = re.compile(r"[A-Z]{2,6}s?")


def _spelled_before(before: str, term: str) -> bool:
    """The words right before ``term`` start with its letters ("Zone-redundant storage (ZRS")."""
    letters = term.rstrip("s")
    words = re.findall(r"[A-Za-z]+", before)[-len(letters) :]
    return len(words) == len(letters) and "".join(w[0] for w in words).upper() == letters


_EN_CAPITAL_WORD = re.compile(r"[A-Z][a-z]+")
_EN_DETERMINER_AFTER = re.compile(
    r"\s+(?:the|a|an|your|this|that|these|those|its|their|our|my|all|each|every)\s"
)
_KO_BECOMES = re.compile(r"\s?(?:되|된|됐|됨|됩)")
_PARTICLE_FIRST = re.compile(r"(?:의|로|으로|을|를|이|가|은|는|에|에서|와|과|도|만)\s")
_PARTICLE_LAST = re.compile(
    r"[A-Za-z0-9)]\s(?:에선|에서는|에서|에는|으론|으로는|로는|은|는|을|를|의|에|와|과|도|만)$"
)
_CODE_MARK = re.compile(r"[#\"'_()=.:<>{}\[\]`$]")  # '#include "file_name.h"': code, not words
_EN_GLUE = frozenset({"and", "or", "of", "the", "a", "an", "to", "in", "on", "for", "with"})


def _good(
    sentence: str, term: str, path_text: str, ctx: Ctx | None = None, *, leaning: bool = False
) -> bool:
    """Whether ``term`` is worth a blank in ``sentence``. ``leaning``: the front shows the
    sentence before it, which says what this short one is about."""
    if not term or not _LETTER.search(term) or len(term) > 60:
        return False
    if term.casefold() in _CHAT_ABBREVIATIONS:
        return False  # "[FYI] jQuery uses …": the author's aside, no term
    if _PARTICLE_LAST.search(term):
        return False  # "try-catch문 안에서 쓸 수 있지만 [finally 에선]": a particle set apart
    if _PARTICLE_FIRST.match(term):
        return False  # "$\frac{1}{\sqrt{d_k}}$[로 scaling] 함": the particle of the word before
    at = sentence.find(term)
    if at > 0 and _ACRONYM.fullmatch(term) and _spelled_before(sentence[:at], term):
        return False  # "Locally redundant storage ([LRS] - …": the words before spell it
    if at >= 0 and _EN_WORD.fullmatch(term) and _KO_BECOMES.match(sentence, at + len(term)):
        return False  # "Java 15에 [release] 되었다": the English verb is the predicate
    if (
        _EN_CAPITAL_WORD.fullmatch(term)
        and not sentence[:at].strip(" *_`'\"")
        and _EN_DETERMINER_AFTER.match(sentence, at + len(term))
    ):
        return False  # "[Remember] the rubber band analogy": an imperative, not a term
    if _part_of_a_title_name(sentence, term, at):
        return False  # "Linear Least [Squares] Fit", "Cohen's Effect [Size]": the rest shows
    if (
        at > 0
        and (sentence[:at].split()[-1:] or [""])[0].casefold() + " " + term.split()[0].casefold()
        in _FIXED_PHRASES
    ):
        return False  # "Of [course pod-level] contexts …": half of "of course" in the blank
    if _EXPRESSION.search(term):
        return False  # "global.greetign = {}": an expression, not a term
    if "$" in sentence and _only_in_math(sentence, term):
        return False  # "a start node $N_0$", "$F\subseteq N$": notation inside a formula
    if _EXAMPLE_VALUE.fullmatch(term) or _ONE_CAPITAL.fullmatch(term):
        # "Sarah", 'Lydia', `d`: an example's value or variable; "All neighbors of [C] were
        # traversed": a worked example's node, point or actor named by a letter
        return False
    if _WORD_AND_LETTER.fullmatch(term) or (" " in term and _XYZ.search(term)):
        return False  # "an edge from [node u] to node v", "an [X scoped variable]": placeholders
    if ctx is not None and _example_name(ctx, term):
        return False  # (asked early: it rules out a sixth of the terms, and costs little)
    parts = term.split()
    if ctx is not None and ctx.path and _one_side_of_versus(ctx.path[-1], sentence, term):
        pass  # "If you have a [performance] problem …" under "Performance vs scalability"
    elif (
        norm(term) in path_text
        or _squash(term) in _unspaced(path_text)  # "MAC주소 테이블" / "MAC 주소 테이블"
        or term.isupper()
        and term in _initials(_crumbs(ctx, path_text))
        or (  # "[DNS services]" under "Domain name system": the rest is any system's word
            len(parts) == 2
            and parts[0].isupper()
            and parts[0] in _initials(_crumbs(ctx, path_text))
            and _ACRONYM_TAIL.fullmatch(parts[1].casefold()) is not None
        )
    ):
        return False  # the breadcrumb says it ("Domain name system" spells DNS)
    latin = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9-]*", term.casefold()) if len(w) >= 2]
    if len(latin) >= 2 and not has_hangul(term) and set(latin) <= _latin_words(path_text):
        return False  # "[TCP head-of-line (HOL)] 블로킹" under "TCP … › Head-of-Line(HOL) 블로킹"
    if (
        latin
        # ("[cosine값]" under "Inner Products and Cosines": a Korean noun glued on is no word
        # the breadcrumb lacks)
        and len(_HANGUL_SYLLABLE.findall(term)) <= 2
        and not _CODE_MARK.search(term)
        and _stems_shown(latin, path_text)
    ):
        return (
            False  # "[initial states]" under "… initialization": the breadcrumb says it, inflected
        )
    after_term = sentence[sentence.find(term) + len(term) :] if term in sentence else ""
    if re.match(
        r"\s?\d+(?:\.\d+)*(?!\d|\.\d|\s?(?:%|초|분|배|개|번|ms|KB|MB|GB|[A-Za-z]))", after_term
    ) and re.search(r"[A-Za-z]", term):
        return False  # "새 [RFC] 6928", "[HTTP] 2.0": the name of a numbered thing, half of it
    if re.fullmatch(r"(?:19|20)\d\d년?|(?:19|20)\d\d년\s?\d{1,2}월", term):
        return False  # "[1988년], …": the year something happened, trivia
    slashed = [p for p in _SLASHES.split(parts[0]) if p] if parts else []
    if len(slashed) >= 2 and all(len(p) >= 2 and norm(p) in path_text for p in slashed):
        return False  # "[장기/중기/단기 스케줄러]" under "…단기/중기/장기로 나누는 기준…"
    bare = _GLOSS_ON.sub("", term)
    if bare != term and bare and norm(bare) in path_text:
        return False  # "[TCP(Transmission Control Protocol, …)]는 …" under "› TCP"
    if ctx is not None and ctx.path and len(parts) == 2 and norm(parts[0]) == norm(ctx.path[-1]):
        return False  # "모든 [TCP 연결]은 전이중" under "› TCP": the heading says half of it
    if _in_visible_list(sentence, term) or _in_example(sentence, term):
        return False
    rest = sentence.replace(term, " ")  # what the front shows of the sentence
    if (
        len(parts) > 1
        and strip_particle(parts[-1]).casefold() in _GENERIC_WORDS
        and all(len(strip_particle(w)) > 1 and strip_particle(w) in rest for w in parts[:-1])
    ):
        return False  # "[런타임 과정]" beside "런타임 에러": only its generic head is hidden
    if _sibling_word_shown(term, rest):
        return False  # "[autoboxing], autounboxing", "[serialization]과 deserialization": one spells the other
    if _antonym_shown(rest, parts):
        return False  # "왼쪽 젓가락을 먼저 집지 않고 [오른쪽 젓가락]을", "true is 1, and [false]"
    if ctx is not None and ctx.doc_keys and _part_of_a_defined_term(sentence, term, ctx.doc_keys):
        return False  # "다치 [종속]을 제거하는 정규형" where the notes define "다치 종속"
    if _COUNTED.fullmatch(term) or _MEASURE.fullmatch(term):
        return False  # "[두 개]", "[3가지]", "[1초]", "[2배]", "[10만]": a count or a measure
    if has_hangul(term) and _DONE_SHORT.search(term):
        return False  # "[해결 함]": the sentence's verb, written short
    if len(parts) > 1 and parts[0] in _KO_DETERMINERS:
        return False  # "[나머지 영역]", "[다른 프로세스]": which one, the sentence does not say
    if len(parts) <= 2 and parts[0].casefold() in _JUDGING:
        return False  # "making recursion a [useful technique]": a judgement, not a term
    if ctx is not None and ctx.doc_subject:
        subject = ctx.doc_subject.split()
        if norm(term) in (norm(ctx.doc_subject), norm(" ".join(subject[:-1]))):
            return False  # "While the [OSI model] has 7 layers" in notes titled "OSI Model"
    # (a gloss right after the blank is hidden with it: "[헬스 체크(health check)]")
    at = sentence.find(term)
    gloss = _GLOSS.match(sentence[at + len(term) :]) if at >= 0 else None
    visible = (  # (the sentence itself is looked at once for all its candidate blanks)
        sentence[:at] + sentence[at + len(term) + gloss.end() :] if gloss is not None else sentence
    )
    if spelled_in(term, path_text, visible, shown=f"{path_text} {rest}"):
        return False  # "[스택]" under "Stack Area": the front spells it in English
    if " " in term and ctx is not None:
        # "[HTTP 프로토콜]" under "HTTP의 GET과 POST 비교": the breadcrumb says HTTP, and the
        # rest of the blank is a word any protocol ends in
        crumbs_words = _crumbs_words(ctx.path)
        rest_words = [w for w in parts if strip_particle(w).casefold() not in crumbs_words]
        if len(rest_words) < len(parts) and all(w.casefold() in _GENERIC_HEADS for w in rest_words):
            return False
    hangul = has_hangul(sentence)
    after = sentence[at + len(term) :].split()[:1] if at >= 0 else []
    if (
        not hangul
        and " " in term
        and after
        and after[0].casefold() in _DETERMINERS
        and not parts[-1][:1].isupper()
    ):
        return False  # "This [daemon manages] all containers": its last word is the verb
    if (
        not hangul
        and at == 0
        and " " not in term
        and term[:1].isupper()
        and term[1:].islower()
        and ctx is not None
        and term.casefold() not in ctx.doc_concepts
    ):
        return False  # "[Despite] the different layer names …": a capital only for starting
    before = sentence[:at].split()[-1:] if at > 0 else []
    if (
        not hangul
        and " " in term
        and before
        and before[0].casefold() in _TO_OR_MODAL
        and (first_word := parts[0].casefold()) not in _DETERMINERS
        and not first_word.endswith("s")
        and (first_word in VERBS_FIRST or first_word in _BASE_VERBS)
    ):
        return False  # "you'll need to [support partition tolerance]": a verb phrase
    if not hangul and " " in term and before and before[0].casefold() in _WH:
        return False  # "defining how [data moves] across a network": a clause, not a term
    if not hangul and _PERSON.fullmatch(term) and after and _SAID_OR_DID.fullmatch(after[0]):
        return False  # "[Trey Hunner] collected …": a person the notes mention, not a term
    if term.upper() in _GENERIC_ABBREVIATIONS or term in _GENERIC_LATIN:
        return False  # "S/W", "H/W": software, hardware; "api", "data": any notes say them
    first = parts[0] if parts else ""
    if (
        not hangul
        and sentence.startswith(term)
        and first[:1].isupper()
        and first[1:].islower()  # "COPY copies …": a name in capitals stays a name
        and (first.casefold() in VERBS_FIRST or first.casefold() in _DOING)
    ):
        return False  # "[Prevent traffic] from going to …", "[Balance] between …": a verb
    if hangul and _made_up_name(sentence, term, ctx):
        return False
    rest_hangul = has_hangul(rest)
    words = 2 if rest_hangul else 4  # "[...] in Node.js" leaves too little to answer from
    shown = rest.split()
    if rest_hangul:
        # "[...]를 가질 수 있습니다.": a particle and a verb any noun fits
        # (counted up to the words needed)
        needed = 1 if leaning else 2
        said = 0
        for w in shown:
            if strip_particle(w.strip(".,!?")) not in _KO_LIGHT:
                said += 1
                if said == needed:
                    break
        if said < needed:
            return False
    if leaning:
        return len(shown) >= 2 and _HALF_THE_LETTERS.match(rest) is not None
    return len(shown) >= words and _ENOUGH_LETTERS.match(rest) is not None


_EXPRESSION = re.compile(r"[=;{}]|\s[-+*/<>]\s")
_WORD_AND_LETTER = re.compile(r"[A-Za-z]+ [a-z]")
_XYZ = re.compile(r"\b[XYZ]\b")
_ONE_CAPITAL = re.compile(r"[A-Z]")
_DONE_SHORT = re.compile(r"(?:^|\s)\S*[가-힣](?:함|됨)$|^\S+\s(?:함|됨)$")
_EXAMPLE_VALUE = re.compile(r"([\"'“‘]).*[\"'”’]|[a-z]{1,2}\d?")
_GLOSS_ON = re.compile(r"\s*[(（].*")
_SLASHES = re.compile(r"\s*/\s*")
_PERSON = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")
_SAID_OR_DID = re.compile(r"[a-z]+ed|wrote|said|says|told|built|made|tweeted|['’]s")
# at least so many letters (_LETTER) in the text: matched at its start, up to the last needed
_ENOUGH_LETTERS = re.compile(rf"(?:[\W\d_]*[^\W\d_]){{{MIN_REST_LETTERS}}}")
_HALF_THE_LETTERS = re.compile(rf"(?:[\W\d_]*[^\W\d_]){{{MIN_REST_LETTERS // 2}}}")


@lru_cache(maxsize=1024)
def _crumbs_words(path: tuple[str, ...]) -> frozenset[str]:
    """The words of a breadcrumb, particles stripped, casefolded."""
    return frozenset(strip_particle(w).casefold() for w in norm(" ".join(path)).split())


_KO_CASE_END = re.compile(r"[가-힣A-Za-z0-9)](?:으로|로|을|를|에서|에게|에|와|과)$")
_LEAD_WORDS = re.compile(r"^(?:(?:the|a|an|in|with|for|on|all|every|each|both)\s+)*", re.I)
_TOPIC_PARTICLE = re.compile(r"^(?:\)|`|\*\*)*\s*(?:은|는|이란|란|이|가|의\s)")


def _is_subject(sentence: str, start: int, term: str, *, found: bool = False) -> bool:
    """The term the sentence is about ("Data is …", "포인터는 …"): hiding it asks the topic,
    not what the sentence says about it, so another term is preferred."""
    before = sentence[:start]
    after = sentence[start + len(term) :]
    # "In JavaScript, …" / "자바에서는 …": the setting of the sentence, not its fact
    if _SETTING_BEFORE.fullmatch(before) and _COMMA_AFTER.match(after):
        return True
    if _PLACE_BEFORE.fullmatch(before) and _PLACE_AFTER.match(after):
        return True  # "HTTPS 의 SSL 에서는 …": where the fact holds, not the fact
    hangul = has_hangul(sentence)
    if hangul and _TOPIC_AFTER.match(after):
        return True  # "레이어는 …": the topic, what the clause is about, wherever it stands
    m = _SUBJECT_AFTER.match(after) if hangul else None
    if m is not None:
        # "COMMAND가 bash로 고정": the subject, the fact comes after it; but "… latest가 사용",
        # "…볼륨이 필요하다": nothing else before the verb, the subject is the fact
        rest = after[m.end() :].split()
        if len(rest) > 1 and _CLAUSE_VERB_END.search(rest[0]):
            return False  # "업캐스팅이 발생한 이후에 …": the subject of a clause inside, a fact
        return any(_KO_CASE_END.search(w) for w in rest[:-1]) or len(rest) > 2
    if not hangul and _THAT_BEFORE.search(before) and _EN_COPULA_AFTER.match(after):
        return True  # "… indicates that [two commodities] are substitutes": the clause's subject
    lead = _LEAD_WORDS.match(sentence)
    if start > (lead.end() if lead else 0) + 1:
        return False
    if hangul:
        return bool(_TOPIC_PARTICLE.match(after))
    return bool(_EN_SUBJECT_AFTER.match(after) or (found and _EN_VERB_AFTER.match(after)))


# (the patterns of _is_subject)
_SETTING_BEFORE = re.compile(r"\s*(?:in|for|on|with|within|under|inside)\s+(?:the\s+)?", re.I)
_THAT_BEFORE = re.compile(r"\b(?:that|whether)\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_EN_COPULA_AFTER = re.compile(r"^[`*)\s]*(?:is|are|was|were)\s+\S")
_COMMA_AFTER = re.compile(r"[`*)]*\s*,")
_PLACE_BEFORE = re.compile(r"\s*(?:\S+\s*의\s*)?")
_PLACE_AFTER = re.compile(r"[`*)]*\s*(?:에서는|에서|에선|에서도)\s")
_TOPIC_AFTER = re.compile(r"[`*)'’”]*\s*(?:은|는)\s")
_SUBJECT_AFTER = re.compile(r"[`*)'’”]*\s*(?:이|가)\s")
_CLAUSE_VERB_END = re.compile(r"[가-힣](?:한|된|던|는)$")
# "The OS keeps a …", "The CPU generates a …": a found term's verb in -s (the author's mark,
# "The ==nucleus== contains …", is still the blank the author chose)
_EN_VERB_AFTER = re.compile(
    r"^[`*)\s]*[a-z]{2,}[^s\W]s\s+(?:a|an|the|its|their|each|every|all|\w+\s+(?:to|for|in|of)\b)"
)
_EN_SUBJECT_AFTER = re.compile(
    r"^[`*)\s]*(?:\(|is|are|was|were|can|will|has|have|does|do|means?|uses?|refers?|provides?|allows?|makes?"
    r"|(?:with|of|in|on|from|that|which|who|declared|defined|created|used)\b(?=.*\b(?:is|are|was|were)\b))\b"
)


def choose_term(
    ctx: Ctx,
    ln: NoteLine,
    avoid: Iterable[str] = (),
    *,
    given: str = "",
    worn: frozenset[str] = frozenset(),
    marked_only: bool = False,
) -> tuple[str, str] | None:
    """The one term to hide in the line, and how it is written ("code", "caps", "bold", "").

    The author's marks (`code`, **bold**, CAPS) come first, then the key terms found in the
    sentence; either way a term that is not the sentence's subject is preferred.
    ``marked_only``: a term found (not marked) is of no use — with no mark left to weigh, the
    sentence is not analysed (what is chosen then is found, and :func:`blanked` refuses it).
    """
    sentence = plain_inline(ln.text)
    path_text = norm(" ".join((*ctx.path, *avoid, given, ctx.doc_subject)))
    lang = "ko" if has_hangul(sentence) else "en"  # the sentence's own language
    leaning = bool(given) and elliptic(sentence)
    cands: list[tuple[bool, int, int, str, str]] = []  # (subject, rank, start, term, how)
    spans = []
    marks = terms_of(ln)
    for rank, (term, how) in enumerate(marks):
        pos = sentence.find(term)
        if pos >= 0:
            spans.append((pos, pos + len(term)))
        if (
            term not in worn
            and _good(sentence, term, path_text, ctx, leaning=leaning)
            and not (how == "bold" and _ragged(term, lang))
            # ("DO [NOT] use …", "[NEVER] …": shouted words, not terms)
            and not (how == "caps" and _SHOUTED.fullmatch(term) is not None)
            # ("`Vec<T>` is **not** an `Iterator`": emphasis on a little word, no term)
            and not (how == "bold" and term.casefold() in _EMPHASIS_WORDS)
            and _hideable(ln, term)  # "MAC" is no blank of "MAC주소"
            and not (has_hangul(term) and is_stopword(strip_particle(term), "ko"))  # '하나의'
        ):
            cands.append((_is_subject(sentence, max(pos, 0), term), rank, pos, term, how))
    # a mark said three times or more is what the sentence is built around ("Context [API]는
    # 상태관리 [API]가 아닌 … [API]다"), not its fact
    cands = [c for c in cands if _hide(ln.text, c[3], ln.markdown).count(_HOLE) < 3]
    # the name the sentence gives ("SSL을 조합한 HTTP를 [HTTPS]라고 부른다") before any other mark
    cands = [
        (c[0], -1 if named_here(sentence, c[2], c[2] + len(c[3])) else c[1], *c[2:]) for c in cands
    ]
    if lang == "en" and not any(c[1] == -1 for c in cands):
        given_name = english_name_given(sentence)
        if given_name is not None and _good(sentence, given_name.text, path_text, ctx):
            cands.append((False, -1, given_name.start, given_name.text, "named"))
    if lang == "ko" and not any(not c[0] for c in cands):
        # "변경 전 또는 변경 후의 행은 [OLD, NEW]라는 가상 줄 변수를 …", "[lib, Binary]만 포함
        # 시킨다": names listed together are one blank (one of them alone is a visible-list item)
        for m in _LATIN_LIST.finditer(sentence):
            names = m.group(1)
            if "(" not in sentence[: m.start()][-20:] and _good(
                sentence, names, path_text, ctx, leaning=leaning
            ):
                cands.append((_is_subject(sentence, m.start(), names), 50, m.start(), names, ""))
    if any(not c[0] for c in cands):  # a marked term that is not the subject: no analysis
        best = min(cands, key=lambda c: (c[0], c[1]))
        return best[3], best[4]
    if marked_only and not any(c[4] for c in cands):
        return None  # (no mark among them, and every term from here on is one found)
    found = key_terms(sentence, lang=lang, avoid=(*ctx.path, *avoid), marked=spans)
    seen = {c[3] for c in cands}
    for rank, cand in enumerate(found, start=100):
        if (
            cand.text in seen
            or cand.text in worn
            or cand.score < 0
            or not _good(sentence, cand.text, path_text, ctx, leaning=leaning)
        ):
            continue
        if _ragged(cand.text, lang):
            continue  # "9s--a service", "write yourself isn't", "TCP 처럼 초기설정"
        if lang == "en" and _ends_on_verb(sentence, cand.end, cand.text):
            continue  # "when a [process spends] more time": a subject and its verb
        if not _key_enough(ctx, sentence, cand):
            continue  # a passing word ("상황", "approach", "Generally"), not a term of the notes
        if lang == "ko" and _predicate(sentence, cand.start, cand.end):
            continue  # "…develop 에 모두 [병합]": the sentence's verb, not a term
        if not _hideable(ln, cand.text):
            continue
        seen.add(cand.text)
        subject = _is_subject(sentence, cand.start, cand.text, found=True)
        if subject and lang == "en":
            continue  # "[...] collected a set of …": an English sentence's subject asks nothing
        cands.append((subject, rank, cand.start, cand.text, ""))
        if not subject and not _repeated(ln, cand.text):
            break  # the first term that is not the subject wins (every mark here is one)
    if lang == "en" and all(c[0] for c in cands):
        # "… indicates that two commodities are [substitutes]": what the clause says of them
        said = _THAT_CLAUSE_END.search(sentence)
        end = said.group(1) if said else ""
        if (
            end
            and end not in seen
            and not is_stopword(end, "en")
            and _good(sentence, end, path_text)
        ):
            cands.append((False, 998, sentence.rfind(end), end, ""))
    if lang == "en" and all(c[0] for c in cands):
        tail = _english_tail(sentence)  # "Data is replicated [asynchronously]."
        if tail and _good(sentence, tail, path_text) and tail not in seen:
            cands.append((False, 999, sentence.rfind(tail), tail, ""))
    if not cands:
        # ("add a `?` at the end of the parameter", "join them with `&&`": with no other term,
        # an operator the author marked is the fact, though it has no letter)
        symbols = [
            term
            for term, how in marks
            if how == "code" and _SYMBOL.fullmatch(term) and sentence.count(term) == 1
        ]
        return (symbols[0], "code") if len(symbols) == 1 else None
    best = min(cands, key=lambda c: (not c[4] and _repeated(ln, c[3]), c[0], c[1]))
    if lang == "ko" and not best[4]:
        # "상호배제나 [임계구역]으로": one half of a pair whose other half the front shows is
        # asked with it, the pair whole ("[상호배제나 임계구역]으로")
        for pair in _noun_pairs(sentence):
            halves = pair.split()
            if best[3] in (halves[-1], re.sub(r"(?:이나|나|와|과)$", "", halves[0])) and _good(
                sentence, pair, path_text, ctx
            ):
                return pair, ""
    return best[3], best[4]


_SYMBOL = re.compile(r"[?*&|!^~=<>%@#:;+\-/\\.]{1,3}")
# two to four Latin names in a row, then Korean: "OLD, NEW라는", "lib, Binary만"
_LATIN_LIST = re.compile(
    r"(?<![\w,.(])(?<![A-Za-z] )([A-Za-z][A-Za-z0-9.+#-]{0,14}(?:\s*,\s*[A-Za-z][A-Za-z0-9.+#-]{0,14}){1,3})"
    r"(?=[가-힣])"
)
# "상호배제나 임계구역으로 해결": two nouns joined by "or"/"and", asked together
_NOUN_PAIR = re.compile(
    r"(?:^|(?<=[은는이가을를에의로와과도만서며고면게지]\s))((?:[가-힣]{2,8}?|[A-Za-z]{2,12})"
    r"(?<![거하되지])(?:이나|나|와|과)\s(?:[가-힣]{2,8}?|[A-Za-z]{2,12}))"
    r"(?=(?:으로|로|을|를|이|가|에|의)\s)"
)


@lru_cache(maxsize=4096)
def _noun_pairs(sentence: str) -> tuple[str, ...]:
    """Two nouns joined by "or"/"and" that start a phrase ("… 하며 상호배제나 임계구역으로")."""
    return tuple(m.group(1) for m in _NOUN_PAIR.finditer(sentence))


_THAT_CLAUSE_END = re.compile(
    r"\bthat\s+(?:the\s+|a\s+|an\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:is|are)\s+(?:a\s+|an\s+)?"
    r"([A-Za-z][\w-]{3,}(?:\s+[a-z][\w-]{3,})?)\s*[.!]?\s*$"
)
_TAIL = re.compile(
    r"\b(?:is|are|was|were|be|been|gets?|becomes?)\s+(?:\w+\s+){0,2}?(\w{5,})\s*[.!]?\s*$"
)


def _english_tail(sentence: str) -> str:
    """The word a short "X is (…) Y." sentence ends on, when the subject is all there is."""
    m = _TAIL.search(sentence)
    if not m or len(sentence.split()) > 12 or is_stopword(m.group(1), "en"):
        return ""
    if not m.group(1).endswith("ly"):
        return ""  # "… is [available]": an adjective asks little; "[asynchronously]" is the fact
    return m.group(1)


# pairs of opposites: one shown, the other is no question
_ANTONYMS = {
    a: b
    for x, y in (
        pair.split("/")
        for pair in (
            "왼쪽/오른쪽 위/아래 상위/하위 입력/출력 내부/외부 소프트웨어/하드웨어 동기/비동기 "
            "송신/수신 읽기/쓰기 시작/종료 최대/최소 true/false left/right input/output "
            "read/write inbound/outbound upstream/downstream min/max"
        ).split()
    )
    for a, b in ((x, y), (y, x))
}


def _sibling_word_shown(term: str, rest: str) -> bool:
    """A word the front shows that is the term with a few letters added inside or in front
    ("autounboxing" for "autoboxing", "deserialization" for "serialization")."""
    t = term.casefold()
    if " " in t or len(t) < 6 or not t.isascii() or not t.isalpha():
        return False
    for w in re.findall(r"[A-Za-z]{6,}", rest):
        w = w.casefold()
        if w == t or len(w) <= len(t) or len(w) > len(t) + 4:
            continue
        p = len(os.path.commonprefix([t, w]))
        q = len(os.path.commonprefix([t[::-1], w[::-1]]))
        if p + q >= len(t):
            return True
    return False


def _antonym_shown(rest: str, words: list[str]) -> bool:
    """Whether the opposite of a word of the blank is on the front ("왼쪽" for "[오른쪽 …]")."""
    others = [o for w in words if (o := _ANTONYMS.get(strip_particle(w).casefold())) is not None]
    if not others:
        return False  # (no word of the blank has an opposite: the front is not read)
    shown = {strip_particle(w).casefold() for w in re.findall(r"[\w]+", rest)}
    return any(other in shown for other in others)


_KO_DETERMINERS = frozenset(
    "나머지 다른 각 모든 여러 일부 전체 해당 기존 추가적인 각각의 특정 자신의 어떤".split()
)
_KO_VERB_WORDS = frozenset("하는 되는 한 된 할 될 하여 해서 하고 되어 있는 없는".split())
_KO_PLACE_NOUNS = frozenset("사이 위 아래 안 밖 앞 뒤 옆 내 중 간 쪽".split())
# words that say nothing of what a blank is: particles alone, "수 있다", "한다", "된다"
_KO_LIGHT = frozenset(
    "을 를 이 가 은 는 에 의 로 으로 와 과 도 만 수 있다 있습니다 있음 없다 없습니다 없음 한다 "
    "합니다 함 된다 됩니다 됨 이다 입니다 임 하다 되다 가질 가진 갖는".split()
)
_KO_BOUND_NOUNS = frozenset("수록 수 것 때 뿐 듯 만큼 대로 바 줄 지 데".split())
_KO_POSTPOSITIONS = frozenset("처럼 같이 보다 만큼 대로 뿐".split())
_KO_POSTPOSITION_WORD = re.compile(
    r"(?:^|\s)(?:처럼|같이|보다|만큼|대로|뿐|안|밖|속|중)$|[A-Za-z0-9](?:위|아래|안|밖|앞|뒤|옆|사이|내)$"
    r"|\s(?:할|한|하는|하던|될|된|되는|한다|된다|했다|하다|해야|하여|해서|할때|하면|되면|하기|되기|하지|되지|되어|돼)$"  # "송수신 할": a verb
)


def _key_enough(ctx: Ctx, sentence: str, cand: Term) -> bool:
    """A term the notes did not mark is worth a blank when it looks technical (a proper noun,
    Latin in Korean, a compound), or when the notes use it more than once."""
    text = cand.text
    if " " not in text and (
        text.lower().endswith("ly")
        or (cand.start == 0 and text[:1].isupper() and sentence[cand.end : cand.end + 1] == ",")
    ):
        return False  # "Generally," "basically"
    if " " not in text and everywhere(text, ctx.doc_vocab):
        return False  # "서버" in notes on servers, "컨테이너" in notes on containers: no fact
    if (
        " " not in text
        and cand.score < 1.5
        and ctx.doc_concepts
        and strip_particle(text).casefold() not in ctx.doc_concepts
    ):
        return False  # one plain word the notes never name as a topic ("클라이언트", "요구")
    return cand.score >= 1.5 or recurs(text, ctx.doc_vocab) or not ctx.doc_vocab


_PUNCTUATED = re.compile(r"--|[,;:()\[\]!?\"“”]")
_OBJECT_END = re.compile(r"[가-힣][을를]$")
_KO_LOOSE_END = frozenset(
    "발생 의해 위한 때문 경우 등 것 수 중 상황 관련 대한 통해 지원 제공 사용 이용".split()
)


_KO_VERBAL_NOUNS = KO_VERBAL_NOUNS


def _predicate(sentence: str, start: int, end: int) -> bool:
    """A noun that ends a Korean note-style sentence after an object or adverb ("…를 사용",
    "…에 모두 병합"): the sentence's verb; also a phrase that ends it on a verbal noun
    ("… 동시에 [사용자 접근 가능]", "… 하나씩 [프로세스 중지]")."""
    if sentence[end:].strip(" .。!~)"):
        return False
    if " " in sentence[start:end]:
        last = sentence[start:end].split()[-1]
        return any(last.endswith(v) for v in _KO_VERBAL_NOUNS)
    return bool(
        re.search(
            r"(?:을|를|에|에게|로|으로|모두|함께|다시|서로|바로|도록|게|만|수)\s*$",
            sentence[:start],
        )
    )


# verbs that follow a sentence's subject: "Thrashing occurs when …" is no term with "occurs"
_EN_PREDICATES = frozenset(
    "occurs happens means refers exists appears arises works runs returns uses takes makes "
    "allows provides contains causes requires is are was were has have does "
    # words that follow a noun without being part of it: "used [data close] to where …"
    "close together apart away back again instead directly later first only also".split()
)
_AFTER_A_VERB = frozenset(
    "the a an more less most to when that its their his her only all each every any some "
    "this these those no not".split()
)


def _ends_on_verb(sentence: str, end: int, term: str) -> bool:
    """ "[process spends] more time", "[Thrashing occurs] when": a lower-case last word in
    -s right before an article, a quantifier or "when" is the sentence's verb, not a plural."""
    words = term.split()
    last = words[-1]
    if len(words) < 2 or not last.islower() or not last.endswith("s") or last.endswith("ss"):
        return False
    nxt = sentence[end:].split(maxsplit=1)
    return bool(nxt) and nxt[0].casefold() in _AFTER_A_VERB


_EN_FILLER_FIRST = frozenset(
    "given certain correct right same whole entire such other another "
    "and or not but also just only very "
    "name term word".split()  # "The [name open] addressing refers to …": what it is called
)
_KO_JUDGING_TAIL = frozenset("최고 최선 최악 최상 최적 최대치 최소치".split())
_LIGHT_VERB_WORD = re.compile(r"^(?:했|하였|했으|하였으|됐|되었|됐으|되었으|시켰|시켰으)$")


def _ragged(term: str, lang: str) -> bool:
    """A found span that is no clean noun phrase: across punctuation, ending on a verb, a
    negation or a postposition."""
    if _PUNCTUATED.search(term) or "'" in term or "’" in term:
        return True
    words = term.split()
    if lang == "en":  # "support partition tolerance": a verb phrase, not a term
        return len(words) > 1 and (
            is_stopword(words[-1], "en")
            or words[0].casefold() in VERBS_FIRST
            or words[0].casefold() in _EVALUATIVE  # "top choice", "good fit"
            or words[-1].casefold() in _EN_PREDICATES  # "[Thrashing occurs] when …"
            # "of a [given box]", "at any [given time]", "[the object itself]", "[and not …]"
            or words[0].casefold() in _EN_FILLER_FIRST
            or words[-1].casefold() in ("itself", "themselves", "inbetween")
            or (  # "conceptual purpose", "minimalist backend": an adjective and a vague noun
                len(words) == 2
                and words[1].casefold() in _VAGUE_NOUNS
                and _ADJECTIVE_END.search(words[0]) is not None
                and words[0].islower()
            )
        )
    if words and words[0] in _KO_BOUND_NOUNS and len(words) > 1:
        return True  # "돌아다닐 [수록 성능]": the bound noun belongs to the verb before it
    if any(w in _KO_VERB_WORDS for w in words[1:-1]) or (
        len(words) > 1 and has_hangul(words[-1]) and words[-1] in _KO_PLACE_NOUNS
    ):
        return True  # "[경유 하는 접속]": a verb inside; "[표시 사이]": a place after a noun
    if is_particle(term) or any(w in _KO_POSTPOSITIONS for w in words[:-1]):
        return True  # "과는": a particle; "TCP 처럼 초기설정": two phrases, not one term
    if has_hangul(term) and len(words) >= 4:
        return True  # "컨테이너 생성후 해당 서비스": a clause, not a term
    if len(words) > 1 and words[-1] in _KO_JUDGING_TAIL:
        return True  # "각 [커넥션당 최고]의 처리량": "best" belongs to what follows
    if len(words) > 1 and _LIGHT_VERB_WORD.match(words[-1]):
        return True  # "SJF의 장점을 [극대화 했으]나": a verb written apart, not a noun
    if any(_OBJECT_END.search(w) for w in words[:-1]):
        return True  # "바이트 스트림을 전송": an object and its verb
    return bool(_KO_POSTPOSITION_WORD.search(term)) or (
        len(words) > 1
        and (is_stopword(words[0], "ko") or words[-1] in _KO_LOOSE_END or is_particle(words[-1]))
    )  # "상황 발생", "HTTP 에", "제 3 자 기관에 의해"


def _code_names(ctx: Ctx) -> set[str]:
    """Identifiers in the section's code blocks (cached on the section)."""
    cached = ctx.section.derived.get("code_names")
    if not isinstance(cached, set):
        cached = set()
        for b in walk_blocks(ctx.section.blocks):
            # (not a trace of the example told in Korean prose: "`reduce` 호출의 결과값은 …")
            if b.kind is BlockKind.CODE and not (b.lang == "output" and has_hangul(b.code)):
                cached.update(re.findall(r"[A-Za-z_][A-Za-z0-9_.]{2,}", b.code))
        ctx.section.derived["code_names"] = cached
    return cached


_FIXED_PHRASES = frozenset(
    # ("for instance metadata" is no "for instance")
    "of course|in fact|at least|at most|in general|in particular|as well|in short".split("|")
)
_CHAT_ABBREVIATIONS = frozenset(
    "fyi btw imo imho tldr tl;dr afaik iirc eg e.g. ie i.e. etc "
    "otherwise however therefore moreover furthermore meanwhile also".split()
)
_PLACEHOLDER_NAMES = frozenset("foo bar baz qux quux foobar hoge fuga piyo".split())
# a usage's stand-in written as a name: "branch_name", "branch_b", "commit_number", "my_image"
_PLACEHOLDER_IDENT = re.compile(
    r"^(?:[a-z]+_(?:name|names|id|file|path|dir|number|num|value|[a-d]|[xyz]|[0-9])"
    r"|(?:my|your|other|some|new|old)_[a-z]+)$",
    re.IGNORECASE,
)


_MEASURE = re.compile(  # (sizes and widths stay: "IPv4는 [32비트]로" is a fact)
    r"\d+(?:[.,]\d+)?\s?(?:초|분|시간|일|주|개월|ms|배|%|만|억|천|TPS|tps|QPS|rps)"
)
_COUNTED = re.compile(
    r"(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|여러|몇|\d+)\s?(?:개|가지|번|명|차례|단계|종류)(?:의)?"
    # "we defined [two] services": a count in English words
    r"|(?i:one|two|three|four|five|six|seven|eight|nine|ten|twice|thrice|several|multiple)"
)
_EVALUATIVE = frozenset(
    "top good great best better popular common main key major nice ideal perfect solid "
    "excellent preferred powerful simple easy".split()
)
# verbs a list item of what something does starts with ("Prevent traffic from …")
_DOING = frozenset(
    "prevent balance allow reduce increase improve avoid ensure provide support distribute "
    "route handle manage scale monitor store keep limit protect serve share split help enable "
    "detect identify define determine establish convert translate transmit control maintain "
    "simplify isolate".split()
)
_TO_OR_MODAL = frozenset("to can could will would must should may might".split())
_BASE_VERBS = _DOING | frozenset(  # what "to"/a modal puts before a verb phrase
    "continue work run use make get take give find send receive read write accept reject "
    "return process perform".split()
)
_WH = frozenset("how what why when where whether".split())
_DETERMINERS = frozenset("all the a an its their every each any some these those".split())
# names an example makes up: camelCase (shopMallPeople) or letters and digits (flask0)
# (inside a sentence a Korean particle may follow the name: it ends at the last Latin letter)
_MADE_UP = r"(?:[a-z]+[A-Z]\w*|[a-z]+\d+)"
_EXAMPLE_IDENT = re.compile(
    r"(?<![A-Za-z0-9_./-])(?:[a-z]+[A-Z][A-Za-z0-9_]*|[a-z]+\d+)(?![A-Za-z0-9_./-])"
)
_EXAMPLE_IDENT_TOPIC = re.compile(rf"^{_MADE_UP}\s?(?:은|는|이|가)\s")
_CAMEL = re.compile(rf"^{_MADE_UP}$")  # newPropleTrigger, flask0 (not MD5)
_GENERIC_HEADS = frozenset(
    "프로토콜 방식 기능 방법 구조 과정 명령어 명령 파일 기법 기술 protocol method command file mode "
    "technique".split()
)
_GENERIC_LATIN = frozenset(
    "api app apps data code file files server client system program user service tool item items "
    "value values thing things stuff row rows column columns table tables field fields record "
    "records "
    "데이터 코드 정보 내용 방법 기능 부분 결과 자료 문제 요구 상태 방식 과정 역할 목적 이유 종류 "
    "특징 구성요소 요소 명령어 리소스 자원 문제점 나머지 값 항목 대상 작업 단위 전제조건 존재 여부 "
    "시스템 성능 속도".split()
)
_JUDGING = frozenset(  # words that judge: "a [useful technique]", "the most [common]"
    "useful good great common important simple easy powerful popular efficient effective "
    "better best nice handy convenient typical".split()
)
_GENERIC_WORDS = _GENERIC_HEADS | _GENERIC_LATIN
_VAGUE_NOUNS = frozenset(
    "purpose backend choice option way manner approach thing part fashion effect result".split()
)
_ADJECTIVE_END = re.compile(r"(?:al|ist|ive|ous|ic|ful|ent|ant|ble|ary|less)$")
_GENERIC_ABBREVIATIONS = frozenset({"S/W", "H/W", "SW", "HW"})


def _made_up_name(sentence: str, term: str, ctx: Ctx | None) -> bool:
    """A name an example of Korean notes made up: ``newPropleTrigger``, ``flask0``,
    ``cupon테이블``, "X라는 이름의 트리거" (kept when the notes name it as a topic)."""
    if ctx is not None and strip_particle(term).casefold() in ctx.doc_concepts:
        return False
    if re.fullmatch(r"[가-힣]+\s?(?:[A-Z]|\d{1,2})", term):
        return True  # "컴퓨터 B", "프로세스1": the example's actors, named by a letter or number
    core = re.sub(
        r"\s*(?:테이블|컬럼|칼럼|변수|함수|클래스|객체|컨테이너|이미지|트리거|파일)$", "", term
    )
    if _CAMEL.match(core) and " " not in core:
        return True
    if core != term and re.search(r"(?:테이블|컬럼|칼럼|변수|객체|트리거)$", term):
        if re.fullmatch(r"[a-z][a-z_]*", core.strip()):
            return True  # "cupon테이블", "user_id 컬럼": a table or column of the example
    at = sentence.find(term)
    return at >= 0 and re.match(r"\s*(?:이)?라는\s*이름", sentence[at + len(term) :]) is not None


def _example_name(ctx: Ctx, term: str) -> bool:
    """A name only the notes' example code uses (`colorChange`, `freddie`, `Foo`): trivia,
    not a concept (keywords in CAPS and commands are kept)."""
    if term.casefold() in _PLACEHOLDER_NAMES or _PLACEHOLDER_IDENT.match(term):
        return True  # "If both [Foo] and Bar …", "… the status of the [branch_name]"
    names = ctx.doc_code_names
    parts = term.split(".")
    if names and len(parts) > 1 and all(p in names for p in parts if p):
        return True  # "mouse.bird": a path through the example's own objects
    if (
        names
        and " " in term
        and any(
            w in names
            and (re.search(r"[a-z][A-Z]|_|\d", w) or (w[:1].isupper() and w[1:].islower()))
            for w in term.split()
        )
    ):
        return True  # "shopMallPeople 테이블", "class Chameleon": the example's own names
    if not names or term not in names or term.isupper() or " " in term:
        return False
    return bool(re.search(r"[a-z][A-Z]|_|\d", term)) or term[:1].isupper() or term.islower()


def _general(ctx: Ctx, ln: NoteLine) -> bool:
    """ "In JavaScript, all object keys are strings.": a sentence of a quiz's explanation that
    names nothing of the quiz's example (no `code`, no quoted value, no name from its code)."""
    text = plain_inline(ln.text)
    if any(m.group(1).strip() not in _KEYWORDS for m in _CODE.finditer(ln.text)):
        return False  # `perimeter`, `new Number()`: the example's own code ("`let`" is not)
    if _QUOTED.search(text) or re.search(r"\d", text):
        return False
    return not any(
        w not in _KEYWORDS and _example_name(ctx, w) for w in re.findall(r"[A-Za-z_][\w.]*", text)
    )


# keywords and operators of common languages: naming one ("the `let` keyword") is no example
_KEYWORDS = frozenset(
    """
    let const var this new function class return typeof instanceof null undefined true false
    async await yield static super extends import export default void delete in of
    def lambda self None True False pass with yield global nonlocal is not and or
    public private protected final abstract interface implements int long boolean char
    === == != !== => ++ -- && || ?? ... +
    """.split()
)


def _rule_under_code_example(ctx: Ctx, ln: NoteLine, text: str) -> bool:
    """A Korean sentence under a worked example of code that states a rule of the language and
    names nothing of the example ("컴파일 과정에서는 데이터형의 일치만 따진다." after the
    example's Parent / Child classes): a fact, not the example's walk-through."""
    end = text.rstrip(" .。!")
    return (
        has_hangul(text)
        and bool(_code_names(ctx))
        and _ko_plain_present(end)
        and _EXAMPLE_WORDS.search(text) is None
        and _general(ctx, ln)
    )


def _ko_plain_present(end: str) -> bool:
    """The plain present of a statement ("…만 따진다", "…하게 된다", "…할 수 없다"), not a step
    told of the example ("…를 출력했다", "…를 만들어 보자", "…를 선언하고")."""
    if end.endswith(("없다", "있다", "이다", "는다")):
        return True
    # a syllable with ㄴ as its final consonant, then 다: "따진다", "된다", "한다"
    return (
        len(end) >= 2
        and end[-1] == "다"
        and "가" <= end[-2] <= "힣"
        and (ord(end[-2]) - 0xAC00) % 28 == 4
    )


_EXAMPLE_WORDS = re.compile(r"예시|예제|예를 들|위의|위에서|아래|다음과|이 코드|코드를 보면")


def _explains_code(ctx: Ctx, ln: NoteLine) -> bool:
    """A sentence about example code the card cannot show ("the `perimeter` method returns …"):
    its `marked` names come from a code block of the section."""
    names = _code_names(ctx)
    if not names or not ln.markdown:
        return False
    marked = [m.group(1) for m in _CODE.finditer(ln.text)]
    return any(re.sub(r"\(.*", "", m) in names for m in marked)


def blanked(
    ctx: Ctx,
    ln: NoteLine,
    avoid: Iterable[str] = (),
    *,
    given: str = "",
    marked_only: bool = False,
    worn: frozenset[str] = frozenset(),
) -> tuple[str, str, str] | None:
    """The line with its key term hidden: (front HTML with "[...]", answer HTML, term).
    ``marked_only``: only a term the author marked (`code`, **bold**, CAPS, 'quoted') or the
    name the sentence gives ("This is called the temporal dead zone")."""
    chosen = choose_term(ctx, ln, avoid, given=given, worn=worn, marked_only=marked_only)
    if chosen is None:
        return None
    term, how = chosen
    if marked_only and not how:
        return None
    words = term.split()
    if not how and len(words) >= 2 and words[0] in _VAGUE_FIRST:
        # "[vast majority]", "[thorough review]", "[pretty easy]", "[large scale data]": a
        # phrase led by a word of degree or size is the sentence's colour, not its fact
        return None
    gloss = _GLOSS.match(ln.text[ln.text.find(term) + len(term) :]) if term in ln.text else None
    if gloss and ln.text.count(term) == 1:  # "[...](Network Load Balancer)" gives it away
        term = term + gloss.group(0).rstrip()
        how = ""
    else:
        plain = plain_inline(ln.text)
        at = plain.find(term)
        beside = _GLOSS.match(plain[at + len(term) :]) if at >= 0 else None
        if beside is not None and has_hangul(term) and not has_hangul(beside.group(0)):
            # "가비지 컬렉터(garbage collector)가 …, 가비지 컬렉터는 …": a gloss that stays on the
            # front beside the blank spells the Korean term in English
            return None
    hidden = _hide(ln.text, term, ln.markdown)
    if _HOLE not in hidden or _squash(term) in _squash(plain_inline(hidden.replace(_HOLE, " "))):
        return None  # the term is still there ("shell형식" when "shell 형식" is hidden)
    if not re.search(r"\w", plain_inline(hidden.replace(_HOLE, " "))):
        return None  # "[...]": the whole line hidden, nothing left to cue it
    if any(_HOLE in u for u in re.findall(r"\S*://\S*|\bwww\.\S*", hidden)):
        return None  # "시각화하기 [https]://regexper.com/": a piece of an address, no term
    answer = t.code(term) if how in ("code", "caps") else t.esc(term)
    alias = _named_alias(ln, hidden, term, how)
    if alias is not None:
        hidden, answer, term = alias

    shown = t.inline(hidden).replace(_HOLE, "[...]")
    return shown, answer, term


def _named_alias(ln: NoteLine, hidden: str, term: str, how: str) -> tuple[str, str, str] | None:
    """ "… `HTTPS` or [`HTTP over SSL`]이라고 부른다": the name before the "or" is the same
    name, so both are the blank — (hidden line, answer HTML, term) — or None."""
    sentence = plain_inline(ln.text)
    at = sentence.find(term)
    if at < 0 or not named_here(sentence, at, at + len(term)):
        return None
    m = _ALIAS_BEFORE.search(hidden)
    if m is None:
        return None
    first = m.group("name")
    code = m.group("tick") == "`"
    merged = hidden[: m.start()] + _HOLE + hidden[m.end() :]
    if _squash(first) in _squash(plain_inline(merged.replace(_HOLE, " "))):
        return None
    one = t.code(first) if code else t.esc(first)
    other = t.code(term) if how in ("code", "caps") else t.esc(term)
    return merged, f"{one} {t.esc(m.group('or'))} {other}", f"{first} {m.group('or')} {term}"


_ALIAS_BEFORE = re.compile(
    r"(?P<tick>`?)(?P<name>[A-Za-z][^`\x00]{0,40}?)(?P=tick)\s+(?P<or>or|또는|혹은)\s+`?\x00`?"
)


def about_the_example(text: str) -> bool:
    """A Korean sentence that names what an example made up (shopMallPeople, flask1)."""
    return has_hangul(text) and _EXAMPLE_IDENT.search(text) is not None


_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}|[\uac00-\ud7a3]{2,}")
_TITLE_FILLER = frozenset("the and for can with that this are was were used use".split())


def _says_the_title(ctx: Ctx, sentence: str, term: str) -> bool:
    """ "The Python [gzip] module can be used as a CLI tool" in notes titled "CLI tools hidden in
    the Python standard library": what is left of the sentence says what the whole notes say,
    so every module they show fits the blank."""
    title = ctx.doc_subject
    if not title:
        return False
    rest = sentence.replace(term, " ")
    words = [c for w in _TITLE_WORD.findall(rest) if (c := _content_word(w))]
    titled = _title_words(title)
    return len(words) >= 3 and sum(w.rstrip("s") in titled for w in words) * 2 >= len(words)


@lru_cache(maxsize=1 << 14)
def _content_word(word: str) -> str:
    """The word casefolded, or "" for a filler or an English stopword."""
    folded = word.casefold()
    return "" if folded in _TITLE_FILLER or is_stopword(word, "en") else folded


@lru_cache(maxsize=256)
def _title_words(title: str) -> frozenset[str]:
    return frozenset(w.casefold().rstrip("s") for w in _TITLE_WORD.findall(title))


def cloze_card(
    ctx: Ctx,
    ln: NoteLine,
    *,
    context: NoteLine | None = None,
    avoid: Iterable[str] = (),
    marked_only: bool = False,
) -> CardDraft | None:
    """The cloze of one line (with the bullet it sits under shown as context), or None.
    ``marked_only``: only a term the author marked may be the blank."""
    if len(ln.text) > MAX_SENTENCE or ln.role == "option":
        return None
    if ln.markdown and code_template(ln.text):
        return None  # "`bold` `underscore` `blink` …": values listed, every other one visible
    text = plain_inline(ln.text)
    if leans_on_context(text) and (context is None or tells_no_fact(text)):
        return None
    if text.rstrip().endswith(("?", "？")):
        return None  # "Where does the compiler check for a method …?": it asks, it tells nothing
    if asks_for(text):
        # "…의 의미는 무엇인가요.", "…를 설명해주세요", "…이론을 알아봅시다": a question or a
        # request; only a name the author marked in it ("'마크 앤 스윕'이라 불리는 …") is told
        marked_only = True
    if _explains_code(ctx, ln) or LETTER_ACTORS.search(text):
        return None
    if _SCENARIO.search(text) or (
        (in_worked_example(ctx.path) or under_worked_example(ctx, ln))
        and not _rule_under_code_example(ctx, ln, text)
    ):
        # "So, you will have two containers — one running our …", "Your application allows
        # linking items …", "Maybe the user wants to find the …": a scenario the notes set up,
        # only what the author marked in it is a fact; so in a worked example's walk-through
        # ("The null hypothesis is that the average daily energy expenditure …")
        marked_only = True
    # what the front shows above the line is no blank: it is given
    given = plain_inline(context.text) if context is not None else ""
    # under a quiz's "Answer: B" the card cannot show the quiz's code: only what the author
    # marked (`undefined`, **global object**, "temporal dead zone") is worth a blank there
    in_answer = is_answer_title(ctx.section.title) and not _general(ctx, ln)
    if has_hangul(text):
        # "flask0는 …": a sentence about the example's own container, not a fact to recall;
        # "… shopMallPeople 테이블에 …": only what the author marked may be asked there
        if _EXAMPLE_IDENT_TOPIC.match(text):
            return None
        marked_only = marked_only or about_the_example(text)
    # an answer the section's clozes gave twice already is no blank a third time (five
    # "[MAC주소 테이블]" in a row: after the second, the answer is known before the question)
    used = ctx.section.derived.setdefault("cloze_answers", {})
    assert isinstance(used, dict)
    worn = frozenset(a for a, n in used.items() if n >= MAX_SAME_ANSWER)
    blank = blanked(ctx, ln, avoid, given=given, marked_only=in_answer or marked_only, worn=worn)
    if blank is None:
        return None
    shown, answer, term = blank
    if _says_the_title(ctx, text, term):
        return None
    used[term] = used.get(term, 0) + 1
    extra_html = []
    if context is not None:
        extra_html.append(f'<div class="hint">{t.inline(clip(context.text, 240))}</div>')
    extra_html.append(t.para(shown))
    path = ctx.path
    if ctx.path and _one_side_of_versus(ctx.path[-1], plain_inline(ln.text), term):
        path = crumbs_hiding(ctx, term)  # the heading names both sides: it is cut
    for name in re.split(r" (?:or|또는|혹은) ", term)[:-1]:
        # "[HTTPS(HTTP Secure)] or [HTTP over SSL]": the name merged in with the blank was
        # never checked against the breadcrumb ("HTTP와 HTTPS"), which is cut above it
        bare = re.sub(r"\s*\(.*", "", name)
        if bare and any(bare.casefold() in norm(p).split() for p in path):
            path = crumbs_hiding(ctx, bare)
    back = t.para(answer)
    aside = _aside_after(ctx, ln)
    if aside:
        back += t.para(aside)  # "(RUN, CMD, ADD, COPY)" on the line after: what it stands for
    return draft(
        ctx,
        CardKind.CLOZE,
        plain_inline(ln.text),
        front(path, prompt("cloze", Lang.KO if has_hangul(ln.text) else Lang.EN), *extra_html),
        back,
        variant=term,
        line=ln.line,
        sibling=f"cloze:{ln.line}",
    )


_SCENARIO = re.compile(
    r"\b(?:[Yy]ou will|[Yy]ou['’]ll have|[Yy]our (?:application|app|code|program|service|team|company)|"
    r"[Mm]aybe (?:the|a|you|we)|might want|[Tt]his could be)\b"
    # "Suppose now you are in a situation where …", "Imagine we have …": a case set up
    r"|^(?:[Ss]uppose|[Aa]ssume|[Ii]magine|[Ll]et['’]s say)\b"
)
_WHOLE_ASIDE = re.compile(r"\((?=[^()]*\w)[^()]{2,100}\)")


def _aside_after(ctx: Ctx, ln: NoteLine) -> str:
    """The line after ``ln`` when it is only an aside in parentheses ("dockerfile의 앞에 command
    갯수만큼 이미지 layer가 쌓인다." / "(RUN, CMD, ADD, COPY)"): it goes with the sentence."""
    by_line = ctx.section.derived.get("lines_by_number")
    if not isinstance(by_line, dict):
        by_line = {x.line: x for x in walk_lines(ctx.section.blocks)}
        ctx.section.derived["lines_by_number"] = by_line
    nxt = by_line.get(ln.line + 1)
    if nxt is None:
        return ""
    text = plain_inline(nxt.text).strip()
    return text if _WHOLE_ASIDE.fullmatch(text) else ""


def generate(ctx: Ctx) -> list[CardDraft]:
    """A cloze for every prose line of the section that has a good key term (for tests and
    previews; the deck's clozes are made by the prose generator, one fact per line)."""
    cards: list[CardDraft] = []
    for ln in walk_lines(ctx.section.blocks):
        if ln.kind in PROSE_KINDS:
            card = cloze_card(ctx, ln)
            if card is not None:
                cards.append(card)
    return cards


__all__ = [
    "about_the_example",
    "blanked",
    "choose_term",
    "cloze_card",
    "generate",
    "terms_of",
    "clip",
]
