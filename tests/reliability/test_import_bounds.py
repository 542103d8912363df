"""Imports that used to run out of memory or end in a traceback (issue 19, items 13 and 14):
each is refused, or bounded with a warning, in one line that names the file, and a refused
file changes nothing."""

from __future__ import annotations

import json
import random
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from srsapp.cli import main
from srsapp.core.errors import ImportFileError
from srsapp.interchange import templates
from srsapp.interchange.anki_model import (
    MAX_DECK_DEPTH,
    AnkiPackage,
    Card,
    Deck,
    Note,
    Notetype,
    Template,
)
from srsapp.interchange.apkg_read import read_package
from srsapp.interchange.apkg_write import write_package
from srsapp.interchange.revlog_csv import read_revlog_csv
from srsapp.interchange.templates import TemplateTooLarge, render_card
from srsapp.service.collection import Collection
from srsapp.service.maintenance.check import check
from srsapp.service.transfer import MAX_CLOZE_CARDS
from tests.reliability.helpers import dump

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def package(tmp_path: Path, qfmt: str, afmt: str, fronts: list[str], deck: str = "D") -> Path:
    nt = Notetype(1, "Bomb", "basic", ["Front", "Back"], [Template("Card 1", qfmt, afmt)])  # type: ignore[arg-type]
    pkg = AnkiPackage(
        notetypes={1: nt},
        decks={5: Deck(5, deck)},
        notes=[Note(10 + i, f"g{i}", 1, [f, "a"]) for i, f in enumerate(fronts)],
        cards=[Card(100 + i, 10 + i, 0, 5) for i in range(len(fronts))],
        media={},
        crt=1_700_000_000,
    )
    out = tmp_path / "bomb.apkg"
    write_package(pkg, out)
    return out


def refused(col: Collection, path: Path, *words: str) -> str:
    before = dump(col)
    with pytest.raises(ImportFileError) as info:
        col.import_file(path, now=T0)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
    for word in words:
        assert word in message
    assert dump(col) == before
    return message


# ---------------------------------------------------------------- item 13: expansion bombs


@pytest.mark.parametrize(
    ("qfmt", "afmt"),
    [
        ("{{Front}}" * 20_000, "{{Back}}"),  # the 10.9 KB package of the issue, smaller fields
        ("{{Front}}", "{{FrontSide}}" * 20_000),
        ("{{#Front}}{{Front}}" * 5_000 + "{{/Front}}" * 5_000, "{{Back}}"),  # nested sections
    ],
    ids=["field", "front side", "sections"],
)
def test_template_expansion_bomb_is_refused(
    col: Collection, tmp_path: Path, qfmt: str, afmt: str
) -> None:
    # 10 notes with a 400-character front: 80 MB of card text before the bound
    path = package(tmp_path, qfmt, afmt, ["x" * 400] * 10)
    message = refused(col, path, "'Bomb'", "'Card 1'", "nothing was imported")
    assert "characters" in message or "nested" in message


def test_template_bound_is_checked_as_it_renders() -> None:
    with pytest.raises(TemplateTooLarge):  # would be 100 MB; stops after about 300 KB
        render_card("{{Front}}" * 10_000, "", {"Front": "x" * 10_000})
    fields = {"Front": "x" * 1_000_000, "Back": ""}
    # a big note renders whole, with its field shown more than once
    front, back = render_card("{{Front}}<br>{{Front}}", "{{FrontSide}}<hr>{{Front}}", fields)
    assert len(front) == 2_000_004 and len(back) == len(front) + 4 + 1_000_000


def test_ordinary_templates_stay_far_below_the_bound(col: Collection, tmp_path: Path) -> None:
    qfmt = "<div>{{Front}}</div>{{#Back}}<i>{{hint:Back}}</i>{{/Back}}" + "<b>style</b>" * 500
    path = package(tmp_path, qfmt, "{{FrontSide}}<hr id=answer>{{Back}}{{text:Front}}", ["q"])
    report = col.import_file(path, now=T0)
    assert report.added == 1
    assert templates.EXPANSION_FACTOR >= 8 and templates.MAX_SECTION_DEPTH >= 50


# ---------------------------------------------------------------- item 14: one line, no traceback

DEEP = "::".join(f"d{i}" for i in range(1_500))  # 1,500 levels: RecursionError before


def concept_depth(col: Collection) -> int:
    with col.db.reading() as s:
        paths = [json.loads(p) for (p,) in s.execute(text("SELECT path FROM concepts"))]
    return max(len(p) for p in paths)


def assert_folded(col: Collection, warnings: tuple[str, ...] | list[str]) -> None:
    assert any("1,500 levels" in w and f"past {MAX_DECK_DEPTH}" in w for w in warnings)
    assert concept_depth(col) == MAX_DECK_DEPTH - 1  # the deck is the first level
    with col.db.reading() as s:
        titles = [t for (t,) in s.execute(text("SELECT title FROM concepts"))]
    assert "::".join(titles[-1:]) == "::".join(f"d{i}" for i in range(49, 1_500))  # kept whole
    assert check(col).problems == []


def test_a_deck_name_of_1500_levels_in_a_csv_is_folded_with_a_warning(
    col: Collection, tmp_path: Path
) -> None:
    path = tmp_path / "deep.txt"
    path.write_text(f"#separator:Tab\n#deck column:3\nfront\tback\t{DEEP}\n", encoding="utf-8")
    report = col.import_file(path, now=T0)
    assert report.added == 1
    assert_folded(col, report.warnings)


def test_a_deck_name_of_1500_levels_in_a_package_is_folded_with_a_warning(
    col: Collection, tmp_path: Path
) -> None:
    path = package(tmp_path, "{{Front}}", "{{Back}}", ["q"], deck=DEEP)
    report = col.import_file(path, now=T0)
    assert report.added == 1
    assert_folded(col, report.warnings)
    with col.db.reading() as s:  # the card keeps the whole name
        (extra,) = s.execute(text("SELECT extra FROM cards")).one()
    assert json.loads(extra)["anki"]["deck"] == DEEP
    back = tmp_path / "back.apkg"  # and leaves in 50 levels, the last one named as it was
    col.export_file(back)
    deepest = max((d.name for d in read_package(back).decks.values()), key=len)
    assert deepest.count("::") == MAX_DECK_DEPTH - 1 and deepest.endswith("d1498:d1499")


def test_a_review_log_dated_year_1_is_refused_naming_the_line(tmp_path: Path) -> None:
    head = "card_id,review_rating,review_time,review_duration\n"
    good = "1,3,2024-03-29T20:32:32+00:00,2000\n"
    for when in ["0001-01-01T00:00:00+05:00", "0001-01-01T00:00:00+00:00",
                 "9999-12-31T23:00:00-05:00", "1969-12-31T23:59:59+00:00"]:  # fmt: skip
        with pytest.raises(ImportFileError) as info:
            read_revlog_csv(head + good + f"2,3,{when},100\n", "log.csv")
        assert str(info.value) == (
            f"log.csv: line 3: review_time {when!r} is not between 1970 and 2200"
        )
    assert len(read_revlog_csv(head + good, "log.csv")) == 1


def test_cli_optimize_with_a_year_1_log_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log.csv"
    log.write_text("card_id,review_rating,review_time,review_duration\n"
                   "1,3,0001-01-01T00:00:00+00:00,100\n", encoding="utf-8")  # fmt: skip
    assert main(["optimize", "--revlog", str(log), "--timezone", "Asia/Seoul"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and str(log) in err and "line 2" in err


def test_restore_when_the_collection_file_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "backup"]) == 0
    made = next((data / "backups").iterdir())
    (data / "collection.sqlite").rename(tmp_path / "aside.sqlite")
    (data / "collection.sqlite").mkdir()
    (data / "collection.sqlite" / "mine.txt").write_text("keep me", encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", str(data), "restore", str(made)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and str(data / "collection.sqlite") in err and "is a folder" in err
    assert (data / "collection.sqlite" / "mine.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.slow  # a hostile 108 KB row: 500 cards rendered from 10,000 clozes (6 s)
def test_a_csv_row_with_10000_clozes_makes_at_most_500_cards(
    col: Collection, tmp_path: Path
) -> None:
    path = tmp_path / "clozes.txt"
    row = "".join(f"{{{{c{n}::}}}}" for n in range(1, 10_000)) + "{{c10000::last}}"  # 108 KB
    path.write_text(f"#separator:Tab\n#notetype:Cloze\n{row}\textra\n", encoding="utf-8")
    report = col.import_file(path, now=T0)
    assert report.added == MAX_CLOZE_CARDS == 500
    assert any("line 3: 10,000 cloze numbers" in w and "first 500" in w for w in report.warnings)
    with col.db.reading() as s:
        backs = [b for (b,) in s.execute(text("SELECT back FROM cards"))]
    assert len(backs) == 500 and all("last" in b for b in backs)  # the others stay as text


# ---------------------------------------------------------------- item 16: media


def media_package(tmp_path: Path, media: dict[str, bytes], *, legacy: bool) -> Path:
    refs = "".join(f'<img src="{name}">' for name in list(media)[:1])
    nt = Notetype(1, "Basic", "basic", ["Front", "Back"], [Template("C", "{{Front}}", "{{Back}}")])  # type: ignore[arg-type]
    pkg = AnkiPackage(
        notetypes={1: nt},
        decks={5: Deck(5, "D")},
        notes=[Note(10, "g1", 1, ["q" + refs, "a"])],
        cards=[Card(20, 10, 0, 5)],
        media=media,
        crt=1_700_000_000,
    )
    out = tmp_path / f"media-{'legacy' if legacy else 'latest'}.apkg"
    write_package(pkg, out, legacy=legacy)
    return out


@pytest.mark.parametrize("legacy", [True, False], ids=["zip", "zstd"])
def test_many_small_media_members_cannot_expand_past_the_ratio(
    col: Collection, tmp_path: Path, legacy: bool
) -> None:
    # 20 members of exactly 1 MiB of zeros: each under the per-member floor, ~1,000x together
    bomb = {f"z{i}.png": bytes(1024**2) for i in range(20)}
    path = media_package(tmp_path, bomb, legacy=legacy)
    assert path.stat().st_size < 200 * 1024
    message = refused(col, path, "refusing a possible")
    assert "bomb" in message
    assert not col.media_dir.exists() or list(col.media_dir.iterdir()) == []
    # the same count of ordinary (incompressible) media imports
    ordinary = {f"r{i}.png": random.Random(i).randbytes(50_000) for i in range(20)}
    report = col.import_file(media_package(tmp_path, ordinary, legacy=legacy), now=T0)
    assert report.added == 1 and report.media == 20


def test_media_list_values_that_are_not_names_are_skipped_with_a_warning(
    col: Collection, tmp_path: Path
) -> None:
    path = media_package(tmp_path, {"ok.png": b"png"}, legacy=True)
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    (key,) = json.loads(members["media"])
    members["media"] = json.dumps({key: "ok.png", "90": None, "91": 5}).encode()
    members["90"] = members["91"] = b"orphan"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    report = col.import_file(path, now=T0)
    assert report.added == 1
    assert sorted(p.name for p in col.media_dir.iterdir()) == ["ok.png"]  # no file "None"
    assert any("'90' names no file (None)" in w for w in report.warnings)
    assert any("'91' names no file (5)" in w for w in report.warnings)
