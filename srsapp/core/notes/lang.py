"""Script detection and the Korean / English question templates.

Cards are written in the notes' language: a section (or document) whose letters are
mostly Hangul gets Korean prompts, anything else English ones.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z]")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")
_HANGUL_SHARE = 0.25  # Korean notes are full of English terms
_MIN_LETTERS = 12


class Lang(StrEnum):
    KO = "ko"
    EN = "en"


@lru_cache(maxsize=1 << 16)
def has_hangul(text: str) -> bool:
    return _HANGUL.search(text) is not None


def hangul_share(text: str) -> tuple[float, int]:
    """Share of Hangul among Hangul + Latin letters, and the letter count."""
    sample = text[:20000]
    ko = sum(map(len, _HANGUL_RUN.findall(sample)))  # (runs: far fewer pieces than letters)
    en = sum(map(len, _LATIN_RUN.findall(sample)))
    total = ko + en
    return (ko / total if total else 0.0), total


def detect(text: str, fallback: Lang = Lang.EN) -> Lang:
    """Korean when Hangul makes up a fair share of the letters; ``fallback`` on too little text."""
    share, total = hangul_share(text)
    if total < _MIN_LETTERS:
        return fallback
    return Lang.KO if share >= _HANGUL_SHARE else Lang.EN


# --- Korean particles -------------------------------------------------------------------
#
# A particle such as 이란/란 follows the final sound of the word as it is *spoken*. For
# Hangul that is the last syllable's final consonant; for Latin letters and digits it is
# the Korean reading: acronyms are spelled letter by letter (TCP → 티시피), digits read
# Sino-Korean (2 → 이), and English words go through a spelling heuristic that guesses
# whether the Korean loanword ends in a consonant (stack → 스택, cache → 캐시).

_NONE = ""  # spoken word ends in a vowel
_RIEUL = "ㄹ"  # ends in ㄹ: a consonant, but 으로/로 takes 로

# Final consonant of each letter's Korean name (A 에이, ..., L 엘, M 엠, N 엔, R 알).
_LETTER_CODA = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
# Final consonant of each digit's Sino-Korean reading (영 일 이 삼 사 오 육 칠 팔 구).
_DIGIT_CODA = ("ㅇ", "ㄹ", "", "ㅁ", "", "", "ㄱ", "ㄹ", "ㄹ", "")
# Round numbers: 십 백 천 만, then 십만 백만 천만 억 ...
_TENS_CODA = ("ㅂ", "ㄱ", "ㄴ", "ㄴ", "ㄴ", "ㄱ", "ㄴ", "ㄱ")
# Common loanwords whose Korean form does not follow the spelling heuristic below.
_LOANWORD_CODA = {"type": "ㅂ", "bit": "", "kit": "", "hub": "", "sub": "", "club": "ㅂ"}

_VOWELS = frozenset("aeiou")
_JOSA_PAIRS: tuple[tuple[str, str], ...] = (
    ("이란", "란"),
    ("은", "는"),
    ("이", "가"),
    ("을", "를"),
    ("과", "와"),
    ("으로", "로"),
    ("이다", "다"),
    ("이나", "나"),
    ("이라", "라"),
    ("이랑", "랑"),
    ("아", "야"),
    ("으로서", "로서"),
    ("으로써", "로써"),
    ("이며", "며"),
    ("이고", "고"),
    ("이면", "면"),
    ("이든", "든"),
    ("이라도", "라도"),
    ("이야", "야"),
)
_TRAILING_NOISE = "`'\"“”‘’.,;:!?…·*_~-–—»>/\\|"
_OPEN = {")": "(", "]": "[", "}": "{", "）": "（", "」": "「", "』": "『"}
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")


def _is_syllable(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _spoken_tail(word: str) -> str:
    """The part of ``word`` a particle attaches to, as it is read: no trailing
    parenthesised aside, punctuation or backticks (``리포지토리 (레지스트리)`` → 리포지토리)."""
    s = word
    while True:
        s = s.rstrip().rstrip(_TRAILING_NOISE).rstrip()
        if s and s[-1] in _OPEN:
            opener = _OPEN[s[-1]]
            i = s.rfind(opener)
            if i < 0:
                s = s[:-1]
                continue
            before, inner = s[:i], s[i + 1 : -1]
            s = before if any(c.isalnum() for c in before) else inner
            continue
        return s


def _number_coda(digits: str) -> str:
    """Final consonant of a digit string read in Sino-Korean (12 → 십이, 100 → 백)."""
    stripped = digits.lstrip("0")
    if not stripped:
        return _DIGIT_CODA[0]  # 영
    zeros = len(stripped) - len(stripped.rstrip("0"))
    if zeros == 0:
        return _DIGIT_CODA[int(stripped[-1])]
    return _TENS_CODA[min(zeros, len(_TENS_CODA)) - 1]


def _letters_coda(letters: str) -> str:
    """Final consonant of the last letter's Korean name (P 피 → none, L 엘 → ㄹ)."""
    return _LETTER_CODA.get(letters[-1].lower(), _NONE)


def _reads_as_word(piece: str) -> bool:
    """Whether an all-caps piece is a word written in capitals (EXPOSE, VOLUME) rather
    than an acronym spelled letter by letter (HTTP, JSON, API)."""
    vowels = sum(1 for c in piece.lower() if c in _VOWELS)
    return len(piece) >= 4 and vowels >= 2


def _english_coda(word: str) -> str:
    """Guess whether the Korean loanword for an English ``word`` ends in a consonant."""
    w = word.lower()
    if w in _LOANWORD_CODA:
        return _LOANWORD_CODA[w]
    if not any(c in _VOWELS or c == "y" for c in w):
        return _letters_coda(w)  # tcp, npm: spelled out
    last = w[-1]
    prev = w[-2] if len(w) > 1 else ""
    before = w[-3] if len(w) > 2 else ""
    if w.endswith("ght"):
        return _NONE  # 라이트
    if w.endswith("ng"):
        return "ㅇ"
    if last == "m":
        return "ㅁ"
    if last == "n":
        return "ㄴ"
    if last == "l":
        return _RIEUL
    if last == "e":
        # silent e: the consonant before it decides (volume 볼륨, line 라인, file 파일)
        if prev == "m":
            return "ㅁ"
        if prev == "n":
            return "ㄴ"
        if prev == "l":
            return _RIEUL
        return _NONE  # 스토리지, 캐시, 바이트, 코드, 큐, 코어, 드라이브
    if w.endswith("ck"):
        return "ㄱ"  # stack 스택, deadlock 데드락
    if last in "kptbc":
        if prev not in _VOWELS:
            return _NONE  # network 네트워크, help 헬프, mount 마운트, sync 싱크
        vowel_pair = before in _VOWELS
        if last == "p":
            return _NONE if w.endswith("oop") else "ㅂ"  # heap 힙, group 그룹; loop 루프
        if last == "k":
            return "ㄱ" if not vowel_pair or w.endswith("ook") else _NONE  # book 북; speak
        if last == "t":
            return _NONE if vowel_pair and not w.endswith("out") else "ㅅ"  # git 깃; root 루트
        if last == "b":
            return _NONE if vowel_pair else "ㅂ"  # job 잡, web 웹
        return "ㄱ"  # magic 매직, spec 스펙
    # -s -x -sh -ch -ss -d -g -f -v -z -r -y -w and vowels: 스 크스 시 치 드 그 프 어 이 오 ...
    return _NONE


def _coda_of(word: str) -> str | None:
    """Final consonant of the spoken end of ``word`` ("" for a vowel); None if unreadable."""
    s = _spoken_tail(word)
    if not s:
        return None
    if s.endswith("#"):
        return "ㅂ"  # C# 씨샵
    if s.endswith("%"):
        return _NONE  # 퍼센트
    i = len(s)
    while i > 0 and not (s[i - 1].isalnum() or _is_syllable(s[i - 1])):
        i -= 1  # symbols between the word and its end (C++, a/b, x=1)
    if i == 0:
        return None
    ch = s[i - 1]
    if _is_syllable(ch):
        return _JONG[(ord(ch) - 0xAC00) % 28]
    if ch.isdigit() and ch.isascii():
        j = i
        while j > 0 and s[j - 1].isdigit() and s[j - 1].isascii():
            j -= 1
        return _number_coda(s[j:i])
    if ch.isascii() and ch.isalpha():
        j = i
        while j > 0 and s[j - 1].isascii() and s[j - 1].isalpha():
            j -= 1
        token = s[j:i]
        pieces = _CAMEL.findall(token) or [token]
        piece = pieces[-1]
        if len(piece) == 1 or (piece.isupper() and not _reads_as_word(piece)):
            return _letters_coda(piece)
        return _english_coda(piece)
    return None


_JONG = (
    "",
    "ㄱ",
    "ㄲ",
    "ㄳ",
    "ㄴ",
    "ㄵ",
    "ㄶ",
    "ㄷ",
    "ㄹ",
    "ㄺ",
    "ㄻ",
    "ㄼ",
    "ㄽ",
    "ㄾ",
    "ㄿ",
    "ㅀ",
    "ㅁ",
    "ㅂ",
    "ㅄ",
    "ㅅ",
    "ㅆ",
    "ㅇ",
    "ㅈ",
    "ㅊ",
    "ㅋ",
    "ㅌ",
    "ㅍ",
    "ㅎ",
)


def coda(word: str) -> str:
    """The final consonant of ``word`` as spoken in Korean, as a compatibility jamo
    ("ㄹ", "ㅁ", ...), or "" when it ends in a vowel. Latin words and digits are read the
    Korean way (HTTP → 에이치티티피 → "", SQL → 엘 → "ㄹ", job → 잡 → "ㅂ", L2 → 이 → "").
    Unreadable input (symbols only, empty) is treated as ending in a vowel."""
    c = _coda_of(word)
    return c if c is not None else _NONE


def has_batchim(word: str) -> bool:
    """Whether the spoken end of ``word`` carries a final consonant (see :func:`coda`)."""
    return coda(word) != _NONE


def _resolve_pair(pair: str, without_final: str | None) -> tuple[str, str]:
    if without_final is not None:
        return pair, without_final
    if "/" in pair:
        a, b = (p.strip() for p in pair.split("/", 1))
        return a, b
    for with_f, without_f in _JOSA_PAIRS:
        if pair in (with_f, without_f):
            return with_f, without_f
    if pair[:1] in ("이", "으") and len(pair) > 1:
        return pair, pair[1:]
    raise ValueError(f"unknown particle pair {pair!r}")


def particle(word: str, pair: str, without_final: str | None = None) -> str:
    """Only the particle :func:`josa` would attach to ``word``."""
    with_f, without_f = _resolve_pair(pair, without_final)
    c = coda(word)
    if c == _NONE:
        return without_f
    if c == _RIEUL and with_f.startswith("으"):
        return without_f  # 물로, SQL로
    return with_f


@lru_cache(maxsize=8192)
def josa(word: str, pair: str, without_final: str | None = None) -> str:
    """``word`` followed by the particle that fits its final sound.

    ``pair`` names the particle by either form or both: ``"이란/란"``, ``"이란"`` or
    ``"란"`` (likewise 은/는, 이/가, 을/를, 과/와, 으로/로, 이다/다, ...); the older
    two-form call ``josa(word, "이란", "란")`` still works. Latin words, acronyms and
    digits are read the Korean way (``Docker란``, ``DNS란``, ``Git이란``, ``SQL로``), a
    trailing parenthesised aside, punctuation and backticks are skipped, and the result
    never contains "(이)"-style alternatives.
    """
    return word + particle(word, pair, without_final)


_TEMPLATES: dict[str, tuple[str, str]] = {
    "what_is": ("{x_iran} 무엇인가?", "What is {x}?"),
    "describe": ("{x}에 대해 설명하시오.", "Describe {x}."),
    "describe_part": ("{x}에 대해 설명하시오. ({i}/{n})", "Describe {x} ({i}/{n})."),
    "references": ("{x}: 참고 자료는?", "Which references are listed for {x}?"),
    "term_fwd": ("{x}의 뜻은?", "What does {x} mean?"),
    "value_of": ("{x_eun}?", "What is the {x}?"),
    "term_rev": ("다음 뜻을 가진 용어는?", "Which term means the following?"),
    "list_all": ("{x}: {n}가지를 모두 쓰시오.", "{x}: name all {n}."),
    "list_all_q": ("{n}가지를 모두 쓰시오.", "Name all {n}."),
    "list_terms": (
        "{x}에 나오는 용어 {n}가지를 모두 쓰시오.",
        "Name the {n} terms listed under {x}.",
    ),
    "list_item": ("{x_iran} 무엇인가?", "What is {x}?"),
    "versus": ("{x_wa} {y}의 차이는?", "What is the difference between {x} and {y}?"),
    "seq_first": ("{x}: 첫 번째 단계는?", "{x}: what is the first step?"),
    "seq_next": ("{x}: 다음 단계는?", "{x}: what is the next step?"),
    "seq_order": ("{x}의 전체 순서를 쓰시오.", "List the steps of {x} in order."),
    # (under a heading that is a whole sentence: the breadcrumb above says whose steps)
    "seq_first_bare": ("첫 번째 단계는?", "What is the first step?"),
    "seq_next_bare": ("다음 단계는?", "What is the next step?"),
    "seq_order_bare": ("전체 순서를 쓰시오.", "List the steps in order."),
    "seq_case": ("{x}: 다음 항목의 예시를 쓰시오.", "{x}: give the example for this item."),
    "cmd_to": ("다음을 하는 명령은?", "Which command does this?"),
    "cmd_situation": ("다음 상황에서 쓰는 명령은?", "Which command goes with this?"),
    "cmd_from": ("다음 명령은 무엇을 하는가?", "What does this command do?"),
    "cmd_when": ("다음 명령은 어떤 상황에서 쓰는가?", "When is this command used?"),
    "cloze": ("빈칸 [...]에 들어갈 말은?", "Fill in the blank [...]."),
    "keys_to": ("다음을 하는 키는?", "Which keys do this?"),
    "keys_from": ("다음 키는 무엇을 하는가?", "What do these keys do?"),
    "code_to": ("다음을 하는 코드는?", "Which line of code does this?"),
    "code_from": ("다음 코드는 무엇을 하는가?", "What does this line of code do?"),
    "code_write": ("다음을 하는 코드를 쓰시오.", "Write the code that does this."),
    "code_explain": ("다음 코드는 무엇을 하는가?", "What does this code do?"),
    "list_rev": ("다음 설명에 해당하는 것은?", "Which one is described here?"),
    "list_points": (
        "{x}에 대해 적은 {n}가지를 모두 쓰시오.",
        "Name the {n} points listed under {x}.",
    ),
    "lead_list": ("다음에 해당하는 {n}가지를 모두 쓰시오.", "Name the {n} items this introduces."),
    "arrow": ("다음 경우에 해당하는 것은?", "What does this lead to?"),
    "chain_next": ("다음 단계는?", "What comes next?"),
    "def_rev": ("다음 설명에 해당하는 용어는?", "Which term is described here?"),
    "role": ("{x_eun} 무엇을 하는가?", "What does {x} do?"),
    "cell_rev": ("다음 {y}에 해당하는 {x}{x_eun_tail}?", "Which {x} has this {y}?"),
    "rule_what": ("'{x}': 구체적으로 무엇인가?", "'{x}': what does it say?"),
    "what_happens": ("{x}에서 일어나는 일은?", "What happens at {x}?"),
    "occurs": ("{x_eun} 언제 발생하는가?", "When does {x} occur?"),
    "label_q": ("{x_eun}?", "{x}?"),
    "stands_for": ("{x_eun} 무엇의 약자인가?", "What does {x} stand for?"),
    "in_english": ("{x}의 영어 용어는?", "What is {x} called in English?"),
    "option_to": ("{x}: 다음을 하는 옵션은?", "{x}: which option does this?"),
    "item_of": ("{x}: {y_eun}?", "{x}: {y}?"),
    "cell": ("{x}: {y_eun}?", "{x}: {y}?"),
    "label_term": ("{x}: {y_eun}?", "{x}: {y}?"),
}


_QUESTION_TAIL = re.compile(r"\s*(?:이란|란|은|는|이|가)?\s*[?？]+\s*$")


def as_noun(text: str) -> str:
    """A heading that asks a question, as the noun it asks about: "X란?" → "X",
    "Java의 메모리 영역은?" → "Java의 메모리 영역", "What is X?" stays (no Korean tail)."""
    if not has_hangul(text):
        return text
    return _QUESTION_TAIL.sub("", text) or text


EN_QUALIFIER = re.compile(
    r"(?:in|on|at|for|with|within|without|under|during|after|before|when|if)\s+\S", re.IGNORECASE
)


_EN_WH = re.compile(r"(?:how|why|what|when|where|which)\s+\S", re.IGNORECASE)


def prompt(name: str, lang: Lang, **fields: object) -> str:
    """A card prompt in the given language (plain text; escape it when rendering)."""
    ko, en = _TEMPLATES[name]
    x0 = str(fields.get("x", "")).rstrip()
    if (
        name == "list_all"
        and x0.endswith(("?", "？"))
        and re.search(
            r",|무엇|어떤|어떻게|^(?:what|which|how|why|when|where|who)\b", x0, re.IGNORECASE
        )
    ):
        # "교착상태가 무엇이며, 4가지 조건은?": no noun to name; the breadcrumb shows the question
        ko, en = _TEMPLATES["list_all_q"]
    x_text = str(fields.get("x", "")).strip()
    if name in ("describe", "describe_part") and lang is Lang.EN and EN_QUALIFIER.match(x_text):
        # "In sequence" under "Availability in parallel vs in sequence": a case, not a thing
        fields["x"] = "what holds " + x_text[:1].lower() + x_text[1:]
    elif name in ("describe", "describe_part") and lang is Lang.EN and _EN_WH.match(x_text):
        fields["x"] = x_text[:1].lower() + x_text[1:]  # "Describe how it compares to …"
    if (
        lang is Lang.KO
        and name in ("list_all", "list_points")
        and re.search(r"\d+\s*가지$", x_text)
    ):
        return f"{josa(x_text, '을/를')} 모두 쓰시오."  # "교착상태 해결 방법 4가지를 모두 쓰시오."
    for f in ("x", "p"):  # a question heading used as a noun: "Java의 메모리 영역은?" → "…영역"
        if isinstance(fields.get(f), str):
            fields[f] = as_noun(str(fields[f]))
            if name in ("list_all", "list_terms", "item_of", "cell", "label_term"):
                fields[f] = str(fields[f]).rstrip(" :：") or str(fields[f])  # "Time Complexity:"
    if lang is Lang.KO:
        x = str(fields.get("x", ""))
        fields.setdefault("x_iran", josa(x, "이란", "란"))
        fields.setdefault("x_eun", josa(x, "은/는"))
        fields.setdefault("x_wa", josa(x, "과/와"))
        fields.setdefault("x_eun_tail", josa(x, "은/는")[len(x) :])
        if "y" in fields:
            fields.setdefault("y_eun", josa(str(fields["y"]), "은/는"))
        return ko.format(**fields)
    return en.format(**fields)
