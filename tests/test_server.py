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
    layout = client.get("/_dash-layout")  # what governs documents stays off the other answers
    assert not {"Content-Security-Policy", "Permissions-Policy", "Referrer-Policy"} & set(layout.headers.keys())
    assert layout.headers["X-Content-Type-Options"] == "nosniff"


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
    asset = re.search(r'src="(/assets/app\.js\?m=[^"]+)"', page).group(1)
    response = client.get(asset)
    assert response.status_code == 200
    assert response.cache_control.max_age == 365 * 24 * 3600 and response.cache_control.immutable
    assert not response.cache_control.no_cache  # "no-cache" would make browsers ask every time
    assert client.get("/assets/app.js").cache_control.max_age is None  # unversioned: revalidate


def test_stylesheet_is_inline_and_static_bundles_are_compressed_once(client):
    page = client.get("/").get_data(as_text=True)
    assert "<style>" in page and "app.css" not in page  # no request, no render-blocking round trip
    bundle = re.search(r'src="(/assets/vendor/bundle\.min\.js\?m=[^"]+)"', page).group(1)
    brotli_answer = client.get(bundle, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    gzip_answer = client.get(bundle, headers={"Accept-Encoding": "gzip"})
    assert brotli_answer.headers["Content-Encoding"] == "br" and gzip_answer.headers["Content-Encoding"] == "gzip"
    assert len(brotli_answer.data) < 0.3 * len(client.get(bundle, headers={"Accept-Encoding": ""}).data)
    layout = client.get("/_dash-layout", headers={"Accept-Encoding": "br"})
    again = client.get("/_dash-layout", headers={"Accept-Encoding": "br", "If-None-Match": layout.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""  # a returning visitor is not sent it again


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


def test_a_failing_callback_is_logged_and_shown(monkeypatch, caplog):
    """Dash(on_error=...): the person sees a notice instead of a page that silently stops."""
    from dashboard import export

    def broken(*_args, **_kwargs):
        raise RuntimeError("export broke")

    monkeypatch.setattr(export, "export_table", broken)
    client = create_app().server.test_client()
    client.get("/")
    body = {"output": "download.data", "outputs": {"id": "download", "property": "data"},
            "inputs": [{"id": "export-csv", "property": "n_clicks", "value": 1},
                       {"id": "export-xlsx", "property": "n_clicks", "value": 0}],
            "state": [{"id": "view-state", "property": "data", "value": {}}],
            "changedPropIds": ["export-csv.n_clicks"]}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code < 500
    assert response.get_json()["sideUpdate"] == {"callback-error": {"hidden": False}}
    assert any("export broke" in record.getMessage() and record.exc_info for record in caplog.records)


def test_https_gets_hsts_and_health_checks_are_never_redirected():
    client = create_app(settings=ServerSettings(force_https=True)).server.test_client()
    assert client.get("/").status_code == 302  # the page: to https
    assert client.get("/healthz").status_code == 200  # a load balancer's check over http: answered
    secure = create_app().server.test_client().get("/", base_url="https://localhost")
    assert "max-age=" in secure.headers["Strict-Transport-Security"]


def test_the_page_names_no_python_or_plotly_version(client):
    page = client.get("/").get_data(as_text=True)
    assert "python_version" not in page and "plotly_version" not in page and "GCC" not in page


@pytest.mark.parametrize(("value", "used"), [("redaktion@example.org", "redaktion@example.org"), ("", ""),
                                             ("a@b.de?bcc=x@y.de", ""), ("Name <a@b.de>", ""), ("x", "")])
def test_only_a_plain_feedback_address_is_used(value, used):
    from dashboard.app import feedback_address
    assert feedback_address(value) == used


def test_who_may_embed_is_the_frame_ancestors_setting(monkeypatch):
    """The embed mode (?einbetten=1) is for sites WBK_FRAME_ANCESTORS names, and no others."""
    monkeypatch.setenv("WBK_FRAME_ANCESTORS", "'self' https://www.ministerium.example")
    response = create_app().server.test_client().get("/?einbetten=1&land=BY")
    assert csp(response)["frame-ancestors"] == "'self' https://www.ministerium.example"
    assert "X-Frame-Options" not in response.headers  # it would forbid what the CSP allows
    monkeypatch.delenv("WBK_FRAME_ANCESTORS")
    default = create_app().server.test_client().get("/?einbetten=1")
    assert csp(default)["frame-ancestors"] == "'self'"
