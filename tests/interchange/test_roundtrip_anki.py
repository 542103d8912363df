"""The collection ↔ the real Anki, through service.transfer (Anki is used only in tests).

- our Docker deck with a review history → .apkg → a fresh Anki collection: same notes, cards,
  review-log rows, deck tree (``Deck::concept::path``), due dates within a day, FSRS memory;
  re-exporting after an edit updates the note in Anki instead of duplicating it;
- packages built and exported by Anki (legacy and current) → our collection: same counts,
  fields, decks, tags, media and review history; importing twice adds nothing.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from anki.collection import Collection as AnkiCollection
from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
from sqlalchemy import select

from srsapp.core import days
from srsapp.core.model import CardState, Rating
from srsapp.interchange.apkg_read import read_package
from srsapp.service.anki.merge import derived_guid
from srsapp.service.collection import Collection
from srsapp.store.models import Card, Concept, Deck, Meta, Review
from tests.builders import open_collection
from tests.interchange.anki_fixtures import PNG_BYTES, build_collection, export_apkg

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def answer_some(col: Collection, start: datetime, n_days: int = 4, per_day: int = 8) -> int:
    """Study the collection at pinned times: a mix of Good and Again; returns answers given."""
    given = 0
    for day in range(n_days):
        t = start + timedelta(days=day)
        for i in range(per_day):
            card = col.next_card(t)
            if card is None:
                break
            rating = Rating.AGAIN if (day + i) % 5 == 0 else Rating.GOOD
            col.answer(card.id, rating, t, duration_ms=2000 + 100 * i)
            given += 1
            t += timedelta(minutes=11)
    return given


def docker_collection(path: Path) -> Collection:
    col = open_collection(path, rng=random.Random(7), now=T0)
    col.set_settings(timezone="UTC", day_start_hour=4)
    assert col.card_count() > 50, "the bundled Docker deck should be seeded"
    assert answer_some(col, T0) > 10
    return col


def import_into_anki(apkg: Path, target: Path, col: AnkiCollection | None = None) -> AnkiCollection:
    col = col or AnkiCollection(str(target))
    col.import_anki_package(
        ImportAnkiPackageRequest(
            package_path=str(apkg),
            options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False),
        )
    )
    return col


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Iterator[dict[str, object]]:
    # ``qapp``: pytest-qt's QApplication exists before the diagram painter needs one.
    from srsapp.ui.transfer import render_diagram_png

    tmp = tmp_path_factory.mktemp("docker")
    col = docker_collection(tmp / "data")
    out = tmp / "docker.apkg"
    report = col.export_file(out, render_diagram=render_diagram_png)
    with col.db.reading() as s:
        deck_names = dict(s.execute(select(Deck.id, Deck.name)).all())
        paths = {i: tuple(json.loads(p)) for i, p in s.execute(select(Concept.id, Concept.path))}
        cards = {
            derived_guid(deck_names[c.deck_id], c.key): (
                deck_names[c.deck_id],
                paths.get(c.concept_id or -1, ()),
                c.state,
                c.due,
                c.stability,
                c.kind,
            )
            for c in s.scalars(select(Card).where(Card.retired.is_(False)))
        }
        revlog = s.scalar(select(Review.id).order_by(Review.id.desc()).limit(1))
    yield {"col": col, "apkg": out, "report": report, "cards": cards, "revlog": revlog, "tmp": tmp}
    col.close()


@pytest.mark.slow
def test_docker_deck_exports_into_anki(exported: dict[str, object], tmp_path: Path) -> None:
    report = exported["report"]
    ours: dict[str, tuple] = exported["cards"]  # type: ignore[assignment]
    assert report.cards == len(ours) == report.notes  # type: ignore[attr-defined]
    assert report.revlog == exported["revlog"]  # type: ignore[attr-defined]
    anki = import_into_anki(exported["apkg"], tmp_path / "anki.anki2")  # type: ignore[arg-type]
    try:
        assert anki.note_count() == len(ours)
        assert anki.card_count() == len(ours)
        assert anki.db.scalar("select count() from revlog") == report.revlog  # type: ignore[attr-defined]
        # Anki's study day (rollover 4:00, the machine's zone is UTC in tests).
        anki_today = (datetime.now(UTC) - timedelta(hours=4)).date()
        deck_names = {d.name for d in anki.decks.all_names_and_ids()}
        checked_due = 0
        for nid in anki.find_notes(""):
            note = anki.get_note(nid)
            assert note.guid in ours
            deck, concept, state, due, stability, kind = ours[note.guid]
            card = note.cards()[0]
            expected_deck = "::".join((deck, *concept))
            assert anki.decks.name(card.did) == expected_deck
            assert expected_deck in deck_names
            if state == CardState.REVIEW:
                anki_due = anki_today + timedelta(days=card.due - anki.sched.today)
                our_due = days.study_day(datetime.fromtimestamp(due, UTC), "UTC", 4)
                assert abs((anki_due - our_due).days) <= 1
                assert card.memory_state is not None
                assert card.memory_state.stability == pytest.approx(stability, rel=1e-3)
                checked_due += 1
            elif state in (CardState.LEARNING, CardState.RELEARNING):
                assert abs(card.due - due) <= 86_400
                checked_due += 1
            else:
                assert card.type == 0
            if kind == "diagram":
                assert "srsapp-diagram" in note.fields[0]
        assert checked_due > 5
        # The deck tree: every concept path level is a deck.
        assert any(name.count("::") >= 2 for name in deck_names)
        pictures = [n for n in Path(anki.media.dir()).iterdir() if n.name.startswith("srsapp-")]
        assert pictures and all(p.read_bytes().startswith(b"\x89PNG") for p in pictures)
    finally:
        anki.close()


@pytest.mark.slow
def test_reexport_after_edit_updates_the_anki_note(
    exported: dict[str, object], tmp_path: Path
) -> None:
    col: Collection = exported["col"]  # type: ignore[assignment]
    anki = import_into_anki(exported["apkg"], tmp_path / "anki.anki2")  # type: ignore[arg-type]
    try:
        before = anki.note_count()
        with col.db.reading() as s:
            card = s.scalars(select(Card).where(Card.kind == "term")).first()
            assert card is not None
            card_id = card.id
            guid = derived_guid(
                s.scalar(select(Deck.name).where(Deck.id == card.deck_id)), card.key
            )
        # (edited and exported again a few seconds after the first export: Anki takes an incoming
        # note only when its modification time, in whole seconds, is later than the note it has —
        # two exports within one second raced)
        later = datetime.now(UTC) + timedelta(seconds=3)
        col.sched.actions.edit_card(card_id, None, "<p>edited back</p>", now=later)
        again = tmp_path / "again.apkg"
        col.export_file(again, scheduling=False, now=later)
        col.undo()
        import_into_anki(again, tmp_path / "unused", anki)
        assert anki.note_count() == before
        [nid] = [n for n in anki.find_notes("") if anki.get_note(n).guid == guid]
        assert anki.get_note(nid).fields[1] == "<p>edited back</p>"
    finally:
        anki.close()


@pytest.mark.slow
def test_reimporting_our_own_package_changes_nothing(exported: dict[str, object]) -> None:
    col: Collection = exported["col"]  # type: ignore[assignment]
    n_cards, n_revlog = col.card_count(), col.revlog_count()
    report = col.import_file(exported["apkg"], now=datetime.now(UTC))  # type: ignore[arg-type]
    assert (report.added, report.updated) == (0, 0)
    assert report.skipped == n_cards
    assert (col.card_count(), col.revlog_count()) == (n_cards, n_revlog)


# ---------------------------------------------------------------- Anki → ours


@pytest.fixture(scope="module")
def anki_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("anki")
    built = build_collection(tmp / "src.anki2", reviews=3)
    col = built.col
    facts: dict[str, object] = {
        "notes": {
            col.get_note(nid).guid: (list(col.get_note(nid).fields), sorted(col.get_note(nid).tags))
            for nid in col.find_notes("")
        },
        "cards": {
            (col.get_card(cid).note().guid, col.get_card(cid).ord): col.decks.name(
                col.get_card(cid).did
            )
            for cid in col.find_cards("")
        },
        "revlog": sorted(
            (col.get_card(cid).note().guid, col.get_card(cid).ord, rid, ease, taken)
            for rid, cid, ease, taken in col.db.all("select id, cid, ease, time from revlog")
        ),
        "memory": {
            (col.get_card(cid).note().guid, col.get_card(cid).ord): col.get_card(
                cid
            ).memory_state.stability
            for cid in built.reviewed_card_ids
        },
        "legacy": export_apkg(col, tmp / "legacy.apkg", legacy=True),
        "latest": export_apkg(col, tmp / "latest.apkg", legacy=False),
    }
    col.close()
    return facts


@pytest.mark.parametrize("kind", ["legacy", "latest"])
def test_anki_package_imports_into_ours(
    anki_packages: dict[str, object], col: Collection, kind: str
) -> None:
    now = datetime.now(UTC)
    report = col.import_file(anki_packages[kind], now=now)  # type: ignore[arg-type]
    expected_cards: dict[tuple[str, int], str] = anki_packages["cards"]  # type: ignore[assignment]
    assert report.added == len(expected_cards) == 6
    assert report.revlog == 3 and report.media == 1
    assert (col.data_dir / "media" / "pic.png").read_bytes() == PNG_BYTES
    notes: dict[str, tuple[list[str], list[str]]] = anki_packages["notes"]  # type: ignore[assignment]
    with col.db.reading() as s:
        deck_names = dict(s.execute(select(Deck.id, Deck.name)).all())
        paths = {i: tuple(json.loads(p)) for i, p in s.execute(select(Concept.id, Concept.path))}
        cards = s.execute(select(Card.__table__)).all()
        by_id = {c.id: c for c in cards}
        revlog = sorted(
            (by_id[r.card_id].guid, json.loads(by_id[r.card_id].extra)["anki"]["ord"], r.time_ms,
             r.rating, r.duration_ms)
            for r in s.execute(select(Review.__table__))
        )  # fmt: skip
    assert len(cards) == 6
    for c in cards:
        extra = json.loads(c.extra)
        ord_ = extra["anki"]["ord"]
        fields, tags = notes[c.guid]  # type: ignore[index]
        assert extra["anki"]["fields"] == fields
        assert sorted(extra["tags"]) == tags
        anki_deck = expected_cards[(c.guid, ord_)]  # type: ignore[index]
        assert (deck_names[c.deck_id], *paths.get(c.concept_id or -1, ())) == tuple(
            anki_deck.split("::")
        )
        assert c.front.strip() and c.back.strip()
    assert revlog == anki_packages["revlog"]
    memory: dict[tuple[str, int], float] = anki_packages["memory"]  # type: ignore[assignment]
    for c in cards:
        key = (c.guid, json.loads(c.extra)["anki"]["ord"])
        if key in memory:
            assert c.state != CardState.NEW
            assert c.stability == pytest.approx(memory[key], rel=1e-3)
    cloze = [c for c in cards if c.kind == "cloze"]
    assert len(cloze) == 2 and '<span class="cloze">[...]</span>' in cloze[0].front
    picture = next(c for c in cards if "pic.png" in c.back)
    assert '<img src="pic.png">' in picture.back
    # The studied cards can be scheduled by our FSRS straight away.
    studied = next(c for c in cards if (c.guid, json.loads(c.extra)["anki"]["ord"]) in memory)
    assert col.sched.answers.intervals(studied.id, now)[Rating.GOOD]
    again = col.import_file(anki_packages[kind], now=now)  # type: ignore[arg-type]
    assert (again.added, again.updated, again.skipped, again.revlog) == (0, 0, 6, 0)
    assert col.card_count() == 6 and col.revlog_count() == 3


def test_anki_package_into_a_chosen_deck(anki_packages: dict[str, object], col: Collection) -> None:
    report = col.import_file(anki_packages["latest"], deck="가져온 덱", now=T0)  # type: ignore[arg-type]
    assert report.decks == ("가져온 덱",)
    assert [name for _i, name in col.decks()] == ["가져온 덱"]
    with col.db.reading() as s:
        paths = {tuple(json.loads(p)) for p in s.scalars(select(Concept.path))}
    assert ("B",) in paths  # A::B keeps its sub-deck as a concept


def test_due_dates_survive_anki_round_trip(
    anki_packages: dict[str, object], col: Collection
) -> None:
    """Anki → ours: a review card's due day keeps its distance from today."""
    from srsapp.interchange.apkg_read import read_package

    pkg = read_package(anki_packages["latest"])  # type: ignore[arg-type]
    now = datetime.now(UTC)
    col.import_file(anki_packages["latest"], now=now)  # type: ignore[arg-type]
    source_today = (int(now.timestamp()) - pkg.crt) // 86_400
    expected: dict[str, date] = {}
    for c in pkg.cards:
        if c.type == 2:
            guid = next(n.guid for n in pkg.notes if n.id == c.note_id)
            expected[f"anki:{guid}:{c.ord}"] = days.study_day(now, "UTC", 4) + timedelta(
                days=c.due - source_today
            )
    with col.db.reading() as s:
        for key, due in s.execute(select(Card.key, Card.due).where(Card.key.in_(list(expected)))):
            assert days.study_day(datetime.fromtimestamp(due, UTC), "UTC", 4) == expected[key]


def test_anki_notes_go_back_to_anki_with_their_own_note_types(
    anki_packages: dict[str, object], col: Collection, tmp_path: Path
) -> None:
    """Cards imported from Anki refer to their note type, stored once; exported again they
    become their original notes (note type, fields, templates, CSS), which Anki imports."""
    col.import_file(anki_packages["latest"], now=T0)  # type: ignore[arg-type]
    with col.db.reading() as s:
        extras = [json.loads(e) for e in s.scalars(select(Card.extra))]
        stored = dict(s.execute(select(Meta.key, Meta.value)).all())
    refs = {e["anki"]["notetype"]["ref"] for e in extras}
    assert all(set(e["anki"]["notetype"]) == {"id", "ref"} for e in extras)
    assert {f"anki_notetype:{r}" for r in refs} <= set(stored) and len(refs) == 4
    out = tmp_path / "back.apkg"
    report = col.export_file(out, now=T0)
    assert (report.notes, report.cards) == (4, 6)
    original = read_package(anki_packages["latest"]).notetypes  # type: ignore[arg-type]
    back = read_package(out).notetypes
    used = {json.loads(stored[f"anki_notetype:{r}"])["id"] for r in refs}
    for ntid in used:  # the very note types Anki wrote, CSS and templates included
        a, b = original[ntid], back[ntid]
        assert (b.name, b.kind, b.fields, b.css) == (a.name, a.kind, a.fields, a.css)
        assert [(t.qfmt, t.afmt) for t in b.templates] == [(t.qfmt, t.afmt) for t in a.templates]
    anki = import_into_anki(out, tmp_path / "anki.anki2")
    try:
        names = sorted(m["name"] for m in anki.models.all())
        for kind in ("Basic", "Basic (and reversed card)", "Cloze", "Basic (type in the answer)"):
            assert kind in names
            model = anki.models.by_name(kind)
            assert model is not None and model["css"] and model["tmpls"][0]["qfmt"]
        notes: dict[str, tuple[list[str], list[str]]] = anki_packages["notes"]  # type: ignore[assignment]
        for nid in anki.find_notes(""):
            note = anki.get_note(nid)
            assert list(note.fields) == notes[note.guid][0]
        assert anki.card_count() == 6
    finally:
        anki.close()


@pytest.mark.slow
def test_notes_text_of_our_cards_matches_their_anki_notes(
    exported: dict[str, object], tmp_path: Path
) -> None:
    """Our cards written as Anki's "Notes in Plain Text" are the notes our .apkg made in Anki:
    importing the text over them changes no field (diagram cards name the same pictures)."""
    from anki.import_export_pb2 import ImportCsvRequest

    from srsapp.ui.transfer import render_diagram_png

    col = exported["col"]
    assert isinstance(col, Collection)
    text = tmp_path / "notes.txt"
    report = col.export_file(text, notes=True, render_diagram=render_diagram_png)
    anki = import_into_anki(exported["apkg"], tmp_path / "anki.anki2")  # type: ignore[arg-type]
    try:
        assert anki.note_count() == report.notes
        before = {n: list(anki.get_note(n).fields) for n in anki.find_notes("")}
        log = anki.import_csv(
            ImportCsvRequest(path=str(text), metadata=anki.get_csv_metadata(str(text), None))
        ).log
        assert len(log.duplicate) == report.notes  # every row is a note Anki has, unchanged
        assert not (log.new or log.updated or log.conflicting or log.missing_notetype)
        assert {n: list(anki.get_note(n).fields) for n in anki.find_notes("")} == before
    finally:
        anki.close()
