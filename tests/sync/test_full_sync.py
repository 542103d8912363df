"""srsapp and Anki's own client sharing one collection through a real Anki sync server."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from srsapp.cli import main
from srsapp.core.model import Rating
from srsapp.service.ankisync import login
from srsapp.service.ankisync.client import SyncError
from srsapp.service.ankisync.full import collection_for_upload
from srsapp.service.ankisync.sync import sync
from srsapp.service.collection import Collection
from srsapp.store.models import Card
from tests.builders import build_week, open_collection
from tests.sync.anki_client import AnkiClient, file_schedules
from tests.sync.conftest import PASSWORD, USER, SyncServer

pytestmark = pytest.mark.slow


def _ours(col: Collection, folder: Path) -> tuple[dict, list[int]]:  # type: ignore[type-arg]
    """Our schedules and review ids, as Anki sees them (the file a full upload sends)."""
    folder.mkdir(exist_ok=True)
    path, _ = collection_for_upload(col, folder, datetime.now(UTC))
    return file_schedules(path)


def _week(templates, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    return templates.copy("week", build_week, tmp_path / "data")


def test_cli_full_upload_then_anki_downloads_every_card_and_review(
    sync_server: SyncServer,
    tmp_path: Path,
    templates,
    monkeypatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    data = _week(templates, tmp_path)
    col = open_collection(data)
    cards, reviews = col.card_count(), col.revlog_count()
    ours, our_ids = _ours(col, tmp_path / "ours")
    col.close(backup=False)
    assert reviews > 100 and len(our_ids) == reviews

    monkeypatch.setenv("SRSAPP_SYNC_PASSWORD", PASSWORD)
    argv = ["--data-dir", str(data), "sync", "--server", sync_server.url, "--user", USER]
    assert main([*argv, "--full-upload", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["direction"] == "upload"
    assert report["uploaded"]["cards"] == cards and report["uploaded"]["reviews"] == reviews

    anki = AnkiClient(tmp_path / "anki", sync_server.url)
    assert anki.sync() == "FULL_DOWNLOAD"
    assert anki.col.card_count() == cards
    assert anki.review_ids() == our_ids
    assert anki.schedules() == ours
    anki.close()

    # the password is nowhere in the data folder; the host key is, for the next sync
    for f in data.rglob("*"):
        if f.is_file():
            assert PASSWORD.encode() not in f.read_bytes(), f
    assert (data / login.KEY_FILE).stat().st_mode & 0o077 == 0
    monkeypatch.delenv("SRSAPP_SYNC_PASSWORD")
    # remembered server, user and key; Anki's download moved the server's modification time
    # (the server counts a download as a change): a normal sync that moves nothing
    assert main(["--data-dir", str(data), "sync"]) == 0
    out = capsys.readouterr().out
    assert "sent 0 cards, 0 notes, 0 reviews, 0 deletions (" in out
    assert "received 0 cards, 0 notes, 0 reviews, 0 deletions (" in out
    assert main(["--data-dir", str(data), "sync"]) == 0
    assert "nothing to sync" in capsys.readouterr().out


def test_anki_answers_and_syncs_then_srsapp_brings_the_reviews_in(
    sync_server: SyncServer,
    tmp_path: Path,
    templates,  # type: ignore[no-untyped-def]
) -> None:
    col = open_collection(_week(templates, tmp_path))
    now = datetime.now(UTC)
    r = sync(col, now, server=sync_server.url, user=USER, password=lambda: PASSWORD)
    assert r.direction == "upload"
    reviews = col.revlog_count()

    anki = AnkiClient(tmp_path / "anki", sync_server.url)
    assert anki.sync() == "FULL_DOWNLOAD"
    answered = anki.answer(3)
    edited = next(n for n in map(anki.col.get_note, anki.col.find_notes(""))
                  if n.guid not in answered)  # fmt: skip
    edited.fields[0] = "<p>edited on the phone</p>"
    anki.col.update_note(edited)
    assert anki.sync() in ("NO_CHANGES", "NORMAL_SYNC")  # Anki's own incremental sync

    r = sync(col, now, password=None)  # the kept host key: no password asked
    assert r.direction == "incremental"  # only what changed: 3 answered cards, 1 edited note
    assert r.downloaded["reviews"] == 3 and r.downloaded["cards"] == 3
    assert r.downloaded["notes"] == 1 and r.reviews_added == 3
    assert col.revlog_count() == reviews + 3
    ours, our_ids = _ours(col, tmp_path / "ours")
    theirs = anki.schedules()
    assert our_ids == anki.review_ids()
    for key, schedule in theirs.items():
        if key[0] in answered:
            assert ours[key][3] == schedule[3], key  # reps: the phone's answers count here
    # the phone's edit of one of our cards is kept as our own edit (an override)
    with col.db.reading() as s:
        overrides = list(s.scalars(select(Card.override_front).where(
            Card.override_front.is_not(None))))  # fmt: skip
    assert overrides == ["<p>edited on the phone</p>"]
    assert sync(col, now).direction == "none"
    anki.close()
    col.close(backup=False)


def test_both_answer_different_cards_then_both_agree(
    sync_server: SyncServer,
    tmp_path: Path,
    templates,  # type: ignore[no-untyped-def]
) -> None:
    col = open_collection(_week(templates, tmp_path))
    now = datetime.now(UTC)
    sync(col, now, server=sync_server.url, user=USER, password=lambda: PASSWORD)
    before = col.revlog_count()
    anki = AnkiClient(tmp_path / "anki", sync_server.url)
    anki.sync()
    theirs = set(anki.answer(2))
    anki.sync()

    mine = 0
    t = now
    while mine < 2:
        card = col.next_card(t)
        assert card is not None
        col.answer(card.id, Rating.GOOD, t, duration_ms=2000)
        t += timedelta(seconds=30)
        mine += 1

    r = sync(col, datetime.now(UTC))
    assert r.direction == "incremental"
    assert r.reviews_added == 2
    assert anki.sync() == "NO_CHANGES"  # a normal sync: the phone is asked for no full sync
    ours, our_ids = _ours(col, tmp_path / "ours")
    assert col.revlog_count() == before + 4
    assert anki.review_ids() == our_ids and len(set(our_ids)) == before + 4
    assert anki.schedules() == ours
    assert theirs
    anki.close()
    col.close(backup=False)


def test_wrong_password_changes_nothing(sync_server: SyncServer, tmp_path: Path, col) -> None:  # type: ignore[no-untyped-def]
    state = login.local_state(col)
    with pytest.raises(SyncError) as err:
        sync(col, datetime.now(UTC), server=sync_server.url, user=USER, password=lambda: "nope")
    assert err.value.kind == "auth" and "refused the user name or password" in str(err.value)
    assert login.local_state(col) == state
    assert login.remembered(col).server is None
    assert not (col.data_dir / login.KEY_FILE).exists()
