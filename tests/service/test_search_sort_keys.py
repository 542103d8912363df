"""The browser's sort by the front ("sort" order) reads ``card_sort_keys``, kept by triggers
(issue 18): every key equals what a plain-Python reading of the card's HTML gives, through
every way a card is written (generated, bulk-imported, edited, overridden, deleted), the
search returns the same ids in the same order as sorting by that reading, and a collection
from before (schema v4) gets its keys at open."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, update

from srsapp.interchange.anki_model import AnkiPackage, Deck, Note, Notetype, Template
from srsapp.interchange.anki_model import Card as AnkiCard
from srsapp.interchange.apkg_write import write_package
from srsapp.service.collection import DB_NAME, Collection
from srsapp.service.search import search_card_ids
from srsapp.store import models, study_rows
from srsapp.store.import_rows import insert_cards
from srsapp.store.models import CARD_SORT_TRIGGERS, Card
from srsapp.store.queries import ANSWER_UNDO_COLUMNS, CARD_COLUMNS
from tests.builders import docker_deck, open_collection

# fronts the browser must sort by what it shows: breadcrumbs, up to three leading tags,
# leading spaces, Korean, ASCII case (SQLite's lower leaves other letters as they are), a
# tag that never closes, an empty text, LIKE's wildcards
FRONTS = [
    '<div class="context">도커 › 볼륨</div><p><b>Volume</b> mounts?</p>',
    '<div class="context">no end<p>Zebra</p>',
    "<p><code>docker run</code> -v</p>",
    "<ul><li><p>   deep  tags</p></li></ul>",
    "  spaced <b>Alpha</b>",
    "<p>컨테이너 이미지는?</p>",
    "<p>Émile and ÉCOLE</p>",
    "<p>émile</p>",
    "<b unclosed",
    "",
    "<p>BETA 100%_done</p>",
    "beta",
    "<p><b><i><u>four tags</u></i></b></p>",
]


def visible_start(html: str) -> str:
    """The sort key, read in Python: the breadcrumb div dropped, up to three leading tags
    skipped, leading spaces trimmed, ASCII letters lowered."""
    text = html
    if text.startswith('<div class="context">'):
        text = text[text.find("</div>") + 1 + 5 :]  # SQLite's instr: 0 when absent
    for _ in range(3):
        if text.startswith("<"):
            text = text[text.find(">") + 1 :]
    text = text.lstrip(" ")
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


def add_cards(col: Collection, fronts: list[str], now: datetime) -> list[int]:
    """Cards with these fronts, written through the ORM (the insert trigger)."""
    with col.db.transaction() as s:
        template = s.execute(select(Card.__table__).limit(1)).mappings().one()
        first = int(s.execute(select(Card.id).order_by(Card.id.desc()).limit(1)).scalar_one())
        rows = [
            {
                **template,
                "id": first + 1 + i,
                "key": f"x{first + 1 + i}",
                "front": f,
                "back": f"<p>{f}</p>",
            }
            for i, f in enumerate(fronts)
        ]
        s.execute(insert(Card.__table__), rows)
    return [r["id"] for r in rows]


def keys_and_expected(path: Path) -> tuple[dict[int, str], dict[int, str]]:
    con = sqlite3.connect(path / DB_NAME)
    try:
        have = dict(con.execute("SELECT id, front FROM card_sort_keys"))
        cards = con.execute("SELECT id, coalesce(override_front, front) FROM cards")
        return have, {i: visible_start(f) for i, f in cards}
    finally:
        con.close()


def by_key(col: Collection, path: Path, ids: list[int], descending: bool) -> list[int]:
    _have, want = keys_and_expected(path)
    return sorted(ids, key=lambda i: (want[i], i), reverse=descending)


def test_keys_follow_every_write_and_the_sort_is_the_keys_order(
    col: Collection, now: datetime, tmp_path: Path
) -> None:
    path = tmp_path / "data"
    col.apply_generated("/notes/docker.md", "h", "text", docker_deck(), now)
    added = add_cards(col, FRONTS, now)
    # the bulk import path (its insert trigger paused, the keys worked out after)
    with col.db.transaction() as s:
        rows = s.execute(select(*[Card.__table__.c[c] for c in CARD_COLUMNS])).all()
        top = max(r[0] for r in rows)
        bulk = [(top + 1 + i, *r[1:4], f"bulk{i}", *r[5:]) for i, r in enumerate(rows)]
        insert_cards(s, bulk)
    # an override, an edit of the generated text, an override dropped, a deletion
    col.edit_card_text(added[2], "Aardvark first", "back")
    with col.db.transaction() as s:
        s.execute(update(Card).where(Card.id == added[3]).values(front="<p>Middle</p>"))
        s.execute(update(Card).where(Card.id == added[4]).values(override_front="<i>zz</i>"))
        s.execute(update(Card).where(Card.id == added[4]).values(override_front=None))
    col.delete_cards([added[5]])

    have, want = keys_and_expected(path)
    assert have == want  # one key a card, none left of the deleted one
    assert want[added[2]].startswith("aardvark") and want[added[3]] == "middle</p>"
    assert want[added[6]] == "Émile and École</p>"  # SQLite's lower: ASCII only

    for query in ("", "beta", "BETA", "émile", "컨테이너", "concept:volume", "-kind:term", "%"):
        everything = search_card_ids(col, query, now, order="due")
        for descending in (False, True):
            got = search_card_ids(col, query, now, order="sort", descending=descending)
            assert got == by_key(col, path, everything, descending), (query, descending)
    assert search_card_ids(col, "émile", now) != search_card_ids(col, "ÉMILE", now)


def test_answer_order_is_the_backs_visible_start(col: Collection, now: datetime) -> None:
    col.apply_generated("/notes/docker.md", "h", "text", docker_deck(), now)
    ids = add_cards(col, FRONTS, now)  # backs: "<p>" + front + "</p>"
    with col.db.reading() as s:
        backs = {int(i): str(b) for i, b in s.execute(select(Card.id, Card.back))}
    want = sorted(backs, key=lambda i: (visible_start(backs[i]), i))
    assert search_card_ids(col, "", now, order="answer") == want
    assert set(ids) <= set(want)


def test_a_v4_collection_gets_its_keys_and_triggers_at_open(
    col: Collection, now: datetime, tmp_path: Path
) -> None:
    path = tmp_path / "data"
    col.apply_generated("/notes/docker.md", "h", "text", docker_deck(), now)
    add_cards(col, FRONTS, now)
    col.close(backup=False)
    con = sqlite3.connect(path / DB_NAME)
    for name in CARD_SORT_TRIGGERS:
        con.execute(f"DROP TRIGGER {name}")
    con.execute("DROP TABLE card_sort_keys")
    con.execute("PRAGMA user_version = 4")
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.commit()
    con.close()

    col = open_collection(path, seed=False, rng=random.Random(1))
    try:
        have, want = keys_and_expected(path)
        assert have == want and len(have) == len(FRONTS) + 4
        added = add_cards(col, ["<p>Later</p>"], now)  # the triggers are there
        have, want = keys_and_expected(path)
        assert have[added[0]] == "later</p>" and have == want
    finally:
        col.close(backup=False)


def test_a_changed_or_missing_trigger_is_rebuilt_with_the_keys_at_open(
    col: Collection, now: datetime, tmp_path: Path
) -> None:
    path = tmp_path / "data"
    col.apply_generated("/notes/docker.md", "h", "text", docker_deck(), now)
    col.close(backup=False)
    con = sqlite3.connect(path / DB_NAME)
    con.execute("DROP TRIGGER card_sort_update")
    con.execute(
        "UPDATE cards SET front = '<p>Changed meanwhile</p>' WHERE id = (SELECT min(id) FROM cards)"
    )
    con.commit()
    con.close()
    col = open_collection(path, seed=False, rng=random.Random(1))
    try:
        have, want = keys_and_expected(path)
        assert have == want and "changed meanwhile</p>" in have.values()
    finally:
        col.close(backup=False)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                '<div class="context">',
                "</div>",
                "<p>",
                "<b",
                ">",
                "<",
                " ",
                "  ",
                "\t",
                "A",
                "z",
                "É",
                "é",
                "도",
                "\x00",
                "div",
                "/",
            ]
        ),
        max_size=10,
    ).map("".join)
)
def test_the_sort_key_from_where_python_says_it_begins_is_the_sql_one(html: str) -> None:
    """``models.visible_skip`` (what an .apkg import works out as it renders) with
    ``visible_start_from_sql`` gives ``visible_start_sql``'s key, or None (text with a NUL: the
    importer has SQLite work it all out)."""
    con = sqlite3.connect(":memory:")
    try:
        want = con.execute(f"SELECT {models.visible_start_sql('?')}", (html,)).fetchone()[0]
        skip = models.visible_skip(html)
        have = con.execute(
            f"SELECT {models.visible_start_from_sql('?1', '?2')}", (html, skip)
        ).fetchone()[0]
    finally:
        con.close()
    assert have == (None if "\x00" in html else want)
    assert (skip is None) == ("\x00" in html)


def _package(tmp_path: Path, fronts: list[str], name: str) -> Path:
    nt = Notetype(
        1,
        "Basic",
        "basic",
        ["Front", "Back"],  # type: ignore[arg-type]
        [Template("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")],
    )
    pkg = AnkiPackage(
        notetypes={1: nt},
        decks={5: Deck(5, "Sorted")},
        notes=[Note(10 + i, f"g{i}", 1, [f, f"back {i}"]) for i, f in enumerate(fronts)],
        cards=[AnkiCard(100 + i, 10 + i, 0, 5) for i in range(len(fronts))],
        media={},
        crt=1_700_000_000,
    )
    out = tmp_path / name
    write_package(pkg, out)
    return out


def test_an_apkg_import_stores_each_new_cards_key(
    col: Collection, now: datetime, tmp_path: Path
) -> None:
    """The importer works the keys out in Python as it renders (its insert trigger paused):
    each equals the SQL's (what the trigger stores) and the plain reading, in an empty
    collection and beside cards it matches."""
    path = tmp_path / "data"

    def sql_keys() -> dict[int, str]:
        con = sqlite3.connect(path / DB_NAME)
        try:
            key = models.visible_start_sql("coalesce(override_front, front)")
            return dict(con.execute(f"SELECT id, {key} FROM cards"))
        finally:
            con.close()

    # empty fronts are skipped; one with a NUL, whose key SQLite works out (it reads text up
    # to a NUL: the plain reading does not say what it stores)
    nul = "<p>NUL\x00 Zed</p>"
    fronts = [f for f in FRONTS if f.strip() and f != "<b unclosed"] + [nul]
    col.import_file(_package(tmp_path, fronts[:5], "first.apkg"), now=now)
    have, want = keys_and_expected(path)
    assert have == want == sql_keys() and len(have) == 5
    # the first five again (matched: their fronts changed, the update trigger) and new ones
    changed = ["<p>Changed " + f for f in fronts[:5]] + fronts[5:]
    col.import_file(_package(tmp_path, changed, "second.apkg"), now=now)
    have, want = keys_and_expected(path)
    assert have == sql_keys() and len(have) == len(fronts)
    assert {i: k for i, k in have.items() if k != "nul"} == {
        i: k for i, k in want.items() if "\x00" not in k
    }
    assert "<p>émile</p>" not in have.values() and "émile</p>" in have.values()


def test_an_answer_and_its_undo_run_no_card_trigger_of_their_columns(
    col: Collection, now: datetime, tmp_path: Path
) -> None:
    """The answer's UPDATE and its undo's name no column of ``card_sort_update`` (id, front,
    override_front) nor of the sync's retire triggers: SQLite codes into them only the
    triggers that every UPDATE of a card runs (a trigger is one ``Program`` step of the
    statement's program; naming ``front`` adds one)."""
    con = sqlite3.connect(tmp_path / "data" / DB_NAME)

    def triggers(sql: str) -> int:
        rows = con.execute(f"EXPLAIN {sql}", [None] * sql.count("?"))
        return sum(1 for r in rows if r[1] == "Program")

    try:
        every_update = triggers("UPDATE cards SET modified = ? WHERE id = ?")
        assert triggers("UPDATE cards SET front = ?, modified = ? WHERE id = ?") > every_update
        assert triggers(study_rows._UPDATE_CARD) == every_update
        undo = ", ".join(f"{c} = ?" for c in ANSWER_UNDO_COLUMNS)
        assert triggers(f"UPDATE cards SET {undo} WHERE id = ?") == every_update
    finally:
        con.close()
