"""Anki's normal (incremental) sync: only what changed since the last sync moves, both ways.

The protocol, as Anki's clients speak it (one server transaction):
``start`` (the server's deletions since our last sync) → ``applyGraves`` (ours) →
``applyChanges`` (note types, decks, deck options: ours out, the server's back) → ``chunk``
until done (the server's changed cards, notes and review-log rows) → ``applyChunk`` (ours)
→ ``sanityCheck2`` (both sides must hold as many cards, notes, reviews, note types, decks
and deck options) → ``finish``. Any failure before ``finish`` aborts it on the server and
changes nothing here.

Our side: a card changed since the last sync has ``usn = -1`` (a trigger marks every write),
a deleted or retired one leaves a grave (``store.anki_sync``), and the server's side as of
the last sync is kept in the collection (its rows, review-log ids, note types and decks).
Our changed cards -- only they -- are mapped to Anki's rows by the exporter (the one
mapping, shared with full sync and .colpkg/.apkg export: ``exporter.export_apkg``, limited to
those cards, into a database in memory), then given the ids the
server knows them by (linked cards; notes by GUID; decks by name) and its creation day. The
server's rows are merged by the importer (``transfer.import_file``: cards matched by GUID,
every review kept once, a changed text of one of our cards kept as an edit).

Conflicts, as Anki resolves them: a card or note changed on both sides since the last sync
takes the later modification (the other side's change is dropped; a tie goes to ours, sent
a second later). Every change of a card here carries its time (an answer, a flag, a
suspension, a burial, a move, an edit), and the server's card that wins comes in whole: its
schedule, flag, suspension and burial replace ours. Review-log rows are never in conflict
(both kept, each once); a deletion on either side wins over a change.

After ``finish`` the server's changes are imported and the server's side recorded, so an
interruption before then changes nothing on either side, and one after it is repaired by the
next sync (the server sends the same changes again; they merge without doubles).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from srsapp.core.errors import ImportFileError
from srsapp.interchange.anki_model import AnkiPackage
from srsapp.interchange.apkg_rows import Checker, read_collection
from srsapp.interchange.apkg_write import create_tables, package_rows
from srsapp.service import transfer
from srsapp.service.anki.convert import ID_BASE, DiagramRenderer
from srsapp.service.anki.exporter import export_apkg
from srsapp.service.anki.merge import anki_key, derived_guid
from srsapp.service.ankisync.client import ServerMeta, SyncClient, SyncError
from srsapp.service.ankisync.full import wrap_as_package
from srsapp.service.context import Context
from srsapp.store import anki_file
from srsapp.store import anki_sync as shadow
from srsapp.store.handles import DatabaseError, RawConnection
from srsapp.store.queries import sqlite_connection

CHUNK_SIZE = 250  # rows per chunk, as Anki sends them
_REVIEW_TYPE = 2  # Anki's card type whose due is a day number


class FullSyncRequired(SyncError):
    """The two sides no longer agree: only a full sync (upload or download) can go on."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "full-sync")


@dataclass
class Moved:
    """What one normal sync moved: rows sent and received, and the bytes on the wire
    (compressed request and answer bodies)."""

    sent: dict[str, int] = field(default_factory=dict)
    received: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def can_sync_normally(col: Context, meta: ServerMeta, server: str, user: str) -> bool:
    """Whether the server's collection is the one our last sync left (same server and user,
    same schema time): then a normal sync can go on."""
    state = _head(col)
    return (
        state is not None
        and state.get("server") == server
        and state.get("user") == user
        and state.get("scm") == meta.scm
        and not meta.empty
    )


def synced_with(col: Context, server: str, user: str) -> bool:
    """Whether our last sync was with ``server`` as ``user`` and its side is recorded as it
    was (not after a failed sanity check: then only a full upload can go on from ours)."""
    state = _head(col)
    return (state is not None and state.get("scm") is not None
            and (state.get("server"), state.get("user")) == (server, user))  # fmt: skip


def last_server_mod(col: Context) -> int | None:
    """The server's modification time our last normal or full sync left."""
    state = _head(col)
    return None if state is None else int(state["mod"])


def has_local_changes(col: Context) -> bool:
    with col.db.reading() as s:
        conn = sqlite_connection(s)
        return bool(shadow.changed_cards(conn) or shadow.graves(conn))


def _head(col: Context) -> dict[str, Any] | None:
    with col.db.reading() as s:
        return shadow.state_head(sqlite_connection(s))


def _state(col: Context) -> dict[str, Any] | None:
    with col.db.reading() as s:
        return shadow.load_state(sqlite_connection(s))


# ---------------------------------------------------------------- after a full sync


def record_full_upload(col: Context, upload: Path, meta_after: ServerMeta, server: str,
                       user: str) -> None:  # fmt: skip
    """The server now holds the collection file ``upload`` (what ``full_upload`` sent): keep
    its side, link its cards to ours and mark every card of ours it holds as synced."""

    def link(conn: RawConnection, cards: list[list[Any]], _notes: list[list[Any]]
             ) -> list[tuple[list[Any], int | None]]:  # fmt: skip
        ours = anki_file.our_card_ids(conn)
        return [(c, c[0] - ID_BASE if c[0] - ID_BASE in ours else None) for c in cards]

    _keep_side(col, _server_side(upload), link, meta_after, server, user)


def record_full_download(col: Context, download: Path, meta_after: ServerMeta, server: str,
                         user: str, unsent: AbstractSet[int] = frozenset()) -> None:  # fmt: skip
    """The server holds the collection file ``download`` (merged into ours): keep its side,
    link its cards to ours (by GUID and ordinal, as the merge matched them) and mark those
    synced; a card of ours the server lacks stays changed and goes with the next normal
    sync, as does each of ``unsent`` (our cards changed since the last sync, before the
    download: the merge kept their changes, which the server lacks). A file we cannot read
    that far leaves no side recorded: the next sync is a full one."""
    try:
        side = _server_side(download)
    except (ImportFileError, DatabaseError, ValueError):
        forget_server(col)
        return

    def link(conn: RawConnection, cards: list[list[Any]], notes: list[list[Any]]
             ) -> list[tuple[list[Any], int | None]]:  # fmt: skip
        guid_of = {int(n[0]): str(n[1]) for n in notes}
        ours = _ours_by_key(conn)
        return [(c, ours.get((guid_of.get(int(c[1]), ""), int(c[3])))) for c in cards]

    _keep_side(col, side, link, meta_after, server, user, unsent)


def _keep_side(
    col: Context,
    side: tuple[Any, ...],
    link: Callable[[RawConnection, list[list[Any]], list[list[Any]]],
                   list[tuple[list[Any], int | None]]],
    meta_after: ServerMeta,
    server: str,
    user: str,
    unsent: AbstractSet[int] = frozenset(),
) -> None:  # fmt: skip
    """Record the server's side after a full sync (one transaction): its rows, their links
    to our cards (``link``), the linked cards synced but those of ``unsent``."""
    crt, scm, models, decks, dconf, notes, cards, revlog = side
    with col.db.transaction() as s:
        conn = sqlite_connection(s)
        shadow.forget(conn)
        shadow.put_notes(conn, notes)
        linked = link(conn, cards, notes)
        shadow.put_cards(conn, linked)
        shadow.put_revlog(conn, revlog)
        shadow.mark_synced(conn, [(i, None) for _c, i in linked
                                  if i is not None and i not in unsent])  # fmt: skip
        shadow.save_state(conn, {
            "server": server, "user": user, "scm": scm, "crt": crt,
            "usn": meta_after.usn, "mod": meta_after.mod,
            "models": models, "decks": decks, "dconf": dconf,
        })  # fmt: skip


def _server_side(path: Path) -> tuple[Any, ...]:
    """crt, scm, note types, decks and deck options (Anki's JSON, as far as our reader and
    the sanity check need them), notes, cards and review-log ids of a collection file."""
    conn = anki_file.open_read_only(path)
    try:
        crt, scm, ver = anki_file.col_row(conn)
        if ver == 11:
            models, decks, dconf = anki_file.col_json(conn)
        else:  # the tables of schema 15-18, as schema 11 JSON through our package reader
            pkg = read_collection(conn, Checker("collection", str(path)),
                                  defer_revlog=lambda: True)  # fmt: skip
            meta = AnkiPackage(crt=pkg.crt, notetypes=pkg.notetypes)
            models = json.loads(package_rows(meta).col[4])
            decks = {str(i): {"id": i, "name": n.replace("\x1f", "::"), "conf": 1}
                     for i, n in anki_file.deck_rows(conn)}  # fmt: skip
            dconf = {str(i): {"id": i} for i in anki_file.deck_config_ids(conn)}
        notes, cards, revlog = anki_file.all_rows(conn)
    finally:
        conn.close()
    return crt, scm, models, decks, dconf, notes, cards, revlog


def _ours_by_key(conn: RawConnection) -> dict[tuple[str, int], int]:
    """Our cards by the (Anki GUID, ordinal) they are on a server: an imported card by its
    key, one of ours (a first card) by the GUID its deck and key give it."""
    out: dict[tuple[str, int], int] = {}
    for card_id, deck_name, key in anki_file.our_cards_keys(conn):
        out.setdefault((derived_guid(deck_name, key), 0), card_id)
        if key.startswith("anki:"):
            guid, _, ord_ = key[5:].rpartition(":")
            if ord_.isdigit():
                out[(guid, int(ord_))] = card_id
    return out


def forget_server(col: Context) -> None:
    """No server side recorded (the next sync is a full one)."""
    with col.db.transaction() as s:
        shadow.forget(sqlite_connection(s))


def changed_here(col: Context) -> set[int]:
    """Our cards changed since the last sync (not yet on the server)."""
    with col.db.reading() as s:
        return set(shadow.changed_cards(sqlite_connection(s)))


# ---------------------------------------------------------------- the normal sync


@dataclass
class _Outgoing:
    """Our changes as the server's rows."""

    cards: dict[int, list[Any]] = field(default_factory=dict)  # server card id -> row
    card_of: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> (ours, modified)
    notes: dict[int, list[Any]] = field(default_factory=dict)
    revlog: dict[int, list[Any]] = field(default_factory=dict)
    card_graves: list[int] = field(default_factory=list)
    note_graves: list[int] = field(default_factory=list)
    models: dict[str, Any] = field(default_factory=dict)
    decks: dict[str, Any] = field(default_factory=dict)
    dconf: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Incoming:
    card_graves: list[int] = field(default_factory=list)
    note_graves: list[int] = field(default_factory=list)
    deck_graves: list[int] = field(default_factory=list)
    models: dict[str, Any] = field(default_factory=dict)
    decks: dict[str, Any] = field(default_factory=dict)
    dconf: dict[str, Any] = field(default_factory=dict)
    cards: dict[int, list[Any]] = field(default_factory=dict)
    notes: dict[int, list[Any]] = field(default_factory=dict)
    revlog: dict[int, list[Any]] = field(default_factory=dict)


def normal_sync(
    col: Context,
    client: SyncClient,
    meta: ServerMeta,
    now: datetime,
    *,
    render_diagram: DiagramRenderer | None = None,
) -> Moved:
    """One normal sync (see the module notes); what moved. ``FullSyncRequired`` when the
    sanity check fails (nothing changed on either side; the next ``auto`` sync is full)."""
    state = _state(col)
    assert state is not None
    server_usn = meta.usn
    out = _outgoing(col, state, now, server_usn, render_diagram)
    inc = _Incoming()
    finished = False
    sent0, received0 = client.sent, client.received
    try:
        graves = client.start(int(state["usn"]), False)
        inc.card_graves, inc.note_graves, inc.deck_graves = (
            graves["cards"], graves["notes"], graves["decks"])  # fmt: skip
        if out.card_graves or out.note_graves:
            for part in _parts(out.card_graves, CHUNK_SIZE):
                client.apply_graves({"cards": part, "notes": [], "decks": []})
            for part in _parts(out.note_graves, CHUNK_SIZE):
                client.apply_graves({"cards": [], "notes": part, "decks": []})
        changes = client.apply_changes({
            "models": list(out.models.values()),
            "decks": [list(out.decks.values()), list(out.dconf.values())],
            "tags": [],
        })  # fmt: skip
        _read_changes(changes, inc)
        while True:
            chunk = client.chunk()
            for row in chunk.get("revlog") or []:
                inc.revlog[int(row[0])] = row
            for row in chunk.get("cards") or []:
                inc.cards[int(row[0])] = row
            for row in chunk.get("notes") or []:
                inc.notes[int(row[0])] = row
            if chunk.get("done"):
                break
        _resolve_conflicts(col, out, inc)
        _send_chunks(client, out)
        counts = _expected_counts(col, state, out, inc)
        answer = client.sanity_check(counts)
        if answer.get("status") != "ok":
            raise FullSyncRequired(
                "the server's collection and ours no longer agree (sanity check: server "
                f"{answer.get('s')}, ours {answer.get('c')}): a full sync is needed — "
                "run `srsapp sync --full-upload` to keep this collection, or "
                "`--full-download` to keep the server's; nothing was changed"
            )
        new_mod = client.finish()
        finished = True
    except BaseException:
        if not finished:
            client.abort()
        raise
    moved = Moved(
        sent={"cards": len(out.cards), "notes": len(out.notes), "reviews": len(out.revlog),
              "deletions": len(out.card_graves) + len(out.note_graves),
              "decks": len(out.decks), "notetypes": len(out.models),
              "bytes": client.sent - sent0},
        received={"cards": len(inc.cards), "notes": len(inc.notes), "reviews": len(inc.revlog),
                  "deletions": len(inc.card_graves) + len(inc.note_graves) + len(inc.deck_graves),
                  "decks": len(inc.decks), "notetypes": len(inc.models),
                  "bytes": client.received - received0},
    )  # fmt: skip
    imported = _apply_locally(col, state, out, inc, now, moved)
    _record(col, state, out, inc, imported, server_usn + 1, new_mod)
    return moved


def mark_full_sync_needed(col: Context) -> None:
    """After a failed sanity check: the next ``auto`` sync is a full one."""
    with col.db.transaction() as s:
        conn = sqlite_connection(s)
        state = shadow.load_state(conn)
        if state is not None:
            state["scm"] = None
            shadow.save_state(conn, state)


# ---------------------------------------------------------------- ours, as Anki rows


def _outgoing(
    col: Context,
    state: dict[str, Any],
    now: datetime,
    server_usn: int,
    render_diagram: DiagramRenderer | None,
) -> _Outgoing:
    """Our changes as the server's rows: what the shadow tables hold is read for those
    cards only (their links, notes, ids taken), never the whole server side."""
    out = _Outgoing()
    with col.db.reading() as s:
        conn = sqlite_connection(s)
        changed = shadow.changed_cards(conn)
        out.card_graves = shadow.graves(conn)
        out.note_graves = shadow.orphaned_notes(conn, out.card_graves)
    if not changed:
        return out
    # only the changed cards, mapped as a whole export maps them (no file: the rows are read
    # from the package's database in memory)
    exported = export_apkg(col, None, None, scheduling=True, now=now,
                           render_diagram=render_diagram, only=sorted(changed))  # fmt: skip
    assert exported.database is not None
    anki = anki_file.from_bytes(exported.database)
    try:
        crt, models_json, decks_json, dconf_json = anki_file.col_head(anki)
        v_models, v_decks = json.loads(models_json), json.loads(decks_json)
        v_dconf = json.loads(dconf_json)
        wanted = [ID_BASE + i for i in changed]
        v_cards = anki_file.cards_in(anki, wanted)
        v_notes = {r[0]: list(r) for r in anki_file.notes_in(anki, sorted({c[1] for c in v_cards}))}
        v_revlog = anki_file.reviews_of_cards(anki, wanted)
    finally:
        anki.close()
    with col.db.reading() as s:
        conn = sqlite_connection(s)
        links = shadow.links_of(conn, changed)
        by_guid = shadow.notes_of_guids(conn, {str(n[1]) for n in v_notes.values()})
        server_card_ids = shadow.card_ids_of_notes(conn, {n for n, *_ in by_guid.values()})
        on_server = shadow.held(conn, "revlog", [int(r[0]) for r in v_revlog])
        v_revlog = [r for r in v_revlog if int(r[0]) not in on_server]
        free_card = _Free(conn, "cards")
        free_note = _Free(conn, "notes")
        shift = round((int(crt) - int(state["crt"])) / 86_400)  # our creation day -> the server's
        server_decks = {str(d.get("name")): int(k) for k, d in state["decks"].items()}
        taken_decks = {int(k) for k in state["decks"]}
        deck_ids: dict[int, int] = {}
        note_ids: dict[int, int] = {}
        for row in v_cards:
            ours = row[0] - ID_BASE
            v_note = v_notes.get(row[1])
            if v_note is None:
                continue
            link = links.get(ours)
            if link is not None:
                cid, nid = link
            else:
                known = by_guid.get(v_note[1])
                nid = known[0] if known is not None else note_ids.get(row[1]) or free_note(row[1])
                cid = server_card_ids.get((nid, row[3])) or free_card(row[0])
            note_ids[row[1]] = nid
            did = deck_ids.get(row[2])
            if did is None:
                deck = v_decks[str(row[2])]
                did = server_decks.get(str(deck["name"]))
                if did is None:  # a deck the server does not have yet
                    did = _free(int(now.timestamp() * 1000), taken_decks)
                    conf = str(deck.get("conf", 1))
                    if conf not in state["dconf"] and conf in v_dconf:
                        out.dconf[conf] = {**v_dconf[conf], "usn": server_usn}
                    out.decks[str(did)] = {**deck, "id": did, "usn": server_usn,
                                           "mod": int(now.timestamp())}  # fmt: skip
                    server_decks[str(deck["name"])] = did
                deck_ids[row[2]] = did
            mid = str(v_note[2])
            if mid not in state["models"] and mid in v_models:
                out.models[mid] = {**v_models[mid], "usn": server_usn}
            entry = list(row)
            entry[0], entry[1], entry[2], entry[5] = cid, nid, did, server_usn
            if entry[6] == _REVIEW_TYPE:
                entry[8] = int(entry[8]) + shift
            out.cards[cid] = entry
            out.card_of[cid] = (ours, changed[ours])
            known = by_guid.get(v_note[1])
            if known is None or (known[1], known[2], known[3]) != (v_note[2], v_note[5],
                                                                   v_note[6]):  # fmt: skip
                mod = max(int(entry[4]), int(out.notes[nid][3]) if nid in out.notes else 0)
                out.notes[nid] = [nid, v_note[1], v_note[2], mod, server_usn, v_note[5],
                                  v_note[6], "", "", 0, ""]  # fmt: skip
    to_server = {ours: cid for cid, (ours, _m) in out.card_of.items()}
    for r in v_revlog:
        link = links.get(r[1] - ID_BASE)
        to = link[0] if link is not None else to_server.get(r[1] - ID_BASE)
        if to is not None:
            out.revlog[r[0]] = [r[0], to, server_usn, *r[3:]]
    return out


class _Free:
    """Ids the server does not hold in ``table`` (nor this sync has given out): the wanted
    one, else the next free one after it."""

    def __init__(self, conn: RawConnection, table: str) -> None:
        self._conn, self._table, self._given = conn, table, set[int]()

    def __call__(self, wanted: int) -> int:
        while wanted in self._given or shadow.held(self._conn, self._table, [wanted]):
            wanted += 1
        self._given.add(wanted)
        return wanted


def _free(wanted: int, taken: set[int]) -> int:
    while wanted in taken:
        wanted += 1
    taken.add(wanted)
    return wanted


def _parts(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# ---------------------------------------------------------------- the exchange


def _read_changes(changes: dict[str, Any], inc: _Incoming) -> None:
    try:
        for m in changes.get("models") or []:
            inc.models[str(m["id"])] = m
        decks, dconf = changes.get("decks") or [[], []]
        for d in decks:
            inc.decks[str(d["id"])] = d
        for c in dconf:
            inc.dconf[str(c["id"])] = c
    except (KeyError, TypeError, ValueError) as exc:
        raise SyncError(f"the server's changes are not understood ({exc})", "server") from exc


def _resolve_conflicts(col: Context, out: _Outgoing, inc: _Incoming) -> None:
    """A card or note changed on both sides: the later modification stays (Anki's rule); a
    card or note the server deleted is not sent."""
    for cid in list(out.cards):
        theirs = inc.cards.get(cid)
        if cid in inc.card_graves or (theirs is not None and int(theirs[4]) > out.cards[cid][4]):
            del out.cards[cid]
            out.card_of.pop(cid, None)
        elif theirs is not None:  # ours is later (or as late: a tie goes to ours, a second on)
            out.cards[cid][4] = max(out.cards[cid][4], int(theirs[4]) + 1)
            del inc.cards[cid]
    for nid in list(out.notes):
        theirs = inc.notes.get(nid)
        if nid in inc.note_graves or (theirs is not None and int(theirs[3]) > out.notes[nid][3]):
            del out.notes[nid]
        elif theirs is not None:
            out.notes[nid][3] = max(out.notes[nid][3], int(theirs[3]) + 1)
            del inc.notes[nid]
    gone = set(inc.card_graves)
    for rid in [r for r, row in out.revlog.items() if row[1] in gone]:
        del out.revlog[rid]


def _send_chunks(client: SyncClient, out: _Outgoing) -> None:
    rows: list[tuple[str, list[Any]]] = [
        *(("revlog", r) for r in out.revlog.values()),
        *(("cards", r) for r in out.cards.values()),
        *(("notes", r) for r in out.notes.values()),
    ]
    parts = list(_parts(rows, CHUNK_SIZE)) or [[]]
    for i, part in enumerate(parts):
        chunk: dict[str, Any] = {"done": i == len(parts) - 1}
        for kind, row in part:
            chunk.setdefault(kind, []).append(row)
        client.apply_chunk(chunk)


def _expected_counts(col: Context, state: dict[str, Any], out: _Outgoing, inc: _Incoming
                     ) -> list[Any]:  # fmt: skip
    """What both sides hold once the sync is applied (the sanity check's counts), counted in
    the shadow tables: only the ids this sync moves are looked up."""

    def after(conn: RawConnection, table: str, gone: set[int], new: set[int]) -> int:
        held_gone, held_new = shadow.held(conn, table, sorted(gone)), shadow.held(conn, table,
                                                                                sorted(new))  # fmt: skip
        return shadow.count(conn, table) - len(held_gone) + len(new) - len(held_new - gone)

    with col.db.reading() as s:
        conn = sqlite_connection(s)
        cards = after(conn, "cards", {*inc.card_graves, *out.card_graves},
                      {*inc.cards, *out.cards})  # fmt: skip
        notes = after(conn, "notes", {*inc.note_graves, *out.note_graves},
                      {*inc.notes, *out.notes})  # fmt: skip
        revlog = after(conn, "revlog", set(), {*inc.revlog, *out.revlog})
    models = set(state["models"]) | set(inc.models) | set(out.models)
    decks = (set(state["decks"]) | set(inc.decks) | set(out.decks)) - {
        str(d) for d in inc.deck_graves
    }
    dconf = set(state["dconf"]) | set(inc.dconf) | set(out.dconf)
    return [[0, 0, 0], cards, notes, revlog, 0, len(models), len(decks), len(dconf)]


# ---------------------------------------------------------------- the server's changes, here


def _apply_locally(
    col: Context, state: dict[str, Any], out: _Outgoing, inc: _Incoming, now: datetime,
    moved: Moved,
) -> dict[int, tuple[int, int | None]]:  # fmt: skip
    """Delete what the server deleted; import its changed notes, cards and reviews. The
    server cards imported that are linked to ours, each with our card and its modification
    time as the import left it (a card answered meanwhile stays changed)."""
    if inc.card_graves or inc.note_graves:
        with col.db.transaction() as s:
            conn = sqlite_connection(s)
            doomed = set(inc.card_graves)
            gone_notes = set(inc.note_graves)
            doomed |= {c for c, n in shadow.card_notes(conn).items() if n in gone_notes}
            ours = shadow.ours_of(conn, doomed)
            anki_file.delete_our_cards(conn, ours.values())
            shadow.clear_graves(conn, doomed)  # the deletions just made are no news to it
    if not (inc.cards or inc.notes or inc.revlog):
        return {}
    with col.db.reading() as s:
        conn = sqlite_connection(s)
        card_ids = set(inc.cards) | {int(r[1]) for r in inc.revlog.values()}
        cards = {int(c[0]): c for c in shadow.card_rows(conn, card_ids - set(inc.cards))}
        cards.update(inc.cards)
        note_ids = {int(c[1]) for c in cards.values()} - set(inc.notes)
        notes = {int(n[0]): n for n in shadow.note_rows(conn, note_ids)}
    # a note changed here and not there: our text (the server takes it), not the old one
    notes.update({nid: n for nid, n in out.notes.items() if nid in notes})
    notes.update(inc.notes)
    # a note whose cards did not change (its text did): its cards come along
    if inc.notes:
        with col.db.reading() as s:
            conn = sqlite_connection(s)
            extra = [c for c, n in shadow.card_notes(conn).items() if n in inc.notes]
            for c in shadow.card_rows(conn, [c for c in extra if c not in cards]):
                cards[int(c[0])] = c
    models = {**state["models"], **inc.models}
    decks = {**state["decks"], **inc.decks}
    dconf = {**state["dconf"], **inc.dconf}
    with tempfile.TemporaryDirectory(prefix="srsapp-sync-") as tmp:
        path = Path(tmp) / "changes.anki2"
        conn = anki_file.create(path)
        try:
            create_tables(conn)
            head = (state["crt"], int(now.timestamp() * 1000), state["scm"] or 0,
                    json.dumps(models), json.dumps(decks), json.dumps(dconf))  # fmt: skip
            anki_file.write_changes(conn, head, notes.values(), cards.values(), inc.revlog.values())
        finally:
            conn.close()
        package = Path(tmp) / "changes.colpkg"
        wrap_as_package(path, package)
        # no backup (only what the server changed comes in); each card as the sync settled it
        report = transfer.import_file(col, package, now=now, backup=False,
                                      theirs=frozenset(inc.cards))  # fmt: skip
    moved.warnings += report.warnings
    with col.db.reading() as s:  # as the import left them: a card changed since stays changed
        conn = sqlite_connection(s)
        ours = shadow.ours_of(conn, cards)
        return {cid: (card_id, anki_file.our_card_modified(conn, card_id))
                for cid, card_id in ours.items()}  # fmt: skip


def _record(
    col: Context,
    state: dict[str, Any],
    out: _Outgoing,
    inc: _Incoming,
    imported: dict[int, tuple[int, int | None]],
    usn: int,
    mod: int,
) -> None:
    """The server's side after this sync, and our cards in step with it (one transaction)."""
    with col.db.transaction() as s:
        conn = sqlite_connection(s)
        shadow.remove(conn, [*inc.card_graves, *out.card_graves],
                      [*inc.note_graves, *out.note_graves])  # fmt: skip
        doomed_notes = set(inc.note_graves)
        shadow.remove_cards_of_notes(conn, doomed_notes)
        shadow.clear_graves(conn, out.card_graves)
        notes = {int(n[0]): n for n in inc.notes.values()}
        shadow.put_notes(conn, [*notes.values(), *out.notes.values()])
        incoming = list(inc.cards.values())
        shadow.put_cards(conn, [(c, _ours_of_incoming(conn, c)) for c in incoming])
        shadow.put_cards(conn, [(c, out.card_of[int(c[0])][0]) for c in out.cards.values()])
        shadow.put_revlog(conn, [(int(r[0]), int(r[1])) for r in inc.revlog.values()])
        shadow.put_revlog(conn, [(int(r[0]), int(r[1])) for r in out.revlog.values()])
        sent = {ours for ours, _mod in out.card_of.values()}
        # as the import left them; an incoming card new here: linked by put_cards above
        linked = {**imported, **{c: (i, None) for c, i in shadow.ours_of(conn, inc.cards).items()
                                 if c not in imported}}  # fmt: skip
        shadow.mark_synced(conn, [v for v in linked.values() if v[0] not in sent])
        shadow.mark_synced(conn, list(out.card_of.values()))
        for k in inc.deck_graves:
            state["decks"].pop(str(k), None)
        state["models"].update(inc.models)
        state["models"].update(out.models)
        state["decks"].update(inc.decks)
        state["decks"].update(out.decks)
        state["dconf"].update(inc.dconf)
        state["dconf"].update(out.dconf)
        state["usn"], state["mod"] = usn, mod
        shadow.save_state(conn, state)


def _ours_of_incoming(conn: RawConnection, card: list[Any]) -> int | None:
    """Our card an incoming server card is: the one linked, else the one the import made
    of it (its key: the note's GUID and the card's ordinal)."""
    linked = shadow.ours_of(conn, [int(card[0])])
    if linked:
        return linked[int(card[0])]
    guid = shadow.note_guid(conn, int(card[1]))
    if guid is None:
        return None
    return anki_file.our_card_of_key(conn, anki_key(guid, int(card[3])))
