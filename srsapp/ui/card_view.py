"""Showing a card: sanitized HTML in a QTextBrowser, styled for light and dark themes.

Cards may come from imported decks (Anki packages, CSV), so their HTML is not trusted:
``sanitize_html`` keeps an allow-list of tags and attributes (no scripts, styles, event
handlers or remote images), and ``CardView.loadResource`` only ever loads files inside the
collection's media folder. QTextBrowser itself runs no scripts and opens no links here.
"""

from __future__ import annotations

import html
import math
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QPalette, QTextDocument, QTextFormat, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QApplication,
    QFrame,
    QScrollArea,
    QTextBrowser,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.core.text import html_to_text
from srsapp.service import sources
from srsapp.ui.audio import SoundPlayer, shared_player
from srsapp.ui.card_css import card_classes, qt_card_css, unsafe_css
from srsapp.ui.context import AppContext
from srsapp.ui.diagram import DiagramView
from srsapp.ui.i18n import I18n
from srsapp.ui.mathtex import MATH_SCHEME, SCALE, formulas
from srsapp.ui.pyside_guard import protect_none
from srsapp.ui.theme import (
    CARD_ACCENT,
    CARD_CODE_BG,
    CARD_MUTED,
    TYPED_EXTRA,
    TYPED_MISSING,
    TYPED_OK,
)

protect_none()  # PySide6 6.12.0 on CPython 3.11 leaks None on void calls (see pyside_guard)

ALLOWED_TAGS = {
    "a", "b", "big", "blockquote", "br", "caption", "center", "code", "dd", "del", "div", "dl",
    "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "rb", "ruby", "rt", "s", "samp", "small", "span", "strike", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
}  # fmt: skip
# Qt's rich text has no ruby layout: furigana is written as the reading raised after its text
SHOWN_AS = {"ruby": "span", "rb": "span", "rt": "span"}
# whose whole content is dropped, not only the tag
DROP_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg",
                "math", "head", "title", "textarea", "select", "button", "form", "audio", "video",
                "rp"}  # fmt: skip
VOID_TAGS = {"br", "hr", "img"}
INLINE_TAGS = {
    "a", "b", "big", "code", "del", "em", "font", "i", "ins", "kbd", "mark", "rb", "ruby", "rt",
    "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "var",
}  # fmt: skip  # a line of text runs on through these
ALLOWED_ATTRS = {
    "class", "title", "alt", "src", "href", "start", "colspan", "rowspan", "align", "color",
    "width", "height", "style", "dir", "lang",
}  # fmt: skip
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def is_local_media_ref(src: str) -> bool:
    """A relative file name (``diagram.png``, ``img/a.png``): no scheme, not absolute."""
    src = src.strip()
    return bool(src) and not _SCHEME.match(src) and not src.startswith(("/", "\\"))


# Bounds on card HTML. Qt's text layout takes time exponential in the nesting of tables (20
# nested tables: 9 s, 3,000: SIGSEGV) and grows fast with deep nesting, unbroken words and many
# images; a card past any bound is shown as plain text (``CardView`` says why). Real cards stay
# far below: Anki's own notes nest tables 2-3 deep and hold a few images.
MAX_HTML_CHARS = 200_000
MAX_DEPTH = 48
MAX_TABLE_DEPTH = 6
MAX_ELEMENTS = 5_000
MAX_IMAGES = 200
MAX_WORD = 2_000  # characters with no line-break opportunity between them
MAX_PLAIN_CHARS = 20_000  # of the plain-text fallback
# a start tag that closes an open element of these names, unless one of the boundaries is nearer
_IMPLIED_END = {
    "li": ({"li"}, {"ul", "ol"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr", "td", "th"}, {"table", "tbody", "thead", "tfoot"}),
    "tbody": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "thead": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "tfoot": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "dd": ({"dd", "dt"}, {"dl"}),
    "dt": ({"dd", "dt"}, {"dl"}),
    "p": ({"p"}, {"div", "td", "th", "li", "dd", "dt", "blockquote", "table"}),
    "rb": ({"rb", "rt"}, {"ruby"}),
    "rt": ({"rb", "rt"}, {"ruby"}),
}
# runs Qt cannot break a line in: no white space (a no-break space joins), no CJK character
_WORD = re.compile(
    r"(?:[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[\u00a0\u2007\u202f])+"
)


class CardHtmlCapped(Exception):
    """A bound on card HTML was passed: ``kind`` (length, depth, tables, elements, images,
    word) and its ``limit``."""

    def __init__(self, kind: str, limit: int) -> None:
        super().__init__(f"card HTML past its {kind} bound ({limit})")
        self.kind, self.limit = kind, limit


class _Sanitizer(HTMLParser):
    """Keeps allowed tags and attributes and writes balanced markup: every element it opens is
    closed (implied ends as in HTML), so its nesting is the nesting Qt lays out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.drop = 0
        self.open: list[str] = []
        self.tables = 0
        self.elements = 0
        self.images = 0
        self.word = 0  # the unbroken run the text ends with

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag in DROP_CONTENT:
            if not closed:
                self.drop += 1
            return
        if self.drop or tag not in ALLOWED_TAGS:
            return
        kept: list[str] = []
        for name, value in attrs:
            name = name.lower()
            value = value or ""
            if name not in ALLOWED_ATTRS or name.startswith("on"):
                continue
            if name == "style" and unsafe_css(value):
                continue
            if name == "src" and not is_local_media_ref(value):
                continue
            if (
                name == "href"
                and _SCHEME.match(value)
                and not value.lower().startswith(("http:", "https:"))
            ):
                continue  # javascript:, file:, data: ...
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        if tag == "img" and not any(a.startswith(" src=") for a in kept):
            alt = dict(attrs).get("alt") or ""
            self.out.append(f"[{html.escape(alt)}]" if alt else "")
            return
        self._count(tag)
        if tag in SHOWN_AS:
            kept = [' class="rt"'] if tag == "rt" else []
        self.out.append(f"<{SHOWN_AS.get(tag, tag)}{''.join(kept)}>")
        if tag in VOID_TAGS:
            return
        if closed:
            self.out.append(f"</{SHOWN_AS.get(tag, tag)}>")
            return
        self.open.append(tag)
        self.tables += tag == "table"
        if len(self.open) > MAX_DEPTH:
            raise CardHtmlCapped("depth", MAX_DEPTH)
        if self.tables > MAX_TABLE_DEPTH:
            raise CardHtmlCapped("tables", MAX_TABLE_DEPTH)

    def _count(self, tag: str) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise CardHtmlCapped("elements", MAX_ELEMENTS)
        if tag == "img":
            self.images += 1
            if self.images > MAX_IMAGES:
                raise CardHtmlCapped("images", MAX_IMAGES)
        if tag not in INLINE_TAGS:
            self.word = 0
        implied = _IMPLIED_END.get(tag)
        if implied is not None:
            closes, boundaries = implied
            for i in range(len(self.open) - 1, -1, -1):
                if self.open[i] in boundaries:
                    break
                if self.open[i] in closes:
                    self._close_to(i)
                    break

    def _close_to(self, index: int) -> None:
        while len(self.open) > index:
            tag = self.open.pop()
            self.tables -= tag == "table"
            self.out.append(f"</{SHOWN_AS.get(tag, tag)}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_CONTENT:
            self.drop = max(0, self.drop - 1)
            return
        if self.drop or tag not in ALLOWED_TAGS or tag in VOID_TAGS:
            return
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i] == tag:
                self._close_to(i)
                break  # an end tag that closes nothing open is dropped

    def handle_data(self, data: str) -> None:
        if self.drop or not data:
            return
        runs = [len(m) for m in _WORD.findall(data)]
        if runs:
            if _WORD.match(data):
                runs[0] += self.word
            self.word = runs[-1] if _WORD.fullmatch(data[-1]) else 0
            if max(runs) > MAX_WORD:
                raise CardHtmlCapped("word", MAX_WORD)
        else:
            self.word = 0
        self.out.append(html.escape(data, quote=False))

    def finish(self) -> str:
        self.close()
        self._close_to(0)
        return "".join(self.out)


def clean_card_html(fragment: str) -> tuple[str, CardHtmlCapped | None]:
    """Card HTML made safe to display (see ``sanitize_html``), and the bound it passed, if any:
    then the HTML is the card's plain text (at most ``MAX_PLAIN_CHARS`` characters)."""
    try:
        if len(fragment) > MAX_HTML_CHARS:
            raise CardHtmlCapped("length", MAX_HTML_CHARS)
        parser = _Sanitizer()
        parser.feed(fragment)
        return parser.finish(), None
    except CardHtmlCapped as capped:
        text = html_to_text(fragment[:MAX_HTML_CHARS])
        more = len(text) - MAX_PLAIN_CHARS
        body = html.escape(text[:MAX_PLAIN_CHARS], quote=False)
        cut = f" … (+{more:,})" if more > 0 else ""
        return f'<p style="white-space: pre-wrap">{body}{cut}</p>', capped


def sanitize_html(fragment: str) -> str:
    """Card HTML made safe to display: allowed tags and attributes only; ``<script>``,
    ``<style>``, event handlers (``onclick``...), ``javascript:`` links and remote images
    (``<img src="http://...">``) are removed. Text is re-escaped, every element closed. Past a
    bound on size or nesting (``MAX_*``) it is the card's plain text."""
    return clean_card_html(fragment)[0]


def card_stylesheet(palette: QPalette, font_family: str, mono_family: str, size: int) -> str:
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    text = palette.color(QPalette.ColorRole.Text).name()
    code_bg, muted, accent = CARD_CODE_BG[dark], CARD_MUTED[dark], CARD_ACCENT[dark]
    ok, missing, extra = TYPED_OK[dark], TYPED_MISSING[dark], TYPED_EXTRA[dark]
    return f"""
body {{ font-family: '{font_family}'; font-size: {size}pt; color: {text}; }}
p {{ margin-top: 4px; margin-bottom: 8px; }}
pre {{ font-family: '{mono_family}'; font-size: {max(8, size - 3)}pt; background-color: {code_bg};
       padding: 8px; margin-top: 6px; margin-bottom: 8px; }}
code {{ font-family: '{mono_family}'; background-color: {code_bg}; }}
ul, ol {{ margin-top: 2px; margin-bottom: 6px; }}
li {{ margin-bottom: 2px; }}
.context {{ font-size: {max(8, size * 6 // 10)}pt; color: {muted}; margin-bottom: 10px; }}
.hint {{ font-size: {max(8, size * 7 // 10)}pt; color: {muted}; }}
.rt {{ font-size: {max(7, size // 2)}pt; vertical-align: super; color: {muted}; }}
.cloze {{ font-weight: bold; color: {accent}; }}
.typed-ok {{ color: {ok}; }}
.typed-missing {{ color: {missing}; text-decoration: underline; }}
.typed-extra {{ color: {extra}; text-decoration: line-through; }}
hr {{ margin-top: 10px; margin-bottom: 10px; }}
a.sound {{ text-decoration: none; color: {accent}; }}
"""


SOUND_SCHEME = "srsapp-sound"
MAX_SOUNDS = 100  # play links on one card
_SOUND = re.compile(r"\[sound:([^\]]+)\]")
_MARKUP = re.compile(r"(<[^>]*>)")  # a tag of sanitized HTML (attribute values are escaped)


def sound_links(body: str) -> tuple[str, list[str]]:
    """Sanitized card HTML with each ``[sound:name]`` of its text made a play link, and the
    names in the order they appear (what Anki plays)."""
    names: list[str] = []

    def link(m: re.Match[str]) -> str:
        if len(names) >= MAX_SOUNDS:  # the sanitizer's element bound holds: the rest stay text
            return m.group(0)
        names.append(html.unescape(m.group(1)).strip())
        title = html.escape(names[-1], quote=True)
        return f'<a class="sound" href="{SOUND_SCHEME}:{len(names) - 1}" title="{title}">\u25b6</a>'

    if "[sound:" not in body:
        return body, names
    parts = _MARKUP.split(body)
    for i in range(0, len(parts), 2):  # the text between tags
        parts[i] = _SOUND.sub(link, parts[i])
    return "".join(parts), names


def answer_part(front: str, back: str) -> str:
    """What the answer side adds to the question: an imported Anki back repeats its front
    (``{{FrontSide}}``) and Anki's ``<hr id=answer>``, which are shown once."""
    if front and back.startswith(front):
        return _ANSWER_RULE.sub("", back[len(front) :], count=1)
    return back


_ANSWER_RULE = re.compile(r"^\s*<hr\b[^>]*>\s*", re.I)


class CardView(QTextBrowser):
    """Read-only card text. Loads images only from ``media_dir``; never opens links."""

    def __init__(
        self,
        media_dir: Path | None = None,
        parent: QWidget | None = None,
        i18n: I18n | None = None,
    ) -> None:
        super().__init__(parent)
        self.media_dir = media_dir.resolve() if media_dir is not None else None
        self.refused: list[str] = []  # resources asked for and not loaded (tests, logging)
        self.i18n = i18n if i18n is not None else I18n("en")
        self.capped: CardHtmlCapped | None = None  # the bound the shown card passed, if any
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.font_family = "NanumGothic"
        self.mono_family = "monospace"
        self.font_size = 20
        self.sounds: list[str] = []  # the shown card's sounds, in order
        self.pictures: dict[str, bytes] = {}  # the shown card's formulas (``mathtex``)
        self.player: SoundPlayer | None = None  # None: the app's shared player, when needed
        self.anchorClicked.connect(self._clicked)

    def set_fonts(self, family: str, mono: str, size: int) -> None:
        self.font_family, self.mono_family, self.font_size = family, mono, size

    def is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def show_html(
        self, fragment: str, *, trusted: bool = False, css: str = "", ordinal: int | None = None
    ) -> None:
        """Show a card fragment (sanitized unless ``trusted``: our own generated markup).
        ``css`` is an imported Anki card's note type CSS and ``ordinal`` its card's number
        (0-based): the card is then styled as Anki styles it, as far as Qt can
        (``card_css``)."""
        body, self.capped = (fragment, None) if trusted else clean_card_html(fragment)
        if self.capped is not None:
            tr = self.i18n.tr
            detail = tr(f"card.capped.{self.capped.kind}", limit=f"{self.capped.limit:,}")
            body = f'<p class="hint">{html.escape(tr("card.capped", detail=detail))}</p>{body}'
        body, self.sounds = sound_links(body)
        self.pictures = {}
        if not trusted:
            color = self.palette().color(QPalette.ColorRole.Text).name()
            body, self.pictures = formulas(body, color, self.font_size)
        sheet = card_stylesheet(self.palette(), self.font_family, self.mono_family, self.font_size)
        if ordinal is not None:
            dark = self.is_dark()
            body = f'<div class="{card_classes(ordinal, dark)}">{body}</div>'
            sheet += qt_card_css(css, dark)
        self.document().setDefaultStyleSheet(sheet)
        self.setHtml(f"<body>{body}</body>")

    def sound_paths(self, names: list[str] | None = None) -> list[Path]:
        """The media files of ``names`` (default: every sound of the card) that exist inside
        the media folder, in order."""
        paths = [self._media_path(n) for n in (self.sounds if names is None else names)]
        return [p for p in paths if p is not None]

    def play_sounds(self, names: list[str] | None = None) -> None:
        """Play ``names`` (default: every sound on the card); quietly nothing without sound."""
        paths = self.sound_paths(names)
        if paths:
            self._player().play(paths)

    def stop_sounds(self) -> None:
        if self.player is not None or self.sounds:
            self._player().stop()

    def _player(self) -> SoundPlayer:
        if self.player is None:
            self.player = shared_player()
        return self.player

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == SOUND_SCHEME and url.path().isdigit():
            index = int(url.path())
            if index < len(self.sounds):
                self.play_sounds([self.sounds[index]])

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 (Qt API)
        name = url.toString() if isinstance(url, QUrl) else str(url)
        if name.startswith(f"{MATH_SCHEME}:"):
            picture = QImage.fromData(self.pictures.get(name, b""))
            picture.setDevicePixelRatio(SCALE)
            return None if picture.isNull() else picture
        path = self._media_path(name)
        if path is None:
            self.refused.append(name)
            return None
        if kind == int(QTextDocument.ResourceType.ImageResource.value):
            image = QImage(str(path))
            return None if image.isNull() else image
        return path.read_bytes()

    def _media_path(self, name: str) -> Path | None:
        if self.media_dir is None:
            return None
        url = QUrl(name)
        if url.scheme() and url.scheme() != "file":
            return None
        raw = url.toLocalFile() if url.scheme() == "file" else url.path()
        if not raw:
            return None
        candidate = Path(raw)
        if not candidate.is_absolute():
            candidate = self.media_dir / candidate
        try:
            resolved = candidate.resolve()
        except OSError:
            return None
        if not resolved.is_relative_to(self.media_dir) or not resolved.is_file():
            return None
        return resolved


class _WheelToPage(QObject):
    def __init__(self, pane: QScrollArea) -> None:
        super().__init__(pane)
        self.pane = pane

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            QApplication.sendEvent(self.pane.verticalScrollBar(), event)
            return True
        return False


class CardPane(QScrollArea):
    """A card: its text and the diagram it shows, one page that scrolls as a whole.

    The text comes first and gets the room it needs; the diagram takes the space left, but
    never below ``LEGIBLE`` of its layout size (its arrow labels stay at 9 px or more) while
    the window is wide enough for that: then the page scrolls. On a wide window the diagram
    sits beside the text. ``show_card(..., answer_rule=n)`` scrolls to the answer (the block
    after the ``n``-th horizontal rule); ``scroll_key`` scrolls by PgUp/PgDn/Up/Down/Home/End.
    """

    laidOut = Signal()  # after every relayout (the page may have started or stopped scrolling)
    LEGIBLE = 0.75  # the diagram's scale floor: its 12 px labels at 9 px
    SIDE_TEXT_MIN = 420  # px the text column keeps beside the diagram
    SIDE_SHARE = 0.6  # of the width the diagram may take beside the text
    GAP = 12

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.page = QWidget()
        self.page.setBackgroundRole(QPalette.ColorRole.Base)
        self.page.setAutoFillBackground(True)
        self.diagram: DiagramView | None = None
        self._diagram_key: tuple[str, str] = ("", "")
        self.side_by_side = False  # the diagram beside the text (a wide window)
        self.text = CardView(ctx.col.media_dir, self.page, ctx.i18n)
        self.text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._wheel = _WheelToPage(self)  # the wheel over the text or the diagram scrolls the page
        self.text.viewport().installEventFilter(self._wheel)
        self.setWidget(self.page)

    # ---- showing

    def show_card(
        self,
        html_fragment: str,
        extra: dict[str, Any],
        reveal: bool,
        answer_rule: int | None = None,
    ) -> None:
        """Show a side of a card; with ``answer_rule`` (the answer follows that many
        horizontal rules of the HTML, counted from 0) the page scrolls to the answer."""
        spec = extra.get("diagram") if isinstance(extra, dict) else None
        self._show_diagram(spec if isinstance(spec, dict) else None, reveal)
        anki = extra.get("anki") if isinstance(extra, dict) else None
        if isinstance(anki, dict) and isinstance(anki.get("ord"), int):
            css = self.ctx.col.styles.css(extra)
            self.text.show_html(html_fragment, css=css, ordinal=anki["ord"])
        else:
            self.text.show_html(html_fragment)
        self.relayout()
        if answer_rule is None:
            self.verticalScrollBar().setValue(0)
            if not reveal:
                self._show_highlight()
        else:
            self.scroll_to_answer(answer_rule)

    def _show_diagram(self, spec: dict[str, Any] | None, reveal: bool) -> None:
        if spec is not None and spec.get("answer_only") and not reveal:
            spec = None  # the section's picture, shown with the answer only
        if spec is None:
            if self.diagram is not None:
                self.diagram.hide()
            return
        source = str(spec.get("source", ""))
        lang = self.ctx.i18n.lang
        if self.diagram is None or self._diagram_key != (source, lang):
            try:
                diagram = sources.diagram(self.ctx.col, source)
            except SrsError:  # a diagram missing from the collection must not stop a review
                if self.diagram is not None:
                    self.diagram.hide()
                return
            if self.diagram is not None:
                self.diagram.deleteLater()
            self.diagram = DiagramView(diagram, lang=lang, parent=self.page)
            self.diagram.installEventFilter(self._wheel)
            self._diagram_key = (source, lang)
        self.diagram.show()
        try:
            self.diagram.set_focus(spec.get("highlight"), spec.get("hide"), reveal)
        except (KeyError, ValueError):  # stale card data: show the diagram unfocused
            self.diagram.set_focus(None, None, True)

    def has_diagram(self) -> bool:
        return self.diagram is not None and not self.diagram.isHidden()

    # ---- geometry

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.relayout()

    def _text_height(self, width: int) -> int:
        doc = self.text.document()
        doc.setTextWidth(width)  # what the text view sets itself at this width
        return math.ceil(doc.size().height())

    def _place(self, width: int, height: int) -> tuple[int, QRect, QRect | None, bool]:
        """(page height, text rect, diagram rect, side by side) for a viewport of this size."""
        if not self.has_diagram():
            text_h = self._text_height(width)
            return max(text_h, height), QRect(0, 0, width, max(text_h, height)), None, False
        assert self.diagram is not None
        bounds = self.diagram.layout_model.bounds
        bw, bh = bounds.width(), bounds.height()
        side_w = min(width * self.SIDE_SHARE, height * bw / bh)
        if side_w >= self.LEGIBLE * bw and width - side_w - self.GAP >= self.SIDE_TEXT_MIN:
            dw, dh = int(side_w), int(side_w * bh / bw)
            text_w = width - dw - self.GAP
            text_h = max(self._text_height(text_w), height)
            page_h = max(text_h, dh)
            return page_h, QRect(0, 0, text_w, text_h), QRect(text_w + self.GAP, 0, dw, dh), True
        text_h = self._text_height(width)
        natural = width * bh / bw
        dh = math.ceil(
            max(min(natural, self.LEGIBLE * bh), min(natural, height - text_h - self.GAP))
        )
        top = text_h + self.GAP
        return max(top + dh, height), QRect(0, 0, width, text_h), QRect(0, top, width, dh), False

    def relayout(self) -> None:
        """Place the text and the diagram for the viewport's size (a scroll bar only when the
        page is taller than the viewport)."""
        size = self.maximumViewportSize()
        bar = self.verticalScrollBar().sizeHint().width()
        width, height = size.width(), size.height()
        page_h, text_rect, diagram_rect, side = self._place(width, height)
        scrolls = page_h > height
        if scrolls:
            width -= bar
            page_h, text_rect, diagram_rect, side = self._place(width, height)
        policy = Qt.ScrollBarPolicy
        self.setVerticalScrollBarPolicy(
            policy.ScrollBarAlwaysOn if scrolls else policy.ScrollBarAlwaysOff
        )
        self.side_by_side = side
        self.page.resize(width, page_h)
        self.text.setGeometry(text_rect)
        if self.diagram is not None and diagram_rect is not None:
            self.diagram.setGeometry(diagram_rect)
        self.verticalScrollBar().setPageStep(max(1, height * 9 // 10))  # PgDn keeps a line
        self.laidOut.emit()

    # ---- scrolling

    def answer_span(self, rule: int) -> tuple[int, int] | None:
        """Where the answer is on the page: from the ``rule``-th horizontal rule to the end of
        the text (None: the text has no such rule)."""
        doc = self.text.document()
        layout = doc.documentLayout()
        seen = 0
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().hasProperty(
                QTextFormat.Property.BlockTrailingHorizontalRulerWidth
            ):
                if seen == rule:
                    top = int(layout.blockBoundingRect(block).top())
                    return self.text.y() + top, self.text.y() + self._content_bottom()
                seen += 1
            block = block.next()
        return None

    def _content_bottom(self) -> int:
        return math.ceil(self.text.document().size().height())

    def scroll_to_answer(self, rule: int) -> None:
        span = self.answer_span(rule)
        if span is None:
            return
        top, bottom = span
        bar = self.verticalScrollBar()
        value, height = bar.value(), self.viewport().height()
        if bottom > value + height:
            value = bottom - height
        value = min(value, top)  # an answer taller than the screen shows its start
        bar.setValue(value)

    def _show_highlight(self) -> None:
        """On a question, the diagram's asked box or arrow scrolled towards when it is below
        the screen, as far as the question stays on it (only its first line, the breadcrumb,
        may scroll away)."""
        diagram = self.diagram
        highlight = diagram.focus_element() if diagram is not None and self.has_diagram() else None
        if diagram is None or highlight is None:
            return
        rect = diagram.element_rect(highlight)
        bottom = diagram.y() + int(rect.bottom()) + self.GAP
        height = self.viewport().height()
        if bottom > height:  # the breadcrumb above the question may go, the question stays
            first = self.text.document().begin()
            context = first.text() and first.next().isValid()
            crumb = self.text.document().documentLayout().blockBoundingRect(first).bottom()
            keep_question = self.text.y() + int(crumb) if context else 0
            self.verticalScrollBar().setValue(min(bottom - height, keep_question))

    def scroll_key(self, key: int) -> bool:
        """Scroll the page for PgUp/PgDn/Up/Down/Home/End; False for any other key."""
        action = SCROLL_KEYS.get(key)
        if action is None:
            return False
        self.verticalScrollBar().triggerAction(action)
        return True


_Slider = QAbstractSlider.SliderAction
SCROLL_KEYS: dict[int, QAbstractSlider.SliderAction] = {
    Qt.Key.Key_PageDown: _Slider.SliderPageStepAdd,
    Qt.Key.Key_PageUp: _Slider.SliderPageStepSub,
    Qt.Key.Key_Down: _Slider.SliderSingleStepAdd,
    Qt.Key.Key_Up: _Slider.SliderSingleStepSub,
    Qt.Key.Key_Home: _Slider.SliderToMinimum,
    Qt.Key.Key_End: _Slider.SliderToMaximum,
}
