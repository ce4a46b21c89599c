#!/usr/bin/env bash
# Rebuild assets/vendor/bundle.min.js: plotly.js with only what the map needs, and the
# regenerator runtime Dash's renderer calls (see entry.js).
#
# The version is the plotly.js that the pinned plotly.py ships (plotly 7.1.0 -> plotly.js 4.1.1),
# so figures from Python and the bundle in the browser always agree. npm is used here only,
# never at run time: the bundle and its licence file are committed.
# Usage: bash scripts/browser_bundle/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python="$repo/.venv/bin/python"; [ -x "$python" ] || python=python3
version="$("$python" -c 'from plotly.offline import get_plotlyjs_version as v; print(v())')"
ESBUILD_VERSION=0.25.12
REGENERATOR_VERSION=0.14.1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$here/." "$work/"
(cd "$work" && echo '{"private": true}' > package.json \
  && npm install --silent --ignore-scripts --no-audit --no-fund "plotly.js@$version" "regenerator-runtime@$REGENERATOR_VERSION" "esbuild@$ESBUILD_VERSION" >/dev/null)
out="$repo/assets/vendor/bundle.min.js"
(cd "$work" && node build.mjs entry.js "$out")
rm -f "$out.meta.json"
printf '%s\n' "$out: plotly.js $version (choropleth only) and regenerator-runtime $REGENERATOR_VERSION, $(wc -c < "$out") bytes"
