"""Wiring only: each callback reads the view state, calls pure functions, returns their values.

The URL is the single source of truth for the view. ``update_view`` is the one callback that
owns the URL and every control's value, so changes from the address bar, the map, the select
boxes or the keyboard all pass through the same pure state logic (``dashboard.state``) and can
never disagree. What the page shows for a view is a loop over the panels (``panels.PANELS``).
Clientside functions live in assets/app.js.
"""

from __future__ import annotations

from dataclasses import replace

from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, no_update

from dashboard import export
from dashboard.constants import DEFAULT_LANGUAGE, LANGUAGES
from dashboard.data import MeasuresLoad
from dashboard.figures import map_locations
from dashboard.i18n import CATALOGUES, translate
from dashboard.panels import PANELS, ViewData
from dashboard.panels.compare import compare_grid
from dashboard.panels.widgets import I18N, translated_props
from dashboard.query import measures_for_lands
from dashboard.state import (
    CONTROLS,
    ViewState,
    apply_control,
    clicked_land,
    control_values,
    open_measure,
    parse_query,
    to_query,
    toggle_land,
)


def shown_measures(load, state: ViewState):
    """Exactly what the user sees: filtered measures of the chosen Länder, or of all."""
    matching = load.matching(state.filters)
    return measures_for_lands(matching, state.lands) if state.lands else matching


def next_state(load: MeasuresLoad, trigger, search, click, controls, before: ViewState) -> tuple[ViewState, list]:
    """The view after a change from the address bar, the map or a control, and the notices
    about the address (only when it was the address that changed)."""
    if trigger in (None, "url"):
        parsed = parse_query(search)
        state, opened = open_measure(parsed.state, load.measures)
        return state, parsed.notices + opened
    if trigger == "map":
        return toggle_land(replace(before, measure=""), clicked_land(click) or ""), []
    # any change the person makes leaves the linked measure behind
    controls = controls if isinstance(controls, dict) else {}
    return apply_control(replace(before, measure=""), trigger, controls.get(trigger)), []


def render_panels(data: ViewData, state: ViewState, filters_changed: bool, first: bool = False) -> dict:
    """Every panel's values for ``state``; a ``filtered`` panel only when the filters changed,
    an ``in_page`` one not on the ``first`` call (the page brought it)."""
    def wanted(panel) -> bool:
        return (filters_changed or not panel.filtered) and not (first and panel.in_page)
    return {panel.name: panel.render(data, state, state.lang) if wanted(panel)
            else dict.fromkeys(panel.outputs, no_update) for panel in PANELS}


def update_view(load: MeasuresLoad, locations, trigger, search, click, controls, previous, previous_notices,
                config) -> dict:
    """Every change of the view, from the address bar, the map or a control, in one round trip:
    the new view state, its URL and controls, and what each panel shows for it."""
    first = previous is None
    before = ViewState.from_dict(previous)
    state, notices = next_state(load, trigger, search, click, controls, before)
    # Translating every static text is only worth a round trip when the language differs from
    # the one the page was built in (panels.shell.build_layout: German) or changes.
    shown_lang = DEFAULT_LANGUAGE if first else before.lang
    # Colours and lists depend on the filters, the language and the map mode only: a click on
    # a Land resends neither.
    filters_changed = (first or state.filters != before.filters or state.lang != before.lang
                       or state.map_mode != before.map_mode)
    data = ViewData.of(load, state, locations=tuple(locations), config=config if isinstance(config, dict) else {},
                       url_notices=tuple(notices))
    return {
        "search": to_query(state),
        "view": state.to_dict(),
        # Notices are about the address as it was opened: the person's first change ends them.
        "url_notices": notices if notices or previous_notices else no_update,
        "lang": state.lang if state.lang != shown_lang else no_update,
        "controls": control_values(state),
        "panels": render_panels(data, state, filters_changed, first),
    }


def view_targets() -> dict:
    """Where ``update_view``'s answer goes, in its shape: (component id, property) at each leaf."""
    return {
        "search": ("url-query", "data"),
        "view": ("view-state", "data"),
        "url_notices": ("url-notices", "data"),
        "lang": ("lang", "data"),
        "controls": {control.id: (control.id, control.prop) for control in CONTROLS if control.shows},
        "panels": {panel.name: dict(panel.outputs) for panel in PANELS},
    }


def _view_outputs(targets=None) -> dict:
    targets = view_targets() if targets is None else targets
    if isinstance(targets, tuple):
        return Output(*targets)
    return {key: _view_outputs(value) for key, value in targets.items()}


def register_callbacks(app, geojson: dict, store) -> None:
    """``store`` gives the current ``MeasuresLoad`` (it may reload the file)."""
    locations = map_locations(geojson)

    @app.callback(
        output=_view_outputs(),
        inputs={"search": Input("url", "search"), "click": Input("map", "clickData"),
                "controls": {control.id: Input(control.id, control.prop) for control in CONTROLS}},
        state={"previous": State("view-state", "data"), "previous_notices": State("url-notices", "data"),
               "config": State("map", "config")},
    )
    def view(search, click, controls, previous, previous_notices, config):
        return update_view(store(), locations, ctx.triggered_id, search, click, controls, previous, previous_notices,
                           config)

    _register_compare_grid(app, store)
    _register_selection(app)
    _register_translation(app)
    _register_export(app, store)
    _register_page(app)


def _register_compare_grid(app, store) -> None:
    # AG Grid's code loads with the first comparison (dashboard/page.py): "grid-state" is the
    # view state, passed on in compare view once that code is there, so the grid is never
    # built before its library.
    app.clientside_callback(ClientsideFunction("library", "gridWhenComparing"),
                            Output("grid-state", "data"), Input("view-state", "data"))

    @app.callback(Output("compare-grid-slot", "children"), Input("grid-state", "data"), prevent_initial_call=True)
    def render_compare_grid(state_data):
        state = ViewState.from_dict(state_data)
        if not state.compare:
            return no_update
        return compare_grid(measures_for_lands(store().matching(state.filters), state.lands), state.lang)


def _register_selection(app) -> None:
    # A click on the map shows its Land's list and outline at once, from data already in the
    # page (assets/app.js ("selection")); update_view then confirms the same view (URL, select
    # box, counts) and the list and outline are drawn from it again, unchanged.
    # The first filters' lists came with the page (dashboard/firstview.py); update_view leaves
    # them out of its first answer (Panel.in_page).
    app.clientside_callback(ClientsideFunction("firstView", "lists"),
                            Output("lists", "data", allow_duplicate=True), Input("url", "pathname"),
                            prevent_initial_call="initial_duplicate")
    app.clientside_callback(ClientsideFunction("selection", "list"),
                            Output("measures-body", "data-shown"),
                            Input("view-state", "data"), Input("lists", "data"))
    app.clientside_callback(ClientsideFunction("selection", "listOnClick"),
                            Output("measures-body", "data-shown", allow_duplicate=True),
                            Input("map", "clickData"), State("view-state", "data"), State("lists", "data"),
                            prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("selection", "outline"),
                            Output("map", "figure", allow_duplicate=True),
                            Input("view-state", "data"), State("map-outline", "data"), State("map", "figure"),
                            prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("selection", "outlineOnClick"),
                            Output("map", "figure", allow_duplicate=True),
                            Input("map", "clickData"), State("view-state", "data"), State("map-outline", "data"),
                            State("map", "figure"), prevent_initial_call=True)


def _register_translation(app) -> None:
    @app.callback(
        output={
            "texts": Output({"type": I18N, "key": ALL}, "children"),
            "props": {f"{cid}.{prop}": Output(cid, prop) for cid, prop in translated_props("de")},
        },
        inputs={"lang": Input("lang", "data"), "text_ids": State({"type": I18N, "key": ALL}, "id")},
        prevent_initial_call=True,  # the page is built in German; update_view says otherwise
    )
    def translate_texts(lang, text_ids):
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        return {
            "texts": [translate(lang, i["key"]) if isinstance(i, dict) and i.get("key") in CATALOGUES[lang] else no_update
                      for i in (text_ids if isinstance(text_ids, list) else [])],
            "props": {f"{cid}.{prop}": value for (cid, prop), value in translated_props(lang).items()},
        }


def _register_export(app, store) -> None:
    @app.callback(Output("download", "data"), Input("export-csv", "n_clicks"), Input("export-xlsx", "n_clicks"),
                  State("view-state", "data"), prevent_initial_call=True)
    def export_view(_csv_clicks, _xlsx_clicks, state_data):
        state = ViewState.from_dict(state_data)
        table = export.export_table(shown_measures(store(), state), state.lang)
        if ctx.triggered_id == "export-xlsx":
            content, extension = export.to_xlsx_bytes(table), "xlsx"
        else:
            content, extension = export.to_csv_bytes(table), "csv"
        return dcc.send_bytes(content, export.export_filename(state, extension))


def _register_page(app) -> None:
    """The page as a whole, in assets/app.js ("page", "presenter")."""
    app.clientside_callback(ClientsideFunction("page", "replaceAddress"),
                            Output("app-root", "data-address"), Input("url-query", "data"))
    app.clientside_callback(ClientsideFunction("page", "contrastPressed"),
                            Output("contrast-toggle", "aria-pressed"), Input("view-state", "data"))
    app.clientside_callback(ClientsideFunction("presenter", "embedCode"),
                            Output("embed-code", "value"), Input("url-query", "data"))
    app.clientside_callback(ClientsideFunction("page", "toggleFilters"),
                            Output("filters", "className"), Output("filters-toggle", "aria-expanded"),
                            Input("filters-toggle", "n_clicks"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("page", "toggleMenu"),
                            Output("app-header", "className"), Output("menu-toggle", "aria-expanded"),
                            Input("menu-toggle", "n_clicks"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("presenter", "apply"),
                            Output("app-root", "className"), Input("view-state", "data"))
    app.clientside_callback(ClientsideFunction("page", "documentLanguage"),
                            Output("app-root", "lang"), Input("view-state", "data"))
