"""The core stays free of Qt and SQL; layers import only downwards."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import srsapp.core


@pytest.mark.slow
def test_importing_the_whole_core_loads_neither_qt_nor_sqlalchemy() -> None:
    modules = [m.name for m in pkgutil.walk_packages(srsapp.core.__path__, prefix="srsapp.core.")]
    assert "srsapp.core.scheduler" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'sqlalchemy', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.slow
def test_import_linter_contracts_are_kept() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
        ],
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
    offenders = [
        str(p) for p in root.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def _import_cycles() -> list[list[str]]:
    """Every group of srsapp modules that import each other in a circle (Tarjan's strongly
    connected components over the module import graph; lazy and TYPE_CHECKING imports count)."""
    import grimp

    graph = grimp.build_graph("srsapp")
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return groups


def test_no_import_cycle_in_srsapp() -> None:
    assert _import_cycles() == []


def test_the_cycle_finder_finds_a_cycle(monkeypatch: pytest.MonkeyPatch) -> None:
    import grimp

    real = grimp.build_graph

    def with_a_cycle(package: str) -> object:
        graph = real(package)
        graph.add_import(importer="srsapp.core.days", imported="srsapp.service.collection")
        return graph

    monkeypatch.setattr(grimp, "build_graph", with_a_cycle)
    assert any("srsapp.core.days" in c for c in _import_cycles())


def test_service_parts_the_contract_names_hold_no_sql_text() -> None:
    """The service parts import-linter keeps away from SQLAlchemy and sqlite3 (pyproject.toml)
    do not build SQL text or run statements through a session either: their SQL is in store/."""
    import re
    import tomllib
    from pathlib import Path

    root = Path(srsapp.core.__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(
        c
        for c in config["tool"]["importlinter"]["contracts"]
        if c["name"].startswith("These service parts ask the store's named queries")
    )
    assert "srsapp.service.stats" in contract["source_modules"]
    sql = re.compile(
        r"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\s|exec_driver_sql|\.execute\(|\.scalars?\("
    )
    found = []
    files = []
    for module in contract["source_modules"]:
        folder = root / module.replace(".", "/")
        files += sorted(folder.rglob("*.py")) if folder.is_dir() else [folder.with_suffix(".py")]
    assert root / "srsapp/service/study/queue.py" in files  # a package named covers its modules
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if sql.search(line):
                found.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
    assert found == []
