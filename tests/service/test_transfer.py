"""service.transfer on temporary collections: JSON backup identity, text files, Markdown,
hostile input that must leave the collection exactly as it was, and the CLI commands."""

from __future__ import annotations

import importlib
import io
import json
import random
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from srsapp.cli import main as cli_main
from srsapp.core.errors import CollectionError, ImportFileError
from srsapp.interchange.anki_model import (
    AnkiPackage,
    Card,
    CardType,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    Queue,
    RevlogEntry,
    Template,
)
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import write_package
from srsapp.service.collection import Collection
from srsapp.service.transfer import dump_tables
from tests.builders import T0, open_collection, small_package, studied_docker
from tests.interchange.anki_fixtures import PNG_BYTES


def snapshot(col: Collection) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Every row of every table, and every file under the data dir except backups/locks."""
    files = sorted(
        str(p.relative_to(col.data_dir))
        for p in col.data_dir.rglob("*")
        if p.is_file() and "backups" not in p.parts and not p.name.startswith("collection.")
    )
    return dump_tables(col), files


# ---------------------------------------------------------------- JSON backup


def test_json_backup_restores_an_identical_collection(tmp_path: Path) -> None:
    src = studied_docker(tmp_path / "a")
    try:
        out = tmp_path / "backup.json"
        report = src.export_file(out, now=T0)
        assert report.cards == src.card_count(include_retired=True) > 50
        before = dump_tables(src)
    finally:
        src.close()
    dst = open_collection(tmp_path / "b", seed=False)
    try:
        restored = dst.import_file(out, now=T0)
        assert restored.added == len(before["cards"])
        assert restored.revlog == len(before["revlog"]) > 10
        after = dump_tables(dst)
        for table in before:
            assert after[table] == before[table], table
        assert any(r["override_front"] for r in after["cards"])
        assert any(r["suspended"] for r in after["cards"])
        assert dst.settings()["timezone"] == "Asia/Seoul"
        with pytest.raises(ImportFileError, match="only into an empty collection"):
            dst.import_file(out, now=T0)
        assert dump_tables(dst) == after
    finally:
        dst.close()


def test_json_backup_refuses_bad_rows_and_changes_nothing(tmp_path: Path, col: Collection) -> None:
    doc = {"format": "srsapp-backup", "version": 1, "schema_version": 1, "meta": {},
           "tables": {"decks": [{"id": 1, "name": "D", "config": "{}", "created": 0}],
                      "cards": [{"id": 1, "deck_id": 99, "key": "k", "kind": "basic",
                                 "front": "f", "back": "b"}]}}  # fmt: skip
    cases = {
        "dangling.json": (doc, "nothing was imported"),
        "type.json": (
            {**doc, "tables": {"decks": [{"id": "one", "name": "D"}]}},
            "column 'id' must be a whole number",
        ),
        "unknown.json": ({**doc, "tables": {"decks": [{"id": 1, "nme": "D"}]}}, "unknown column"),
        "format.json": ({"tables": {}}, "not an srsapp JSON backup"),
        "newer.json": ({**doc, "schema_version": 99}, "schema 99"),
    }
    before = snapshot(col)
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_text(json.dumps(content), encoding="utf-8")
        with pytest.raises(ImportFileError, match=message) as info:
            col.import_file(path, now=T0)
        assert name in str(info.value)
        assert snapshot(col) == before
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "srsapp-backup",\n "version": ', encoding="utf-8")
    with pytest.raises(ImportFileError, match="line 2"):
        col.import_file(broken, now=T0)


# ---------------------------------------------------------------- text files


def test_csv_import_updates_on_reimport(tmp_path: Path, col: Collection) -> None:
    path = tmp_path / "words.csv"
    path.write_text(
        "#separator:Comma\n#html:true\n#deck column:1\n#tags column:4\n"
        "Docker::네트워크,bridge,기본 네트워크 드라이버,net\n"
        "Docker::네트워크::고급,host,호스트의 네트워크를 그대로 사용,net adv\n"
        'Docker,"{{c1::EXPOSE}} 는 포트를 문서화",,dockerfile\n',
        encoding="utf-8",
    )
    first = col.import_file(path, now=T0)
    assert (first.added, first.updated, first.skipped) == (3, 0, 0)
    assert first.decks == ("Docker",)
    again = col.import_file(path, now=T0)
    assert (again.added, again.updated, again.skipped) == (0, 0, 3)
    path.write_text(path.read_text(encoding="utf-8").replace("기본 네트워크", "기본값 네트워크"),
                    encoding="utf-8")  # fmt: skip
    edited = col.import_file(path, now=T0)
    assert (edited.added, edited.updated, edited.skipped) == (0, 1, 2)
    tables = dump_tables(col)
    assert len(tables["cards"]) == 3
    paths = {json.dumps(json.loads(c["path"]), ensure_ascii=False) for c in tables["concepts"]}
    assert paths == {'["네트워크"]', '["네트워크", "고급"]'}
    cloze = next(c for c in tables["cards"] if c["kind"] == "cloze")
    assert "EXPOSE" not in cloze["front"] and "EXPOSE" in cloze["back"]
    assert json.loads(next(c for c in tables["cards"] if c["front"] == "host")["extra"])[
        "tags"
    ] == ["net", "adv"]


def test_csv_and_markdown_export(tmp_path: Path) -> None:
    col = studied_docker(tmp_path / "a")
    try:
        (deck_name,) = [name for _i, name in col.decks()]
        csv_path = tmp_path / "deck.tsv"
        report = col.export_file(csv_path, deck=deck_name)
        assert report.cards == col.card_count()
        lines = csv_path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "#separator:tab" and "#guid column:1" in lines
        assert "<p>my own question</p>" in csv_path.read_text(encoding="utf-8")
        tables = dump_tables(col)
        back = col.import_file(csv_path, now=T0)  # our own cards come back: nothing changes
        assert (back.added, back.updated, back.skipped) == (0, 0, report.cards)
        assert dump_tables(col) == tables
        md = tmp_path / "deck.md"
        col.export_file(md, deck=deck_name)
        text = md.read_text(encoding="utf-8")
        assert text.startswith(f"# {deck_name}\n")
        assert text.count("**Q:**") == text.count("**A:**") == col.card_count()
        assert "## " in text and "```" in text
        with pytest.raises(CollectionError, match="no deck named"):
            col.export_file(tmp_path / "x.csv", deck="nope")
    finally:
        col.close()


def test_markdown_notes_file_is_synced(tmp_path: Path, col: Collection) -> None:
    notes = tmp_path / "net.md"
    notes.write_text(
        "# Networking\n\n## TCP\n\nA reliable, ordered byte stream.\n", encoding="utf-8"
    )
    report = col.import_file(notes, now=T0)
    assert report.format == "notes" and report.added >= 1
    assert col.import_file(notes, now=T0).added == 0


# ---------------------------------------------------------------- hostile input


def _rezip(src: Path, dst: Path, edit: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in edit:
                continue
            zout.writestr(info.filename, zin.read(info.filename))
        for name, data in edit.items():
            if data is not None:
                zout.writestr(name, data)
    return dst


def hostile_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    good = tmp / "good.apkg"
    write_package(small_package(), good)
    coll = zipfile.ZipFile(good).read("collection.anki21")
    db = sqlite3.connect(":memory:")
    db.deserialize(coll)
    db.execute("UPDATE notes SET guid = 'g1'")
    db.commit()
    dup = db.serialize()
    db.execute("UPDATE col SET ver = 99")
    db.commit()
    newer = db.serialize()
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("collection.anki2", b"\0" * (8 * 1024 * 1024))
    out = {
        "notzip.apkg": (tmp / "notzip.apkg", "not a valid zip"),
        "truncated.apkg": (tmp / "truncated.apkg", "zip"),
        "escape.apkg": (_rezip(good, tmp / "escape.apkg",
                               {"media": json.dumps({"0": "../evil.png"}).encode()}), "unsafe media"),
        "absolute.apkg": (_rezip(good, tmp / "absolute.apkg",
                                 {"media": json.dumps({"0": "/etc/x"}).encode()}), "unsafe media"),
        "nocollection.apkg": (_rezip(good, tmp / "nocollection.apkg",
                                     {"collection.anki21": None, "collection.anki2": None,
                                      "meta": None}), "no collection"),
        "corrupt.apkg": (_rezip(good, tmp / "corrupt.apkg",
                                {"collection.anki21": coll[:100] + b"\x13" * 4000}), "corrupt"),
        "dupguid.apkg": (_rezip(good, tmp / "dupguid.apkg", {"collection.anki21": dup}),
                         "duplicate note GUID"),
        "schema.apkg": (_rezip(good, tmp / "schema.apkg", {"collection.anki21": newer}),
                        "unknown collection schema"),
        "bomb.apkg": (tmp / "bomb.apkg", "zip bomb"),
        "ragged.csv": (tmp / "ragged.csv", "line 4 has 3 columns"),
        "unknown.xyz": (tmp / "unknown.xyz", "cannot import .xyz"),
        "missing.apkg": (tmp / "missing.apkg", "no such file"),
    }  # fmt: skip
    (tmp / "notzip.apkg").write_bytes(b"this is not a zip file at all")
    (tmp / "truncated.apkg").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    (tmp / "bomb.apkg").write_bytes(bomb.getvalue())
    (tmp / "ragged.csv").write_text("#separator:Comma\na,b\nc,d\ne,f,g\n", encoding="utf-8")
    (tmp / "unknown.xyz").write_text("?", encoding="utf-8")
    return out


def test_hostile_files_leave_the_collection_as_it_was(tmp_path: Path, col: Collection) -> None:
    ok = tmp_path / "ok.csv"
    ok.write_text("front,back\n", encoding="utf-8")
    col.import_file(ok, now=T0)
    before = snapshot(col)
    assert before[0]["cards"]
    for name, (path, message) in hostile_files(tmp_path).items():
        with pytest.raises(ImportFileError, match=message) as info:
            col.import_file(path, now=T0)
        assert str(path) in str(info.value), name
        assert "\n" not in str(info.value)
        assert snapshot(col) == before, name
    assert not (col.data_dir / "evil.png").exists()
    assert not (tmp_path / "evil.png").exists()


@pytest.mark.parametrize(
    "step",
    ["srsapp.service.anki.importer.update_matched",
     "srsapp.store.import_rows.insert_package_revlog"],
    ids=["merging-known-cards", "new-cards"],
)  # fmt: skip
def test_media_only_after_commit_and_cleaned_up_on_failure(
    tmp_path: Path, col: Collection, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    pkg = tmp_path / "p.apkg"
    package = small_package()
    if step.endswith("update_matched"):  # one card the collection has, one new
        write_package(AnkiPackage(package.notetypes, package.decks, package.notes[:1],
                                  package.cards[:1], [], {}, package.crt), pkg)  # fmt: skip
        col.import_file(pkg, now=T0)
    write_package(package, pkg)
    before = snapshot(col)
    module, name = step.rsplit(".", 1)
    real = getattr(importlib.import_module(module), name)

    def failing(*args: Any, **kw: Any) -> Any:
        real(*args, **kw)  # rows written in the open transaction, then a failure
        assert any(p.name.startswith(".import-") for p in col.data_dir.iterdir())
        assert not (col.media_dir / "p.png").exists()
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(step, failing)
    with pytest.raises(RuntimeError):
        col.import_file(pkg, now=T0)
    assert snapshot(col) == before
    assert not any(p.name.startswith(".import-") for p in col.data_dir.iterdir())
    monkeypatch.setattr(step, real)
    report = col.import_file(pkg, now=T0)
    assert (report.added, report.media) == ((1, 1) if name == "update_matched" else (2, 1))
    assert (col.media_dir / "p.png").read_bytes() == PNG_BYTES


def test_media_name_clash_is_renamed_and_referenced(tmp_path: Path, col: Collection) -> None:
    col.media_dir.mkdir(parents=True, exist_ok=True)
    (col.media_dir / "p.png").write_bytes(b"someone else's picture")
    pkg = tmp_path / "p.apkg"
    write_package(small_package(), pkg)
    col.import_file(pkg, now=T0)
    assert (col.media_dir / "p.png").read_bytes() == b"someone else's picture"
    renamed = [p for p in col.media_dir.iterdir() if p.name.startswith("p-")]
    assert len(renamed) == 1 and renamed[0].read_bytes() == PNG_BYTES
    backs = [c["back"] for c in dump_tables(col)["cards"]]
    assert any(f'src="{renamed[0].name}"' in b for b in backs)


def test_apkg_with_damaged_due_dates_imports_clamped_with_warnings(
    tmp_path: Path, col: Collection
) -> None:
    pkg = small_package(media={})
    far, past = pkg.cards
    far.type = past.type = CardType.REVIEW
    far.queue = past.queue = Queue.REVIEW
    far.due, far.ivl, far.stability, far.difficulty = 10**15, 3, 4.0, 5.0
    past.due, past.ivl = -(10**12), 10**12  # a day number and an interval beyond any date
    path = tmp_path / "dates.apkg"
    write_package(pkg, path)
    report = col.import_file(path, now=T0)
    assert report.added == 2
    assert any("card 21: due time 1000000000000000 is out of range" in w for w in report.warnings)
    assert any("card 22: due day -1000000000000 is out of range" in w for w in report.warnings)
    dues = {c["key"]: c["due"] for c in dump_tables(col)["cards"]}
    assert dues["anki:g1:0"] == 7_258_118_400  # 2200-01-01: as late as a date may be
    assert dues["anki:g2:0"] <= int(T0.timestamp())  # long overdue: due now
    assert col.next_card(T0) is not None


def test_apkg_with_an_unknown_card_type_is_refused_and_changes_nothing(
    tmp_path: Path, col: Collection
) -> None:
    pkg = small_package(media={})
    pkg.cards[1].type = -1
    path = tmp_path / "type.apkg"
    write_package(pkg, path)
    before = snapshot(col)
    with pytest.raises(ImportFileError) as info:
        col.import_file(path, now=T0)
    assert str(info.value) == (
        f"{path}: collection.anki21: card 22: type -1 is not an Anki card type"
    )
    assert snapshot(col) == before


def test_apkg_import_serialises_extra_exactly_as_json_dumps(
    tmp_path: Path, col: Collection
) -> None:
    """The importer writes each card's ``extra`` JSON from pre-serialised pieces; it must be
    byte for byte what json.dumps(sort_keys=True) gives, or a re-import would see changes."""
    pkg = small_package()
    cloze = Notetype(2, 'Cloze "q"', NotetypeKind.CLOZE, ["Text", "Back Extra"],
                     [Template("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}")],
                     css='.card {font: "x"}\n', sort_field=1)  # fmt: skip
    pkg.notetypes[2] = cloze
    pkg.decks[6] = Deck(6, '도커::개념::"이미지"')
    pkg.notes.append(Note(13, "g3\\", 2, ["{{c1::도커}} {{c2::run}} \u2028", "<b>x</b>"],
                          ["태그", 'q"t']))  # fmt: skip
    pkg.cards += [Card(23, 13, 0, 6), Card(24, 13, 1, 6)]
    write_package(pkg, tmp_path / "x.apkg")
    report = col.import_file(tmp_path / "x.apkg", now=T0)
    with col.db.engine.connect() as conn:
        refs = dict(conn.exec_driver_sql(
            "SELECT key, value FROM meta WHERE key LIKE 'anki_notetype:%'").all())  # fmt: skip
        extras = [e for (e,) in conn.exec_driver_sql("SELECT extra FROM cards ORDER BY id")]
    # each card refers to its note type, stored once (meta key -> its JSON)
    assert sorted(json.loads(v)["name"] for v in refs.values()) == ["Basic", 'Cloze "q"']
    parsed = [json.loads(e) for e in extras]
    assert {f"anki_notetype:{e['anki']['notetype']['ref']}" for e in parsed} == set(refs)
    assert len(parsed) == 4 and parsed[-1]["anki"]["deck"] == '도커::개념::"이미지"'
    for text, extra in zip(extras, parsed, strict=True):
        assert text == json.dumps(extra, ensure_ascii=False, sort_keys=True)
    again = col.import_file(tmp_path / "x.apkg", now=T0)
    assert (report.added, again.added, again.updated, again.skipped) == (4, 0, 0, 4)


def test_apkg_review_log_is_stored_whole_and_in_order(tmp_path: Path, col: Collection) -> None:
    """95 answers: one multi-row INSERT of 90 and 5 single rows (import_rows.insert_many)."""
    pkg = small_package(media={})
    first, second = pkg.cards
    first.type, first.queue, first.due, first.ivl = CardType.REVIEW, Queue.REVIEW, 300, 3
    t0 = 1_700_000_000_000
    pkg.revlog = [RevlogEntry(t0 + k * 60_000, first.id, 1 + k % 4, 3, 2, 2500, 1000 + k, 1)
                  for k in range(95)]  # fmt: skip
    pkg.revlog.append(RevlogEntry(t0 + 30, second.id, 3, -600, 0, 0, 777, 0))
    write_package(pkg, tmp_path / "log.apkg")
    report = col.import_file(tmp_path / "log.apkg", now=T0)
    assert report.revlog == 96
    rows = dump_tables(col)["revlog"]
    ids = {c["key"]: c["id"] for c in dump_tables(col)["cards"]}
    mine = [r for r in rows if r["card_id"] == ids["anki:g1:0"]]
    assert [r["time_ms"] for r in mine] == [t0 + k * 60_000 for k in range(95)]
    assert [r["rating"] for r in mine] == [1 + k % 4 for k in range(95)]
    assert [r["duration_ms"] for r in mine] == [1000 + k for k in range(95)]
    assert {(r["kind"], r["interval_s"], r["last_interval_s"]) for r in mine} == {
        ("imported", 3 * 86_400, 2 * 86_400)
    }
    assert [r["id"] for r in mine] == sorted(r["id"] for r in mine)
    other = [r for r in rows if r["card_id"] == ids["anki:g2:0"]]
    assert [(r["time_ms"], r["interval_s"], r["duration_ms"]) for r in other] == [
        (t0 + 30, 600, 777)
    ]


# ---------------------------------------------------------------- CLI


def test_cli_import_and_export_print_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    pkg = tmp_path / "p.apkg"
    write_package(small_package(), pkg)
    csv_path = tmp_path / "more.csv"
    csv_path.write_text("one,1\ntwo,2\n", encoding="utf-8")
    args = ["--data-dir", str(data)]
    assert cli_main([*args, "import", str(pkg), str(csv_path), "--deck", "Mine", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["added"], out["updated"], out["skipped"]) == (4, 0, 0)
    assert [f["format"] for f in out["files"]] == ["apkg", "text"]
    assert cli_main([*args, "import", str(pkg)]) == 0
    assert "0 added, 0 updated, 2 skipped" in capsys.readouterr().out
    target = tmp_path / "out.apkg"
    assert cli_main([*args, "export", str(target), "--deck", "Mine", "--no-scheduling",
                     "--json"]) == 0  # fmt: skip
    exported = json.loads(capsys.readouterr().out)
    assert (exported["cards"], exported["revlog"]) == (4, 0) and target.is_file()
    assert cli_main([*args, "import", str(tmp_path / "nope.apkg")]) == 2
    assert "nope.apkg: no such file" in capsys.readouterr().err


def test_cards_that_carry_their_whole_note_type_still_export_as_their_notes(
    tmp_path: Path, col: Collection
) -> None:
    """Collections imported before note types were stored once: each card's ``extra`` holds
    the whole note type, which the export reads as well as a reference."""
    write_package(small_package(media={}), tmp_path / "p.apkg")  # its note shows p.png
    col.import_file(tmp_path / "p.apkg", now=T0)
    with col.db.engine.begin() as conn:
        stored = dict(conn.exec_driver_sql(
            "SELECT key, value FROM meta WHERE key LIKE 'anki_notetype:%'").all())  # fmt: skip
        for cid, extra in conn.exec_driver_sql("SELECT id, extra FROM cards").all():
            data = json.loads(extra)
            ref = data["anki"]["notetype"]["ref"]
            data["anki"]["notetype"] = json.loads(stored[f"anki_notetype:{ref}"])
            conn.exec_driver_sql("UPDATE cards SET extra = ? WHERE id = ?",
                                 (json.dumps(data, ensure_ascii=False, sort_keys=True), cid))  # fmt: skip
        conn.exec_driver_sql("DELETE FROM meta WHERE key LIKE 'anki_notetype:%'")
    report = col.export_file(tmp_path / "out.apkg", now=T0)
    back = read_package(tmp_path / "out.apkg")
    missing = "1 media file(s) the cards refer to are not in the media folder, left out: 'p.png'"
    assert (report.notes, report.warnings) == (2, (missing,))
    assert [nt.name for nt in back.notetypes.values()] == ["Basic"]
    assert sorted(n.guid for n in back.notes) == ["g1", "g2"]
    # imported again: the cards now refer to their note type, stored once
    again = col.import_file(tmp_path / "p.apkg", now=T0)
    assert again.updated == 2
    with col.db.engine.connect() as conn:
        extras = [json.loads(e) for (e,) in conn.exec_driver_sql("SELECT extra FROM cards")]
    assert all(set(e["anki"]["notetype"]) == {"id", "ref"} for e in extras)


def test_json_backup_keeps_the_stored_note_types(tmp_path: Path, col: Collection) -> None:
    write_package(small_package(media={}), tmp_path / "p.apkg")
    col.import_file(tmp_path / "p.apkg", now=T0)
    col.export_file(tmp_path / "all.json", now=T0)
    other = open_collection(tmp_path / "other", seed=False, rng=random.Random(1))
    try:
        other.import_file(tmp_path / "all.json", now=T0)
        sql = "SELECT key, value FROM meta WHERE key LIKE 'anki_notetype:%' ORDER BY key"
        with col.db.engine.connect() as a, other.db.engine.connect() as b:
            assert a.exec_driver_sql(sql).all() == b.exec_driver_sql(sql).all() != []
        other.export_file(tmp_path / "again.apkg", now=T0)
        assert [nt.name for nt in read_package(tmp_path / "again.apkg").notetypes.values()] == [
            "Basic"
        ]
    finally:
        other.close()
