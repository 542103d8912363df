"""Key terms of one sentence, ranked best-first, for cloze cards.

:func:`key_terms` returns the words of a sentence that are worth hiding, each with its
exact character span. Korean uses the kiwipiepy morphological analyser (loaded lazily,
once per process); without it a particle-stripping heuristic takes over. English needs
no model: capitalised words, acronyms, code-like tokens and light noun phrases.

Ranking, best first: spans the author marked (``code``, **bold**) when they are good
terms; then domain-looking terms (Latin words inside Korean text, proper nouns, code,
acronyms, compounds, the term a sentence defines); terms the caller wants to avoid (the
section heading, the concept path) come last. Generic words (것, 경우, 방법, "thing",
"way") and function words are never offered.
"""

from __future__ import annotations

import atexit
import os
import re
import threading
import time
from bisect import bisect_left
from collections import Counter, OrderedDict, deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = [
    "Term",
    "analysing_ahead",
    "is_stopword",
    "key_terms",
    "kiwi_available",
    "kiwi_load_seconds",
    "preload",
]


@dataclass(frozen=True, slots=True)
class Term:
    """A candidate term: ``sentence[start:end] == text``; higher ``score`` is better."""

    text: str
    start: int
    end: int
    score: float = 0.0


# --- Stopwords -----------------------------------------------------------------------------

# Function-like and very general Korean nouns: never a cloze answer on their own.
_KO_STOP = frozenset(
    """
    것 수 때 등 데 바 줄 뿐 듯 척 만큼 대로 채 김 탓 터 지 적 측 쪽 편 번 개 명 점 곳 중 전 후
    내 외 간 상 하 위 안 밖 앞 뒤 옆 속 말 뜻 예 일 이 그 저 뭐 왜
    경우 사용 방법 이상 이하 미만 초과 정도 때문 부분 자체 다음 이후 이전 이번 지금 현재 당시
    하나 모두 각각 사이 가지 종류 내용 서로 자신 자기 무엇 어디 언제 누구 전체 일부 대부분
    필요 가능 불가능 사실 예시 예제 이유 여부 해당 기타 관련 대해 통해 위해 대한 관한
    이것 그것 저것 여기 거기 저기 이때 그때 항상 반드시 절대 여러 모든 각 대상 결과 의미 문제
    방식 형태 상태 과정 역할 기능 목적 차이 관계 특징 장점 단점 주의 설명 정의 개념 용어 부류
    처음 마지막 나중 먼저 동안 도중 이외 이내 만약 경우에 실제 직접 자동 기본 일반 보통 주로
    아래 위쪽 아래쪽 이해 생각 사람 우리 여러분 대신 시점 측면 수준 순간 모습 느낌 얘기 이야기
    정리 참고 공부 준비 확인 진행 시작 끝 마무리 설정 추가 변경 생성 삭제 실행 처리 이용 활용
    실습 예제 공간 기존 이번 지난 시즌 수준 경쟁력 시시각각 부분적 발생 의해 위한
    그리고 그래서 그러나 하지만 그런데 그러면 그러므로 따라서 또한 또 즉 게다가 반면 한편 결국
    그림 사진 도표
    """.split()
)

_EN_STOP = frozenset(
    """
    a an the this that these those there here it its it's they them their theirs we us our you
    your he she him her his i me my mine one ones some any all each every either neither both
    no not nor none nothing something anything everything someone anyone everyone
    is are was were be been being am do does did done doing have has had having can could
    may might must shall should will would ought need needs needed
    and or but if then else so because as than though although while whereas whether since
    until unless about above across after against along among around at before behind below
    beneath beside between beyond by down during except for from in inside into like near of
    off on onto out outside over past per through throughout to toward towards under
    underneath up upon via with within without
    what which who whom whose when where why how
    also just only even still yet already very much many more most less least few fewer
    other another such same different new old own various several certain
    first second last next previous often always never sometimes usually again once twice
    thing things way ways kind kinds type types sort lot lots part parts case cases example
    examples use uses used using make makes made making get gets got getting take takes took
    give gives gave let lets put puts go goes went come comes came keep keeps see sees seen
    run runs runs called call calls known named termed refers refer means mean meant say says
    said show shows shown work works worked allow allows allowed provide provides provided
    contain contains contained include includes included point points pointed become becomes
    e.g i.e etc vs via ok yes cannot can't won't don't doesn't isn't aren't wasn't weren't
    shouldn't couldn't wouldn't didn't hasn't haven't
    approach approaches feature features stuff bunch aspect aspects detail details idea ideas
    topic topics section sections note notes reason reasons result results problem problems
    question questions answer answers option options step steps value values number numbers
    suppose supposing assume assuming imagine
    """.split()
)

_LATIN_WORD = re.compile(
    r"(?:(?<![\w./~])(?:\.|/|~/)(?=[A-Za-z]))?"  # a dotfile (.env) or a path (/etc/hosts, ~/.ssh)
    r"(?:[A-Za-z0-9][A-Za-z0-9_.+#/'’-]*[A-Za-z0-9+#]|[A-Za-z0-9])"
)
_HAS_LETTER = re.compile(r"[A-Za-z\uac00-\ud7a3]")
_HANGUL_SYL = re.compile(r"[\uac00-\ud7a3]")
_NUMBERISH = re.compile(r"^[\d.,:%+\-/]+$")


_NORM_DROP = re.compile(r"[\s`*_'\"()\[\]{}.,:;!?-]+")


@lru_cache(maxsize=1 << 16)
def _norm(text: str) -> str:
    return _NORM_DROP.sub("", text).lower()


@lru_cache(maxsize=1 << 16)
def is_stopword(term: str, lang: str) -> bool:
    """Whether ``term`` is a function word, a generic noun or a bare number in ``lang``
    ("ko" or "en"): never a key term on its own."""
    t = term.strip().strip("`*_'\"“”‘’.,;:!?()[]")
    if not t or not _HAS_LETTER.search(t) or _NUMBERISH.match(t):
        return True
    low = t.lower()
    if low in _EN_STOP:
        return True
    if str(lang) == "ko":
        return t in _KO_STOP
    return False


# --- Kiwi, loaded once per process ----------------------------------------------------------

# Fastest configuration that still tags nouns well: the CoNg model that ships with
# kiwipiepy_model (the only one since kiwipiepy 0.22; "knlm"/"sbg" need extra model files,
# "largest" and "cong-global" are 2-3x slower per sentence), without the typo, multi-word
# and default (Wikipedia proper-noun) dictionaries: measured on a 2-core machine, loading
# takes ~0.65 s instead of ~2.5 s with the defaults, tokenising ~0.3 ms a sentence, and the
# key terms of technical notes came out the same. Loanwords kiwi splits wrongly without a
# dictionary ("도커" → 도/JX 크/VA) are repaired by _misparsed.
_KIWI_OPTIONS: dict[str, Any] = {
    "load_typo_dict": False,
    "load_multi_dict": False,
    "load_default_dict": False,
}

_kiwi_lock = threading.Lock()
_kiwi_state: dict[str, Any] = {}  # "kiwi": Kiwi | None once tried, "seconds": load time


def _load_kiwi() -> Any | None:
    # (once tried, read without the lock: the analyser's threads hold it while kiwi works, and
    # the generators asked for the analyser before every sentence — up to ~0.3 s a MB waiting)
    if "kiwi" in _kiwi_state:
        return _kiwi_state["kiwi"]
    with _kiwi_lock:
        if "kiwi" in _kiwi_state:
            return _kiwi_state["kiwi"]
        t0 = time.perf_counter()
        kiwi: Any | None
        try:
            from kiwipiepy import Kiwi  # type: ignore[import-untyped,unused-ignore]

            kiwi = Kiwi(**_KIWI_OPTIONS)
            kiwi.tokenize("초기화")  # Kiwi initialises lazily: do it now, under the lock
        except Exception:  # not installed, model missing or broken: the heuristic takes over
            kiwi = None
        _kiwi_state["kiwi"] = kiwi
        _kiwi_state["seconds"] = time.perf_counter() - t0
        return kiwi


def preload() -> bool:
    """Load the Korean analyser now (e.g. from a background thread); whether it is usable."""
    return _load_kiwi() is not None


def kiwi_available() -> bool:
    return _load_kiwi() is not None


def kiwi_load_seconds() -> float | None:
    """How long loading the analyser took in this process (None: not tried yet)."""
    seconds = _kiwi_state.get("seconds")
    return float(seconds) if seconds is not None else None


# --- Public entry point --------------------------------------------------------------------


# "… 페이지를 victim page라고 부른다", "…를 HTTPS라 한다": the name the sentence gives
_KO_NAMED_AFTER = re.compile(
    r"(?:\s*\([^()]{1,40}\))?\s*(?:이?라고|이?라)\s*(?:부른|부르|불린|칭한|칭하|한다|하며|하고|함)"
)


_EN_GLOSS = re.compile(r"\(\s*(?=[^)]*[a-z])[A-Za-z][A-Za-z -]{2,40}\)")  # not "(IPC)"
_EN_NAME_GIVEN = re.compile(
    r"\b(?:called|known\s+as|referred\s+to\s+as|termed|dubbed)\s+(?:the\s+|an?\s+)?[\"'“]?"
    r"([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,3})"
)


_CALLED_HOW = frozenset(
    "after before upon on by when with in at from to once twice only again every each directly "
    "whenever first last immediately synchronously asynchronously".split()
)


def english_name_given(sentence: str) -> Term | None:
    """ "… is called a resumed session.": the name an English sentence gives, if any."""
    m = _EN_NAME_GIVEN.search(sentence)
    if m is None:
        return None
    words = m.group(1).split()
    if words and (words[0].lower() in _CALLED_HOW or words[0].lower() in _EN_STOP):
        # "… is called after the loop", "… are called and not in between": the verb call
        # (when, how), not a name
        return None
    while words and words[-1].lower() in _EN_STOP:
        words.pop()  # "… called X in practice": the name ends before "in"
    if not words:
        return None
    text = " ".join(words)
    start = m.start(1)
    if sentence[start : start + len(text)] != text:
        return None
    return Term(text, start, start + len(text), 6.0)


def named_here(sentence: str, start: int, end: int) -> bool:
    """The span is the name the sentence gives ("… HTTPS라고 부른다", "… is called X")."""
    return bool(_KO_NAMED_AFTER.match(sentence, end) or _DEFINES_BEFORE.search(sentence[:start]))


def key_terms(
    sentence: str,
    *,
    lang: str,
    avoid: Iterable[str] = (),
    marked: Sequence[tuple[int, int]] = (),
    use_model: bool = True,
) -> list[Term]:
    """Candidate cloze terms of ``sentence``, best first, each with its exact span.

    ``lang`` is "ko" or "en" (a :class:`~srsapp.core.notes.lang.Lang` works too).
    ``avoid``: words the card already shows (section heading, concept path); terms equal
    to or inside one of them rank last, terms containing one rank lower. ``marked``:
    ``(start, end)`` spans of the sentence the author marked (``code``, **bold**); they
    rank first when they are good terms. ``use_model=False`` skips kiwipiepy (Korean).
    """
    if not sentence.strip():
        return []
    if str(lang) == "ko":
        kiwi = _load_kiwi() if use_model else None
        raw = _korean_kiwi(sentence, kiwi) if kiwi is not None else _korean_plain(sentence)
        raw = [
            Term(t.text, t.start, t.end, t.score + 5.0)
            if _KO_NAMED_AFTER.match(sentence, t.end)
            # "헬스 체크(health check)": a term the author glossed in English
            else Term(t.text, t.start, t.end, t.score + 2.0)
            if _HANGUL_SYL.search(t.text) and _EN_GLOSS.match(sentence, t.end)
            else t
            for t in raw
        ]
    else:
        raw = _english(sentence)
    return _rank(sentence, raw, lang=str(lang), avoid=avoid, marked=marked)


def _rank(
    sentence: str,
    raw: list[Term],
    *,
    lang: str,
    avoid: Iterable[str],
    marked: Sequence[tuple[int, int]],
) -> list[Term]:
    avoid_full, avoid_words, avoid_any = _avoided(tuple(avoid), lang)

    marked_terms: list[Term] = []
    for s, e in marked:
        s, e = max(0, s), min(len(sentence), e)
        s, e = _trim_span(sentence, s, e)
        if e <= s:
            continue
        text = sentence[s:e]
        if lang == "ko":
            text2 = _strip_particle(text)
            e = s + len(text2)
            text = text2
        if not text or is_stopword(text, lang):
            continue
        marked_terms.append(Term(text, s, e, 10.0))

    main_from = _main_clause_start(sentence, lang)
    if main_from and not any(t.start >= main_from for t in raw):
        main_from = 0  # nothing to ask after it
    best: dict[tuple[int, int], Term] = {}
    for t in [*marked_terms, *raw]:
        # pieces of a marked span are not offered on their own
        if (
            t.score < 10
            and marked_terms
            and any(
                m.start <= t.start and t.end <= m.end and (m.start, m.end) != (t.start, t.end)
                for m in marked_terms
            )
        ):
            continue
        n = _norm(t.text)
        score = t.score
        if n in avoid_full or (n and _inside_any(n, avoid_any)):
            score -= 100.0
        elif avoid_words and any(
            w in n and not (lang == "ko" and _kind_of(w, t.text)) for w in avoid_words
        ):
            score -= (
                3.0  # "도커 이미지" under "도커" (not "다운캐스팅" under "캐스팅": a kind of it)
            )
        key = (t.start, t.end)
        if key in best:
            score = max(score, best[key].score)
        best[key] = Term(t.text, t.start, t.end, round(score, 3))
    # a word of the condition ranks after the main clause's words of about its score (the
    # fact is what follows it), its score unchanged; so does the same word said again after it
    # ("프록시 서버에서는 … 캐싱되므로 같은 프록시 서버를 경유 …": hidden, both would go)
    early = {t.text for t in best.values() if t.end <= main_from and t.score < 10}
    return sorted(
        best.values(),
        key=lambda t: (-(t.score - (1.0 if t.text in early else 0.0)), t.start, t.end),
    )


# The end of a clause that sets a condition or gives the cause for the sentence's main clause:
# "…commit 했을 경우 COMMAND가 bash로 고정", "영구적으로 저장하려면 반드시 볼륨을", "통신 상대를
# 확인하지 않기 때문에 위장이 가능하다", "If the key is missing, …" (not a contrast or a "…인데,"
# that goes on: either side of those can be the fact).
_KO_SUBORDINATE = re.compile(
    r"[가-힣](?:을|ㄹ|는|은|던)?\s?(?:경우(?:에는|에도|에)?|때(?:는|에는|에)?)[,\s]"
    r"|[가-힣](?:하|되|으|려|이|있으|없으)면,?\s"
    r"|[가-힣]기\s?때문에,?\s|[가-힣](?:으|하|되|이|없으|있으)므로,?\s"
)
_EN_SUBORDINATE = re.compile(r"^(?:If|When|Whenever|Unless|Although|Though|While)\b[^,]{3,80},\s")


def _main_clause_start(sentence: str, lang: str) -> int:
    """Where the main clause of ``sentence`` starts (0 when nothing comes before it)."""
    if lang == "ko":
        last = 0
        for m in _KO_SUBORDINATE.finditer(sentence):
            last = m.end()
        return last if last < len(sentence) - 4 else 0
    found = _EN_SUBORDINATE.match(sentence)
    return found.end() if found else 0


@lru_cache(maxsize=1024)
def _joined(texts: tuple[str, ...]) -> str:
    return "\x00".join(texts)


def _inside_any(n: str, texts: tuple[str, ...]) -> bool:
    """Whether ``n`` occurs in one of ``texts`` (one search in them joined by NUL, which no
    normalised word holds)."""
    if "\x00" in n:
        return any(n in a for a in texts)
    return n in _joined(texts)


_AVOID_SPLIT = re.compile(r"[\s/>:·,()\[\]]+")


@lru_cache(maxsize=4096)
def _kind_of(word: str, term: str) -> bool:
    """ "다운캐스팅", "업캐스팅" of "캐스팅": a short prefix on the word, a kind of it (not
    "컨테이너이미지" of "이미지", which is the same thing named longer)."""
    return any(
        x.endswith(word) and 0 < len(x) - len(word) <= 2
        for x in (_norm(_strip_particle(p)) for p in term.split())
    )


@lru_cache(maxsize=1024)
def _avoided(
    avoid: tuple[str, ...], lang: str
) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """What ``avoid`` (the heading path, the words the card shows) rules out, normalised: the
    whole phrases, their words, and both (cached: the same path comes with every sentence of a
    section)."""
    avoid_full: set[str] = set()
    avoid_words: set[str] = set()
    for a in avoid:
        n = _norm(a)
        if n:
            avoid_full.add(n)
        for w in _AVOID_SPLIT.split(a):
            w = _strip_particle(w) if lang == "ko" else w
            nw = _norm(w)
            if len(nw) >= 2 and not is_stopword(w, lang):
                avoid_words.add(nw)
    return frozenset(avoid_full), frozenset(avoid_words), tuple(avoid_full | avoid_words)


def _trim_span(sentence: str, s: int, e: int) -> tuple[int, int]:
    junk = " \t\n`*_'\"“”‘’.,;:!?"
    while s < e and sentence[s] in junk:
        s += 1
    while e > s and sentence[e - 1] in junk:
        e -= 1
    return s, e


# --- Korean with kiwipiepy -----------------------------------------------------------------

_NOUN_TAGS = frozenset({"NNG", "NNP", "SL", "SH"})
# nouns written apart that only place the one before ("url 상", "서버 간", "인덱스 대신")
_TRAILING_BOUND = frozenset("상 간 내 외 중 대신 속 안 밖".split())
# the head of a clause before it ("사용해야하는 [경우] shell형식 지정", "만들 [때] Dockerfile 작성")
_CLAUSE_HEADS = frozenset("경우 때 후 뒤 전 동안 이후 이전 도중 시".split())
# nouns that end a note-style sentence as its verb ("… shell형식 [지정]", "… 이미지 [생성]")
KO_VERBAL_NOUNS = tuple(
    "가능 불가 중지 접속 실행 생성 삭제 변경 수행 제거 저장 전달 전송 처리 확인 지정 설정 할당 "
    "해제 허용 금지 발생 유지 공유 요청 종료 시작 대기 선택 증가 감소 반환 호출 검사 교체 작성 접근".split()
)
MEASURE_SCORE = 4.5  # "32비트": a specification outranks a Latin name
_SUFFIX_OK = frozenset({"XSN"})  # 동기+화, 보안+성: part of the noun
_PREDICATE = frozenset({"XSV", "XSA"})  # 관리+한다, 필요+한: the noun is a predicate


@dataclass(slots=True)  # (not frozen: ~100k a MB of notes are made, and nothing changes one)
class _Tok:
    form: str
    tag: str
    start: int
    end: int


_Forced = tuple[tuple[int, int, str], ...]  # spans kiwi must keep whole, with their tag
_Key = tuple[str, _Forced]


def _tokens(kiwi: Any, sentence: str, forced: list[tuple[int, int, str]]) -> list[_Tok]:
    """Kiwi's analysis of ``sentence`` (the spans in ``forced`` kept whole): kept from an
    earlier generation, made ahead by :func:`analysing_ahead`, or made now."""
    key: _Key = (sentence, tuple(forced))
    with _kept_lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
            return list(kept)
    for ahead in list(_under_way):
        made = ahead.take(key)
        if made is not None:
            return list(made)
    with _kiwi_lock:
        raw = kiwi.tokenize(sentence, pretokenized=forced or None)
    toks = _converted(raw)
    _keep(key, toks)
    return list(toks)


def _converted(raw: Any) -> list[_Tok]:
    return [_Tok(t.form, str(t.tag), int(t.start), int(t.start + t.len)) for t in raw]


def _keep(key: _Key, toks: list[_Tok]) -> None:
    with _kept_lock:
        _kept[key] = toks
        if len(_kept) > KEPT_ANALYSES:
            _kept.popitem(last=False)


# --- Analyses kept, and made ahead -------------------------------------------------------------

# The analyses of the last sentences seen (about 2 MB of notes): the app generates a notes file
# again whenever it is saved, and then only the edited sentences need the analyser.
KEPT_ANALYSES = 1 << 13
_kept: OrderedDict[_Key, list[_Tok]] = OrderedDict()
_kept_lock = threading.Lock()


class _Ahead:
    """First analyses of the sentences a generation will likely ask about, made by kiwi's own
    worker threads (a batch runs there without holding the interpreter) while the generators
    go on. A sentence the analyser has not started yet is analysed when asked, as without
    this, and the sentences before it are skipped: on a busy machine the generators never
    wait for the analyser. Batch and single analyses are the same."""

    def __init__(self, kiwi: Any, keys: list[_Key]) -> None:
        self._keys = keys
        self._index = {key: i for i, key in enumerate(keys)}
        self._next = 0  # the first key not handed to the analyser yet
        self._sent: deque[_Key] = deque()  # handed to the analyser, in order
        self._ready: dict[_Key, list[_Tok]] = {}
        # the spans of each sentence's second analysis ([] when the first stands), as worked
        # out here: the generators take them instead of working them out again
        self.second: dict[_Key, list[tuple[int, int, str]]] = {}
        self._cond = threading.Condition()
        self._stop = False
        self._done = False
        self._thread = threading.Thread(
            target=self._run, args=(kiwi,), name="kiwi-ahead", daemon=True
        )
        _running.add(self._thread)
        self._thread.start()

    def _feed(self) -> Iterator[str]:
        while True:
            with self._cond:
                if self._stop or self._next >= len(self._keys):
                    return
                key = self._keys[self._next]
                self._next += 1
                self._sent.append(key)
            yield key[0]

    def _run(self, kiwi: Any) -> None:
        spans = dict(self._keys)
        try:
            results = kiwi.tokenize(
                self._feed(), pretokenized=lambda sentence: list(spans[sentence]) or None
            )
            for raw in results:
                with self._cond:
                    key = self._sent.popleft()
                    if self._stop:
                        continue  # (kiwi hands back what it has under way, then stops)
                toks = _converted(raw)
                _keep(key, toks)  # kept even if not asked now: asked ahead again next time
                again = _second_spans(key[0], toks, list(key[1]))
                if again:  # a loanword kiwi split: its second analysis is made here too
                    second: _Key = (key[0], tuple(again))
                    with _kept_lock:
                        known = second in _kept
                    if not known:
                        with _kiwi_lock:
                            raw2 = kiwi.tokenize(key[0], pretokenized=again)
                        _keep(second, _converted(raw2))
                self.second[key] = again
                with self._cond:
                    self._ready[key] = toks
                    self._cond.notify_all()
        except Exception:  # the analyser failed: every sentence is analysed when asked
            pass
        finally:
            with self._cond:
                self._done = True
                self._cond.notify_all()
            _running.discard(threading.current_thread())

    def take(self, key: _Key) -> list[_Tok] | None:
        """The analysis of ``key``, waited for when the analyser has it under way; None when
        it was not asked ahead or not started (then the sentences before it are skipped)."""
        i = self._index.get(key)
        if i is None:
            return None
        with self._cond:
            if i >= self._next:  # not started: the generators are ahead of the analyser
                self._next = i + 1
                return None
            while key not in self._ready and not self._done and key in self._sent:
                self._cond.wait()
            return self._ready.pop(key, None)

    def close(self) -> None:
        """Stop feeding the analyser. Not waited for: the thread ends by itself once kiwi hands
        back the sentence under way (waiting cost the generation up to ~0.1 s on a busy
        machine, kiwi's workers finishing sentences nobody would ask)."""
        with self._cond:
            self._stop = True
            self._ready.clear()
            self._cond.notify_all()


_under_way: list[_Ahead] = []
# the analysers' threads not ended yet: a closed one ends once kiwi hands back the sentences
# under way, which a process about to exit waits for (kiwi's worker threads torn down while
# a batch runs abort the process: "terminate called without an active exception")
_running: set[threading.Thread] = set()


@atexit.register
def _finish_ahead() -> None:
    for thread in list(_running):
        thread.join(timeout=30)


_state = {"forked": False}  # True in a child forked to work on part of a notes file


def _after_fork_in_child() -> None:
    """A forked child has none of its parent's threads: kiwi's workers are gone (a batch would
    wait for them forever: sentences are analysed one by one there), and a lock the parent's
    analyser thread held at the fork would never be released."""
    global _kiwi_lock, _kept_lock
    _state["forked"] = True
    _kiwi_lock = threading.Lock()
    _kept_lock = threading.Lock()
    _under_way.clear()
    _running.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def analyser_idle() -> None:
    """Wait until no analyser thread of an earlier generation is still at work (before a fork:
    the child must not find kiwi half-way through a sentence of the parent's)."""
    for thread in list(_running):
        thread.join()


def kept_mark() -> frozenset[_Key]:
    """The sentences whose analyses are kept now (for :func:`kept_since`)."""
    with _kept_lock:
        return frozenset(_kept)


def kept_since(mark: frozenset[_Key]) -> list[tuple[_Key, list[tuple[str, str, int, int]]]]:
    """The analyses kept since ``mark``, as plain tuples: a child that worked on part of a
    notes file hands its analyses to its parent, which keeps them for the next generation."""
    with _kept_lock:
        new = [(key, toks) for key, toks in _kept.items() if key not in mark]
    return [(key, [(t.form, t.tag, t.start, t.end) for t in toks]) for key, toks in new]


def keep_analyses(analyses: Iterable[tuple[_Key, list[tuple[str, str, int, int]]]]) -> None:
    """Keep analyses made elsewhere (:func:`kept_since` of a child)."""
    for key, toks in analyses:
        _keep(key, [_Tok(*t) for t in toks])


@contextmanager
def analysing_ahead(sentences: Iterable[str]) -> Iterator[None]:
    """While in the block, the Korean ``sentences`` (in the order they will likely be asked)
    are analysed ahead on kiwi's worker threads, when there is a second core; those already
    kept are not. Nothing changes in what :func:`key_terms` returns, only when and where the
    analyser runs."""
    kiwi = _load_kiwi()
    keys: dict[_Key, None] = {}
    if kiwi is not None and _core_free():
        with _kept_lock:
            for sentence in sentences:
                if sentence.strip() and _HANGUL_SYL.search(sentence):
                    key = (sentence, tuple(_latin_spans(sentence)))
                    if key not in _kept:
                        keys[key] = None
    if not keys:
        yield
        return
    ahead = _Ahead(kiwi, list(keys))
    _under_way.append(ahead)
    try:
        yield
    finally:
        _under_way.remove(ahead)
        ahead.close()


def _core_free() -> bool:
    """Whether the analyser's threads have a core beside the generators': on two cores or more,
    busy or not. (With the load at 6–8 on 2 cores, the generators' thread spent ≈ 2.5 s less
    CPU a MB of notes, the process about the same, and 6 runs of 8 ended sooner: threads get
    their share of a busy machine. The load average was asked before; it kept this off.)"""
    return (os.cpu_count() or 1) >= 2 and not _state["forked"]


def _latin_spans(sentence: str) -> list[tuple[int, int, str]]:
    """Latin words and code ("docker-compose.yml", "L2", "IPv4"): kiwi keeps them whole."""
    return list(_latin_spans_of(sentence))


@lru_cache(maxsize=1 << 14)
def _latin_spans_of(sentence: str) -> tuple[tuple[int, int, str], ...]:
    # (cached: worked out for each sentence analysed ahead, and again when it is asked)
    return tuple(
        (m.start(), m.end(), "SL")
        for m in _LATIN_WORD.finditer(sentence)
        if _ASCII_LETTER.search(sentence, m.start(), m.end())
    )


_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _eojeols(sentence: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence)]


def _misparsed(toks: list[_Tok], eojeols: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Eojeols kiwi got visibly wrong: starting with a particle or ending ("도커" → 도/JX
    크/VA), or a particle made of a lone final consonant followed by another particle
    ("데몬은" → 데모/NNG ᆫ/JX 은/JX). Unknown loanwords are the usual cause."""
    bad: list[tuple[int, int]] = []
    starts = [t.start for t in toks]
    ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
    for s, e in eojeols:
        if ordered:  # (as kiwi gives them: the eojeol's tokens are found by bisection)
            inside = toks[bisect_left(starts, s) : bisect_left(starts, e)]
        else:
            inside = [t for t in toks if s <= t.start < e]
        words = [t for t in inside if not t.tag.startswith(("S", "W"))]
        if not words:
            continue
        first = words[0]
        wrong = first.start == s and first.tag.startswith(("J", "E", "XS"))
        for a, b in zip(words, words[1:], strict=False):
            if a.tag.startswith("J") and b.tag.startswith("J") and "\u11a8" <= a.form <= "\u11ff":
                wrong = True
            if (
                a.tag in ("NNP", "NNG")
                and b.tag.startswith("J")
                and a.end == b.start
                and len(a.form) > 2
                and a.form.endswith(("로", "에", "와", "과", "의"))
            ):
                wrong = True  # "로드밸런서로" + 는: the particle went into the noun
        if wrong:
            bad.append((s, e))
    return bad


def _second_spans(
    sentence: str, toks: list[_Tok], forced: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The spans a second analysis keeps whole when kiwi got an eojeol visibly wrong (the
    first's, and each such word without its particle as a proper noun), or [] when the first
    analysis stands."""
    bad = _misparsed(toks, _eojeols(sentence))
    extra: list[tuple[int, int, str]] = []
    for s, e in bad:
        s2, e2 = _trim_span(sentence, s, e)
        stem = _strip_particle(sentence[s2:e2])
        if stem and _HANGUL_SYL.search(stem) and not any(s2 <= f[0] < e2 for f in forced):
            extra.append((s2, s2 + len(stem), "NNP"))
    return sorted(forced + extra) if extra else []


def _second_of(
    sentence: str, toks: list[_Tok], forced: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """:func:`_second_spans`, taken from the analyser's thread when it worked them out already
    (the analysis is the same wherever it is made, and so are the spans)."""
    key: _Key = (sentence, tuple(forced))
    for ahead in _under_way:
        made = ahead.second.get(key)
        if made is not None:
            return list(made)
    return _second_spans(sentence, toks, forced)


def _korean_kiwi(sentence: str, kiwi: Any) -> list[Term]:
    forced = _latin_spans(sentence)  # Latin words and code stay whole
    toks = _tokens(kiwi, sentence, forced)
    again = _second_of(sentence, toks, forced)
    if again:
        toks = _tokens(kiwi, sentence, again)

    out: list[Term] = []
    i = 0
    n = len(toks)
    first_noun_seen = False
    while i < n:
        t = toks[i]
        measure = _measure(sentence, toks, i)
        if measure is not None:
            out.append(measure)
        if t.tag not in _NOUN_TAGS:
            i += 1
            continue
        run = [t]
        j = i + 1
        while j < n:
            nxt = toks[j]
            gap = sentence[run[-1].end : nxt.start]
            if nxt.tag in _SUFFIX_OK and not gap and nxt.form not in ("들", "적"):
                run.append(nxt)
            elif nxt.tag in _NOUN_TAGS and (not gap or gap == " "):
                run.append(nxt)
            elif nxt.tag == "SN" and not gap and run[-1].tag == "SL":
                run.append(nxt)
            else:
                break
            j += 1
        while len(run) > 1 and run[-1].form in _TRAILING_BOUND and run[-1].start > run[-2].end:
            run.pop()  # "url 상", "통신 경로 상", "인덱스 대신": the noun before is the term
        if (
            len(run) > 1
            and run[0].form in _CLAUSE_HEADS
            and i > 0
            and toks[i - 1].tag == "ETM"
            and run[1].start > run[0].end
        ):
            run.pop(0)  # "…사용해야하는 경우 shell형식 지정": 경우 heads the clause before
        follow = toks[j] if j < n else None
        out.extend(_korean_run(sentence, run, follow, topic_first=not first_noun_seen))
        if (
            len(run) > 1
            and run[-1].form in KO_VERBAL_NOUNS
            and run[-2].form not in KO_VERBAL_NOUNS  # "동시에 사용자 접근 가능": a verb phrase
            and run[-1].start > run[-2].end
            and not sentence[run[-1].end :].strip(" .。!~")
        ):
            # "… shell형식 지정": the sentence ends on its verb; the noun before is the term
            out.extend(_korean_run(sentence, run[:-1], run[-1], topic_first=False))
        first_noun_seen = True
        i = j
    return out


# units a specification is given in ("32비트", "기본 300초", "n-1명만 앉힘"): a number with one
# is a fact to remember; a bare number, or a count of things listed ("3가지", "4개"), is not
_UNITS = frozenset(
    "비트 바이트 bit bits byte bytes 초 분 시간 일 주 개월 년 ms 밀리초 KB MB GB TB Kbps Mbps Gbps % 퍼센트 "
    "배 명 클럭 Hz MHz GHz 포트".split()
)


def _measure(sentence: str, toks: list[_Tok], i: int) -> Term | None:
    """A number and its unit starting at ``toks[i]`` ("32비트", "n-1명"), or None."""
    t = toks[i]
    if t.tag != "SN" or i + 1 >= len(toks):
        return None
    unit = toks[i + 1]
    if unit.start != t.end or unit.form not in _UNITS:
        return None
    start = t.start
    j = i
    while j >= 2 and toks[j - 1].tag == "SO" and toks[j - 2].tag == "SL":  # "n-1명"
        if toks[j - 1].start != toks[j - 2].end or t.start != toks[j - 1].end:
            break
        start = toks[j - 2].start
        j -= 2
    if start > 0 and not sentence[start - 1].isspace() and sentence[start - 1] not in "(":
        return None  # part of a longer token ("IPv4", "x86")
    return Term(sentence[start : unit.end], start, unit.end, MEASURE_SCORE)


def _korean_run(
    sentence: str, run: list[_Tok], follow: _Tok | None, topic_first: bool
) -> list[Term]:
    start, end = run[0].start, run[-1].end
    text = sentence[start:end]
    nouns = [t for t in run if t.tag in _NOUN_TAGS]
    latin = [t for t in run if t.tag == "SL"]
    if is_stopword(text, "ko"):
        return []
    syllables = len(_HANGUL_SYL.findall(text))
    if not latin and len(nouns) == 1 and syllables < 2:
        return []  # one-syllable noun: too generic
    if latin and len(run) == 1 and len(re.sub(r"[^A-Za-z]", "", text)) < 2:
        return []  # a lone letter (O in O(1))
    score = 1.0
    if latin:
        score += 2.0
    if any(t.tag == "NNP" for t in nouns):
        score += 1.0
    score += min(len(nouns) - 1, 2) * 0.5
    score += min(syllables + len(latin), 6) * 0.05
    verb = 0.0  # what the run's last noun loses when it is the stem of a verb
    if follow is not None:
        gap = sentence[end : follow.start]
        if not gap and follow.tag in _PREDICATE:
            verb = 4.0  # 포함(된다), 사용(하자)
            score -= verb
        elif not gap and follow.form == "적" and follow.tag == "XSN":
            score -= 1.0  # 평균(적으로)
        elif not gap and topic_first and follow.tag == "JX" and follow.form in ("은", "는"):
            score += 1.0  # the sentence's topic: "레이어는 ..."
    out = [Term(text, start, end, score)]
    if latin and len(latin) < len(run):
        # "exec 형식": the Latin part alone is usually the better blank ("공인 IP", where a
        # Korean word qualifies it, is one term)
        ls, le = latin[0].start, latin[-1].end
        if ls == start and all(t.tag in ("SL", "SN") for t in run if ls <= t.start < le):
            ltext = sentence[ls:le]
            if not is_stopword(ltext, "ko") and len(re.sub(r"[^A-Za-z]", "", ltext)) >= 2:
                # (".dockerignore 파일 생성함": the verb is 생성's, not the Latin name's)
                out.append(Term(ltext, ls, le, score + 0.5 + (verb if le < end else 0.0)))
    return out


# --- Korean without a model ----------------------------------------------------------------

# Particles and the copula, longest first.
_PARTICLES = tuple(
    sorted(
        """
        에서부터 으로부터 로부터 에게서 한테서 에서는 에서도 에서의 에게는 으로는 으로도 으로서
        으로써 으로의 이라는 이라고 이라면 이란 라는 라고 라면 입니다 이었다 였다 이며 이고 이다
        에서 에게 한테 까지 부터 처럼 보다 마다 조차 마저 밖에 이나 에는 에도 에의 와는 과는
        와도 과도 와의 과의 으로 로는 로도 로서 로써 만큼 이랑 이든 만을 만이 까지는 부터는
        은 는 이 가 을 를 에 의 로 와 과 도 만 란 나 랑
        """.split(),
        key=len,
        reverse=True,
    )
)
# Syllables a verb, adjective or adverb form ends in (when no particle was found).
_VERBISH_END = frozenset("다요자고며면서지게니라한된할될인던운은는를며듯야네죠까음함됨기")


_PARTICLE_SET = frozenset(_PARTICLES)
_PARTICLES_BY_LEN: tuple[tuple[int, frozenset[str]], ...] = tuple(
    (n, frozenset(p for p in _PARTICLES if len(p) == n))
    for n in sorted({len(p) for p in _PARTICLES}, reverse=True)
)


_WORD = re.compile(r"[A-Za-z0-9\uac00-\ud7a3][\w.+#-]*")


@lru_cache(maxsize=1 << 16)
def _vocab_word(word: str) -> str:
    return _strip_particle(word).casefold()


class Vocabulary(Counter[str]):
    """A word count that keeps its :meth:`total` once asked (the generators ask it for every
    candidate term); changing a count forgets it."""

    _total: int | None = None

    def total(self) -> int:
        if self._total is None:
            self._total = super().total()
        return self._total

    def __setitem__(self, key: str, value: int) -> None:
        self._total = None
        super().__setitem__(key, value)

    def __delitem__(self, key: object) -> None:
        self._total = None
        super().__delitem__(key)


def vocabulary(text: str) -> Counter[str]:
    """How often each word of the notes occurs (casefolded, Korean particles stripped): a term
    the notes use more than once is one of their terms, not a passing word."""
    return vocabulary_of(words_of(text))


def words_of(text: str) -> Counter[str]:
    """The words of a text as written, counted (what :func:`vocabulary_of` makes a vocabulary of:
    the counts of texts one after another, added in order, are those of the texts joined)."""
    return Counter(_WORD.findall(text))


def vocabulary_of(words: Counter[str]) -> Counter[str]:
    """:func:`vocabulary` of the words of a text (:func:`words_of`)."""
    # (each distinct word made a vocabulary word once: the counts, and the order the words
    # first occur in, are those of counting every word made one)
    counts: dict[str, int] = {}
    for word, n in words.items():
        key = _vocab_word(word)
        counts[key] = counts.get(key, 0) + n
    vocab = Vocabulary()
    dict.update(vocab, counts)  # as counted, without a __setitem__ call for every word
    return vocab


def recurs(term: str, vocab: Counter[str]) -> bool:
    """Every word of ``term`` occurs at least twice in the notes."""
    words = [_strip_particle(w).casefold() for w in _WORD.findall(term)]
    return bool(words) and all(vocab.get(w, 0) >= 2 for w in words)


GENERAL_SHARE = 0.006  # a word this frequent in the notes is their topic, not one fact
GENERAL_MIN = 8


def everywhere(word: str, vocab: Counter[str]) -> bool:
    """The notes use ``word`` so often (≥ 0.6 % of their words, and 8 times) that hiding it
    asks nothing: "서버" in notes about servers."""
    if not vocab:
        return False
    n = vocab.get(_strip_particle(word).casefold(), 0)
    return n >= GENERAL_MIN and n >= GENERAL_SHARE * vocab.total()


def is_particle(text: str) -> bool:
    """``이``, ``에서는``, ``으로``…: a particle (or the copula) alone, as attached to a noun."""
    if text in _PARTICLE_SET or text in ("이다", "입니다", "이며", "이고", "였다", "이었다"):
        return True
    # quotatives and particles stacked on one another: "라고도", "이라는", "에서만", "으로서는"
    return bool(_STACKED_PARTICLES.fullmatch(text))


_STACKED_PARTICLES = re.compile(
    r"(?:이)?라(?:고|는|며|면)?(?:도|는|만)?|(?:에|에서|으로|로|와|과)(?:는|도|만|의)"
    r"|인데|이고|이며|이지만|이라서|이므로|이니까|인|일|임|이죠|이에요|예요"
    r"|이기(?:에|도|는|때문)?|이어서|이었고|이었던|이던|이든지?|이면|이라도"
)


def strip_particle(word: str) -> str:
    """ "레이어는" → "레이어": a Korean word without the particle after it."""
    return _strip_particle(word)


@lru_cache(maxsize=1 << 16)
def _strip_particle(word: str) -> str:
    """``word`` without a particle (or the copula) at its end: 커널이 → 커널."""
    w = word.strip().rstrip(".,;:!?…)]}'\"`*")
    for n, group in _PARTICLES_BY_LEN:
        p = w[-n:]
        if len(w) > n and p in group:
            stem = w[: -len(p)]
            if len(p) == 1 and len(stem) < 2 and _HANGUL_SYL.match(stem):
                continue  # 책이 stays: a one-syllable stem is as likely a whole word
            if _HANGUL_SYL.search(stem[-1:]) or re.search(r"[A-Za-z0-9]$", stem):
                return stem
    return w


def _korean_plain(sentence: str) -> list[Term]:
    out: list[Term] = []
    pieces: list[tuple[int, int, str, bool]] = []  # start, end, stem, had a particle
    for s, e in _eojeols(sentence):
        s, e = _trim_span(sentence, s, e)
        while s < e and sentence[s] in "([{«“‘":
            s += 1
        if e <= s:
            continue
        word = sentence[s:e]
        m = re.match(r"[A-Za-z0-9][A-Za-z0-9_.+#/-]*", word)
        if m and re.search(r"[A-Za-z]", m.group()):
            stem = m.group().rstrip(".-/")
            pieces.append((s, s + len(stem), stem, len(stem) < len(word)))
            continue
        stem = _strip_particle(word)
        had = len(stem) < len(word.rstrip(".,;:!?…)]}'\"`*"))
        pieces.append((s, s + len(stem), stem, had))

    # "Storage Driver를", "bind mount는": consecutive Latin words make one term
    merged: list[tuple[int, int, str, bool]] = []
    for p in pieces:
        if merged:
            ps, pe, pstem, phad = merged[-1]
            if (
                not phad
                and sentence[pe : p[0]] == " "
                and re.search(r"[A-Za-z]", pstem)
                and re.match(r"[A-Za-z0-9]", p[2])
            ):
                merged[-1] = (ps, p[1], sentence[ps : p[1]], p[3])
                continue
        merged.append(p)
    pieces = merged

    for k, (s, e, stem, had) in enumerate(pieces):
        latin = bool(re.search(r"[A-Za-z]", stem))
        if latin and len(re.sub(r"[^A-Za-z]", "", stem)) < 2:
            continue
        if not latin:
            if stem.endswith(("하기", "되기", "하", "되", "시키", "적")) or (
                not had and stem[-1:] in _VERBISH_END
            ):
                continue
            if len(_HANGUL_SYL.findall(stem)) < 2 or not _HANGUL_SYL.fullmatch(stem[-1]):
                continue
        if is_stopword(stem, "ko"):
            continue
        score = (3.0 if latin else 1.0) + (0.0 if had or latin else -1.0)
        score += min(len(stem), 6) * 0.05
        out.append(Term(stem, s, e, score))
        # "exec 형식을", "HTTP 요청은": a bare Latin word joins the noun after it
        if latin and not had and k + 1 < len(pieces):
            s2, e2, stem2, had2 = pieces[k + 1]
            if had2 and sentence[e:s2] == " " and not is_stopword(stem2, "ko"):
                out.append(Term(sentence[s:e2], s, e2, score - 0.5))
    return out


# --- English -------------------------------------------------------------------------------

_DEFINES_AFTER = re.compile(
    r"\s+(?:is|are|was|were|refers\s+to|means|denotes|stands\s+for)\b", re.I
)
_DEFINES_BEFORE = re.compile(
    r"\b(?:called|known\s+as|referred\s+to\s+as|named|termed|dubbed)\s+(?:the\s+|an?\s+)?$", re.I
)
_LEAD_ARTICLE = re.compile(r"^\W*(?:(?:a|an|the)\s+)?$", re.I)
_LIST_GAP = re.compile(r"^\s*,\s*(?:(?:and|or)\s+)?$|^\s+(?:and|or)\s+$", re.I)


# Plain judgements: "a [good choice]" asks nothing; lowercase only ("Good" may start a name).
# ("hard link", "best effort" are terms: not these words.)
_EN_PLAIN_ADJ = frozenset(
    """good bad better worse worst great nice well possible necessary""".split()
)
# verbs that take a preposition, in the third person: "a service [consists] of …"
_PREP_VERBS = frozenset(
    """consists depends relies belongs results refers leads applies responds happens occurs
    corresponds translates converts communicates listens waits stands lives exists reacts
    differs varies stems derives benefits suffers operates""".split()
)
# verbs that take "to" + a verb: "tries to convert", "needs to be", "wants to know"
_TO_VERBS = frozenset(
    """tries needs wants aims seeks attempts helps allows tends fails continues starts begins
    hopes plans intends means chooses decides refuses manages""".split()
)
_PARTICLE_NEXT = re.compile(r"\s+(?:up|down|out|off|away|back)\b")
_INFINITIVE_NEXT = re.compile(r"\s+to\s+(?!the\b|a\b|an\b)[a-z]+\b")
_DETERMINER_NEXT = re.compile(r"\s+(?:the|a|an|its|their|his|her|our|your|this|these|each|every)\s")


def _ends_in_verb(sentence: str, run: list[tuple[int, int, str]]) -> bool:
    """ "a service [consists] of …" (a verb before its preposition), "the engine [reads] the
    code" (an -s word before a determiner): the run's last word is the sentence's verb."""
    word, after = run[-1][2], sentence[run[-1][1] :]
    if word in _PREP_VERBS and _VERB_PREP.match(after):
        return True
    if word in _TO_VERBS and _INFINITIVE_NEXT.match(after):
        return True  # "the unary plus [tries] to convert …"
    if re.fullmatch(r"[a-z]{2,}[^su]s", word) and _PARTICLE_NEXT.match(after):
        return True  # "an index [speeds] up reads", "it [slows] down writes"
    return re.fullmatch(r"[a-z]{2,}[^su]s", word) is not None and bool(
        _DETERMINER_NEXT.match(after)
    )


_VERB_PREP = re.compile(r"\s+(?:of|on|upon|to|in|into|with|from|for|as|at)\b")

# After these, a lowercase -s word is a verb: "which points to", "EXPOSE only documents".
_BEFORE_VERB = frozenset(
    "that which who it this he she one also only always never often usually just still even "
    "rarely sometimes then simply really actually automatically".split()
)


def _verbish(word: str) -> bool:
    w = word.lower()
    return word.islower() and (
        (len(w) > 4 and w.endswith(("ed", "ing", "ly"))) or w in _IRREGULAR_PARTICIPLES
    )


# past participles that do not end in -ed: "a science [born] from …", "the data [written] to …"
_IRREGULAR_PARTICIPLES = frozenset(
    "born borne brought bought caught chosen driven drawn fallen forgotten frozen grown held "
    "hidden kept laid lost meant paid sent sold spent stolen taught thrown understood "
    "won worn written".split()
)


def _code_like(word: str) -> bool:
    return bool(
        "_" in word
        or _CAMEL_HUMP.search(word)
        or _DOTTED.search(word)
        or (_DIGIT.search(word) and _ASCII_LETTER.search(word))
    )


_CAMEL_HUMP = re.compile(r"[a-z][A-Z]")
_DOTTED = re.compile(r"\w\.\w")
_DIGIT = re.compile(r"\d")


def _plural(word: str) -> bool:
    w = word.lower()
    if len(word) > 2 and word[-1] == "s" and word[-2].isupper():
        return True  # APIs, VMs
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics"))


def _split_at_verbs(run: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Split a word run where a verb hides in it: compounds rarely have an -s word
    inside, so "Docker stores images" is noun + verb + noun and "Containers share" is a
    plural subject + verb. The verb is dropped."""
    out: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    skip = False
    for i, x in enumerate(run):
        if skip:
            skip = False
            continue
        last = i == len(run) - 1
        if not last and _plural(x[2]) and not x[2].isupper():
            if cur and x[2].islower():
                out.append(cur)  # noun(s) + verb-s: "Docker stores"
                cur = []
            else:
                out.append([*cur, x])  # plural subject + verb: "Containers share"
                cur = []
                skip = True
            continue
        cur.append(x)
    if cur:
        out.append(cur)
    return [r for r in out if r]


def _english(sentence: str) -> list[Term]:
    words = [(m.start(), m.end(), m.group()) for m in _LATIN_WORD.finditer(sentence)]
    # maximal runs of content words, split at stopwords and punctuation
    runs: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    prev_word = ""
    for s, e, w in words:
        gap = sentence[cur[-1][1] : s] if cur else ""
        stop = (
            w.lower() in _EN_STOP
            or w in _EN_PLAIN_ADJ
            or _NUMBERISH.match(w) is not None
            or (prev_word.lower() in _BEFORE_VERB and w.islower() and _plural(w))
        )
        if cur and (stop or gap.strip() or "\n" in gap):
            runs.append(cur)
            cur = []
        if not stop:
            if cur or not _verbish(w):
                cur.append((s, e, w))
        prev_word = w
    if cur:
        runs.append(cur)
    runs = [piece for r in runs for piece in _split_at_verbs(r)]
    # "a service consists of …", "it depends on …": a noun run ending in a verb before its
    # preposition loses the verb
    runs = [r[:-1] if len(r) >= 2 and _ends_in_verb(sentence, r) else r for r in runs]
    # drop trailing verb-ish words ("containers running")
    runs = [
        r[: len(r) - next((i for i, x in enumerate(reversed(r)) if not _verbish(x[2])), len(r))]
        for r in runs
    ]
    runs = [r for r in runs if r]

    # items of lists of three or more ("SYN, SYN-ACK and ACK") are never offered
    in_list: set[int] = set()
    k = 0
    while k < len(runs):
        j, commas = k, 0
        while j + 1 < len(runs):
            gap = sentence[runs[j][-1][1] : runs[j + 1][0][0]]
            if not _LIST_GAP.match(gap):
                break
            commas += "," in gap
            j += 1
        if j - k + 1 >= 3 and commas >= 1:
            in_list.update(range(k, j + 1))
        k = j + 1

    out: list[Term] = []
    first_start = words[0][0] if words else 0
    for idx, r in enumerate(runs):
        if idx in in_list:
            continue
        s, e = r[0][0], r[-1][1]
        text = sentence[s:e]
        if len(r) > 5:
            continue  # not a term, a stretch of text the heuristic failed to split
        if len(r) == 1 and (is_stopword(text, "en") or len(re.sub(r"[^A-Za-z]", "", text)) < 2):
            continue
        score = 1.0
        caps = [w for _, _, w in r if w[:1].isupper()]
        if any(w.isupper() and len(w) >= 2 for _, _, w in r) or any(_code_like(w) for _, _, w in r):
            score += 2.0
        elif caps and not (len(caps) == 1 and r[0][0] == first_start and r[0][2] in caps):
            score += 1.5  # proper name (not just the capital of the sentence's first word)
        elif caps:
            score += 0.5
        if "-" in text:
            score += 0.3
        score += min(len(r) - 1, 2) * 0.5
        score += min(len(text), 20) * 0.01
        before, after = sentence[:s], sentence[e:]
        if (_LEAD_ARTICLE.match(before) and _DEFINES_AFTER.match(after)) or _DEFINES_BEFORE.search(
            before
        ):
            score += 5.0  # the term the sentence defines
        out.append(Term(text, s, e, score))
    return out
