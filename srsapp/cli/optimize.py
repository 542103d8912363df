"""`srsapp optimize`: fit FSRS parameters to a review history.

With ``--revlog FILE.csv`` it works on an external review log (the py-fsrs CSV format) and changes
nothing: it fits on the first 80% of the reviews by time and compares default and fitted
parameters on the last 20%. Without it, it optimizes the collection (``service.optimize``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from srsapp.cli.common import add_json_flag, now, open_collection, print_json
from srsapp.core.errors import ImportFileError
from srsapp.core.fitting import optimize
from srsapp.interchange.revlog_csv import read_revlog_csv

TRAIN_FRACTION = 0.8


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "optimize",
        help="fit FSRS parameters to your review history",
        description="Fit FSRS parameters to the collection's review log, or, with --revlog, "
        "to a CSV review log (card_id,review_rating,review_time,review_duration), and compare "
        "them with the defaults on the last 20%% of the reviews.",
    )
    p.add_argument("--revlog", metavar="FILE.csv", help="a review-log CSV to evaluate instead")
    p.add_argument(
        "--timezone",
        metavar="TZ",
        default="UTC",
        help="the reviewer's IANA time zone for --revlog (default: UTC)",
    )
    p.add_argument(
        "--day-start",
        metavar="H",
        type=int,
        default=4,
        help="hour at which the reviewer's day starts, for --revlog (default: 4)",
    )
    add_json_flag(p)
    p.set_defaults(func=run)


def _read_text(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFileError(f"cannot read the file ({exc.strerror})", path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"not UTF-8 text (byte {exc.start})", path) from None


def _metrics(m: optimize.Metrics) -> dict[str, float]:
    return {"log_loss": m.log_loss, "rmse_bins": m.rmse_bins}


def evaluate_revlog(path: str, tz: str, day_start: int) -> dict[str, Any]:
    entries = read_revlog_csv(_read_text(path), path)
    split = optimize.split_by_time(entries, TRAIN_FRACTION, tz=tz, day_start_hour=day_start)
    started = time.perf_counter()
    fitted = optimize.fit(split.train)
    fit_seconds = time.perf_counter() - started
    return {
        "file": path,
        "reviews": len(entries),
        "cards": len({e.card_id for e in entries}),
        "timezone": tz,
        "day_start_hour": day_start,
        "cutoff": split.cutoff.isoformat(),
        "train_items": len(split.train),
        "test_items": len(split.test),
        "parameters": list(fitted),
        "default": _metrics(optimize.evaluate(optimize.DEFAULT_PARAMETERS, split.test)),
        "fitted": _metrics(optimize.evaluate(fitted, split.test)),
        "fit_seconds": round(fit_seconds, 3),
    }


def _print_revlog_report(r: dict[str, Any]) -> None:
    print(f"{r['file']}: {r['reviews']:,} reviews of {r['cards']:,} cards")
    print(
        f"time zone {r['timezone']}, day starts at {r['day_start_hour']:02d}:00; "
        f"trained on {r['train_items']:,} reviews before {r['cutoff']}, "
        f"tested on the {r['test_items']:,} after"
    )
    print(f"{'':<9}{'log loss':>10}{'RMSE(bins)':>12}")
    for name in ("default", "fitted"):
        m = r[name]
        print(f"{name:<9}{m['log_loss']:>10.4f}{m['rmse_bins'] * 100:>11.2f}%")
    print("parameters: " + ", ".join(f"{p:.4f}" for p in r["parameters"]))
    print(f"fit took {r['fit_seconds']:.2f} s")


def run(args: argparse.Namespace) -> int:
    if args.revlog:
        report = evaluate_revlog(args.revlog, args.timezone, args.day_start)
        if args.json:
            print_json(report)
        else:
            _print_revlog_report(report)
        return 0
    try:
        from srsapp.service.optimize import optimize_collection
    except ImportError:
        print(
            "srsapp: optimizing the collection is not yet available; use --revlog FILE.csv",
            file=sys.stderr,
        )
        return 2
    with open_collection(args) as col:
        result = optimize_collection(col, now())
    if args.json:
        print_json(result.as_dict())
    else:
        print(result.summary())
    return 0
