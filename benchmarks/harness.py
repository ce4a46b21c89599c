"""Plumbing for ``benchmarks/run.py``: gunicorn as a subprocess, headless Chromium with the
CDP Network log, and small statistics helpers. Nothing here knows about the dashboard."""

from __future__ import annotations

import json
import math
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS as TEST_CHROMIUM_FLAGS  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = (
    *TEST_CHROMIUM_FLAGS,  # the same browser the tests drive
    # Loopback only: any other host name fails at once instead of waiting for a timeout.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
)
# What Chromium offers an https site (production is behind TLS); over the benchmark's plain
# http it would offer neither brotli nor zstd.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
ACCESS_LOG_FORMAT = "%(p)s %(m)s %(U)s %(s)s"  # worker pid, method, path, status


# --------------------------------------------------------------------------- helpers
def percentile(values, q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default); None for no values."""
    data = sorted(values)
    if not data:
        return None
    position = (len(data) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return data[low] + (data[high] - data[low]) * (position - low)


def wait_until(predicate, timeout: float, interval: float = 0.02) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(url: str, timeout: float = 30) -> int:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        return response.status


# --------------------------------------------------------------------------- gunicorn
class Gunicorn:
    """``gunicorn APP`` on a free loopback port, from the repository root, for a ``with`` block.

    Every request goes to an access log with the worker's pid, so that ``warm_up`` can make
    sure each worker has rendered the index page and ``http_errors`` can count failures."""

    def __init__(self, app: str, workers: int, workdir: Path, *, pythonpath: str | None = None,
                 env: dict | None = None):
        self.app, self.workers, self.pythonpath, self.env = app, workers, pythonpath, env or {}
        self.name = app.split(":")[0].replace(".", "-")
        self.access_log = workdir / f"{self.name}-{workers}w-access.log"
        self.error_log = workdir / f"{self.name}-{workers}w-error.log"
        self.process: subprocess.Popen | None = None
        self.url = ""

    def __enter__(self) -> Gunicorn:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "gunicorn", self.app, "--workers", str(self.workers),
                   "--bind", f"127.0.0.1:{port}", "--chdir", str(REPO), "--timeout", "120",
                   "--no-control-socket", "--error-logfile", str(self.error_log),
                   "--access-logfile", str(self.access_log), "--access-logformat", ACCESS_LOG_FORMAT]
        if self.pythonpath:
            command += ["--pythonpath", self.pythonpath]
        # From the repository root, so gunicorn reads the project's gunicorn.conf.py (threads,
        # preload, ...) as in production; the options above override what they name.
        self.process = subprocess.Popen(command, cwd=REPO, env={**os.environ, **self.env},
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            self._wait_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *_exc) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # the master stops its workers
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # our own session: master and workers
            self.process.wait(timeout=10)

    def _wait_ready(self, timeout: float = 120) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.app} exited:\n{self.log_tail()}")
            try:
                if http_get(self.url + "/") == 200:
                    return
            except OSError:
                time.sleep(0.25)
        raise RuntimeError(f"gunicorn {self.app} not ready after {timeout} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        text = self.error_log.read_text(errors="replace") if self.error_log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def access_entries(self) -> list[tuple[str, str, str, int]]:
        """(pid, method, path, status) of every request so far."""
        entries = []
        if self.access_log.exists():
            for line in self.access_log.read_text(errors="replace").splitlines():
                parts = line.split()
                if len(parts) == 4 and parts[3].isdigit():
                    entries.append((parts[0], parts[1], parts[2], int(parts[3])))
        return entries

    def http_errors(self) -> list[tuple[str, str, str, int]]:
        return [entry for entry in self.access_entries() if entry[3] >= 400]

    def worker_class(self) -> str:
        for line in self.error_log.read_text(errors="replace").splitlines():
            if "Using worker:" in line:
                return line.rsplit(":", 1)[1].strip()
        return "?"

    def warm_up(self, rounds: int = 100) -> None:
        """Make every worker render the index page once.

        Dash registers the component-suite paths it may serve only while rendering the index,
        per process; a gunicorn worker that has not served ``/`` yet answers 500 for a bundle
        such as dash_ag_grid's, and the page stays blank. Concurrent requests spread over the
        workers; the access log tells which pids have served ``/``."""
        with ThreadPoolExecutor(2 * self.workers) as pool:
            for _ in range(rounds):
                list(pool.map(lambda _: http_get(self.url + "/"), range(2 * self.workers)))
                if len({pid for pid, _m, path, _s in self.access_entries() if path == "/"}) >= self.workers:
                    return
        raise RuntimeError(f"not every worker of {self.app} served the index page")


# --------------------------------------------------------------------------- Chromium
@contextmanager
def chromium():
    """Headless Chromium whose CDP Network events are readable through the performance log."""
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Accept-Encoding": ACCEPT_ENCODING}})
        yield driver
    finally:
        driver.quit()


@dataclass
class Request:
    """One request as the CDP Network domain saw it. Times are CDP monotonic seconds."""

    id: str
    url: str = ""
    method: str = ""
    post_data: str | None = None
    started: float | None = None
    finished: float | None = None
    failed: str | None = None
    status: int | None = None
    encoding: str = ""  # Content-Encoding of the response ("" = identity)
    header_bytes: int = 0  # the raw response header block
    wire_bytes: int = 0  # everything received for it: headers and (possibly compressed) body
    decoded_bytes: int = 0  # the body after decoding
    ttfb_ms: float | None = None  # request sent -> response headers received

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    @property
    def body_bytes(self) -> int:
        """The body as it crossed the wire (compressed when the server compressed it)."""
        return max(self.wire_bytes - self.header_bytes, 0)

    @property
    def duration_ms(self) -> float | None:
        if self.started is None or self.finished is None:
            return None
        return (self.finished - self.started) * 1000

    @property
    def ok(self) -> bool:
        return self.failed is None and self.status is not None and self.status < 400


class NetworkLog:
    """Collects CDP Network events from chromedriver's performance log, request by request."""

    def __init__(self, driver):
        self.driver = driver
        self.by_id: dict[str, Request] = {}
        self.order: list[Request] = []  # in the order the requests were sent
        self.last_event = time.monotonic()
        self.poll()  # drop what happened before

    def _request(self, request_id: str) -> Request:
        if request_id not in self.by_id:
            self.by_id[request_id] = Request(request_id)
        return self.by_id[request_id]

    def poll(self) -> None:
        entries = self.driver.get_log("performance")
        if entries:
            self.last_event = time.monotonic()
        for entry in entries:
            message = json.loads(entry["message"])["message"]
            method, params = message["method"], message.get("params", {})
            handler = self.HANDLERS.get(method)
            if handler and "requestId" in params:
                handler(self, self._request(params["requestId"]), params)

    def _sent(self, request: Request, params: dict) -> None:
        if request.started is None:
            self.order.append(request)
            request.method = params["request"]["method"]
            request.post_data = params["request"].get("postData")
            request.started = params["timestamp"]
        request.url = params["request"]["url"]  # the final URL after a redirect

    def _response(self, request: Request, params: dict) -> None:
        response = params["response"]
        request.status = response["status"]
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        request.encoding = headers.get("content-encoding", "")
        timing = response.get("timing")
        if timing:
            request.ttfb_ms = timing["receiveHeadersEnd"] - timing["sendEnd"]

    def _headers(self, request: Request, params: dict) -> None:
        request.header_bytes = len(params.get("headersText", "").encode())

    def _data(self, request: Request, params: dict) -> None:
        request.decoded_bytes += params["dataLength"]

    def _finished(self, request: Request, params: dict) -> None:
        request.finished, request.wire_bytes = params["timestamp"], int(params["encodedDataLength"])

    def _failed(self, request: Request, params: dict) -> None:
        request.finished, request.failed = params["timestamp"], params.get("errorText", "failed")

    HANDLERS = {  # CDP Network event -> what it tells about its request
        "Network.requestWillBeSent": _sent,
        "Network.responseReceived": _response,
        "Network.responseReceivedExtraInfo": _headers,
        "Network.dataReceived": _data,
        "Network.loadingFinished": _finished,
        "Network.loadingFailed": _failed,
    }

    def mark(self) -> int:
        self.poll()
        return len(self.order)

    def since(self, mark: int) -> list[Request]:
        return [r for r in self.order[mark:] if r.url.startswith("http")]

    def wait_idle(self, mark: int = 0, *, quiet: float = 0.3, timeout: float = 30.0,
                  min_posts: int = 0) -> bool:
        """Until nothing is in flight and nothing happened for ``quiet`` seconds, with at
        least ``min_posts`` POSTs sent since ``mark``."""
        def idle() -> bool:
            self.poll()
            new = self.since(mark)
            return (sum(r.method == "POST" for r in new) >= min_posts
                    and all(r.finished is not None for r in new)
                    and time.monotonic() - self.last_event >= quiet)
        return wait_until(idle, timeout, interval=0.05)
