#!/usr/bin/env bash
# Audit the pinned runtime dependencies for known vulnerabilities (pip-audit, PyPI/OSV data).
# Needs access to a vulnerability database; --strict makes it fail instead of passing
# silently when it cannot look a package up. Not part of CI: see README, "Security".
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check pip-audit==2.10.1
exec .venv/bin/pip-audit --strict -r requirements.txt "$@"
