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
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["first_chars", "scanner"]

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
