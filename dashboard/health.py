"""``/healthz`` in its own lane: a small WSGI app that runs as a process of its own beside the
page workers (``scripts/serve.sh`` starts it; nginx sends ``/healthz`` to it), so a load
balancer's check never waits in the queue behind page work, however busy the site is.

It answers from what the app itself would say: the data files' state (the same store and checks
as the app's, ``data.MeasuresStore``) and whether the app server takes connections. 200 while
it does, 503 when it does not (the instance should leave the load balancer's rotation).

    gunicorn dashboard.health:app --config /dev/null --workers 1 --threads 4 --bind 127.0.0.1:8051
"""

from __future__ import annotations

import json
import os
import socket
import threading

from dashboard.data import MeasuresStore

APP_ADDRESS_KEY = "WBK_APP_ADDRESS"  # host:port of the page workers (serve.sh sets it)
CONNECT_SECONDS = 0.5


def accepts(address: str) -> bool:
    """Whether the app server at ``host:port`` takes a connection (within half a second)."""
    host, _, port = address.rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=CONNECT_SECONDS):
            return True
    except (OSError, ValueError):
        return False


class HealthApp:
    def __init__(self, store: MeasuresStore | None = None, address: str | None = None):
        self._store, self._lock = store, threading.Lock()
        self.address = address or os.environ.get(APP_ADDRESS_KEY, "127.0.0.1:8050")

    def store(self) -> MeasuresStore:
        with self._lock:  # loaded on the first check, then only re-read when a file changes
            if self._store is None:
                self._store = MeasuresStore()
            return self._store

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != "/healthz":
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"Not found"]
        store = self.store()
        load, health, up = store(), store.health(), accepts(self.address)
        body = json.dumps({"status": "ok" if up else "down", "app_accepts": up, "data_ok": health.ok,
                           "why": health.why[:20], "files": health.files, "measures": len(load.measures),
                           "rows_skipped": load.rows_skipped}).encode()
        start_response("200 OK" if up else "503 Service Unavailable",
                       [("Content-Type", "application/json"), ("Cache-Control", "no-store"),
                        ("Content-Length", str(len(body)))])
        return [body]


app = HealthApp()
