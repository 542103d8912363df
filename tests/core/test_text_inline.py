"""srsapp.core.text.inline / inline_text: a note line's inline Markdown (`code`, **bold**,
<br>) as HTML, and as plain text; a line without a mark is only escaped."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srsapp.core.text import html_to_text, inline, inline_text


@pytest.mark.parametrize(
    ("line", "html"),
    [
        ("plain & simple <x>", "plain &amp; simple &lt;x&gt;"),
        ("a **bold** word", "a <b>bold</b> word"),
        ("a __bold__ word", "a <b>bold</b> word"),
        ("run `docker ps` now", "run <code>docker ps</code> now"),
        ("**`Memory`** & **x**", "<b><code>Memory</code></b> &amp; <b>x</b>"),
        ("line one<br>line two<BR/>", "line oneline two"),
        ("a <b>tag</b> stays text", "a &lt;b&gt;tag&lt;/b&gt; stays text"),
        ("one * star, one _ and one `", "one * star, one _ and one `"),
    ],
)
def test_inline_marks(line: str, html: str) -> None:
    assert inline(line) == html


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab가 `*_<>brBR/&;\n", max_size=30))
def test_inline_text_is_the_text_of_inline(text: str) -> None:
    assert inline_text(text) == html_to_text(inline(text))
