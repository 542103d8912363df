"""`srsapp sync [--server URL] [--user NAME] [--full-upload | --full-download] [--json]`:
sync with a self-hosted Anki sync server (``service.ankisync``).

The password comes from ``SRSAPP_SYNC_PASSWORD`` or a prompt, and only when no host key
is kept from an earlier login; server and user are remembered.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from srsapp.cli.common import add_json_flag, now, open_collection, print_json
from srsapp.cli.export import _diagram_renderer
from srsapp.service.ankisync.client import SyncError
from srsapp.service.ankisync.sync import sync

PASSWORD_ENV = "SRSAPP_SYNC_PASSWORD"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sync",
        help="sync with a self-hosted Anki sync server (AnkiDroid and Anki sync there too)",
    )
    p.add_argument("--server", metavar="URL", help="the server, e.g. http://192.168.1.5:8080/ "
                   "(remembered)")  # fmt: skip
    p.add_argument("--user", metavar="NAME", help="the user name on the server (remembered)")
    way = p.add_mutually_exclusive_group()
    way.add_argument("--full-upload", dest="direction", action="store_const", const="upload",
                     help="replace the server's collection with ours")  # fmt: skip
    way.add_argument("--full-download", dest="direction", action="store_const",
                     const="download", help="merge the server's collection into ours (what changed "
                     "here since the last sync is kept and sent after it)")  # fmt: skip
    p.set_defaults(direction="auto")
    p.add_argument("--no-media", dest="media", action="store_false",
                   help="leave pictures and sounds out of this sync")  # fmt: skip
    add_json_flag(p)
    p.set_defaults(func=run)


def _password() -> str:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise SyncError(f"a password is needed: set {PASSWORD_ENV} or run in a terminal", "auth")
    return getpass.getpass("Sync password: ")


def run(args: argparse.Namespace) -> int:
    with open_collection(args) as col:
        result = sync(col, now(), server=args.server, user=args.user, password=_password,
                      direction=args.direction, media=args.media,
                      render_diagram=_diagram_renderer("sync.colpkg"))  # fmt: skip
    if args.json:
        print_json(result.as_dict())
        return 0
    if result.direction == "none":
        print(f"{result.server}: nothing to sync (both sides unchanged)")
    if result.direction == "incremental":
        u, d = result.uploaded, result.downloaded
        print(f"sent {u['cards']} cards, {u['notes']} notes, {u['reviews']} reviews, "
              f"{u['deletions']} deletions ({u['bytes']:,} bytes); received {d['cards']} cards, "
              f"{d['notes']} notes, {d['reviews']} reviews, {d['deletions']} deletions "
              f"({d['bytes']:,} bytes)")  # fmt: skip
    elif result.downloaded:
        d = result.downloaded
        print(f"downloaded {d['cards']} cards, {d['reviews']} reviews ({d['bytes']:,} bytes): "
              f"{result.added} cards added, {result.updated} updated, "
              f"{result.reviews_added} reviews added")  # fmt: skip
    if result.sent_after_download:
        sent = result.sent_after_download
        print(f"then sent what changed here since the last sync: {sent['cards']} cards, "
              f"{sent['reviews']} reviews")  # fmt: skip
    if result.uploaded and result.direction != "incremental":
        u = result.uploaded
        print(f"uploaded {u['notes']} notes, {u['cards']} cards, {u['reviews']} reviews "
              f"({u['bytes']:,} bytes); other devices must choose a full download next")  # fmt: skip
    if result.media_uploaded or result.media_downloaded:
        print(f"media: {result.media_uploaded} files uploaded, {result.media_downloaded} "
              "downloaded")  # fmt: skip
    if result.media_deleted_here or result.media_deleted_there:
        print(f"media deleted: {result.media_deleted_there} on the server, "
              f"{result.media_deleted_here} here")  # fmt: skip
    if result.key_store == "file":
        print("  the login key is kept in the data folder (no keyring available)",
              file=sys.stderr)  # fmt: skip
    for w in result.warnings:
        print(f"  warning: {w}", file=sys.stderr)
    return 0
