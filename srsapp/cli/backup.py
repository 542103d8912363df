"""`srsapp backup` (take or list backups) and `srsapp restore FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from srsapp.cli.common import add_json_flag, now, open_collection, print_json
from srsapp.service.maintenance.backup import (
    backup_now,
    describe_backup,
    list_backups,
)
from srsapp.service.paths import resolve_data_dir
from srsapp.service.restore import restore_file_into


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("backup", help="back up the collection now (or --list the backups)")
    p.add_argument("--list", action="store_true", help="list the backups instead, newest first")
    add_json_flag(p)
    p.set_defaults(func=run_backup)

    r = sub.add_parser(
        "restore",
        help="replace the collection with a backup (the current one is kept as a backup)",
    )
    r.add_argument("file", metavar="FILE", help="a backup file (see `srsapp backup --list`)")
    add_json_flag(r)
    r.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    if args.list:
        data_dir = resolve_data_dir(args.data_dir)
        rows = []
        for b in list_backups(data_dir):
            facts = describe_backup(b.path)
            rows.append({**b.as_dict(), "cards": facts.cards, "reviews": facts.reviews})
        if args.json:
            print_json(rows)
        else:
            for row in rows:
                print(
                    f"{row['time']}  {row['reason']:<24} {row['cards']:>7} cards "
                    f"{row['reviews']:>8} reviews  {row['path']}"
                )
        return 0
    col = open_collection(args)
    try:
        path = backup_now(col, "manual", now())
    finally:
        col.close(backup=False)  # the manual backup is today's backup
    if args.json:
        print_json({"backup": str(path)})
    else:
        print(f"Backed up to {path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    source = Path(args.file).expanduser()
    report = restore_file_into(data_dir, source, now())  # a JSON backup is made one first
    if args.json:
        print_json(report.as_dict())
    else:
        print(f"Restored {report.restored} ({report.cards} cards, {report.reviews} reviews).")
        if report.previous_backup:
            print(f"The collection as it was is kept in {report.previous_backup}")
    return 0
