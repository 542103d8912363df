"""One sync with an Anki sync server: log in, ask for the server's meta, move collections.

Directions (``direction``):

- ``upload``: our collection replaces the server's (Anki's "full upload");
- ``download``: the server's collection is merged into ours (Anki's "full download", but
  merged: our cards, notes and reviews are kept; a card both sides have takes the schedule
  with more answers or the later one; every review is kept once);
- ``auto``: what is needed, judged from the server's modification time and our collection's
  fingerprint as they were after the last sync (``login.remember_sync``): nothing when
  neither moved; a download when the server moved; an upload when we moved; both (download,
  merge, then upload the merged collection) when both did; an upload to an empty server.

Until the incremental protocol is implemented every upload is a full one: the other
clients (AnkiDroid, Anki) are then asked for a full sync and must choose *download*.
Media follow the collection (``media``), both ways, unless ``media=False``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from srsapp.service.anki.convert import DiagramRenderer
from srsapp.service.ankisync import login
from srsapp.service.ankisync import media as media_sync
from srsapp.service.ankisync.client import (
    TIMEOUT_S,
    ServerMeta,
    SyncClient,
    SyncError,
    normalize_endpoint,
)
from srsapp.service.ankisync.full import full_download, full_upload
from srsapp.service.context import Context

DIRECTIONS = ("auto", "upload", "download")


@dataclass
class SyncResult:
    server: str
    user: str
    direction: str  # none | upload | download | download+upload
    uploaded: dict[str, int] = field(default_factory=dict)  # notes, cards, reviews, bytes
    downloaded: dict[str, int] = field(default_factory=dict)  # notes, cards, reviews, bytes
    added: int = 0  # cards the download added to ours
    updated: int = 0  # cards it changed
    reviews_added: int = 0
    media_uploaded: int = 0  # media files sent to the server
    media_downloaded: int = 0  # media files written to media/
    key_store: str | None = None  # where a new host key went: keyring | file
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "server": self.server,
            "user": self.user,
            "direction": self.direction,
            "uploaded": self.uploaded,
            "downloaded": self.downloaded,
            "added": self.added,
            "updated": self.updated,
            "reviews_added": self.reviews_added,
            "media": {"uploaded": self.media_uploaded, "downloaded": self.media_downloaded},
            "warnings": self.warnings,
        }


def sync(
    col: Context,
    now: datetime,
    *,
    server: str | None = None,
    user: str | None = None,
    password: Callable[[], str] | None = None,
    direction: str = "auto",
    render_diagram: DiagramRenderer | None = None,
    timeout: float | None = None,
    media: bool = True,
) -> SyncResult:
    """Sync ``col`` with the server (given, else the remembered one). ``password()`` is
    asked only when no host key is kept (or the server refuses it)."""
    if direction not in DIRECTIONS:
        raise SyncError(f"unknown sync direction {direction!r} (one of {', '.join(DIRECTIONS)})")
    before = login.remembered(col)
    server = normalize_endpoint(server) if server else before.server
    user = user if user else before.user
    if not server:
        raise SyncError("no sync server yet: give its address (--server http://HOST:8080/)")
    if not user:
        raise SyncError("no sync user yet: give the user name (--user NAME)")
    same_account = (server, user) == (before.server, before.user)
    client = SyncClient(server, timeout=timeout or TIMEOUT_S)
    key = login.load_key(col, server, user) if same_account else None
    result = SyncResult(server, user, "none")
    meta = _logged_in_meta(col, client, server, user, key, password, result)
    if not same_account:  # the marks of the last sync belong to another server's collection
        before = login.Remembered(server, user, None, None)
    if not meta.cont:
        raise SyncError(f"the server stopped the sync: {meta.msg or 'no reason given'}", "server")

    if direction == "auto":
        server_moved = not meta.empty and meta.mod != before.server_mod
        we_moved = login.local_state(col) != before.local_state
        down = server_moved
        up = meta.empty or we_moved
    else:
        down, up = direction == "download", direction == "upload"
    if down and meta.empty:
        if direction == "download":
            raise SyncError("the server holds no collection yet: upload first", "server")
        down = False

    if down:
        contents, size, report = full_download(col, client, now)
        result.downloaded = {"notes": contents.notes, "cards": contents.cards,
                             "reviews": contents.reviews, "bytes": size}  # fmt: skip
        result.added, result.updated = report.added, report.updated
        result.reviews_added = report.revlog
        result.warnings += report.warnings
    with tempfile.TemporaryDirectory(prefix="srsapp-sync-") as tmp:
        package = None
        if up:
            contents, size, package = full_upload(col, client, now, Path(tmp),
                                                  server_usn=meta.usn,
                                                  render_diagram=render_diagram)  # fmt: skip
            result.uploaded = {"notes": contents.notes, "cards": contents.cards,
                               "reviews": contents.reviews, "bytes": size}  # fmt: skip
        result.direction = "+".join(d for d, on in (("download", down), ("upload", up))
                                    if on) or "none"  # fmt: skip
        after = client.meta() if (down or up) else meta
        login.remember_login(col, server, user)
        login.remember_sync(col, after.mod)
        if media:
            local = media_sync.local_files(col.media_dir)
            if package is not None:
                local = {**media_sync.package_files(package), **local}
            try:
                moved = media_sync.sync_media(col.media_dir, client, local)
            except SyncError as exc:
                raise SyncError(f"the collection synced ({result.direction}), but media did "
                                f"not: {exc}", exc.kind) from exc  # fmt: skip
            result.media_uploaded, result.media_downloaded = moved.uploaded, moved.downloaded
            result.warnings += moved.warnings
    return result


def _logged_in_meta(
    col: Context,
    client: SyncClient,
    server: str,
    user: str,
    key: str | None,
    password: Callable[[], str] | None,
    result: SyncResult,
) -> ServerMeta:
    """The server's meta, logging in first when there is no key (or it is refused)."""
    if key:
        client.hkey = key
        try:
            return client.meta()
        except SyncError as exc:
            if exc.kind != "auth":
                raise
            login.forget_key(col, server, user)
    if password is None:
        raise SyncError(f"log in to {server} as {user}: a password is needed", "auth")
    key = client.login(user, password())
    meta = client.meta()
    result.key_store = login.save_key(col, server, user, key)
    return meta
