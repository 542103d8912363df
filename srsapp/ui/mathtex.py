"""MathJax in card text (``\\(…\\)`` inline, ``\\[…\\]`` displayed), drawn as pictures.

Anki cards write formulas for MathJax, which our Qt rich text reviewer does not run. Each
formula is drawn by matplotlib's mathtext (a large subset of TeX math: fractions, roots, sums,
Greek, accents, sub- and superscripts) in the card's text colour and size, and kept in memory
(``render`` is cached), so a card seen again costs nothing. What mathtext cannot draw
(``\\begin{align}``, ``\\text{…}``, macros) and everything when matplotlib is missing is shown
as the formula's own text in the code font, without its delimiters. Text in ``<pre>`` and
``<code>`` is left alone (as MathJax does).
"""

from __future__ import annotations

import functools
import html
import io
import logging
import re

log = logging.getLogger(__name__)

MATH_SCHEME = "srsapp-math"
MAX_FORMULAS = 50  # a card's formulas drawn (or shown as code); the others left as they are
MAX_TEX = 2_000  # characters of one formula drawn
SCALE = 2  # pixels drawn per logical pixel (sharp on high-density screens)
_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)
_MARKUP = re.compile(r"(<[^>]*>)")
_RAW = re.compile(r"^<(/?)(pre|code)\b", re.I)


@functools.lru_cache(maxsize=512)
def render(tex: str, color: str, size_pt: int) -> bytes | None:
    """A PNG of ``tex`` drawn by mathtext (``SCALE`` pixels a pixel at 96 dpi), or None when
    it cannot be drawn."""
    try:
        from matplotlib.figure import Figure
        from matplotlib.font_manager import FontProperties
        from matplotlib.mathtext import MathTextParser
    except ImportError:
        return None
    out = io.BytesIO()
    prop = FontProperties(size=size_pt)
    try:
        width, height, depth, _, _ = MathTextParser("path").parse(f"${tex}$", dpi=72, prop=prop)
        pad = size_pt / 4  # points around it: big operators reach past the measured box
        fig = Figure(figsize=((width + 2 * pad) / 72, (height + 2 * pad) / 72))
        fig.text(pad / (width + 2 * pad), (depth + pad) / (height + 2 * pad), f"${tex}$",
                 fontproperties=prop, color=color)  # fmt: skip
        fig.savefig(out, dpi=96 * SCALE, format="png", transparent=True)
    except Exception as exc:  # noqa: BLE001 (mathtext raises ValueError and parser errors)
        log.info("formula not drawn (%s): %s", type(exc).__name__, tex[:80])
        return None
    return out.getvalue()


def formulas(body: str, color: str, size_pt: int) -> tuple[str, dict[str, bytes]]:
    """Sanitized card HTML with each formula of its text replaced by a picture
    (``srsapp-math:N``, the PNGs returned by name) or by its text in ``<code class="tex">``."""
    if "\\(" not in body and "\\[" not in body:
        return body, {}
    pictures: dict[str, bytes] = {}
    count = 0

    def replace(m: re.Match[str]) -> str:
        nonlocal count
        display = m.group(2) is not None
        tex = html.unescape(m.group(2) if display else m.group(1)).strip()
        count += 1
        if count > MAX_FORMULAS:  # the sanitizer's element bound holds: the rest stay text
            return m.group(0)
        png = render(tex, color, size_pt) if len(tex) <= MAX_TEX else None
        if png is None:
            shown = f'<code class="tex">{html.escape(tex, quote=False)}</code>'
        else:
            name = f"{MATH_SCHEME}:{len(pictures)}"
            pictures[name] = png
            alt = html.escape(tex, quote=True)
            shown = f'<img src="{name}" alt="{alt}" title="{alt}" style="vertical-align: middle"/>'
        return f"<br/>{shown}<br/>" if display else shown

    parts = _MARKUP.split(body)
    raw = 0  # inside <pre>/<code>
    for i, part in enumerate(parts):
        if i % 2:
            tag = _RAW.match(part)
            if tag is not None:
                raw = max(0, raw - 1) if tag.group(1) else raw + 1
        elif not raw and ("\\(" in part or "\\[" in part):
            parts[i] = _MATH.sub(replace, part)
    return "".join(parts), pictures
