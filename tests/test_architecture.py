"""The core stays free of Qt and SQL; layers import only downwards."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import srsapp.core


def test_importing_the_whole_core_loads_neither_qt_nor_sqlalchemy() -> None:
    modules = [
        m.name
        for m in pkgutil.walk_packages(srsapp.core.__path__, prefix="srsapp.core.")
    ]
    assert "srsapp.core.scheduler" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'sqlalchemy', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_linter_contracts_are_kept() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        capture_output=True,
        text=True,
    )
    assert "broken" in out.stdout  # the summary line was printed
    assert " 0 broken" in out.stdout, out.stdout[-2000:]


def test_srsapp_never_imports_the_agpl_anki_package() -> None:
    import re
    from pathlib import Path

    root = Path(srsapp.core.__file__).resolve().parents[1]
    pattern = re.compile(r"^\s*(from|import)\s+(anki|aqt)(\.|\s|$)", re.M)
    offenders = [str(p) for p in root.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
