"""Syncing notes files into a collection: identity survives edits, history is kept."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from srsapp.core.errors import NotesError
from srsapp.core.model import Rating
from srsapp.service.collection import Collection
from srsapp.store.models import Card, Review
from tests.builders import open_collection

NOTES = """# Networking

## TCP
```
SYN : the first packet of the handshake
ACK : acknowledges received data
```

## UDP
```
datagram : a self-contained message
```

## Steps
1. resolve the name
2. open a socket
3. send the request
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "net.md"
    p.write_text(text, encoding="utf-8")
    return p


def cards_by_anchor(col: Collection) -> dict[tuple[str, str], Card]:
    with col.db.reading() as s:
        return {(c.kind, c.anchor + "|" + c.variant): c for c in s.scalars(select(Card))}


def study_all(col: Collection, now: datetime) -> int:
    n = 0
    while (card := col.next_card(now)) is not None:
        col.answer(card.id, Rating.GOOD, now)
        n += 1
    return n


def revlog_by_card(col: Collection) -> dict[int, int]:
    with col.db.reading() as s:
        out: dict[int, int] = {}
        for r in s.scalars(select(Review)):
            out[r.card_id] = out.get(r.card_id, 0) + 1
        return out


def test_first_sync_then_same_file_twice_is_idempotent(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    path = write(tmp_path, NOTES)
    first = col.sync_notes(path, now=now)
    assert first.deck == "Networking" and first.added > 0
    assert (first.updated, first.retired, first.revived) == (0, 0, 0)
    again = col.sync_notes(path, now=now)
    assert again.added == again.updated == again.retired == again.revived == 0
    assert again.unchanged == first.added


def test_answer_edit_keeps_card_and_history(col: Collection, tmp_path: Path, now: datetime) -> None:
    path = write(tmp_path, NOTES)
    col.sync_notes(path, now=now)
    assert study_all(col, now) > 0
    before = cards_by_anchor(col)
    history = revlog_by_card(col)
    write(tmp_path, NOTES.replace("acknowledges received data", "acknowledges every byte received"))
    report = col.sync_notes(path, now=now)
    assert report.added == 0 and report.retired == 0 and report.updated >= 1
    after = cards_by_anchor(col)
    assert {k: c.id for k, c in after.items()} == {k: c.id for k, c in before.items()}
    assert revlog_by_card(col) == history
    ack = [c for (kind, a), c in after.items() if a.startswith("ACK")]
    assert any("every byte" in c.back for c in ack)


def test_typo_fixed_in_anchor_is_matched_by_similarity(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    typo = NOTES.replace("datagram :", "datagarm :")
    path = write(tmp_path, typo)
    col.sync_notes(path, now=now)
    study_all(col, now)
    ids = {c.id for c in cards_by_anchor(col).values()}
    report = col.sync_notes(write(tmp_path, NOTES), now=now)
    assert report.added == 0 and report.retired == 0
    after = cards_by_anchor(col)
    assert {c.id for c in after.values()} == ids
    assert any(a.startswith("datagram") for _k, a in after)


def test_section_moved_under_another_heading_keeps_cards(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    path = write(tmp_path, NOTES)
    col.sync_notes(path, now=now)
    study_all(col, now)
    history = revlog_by_card(col)
    moved = NOTES.replace("## UDP\n", "### UDP\n")  # UDP now nests under TCP
    report = col.sync_notes(write(tmp_path, moved), now=now)
    assert report.added == 0 and report.retired == 0
    assert revlog_by_card(col) == history


def test_deleted_section_is_retired_then_revived_with_history(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    path = write(tmp_path, NOTES)
    col.sync_notes(path, now=now)
    study_all(col, now)
    history = revlog_by_card(col)
    without = NOTES.replace(
        "## Steps\n1. resolve the name\n2. open a socket\n3. send the request\n", ""
    )
    gone = col.sync_notes(write(tmp_path, without), now=now)
    assert gone.retired > 0 and gone.added == 0
    # retired cards are hidden from review but their history stays
    later = now + timedelta(days=400)
    seen = set()
    while (card := col.next_card(later)) is not None:
        seen.add(card.id)
        col.answer(card.id, Rating.GOOD, later)
    retired_ids = {c.id for c in cards_by_anchor(col).values() if c.retired}
    assert retired_ids and not (seen & retired_ids)
    studied = [cid for cid in retired_ids if history.get(cid)]
    assert studied  # some retired cards had been reviewed: their rows are still there
    assert all(revlog_by_card(col)[cid] == history[cid] for cid in studied)
    back = col.sync_notes(write(tmp_path, NOTES), now=later)
    assert back.revived == gone.retired and back.added == 0
    assert not any(c.retired for c in cards_by_anchor(col).values())


def test_override_survives_when_the_source_changes(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    path = write(tmp_path, NOTES)
    col.sync_notes(path, now=now)
    syn = next(
        c for (k, a), c in cards_by_anchor(col).items() if a.startswith("SYN") and "SYN" in c.front
    )
    col.sched.actions.edit_card(syn.id, None, "<p>my own words</p>")
    col.sched.actions.set_suspended(syn.id, True, now=now)
    write(tmp_path, NOTES.replace("the first packet of the handshake", "first packet (handshake)"))
    report = col.sync_notes(path, now=now)
    assert report.updated >= 1
    view = col.card(syn.id)
    assert view.back == "<p>my own words</p>"
    with col.db.reading() as s:
        stored = s.get(Card, syn.id)
        assert stored is not None and stored.suspended
        assert "handshake" in stored.back  # the generated text itself follows the notes


def test_failed_sync_leaves_collection_unchanged(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    path = write(tmp_path, NOTES)
    col.sync_notes(path, now=now)
    before = {k: (c.id, c.front, c.back, c.retired) for k, c in cards_by_anchor(col).items()}
    path.write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    with pytest.raises(NotesError) as exc:
        col.sync_notes(path, now=now)
    assert str(path) in str(exc.value)
    after = {k: (c.id, c.front, c.back, c.retired) for k, c in cards_by_anchor(col).items()}
    assert after == before


def test_missing_notes_file_is_a_clear_error(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    with pytest.raises(NotesError, match="no such file"):
        col.sync_notes(tmp_path / "nope.md", now=now)


def test_bundled_deck_seeds_first_open_only(tmp_path: Path, now: datetime) -> None:
    with open_collection(tmp_path / "c", now=now) as col:
        [deck] = col.sched.queue.deck_counts(now)
        assert deck.total >= 100 and deck.new == 20
        assert col.seed_report is not None and col.seed_report.added == deck.total
        # the diagram's cards are part of the deck, linked from the "상태" section
        with col.db.reading() as s:
            kinds = {c.kind for c in s.scalars(select(Card))}
        assert "diagram" in kinds
    with open_collection(tmp_path / "c", now=now) as col:
        assert col.seed_report is None
        assert len(col.decks()) == 1


def test_cli_import_of_notes_prints_sync_counts(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from srsapp.cli import main

    path = write(tmp_path, NOTES)
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "import", str(path), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["added"] > 0 and first["retired"] == first["revived"] == first["unchanged"] == 0
    write(tmp_path, NOTES.replace("## UDP\n```\ndatagram : a self-contained message\n```\n", ""))
    assert main(["--data-dir", data, "import", str(path), "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["retired"] > 0 and second["added"] == 0
    assert second["unchanged"] == first["added"] - second["retired"]


def test_start_up_resync_keeps_going_past_a_broken_file(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_text("# G\n\n## A\n- xa : first meaning\n", encoding="utf-8")
    bad.write_text("# B\n\n## A\n- y : meaning\n", encoding="utf-8")
    col.sync_notes(bad, now=now)
    col.sync_notes(good, now=now)
    bad.write_bytes(b"\x00\x01binary")
    good.write_text("# G\n\n## A\n- xa : first meaning\n- zb : another one\n", encoding="utf-8")
    reports, errors = col.sync_sources(now)
    assert len(errors) == 1 and str(bad.resolve()) in str(errors[0])
    assert [r.added for r in reports] == [2]  # the good file was still synced (z both ways)


# ---------------------------------------------------------------- renames keep history

KO_NOTES = """# 도커

## 개념

### 이미지
컨테이너를 만들기 위한 읽기 전용 템플릿.

#### 리포지토리 (레지스트리)
이미지를 저장하고 배포하는 서버.

```
Docker Hub : 공개 레지스트리
```

## staging area
The staging area holds the changes that go into the next commit.

```
git add : stage a file for the next commit
```
"""


def studied(col: Collection, path: Path, now: datetime) -> tuple[dict[int, Card], dict[int, int]]:
    col.sync_notes(path, now=now)
    assert study_all(col, now) > 0
    with col.db.reading() as s:
        cards = {c.id: c for c in s.scalars(select(Card))}
    return cards, revlog_by_card(col)


def card_ids(col: Collection, kind: str, anchor: str) -> set[int]:
    with col.db.reading() as s:
        return {
            c.id
            for c in s.scalars(
                select(Card).where(
                    Card.kind == kind, Card.anchor == anchor, Card.retired.is_(False)
                )
            )
        }


def assert_kept(
    col: Collection, before: dict[int, Card], history: dict[int, int], kind: str, old: str, new: str
) -> None:
    """The cards of ``kind`` anchored at ``old`` are now anchored at ``new``, same ids, same log."""
    was = {i for i, c in before.items() if c.kind == kind and c.anchor == old}
    assert was and card_ids(col, kind, new) >= was
    after = revlog_by_card(col)
    assert all(after.get(i) == history.get(i) for i in was) and any(history.get(i) for i in was)


def test_heading_typo_fix_keeps_its_cards_and_history(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    path = write(tmp_path, KO_NOTES)
    before, history = studied(col, path, now)
    report = col.sync_notes(
        write(tmp_path, KO_NOTES.replace("#### 리포지토리 (", "#### 리포지터리 (")), now=now
    )
    assert report.retired == 0
    assert report.renamed == (
        (
            "도커 › 개념 › 이미지 › 리포지토리 (레지스트리)",
            "도커 › 개념 › 이미지 › 리포지터리 (레지스트리)",
        ),
    )
    assert_kept(
        col, before, history, "definition", "리포지토리 (레지스트리)", "리포지터리 (레지스트리)"
    )
    assert_kept(col, before, history, "term", "Docker Hub", "Docker Hub")


def test_heading_extension_keeps_its_cards_and_history(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    path = write(tmp_path, KO_NOTES)
    before, history = studied(col, path, now)
    report = col.sync_notes(
        write(tmp_path, KO_NOTES.replace("## staging area", "## staging area (index)")), now=now
    )
    assert report.retired == 0 and report.renamed == (
        ("도커 › staging area", "도커 › staging area (index)"),
    )
    assert_kept(col, before, history, "definition", "staging area", "staging area (index)")
    assert_kept(col, before, history, "term", "git add", "git add")


def test_renamed_parent_heading_keeps_the_childrens_cards(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    path = write(tmp_path, KO_NOTES)
    before, history = studied(col, path, now)
    report = col.sync_notes(write(tmp_path, KO_NOTES.replace("## 개념", "## 핵심 개념")), now=now)
    assert report.retired == 0 and report.renamed == (("도커 › 개념", "도커 › 핵심 개념"),)
    assert_kept(col, before, history, "definition", "이미지", "이미지")
    assert_kept(
        col, before, history, "definition", "리포지토리 (레지스트리)", "리포지토리 (레지스트리)"
    )


def test_renamed_term_with_the_same_meaning_keeps_its_history(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    path = write(tmp_path, NOTES)
    before, history = studied(col, path, now)
    report = col.sync_notes(write(tmp_path, NOTES.replace("datagram :", "UDP packet :")), now=now)
    assert report.retired == 0 and report.added == 0
    assert_kept(col, before, history, "term", "datagram", "UDP packet")


def test_a_replaced_section_is_retired_and_listed(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    path = write(tmp_path, NOTES)
    before, history = studied(col, path, now)
    udp = {i for i, c in before.items() if c.anchor == "datagram"}
    replaced = NOTES.replace("## UDP\n```\ndatagram : a self-contained message\n```\n",
                             "## ICMP\n```\necho request : asks a host to answer, as ping does\n```\n")  # fmt: skip
    report = col.sync_notes(write(tmp_path, replaced), now=now)
    assert report.renamed == () and report.added > 0
    assert report.retired == len(udp) == len(report.retired_cards)
    assert {(r.concept, r.anchor, r.kind) for r in report.retired_cards} == {
        ("Networking › UDP", "datagram", "term")
    }
    assert not (card_ids(col, "term", "echo request") & udp)
    assert report.as_dict()["retired_cards"][0] == {
        "concept": "Networking › UDP",
        "anchor": "datagram",
        "kind": "term",
    }


def test_cli_import_lists_retired_cards_and_renamed_headings(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from srsapp.cli import main

    path = write(tmp_path, NOTES)
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "import", str(path)]) == 0
    capsys.readouterr()
    edited = NOTES.replace("## UDP\n```\ndatagram : a self-contained message\n```\n", "").replace(
        "## TCP", "## TCP (transmission control)"
    )
    write(tmp_path, edited)
    assert main(["--data-dir", data, "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "renamed: Networking › TCP → Networking › TCP (transmission control)" in out
    assert "retired: 2 cards" in out and "Networking › UDP › datagram (term)" in out
    write(tmp_path, NOTES)
    assert main(["--data-dir", data, "import", str(path), "--json"]) == 0
    back = json.loads(capsys.readouterr().out)["files"][0]
    assert back["renamed"] == [
        {"from": "Networking › TCP (transmission control)", "to": "Networking › TCP"}
    ]
    assert back["retired_cards"] == [] and back["revived"] == 2


def test_cli_lists_the_first_ten_retired_cards_then_a_count(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from srsapp.cli import main

    many = (
        "# Words\n\n## List\n```\n"
        + "".join(f"word{k} : meaning number {k}\n" for k in range(12))
        + "```\n"
    )
    path = write(tmp_path, many)
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "import", str(path)]) == 0
    capsys.readouterr()
    write(tmp_path, "# Words\n\n## List\nNothing here any more.\n")
    assert main(["--data-dir", data, "import", str(path)]) == 0
    out = capsys.readouterr().out
    retired = [line for line in out.splitlines() if line.startswith("    - ")]
    [count] = [int(line.split()[1]) for line in out.splitlines() if line.startswith("  retired: ")]
    assert count >= 24 and len(retired) <= 10 and f"and {count - 10} more" in out
    write(tmp_path, many)
    assert main(["--data-dir", data, "import", str(path), "--json"]) == 0
    json.loads(capsys.readouterr().out)


SKIPPY = "# S\n\n## Setup\n```python\nimport os\nprint(os.getcwd())\n```\n\nA volume is storage managed by the engine.\n"


def test_sync_report_lists_the_blocks_that_made_no_card(
    col: Collection, tmp_path: Path, now: datetime
) -> None:
    from srsapp.core.notes.report import CODE

    path = tmp_path / "s.md"
    path.write_text(SKIPPY, encoding="utf-8")
    report = col.sync_notes(path, now=now)
    assert report.added > 0
    assert [(s.line, s.reason) for s in report.not_carded] == [(5, CODE)]
    assert report.as_dict()["not_carded"][0]["reason"] == CODE


def test_cli_import_and_gui_summary_say_how_many_blocks_made_no_card(
    tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    import json

    from srsapp.cli import main
    from srsapp.service.reports import SyncReport
    from srsapp.ui.i18n import I18n, sync_details

    path = tmp_path / "s.md"
    path.write_text(SKIPPY, encoding="utf-8")
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 blocks of the notes made no card" in out and "--report" in out
    path.write_text(SKIPPY + "\nAn image is a read-only template.\n", encoding="utf-8")
    assert main(["--data-dir", data, "import", str(path), "--json"]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert files[0]["not_carded"][0]["line"] == 5
    from srsapp.core.notes.report import CODE, Skipped

    report = SyncReport(deck="S", not_carded=(Skipped(("Setup",), 5, 6, CODE, "import os"),))
    assert sync_details(I18n("ko").tr, report) == [
        "노트의 1개 블록은 카드가 되지 않았습니다 (주로: 설명 없는 코드)"
    ]
    assert "code without an explanation" in sync_details(I18n("en").tr, report)[0]
