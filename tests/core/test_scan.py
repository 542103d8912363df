"""srsapp.core.notes.scan: a pattern behind a lookahead for the characters its matches start
with finds exactly what the plain pattern finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srsapp.core.notes import context, parser
from srsapp.core.notes.scan import AnyOf, AtEnd, first_chars, scanner

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


# patterns of many alternatives, some of which can start anywhere (\S, a Hangul range, \w)
ANY_OF = [
    (context._OPINION.pattern, re.IGNORECASE),
    (context._CONTACT.pattern, 0),
    (r"\S+ (?:못한|않은|한|된) 듯\s?하다|\bI think\b|[가-힣](?:다니|구나)\s*[!！]+\s*$", re.I),
    (r"(?:\w+@\w+|(a)b\1|x)", 0),  # a back reference: not cut
    (r"[^a]+!|(?i:ab)|[가-힣]k", 0),  # flags inside: not cut
]
ANY_OF_ALPHABET = "aAbBiIıİſsSkKKtTxh가나다니구듯하한된못 \t!！@.,:1"


@pytest.mark.parametrize(("pattern", "flags"), ANY_OF)
@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=ANY_OF_ALPHABET, max_size=30))
def test_any_of_finds_a_match_where_the_plain_pattern_does(
    pattern: str, flags: int, text: str
) -> None:
    assert AnyOf(pattern, flags).found_in(text) is (
        re.search(pattern, flags=flags, string=text) is not None
    )


@pytest.mark.parametrize(
    "text",
    [
        "이 방법은 잘 안 된 듯하다",
        "자바도 이게 된다니!",
        "I think so",
        "mail jane.doe@example.edu",
        "git@github.com:user/repo.git",
        "도커 이미지는 레이어로 이루어진다.",
        "İ thınk ſo",
    ],
)
def test_any_of_on_sentences_of_notes(text: str) -> None:
    for pattern, flags in ANY_OF[:2]:
        plain = re.compile(pattern, flags)
        assert AnyOf(pattern, flags).found_in(text) is (plain.search(text) is not None)


def test_alternatives_that_start_anywhere_are_tried_only_where_their_characters_are() -> None:
    opinion = AnyOf(context._OPINION.pattern, re.IGNORECASE)
    assert sorted(need for need, _ in opinion._guarded) == [(" 듯",), ("!", "！")]
    # the rest behind a lookahead that no longer lets every character through
    assert opinion._rest is not None and opinion._rest.pattern.startswith("(?=[")
    lookahead = opinion._rest.pattern.split("](?:")[0]
    assert "\\S" not in lookahead and "\\U0000ac00-" not in lookahead
    contact = AnyOf(context._CONTACT.pattern)
    assert [need for need, _ in contact._guarded] == [("@",)] and contact._rest is None
    # a pattern that cannot be cut is one pattern, guarded as a whole by what it needs (each
    # alternative's first need: "@", "a" or "x")
    whole = AnyOf(r"(?:\w+@\w+|(a)b\1|x)")
    assert [need for need, _ in whole._guarded] == [("@", "a", "x")] and whole._rest is None
    assert AnyOf(r"\w+(?:\s|x)\d")._guarded == ()  # (a space is no one character)


def test_alternatives_behind_a_word_boundary_are_tried_behind_one() -> None:
    rest = AnyOf(r"\bcat\b|\bdog|바보|\bcow", re.IGNORECASE)._rest
    assert rest is not None and "\\b(?:cat\\b|dog|cow)|바보" in rest.pattern
    for text in ("a cat", "hotdog", "dogma", "바보야", "scow", "Cow!", "concat"):
        assert AnyOf(r"\bcat\b|\bdog|바보|\bcow", re.IGNORECASE).found_in(text) is (
            re.search(r"\bcat\b|\bdog|바보|\bcow", text, re.IGNORECASE) is not None
        )


def test_alternatives_that_need_one_of_several_words_are_tried_only_where_one_is() -> None:
    # "^(?:\S+\s){0,3}(?:이러한|이런|…|이와\s같은|(?:이|그)(?=…))\s" needs "이" or "그"
    refers = AnyOf(context._KO_REFERS_BACK.pattern)
    assert refers._rest is None
    assert sorted(need for need, _ in refers._guarded)[:2] == [("경우", "때", "땐"), ("그", "이")]


REFERS_ALPHABET = "이그러한런와같은과정문제앞위의내용서말한럴때땐경우에는엔가 	.AB"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=REFERS_ALPHABET, max_size=30))
def test_any_of_korean_words_finds_what_the_plain_pattern_does(text: str) -> None:
    plain = re.compile(context._KO_REFERS_BACK.pattern)
    assert context._KO_REFERS_BACK.found_in(text) is (plain.search(text) is not None)


AT_END = [
    (parser.ABBREVIATION_END.pattern, re.IGNORECASE),
    (context._DID.pattern, 0),
    (r"(?:^|[\s(])(?:eg|[a-z])\.$|^ab$", re.IGNORECASE),
    (r"(?<=x)y(z)?$|\bk\.?$", 0),
    (r"\s*y$", 0),  # unbounded: searched as it is
    (r"(?m)y$", 0),  # "$" at each line's end: searched as it is
]
AT_END_ALPHABET = "abegzxykK.( \n가생성했다"


@pytest.mark.parametrize(("pattern", "flags"), AT_END)
@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=AT_END_ALPHABET, max_size=30),
    pos=st.integers(0, 12),
    endpos=st.one_of(st.none(), st.integers(0, 40)),
)
def test_a_pattern_at_the_end_finds_the_same_match(
    pattern: str, flags: int, text: str, pos: int, endpos: int | None
) -> None:
    plain = re.compile(pattern, flags)
    want = plain.search(text, pos) if endpos is None else plain.search(text, pos, endpos)
    got = AtEnd(pattern, flags).search(text, pos, endpos)
    assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))


def test_a_pattern_at_the_end_is_tried_only_where_a_match_can_start() -> None:
    abbreviation = AtEnd(parser.ABBREVIATION_END.pattern, re.IGNORECASE)
    assert abbreviation._span == len(" approx.") + 1  # (and a "\n" after the dot)
    assert AtEnd(r"\s*y$")._span is None and AtEnd(r"(?m)y$")._span is None
    assert AtEnd(r"(?:a|b$)")._span is None  # ("a" ends anywhere)
    long = "word " * 200 + "(e.g."
    assert abbreviation.search(long) is not None and abbreviation.search(long[:-1]) is None
