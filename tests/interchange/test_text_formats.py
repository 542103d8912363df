"""Templates, Anki's CSV/TSV text format (checked against the real Anki) and Markdown export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from anki.collection import Collection

from srsapp.core.errors import ImportFileError
from srsapp.interchange.csv_text import TextNote, parse_text, read_text, write_text
from srsapp.interchange.markdown_export import MarkdownCard, deck_to_markdown, html_to_markdown
from srsapp.interchange.templates import cloze_numbers, render_card, strip_html
from tests.interchange.anki_fixtures import build_collection

# -- templates ---------------------------------------------------------------


def test_basic_and_frontside() -> None:
    front, back = render_card(
        "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}", {"Front": "Q", "Back": "A"}
    )
    assert front == "Q"
    assert back == "Q<hr id=answer>A"


def test_cloze_front_hint_and_back() -> None:
    text = "{{c1::docker run}} = create + {{c2::start::명령}}"
    assert cloze_numbers(text) == [1, 2]
    f1, b1 = render_card("{{cloze:Text}}", "{{cloze:Text}}", {"Text": text}, cloze=1)
    assert strip_html(f1) == "[...] = create + start"
    assert strip_html(b1) == "docker run = create + start"
    f2, _ = render_card("{{cloze:Text}}", "{{cloze:Text}}", {"Text": text}, cloze=2)
    assert strip_html(f2) == "docker run = create + [명령]"


def test_sections_type_text_and_unknown_filters() -> None:
    fields = {"Front": "<b>ps</b>", "Back": "docker ps", "Extra": ""}
    q = "{{text:Front}}{{#Extra}}EXTRA{{/Extra}}{{^Extra}}none{{/Extra}}{{type:Back}}"
    a = "{{FrontSide}}|{{type:Back}}|{{furigana:Back}}|{{Missing}}"
    front, back = render_card(q, a, fields)
    assert front.startswith("psnone")
    assert "docker ps" not in front  # the typed answer is not revealed on the front
    parts = back.split("|")
    assert parts[0] == front
    assert "docker ps" in parts[1]  # ...but is on the back
    assert parts[2] == "docker ps"  # unknown filter degrades to the field
    assert parts[3] == ""  # unknown field renders empty


def test_unclosed_section_degrades() -> None:
    front, _ = render_card("{{#Front}}shown {{Front}}", "", {"Front": "x"})
    assert front == "shown x"


def test_templates_match_anki_rendering(tmp_path: Path) -> None:
    built = build_collection(tmp_path / "c.anki2", reviews=0)
    col = built.col
    try:
        for label in ("basic", "reversed", "cloze"):
            note = col.get_note(built.note_ids[label])
            nt = note.note_type()
            assert nt is not None
            fields = dict(note.items())
            for card in note.cards():
                tmpl = nt["tmpls"][0 if nt["type"] == 1 else card.ord]
                front, back = render_card(tmpl["qfmt"], tmpl["afmt"], fields, cloze=card.ord + 1)
                assert _words(front) == _words(card.question())
                assert _words(back) == _words(card.answer())
    finally:
        col.close()


def _words(html_text: str) -> list[str]:
    html_text = re.sub(r"<style.*?</style>|<script.*?</script>", "", html_text, flags=re.S)
    return strip_html(html_text).split()


# -- CSV / TSV -----------------------------------------------------------------


def test_headers_columns_and_html_false() -> None:
    text = (
        "#separator:Semicolon\n#html:false\n#guid column:1\n#deck column:2\n#tags column:5\n"
        '#columns:guid;deck;Front;Back;tags\nG1;A::B;"a;b";<x> & y;t1 t2\n'
    )
    parsed = parse_text(text, "f.csv")
    assert parsed.separator == ";"
    assert parsed.columns == ["Front", "Back"]
    (note,) = parsed.notes
    assert note.guid == "G1" and note.deck == "A::B" and note.tags == ["t1", "t2"]
    assert note.fields == ["a;b", "&lt;x&gt; &amp; y"]
    assert note.line == 7


def test_sniffed_plain_two_column_file() -> None:
    parsed = parse_text("docker ps,list containers\ndocker rm,remove one\n", "p.csv")
    assert parsed.separator == ","
    assert [n.fields for n in parsed.notes] == [
        ["docker ps", "list containers"],
        ["docker rm", "remove one"],
    ]


def test_ragged_row_names_file_and_line() -> None:
    with pytest.raises(ImportFileError, match=r"r\.tsv: line 3 has 3 columns, expected 2"):
        parse_text("#separator:Tab\na\tb\nc\td\te\n", "r.tsv")


def test_wrong_separator_is_reported() -> None:
    with pytest.raises(ImportFileError, match=r"w\.csv: line 2 has a single column"):
        parse_text("#separator:Comma\na\tb\nc\td\n", "w.csv")


def test_unsniffable_file() -> None:
    with pytest.raises(ImportFileError, match=r"u\.txt: cannot tell the column separator"):
        parse_text("just one\nfield per line\n", "u.txt")


def test_our_csv_imports_into_anki(tmp_path: Path) -> None:
    # (parent deck first: Anki's CSV import renames a parent deck it met as a child first)
    notes = [
        TextNote(['say "hi", then', "multi\nline"], [], "Docker", "Basic"),
        TextNote(
            ["도커란?", "컨테이너 <b>플랫폼</b>"], ["docker", "개념"], "Docker::개념", "Basic"
        ),
    ]
    path = tmp_path / "ours.csv"
    write_text(path, notes, separator=",", with_deck=True, with_notetype=True)
    assert read_text(path).notes[0].fields == notes[0].fields  # our own reader agrees
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        meta = col.get_csv_metadata(str(path), None)
        assert meta.is_html
        from anki.import_export_pb2 import ImportCsvRequest

        col.import_csv(ImportCsvRequest(path=str(path), metadata=meta))
        got = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            got[note.fields[0]] = (
                note.fields[1],
                sorted(note.tags),
                col.decks.name(note.cards()[0].did),
            )
        assert got == {
            "도커란?": ("컨테이너 <b>플랫폼</b>", ["docker", "개념"], "Docker::개념"),
            'say "hi", then': ("multi\nline", [], "Docker"),
        }
    finally:
        col.close()


def test_csv_exported_by_anki_reads_back(tmp_path: Path) -> None:
    built = build_collection(tmp_path / "c.anki2", reviews=0)
    col = built.col
    out = tmp_path / "anki.txt"
    try:
        col.export_note_csv(
            out_path=str(out), limit=None, with_html=True, with_tags=True, with_deck=True,
            with_notetype=True, with_guid=True,
        )  # fmt: skip
        expected = {
            col.get_note(nid).guid: (
                list(col.get_note(nid).fields),
                sorted(col.get_note(nid).tags),
                col.get_note(nid).note_type()["name"],  # type: ignore[index]
                col.decks.name(col.get_note(nid).cards()[0].did),
            )
            for nid in col.find_notes("")
        }
    finally:
        col.close()
    parsed = read_text(out)
    got = {n.guid: (n.fields, sorted(n.tags), n.notetype, n.deck) for n in parsed.notes}
    assert got == expected
    assert len(got) == 4


# -- Markdown ----------------------------------------------------------------------


def test_markdown_export_keeps_code_and_structure() -> None:
    cards = [
        MarkdownCard(
            ("컨테이너", "명령"),
            '<div class="context">컨테이너 › 명령</div><p>list <b>all</b> containers</p>',
            "<pre><code>docker ps -a\n# 전부</code></pre>",
        ),
        MarkdownCard(("컨테이너", "명령"), "<code>rm</code>?", "<ul><li>one</li><li>two</li></ul>"),
        MarkdownCard(("이미지",), "Q3", "A3"),
    ]
    md = deck_to_markdown("Docker", cards)
    assert md.startswith("# Docker\n\n## 컨테이너 › 명령\n")
    assert md.count("## ") == 2
    assert "**Q:** list **all** containers" in md
    assert "컨테이너 › 명령</div>" not in md and md.count("컨테이너 › 명령") == 1
    assert "**A:**\n\n```\ndocker ps -a\n# 전부\n```" in md
    assert "**Q:** `rm`?" in md
    assert "- one\n- two" in md
    assert html_to_markdown("a &lt;b&gt;") == "a <b>"
