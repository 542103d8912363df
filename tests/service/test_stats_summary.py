"""Schema v2 behind the statistics: ``revlog.last_interval_s`` as every writer fills it, the
answers-per-hour summary (``revlog_hours``) its triggers keep equal to the review log, the
fallback pass for half-hour time zones, and the knowledge history read from a period only."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from srsapp.core import mastery as m
from srsapp.core.model import CardState, Rating
from srsapp.interchange.anki_model import RevlogEntry
from srsapp.service import stats
from srsapp.service.collection import DB_NAME, Collection
from srsapp.service.maintenance.check import check
from srsapp.service.transfer import export_file, import_file
from srsapp.store import anki_revlog
from srsapp.store.models import ANSWER_COLUMNS, MATURE_INTERVAL_S
from tests.builders import open_collection
from tests.reliability.helpers import load_deck, study

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
DAY = 86400


def studied(tmp_path: Path, tz: str = "Asia/Seoul", answers: int = 300) -> Collection:
    col = open_collection(tmp_path / "data", seed=False, rng=random.Random(3))
    col.set_settings(timezone=tz, day_start_hour=4)
    load_deck(col, 30, T0)
    study(col, T0, answers, seed=11)
    return col


def hours_table(col: Collection) -> dict[int, tuple[int, ...]]:
    con = sqlite3.connect(col.data_dir / DB_NAME)
    try:
        q = f"SELECT hour, {', '.join(ANSWER_COLUMNS)}, duration_ms FROM revlog_hours"
        return {r[0]: tuple(r[1:]) for r in con.execute(q) if any(r[1:])}
    finally:
        con.close()


def hours_from_log(col: Collection) -> dict[int, tuple[int, ...]]:
    """revlog_hours recomputed in Python from the review log."""
    con = sqlite3.connect(col.data_dir / DB_NAME)
    out: dict[int, list[int]] = {}
    q = (
        "SELECT time_ms, rating, duration_ms, state_before, last_interval_s FROM revlog "
        "WHERE kind = 'review'"
    )
    for time_ms, rating, ms, state_before, last_ivl in con.execute(q):
        if not 1 <= rating <= 4:
            continue
        cls = 0 if state_before != 2 else (2 if last_ivl >= MATURE_INTERVAL_S else 1)
        row = out.setdefault(time_ms // 3_600_000, [0] * 13)
        row[cls * 4 + rating - 1] += 1
        row[12] += ms
    con.close()
    return {h: tuple(v) for h, v in out.items()}


def _interval(col: Collection, card_id: int) -> tuple[int, int]:
    """(state, due - last review) of a card."""
    from srsapp.store.models import Card

    with col.db.reading() as s:
        c = s.get(Card, card_id)
        assert c is not None
        return c.state, c.due - (c.last_review or c.due)


def test_answer_records_the_interval_the_card_was_on(col: Collection) -> None:
    load_deck(col, 1, T0)
    card = col.next_card(T0)
    assert card is not None
    col.answer(card.id, Rating.EASY, T0)  # new -> review
    state, interval = _interval(col, card.id)
    assert state == CardState.REVIEW and interval >= DAY
    later = T0 + timedelta(seconds=interval)
    col.answer(card.id, Rating.AGAIN, later)  # review -> relearning
    assert _interval(col, card.id)[0] == CardState.RELEARNING
    col.answer(card.id, Rating.GOOD, later + timedelta(minutes=10))
    state_at_reset, interval_at_reset = _interval(col, card.id)
    col.sched.actions.reset_to_new([card.id], later + timedelta(hours=1))
    con = sqlite3.connect(col.data_dir / DB_NAME)
    rows = con.execute("SELECT state_before, last_interval_s FROM revlog ORDER BY id").fetchall()
    con.close()
    assert rows[:3] == [
        (int(CardState.NEW), 0),
        (int(CardState.REVIEW), interval),
        (int(CardState.RELEARNING), 0),
    ]
    reset_ivl = interval_at_reset if state_at_reset == CardState.REVIEW else 0
    assert rows[3] == (state_at_reset, reset_ivl)


def test_summary_follows_answers_undo_resets_and_deletes(tmp_path: Path) -> None:
    col = studied(tmp_path)
    try:
        assert hours_table(col) == hours_from_log(col) != {}
        now = T0 + timedelta(days=60)
        card = col.next_card(now)
        assert card is not None
        col.answer(card.id, Rating.HARD, now, duration_ms=1234)
        assert hours_table(col) == hours_from_log(col)
        col.undo()
        assert hours_table(col) == hours_from_log(col)
        col.sched.actions.reset_to_new([card.id], now)  # a manual row: not an answer
        assert hours_table(col) == hours_from_log(col)
        with col.db.transaction() as s:  # cascading delete of a card's review rows
            s.connection().exec_driver_sql("DELETE FROM cards WHERE id = ?", (card.id,))
        assert hours_table(col) == hours_from_log(col)
        n_answers = sum(sum(v[:12]) for v in hours_table(col).values())
        assert (
            n_answers
            == sqlite3.connect(col.data_dir / DB_NAME)
            .execute("SELECT count(*) FROM revlog WHERE kind = 'review' AND rating > 0")
            .fetchone()[0]
        )
    finally:
        col.close(backup=False)


def test_check_finds_and_repairs_a_summary_that_drifted(tmp_path: Path) -> None:
    col = studied(tmp_path, answers=80)
    try:
        assert check(col).problems == []
        with col.db.transaction() as s:
            conn = s.connection()
            conn.exec_driver_sql("UPDATE revlog_hours SET young_3 = young_3 + 5")
            conn.exec_driver_sql("DROP TRIGGER revlog_hours_delete")
        report = check(col)
        kinds = {p.kind for p in report.problems}
        assert kinds == {"summary"}
        assert any("revlog_hours_delete" in p.message for p in report.problems)
        fixed = check(col, repair=True, now=T0 + timedelta(days=30))
        assert fixed.remaining == [] and fixed.repaired
        assert "recomputed the answers per hour from the review log" in fixed.repairs
        assert hours_table(col) == hours_from_log(col)
        col.sched.undo.label()  # the collection is still usable; deletes are tracked again
        card = col.next_card(T0 + timedelta(days=30))
        assert card is not None
        col.answer(card.id, Rating.GOOD, T0 + timedelta(days=30))
        col.undo()
        assert hours_table(col) == hours_from_log(col)
    finally:
        col.close(backup=False)


@pytest.mark.parametrize("tz", ["Asia/Seoul", "America/New_York", "Asia/Kolkata"])
def test_summary_and_scan_give_the_same_statistics(tmp_path: Path, tz: str) -> None:
    """Unscoped statistics read revlog_hours (Kolkata, +05:30, cannot: a study day starts at
    22:30 UTC); scoped to the only deck they scan the log. Both must agree."""
    col = studied(tmp_path, tz=tz, answers=400)
    try:
        [(deck_id, _name)] = col.decks()
        now = T0 + timedelta(days=120)
        whole = stats.dashboard_stats(col, now, period="all")
        deck = stats.dashboard_stats(col, now, deck_id, period="all")
        assert whole.reviews == deck.reviews and whole.reviews
        assert whole.retention == deck.retention
        assert whole.buttons == deck.buttons and sum(whole.buttons["young"]) > 0
        assert whole.hours == deck.hours
        assert sum(n for n, _ in whole.hours) == sum(r.count for r in whole.reviews)
    finally:
        col.close(backup=False)


def test_half_hour_time_zone_days_and_hours(col: Collection) -> None:
    col.set_settings(timezone="Asia/Kolkata", day_start_hour=4)  # day starts 22:30 UTC
    load_deck(col, 3, T0)
    ids = []
    for _ in range(3):
        c = col.next_card(T0)
        assert c is not None
        ids.append(c.id)
        col.sched.actions.bury(c.id, T0)
    for _ in ids:
        col.undo()
    col.answer(ids[0], Rating.GOOD, datetime(2026, 3, 4, 22, 29, tzinfo=UTC))  # 03:59 IST
    col.answer(ids[1], Rating.GOOD, datetime(2026, 3, 4, 22, 31, tzinfo=UTC))  # 04:01 IST
    col.answer(ids[2], Rating.GOOD, datetime(2026, 3, 4, 23, 40, tzinfo=UTC))  # 05:10 IST
    s = stats.dashboard_stats(col, datetime(2026, 3, 5, 1, 0, tzinfo=UTC))
    assert [(r.day.isoformat(), r.count) for r in s.reviews] == [
        ("2026-03-04", 1),
        ("2026-03-05", 2),
    ]
    assert (s.hours[3][0], s.hours[4][0], s.hours[5][0]) == (1, 1, 1)


def test_knowledge_history_uses_the_last_row_before_the_period(col: Collection) -> None:
    load_deck(col, 3, T0)
    ids = []
    for _ in range(3):
        c = col.next_card(T0)
        assert c is not None
        ids.append(c.id)
        col.answer(c.id, Rating.EASY, T0)
    col.sched.actions.set_suspended(ids[2], now=T0)  # not counted
    with col.db.reading() as s:
        from srsapp.store.models import Card

        stab = [s.get(Card, i).stability for i in ids]  # type: ignore[union-attr]
    later = T0 + timedelta(days=60)  # every review is before the month
    hist = stats.knowledge_history(col, later, period="month")
    assert hist.cards == 2 and len(hist.days) == 30
    assert hist.total[-1] == pytest.approx(sum(m.retrievability(60.0, x) for x in stab[:2]))
    ctx = stats._Ctx(col, later, None, None)
    end0 = ctx.boundary(hist.days[0] + timedelta(days=1))
    t0 = (end0 - T0.timestamp()) / DAY
    assert hist.total[0] == pytest.approx(sum(m.retrievability(t0, x) for x in stab[:2]))
    # one more review inside the month replaces the earlier row of that card from then on
    col.answer(ids[0], Rating.GOOD, later - timedelta(days=2))
    with col.db.reading() as s:
        s0 = s.get(Card, ids[0]).stability  # type: ignore[union-attr]
    hist2 = stats.knowledge_history(col, later, period="month")
    assert hist2.total[0] == pytest.approx(hist.total[0])
    assert hist2.total[-1] == pytest.approx(
        m.retrievability(2.0, s0) + m.retrievability(60.0, stab[1])
    )


def test_anki_import_takes_last_interval_from_last_ivl() -> None:
    history = [
        RevlogEntry(1_000, 1, 3, -600, 0, 0, 5000, 0),  # learning step
        RevlogEntry(2_000, 1, 3, 3, -600, 2500, 4000, 0),  # graduates: learning answer
        RevlogEntry(3_000, 1, 3, 25, 3, 2500, 3000, 1),  # review on a 3-day interval
        RevlogEntry(4_000, 1, 1, -600, 25, 2500, 3000, 1),  # review on 25 days, forgotten
    ]
    conn = sqlite3.connect(":memory:")
    conn.deserialize(
        anki_revlog.mapped_db_of(
            (r.id, r.card_id, r.ease, r.ivl, r.last_ivl, r.factor, r.time, r.type) for r in history
        )
    )
    rows = conn.execute("SELECT last_interval_s FROM srs_mapped ORDER BY time_ms").fetchall()
    assert [r[0] for r in rows] == [0, 0, 3 * DAY, 25 * DAY]


def test_a_v1_json_backup_restores_with_last_intervals(tmp_path: Path) -> None:
    col = studied(tmp_path, answers=200)
    path = tmp_path / "backup.json"
    export_file(col, path, now=T0 + timedelta(days=100))
    want = dict(
        sqlite3.connect(col.data_dir / DB_NAME).execute("SELECT id, last_interval_s FROM revlog")
    )
    col.close(backup=False)
    assert any(want.values())
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["schema_version"] = 1
    for row in doc["tables"]["revlog"]:
        del row["last_interval_s"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    fresh = open_collection(tmp_path / "fresh", seed=False)
    try:
        import_file(fresh, path, now=T0 + timedelta(days=100))
        got = dict(
            sqlite3.connect(fresh.data_dir / DB_NAME).execute(
                "SELECT id, last_interval_s FROM revlog"
            )
        )
        assert got == want
        assert hours_table(fresh) == hours_from_log(fresh)
    finally:
        fresh.close(backup=False)
