"""The page shell: header (title, language, finder, contrast, presenter), the notices, the
panels in their places, the footer, and the constants assets/app.js reads.
"""

from __future__ import annotations

import json

from dash import dcc, html

from dashboard.constants import ALLOWED_URL_SCHEMES, LAENDER, LEGAL_PAGES
from dashboard.data import MeasuresLoad
from dashboard.figures import map_locations, outline_spec
from dashboard.i18n import translate
from dashboard.panels import alliance, cards, compare, filters, finder, mapview, notices, ranking, share, timeline
from dashboard.panels.alliance import alliance_box
from dashboard.panels.base import Panel
from dashboard.panels.cards import CARD_TEMPLATE_ID, EVIDENCE_PATH, MEASURE_ID_PREFIX, card_template
from dashboard.panels.compare import compare_section
from dashboard.panels.filters import filter_panel
from dashboard.panels.finder import finder_panel
from dashboard.panels.mapview import map_panel
from dashboard.panels.notices import notices_box
from dashboard.panels.ranking import ranking_box
from dashboard.panels.share import share_box
from dashboard.panels.timeline import timeline_box

# What update_view renders for every view, in order (a filtered panel only when the filters,
# the language or the map mode change). A new panel: its module, its place below, its row here.
PANELS: tuple[Panel, ...] = (
    mapview.COLOURS,
    cards.PANEL,
    compare.PANEL,
    mapview.COUNTS,
    notices.PANEL,
    filters.PANEL,
    timeline.PANEL,
    share.PANEL,
    finder.PANEL,
    alliance.PANEL,
    ranking.PANEL,
)
from dashboard.panels.widgets import I18N, land_options, text
from dashboard.state import PARAMETERS, TOUR_SECONDS_DEFAULT, TOUR_SECONDS_RANGE


def measures_panel(lang: str) -> html.Section:
    """The programmes' side of the page: the finder, the alliance profile, the list (filled in
    the browser from the "lists" store, assets/app.js "selection"), the timeline, the
    comparison and what to take along."""
    return html.Section(
        [
            finder_panel(lang),
            ranking_box(),  # beside the map when it shows a figure (phones: under it)
            alliance_box(),
            html.H2(id="measures-heading"),
            text("dates_explained", lang, tag=html.P, className="hint dates-explained"),
            timeline_box(lang),
            html.Div(id="measures-body"),
            card_template(),
            compare_section(),
            share_box(lang),
        ],
        id="measures",
        className="panel measures-panel",
        tabIndex="-1",
        **{"aria-labelledby": "measures-heading"},
    )


def build_layout(geojson: dict, load: MeasuresLoad, lang: str = "de", feedback_email: str = "") -> html.Div:
    """The whole page, in its default state; callbacks fill it from the URL. With
    ``feedback_email`` every card offers "Fehler melden" to that address."""
    return html.Div(
        [
            # The address is read on load and on back/forward (url), and written through
            # url-query, which callbacks.py puts in the address bar with history.replaceState.
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="url-query"),
            dcc.Store(id="view-state"),
            dcc.Store(id="lists"),  # panels.cards.list_views for the current filters
            dcc.Store(id="map-outline", data=outline_spec(map_locations(geojson))),
            dcc.Store(id="lang", data=lang),
            dcc.Store(id="url-notices", data=[]),
            dcc.Download(id="download"),
            html.A(translate(lang, "skip_link"), href="#measures", className="skip-link",
                   id={"type": I18N, "key": "skip_link"}),
            header(lang),
            html.Main(
                [
                    notices_box(load, lang),
                    filter_panel(lang),
                    map_panel(geojson, load, lang),
                    measures_panel(lang),
                ],
                className="layout",
            ),
            footer(lang),
        ],
        id="app-root",
        className="app",
        # The keyboard tour (assets/app.js, "presenter") walks the Länder in select-box order.
        **{"data-tour-order": ",".join(f"{o['value']}:{LAENDER[o['value']].short}" for o in land_options()),
           "data-tour": "paused", "data-config": json.dumps(page_config(feedback_email))},
    )


def header(lang: str) -> html.Header:
    """Title, the presenter's bar, and the buttons: language, finder, contrast, presenter mode."""
    return html.Header(
        [
            html.Div([text("app_title", lang, tag=html.H1), text("app_subtitle", lang, tag=html.P)]),
            presenter_bar(lang),
            # Phones: the header's buttons fold behind this one (app.css shows it on narrow screens).
            html.Button(text("menu", lang), id="menu-toggle", n_clicks=0, className="button secondary menu-toggle",
                        **{"aria-expanded": "false", "aria-controls": "header-actions"}),
            html.Div(
                [
                    html.Button(text("language_switch", lang), id="lang-switch", n_clicks=0,
                                className="button secondary", lang="en" if lang == "de" else "de"),
                    html.Button(text("finder_open", lang), id="finder-toggle", n_clicks=0,
                                className="button secondary", **{"aria-controls": "finder"}),
                    html.Button(text("contrast_switch", lang), id="contrast-toggle", n_clicks=0,
                                className="button secondary", **{"aria-pressed": "false"}),
                    html.Button([text("presenter_open", lang, className="when-windowed"),
                                 text("presenter_close", lang, className="when-presenting")],
                                id="presenter-toggle", n_clicks=0, className="button"),
                    # Leichte Sprache from the start page (BITV 2.0 § 4), in the phone's menu too.
                    html.A(text("easy_language_link", lang), href="/leichte-sprache", className="button secondary",
                           lang="de"),
                ],
                className="header-actions", id="header-actions",
            ),
        ],
        className="app-header", id="app-header",
    )


def footer(lang: str) -> html.Footer:
    """Attribution, about, and the open data (dashboard/opendata.py)."""
    return html.Footer(
        [text("attribution_geo", lang, tag=html.P), text("attribution_data", lang, tag=html.P),
         text("footer_about", lang, tag=html.P),
         # Open data (dashboard/opendata.py): the whole table, its evidence, the package, the feed.
         html.P([text("open_data", lang), " ",
                 *[html.A(text(key, lang), href=href, className="open-data-link")
                   for key, href in (("open_data_csv", "/daten/massnahmen.csv"),
                                     ("open_data_json", "/daten/massnahmen.json"),
                                     ("open_data_sources", "/daten/belege.csv"),
                                     ("open_data_package", "/daten/datapackage.json"),
                                     ("open_data_feed", "/feed.xml"))]],
                className="open-data"),
         # A page per Land (dashboard/pages.py), readable without JavaScript and by search engines.
         html.P([text("footer_land_pages", lang), " ",
                 *[html.A(land.name, href=f"/land/{land.short}", className="land-page-link")
                   for _, land in sorted(LAENDER.items(), key=lambda item: item[1].name)]],
                className="land-pages"),
         # What a public body's site must carry (dashboard/legal.py): on every page, embed mode too.
         html.P([text(f"legal.{page}", lang, tag=html.A, href=f"/{page}", className="legal-link")
                 for page in LEGAL_PAGES],
                className="legal-links")],
        className="app-footer",
    )


# The page's modes, each a flag of the view state and a class of #app-root that app.css styles:
# set by assets/app.js ("presenter.apply") and by the server's first view (``root_class``).
ROOT_CLASSES = {"present": "presenter", "embed": "embed", "contrast": "contrast"}


def root_class(state) -> str:
    """#app-root's class for a view state."""
    return " ".join(["app", *(name for field, name in ROOT_CLASSES.items() if getattr(state, field))])


def page_config(feedback_email: str = "") -> dict:
    """The constants assets/app.js needs, from where they are defined, never copied into it."""
    low, high = TOUR_SECONDS_RANGE
    return {
        "feedback_email": feedback_email,
        "tour": {"min": low, "max": high, "default": TOUR_SECONDS_DEFAULT},
        "param": {p.field: p.name for p in PARAMETERS if p.field in ("lands", "interval", "measure", "embed")},
        "link_schemes": list(ALLOWED_URL_SCHEMES),
        # The elements assets/app.js finds by id, and how a card's id is made.
        "ids": {"measures_heading": "measures-heading", "measures_body": "measures-body",
                "card_template": CARD_TEMPLATE_ID, "presenter_toggle": "presenter-toggle"},
        "measure_prefix": MEASURE_ID_PREFIX,
        "evidence_path": EVIDENCE_PATH,
        "root_classes": ROOT_CLASSES,
    }


def presenter_bar(lang: str) -> html.Div:
    """Shown only in presenter mode: the keys, the tour interval and whether the tour runs."""
    low, high = TOUR_SECONDS_RANGE
    return html.Div(
        [
            text("presenter_help", lang, tag=html.P, className="presenter-help"),
            html.Div(
                [text("presenter_interval", lang, tag=html.Label, htmlFor="presenter-interval"),
                 dcc.Input(id="presenter-interval", type="number", min=low, max=high, step=1,
                           value=TOUR_SECONDS_DEFAULT, debounce=True, className="interval-input")],
                className="presenter-interval",
            ),
            html.P([text("presenter_tour_running", lang, className="when-touring"),
                    text("presenter_tour_paused", lang, className="when-paused")],
                   className="tour-status", role="status"),
        ],
        className="presenter-bar",
    )
