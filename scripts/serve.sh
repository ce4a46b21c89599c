#!/usr/bin/env bash
# Production shape on one machine: gunicorn on 127.0.0.1 behind nginx, which absorbs slow
# clients (deploy/nginx.conf.template). Installs the Python packages; nginx is Debian's
# package (`apt-get install nginx`). Starts nginx once gunicorn answers, starts gunicorn again
# if it dies, and stops both on Ctrl-C or SIGTERM.
# Usage: bash scripts/serve.sh [--port 8080] [--app-port 8050] [--prefix .cache/nginx] [--no-install]
#                              [--server-name "weiterbildung.example.de"] [--health-port 8051]
set -euo pipefail
cd "$(dirname "$0")/.."
port=8080 app_port=8050 health_port="" prefix="$PWD/.cache/nginx" install=1 server_name="localhost 127.0.0.1"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --app-port) app_port="$2"; shift 2 ;;
    --prefix) prefix="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --no-install) install=0; shift ;;  # the packages are there already (the tests)
    --server-name) server_name="$2"; shift 2 ;;  # the site's host names; others are refused
    --health-port) health_port="$2"; shift 2 ;;  # the health lane (default: the app's port + 1)
    *) echo "usage: bash scripts/serve.sh [--port P] [--app-port P] [--prefix DIR] [--no-install] [--server-name NAMES]" \
            "[--health-port P]" >&2
       exit 2 ;;
  esac
done
health_port=${health_port:-$((app_port + 1))}
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx" >&2; exit 1; }
[ "$install" = 0 ] || bash scripts/install.sh requirements.lock

mkdir -p "$prefix/tmp"
# What nginx's workers write (request bodies, answers, the cache of public pages): a new folder
# with an unpredictable name each start, which they own (started as root, nginx runs them as
# "nobody", who may not enter the prefix).
cache=$(mktemp -d "${TMPDIR:-/tmp}/weiterbildungskarte-cache.XXXXXXXX")
[ "$(id -u)" != 0 ] || chown nobody "$cache"
sed -e "s#@PREFIX@#$prefix#g" -e "s#@LISTEN@#$port#g" -e "s#@APP@#127.0.0.1:$app_port#g" -e "s#@CACHE@#$cache#g" \
    -e "s#@SERVER_NAME@#$server_name#g" -e "s#@HEALTH@#127.0.0.1:$health_port#g" \
  deploy/nginx.conf.template > "$prefix/nginx.conf"

start_app() {
  WBK_TRUSTED_PROXIES=1 .venv/bin/gunicorn dashboard.wsgi:server --bind "127.0.0.1:$app_port" &
  app=$!
}
# /healthz in its own lane (dashboard/health.py): never queued behind page work.
start_health() {
  WBK_APP_ADDRESS="127.0.0.1:$app_port" .venv/bin/gunicorn dashboard.health:app --config /dev/null \
    --workers 1 --threads 4 --bind "127.0.0.1:$health_port" --log-level warning &
  health=$!
}
app_ready() {
  .venv/bin/python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
    "http://127.0.0.1:$app_port/healthz" 2>/dev/null
}
app="" web="" health=""
stop() {
  local status=$?
  trap - EXIT INT TERM
  [ -z "$web" ] || nginx -p "$prefix" -c "$prefix/nginx.conf" -s quit 2>/dev/null || true
  [ -z "$app" ] || kill "$app" 2>/dev/null || true
  [ -z "$health" ] || kill "$health" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$cache"
  exit "$status"
}
trap stop EXIT INT TERM

start_app
start_health
# nginx only once gunicorn answers: no window in which visitors get "502 Bad Gateway"
for _ in $(seq 240); do app_ready && break; sleep 0.5; done
nginx -p "$prefix" -c "$prefix/nginx.conf" -g "daemon off;" &
web=$!
echo "Weiterbildungskarte: http://127.0.0.1:$port/ (nginx) -> gunicorn on 127.0.0.1:$app_port"
# Supervision: a gunicorn master that dies (crash, OOM killer, kill -9) is started again; nginx
# answers from its cache and retries meanwhile. ("sleep & wait": the trap runs at once on SIGTERM.)
while kill -0 "$web" 2>/dev/null; do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "gunicorn stopped; starting it again" >&2
    start_app
  fi
  if ! kill -0 "$health" 2>/dev/null; then
    start_health
  fi
  sleep 1 & wait $!
done
echo "nginx stopped" >&2
exit 1
