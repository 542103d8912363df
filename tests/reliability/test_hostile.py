"""Hostile input, fuzzed (hypothesis, derandomized so CI is reproducible).

Random notes files, CSV/TSV files and damaged .apkg packages go through the same paths a
learner's files do (``Collection.sync_notes``, ``service.transfer.import_file``). Only our own
errors (``SrsError``) may escape, and a refused file leaves every table (and the media folder)
exactly as it was.
"""

from __future__ import annotations

import io
import random
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srsapp.core.errors import SrsError
from srsapp.service.collection import Collection
from srsapp.service.maintenance.check import check
from tests.builders import open_collection
from tests.reliability.helpers import dump, load_deck, study

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    # one collection per test, shared by its examples (a refused file must not change it)
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


@contextmanager
def fresh_collection() -> Iterator[tuple[Collection, Path]]:
    with tempfile.TemporaryDirectory() as tmp:
        col = open_collection(Path(tmp) / "data", seed=False, rng=random.Random(1))
        col.set_settings(timezone="UTC")
        load_deck(col, 8, T0)
        study(col, T0, 10)
        try:
            yield col, Path(tmp)
        finally:
            col.close(backup=False)


@pytest.fixture
def shared() -> Iterator[tuple[Collection, Path]]:
    with fresh_collection() as pair:
        yield pair


def media_listing(col: Collection) -> list[str]:
    if not col.media_dir.exists():
        return []
    return sorted(p.name for p in col.media_dir.iterdir())


def refused_or_accepted(col: Collection, action: Callable[[], object]) -> bool:
    """Run ``action``; an SrsError must leave the collection unchanged. True if accepted."""
    before, media = dump(col), media_listing(col)
    try:
        action()
    except SrsError as exc:
        assert str(exc).strip() and "\n" not in str(exc).strip()
        assert dump(col) == before
        assert media_listing(col) == media
        return False
    report = check(col)  # what was accepted left a consistent collection
    assert report.problems == [], report.problems[:3]
    return True


# ---------------------------------------------------------------- notes (Markdown)

MD_PIECES = [
    "# ", "## ", "### ", "#### ", "- ", "* ", "1. ", "> ", "**", "*", "`", "```", "```bash\n",
    "|", "| --- |", "::", " : ", "?", "==", "~~", "[", "](", ")", "![x](", "lifecycle.png",
    "<", ">", "&", "<img src='a.png'>", "<script>", "\u200b", "\ufeff", "\r\n", "\n", "\n\n",
    "\t", "    ", "도커", "컨테이너", "docker run -d", "Term: definition", "\x00", "\udcff",
]  # fmt: skip
md_text = st.lists(st.sampled_from(MD_PIECES) | st.text(max_size=20), max_size=80).map("".join)
md_bytes = st.one_of(
    md_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(max_size=600),
    md_text.map(lambda s: s.encode("utf-16", "surrogatepass")),
)


@pytest.mark.slow
@FUZZ
@given(data=md_bytes)
def test_sync_notes_only_raises_our_errors(shared: tuple[Collection, Path], data: bytes) -> None:
    col, tmp = shared
    notes = tmp / "notes" / "fuzz.md"
    notes.parent.mkdir(exist_ok=True)
    notes.write_bytes(data)
    refused_or_accepted(col, lambda: col.sync_notes(notes, now=T0))


# ---------------------------------------------------------------- CSV / TSV

CSV_PIECES = [
    "#separator:Comma\n", "#separator:Tab\n", "#separator:Pipe\n", "#separator:Nonsense\n",
    "#html:true\n", "#html:false\n", "#columns:Front,Back\n", "#columns:GUID,Deck,Front\n",
    "#deck column:2\n", "#deck column:99\n", "#guid column:1\n", "#tags column:0\n",
    "#notetype:Basic\n", "#deck:Imported\n", ",", "\t", "|", ";", '"', '""', "\n", "\r\n",
    "Front", "Back", "<b>x</b>", "Deck::Sub", "::", "", "\x00", "é", "한국어", " ",
]  # fmt: skip
csv_text = st.lists(
    st.sampled_from(CSV_PIECES) | st.text(max_size=15) | st.just("x" * 70_000), max_size=60
).map("".join)


@pytest.mark.slow
@FUZZ
@given(text=csv_text, ext=st.sampled_from([".csv", ".tsv", ".txt"]))
def test_text_import_only_raises_our_errors(
    shared: tuple[Collection, Path], text: str, ext: str
) -> None:
    col, tmp = shared
    path = tmp / f"fuzz{ext}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    refused_or_accepted(col, lambda: col.import_file(path, now=T0))


# ---------------------------------------------------------------- .apkg packages


def _base_package() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        col = open_collection(Path(tmp) / "src", seed=False, rng=random.Random(2))
        col.set_settings(timezone="UTC")
        load_deck(col, 6, T0, path="/notes/other.md", prefix="other")  # not in the target
        study(col, T0, 8)
        out = Path(tmp) / "base.apkg"
        col.export_file(out)
        col.close(backup=False)
        return out.read_bytes()


BASE = _base_package()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _sql_mutate(db: bytes, table: str, column_pick: int, value: object) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "c.db"
        p.write_bytes(db)
        con = sqlite3.connect(p)
        try:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            if cols:
                col = cols[column_pick % len(cols)]
                con.execute(f'UPDATE {table} SET "{col}" = ?', (value,))
                con.commit()
        except sqlite3.Error:
            pass  # e.g. a constraint refused the value: keep the package as it is
        finally:
            con.close()
        return p.read_bytes()


TABLES = ["col", "notes", "cards", "revlog", "notetypes", "fields", "templates", "decks",
          "deck_config", "config", "tags"]  # fmt: skip
values = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["{", "[]", "{}", '{"1": null}', "null", "\x1f", "x" * 2_000_000]),
    st.binary(max_size=40),
)


@st.composite
def damaged_packages(draw: st.DrawFn) -> bytes:
    members = _members(BASE)
    kind = draw(st.sampled_from(["truncate", "flip", "member", "sql", "media"]))
    if kind == "truncate":
        return BASE[: draw(st.integers(0, len(BASE) - 1))]
    if kind == "flip":
        data = bytearray(BASE)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if kind == "member":
        name = draw(st.sampled_from(sorted(members)))
        old = members[name]
        members[name] = draw(
            st.one_of(
                st.binary(max_size=200),
                st.integers(0, max(0, len(old) - 1)).map(lambda n: old[:n]),
                st.just(b""),
            )
        )
        if draw(st.booleans()):
            del members[draw(st.sampled_from(sorted(members)))]
        return _zip(members)
    if kind == "sql":
        table = draw(st.sampled_from(TABLES))
        pick, value = draw(st.integers(0, 30)), draw(values)
        for name in [n for n in members if n.startswith("collection.")]:
            members[name] = _sql_mutate(members[name], table, pick, value)
        return _zip(members)
    media = draw(
        st.one_of(
            st.text(max_size=60),
            st.sampled_from(
                [
                    '{"0": "../evil.txt"}',
                    '{"0": "/etc/passwd"}',
                    '{"0": "a.png"}',
                    '{"0": 5}',
                    "[1, 2]",
                    '{"0": "ok.png", "1": "ok.png"}',
                ]
            ),  # fmt: skip
        )
    )
    members["media"] = media.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        members["0"] = draw(st.binary(max_size=50))
    return _zip(members)


def test_the_base_package_imports() -> None:
    with fresh_collection() as (col, tmp):
        path = tmp / "base.apkg"
        path.write_bytes(BASE)
        report = col.import_file(path, now=T0)
        assert report.added == 6 and report.revlog == 8


@pytest.mark.slow
@FUZZ
@given(data=damaged_packages())
def test_apkg_import_only_raises_our_errors(shared: tuple[Collection, Path], data: bytes) -> None:
    col, tmp = shared
    path = tmp / "fuzz.apkg"
    path.write_bytes(data)
    refused_or_accepted(col, lambda: col.import_file(path, now=T0))
    assert not (tmp / "evil.txt").exists() and not (tmp / "data" / "evil.txt").exists()
