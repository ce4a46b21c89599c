"""The site's public address, for every absolute link it hands out: the feed's entries, the
sitemap and robots file, canonical links and link previews, the printed sheet's QR code and
the cards' "Link kopieren" in the first view.

Behind a proxy or a shared cache, the request's ``Host`` header is the client's to choose: a
link built from it could point visitors of a cached page to any site. With ``WBK_PUBLIC_URL``
set (``https://weiterbildung.example.de``), links are built from it alone; without it (local
use), from the request.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_app_context, request

CONFIG_KEY = "WBK_PUBLIC_URL"


def public_url_setting(value: str) -> str:
    """``WBK_PUBLIC_URL`` checked: an http(s) address with a host, without query or fragment;
    returned without a trailing slash ("" if unset). Raises ValueError saying what is wrong."""
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment \
            or parts.username or parts.password or any(c in value for c in " <>\"'\\"):
        raise ValueError(f"WBK_PUBLIC_URL must be an address like https://weiterbildung.example.de, not {value!r}")
    return value.rstrip("/")


def base_url() -> str:
    """The address absolute links start with: the configured one, else this request's."""
    configured = current_app.config.get(CONFIG_KEY, "") if has_app_context() else ""
    return configured or request.url_root.rstrip("/")
