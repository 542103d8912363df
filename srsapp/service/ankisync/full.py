"""Full sync: the whole collection up as an Anki SQLite file, or down and merged into ours.

Up: the collection is exported as a .colpkg (``transfer.export_file``, the schema 11
database Anki's importers read) and its database taken out of the package; it is then made
into what Anki's own client uploads after a full sync: every update sequence number 0 (all
rows are in step with the server), no deletion records (graves), a new schema time (other
clients must do a full sync next) and the last-sync time equal to it.

Down: the server's file is written to a temporary file and checked (SQLite's quick check,
an Anki schema version, the tables a collection has) before anything else happens; it is
then imported through the Anki package path (``transfer.import_file``: one transaction,
cards matched by GUID, the later schedule wins, every review kept once). A download that
breaks off or a file that fails a check changes nothing.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import zstandard

from srsapp.service import transfer
from srsapp.service.anki.convert import DiagramRenderer
from srsapp.service.ankisync.client import SyncClient, SyncError
from srsapp.service.context import Context
from srsapp.service.reports import ImportReport
from srsapp.store import anki_file
from srsapp.store.handles import DatabaseError

MIN_SCHEMA, MAX_SCHEMA = 11, 18  # the Anki collection schemas our package reader knows


@dataclass(frozen=True)
class Contents:
    """What one Anki collection file holds."""

    notes: int
    cards: int
    reviews: int


def collection_for_upload(
    col: Context,
    folder: Path,
    now: datetime,
    *,
    server_usn: int = 0,
    render_diagram: DiagramRenderer | None = None,
) -> tuple[Path, Contents]:
    """Write our collection as an Anki collection file in ``folder``, ready to upload
    (``upload.anki2``, beside the package it came from, ``upload.colpkg``: its media are
    what the cards show); its path and what it holds."""
    package = folder / "upload.colpkg"
    transfer.export_file(col, package, now=now, render_diagram=render_diagram)
    path = folder / "upload.anki2"
    with zipfile.ZipFile(package) as zf:
        path.write_bytes(zf.read("collection.anki21"))
    stamp = int(now.timestamp() * 1000)
    notes, cards, reviews = anki_file.make_uploadable(path, max(server_usn, 0) + 1, stamp)
    contents = Contents(notes=notes, cards=cards, reviews=reviews)
    return path, contents


def full_upload(
    col: Context,
    client: SyncClient,
    now: datetime,
    folder: Path,
    *,
    server_usn: int = 0,
    render_diagram: DiagramRenderer | None = None,
) -> tuple[Contents, int, Path]:
    """Replace the server's collection with ours (made in ``folder``); what was sent, its
    size in bytes and the package it came from (``collection_for_upload``)."""
    path, contents = collection_for_upload(col, folder, now, server_usn=server_usn,
                                           render_diagram=render_diagram)  # fmt: skip
    data = path.read_bytes()
    client.upload(data)
    return contents, len(data), folder / "upload.colpkg"


def full_download(
    col: Context, client: SyncClient, now: datetime, keep: Path | None = None
) -> tuple[Contents, int, ImportReport]:
    """Fetch the server's collection and merge it into ours (one transaction); what came,
    its size in bytes and the import's report. ``keep``: where the downloaded file stays
    (else it goes with the temporary folder)."""
    with tempfile.TemporaryDirectory(prefix="srsapp-sync-") as tmp:
        path = keep if keep is not None else Path(tmp) / "download.anki2"
        with path.open("wb") as out:
            size = client.download(out)
        contents = check_collection_file(path)
        package = Path(tmp) / "download.colpkg"
        wrap_as_package(path, package)
        # the caller takes the backup (named after the sync, not an import)
        report = transfer.import_file(col, package, now=now, backup=False)
        return contents, size, report


def check_collection_file(path: Path) -> Contents:
    """Refuse (``SyncError``) a file that is not an intact Anki collection we can read."""
    try:
        conn = anki_file.open_read_only(path)
    except DatabaseError as exc:
        raise SyncError(f"the downloaded collection cannot be opened ({exc}); nothing was "
                        "changed", "transfer") from exc  # fmt: skip
    try:
        try:
            check, missing = anki_file.integrity(conn)
            if check != "ok" or missing:
                raise SyncError(
                    "the downloaded collection is damaged "
                    f"({'missing ' + ', '.join(missing) if missing else check}); nothing "
                    "was changed", "transfer"
                )  # fmt: skip
            ver = anki_file.schema_version(conn)
            if not MIN_SCHEMA <= ver <= MAX_SCHEMA:
                raise SyncError(f"the server's collection has schema {ver}; this srsapp reads "
                                f"{MIN_SCHEMA}-{MAX_SCHEMA} (nothing was changed)",
                                "version")  # fmt: skip
            notes, cards, reviews = anki_file.counts(conn)
            return Contents(notes=notes, cards=cards, reviews=reviews)
        except DatabaseError as exc:
            raise SyncError(f"the downloaded collection is not an Anki collection ({exc}); "
                            "nothing was changed", "transfer") from exc  # fmt: skip
    finally:
        conn.close()


def wrap_as_package(collection: Path, package: Path) -> None:
    """A .colpkg holding ``collection`` (schema 18: the current layout, zstd member)."""
    cctx = zstandard.ZstdCompressor(level=1)
    with zipfile.ZipFile(package, "w", zipfile.ZIP_STORED) as zf:
        with collection.open("rb") as src, zf.open("collection.anki21b", "w") as dst:
            cctx.copy_stream(src, dst)
