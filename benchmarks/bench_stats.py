"""Benchmark: statistics on a 100,000-card / 1,000,000-review collection.

Builds the collection fast (sqlite3 executemany into a temp dir, seeded RNG), then times
``srsapp stats --json`` (the service call behind it, and the real command in a subprocess),
the dashboard's statistics (everything the window shows first) and the knowledge history
computed in the background.

    /work/venv/bin/python benchmarks/bench_stats.py [--cards N] [--reviews M] [--days D]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from srsapp.service.collection import DB_NAME, Collection

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
DAY = 86400


def build(data_dir: Path, n_cards: int, n_reviews: int, n_days: int, seed: int = 1) -> None:
    """A collection with ``n_cards`` cards in ~``n_cards/200`` concepts (two levels) and about
    ``n_reviews`` review-log rows spread over the last ``n_days`` days."""
    rng = random.Random(seed)
    Collection.open(data_dir, seed=False, now=NOW).close()  # schema
    con = sqlite3.connect(data_dir / DB_NAME)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded', '1')")
    con.execute("INSERT INTO decks (id, name, config, created) VALUES (1, 'Bench', '{}', 0)")
    con.execute(
        "INSERT INTO settings (key, value) VALUES ('timezone', '\"Asia/Seoul\"'), "
        "('day_start_hour', '4')"
    )
    n_top = max(1, n_cards // 2000)
    n_leaf = max(1, n_cards // 200)
    concepts = []
    cid = 0
    leaves = []
    for t in range(n_top):
        cid += 1
        top_id = cid
        concepts.append((top_id, 1, None, json.dumps([f"주제 {t}"]), f"주제 {t}", "heading", cid))
        for j in range(n_leaf // n_top):
            cid += 1
            path = [f"주제 {t}", f"개념 {t}.{j}"]
            concepts.append(
                (cid, 1, top_id, json.dumps(path, ensure_ascii=False), path[-1], "heading", cid)
            )
            leaves.append(cid)
    con.executemany(
        "INSERT INTO concepts (id, deck_id, parent_id, path, title, kind, position, "
        "source_line, source_end, retired) VALUES (?,?,?,?,?,?,?,0,0,0)",
        concepts,
    )
    now_s = int(NOW.timestamp())
    start_s = now_s - n_days * DAY
    studied = int(n_cards * 0.8)
    per_card = 1.05 * n_reviews / studied
    cards = []
    revlog = []
    for i in range(n_cards):
        concept = leaves[i % len(leaves)]
        if i >= studied:
            cards.append(
                (i + 1, 1, concept, f"k{i}", "term", "q", "a", i, 0, 0, None, None, 0, None, 0, 0)
            )
            continue
        n = max(1, int(rng.expovariate(1 / per_card)) if rng.random() < 0.5 else round(per_card))
        # first review somewhere in the window, then growing intervals compressed to fit
        t = start_s + int(rng.random() * (n_days - 1) * DAY)
        stability = 1.0
        state_before = 0
        lapses = 0
        ivl = 0
        for _k in range(n):
            fail = state_before == 2 and rng.random() < 0.1
            rating = 1 if fail else rng.choice((2, 3, 3, 3, 3, 4))
            stability = min(
                3650.0, max(0.1, stability * (0.3 if fail else 1.0 + 1.5 * rng.random()))
            )
            state_after = 3 if fail else 2
            lapses += fail
            last_ivl = ivl if state_before == 2 else 0  # the interval the card was on
            ivl = max(1, round(stability)) * DAY
            revlog.append(
                (
                    i + 1,
                    t * 1000 + rng.randrange(1000),
                    rating,
                    rng.randrange(2000, 20000),
                    state_before,
                    state_after,
                    ivl,
                    stability,
                    5.0,
                    "review",
                    last_ivl,
                )
            )
            state_before = state_after
            step = min(ivl, max(DAY, (now_s - t) // max(1, n)))
            t += step
            if t >= now_s:
                break
        last = revlog[-1]
        last_t = last[1] // 1000
        cards.append(
            (
                i + 1,
                1,
                concept,
                f"k{i}",
                "term",
                "q",
                "a",
                i,
                last[5],
                0,
                stability,
                5.0,
                last_t + last[6],
                last_t,
                n,
                lapses,
            )
        )
    con.executemany(
        "INSERT INTO cards (id, deck_id, concept_id, key, kind, front, back, position, state, "
        "step, stability, difficulty, due, last_review, reps, lapses, anchor, variant, "
        "source_line, source_end, sibling, extra, retired, suspended, buried_until, flag, "
        "leech, created, modified) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'','',0,0,'','{}',0,0,0,0,0,0,0)",
        cards,
    )
    revlog.sort(key=lambda row: row[1])  # the log is append-only: rows in time order
    con.executemany(
        "INSERT INTO revlog (card_id, time_ms, rating, duration_ms, state_before, state_after, "
        "interval_s, stability, difficulty, kind, last_interval_s) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        revlog,
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


def best_of(n: int, fn):  # type: ignore[no-untyped-def]
    times = []
    result = None
    for _ in range(n):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--reviews", type=int, default=1_000_000)
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--dashboard", action="store_true", help="also time the Qt dashboard")
    args = ap.parse_args()
    from srsapp.service import stats

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        t0 = time.perf_counter()
        build(data, args.cards, args.reviews, args.days)
        print(f"build: {time.perf_counter() - t0:.1f} s")
        with Collection.open(data, seed=False, now=NOW) as col:
            print(f"cards: {col.card_count()}, review rows: {col.revlog_count()}")
            t, data_json = best_of(3, lambda: stats.stats_json(col, NOW))
            print(f"stats_json (service): {t * 1000:.0f} ms")
            t, dash = best_of(3, lambda: stats.dashboard_stats(col, NOW, slow=False))
            print(f"dashboard_stats (shown on open): {t * 1000:.0f} ms")
            t, _d = best_of(1, lambda: stats.add_slow_parts(col, NOW, dash))
            print(f"true retention + buttons + hours (background): {t * 1000:.0f} ms")
            for period in ("month", "year", "all"):
                t, _h = best_of(1, lambda p=period: stats.knowledge_history(col, NOW, period=p))
                print(f"knowledge_history ({period}, background): {t * 1000:.0f} ms")
            weakest = min(
                (c for c in data_json["concepts"] if c["cards"]),
                key=lambda c: c["mastery"],
            )
            print(f"total knowledge {data_json['total_knowledge']:.0f}; weakest {weakest['path']}")
        env = {**os.environ, "TZ": "UTC"}
        t0 = time.perf_counter()
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from srsapp.cli import main; sys.exit(main())",
                "--data-dir",
                str(data),
                "stats",
                "--json",
            ],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        wall = time.perf_counter() - t0
        parsed = json.loads(out.stdout)
        print(
            f"`srsapp stats --json` subprocess wall time (incl. interpreter start): "
            f"{wall * 1000:.0f} ms, {len(parsed['reviews'])} review days"
        )
        if args.dashboard:
            _bench_dashboard(data)
    _ = math
    return 0


def _bench_dashboard(data: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from srsapp.ui.dashboard import DashboardWindow
    from srsapp.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with Collection.open(data, seed=False, now=NOW) as col:
        window = MainWindow(col, clock=lambda: NOW)
        t0 = time.perf_counter()
        dash = DashboardWindow(window.ctx)
        dash.show()
        dash.wait_until_loaded(history=False)
        app.processEvents()
        print(
            f"dashboard open (window shown with statistics): {(time.perf_counter() - t0) * 1000:.0f} ms"
        )
        dash.wait_until_loaded(history=True)
        print(f"dashboard with knowledge history: {(time.perf_counter() - t0) * 1000:.0f} ms")
        dash.close()
        window.close()


if __name__ == "__main__":
    sys.exit(main())
