#!/usr/bin/env bash
# A burst of visitors through nginx (issue #19, part 4): the production shape of scripts/serve.sh
# (nginx in front of gunicorn, deploy/nginx.conf.template), then wrk (Debian's package, a
# benchmark tool only: apt-get install wrk) on the pages a shared link or press coverage brings
# people to. Each URL is asked once first, so nginx has it; then WRK_SECONDS of requests from
# WRK_CONNECTIONS connections, as a browser asks (brotli). Prints requests per second, errors
# (non-2xx answers and socket errors) and latency beside the target: at least 5,000 requests/s
# on two cores, 0 errors. Not a test: figures depend on the machine.
# Usage: bash benchmarks/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
bash scripts/install.sh requirements-dev.lock >/dev/null  # the .venv of the tests (urllib3 1.26 for selenium)
free_port() { .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port) app_port=$(free_port) prefix=$(mktemp -d)
# its own process group: serve.sh waits for nginx in the foreground, so the group is stopped
setsid bash scripts/serve.sh --port "$port" --app-port "$app_port" --prefix "$prefix" --no-install >/dev/null 2>&1 &
serve=$!
trap 'kill -- -"$serve" 2>/dev/null; wait 2>/dev/null; rm -rf "$prefix"' EXIT
for _ in $(seq 90); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
seconds=${WRK_SECONDS:-10} connections=${WRK_CONNECTIONS:-64}
printf '%-24s %12s %8s %10s %10s %8s\n' "path" "requests/s" "errors" "p50" "p99" "cache"
for path in "/?land=BY" "/" "/land/BY" "/massnahme/by-meisterbonus" "/daten/massnahmen.csv" "/vorschau/BY.png"; do
  url="http://127.0.0.1:$port$path"
  cache=$(curl -s -o /dev/null -H 'Accept-Encoding: br' -D - "$url" >/dev/null; \
          curl -s -o /dev/null -H 'Accept-Encoding: br' -D - "$url" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache-status"{print $2}')
  report=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -H 'Accept-Encoding: br' "$url")
  rate=$(awk '/^Requests\/sec/ {print $2}' <<<"$report")
  bad=$(awk '/Non-2xx or 3xx responses/ {n += $5} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$report")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$report")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$report")
  printf '%-24s %12s %8s %10s %10s %8s\n' "$path" "$rate" "$bad" "$p50" "$p99" "${cache:-none}"
done
echo "target: at least 5,000 requests/s on two cores, 0 errors (wrk -t2 -c$connections -d${seconds}s, brotli)"

# /healthz while 200 clients keep the page workers busy (benchmarks/mixed.lua: mostly views no
# cache holds). The check has its own lane (dashboard/health.py): target p95 at most 100 ms.
wrk -t1 -c200 -d"${seconds}s" -s benchmarks/mixed.lua -H 'Accept-Encoding: br' "http://127.0.0.1:$port" >/tmp/wbk-mixed.txt &
busy=$!
sleep 1
health=$(wrk -t1 -c2 -d"$((seconds - 2))s" --latency "http://127.0.0.1:$port/healthz")
wait "$busy"
printf '%-24s %12s %10s %10s %10s\n' "/healthz under load" "requests/s" "p50" "p90" "p99"
printf '%-24s %12s %10s %10s %10s\n' "" "$(awk '/^Requests\/sec/ {print $2}' <<<"$health")" \
  "$(awk '$1 == "50%" {print $2}' <<<"$health")" "$(awk '$1 == "90%" {print $2}' <<<"$health")" \
  "$(awk '$1 == "99%" {print $2}' <<<"$health")"
echo "meanwhile, mixed traffic: $(awk '/^Requests\/sec/ {print $2}' /tmp/wbk-mixed.txt) requests/s," \
  "$(awk '/Non-2xx/ {n = $5} END {print n + 0}' /tmp/wbk-mixed.txt) non-2xx"
echo "target: /healthz p95 at most 100 ms with 200 clients busy"
