#!/usr/bin/env bash
# Install srsapp with its test extra into .venv, then: ruff, mypy (strict on core, interchange
# and store), import-linter's contracts and the whole test suite in two processes
# (pytest-xdist, a test file per process at a time). The fast tier alone:
# .venv/bin/python -m pytest -m "not slow" -n 2 --dist loadfile
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check srsapp tests benchmarks
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/python -m pytest -n 2 --dist loadfile
