"""Anki's normal (incremental) sync between srsapp and Anki's own client, through a real
Anki sync server: after a first full sync only what changed moves, both ways."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from srsapp.cli import main
from srsapp.core.model import Rating
from srsapp.service.ankisync import normal
from srsapp.service.ankisync.client import SyncClient, SyncError
from srsapp.service.ankisync.full import collection_for_upload
from srsapp.service.ankisync.sync import sync
from srsapp.service.collection import Collection
from tests.builders import build_week, open_collection
from tests.sync.anki_client import AnkiClient, file_schedules
from tests.sync.conftest import PASSWORD, USER, SyncServer

pytestmark = pytest.mark.slow


def _ours(col: Collection, folder: Path) -> tuple[dict, list[int]]:  # type: ignore[type-arg]
    folder.mkdir(exist_ok=True)
    path, _ = collection_for_upload(col, folder, datetime.now(UTC))
    return file_schedules(path)


def _answer(col: Collection, n: int, t: datetime, skip_guids: set[str] = frozenset()) -> list[int]:  # type: ignore[assignment]
    """Answer ``n`` review cards Good whose notes are not among ``skip_guids``."""
    conn = sqlite3.connect(col.db.path)
    try:
        due = [i for (i,) in conn.execute(
            "SELECT id FROM cards WHERE state = 2 AND retired = 0 ORDER BY due, id")]  # fmt: skip
    finally:
        conn.close()
    done: list[int] = []
    for card_id in due:
        if len(done) == n:
            break
        if _guids(col, [card_id]) & skip_guids:
            continue
        col.answer(card_id, Rating.GOOD, t, duration_ms=2000)
        done.append(card_id)
        t += timedelta(seconds=30)
    assert len(done) == n
    return done


@pytest.fixture
def shared(sync_server: SyncServer, tmp_path: Path, templates):  # type: ignore[no-untyped-def]
    """srsapp's week collection full-uploaded; Anki's client has downloaded it."""
    col = open_collection(templates.copy("week", build_week, tmp_path / "data"))
    r = sync(col, datetime.now(UTC), server=sync_server.url, user=USER, password=lambda: PASSWORD)
    assert r.direction == "upload"
    anki = AnkiClient(tmp_path / "anki", sync_server.url)
    assert anki.sync() == "FULL_DOWNLOAD"
    yield col, anki
    anki.close()
    col.close(backup=False)


def _guids(col: Collection, card_ids: list[int]) -> set[str]:
    """The Anki GUIDs of our cards' notes, as the server knows them."""
    conn = sqlite3.connect(col.db.path)
    try:
        marks = ", ".join("?" * len(card_ids))
        return {g for (g,) in conn.execute(
            "SELECT n.guid FROM sync_cards c JOIN sync_notes n ON n.id = c.nid "
            f"WHERE c.card_id IN ({marks})", card_ids)}  # fmt: skip
    finally:
        conn.close()


def test_both_answer_different_cards_then_both_hold_every_review_once(shared, tmp_path) -> None:  # type: ignore[no-untyped-def]
    col, anki = shared
    before = col.revlog_count()
    theirs = set(anki.answer(3))
    assert anki.sync() == "NO_CHANGES"  # done: Anki's own normal sync
    mine = _answer(col, 2, datetime.now(UTC), skip_guids=theirs)

    r = sync(col, datetime.now(UTC))
    assert r.direction == "incremental"
    assert r.downloaded["reviews"] == 3 and r.uploaded["reviews"] == 2
    assert anki.sync() == "NO_CHANGES"  # a normal sync: no full sync asked of the phone
    assert col.revlog_count() == before + 5
    ours, our_ids = _ours(col, tmp_path / "ours")
    assert anki.review_ids() == our_ids and len(set(our_ids)) == before + 5
    assert anki.schedules() == ours
    assert len(theirs) == 3 and not theirs & _guids(col, mine)
    # the phone's sync moved the server's time: a normal sync that moves nothing, then none
    again = sync(col, datetime.now(UTC))
    assert again.direction == "incremental"
    assert again.uploaded.pop("bytes") > 0 and again.downloaded.pop("bytes") > 0
    assert set(again.uploaded.values()) == set(again.downloaded.values()) == {0}
    assert sync(col, datetime.now(UTC)).direction == "none"


NOTES = """# Networks

## TCP
- TCP is a reliable, connection-oriented transport protocol.
- TCP uses a three-way handshake to open a connection.

## UDP
- UDP is a connectionless transport protocol.
- UDP gives no delivery guarantee.
"""


@pytest.fixture
def small(sync_server: SyncServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Four cards from a notes file, full-uploaded; Anki's client has downloaded them."""
    notes = tmp_path / "net.md"
    notes.write_text(NOTES, encoding="utf-8")
    col = open_collection(tmp_path / "data", seed=False)
    col.sync_notes(notes, now=datetime.now(UTC))
    assert col.card_count() == 4
    sync(col, datetime.now(UTC), server=sync_server.url, user=USER, password=lambda: PASSWORD)
    anki = AnkiClient(tmp_path / "anki", sync_server.url)
    assert anki.sync() == "FULL_DOWNLOAD"
    assert anki.col.card_count() == 4
    yield col, anki, notes
    anki.close()
    col.close(backup=False)


def _fronts(anki: AnkiClient) -> set[str]:
    return {anki.col.get_note(n).fields[0] for n in anki.col.find_notes("")}


def test_a_card_deleted_on_either_side_disappears_on_the_other(small) -> None:  # type: ignore[no-untyped-def]
    col, anki, notes = small
    # ours: the UDP heading leaves the notes file, its two cards are retired
    notes.write_text(NOTES.split("## UDP")[0], encoding="utf-8")
    assert col.sync_notes(notes, now=datetime.now(UTC)).retired == 2
    r = sync(col, datetime.now(UTC))
    assert r.direction == "incremental"
    assert r.uploaded["deletions"] == 4  # two cards and their two notes
    assert r.uploaded["cards"] == 0
    anki.sync()
    assert anki.col.card_count() == 2
    assert not any("UDP" in f for f in _fronts(anki))

    # theirs: a note deleted on the phone; its card leaves our collection
    gone = next(n for n in anki.col.find_notes("") if "handshake" in anki.col.get_note(n).fields[0]
                or "handshake" in anki.col.get_note(n).fields[1])  # fmt: skip
    anki.col.remove_notes([gone])
    anki.sync()
    r = sync(col, datetime.now(UTC))
    assert r.downloaded["deletions"] >= 1
    assert col.card_count() == 1
    anki.sync()
    assert anki.col.card_count() == 1
    # both sides agree; nothing more moves
    again = sync(col, datetime.now(UTC))
    again.uploaded.pop("bytes"), again.downloaded.pop("bytes")
    assert set(again.uploaded.values()) | set(again.downloaded.values()) == {0}


def _edit_on_phone(anki: AnkiClient, text: str) -> None:
    note = anki.col.get_note(anki.col.find_notes("")[0])
    note.fields[0] = text
    anki.col.update_note(note)


def _our_card(col: Collection, anki: AnkiClient) -> int:
    guid = anki.col.get_note(anki.col.find_notes("")[0]).guid
    conn = sqlite3.connect(col.db.path)
    try:
        (card_id,) = conn.execute(
            "SELECT c.card_id FROM sync_cards c JOIN sync_notes n ON n.id = c.nid "
            "WHERE n.guid = ?", (guid,)).fetchone()  # fmt: skip
    finally:
        conn.close()
    return int(card_id)


def _front(col: Collection, card_id: int) -> str:
    conn = sqlite3.connect(col.db.path)
    try:
        return str(conn.execute("SELECT coalesce(override_front, front) FROM cards WHERE id = ?",
                                (card_id,)).fetchone()[0])  # fmt: skip
    finally:
        conn.close()


@pytest.mark.parametrize("later", ["ours", "phone"])
def test_an_edit_on_both_sides_goes_to_the_later_one(small, later: str) -> None:  # type: ignore[no-untyped-def]
    col, anki, _notes = small
    card_id = _our_card(col, anki)
    edits = ["<p>edited here</p>", "<p>edited on the phone</p>"]
    if later == "phone":
        col.sched.actions.edit_card(card_id, edits[0], None, datetime.now(UTC))
        time.sleep(1.1)  # Anki's modification times are whole seconds
        _edit_on_phone(anki, edits[1])
    else:
        _edit_on_phone(anki, edits[1])
        time.sleep(1.1)
        col.sched.actions.edit_card(card_id, edits[0], None, datetime.now(UTC))
    anki.sync()
    sync(col, datetime.now(UTC))
    anki.sync()
    want = edits[0] if later == "ours" else edits[1]
    assert _front(col, card_id) == want  # the phone's edit is kept as our override
    assert anki.col.get_note(anki.col.find_notes("")[0]).fields[0] == want


def test_a_daily_sync_moves_only_what_changed(
    small, sync_server, tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    col, anki, _notes = small
    # a day: the phone answers two cards, srsapp one other
    theirs = set(anki.answer(2))
    anki.sync()
    answered = _answer_new(col, 1, skip_guids=theirs)
    conn = sqlite3.connect(col.db.path)
    changed = [i for (i,) in conn.execute("SELECT id FROM cards WHERE usn = -1")]
    conn.close()
    assert answered[0] in changed and len(changed) <= 2  # the answer, and a buried sibling
    data = col.data_dir
    col.close(backup=False)
    monkeypatch.delenv("SRSAPP_SYNC_PASSWORD", raising=False)  # the kept key is enough
    assert main(["--data-dir", str(data), "sync", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["direction"] == "incremental"
    sent, got = report["uploaded"].pop("bytes"), report["downloaded"].pop("bytes")
    assert 0 < sent < 5000 and 0 < got < 5000  # kilobytes, not the collection file
    assert report["uploaded"] == {"cards": len(changed), "notes": 0, "reviews": 1,
                                  "deletions": 0, "decks": 0, "notetypes": 0}  # fmt: skip
    down = report["downloaded"]
    # the phone's decks come along with their day's study counts (Anki keeps them in the deck)
    assert down.pop("decks") <= 3
    assert down == {"cards": 2, "notes": 0, "reviews": 2, "deletions": 0, "notetypes": 0}
    assert main(["--data-dir", str(data), "sync", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["direction"] == "none"
    anki.sync()
    assert len(anki.review_ids()) == 3


def _answer_new(col: Collection, n: int, skip_guids: set[str]) -> list[int]:
    conn = sqlite3.connect(col.db.path)
    try:
        ids = [i for (i,) in conn.execute("SELECT id FROM cards WHERE retired = 0 ORDER BY id")]
    finally:
        conn.close()
    done: list[int] = []
    for card_id in ids:
        if len(done) < n and not _guids(col, [card_id]) & skip_guids:
            col.answer(card_id, Rating.GOOD, datetime.now(UTC), duration_ms=1500)
            done.append(card_id)
    return done


def test_a_sync_cut_off_changes_nothing_and_the_next_one_starts_over(
    shared, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    col, anki = shared
    before = col.revlog_count()
    theirs = set(anki.answer(2))
    anki.sync()
    _answer(col, 2, datetime.now(UTC), skip_guids=theirs)

    def cut(self, chunk):  # type: ignore[no-untyped-def]
        raise SyncError("the transfer broke off (test)", "transfer")

    monkeypatch.setattr(SyncClient, "apply_chunk", cut)
    with pytest.raises(SyncError, match="broke off"):
        sync(col, datetime.now(UTC))
    monkeypatch.undo()
    assert col.revlog_count() == before + 2  # nothing of the server's came in
    assert anki.sync() == "NO_CHANGES" and len(anki.review_ids()) == before + 2  # nor went

    # cut off after the server finished, before our side was recorded: the next sync gets
    # the server's changes again and merges them without doubles
    real = normal._record

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("disk gone (test)")

    monkeypatch.setattr(normal, "_record", fail)
    with pytest.raises(OSError):
        sync(col, datetime.now(UTC))
    monkeypatch.setattr(normal, "_record", real)
    r = sync(col, datetime.now(UTC))
    assert r.direction == "incremental"
    assert col.revlog_count() == before + 4
    anki.sync()
    ours, our_ids = _ours(col, tmp_path / "ours")
    assert anki.review_ids() == our_ids and len(set(our_ids)) == before + 4
    assert anki.schedules() == ours


def test_sides_that_disagree_ask_for_a_full_sync(shared) -> None:  # type: ignore[no-untyped-def]
    col, anki = shared
    _answer(col, 1, datetime.now(UTC))
    with col.db.transaction() as s:  # our record of the server's side loses a review
        s.execute(text("DELETE FROM sync_revlog WHERE id = (SELECT min(id) FROM sync_revlog)"))
    before = anki.review_ids()
    with pytest.raises(SyncError, match="full sync is needed") as err:
        sync(col, datetime.now(UTC))
    assert err.value.kind == "full-sync"
    assert anki.sync() == "NO_CHANGES" and anki.review_ids() == before  # the server: unchanged
    r = sync(col, datetime.now(UTC))  # the next one is full, as Anki's clients do it
    assert "upload" in r.direction
    assert anki.sync() in ("FULL_DOWNLOAD", "FULL_SYNC")  # the phone takes ours whole
    assert len(anki.review_ids()) == len(before) + 1


def test_a_note_added_on_the_phone_comes_here_and_our_answer_goes_back_to_it(small) -> None:  # type: ignore[no-untyped-def]
    col, anki, _notes = small
    basic = next(m for m in anki.col.models.all() if m["type"] == 0)  # the one we uploaded
    note = anki.col.new_note(basic)
    note.fields[0], note.fields[1] = "What does ICMP carry?", "Error and control messages"
    anki.col.add_note(note, anki.col.decks.id("Phone"))  # type: ignore[arg-type]
    anki.sync()
    r = sync(col, datetime.now(UTC))
    assert r.downloaded["cards"] == 1 and r.downloaded["notes"] == 1
    assert col.card_count() == 5
    conn = sqlite3.connect(col.db.path)
    (card_id,) = conn.execute("SELECT id FROM cards WHERE front LIKE '%ICMP%'").fetchone()
    conn.close()
    col.answer(card_id, Rating.GOOD, datetime.now(UTC), duration_ms=1000)
    r = sync(col, datetime.now(UTC))
    assert r.uploaded["cards"] == 1 and r.uploaded["reviews"] == 1
    assert r.uploaded["notes"] == 0  # its text did not change here
    anki.sync()
    assert anki.col.card_count() == 5  # the same card, not a copy
    (cid,) = anki.col.find_cards(f"nid:{note.id}")
    assert anki.col.get_card(cid).reps == 1
    assert len(anki.col.db.list("SELECT id FROM revlog WHERE cid = ?", cid)) == 1


def test_after_the_phone_uploads_in_full_syncs_are_normal_again(shared, tmp_path) -> None:  # type: ignore[no-untyped-def]
    col, anki = shared
    theirs = set(anki.answer(2))
    anki.col.mod_schema(check=False)  # a change only a full sync carries (a note type edit)
    out = anki.col.sync_collection(anki.auth, False)
    anki._full(upload=True, server_usn=out.server_media_usn)  # the phone chose Upload
    r = sync(col, datetime.now(UTC))
    assert r.direction == "download" and r.reviews_added == 2
    _answer(col, 1, datetime.now(UTC), skip_guids=theirs)
    r = sync(col, datetime.now(UTC))
    assert r.direction == "incremental"  # no full upload: the phone is not asked again
    assert r.uploaded["cards"] >= 1 and r.uploaded["reviews"] == 1
    assert anki.sync() == "NO_CHANGES"  # done as a normal sync
    ours, our_ids = _ours(col, tmp_path / "ours")
    assert anki.review_ids() == our_ids
    assert anki.schedules() == ours


def test_an_answer_given_while_the_sync_runs_goes_with_the_next_sync(shared, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The GUI syncs in the background: a card the server changed and the learner answers
    before the sync has recorded its side stays changed here, and goes up next time."""
    col, anki = shared
    (guid,) = anki.answer(1)
    anki.sync()
    conn = sqlite3.connect(col.db.path)
    (card_id,) = conn.execute(
        "SELECT c.card_id FROM sync_cards c JOIN sync_notes n ON n.id = c.nid "
        "WHERE n.guid = ?", (guid,)).fetchone()  # fmt: skip
    conn.close()
    real = normal._record

    def answer_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        col.answer(card_id, Rating.GOOD, datetime.now(UTC) + timedelta(minutes=10))
        return real(*args, **kwargs)

    monkeypatch.setattr(normal, "_record", answer_meanwhile)
    assert sync(col, datetime.now(UTC)).downloaded["reviews"] == 1
    monkeypatch.setattr(normal, "_record", real)
    r = sync(col, datetime.now(UTC))
    assert r.uploaded["reviews"] == 1 and r.uploaded["cards"] >= 1
    anki.sync()
    ours, our_ids = _ours(col, col.data_dir / "ours")
    assert anki.review_ids() == our_ids
    assert anki.schedules() == ours


def _flag_and_suspension(col: Collection, card_id: int) -> tuple[int, bool]:
    conn = sqlite3.connect(col.db.path)
    try:
        flag, suspended = conn.execute("SELECT flag, suspended FROM cards WHERE id = ?",
                                       (card_id,)).fetchone()  # fmt: skip
    finally:
        conn.close()
    return int(flag), bool(suspended)


@pytest.mark.parametrize("later", ["ours", "phone"])
def test_a_flag_or_suspension_on_both_sides_goes_to_the_later_one(small, later: str) -> None:  # type: ignore[no-untyped-def]
    """Anki's rule both ways: a flag and a suspension carry their time; the later change of
    the card wins on both sides (here: red flag; on the phone: blue flag and suspended)."""
    col, anki, _notes = small
    card_id = _our_card(col, anki)
    (cid,) = anki.col.find_cards(f"nid:{anki.col.find_notes('')[0]}")

    def ours() -> None:
        col.sched.actions.set_flag(card_id, 1, now=datetime.now(UTC))

    def phone() -> None:
        anki.col.set_user_flag_for_cards(4, [cid])
        anki.col.sched.suspend_cards([cid])

    first, second = (phone, ours) if later == "ours" else (ours, phone)
    first()
    time.sleep(1.1)  # Anki's modification times are whole seconds
    second()
    anki.sync()
    sync(col, datetime.now(UTC))
    anki.sync()
    card = anki.col.get_card(cid)
    if later == "ours":
        assert _flag_and_suspension(col, card_id) == (1, False)
        assert (card.user_flag(), card.queue) == (1, card.type)  # not suspended there either
    else:
        assert _flag_and_suspension(col, card_id) == (4, True)
        assert (card.user_flag(), card.queue) == (4, -1)
    # both sides agree: nothing more moves
    again = sync(col, datetime.now(UTC))
    assert again.uploaded.get("cards", 0) == 0 and again.downloaded.get("cards", 0) == 0
    # what a sync brings is no import: no backup named after one (it took 0.3 s a sync)
    assert not list((col.data_dir / "backups").glob("*-import.sqlite"))


def test_a_full_download_keeps_what_changed_here_and_sends_it(shared, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The phone uploaded its whole collection while srsapp had answers not yet synced: the
    download merges the server's collection in, and our answers go up right after it (they
    were kept here, but the server never got them)."""
    col, anki = shared
    theirs = set(anki.answer(2))
    # a second on: Anki keys a review by its millisecond, and the phone answered just now
    mine = _answer(col, 1, datetime.now(UTC) + timedelta(seconds=1), skip_guids=theirs)
    anki.col.mod_schema(check=False)
    out = anki.col.sync_collection(anki.auth, False)
    anki._full(upload=True, server_usn=out.server_media_usn)  # the phone chose Upload
    r = sync(col, datetime.now(UTC))
    assert r.direction == "download" and r.reviews_added == 2
    assert r.sent_after_download["reviews"] == 1 and r.sent_after_download["cards"] >= 1
    assert anki.sync() == "NO_CHANGES"  # a normal sync brings our answer to the phone
    ours, our_ids = _ours(col, tmp_path / "ours")
    assert anki.review_ids() == our_ids
    assert anki.schedules() == ours
    assert mine and sync(col, datetime.now(UTC)).uploaded.get("reviews", 0) == 0
    backups = [p.name for p in (col.data_dir / "backups").iterdir()]
    assert any(n.endswith("-sync-download.sqlite") for n in backups)
    assert not any(n.endswith("-import.sqlite") for n in backups)


def test_a_daily_sync_maps_only_the_changed_cards(shared, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The cards a normal sync maps to Anki's rows are the ones changed since the last sync,
    not the whole collection (it exported all 137 cards of the Docker week each time)."""
    from srsapp.service.anki import exporter

    col, anki = shared
    mapped: list[int] = []
    real = exporter.build_package

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs)
        mapped.append(result.cards)
        return result

    monkeypatch.setattr(exporter, "build_package", counting)
    answered = _answer(col, 2, datetime.now(UTC))
    conn = sqlite3.connect(col.db.path)
    changed = {i for (i,) in conn.execute("SELECT id FROM cards WHERE usn = -1")}
    conn.close()
    assert set(answered) <= changed and len(changed) < col.card_count() // 4  # and siblings
    r = sync(col, datetime.now(UTC))
    assert r.direction == "incremental" and r.uploaded["reviews"] == 2
    assert mapped == [len(changed)]
    assert anki.sync() == "NO_CHANGES" and len(anki.review_ids()) == col.revlog_count()


def _first_new(col: Collection) -> int:
    card = col.next_card(datetime.now(UTC))
    assert card is not None
    return int(card.id)


def test_a_new_cards_place_set_on_either_side_comes_to_the_other(small) -> None:  # type: ignore[no-untyped-def]
    col, anki, _notes = small
    conn = sqlite3.connect(col.db.path)
    last = conn.execute("SELECT id FROM cards ORDER BY position DESC, id DESC").fetchone()[0]
    conn.close()
    assert _first_new(col) != last
    # ours: the last new card to the front (the others move on); the phone has the same order
    col.card_ops.reposition([last], 1, now=datetime.now(UTC), shift=True)
    assert _first_new(col) == last
    sync(col, datetime.now(UTC))
    anki.sync()
    due = {anki.col.get_card(c).note().guid: anki.col.get_card(c).due
           for c in anki.col.find_cards("is:new")}  # fmt: skip
    (mine,) = _guids(col, [last])
    assert due[mine] == 1 and min(d for g, d in due.items() if g != mine) > 1
    # theirs: another card to the front on the phone; srsapp studies it first
    other = max(anki.col.find_cards("is:new"), key=lambda c: anki.col.get_card(c).due)
    anki.col.sched.reposition_new_cards([other], starting_from=0, step_size=1,
                                        randomize=False, shift_existing=False)  # fmt: skip
    anki.sync()
    sync(col, datetime.now(UTC))
    guid = anki.col.get_card(other).note().guid
    assert _guids(col, [_first_new(col)]) == {guid}


def test_a_card_of_the_phone_moved_to_another_deck_there_moves_here(small) -> None:  # type: ignore[no-untyped-def]
    col, anki, _notes = small
    basic = next(m for m in anki.col.models.all() if m["type"] == 0)
    note = anki.col.new_note(basic)
    note.fields[0], note.fields[1] = "What does ARP resolve?", "IP addresses to MAC addresses"
    anki.col.add_note(note, anki.col.decks.id("Phone"))  # type: ignore[arg-type]
    anki.sync()
    sync(col, datetime.now(UTC))
    (cid,) = anki.col.find_cards(f"nid:{note.id}")
    anki.col.set_deck([cid], anki.col.decks.id("Elsewhere"))  # type: ignore[arg-type]
    anki.sync()
    sync(col, datetime.now(UTC))
    conn = sqlite3.connect(col.db.path)
    (deck,) = conn.execute("SELECT d.name FROM cards c JOIN decks d ON d.id = c.deck_id "
                           "WHERE c.front LIKE '%ARP%'").fetchone()  # fmt: skip
    conn.close()
    assert deck == "Elsewhere"
