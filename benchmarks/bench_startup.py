"""Cold start: process launch → main window shown with deck counts (offscreen Qt).

Each run is a fresh ``python -c 'srsapp.cli.main()'`` process with
``SRSAPP_BENCHMARK_STARTUP=1`` (``srsapp.ui.app`` quits once the window is shown).
Time is taken in this process from just before launch to the moment the child's
"window shown" line arrives on stderr (after one untimed run, which also writes the modules'
bytecode, as installing does); peak RSS is the child's own ``ru_maxrss``
(``VmHWM`` of ``/proc/PID/status`` when the window is shown, else ``os.wait4``).

    /work/venv/bin/python -m benchmarks.bench_startup DATA_DIR [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

SHOWN = re.compile(r"window shown ([0-9.]+)s after start")


@dataclass
class StartupResult:
    seconds: list[float] = field(default_factory=list)  # launch → window shown (wall)
    inside: list[float] = field(default_factory=list)  # as the child reports it (after imports)
    rss_mb: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # the child's CPU (user + system), to quit
    error: str = ""


def run_once(data_dir: Path) -> tuple[float, float, float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SRSAPP_BENCHMARK_STARTUP="1")
    env.setdefault("TZ", "UTC")
    # an installed srsapp starts from its compiled modules (pip writes them): the untimed
    # first run writes ours, even where the shell says not to (PYTHONDONTWRITEBYTECODE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-c", "import sys, srsapp.cli; sys.exit(srsapp.cli.main())",
           "--data-dir", str(data_dir)]  # fmt: skip
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env)
    assert proc.stderr is not None
    shown = inside = hwm = None
    lines = []
    for raw in proc.stderr:
        line = raw.decode("utf-8", "replace")
        lines.append(line)
        m = SHOWN.search(line)
        if m and shown is None:
            shown = time.perf_counter() - t0
            inside = float(m.group(1))
            hwm = _vm_hwm_mb(proc.pid)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if shown is None or inside is None:
        raise RuntimeError(
            f"no 'window shown' line (exit {proc.returncode}): {''.join(lines)[-400:]}"
        )
    # ru_maxrss of a child forked from a big parent counts the parent's pages up to exec,
    # so the child's own high-water mark (VmHWM, read when the window is shown) comes first.
    cpu = usage.ru_utime + usage.ru_stime  # (a loaded machine stretches wall time, not this)
    return shown, inside, hwm if hwm is not None else usage.ru_maxrss / 1024.0, cpu


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except (OSError, ValueError):
        return None
    return None


def measure(data_dir: Path, repeat: int = 5) -> StartupResult:
    res = StartupResult()
    try:
        run_once(data_dir)  # warm the OS file cache (a cold start is a new process, not a cold
        # disk, nor a fresh install: the modules' bytecode is written by this run)
        for _ in range(repeat):
            s, i, r, c = run_once(data_dir)
            res.seconds.append(s)
            res.inside.append(i)
            res.rss_mb.append(r)
            res.cpu.append(c)
    except (RuntimeError, OSError) as exc:
        res.error = str(exc).strip().splitlines()[-1][:200] if str(exc).strip() else repr(exc)
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    res = measure(args.data_dir, args.repeat)
    if res.error:
        print("error:", res.error)
    for s, i, r, c in zip(res.seconds, res.inside, res.rss_mb, res.cpu, strict=True):
        print(f"shown after {s:.3f} s (child says {i:.3f} s, CPU {c:.3f} s), peak RSS {r:.0f} MB")


if __name__ == "__main__":
    main()
