"""Write an ``AnkiPackage`` as an .apkg that Anki 2.1.50 through current imports.

We write the schema 11 collection (note types, decks and deck options as JSON in
the ``col`` row), the most widely accepted layout:
- default: ``meta`` (version LEGACY_2), ``collection.anki21`` holding the data,
  and an empty ``collection.anki2`` for very old clients — what Anki's own
  "support older versions" export produces;
- ``legacy=True``: only ``collection.anki2`` holding the data, no ``meta``
  (the pre-2.1.50 layout).
Media are stored as members ``0``, ``1``, ... with a JSON ``media`` map.
FSRS memory state goes into ``cards.data`` as ``{"s", "d", "dr"}``.
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import os
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from functools import partial
from itertools import chain
from math import isfinite
from operator import attrgetter
from pathlib import Path
from typing import Any

from srsapp.interchange import _protobuf as pb
from srsapp.interchange.anki_model import (
    FIELD_SEP,
    AnkiPackage,
    Card,
    Note,
    Notetype,
    NotetypeKind,
    RevlogEntry,
)
from srsapp.interchange.apkg_read import safe_media_name

_TABLES_11 = """
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
  scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
  ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
  sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
  ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
  queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
  odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
  ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL,
  factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
"""
_INDEXES_11 = """
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
"""

_DEFAULT_DCONF = {
    "id": 1,
    "mod": 0,
    "name": "Default",
    "usn": 0,
    "maxTaken": 60,
    "autoplay": True,
    "timer": 0,
    "replayq": True,
    "new": {
        "bury": False,
        "delays": [1.0, 10.0],
        "initialFactor": 2500,
        "ints": [1, 4, 0],
        "order": 1,
        "perDay": 20,
    },
    "rev": {"bury": False, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200,
            "hardFactor": 1.2},
    "lapse": {"delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0},
    "dyn": False,
}  # fmt: skip

_FIELD_REF = re.compile(r"\{\{([^}]*)\}\}")
_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_IMG = re.compile(r"<img[^>]*?src=[\"']?([^\"'> ]+)[^>]*>", re.IGNORECASE)


def write_package(pkg: AnkiPackage, path: str | Path, *, legacy: bool = False) -> None:
    """Write ``pkg`` to ``path`` (replaced atomically)."""
    write_zip(path, _collection_bytes(pkg), pkg.media, crt=pkg.crt, legacy=legacy)


def write_zip(
    path: str | Path,
    collection: bytes,
    media: dict[str, bytes],
    *,
    crt: int,
    legacy: bool = False,
) -> None:
    """Write a package of the schema 11 database ``collection`` (SQLite bytes, see
    ``create_tables``) and ``media`` to ``path`` (replaced atomically); ``crt`` is the
    collection's creation time, for the empty ``collection.anki2`` beside it.

    Members are deflated at level 1: 3x faster than zlib's default level 6 on a collection
    of 100k reviews, for a file about 13% larger. Media already compressed (pictures, sound
    and video: ``compressed_media``) are stored as they are: deflating the Docker deck's 98
    diagram pictures took ≈ 20-40 ms of its export for 6 % of their 1.56 MB.
    """
    for name in media:
        safe_media_name(name, str(path))
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".apkg-", dir=path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            if legacy:
                zf.writestr("collection.anki2", collection)
            else:
                zf.writestr("meta", pb.enc_int(1, 2))  # PackageMetadata{version: LEGACY_2}
                zf.writestr("collection.anki21", collection)
                zf.writestr("collection.anki2", _collection_bytes(AnkiPackage(crt=crt)))
            mapping: dict[str, str] = {}
            for index, (name, data) in enumerate(sorted(media.items())):
                kind = zipfile.ZIP_STORED if compressed_media(data) else zipfile.ZIP_DEFLATED
                zf.writestr(str(index), data, compress_type=kind)
                mapping[str(index)] = name
            zf.writestr("media", json.dumps(mapping, ensure_ascii=False))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# how the formats whose data is compressed already begin (PNG, JPEG, GIF, Ogg, MP3 with
# its tag, FLAC); WebP and the MP4 family have a mark a few bytes in
_COMPRESSED_STARTS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"OggS", b"ID3", b"fLaC")


def compressed_media(data: bytes) -> bool:
    """Whether ``data`` is a picture, sound or video in a compressed format (deflating it
    again costs time and saves next to nothing)."""
    return (
        data.startswith(_COMPRESSED_STARTS)
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
        or data[4:8] == b"ftyp"
    )


def strip_html(text: str) -> str:
    """Field text without markup, keeping image file names (as Anki's checksum does)."""
    text = _IMG.sub(r" \1 ", text)
    return html.unescape(_TAG.sub("", text)).strip()


def field_checksum(text: str) -> int:
    return _checksum_of_stripped(strip_html(text))


def _checksum_of_stripped(stripped: str) -> int:
    return int.from_bytes(hashlib.sha1(stripped.encode("utf-8")).digest()[:4], "big")


def _collection_bytes(pkg: AnkiPackage) -> bytes:
    conn = sqlite3.connect(":memory:")
    try:
        create_tables(conn)
        insert_package(conn, pkg)
        create_indexes(conn)
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


def create_tables(conn: sqlite3.Connection, schema: str = "main") -> None:
    """The schema 11 tables, in the (empty) database ``schema`` of ``conn``. Statement by
    statement: ``executescript`` would commit the caller's transaction."""
    for statement in _TABLES_11.split(";"):
        if statement.strip():
            conn.execute(statement.replace("CREATE TABLE ", f"CREATE TABLE {schema}.", 1))


def create_indexes(
    conn: sqlite3.Connection,
    schema: str = "main",
    tables: tuple[str, ...] = ("notes", "cards", "revlog"),
) -> None:
    """Anki's indexes of ``tables``, created once the rows are in (building an index once is
    faster than keeping it up to date)."""
    for statement in _INDEXES_11.split(";"):
        if statement.strip() and statement.split(" ON ")[1].split()[0] in tables:
            conn.execute(statement.replace("CREATE INDEX ", f"CREATE INDEX {schema}.", 1))


@dataclass
class PackageRows:
    """The rows of a package's collection database, built in Python (``package_rows``) and
    inserted apart from that (``insert_rows``)."""

    col: tuple[Any, ...]
    notes: list[tuple[Any, ...]]
    cards: list[tuple[Any, ...]]
    revlog: list[RevlogEntry]


def insert_package(conn: sqlite3.Connection, pkg: AnkiPackage, schema: str = "main") -> None:
    """The ``col`` row, notes, cards and review log of ``pkg`` into the tables of
    ``create_tables``."""
    insert_rows(conn, package_rows(pkg), schema)


def package_rows(pkg: AnkiPackage) -> PackageRows:
    mod_s = max([pkg.crt, *(n.mod for n in pkg.notes), *(c.mod for c in pkg.cards)])
    conf = {
        "nextPos": 1 + max([0, *(c.due for c in pkg.cards if c.type == 0)]),
        "schedVer": 2,
        "sched2021": True,
        "curDeck": 1,
        "activeDecks": [1],
        "collapseTime": 1200,
        "estTimes": True,
        "dueCounts": True,
        "newSpread": 0,
        "sortType": "noteFld",
        "sortBackwards": False,
        "timeLim": 0,
        "addToCur": True,
        "dayLearnFirst": False,
        "creationOffset": 0,
    }
    models = {str(nt.id): _notetype_json(nt, mod_s) for nt in pkg.notetypes.values()}
    col = (
        pkg.crt,
        mod_s * 1000,
        mod_s * 1000,
        json.dumps(conf),
        json.dumps(models, ensure_ascii=False),
        json.dumps(_decks_json(pkg, mod_s), ensure_ascii=False),
        json.dumps(_presets(pkg), ensure_ascii=False),
    )
    notes = list(map(partial(_note_row, pkg), pkg.notes))
    cards = [
        (c.id, c.note_id, c.deck_id, c.ord, c.mod, c.type, c.queue, c.due, c.ivl, c.factor,
         c.reps, c.lapses, c.left, c.odue, c.odid, c.flags, _card_data(c))
        for c in pkg.cards
    ]  # fmt: skip
    return PackageRows(col, notes, cards, pkg.revlog)


def insert_rows(conn: sqlite3.Connection, rows: PackageRows, schema: str = "main") -> None:
    conn.execute(
        f"INSERT INTO {schema}.col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{{}}')", rows.col
    )
    conn.executemany(
        f"INSERT INTO {schema}.notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')", rows.notes
    )
    conn.executemany(
        f"INSERT INTO {schema}.cards VALUES (?,?,?,?,?,-1,?,?,?,?,?,?,?,?,?,?,?,?)", rows.cards
    )
    _insert_revlog(conn, rows.revlog, schema)


_REVLOG_ROW = attrgetter("id", "card_id", "ease", "ivl", "last_ivl", "factor", "time", "type")
_REVLOG_VALUES = "(?, ?, -1, ?, ?, ?, ?, ?, ?)"
_REVLOG_PER_STATEMENT = 100  # 800 parameters: under SQLite's classic limit of 999


def _insert_revlog(conn: sqlite3.Connection, revlog: list[RevlogEntry], schema: str) -> None:
    """The review log, 100 rows per INSERT: binding a statement per row costs more than
    SQLite's insert itself (100k rows: about 0.10 -> 0.08 s)."""
    rows = list(map(_REVLOG_ROW, revlog))
    per = _REVLOG_PER_STATEMENT
    full = len(rows) - len(rows) % per
    if full:
        flat = chain.from_iterable
        conn.executemany(
            f"INSERT INTO {schema}.revlog VALUES " + ", ".join([_REVLOG_VALUES] * per),
            (tuple(flat(rows[i : i + per])) for i in range(0, full, per)),
        )
    if full < len(rows):
        conn.executemany(f"INSERT INTO {schema}.revlog VALUES " + _REVLOG_VALUES, rows[full:])


def _note_row(pkg: AnkiPackage, n: Note) -> tuple[Any, ...]:
    fields = n.fields
    first = strip_html(fields[0]) if fields else ""
    sort_text = _sort_field(pkg, n.notetype_id, fields)
    return (
        n.id,
        n.guid,
        n.notetype_id,
        n.mod,
        f" {' '.join(n.tags)} " if n.tags else "",
        FIELD_SEP.join(fields),
        first if fields and sort_text is fields[0] else strip_html(sort_text),
        _checksum_of_stripped(first),
    )


def _sort_field(pkg: AnkiPackage, notetype_id: int, fields: list[str]) -> str:
    nt = pkg.notetypes.get(notetype_id)
    idx = nt.sort_field if nt and nt.sort_field < len(fields) else 0
    return fields[idx] if fields else ""


def _card_data(card: Card) -> str:
    s, d, dr = card.stability, card.difficulty, card.desired_retention
    if not card.data and s is not None and d is not None:
        # what json.dumps(separators=(",", ":")) writes for {"s", "d"[, "dr"]}, without it
        s, d = round(s, 4), round(d, 3)
        if type(s) is float and type(d) is float and isfinite(s) and isfinite(d):
            if dr is None:
                return f'{{"s":{s!r},"d":{d!r}}}'
            dr = round(dr, 2)
            if type(dr) is float and isfinite(dr):
                return f'{{"s":{s!r},"d":{d!r},"dr":{dr!r}}}'
    data: dict[str, Any] = dict(card.data)
    if card.stability is not None and card.difficulty is not None:
        data["s"] = round(card.stability, 4)
        data["d"] = round(card.difficulty, 3)
        if card.desired_retention is not None:
            data["dr"] = round(card.desired_retention, 2)
    return json.dumps(data, separators=(",", ":")) if data else ""


def _notetype_json(nt: Notetype, mod_s: int) -> dict[str, Any]:
    cloze = nt.kind == NotetypeKind.CLOZE
    req: list[list[Any]] = []
    for ord_, t in enumerate(nt.templates):
        refs = {r.strip().lstrip("#^/").split(":")[-1].strip() for r in _FIELD_REF.findall(t.qfmt)}
        used = [i for i, f in enumerate(nt.fields) if f in refs]
        req.append([ord_, "any", used or [0]])
    return {
        "id": nt.id,
        "name": nt.name,
        "type": 1 if cloze else 0,
        "mod": mod_s,
        "usn": -1,
        "sortf": nt.sort_field,
        "did": None,
        "tmpls": [
            {
                "name": t.name,
                "ord": i,
                "qfmt": t.qfmt,
                "afmt": t.afmt,
                "bqfmt": "",
                "bafmt": "",
                "did": None,
                "bfont": "",
                "bsize": 0,
            }
            for i, t in enumerate(nt.templates)
        ],  # fmt: skip
        "flds": [
            {
                "name": f,
                "ord": i,
                "sticky": False,
                "rtl": False,
                "font": "Arial",
                "size": 20,
                "media": [],
            }
            for i, f in enumerate(nt.fields)
        ],  # fmt: skip
        "css": nt.css,
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n"
        "\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n"
        "\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "latexPost": "\\end{document}",
        "latexsvg": False,
        "req": [[0, "any", [0]]] if cloze else req,
        "tags": [],
        "vers": [],
        **({"originalStockKind": nt.original_stock_kind} if nt.original_stock_kind else {}),
    }


def _decks_json(pkg: AnkiPackage, mod_s: int) -> dict[str, Any]:
    names = {d.name: d for d in pkg.decks.values()}
    known = {1, *pkg.presets}  # a deck whose preset is not in the package has the default
    entries: dict[int, tuple[str, str, int]] = {
        d.id: (d.name, d.description, d.config_id if d.config_id in known else 1)
        for d in names.values()
    }
    next_id = max([1, *entries]) + 1
    for name in list(names):  # Anki wants every parent deck to exist (with its child's options)
        parts = name.split("::")
        for i in range(1, len(parts)):
            parent = "::".join(parts[:i])
            if parent not in names:
                names[parent] = None  # type: ignore[assignment]
                entries[next_id] = (parent, "", entries[names[name].id][2])
                next_id += 1
    entries.setdefault(1, ("Default", "", 1))
    return {
        str(did): {
            "id": did, "mod": mod_s, "name": name, "usn": -1, "lrnToday": [0, 0],
            "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0], "collapsed": False,
            "browserCollapsed": False, "desc": desc, "dyn": 0, "conf": conf, "extendNew": 0,
            "extendRev": 0,
        }
        for did, (name, desc, conf) in entries.items()
    }  # fmt: skip


def _presets(pkg: AnkiPackage) -> dict[str, dict[str, Any]]:
    """``col.dconf``: Anki's "Default" preset and the package's presets (their daily limits
    and desired retention over the default's other options)."""
    out: dict[str, dict[str, Any]] = {"1": _DEFAULT_DCONF}
    for p in pkg.presets.values():
        conf: dict[str, Any] = copy.deepcopy(_DEFAULT_DCONF)
        conf.update(id=p.id, name=p.name, desiredRetention=p.desired_retention)
        conf["new"] = {**conf["new"], "perDay": p.new_per_day}
        conf["rev"] = {**conf["rev"], "perDay": p.reviews_per_day}
        out[str(p.id)] = conf
    return out
