"""An imported Anki note type's CSS, reduced to what Qt's rich text can show and safe to apply.

Anki styles a card with its note type's CSS (``.card { text-align: center; }``, ``.cloze
{ color: blue; }``, ``.nightMode .cloze { … }``) on a page whose body has the classes ``card
cardN`` (and ``nightMode`` in night mode). Our reviewer is Qt rich text, which understands a
subset of CSS 2.1; ``qt_card_css`` keeps, of each rule, the selectors Qt can match and the
properties it can show, and leaves out:

- ``@`` rules (``@import``, ``@font-face``, ``@media`` …) and whatever they hold;
- any declaration with ``url(``, ``expression(``, ``image-set(`` once CSS escapes and comments
  are read as a CSS parser reads them (the card HTML sanitizer's check; the resource loader
  refuses remote files too);
- on the card itself (``.card``, ``body``, ``html``): the font family and size and the text and
  background colours, which belong to Preferences and the theme;
- a text colour that would not read on the theme's background (dark on dark, light on light).

A style sheet longer than ``MAX_CSS_CHARS`` or with more than ``MAX_CSS_RULES`` rules is not
applied at all (real note types are a few hundred characters).
"""

from __future__ import annotations

import functools
import re

from PySide6.QtGui import QColor

_UNSAFE_CSS = re.compile(r"url\s*\(|expression\s*\(|@import|image-set\s*\(", re.I)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(.))", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)


def css_unescaped(value: str) -> str:
    """CSS text as a CSS parser reads it: escapes (``u\\72l``, ``\\75 rl``, ``u\\rl``)
    decoded and comments dropped, so the check for ``url(`` cannot be dodged."""

    def char(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return m.group(2)
        code = int(m.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(char, value))


def unsafe_css(value: str) -> bool:
    """Whether CSS text loads something (``url(``, ``@import`` …), escapes and comments read."""
    return bool(_UNSAFE_CSS.search(css_unescaped(value)))


MAX_CSS_CHARS = 50_000
MAX_CSS_RULES = 500
# what Qt's rich text reads (its "Supported HTML Subset", CSS properties)
QT_PROPERTIES = {
    "background-color", "color", "font-family", "font-size", "font-style", "font-weight",
    "font-variant", "text-decoration", "text-align", "text-indent", "text-transform",
    "vertical-align", "white-space", "margin", "margin-top", "margin-bottom", "margin-left",
    "margin-right", "padding", "padding-top", "padding-bottom", "padding-left",
    "padding-right", "border-width", "border-style", "border-color", "line-height",
    "letter-spacing", "word-spacing", "font",
}  # fmt: skip
ROOT_ONLY_THEME = {"font-family", "font-size", "font", "color", "background-color"}
_ROOT = re.compile(r"^(?:\.card\d*|body|html|\*)$")
_SELECTOR = re.compile(r"^[\w\s.#>*+:-]+$")
_NIGHT = re.compile(r"\.(?:nightMode|night_mode)\b")


def _blocks(css: str) -> list[tuple[str, str]]:
    """(selector text, declarations) of each top-level rule; ``@`` rules are skipped whole."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(css)
    while i < n:
        open_at = css.find("{", i)
        if open_at < 0:
            break
        head = css[i:open_at].strip()
        depth, j = 1, open_at + 1
        while j < n and depth:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        if ";" in head and head.lstrip().startswith("@"):  # "@import …; .x" — drop the @ part
            head = head.rsplit(";", 1)[1].strip()
        if not head.startswith("@"):
            out.append((head, css[open_at + 1 : j - 1]))
        i = j
    return out


def _readable(value: str, dark: bool) -> bool:
    color = QColor(value.strip())
    if not color.isValid():
        return True  # a name Qt does not know is ignored by Qt anyway
    return color.lightness() >= 90 if dark else color.lightness() <= 200


@functools.lru_cache(maxsize=64)
def qt_card_css(css: str, dark: bool) -> str:
    """The note type CSS ``css`` as Qt rich text should apply it (see the module's doc)."""
    if not css or len(css) > MAX_CSS_CHARS:
        return ""
    blocks = _blocks(css_unescaped(css))
    if len(blocks) > MAX_CSS_RULES:
        return ""
    rules: list[str] = []
    for head, body in blocks:
        selectors = [s.strip() for s in head.split(",") if s.strip()]
        selectors = [s for s in selectors if _SELECTOR.match(s) and (dark or not _NIGHT.search(s))]
        if not selectors:
            continue
        root = all(_ROOT.match(s) for s in selectors)
        kept: list[str] = []
        for decl in body.split(";"):
            name, sep, value = decl.partition(":")
            name, value = name.strip().lower(), value.strip()
            if not sep or not value or name not in QT_PROPERTIES or unsafe_css(value):
                continue
            if "{" in value or "}" in value:
                continue
            if root and name in ROOT_ONLY_THEME:
                continue
            if name == "color" and not _NIGHT.search(head) and not _readable(value, dark):
                continue
            kept.append(f"{name}: {value}")
        if kept:
            rules.append(f"{', '.join(selectors)} {{ {'; '.join(kept)}; }}")
    return "\n".join(rules)


def card_classes(ordinal: int, dark: bool) -> str:
    """The classes Anki gives a card's page: ``card card1`` (``nightMode`` in the dark)."""
    return f"card card{ordinal + 1}" + (" nightMode night_mode" if dark else "")
