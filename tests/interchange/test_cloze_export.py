"""Our cloze cards go to Anki as cloze notes (issue 19, item 6): the prompt over them ("빈칸
[...]에 들어갈 말은?") names the blank too, and a front with two "[...]" once left as Basic."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from srsapp.core.notes.lang import Lang, prompt
from srsapp.interchange.apkg_read import read_package
from srsapp.service.anki.convert import CLOZE_PROMPTS, the_blank
from srsapp.service.collection import Collection

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_the_prompts_are_the_generators() -> None:
    assert CLOZE_PROMPTS == tuple(f"<p>{prompt('cloze', lang)}</p>" for lang in (Lang.KO, Lang.EN))


def test_the_blank_outside_the_prompt() -> None:
    front = (
        '<div class="context">A</div><p>빈칸 [...]에 들어갈 말은?</p><p>[...]를 생략하면 latest</p>'
    )
    m = the_blank(front)
    assert m is not None and front[m.end() :] == "를 생략하면 latest</p>"
    assert the_blank("<p>Fill in the blank [...].</p><p>a [...] and [...]</p>") is None


@pytest.mark.skipif(
    not (Path(__file__).resolve().parents[2] / "decks" / "docker-notes.md").is_file(),
    reason="the bundled deck is not here",
)
def test_every_cloze_card_of_the_docker_deck_exports_as_a_cloze_note(tmp_path: Path) -> None:
    col = Collection.open(tmp_path / "data", rng=random.Random(7), now=T0)
    try:
        with col.db.engine.connect() as conn:
            clozes = conn.exec_driver_sql(
                "SELECT count(*) FROM cards WHERE kind = 'cloze'"
            ).scalar()
        assert clozes
        col.export_file(tmp_path / "out.apkg", now=T0)
    finally:
        col.close(backup=False)
    pkg = read_package(tmp_path / "out.apkg")
    cloze_types = {i for i, nt in pkg.notetypes.items() if str(nt.kind) == "cloze"}
    cloze_notes = [n for n in pkg.notes if n.notetype_id in cloze_types]
    assert len(cloze_notes) == clozes
    for note in cloze_notes:
        # one term, hidden wherever the sentence says it ("[...],ENTRYPOINT … arg로 [...]가")
        assert len(set(re.findall(r"\{\{c1::(.*?)\}\}", note.fields[0]))) == 1
        assert (
            "빈칸 [...]에 들어갈 말은?" in note.fields[0] or "Fill in the blank" in note.fields[0]
        )


def test_every_blank_outside_the_prompt_is_found() -> None:
    from srsapp.service.anki.convert import the_blanks

    front = "<p>빈칸 [...]에 들어갈 말은?</p><p>[...]는 main 에서 나와서 [...] 으로 병합</p>"
    assert len(the_blanks(front)) == 2
