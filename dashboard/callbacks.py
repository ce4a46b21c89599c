"""Wiring only: each callback reads the view state, calls pure functions, returns components.

The URL is the single source of truth for the view. ``update_view_state`` is the one
callback that owns the URL and every control's value, so changes from the address bar,
the map, the select boxes or the keyboard all pass through the same pure state logic
(``dashboard.state``) and can never disagree.
"""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, Patch, State, ctx, dcc, no_update

from dashboard import export, layout
from dashboard.constants import CATEGORIES, DEFAULT_LANGUAGE, HANDLUNGSFELDER, STATUSES, TARGET_GROUPS
from dashboard.figures import map_locations, map_style, map_style_patch
from dashboard.i18n import translate
from dashboard.query import counts_by_land_and_category, counts_per_land, measures_for_lands
from dashboard.state import ViewState, apply_control, clicked_land, parse_query, to_query, toggle_land

CONTROLS = {  # component id -> property that carries its value
    "land-select": "value",
    "compare-select": "value",
    "mode": "value",
    "filter-category": "value",
    "filter-target": "value",
    "filter-status": "value",
    "filter-hf": "value",
    "filter-text": "value",
    "presenter-interval": "value",
    "filter-reset": "n_clicks",
    "lang-switch": "n_clicks",
    "presenter-toggle": "n_clicks",
}
VALUE_CONTROLS = [c for c, prop in CONTROLS.items() if prop == "value"]
DROPDOWNS = ("land-select", "compare-select", "filter-category", "filter-target")


def control_values(state: ViewState) -> list:
    """What each value control shows for a state, in ``VALUE_CONTROLS`` order."""
    return [
        state.land,
        list(state.lands),
        "compare" if state.compare else "single",
        list(state.categories),
        list(state.target_groups),
        list(state.statuses),
        list(state.handlungsfelder),
        state.text,
        state.interval,
    ]


def shown_measures(load, state: ViewState):
    """Exactly what the user sees: filtered measures of the chosen Länder, or of all."""
    matching = load.matching(state)
    return measures_for_lands(matching, state.lands) if state.lands else matching


def register_callbacks(app, geojson: dict, store) -> None:
    """``store`` gives the current ``MeasuresLoad`` (it may reload the file)."""
    locations = map_locations(geojson)

    @app.callback(
        Output("url", "search"),
        Output("view-state", "data"),
        Output("filter-state", "data"),
        Output("url-notices", "data"),
        Output("lang", "data"),
        [Output(c, "value") for c in VALUE_CONTROLS],
        Input("url", "search"),
        Input("map", "clickData"),
        [Input(c, prop) for c, prop in CONTROLS.items()],
        State("view-state", "data"),
    )
    def update_view_state(search, click_data, *args):
        previous_data = args[-1]
        previous = ViewState.from_dict(previous_data)
        values = dict(zip(CONTROLS, args[:-1]))
        trigger = ctx.triggered_id
        notices = no_update
        if trigger in (None, "url"):
            parsed = parse_query(search)
            state, notices = parsed.state, parsed.notices
        elif trigger == "map":
            state = toggle_land(previous, clicked_land(click_data) or "")
        else:
            state = apply_control(previous, trigger, values[trigger])
        first = previous_data is None
        # Colours and lists depend on the filters only: a click on a Land resends neither.
        filters = state.filters_only()
        filters_data = filters.to_dict() if first or filters != previous.filters_only() else no_update
        # Translating every static text is only worth a round trip when the language differs
        # from the one the page was built in (layout.build_layout: German) or changes.
        shown_lang = DEFAULT_LANGUAGE if first else previous.lang
        lang = state.lang if state.lang != shown_lang else no_update
        return [to_query(state), state.to_dict(), filters_data, notices, lang, *control_values(state)]

    @app.callback(
        Output("map", "figure"),
        Output("map-legend", "children"),
        Output("map", "config"),
        Output("lists", "data"),
        Input("filter-state", "data"),
        State("map", "config"),
    )
    def render_filtered(filters_data, config):
        """What the filters decide: the map's colours and every Land's list of measures."""
        filters = ViewState.from_dict(filters_data)
        matching = store().matching(filters)
        patch = map_style_patch(Patch(), map_style(counts_per_land(matching), filters.lang, locations))
        # The modebar's PNG download is named after what the map shows: all Länder, maybe filtered.
        image = {**config.get("toImageButtonOptions", {}), "filename": export.export_basename(filters, prefix="karte")}
        return (patch, layout.counting_legend(filters, filters.lang), {**config, "toImageButtonOptions": image},
                layout.list_views(matching, filters.lang))

    @app.callback(
        Output("compare-panel", "hidden"),
        Output("compare-select-wrap", "hidden"),
        Output("land-select-wrap", "hidden"),
        Output("compare-matrix", "children"),
        Output("counts-table", "children"),
        Output("view-notices", "children"),
        Output("filters-toggle", "children"),
        Input("view-state", "data"),
        Input("url-notices", "data"),
    )
    def render_selection(state_data, url_notices):
        """The compare view, the counts table and the notices about the view; the single
        Land's list is drawn in the browser from ``lists`` (assets/app.js, "selection")."""
        state = ViewState.from_dict(state_data)
        matching = store().matching(state)
        table = layout.counts_table(counts_per_land(matching), state.lands, state.lang)
        notices = layout.view_notices(state, url_notices or [], state.lang)
        toggle = layout.filters_toggle_label(state, state.lang)
        if not state.compare:
            return True, True, False, no_update, table, notices, toggle
        matrix = layout.compare_matrix(counts_by_land_and_category(matching, state.lands), state.lang)
        return len(state.lands) < 2, False, True, matrix, table, notices, toggle

    # AG Grid's code loads with the first comparison (dashboard/page.py): "grid-state" is the
    # view state, passed on in compare view once that code is there, so the grid is never
    # built before its library.
    app.clientside_callback(ClientsideFunction("library", "gridWhenComparing"),
                            Output("grid-state", "data"), Input("view-state", "data"))

    @app.callback(
        Output("compare-grid-slot", "children"),
        Input("grid-state", "data"),
        prevent_initial_call=True,
    )
    def render_compare_grid(state_data):
        state = ViewState.from_dict(state_data)
        if not state.compare:
            return no_update
        return layout.compare_grid(measures_for_lands(store().matching(state), state.lands), state.lang)

    # A click on the map shows its Land's list and outline at once, from data already in the
    # page (assets/app.js ("selection")); update_view_state then confirms the same view (URL, select
    # box, counts) and the list and outline are drawn from it again, unchanged.
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

    @app.callback(
        Output({"type": layout.I18N, "key": ALL, "slot": ALL}, "children"),
        Output("land-select", "placeholder"),
        Output("compare-select", "placeholder"),
        Output("filter-text", "placeholder"),
        Output("filter-category", "options"),
        Output("filter-target", "options"),
        Output("filter-status", "options"),
        Output("filter-hf", "options"),
        Output("mode", "options"),
        Output("map-region", "aria-label"),
        Output("data-notices", "children"),
        [Output(d, "labels") for d in DROPDOWNS],
        Input("lang", "data"),
        State({"type": layout.I18N, "key": ALL, "slot": ALL}, "id"),
        prevent_initial_call=True,  # the page is built in German; update_view_state says otherwise
    )
    def translate_texts(lang, text_ids):
        return (
            [translate(lang, i["key"]) for i in text_ids],
            translate(lang, "select_land_placeholder"),
            translate(lang, "compare_select_placeholder"),
            translate(lang, "filter_text_placeholder"),
            layout.options("category", CATEGORIES, lang),
            layout.options("target", TARGET_GROUPS, lang),
            layout.options("status", STATUSES, lang),
            layout.options("handlungsfeld", HANDLUNGSFELDER, lang),
            layout.mode_options(lang),
            translate(lang, "map_label"),
            [layout.data_notice(store(), lang)],
            *[layout.dropdown_labels(lang)] * len(DROPDOWNS),
        )

    @app.callback(
        Output("download", "data"),
        Input("export-csv", "n_clicks"),
        Input("export-xlsx", "n_clicks"),
        State("view-state", "data"),
        prevent_initial_call=True,
    )
    def export_view(_csv_clicks, _xlsx_clicks, state_data):
        state = ViewState.from_dict(state_data)
        table = export.export_table(shown_measures(store(), state), state.lang)
        if ctx.triggered_id == "export-xlsx":
            content, extension = export.to_xlsx_bytes(table), "xlsx"
        else:
            content, extension = export.to_csv_bytes(table), "csv"
        return dcc.send_bytes(content, export.export_filename(state, extension))

    # Phones: the filters fold open and shut under their button (app.css shows the button
    # only on narrow screens).
    app.clientside_callback(
        "function (clicks) { var open = clicks % 2 === 1;"
        " return [open ? 'panel filters expanded' : 'panel filters', open ? 'true' : 'false']; }",
        Output("filters", "className"),
        Output("filters-toggle", "aria-expanded"),
        Input("filters-toggle", "n_clicks"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        ClientsideFunction(namespace="presenter", function_name="apply"),
        Output("app-root", "className"),
        Input("view-state", "data"),
    )

    # The page language for screen readers and hyphenation follows the switch.
    app.clientside_callback(
        "function (state) { var lang = (state && state.lang) || 'de';"
        " document.documentElement.lang = lang; return lang; }",
        Output("app-root", "lang"),
        Input("view-state", "data"),
    )
