#!/usr/bin/env bash
# The whole test suite: type checks (tsc, mypy), lint and format checks (Biome, ruff), then
# pytest (unit tests, every notebook, and real-browser tests on JupyterLab, Notebook 7 and Voila
# in Debian's Chromium, installed here when missing). Extra arguments go to pytest, e.g.
# `./scripts/test.sh tests/unit -q`.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

if [ ! -x /usr/bin/chromium ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  # Through env: sudo drops most of the caller's environment.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi

npm run --silent typecheck
npm run --silent lint
npm run --silent test:js
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
