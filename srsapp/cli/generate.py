"""`srsapp generate NOTES.md`: preview the cards a notes file makes, without saving."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from srsapp.cli.common import add_json_flag, print_json
from srsapp.core.errors import NotesError
from srsapp.service.notes_sync import attach_diagrams, diagram_files, notes_language


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("generate", help="preview the cards a notes file makes (nothing is saved)")
    p.add_argument("notes", metavar="NOTES.md")
    p.add_argument(
        "--report",
        action="store_true",
        help="also list every block of the notes that made no card, and why",
    )
    add_json_flag(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from srsapp.core.notes import decode_notes, generate_deck
    from srsapp.core.notes.deck import preview

    path = Path(args.notes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NotesError(f"cannot be read ({exc.strerror})", str(path)) from exc
    text = decode_notes(data, str(path))
    deck = generate_deck(text, str(path))
    attach_diagrams(deck, diagram_files(path.resolve()), notes_language(text))
    cards = [preview(c) for c in deck.cards]
    for w in deck.warnings:
        print(f"srsapp: {w}", file=sys.stderr)
    skipped = [s.as_dict() for s in deck.skipped]
    if args.json:
        print_json({"cards": cards, "skipped": skipped} if args.report else cards)
        return 0
    print(f"{deck.title}: {len(cards)} cards, {len(skipped)} blocks made no card")
    for card, c in zip(deck.cards, cards, strict=True):
        print(f"\n[{c['kind']}] {' › '.join(card.concept)}  (line {c['line']})")
        print("  Q: " + str(c["front"]).replace("\n", "\n     "))
        print("  A: " + str(c["back"]).replace("\n", "\n     "))
    if args.report:
        print(f"\nMade no card ({len(skipped)} blocks):")
        for s in deck.skipped:
            print(f"  {s}")
    elif skipped:
        print(f"\n{len(skipped)} blocks made no card: --report lists them and says why.")
    return 0
