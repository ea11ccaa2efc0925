#!/usr/bin/env bash
# The main job: a Voila dashboard of apps sharing the kernel, on http://127.0.0.1:$PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
PORT="${PORT:-8866}"
echo "Starting the dashboard on http://127.0.0.1:${PORT}/ (Ctrl-C stops it)"
cd notebooks
exec ../.venv/bin/voila --no-browser --Voila.ip=127.0.0.1 --port="$PORT" \
  --Voila.port_retries=0 dashboard.ipynb
