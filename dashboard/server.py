"""Production concerns of the Flask server under Dash: security headers, caching, health.

Configuration comes from environment variables (documented in the README), so the same
image runs unchanged behind any load balancer:

``WBK_FRAME_ANCESTORS``  who may embed the dashboard in a frame, as CSP sources
                         (default ``'self'``; e.g. ``'self' https://www.ministerium.de``)
``WBK_FORCE_HTTPS``      ``1`` to redirect http to https and send HSTS (default off: TLS is
                         usually terminated at the load balancer)
``WBK_ASSET_MAX_AGE``    seconds browsers may cache fingerprinted assets (default one year)
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import dash
from flask import request
from flask_compress import Compress
from flask_talisman import Talisman

YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class ServerSettings:
    frame_ancestors: str = "'self'"
    force_https: bool = False
    asset_max_age: int = YEAR

    @classmethod
    def from_env(cls, environ=os.environ) -> ServerSettings:
        return cls(
            frame_ancestors=environ.get("WBK_FRAME_ANCESTORS", cls.frame_ancestors).strip() or cls.frame_ancestors,
            force_https=environ.get("WBK_FORCE_HTTPS", "0").strip().lower() in {"1", "true", "yes"},
            asset_max_age=int(environ.get("WBK_ASSET_MAX_AGE", cls.asset_max_age)),
        )


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


def configure_server(app: dash.Dash, settings: ServerSettings) -> None:
    """Call after all callbacks are registered: the CSP hashes cover their inline code."""
    server = app.server
    Compress(server)
    Talisman(
        server,
        content_security_policy=content_security_policy(app, settings),
        force_https=settings.force_https,
        strict_transport_security=settings.force_https,
        session_cookie_secure=settings.force_https,
        frame_options=None,  # superseded by CSP frame-ancestors, which allows a list
        referrer_policy="strict-origin-when-cross-origin",
    )
    assets_prefix = app.get_asset_url("")

    @server.after_request
    def cache_fingerprinted_assets(response):
        # Dash appends ?m=<modification time> to asset URLs, so a changed file gets a new
        # URL and the old one can be cached for good. (Component suites Dash caches itself.)
        if request.path.startswith(assets_prefix) and "m" in request.args and response.status_code == 200:
            response.cache_control.public = True
            response.cache_control.max_age = settings.asset_max_age
            response.cache_control.immutable = True
        return response
