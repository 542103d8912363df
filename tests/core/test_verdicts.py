"""The readers' verdicts (benchmarks/cards/verdicts) and how they are replayed."""

from __future__ import annotations

import json

from benchmarks.cards.verdicts import EXTRA, VERDICTS, Judged, keep_rate, load, sort_judged

FLAWS = {
    "-",
    "filler-blank",
    "vague-cue",
    "giveaway",
    "broken",
    "wrong-pair",
    "example-trivia",
    "not-a-fact",
    "too-long",
    "duplicate",
    "trivial",
    "other",
}


def _judged(key: str, front: str, back: str, verdict: str = "keep") -> Judged:
    return Judged("a.md", key, "cloze", front, back, verdict, "-", "")


def test_a_judged_card_is_same_changed_or_dropped() -> None:
    judged = [
        _judged("k1", "Q1", "A1"),
        _judged("k2", "Q2", "A2", "bad"),
        _judged("k3", "Q3", "A3", "meh"),
    ]
    made = {
        "a.md": [
            {"key": "k1", "front": "Q1", "back": "A1"},
            {"key": "k2", "front": "Q2'", "back": "A2"},
        ]
    }
    groups = sort_judged(judged, made)
    assert [j.key for j in groups["same"]] == ["k1"]
    assert [j.key for j in groups["changed"]] == ["k2"]  # the key made, with another front
    assert [j.key for j in groups["dropped"]] == ["k3"]
    assert keep_rate(groups["same"]) == (1.0, 1.0)
    assert keep_rate([*groups["same"], *groups["changed"]]) == (0.5, 0.5)


def test_every_verdict_names_an_extra_file_a_verdict_and_a_class() -> None:
    judged = load()
    assert len(judged) >= 1000
    files = {p.name for p in EXTRA.glob("*.md")}
    for j in judged:
        assert j.file in files, j.file
        assert j.flaw in FLAWS, j.flaw
        assert (j.flaw == "-") == (j.verdict == "keep"), j
    for path in VERDICTS.glob("*.jsonl"):  # one record a line, each card once
        keys = [
            (d["file"], d["key"]) for d in map(json.loads, path.read_text("utf-8").splitlines())
        ]
        assert len(keys) == len(set(keys)), path.name
