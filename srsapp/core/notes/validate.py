"""Rules every generated card obeys, a checker, and a fixer that never returns a broken card.

- the back is not empty;
- the front (plain text) does not contain the back;
- no two cards in a deck share a front (duplicates are merged, or told apart by more context);
- keys are unique;
- text is NFC; anchors are NFC and whitespace-folded;
- no raw Markdown (``**``, backticks, ``<br>``, a leading ``- `` or ``#``, a task box ``[ ]``) in
  the text outside code;
- a card fits on a screen (the back has at most 12 lines and 600 characters of text);
- the front starts with the concept path.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from srsapp.core import text as t
from srsapp.core.model import CardDraft, CardKind, nfc
from srsapp.core.text import _TextExtractor

from .keyterms import strip_particle
from .lang import has_hangul
from .loanwords import hangul_skeleton, latin_skeleton, spelled_in
from .parser import fold

MAX_BACK_LINES = 12
MAX_BACK_CHARS = 600
MAX_FRONT_CHARS = 800
_RAW_MD = re.compile(r"\*\*|`|<br\s*/?>", re.IGNORECASE)
_LEADING_MD = re.compile(r"^\s*(?:[-*+] |#{1,6}(?:\s|$))")  # "#define" is no heading
_TASK_BOX = re.compile(r"^\s*(?:[-*+] )?\[[ xX]\]\s", re.MULTILINE)  # "- [ ] buy milk"


@dataclass(frozen=True)
class Violation:
    key: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.detail}"


# marks a prose chunk that continues a line after inline markup ("`tokenize` - a debug mode",
# "**A record** - Points …"):
# its first characters do not start a line, so they are no Markdown list marker
_GOES_ON = "\x00"
_INLINE_TAGS = frozenset("code b strong i em span a sup sub u s mark kbd".split())


class _Reader(_TextExtractor):
    """One pass over a fragment: its plain text (as ``html_to_text``) and its prose chunks.

    Prose chunks are text nodes outside <code>/<pre>, each separate, so that list
    bullets drawn by ``html_to_text`` are not mistaken for Markdown left in the text.
    """

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._code = 0
        self._inline = False  # right after inline markup (</code>, </b>): the line goes on

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "pre"):
            self._code += 1
        self._inline = False
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre"):
            self._code = max(0, self._code - 1)
        self._inline = tag in _INLINE_TAGS and not self._code
        super().handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if not self._code:
            self.chunks.append(_GOES_ON + data if self._inline else data)
        self._inline = False
        super().handle_data(data)


@dataclass(frozen=True)
class _Read:
    plain: str
    norm: str
    chunks: tuple[str, ...]


def _read(fragment: str) -> _Read:
    fast = _read_fast(fragment)
    if fast is not None:
        return fast
    r = _Reader()
    r.feed(fragment)
    r.close()
    return _finish(r.parts, r.chunks)


def _finish(parts: list[str], chunks: list[str]) -> _Read:
    # (the lines right-stripped, the blank ones left out: a right-stripped line is blank when
    # it is empty)
    lines = [kept for ln in "".join(parts).split("\n") if (kept := ln.rstrip())]
    plain = nfc("\n".join(lines).strip())
    # (_norm of text already NFC: NFC again changes nothing)
    return _Read(plain, " ".join(plain.split()).casefold(), tuple(chunks))


_TAG = re.compile(r"(<[^<>]*>)")
_TAG_NAME = re.compile(r"^</?([a-zA-Z][a-zA-Z0-9]*)")
_BLOCK_TAGS = frozenset({"p", "div", "pre", "br", "tr", "h1", "h2", "h3", "h4", "table"})


def _read_fast(fragment: str) -> _Read | None:
    """The same result as ``_Reader`` for the plain HTML ``core.text`` builds, ~10x faster.

    Anything unusual (comments, scripts, images, a stray ``<``) returns None: the slow path.
    """
    if "<!" in fragment or "<?" in fragment:
        return None
    if "<" not in fragment and ">" not in fragment:  # text alone: one piece, no tag
        text = html.unescape(fragment) if "&" in fragment else fragment
        return _finish([text], [text]) if fragment else _finish([], [])
    parts: list[str] = []
    chunks: list[str] = []
    lists: list[int] = []
    in_code = 0
    inline = False  # right after inline markup (</code>, </b>): the line goes on

    for piece in _TAG.split(fragment):
        if not piece:
            continue
        if piece[0] != "<":
            if "<" in piece or ">" in piece:
                return None
            text = html.unescape(piece) if "&" in piece else piece
            if not in_code:
                chunks.append(_GOES_ON + text if inline else text)
            inline = False
            parts.append(text)
            continue
        info = _tag_info(piece)
        if info is None:
            return None
        tag, closing = info
        if closing:
            if tag in ("code", "pre"):
                in_code = max(0, in_code - 1)
            inline = tag in _INLINE_TAGS and not in_code
            if tag in ("ul", "ol"):
                if lists:
                    lists.pop()
                if parts and not parts[-1].endswith("\n"):
                    parts.append("\n")
            elif tag in _BLOCK_TAGS and parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            continue
        inline = False
        if tag in ("code", "pre"):
            in_code += 1
        if tag in ("ul", "ol"):
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            start = _OL_START.search(piece) if tag == "ol" else None
            lists.append((max(1, int(start.group(1))) if start else 1) if tag == "ol" else 0)
        elif tag == "li":
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            if lists and lists[-1]:
                parts.append(f"{lists[-1]}. ")
                lists[-1] += 1
            else:
                parts.append("- ")
        elif tag in _BLOCK_TAGS and parts and not parts[-1].endswith("\n"):
            parts.append("\n")
    return _finish(parts, chunks)


_TAG_INFO: dict[str, tuple[str, bool] | None] = {}


def _tag_info(piece: str) -> tuple[str, bool] | None:
    """A tag's name (lowercased) and whether it closes, or None for one the fast path leaves
    to the reader (kept: a deck's fragments are made of a few dozen distinct tags)."""
    if piece in _TAG_INFO:
        return _TAG_INFO[piece]
    m = _TAG_NAME.match(piece)
    info: tuple[str, bool] | None = None
    if m is not None:
        tag = m.group(1).lower()
        if tag not in ("script", "style", "img") and not piece.endswith("/>"):
            info = (tag, piece.startswith("</"))
    if len(_TAG_INFO) < 4096:
        _TAG_INFO[piece] = info
    return info


_OL_START = re.compile(r'\bstart="(\d{1,9})"')


def _norm(text: str) -> str:
    return " ".join(nfc(text).split()).casefold()


def plain_front(card: CardDraft) -> str:
    return t.html_to_text(card.front)


def _contains(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack``; short Latin answers only as whole words ("hi" ≠ "this")."""
    if len(needle) >= 4 or not needle.isascii():
        return needle in haystack
    # (?<![a-z0-9])needle(?![a-z0-9]), without a pattern compiled for every needle
    at = haystack.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or haystack[at - 1] not in _ALNUM) and haystack[end : end + 1] not in _ALNUM:
            return True
        at = haystack.find(needle, at + 1)
    return False


_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _unspaced(text: str) -> str:
    return "".join(text.split())


_ITEM = re.compile(r"^(?:- |\d+\. )(.*)$")
_PARENS = re.compile(r"\([^()]*\)")


def _items_on_front(front_norm: str, back_plain: str) -> bool:
    """ "예방 & 회피의 2가지 종류는?" → "예방(prevention) / 회피(avoidance)": every item of a
    list answer (its words before any parenthesis) is already on the front."""
    items = [m.group(1) for ln in back_plain.split("\n") if (m := _ITEM.match(ln.strip()))]
    if len(items) < 2:
        return False
    heads = [_norm(_PARENS.sub("", it)) for it in items]
    return all(h and _contains(front_norm, h) for h in heads)


_TOKEN = re.compile(r"[^\W_]{2,}")
_FILLER = frozenset("the a an of to in on and or for with is are be by as at from all".split())


_ALIAS_AT_END = re.compile(r"\s*\([^()]*\)\s*$")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _without_alias(back_norm: str) -> str:
    """ "트리거(trigger)" → "트리거": a short answer without the alias in brackets after it."""
    main = _ALIAS_AT_END.sub("", back_norm).strip()
    korean = _HANGUL.search(main) is not None  # "physical" may be a plain word
    return main if main != back_norm and len(main) >= 2 and " " not in main and korean else "\x00"


def _words_on_front(front_norm: str, back_norm: str) -> bool:
    """Every word of the answer is already on the front, in another order or split up
    ("L7 로드 밸런서: 네트워크 계층은?" → "Layer7 … L7"): the answer is given away."""
    words = {w for w in _TOKEN.findall(back_norm) if w not in _FILLER}
    if len(words) < 2:
        return False
    shown = set(_TOKEN.findall(front_norm))
    return words <= shown


# words an answer shares with its siblings, not what tells it apart ("라운드로빈 [방식]")
_CATEGORY_WORDS = frozenset(
    "방식 방법 기능 구조 과정 명령어 명령 파일 기법 기술 프로토콜 주소 스위치 호출 상태 데이터 정보 "
    "알고리즘 장치 장비 계층 영역 모델 서버 "
    "method mode protocol command file data layer model server system the and with".split()
)
# a description that opens on what the word means literally ("총의 방아쇠를 의미로, …")
_LITERALLY = re.compile(
    r"(?:^|\n)[^,.\n]{1,24}(?:을|를)\s*의미(?:로|하며|하고)\s*,|(?:^|\n)[^,.\n]{1,24}(?:이)?라는\s*뜻(?:으로|이며|에서)|\bliterally\b",
    re.IGNORECASE,
)
_ANSWER_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#-]*|[\uac00-\ud7a3]+")


_EN_JOINERS = frozenset("of and the a an for to in on".split())


def _cue_names_answer(card: CardDraft, fr: _Read, back: _Read) -> str:
    """For a card that asks for a name from what it does ("다음 뜻을 가진 용어는?"): a word that
    tells the answer apart, already on the front ("…[내부]의 사용 불가능한 공간" → 내부 단편화,
    "[가중치]를 매기고" → 가중 라운드로빈 방식, "arbitrary [partitioning]" → Partition
    Tolerance), or ""."""
    if not card.variant.startswith(("reverse", "defines-reverse", "role-reverse")):
        return ""
    cue = " ".join(fr.plain.split("\n")[1:])  # (the breadcrumb has its own rule)
    if _LITERALLY.search(cue):
        return "its literal meaning"  # "총의 방아쇠를 의미로, …" → 트리거: the word, translated
    said = [strip_particle(w).casefold() for w in _ANSWER_WORD.findall(cue)]
    answer = _PARENS.sub("", back.plain)
    acronym = answer.strip()
    if re.fullmatch(r"[A-Z]{2,6}", acronym):
        # "순차 프로세스 통신(communicating sequential process)의 약어" → CSP: spelled out
        latin = [w for w in re.findall(r"[A-Za-z]+", cue) if w.casefold() not in _EN_JOINERS]
        initials = "".join(w[0] for w in latin).upper()
        if acronym in initials:
            return f"the initials of {acronym}"
    for w in _ANSWER_WORD.findall(answer):
        a = w.casefold()
        if a in _CATEGORY_WORDS:
            continue
        if not a.isascii():
            if len(a) >= 2 and any(x.startswith(a) for x in said):
                return str(w)
        elif len(a) >= 5:
            stem = a[: max(5, len(a) - 3)]
            if any(x.startswith(stem) for x in said):
                return str(w)
    return ""


def check_card(card: CardDraft) -> list[Violation]:
    """Rule violations of one card (deck-wide rules are in ``check_deck``)."""
    return _check(card, _read(card.front), _read(card.back))


def _check(card: CardDraft, fr: _Read, back: _Read, *, normalised: bool = False) -> list[Violation]:
    """``normalised``: the card comes from ``_normalise`` (its text NFC, its anchor folded:
    those rules hold, they are not checked again)."""
    out: list[Violation] = []

    def bad(rule: str, detail: str) -> None:
        out.append(Violation(card.key, rule, detail))

    if not back.plain.strip():
        bad("empty-back", "the back is empty")
    elif (
        _contains(fr.norm, back.norm)
        or _contains(fr.norm, _without_alias(back.norm))
        # ("웹 어셈블리" under the heading "… 웹어셈블리 지침서": Korean spaced another way)
        or (
            " " in back.norm
            and has_hangul(back.norm)
            and _unspaced(back.norm) in _unspaced(fr.norm)
        )
    ):
        # ("트리거(trigger)" under the heading "트리거란?" is given away all the same)
        bad("front-contains-back", f"the front gives the answer away: {back.plain[:60]!r}")
    elif named := _cue_names_answer(card, fr, back):
        bad("front-contains-back", f"the cue already says {named!r} of the answer")
    elif _items_on_front(fr.norm, back.plain):
        bad("front-contains-back", f"the front names every item of the answer: {back.plain[:60]!r}")
    elif not card.back.startswith("<pre>") and _words_on_front(fr.norm, back.norm):
        # (a command's exact form is the fact even when its words are on the front)
        bad("front-contains-back", f"the front has every word of the answer: {back.plain[:60]!r}")
    for name, value in (("front", card.front), ("back", card.back), ("anchor", card.anchor)):
        if not normalised and nfc(value) != value:
            bad("not-nfc", f"the {name} is not NFC")
    if not normalised and card.anchor != fold(card.anchor):
        bad("anchor-not-folded", f"anchor {card.anchor!r} is not whitespace-folded")
    if not card.anchor:
        bad("empty-anchor", "the anchor is empty")
    for side, read in (("front", fr), ("back", back)):
        for chunk in read.chunks:
            # (each pattern asked only of a chunk with the characters a match needs)
            if ("*" in chunk or "`" in chunk or "<" in chunk) and _RAW_MD.search(chunk):
                bad("raw-markdown", f"raw Markdown in the {side}: {chunk.strip()[:60]!r}")
                break
            if ("-" in chunk or "*" in chunk or "+" in chunk or "#" in chunk) and any(
                _LEADING_MD.match(ln) for ln in chunk.split("\n") if ln.strip()
            ):
                bad(
                    "raw-markdown", f"a Markdown marker starts a line in the {side}: {chunk[:60]!r}"
                )
                break
            if "[" in chunk and _TASK_BOX.search(chunk):
                bad("raw-markdown", f"a task box in the {side}: {chunk.strip()[:60]!r}")
                break
    lines = back.plain.split("\n")
    if len(lines) > MAX_BACK_LINES or len(back.plain) > MAX_BACK_CHARS:
        bad("too-long", f"the back has {len(lines)} lines / {len(back.plain)} characters")
    if len(fr.plain) > MAX_FRONT_CHARS:
        bad("too-long", f"the front has {len(fr.plain)} characters")
    if not card.front.startswith('<div class="context">'):
        bad("no-context", "the front does not start with the concept path")
    return out


def check_deck(cards: Sequence[CardDraft]) -> list[Violation]:
    """Every violation in a deck: per-card rules plus unique fronts and keys."""
    out: list[Violation] = []
    fronts: dict[str, CardDraft] = {}
    keys: set[str] = set()
    for c in cards:
        out.extend(check_card(c))
        f = _unspaced(_norm(plain_front(c)))
        if f in fronts:
            out.append(
                Violation(c.key, "duplicate-front", f"same front as another card: {f[:60]!r}")
            )
        fronts.setdefault(f, c)
        if c.key in keys:
            out.append(Violation(c.key, "duplicate-key", f"key {c.key} is not unique"))
        keys.add(c.key)
    return out


def _spells_out(front_plain: str, back_plain: str, stands_for: Mapping[str, str]) -> bool:
    """ "다음 설명에 해당하는 용어는? LAN카드라고 하는 네트워크 인터페이스 카드는 …" → NIC,
    where the notes say NIC(Network Interface Card): the front writes what the answer stands for,
    in English or in Hangul."""
    long = stands_for.get(back_plain.strip())
    if not long:
        return False
    if _norm(long) in _norm(front_plain):
        return True
    words = " ".join(strip_particle(w) for w in front_plain.split())
    return spelled_in(long, words, shown="")


def _long_skeleton(term: str) -> bool:
    """A term of four sounds or more (a shorter one matches another script's word by chance)."""
    letters = re.sub(r"\s+", "", term)
    return len(hangul_skeleton(letters) if has_hangul(letters) else latin_skeleton(letters)) >= 4


_INITIALS_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def _initials_shown(front_plain: str, back_plain: str) -> bool:
    """ "Which term means the following? CCDF(x) = 1 - CDF(x)" → Complementary CDF, "… from
    either the [...] (HAT for clearance …)" → Highest Astronomical Tide: an English answer of two
    to five words whose initials (an acronym word kept whole) the front shows as a word."""
    words = back_plain.split()
    if not 2 <= len(words) <= 5 or not all(_INITIALS_WORD.fullmatch(w) for w in words):
        return False
    initials = "".join(w if w.isupper() and len(w) > 1 else w[0] for w in words).upper()
    if len(initials) < 3:
        return False
    return re.search(rf"(?<![A-Za-z]){initials}(?![A-Za-z])", front_plain) is not None


_STEM_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{2,}|[\uac00-\ud7a3]{2,}")
_STEM_FILLER = frozenset("the and that this with from when which there their you have".split())


def _cue_stems(front_plain: str) -> tuple[str, ...]:
    """The content words of a cloze's sentence in order, cut to a crude stem (Korean: two
    syllables, so "목적지가" and "목적지" are one word)."""
    sentence = front_plain.rsplit("\n", 1)[-1]
    return tuple(
        (w[:2] if not w.isascii() else w.casefold()[:6])
        for w in _STEM_WORD.findall(sentence)
        if w.casefold() not in _STEM_FILLER
    )


def _same_fact(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two clozes with one answer about one subject whose sentences share most of their words
    ("목적지 주소가 [...]에 없으면 전체 포트로 전달" / "목적지가 [...]에 없다면 전체 포트에
    전달하고 …"): the notes say the same fact twice. ("fork()는 …" / "vfork()는 …" are two.)"""
    small = min(len(set(a)), len(set(b)))
    return small >= 4 and a[0] == b[0] and len(set(a) & set(b)) >= 0.6 * small


def _same_meaning(a: tuple[str, ...], b: tuple[str, ...], places: set[str]) -> bool:
    """One term given the same meaning twice in a file, as notes that restate a section do
    ("poll: retrieve new I/O events; node will block here …" / "poll: retrieve new I/O
    events"): most words of the shorter meaning are in the other, and no word that tells them
    apart names a place one of them stands in and the other not ("onCreate: Activity가 생성될
    때 …" under "Activity", "onCreate: Fragment가 생성될 때 …" under "Fragment" are two)."""
    small = min(len(set(a)), len(set(b)))
    if small < 2 or len(set(a) & set(b)) < 0.6 * small:
        return False
    return not (set(a) ^ set(b)) & places


SAME_BLANK_MAX = 2  # clozes of a file with one answer


Look = tuple[CardDraft, _Read, _Read, list[Violation]]


def first_look(c: CardDraft, stands_for: Mapping[str, str] | None = None) -> Look:
    """What :func:`fix_deck` finds of a card alone, before it looks at the cards around it:
    the card normalised, its two sides read, and its problems."""
    c = _normalise(c)
    fr, back = _read(c.front), _read(c.back)
    problems = _check(c, fr, back, normalised=True)
    if not problems and stands_for and _spells_out(fr.plain, back.plain, stands_for):
        problems = [Violation(c.key, "front-contains-back", f"the front spells out {back.plain!r}")]
    if (
        not problems
        and "reverse" in c.variant
        and len(back.plain) <= 30
        and _long_skeleton(back.plain)  # ("FROM" and "볼륨" share a 3-sound skeleton by chance)
        and spelled_in(back.plain, fr.plain)
    ):
        problems = [
            Violation(
                c.key,
                "front-contains-back",
                f"the front spells {back.plain!r} in the other script",
            )
        ]  # "Coroutine" over "다음 설명에 해당하는 용어는? …" → 코루틴
    if (
        not problems
        and ("reverse" in c.variant or c.kind is CardKind.CLOZE)
        and _initials_shown(fr.plain, back.plain)
    ):
        problems = [
            Violation(
                c.key, "front-contains-back", f"the front names {back.plain!r} by its initials"
            )
        ]
    return c, fr, back, problems


def fix_deck(
    cards: Sequence[CardDraft],
    dropped: list[tuple[CardDraft, str]] | None = None,
    stands_for: Mapping[str, str] | None = None,
    *,
    looks: Mapping[int, Look] | None = None,
) -> tuple[list[CardDraft], list[str]]:
    """Fix what can be fixed (merge duplicates, tell fronts apart, unique keys); drop the rest.

    ``dropped`` (when given) receives each dropped card with the rule it broke;
    ``stands_for``: the notes' abbreviations and what they stand for (a front that spells one
    out does not ask for it); ``looks``: the :func:`first_look` of cards (by their place in
    ``cards``) taken already, by the processes that made them.
    """
    warnings: list[str] = []
    kept: list[tuple[CardDraft, _Read, _Read]] = []
    asked: dict[str, list[tuple[int, tuple[str, ...]]]] = {}  # a cloze's answer → its cues
    clozed: set[tuple[tuple[str, ...], str]] = set()  # (concept, anchor) of each cloze kept
    # a term → its meanings so far, with the concepts they were given under
    meant: dict[tuple[str, str], list[tuple[int, tuple[str, ...], tuple[str, ...]]]] = {}
    for k, c in enumerate(cards):
        looked = looks.get(k) if looks is not None else None
        c, fr, back, problems = looked if looked is not None else first_look(c, stands_for)
        if not problems and c.kind is CardKind.CLOZE and (c.concept, c.anchor) in clozed:
            # one sentence clozed twice, under two cues ("Functions Packaging › Option 1" from
            # its term, and from its list): one blank a sentence
            problems = [Violation(c.key, "duplicate-fact", "the sentence is clozed already")]
        if (
            not problems
            and c.kind is CardKind.CLOZE
            and len(asked.get(back.norm, ())) >= SAME_BLANK_MAX
        ):
            # "[mirror image]" blanked in a fourth sentence: a word the notes keep coming back
            # to, no longer what each sentence teaches
            problems = [Violation(c.key, "duplicate-fact", f"{back.plain!r} is blanked enough")]
        if not problems and c.kind is CardKind.CLOZE:
            clozed.add((c.concept, c.anchor))
            stems = _cue_stems(fr.plain)
            twin = next(
                (n for n, prev in asked.get(back.norm, []) if _same_fact(stems, prev)), None
            )
            if twin is not None:
                problems = [Violation(c.key, "duplicate-fact", f"the fact of line {twin} again")]
            else:
                asked.setdefault(back.norm, []).append((c.source_line, stems))
        if not problems and c.kind is CardKind.TERM and c.variant in ("forward", "reverse"):
            # (a forward card's whole back; a reverse card's last front line, under its prompt)
            meaning = _cue_stems(
                back.plain.replace("\n", " ") if c.variant == "forward" else fr.plain
            )
            where = _cue_stems(" ".join(c.concept))
            said = (c.variant, _norm(c.anchor))
            twin = next(
                (
                    n
                    for n, prev, there in meant.get(said, [])
                    if _same_meaning(meaning, prev, set(where) ^ set(there))
                ),
                None,
            )
            if twin is not None:
                problems = [Violation(c.key, "duplicate-fact", f"the fact of line {twin} again")]
            else:
                meant.setdefault(said, []).append((c.source_line, meaning, where))
        if problems:
            warnings.append(f"{_where(c)}: card dropped ({problems[0]})")
            if dropped is not None:
                dropped.append((c, problems[0].rule))
            continue
        kept.append((c, fr, back))
    return _unique_keys(_dedupe_fronts(kept, warnings)), warnings


def _where(c: CardDraft) -> str:
    line = f" (line {c.source_line})" if c.source_line else ""
    return f"{' › '.join(c.concept)}{line}"


def _normalise(c: CardDraft) -> CardDraft:
    front, back, anchor, variant = nfc(c.front), nfc(c.back), fold(c.anchor), nfc(c.variant)
    if front == c.front and back == c.back and anchor == c.anchor and variant == c.variant:
        return c  # as almost every card is: no copy
    return dataclasses.replace(c, front=front, back=back, anchor=anchor, variant=variant)


def _dedupe_fronts(
    cards: list[tuple[CardDraft, _Read, _Read]], warnings: list[str]
) -> list[CardDraft]:
    out: list[CardDraft] = []
    first: dict[str, tuple[CardDraft, _Read]] = {}
    later: list[tuple[CardDraft, _Read, int]] = []
    for c, fr, back in cards:
        # ("함수종속이란 무엇인가?" and "함수 종속이란 무엇인가?" are one question)
        seen = first.get(_unspaced(fr.norm))
        if seen is None:
            first[_unspaced(fr.norm)] = (c, back)
            out.append(c)
        elif seen[1].norm == back.norm:  # same question, same answer: one card is enough
            warnings.append(f"{_where(c)}: duplicate card merged with line {seen[0].source_line}")
        else:
            later.append((c, back, len(out)))
            out.append(c)
    drop: set[int] = set()
    for n, (c, back, pos) in enumerate(later, start=2):
        fixed = _disambiguate(c, back, n)
        fixed_read = _read(fixed.front) if fixed is not None else None
        if (
            fixed is None
            or fixed_read is None
            or _unspaced(fixed_read.norm) in first
            or _check(fixed, fixed_read, back)
        ):
            warnings.append(f"{_where(c)}: card dropped (same front as another card)")
            drop.add(pos)
            continue
        first[_unspaced(fixed_read.norm)] = (fixed, back)
        out[pos] = fixed
    return [c for i, c in enumerate(out) if i not in drop]


def _disambiguate(c: CardDraft, back: _Read, n: int) -> CardDraft | None:
    """Tell a card apart from one with the same front by the item it is about; None when
    nothing a learner would read tells them apart (the card is dropped, not numbered)."""
    anchor = _norm(c.anchor)
    if not anchor or " / " in c.anchor or anchor == back.norm or _contains(anchor, back.norm):
        return None
    if back.norm in anchor or len(c.anchor) > 60 or _contains(back.norm, anchor):
        return None  # (a hint the answer holds gives part of it away: "(Top-down)" over a list)
    if _contains(_read(c.front).norm, anchor):
        return None  # "UDP란 무엇인가? (UDP)": the question names it already, nothing told apart
    hint = f"({c.anchor})"
    return dataclasses.replace(c, front=c.front + f'<div class="hint">{t.esc(hint)}</div>')


def _unique_keys(cards: list[CardDraft]) -> list[CardDraft]:
    seen: set[str] = set()
    out: list[CardDraft] = []
    for c in cards:
        n = 1
        cur = c
        key = cur.key  # (worked out from the card's fields each time it is asked)
        while key in seen:
            n += 1
            cur = dataclasses.replace(c, variant=f"{c.variant}#{n}")
            key = cur.key
        seen.add(key)
        out.append(cur)
    return out
