"""The command line: decks --json, version, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from srsapp.cli import main
from tests.builders import load, make_deck, open_collection


def test_decks_json_lists_counts(tmp_path: Path, capsys, now) -> None:  # type: ignore[no-untyped-def]
    col = open_collection(tmp_path, seed=False)
    load(col, make_deck(7, title="Deck A"), now)
    col.close()
    assert main(["--data-dir", str(tmp_path), "decks", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == [{"name": "Deck A", "new": 7, "learn": 0, "review": 0, "total": 7}]


def test_version(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("srsapp ")


def test_the_process_command_line_ends_without_the_collector_walking_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ``srsapp`` command (``main()``: the process's own command line) ends with the
    cyclic collector stopped and every object frozen, so the interpreter's exit does not walk
    them all (≈ 0.2 s after a big import); a call with its own arguments (a caller that goes
    on, as this test) leaves the collector as it was."""
    import gc

    open_collection(tmp_path, seed=False).close()  # no Docker deck to seed: quick
    before = gc.isenabled(), gc.get_freeze_count()
    assert main(["--data-dir", str(tmp_path), "decks", "--json"]) == 0
    assert (gc.isenabled(), gc.get_freeze_count()) == before
    monkeypatch.setattr("sys.argv", ["srsapp", "--data-dir", str(tmp_path), "decks", "--json"])
    gc.enable()
    try:
        assert main() == 0
        assert not gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        if before[0]:
            gc.enable()
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == [[], []]


def test_error_is_one_line_and_non_zero(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "x"
    bad.mkdir()
    (bad / "collection.sqlite").write_text("garbage", encoding="utf-8")
    assert main(["--data-dir", str(bad), "decks"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "not an SQLite database" in err and str(bad) in err


def test_env_var_selects_data_dir(tmp_path: Path, monkeypatch, capsys, now) -> None:  # type: ignore[no-untyped-def]
    col = open_collection(tmp_path / "env", seed=False)
    load(col, make_deck(2, title="Env deck"), now)
    col.close()
    monkeypatch.setenv("SRSAPP_DATA_DIR", str(tmp_path / "env"))
    assert main(["decks", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["name"] == "Env deck"


@pytest.mark.slow
def test_only_the_named_command_is_loaded() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from srsapp.cli import build_parser\n"
        "p = build_parser(['--data-dir', 'x', 'decks', '--json'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('srsapp.cli.')))\n"
        "print(p.parse_args(['--data-dir', 'x', 'decks', '--json']).json)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, flag = out.stdout.strip().splitlines()
    assert "srsapp.cli.decks" in loaded and "srsapp.cli.stats" not in loaded
    assert flag == "True"


@pytest.mark.slow
def test_the_desktop_app_is_shown_without_the_commands_and_heavy_modules(tmp_path: Path) -> None:
    """No command word: the window is shown without importing every command's module, the
    notes generator, numpy or the import/export code (they cost seconds at start-up)."""
    import os
    import subprocess
    import sys

    open_collection(tmp_path / "c", seed=False).close()
    code = (
        "import sys; from srsapp.cli import main\n"
        "code = main(['--data-dir', sys.argv[1]])\n"
        "heavy = ('srsapp.cli.', 'srsapp.core.notes', 'numpy', 'srsapp.service.transfer')\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SRSAPP_BENCHMARK_STARTUP="1")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "c")], env=env,
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert "window shown" in out.stderr
    assert out.stdout.strip() == "0 []"


def test_help_lists_every_command(capsys) -> None:  # type: ignore[no-untyped-def]
    from srsapp.cli import COMMANDS

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name.rstrip("_") in out for name in COMMANDS)


@pytest.mark.slow
def test_export_of_diagram_cards_needs_no_display(tmp_path: Path) -> None:
    """`srsapp export deck.apkg` draws the diagram cards' pictures: from a terminal with no
    display and no QT_QPA_PLATFORM it must not try (and abort on) a window system."""
    import os
    import subprocess
    import sys

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    data, out = tmp_path / "data", tmp_path / "docker.apkg"
    cmd = [sys.executable, "-m", "srsapp", "--data-dir", str(data), "export", str(out), "--json"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["media"] > 0 and out.stat().st_size > 0


@pytest.mark.slow
def test_a_reader_that_stops_reading_is_no_error() -> None:
    """`srsapp generate NOTES --json | head`: the pipe closes early; no traceback, exit 0."""
    import subprocess
    import sys

    notes = Path(__file__).resolve().parent.parent / "decks" / "docker-notes.md"
    cmd = [sys.executable, "-m", "srsapp", "generate", str(notes), "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(200)
    proc.stdout.close()  # the reader goes away before the output is written
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_no_module_is_imported_by_name_at_run_time() -> None:
    """Every module of srsapp is imported by a plain import (readers and import-linter see
    it), none by its name; a command's module is imported when it is asked for. (The export
    command asks whether PySide6 is installed with ``find_spec``: that imports nothing.)"""
    from srsapp.cli import COMMANDS, _command

    root = Path(__file__).resolve().parents[1] / "srsapp"
    offenders = [
        str(p.relative_to(root))
        for p in sorted(root.rglob("*.py"))
        if "import_module" in p.read_text(encoding="utf-8")
        or "__import__" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
    assert [_command(name).__name__ for name in COMMANDS] == [f"srsapp.cli.{n}" for n in COMMANDS]
