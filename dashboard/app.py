"""The application factory."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from dash import set_props
from flask import jsonify

from dashboard import legal, opendata, pages, sheet
from dashboard.callbacks import register_callbacks
from dashboard.data import GEOJSON_PATH, MEASURES_PATH, MeasuresStore, load_geojson
from dashboard.firstview import FirstViews
from dashboard.i18n import translate
from dashboard.operator import EMAIL, load_operator
from dashboard.panels.shell import build_layout
from dashboard.page import DashboardDash
from dashboard.server import ServerSettings, configure_server

ASSETS = Path(__file__).resolve().parents[1] / "assets"



log = logging.getLogger(__name__)


def feedback_address(value: str) -> str:
    """WBK_FEEDBACK_EMAIL if it is one plain e-mail address, else "" (no "Fehler melden")."""
    value = value.strip()
    if value and not EMAIL.fullmatch(value):
        log.warning("WBK_FEEDBACK_EMAIL is not a plain e-mail address; 'Fehler melden' stays hidden")
        return ""
    return value


def show_callback_error(error: Exception) -> None:
    """Dash's ``on_error``: a callback failed. Log it with its traceback and tell the person
    (layout's "callback-error" notice), instead of a page that silently stops following them."""
    log.error("callback failed: %s", error, exc_info=error)
    set_props("callback-error", {"hidden": False})


def create_app(
    measures_path: Path | str = MEASURES_PATH,
    geojson_path: Path | str = GEOJSON_PATH,
    settings: ServerSettings | None = None,
) -> DashboardDash:
    """Build the Dash app. All data is local: no CDN, no map tiles, no external service."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    geojson = load_geojson(geojson_path)
    store = MeasuresStore(measures_path)

    app = DashboardDash(
        __name__,
        assets_folder=str(ASSETS),
        title=translate("de", "app_title"),
        update_title=None,
        serve_locally=True,  # every script from this server: the map must work offline
        on_error=show_callback_error,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": translate("de", "app_subtitle")},
        ],
    )

    # A static layout: the callbacks that run on page load fill in the list, counts and
    # notices from the data as it is then, so a reloaded measures file still shows on the
    # next visit, and Dash need not embed a second copy of the layout for validation.
    feedback_email = feedback_address(os.environ.get("WBK_FEEDBACK_EMAIL", ""))
    app.layout = build_layout(geojson, store(), feedback_email=feedback_email)
    app.first_view = FirstViews(geojson, store, feedback_email)
    register_callbacks(app, geojson, store)

    @app.server.route("/healthz")
    def healthz():
        # Always 200 while the app answers (a load balancer's liveness check); whether the data
        # is whole is data_ok, with the reasons.
        load, health = store(), store.health()
        return jsonify(
            status="ok",
            data_ok=health.ok,
            why=health.why,
            files=health.files,
            measures=len(load.measures),
            rows_skipped=load.rows_skipped,
            problems=len(load.problems),
        )

    # Who runs the site (Impressum, privacy, accessibility statement): checked now, so that a
    # settings file without, say, a feedback address stops the start with the reason.
    legal.register_routes(app.server, load_operator())
    opendata.register_routes(app.server, store)
    sheet.register_routes(app.server, geojson, store)
    pages.register_routes(app.server, geojson, store)
    configure_server(app, settings or ServerSettings.from_env())
    return app
