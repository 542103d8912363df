"""Patterns searched for in every sentence, made cheap to scan where they cannot match.

Python's ``re`` tries a pattern at every position of the text. A pattern of many alternatives,
each behind ``\\b`` (``_OPINION``, ``_META`` in :mod:`.context`), costs a try of every
alternative there, most positions in vain: ≈ 10 µs a sentence. :func:`scanner` compiles the
same pattern behind a lookahead for the characters a match can start with (worked out from
the pattern itself, so it stays right when the pattern changes): a position that cannot
start a match fails at one character class. It finds exactly the same matches (the lookahead
allows a superset of the characters a match starts with, under the same flags); a pattern
whose first characters cannot be worked out (``.``, ``[^…]``, a back reference, flags set
inside it) is compiled as it is.

One alternative that can start at any character (``\\S+ … 듯``) opens that lookahead to every
position again (``_OPINION``: ≈ 15 µs a sentence). :class:`AnyOf`, for a pattern only asked
whether it matches, tries such an alternative alone, in a text that holds what it needs (≈ 4 µs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["AnyOf", "AtEnd", "first_chars", "scanner"]

_CATEGORIES = {
    c.CATEGORY_DIGIT: r"\d",
    c.CATEGORY_NOT_DIGIT: r"\D",
    c.CATEGORY_SPACE: r"\s",
    c.CATEGORY_NOT_SPACE: r"\S",
    c.CATEGORY_WORD: r"\w",
    c.CATEGORY_NOT_WORD: r"\W",
}


class _Unknown(Exception):
    """The characters a match starts with cannot be told."""


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _first(ops: Any) -> tuple[list[str], bool]:
    """The class items a match of ``ops`` can start with, and whether it can match empty."""
    items: list[str] = []
    for op, arg in ops:
        if op is c.LITERAL:
            return [*items, _char(arg)], False
        if op is c.IN:
            for kind, value in arg:
                if kind is c.LITERAL:
                    items.append(_char(value))
                elif kind is c.RANGE:
                    items.append(f"{_char(value[0])}-{_char(value[1])}")
                elif kind is c.CATEGORY and value in _CATEGORIES:
                    items.append(_CATEGORIES[value])
                else:  # a negated set, a category without an escape
                    raise _Unknown
            return items, False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: the next op starts the match
        if op is c.BRANCH:
            empty = False
            for alt in arg[1]:
                alt_items, alt_empty = _first(alt)
                items += alt_items
                empty = empty or alt_empty
            if not empty:
                return items, False
            continue
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = arg
            if add_flags or del_flags:
                raise _Unknown  # (?i:…): the lookahead would need the same flags
            sub_items, sub_empty = _first(sub)
            items += sub_items
            if not sub_empty:
                return items, False
            continue
        if op is c.ATOMIC_GROUP:
            sub_items, sub_empty = _first(arg)
            items += sub_items
            if not sub_empty:
                return items, False
            continue
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _high, sub = arg
            sub_items, sub_empty = _first(sub)
            items += sub_items
            if low > 0 and not sub_empty:
                return items, False
            continue
        raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, GROUPREF_EXISTS, …
    return items, True


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class (``[…]``) holding every character a match of ``pattern`` can start
    with, or None when that cannot be told (or the pattern can match the empty string)."""
    parsed = _parser.parse(pattern, flags)
    if parsed.state.flags & ~(flags | re.UNICODE):
        return None  # global flags inside the pattern ("(?i)…"): nothing may come before them
    try:
        items, empty = _first(parsed.data)
    except _Unknown:
        return None
    if empty or not items:
        return None
    return "[" + "".join(dict.fromkeys(items)) + "]"


def scanner(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` behind a lookahead for the characters a match can start
    with: the same matches (the same spans and groups), found without trying the pattern where
    none can start. For patterns that are searched for (``search``, ``finditer``, ``sub``)."""
    chars = first_chars(pattern, flags)
    if chars is None:
        return re.compile(pattern, flags)
    return re.compile(f"(?={chars})(?:{pattern})", flags)


class AnyOf:
    """Whether a pattern of many alternatives matches anywhere in a text (a yes or no, no
    match): the alternatives a match can start almost anywhere in (``\\S+ (?:못한|…) 듯``,
    ``[가-힣](?:다니|구나)…[!！]+``) are tried alone, and only in a text holding the characters
    each needs (``듯``, ``!`` or ``！``); the rest are one :func:`scanner`, whose lookahead they
    no longer open to every character. A pattern that cannot be cut so is one scanner, or one
    pattern tried only where what it needs is (``[\\w.+-]+@…`` needs ``@``)."""

    __slots__ = ("_guarded", "_rest", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        alternatives = _top_alternatives(pattern, flags) or [pattern]
        guarded: list[tuple[tuple[str, ...], re.Pattern[str]]] = []
        rest: list[str] = []
        for alt in alternatives:
            needs = _needs(_parser.parse(alt, flags).data, flags) if _broad(alt, flags) else ()
            if needs:
                # the need that rules out most: not a space, fewest strings, longest
                need = min(
                    needs, key=lambda n: (any(x.isspace() for x in n), len(n), -min(map(len, n)))
                )
                guarded.append((tuple(sorted(need)), re.compile(alt, flags)))
            else:
                rest.append(alt)
        self._rest = scanner(_bounded_first(rest), flags) if rest else None
        self._guarded = tuple(guarded)

    def found_in(self, text: str) -> bool:
        if self._rest is not None and self._rest.search(text) is not None:
            return True
        for need, alt in self._guarded:
            for s in need:
                if s in text:
                    if alt.search(text) is not None:
                        return True
                    break
        return False


_WIDE = 256  # characters a match may start with beyond which a lookahead rules out little


def _bounded_first(alternatives: list[str]) -> str:
    """The alternatives as one pattern, those that open with ``\\b`` behind one ``\\b``: where
    a word goes on, one test rules them all out (re tries each alternative of a group in turn,
    ≈ 40 at every letter the lookahead lets through). Their order changes, and so would which
    one matches where two could: only for :class:`AnyOf`, which asks whether one does."""
    bounded = [alt[2:] for alt in alternatives if alt.startswith("\\b")]
    if len(bounded) < 2:
        return "|".join(alternatives)
    others = [alt for alt in alternatives if not alt.startswith("\\b")]
    return "|".join(["\\b(?:" + "|".join(bounded) + ")", *others])


def _broad(alternative: str, flags: int) -> bool:
    """Whether a match of ``alternative`` can start at almost any character."""
    chars = first_chars(alternative, flags)
    if chars is None or "\\" in chars.replace("\\U", ""):
        return True  # unknown, or a category (\S, \w, …)
    ranges = re.findall(r"\\U([0-9a-f]{8})-\\U([0-9a-f]{8})", chars)
    return sum(int(b, 16) - int(a, 16) for a, b in ranges) > _WIDE


def _top_alternatives(pattern: str, flags: int) -> list[str]:
    """The alternatives at the top of ``pattern`` (inside one group around it all), as written;
    [] when the pattern is one alternative, refers back to a group or sets flags inside."""
    if re.search(r"\\\d|\(\?P=|\(\?\(|\(\?[aiLmsux]", pattern) or flags & re.LOCALE:
        return []
    pieces = _split_top(pattern)
    if len(pieces) == 1 and pattern.startswith("(?:") and _closing(pattern) == len(pattern) - 1:
        pieces = _split_top(pattern[3:-1])  # (one group around it all)
    if len(pieces) < 2:
        return []
    data = _parser.parse(pattern, flags).data
    if len(data) != 1 or data[0][0] is not c.BRANCH or len(data[0][1][1]) != len(pieces):
        return []  # (the cut is not the parser's: compiled as it is)
    return pieces


def _bars_and_groups(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each ``|``, ``(`` and ``)`` of ``pattern`` outside classes and escapes: its index, the
    character, and the depth of groups it stands at (a parenthesis: the depth inside it)."""
    depth = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
        elif ch == "(":
            depth += 1
            yield i, ch, depth
        elif ch == ")":
            yield i, ch, depth
            depth -= 1
        elif ch == "|":
            yield i, ch, depth
        i += 1


def _split_top(pattern: str) -> list[str]:
    """``pattern`` cut at each ``|`` outside groups and classes."""
    cuts = [i for i, ch, depth in _bars_and_groups(pattern) if ch == "|" and depth == 0]
    return [pattern[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)]


def _class_end(pattern: str, i: int) -> int:
    """The index of the ``]`` closing the class opened at ``i``."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1  # a "]" first is a character of the class
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j


def _closing(pattern: str) -> int:
    """The index of the ``)`` closing the group the pattern opens with (-1: none)."""
    return next((i for i, ch, depth in _bars_and_groups(pattern) if ch == ")" and depth == 1), -1)


def _needs(ops: Any, flags: int) -> tuple[frozenset[str], ...]:
    """What every match of ``ops`` holds: for each need, strings one of which is in the match
    (only characters matched as they are: uncased ones under IGNORECASE)."""
    needs: list[frozenset[str]] = []
    run = ""
    for op, arg in ops:
        lit = _exact(op, arg, flags)
        if lit is not None:
            run += lit
            continue
        if run:
            needs.append(frozenset({run}))
            run = ""
        if op is c.IN:
            chars = [_exact(kind, value, flags) for kind, value in arg]
            if chars and all(ch is not None for ch in chars):
                needs.append(frozenset(ch for ch in chars if ch is not None))
        elif op is c.BRANCH:
            words = [_literal(alt, flags) for alt in arg[1]]
            if all(words):
                needs.append(frozenset(w for w in words if w))
            else:  # (each alternative's first need: a match holds one of them)
                firsts = [_needs(alt, flags)[:1] for alt in arg[1]]
                if all(firsts):
                    either = frozenset().union(*(first[0] for first in firsts))
                    # ("이" and "이런": a text with "이런" has "이")
                    needs.append(
                        frozenset(w for w in either if not any(o in w for o in either - {w}))
                    )
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            needs += _needs(arg[2], flags)
        elif op is c.SUBPATTERN and not arg[1] and not arg[2]:
            needs += _needs(arg[3], flags)
        elif op is c.ATOMIC_GROUP:
            needs += _needs(arg, flags)
    if run:
        needs.append(frozenset({run}))
    return tuple(needs)


def _exact(op: Any, arg: Any, flags: int) -> str | None:
    """The character a LITERAL matches, when it matches only itself."""
    if op is not c.LITERAL:
        return None
    ch = chr(arg)
    # (re folds a character under IGNORECASE when a simple case mapping changes it; the full
    # mappings of str change at least those)
    return None if flags & re.IGNORECASE and (ch.lower() != ch or ch.upper() != ch) else ch


def _literal(ops: Any, flags: int) -> str:
    """The string ``ops`` matches when they are exact characters only, else ""."""
    chars = [_exact(op, arg, flags) for op, arg in ops]
    return "".join(ch for ch in chars if ch is not None) if all(chars) and chars else ""


class AtEnd:
    """A pattern every match of which ends where the text does (``$`` without MULTILINE)
    within a bounded number of characters ("… 것이다.", "… (eg."): searched for only from
    where such a match can start, not from every position of a long sentence. ``search``
    finds the same match (span, groups) as ``re.compile(pattern, flags).search`` — no match
    can start earlier, lookbehinds and ``\\b`` still see what comes before, and ``^`` matches
    only where a match may span the whole text; a pattern that is not so is searched as it is.
    """

    __slots__ = ("_re", "_span", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._re = re.compile(pattern, flags)
        parsed = _parser.parse(pattern, flags)
        _low, high = parsed.getwidth()
        bounded = high < _LONGEST and not (parsed.state.flags | flags) & re.MULTILINE
        # (+1: "$" matches before a "\n" that ends the text too)
        self._span: int | None = high + 1 if bounded and _ends_at_end(parsed.data) else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else max(0, min(endpos, len(text)))
        if self._span is not None:
            pos = max(pos, end - self._span)
        return self._re.search(text, pos, end)


_LONGEST = 1 << 16  # (re's width of an unbounded repeat is far beyond)


def _ends_at_end(ops: Any) -> bool:
    """Whether every match of ``ops`` ends with ``$`` (or ``\\Z``)."""
    if not ops:
        return False
    op, arg = list(ops)[-1]
    if op is c.AT:
        return arg in (c.AT_END, c.AT_END_STRING)
    if op is c.BRANCH:
        return all(_ends_at_end(alt) for alt in arg[1])
    if op is c.SUBPATTERN:
        return _ends_at_end(arg[3])
    if op is c.ATOMIC_GROUP:
        return _ends_at_end(arg)
    return False
