"""One sync with an Anki sync server: log in, ask for the server's meta, move collections.

Directions (``direction``):

- ``upload``: our collection replaces the server's (Anki's "full upload");
- ``download``: the server's collection is merged into ours (Anki's "full download", but
  merged: our cards, notes and reviews are kept; a card both sides have takes the schedule
  with more answers or the later one; every review is kept once);
- ``auto``: what is needed, judged from the server's modification time and our collection's
  fingerprint as they were after the last sync (``login.remember_sync``): nothing when
  neither moved; a download when the server moved; an upload when we moved; when both did,
  a download, then what changed here since the last sync with that server sent by a normal
  sync (without one to go from: the merged collection uploaded); an upload to an empty server.
  A download never loses what changed here: the merge keeps it, and it is sent after.

After a full upload the server's side is recorded (``normal.record_full_upload``) and
``auto`` syncs are *normal* ones (``normal``, direction ``incremental``): only the cards,
notes, reviews and deletions changed since the last sync move, both ways, and the other
clients go on with normal syncs too. ``auto`` falls back to a full sync when the server's
collection is not the one our last sync left (another client's full upload: a new schema
time; another server or user) and after a failed sanity check; after a full download (the
server's collection merged into ours, its side recorded) syncs are normal ones again.
Media follow the collection (``media``), both ways, unless ``media=False``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from srsapp.service.anki.convert import DiagramRenderer
from srsapp.service.ankisync import login, normal
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
from srsapp.service.maintenance.backup import backup_now
from srsapp.service.reports import SyncResult
from srsapp.store import anki_sync as shadow
from srsapp.store.queries import sqlite_connection

DIRECTIONS = ("auto", "upload", "download")


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

    call = _Call(col, client, meta, now, server, user, result, render_diagram)
    with tempfile.TemporaryDirectory(prefix="srsapp-sync-") as tmp:
        package = None
        if direction == "auto" and normal.can_sync_normally(col, meta, server, user):
            _normal(call)
        else:
            package = _full(call, before, direction, Path(tmp))
        if media:
            _media(col, client, result, package)
    return result


@dataclass(frozen=True)
class _Call:
    """One sync under way: the collection, the logged-in client and the server's meta."""

    col: Context
    client: SyncClient
    meta: ServerMeta
    now: datetime
    server: str
    user: str
    result: SyncResult
    render_diagram: DiagramRenderer | None

    def remember(self, after: ServerMeta) -> None:
        """The server, user and the server's time after this sync, for the next one."""
        login.remember_login(self.col, self.server, self.user)
        login.remember_sync(self.col, after.mod)


def _normal(call: _Call) -> None:
    """Anki's normal sync: only what changed on either side since the last sync moves."""
    col, client, meta, result = call.col, call.client, call.meta, call.result
    if meta.mod == normal.last_server_mod(col) and not normal.has_local_changes(col):
        result.direction = "none"
    else:
        try:
            moved = normal.normal_sync(col, client, meta, call.now,
                                       render_diagram=call.render_diagram)  # fmt: skip
        except normal.FullSyncRequired:
            normal.mark_full_sync_needed(col)
            raise
        result.direction = "incremental"
        result.uploaded, result.downloaded = moved.sent, moved.received
        result.reviews_added = moved.received.get("reviews", 0)
        result.warnings += moved.warnings
    call.remember(client.meta() if result.direction != "none" else meta)


def _full(call: _Call, before: login.Remembered, direction: str, tmp: Path) -> Path | None:
    """A full sync: the whole collection down (merged into ours) and/or up; the package
    uploaded (its media are what the cards show)."""
    col, client, meta, now, result = call.col, call.client, call.meta, call.now, call.result
    if direction == "auto":
        server_moved = not meta.empty and meta.mod != before.server_mod
        we_moved = login.local_state(col) != before.local_state
        down = server_moved
        # both moved: the server's collection merged into ours, and what changed here since
        # the last sync with it sent by a normal sync after (other devices go on normally);
        # a full upload only when there is no such last sync to go from
        up = meta.empty or (we_moved and not (down and normal.synced_with(col, call.server,
                                                                          call.user)))  # fmt: skip
    else:
        down, up = direction == "download", direction == "upload"
    if down and meta.empty:
        if direction == "download":
            raise SyncError("the server holds no collection yet: upload first", "server")
        down = False

    unsent: set[int] = set()
    if down:
        # what changed here since the last sync with this server is kept by the merge and
        # sent right after it (a full download loses nothing of ours); a backup first, named
        # after the sync
        if normal.synced_with(col, call.server, call.user):
            unsent = normal.changed_here(col)
        backup_now(col, "sync-download", now)
        contents, size, report = full_download(col, client, now, keep=tmp / "download.anki2")
        result.downloaded = {"notes": contents.notes, "cards": contents.cards,
                             "reviews": contents.reviews, "bytes": size}  # fmt: skip
        result.added, result.updated = report.added, report.updated
        result.reviews_added = report.revlog
        result.warnings += report.warnings
    package = None
    if up:
        contents, size, package = full_upload(col, client, now, tmp, server_usn=meta.usn,
                                              render_diagram=call.render_diagram)  # fmt: skip
        result.uploaded = {"notes": contents.notes, "cards": contents.cards,
                           "reviews": contents.reviews, "bytes": size}  # fmt: skip
    result.direction = "+".join(d for d, on in (("download", down), ("upload", up))
                                if on) or "none"  # fmt: skip
    after = client.meta() if (down or up) else meta
    if up:  # the server holds what we sent: from now on, syncs are normal ones
        normal.record_full_upload(col, tmp / "upload.anki2", after, call.server, call.user)
    elif down:  # the server holds what we downloaded: the next sync can be a normal one
        normal.record_full_download(col, tmp / "download.anki2", after, call.server, call.user,
                                    unsent)  # fmt: skip
    call.remember(after)
    if down and not up and unsent and normal.can_sync_normally(col, after, call.server,
                                                               call.user):  # fmt: skip
        moved = normal.normal_sync(col, client, after, now, render_diagram=call.render_diagram)
        result.sent_after_download = moved.sent
        result.warnings += moved.warnings
        call.remember(client.meta())
    return package


def _media(col: Context, client: SyncClient, result: SyncResult, package: Path | None) -> None:
    extra = media_sync.package_files(package) if package is not None else None
    with col.db.reading() as s:
        kept = shadow.load_media_state(sqlite_connection(s), client.endpoint, result.user)
    before = media_sync.MediaState() if kept is None else media_sync.MediaState.of_json(kept)
    try:
        moved, after = media_sync.sync_media(col.media_dir, client, before, extra)
    except SyncError as exc:
        raise SyncError(f"the collection synced ({result.direction}), but media did "
                        f"not: {exc}", exc.kind) from exc  # fmt: skip
    with col.db.transaction() as s:
        shadow.save_media_state(sqlite_connection(s), client.endpoint, result.user,
                                after.as_json())  # fmt: skip
    result.media_uploaded, result.media_downloaded = moved.uploaded, moved.downloaded
    result.media_deleted_here, result.media_deleted_there = moved.deleted_here, moved.deleted_there
    result.warnings += moved.warnings


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
