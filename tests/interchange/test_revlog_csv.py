from __future__ import annotations

from datetime import UTC, datetime

import pytest

from srsapp.core.errors import ImportFileError
from srsapp.core.fitting.training import RevlogEntry
from srsapp.interchange.revlog_csv import read_revlog_csv

HEADER = "card_id,review_rating,review_time,review_duration\n"


def test_reads_rows_in_file_order_as_utc() -> None:
    text = (
        "\ufeff" + HEADER + "11,1,2024-03-29T20:32:32.250000+00:00,25060\n"
        "12,4,2024-03-30T09:00:00+09:00,700\n"
        "\n"
    )
    assert read_revlog_csv(text, "log.csv") == [
        RevlogEntry(11, datetime(2024, 3, 29, 20, 32, 32, 250000, tzinfo=UTC), 1, 25060),
        RevlogEntry(12, datetime(2024, 3, 30, 0, 0, tzinfo=UTC), 4, 700),
    ]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("x1,3,2024-03-29T20:32:32+00:00,5", "card_id 'x1' is not an integer"),
        ("1,5,2024-03-29T20:32:32+00:00,5", "review_rating '5' is not 1-4"),
        ("1,3,yesterday,5", "review_time 'yesterday' is not an ISO-8601 time"),
        ("1,3,2024-03-29T20:32:32,5", "has no UTC offset"),
        ("1,3,2024-03-29T20:32:32+00:00,-4", "review_duration '-4'"),
        ("1,3,2024-03-29T20:32:32+00:00", "review_duration is empty"),
        ("1,3,2024-03-29T20:32:32+00:00,5,9", "got more"),
    ],
)
def test_bad_row_names_file_and_line(row: str, problem: str) -> None:
    text = HEADER + "1,3,2024-03-29T20:32:32+00:00,5\n" + row + "\n"
    with pytest.raises(ImportFileError) as info:
        read_revlog_csv(text, "log.csv")
    assert str(info.value).startswith("log.csv: line 3: ")
    assert problem in str(info.value)


def test_missing_column_and_empty_file() -> None:
    with pytest.raises(ImportFileError, match=r"^a\.csv: line 1: missing column\(s\) review_time"):
        read_revlog_csv("card_id,review_rating,review_duration\n1,3,5\n", "a.csv")
    with pytest.raises(ImportFileError, match=r"^b\.csv: file is empty"):
        read_revlog_csv("", "b.csv")
