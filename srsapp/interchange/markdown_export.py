"""A deck as readable Markdown: one ``## concept › path`` section per concept and
``**Q:** … / **A:** …`` pairs under it. Card HTML becomes Markdown: code blocks stay
fenced code, inline code stays in backticks, lists stay lists, bold stays bold."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from srsapp.core.model import nfc


@dataclass(frozen=True)
class MarkdownCard:
    concept: tuple[str, ...]
    front_html: str
    back_html: str


class _ToMarkdown(HTMLParser):
    _BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "table", "tr", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list[int]] = []
        self.in_pre = 0
        self.skip = 0
        self.divs: list[bool] = []  # per open <div>: was it the skipped context line?

    def newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "div" and "context" in (a.get("class") or ""):
            self.skip += 1  # the concept path is already the section heading
        elif tag == "pre":
            self.newline()
            self.parts.append("```\n")
            self.in_pre += 1
        elif tag == "code" and not self.in_pre:
            self.parts.append("`")
        elif tag in ("b", "strong"):
            self.parts.append("**")
        elif tag in ("i", "em"):
            self.parts.append("*")
        elif tag in ("ul", "ol"):
            self.newline()
            self.lists.append([int(a.get("start") or 1) if tag == "ol" else 0])
        elif tag == "li":
            self.newline()
            indent = "  " * max(0, len(self.lists) - 1)
            if self.lists and self.lists[-1][0]:
                self.parts.append(f"{indent}{self.lists[-1][0]}. ")
                self.lists[-1][0] += 1
            else:
                self.parts.append(f"{indent}- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "img":
            self.parts.append(f"![{a.get('alt') or ''}]({a.get('src') or ''})")
        elif tag in self._BLOCK:
            self.newline()
        if tag == "div":
            self.divs.append("context" in (a.get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "div":
            if self.divs and self.divs.pop():
                self.skip = max(0, self.skip - 1)
            self.newline()
        elif tag == "pre":
            self.newline()
            self.parts.append("```\n")
            self.in_pre = max(0, self.in_pre - 1)
        elif tag == "code" and not self.in_pre:
            self.parts.append("`")
        elif tag in ("b", "strong"):
            self.parts.append("**")
        elif tag in ("i", "em"):
            self.parts.append("*")
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.newline()
        elif tag in self._BLOCK:
            self.newline()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_markdown(fragment: str) -> str:
    parser = _ToMarkdown()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts)
    lines = [ln.rstrip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:  # collapse runs of blank lines
        if ln or (out and out[-1]):
            out.append(ln)
    return nfc("\n".join(out).strip())


def deck_to_markdown(title: str, cards: Iterable[MarkdownCard]) -> str:
    """Render cards grouped by concept (in first-seen order) as a Markdown document."""
    groups: dict[tuple[str, ...], list[MarkdownCard]] = {}
    for card in cards:
        groups.setdefault(card.concept, []).append(card)
    out = [f"# {nfc(title)}", ""]
    for concept, items in groups.items():
        out += [f"## {nfc(' › '.join(concept)) if concept else '(no concept)'}", ""]
        for card in items:
            out += [_labelled("**Q:**", html_to_markdown(card.front_html)), ""]
            out += [_labelled("**A:**", html_to_markdown(card.back_html)), ""]
    return "\n".join(out).rstrip() + "\n"


def _labelled(label: str, body: str) -> str:
    """Put the label on the first line unless the body starts with a block (code, list)."""
    if not body:
        return label
    if body.startswith(("```", "- ", "1. ")) or "\n" in body.split("\n", 1)[0]:
        return f"{label}\n\n{body}"
    return f"{label} {body}"
