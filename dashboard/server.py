"""Production concerns of the Flask server under Dash: security headers, caching, health.

Configuration comes from environment variables (documented in the README), so the same
image runs unchanged behind any load balancer:

``WBK_FRAME_ANCESTORS``  who may embed the dashboard in a frame, as CSP sources
                         (default ``'self'``; e.g. ``'self' https://www.ministerium.de``)
``WBK_FORCE_HTTPS``      ``1`` to redirect http to https (default off: TLS is usually ended at
                         the proxy); /healthz is never redirected. HSTS is sent on every
                         https response either way.
``WBK_ASSET_MAX_AGE``    seconds browsers may cache fingerprinted assets (default one year)
``WBK_MAX_REQUEST_BYTES`` the largest request body accepted (default 256 KiB; larger: 413)
``WBK_TRUSTED_PROXIES``  how many reverse proxies in front set X-Forwarded-For/-Proto (default
                         0; 1 behind deploy/nginx.conf)
``WBK_PUBLIC_URL``       the site's public address (``https://weiterbildung.example.de``): every
                         absolute link (feed, sitemap, canonical, QR code) is built from it, never
                         from the client's Host header; unset, from the request (local use)
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import brotli
import dash
from dash.exceptions import DependencyException
from flask import abort, request
from flask_compress import Compress
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard.constants import LEGAL_PAGES
from dashboard.page import page_resources
from dashboard.site import CONFIG_KEY as PUBLIC_URL_KEY
from dashboard.site import public_url_setting

YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class ServerSettings:
    frame_ancestors: str = "'self'"
    force_https: bool = False
    asset_max_age: int = YEAR
    # The largest callback request the page sends is a few KB; anything past this is 413.
    max_request_bytes: int = 256 * 1024
    trusted_proxies: int = 0  # reverse proxies in front whose X-Forwarded-* headers to trust
    public_url: str = ""  # the site's address for absolute links (dashboard/site.py); "" = the request's

    @classmethod
    def from_env(cls, environ=os.environ) -> ServerSettings:
        return cls(
            frame_ancestors=frame_ancestors_setting(environ.get("WBK_FRAME_ANCESTORS", "")) or cls.frame_ancestors,
            force_https=environ.get("WBK_FORCE_HTTPS", "0").strip().lower() in {"1", "true", "yes"},
            asset_max_age=int(environ.get("WBK_ASSET_MAX_AGE", cls.asset_max_age)),
            max_request_bytes=int(environ.get("WBK_MAX_REQUEST_BYTES", cls.max_request_bytes)),
            trusted_proxies=int(environ.get("WBK_TRUSTED_PROXIES", cls.trusted_proxies)),
            public_url=public_url_setting(environ.get("WBK_PUBLIC_URL", "")),
        )


# One source of a CSP source list: a keyword, or a scheme and host (a "*." subdomain wildcard and
# a port allowed). Nothing else: a ";" or "," would add directives to the policy.
FRAME_SOURCE = re.compile(r"'self'|'none'|https?://(\*\.)?[a-z0-9.-]+(:\d{1,5})?", re.IGNORECASE)


def frame_ancestors_setting(value: str) -> str:
    """``WBK_FRAME_ANCESTORS`` checked: CSP sources separated by spaces ("" if unset); raises
    ValueError naming the first that is not one."""
    sources = value.split()
    for source in sources:
        if not FRAME_SOURCE.fullmatch(source):
            raise ValueError(f"WBK_FRAME_ANCESTORS: {source!r} is not a source like 'self' or https://www.example.de")
    return " ".join(sources)


def content_security_policy(app: dash.Dash, settings: ServerSettings) -> dict:
    """Scripts only from this server, plus Dash's own inline scripts by hash (no
    'unsafe-inline' for scripts). Styles allow inline: plotly positions its SVG with them."""
    return {
        "default-src": "'self'",
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],  # the modebar's PNG download is a data: URL
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": settings.frame_ancestors,
    }


# What every visitor downloads unchanged: script bundles, stylesheets, the layout and the
# callback graph. flask-compress compresses each response anew at a quick setting, which is
# right for callback answers; these are worth brotli's best setting once.
STATIC_PATHS = ("/_dash-component-suites/", "/assets/", "/_dash-layout", "/_dash-dependencies")
STATIC_MIN_BYTES = 1024


class StaticCompressor:
    """Brotli at quality 11 (or gzip at 9 for clients without brotli), once per distinct body,
    encoding and process, kept in a bounded LRU.

    Keyed by the body's digest, so a changed file or layout is compressed anew and a client
    cannot grow the cache with made-up URLs (they do not reach a 200 response)."""

    def __init__(self, max_entries: int = 256, quality: int = 11):
        self.max_entries = max_entries
        self.quality = quality
        self._cache: OrderedDict[bytes, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, body: bytes, encoding: str) -> bytes:
        key = encoding.encode() + hashlib.blake2b(body, digest_size=16).digest()
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        # ~1.4 s for plotly at brotli 11: outside the lock
        compressed = brotli.compress(body, quality=self.quality) if encoding == "br" else gzip.compress(body, 9)
        with self._lock:
            self._cache[key] = compressed
            while len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)
        return compressed


STATIC_COMPRESSOR = StaticCompressor()  # one per process: every app in it serves the same files
# The page itself (with its first view, dashboard/firstview.py) differs per address: brotli 10
# takes a tenth of a second for it (11: a third) and saves 4 KB against flask-compress's 7.
# Its own cache, so that many addresses never push the bundles out of the other.
PAGE_COMPRESSOR = StaticCompressor(max_entries=64, quality=10)
PAGE_PATHS = ("/",)


def compress_static(response):
    """after_request: serve STATIC_PATHS (and PAGE_PATHS) compressed at the best setting the
    client takes."""
    encoding = next((e for e in ("br", "gzip") if request.accept_encodings[e]), None)
    page = request.path in PAGE_PATHS
    if (request.method != "GET" or response.status_code != 200 or encoding is None
            or not (page or request.path.startswith(STATIC_PATHS)) or "Content-Encoding" in response.headers):
        return response
    response.direct_passthrough = False  # assets come as a file stream: read it
    body = response.get_data()
    if len(body) < STATIC_MIN_BYTES:
        return response
    response.set_data((PAGE_COMPRESSOR if page else STATIC_COMPRESSOR)(body, encoding))
    response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    if page or not response.get_etag()[0]:
        # The layout and the callback graph carry no validator of their own: with one, a
        # returning visitor's browser gets "304 Not Modified" instead of them again. The
        # page's (from cache_public_reads) is its uncompressed body's: one per encoding instead.
        response.set_etag(f"{hashlib.blake2b(body, digest_size=16).hexdigest()}-{encoding}")
    return response.make_conditional(request)


CALLBACK_PATH = "/_dash-update-component"


def _is_dependency(value) -> bool:
    """One input or state entry as Dash's renderer sends it: {id, property, value?}, or a list
    of them for a pattern-matching (ALL) dependency."""
    if isinstance(value, list):
        return all(_is_dependency(item) and not isinstance(item, list) for item in value)
    return isinstance(value, dict) and isinstance(value.get("property"), str) and isinstance(value.get("id"), (str, dict))


def callback_request_problem(body, callback_map: dict) -> str | None:
    """Why a callback request is not one the page could have sent, or None. Dash itself
    answers such requests with a 500 and a traceback in the log (KeyError, IndexError)."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return "not a callback request"
    callback = callback_map.get(body["output"])
    if callback is None or "callback" not in callback:  # clientside callbacks run in the page only
        return "no such callback"
    for part in ("inputs", "state"):
        entries = body.get(part, [])
        if not isinstance(entries, list) or len(entries) != len(callback.get(part, [])) \
                or not all(_is_dependency(entry) for entry in entries):
            return f"{part} do not match the callback"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(prop, str) for prop in changed):
        return "changedPropIds must be a list of strings"
    several = body["output"].startswith("..")  # Dash's form for a callback with several outputs
    parts = body["output"].strip(".").split("...") if several else [body["output"]]
    outputs = body.get("outputs") if several else [body.get("outputs")]
    if not isinstance(outputs, list) or len(outputs) != len(parts) or not all(
            _is_dependency(o) and (isinstance(o, dict) or part.startswith("{"))  # a list: pattern (ALL) only
            for o, part in zip(outputs, parts, strict=True)):
        return "outputs do not match the callback"
    return _inconsistency(body, parts, outputs)


def _inconsistency(body: dict, parts: list[str], outputs: list) -> str | None:
    """What a well-shaped request still gets wrong: outputs naming other components than the
    callback's, or pattern-matching (ALL) lists of different lengths (Dash would answer 500)."""
    if any(isinstance(o, dict) and isinstance(o["id"], str) and part != f"{o['id']}.{o['property']}"
           for o, part in zip(outputs, parts, strict=True)):
        return "outputs name components of another callback"
    lists = [x for x in [*outputs, *body.get("inputs", []), *body.get("state", [])] if isinstance(x, list)]
    if len({len(x) for x in lists}) > 1:
        return "pattern-matching lists differ in length"
    return None


def warm_up(app: dash.Dash) -> None:
    """Serve the page and everything it loads once, inside this process.

    Dash sets itself up on its first request (registering the bundles it may serve) and marks
    that done before it is: a second thread's first request can fail with a 500 meanwhile.
    And brotli at its best setting takes seconds for plotly. Both should happen before the
    first visitor, not to them: call this where the app is created for serving (wsgi.py);
    with gunicorn's preload, workers inherit the result."""
    client = app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    for url in [*page_resources(page), "/_dash-layout", "/_dash-dependencies"]:
        for encoding in ("br", "gzip"):
            client.get(url, headers={"Accept-Encoding": encoding})


def without_forwarded_headers(wsgi_app):
    def app(environ, start_response):
        for key in [k for k in environ if k.startswith("HTTP_X_FORWARDED_")]:
            del environ[key]
        return wsgi_app(environ, start_response)
    return app


def configure_server(app: dash.Dash, settings: ServerSettings) -> None:
    """Call after all callbacks are registered: the CSP hashes cover their inline code."""
    server = app.server
    server.config[PUBLIC_URL_KEY] = settings.public_url
    if settings.trusted_proxies:
        # Behind nginx (deploy/nginx.conf): the client's scheme and address come in its headers.
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies)
    else:
        # No proxy to trust: a client's own X-Forwarded-* headers are dropped, or a plain-http
        # request saying "X-Forwarded-Proto: https" would pass WBK_FORCE_HTTPS's redirect.
        server.wsgi_app = without_forwarded_headers(server.wsgi_app)
    guard_requests(app, settings)
    # Brotli first: for JSON and scripts it is smaller than zstd or gzip at a comparable cost,
    # and every current browser takes it. Level 7 compresses the largest callback answer (every
    # Land's cards) in 5 ms.
    server.config.setdefault("COMPRESS_ALGORITHM", ["br", "zstd", "gzip", "deflate"])
    server.config.setdefault("COMPRESS_BR_LEVEL", 7)
    Compress(server)
    # Flask runs after_request functions in reverse order of registration: compress_static
    # before flask-compress (which leaves a response with a Content-Encoding alone), and the
    # CSP filter after Talisman has set the header.
    server.after_request(compress_static)
    server.after_request(cache_public_reads)  # runs before compress_static and compression
    server.after_request(policy_on_documents_only)
    talisman = Talisman(
        server,
        content_security_policy=content_security_policy(app, settings),
        force_https=settings.force_https,
        strict_transport_security=True,  # sent on https responses only: never on plain http
        session_cookie_secure=settings.force_https,
        frame_options=None,  # superseded by CSP frame-ancestors, which allows a list
        referrer_policy="strict-origin-when-cross-origin",
    )
    # A load balancer's health check asks over plain http and must get the answer, not a redirect.
    if "healthz" in server.view_functions:
        server.view_functions["healthz"] = talisman(force_https=False)(server.view_functions["healthz"])
    assets_prefix = app.get_asset_url("")

    @server.after_request
    def cache_fingerprinted_assets(response):
        # Dash appends ?m=<modification time> to asset URLs, so a changed file gets a new
        # URL and the old one can be cached for good. (Component suites Dash caches itself.)
        if request.path.startswith(assets_prefix) and "m" in request.args and response.status_code == 200:
            response.cache_control.no_cache = None  # Flask's file responses say no-cache: revalidate
            response.cache_control.public = True
            response.cache_control.max_age = settings.asset_max_age
            response.cache_control.immutable = True
        return response


def guard_requests(app: dash.Dash, settings: ServerSettings) -> None:
    """The browser is an edge: a request the page could not have sent gets a 4xx, not a 500."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes  # reading a larger body: 413

    @server.before_request
    def check_callback_request():
        if request.method == "POST" and request.path == CALLBACK_PATH:
            try:
                body = request.get_json(silent=True)
            except RecursionError:  # "silent" does not cover JSON nested a thousand deep
                abort(400, description="JSON nested too deeply")
            problem = callback_request_problem(body, app.callback_map)
            if problem:
                abort(400, description=problem)

    @server.errorhandler(DependencyException)
    def unknown_bundle(_error):
        # Dash raises this for a component-suite path it does not serve; it is a 404, and the
        # path (which may hold a newline or terminal escapes) stays out of the error log.
        return "Not found", 404, {"Content-Type": "text/plain; charset=utf-8"}


# What every visitor may be given from a shared cache (nginx, a CDN): the pages for the open
# web, the open data, the feed, the previews. Short-lived, so a data update shows within minutes.
PUBLIC_READ_PREFIXES = ("/land/", "/massnahme/", "/vorschau/", "/daten/")
PUBLIC_READ_PATHS = ("/", "/feed.xml", "/sitemap.xml", "/robots.txt",  # "/": the same first view for all
                     *(f"/{page}" for page in LEGAL_PAGES))
PUBLIC_MAX_AGE = 300


def cache_public_reads(response):
    """after_request: an ETag and ``Cache-Control: public`` on the public reads, and 304 for a
    client that has the same answer already."""
    if (request.method != "GET" or response.status_code != 200 or response.direct_passthrough
            or not (request.path.startswith(PUBLIC_READ_PREFIXES) or request.path in PUBLIC_READ_PATHS)):
        return response
    if not response.get_etag()[0]:
        response.set_etag(hashlib.blake2b(response.get_data(), digest_size=16).hexdigest())
    response.cache_control.public = True
    response.cache_control.max_age = PUBLIC_MAX_AGE
    return response.make_conditional(request)


DOCUMENT_ONLY_HEADERS = ("Content-Security-Policy", "Permissions-Policy", "Referrer-Policy")


def policy_on_documents_only(response):
    """after_request: the Content-Security-Policy, the Permissions-Policy and the Referrer-Policy
    govern documents; on a script, stylesheet or JSON answer they do nothing but add 450 bytes to
    each of the page's fifteen responses."""
    if response.mimetype != "text/html":
        for header in DOCUMENT_ONLY_HEADERS:
            response.headers.pop(header, None)
    return response
