#!/usr/bin/env bash
# Install the dashboard into .venv and start it on http://127.0.0.1:8050 (embedded data, no services).
# Usage: bash scripts/start.sh [--host H] [--port P]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/python -m dashboard "$@"
