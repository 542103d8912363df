#!/usr/bin/env bash
# Install srsapp into .venv and launch it on the default collection (first run: the Docker deck).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
exec .venv/bin/srsapp "$@"
