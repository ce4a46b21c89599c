#!/usr/bin/env bash
# Make requirements.lock and requirements-dev.lock: the full set of packages, each pinned with
# its hashes (pip-tools). Run after changing requirements.txt or requirements-dev.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv-tools/bin/pip-compile ] || { python3 -m venv .venv-tools && .venv-tools/bin/pip install -q pip-tools==7.5.2; }
for name in requirements requirements-dev; do
  .venv-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
    --no-emit-find-links --output-file "$name.lock" "$name.txt"
done
