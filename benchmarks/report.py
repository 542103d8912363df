"""The results table: plain text for the terminal, Markdown for README.md.

``update_readme(readme, markdown)`` replaces what is between ``<!-- bench:start -->`` and
``<!-- bench:end -->`` (adding the two markers under a ``## Performance`` heading at the end
of the file if they are missing); with ``merge``, only the rows measured are replaced or added
and the table's other rows are kept.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass
class Row:
    op: str
    size: int | None  # cards in the collection (None: not collection-sized)
    ours: list[float] | None = None  # seconds (or MB when unit == "MB")
    anki: list[float] | None = None
    note: str = ""
    target: str = ""  # e.g. "≤ 1 ms"
    unit: str = "s"  # s | MB


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(0.95 * (len(s) - 1))))]


def fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.0f} MB"
    ms = value * 1000
    if ms < 10:
        return f"{ms:.2f} ms"
    if ms < 1000:
        return f"{ms:.0f} ms"
    return f"{value:.2f} s"


def cells(row: Row) -> list[str]:
    om = median(row.ours) if row.ours else None
    am = median(row.anki) if row.anki else None
    ratio = f"{om / am:.2f}×" if om is not None and am else "—"
    size = f"{row.size:,}" if row.size else ""
    return [
        row.op,
        size,
        fmt(om, row.unit),
        fmt(p95(row.ours), row.unit) if row.ours else "—",
        fmt(am, row.unit),
        fmt(p95(row.anki), row.unit) if row.anki else "—",
        ratio,
        row.target,
        row.note,
    ]


HEAD = ["operation", "cards", "ours median", "ours p95", "Anki median", "Anki p95",
        "ours/Anki", "target", "note"]  # fmt: skip


def machine() -> dict[str, str]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        anki = version("anki")
    except Exception:  # noqa: BLE001 (reporting only)
        anki = "?"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "ram": ram,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "anki": anki,
    }


def machine_line(m: dict[str, str]) -> str:
    return (
        f"{m['date']} · {m['cpus']} CPUs ({m['cpu']}) · {m['ram']} RAM · Python {m['python']} · "
        f"SQLite {m['sqlite']} · Anki {m['anki']}"
    )


def text_table(rows: list[Row]) -> str:
    body = [HEAD] + [cells(r) for r in rows]
    widths = [max(len(r[i]) for r in body) for i in range(len(HEAD))]
    lines = []
    for k, r in enumerate(body):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(rows: list[Row], m: dict[str, str], repeat: int, seconds: float) -> str:
    out = [
        f"Measured by `python -m benchmarks` on {machine_line(m)}; median and p95 of {repeat}+ "
        f"runs (answer/undo: every answer of a session), whole suite {seconds:.0f} s. "
        "Synthetic, seeded collections (about 10 review-log rows per card); Anki runs on the "
        "same cards in the same run. Times in ms unless marked.",
        "",
        "| " + " | ".join(HEAD) + " |",
        "|"
        + "|".join("---:" if i in (1, 2, 3, 4, 5, 6) else "---" for i in range(len(HEAD)))
        + "|",
    ]
    for r in rows:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells(r)) + " |")
    return "\n".join(out)


def _table_rows(md: str) -> dict[tuple[str, str], str]:
    """(operation, cards) -> the Markdown line of each row of a results table."""
    rows = {}
    for line in md.splitlines():
        parts = [p.strip() for p in line.strip().strip("|").split(" | ")]
        if line.startswith("| ") and len(parts) == len(HEAD) and parts[0] != HEAD[0]:
            rows[(parts[0], parts[1])] = line
    return rows


def merge_tables(old: str, new: str, rank: dict[str, int]) -> str:
    """The table ``old`` with the rows of ``new`` in place of (or beside) its own, ordered by
    ``rank`` of the operation and then size; the lead line says which rows are new."""
    rows = {**_table_rows(old), **_table_rows(new)}
    remeasured = sorted({op for op, _ in _table_rows(new)}, key=lambda o: rank.get(o, 99))
    lead = old.split("\n\n", 1)[0].strip() if old.strip() else new.split("\n\n", 1)[0]
    note = new.split("\n\n", 1)[0]
    note = note.removeprefix("Measured by `python -m benchmarks` on ").split(";", 1)[0]
    lead += f" Remeasured with --only on {note}: {', '.join(remeasured)}."

    def order(key: tuple[str, str]) -> tuple[int, int]:
        op, size = key
        return rank.get(op, 99), int(size.replace(",", "") or 0)

    body = [rows[k] for k in sorted(rows, key=order)]
    table = new.split("\n\n", 1)[1].splitlines()[:2]
    return "\n".join([lead, "", *table, *body])


def update_readme(
    readme: Path, md: str, *, merge: bool = False, rank: dict[str, int] | None = None
) -> None:
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n## Performance\n\n{START}\n{END}\n"
    head, _, rest = text.partition(START)
    old, _, tail = rest.partition(END)
    if merge:
        md = merge_tables(old.strip("\n"), md, rank or {})
    readme.write_text(f"{head}{START}\n{md}\n{END}{tail}", encoding="utf-8")
