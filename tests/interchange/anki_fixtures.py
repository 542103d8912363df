"""Build real Anki collections and packages with the `anki` package (tests only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anki.collection import Collection, ExportAnkiPackageOptions
from anki.scheduler.v3 import CardAnswer

# A tiny valid PNG (1x1, red).
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
)


@dataclass
class Built:
    col: Collection
    note_ids: dict[str, int]
    reviewed_card_ids: list[int]


def build_collection(path: Path, *, fsrs: bool = True, reviews: int = 3) -> Built:
    col = Collection(str(path))
    if fsrs:
        col.set_config("fsrs", True)
    deck_ab = col.decks.id("A::B")
    deck_a = col.decks.id("A")
    assert deck_ab is not None and deck_a is not None
    ids: dict[str, int] = {}

    def add(kind: str, label: str, fields: list[str], deck: int, tags: list[str]) -> None:
        model = col.models.by_name(kind)
        assert model is not None, kind
        note = col.new_note(model)
        for i, value in enumerate(fields):
            note.fields[i] = value
        note.tags = tags
        col.add_note(note, deck)
        ids[label] = note.id

    image = col.media.write_data("pic.png", PNG_BYTES)
    add(
        "Basic",
        "basic",
        ["도커란?", f'컨테이너 플랫폼 <img src="{image}">'],
        deck_ab,
        ["docker", "개념"],
    )
    add("Basic (and reversed card)", "reversed", ["EXPOSE", "포트 문서화"], deck_a, ["dockerfile"])
    add(
        "Cloze",
        "cloze",
        ["{{c1::docker run}} = create + {{c2::start::명령}}", "extra"],
        deck_ab,
        [],
    )
    add("Basic (type in the answer)", "typein", ["list containers", "docker ps"], deck_a, ["cli"])

    col.decks.select(deck_a)
    reviewed: list[int] = []
    for _ in range(reviews):
        queued = col.sched.get_queued_cards(fetch_limit=1)
        if not queued.cards:
            break
        qc = queued.cards[0]
        card = col.get_card(qc.card.id)
        card.start_timer()
        answer = col.sched.build_answer(card=card, states=qc.states, rating=CardAnswer.GOOD)
        col.sched.answer_card(answer)
        reviewed.append(card.id)
    return Built(col, ids, reviewed)


def export_apkg(col: Collection, out: Path, *, legacy: bool) -> Path:
    col.export_anki_package(
        out_path=str(out),
        options=ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=True, with_media=True, legacy=legacy
        ),
        limit=None,
    )
    return out
