"""Anki's own client (the ``anki`` package, tests only) syncing with the test server."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from anki.collection import Collection
from anki.scheduler.v3 import CardAnswer
from anki.sync_pb2 import SyncCollectionResponse

from tests.sync.conftest import PASSWORD, USER

Required = SyncCollectionResponse.ChangesRequired


class AnkiClient:
    def __init__(self, folder: Path, url: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.col = Collection(str(folder / "collection.anki2"))
        self.auth = self.col.sync_login(USER, PASSWORD, url)
        self.auth.endpoint = url

    def sync(self) -> str:
        """A sync as the Anki app does it; a full sync the server asks for is a download
        (what a user who has nothing unsynced chooses). The name of what was required."""
        out = self.col.sync_collection(self.auth, False)
        required = Required.Name(out.required)
        if out.required in (Required.FULL_DOWNLOAD, Required.FULL_SYNC):
            self._full(upload=False, server_usn=out.server_media_usn)
        elif out.required == Required.FULL_UPLOAD:
            self._full(upload=True, server_usn=out.server_media_usn)
        return required

    def _full(self, *, upload: bool, server_usn: int) -> None:
        self.col.close_for_full_sync()
        self.col.full_upload_or_download(auth=self.auth, server_usn=server_usn, upload=upload)
        self.col.reopen(after_full_sync=True)

    def answer(self, n: int, skip_guids: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
        """Answer ``n`` cards Good (of the deck holding the first card); their note GUIDs."""
        first = self.col.get_card(self.col.find_cards("")[0])
        top = self.col.decks.name(first.did).split("::")[0]
        self.col.decks.select(self.col.decks.id_for_name(top))
        guids: list[str] = []
        for _ in range(n * 5):
            if len(guids) == n:
                break
            queued = self.col.sched.get_queued_cards(fetch_limit=50)
            qc = next((q for q in queued.cards
                       if self.col.get_card(q.card.id).note().guid not in skip_guids), None)  # fmt: skip
            assert qc is not None, "no card left to answer"
            card = self.col.get_card(qc.card.id)
            card.start_timer()
            self.col.sched.answer_card(
                self.col.sched.build_answer(card=card, states=qc.states, rating=CardAnswer.GOOD)
            )
            guids.append(card.note().guid)
        return guids

    def schedules(self) -> dict[tuple[str, int], tuple[Any, ...]]:
        return schedules_of(self.col.db.all(SCHEDULE_SQL))

    def review_ids(self) -> list[int]:
        return sorted(self.col.db.list("SELECT id FROM revlog"))

    def close(self) -> None:
        self.col.close()


# a card's schedule as Anki stores it, by note GUID and card ordinal
SCHEDULE_SQL = """SELECT n.guid, c.ord, c.type, c.queue, c.ivl, c.reps, c.lapses
                  FROM cards c JOIN notes n ON n.id = c.nid"""


def schedules_of(rows: list[Any]) -> dict[tuple[str, int], tuple[Any, ...]]:
    return {(r[0], r[1]): tuple(r[2:]) for r in rows}


def file_schedules(path: Path) -> tuple[dict[tuple[str, int], tuple[Any, ...]], list[int]]:
    """The schedules and review ids of an Anki collection file (ours, made for upload)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(SCHEDULE_SQL).fetchall()
        ids = sorted(r for (r,) in conn.execute("SELECT id FROM revlog"))
    finally:
        conn.close()
    return schedules_of(rows), ids


def sync_media(client: AnkiClient, timeout: float = 30) -> None:
    """Anki's media sync (it runs in the background): start it and wait for it to end."""
    import time

    client.col.sync_media(client.auth)
    deadline = time.monotonic() + timeout
    while client.col.media_sync_status().active:
        assert time.monotonic() < deadline, "Anki's media sync did not finish"
        time.sleep(0.05)
