"""Review-log columns across Anki → srsapp → Anki (issue 19, item 3): an imported answer
keeps Anki's factor, lastIvl and type (they were made up: 2500, the previous row's ivl, the
type our state gives); our own answer that leaves a card in review goes to Anki with its
interval in days, also when it is due at tomorrow's day start in less than 24 hours (it was
written as negative seconds, ``ivl -36295``: a learning step)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from anki.collection import Collection as AnkiCollection
from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

from srsapp.core import days
from srsapp.core.model import Rating
from srsapp.interchange.anki_model import (
    AnkiPackage,
    Card,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    Template,
)
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import write_package
from srsapp.service.collection import Collection
from tests.builders import open_collection
from tests.interchange.anki_fixtures import build_collection, export_apkg

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
# (ivl, factor, lastIvl, type, time) given to Anki's rows: learning and review answers, with
# factors, previous intervals and types our own states would not give
ODD = [(-600, 2300, -60, 0, 4321), (4, 2650, 7, 3, 12_000), (21, 1300, 0, 2, 800),
       (0, 0, 12, 1, 60_000)]  # fmt: skip


def test_imported_answers_go_back_with_anki_factor_last_ivl_and_type(
    col: Collection, tmp_path: Path
) -> None:
    (tmp_path / "anki").mkdir()
    built = build_collection(tmp_path / "anki" / "collection.anki2", reviews=4)
    anki = built.col
    try:
        rids = anki.db.list("SELECT id FROM revlog ORDER BY id")
        assert len(rids) == 4
        for rid, values in zip(rids, ODD, strict=True):
            anki.db.execute("UPDATE revlog SET ivl = ?, factor = ?, lastIvl = ?, type = ?, "
                            "time = ? WHERE id = ?", *values, rid)  # fmt: skip
        package = export_apkg(anki, tmp_path / "a.apkg", legacy=False)
        want = {r[0]: tuple(r[2:]) for r in anki.db.all(
            "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog")}  # fmt: skip
    finally:
        anki.close()
    col.import_file(package, now=T0)
    col.export_file(tmp_path / "back.apkg", now=T0)
    back = read_package(tmp_path / "back.apkg")
    got = {r.id: (r.ease, r.ivl, r.last_ivl, r.factor, r.time, r.type) for r in back.revlog}
    assert got == want
    # and the real Anki reads them so
    target = AnkiCollection(str(tmp_path / "again.anki2"))
    try:
        target.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(tmp_path / "back.apkg"),
            options=ImportAnkiPackageOptions(with_scheduling=True)))  # fmt: skip
        again = {r[0]: tuple(r[1:]) for r in target.db.all(
            "SELECT id, ease, ivl, lastIvl, factor, time, type FROM revlog")}  # fmt: skip
    finally:
        target.close()
    assert again == want


def _one_card_package(path: Path) -> Path:
    nt = Notetype(1, "Basic", NotetypeKind.BASIC, ["Front", "Back"],
                  [Template("Card 1", "{{Front}}", "{{Back}}")])  # fmt: skip
    pkg = AnkiPackage({1: nt}, {10: Deck(10, "D")}, [Note(1, "g1", 1, ["q", "a"])],
                      [Card(2, 1, 0, 10)], [], {}, 1_700_000_000)  # fmt: skip
    write_package(pkg, path)
    return path


def test_our_review_answers_go_to_anki_in_study_days(tmp_path: Path) -> None:
    col = open_collection(tmp_path / "c", seed=False, rng=random.Random(3))
    try:
        col.set_settings(timezone="UTC", day_start_hour=4)
        col.import_file(_one_card_package(tmp_path / "one.apkg"), now=T0)
        # answered in the evening: a review comes due at a day start less than n days later
        now = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)
        ratings = [Rating.GOOD, Rating.GOOD, Rating.HARD, Rating.GOOD, Rating.AGAIN,
                   Rating.GOOD, Rating.HARD, Rating.GOOD, Rating.EASY]  # fmt: skip
        for rating in ratings:
            card = col.next_card(now)
            assert card is not None
            col.answer(card.id, rating, now, 3000)
            now = max(now + timedelta(minutes=11), datetime.fromtimestamp(card_due(col), UTC))
            now = now.replace(hour=20, minute=0) if now.hour >= 4 and now.hour < 20 else now
        ours = {t: (after, ivl_s) for t, after, ivl_s in _revlog(col)}
        col.export_file(tmp_path / "out.apkg", now=now)
    finally:
        col.close()
    exported = read_package(tmp_path / "out.apkg").revlog
    reviews = 0
    for r in exported:
        after, interval_s = ours[r.id]
        if after != 2:  # learning: negative seconds
            assert r.ivl == -interval_s
            continue
        reviews += 1
        asked, due = _day(r.id / 1000), _day(r.id / 1000 + interval_s)
        assert interval_s % 86_400 != 0  # due at a day start, not n whole days later
        assert r.ivl == (due - asked).days >= 1
    assert reviews >= 4
    # a review answer's lastIvl is the ivl the answer before scheduled
    by_time = sorted(exported, key=lambda r: r.id)
    assert [r.last_ivl for r in by_time] == [0] + [r.ivl for r in by_time[:-1]]


def card_due(col: Collection) -> int:
    with col.db.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT due FROM cards").scalar() or 0)


def _revlog(col: Collection) -> list[tuple[int, int, int]]:
    with col.db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT time_ms, state_after, interval_s FROM revlog WHERE kind = 'review'"
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def _day(ts: float) -> date:
    return days.study_day(datetime.fromtimestamp(ts, UTC), days.resolve_tz("UTC"), 4)
