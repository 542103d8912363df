"""Pictures travel both ways between srsapp and Anki's own client through the real server."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from srsapp.interchange.apkg_write import write_package
from srsapp.service.ankisync.sync import sync
from tests.builders import small_package
from tests.interchange.anki_fixtures import PNG_BYTES
from tests.sync.anki_client import AnkiClient, sync_media
from tests.sync.conftest import PASSWORD, USER, SyncServer

pytestmark = pytest.mark.slow


def test_media_both_ways(sync_server: SyncServer, tmp_path: Path, col) -> None:  # type: ignore[no-untyped-def]
    package = tmp_path / "small.apkg"
    write_package(small_package(), package)
    col.import_file(package)
    assert (col.media_dir / "p.png").read_bytes() == PNG_BYTES
    now = datetime.now(UTC)
    r = sync(col, now, server=sync_server.url, user=USER, password=lambda: PASSWORD)
    assert r.direction == "upload" and r.media_uploaded == 1 and r.media_downloaded == 0

    anki = AnkiClient(tmp_path / "anki", sync_server.url)
    anki.sync()
    sync_media(anki)
    media = Path(anki.col.media.dir())
    assert (media / "p.png").read_bytes() == PNG_BYTES

    # the phone adds a note with a picture of its own
    picture = PNG_BYTES + b"phone"
    name = anki.col.media.write_data("phone.png", picture)
    note = anki.col.new_note(anki.col.models.by_name("Basic"))  # type: ignore[arg-type]
    note.fields[0], note.fields[1] = "from the phone", f'<img src="{name}">'
    anki.col.add_note(note, anki.col.decks.id("Phone"))  # type: ignore[arg-type]
    anki.sync()
    sync_media(anki)

    cards = col.card_count()
    r = sync(col, now)
    assert r.direction == "incremental" and r.downloaded["cards"] == 1  # only the new card
    assert col.card_count() == cards + 1
    assert r.media_downloaded == 1 and r.media_uploaded == 0
    assert (col.media_dir / name).read_bytes() == picture
    assert sync(col, now).media_downloaded == 0  # nothing twice
    anki.close()


def test_a_media_file_deleted_on_either_side_is_deleted_on_the_other(
    sync_server: SyncServer, tmp_path: Path, col
) -> None:  # type: ignore[no-untyped-def]
    package = tmp_path / "small.apkg"
    write_package(small_package(), package)
    col.import_file(package)
    now = datetime.now(UTC)
    sync(col, now, server=sync_server.url, user=USER, password=lambda: PASSWORD)
    anki = AnkiClient(tmp_path / "anki", sync_server.url)
    anki.sync()
    name = anki.col.media.write_data("phone.png", PNG_BYTES + b"phone")
    anki.sync()
    sync_media(anki)
    media = Path(anki.col.media.dir())
    assert sync(col, now).media_downloaded == 1 and (col.media_dir / name).exists()

    # deleted here: p.png; on the phone: its own picture
    (col.media_dir / "p.png").unlink()
    anki.col.media.trash_files([name])
    sync_media(anki)
    r = sync(col, now)
    assert (r.media_deleted_there, r.media_deleted_here) == (1, 1)
    assert not (col.media_dir / name).exists()
    sync_media(anki)
    assert not (media / "p.png").exists() and not (media / name).exists()
    # neither comes back, and nothing more moves
    again = sync(col, now)
    assert (again.media_uploaded, again.media_downloaded) == (0, 0)
    assert (again.media_deleted_here, again.media_deleted_there) == (0, 0)
    assert sorted(p.name for p in col.media_dir.iterdir()) == []
    anki.close()


def test_a_media_file_changed_on_the_phone_only_replaces_ours(
    sync_server: SyncServer, tmp_path: Path, col
) -> None:  # type: ignore[no-untyped-def]
    import time

    package = tmp_path / "small.apkg"
    write_package(small_package(), package)
    col.import_file(package)
    now = datetime.now(UTC)
    sync(col, now, server=sync_server.url, user=USER, password=lambda: PASSWORD)
    anki = AnkiClient(tmp_path / "anki", sync_server.url)
    anki.sync()
    sync_media(anki)
    assert sync(col, now).media_uploaded == 0  # in step
    media = Path(anki.col.media.dir())
    time.sleep(1.1)  # Anki notices a change by the folder's time, in seconds
    (media / "p.png").unlink()
    (media / "p.png").write_bytes(PNG_BYTES + b"redrawn on the phone")
    sync_media(anki)
    r = sync(col, now)
    assert r.media_downloaded == 1 and r.media_uploaded == 0 and not r.warnings
    assert (col.media_dir / "p.png").read_bytes() == PNG_BYTES + b"redrawn on the phone"
    anki.close()
