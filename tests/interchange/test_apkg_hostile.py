"""Damaged and hostile packages are refused with ImportFileError naming the file."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
import zstandard

from srsapp.core.errors import ImportFileError
from srsapp.interchange.anki_model import AnkiPackage, Card, Deck, Note, Notetype, Template
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import write_package


def _pkg() -> AnkiPackage:
    nt = Notetype(1, "Basic", "basic", ["Front", "Back"], [Template("C", "{{Front}}", "{{Back}}")])  # type: ignore[arg-type]
    return AnkiPackage(
        notetypes={1: nt},
        decks={5: Deck(5, "D")},
        notes=[Note(10, "g1", 1, ["q", "a"]), Note(11, "g2", 1, ["q2", "a2"])],
        cards=[Card(20, 10, 0, 5), Card(21, 11, 0, 5)],
        media={"ok.png": b"png"},
        crt=1_700_000_000,
    )


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _with_sql(tmp_path: Path, sql: str) -> Path:
    """A valid package whose collection got ``sql`` applied."""
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good, legacy=True)
    members = _members(good)
    db_path = tmp_path / "c.db"
    db_path.write_bytes(members["collection.anki2"])
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA synchronous = OFF")  # no fsync per statement of the script
    conn.executescript(sql)
    conn.close()
    members["collection.anki2"] = db_path.read_bytes()
    return _zip(tmp_path / "bad.apkg", members)


def _expect(path: Path, *words: str, defer: bool = False) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        read_package(path, defer_revlog=defer)
    message = str(info.value)
    assert str(path) in message
    for word in words:
        assert word in message
    return info.value


def test_good_package_reads(tmp_path: Path) -> None:
    write_package(_pkg(), tmp_path / "good.apkg")
    pkg = read_package(tmp_path / "good.apkg")
    assert [n.guid for n in pkg.notes] == ["g1", "g2"]
    assert pkg.media == {"ok.png": b"png"}


def test_not_a_zip(tmp_path: Path) -> None:
    bad = tmp_path / "notes.apkg"
    bad.write_text("this is just text", encoding="utf-8")
    _expect(bad, "not a valid zip")


def test_truncated_file(tmp_path: Path) -> None:
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good)
    cut = tmp_path / "cut.apkg"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _expect(cut, "zip")


def test_zip_bomb_ratio(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.apkg", {"collection.anki2": bytes(30 * 1024 * 1024)})
    _expect(bomb, "zip bomb", "collection.anki2")


def test_total_size_cap(tmp_path: Path) -> None:
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good)
    with pytest.raises(ImportFileError, match="exceeds the limit") as info:
        read_package(good, max_total=10_000)
    assert "zip bomb" in str(info.value)


def test_zstd_bomb_in_latest_package(tmp_path: Path) -> None:
    payload = zstandard.ZstdCompressor().compress(bytes(50 * 1024 * 1024))
    bomb = _zip(tmp_path / "z.apkg", {"meta": b"\x08\x03", "collection.anki21b": payload})
    _expect(bomb, "bomb")


@pytest.mark.parametrize("name", ["../evil.sh", "/etc/passwd", "sub/dir.png", "C:\\x.png", ".."])
def test_unsafe_media_names(tmp_path: Path, name: str) -> None:
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good)
    members = _members(good)
    members["media"] = json.dumps({"0": name}).encode()
    bad = _zip(tmp_path / "bad.apkg", members)
    _expect(bad, "unsafe media file name")


def test_missing_collection(tmp_path: Path) -> None:
    bad = _zip(tmp_path / "nocol.apkg", {"media": b"{}", "0": b"x"})
    _expect(bad, "no collection")


def test_meta_points_at_missing_collection(tmp_path: Path) -> None:
    bad = _zip(tmp_path / "nocol.apkg", {"meta": b"\x08\x03", "collection.anki2": b""})
    _expect(bad, "collection.anki21b")


def test_unknown_schema_version(tmp_path: Path) -> None:
    bad = _with_sql(tmp_path, "UPDATE col SET ver = 99")
    _expect(bad, "unknown collection schema version 99")


def test_duplicate_guids(tmp_path: Path) -> None:
    bad = _with_sql(tmp_path, "UPDATE notes SET guid = 'same'")
    _expect(bad, "duplicate note GUID 'same'")


def test_corrupt_sqlite(tmp_path: Path) -> None:
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good, legacy=True)
    members = _members(good)
    raw = bytearray(members["collection.anki2"])
    raw[200:4096] = b"\xff" * (4096 - 200)  # trash the first page's b-tree
    members["collection.anki2"] = bytes(raw)
    _expect(_zip(tmp_path / "corrupt.apkg", members), "corrupt")


def test_collection_that_is_not_sqlite(tmp_path: Path) -> None:
    bad = _zip(tmp_path / "x.apkg", {"collection.anki2": b"garbage" * 100})
    _expect(bad, "not an SQLite database")


def test_missing_media_member_is_a_warning(tmp_path: Path) -> None:
    good = tmp_path / "good.apkg"
    write_package(_pkg(), good)
    members = _members(good)
    del members["0"]
    pkg = read_package(_zip(tmp_path / "m.apkg", members))
    assert pkg.media == {}
    assert any("ok.png" in w for w in pkg.warnings)


# ---------------------------------------------------------------- damaged values (apkg_rows)


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ("UPDATE cards SET type = -1 WHERE id = 20", ["collection.anki2: card 20: type -1",
                                                      "not an Anki card type"]),
        ("UPDATE cards SET queue = 9 WHERE id = 21", ["card 21: queue 9 is not an Anki queue"]),
        ("UPDATE cards SET ord = -1 WHERE id = 21", ["card 21: ord -1 is not a template number"]),
        ("UPDATE cards SET due = '' WHERE id = 21", ["card 21: due is '', not a whole number"]),
        ("UPDATE cards SET ivl = 'x'", ["card 20: interval is 'x', not a whole number"]),
        ("UPDATE notes SET flds = x'ff00'", ["note 10: fields is a blob of 2 bytes, not text"]),
        ("UPDATE notes SET guid = '' WHERE id = 11", ["note 11: the GUID is empty"]),
        ("UPDATE notes SET mid = 5 WHERE id = 10", ["note 10: refers to a missing note type 5"]),
        ("UPDATE revlog SET cid = 'x'", ["review 1700000000000: card id is 'x'"]),
        ("UPDATE col SET crt = ''", ["col: crt is '', not a whole number"]),
        ("UPDATE col SET crt = -5", ["col: crt -5 is not a valid creation time"]),
        ("UPDATE col SET models = '[1]'", ["col.models) is not a JSON object"]),
        ("UPDATE col SET models = '{'", ["col.models) is not valid JSON"]),
        ("""UPDATE col SET models = json_set(models, '$."1".flds', 3)""",
         ["note type 1: the field list (flds) is not a list"]),
        ("""UPDATE col SET decks = '{"5": {"id": "five", "name": "D"}}'""",
         ["deck '5': id is 'five', not a whole number"]),
    ],
)  # fmt: skip
@pytest.mark.parametrize("defer", [False, True])
def test_damaged_values_are_refused_naming_the_row(
    tmp_path: Path, sql: str, words: list[str], defer: bool
) -> None:
    # deferred (as the importer reads): the notes and cards are read unchecked while the
    # reader's thread checks their values, and read again, checked, when it finds one bad
    _expect(_with_revlog_sql(tmp_path, sql), *words, defer=defer)


def _read(path: Path, defer: bool) -> AnkiPackage:
    """``read_package``, its review log left in the package when ``defer`` (and intact)."""
    pkg = read_package(path, defer_revlog=defer)
    if pkg.revlog_worker is not None:
        pkg.revlog_worker.close()
    return pkg


def _revlog_rows(pkg: AnkiPackage) -> int:
    """The review-log rows the reader read, or left intact in the package (deferred)."""
    if pkg.revlog_db is None:
        return len(pkg.revlog)
    conn = sqlite3.connect(":memory:")
    conn.deserialize(pkg.revlog_db)
    try:
        return int(conn.execute("SELECT count(*) FROM revlog").fetchone()[0])
    finally:
        conn.close()


def _with_revlog_sql(tmp_path: Path, sql: str) -> Path:
    """``_with_sql`` on a package that also has two review-log rows of card 20."""
    return _with_sql(
        tmp_path,
        "INSERT INTO revlog VALUES (1700000000000, 20, -1, 3, 1, 0, 2500, 6000, 1);"
        "INSERT INTO revlog VALUES (1700000086400, 20, -1, 3, 3, 1, 2500, 5000, 1);" + sql,
    )


@pytest.mark.parametrize("defer", [False, True])
def test_scheduling_values_out_of_range_are_clamped_with_a_warning(
    tmp_path: Path, defer: bool
) -> None:
    path = _with_revlog_sql(
        tmp_path,
        "UPDATE cards SET type = 2, queue = 2, due = 99999999, ivl = 10, reps = -3 WHERE id = 20;"
        "UPDATE cards SET type = 2, queue = 2, due = -99999999, ivl = 999999 WHERE id = 21;",
    )
    pkg = _read(path, defer)
    far, past = pkg.cards
    crt = 1_700_000_000
    assert far.due == (7_258_118_400 - crt) // 86_400  # the last day before 2200
    assert past.due == -(crt // 86_400)  # 1970-01-01
    assert (far.reps, past.ivl) == (0, 36_500)
    text = "\n".join(pkg.warnings)
    assert "card 20: due day 99999999 is out of range; clamped to" in text
    assert "card 21: due day -99999999 is out of range" in text
    assert "card 20: review count -3 is out of range" in text
    assert "card 21: interval 999999 is out of range" in text
    assert [n.guid for n in pkg.notes] == ["g1", "g2"] and _revlog_rows(pkg) == 2
    assert not pkg.rows_as_stored  # the importer takes the clamped values, not the file's


def test_bad_review_rows_are_left_out_with_a_warning(tmp_path: Path) -> None:
    path = _with_revlog_sql(
        tmp_path,
        "INSERT INTO revlog VALUES (99999999999999999, 20, -1, 3, 1, 0, 2500, 6000, 1);"
        "UPDATE revlog SET ease = 7 WHERE id = 1700000086400;",
    )
    pkg = read_package(path)
    assert [r.id for r in pkg.revlog] == [1_700_000_000_000]
    text = "\n".join(pkg.warnings)
    assert "review 99999999999999999: review time 99999999999999999 is out of range" in text
    assert "review 1700000086400: rating 7 is not an Anki rating; left out" in text


@pytest.mark.parametrize("defer", [False, True])
def test_damaged_fsrs_state_is_ignored_and_reals_are_rounded(tmp_path: Path, defer: bool) -> None:
    path = _with_revlog_sql(
        tmp_path,
        """UPDATE cards SET data = '{"s": NaN, "d": 5.0, "pos": 3}' WHERE id = 20;"""
        """UPDATE cards SET data = '{"s": 12.5, "d": 11.2}', due = 7.6 WHERE id = 21;""",
    )
    pkg = _read(path, defer)
    nan_card, good = pkg.cards
    assert (nan_card.stability, nan_card.difficulty, nan_card.data) == (None, None, {"pos": 3})
    assert (good.stability, good.difficulty, good.due) == (12.5, 10.0, 8)
    assert any("card 20: FSRS stability nan ignored" in w for w in pkg.warnings)


@pytest.mark.parametrize("defer", [False, True])
def test_many_warnings_of_one_kind_are_counted(tmp_path: Path, defer: bool) -> None:
    sql = "".join(
        f"INSERT INTO notes VALUES ({100 + i}, 'x{i}', 1, 0, -1, '', 'q\x1fa', 'q', 0, 0, '');"
        f"INSERT INTO cards VALUES ({200 + i}, {100 + i}, 5, 0, 0, -1, 0, 0, -{i + 1}, 0, 0, 0,"
        " 0, 0, 0, 0, 0, '');"
        for i in range(10)
    )
    pkg = _read(_with_sql(tmp_path, sql), defer)
    due = [w for w in pkg.warnings if "new-card position" in w]
    assert len(due) == 3 and due[-1].endswith("(and 7 more like it)")
    assert sorted(c.due for c in pkg.cards) == [0] * 12


def test_empty_deck_name_components_are_named_blank(tmp_path: Path) -> None:
    pkg = read_package(
        _with_sql(
            tmp_path,
            """UPDATE col SET decks = json_set(decks,
        '$."5".name', '  ', '$."1".name', 'A::::B')""",
        )
    )
    assert pkg.decks[5].name == "blank"
    assert pkg.decks[1].path == ("A", "blank", "B")
