#!/usr/bin/env bash
# Install the dashboard into .venv and serve it with gunicorn on http://127.0.0.1:8050
# (embedded data, no other services). Usage: bash scripts/start.sh [--host H] [--port P]
# (or WBK_HOST / WBK_PORT). gunicorn reads gunicorn.conf.py: workers, threads, preload.
set -euo pipefail
cd "$(dirname "$0")/.."
host="${WBK_HOST:-127.0.0.1}"
port="${WBK_PORT:-8050}"
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "usage: bash scripts/start.sh [--host H] [--port P]" >&2; exit 2 ;;
  esac
done
bash scripts/install.sh requirements.lock  # every package pinned and hash-checked
echo "Weiterbildungskarte: http://$host:$port/"
exec .venv/bin/gunicorn dashboard.wsgi:server --bind "$host:$port"
