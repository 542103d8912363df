"""Writing the collection (or one deck) as an .apkg, the review log mapped inside SQLite.

One plain ``sqlite3`` connection opens the collection file read-only (WAL: the app may keep
it open meanwhile) with the package's schema 11 database attached in memory
(``store.anki_export``). ``convert.build_package`` reads decks and cards and maps notes and
cards in Python (rendering, diagram pictures, media); the review log -- ten times as many
rows -- is copied by one statement inside SQLite that applies the store's mapping
rules (``store.anki_export``), in the same read transaction as the cards, and in a thread
meanwhile (SQLite runs it without the GIL). The package database is then serialized into
the zip.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from srsapp.interchange.apkg_write import (
    create_indexes,
    create_tables,
    insert_rows,
    package_rows,
    write_zip,
)
from srsapp.interchange.csv_text import TextNote, write_text
from srsapp.service.anki.convert import DiagramRenderer, ExportResult, build_package
from srsapp.service.anki.merge import Progress
from srsapp.service.context import Context
from srsapp.store import anki_export


def export_apkg(
    col: Context,
    path: str | Path | None,
    deck: str | None,
    *,
    scheduling: bool,
    now: datetime,
    render_diagram: DiagramRenderer | None = None,
    progress: Progress | None = None,
    only: Sequence[int] | None = None,
) -> ExportResult:
    """Write the package to ``path``; the result's ``pkg`` holds notes, cards and media (its
    review log stays empty: ``revlog`` counts the rows written). ``path`` None: no file, the
    package's database in ``database`` (a normal sync reads its rows). ``only``: just these
    cards (``build_package``)."""
    conn = anki_export.read_only(col.db.path, package=True)
    copy = _HistoryCopy(conn)
    try:
        create_tables(conn, anki_export.PACKAGE)
        anki_export.begin(conn)  # one read transaction: cards and review log agree
        result = build_package(col, deck, scheduling=scheduling, now=now, source=conn,
                               render_diagram=render_diagram, progress=progress,
                               history_ready=copy.start, only=only)  # fmt: skip
        rows = package_rows(result.pkg)  # while the review log is copied
        result.revlog = copy.join()
        insert_rows(conn, rows, anki_export.PACKAGE)
        create_indexes(conn, anki_export.PACKAGE, ("notes", "cards"))
        anki_export.commit(conn)
        data = anki_export.package_bytes(conn)
    finally:
        copy.join(raise_error=False)  # the thread is done with the connection
        conn.close()
    if path is None:
        result.database = data
        return result
    write_zip(path, data, result.pkg.media, crt=result.pkg.crt)
    if progress is not None:
        progress(result.steps, result.steps)
    return result


class _HistoryCopy:
    """The review log copied into the package by SQLite in a thread, while Python maps the
    notes and cards. The connection is the thread's from ``start`` to ``join``. The thread
    runs only statements that go a long way without the GIL (one ``INSERT ... SELECT``, the
    indexes): one that steps row by row would wait for the GIL at each row meanwhile."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.thread: threading.Thread | None = None
        self.count = 0
        self.clashing = False  # answers share a millisecond: their cards are left to ``join``
        self.error: BaseException | None = None

    def start(self, history: list[tuple[int, int]]) -> None:
        anki_export.add_history(self.conn, history)
        self.thread = threading.Thread(target=self._run, name="apkg-revlog", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            count = anki_export.insert_unique(self.conn)
            if count is None:
                self.count, self.clashing = anki_export.insert_unclashing(self.conn), True
            else:
                self.count = count
                create_indexes(self.conn, anki_export.PACKAGE, ("revlog",))
        except BaseException as exc:  # re-raised by join
            self.error = exc

    def join(self, *, raise_error: bool = True) -> int:
        """Wait for the copy (and map the answers that share a millisecond); the number of
        review-log rows."""
        if self.thread is None:
            return 0
        self.thread.join()
        self.thread = None
        if self.error is not None:
            if raise_error:
                raise self.error
            return 0
        if self.clashing:
            self.count += anki_export.insert_clashing(self.conn)
            self.clashing = False
            create_indexes(self.conn, anki_export.PACKAGE, ("revlog",))
        return self.count


def export_notes_text(
    col: Context,
    path: str | Path,
    deck: str | None,
    *,
    separator: str,
    now: datetime,
    render_diagram: DiagramRenderer | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write Anki's "Notes in Plain Text": one row per note of the package ``export_apkg``
    would write (an imported Anki note with its own note type and fields, siblings together;
    our cards as the notes the .apkg makes of them), with guid, note type, deck and tags
    columns and the ``#separator``/``#html``/``#… column`` headers Anki writes. Media files
    and scheduling are not in a text file; with ``render_diagram`` a diagram card's fields
    name its pictures as the .apkg does (a note that came with one then reads the same)."""
    conn = anki_export.read_only(col.db.path, package=False)
    try:
        anki_export.begin(conn)
        result = build_package(col, deck, scheduling=False, now=now, source=conn,
                               render_diagram=render_diagram, progress=progress)  # fmt: skip
        anki_export.commit(conn)
    finally:
        conn.close()
    pkg = result.pkg
    deck_of: dict[int, int] = {}
    for card in pkg.cards:
        deck_of.setdefault(card.note_id, card.deck_id)
    rows = [
        TextNote(fields=list(n.fields), tags=list(n.tags), deck=pkg.decks[deck_of[n.id]].name,
                 notetype=pkg.notetypes[n.notetype_id].name, guid=n.guid)
        for n in pkg.notes
        if n.id in deck_of
    ]  # fmt: skip
    write_text(path, rows, separator=separator, with_deck=True, with_notetype=True,
               with_guid=True)  # fmt: skip
    if progress is not None:
        progress(result.steps, result.steps)
    return result
