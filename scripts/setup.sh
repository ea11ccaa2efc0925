#!/usr/bin/env bash
# Sets up a checkout: .venv with the package installed in editable mode (its build bundles the
# browser runtime with npm and esbuild), and the example, framework, monaco and test apps,
# built from packages installed from the npm registry.
# Safe to run again. Installs whose inputs (lock files, pyproject.toml) have not changed are
# skipped, so a second run takes seconds and needs no network; the runtime bundles and the
# apps are rebuilt from the current sources every time.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
EXTRAS=".[test,demo]"

# Prints what an install depends on; an install is redone when this changes.
fingerprint() {
  local digest
  digest="$(sha256sum < "$2")"
  printf '%s %s\n' "$1" "${digest%% *}"
}

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  # Old bundled pips cannot install a pyproject-only package in editable mode.
  .venv/bin/python -m pip install --quiet --upgrade pip
fi

# npm ci, unless node_modules was installed from this very lock file by this Node.
npm_ci() {
  local dir="$1" stamp="$1/node_modules/.microfrontends-setup" want
  want="$(fingerprint "$(node --version)" "$dir/package-lock.json")"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    npm ci --prefix "$dir" --no-audit --no-fund
    printf '%s\n' "$want" > "$stamp"
  fi
}

# The runtime's npm packages first: the package's build hook runs `npm run build`, which also
# builds the app SDK (js/app-sdk) with its own packages.
npm_ci .
npm_ci js/app-sdk

stamp=.venv/.microfrontends-setup
want="$(fingerprint "$EXTRAS" pyproject.toml)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing microfrontends$EXTRAS into .venv (a minute or two the first time)"
  # The hatch-jupyter-builder hook runs `npm install` and `npm run build` at the root, which
  # writes src/microfrontends/static/{widget,core}.js.
  .venv/bin/python -m pip install --quiet -e "$EXTRAS"
  printf '%s\n' "$want" > "$stamp"
else
  # Editable install: Python sources are live; only the bundles need rebuilding.
  npm run --silent build
fi

for apps in examples/apps examples/frameworks examples/monaco tests/apps; do
  npm_ci "$apps"
  npm run --silent build --prefix "$apps"
done
