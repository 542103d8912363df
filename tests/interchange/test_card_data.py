"""``apkg_rows._card_data``: the FSRS memory state in ``cards.data``, its usual shape taken
at once and every other shape value by value (with a warning for what is dropped)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


_number = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
    st.integers(-5, 50),
    st.sampled_from(
        [0.9, 0.0009, 0.001, 0.011, 0.99, 0.995, 36_500.0, 36_500.5, 10.0, 10.5, 1.0, 0.5]
    ),
)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    s=_number, d=_number, dr=st.one_of(st.none(), _number), extra=st.booleans(),
    exp=st.booleans(),
)  # fmt: skip
def test_compact_state_is_read_as_json_reads_it(
    s: float, d: float, dr: float | None, extra: bool, exp: bool
) -> None:
    """Anki's compact ``{"s":…,"d":…,"dr":…}`` is read without json.loads: the same state,
    rest and warnings as the general way (the same text as bytes goes through json.loads)."""
    data: dict[str, Any] = {"s": s, "d": d}
    if dr is not None:
        data["dr"] = dr
    if extra:
        data["lrt"] = 3
    text = json.dumps(data, separators=(",", ":"))
    if exp:  # numbers in exponent form, as some writers put them
        text = text.replace(".0,", "e0,").replace(".0}", "E+0}")
    got = []
    for raw in (text, text.encode()):
        card, chk = Card(1, 1, 0, 1), Checker("collection.anki21", "x.apkg")
        _card_data(card, raw, chk)
        got.append((card.stability, card.difficulty, card.desired_retention, card.data,
                    chk.warnings()))  # fmt: skip
    assert got[0] == got[1]
