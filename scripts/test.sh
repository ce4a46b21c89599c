#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run all tests, in tiers:
# the data check, lint (ruff), the page's JavaScript (node --test), unit and property tests
# (pytest -m "not browser and not service", about 20 s), the production recipe (pytest -m
# service: nginx + gunicorn) and browser tests (pytest -m browser, Chromium).
# Any failure stops it with a non-zero exit. Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

missing=""
command -v chromium >/dev/null && command -v chromedriver >/dev/null || missing="chromium chromium-driver"
command -v node >/dev/null && command -v npm >/dev/null || missing="$missing nodejs npm"  # JS tests, axe-core
command -v nginx >/dev/null || missing="$missing nginx"  # the production recipe's test (scripts/serve.sh)
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086  # a list of package names
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
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

bash scripts/install.sh requirements-dev.lock  # every package pinned and hash-checked

echo "== data: python -m dashboard.validate"
.venv/bin/python -m dashboard.validate
echo "== lint: ruff check"
.venv/bin/ruff check .
echo "== JavaScript: node --test tests/js/"
node --test tests/js/
echo "== unit and property tests: pytest -m 'not browser and not service'"
.venv/bin/python -m pytest -m "not browser and not service" "$@"
echo "== production recipe: pytest -m service (nginx + gunicorn)"
.venv/bin/python -m pytest -m service "$@"
echo "== browser tests: pytest -m browser"
.venv/bin/python -m pytest -m browser "$@"
