"""The HTML page around the Dash app: what the browser loads at once, and what only on demand.

A citizen on a phone waits for every script the page names before the map appears, so the
page names only what the first view needs:

* plotly.js comes as our own partial bundle (``assets/vendor/bundle.min.js``, the choropleth
  trace only; see ``scripts/browser_bundle``). Dash's dcc.Graph uses ``window.Plotly`` when it
  is there and never fetches its own 4.8 MB full bundle.
* Component libraries in ``ON_DEMAND`` (AG Grid, for the comparison table) are left out of the
  page; their script URLs go into a JSON block that ``assets/app.js`` reads to load them
  when the comparison is opened (``loadLibrary``).
* Scripts in ``LEFT_OUT`` are ones Dash names on every page that this page does not need.
* The favicon and the stylesheet are inline: a request fewer each, and the stylesheet no
  longer holds the first paint back by a round trip (it is 3 KB compressed).
* The renderer's configuration names no software versions (Python, plotly): nothing a
  visitor needs, and a map for anyone looking for a known weakness.
* The first view is drawn by the server (dashboard/firstview.py) and needs one script,
  assets/app.js. Dash's scripts are in the page but inert until Dash starts (``START_ID``).
  Then the layout, the callback graph and the code chunks of the first view's components are
  preloaded: the browser fetches them while it runs the scripts, instead of one round trip
  after another once the renderer asks for them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import dash
from flask import has_request_context, request

from dashboard.site import base_url

# Paths below /_dash-component-suites/. ON_DEMAND maps the global a library defines to its path.
ON_DEMAND = {"dash_ag_grid": "dash_ag_grid/"}
LEFT_OUT = {
    "dash/dash_table/": "DataTable's bundle: the app has no DataTable",
    "dash/deps/polyfill@": "babel's polyfill for browsers without ES2015 (30 KB compressed); the one part "
                           "Dash still calls, regeneratorRuntime, comes with assets/vendor/bundle.min.js",
}
LAZY_SCRIPTS_ID = "wbk-lazy-scripts"  # read by assets/app.js
# A filled circle in the brand colour, so tabs and bookmarks show something of ours.
FAVICON = ('<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 '
           'viewBox=%220 0 16 16%22%3E%3Ccircle cx=%228%22 cy=%228%22 r=%228%22 fill=%22%2308306b%22/%3E%3C/svg%3E">')

_STYLESHEET_TAG = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"?]+)(?:\?[^"]*)?">')
_SCRIPT_TAG = re.compile(r'<script src="(?P<src>[^"]+)"></script>\n?')
_SUITE = re.compile(r"/_dash-component-suites/(?P<path>.+)$")


def split_scripts(scripts_html: str) -> tuple[str, dict[str, list[str]]]:
    """Dash's script tags -> (the tags the page keeps, {library: script URLs to load later}).

    Tags in ``LEFT_OUT`` are dropped, those of ``ON_DEMAND`` ones moved to the second
    result in their order; everything else (inline scripts included) stays as it was."""
    later: dict[str, list[str]] = {}

    def sort_out(match: re.Match) -> str:
        suite = _SUITE.search(match["src"])
        path = suite["path"] if suite else ""
        for library, prefix in ON_DEMAND.items():
            if path.startswith(prefix):
                later.setdefault(library, []).append(match["src"])
                return ""
        return "" if path.startswith(tuple(LEFT_OUT)) else match.group(0)

    return _SCRIPT_TAG.sub(sort_out, scripts_html), later


PAGE = """<!DOCTYPE html>
<html lang="de">
<head>
{%metas%}
<title>{%title%}</title>
{%favicon%}
{%css%}
</head>
<body>
{%app_entry%}
{%config%}{%scripts%}{%renderer%}
</body>
</html>"""


# The page's first view is drawn by the server (dashboard/firstview.py); Dash's scripts are not
# in the way of it. They are listed in a JSON block (START_ID) that assets/app.js loads at the
# first use of a control, or when the browser has been idle for START_WHEN_IDLE_MS after the
# page loaded: a person who only looks and taps the map never waits for them, and a slow
# phone's processor is not busy with them while the first view is read.
START_ID = "wbk-start"
START_WHEN_IDLE_MS = 3000
WAITING_CLASS = "waiting"  # Dash's page, hidden until it shows what the first view shows (app.css)
NOW = ("/assets/app.js",)  # the one script the first view runs
DEFERRED_ATTRIBUTE = "data-start"


def json_block(element_id: str, data) -> str:
    """JSON in a non-executed script element: no inline code, so the CSP needs no hash for it.
    "</" is escaped so that no URL could ever close the element early."""
    text = json.dumps(data).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>\n'


def inert(scripts_html: str) -> str:
    """Every script tag but ``NOW``'s made inert (``type="text/plain"``: the browser neither
    fetches nor runs it); assets/app.js starts them, in their order, with ``DEFERRED_ATTRIBUTE``."""
    def sort_out(match: re.Match) -> str:
        if urlsplit(match["src"]).path.endswith(NOW):
            return match.group(0)
        return f'<script type="text/plain" {DEFERRED_ATTRIBUTE} src="{match["src"]}"></script>\n'

    return _SCRIPT_TAG.sub(sort_out, scripts_html)


# Code chunks that the page's components load themselves when they first render: not named
# in the page, but fetched by it. The first view's (dcc's dropdowns and graph) are preloaded.
FIRST_VIEW_CHUNKS = ("dash/dcc/async-dropdown.js", "dash/dcc/async-graph.js")
CHUNKS = (*FIRST_VIEW_CHUNKS, "dash_ag_grid/async-community.js")
# What Dash's renderer fetches first (GET, same origin), preloaded with matching fetch mode.
PRELOADED_DOCUMENTS = ("_dash-layout", "_dash-dependencies")


# Keys of Dash's renderer configuration that only describe the server's software, and Dash's
# token per page load ("end_id"), which binds background callbacks to the load: this app has
# none, and without it the page is the same for everyone, so a shared cache (deploy/nginx.conf)
# can answer with it.
VERSION_KEYS = ("python_version", "plotly_version", "ddk_version", "dash_version", "dash_version_url", "end_id")
_CONFIG = re.compile(r'(<script id="_dash-config" type="application/json">)(.*?)(</script>)', re.S)


def without_versions(config_html: str) -> str:
    """Dash's configuration script with ``VERSION_KEYS`` removed."""
    def strip(match: re.Match) -> str:
        config = json.loads(match.group(2))
        for key in VERSION_KEYS:
            config.pop(key, None)
        return match.group(1) + json.dumps(config).replace("</", "<\\/") + match.group(3)
    return _CONFIG.sub(strip, config_html)


def page_resources(page_html: str) -> list[str]:
    """Every script and stylesheet URL of this server that ``page_html`` loads, at once, on
    demand (the JSON block of ``ON_DEMAND`` libraries) or through its components (``CHUNKS``)."""
    urls = re.findall(r'(?:src|href)="(/(?:assets|_dash-component-suites)/[^"]+)"', page_html)
    later = _json_block(page_html, LAZY_SCRIPTS_ID)
    return (urls + [url for library_urls in later.values() for url in library_urls]
            + [f"/_dash-component-suites/{chunk}" for chunk in CHUNKS])


def _json_block(page_html: str, element_id: str) -> dict:
    block = re.search(f'id="{element_id}">(.*?)</script>', page_html, re.S)
    return json.loads(block.group(1).replace("<\\/", "</")) if block else {}


class DashboardDash(dash.Dash):
    """dash.Dash with the page trimmed as the module docstring says (``interpolate_index`` is
    Dash's documented hook for changing the page)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.index_string = PAGE
        # (address's query, site's base URL) -> the server's first view (dashboard/firstview.py)
        self.first_view: Callable[[str, str], str] | None = None

    def interpolate_index(self, **kwargs) -> str:
        scripts, later = split_scripts(kwargs["scripts"])
        start = {"preload": self.preloads(), "idle_ms": START_WHEN_IDLE_MS}
        kwargs["scripts"] = json_block(LAZY_SCRIPTS_ID, later) + json_block(START_ID, start) + inert(scripts)
        # assets/app.js starts the renderer once its scripts are there; Dash's own line stays in
        # the page (Dash checks that it is), as a script element the browser does not run.
        kwargs["renderer"] = kwargs["renderer"].replace('type="application/javascript"', 'type="text/plain"')
        kwargs["favicon"] = FAVICON
        kwargs["config"] = without_versions(kwargs["config"])
        kwargs["css"] = _STYLESHEET_TAG.sub(self.inline_stylesheet, kwargs["css"])
        first_view = self.first_view(request.query_string.decode("latin-1"), base_url()) \
            if self.first_view and has_request_context() else ""
        kwargs["app_entry"] = f'<div id="react-entry-point" class="{WAITING_CLASS}"></div>\n{first_view}'
        return super().interpolate_index(**kwargs)

    def inline_stylesheet(self, match: re.Match) -> str:
        """<link> to one of our assets -> <style> with its text (others are left alone)."""
        prefix = self.get_asset_url("")
        if not match["href"].startswith(prefix):
            return match.group(0)
        path = Path(self.config.assets_folder) / match["href"].removeprefix(prefix)
        return f"<style>{path.read_text(encoding='utf-8')}</style>"

    def preloads(self) -> list[dict]:
        """What Dash fetches first once it starts, for assets/app.js to preload then."""
        prefix = self.config.requests_pathname_prefix
        return ([{"href": f"{prefix}{path}", "as": "fetch"} for path in PRELOADED_DOCUMENTS]
                + [{"href": f"{prefix}_dash-component-suites/{chunk}", "as": "script"} for chunk in FIRST_VIEW_CHUNKS])
