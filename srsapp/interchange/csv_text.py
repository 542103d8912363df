"""Anki's plain-text note format (CSV/TSV) both ways.

A file may start with header lines: ``#separator:Tab`` (Comma, Semicolon, Tab, Space,
Pipe, Colon or a literal character), ``#html:true|false``, ``#tags column:N``,
``#deck column:N``, ``#notetype column:N``, ``#guid column:N`` (1-based), ``#columns:``
(column names), ``#notetype:``, ``#deck:`` and ``#tags:`` (values for every row).
Without ``#separator`` the separator is sniffed from the first lines.
Fields are HTML in ``TextNote``; with ``#html:false`` the text is escaped on reading.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from srsapp.core.errors import ImportFileError
from srsapp.core.text import html_to_text

SEPARATORS = {
    "comma": ",",
    "semicolon": ";",
    "tab": "\t",
    "space": " ",
    "pipe": "|",
    "colon": ":",
}
_NAMES = {v: k for k, v in SEPARATORS.items()}  # as Anki writes them: "#separator:tab"
_SNIFF_ORDER = ["\t", ";", ",", "|", ":"]
_SNIFF_LINES = 10


@dataclass
class TextNote:
    fields: list[str]
    tags: list[str] = field(default_factory=list)
    deck: str | None = None
    notetype: str | None = None
    guid: str | None = None
    line: int = 0  # 1-based line in the file


@dataclass
class TextFile:
    notes: list[TextNote]
    separator: str = "\t"
    html: bool = True
    columns: list[str] | None = None  # names of the field columns, when the file gives them
    notetype: str | None = None
    deck: str | None = None
    tags: list[str] = field(default_factory=list)


def read_text(path: str | Path) -> TextFile:
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise ImportFileError(f"cannot read file: {e.strerror or e}", where) from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportFileError(f"not UTF-8 text (byte {e.start})", where) from e
    return parse_text(text, where)


def parse_text(text: str, where: str = "<text>") -> TextFile:
    lines = text.splitlines(keepends=True)
    headers: dict[str, str] = {}
    first = 0
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#") and ":" in stripped:
            key, _, value = stripped[1:].partition(":")
            headers[key.strip().lower()] = value.rstrip("\r\n") if key == "separator" else value
            first += 1
        else:
            break
    body_lines = lines[first:]
    if "separator" in headers:
        sep = _separator(headers["separator"].strip() or headers["separator"], where)
    else:
        sep = _sniff(body_lines, where, first)
    is_html = headers.get("html", "true").strip().lower() != "false"

    def column(key: str) -> int | None:
        value = headers.get(key)
        if value is None:
            return None
        try:
            n = int(value.strip())
        except ValueError as e:
            raise ImportFileError(f"#{key} must be a column number, got {value!r}", where) from e
        if n < 1:
            raise ImportFileError(f"#{key} must be 1 or more, got {n}", where)
        return n - 1

    special = {
        "tags": column("tags column"),
        "deck": column("deck column"),
        "notetype": column("notetype column"),
        "guid": column("guid column"),
    }
    used = {v for v in special.values() if v is not None}
    names = None
    if "columns" in headers:
        names = next(csv.reader([headers["columns"].strip()], delimiter=sep))
    out = TextFile(
        notes=[],
        separator=sep,
        html=is_html,
        notetype=(headers.get("notetype") or "").strip() or None,
        deck=(headers.get("deck") or "").strip() or None,
        tags=(headers.get("tags") or "").split(),
    )
    if names is not None:
        out.columns = [n for i, n in enumerate(names) if i not in used]
    expected = len(names) if names is not None else None
    ragged_ok = special["notetype"] is not None
    reader = csv.reader(io.StringIO("".join(body_lines)), delimiter=sep, strict=True)
    try:
        for row in reader:
            line_no = first + reader.line_num
            if not row or all(not c.strip() for c in row):
                continue
            if expected is None:
                expected = len(row)
                if expected < 2 and not used:
                    raise ImportFileError(
                        f"line {line_no} has a single column with separator "
                        f"{_NAMES.get(sep, repr(sep))} (wrong separator?)",
                        where,
                    )
            if len(row) != expected and not ragged_ok:
                raise ImportFileError(
                    f"line {line_no} has {len(row)} columns, expected {expected} "
                    f"(wrong separator {_NAMES.get(sep, repr(sep))}, or a ragged row?)",
                    where,
                )
            for kind, idx in special.items():
                if idx is not None and idx >= len(row):
                    raise ImportFileError(
                        f"line {line_no} has no column {idx + 1} for the {kind}", where
                    )
            fields = [c for i, c in enumerate(row) if i not in used]
            if not is_html:
                fields = [html.escape(f).replace("\n", "<br>") for f in fields]
            note = TextNote(fields=fields, line=line_no)
            note.tags = [
                *out.tags,
                *(row[special["tags"]].split() if special["tags"] is not None else []),
            ]
            note.deck = row[special["deck"]] if special["deck"] is not None else out.deck
            note.notetype = (
                row[special["notetype"]] if special["notetype"] is not None else out.notetype
            )
            note.guid = row[special["guid"]] if special["guid"] is not None else None
            out.notes.append(note)
    except csv.Error as e:
        raise ImportFileError(f"line {first + reader.line_num}: {e}", where) from e
    return out


def _separator(value: str, where: str) -> str:
    named = SEPARATORS.get(value.strip().lower())
    if named:
        return named
    if len(value) == 1:
        return value
    raise ImportFileError(f"unknown #separator {value!r}", where)


def _sniff(lines: list[str], where: str, offset: int) -> str:
    sample = [ln for ln in lines if ln.strip()][:_SNIFF_LINES]
    if not sample:
        return "\t"
    for sep in _SNIFF_ORDER:
        try:
            counts = {len(r) for r in csv.reader(io.StringIO("".join(sample)), delimiter=sep)}
        except csv.Error:  # e.g. a field over the csv module's size limit
            continue
        if len(counts) == 1 and counts.pop() >= 2:
            return sep
    raise ImportFileError(
        f"cannot tell the column separator from lines {offset + 1}-{offset + len(sample)} "
        "(expected a tab, semicolon or comma between the same number of columns on every line)",
        where,
    )


def write_text(
    path: str | Path,
    notes: Iterable[TextNote],
    *,
    separator: str = "\t",
    html_fields: bool = True,
    columns: list[str] | None = None,
    with_tags: bool = True,
    with_deck: bool = False,
    with_notetype: bool = False,
    with_guid: bool = False,
) -> int:
    """Write notes in Anki's text format with header lines; returns the number of rows.

    Column order: guid, notetype, deck, the fields, tags (the special columns are
    announced with ``#… column:N`` headers so Anki maps them on import).
    """
    notes = list(notes)
    buf = io.StringIO()
    buf.write(f"#separator:{_NAMES.get(separator, separator)}\n")
    buf.write(f"#html:{'true' if html_fields else 'false'}\n")
    col = 1
    names: list[str] = []
    for flag, key, label in (
        (with_guid, "guid", "GUID"),
        (with_notetype, "notetype", "Notetype"),
        (with_deck, "deck", "Deck"),
    ):
        if flag:
            buf.write(f"#{key} column:{col}\n")
            names.append(label)
            col += 1
    width = max([len(n.fields) for n in notes] or [0])
    field_names = list(columns or [])[:width]
    field_names += [f"Field {i + 1}" for i in range(len(field_names), width)]
    names += field_names
    if with_tags:
        buf.write(f"#tags column:{col + width}\n")
        names.append("Tags")
    if columns is not None:
        buf.write("#columns:" + separator.join(names) + "\n")
    writer = csv.writer(buf, delimiter=separator, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    # a line that opens with "#" is a comment to Anki (and a header to ``parse_text`` when it
    # has a colon): a row whose first cell does (an Anki GUID may) is written quoted
    quoted = csv.writer(buf, delimiter=separator, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for n in notes:
        row: list[str] = []
        if with_guid:
            row.append(n.guid or "")
        if with_notetype:
            row.append(n.notetype or "")
        if with_deck:
            row.append(n.deck or "")
        fields = n.fields if html_fields else [_plain(f) for f in n.fields]
        row += fields + [""] * (width - len(fields))
        if with_tags:
            row.append(" ".join(n.tags))
        (quoted if row and row[0].startswith("#") else writer).writerow(row)
    Path(path).write_text(buf.getvalue(), encoding="utf-8")
    return len(notes)


def _plain(field_html: str) -> str:
    return html_to_text(field_html)
