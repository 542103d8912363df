"""srsapp.core.notes.scan: a pattern behind a lookahead for the characters its matches start
with finds exactly what the plain pattern finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srsapp.core.notes import context
from srsapp.core.notes.scan import first_chars, scanner

PATTERNS = [
    (context._OPINION.pattern, re.IGNORECASE),
    (context._META.pattern, re.IGNORECASE),
    (context._POINTS_ELSEWHERE.pattern, re.IGNORECASE),
    (context._PRONOUN_USE.pattern, re.IGNORECASE),
    (r"\b(?:is|are)\s+(\w+)", 0),
    (r"(?:ab)?c|d*e|(?=x)xy|(?<!q)z+", 0),
    (r"(?:\s*[→⇒]\s*|\s+(?:->|=>)\s+)", 0),
    (r"[a-c\d]{2,}|[가-힣]+(?:은|는)\s", re.IGNORECASE),
    (r"(?>ab|a)c|(?:x|y)*+k", 0),
]
# letters re's IGNORECASE folds in ways str.lower() does not (dotless i, long s, Kelvin sign,
# dotted capital I), Hangul, spaces, punctuation
ALPHABET = "aAbBcCdeEiIıİſsSkKKtTxyzqhHmMpPnNorR가나은는다 \t\n-→>=:：'’.,?!1"


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=40))
def test_the_same_matches_as_the_plain_pattern(pattern: str, flags: int, text: str) -> None:
    plain = re.compile(pattern, flags)
    fast = scanner(pattern, flags)
    assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
        (m.span(), m.groups()) for m in plain.finditer(text)
    ]
    assert fast.sub("#", text) == plain.sub("#", text)


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS[:4])
def test_the_sentences_of_notes_match_as_before(pattern: str, flags: int) -> None:
    sentences = [
        "I think Docker is great.",
        "개인적으로 이 방법이 좋다고 생각한다.",
        "이번 실습에서는 이미지를 만들어 본다.",
        "See the figure below:",
        "This is why it matters, and that is it.",
        "In this post we'll set it up.",
        "도커 이미지는 레이어로 이루어진다.",
        "İn my opınıon ſo far it is fine",
    ]
    plain = re.compile(pattern, flags)
    fast = scanner(pattern, flags)
    assert [bool(fast.search(s)) for s in sentences] == [bool(plain.search(s)) for s in sentences]
    assert any(plain.search(s) for s in sentences)


def test_first_chars_of_alternatives_behind_word_boundaries() -> None:
    chars = first_chars(r"\b(?:I think|personally)\b|개인적으로")
    assert chars is not None
    assert re.fullmatch(f"{chars}+", "Ip개") and not re.search(chars, "xyz가")


def test_an_optional_start_adds_what_comes_after_it() -> None:
    chars = first_chars(r"(?:the\s+)?cat|\d*dog")
    assert chars is not None
    assert all(re.fullmatch(chars, ch) for ch in "tcd5")
    assert not re.search(chars, "xyz")


@pytest.mark.parametrize(
    "pattern",
    [r".x", r"[^a]b", r"(a)?(?(1)b|c)", r"(?i:a)b", r"(?i)ab", r"a*", r"(?:x|)"],
)
def test_patterns_whose_start_cannot_be_told_are_compiled_as_they_are(pattern: str) -> None:
    assert first_chars(pattern) is None
    assert scanner(pattern).pattern == pattern
