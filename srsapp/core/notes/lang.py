"""Script detection and the Korean / English question templates.

Cards are written in the notes' language: a section (or document) whose letters are
mostly Hangul gets Korean prompts, anything else English ones.
"""

from __future__ import annotations

import re
from enum import StrEnum

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z]")
_HANGUL_SHARE = 0.25  # Korean notes are full of English terms
_MIN_LETTERS = 12


class Lang(StrEnum):
    KO = "ko"
    EN = "en"


def has_hangul(text: str) -> bool:
    return _HANGUL.search(text) is not None


def hangul_share(text: str) -> tuple[float, int]:
    """Share of Hangul among Hangul + Latin letters, and the letter count."""
    sample = text[:20000]
    ko = len(_HANGUL.findall(sample))
    en = len(_LATIN.findall(sample))
    total = ko + en
    return (ko / total if total else 0.0), total


def detect(text: str, fallback: Lang = Lang.EN) -> Lang:
    """Korean when Hangul makes up a fair share of the letters; ``fallback`` on too little text."""
    share, total = hangul_share(text)
    if total < _MIN_LETTERS:
        return fallback
    return Lang.KO if share >= _HANGUL_SHARE else Lang.EN


def _has_batchim(word: str) -> bool | None:
    """Whether the last spoken syllable of ``word`` ends in a consonant (None: unknown)."""
    for ch in reversed(word.strip()):
        if "\uac00" <= ch <= "\ud7a3":
            return (ord(ch) - 0xAC00) % 28 != 0
        if ch.isalnum():
            return None
    return None


def josa(word: str, with_final: str, without_final: str) -> str:
    """Attach a Korean particle that depends on the final consonant: 이란/란, 은/는, 을/를."""
    final = _has_batchim(word)
    if final is None:
        # "(이)란" style when the word is not Hangul.
        if with_final.endswith(without_final) and with_final != without_final:
            extra = with_final[: len(with_final) - len(without_final)]
            return f"{word}({extra}){without_final}"
        return f"{word}{with_final}/{without_final}"
    return word + (with_final if final else without_final)


_TEMPLATES: dict[str, tuple[str, str]] = {
    "what_is": ("{x_iran} 무엇인가?", "What is {x}?"),
    "describe": ("{x}에 대해 설명하시오.", "Describe {x}."),
    "describe_part": ("{x}에 대해 설명하시오. ({i}/{n})", "Describe {x} ({i}/{n})."),
    "references": ("{x}: 참고 자료는?", "Which references are listed for {x}?"),
    "term_fwd": ("{x}의 뜻은?", "What does {x} mean?"),
    "term_rev": ("다음 뜻을 가진 용어는?", "Which term means the following?"),
    "list_all": ("{x}의 {n}가지 종류를 모두 쓰시오.", "Name the {n} kinds of {x}."),
    "list_terms": (
        "{x}에 나오는 용어 {n}가지를 모두 쓰시오.",
        "Name the {n} terms listed under {x}.",
    ),
    "list_item": ("{x_iran} 무엇인가? ({p}의 한 종류)", "What is {x} (one of the kinds of {p})?"),
    "seq_first": ("{x}: 첫 번째 단계는?", "{x}: what is the first step?"),
    "seq_next": ("{x}: 다음 단계는?", "{x}: what is the next step?"),
    "seq_order": ("{x}의 전체 순서를 쓰시오.", "List the steps of {x} in order."),
    "seq_case": ("{x}: 다음 항목의 예시를 쓰시오.", "{x}: give the example for this item."),
    "cmd_to": ("다음을 하는 명령은?", "Which command does this?"),
    "cmd_situation": ("다음 상황에서 쓰는 명령은?", "Which command goes with this?"),
    "cmd_from": ("다음 명령은 무엇을 하는가?", "What does this command do?"),
    "cmd_when": ("다음 명령은 어떤 상황에서 쓰는가?", "When is this command used?"),
    "cloze": ("빈칸 [...]에 들어갈 말은?", "Fill in the blank [...]."),
}


def prompt(name: str, lang: Lang, **fields: object) -> str:
    """A card prompt in the given language (plain text; escape it when rendering)."""
    ko, en = _TEMPLATES[name]
    if lang is Lang.KO:
        x = str(fields.get("x", ""))
        fields.setdefault("x_iran", josa(x, "이란", "란"))
        return ko.format(**fields)
    return en.format(**fields)
