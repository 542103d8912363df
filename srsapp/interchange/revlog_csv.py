"""Read a review log CSV: ``card_id,review_rating,review_time,review_duration``.

This is the format py-fsrs uses for its test data (and the sample in ``shared/data``): one review
per line, rating 1-4, time ISO-8601 with a UTC offset, duration in milliseconds. Same-day learning
steps are included; review kinds are not recorded, so every entry is a plain review (the first
rating of a card is its first learning rating).

Pure: the text is handed in; ``path`` only names the file in error messages.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from srsapp.core.errors import ImportFileError
from srsapp.core.fitting.training import RevlogEntry

COLUMNS = ("card_id", "review_rating", "review_time", "review_duration")
# review times this reader takes, in UTC (year 1 or 9999 overflowed converting to a day)
EARLIEST, LATEST = datetime(1970, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC)


def _fail(path: str, line: int, problem: str) -> ImportFileError:
    return ImportFileError(f"line {line}: {problem}", path)


def _parse_row(row: dict[str, str | None], path: str, line: int) -> RevlogEntry:
    values = {name: (row.get(name) or "").strip() for name in COLUMNS}
    if row.get(None):  # type: ignore[call-overload]
        raise _fail(path, line, f"expected {len(COLUMNS)} fields, got more")
    for name, value in values.items():
        if not value:
            raise _fail(path, line, f"{name} is empty")
    try:
        card_id = int(values["card_id"])
    except ValueError:
        raise _fail(path, line, f"card_id {values['card_id']!r} is not an integer") from None
    if values["review_rating"] not in ("1", "2", "3", "4"):
        raise _fail(path, line, f"review_rating {values['review_rating']!r} is not 1-4")
    try:
        time = datetime.fromisoformat(values["review_time"])
    except ValueError:
        raise _fail(
            path, line, f"review_time {values['review_time']!r} is not an ISO-8601 time"
        ) from None
    if time.tzinfo is None or time.utcoffset() is None:
        raise _fail(path, line, f"review_time {values['review_time']!r} has no UTC offset")
    try:
        time = time.astimezone(UTC)
    except OverflowError:  # past year 1 or 9999 in UTC
        time = LATEST
    if not EARLIEST <= time < LATEST:
        raise _fail(path, line, f"review_time {values['review_time']!r} is not between "
                                f"{EARLIEST.year} and {LATEST.year}")  # fmt: skip
    try:
        duration = int(values["review_duration"])
    except ValueError:
        duration = -1
    if duration < 0:
        raise _fail(
            path, line, f"review_duration {values['review_duration']!r} is not a number of ms"
        )
    return RevlogEntry(card_id, time, int(values["review_rating"]), duration)


def read_revlog_csv(text: str, path: str = "<revlog>") -> list[RevlogEntry]:
    """Parse the CSV text into review log entries, in file order.

    Raises ImportFileError naming ``path`` and the line for a missing column or a bad row.
    """
    text = text.removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    if not header:
        raise ImportFileError("file is empty, expected a header line " + ",".join(COLUMNS), path)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFileError(
            f"line 1: missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}", path
        )
    reader.fieldnames = header
    entries: list[RevlogEntry] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any((v or "").strip() for k, v in row.items() if k is not None):
                continue  # blank line
            entries.append(_parse_row(row, path, line))
    except csv.Error as exc:
        raise _fail(path, reader.line_num, f"bad CSV ({exc})") from None
    return entries
