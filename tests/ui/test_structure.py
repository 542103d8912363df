"""How srsapp.ui is put together: screens are imported plainly (import-linter and readers see
them), no module of the UI imports another in a circle, and the UI reaches the database only
through the service layer."""

from __future__ import annotations

from pathlib import Path

import grimp

UI = Path(__file__).resolve().parents[2] / "srsapp" / "ui"


def _ui_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph("srsapp", include_external_packages=True)
    ui = {m for m in graph.modules if m.startswith("srsapp.ui")}
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in ui}


def test_no_module_is_imported_by_name_at_run_time() -> None:
    offenders = [
        p.name
        for p in sorted(UI.glob("*.py"))
        if "importlib" in p.read_text(encoding="utf-8")
        or "find_spec" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_ui_has_no_import_cycle() -> None:
    graph = _ui_graph()
    inside = {m: {i for i in deps if i in graph} for m, deps in graph.items()}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return path[path.index(module) :] + [module]
        if module in done:
            return None
        for dep in sorted(inside[module]):
            cycle = visit(dep, [*path, module])
            if cycle:
                return cycle
        done.add(module)
        return None

    cycles = [c for m in sorted(inside) if (c := visit(m, []))]
    assert cycles == []
    assert "srsapp.ui.main_window" not in inside["srsapp.ui.review"]  # colours come from theme


def test_the_ui_never_touches_the_store_or_sqlalchemy() -> None:
    reached = {
        (m, dep)
        for m, deps in _ui_graph().items()
        for dep in deps
        if dep.split(".")[0] == "sqlalchemy" or dep.startswith("srsapp.store")
    }
    assert reached == set()


def test_every_colour_is_named_in_the_theme() -> None:
    """Screens draw with the colours ``theme.py`` names (light and dark side by side), not
    with numbers of their own."""
    import re

    literal = re.compile(r"QColor\(\s*\d|[\"']#[0-9a-fA-F]{3,8}[\"']")
    found = [
        f"{p.name}:{n}: {line.strip()}"
        for p in sorted(UI.glob("*.py"))
        if p.name != "theme.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert found == []
