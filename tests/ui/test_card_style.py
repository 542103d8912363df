"""An imported Anki card as Anki styles it (issue 16): its note type's CSS as far as Qt's rich
text goes (and no further than the sanitizer allows, issue 19), furigana raised over its
text, MathJax formulas drawn as pictures."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from anki.collection import Collection as AnkiCollection
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextFormat

from srsapp.service.collection import Collection
from srsapp.ui import mathtex
from srsapp.ui.browser import BrowserWindow
from srsapp.ui.card_css import MAX_CSS_CHARS, qt_card_css
from srsapp.ui.card_view import MAX_SOUNDS, CardView
from srsapp.ui.main_window import MainWindow
from srsapp.ui.review import ReviewWidget
from tests.interchange.anki_fixtures import export_apkg

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
CSS = """.card { font-family: arial; font-size: 20px; text-align: center; color: black;
  background-color: white; }
.cloze { font-weight: bold; color: blue; }
.nightMode .cloze { color: lightblue; }
.card2 .word { color: #008000; }
@import url("https://example.com/x.css");
@media (max-width: 10px) { .word { color: red; } }
.word { background-color: #ffff00; }
.leak { background-color: u\\72l(https://example.com/a.png); color: #800000 }
"""


def char_format(view: CardView, text: str) -> QTextCharFormat:
    """The format of the first character of ``text`` as laid out."""
    at = view.toPlainText().index(text)
    cursor = QTextCursor(view.document())
    cursor.setPosition(at + 1)
    return cursor.charFormat()


def block_alignment(view: CardView, text: str) -> object:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.toPlainText().index(text) + 1)
    return cursor.blockFormat().alignment()


def dark(view: CardView) -> None:
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    view.setPalette(palette)


def test_note_type_css_applies_as_far_as_qt_goes(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = CardView(tmp_path)
    qtbot.addWidget(view)
    html = ('<span class="cloze">도커</span> <span class="word">word</span> '
            '<span class="leak">leak</span>')  # fmt: skip
    view.show_html(html, css=CSS, ordinal=1)
    cloze = char_format(view, "도커")
    assert cloze.foreground().color() == QColor("blue") and cloze.fontWeight() >= 700
    word = char_format(view, "word")
    assert word.foreground().color() == QColor("#008000")  # .card2: this is the second card
    assert word.background().color() == QColor("#ffff00")
    assert int(block_alignment(view, "도커")) & 0x4  # Qt.AlignHCenter: .card's text-align
    sheet = view.document().defaultStyleSheet()
    assert "url" not in sheet.lower().replace("curl", "") and "example.com" not in sheet
    assert "#800000" in sheet  # the leak rule keeps its safe declaration only
    assert "arial" not in sheet and "20px" not in sheet  # the card's font is Preferences'
    assert "red" not in sheet  # @media rules are left out whole
    view.show_html(html, css=CSS, ordinal=0)
    assert char_format(view, "word").foreground().color() != QColor("#008000")


def test_night_mode_rules_in_the_dark_theme(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = CardView(tmp_path)
    qtbot.addWidget(view)
    dark(view)
    view.show_html('<span class="cloze">도커</span>', css=CSS, ordinal=0)
    assert char_format(view, "도커").foreground().color() == QColor("lightblue")
    # a dark colour on the dark theme is not applied (it would not read)
    assert "#800000" not in view.document().defaultStyleSheet()
    assert "lightblue" not in qt_card_css(CSS, False)


def test_too_much_css_is_not_applied() -> None:
    huge = ".a { color: blue; }" * (MAX_CSS_CHARS // 19 + 1)
    assert qt_card_css(huge, False) == ""
    assert qt_card_css(".a { color: blue }" + "\n.b{}" * 600, False) == ""


def test_furigana_is_raised_over_its_text(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = CardView(tmp_path)
    qtbot.addWidget(view)
    view.show_html("<ruby><rb>日本語</rb><rp>(</rp><rt>にほんご</rt><rp>)</rp></ruby>を")
    assert view.toPlainText() == "日本語にほんごを"
    reading = char_format(view, "にほんご")
    assert reading.verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignSuperScript
    assert char_format(view, "日本語").verticalAlignment() != reading.verticalAlignment()
    assert reading.fontPointSize() < char_format(view, "日本語").fontPointSize()


def images(view: CardView) -> list[str]:
    names = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return names


def test_mathjax_is_drawn_cached_and_code_left_alone(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("matplotlib")
    view = CardView(tmp_path)
    qtbot.addWidget(view)
    card = (r"넓이 \(\pi r^2\) 와 \[\sum_{i=1}^n i\] 그리고 \(\begin{align}x\end{align}\)"
            r" <code>re.compile(r'\(a\)')</code> \(a &lt; b\)")  # fmt: skip
    view.show_html(card)
    text = view.toPlainText()
    assert "\\(" not in text.replace(r"r'\(a\)'", "") and "\\[" not in text
    assert r"re.compile(r'\(a\)')" in text  # code is code
    assert r"\begin{align}x\end{align}" in text  # what mathtext cannot draw stays readable
    shown = images(view)
    assert shown == ["srsapp-math:0", "srsapp-math:1", "srsapp-math:2"]
    for name in shown:
        picture = view.loadResource(int(QTextFormat.ObjectTypes.ImageObject.value), name)
        assert picture is not None and not picture.isNull() and picture.width() > 10
    assert view.refused == []
    before = mathtex.render.cache_info().hits
    view.show_html(card)
    assert mathtex.render.cache_info().hits >= before + 3  # drawn once, not per showing


def test_review_styles_an_imported_card(qtbot, col: Collection, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "anki").mkdir()
    anki = AnkiCollection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        model = anki.models.by_name("Cloze")
        assert model is not None
        note = anki.new_note(model)
        note["Text"] = "{{c1::컨테이너}}는 격리된 프로세스다"
        anki.add_note(note, anki.decks.id("Docker") or 1)
        package = export_apkg(anki, tmp_path / "c.apkg", legacy=False)
    finally:
        anki.close()
    col.import_file(package, now=T0)
    w = MainWindow(col, clock=lambda: T0, lang="ko")
    qtbot.addWidget(w)
    w.show()
    w.open_review(col.decks()[0][0])
    review = w.stack.currentWidget()
    assert isinstance(review, ReviewWidget)
    view = review.card_view
    # Anki's stock cloze CSS: .cloze { font-weight: bold; color: blue; }
    assert char_format(view, "[...]").foreground().color() == QColor("blue")
    assert int(block_alignment(view, "[...]")) & 0x4
    # and so does the browser's preview of it
    browser = w.open_tool(BrowserWindow)
    assert isinstance(browser, BrowserWindow)
    first = browser.table.visualRect(browser.model.index(0, 0)).center()
    qtbot.mouseClick(browser.table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert "컨테이너" in browser.preview.toPlainText()
    assert char_format(browser.preview, "[...]").foreground().color() == QColor("blue")
    assert browser.preview.toPlainText().count("격리된") == 2  # question, then answer: not 3


def test_sounds_and_formulas_keep_the_element_bound(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A card of 2,000 sound tags and 2,000 formulas passes the sanitizer (it is text) but
    makes no more than ``MAX_SOUNDS`` links and ``MAX_FORMULAS`` pictures or code runs."""
    pytest.importorskip("matplotlib")
    view = CardView(tmp_path)
    qtbot.addWidget(view)
    view.show_html("[sound:a.mp3] " * 2_000 + r"\(\begin{x}\) " * 2_000)
    assert len(view.sounds) == MAX_SOUNDS
    assert view.toPlainText().count("[sound:a.mp3]") == 2_000 - MAX_SOUNDS
    assert view.toHtml().count("<a ") <= MAX_SOUNDS
    assert view.toPlainText().count(r"\(\begin{x}\)") == 2_000 - mathtex.MAX_FORMULAS
