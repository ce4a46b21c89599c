"""Wiring only: each callback reads the view state, calls pure functions, returns components.

The URL is the single source of truth for the view. ``update_view`` is the one
callback that owns the URL and every control's value, so changes from the address bar,
the map, the select boxes or the keyboard all pass through the same pure state logic
(``dashboard.state``) and can never disagree.
"""

from __future__ import annotations

from dataclasses import replace

from dash import ALL, ClientsideFunction, Input, Output, Patch, State, ctx, dcc, no_update

from dashboard import export, layout
from dashboard.constants import DEFAULT_LANGUAGE, LANGUAGES
from dashboard.figures import alliance_style, map_locations, map_style, map_style_patch
from dashboard.i18n import CATALOGUES, translate
from dashboard.query import (
    alliance_class,
    alliances,
    counts_by_land_and_category,
    counts_per_land,
    finder_matches,
    leave_at_work,
    measures_for_lands,
)
from dashboard.state import (
    CONTROLS,
    ViewState,
    apply_control,
    clicked_land,
    control_values,
    land_code,
    open_measure,
    parse_query,
    to_query,
    toggle_land,
)

def shown_measures(load, state: ViewState):
    """Exactly what the user sees: filtered measures of the chosen Länder, or of all."""
    matching = load.matching(state.filters)
    return measures_for_lands(matching, state.lands) if state.lands else matching


def render_filtered(load, state: ViewState, config, locations: list[str]) -> dict:
    """What the filters decide: the map's colours and every Land's list of measures."""
    matching = load.matching(state.filters)
    # The modebar's PNG download is named after what the map shows: all Länder, maybe filtered.
    config = config if isinstance(config, dict) else {}  # from the browser: an edge
    image = {**config.get("toImageButtonOptions", {}), "filename": export.export_basename(state, prefix="karte")}
    if state.map_mode == "alliances":  # each Land by its alliance, not by counts
        classes = {ags: alliance_class(load.measures, ags) for ags in locations}
        style, legend = alliance_style(classes, state.lang, locations), layout.alliance_legend(classes, state.lang)
    else:
        style = map_style(counts_per_land(matching), state.lang, locations)
        legend = layout.counting_legend(state.filters, state.lang, stale=int((matching["continuation"] == "unconfirmed").sum()))
    return {
        "figure": map_style_patch(Patch(), style),
        "legend": legend,
        "config": {**config, "toImageButtonOptions": image},
        "lists": layout.list_views(matching, state.lang, load.sources),
    }


def render_shown(load, state: ViewState, url_notices: list) -> dict:
    """The compare view, the counts table and the notices about the view; the single
    Land's list is drawn in the browser from ``lists`` (assets/app.js, "selection")."""
    matching = load.matching(state.filters)
    showing_alliance = state.map_mode == "alliances" and bool(state.land) and not state.compare
    comparing = {
        "compare_hidden": len(state.lands) < 2 if state.compare else True,
        "compare_select_hidden": not state.compare,
        "land_select_hidden": state.compare,
        "matrix": layout.compare_matrix(counts_by_land_and_category(matching, state.lands), state.lang)
        if state.compare else no_update,
    }
    return {
        **comparing,
        "counts": layout.counts_table(counts_per_land(matching), state.lands, state.lang),
        "notices": layout.view_notices(url_notices, state.lang),
        "filters_toggle": layout.filters_toggle_label(state.filters, state.lang),
        "timeline": layout.timeline(measures_for_lands(matching, state.lands), state.lang) if state.lands else [],
        "timeline_hidden": not state.lands,
        # The printable sheet is of one Land (dashboard/sheet.py).
        "sheet_href": f"/blatt/{land_code(state.land)}?lang={state.lang}" if state.land and not state.compare else "",
        "sheet_hidden": not state.land or state.compare,
        "finder_hidden": not state.finder,
        "alliance": layout.alliance_profile(alliances(load.measures, state.land), state.land, state.lang)
        if showing_alliance else [],
        "alliance_hidden": not showing_alliance,
        "finder_results": layout.finder_results(
            finder_matches(load.measures, state.home, state.work, state.situation, state.goal),
            leave_at_work(load.measures, state.work), state, state.lang) if state.finder else [],
    }


def register_callbacks(app, geojson: dict, store) -> None:
    """``store`` gives the current ``MeasuresLoad`` (it may reload the file)."""
    locations = map_locations(geojson)

    @app.callback(
        output={
            "search": Output("url-query", "data"),
            "view": Output("view-state", "data"),
            "url_notices": Output("url-notices", "data"),
            "lang": Output("lang", "data"),
            "controls": {control.id: Output(control.id, control.prop) for control in CONTROLS if control.shows},
            "filtered": {
                "figure": Output("map", "figure"),
                "legend": Output("map-legend", "children"),
                "config": Output("map", "config"),
                "lists": Output("lists", "data"),
            },
            "shown": {
                "compare_hidden": Output("compare-panel", "hidden"),
                "compare_select_hidden": Output("compare-select-wrap", "hidden"),
                "land_select_hidden": Output("land-select-wrap", "hidden"),
                "matrix": Output("compare-matrix", "children"),
                "counts": Output("counts-table", "children"),
                "notices": Output("view-notices", "children"),
                "filters_toggle": Output("filters-toggle", "children"),
                "timeline": Output("timeline", "children"),
                "timeline_hidden": Output("timeline-box", "hidden"),
                "sheet_href": Output("sheet-link", "href"),
                "sheet_hidden": Output("sheet-link", "hidden"),
                "finder_hidden": Output("finder", "hidden"),
                "alliance": Output("alliance-profile", "children"),
                "alliance_hidden": Output("alliance-profile", "hidden"),
                "finder_results": Output("finder-results", "children"),
            },
        },
        inputs={
            "search": Input("url", "search"),
            "click": Input("map", "clickData"),
            "controls": {control.id: Input(control.id, control.prop) for control in CONTROLS},
        },
        state={
            "previous": State("view-state", "data"),
            "previous_notices": State("url-notices", "data"),
            "config": State("map", "config"),
        },
    )
    def update_view(search, click, controls, previous, previous_notices, config):
        """Every change of the view, from the address bar, the map or a control, in one round
        trip: the new view state, its URL and controls, and what the page shows for it."""
        first = previous is None
        before = ViewState.from_dict(previous)
        load = store()
        trigger = ctx.triggered_id
        # Notices are about the address as it was opened: the person's first change ends them.
        notices = []
        if trigger in (None, "url"):
            parsed = parse_query(search)
            state, opened = open_measure(parsed.state, load.measures)
            notices = parsed.notices + opened
        elif trigger == "map":
            state = toggle_land(replace(before, measure=""), clicked_land(click) or "")
        else:  # any change the person makes leaves the linked measure behind
            state = apply_control(replace(before, measure=""), trigger, controls.get(trigger))
        # Translating every static text is only worth a round trip when the language differs
        # from the one the page was built in (layout.build_layout: German) or changes.
        shown_lang = DEFAULT_LANGUAGE if first else before.lang
        # Colours and lists depend on the filters (and the language) only: a click on a Land
        # resends neither.
        filters_changed = (first or state.filters != before.filters or state.lang != before.lang
                           or state.map_mode != before.map_mode)
        return {
            "search": to_query(state),
            "view": state.to_dict(),
            "url_notices": notices if notices or previous_notices else no_update,
            "lang": state.lang if state.lang != shown_lang else no_update,
            "controls": control_values(state),
            "filtered": render_filtered(load, state, config, locations) if filters_changed else
            {key: no_update for key in ("figure", "legend", "config", "lists")},
            "shown": render_shown(load, state, notices),
        }

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
        return layout.compare_grid(measures_for_lands(store().matching(state.filters), state.lands), state.lang)

    # A click on the map shows its Land's list and outline at once, from data already in the
    # page (assets/app.js ("selection")); update_view then confirms the same view (URL, select
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
        output={
            "texts": Output({"type": layout.I18N, "key": ALL}, "children"),
            "props": {f"{cid}.{prop}": Output(cid, prop) for cid, prop in layout.translated_props("de")},
            "data_notices": Output("data-notices", "children"),
        },
        inputs={"lang": Input("lang", "data"), "text_ids": State({"type": layout.I18N, "key": ALL}, "id")},
        prevent_initial_call=True,  # the page is built in German; update_view says otherwise
    )
    def translate_texts(lang, text_ids):
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        return {
            "texts": [translate(lang, i["key"]) if isinstance(i, dict) and i.get("key") in CATALOGUES[lang] else no_update
                      for i in (text_ids if isinstance(text_ids, list) else [])],
            "props": {f"{cid}.{prop}": value for (cid, prop), value in layout.translated_props(lang).items()},
            "data_notices": [layout.data_notice(store(), lang)],
        }

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

    # The address follows the view, replacing the history entry instead of adding one (as
    # OWID's grapher does): "Back" leaves the dashboard, it does not replay every click.
    app.clientside_callback(
        "function (query) { if (typeof query === 'string' && query !== window.location.search) {"
        " window.history.replaceState(window.history.state, '', window.location.pathname + query + window.location.hash); }"
        " return query; }",
        Output("app-root", "data-address"),
        Input("url-query", "data"),
    )

    app.clientside_callback(
        "function (state) { return state && state.contrast ? 'true' : 'false'; }",
        Output("contrast-toggle", "aria-pressed"),
        Input("view-state", "data"),
    )

    app.clientside_callback(ClientsideFunction("presenter", "embedCode"),
                            Output("embed-code", "value"), Input("url-query", "data"))

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
