"""The results table: plain text for the terminal, Markdown for README.md.

``update_readme(readme, markdown)`` replaces what is between ``<!-- bench:start -->`` and
``<!-- bench:end -->`` (adding the two markers under a ``## Performance`` heading at the end
of the file if they are missing); with ``merge``, only the rows measured are replaced or added
and the table's other rows are kept. The lead line says once when the whole table was
measured; the rows remeasured since (``--only``) are listed after it by the date of their
last run, each row once.
"""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
LEAD = "Measured by `python -m benchmarks` on "


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


def load() -> float:
    """The one-minute load average (0 where the system has none)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def machine(loads: tuple[float, float] | None = None) -> dict[str, str]:
    """The machine and the date, with the load average at the run's start and end."""
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
        "load": "" if loads is None else f"{min(loads):.1f}–{max(loads):.1f}",
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
    load = f", load {m['load']}" if m.get("load") else ""
    out = [
        f"{LEAD}{machine_line(m)}{load}; median and p95 of {repeat}+ "
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


_DATE = r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"
_LEGACY = rf"Remeasured with --only on ({_DATE}) ·[^:]*: (.*?)\.(?= Remeasured|$)"
_SINCE = " Remeasured since with `--only` (each row at its last run): "
_GROUP = rf"({_DATE}(?: \((?:[^()]|\([^()]*\))*\))?): "  # (notes), one level nested
_SIZES = re.compile(r" \((\d[\d,]*(?:, \d[\d,]*)*)\)")


def _names(text: str, ops: list[str]) -> list[tuple[str, str]]:
    """(operation, size or "" for all its rows) of a list of known operation names, each
    perhaps with its sizes ("undo answer (20,000, 100,000)"); names hold commas and
    parentheses, so the longest known name that starts the text is taken."""
    out: list[tuple[str, str]] = []
    rest = text
    while rest:
        op = next((o for o in ops if rest.startswith(o)), None)
        if op is None:
            break
        rest = rest[len(op) :]
        sizes = _SIZES.match(rest)
        if sizes:
            out += [(op, size) for size in re.findall(r"\d{1,3}(?:,\d{3})*", sizes.group(1))]
            rest = rest[sizes.end() :]
        else:
            out.append((op, ""))
        rest = rest.removeprefix(", ")
    return out


def _remeasured(lead: str, ops: list[str]) -> dict[tuple[str, str], str]:
    """(operation, size; "" for all its rows) -> the date (with its notes) of its last run
    with ``--only``, read from the lead line: the list this module writes, or the sentences
    earlier versions appended (one a run, "Remeasured with --only on <date> · <machine>:
    <operations>.")."""
    ops = sorted(ops, key=len, reverse=True)
    when: dict[tuple[str, str], str] = {}
    if _SINCE in lead:  # (an older version's sentences may follow the list)
        listed = lead.split(_SINCE, 1)[1].split(" Remeasured with --only on ", 1)[0]
        listed = listed.removesuffix(".")
        heads = list(re.finditer(_GROUP, listed))
        for k, head in enumerate(heads):
            end = heads[k + 1].start() - 2 if k + 1 < len(heads) else len(listed)  # "; "
            for key in _names(listed[head.end() : end], ops):
                when[key] = head.group(1)
    for date, names in re.findall(_LEGACY, lead):
        for key in _names(names, ops):
            if date > when.get(key, "")[:20]:
                when[key] = date
    return when


def _row_dates(
    when: dict[tuple[str, str], str], rows: list[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """The date of each row's last run with ``--only`` (rows never remeasured left out)."""
    out = {}
    for op, size in rows:
        dates = [d for d in (when.get((op, size)), when.get((op, ""))) if d]
        if dates:
            out[(op, size)] = max(dates, key=lambda d: d[:20])  # "YYYY-MM-DD HH:MM UTC"
    return out


def _remeasured_text(dates: dict[tuple[str, str], str], rows: list[tuple[str, str]],
                     rank: dict[str, int]) -> str:  # fmt: skip
    """The rows remeasured by date, latest first: an operation by its name when all its rows
    share that date, else with the sizes of those that do."""
    by_date: dict[str, list[tuple[str, str]]] = {}
    for key, date in dates.items():
        by_date.setdefault(date, []).append(key)
    parts = []
    for date in sorted(by_date, key=lambda d: d[:20], reverse=True):
        names: list[str] = []
        for op in sorted({op for op, _ in by_date[date]}, key=lambda o: (rank.get(o, 99), o)):
            sizes = [size for o, size in by_date[date] if o == op]
            if len(sizes) == sum(1 for o, _ in rows if o == op) or not all(sizes):
                names.append(op)
            else:
                names.append(f"{op} ({', '.join(sizes)})")
        parts.append(f"{date}: {', '.join(names)}")
    return _SINCE + "; ".join(parts) + "." if parts else ""


def merge_tables(old: str, new: str, rank: dict[str, int]) -> str:
    """The table ``old`` with the rows of ``new`` in place of (or beside) its own, ordered by
    ``rank`` of the operation and then size. The lead line (when the whole table was
    measured) is kept; the rows remeasured since are listed after it by the date of their
    last run, each row once (``new``'s date, with its load and any other machine, for its
    rows)."""
    old_rows, new_rows = _table_rows(old), _table_rows(new)
    rows = {**old_rows, **new_rows}
    lead = next((ln for ln in old.splitlines() if ln.startswith(LEAD)), "")
    new_lead = new.split("\n\n", 1)[0]
    if not lead:  # nothing measured whole before: this run's lead
        lead, when = new_lead, {}
    else:
        when = _remeasured(lead, list({op for op, _ in rows} | set(rank)))
        lead = lead.split(" Remeasured ", 1)[0]
        stamp = new_lead.removeprefix(LEAD).split(";", 1)[0]  # date · machine, load
        date, _, rest = stamp.partition(" · ")
        machine, _, load = rest.partition(", load ")
        notes = [f"load {load}"] if load else []
        if machine not in lead:
            notes.append(machine)
        date += f" ({', '.join(notes)})" if notes else ""
        for key in new_rows:
            when[key] = date

    def order(key: tuple[str, str]) -> tuple[int, int]:
        op, size = key
        return rank.get(op, 99), int(size.replace(",", "") or 0)

    keys = sorted(rows, key=order)
    body = [rows[k] for k in keys]
    table = new.split("\n\n", 1)[1].splitlines()[:2]
    return "\n".join(
        [lead + _remeasured_text(_row_dates(when, keys), keys, rank), "", *table, *body]
    )


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
