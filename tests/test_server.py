"""The HTTP layer: security headers, compression, caching, health, configuration."""

import base64
import hashlib
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from dashboard.app import create_app
from dashboard.server import ServerSettings
from tests.conftest import row


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def csp(response) -> dict[str, str]:
    return {part.split()[0]: part.split(maxsplit=1)[1] if " " in part.strip() else ""
            for part in (p.strip() for p in response.headers["Content-Security-Policy"].split(";")) if part}


def test_security_headers_on_the_page(client):
    response = client.get("/")
    policy = csp(response)
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_every_inline_script_is_allowed_by_hash(client):
    app_page = client.get("/").get_data(as_text=True)
    inline = [s for s in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", app_page, re.S)
              if "application/json" not in s[0]]
    assert inline  # Dash has at least its renderer bootstrap inline
    hashes = csp(client.get("/"))["script-src"]
    for _attrs, body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in hashes


def test_frame_ancestors_is_configurable(monkeypatch):
    monkeypatch.setenv("WBK_FRAME_ANCESTORS", "'self' https://www.ministerium.example")
    response = create_app().server.test_client().get("/")
    assert csp(response)["frame-ancestors"] == "'self' https://www.ministerium.example"


def test_settings_from_environment():
    settings = ServerSettings.from_env({"WBK_FORCE_HTTPS": "1", "WBK_ASSET_MAX_AGE": "60"})
    assert settings.force_https and settings.asset_max_age == 60 and settings.frame_ancestors == "'self'"


def test_layout_is_compressed(client):
    plain = client.get("/_dash-layout")
    gzipped = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip"
    assert len(gzipped.data) * 3 < len(plain.data)


def test_fingerprinted_assets_are_cached_for_long(client):
    page = client.get("/").get_data(as_text=True)
    asset = re.search(r'href="(/assets/app\.css\?m=[^"]+)"', page).group(1)
    response = client.get(asset)
    assert response.status_code == 200
    assert response.cache_control.max_age == 365 * 24 * 3600 and response.cache_control.immutable
    assert client.get("/assets/app.css").cache_control.max_age is None  # unversioned: revalidate


def test_healthz_reports_data_state(client, measures_file):
    ok = client.get("/healthz").get_json()
    assert ok["status"] == "ok" and ok["data_ok"] is True and ok["measures"] > 90
    broken = measures_file([row(), row(id="by-x", title="X", ags="99")])
    report = create_app(measures_path=broken).server.test_client().get("/healthz").get_json()
    assert report["data_ok"] is False and report["rows_skipped"] == 1 and report["measures"] == 1


def test_fresh_gunicorn_workers_serve_bundles_before_any_page(tmp_path):
    """A worker's first request may be for a script bundle (the page came from another
    worker): it must not fail because that worker has not rendered the page yet."""
    page = create_app().server.test_client().get("/").get_data(as_text=True)
    bundles = re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)
    assert bundles
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--config", "/dev/null",
         "dashboard.wsgi:server"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        statuses = []
        for bundle in bundles * 3:  # spread over both workers
            with urllib.request.urlopen(base + bundle, timeout=10) as response:
                statuses.append(response.status)
        assert set(statuses) == {200}
    finally:
        server.terminate()
        server.wait(timeout=10)
