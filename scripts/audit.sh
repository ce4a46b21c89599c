#!/usr/bin/env bash
# Audit what is deployed for known vulnerabilities (pip-audit, PyPI/OSV data): the locked
# runtime set, requirements.lock, every package at its pinned version and hash. Needs access to a
# vulnerability database; --strict makes it fail instead of passing silently when it cannot
# look a package up. The tool lives in its own .venv-audit (it never changes the app's .venv).
# Not part of CI: see README, "Security".
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv-audit/bin/python ] || python3 -m venv .venv-audit
.venv-audit/bin/python -m pip install -q --disable-pip-version-check --upgrade pip==25.3 pip-audit==2.10.1
exec .venv-audit/bin/pip-audit --strict --require-hashes --disable-pip -r requirements.lock "$@"
