#!/usr/bin/env bash
# Install srsapp into .venv and launch it on the default collection (first run: the Docker deck).
set -euo pipefail
cd "$(dirname "$0")/.."
# Qt's xcb platform plugin needs these X libraries (Debian/Ubuntu names).
XCB_DEBS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libegl1 libgl1 libfontconfig1 libdbus-1-3"
if command -v apt-get >/dev/null 2>&1 &&
  { ! ldconfig -p | grep -q libxcb-icccm.so.4 || ! ldconfig -p | grep -q libxcb-cursor.so.0; }; then
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $XCB_DEBS >/dev/null; } ||
      echo "srsapp: could not install $XCB_DEBS; the window may not open" >&2
  else
    echo "srsapp: Qt needs: sudo apt-get install $XCB_DEBS" >&2
  fi
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
exec .venv/bin/srsapp "$@"
