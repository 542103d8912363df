"""`srsapp optimize --revlog FILE.csv`: default vs fitted parameters on a held-out 20%."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from srsapp.cli import main
from tests.builders import open_collection
from tests.conftest import SAMPLE_REVLOG

SAMPLE = SAMPLE_REVLOG


@pytest.fixture(scope="module")
def sample() -> Path:
    return SAMPLE


def test_json_report_on_the_sample(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["optimize", "--revlog", str(sample), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["reviews"] == 12580 and out["cards"] == 1205
    params = out["parameters"]
    assert isinstance(params, list) and len(params) == 21
    assert all(isinstance(p, float) for p in params)
    for name in ("default", "fitted"):
        assert set(out[name]) == {"log_loss", "rmse_bins"}
        assert all(isinstance(v, float) and v > 0 for v in out[name].values())
    assert out["fitted"]["log_loss"] < out["default"]["log_loss"]
    assert out["train_items"] > out["test_items"] > 0


def test_timezone_and_day_start_change_the_days(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["optimize", "--revlog", str(sample), "--json"]
    assert main([*argv, "--timezone", "Asia/Seoul", "--day-start", "6"]) == 0
    seoul = json.loads(capsys.readouterr().out)
    assert main(argv) == 0
    utc = json.loads(capsys.readouterr().out)
    assert (seoul["timezone"], seoul["day_start_hour"]) == ("Asia/Seoul", 6)
    assert (seoul["train_items"], seoul["test_items"]) != (utc["train_items"], utc["test_items"])


def test_text_report(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["optimize", "--revlog", str(sample)]) == 0
    out = capsys.readouterr().out
    assert "12,580 reviews of 1,205 cards" in out
    assert out.count("\ndefault ") == 1 and out.count("\nfitted ") == 1


def test_bad_file_is_one_line_error_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "log.csv"
    bad.write_text(
        "card_id,review_rating,review_time,review_duration\n1,9,2024-03-29T20:32:32+00:00,5\n",
        encoding="utf-8",
    )
    assert main(["optimize", "--revlog", str(bad), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip()
    assert "\n" not in err and f"{bad}: line 2:" in err and "review_rating" in err
    assert main(["optimize", "--revlog", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv: cannot read the file" in capsys.readouterr().err


def test_too_few_reviews_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    small = tmp_path / "small.csv"
    rows = [
        f"{card},3,2024-03-{day:02d}T12:00:00+00:00,1000" for card in (1, 2) for day in (1, 3, 9)
    ]
    small.write_text(
        "card_id,review_rating,review_time,review_duration\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    assert main(["optimize", "--revlog", str(small)]) == 2
    assert "need at least 400 reviews, have " in capsys.readouterr().err


def test_collection_with_too_little_history_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.builders import add_cards
    from tests.builders import study_days as study

    col = open_collection(tmp_path / "data", seed=False)
    col.set_settings(timezone="UTC", day_start_hour=4)
    add_cards(col, 3)
    study(col, 4)
    col.close()
    # keep the bundled deck out: this test is about the review log only
    monkeypatch.setattr(
        "srsapp.cli.optimize.open_collection", lambda a: open_collection(a.data_dir, seed=False)
    )
    assert main(["--data-dir", str(tmp_path / "data"), "optimize", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "need at least 400 reviews, have " in captured.err
