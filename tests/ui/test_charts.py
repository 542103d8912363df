"""The dashboard's charts drawn as a learner reads them: round axes, labels that neither
overlap nor get cut."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QColor

from srsapp.ui.charts import Heatmap, LineChart, Series, nice_axis

RED = QColor("#dc2626")


def test_a_knowledge_axis_steps_in_whole_round_numbers(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert [nice_axis(v) for v in (0.6, 9.2, 37, 118.8, 1234)] == [
        (1, 1), (10, 2), (40, 10), (150, 50), (1500, 500)
    ]  # fmt: skip
    chart = LineChart()
    qtbot.addWidget(chart)
    days = [(date(2026, 3, 2) + timedelta(days=k)).isoformat() for k in range(8)]
    chart.set_data(days, [Series("known", RED, [35.2, 74, 96, 111, 114, 118, 119.5, 118.8])])
    assert chart._axis() == (150, 50)  # 0, 50, 100, 150 (it read 0, 31, 63, 94, 125)
    chart.set_data(days, [Series("mastery", RED, [0.3] * 8)], y_max=1.0)
    assert chart._axis() == (1.0, 0.25)  # a share keeps its quarters: 0 %, 25 % … 100 %


def test_the_dates_under_a_narrow_line_chart_do_not_overlap(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = LineChart()
    qtbot.addWidget(chart)
    chart.resize(420, 200)
    days = [(date(2026, 3, 2) + timedelta(days=k)).isoformat() for k in range(8)]
    chart.set_data(days, [Series("known", RED, [float(k) for k in range(8)])])
    labels = chart.x_labels()
    assert labels[0][1] == days[0] and len(labels) >= 3
    for (a, _), (b, _) in zip(labels, labels[1:], strict=False):
        assert a.right() <= b.left()  # "2026-03-022026-03-03…" ran together
    assert all(0 <= r.left() and r.right() <= chart.width() for r, _ in labels)
    # below the y axis's "0" (centred on the bottom grid line), which the first date hit
    zero_bottom = chart._plot().bottom() + chart.fontMetrics().height() / 2
    assert all(r.top() >= zero_bottom for r, _ in labels)
    assert labels[-1][1] == days[-1]  # today's date is there, not squeezed out


def test_weekday_names_of_a_small_calendar_are_not_cut(qtbot) -> None:  # type: ignore[no-untyped-def]
    """At the dashboard's default size a cell is 6-7 px: the names were clipped to it."""
    heat = Heatmap()
    qtbot.addWidget(heat)
    heat.resize(420, 110)
    today = date(2026, 3, 9)
    heat.set_data(today, {today: 3})
    cell = heat.cell_rect(heat._first())
    assert cell.height() < heat.fontMetrics().height()  # the case that clipped
    image = heat.grab().toImage()
    ink = heat.palette().color(heat.foregroundRole())
    rows = [
        y
        for y in range(image.height())
        if any(
            abs(image.pixelColor(x, y).lightness() - ink.lightness()) < 60
            for x in range(0, int(cell.left()) - 2)
        )
    ]
    monday = [y for y in rows if cell.top() - 8 <= y <= cell.bottom() + 8]
    assert max(monday) - min(monday) + 1 > cell.height() + 1  # the whole "Mon", not a slice


def test_the_dashboards_year_calendar_names_every_month(qtbot, col) -> None:  # type: ignore[no-untyped-def]
    """In one of two columns the calendar's cells were 5 px and half the month names were
    left out (Apr Jun Jul Sep Nov Jan); it spans the window's width now."""
    from datetime import UTC, datetime

    from srsapp.ui.dashboard import DashboardWindow
    from srsapp.ui.main_window import MainWindow

    now = datetime(2026, 3, 9, 9, 30, tzinfo=UTC)
    w = MainWindow(col, clock=lambda: now, lang="ko")
    qtbot.addWidget(w)
    d = DashboardWindow(w.ctx)  # its default size, 1280 × 860
    qtbot.addWidget(d)
    d.show()
    d.wait_until_loaded(history=False)
    heat = d.calendar.heatmap
    heat.set_data(now.date(), {now.date(): 4})
    names = [text for _x, text in heat.month_labels()]
    assert len(names) == 12 and set(names) == set(heat.month_names)
    assert heat.cell_rect(now.date()).height() >= heat.fontMetrics().height() - 2


def test_the_labels_under_bars_stay_clear_of_each_other_and_of_the_axis(qtbot) -> None:  # type: ignore[no-untyped-def]
    from srsapp.ui.charts import BarChart

    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(300, 180)  # a narrow chart of a month of days
    days = [f"12/{d}" for d in range(1, 31)]
    chart.set_data(days, [Series("reviews", RED, [float(2000 + d) for d in range(30)])])
    labels = chart.x_labels()
    assert labels[0][1] == "12/1" and len(labels) >= 3
    for (a, _), (b, _) in zip(labels, labels[1:], strict=False):
        assert a.right() <= b.left()
    zero_bottom = chart._plot().bottom() + chart.fontMetrics().height() / 2
    assert all(r.top() >= zero_bottom and 0 <= r.left() for r, _ in labels)


def test_the_dashboards_tables_are_as_tall_as_their_rows(qtbot, col) -> None:  # type: ignore[no-untyped-def]
    """Retention and card counts sat in boxes of empty rows (a third of the panel blank)."""
    from datetime import UTC, datetime

    from srsapp.ui.dashboard import DashboardWindow
    from srsapp.ui.main_window import MainWindow

    now = datetime(2026, 3, 9, 9, 30, tzinfo=UTC)
    w = MainWindow(col, clock=lambda: now, lang="en")
    qtbot.addWidget(w)
    d = DashboardWindow(w.ctx)
    qtbot.addWidget(d)
    d.show()
    d.wait_until_loaded(history=True)
    for table in (d.retention.table, d.counts.table):
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        header = 0 if table.horizontalHeader().isHidden() else table.horizontalHeader().height()
        assert table.height() <= rows + header + 2 * table.frameWidth() + 2
        assert table.rowAt(table.viewport().height() - 2) == table.rowCount() - 1  # all shown
