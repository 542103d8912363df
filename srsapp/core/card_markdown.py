"""Card text a learner types (Markdown) as the small, safe HTML cards are stored in.

Raw HTML typed in a field is shown as text, never as markup (``html`` off): a card a learner
writes cannot carry a script or a style. ``**bold**``, ``*italic*``, `` `code` ``, fenced code,
lists, tables, ``~~strike~~`` and line breaks are kept; cloze markers (``{{c1::answer}}``)
pass through untouched for the cloze renderer.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from srsapp.core.model import nfc

_MD = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(["table", "strikethrough"])


def markdown_to_html(text: str) -> str:
    """HTML of a field typed as Markdown; empty for blank text."""
    text = nfc(text).strip()
    if not text:
        return ""
    return str(_MD.render(text)).strip()
