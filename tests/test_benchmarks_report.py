"""The benchmark table's README writing (``benchmarks.report``): a run with ``--only`` replaces
its rows and says when they were measured, once a row, without the lead line growing a
sentence a run."""

from __future__ import annotations

from benchmarks.report import Row, markdown, merge_tables

MACHINE = {"date": "", "cpus": "2", "cpu": "CPU", "ram": "8 GiB", "python": "3.11",
           "sqlite": "3.40", "anki": "26", "load": ""}  # fmt: skip
RANK = {"answer": 0, "undo answer": 1, "Docker deck export, again": 2}


def table(date: str, rows: list[Row], load: str = "") -> str:
    return markdown(rows, {**MACHINE, "date": date, "load": load}, 7, 10.0)


def test_remeasured_rows_are_dated_once_each_at_their_last_run() -> None:
    whole = table("2026-11-29 14:48 UTC", [
        Row("answer", 1000, [0.001]), Row("answer", 20000, [0.002]),
        Row("undo answer", 20000, [0.003]), Row("Docker deck export, again", None, [0.5]),
    ])  # fmt: skip
    text = whole
    for hour in range(10, 14):  # the same rows remeasured again and again
        text = merge_tables(text, table(f"2026-12-07 {hour}:00 UTC", [Row("answer", 20000, [0.01])],
                                         load="1.5–2.0"), RANK)  # fmt: skip
    text = merge_tables(text, table("2026-12-07 14:00 UTC", [
        Row("Docker deck export, again", None, [0.4]), Row("undo answer", 20000, [0.02]),
    ]), RANK)  # fmt: skip
    lead = text.split("\n\n", 1)[0]
    assert lead.startswith("Measured by `python -m benchmarks` on 2026-11-29 14:48 UTC ·")
    assert lead.count("2026-12-07 13:00 UTC") == 1 and "12:00" not in lead and "10:00" not in lead
    assert lead.endswith(
        "Remeasured since with `--only` (each row at its last run): 2026-12-07 14:00 UTC: "
        "undo answer, Docker deck export, again; 2026-12-07 13:00 UTC (load 1.5–2.0): "
        "answer (20,000)."
    )
    assert "| answer | 20,000 | 10 ms |" in text and "| undo answer | 20,000 | 20 ms |" in text
    assert "| answer | 1,000 | 1.00 ms |" in text  # a row not remeasured is kept as it was
    again = merge_tables(text, table("2026-12-07 15:00 UTC", [Row("answer", 1000, [0.01])]), RANK)
    assert "2026-12-07 15:00 UTC: answer (1,000); 2026-12-07 14:00 UTC" in again


def test_the_older_lead_lines_sentences_are_read_once() -> None:
    """A lead line of the older kind (a sentence a run) is turned into the list."""
    whole = table("2026-11-29 14:48 UTC", [Row("answer", 20000, [0.001]),
                                            Row("Docker deck export, again", None, [0.5])])  # fmt: skip
    head, body = whole.split("\n\n", 1)
    legacy = (
        f"{head} Remeasured with --only on 2026-12-07 00:30 UTC · 2 CPUs (CPU) · 8 GiB RAM: "
        "Docker deck export, again, answer. Remeasured with --only on 2026-12-07 09:12 UTC "
        "· 2 CPUs (CPU) · 8 GiB RAM: answer.\n\n" + body
    )
    merged = merge_tables(legacy, table("2026-12-08 01:00 UTC", [Row("undo answer", 20000, [0.1])]),
                          RANK)  # fmt: skip
    lead = merged.split("\n\n", 1)[0]
    assert "Remeasured with --only on" not in lead
    assert lead.endswith(
        ": 2026-12-08 01:00 UTC: undo answer; 2026-12-07 09:12 UTC: answer; "
        "2026-12-07 00:30 UTC: Docker deck export, again."
    )


def test_a_sentence_an_older_version_appended_to_the_list_is_read() -> None:
    whole = table("2026-11-29 14:48 UTC", [Row("answer", 20000, [0.001]),
                                            Row("undo answer", 20000, [0.5])])  # fmt: skip
    text = merge_tables(whole, table("2026-12-07 10:00 UTC", [Row("answer", 20000, [0.1])]), RANK)
    head, body = text.split("\n\n", 1)
    head += " Remeasured with --only on 2026-12-07 11:00 UTC · 2 CPUs (CPU): undo answer."
    merged = merge_tables(f"{head}\n\n{body}", table("2026-12-07 12:00 UTC", []), RANK)
    assert merged.split("\n\n", 1)[0].endswith(
        ": 2026-12-07 11:00 UTC: undo answer; 2026-12-07 10:00 UTC: answer."
    )
