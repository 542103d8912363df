"""``apkg_rows._card_data``: the FSRS memory state in ``cards.data``, its usual shape taken
at once and every other shape value by value (with a warning for what is dropped)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from srsapp.interchange.anki_model import Card
from srsapp.interchange.apkg_rows import Checker, _card_data

CASES: list[tuple[Any, tuple[Any, Any, Any], dict[str, Any], int]] = [
    # data, (stability, difficulty, desired retention), other keys kept, warnings
    ({"s": 10.5, "d": 5.25}, (10.5, 5.25, None), {}, 0),
    ({"s": 10.5, "d": 5.25, "dr": 0.9, "decay": 0.2}, (10.5, 5.25, 0.9), {"decay": 0.2}, 0),
    ({"s": 10.5, "d": 5.25, "dr": None}, (10.5, 5.25, None), {}, 0),
    ({"s": 10, "d": 5}, (10.0, 5.0, None), {}, 0),  # whole numbers: the general way
    ({"s": 10.5, "d": 11.5}, (10.5, 10.0, None), {}, 0),  # difficulty clamped into 1..10
    ({"s": 0.0001, "d": 5.0}, (None, None, None), {}, 1),  # stability out of range: none
    ({"s": 10.5, "d": 5.0, "dr": 1.5}, (10.5, 5.0, None), {}, 1),
    ({"s": 10.5, "d": 5.0, "dr": 1}, (10.5, 5.0, None), {}, 1),  # dr 1: out of range
    ({"s": 10.5}, (None, None, None), {}, 0),  # half a memory state is none
    ({"s": True, "d": 5.0}, (None, None, None), {}, 1),
    ({"pos": 3}, (None, None, None), {"pos": 3}, 0),
    ([1, 2], (None, None, None), {}, 1),  # not an object: ignored
]


@pytest.mark.parametrize(("data", "state", "rest", "warned"), CASES)
def test_card_data(data: Any, state: tuple[Any, Any, Any], rest: dict[str, Any], warned: int
                   ) -> None:  # fmt: skip
    card = Card(1, 1, 0, 1)
    chk = Checker("collection.anki21", "x.apkg")
    _card_data(card, json.dumps(data), chk)
    assert (card.stability, card.difficulty, card.desired_retention) == state
    assert card.data == rest
    assert len(chk.warnings()) == warned
