#!/usr/bin/env bash
# Production shape on one machine: gunicorn on 127.0.0.1 behind nginx, which absorbs slow
# clients (deploy/nginx.conf.template). Installs the Python packages; nginx is Debian's
# package (`apt-get install nginx`). Stops both on Ctrl-C or SIGTERM.
# Usage: bash scripts/serve.sh [--port 8080] [--app-port 8050] [--prefix .cache/nginx] [--no-install]
set -euo pipefail
cd "$(dirname "$0")/.."
port=8080 app_port=8050 prefix="$PWD/.cache/nginx" install=1
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --app-port) app_port="$2"; shift 2 ;;
    --prefix) prefix="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --no-install) install=0; shift ;;  # the packages are there already (the tests)
    *) echo "usage: bash scripts/serve.sh [--port P] [--app-port P] [--prefix DIR] [--no-install]" >&2; exit 2 ;;
  esac
done
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx" >&2; exit 1; }
[ "$install" = 0 ] || bash scripts/install.sh requirements.lock

mkdir -p "$prefix/tmp"
# What nginx's workers write (request bodies, answers, the cache of public pages): a new folder
# with an unpredictable name each start, which they own (started as root, nginx runs them as
# "nobody", who may not enter the prefix).
cache=$(mktemp -d "${TMPDIR:-/tmp}/weiterbildungskarte-cache.XXXXXXXX")
[ "$(id -u)" != 0 ] || chown nobody "$cache"
sed -e "s#@PREFIX@#$prefix#g" -e "s#@LISTEN@#$port#g" -e "s#@APP@#127.0.0.1:$app_port#g" -e "s#@CACHE@#$cache#g" \
  deploy/nginx.conf.template > "$prefix/nginx.conf"

WBK_TRUSTED_PROXIES=1 .venv/bin/gunicorn dashboard.wsgi:server --bind "127.0.0.1:$app_port" &
app=$!
trap 'kill "$app" 2>/dev/null; nginx -p "$prefix" -c "$prefix/nginx.conf" -s quit 2>/dev/null; wait; rm -rf "$cache"' EXIT INT TERM
echo "Weiterbildungskarte: http://127.0.0.1:$port/ (nginx) -> gunicorn on 127.0.0.1:$app_port"
nginx -p "$prefix" -c "$prefix/nginx.conf" -g "daemon off;"
