"""The map: the choropleth of the sixteen Länder, its legend in words, the Land picker and
modes above it, and the table of counts under it (the same numbers as the colours).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from dash import Patch, dcc, html

from dashboard import export
from dashboard.constants import LAENDER
from dashboard.data import MeasuresLoad
from dashboard.figures import (
    ALLIANCE_CLASSES,
    ALLIANCE_COLOURS,
    alliance_style,
    choropleth_figure,
    figure_colour,
    figure_style,
    map_style,
    map_style_patch,
)
from dashboard.formatting import figure_text
from dashboard.landfigures import FIGURE_MAPS, FigureMap, figure_words, land_figures
from dashboard.i18n import translate
from dashboard.panels.base import Panel, ViewData
from dashboard.panels.widgets import labelled, land_options, props_of, text
from dashboard.query import Filters, alliance_class, counts_per_land, filter_phrases
from dashboard.state import ViewState


MAP_CONFIG_BASE = {
    "displaylogo": False,
    "scrollZoom": False,
    "doubleClick": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "pan2d", "zoomInGeo", "zoomOutGeo", "resetGeo",
                               "hoverClosestGeo"],
}


def map_controls(lang: str) -> html.Div:
    """Which Land, what the map shows, one Land or a comparison: below the map, which comes first."""
    return html.Div(
        [
            html.Div(labelled("select_land_label",
                              dcc.Dropdown(id="land-select", options=land_options(), clearable=True, searchable=True,
                                           **props_of("land-select", lang)), lang, "land-select"),
                     id="land-select-wrap"),
            html.Fieldset([text("map_mode_label", lang, tag=html.Legend),
                           dcc.RadioItems(id="map-mode", value="measures", inline=True, **props_of("map-mode", lang))],
                          className="mode-field"),
            html.Fieldset([text("mode_label", lang, tag=html.Legend),
                           dcc.RadioItems(id="mode", value="single", inline=True, **props_of("mode", lang))],
                          className="mode-field"),
            html.Div(labelled("compare_select_label",
                              dcc.Dropdown(id="compare-select", options=land_options(), multi=True, value=[],
                                           **props_of("compare-select", lang)), lang, "compare-select"),
                     id="compare-select-wrap", hidden=True),
        ],
        className="map-controls",
    )


def map_panel(geojson: dict, load: MeasuresLoad, lang: str) -> html.Section:
    """The map first, on every screen; its legend under it, then the controls that change it."""
    counts = counts_per_land(load.matching(Filters()))
    return html.Section(
        [
            html.Div(
                dcc.Graph(
                    id="map",
                    figure=choropleth_figure(geojson, counts, (), lang),
                    config={**MAP_CONFIG_BASE,
                            "toImageButtonOptions": {"filename": "weiterbildungskarte", "scale": 2}},
                    className="map",
                    responsive=True,  # fill the CSS height of .map, on phones and projectors alike
                ),
                id="map-region",
                role="region",
                **props_of("map-region", lang),
            ),
            html.P(counting_legend(Filters(), lang), id="map-legend", className="legend"),
            map_controls(lang),
            text("map_hint", lang, tag=html.P, className="hint"),
            # The map as a vector image for slides and reports (assets/app.js, "map image");
            # the modebar's camera gives the PNG.
            html.Button(text("map_svg", lang), id="map-svg", type="button", className="button secondary map-svg"),
            html.Details([text("counts_heading", lang, tag=html.Summary),
                          html.Div(counts_table(counts, (), lang), id="counts-table")], className="counts"),
        ],
        className="panel map-panel",
    )


def counting_legend(filters: Filters, lang: str, stale: int = 0) -> str:
    """A sentence that says exactly what the map's colours count under the current filters:
    a phrase per filter that is set (``query.FILTERS``), and how many lack confirmation."""
    legend = translate(lang, "legend_counts", conditions="; ".join(filter_phrases(filters, lang)))
    return legend + (translate(lang, "legend_stale", count=stale) if stale else "")


def alliance_legend(classes: dict[str, str], lang: str) -> list:
    """The Länderbündnisse map's legend, in words, with how many Länder each class has."""
    counts = {c: sum(1 for value in classes.values() if value == c) for c in ALLIANCE_CLASSES}
    return [html.Span(translate(lang, "alliance_legend_title")),
            html.Ul([html.Li([html.Span(className="swatch", style={"backgroundColor": colour}),
                              translate(lang, f"alliance.{c}"), f" ({counts[c]})"])
                     for c, colour in zip(ALLIANCE_CLASSES, ALLIANCE_COLOURS, strict=True)], className="alliance-legend")]


def figure_map(measures: pd.DataFrame, figure_map_row: FigureMap, locations: Sequence[str], lang: str) -> tuple:
    """A figure map's style and its legend in units: the range of the figures, and the two
    kinds of Land without one, each with its colour and how many Länder it has."""
    figures = land_figures(measures, figure_map_row)
    shown = [figures[ags] for ags in locations]
    style = figure_style([f.kind for f in shown], [f.value for f in shown],
                         [figure_words(f, figure_map_row.unit, figure_map_row.absent, lang) for f in shown])
    values = [f.value for f in figures.values() if f.kind == "value"]
    low, high = min(values, default=0), max(values, default=0)
    swatches = [(figure_colour(v, low, high, "value"), figure_text(v, figure_map_row.unit, lang))
                for v in dict.fromkeys((low, high)) if values]
    swatches += [(figure_colour(None, low, high, kind),
                  f"{translate(lang, key)} ({count})")
                 for kind, key in (("not_stated", "figure_not_stated"), ("absent", figure_map_row.absent))
                 if (count := sum(f.kind == kind for f in figures.values()))]
    legend = [html.Span(translate(lang, "figure_legend")),
              html.Ul([html.Li([html.Span(className="swatch", style={"backgroundColor": c}), words])
                       for c, words in swatches], className="alliance-legend")]
    return style, legend


def counts_table(counts: pd.Series, selected: Sequence[str], lang: str) -> html.Table:
    """An accessible table with the same numbers as the map."""
    rows = [
        html.Tr(
            [html.Th(LAENDER[ags].name, scope="row"), html.Td(str(int(counts[ags])))],
            className="selected" if ags in selected else None,
        )
        for ags in sorted(LAENDER, key=lambda a: LAENDER[a].name)
    ]
    rows.append(html.Tr([html.Th(translate(lang, "counts_total"), scope="row"), html.Td(str(int(counts.sum())))],
                        className="total"))
    return html.Table(
        [
            html.Caption(translate(lang, "counts_caption")),
            html.Thead(html.Tr([html.Th(translate(lang, "field_land"), scope="col"),
                                html.Th(translate(lang, "hover_count"), scope="col")])),
            html.Tbody(rows),
        ],
        className="counts-table",
    )


def render_colours(data: ViewData, state: ViewState, lang: str) -> dict:
    """What the filters decide on the map: its colours, the legend and the image's file name."""
    # The modebar's PNG download is named after what the map shows: all Länder, maybe filtered.
    config = data.config if isinstance(data.config, dict) else {}  # from the browser: an edge
    image = {**config.get("toImageButtonOptions", {}), "filename": export.export_basename(state, prefix="karte")}
    style, legend = colours_and_legend(data, state, lang)
    return {"figure": map_style_patch(Patch(), style), "legend": legend,
            "config": {**config, "toImageButtonOptions": image}}


def colours_and_legend(data: ViewData, state: ViewState, lang: str) -> tuple[dict, object]:
    """The map's style (``figures.map_style`` or ``alliance_style``) and its legend for the view:
    the interactive map and the server's first view are coloured from this one function."""
    if state.map_mode == "alliances":  # each Land by its alliance, not by counts
        classes = {ags: alliance_class(data.load.measures, ags) for ags in data.locations}
        return alliance_style(classes, lang, data.locations), alliance_legend(classes, lang)
    if state.map_mode in FIGURE_MAPS:  # each Land by what its programmes pay or grant
        return figure_map(data.load.measures, FIGURE_MAPS[state.map_mode], data.locations, lang)
    stale = int((data.matching["continuation"] == "unconfirmed").sum())
    return (map_style(counts_per_land(data.matching), lang, data.locations),
            counting_legend(state.filters, lang, stale=stale))


def render_counts(data: ViewData, state: ViewState, lang: str) -> dict:
    return {"counts": counts_table(counts_per_land(data.matching), state.lands, lang)}


COLOURS = Panel("map", {"figure": ("map", "figure"), "legend": ("map-legend", "children"), "config": ("map", "config")},
                render_colours, filtered=True)
COUNTS = Panel("counts", {"counts": ("counts-table", "children")}, render_counts)
