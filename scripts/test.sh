#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run all tests.
# Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# axe-core for the accessibility tests, from the npm registry (a test tool only; the app never
# needs npm). Pinned; fetched once into .cache/.
AXE_VERSION=4.14.1
export AXE_CORE_JS="$PWD/.cache/axe-core-$AXE_VERSION/axe.min.js"
if [ ! -f "$AXE_CORE_JS" ]; then
  mkdir -p "$(dirname "$AXE_CORE_JS")"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "axe-core@$AXE_VERSION" >/dev/null && tar xzf axe-core-*.tgz package/axe.min.js)
  mv "$tmp/package/axe.min.js" "$AXE_CORE_JS"
  rm -rf "$tmp"
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

.venv/bin/python -m dashboard.validate
exec .venv/bin/python -m pytest "$@"
