#!/usr/bin/env bash
# Sets up a fresh checkout: a virtualenv with the package (whose build bundles the runtime
# with npm) and the example and test apps, built from packages installed from npm.
# Safe to run again; steps that are up to date are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi

# The runtime's npm packages first: the package build runs `npm run build`.
npm_ci() {
  local dir="$1"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    npm ci --prefix "$dir" --no-audit --no-fund
  fi
}
npm_ci .
.venv/bin/python -m pip install --quiet -e ".[test,demo]"

for apps in examples/apps tests/apps; do
  npm_ci "$apps"
  npm run --silent build --prefix "$apps"
done
