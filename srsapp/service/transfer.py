"""Import and export: files in, files out, chosen by extension.

=========  ================================  ================================================
format     import                            export
=========  ================================  ================================================
.apkg      Anki package (legacy and current)  Anki package (Anki 2.1.50+ imports it)
.colpkg    Anki collection package            the same layout as .apkg
.csv .tsv  Anki's text format                 Anki's text format (GUID, deck and tag columns)
.txt
.json      srsapp backup, into an EMPTY       the whole collection (every row, ids included)
           collection only
.md        a notes file: ``sync_notes``       the deck as readable Q/A Markdown
=========  ================================  ================================================

Every import is ONE transaction (a failure leaves the collection as it was) and media
files reach ``media/`` only after it has committed. Re-importing the same file updates the
cards it made (matched by Anki GUID) instead of adding copies. A backup is taken before
each import (``maintenance.backup.backup_now``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from srsapp import __version__
from srsapp.core.errors import CollectionError, ImportFileError
from srsapp.core.gc_pause import gc_paused
from srsapp.core.model import nfc
from srsapp.interchange.anki_model import MAX_DECK_DEPTH, deck_depth_warning, deck_path
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.templates import TemplateTooLarge, cloze_numbers, render_card
from srsapp.service.anki.convert import DiagramRenderer, stage_media
from srsapp.service.anki.importer import import_package, package_jobs
from srsapp.service.anki.merge import (
    IncomingCard,
    MediaStage,
    MergeCounts,
    Progress,
    derived_guid,
    merge_cards,
)
from srsapp.service.context import Context
from srsapp.service.maintenance.backup import backup_now
from srsapp.service.reports import ExportReport, ImportReport
from srsapp.store import anki_revlog, queries, transfer_queries
from srsapp.store.models import SCHEMA_VERSION

# one text row makes at most this many cloze cards (each holds the whole text): a row with
# c1 ... c10000 once made 10,000
MAX_CLOZE_CARDS = 500
CLOZE_TEXT_BUDGET = 64 * 1024**2  # characters of one row's cloze cards together

# said with every CSV/TSV export by card (the CLI prints it, the GUI's summary shows it)
TEXT_EXPORT_NOTE = (
    "a text file holds one Basic row per card, its front and back as shown: note types, "
    "cloze and sibling cards, scheduling and review history are not kept (.apkg keeps them; "
    "--notes writes one row per note with its fields, note type, deck and tags)"
)
# and with every export by note
NOTES_EXPORT_NOTE = (
    "one row per note with its fields, note type, deck and tags (Anki: File > Import, where "
    "the note types exist: an Anki note's own; those of cards made here come with an .apkg "
    "from srsapp imported once); media files, scheduling and review history are not kept "
    "(.apkg keeps them)"
)

# The modules of one format (notes, text, JSON, Markdown, export) are imported where that format
# is read or written: an .apkg import (the ``srsapp import`` command) does without them.

IMPORT_FORMATS = {
    ".apkg": "apkg",
    ".colpkg": "apkg",
    ".csv": "text",
    ".tsv": "text",
    ".txt": "text",
    ".json": "json",
    ".md": "notes",
    ".markdown": "notes",
}
EXPORT_FORMATS = {
    ".apkg": "apkg",
    ".colpkg": "apkg",
    ".csv": "text",
    ".tsv": "text",
    ".txt": "text",
    ".json": "json",
    ".md": "markdown",
}


def _format(path: Path, table: dict[str, str], what: str) -> str:
    fmt = table.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(table))
        raise ImportFileError(f"cannot {what} {path.suffix or 'files without an extension'} "
                              f"(known: {known})", str(path))  # fmt: skip
    return fmt


# ================================================================ import


def import_file(
    col: Context,
    path: str | os.PathLike[str],
    *,
    deck: str | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    backup: bool = True,
    theirs: AbstractSet[int] = frozenset(),
) -> ImportReport:
    """Import ``path`` into the collection; the format comes from the extension.

    ``backup``: a backup is taken first (``False``: what a sync with an Anki server brought,
    which takes its own when it replaces much). ``theirs``: the package's cards (Anki ids)
    whose schedule, flag, suspension and burial a card the collection has takes as they are
    (a normal sync's cards, each already given to the side that changed it later); any
    other card takes the package's schedule only when it has more answers or a later one."""
    path = Path(path)
    now = now or datetime.now(UTC)
    fmt = _format(path, IMPORT_FORMATS, "import")
    if fmt != "notes" and not path.is_file():
        raise ImportFileError("no such file" if not path.exists() else "is not a file", str(path))
    if deck is not None and not deck.strip():
        raise ImportFileError("the deck name is empty", str(path))
    deck = nfc(deck.strip()) if deck else None
    if fmt == "notes":
        from srsapp.service import notes_sync

        _backup_before_import(col, now)
        r = notes_sync.sync_notes_file(col, path, now)
        return ImportReport(str(path), fmt, added=r.added, updated=r.updated + r.revived,
                            skipped=r.unchanged, decks=(r.deck,), warnings=r.warnings,
                            retired=r.retired, revived=r.revived, unchanged=r.unchanged,
                            retired_cards=r.retired_cards, renamed=r.renamed,
                            not_carded=r.not_carded)  # fmt: skip
    if fmt == "json":
        return _import_json(col, path, now)
    where = str(path)
    warnings: list[str] = []
    stage = MediaStage(col)
    try:
        with gc_paused():
            # the package and the mapped cards are freed when this returns, before the
            # collector resumes: it then has nothing left to walk (0.07 s at 10k notes)
            try:
                counts = _read_and_merge(col, path, fmt, deck, now, stage, progress, warnings,
                                         backup=backup, theirs=theirs)  # fmt: skip
            except TemplateTooLarge as exc:
                raise ImportFileError(f"{exc}; nothing was imported", where) from exc
        media = stage.commit()
    finally:
        stage.cleanup()
    return ImportReport(
        where,
        fmt,
        added=counts.added,
        updated=counts.updated,
        skipped=counts.skipped,
        revlog=counts.revlog,
        media=media,
        decks=tuple(counts.decks),
        warnings=tuple(warnings + counts.warnings),
    )


def _read_and_merge(
    col: Context,
    path: Path,
    fmt: str,
    deck: str | None,
    now: datetime,
    stage: MediaStage,
    progress: Progress | None,
    warnings: list[str],
    *,
    backup: bool = True,
    theirs: AbstractSet[int] = frozenset(),
) -> MergeCounts:
    where = str(path)
    if fmt == "apkg":
        # an intact review log is mapped by SQL in the reader's thread, meanwhile
        pkg = read_package(path, defer_revlog=True, revlog_schema=anki_revlog.SOURCE,
                           jobs=package_jobs(col))  # fmt: skip
        warnings += pkg.warnings
        try:
            if backup:
                _backup_before_import(col, now)
            renamed = stage_media(pkg, stage, where)
            with _storing(where):
                return import_package(col, pkg, deck=deck, now=now, renamed=renamed,
                                      warnings=warnings, progress=progress,
                                      theirs=theirs)  # fmt: skip
        finally:
            if pkg.revlog_worker is not None:
                pkg.revlog_worker.close()
    incoming = _incoming_from_text(path, deck, warnings)
    if backup:
        _backup_before_import(col, now)
    with _storing(where), col.db.transaction() as s:
        return merge_cards(col, s, incoming, int(now.timestamp()), progress)


@contextmanager
def _storing(where: str) -> Iterator[None]:
    """Database errors while storing an import, as an ImportFileError naming the file."""
    try:
        yield
    except transfer_queries.STORE_ERRORS as exc:
        cause = transfer_queries.cause(exc)
        raise ImportFileError(f"could not be stored ({type(cause).__name__}: "
                              f"{cause}); nothing was imported", where) from exc  # fmt: skip


def _backup_before_import(col: Context, now: datetime) -> None:
    backup_now(col, "import", now)


def _incoming_from_text(path: Path, deck: str | None, warnings: list[str]) -> list[IncomingCard]:
    from srsapp.interchange.csv_text import read_text

    text = read_text(path)
    out: list[IncomingCard] = []
    for i, note in enumerate(text.notes):
        fields = [nfc(f) for f in note.fields]
        if not fields or not fields[0].strip():
            warnings.append(f"{path}: line {note.line}: empty first field; skipped")
            continue
        guid = note.guid or derived_guid("csv", fields[0].strip())
        levels = [p for p in (note.deck or "").split("::") if p.strip()]
        anki_path = deck_path(levels)
        if len(levels) > MAX_DECK_DEPTH:
            warning = deck_depth_warning(note.deck or "", len(levels))
            warnings.append(f"{path}: line {note.line}: {warning}")
        deck_name = deck or (anki_path[0] if anki_path else path.stem)
        concept = anki_path[1:]
        cloze = "cloze" in (note.notetype or "").lower() or (
            note.notetype is None and bool(cloze_numbers(fields[0]))
        )
        extra: dict[str, Any] = {"tags": note.tags}
        if cloze:
            values = {"Text": fields[0], "Back Extra": "<br>".join(fields[1:])}
            numbers = cloze_numbers(fields[0]) or [1]
            most = max(1, min(MAX_CLOZE_CARDS, CLOZE_TEXT_BUDGET // len(fields[0])))
            if len(numbers) > most:
                warnings.append(f"{path}: line {note.line}: {len(numbers):,} cloze numbers; "
                                f"cards are made for the first {most:,}, the others stay "
                                f"in their text")  # fmt: skip
                numbers = numbers[:most]
            for n in numbers:
                front, back = render_card(
                    "{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}", values, cloze=n
                )
                out.append(IncomingCard(guid, n - 1, deck_name, concept, "cloze", front, back,
                                        dict(extra), position=i))  # fmt: skip
        else:
            back = "<br>".join(f for f in fields[1:] if f.strip())
            out.append(
                IncomingCard(guid, 0, deck_name, concept, "basic", fields[0], back, extra,
                             position=i)
            )  # fmt: skip
    return out


# ---------------------------------------------------------------- JSON backup


def _import_json(col: Context, path: Path, now: datetime) -> ImportReport:
    from srsapp.interchange import json_backup

    where = str(path)
    backup = json_backup.read_backup(path)
    if not 1 <= backup.schema_version <= SCHEMA_VERSION:
        raise ImportFileError(
            f"backup has schema {backup.schema_version}, this srsapp uses {SCHEMA_VERSION}", where
        )
    rows = {name: [_check_row(name, r, i, where) for i, r in enumerate(backup.tables[name])]
            for name in json_backup.TABLES}  # fmt: skip
    with col.db.reading() as s:
        used = transfer_queries.used_tables(s)
    if used:
        raise ImportFileError(
            "a JSON backup restores only into an empty collection "
            f"(this one has {', '.join(used)}); open an empty data folder with --data-dir",
            where,
        )
    _backup_before_import(col, now)
    try:
        with col.db.transaction() as s:
            transfer_queries.restore(s, backup.meta, rows, backup.schema_version)
    except transfer_queries.STORE_ERRORS as exc:
        raise ImportFileError(f"rows do not fit the collection ({transfer_queries.cause(exc)}); "
                              "nothing was imported", where) from exc  # fmt: skip
    col.invalidate_settings()
    return ImportReport(
        where,
        "json",
        added=len(rows["cards"]),
        revlog=len(rows["revlog"]),
        decks=tuple(str(r["name"]) for r in rows["decks"]),
    )


def _check_row(table: str, row: dict[str, Any], index: int, where: str) -> dict[str, Any]:
    checked, problem = transfer_queries.row_problem(table, row)
    if problem:
        raise ImportFileError(f'table "{table}" row {index + 1}: {problem}', where)
    return checked


def dump_tables(col: Context) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table a backup holds, in primary-key order."""
    with col.db.reading() as s:
        return transfer_queries.all_rows(s)


def _export_json(col: Context, path: Path, now: datetime) -> ExportReport:
    from srsapp.interchange import json_backup

    tables = dump_tables(col)
    with col.db.reading() as s:
        meta = transfer_queries.backup_meta(s)
    json_backup.write_backup(
        json_backup.Backup(
            schema_version=SCHEMA_VERSION,
            tables=tables,
            meta=meta,
            created=now.astimezone(UTC).isoformat(),
            app_version=__version__,
        ),
        path,
    )
    return ExportReport(str(path), "json", cards=len(tables["cards"]),
                        revlog=len(tables["revlog"]))  # fmt: skip


# ================================================================ export


def export_file(
    col: Context,
    path: str | os.PathLike[str],
    *,
    deck: str | None = None,
    scheduling: bool = True,
    now: datetime | None = None,
    progress: Progress | None = None,
    render_diagram: DiagramRenderer | None = None,
    notes: bool = False,
) -> ExportReport:
    """Write the collection (or one deck) to ``path``; the format comes from the extension.

    ``render_diagram(diagram, highlight, hide, reveal) -> PNG bytes`` draws the pictures of
    diagram cards for .apkg (the UI layer provides it; without it they are left out). A text
    file (.csv/.tsv/.txt) has one Basic row per card, or with ``notes`` one row per note:
    Anki's "Notes in Plain Text" (``exporter.export_notes_text``).
    """
    from srsapp.interchange.csv_text import TextNote, write_text
    from srsapp.interchange.markdown_export import MarkdownCard, deck_to_markdown
    from srsapp.service.anki.exporter import export_apkg, export_notes_text

    path = Path(path)
    now = now or datetime.now(UTC)
    fmt = _format(path, EXPORT_FORMATS, "export")
    if notes and fmt != "text":
        raise CollectionError(
            "one row per note is a text export: use .csv, .tsv or .txt", str(path)
        )
    if not path.parent.is_dir():
        raise CollectionError("the folder to export into does not exist", str(path.parent))
    if deck is not None:
        col.deck_ids_under(deck)  # a clear error for an unknown deck
    if fmt == "json":
        if deck is not None:
            raise CollectionError("a JSON backup holds the whole collection; leave out --deck")
        return _export_json(col, path, now)
    if fmt == "apkg":
        with gc_paused():
            result = export_apkg(col, path, deck, scheduling=scheduling, now=now,
                                 render_diagram=render_diagram, progress=progress)  # fmt: skip
            report = ExportReport(
                str(path),
                fmt,
                notes=len(result.pkg.notes),
                cards=len(result.pkg.cards),
                revlog=result.revlog,
                media=len(result.pkg.media),
                warnings=tuple(result.warnings),
            )
            del result  # freed before the collector resumes (nothing left for it to walk)
        return report
    if notes:
        separator = "," if path.suffix.lower() == ".csv" else "\t"
        with gc_paused():
            result = export_notes_text(col, path, deck, separator=separator, now=now,
                                       render_diagram=render_diagram, progress=progress)  # fmt: skip
        return ExportReport(str(path), fmt, notes=len(result.pkg.notes),
                            cards=len(result.pkg.cards),
                            warnings=(NOTES_EXPORT_NOTE, *result.warnings))  # fmt: skip
    cards = _export_cards(col, deck)
    if fmt == "markdown":
        docs = []
        for deck_name, items in cards.items():
            docs.append(
                deck_to_markdown(deck_name, [MarkdownCard(c[1], c[2], c[3]) for c in items])
            )
        path.write_text("\n".join(docs), encoding="utf-8")
        return ExportReport(str(path), fmt, notes=sum(len(v) for v in cards.values()),
                            cards=sum(len(v) for v in cards.values()))  # fmt: skip
    rows = [
        TextNote(
            fields=[front, back],
            tags=tags,
            deck="::".join(p.replace("::", ":") for p in (deck_name, *concept)),
            guid=guid,
        )
        for deck_name, items in cards.items()
        for guid, concept, front, back, tags in items
    ]
    n = write_text(path, rows, separator="," if path.suffix.lower() == ".csv" else "\t",
                   columns=["Front", "Back"], with_deck=True, with_guid=True)  # fmt: skip
    return ExportReport(str(path), fmt, notes=n, cards=n, warnings=(TEXT_EXPORT_NOTE,))


def _export_cards(
    col: Context, deck: str | None
) -> dict[str, list[tuple[str, tuple[str, ...], str, str, list[str]]]]:
    """Per deck: (guid, concept path, front, back, tags) of each active card, in order."""
    out: dict[str, list[tuple[str, tuple[str, ...], str, str, list[str]]]] = {}
    with col.db.reading() as s:
        names = dict(queries.decks(s))
        paths = transfer_queries.all_concept_paths(s)
        under = col.deck_ids_under(deck) if deck is not None else None
        per_guid: dict[str, int] = {}
        cards = transfer_queries.active_cards(s, under)
        for c in cards:
            if c.guid:
                per_guid[c.guid] = per_guid.get(c.guid, 0) + 1
        for c in cards:
            extra = json.loads(c.extra or "{}")
            tags = extra.get("tags") if isinstance(extra.get("tags"), list) else [c.kind]
            name = names[c.deck_id]
            guid = c.guid if c.guid and per_guid[c.guid] == 1 else derived_guid(name, c.key)
            out.setdefault(name, []).append(
                (
                    guid,
                    paths.get(c.concept_id or -1, ()),
                    c.override_front if c.override_front is not None else c.front,
                    c.override_back if c.override_back is not None else c.back,
                    [str(t) for t in tags],
                )
            )
    return out
