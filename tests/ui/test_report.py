"""The statistics report (Statistics → Export…, `srsapp stats --report`): every panel, laid
out for A4 pages or one tall image, whatever the window shows."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument

from srsapp.service.collection import Collection
from srsapp.ui import report
from srsapp.ui.dashboard import DashboardWindow
from srsapp.ui.i18n import I18n
from srsapp.ui.main_window import MainWindow
from tests.builders import T0, Templates, build_week, open_collection

NOW = T0 + timedelta(days=7)  # 2026-03-09 09:30 UTC, the week's collection in UTC
PANELS = (
    "report.concepts",
    "dash.diagram",
    "dash.calendar",
    "dash.forecast",
    "dash.reviews",
    "dash.retention",
    "dash.counts",
    "dash.knowledge",
    "dash.buttons",
)
CHROME = ("dash.refresh", "dash.export", "dash.scope")  # the window's buttons and combo box


@pytest.fixture
def week(tmp_path: Path, templates: Templates) -> Collection:
    c = open_collection(templates.copy("week", build_week, tmp_path / "week"), rng=random.Random(3))
    yield c  # type: ignore[misc]
    c.close(backup=False)


def dashboard(qtbot, col: Collection, lang: str = "en") -> DashboardWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(col, clock=lambda: NOW, lang=lang)
    qtbot.addWidget(w)
    d = DashboardWindow(w.ctx)
    qtbot.addWidget(d)
    d.show()
    d.wait_until_loaded(history=True)
    return d


def pdf_text(path: Path) -> tuple[QPdfDocument, list[str]]:
    doc = QPdfDocument()
    doc.load(str(path))
    assert doc.status() == QPdfDocument.Status.Ready
    return doc, [doc.getAllText(i).text() for i in range(doc.pageCount())]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_pdf_report_has_every_panel_on_a4_pages(
    qtbot, week: Collection, tmp_path: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    d = dashboard(qtbot, week, lang)
    d.resize(700, 500)  # a small window, scrolled away from the top: no part of the report
    d.charts_widget.parentWidget().parentWidget().verticalScrollBar().setValue(300)  # type: ignore[union-attr]
    out = tmp_path / "stats.pdf"
    pages = d.export(str(out))
    doc, texts = pdf_text(out)
    assert doc.pageCount() == pages >= 3  # panels on pages of their own, never one screenshot
    for i in range(doc.pageCount()):
        size = doc.pagePointSize(i)  # A4 portrait: 595 × 842 pt
        assert abs(size.width() - 595) < 2 and abs(size.height() - 842) < 2
    text = "\n".join(texts)
    tr = I18n(lang).tr
    assert tr("report.title", scope=tr("dash.all_decks"), date="2026-03-09") in texts[0]
    for key in PANELS:  # every panel's title is real text in the PDF (Korean too)
        assert tr(key) in text, key
    for key in CHROME:  # no buttons, combo boxes or radio buttons of the window
        assert tr(key) not in text, key
    assert "docker Network" in text  # the concept table lists the concepts, weakest included
    # a panel that fits on a page is never cut: its title and its last line share a page
    counts = next(t for t in texts if tr("dash.counts") in t)
    assert tr("dash.cards.retired") in counts


@pytest.mark.slow  # two 2000 × 8000 PNGs written and read: 5 s
def test_the_png_report_does_not_depend_on_the_window(
    qtbot, week: Collection, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    d = dashboard(qtbot, week)
    d.resize(1280, 860)
    d.export(str(tmp_path / "wide.png"))
    d.resize(640, 480)
    d.charts_widget.parentWidget().parentWidget().verticalScrollBar().setValue(10_000)  # type: ignore[union-attr]
    d.export(str(tmp_path / "narrow.png"))
    wide, narrow = QImage(str(tmp_path / "wide.png")), QImage(str(tmp_path / "narrow.png"))
    full = int((report.PNG_WIDTH + 2 * report.PNG_MARGIN) * report.PNG_SCALE)
    assert wide.width() == narrow.width() == full
    assert wide.height() > 3 * wide.width()  # one tall image: every panel below the other
    assert wide.convertToFormat(QImage.Format.Format_RGB32) == narrow.convertToFormat(
        QImage.Format.Format_RGB32
    )
    # a page of paper: white margins, whatever the window showed there (no window chrome)
    assert all(
        wide.pixelColor(x, y).name() == "#ffffff"
        for x in (2, wide.width() // 2, wide.width() - 3)
        for y in (2, wide.height() - 3)
    )


def test_the_title_dates_the_report_in_the_learners_time_zone(
    qtbot, col: Collection, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    col.set_settings(timezone="Asia/Seoul")
    now = datetime(2026, 3, 9, 20, 0, tzinfo=UTC)  # already the 10th in Seoul
    i18n = I18n("en")
    data = report.collect(col, now, i18n)
    assert data.date == date(2026, 3, 10)
    report.write_report(data, i18n, tmp_path / "r.pdf")
    _doc, texts = pdf_text(tmp_path / "r.pdf")
    assert "srsapp statistics — All decks — 2026-03-10" in texts[0]
    with pytest.raises(report.SrsError, match=r"r\.txt: the report is written as \.pdf or \.png"):
        report.write_report(data, i18n, tmp_path / "r.txt")


def test_stats_report_from_the_command_line(qtbot, week: Collection, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from srsapp.cli import main

    data_dir = week.data_dir
    week.close()
    out = tmp_path / "stats.pdf"
    assert main(["--data-dir", str(data_dir), "stats", "--report", str(out), "--lang", "ko"]) == 0
    _doc, texts = pdf_text(out)
    assert "개념별 숙달도" in texts[0] and "모든 덱" in texts[0]
    assert main(["--data-dir", str(data_dir), "stats", "--report", str(tmp_path / "s.svg")]) == 2


def test_a_collection_with_hundreds_of_concepts_lists_their_top_levels(
    qtbot, col: Collection, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck
    from srsapp.core.text import para

    paths = [(f"T{i}",) for i in range(10)] + [
        (f"T{i}", f"c{j}") for i in range(10) for j in range(40)
    ]
    leaves = [p for p in paths if len(p) == 2]
    deck = GeneratedDeck(
        "Wide",
        [ConceptInfo(p) for p in paths],
        [CardDraft(CardKind.TERM, p, f"t{k}", para(f"q{k}"), para(f"a{k}")) for k, p in enumerate(leaves)],
    )  # fmt: skip
    col.apply_generated("/wide.md", "h", "", deck, NOW)
    i18n = I18n("en")
    pages = report.write_report(report.collect(col, NOW, i18n), i18n, tmp_path / "wide.pdf")
    _doc, texts = pdf_text(tmp_path / "wide.pdf")
    text = "\n".join(texts)
    assert "10 of 410 concepts: the deeper ones are in Statistics." in text
    assert "T9" in text and "c39" not in text
    assert pages <= 6  # not 410 rows over ten pages


def test_the_export_button_writes_the_report_the_dialog_names(
    qtbot, week: Collection, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from srsapp.ui import dashboard as dash

    d = dashboard(qtbot, week, "ko")
    asked: list[str] = []

    def save_name(_parent, _title, start, filters):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(tmp_path / "통계"), filters.split(";;")[0]  # no suffix typed: the filter's

    monkeypatch.setattr(dash.QFileDialog, "getSaveFileName", staticmethod(save_name))
    qtbot.mouseClick(d.export_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].endswith("srsapp-statistics.pdf")
    _doc, texts = pdf_text(tmp_path / "통계.pdf")
    assert "srsapp 통계 — 모든 덱 — 2026-03-09" in texts[0]
