"""Read Anki packages (.apkg, .colpkg) — legacy and current — into ``AnkiPackage``.

Supported layouts:
- legacy 1: ``collection.anki2`` (schema 11), ``media`` as JSON ``{"0": "name"}``;
- legacy 2: ``collection.anki21`` (schema 11) next to a dummy ``collection.anki2``;
- latest: ``meta`` (protobuf), ``collection.anki21b`` (zstd SQLite, schema 15-18),
  ``media`` as zstd protobuf entries, media members zstd-compressed.

Hostile input is refused with ``ImportFileError`` before anything is used:
not a zip, truncated, zip bombs (total uncompressed size capped at ``MAX_TOTAL``
= 2 GiB, and neither any member over 1 MiB nor all members together may expand more than
``MAX_RATIO`` = 200x; zstd members likewise),
unsafe media names (path separators, ``..``, absolute paths), a missing or
corrupt collection. What is inside the collection — every value of every row — is
checked by ``apkg_rows`` (unknown schema versions, duplicate GUIDs, damaged values;
out-of-range scheduling values are clamped with a warning).
Nothing is written to disk: the collection is opened in memory.
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import threading
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import zstandard

from srsapp.core.errors import ImportFileError
from srsapp.core.gc_pause import gc_paused
from srsapp.interchange import _protobuf as pb
from srsapp.interchange.anki_model import AnkiPackage, PackageVersion
from srsapp.interchange.apkg_rows import (
    CHECKED_ELSEWHERE,
    Checker,
    read_collection,
    revlog_intact,
    rows_clean,
)

MAX_TOTAL = 2 * 1024**3  # 2 GiB uncompressed, all members together
MAX_RATIO = 200  # per member, for members larger than RATIO_FLOOR
RATIO_FLOOR = 1024**2
MAX_MEMBERS = 1_000_000


def read_package(
    path: str | Path,
    *,
    max_total: int = MAX_TOTAL,
    max_ratio: int = MAX_RATIO,
    defer_revlog: bool = False,
    revlog_schema: str = "main",
    jobs: Sequence[Callable[[sqlite3.Connection], Any]] = (),
) -> AnkiPackage:
    """Read an .apkg/.colpkg file. Raises ImportFileError on anything damaged or hostile.

    ``defer_revlog``: when the review log is intact (``apkg_rows.revlog_intact``), leave it
    in the package's database (``AnkiPackage.revlog_db``) instead of reading it into
    ``revlog``: an importer maps it with SQL, 100k rows never becoming Python objects. The
    package then holds a ``RevlogWorker`` (``revlog_worker``, the caller closes it) that
    runs ``jobs`` on a copy attached as ``revlog_schema``."""
    where = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError as e:
        raise ImportFileError("file not found", where) from e
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as e:
        raise ImportFileError(
            f"not a valid zip archive (truncated or wrong format): {e}", where
        ) from e
    with zf, gc_paused():
        reader = _Reader(zf, where, max_total, max_ratio, defer_revlog)
        reader.revlog_schema, reader.jobs = revlog_schema, jobs
        return reader.read()


class _Reader:
    def __init__(
        self, zf: zipfile.ZipFile, where: str, max_total: int, max_ratio: int, defer_revlog: bool
    ) -> None:
        self.zf = zf
        self.defer_revlog = defer_revlog
        self.revlog_schema = "main"
        self.jobs: Sequence[Callable[[sqlite3.Connection], Any]] = ()
        self.where = where
        self.max_total = max_total
        self.max_ratio = max_ratio
        self.budget = max_total  # bytes we may still inflate (zip + zstd together)
        self.zstd_in = self.zstd_out = 0  # all zstd members together, for the ratio

    def fail(self, message: str) -> ImportFileError:
        return ImportFileError(message, self.where)

    # -- zip level -------------------------------------------------------
    def check_bomb(self) -> None:
        infos = self.zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise self.fail(f"too many members ({len(infos)}); refusing a possible zip bomb")
        total = packed = 0
        for info in infos:
            total += info.file_size
            packed += info.compress_size
            if info.file_size > RATIO_FLOOR and (
                info.file_size > self.max_ratio * max(info.compress_size, 1)
            ):
                raise self.fail(
                    f"member {info.filename!r} expands {info.file_size} bytes from "
                    f"{info.compress_size} (over {self.max_ratio}x); refusing a possible zip bomb"
                )
        if total > self.max_total:
            raise self.fail(
                f"uncompressed size {total} bytes exceeds the limit of {self.max_total} bytes; "
                "refusing a possible zip bomb"
            )
        if total > RATIO_FLOOR and total > self.max_ratio * max(packed, 1):
            # many members of up to 1 MiB each, every one under the floor of the check above
            raise self.fail(
                f"its members expand {total} bytes from {packed} (over {self.max_ratio}x); "
                "refusing a possible zip bomb"
            )

    def member(self, name: str) -> bytes:
        try:
            data = self.zf.read(name)
        except KeyError as e:
            raise self.fail(f"package member {name!r} is missing") from e
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as e:
            raise self.fail(f"package member {name!r} is damaged or truncated: {e}") from e
        self.budget -= len(data)
        return data

    def unzstd(self, data: bytes, name: str, *, database: bool = False) -> bytes:
        """The zstd member ``data`` decompressed. ``database``: an SQLite database, which
        comes back marked as using a rollback journal (``rollback_journal``)."""
        out = io.BytesIO()
        try:
            reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data))
            packed, unpacked = self.zstd_in + len(data), self.zstd_out
            while chunk := reader.read(1 << 20):
                out.write(chunk)
                unpacked += len(chunk)
                if (
                    out.tell() > self.budget
                    or out.tell() > RATIO_FLOOR
                    and out.tell() > self.max_ratio * max(len(data), 1)
                    or unpacked > RATIO_FLOOR
                    and unpacked > self.max_ratio * max(packed, 1)
                ):
                    raise self.fail(
                        f"member {name!r} decompresses beyond the size limit; "
                        "refusing a possible zstd bomb"
                    )
        except zstandard.ZstdError as e:
            raise self.fail(f"member {name!r} is not valid zstd data: {e}") from e
        self.budget -= out.tell()
        self.zstd_in, self.zstd_out = packed, unpacked
        if database:
            with out.getbuffer() as view:
                rollback_journal(view)
        return out.getvalue()  # the buffer itself: no copy

    # -- whole package ----------------------------------------------------
    def read(self) -> AnkiPackage:
        self.check_bomb()
        names = set(self.zf.namelist())
        version = self.version(names)
        coll_name = {
            PackageVersion.LATEST: "collection.anki21b",
            PackageVersion.LEGACY_2: "collection.anki21",
            PackageVersion.LEGACY_1: "collection.anki2",
        }[version]
        if coll_name not in names:
            raise self.fail(f"package has no collection (missing {coll_name})")
        raw = self.member(coll_name)
        if version == PackageVersion.LATEST:
            raw = self.unzstd(raw, coll_name, database=True)
        pkg = self.read_collection(raw, coll_name)
        pkg.version = version
        pkg.media = self.read_media(names, version, pkg)
        return pkg

    def version(self, names: set[str]) -> PackageVersion:
        if "meta" in names:
            try:
                meta = pb.decode(self.member("meta"))
            except pb.ProtobufError as e:
                raise self.fail(f"unreadable package metadata: {e}") from e
            v = pb.get_int(meta, 1)
            if v == 3:
                return PackageVersion.LATEST
            if v == 2:
                return PackageVersion.LEGACY_2
            if v == 1:
                return PackageVersion.LEGACY_1
            raise self.fail(f"unknown package version {v}")
        if "collection.anki21b" in names:
            return PackageVersion.LATEST
        if "collection.anki21" in names:
            return PackageVersion.LEGACY_2
        if "collection.anki2" in names:
            return PackageVersion.LEGACY_1
        raise self.fail("package has no collection (no collection.anki2/anki21/anki21b member)")

    # -- collection -------------------------------------------------------
    def read_collection(self, raw: bytes, name: str) -> AnkiPackage:
        if not raw.startswith(b"SQLite format 3\x00"):
            raise self.fail(f"{name} is not an SQLite database")
        if raw[18:20] == _WAL:  # (the current format's is marked already, by ``unzstd``)
            buf = bytearray(raw)
            rollback_journal(buf)
            raw = bytes(buf)
        conn = sqlite3.connect(":memory:")
        conn.create_collation("unicase", _unicase)
        # the integrity check and whether the review log is intact, found out on a copy in a
        # thread while the notes and cards are read here
        worker = RevlogWorker(raw, self.revlog_schema, self.jobs) if self.defer_revlog else None
        try:
            try:
                conn.deserialize(raw)
                if worker is None:
                    self.check_integrity(conn.execute("PRAGMA quick_check").fetchone(), name)
                    return read_collection(conn, Checker(name, self.where))
                try:
                    pkg = read_collection(
                        conn, Checker(name, self.where, worker.clean), defer_revlog=worker.known
                    )
                finally:
                    worker.known()
                    # a damaged file: say so, whatever reading it ran into first
                    self.check_integrity(worker.integrity, name)
                if worker.intact:
                    pkg.revlog_db, pkg.revlog_worker = raw, worker
                    worker = None  # the caller's now
                return pkg
            except sqlite3.DatabaseError as e:
                raise self.fail(f"{name} is a corrupt or foreign SQLite database: {e}") from e
        finally:
            conn.close()
            if worker is not None:
                worker.close()

    def check_integrity(self, check: tuple[Any, ...] | None, name: str) -> None:
        """Refuse a collection whose ``PRAGMA quick_check`` gave anything but "ok"."""
        if not check or check[0] != "ok":
            raise self.fail(f"{name} is a corrupt SQLite database ({check})")

    # -- media ------------------------------------------------------------
    def read_media(
        self, names: set[str], version: PackageVersion, pkg: AnkiPackage
    ) -> dict[str, bytes]:
        if "media" not in names:
            return {}
        raw = self.member("media")
        entries: list[tuple[str, str, bytes]] = []  # (member, name, sha1)
        if version == PackageVersion.LATEST:
            try:
                msg = pb.decode(self.unzstd(raw, "media"))
                for index, blob in enumerate(msg.get(1, [])):
                    if not isinstance(blob, bytes):
                        raise pb.ProtobufError("media entry is not a message")
                    e = pb.decode(blob)
                    member = str(pb.get_int(e, 255, index))
                    entries.append((member, pb.get_str(e, 1), pb.get_bytes(e, 3)))
            except pb.ProtobufError as e:
                raise self.fail(f"unreadable media list: {e}") from e
        else:
            try:
                mapping = json.loads(raw.decode("utf-8") or "{}")
                if not isinstance(mapping, dict):
                    raise ValueError("not an object")
            except (UnicodeDecodeError, ValueError) as e:
                raise self.fail(f"unreadable media list: {e}") from e
            entries = []
            for k, v in mapping.items():
                if isinstance(v, str):
                    entries.append((k, v, b""))
                else:  # null, a number ...: no name to give the file (it was once "None")
                    pkg.warnings.append(f"media list entry {k!r} names no file ({v!r:.40}); "
                                        f"skipped")  # fmt: skip
        media: dict[str, bytes] = {}
        for member, name, sha1 in entries:
            safe_media_name(name, self.where)
            if member not in names:
                pkg.warnings.append(f"media file {name!r} is listed but missing; skipped")
                continue
            data = self.member(member)
            if version == PackageVersion.LATEST:
                data = self.unzstd(data, member)
            if sha1 and hashlib.sha1(data).digest() != sha1:
                raise self.fail(f"media file {name!r} does not match its checksum")
            media[name] = data
        return media


# bytes 18-19 of an SQLite database's header: its file format versions, 2 for WAL mode, 1 for
# a rollback journal
_WAL, _ROLLBACK = b"\x02\x02", b"\x01\x01"


def rollback_journal(header: memoryview | bytearray) -> None:
    """Mark the SQLite database whose bytes ``header`` begins (a writable buffer) as using a
    rollback journal when it says WAL mode: an in-memory copy cannot read a WAL. Done in
    place: the current format's collection is ≈ 20 MB at 20k notes, and making a marked copy
    of it took two copies (≈ 15 ms)."""
    if bytes(header[18:20]) == _WAL:
        header[18:20] = _ROLLBACK


class RevlogWorker:
    """A thread with its own connection to a copy of the package's collection (attached as
    ``schema``): it runs the integrity check (``integrity``: the first row of
    ``PRAGMA quick_check``) -- after checking the values of the notes and cards for the
    reader (``clean``) --, finds out whether the review log is intact (``revlog_intact``)
    and, if so, runs ``jobs`` one after the other -- an importer's own work on that database,
    e.g. mapping the review log with SQL. SQLite runs without the GIL, so all this overlaps
    the reading of notes and cards and whatever the importer does next. ``known()`` waits
    for the check, ``result(i)`` for job ``i`` (its return value), ``rows()`` for all;
    always ``close()`` it."""

    def __init__(
        self, raw: bytes, schema: str, jobs: Sequence[Callable[[sqlite3.Connection], Any]]
    ) -> None:
        self.intact = False
        self.integrity: tuple[Any, ...] | None = None  # the first row of PRAGMA quick_check
        self.schema = schema
        self._jobs = list(jobs)
        self._results: list[Any] = [None] * len(self._jobs)
        self._done = [threading.Event() for _ in self._jobs]
        self._error: BaseException | None = None
        self._known = threading.Event()
        self._clean: dict[str, bool] = {}  # ``CHECKED_ELSEWHERE`` table -> ``rows_clean``
        self._checked = threading.Event()
        self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        self._conn.create_collation("unicase", _unicase)  # schema 18 tables use it
        self._thread = threading.Thread(
            target=self._run, args=(raw,), name="srsapp-revlog", daemon=True
        )
        self._thread.start()

    def _run(self, raw: bytes) -> None:
        conn = self._conn
        try:
            if self.schema != "main":
                conn.execute(f"ATTACH ':memory:' AS {self.schema}")
            conn.deserialize(raw, name=self.schema)
            try:  # first: the reader waits for these after reading the notes
                for table in CHECKED_ELSEWHERE:
                    self._clean[table] = rows_clean(conn, table)
            except sqlite3.Error:
                pass  # not vouched for: the reader checks the rows itself
            finally:
                self._checked.set()
            self.integrity = conn.execute(f"PRAGMA {self.schema}.quick_check").fetchone()
            if self.integrity and self.integrity[0] == "ok":
                self.intact = revlog_intact(conn)
        except sqlite3.Error as exc:
            self.integrity = (str(exc),)
        finally:
            self._checked.set()
            self._known.set()
        try:
            for i, job in enumerate(self._jobs):
                if self.intact and self._error is None:
                    try:
                        self._results[i] = job(conn)
                    except BaseException as exc:  # handed to the caller by result()
                        self._error = exc
                self._done[i].set()
        finally:
            for done in self._done:
                done.set()

    def clean(self, table: str) -> bool:
        """Whether every row of ``table`` (of ``apkg_rows.CHECKED_ELSEWHERE``) passes the
        reader's checks unchanged (waits for the checks; False when they could not run)."""
        self._checked.wait()
        return self._clean.get(table, False)

    def known(self) -> bool:
        """Whether the review log is intact (waits for the checks)."""
        self._known.wait()
        return self.intact

    def done(self, i: int) -> bool:
        """Whether job ``i`` has ended (``result(i)`` would not wait)."""
        return self._done[i].is_set()

    def result(self, i: int) -> Any:
        """What job ``i`` returned (waits for it; raises what it, or one before, raised)."""
        self._done[i].wait()
        if self._error is not None:
            raise self._error
        return self._results[i]

    def rows(self, sql: str) -> list[Any]:
        """The rows of a query on the worker's connection, once every job is done."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._conn.execute(sql).fetchall()

    def close(self) -> None:
        self._thread.join()
        self._conn.close()


def safe_media_name(name: str, where: str) -> str:
    """Refuse media names that could escape the media folder."""
    bad = (
        not name
        or name in {".", ".."}
        or "/" in name
        or "\\" in name
        or "\x00" in name
        or name.startswith("..")
        or (len(name) >= 2 and name[1] == ":")
        or len(name.encode("utf-8")) > 255
    )
    if bad:
        raise ImportFileError(f"unsafe media file name {name!r} (path separators or '..')", where)
    return name


def _unicase(a: str, b: str) -> int:
    la, lb = a.casefold(), b.casefold()
    return (la > lb) - (la < lb)
