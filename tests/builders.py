"""Shared test builders: decks made in code, collections on the test-mode database, and
studied collections copied from a template built once per session (``Templates``).

Test modules import builders from here (or ``tests/reliability/helpers.py``), never from each
other.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from srsapp.core.model import CardDraft, CardKind, ConceptInfo, GeneratedDeck, Rating
from srsapp.core.text import code, context, para
from srsapp.interchange.anki_model import (
    AnkiPackage,
    Card,
    Deck,
    Note,
    Notetype,
    NotetypeKind,
    Template,
)
from srsapp.service.collection import Collection
from srsapp.store.models import Card as StoredCard
from tests.conftest import DOCKER_NOTES
from tests.interchange.anki_fixtures import PNG_BYTES

STUDY_START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def open_collection(data_dir: str | os.PathLike[str], **kw: Any) -> Collection:
    """``Collection.open`` on the test-mode database (``durable=False``: no fsync per commit).
    The durability tests (``reliability/test_kill.py``, ``test_lock.py``) open for real."""
    kw.setdefault("durable", False)
    return Collection.open(data_dir, **kw)


class Templates:
    """Collections built once per session and copied for each test that wants one: a copy is
    a file copy, not the hundreds of answers that made it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._built: dict[str, Path] = {}

    def copy(self, name: str, build: Callable[[Path], None], dest: Path) -> Path:
        """``dest``: a copy of the template ``name`` (``build(path)`` makes it the first time
        and closes it without a backup)."""
        src = self._built.get(name)
        if src is None:
            src = self.root / name
            build(src)
            self._built[name] = src
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns("collection.lock"))
        return dest


def build_empty(path: Path) -> None:
    """An empty collection (no bundled deck), UTC days starting at 4: the ``col`` fixture."""
    c = open_collection(path, seed=False, rng=random.Random(7))
    c.set_settings(timezone="UTC", day_start_hour=4)
    c.close(backup=False)


def build_week(path: Path) -> None:
    """The bundled Docker deck studied for a week: network concepts mostly forgotten."""
    c = open_collection(path, seed=False, rng=random.Random(3))
    c.set_settings(timezone="UTC", day_start_hour=4)
    c.sync_notes(DOCKER_NOTES, now=T0)
    c.set_deck_config(c.decks()[0][0], new_per_day=40)
    simulate_week(c, T0, random.Random(11), weak="docker Network")
    c.close(backup=False)


def make_deck(n: int, title: str = "Deck", sibling_pairs: bool = False) -> GeneratedDeck:
    concept = ("Topic",)
    cards = [
        CardDraft(
            kind=CardKind.TERM,
            concept=concept,
            anchor=f"term {i // 2 if sibling_pairs else i}",
            variant=str(i % 2) if sibling_pairs else "",
            front=context(concept) + para(f"Question {i}"),
            back=para(f"Answer {i}"),
            sibling=f"s{i // 2}" if sibling_pairs else f"s{i}",
        )
        for i in range(n)
    ]
    return GeneratedDeck(title=title, concepts=[ConceptInfo(concept)], cards=cards)


def load(col: Collection, deck: GeneratedDeck, now, path: str = "/notes/a.md") -> None:  # type: ignore[no-untyped-def]
    col.apply_generated(path, "hash", "text", deck, now)


T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def simulate_week(col: Collection, start: datetime, rng: random.Random, weak: str) -> None:
    """Seven days of study: every due card answered; cards of concepts whose path contains
    ``weak`` are mostly forgotten (Again), the others mostly remembered."""
    for day in range(7):
        now = start + timedelta(days=day)
        for _ in range(400):
            card = col.next_card(now)
            if card is None:
                break
            hard = any(weak in part for part in card.concept)
            p_again = 0.8 if hard else 0.1
            rating = (
                Rating.AGAIN
                if rng.random() < p_again
                else rng.choice([Rating.GOOD, Rating.GOOD, Rating.EASY])
            )
            col.answer(card.id, rating, now, duration_ms=rng.randrange(2000, 15000))
            now += timedelta(seconds=20)


def docker_deck() -> GeneratedDeck:
    net = ("도커", "네트워크 드라이버")
    vol = ("도커", "Volume mounts")
    img = ("Images",)
    drafts = [
        CardDraft(
            CardKind.TERM, net, "bridge", context(net) + para("bridge?"), para("기본 네트워크")
        ),
        CardDraft(
            CardKind.TERM, net, "host", context(net) + para("host?"), para("호스트 네트워크 공유")
        ),
        CardDraft(
            CardKind.COMMAND,
            vol,
            "docker volume ls",
            context(vol) + para("볼륨 목록은?"),
            para(code("docker volume ls")),
            extra={"typed_answer": "docker volume ls"},
        ),
        CardDraft(
            CardKind.DEFINITION,
            img,
            "Images",
            context(img) + para("What is an IMAGE?"),
            para("A template <none>:<none> when dangling"),
        ),
    ]
    concepts = [ConceptInfo(("도커",)), ConceptInfo(net), ConceptInfo(vol), ConceptInfo(img)]
    return GeneratedDeck(title="Docker", concepts=concepts, cards=drafts)


def notes_deck() -> tuple[str, GeneratedDeck]:
    text = "# Docker\n\n## Volume\n\n볼륨은 컨테이너 밖에 데이터를 둔다.\n마운트해서 쓴다.\n"
    concept = ("Docker", "Volume")
    card = CardDraft(
        kind=CardKind.DEFINITION,
        concept=concept,
        anchor="Volume",
        front=context(concept) + para("Volume이란?"),
        back=para("볼륨은 컨테이너 밖에 데이터를 둔다."),
        source_line=5,
        source_end=6,
    )
    return text, GeneratedDeck(title="Docker", concepts=[ConceptInfo(concept)], cards=[card])


def small_package(media: dict[str, bytes] | None = None, guid2: str = "g2") -> AnkiPackage:
    nt = Notetype(1, "Basic", NotetypeKind.BASIC, ["Front", "Back"],
                  [Template("Card 1", "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")])  # fmt: skip
    notes = [Note(11, "g1", 1, ["q1", '<img src="p.png">']), Note(12, guid2, 1, ["q2", "a2"])]
    cards = [Card(21, 11, 0, 5), Card(22, 12, 0, 5)]
    return AnkiPackage({1: nt}, {5: Deck(5, "H::x")}, notes, cards, [],
                       media if media is not None else {"p.png": PNG_BYTES}, 1_700_000_000)  # fmt: skip


def studied_docker(path: Path) -> Collection:
    """The bundled Docker deck, studied for three days, one card edited, one suspended."""
    col = open_collection(path, rng=random.Random(3), now=T0)
    col.set_settings(timezone="Asia/Seoul", day_start_hour=4, fsrs_parameters=None)
    for day in range(3):
        t = T0 + timedelta(days=day)
        for i in range(6):
            card = col.next_card(t)
            if card is None:
                break
            col.answer(card.id, Rating.AGAIN if i == 2 else Rating.GOOD, t, duration_ms=1500)
            t += timedelta(minutes=12)
    first = col.next_card(T0 + timedelta(days=5))
    assert first is not None
    col.sched.actions.edit_card(first.id, "<p>my own question</p>", None)
    col.sched.actions.set_suspended(first.id + 1, now=T0 + timedelta(days=5))
    return col


def add_cards(col: Collection, n: int) -> None:
    """Plain cards straight into the store (no notes sync needed to test optimizing)."""
    deck_id = col.ensure_deck("Deck")
    with col.db.transaction() as s:
        for i in range(n):
            s.add(
                StoredCard(
                    deck_id=deck_id,
                    key=f"k{i}",
                    kind="basic",
                    front=f"Q{i}",
                    back=f"A{i}",
                    position=i,
                    sibling=f"s{i}",
                )
            )


def study_days(
    col: Collection,
    days: int,
    seed: int = 3,
    *,
    start: datetime = STUDY_START,
    per_day: int = 200,
    rate: Callable[[random.Random], Rating] | None = None,
    duration: Callable[[random.Random], int] | None = None,
) -> datetime:
    """Study every day from ``start`` (09:00 UTC); by default a card is forgotten with a fixed
    20% chance and each answer takes 3 s. Returns the end of the last session."""
    rng = random.Random(seed)
    now = start
    for day in range(days):
        now = start + timedelta(days=day)
        for _ in range(per_day):
            card = col.next_card(now)
            if card is None:
                break
            rating = rate(rng) if rate else Rating.AGAIN if rng.random() < 0.2 else Rating.GOOD
            ms = duration(rng) if duration else 3000
            col.answer(card.id, rating, now, duration_ms=ms)
            now += timedelta(minutes=11)  # past the learning steps: they come back today
    return now
