#!/usr/bin/env bash
# Install a lock file into .venv, every package pinned and checked against its hash.
# Usage: bash scripts/install.sh requirements.lock | requirements-dev.lock
# The lock files are made from requirements.txt / requirements-dev.txt by scripts/lock.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r "${1:?lock file}"
