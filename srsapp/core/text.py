"""Card text: small, safe HTML fragments and their plain-text form.

Cards are stored as HTML (as Anki does), built only through these helpers so
that every piece of note text is escaped. ``html_to_text`` gives the plain
text used for search, JSON previews and validation.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser

from srsapp.core.model import nfc


def esc(text: str) -> str:
    return html.escape(nfc(text), quote=False)


def code(text: str) -> str:
    """Inline code (monospace)."""
    return f"<code>{esc(text)}</code>"


def pre(text: str) -> str:
    """A block of code, kept exactly as written (monospace)."""
    return f"<pre><code>{esc(text)}</code></pre>"


def para(inner_html: str) -> str:
    return f"<p>{inner_html}</p>"


def ul(items_html: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items_html) + "</ul>"


def ol(items_html: Iterable[str], start: int = 1) -> str:
    attr = f' start="{start}"' if start != 1 else ""
    return f"<ol{attr}>" + "".join(f"<li>{i}</li>" for i in items_html) + "</ol>"


def context(path: Iterable[str]) -> str:
    """The concept path shown above a question, e.g. ``개념 › 이미지``."""
    return f'<div class="context">{esc(" › ".join(path))}</div>'


# (a code span may sit inside bold: "**`Memory`**" is bold code, no stray "**" left over)
_INLINE_CODE = re.compile(r"(\*\*|__)?`([^`]+)`(?(1)\1)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def inline(text: str) -> str:
    """Render the inline Markdown a note line may carry (`code`, **bold**, <br>)."""
    # (each mark looked for only where its characters are: most lines have none)
    if "<" in text:
        text = _BR.sub("", text)
    if "`" not in text:
        return _bold(text)
    out: list[str] = []
    pos = 0
    for m in _INLINE_CODE.finditer(text):
        out.append(_bold(text[pos : m.start()]))
        out.append(f"<b>{code(m.group(2))}</b>" if m.group(1) else code(m.group(2)))
        pos = m.end()
    out.append(_bold(text[pos:]))
    return "".join(out)


def _bold(text: str) -> str:
    if "**" not in text and "__" not in text:
        return esc(text)
    out: list[str] = []
    pos = 0
    for m in _BOLD.finditer(text):
        out.append(esc(text[pos : m.start()]))
        out.append(f"<b>{esc(m.group(1) or m.group(2))}</b>")
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def inline_text(text: str) -> str:
    """``html_to_text(inline(text))`` without building and parsing the HTML: the text of a
    note line with its inline Markdown dropped."""
    if "<" in text:
        text = _BR.sub("", text)
    if "`" not in text:
        return _plain_lines(_bold_text(text))
    out: list[str] = []
    pos = 0
    for m in _INLINE_CODE.finditer(text):
        out.append(_bold_text(text[pos : m.start()]))
        out.append(m.group(2))
        pos = m.end()
    out.append(_bold_text(text[pos:]))
    return _plain_lines("".join(out))


def _bold_text(text: str) -> str:
    if "**" not in text and "__" not in text:
        return text
    return _BOLD.sub(lambda m: m.group(1) or m.group(2), text)


class _TextExtractor(HTMLParser):
    _BLOCK = {"p", "div", "pre", "ul", "ol", "br", "tr", "h1", "h2", "h3", "h4", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._list_stack: list[list[int]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("ul", "ol"):
            self._newline()
            start = 1
            if tag == "ol":
                try:
                    start = max(1, int(dict(attrs).get("start") or 1))
                except ValueError:
                    start = 1
            self._list_stack.append([start if tag == "ol" else 0])
        elif tag == "li":
            self._newline()
            if self._list_stack and self._list_stack[-1][0]:
                n = self._list_stack[-1][0]
                self.parts.append(f"{n}. ")
                self._list_stack[-1][0] = n + 1
            else:
                self.parts.append("- ")
        elif tag in self._BLOCK:
            self._newline()
        elif tag == "img":
            alt = dict(attrs).get("alt") or ""
            self.parts.append(f"[{alt}]" if alt else "[image]")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("ul", "ol"):
            if self._list_stack:
                self._list_stack.pop()
            self._newline()
        elif tag in self._BLOCK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")


def html_to_text(fragment: str) -> str:
    """Plain text of a card fragment: tags dropped, lists as ``- item`` lines."""
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    return _plain_lines("".join(parser.parts))


def _plain_lines(text: str) -> str:
    lines = [ln.rstrip() for ln in text.split("\n")]
    return nfc("\n".join(ln for ln in lines if ln.strip()).strip())
