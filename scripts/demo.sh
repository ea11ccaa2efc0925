#!/usr/bin/env bash
# The main job: sets up, then serves notebooks/dashboard.ipynb with Voila on 127.0.0.1.
# Needs no internet once set up. PORT picks another port (default 8866).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
PORT="${PORT:-8866}"
echo
echo "The dashboard: http://127.0.0.1:${PORT}/   (Ctrl-C stops it)"
echo
# From the notebook's folder: its paths to the apps (../examples/apps/...) are relative.
cd notebooks
exec ../.venv/bin/voila --no-browser --Voila.ip=127.0.0.1 --port="$PORT" \
  --Voila.port_retries=0 dashboard.ipynb
