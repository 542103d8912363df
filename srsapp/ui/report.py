"""The statistics report: every panel of the dashboard laid out for a page, as a PDF (A4
portrait, page breaks between panels) or one tall PNG.

The report is drawn from the statistics of a scope (deck or all decks, a period), never from
the window: its size, scroll position and theme play no part. Each panel of the dashboard is
built off screen with the report's light palette and font, filled with the same statistics,
and only its charts (no group boxes, buttons or scroll bars) are painted into the page, with
the panel's title above them; tables (concepts, retention, card counts) are drawn as text, so
the PDF's text can be searched and copied. Korean is drawn with the bundled font.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
)
from PySide6.QtWidgets import QTableWidget, QWidget

from srsapp.core import days as daysmod
from srsapp.core.diagrams import Diagram
from srsapp.core.errors import SrsError
from srsapp.core.mastery import ConceptMastery
from srsapp.service import sources
from srsapp.service import stats as svc
from srsapp.service.collection import Collection
from srsapp.ui import charts
from srsapp.ui.dashboard_panels import (
    ButtonsPanel,
    CalendarPanel,
    CountsPanel,
    DiagramPanel,
    ForecastPanel,
    KnowledgePanel,
    Panel,
    RetentionPanel,
    ReviewsPanel,
)
from srsapp.ui.dashboard_tree import ConceptTree
from srsapp.ui.fonts import load_fonts
from srsapp.ui.i18n import STRINGS, I18n
from srsapp.ui.theme import (
    REPORT_INK,
    REPORT_MUTED,
    REPORT_PAPER,
    REPORT_PLACEHOLDER,
    REPORT_RULE,
    REPORT_TRACK,
    light_palette,
)

STRINGS.update(
    {
        "report.title": {
            "en": "srsapp statistics — {scope} — {date}",
            "ko": "srsapp 통계 — {scope} — {date}",
        },
        "report.subtitle": {
            "en": "Period: {period} · {cards} cards · estimated knowledge {known} cards · "
            "{reviews} reviews in the period",
            "ko": "기간: {period} · 카드 {cards}장 · 추정 지식 {known}장 · 기간 중 복습 {reviews}회",
        },
        "report.concepts": {"en": "Mastery per concept", "ko": "개념별 숙달도"},
        "report.concepts_left_out": {
            "en": "{shown} of {total} concepts: the deeper ones are in Statistics.",
            "ko": "개념 {total}개 중 {shown}개: 더 깊은 개념은 통계 창에 있습니다.",
        },
        "report.continued": {"en": "{title} (continued)", "ko": "{title} (계속)"},
        "report.page": {"en": "Page {page} of {pages}", "ko": "{pages}쪽 중 {page}쪽"},
        "report.reviews_time": {"en": "Minutes per day", "ko": "일별 복습 시간 (분)"},
        "report.cannot_write": {
            "en": "the report could not be written there",
            "ko": "보고서를 그곳에 쓸 수 없습니다",
        },
        "report.kind": {
            "en": "the report is written as .pdf or .png",
            "ko": "보고서는 .pdf 또는 .png로 저장합니다",
        },
    }
)

PDF_DPI = 96  # one device unit of the PDF is one logical pixel: charts lay out as on screen
PDF_MARGIN_MM = 14.0
PNG_WIDTH = 960  # logical pixels of the PNG's content, whatever the window's width
PNG_SCALE = 2  # pixels per logical pixel of the PNG (sharp on high-DPI screens and in print)
PNG_MARGIN = 28.0
BODY_PT = 9.0
GAP = 18.0  # between panels
MAX_CONCEPT_ROWS = 360
INK, MUTED, RULE = REPORT_INK, REPORT_MUTED, REPORT_RULE


@dataclass
class ReportData:
    """What a report shows: the statistics of one scope at one moment."""

    scope: str  # the deck's name, or "All decks" in the report's language
    period: str  # month / year / all
    date: date  # the calendar date of ``now`` in the learner's time zone
    stats: svc.DashboardStats  # with the slow parts (retention, buttons, hours)
    history: svc.KnowledgeHistory
    diagram: Diagram | None


def collect(
    col: Collection,
    now: datetime,
    i18n: I18n,
    deck_id: int | None = None,
    concept: tuple[str, ...] | None = None,
    *,
    period: str = "year",
    scope: str | None = None,
) -> ReportData:
    """The statistics of a deck (or every deck) for a report, read through the service."""
    stats = svc.dashboard_stats(col, now, deck_id, concept, slow=True, period=period)
    history = svc.knowledge_history(col, now, deck_id, concept, period=period)
    if scope is None:
        names = dict(col.decks())
        scope = names.get(deck_id, "") if deck_id is not None else i18n.tr("dash.all_decks")
    zone = daysmod.resolve_tz(col.settings()["timezone"])
    links = sources.linked_diagrams(col)
    try:
        diagram = sources.diagram(col, links[0][1]) if links else None
    except SrsError:  # a damaged diagram copy: the report goes without it
        diagram = None
    return ReportData(scope, period, now.astimezone(zone).date(), stats, history, diagram)


# ---------------------------------------------------------------- pieces of a page


@dataclass
class Piece:
    """A strip of the report ``height`` logical pixels tall, painted into a rect of the
    content's width."""

    height: float
    paint: Callable[[QPainter, QRectF], None]


@dataclass
class Section:
    """A panel: its title, then its pieces. A panel that fits on a page is never split; a
    longer one (the concept table) breaks between its rows, repeating ``header``."""

    title: str
    pieces: list[Piece]
    header: Piece | None = None


@dataclass
class Page:
    items: list[tuple[float, Piece]] = field(default_factory=list)  # (top, piece)


def paper_palette() -> QPalette:
    """The light theme, every role set: nothing of a dark application palette shows through
    (a palette's unset roles are inherited)."""
    palette = light_palette()
    palette.setColor(QPalette.ColorRole.PlaceholderText, REPORT_PLACEHOLDER)
    palette.setResolveMask(0xFFFF_FFFF_FFFF_FFFF)
    return palette


def _font(size: float = BODY_PT, bold: bool = False) -> QFont:
    font = QFont(load_fonts())
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def text_piece(
    text: str, width: float, size: float = BODY_PT, bold: bool = False, color: QColor = INK
) -> Piece:
    """Wrapped text."""
    font = _font(size, bold)
    flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
    box = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 10_000), flags, text)

    def paint(p: QPainter, rect: QRectF) -> None:
        p.setFont(font)
        p.setPen(color)
        p.drawText(rect, flags, text)

    return Piece(box.height() + 4, paint)


def widget_piece(widget: QWidget, height: float) -> Piece:
    """A chart or diagram widget of a panel, painted without any window background. It is
    taken out of its panel (whose layout would size it) and keeps the report's look."""
    widget.setParent(None)
    widget.setPalette(paper_palette())
    widget.setFont(_font())

    def paint(p: QPainter, rect: QRectF) -> None:
        widget.resize(int(rect.width()), int(rect.height()))
        p.save()
        p.translate(rect.topLeft())
        widget.render(p, QPoint(0, 0), renderFlags=QWidget.RenderFlag.DrawChildren)
        p.restore()

    return Piece(height, paint)


def row_piece(
    cells: list[str],
    widths: list[float],
    *,
    bold: bool = False,
    bar: tuple[int, float | None] | None = None,
    indent: float = 0.0,
    rule: bool = False,
) -> Piece:
    """One row of a table: the first cell left-aligned (indented), the others right-aligned;
    ``bar`` = (column, value 0..1) draws a mastery bar in that column, left of its text."""
    font = _font(BODY_PT, bold)
    fm = QFontMetricsF(font)
    height = fm.height() + 6

    def paint(p: QPainter, rect: QRectF) -> None:
        p.setFont(font)
        x = rect.left()
        for i, (text, w) in enumerate(zip(cells, widths, strict=True)):
            cell = QRectF(x + 4, rect.top(), w - 8, height)
            if i == 0:
                cell.setLeft(cell.left() + indent)
                shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, cell.width())
                align = Qt.AlignmentFlag.AlignLeft
            else:
                shown = text
                align = Qt.AlignmentFlag.AlignRight
            if bar is not None and bar[0] == i and bar[1] is not None:
                track = QRectF(cell.left(), cell.center().y() - 4, cell.width() * 0.55, 8)
                p.fillRect(track, REPORT_TRACK)
                done = QRectF(
                    track.left(), track.top(), track.width() * max(0.0, min(1.0, bar[1])), 8
                )
                p.fillRect(done, charts.mastery_color(bar[1]))
            p.setPen(INK)
            p.drawText(cell, int(align) | int(Qt.AlignmentFlag.AlignVCenter), shown)
            x += w
        if rule:
            p.setPen(QPen(RULE, 1))
            p.drawLine(
                QPointF(rect.left(), rect.top() + height - 0.5),
                QPointF(rect.right(), rect.top() + height - 0.5),
            )

    return Piece(height, paint)


def table_pieces(table: QTableWidget, width: float, first: float = 0.4) -> list[Piece]:
    """A panel's table (retention, card counts) as text rows: its headers, then its cells."""
    cols = table.columnCount()
    has_rows = table.verticalHeader().isVisible() or table.verticalHeaderItem(0) is not None
    label_w = width * first if has_rows else 0.0
    data_cols = cols if has_rows else cols - 1
    rest = (width - (label_w if has_rows else width * 0.7)) / max(1, data_cols)
    widths = [label_w] + [rest] * cols if has_rows else [width * 0.7] + [rest] * (cols - 1)
    pieces: list[Piece] = []
    headers = [table.horizontalHeaderItem(c) for c in range(cols)]
    if has_rows and all(h is not None for h in headers):
        pieces.append(
            row_piece([""] + [h.text() for h in headers if h], widths, bold=True, rule=True)
        )
    for r in range(table.rowCount()):
        cells = [table.item(r, c).text() if table.item(r, c) else "" for c in range(cols)]  # type: ignore[union-attr]
        if has_rows:
            head = table.verticalHeaderItem(r)
            cells = [head.text() if head else ""] + cells
        pieces.append(row_piece(cells, widths, rule=True))
    return pieces


# ---------------------------------------------------------------- the panels


class ReportBuilder:
    """The report's sections for ``data`` at a content width (logical pixels)."""

    def __init__(self, data: ReportData, i18n: I18n, width: float) -> None:
        self.data = data
        self.i18n = i18n
        self.width = width
        self.keep: list[QWidget] = []  # the off-screen panels whose widgets are painted

    def _panel(self, panel: Panel) -> Panel:
        panel.setPalette(paper_palette())
        panel.setFont(_font())
        panel.retranslate()
        panel.fill(self.data.stats)
        self.keep.append(panel)
        return panel

    def _charts(self, *charts_: tuple[charts._Base, float, str]) -> list[Piece]:
        """The charts that have data (each under its caption, if any), or the first one's
        line of "nothing yet" once (not a page of white boxes saying it)."""
        pieces: list[Piece] = []
        for chart, height, caption in charts_:
            if chart.has_data():
                if caption:
                    pieces.append(text_piece(caption, self.width, bold=True))
                pieces.append(widget_piece(chart, height))
        return pieces or [text_piece(charts_[0][0].empty_text, self.width, color=MUTED)]

    def _chart_height(self, ratio: float = 0.3) -> float:
        return max(150.0, self.width * ratio)

    def header(self) -> list[Piece]:
        d, tr, s = self.data, self.i18n.tr, self.data.stats
        title = tr("report.title", scope=d.scope, date=d.date.isoformat())
        days = svc.PERIODS[d.period]
        reviews = sum(r.count for r in s.reviews if days is None or (s.today - r.day).days < days)
        active = sum(c for k, c in s.card_counts.as_dict().items() if k != "retired")
        sub = tr(
            "report.subtitle",
            period=tr(f"dash.period.{d.period}"),
            cards=f"{active:,}",
            known=f"{s.total_knowledge:,.1f}",
            reviews=f"{reviews:,}",
        )
        return [
            text_piece(title, self.width, 16, bold=True),
            text_piece(sub, self.width, color=MUTED),
        ]

    def sections(self) -> list[Section]:
        tr, w = self.i18n.tr, self.width
        out = [self.concepts()]
        if self.data.diagram is not None:
            diagram = DiagramPanel(self.i18n, lambda: self.data.diagram)
            self._panel(diagram)
            view = diagram.view
            if view is not None:
                pieces = [widget_piece(view, view.heightForWidth(int(w)))]
                if diagram.caption.text():
                    pieces.append(text_piece(diagram.caption.text(), w))
                out.append(Section(tr("dash.diagram"), pieces))
        cal = self._panel(CalendarPanel(self.i18n))
        assert isinstance(cal, CalendarPanel)
        heat = cal.heatmap
        cell = min((w - 8 - heat._left()) / 53.0, 16.0)
        calendar = self._charts((heat, heat._top() + 10 + 7 * cell, "")) if heat.has_data() else []
        out.append(
            Section(tr("dash.calendar"), [*calendar, text_piece(cal.streak_label.text(), w)])
        )
        fc = self._panel(ForecastPanel(self.i18n))
        assert isinstance(fc, ForecastPanel)
        forecast = self._charts((fc.chart, self._chart_height(), ""))
        out.append(Section(tr("dash.forecast"), [*forecast, text_piece(fc.load_label.text(), w)]))
        days = svc.PERIODS[self.data.period]
        count = self._panel(ReviewsPanel(self.i18n, lambda: days))
        minutes = ReviewsPanel(self.i18n, lambda: days)
        minutes.time_radio.setChecked(True)
        self._panel(minutes)
        assert isinstance(count, ReviewsPanel)
        out.append(Section(tr("dash.reviews"), self._charts(
            (count.chart, self._chart_height(), ""),
            (minutes.chart, self._chart_height(0.22), tr("report.reviews_time")))))  # fmt: skip
        ret = self._panel(RetentionPanel(self.i18n))
        assert isinstance(ret, RetentionPanel)
        pieces = table_pieces(ret.table, w, first=0.25)
        if ret.empty.text():
            pieces.append(text_piece(ret.empty.text(), w, color=MUTED))
        out.append(Section(tr("dash.retention"), pieces))
        counts = self._panel(CountsPanel(self.i18n))
        assert isinstance(counts, CountsPanel)
        out.append(Section(tr("dash.counts"), table_pieces(counts.table, w)
                           + [text_piece(counts.finish_label.text(), w)]))  # fmt: skip
        know = self._panel(KnowledgePanel(self.i18n))
        assert isinstance(know, KnowledgePanel)
        know.show_history(self.data.history)
        know.show_concept(self.data.scope, self.data.history)
        out.append(Section(tr("dash.knowledge"), self._charts(
            (know.chart, self._chart_height(), ""),
            (know.concept_chart, self._chart_height(0.26), ""))))  # fmt: skip
        buttons = self._panel(ButtonsPanel(self.i18n))
        assert isinstance(buttons, ButtonsPanel)
        out.append(Section(tr("dash.buttons"), self._charts(
            (buttons.chart, self._chart_height(0.26), ""),
            (buttons.hours_chart, self._chart_height(0.22), ""))))  # fmt: skip
        return out

    def concepts(self) -> Section:
        """Every concept with cards, in the tree's order (indented by depth), with its
        mastery bar, studied share and cards due; then the weakest ones, as the tree says."""
        tr, w = self.i18n.tr, self.width
        tree = ConceptTree(self.i18n)
        tree.retranslate()
        tree.fill(self.data.stats.concepts)
        self.keep.append(tree)
        widths = [w * 0.58, w * 0.2, w * 0.12, w * 0.1]
        header = row_piece(
            [tr("dash.concept"), tr("dash.mastery"), tr("dash.coverage"), tr("dash.due")],
            widths,
            bold=True,
            rule=True,
        )
        concepts = [c for c in self.data.stats.concepts if c.cards]
        top = min((len(c.path) for c in concepts), default=1)
        shown = concepts_to_show(concepts)
        rows = [
            row_piece(
                [
                    c.title,
                    "–" if c.mastery is None else f"{100 * c.mastery:.0f}%",
                    "–" if c.coverage is None else f"{100 * c.coverage:.0f}%",
                    str(c.due),
                ],
                widths,
                bold=len(c.path) == top,
                bar=(1, c.mastery if c.studied else None),
                indent=14.0 * (len(c.path) - top),
            )
            for c in shown
        ]
        notes = [text_piece(tree.weak_label.text(), w)]
        if len(shown) < len(concepts):
            left = tr("report.concepts_left_out", shown=len(shown), total=len(concepts))
            notes.append(text_piece(left, w, color=MUTED))
        return Section(tr("report.concepts"), [header, *rows, *notes], header)


def concepts_to_show(concepts: list[ConceptMastery]) -> list[ConceptMastery]:
    """All of them when they fit in ``MAX_CONCEPT_ROWS`` rows (about eight pages); else the
    deepest levels are left out until they do (a 100k-card collection has 12k concepts), and
    at worst the first rows in tree order."""
    shown = concepts
    depth = max((len(c.path) for c in concepts), default=0)
    while len(shown) > MAX_CONCEPT_ROWS and depth > 1:
        depth -= 1
        shown = [c for c in concepts if len(c.path) <= depth]
    return shown[:MAX_CONCEPT_ROWS]


# ---------------------------------------------------------------- layout and output


def paginate(header: list[Piece], sections: list[Section], titles: Callable[[str], Piece],
             continued: Callable[[str], Piece], page_height: float) -> list[Page]:  # fmt: skip
    """Pieces placed on pages of ``page_height``: a panel that fits on a page starts a new
    page when it does not fit on this one; a longer panel breaks between its pieces."""
    pages = [Page()]
    y = 0.0

    def place(piece: Piece) -> None:
        nonlocal y
        pages[-1].items.append((y, piece))
        y += piece.height

    def new_page() -> None:
        nonlocal y
        pages.append(Page())
        y = 0.0

    for piece in header:
        place(piece)
    y += GAP / 2
    for section in sections:
        title = titles(section.title)
        total = title.height + sum(p.height for p in section.pieces)
        if y > 0 and y + total > page_height:
            keep = title.height + sum(p.height for p in section.pieces[:3])
            if total <= page_height or y + keep > page_height:
                new_page()
        place(title)
        for piece in section.pieces:
            if y + piece.height > page_height and y > 0:
                new_page()
                place(continued(section.title))
                if section.header is not None and piece is not section.header:
                    place(section.header)
            place(piece)
        y += GAP
    return pages


def _layout(data: ReportData, i18n: I18n, width: float, page_height: float) -> tuple[list[Page], ReportBuilder]:  # fmt: skip
    builder = ReportBuilder(data, i18n, width)
    tr = i18n.tr

    def heading(text: str) -> Piece:
        inner = text_piece(text, width, 11.5, bold=True)

        def paint(p: QPainter, rect: QRectF) -> None:
            inner.paint(p, rect)
            p.setPen(QPen(RULE, 1))
            y = rect.top() + inner.height + 1
            p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))

        return Piece(inner.height + 8, paint)

    pages = paginate(
        builder.header(),
        builder.sections(),
        heading,
        lambda t: heading(tr("report.continued", title=t)),
        page_height,
    )
    return pages, builder


def _paint_page(p: QPainter, page: Page, origin: QPointF, width: float) -> None:
    for top, piece in page.items:
        piece.paint(p, QRectF(origin.x(), origin.y() + top, width, piece.height))


def write_pdf(data: ReportData, i18n: I18n, path: str | Path) -> int:
    """A4 portrait pages; returns the number of pages."""
    out = Path(path)
    writer = QPdfWriter(str(out))
    writer.setResolution(PDF_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    margin = PDF_MARGIN_MM
    writer.setPageMargins(QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter)
    title = i18n.tr("report.title", scope=data.scope, date=data.date.isoformat())
    writer.setTitle(title)
    writer.setCreator("srsapp")
    width, height = float(writer.width()), float(writer.height())
    footer = _font(7.5)
    footer_h = QFontMetricsF(footer).height() + 8
    pages, _builder = _layout(data, i18n, width, height - footer_h)
    painter = QPainter()
    if not painter.begin(writer):
        raise SrsError(i18n.tr("report.cannot_write"), str(out))
    try:
        for n, page in enumerate(pages, 1):
            if n > 1:
                writer.newPage()
            _paint_page(painter, page, QPointF(0, 0), width)
            painter.setFont(footer)
            painter.setPen(MUTED)
            foot = QRectF(0, height - footer_h + 6, width, footer_h - 6)
            painter.drawText(foot, int(Qt.AlignmentFlag.AlignLeft), title)
            painter.drawText(
                foot,
                int(Qt.AlignmentFlag.AlignRight),
                i18n.tr("report.page", page=n, pages=len(pages)),
            )
    finally:
        painter.end()
    if not out.exists():
        raise SrsError(i18n.tr("report.cannot_write"), str(out))
    return len(pages)


def render_png(data: ReportData, i18n: I18n, width: float = PNG_WIDTH) -> QImage:
    """The whole report as one tall image, ``width`` logical pixels of content wide."""
    pages, _builder = _layout(data, i18n, width, float("inf"))
    page = pages[0]
    height = max((top + piece.height for top, piece in page.items), default=0.0)
    size_w, size_h = width + 2 * PNG_MARGIN, height + 2 * PNG_MARGIN
    image = QImage(int(size_w * PNG_SCALE), int(size_h * PNG_SCALE), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(PNG_SCALE)
    image.fill(REPORT_PAPER)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _paint_page(painter, page, QPointF(PNG_MARGIN, PNG_MARGIN), width)
    finally:
        painter.end()
    return image


def write_report(data: ReportData, i18n: I18n, path: str | Path) -> int:
    """A ``.pdf`` (returns its pages) or a ``.png`` (returns 1)."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        return write_pdf(data, i18n, out)
    if suffix != ".png":
        raise SrsError(i18n.tr("report.kind"), str(out))
    if not render_png(data, i18n).save(str(out), "PNG"):  # type: ignore[call-overload]
        raise SrsError(i18n.tr("report.cannot_write"), str(out))
    return 1
