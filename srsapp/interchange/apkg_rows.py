"""Checked conversion of an Anki collection (the package's SQLite) into ``anki_model``.

Every value the importer takes from a package's collection passes through here: the ``col``
row, the note type / deck JSON (schema 11) or tables (schema 15-18), notes, cards (with their
FSRS memory state in ``cards.data``) and the review log. A damaged value never escapes as a
plain Python error: it is refused with ``ImportFileError`` naming the package, the member and
the row (``collection.anki21: card 123: type -1 is not an Anki card type``), or — for values
that only schedule a card or describe one past review — clamped or dropped with a warning.

What we do with a bad value, and why (one import is one transaction, so refusing means
importing nothing):

- **Wrong type** (text, blob or NULL where Anki stores a number; a number or blob where it
  stores text): the file is refused. It is not an intact Anki collection, and guessing would
  quietly attach notes, cards and history to the wrong things. Finite reals in integer
  columns are rounded (Anki's own "Check Database" repairs them the same way).
- **Identity and structure** (ids, GUIDs, the creation time ``crt`` every due date counts
  from, card type, queue, template ordinal, schema JSON): refused — the card cannot be built
  faithfully from them.
- **Scheduling of one card** (due date or position, interval, review and lapse counts, the
  FSRS memory state): clamped into range (or, for the memory state, dropped so it is
  re-derived from the review history) with a warning. The card's text — what the learner
  made — survives; the worst outcome of a clamped date is a card due too early or too late,
  which the next review corrects. Losing the whole import over one corrupt date would be
  worse.
- **One review-log row** with an impossible time, rating or kind: left out with a warning;
  the card and the rest of its history are kept.

Reading is fast on intact packages: SQLite itself picks out the rows whose values all have
the expected type and range (``Field.sql``), those become model objects directly, and only
the others are checked value by value in Python (``Checker.check_row``). Both use the same
``Field`` specs, so they cannot disagree.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from srsapp.core.errors import ImportFileError
from srsapp.interchange import _protobuf as pb
from srsapp.interchange.anki_model import (
    FIELD_SEP,
    MAX_NEW_PER_DAY,
    MAX_REVIEWS_PER_DAY,
    RETENTION_RANGE,
    AnkiPackage,
    Card,
    CardType,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    Preset,
    Queue,
    RevlogEntry,
    RevlogType,
    Template,
)

LEGACY_SCHEMA = 11
TABLE_SCHEMAS = range(15, 19)  # note types / decks stored in their own tables

DAY = 86_400
I64_MIN, I64_MAX = -(2**63), 2**63 - 1
MAX_EPOCH = 7_258_118_400  # 2200-01-01 UTC: no Anki date lies beyond it
MAX_IVL_DAYS = 36_500  # Anki's own maximum interval (100 years)
EPOCH_DUE = 1_000_000_000  # a card due above this is an epoch second, else a day number
MAX_POSITION = 1_000_000_000  # new-card positions
MAX_COUNT = 2**31 - 1  # reps, lapses
MAX_TAKEN_MS = DAY * 1000  # time taken on one answer
MAX_ORD = 65_535
_WARN_CARDS = 20  # "card 123: ..." examples before counting the rest


class OnBad(Enum):
    """What an out-of-range value does to the import."""

    REFUSE = "refuse"  # the whole file is refused
    CLAMP = "clamp"  # the value is clamped into range, with a warning
    SKIP = "skip"  # the row is left out, with a warning


@dataclass(frozen=True)
class Field:
    """One column of a package table: its type, range and what a bad value does."""

    column: str
    kind: str = "int"  # "int", "text", "blob" or "any" (checked by the caller)
    lo: int = I64_MIN
    hi: int = I64_MAX
    on_range: OnBad = OnBad.REFUSE
    problem: str = ""  # e.g. "is not an Anki card type"; default: "is out of range (lo..hi)"
    name: str = ""  # how messages call it; default: the column name

    @property
    def label(self) -> str:
        return self.name or self.column

    def sql(self) -> str:
        """An SQLite condition true when the value needs no conversion or check."""
        col = f'"{self.column}"'
        if self.kind == "text":
            return f"typeof({col}) = 'text'"
        if self.kind == "blob":
            return f"typeof({col}) = 'blob'"
        if self.kind == "any":
            return "1"
        cond = f"typeof({col}) = 'integer'"
        if self.lo != I64_MIN or self.hi != I64_MAX:
            cond += f" AND {col} BETWEEN {self.lo} AND {self.hi}"
        return cond

    def out_of_range(self, value: int) -> str:
        return f"{self.label} {value} " + (
            self.problem or f"is out of range ({self.lo}..{self.hi})"
        )


# Column order = the order of the model dataclasses' fields (rows become them directly).
NOTE_FIELDS = (
    Field("id", name="id"),
    Field("guid", "text", name="GUID"),
    Field("mid", name="note type id"),
    Field("flds", "text", name="fields"),
    Field("tags", "text"),
    Field("mod", lo=0, hi=MAX_EPOCH, on_range=OnBad.CLAMP, name="modification time"),
)
CARD_FIELDS = (
    Field("id"),
    Field("nid", name="note id"),
    Field("ord", lo=0, hi=MAX_ORD, problem="is not a template number"),
    Field("did", name="deck id"),
    Field("type", lo=min(CardType), hi=max(CardType), problem="is not an Anki card type"),
    Field("queue", lo=min(Queue), hi=max(Queue), problem="is not an Anki queue"),
    Field("due"),  # its range depends on the card's type: see ``_clamp_due``
    Field("ivl", lo=-MAX_IVL_DAYS * DAY, hi=MAX_IVL_DAYS, on_range=OnBad.CLAMP, name="interval"),
    Field("factor", name="ease factor"),
    Field("reps", lo=0, hi=MAX_COUNT, on_range=OnBad.CLAMP, name="review count"),
    Field("lapses", lo=0, hi=MAX_COUNT, on_range=OnBad.CLAMP, name="lapse count"),
    Field("left", name="steps left"),
    Field("odue", name="original due"),
    Field("odid", name="original deck id"),
    Field("flags"),
    Field("mod", lo=0, hi=MAX_EPOCH, on_range=OnBad.CLAMP, name="modification time"),
    Field("data", "any"),  # JSON, read leniently: see ``_card_data``
)
REVLOG_FIELDS = (
    Field("id", lo=0, hi=MAX_EPOCH * 1000, on_range=OnBad.SKIP, name="review time"),
    Field("cid", name="card id"),
    Field("ease", lo=0, hi=4, on_range=OnBad.SKIP, problem="is not an Anki rating", name="rating"),
    Field("ivl", lo=-MAX_IVL_DAYS * DAY, hi=MAX_IVL_DAYS, on_range=OnBad.CLAMP, name="interval"),
    Field(
        "lastIvl",
        lo=-MAX_IVL_DAYS * DAY,
        hi=MAX_IVL_DAYS,
        on_range=OnBad.CLAMP,
        name="last interval",
    ),
    Field("factor", name="ease factor"),
    Field("time", lo=0, hi=MAX_TAKEN_MS, on_range=OnBad.CLAMP, name="time taken"),
    Field(
        "type",
        lo=min(RevlogType),
        hi=max(RevlogType),
        on_range=OnBad.SKIP,
        problem="is not an Anki review kind",
        name="kind",
    ),
)
COL_FIELDS = (
    Field("ver", name="schema version"),
    Field("crt", lo=0, hi=MAX_EPOCH, problem="is not a valid creation time"),
    Field("models", "any"),
    Field("decks", "any"),
)


def _show(value: object) -> str:
    if value is None:
        return "empty (NULL)"
    if isinstance(value, bytes):
        return f"a blob of {len(value)} bytes"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class Checker:
    """Converts values of one collection member, refusing or warning with clear messages."""

    def __init__(
        self, member: str, where: str, verified: Callable[[str], bool] | None = None
    ) -> None:
        self.member = member
        self.where = where
        # whether every row of a table passes its ``Field`` checks, found out elsewhere (the
        # reader's thread: ``rows_clean``) while the rows are read here; None: not asked
        self.verified = verified
        self._warned: dict[str, list[Any]] = {}  # kind -> [first messages..., count]
        self.dirty: set[str] = set()  # tables with rows that went through ``check_row``

    def fail(self, label: str, problem: str) -> ImportFileError:
        return ImportFileError(f"{self.member}: {label}: {problem}", self.where)

    def warn(self, kind: str, message: str) -> None:
        """A warning of ``kind``: the first few are kept word for word, the rest counted."""
        entry = self._warned.setdefault(kind, [0])
        entry[0] += 1
        if entry[0] <= 3:
            entry.append(message)

    def warnings(self) -> list[str]:
        out: list[str] = []
        for entry in self._warned.values():
            count, messages = entry[0], entry[1:]
            out.extend(messages)
            if count > len(messages):
                out[-1] += f" (and {count - len(messages)} more like it)"
        return out

    # -- single values ------------------------------------------------------
    def int_(self, value: object, label: str, name: str) -> int:
        if type(value) is int:
            return value
        if type(value) is float and math.isfinite(value):
            return round(value)
        raise self.fail(label, f"{name} is {_show(value)}, not a whole number")

    def text(self, value: object, label: str, name: str) -> str:
        if type(value) is str:
            return value
        if type(value) is int or type(value) is float:
            return str(value)  # a numeric-looking text SQLite stored as a number
        if isinstance(value, bytes):
            try:
                return value.decode("utf-8")
            except UnicodeDecodeError:
                pass
        raise self.fail(label, f"{name} is {_show(value)}, not text")

    def blob(self, value: object, label: str, name: str) -> bytes:
        if isinstance(value, bytes):
            return value
        raise self.fail(label, f"{name} is {_show(value)}, not a binary blob")

    # -- rows ---------------------------------------------------------------
    def check_row(
        self, what: str, fields: Sequence[Field], raw: Sequence[object], label: str = ""
    ) -> tuple[Any, ...] | None:
        """One row converted field by field; None when a SKIP field is out of range.
        Messages name the row ``label``, by default ``what`` and the row's first value."""
        label = label or f"{what} {_show(raw[0]) if type(raw[0]) is not int else raw[0]}"
        out: list[Any] = []
        for f, value in zip(fields, raw, strict=True):
            if f.kind == "text":
                out.append(self.text(value, label, f.label))
                continue
            if f.kind == "blob":
                out.append(self.blob(value, label, f.label))
                continue
            if f.kind == "any":
                out.append(value)
                continue
            n = self.int_(value, label, f.label)
            if not f.lo <= n <= f.hi:
                if f.on_range is OnBad.REFUSE:
                    raise self.fail(label, f.out_of_range(n))
                if f.on_range is OnBad.SKIP:
                    self.warn(f"{what} {f.column}", f"{label}: {f.out_of_range(n)}; left out")
                    return None
                clamped = min(max(n, f.lo), f.hi)
                self.warn(
                    f"{what} {f.column}", f"{label}: {f.out_of_range(n)}; clamped to {clamped}"
                )
                n = clamped
            out.append(n)
        return tuple(out)

    def rows(
        self,
        conn: sqlite3.Connection,
        table: str,
        fields: Sequence[Field],
        what: str,
        order: int = 1,
    ) -> list[tuple[Any, ...]]:
        """Every row of ``table``, checked, ordered by its first ``order`` columns.

        SQLite selects the rows that need nothing done; only the rest go through
        ``check_row`` (an intact package has none). When ``verified`` answers for the table,
        its rows are read as they are and kept if it says every one passes the checks
        (SQLite's checks of 20k cards' 17 columns: ≈ 0.03 s, done meanwhile in another
        thread); else they are read again, checked.
        """
        cols = ", ".join(f'"{f.column}"' for f in fields)
        by = ", ".join(str(i + 1) for i in range(order))
        if self.verified is not None and table in CHECKED_ELSEWHERE:
            rows = conn.execute(f"SELECT {cols} FROM {table} ORDER BY {by}").fetchall()
            if self.verified(table):
                return rows
        clean = " AND ".join(f"({f.sql()})" for f in fields)
        rows = conn.execute(f"SELECT {cols} FROM {table} WHERE {clean} ORDER BY {by}").fetchall()
        if conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(rows):
            return rows  # nothing to check (a count is cheaper than a second filtered scan)
        self.dirty.add(table)
        dirty = conn.execute(f"SELECT {cols} FROM {table} WHERE NOT ({clean}) ORDER BY {by}")
        fixed = [r for r in (self.check_row(what, fields, raw) for raw in dirty) if r]
        if fixed:
            rows = sorted(rows + fixed, key=lambda r: r[:order])
        return rows


# ================================================================ the collection


def read_collection(
    conn: sqlite3.Connection, chk: Checker, *, defer_revlog: Callable[[], bool] | None = None
) -> AnkiPackage:
    """Everything in an opened collection; raises ImportFileError (or sqlite3.DatabaseError,
    which the caller reports as a corrupt database). The review log is left out when
    ``defer_revlog()``, asked after the notes and cards are read, says so (the caller then
    reads it with SQL: see ``revlog_intact``)."""
    raw = conn.execute("SELECT ver, crt, models, decks FROM col").fetchone()
    if raw is None:
        raise chk.fail("col", "the collection row is missing (empty col table)")
    row = chk.check_row("col", COL_FIELDS, raw, label="col")
    assert row is not None  # COL_FIELDS has no SKIP field
    ver, crt, models, decks = row
    pkg = AnkiPackage(crt=crt, schema=ver)
    if ver == LEGACY_SCHEMA:
        _legacy_meta(pkg, chk, models, decks)
        _legacy_presets(pkg, chk, conn)
    elif ver in TABLE_SCHEMAS:
        _table_meta(pkg, chk, conn)
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'deck_config'").fetchone():
            _table_presets(pkg, chk, conn)
    else:
        raise chk.fail("col", f"unknown collection schema version {ver}")
    _read_notes(pkg, chk, conn)
    _read_cards(pkg, chk, conn)
    pkg.rows_as_stored = (
        not chk.dirty & {"notes", "cards"}
        and "card due" not in chk._warned
        and len({n.id for n in pkg.notes}) == len(pkg.notes)
    )
    if defer_revlog is None or not defer_revlog():
        _read_revlog(pkg, chk, conn)
    pkg.warnings.extend(chk.warnings())
    return pkg


# ---------------------------------------------------------------- note types and decks


def _json(chk: Checker, value: object, label: str) -> dict[str, Any]:
    if value is None or value == "":
        return {}
    text = chk.text(value, "col", label)
    try:
        parsed = json.loads(text)
    except ValueError as e:
        raise chk.fail("col", f"{label} is not valid JSON ({e})") from e
    if not isinstance(parsed, dict):
        raise chk.fail("col", f"{label} is not a JSON object")
    return parsed


def _stock_kind(value: object) -> int:
    """A note type's original stock kind (a marker only: anything odd is "unknown", 0)."""
    return value if type(value) is int and 0 <= value <= MAX_STOCK_KIND else 0


MAX_STOCK_KIND = 255


def _jint(chk: Checker, value: object, label: str, name: str) -> int:
    """An integer in note type / deck JSON (ids are sometimes written as strings)."""
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    if type(value) is str and value.strip().lstrip("-").isdigit():
        return int(value)
    raise chk.fail(label, f"{name} is {_show(value)}, not a whole number")


def _jlist(chk: Checker, value: object, label: str, name: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise chk.fail(label, f"{name} is not a list of JSON objects")
    return value


def _jstr(chk: Checker, value: object, label: str, name: str, default: str = "") -> str:
    if value is None:
        return default
    if isinstance(value, str):
        return value
    raise chk.fail(label, f"{name} is {_show(value)}, not text")


def _legacy_meta(pkg: AnkiPackage, chk: Checker, models_json: object, decks_json: object) -> None:
    for key, m in _json(chk, models_json, "note type JSON (col.models)").items():
        if not isinstance(m, dict):
            raise chk.fail(f"note type {key!r}", "is not a JSON object")
        label = f"note type {m.get('id', key)!r}"
        ntid = _jint(chk, m.get("id", key), label, "id")
        label = f"note type {ntid}"
        flds = _jlist(chk, m.get("flds"), label, "the field list (flds)")
        tmpls = _jlist(chk, m.get("tmpls"), label, "the template list (tmpls)")
        flds.sort(key=lambda f: _jint(chk, f.get("ord", 0), label, "a field's ord"))
        tmpls.sort(key=lambda t: _jint(chk, t.get("ord", 0), label, "a template's ord"))
        fields = [_jstr(chk, f.get("name"), label, "a field name") for f in flds]
        pkg.notetypes[ntid] = Notetype(
            id=ntid,
            name=_jstr(chk, m.get("name"), label, "name"),
            kind=NotetypeKind.CLOZE if m.get("type") == 1 else NotetypeKind.BASIC,
            fields=fields,
            templates=[
                Template(
                    _jstr(chk, t.get("name"), label, "a template name"),
                    _jstr(chk, t.get("qfmt"), label, "a question template (qfmt)"),
                    _jstr(chk, t.get("afmt"), label, "an answer template (afmt)"),
                )
                for t in tmpls
            ],
            css=_jstr(chk, m.get("css"), label, "css"),
            sort_field=_sort_field(_jint(chk, m.get("sortf", 0), label, "sortf"), fields),
            original_stock_kind=_stock_kind(m.get("originalStockKind")),
        )
    for key, d in _json(chk, decks_json, "deck JSON (col.decks)").items():
        if not isinstance(d, dict):
            raise chk.fail(f"deck {key!r}", "is not a JSON object")
        did = _jint(chk, d.get("id", key), f"deck {key!r}", "id")
        label = f"deck {did}"
        name = _jstr(chk, d.get("name"), label, "name")
        pkg.decks[did] = Deck(
            did, _deck_name(name), _jstr(chk, d.get("desc"), label, "description"),
            _whole(d.get("conf"), 1),
        )  # fmt: skip


def _legacy_presets(pkg: AnkiPackage, chk: Checker, conn: sqlite3.Connection) -> None:
    """The deck options presets of a schema 11 collection (``col.dconf`` JSON)."""
    row = conn.execute("SELECT dconf FROM col").fetchone()
    try:
        confs = json.loads(row[0]) if row and isinstance(row[0], str) and row[0] else {}
    except ValueError:
        confs = None
    if not isinstance(confs, dict):
        chk.warn("preset", "the deck options presets (col.dconf) are not a JSON object; "
                           "the decks keep their defaults")  # fmt: skip
        return
    for key, conf in confs.items():
        if not isinstance(conf, dict):
            continue
        pid = _whole(conf.get("id", key), None)
        new, rev = conf.get("new"), conf.get("rev")
        if pid is None:
            continue
        pkg.presets[pid] = _preset(
            chk, pid, conf.get("name"),
            new.get("perDay") if isinstance(new, dict) else None,
            rev.get("perDay") if isinstance(rev, dict) else None,
            conf.get("desiredRetention"),
        )  # fmt: skip


def _table_presets(pkg: AnkiPackage, chk: Checker, conn: sqlite3.Connection) -> None:
    """The deck options presets of a schema 18 collection (``deck_config``: protobuf
    ``DeckConfig.Config``; a field left out is 0, as proto3 leaves out zeros)."""
    spec = (Field("id"), Field("name", "text"), Field("config", "blob"))
    for pid, name, config in chk.rows(conn, "deck_config", spec, "deck options preset"):
        msg = pb.decode(config)
        pkg.presets[pid] = _preset(chk, pid, name, pb.get_int(msg, 9), pb.get_int(msg, 10),
                                   pb.get_float(msg, 37) or None)  # fmt: skip


def _whole(value: object, default: Any) -> Any:
    """An id or count written as a number or a string of digits, else ``default``."""
    if type(value) is int:
        return value
    if type(value) is str and value.strip().isdigit():
        return int(value)
    return default


def _preset(chk: Checker, pid: int, name: object, new: object, rev: object,
            retention: object) -> Preset:  # fmt: skip
    """A preset from what the package says; a missing value is Anki's default and a value out
    of range is left out with a warning."""
    label = f"deck options preset {name!r}" if isinstance(name, str) else f"preset {pid}"
    out = Preset(pid, name if isinstance(name, str) and name else f"Preset {pid}")
    for attr, value, hi in (("new_per_day", new, MAX_NEW_PER_DAY),
                            ("reviews_per_day", rev, MAX_REVIEWS_PER_DAY)):  # fmt: skip
        if value is None:
            continue
        if type(value) is int and 0 <= value <= hi:
            setattr(out, attr, value)
        else:
            chk.warn("preset", f"{label}: {attr.replace('_', ' ')} {_show(value)} left out")
    if retention is not None:
        lo, hi_r = RETENTION_RANGE
        if type(retention) in (int, float) and lo <= float(retention) <= hi_r:  # type: ignore[arg-type]
            out.desired_retention = round(float(retention), 4)  # type: ignore[arg-type]
        else:
            chk.warn("preset", f"{label}: desired retention {_show(retention)} left out")
    return out


def _deck_name(name: str) -> str:
    """A deck name whose every "::" component has a visible name (Anki names an empty one
    "blank"; an empty name would become a nameless deck here)."""
    parts = name.split("::")
    if all(p.strip() for p in parts):
        return name
    return "::".join(p if p.strip() else "blank" for p in parts)


def _sort_field(index: int, fields: list[str]) -> int:
    return index if 0 <= index < len(fields) else 0


def _table_meta(pkg: AnkiPackage, chk: Checker, conn: sqlite3.Connection) -> None:
    try:
        fields: dict[int, list[str]] = {}
        spec: tuple[Field, ...] = (
            Field("ntid", name="note type id"),
            Field("ord"),
            Field("name", "text"),
        )
        for ntid, _ord, fname in chk.rows(conn, "fields", spec, "field of note type", order=2):
            fields.setdefault(ntid, []).append(fname)
        templates: dict[int, list[Template]] = {}
        spec = (
            Field("ntid", name="note type id"), Field("ord"), Field("name", "text"),
            Field("config", "blob"),
        )  # fmt: skip
        for ntid, _ord, tname, config in chk.rows(
            conn, "templates", spec, "template of note type", order=2
        ):
            msg = pb.decode(config)
            templates.setdefault(ntid, []).append(
                Template(tname, pb.get_str(msg, 1), pb.get_str(msg, 2))
            )
        spec = (Field("id"), Field("name", "text"), Field("config", "blob"))
        for ntid, nname, config in chk.rows(conn, "notetypes", spec, "note type"):
            msg = pb.decode(config)
            nt_fields = fields.get(ntid, [])
            pkg.notetypes[ntid] = Notetype(
                id=ntid,
                name=nname,
                kind=NotetypeKind.CLOZE if pb.get_int(msg, 1) == 1 else NotetypeKind.BASIC,
                fields=nt_fields,
                templates=templates.get(ntid, []),
                css=pb.get_str(msg, 3),
                sort_field=_sort_field(pb.get_int(msg, 2), nt_fields),
                original_stock_kind=_stock_kind(pb.get_int(msg, 9)),
            )
        spec = (Field("id"), Field("name", "text"), Field("kind", "blob"))
        for did, dname, kind in chk.rows(conn, "decks", spec, "deck"):
            normal = pb.decode(pb.get_bytes(pb.decode(kind), 1))
            name = _deck_name(dname.replace(FIELD_SEP, "::"))
            pkg.decks[did] = Deck(did, name, pb.get_str(normal, 4), pb.get_int(normal, 1, 1))
    except (pb.ProtobufError, UnicodeDecodeError) as e:
        raise chk.fail("config", f"a note type, template or deck has a malformed blob: {e}") from e


# ---------------------------------------------------------------- notes, cards, review log


def _read_notes(pkg: AnkiPackage, chk: Checker, conn: sqlite3.Connection) -> None:
    seen: dict[str, int] = {}
    notetypes = pkg.notetypes
    notes = pkg.notes
    for nid, guid, mid, flds, tags, mod in chk.rows(conn, "notes", NOTE_FIELDS, "note"):
        if guid in seen:
            raise chk.fail(f"note {nid}", f"duplicate note GUID {guid!r} (also note {seen[guid]})")
        if not guid:
            raise chk.fail(f"note {nid}", "the GUID is empty")
        seen[guid] = nid
        if mid not in notetypes:
            raise chk.fail(f"note {nid}", f"refers to a missing note type {mid}")
        notes.append(Note(nid, guid, mid, flds.split(FIELD_SEP), tags.split(), mod))


def _read_cards(pkg: AnkiPackage, chk: Checker, conn: sqlite3.Connection) -> None:
    note_ids = {n.id for n in pkg.notes}
    decks = pkg.decks
    cards = pkg.cards
    seen: set[int] = set()
    filtered: dict[int, int] = {}  # filtered deck id -> its cards
    for row in chk.rows(conn, "cards", CARD_FIELDS, "card"):
        cid, nid = row[0], row[1]
        if cid in seen:
            raise chk.fail(f"card {cid}", "the id is used twice")
        seen.add(cid)
        if nid not in note_ids:
            chk.warn("card note", f"card {cid} has no note; skipped")
            continue
        card = Card(*row[:16])
        if card.odid:  # in a filtered deck: use the home deck and its due
            filtered[card.deck_id] = filtered.get(card.deck_id, 0) + 1
            card.deck_id, card.due = card.odid, card.odue
        _clamp_due(card, pkg.crt, chk)
        data = row[16]
        if data and data != "{}":  # "{}": a new card's (its ``data`` stays empty)
            _card_data(card, data, chk)
        cards.append(card)
        if card.deck_id not in decks:
            decks[card.deck_id] = Deck(card.deck_id, f"Imported {card.deck_id}")
    for did, count in filtered.items():
        name = decks[did].name if did in decks else str(did)
        chk.warn("filtered", f"filtered deck {name!r}: its {count} card(s) went back to their "
                             f"home decks (srsapp keeps no filtered decks)")  # fmt: skip


def _clamp_due(card: Card, crt: int, chk: Checker) -> None:
    """Keep ``due`` where it can be turned into a date (see the module notes)."""
    due = card.due
    if card.type == CardType.NEW:
        lo, hi, what = 0, MAX_POSITION, "new-card position"
    elif due > EPOCH_DUE:  # intraday learning: an epoch second
        lo, hi, what = EPOCH_DUE + 1, MAX_EPOCH, "due time"
    else:  # a day number counted from the collection's creation day
        lo, hi, what = -(crt // DAY), (MAX_EPOCH - crt) // DAY, "due day"
    if not lo <= due <= hi:
        card.due = min(max(due, lo), hi)
        chk.warn("card due", f"card {card.id}: {what} {due} is out of range; clamped to {card.due}")


_CARD_DATA_KEYS = (("s", "stability"), ("d", "difficulty"), ("dr", "desired_retention"))
_DATA_RANGE = {"s": (0.001, float(MAX_IVL_DAYS)), "d": (1.0, 10.0), "dr": (0.01, 0.99)}


# a JSON number that json.loads makes a float (a fraction or an exponent)
_FLOAT = r"(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+))"
# what Anki writes for a card with a memory state and nothing else: read without json.loads
_STATE_ONLY = re.compile(rf'\{{"s":{_FLOAT},"d":{_FLOAT}(?:,"dr":{_FLOAT})?\}}\Z')


def _card_data(card: Card, data: object, chk: Checker) -> None:
    """``cards.data``: the FSRS memory state and other keys. A damaged value is dropped with a
    warning (the memory state is then re-derived from the review history)."""
    if isinstance(data, str) and (m := _STATE_ONLY.match(data)):
        stab, diff = float(m[1]), float(m[2])
        ret = None if m[3] is None else float(m[3])
        if (
            0.001 <= stab <= MAX_IVL_DAYS
            and 1.0 <= diff <= 10.0
            and (ret is None or 0.01 <= ret <= 0.99)
        ):
            card.stability, card.difficulty, card.desired_retention = stab, diff, ret
            card.data = {}
            return
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            data = None
    try:
        parsed = json.loads(data) if isinstance(data, str) else None
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        chk.warn("card data", f"card {card.id}: its data is not a JSON object; ignored")
        return
    # the usual case, decided without the loop below: a valid stability, difficulty and
    # (absent or valid) desired retention
    s, d, dr = parsed.get("s"), parsed.get("d"), parsed.get("dr")
    if (
        type(s) is float
        and type(d) is float
        and 0.001 <= s <= MAX_IVL_DAYS
        and 1.0 <= d <= 10.0
        and (dr is None or (type(dr) is float and 0.01 <= dr <= 0.99))
    ):
        card.stability, card.difficulty, card.desired_retention = s, d, dr
        del parsed["s"], parsed["d"]
        parsed.pop("dr", None)
        card.data = parsed
        return
    for key, attr in _CARD_DATA_KEYS:
        value = parsed.pop(key, None)
        if value is None:
            continue
        lo, hi = _DATA_RANGE[key]
        if type(value) is bool or not isinstance(value, int | float) or not math.isfinite(value):
            chk.warn("card data", f"card {card.id}: FSRS {attr} {_show(value)} ignored")
            continue
        if not lo <= value <= hi:
            if key == "d":  # difficulty: 1..10 by definition, clamp
                value = min(max(value, lo), hi)
            else:
                chk.warn("card data", f"card {card.id}: FSRS {attr} {value} is out of range "
                                      f"({lo:g}..{hi:g}); ignored")  # fmt: skip
                continue
        setattr(card, attr, float(value))
    if (card.stability is None) != (card.difficulty is None):
        card.stability = card.difficulty = None  # half a memory state is none
    card.data = parsed


def _read_revlog(pkg: AnkiPackage, chk: Checker, conn: sqlite3.Connection) -> None:
    card_ids = {c.id for c in pkg.cards}
    pkg.revlog.extend(
        RevlogEntry(*row)
        for row in chk.rows(conn, "revlog", REVLOG_FIELDS, "review")
        if row[1] in card_ids
    )


# The tables whose rows ``rows_clean`` can vouch for (``Checker.verified``), with their fields.
CHECKED_ELSEWHERE = {"notes": NOTE_FIELDS, "cards": CARD_FIELDS}


def rows_clean(conn: sqlite3.Connection, table: str) -> bool:
    """True when every row of ``table`` (of ``CHECKED_ELSEWHERE``) passes its fields' checks
    unchanged: ``Checker.rows`` may then keep the rows it read without them."""
    fields = CHECKED_ELSEWHERE[table]
    clean = " AND ".join(f"({f.sql()})" for f in fields)
    return not conn.execute(
        f"SELECT EXISTS (SELECT 1 FROM {table} WHERE NOT ({clean}))"
    ).fetchone()[0]


def revlog_intact(conn: sqlite3.Connection) -> bool:
    """True when every review-log row passes ``REVLOG_FIELDS`` unchanged (nothing to clamp,
    skip or refuse): the reader can leave it in the package's database, to be mapped there
    (``store.anki_revlog``); any other goes through ``_read_revlog`` and its checks."""
    clean = " AND ".join(f"({f.sql()})" for f in REVLOG_FIELDS)
    sql = f"SELECT EXISTS (SELECT 1 FROM revlog WHERE NOT ({clean}))"
    return not conn.execute(sql).fetchone()[0]
