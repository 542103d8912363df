"""Media sync: the pictures and sounds the cards show, both ways, file by file — additions,
changes and deletions, as Anki's clients sync them.

What the last media sync left is kept (``MediaState``: the server's media update sequence
number and each file of ``media/`` then, with its sha1, size and time), so that
- the server's changes since then are read (``mediaChanges``, page by page): a file it
  added or changed is downloaded (``downloadFiles``: zips of up to 25 files, each checked
  against its sha1 before it is written to ``media/``), a file it deleted is deleted here
  unless it changed here since;
- ours go up (``uploadChanges``: zips of up to 25 entries and about 2.5 MB, as the server
  accepts them): a file added or changed in ``media/`` since, a file deleted from it since
  (an entry without data: the server deletes it, and the other clients with their next
  media sync), and the files our full upload's cards name (the drawn diagram pictures exist
  only in the exported package).
A file changed on both sides is left alone on both (with a warning); a file the server
(re)added wins over our deletion of it, as in Anki. The first media sync with a server
deletes nothing: every file here is new to it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import unicodedata
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from srsapp.core.errors import ImportFileError
from srsapp.interchange.apkg_read import safe_media_name
from srsapp.service.ankisync.client import SyncClient, SyncError

MAX_FILES = 25  # per zip, both ways (the server refuses more)
TARGET_ZIP_BYTES = int(2.5 * 1024 * 1024)
MAX_FILE_BYTES = 100 * 1024 * 1024  # the server's limit for one file
MAX_PAGES = 100_000

Loader = Callable[[], bytes]
FileFacts = tuple[str, int, int]  # sha1 (hex), size, modification time (ns)


@dataclass
class MediaResult:
    uploaded: int = 0
    downloaded: int = 0
    deleted_here: int = 0  # files the server deleted, deleted from media/
    deleted_there: int = 0  # files deleted from media/, deleted on the server
    warnings: list[str] = field(default_factory=list)


@dataclass
class MediaState:
    """What the last media sync with a server left: its media usn and the files of
    ``media/`` then. ``known`` False: no media sync with this server yet."""

    usn: int = 0
    files: dict[str, FileFacts] = field(default_factory=dict)
    known: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"usn": self.usn, "files": {n: list(f) for n, f in self.files.items()}}

    @classmethod
    def of_json(cls, data: Any) -> MediaState:
        try:
            files = {str(n): (str(f[0]), int(f[1]), int(f[2]))
                     for n, f in dict(data["files"]).items()}  # fmt: skip
            return cls(int(data["usn"]), files, True)
        except (KeyError, TypeError, ValueError, IndexError):
            return cls()  # unreadable: as if never synced (nothing is deleted)


def scan(media_dir: Path, before: MediaState) -> dict[str, FileFacts]:
    """The files in ``media/`` (not the hidden ones) with their sha1; a file whose size and
    time are those of the last sync keeps the sha1 it had then (not read again)."""
    if not media_dir.is_dir():
        return {}
    out: dict[str, FileFacts] = {}
    for p in media_dir.iterdir():
        if p.name.startswith(".") or not p.is_file():
            continue
        st = p.stat()
        old = before.files.get(p.name)
        if old is not None and (old[1], old[2]) == (st.st_size, st.st_mtime_ns):
            out[p.name] = old
        else:
            out[p.name] = (hashlib.sha1(p.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns)
    return out


def package_files(package: Path) -> dict[str, Loader]:
    """The media of an .apkg/.colpkg we wrote (``media``: {"0": name}), with loaders."""
    with zipfile.ZipFile(package) as zf:
        try:
            mapping = json.loads(zf.read("media") or b"{}")
        except KeyError:
            return {}
    out: dict[str, Loader] = {}
    for member, name in mapping.items():
        out[str(name)] = _member_loader(package, str(member))
    return out


def _member_loader(package: Path, member: str) -> Loader:
    def load() -> bytes:
        with zipfile.ZipFile(package) as zf:
            return zf.read(member)

    return load


def server_changes(client: SyncClient, after: int) -> tuple[dict[str, str], int]:
    """The server's media changes after usn ``after``: name -> sha1 (hex; empty: deleted),
    the last of each name; and the usn of the last change (``after`` when none)."""
    state: dict[str, str] = {}
    last = after
    for _ in range(MAX_PAGES):
        page = client.media_changes(last)
        if not page:
            break
        for name, usn, sha1 in page:
            state[name] = sha1
            last = max(last, usn)
    return state, last


def server_files(client: SyncClient) -> dict[str, str]:
    """Every file the server holds: name -> sha1 (hex), deletions left out."""
    state, _last = server_changes(client, 0)
    return {n: h for n, h in state.items() if h}


def sync_media(
    media_dir: Path, client: SyncClient, before: MediaState, extra: dict[str, Loader] | None = None
) -> tuple[MediaResult, MediaState]:
    """One media sync (see the module notes); what moved and the state to keep for the next
    one. ``extra``: files the server should have that are not in ``media/`` (a full upload's
    drawn pictures)."""
    result = MediaResult()
    client.media_begin()
    here = scan(media_dir, before)
    ours_changed = {n for n, f in here.items() if before.files.get(n, ("",))[0] != f[0]}
    gone_here = {n for n in before.files if n not in here} if before.known else set()
    remote, last = server_changes(client, before.usn if before.known else 0)
    downloads: list[str] = []
    doomed: list[str] = []
    for name, sha1 in sorted(remote.items()):
        mine = here.get(name)
        if not sha1:  # deleted on the server
            gone_here.discard(name)
            if mine is not None and name not in ours_changed:
                doomed.append(name)
        elif mine is None:  # added there (even if deleted here: as in Anki, it comes back)
            gone_here.discard(name)
            downloads.append(name)
        elif mine[0] != sha1:
            if name in ours_changed:
                result.warnings.append(f"media file {name!r} differs on the server; both kept "
                                       "as they are")  # fmt: skip
                ours_changed.discard(name)
            else:  # changed there only
                downloads.append(name)
        else:
            ours_changed.discard(name)  # the server has it already
    for name in doomed:
        try:
            (media_dir / name).unlink()
            result.deleted_here += 1
        except FileNotFoundError:
            pass
    for batch in _batches(downloads, MAX_FILES):
        result.downloaded += _download(media_dir, client, batch, remote, result.warnings)
    entries: list[tuple[str, Loader | None]] = [
        *((n, (media_dir / n).read_bytes) for n in sorted(ours_changed)),
        *((n, None) for n in sorted(gone_here)),
    ]
    if extra:
        on_server = server_files(client) if before.known else {n for n, h in remote.items() if h}
        entries += [(n, load) for n, load in sorted(extra.items())
                    if n not in here and n not in on_server]  # fmt: skip
    _upload(client, entries, result)
    after = MediaState(server_changes(client, last)[1], scan(media_dir, before), True)
    return result, after


def _upload(client: SyncClient, entries: list[tuple[str, Loader | None]],
            result: MediaResult) -> None:  # fmt: skip
    """Send files (a loader) and deletions (None) in zips the server accepts."""
    sending: list[tuple[str, bytes | None]] = []
    size = 0
    for name, load in entries:
        data = None if load is None else load()
        if data is not None and (not data or len(data) > MAX_FILE_BYTES or not _sendable(name)):
            result.warnings.append(f"media file {name!r} cannot be synced (empty, over "
                                   "100 MB, or a name the server refuses)")  # fmt: skip
            continue
        if data is None and not _sendable(name):
            continue
        n = len(data or b"")
        if sending and (len(sending) == MAX_FILES or size + n > TARGET_ZIP_BYTES):
            _send(client, sending, result)
            sending, size = [], 0
        sending.append((name, data))
        size += n
    if sending:
        _send(client, sending, result)


def _send(client: SyncClient, files: list[tuple[str, bytes | None]], result: MediaResult) -> None:
    processed = client.media_upload(_upload_zip(files))
    done = files[:processed]
    result.uploaded += sum(1 for _n, d in done if d is not None)
    result.deleted_there += sum(1 for _n, d in done if d is None)


def _sendable(name: str) -> bool:
    return (unicodedata.is_normalized("NFC", name) and "/" not in name and "\\" not in name
            and len(name.encode()) <= 120)  # fmt: skip


def _batches(items: list[str], n: int) -> Iterable[list[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _upload_zip(files: list[tuple[str, bytes | None]]) -> bytes:
    """``_meta``: [[name, member], ...]; a member of None asks the server to delete the file."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        meta: list[list[str | None]] = []
        for i, (name, data) in enumerate(files):
            if data is None:
                meta.append([name, None])
                continue
            zf.writestr(str(i), data)
            meta.append([name, str(i)])
        zf.writestr("_meta", json.dumps(meta))
    return buf.getvalue()


def _download(
    media_dir: Path, client: SyncClient, names: list[str], remote: dict[str, str],
    warnings: list[str],
) -> int:  # fmt: skip
    raw = client.media_download(names)
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        mapping = json.loads(zf.read("_meta"))
        if not isinstance(mapping, dict):
            raise ValueError("_meta is not a map")
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SyncError(f"the server's media zip is damaged ({exc})", "transfer") from exc
    written = 0
    media_dir.mkdir(parents=True, exist_ok=True)
    with zf:
        for member, name in mapping.items():
            name = str(name)
            try:
                safe_media_name(name, "media sync")
            except ImportFileError:
                warnings.append(f"media file {name!r} from the server has an unsafe name; skipped")
                continue
            info = zf.getinfo(str(member))
            if info.file_size > MAX_FILE_BYTES:
                warnings.append(f"media file {name!r} from the server is over 100 MB; skipped")
                continue
            data = zf.read(info)
            if hashlib.sha1(data).hexdigest() != remote.get(name):
                warnings.append(f"media file {name!r} arrived damaged (checksum); skipped")
                continue
            target = media_dir / name  # new here, or changed on the server only
            tmp = media_dir / f".sync-{uuid.uuid4().hex}"
            tmp.write_bytes(data)
            os.replace(tmp, target)
            written += 1
    return written
