#!/usr/bin/env bash
# One command for the benchmark: installs what it needs, then prints the table.
# Locust lives in its own venv: it needs urllib3 2, the test tools pin urllib3 1.26.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
bash scripts/install.sh requirements-dev.lock
[ -x .venv-locust/bin/locust ] || { "$PYTHON" -m venv .venv-locust && .venv-locust/bin/pip install -q locust==2.47.0; }
exec .venv/bin/python benchmarks/run.py "$@"
