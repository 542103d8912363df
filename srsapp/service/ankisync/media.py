"""Media sync: the pictures and sounds the cards show, both ways, file by file.

The server keeps a list of its files (name, sha1, update sequence number); we read all of it
(``mediaChanges`` from 0, page by page), then
- download the files it has that we lack (``downloadFiles``: zips of up to 25 files, each
  file's sha1 checked against the list before it is written to ``media/``);
- upload the files we have that it lacks (``uploadChanges``: zips of up to 25 files and
  about 2.5 MB, as the server accepts them): those in ``media/`` and those our full upload's
  cards name (the drawn diagram pictures exist only in the exported package).
A file both sides have under one name with different contents is left alone on both sides
(with a warning); nothing is ever deleted on either side.
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

from srsapp.core.errors import ImportFileError
from srsapp.interchange.apkg_read import safe_media_name
from srsapp.service.ankisync.client import SyncClient, SyncError

MAX_FILES = 25  # per zip, both ways (the server refuses more)
TARGET_ZIP_BYTES = int(2.5 * 1024 * 1024)
MAX_FILE_BYTES = 100 * 1024 * 1024  # the server's limit for one file
MAX_PAGES = 100_000

Loader = Callable[[], bytes]


@dataclass
class MediaResult:
    uploaded: int = 0
    downloaded: int = 0
    warnings: list[str] = field(default_factory=list)


def local_files(media_dir: Path) -> dict[str, Loader]:
    """The files in ``media/`` (not the hidden ones), each with a loader of its bytes."""
    if not media_dir.is_dir():
        return {}
    return {p.name: p.read_bytes for p in media_dir.iterdir()
            if p.is_file() and not p.name.startswith(".")}  # fmt: skip


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


def server_files(client: SyncClient) -> dict[str, str]:
    """Every file the server holds: name -> sha1 (hex), deletions left out."""
    state: dict[str, str] = {}
    last = 0
    for _ in range(MAX_PAGES):
        page = client.media_changes(last)
        if not page:
            break
        for name, usn, sha1 in page:
            state[name] = sha1
            last = max(last, usn)
    return {n: h for n, h in state.items() if h}


def sync_media(col_media: Path, client: SyncClient, local: dict[str, Loader]) -> MediaResult:
    """Download what the server has and ``media/`` lacks, upload what ``local`` has and the
    server lacks."""
    result = MediaResult()
    client.media_begin()
    remote = server_files(client)
    on_disk = local_files(col_media)
    wanted = [n for n in sorted(remote) if n not in on_disk]
    for batch in _batches(wanted, MAX_FILES):
        result.downloaded += _download(col_media, client, batch, remote, result.warnings)
    sending: list[tuple[str, bytes]] = []
    size = 0
    for name in sorted(local):
        data = local[name]()
        sha1 = hashlib.sha1(data).hexdigest()
        if name in remote:
            if remote[name] != sha1:
                result.warnings.append(f"media file {name!r} differs on the server; both kept "
                                       "as they are")  # fmt: skip
            continue
        if not data or len(data) > MAX_FILE_BYTES or not _sendable(name):
            result.warnings.append(f"media file {name!r} cannot be synced (empty, over "
                                   "100 MB, or a name the server refuses)")  # fmt: skip
            continue
        if sending and (len(sending) == MAX_FILES or size + len(data) > TARGET_ZIP_BYTES):
            result.uploaded += client.media_upload(_upload_zip(sending))
            sending, size = [], 0
        sending.append((name, data))
        size += len(data)
    if sending:
        result.uploaded += client.media_upload(_upload_zip(sending))
    return result


def _sendable(name: str) -> bool:
    return (unicodedata.is_normalized("NFC", name) and "/" not in name and "\\" not in name
            and len(name.encode()) <= 120)  # fmt: skip


def _batches(items: list[str], n: int) -> Iterable[list[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _upload_zip(files: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        meta = []
        for i, (name, data) in enumerate(files):
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
            target = media_dir / name
            if target.exists():
                continue
            tmp = media_dir / f".sync-{uuid.uuid4().hex}"
            tmp.write_bytes(data)
            os.replace(tmp, target)
            written += 1
    return written
