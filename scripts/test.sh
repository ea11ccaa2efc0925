#!/usr/bin/env bash
# The whole test suite: type check, lint, unit and real-browser tests (JupyterLab, Voila and
# Debian's Chromium, installed here when missing). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi

npm run --silent typecheck
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
