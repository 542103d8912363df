"""Whether a Korean word is an English word written in Hangul ("스택" for "stack", "라운드 로빈"
for "round robin"): a blank is given away when its other spelling stays on the front.

Both spellings are reduced to a skeleton of consonant classes (the sounds Korean loanwords
keep: ㅂ/ㅍ for b, p, f, v; ㄷ/ㅌ for d, t; ㄱ/ㅋ for g, k, c, q; ㄹ for l, r …); vowels, the
silent ㅇ and English letters Korean drops (h after a consonant, w, y, silent e) are left out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

# initial consonants (choseong order) and final consonants (jongseong order) → class; a final
# ㅅ/ㅆ sounds t in loanwords ("패킷" packet, "로봇" robot)
_INITIAL = "k k n t t r m p p s s _ j j j k t p h".split()
_FINAL = [
    "",
    "k",
    "k",
    "ks",
    "n",
    "nj",
    "nh",
    "t",
    "r",
    "rk",
    "rm",
    "rp",
    "rs",
    "rt",
    "rp",
    "rh",
    "m",
    "p",
    "ps",
    "t",
    "t",
    "ng",
    "j",
    "j",
    "k",
    "t",
    "p",
    "h",
]

# English letters and letter pairs → class, longest first
_LATIN_RULES = (
    ("tch", "j"),
    ("dj", "j"),
    ("sch", "sk"),
    ("ch", "j"),
    ("sh", "s"),
    ("th", "s"),
    ("ph", "p"),
    ("ck", "k"),
    ("c", "k"),
    ("ng", "ng"),
    ("qu", "k"),
    ("x", "ks"),
    ("b", "p"),
    ("p", "p"),
    ("f", "p"),
    ("v", "p"),
    ("d", "t"),
    ("t", "t"),
    ("g", "k"),
    ("k", "k"),
    ("q", "k"),
    ("s", "s"),
    ("z", "j"),
    ("j", "j"),
    ("l", "r"),
    ("r", "r"),
    ("m", "m"),
    ("n", "n"),
    ("h", "h"),
)
_LATIN_CLASS = dict(_LATIN_RULES)
_LATIN_UNIT = re.compile("|".join(p for p, _c in _LATIN_RULES) + "|.")
_SOFT_C = re.compile(r"c(?=[eiy])")
_SOFT_G = re.compile(r"(?<![gn])g(?=[eiy])")  # "image", "registry" (not "trigger", "finger")
_SILENT_R = re.compile(r"(?<=[aeiou])r(?![aeiouy])")  # "docker", "interface": no ㄹ in Korean
_VOICED_S = re.compile(r"(?<=[aeiou])s(?=ure)")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
MIN_SKELETON = 3  # "스택" s-t-k; shorter skeletons match by chance


_DOUBLED = re.compile(r"([a-z])\1")


def _squeeze(classes: list[str]) -> str:
    """Join the classes; ㄹㄹ (a final and an initial ㄹ: "볼륨") is one l sound."""
    return "".join(classes).replace("rr", "r")


@lru_cache(maxsize=1 << 14)
def hangul_skeleton(word: str) -> str:
    classes: list[str] = []
    for ch in word:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            continue
        initial, final = code // 588, code % 28
        c = _INITIAL[initial]
        if c == "h" and classes:
            c = ""  # "로드 밸런싱" has no h; a Korean h after a syllable is rare in loans
        classes.append("" if c == "_" else c)
        classes.append(_FINAL[final])
    return _squeeze(classes)


@lru_cache(maxsize=1 << 14)
def latin_skeleton(word: str) -> str:
    w = _SOFT_G.sub("j", _SOFT_C.sub("s", word.casefold())).replace("tion", "sion")
    w = _VOICED_S.sub("z", w)  # "closure", "measure": 클로저, 메저
    w = _DOUBLED.sub(r"\1", w)  # "process", "commit": one sound
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # silent e: "cache", "image"
    w = _SILENT_R.sub("", w)
    units = _LATIN_UNIT.findall(w)
    # an h after another letter is not heard in Korean ("john", "ohm")
    return "".join(_LATIN_CLASS.get(u, "") for i, u in enumerate(units) if u != "h" or i == 0)


def same_word(hangul: str, latin: str) -> bool:
    """Whether ``hangul`` (one or more Hangul words) spells the English ``latin``."""
    hs = hangul_skeleton("".join(_HANGUL_WORD.findall(hangul)))
    ls = latin_skeleton("".join(_LATIN_WORD.findall(latin)))
    return len(hs) >= MIN_SKELETON and hs == ls


def _latin_spellings(word: str) -> tuple[str, ...]:
    """An English word's skeletons as Korean may write it: "ch" said as 시 as well as 치
    ("cache": 캐시), a plural without its s ("Stacks": 스택)."""
    low = word.casefold()
    forms = [low]
    if "ch" in low:
        forms.append(low.replace("ch", "sh"))
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        forms += [f[:-1] for f in forms]
    return tuple(dict.fromkeys(latin_skeleton(f) for f in forms))


@lru_cache(maxsize=4096)
def _spellings(text: str, hangul: bool) -> frozenset[str]:
    """The skeletons of every run of 1–4 consecutive Hangul (or English) words of ``text``."""
    options: list[tuple[str, ...]]
    if hangul:
        options = [(hangul_skeleton(w),) for w in _HANGUL_WORD.findall(text)]
    else:
        # ("cache", "caching": a "ch" said as 시/싱 in Korean, 캐시 / 캐싱, as well as 치 / 칭)
        # ("Stacks": a plural's s is not written in Korean, 스택)
        options = [_latin_spellings(w) for w in _LATIN_WORD.findall(text)]
    if all(len(o) == 1 for o in options):  # one spelling a word: one run a window
        skeletons = [o[0] for o in options]
        return frozenset(
            "".join(skeletons[i : i + size]).replace("rr", "r")
            for size in range(1, 5)
            for i in range(len(skeletons) - size + 1)
        )
    return frozenset(
        _squeeze(list(run))
        for size in range(1, 5)
        for i in range(len(options) - size + 1)
        for run in product(*options[i : i + size])
    )


def spelled_in(term: str, *texts: str, shown: str | None = None) -> bool:
    """Whether one of ``texts`` writes ``term`` in the other script: a Hangul term as a run of
    English words ("스택" in "Stack Area"), an English term as a run of Hangul words.
    ``shown``: what else the reader sees (default: the texts); the words of the term shown
    there as they are ("DNS" of "DNS Round Robin") tell nothing and are left out."""
    folded = (" ".join(texts) if shown is None else shown).casefold()
    own = [w for w in term.split() if w.casefold() not in folded]
    if own and all(_HANGUL_WORD.fullmatch(w) for w in own):
        target, other_is_hangul = hangul_skeleton("".join(own)), False
    elif own and all(_LATIN_WORD.fullmatch(w) for w in own):
        target, other_is_hangul = latin_skeleton("".join(own)), True
    else:
        return False
    if len(target) < MIN_SKELETON:
        return False
    return any(target in _spellings(text, other_is_hangul) for text in texts)


__all__ = ["hangul_skeleton", "latin_skeleton", "same_word", "spelled_in"]
