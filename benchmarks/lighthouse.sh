#!/usr/bin/env bash
# Lighthouse 12 (npm, pinned; a benchmark tool only, like axe-core for the tests) against the
# dashboard served by gunicorn on loopback: the mobile and desktop presets, each score and the
# timings beside the targets of issue #19. Prints a table; not a test (timings vary by machine).
# Usage: bash benchmarks/lighthouse.sh [path, default "/?land=BY"]
set -euo pipefail
cd "$(dirname "$0")/.."
LIGHTHOUSE_VERSION=12.2.3  # 13 needs Node 22
tool=".cache/lighthouse-$LIGHTHOUSE_VERSION"
if [ ! -x "$tool/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tool"
  (cd "$tool" && npm install --silent --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null)
fi
bash scripts/install.sh requirements-dev.lock  # the same .venv as the tests (urllib3 1.26 for selenium)
port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
WBK_WORKERS=2 .venv/bin/gunicorn dashboard.wsgi:server --bind "127.0.0.1:$port" >/dev/null 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
out=$(mktemp -d)
flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
for preset in mobile desktop; do
  extra=(); [ "$preset" = desktop ] && extra=(--preset=desktop)
  CHROME_PATH=/usr/bin/chromium "$tool/node_modules/.bin/lighthouse" "http://127.0.0.1:$port${1:-/?land=BY}" \
    --quiet --output=json --output-path="$out/$preset.json" --chrome-flags="$flags" "${extra[@]}" \
    --only-categories=performance,accessibility,best-practices,seo
done
.venv/bin/python - "$out" <<'PY'
import json, sys
from pathlib import Path
TARGETS = {"mobile": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
           "desktop": {"performance": 100}}
TIMINGS = (("largest-contentful-paint", "LCP", 1500, "ms"), ("total-blocking-time", "TBT", 200, "ms"),
           ("cumulative-layout-shift", "CLS", 0.02, ""))
print(f"{'preset':8} {'what':22} {'measured':>10} {'target':>8}")
for preset in ("mobile", "desktop"):
    report = json.loads((Path(sys.argv[1]) / f"{preset}.json").read_text())
    for name, category in report["categories"].items():
        target = TARGETS[preset].get(name)
        score = round(category["score"] * 100)
        mark = "" if target is None else ("met" if score >= target else "not met")
        print(f"{preset:8} {name:22} {score:>10} {target if target is not None else '':>8} {mark}")
    for audit, label, target, unit in TIMINGS:
        value = report["audits"][audit]["numericValue"]
        shown = f"{value:.0f} {unit}" if unit else f"{value:.3f}"
        print(f"{preset:8} {label:22} {shown:>10} {target:>8} {'met' if value <= target else 'not met'}")
PY
