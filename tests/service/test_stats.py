"""Statistics service on a temporary collection answered at pinned times."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from srsapp.cli import main as cli_main
from srsapp.core import mastery as m
from srsapp.core.errors import CollectionError
from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck, Rating
from srsapp.core.text import html_to_text, para
from srsapp.service import stats
from srsapp.service.collection import Collection
from tests.builders import T0, Templates, build_week, open_collection


def two_concept_deck() -> GeneratedDeck:
    concepts = [ConceptInfo(("Net",)), ConceptInfo(("Net", "TCP")), ConceptInfo(("Net", "UDP"))]
    cards = [
        CardDraft(
            CardKind.TERM,
            c,
            f"{c[-1]} {i}",
            para(f"Q {c[-1]} {i}"),
            para("A"),
            sibling=f"{c[-1]}{i}",
        )
        for c in (("Net", "TCP"), ("Net", "UDP"))
        for i in range(3)
    ]
    return GeneratedDeck(title="Net", concepts=concepts, cards=cards)


def card_ids(col: Collection, now: datetime) -> dict[str, int]:
    out = {}
    while (c := col.next_card(now)) is not None and c.id not in out.values():
        out[html_to_text(c.front).strip()] = c.id
        col.sched.actions.bury(c.id, now)
    for _ in out:
        col.undo()
    return out


def test_mastery_and_total_knowledge_match_the_formula(col: Collection) -> None:
    col.apply_generated("/n.md", "h", "t", two_concept_deck(), T0)
    ids = card_ids(col, T0)
    tcp = [ids[f"Q TCP {i}"] for i in range(3)]
    for cid in tcp[:2]:  # two TCP cards: Easy -> review state with a stability
        col.answer(cid, Rating.EASY, T0)
    later = T0 + timedelta(days=3)
    data = stats.stats_json(col, later)
    by_path = {tuple(c["path"]): c for c in data["concepts"]}
    s_easy = m.retrievability  # noqa: F841 (documenting which function gives R)
    with col.db.reading() as s:
        from srsapp.store.models import Card

        stab = [s.get(Card, cid).stability for cid in tcp[:2]]  # type: ignore[union-attr]
    r = [m.retrievability(3.0, x) for x in stab]
    assert 0.5 < r[0] < 1.0
    assert by_path[("Net", "TCP")]["cards"] == 3 and by_path[("Net", "TCP")]["studied"] == 2
    assert by_path[("Net", "TCP")]["mastery"] == pytest.approx(sum(r) / 3, abs=1e-4)
    assert by_path[("Net", "UDP")]["mastery"] == 0.0
    assert by_path[("Net",)]["mastery"] == pytest.approx(sum(r) / 6, abs=1e-4)  # roll-up
    assert data["total_knowledge"] == pytest.approx(sum(r), abs=0.01)
    hist = stats.knowledge_history(col, later, period="month")
    assert hist.total[-1] == pytest.approx(sum(r), rel=1e-6)
    assert hist.total[0] == pytest.approx(sum(m.retrievability(
        (stats._Ctx(col, later, None, None).boundary(hist.days[0] + timedelta(days=1)) - T0.timestamp()) / 86400, x) for x in stab), rel=1e-6)  # fmt: skip


def test_reviews_per_day_retention_forecast_and_streak(col: Collection) -> None:
    col.apply_generated("/n.md", "h", "t", two_concept_deck(), T0)
    ids = card_ids(col, T0)
    a, b = ids["Q TCP 0"], ids["Q UDP 0"]
    col.answer(a, Rating.EASY, T0, duration_ms=3000)
    col.answer(b, Rating.EASY, T0 + timedelta(minutes=1), duration_ms=5000)
    # both come back as review cards; a is remembered, b forgotten
    due = T0 + timedelta(days=20)
    col.answer(a, Rating.GOOD, due, duration_ms=2000)
    col.answer(b, Rating.AGAIN, due + timedelta(minutes=1), duration_ms=4000)
    data = stats.stats_json(col, due + timedelta(hours=1))
    assert data["reviews"] == [
        {"date": "2026-03-02", "count": 2, "seconds": 8.0},
        {"date": "2026-03-22", "count": 2, "seconds": 6.0},
    ]
    today = data["retention"]["today"]
    assert today["young"] == {"passed": 1, "failed": 1, "retention": 0.5}
    assert today["mature"]["passed"] + today["mature"]["failed"] == 0
    assert data["retention"]["year"]["all"]["retention"] == 0.5
    assert data["streak"] == 1  # 2026-03-21 had no reviews
    fc = data["forecast"]
    assert len(fc) == 30 and fc[0]["date"] == "2026-03-22"
    assert fc[0]["learning"] == 1  # b relearning today
    assert sum(f["new"] for f in fc) == 4  # four cards never studied, limit 20
    assert fc[0]["new"] == 4 and data["days_to_finish"] == 0


def test_day_boundary_follows_timezone_and_day_start(col: Collection) -> None:
    col.set_settings(timezone="Asia/Seoul", day_start_hour=4)
    col.apply_generated("/n.md", "h", "t", two_concept_deck(), T0)
    ids = list(card_ids(col, T0).values())
    # 03:59 and 04:01 Seoul time on 2026-03-05 (18:59 / 19:01 UTC on 03-04)
    col.answer(ids[0], Rating.GOOD, datetime(2026, 3, 4, 18, 59, tzinfo=UTC))
    col.answer(ids[1], Rating.GOOD, datetime(2026, 3, 4, 19, 1, tzinfo=UTC))
    data = stats.stats_json(col, datetime(2026, 3, 5, 1, 0, tzinfo=UTC))
    assert [(r["date"], r["count"]) for r in data["reviews"]] == [
        ("2026-03-04", 1),
        ("2026-03-05", 1),
    ]


def test_new_york_dst_days(col: Collection) -> None:
    col.set_settings(timezone="America/New_York", day_start_hour=4)
    col.apply_generated("/n.md", "h", "t", two_concept_deck(), T0)
    ids = list(card_ids(col, T0).values())
    # DST starts 2026-03-08 02:00; the study day 03-08 runs 03-08 04:00 EDT (08:00 UTC) ..
    col.answer(ids[0], Rating.GOOD, datetime(2026, 3, 8, 7, 59, tzinfo=UTC))  # 03:59 EDT: 03-07
    col.answer(ids[1], Rating.GOOD, datetime(2026, 3, 8, 8, 1, tzinfo=UTC))  # 04:01 EDT: 03-08
    col.answer(ids[2], Rating.GOOD, datetime(2026, 3, 10, 8, 30, tzinfo=UTC))  # 04:30 EDT 03-10
    data = stats.stats_json(col, datetime(2026, 3, 10, 12, tzinfo=UTC))
    assert [(r["date"], r["count"]) for r in data["reviews"]] == [
        ("2026-03-07", 1),
        ("2026-03-08", 1),
        ("2026-03-10", 1),
    ]
    hours = stats.dashboard_stats(col, datetime(2026, 3, 10, 12, tzinfo=UTC)).hours
    assert hours[4][0] == 2 and hours[3][0] == 1  # local hours, EDT after the change


def test_deck_scope_and_unknown_period(col: Collection) -> None:
    col.apply_generated("/n.md", "h", "t", two_concept_deck(), T0)
    other = GeneratedDeck(
        "Other",
        [ConceptInfo(("X",))],
        [CardDraft(CardKind.TERM, ("X",), "x", para("x"), para("y"))],
    )
    col.apply_generated("/o.md", "h", "t", other, T0)
    net = col.deck_id("Net")
    data = stats.stats_json(col, T0, net)
    assert {tuple(c["path"]) for c in data["concepts"]} == {
        ("Net",),
        ("Net", "TCP"),
        ("Net", "UDP"),
    }
    with pytest.raises(CollectionError, match="unknown period"):
        stats.knowledge_history(col, T0, period="decade")


@pytest.fixture
def week_col(tmp_path: Path, templates: Templates) -> Collection:
    c = open_collection(templates.copy("week", build_week, tmp_path / "week"), rng=random.Random(3))
    yield c  # type: ignore[misc]
    c.close(backup=False)


def test_week_of_reviews_finds_the_weak_concept(week_col: Collection) -> None:
    now = T0 + timedelta(days=7)
    ds = stats.dashboard_stats(week_col, now)
    assert len(ds.reviews) == 7 and ds.streak == 7  # today (day 8) not studied yet: still 7
    studied = [c for c in ds.concepts if c.studied and not any(
        o.path[: len(c.path)] == c.path and o.path != c.path for o in ds.concepts if o.cards)]  # fmt: skip
    weakest = m.weakest_first(studied)[0]
    assert any("docker Network" in p for p in weakest.path)
    assert ds.retention["week"].all.total > 0


def test_cli_stats_json(
    tmp_path: Path, templates: Templates, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = templates.copy("week", build_week, tmp_path / "cli")
    assert cli_main(["--data-dir", str(data_dir), "stats", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"concepts", "total_knowledge", "retention", "forecast", "reviews"}
    assert len(out["forecast"]) == 30
    assert sum(r["count"] for r in out["reviews"]) > 100
    assert all(0.0 <= c["mastery"] <= 1.0 for c in out["concepts"])
    assert out["total_knowledge"] > 0
    assert cli_main(["--data-dir", str(data_dir), "stats", "--deck", "nope"]) == 2
    assert cli_main(["--data-dir", str(data_dir), "stats"]) == 0
    assert "True retention" in capsys.readouterr().out
