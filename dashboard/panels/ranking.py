"""The ranking beside a figure map: the sixteen Länder sorted by the map's figure, as a table
with a bar per Land, the value in its unit, the programme it comes from and its condition; the
selected Länder marked; Länder without such a programme listed as such (``landfigures``).
The programme's condition stands under its title: three columns fit a phone."""

from __future__ import annotations

from dash import html

from dashboard.constants import LAENDER
from dashboard.formatting import localized
from dashboard.i18n import translate
from dashboard.landfigures import (
    FIGURE_MAPS,
    FigureMap,
    LandFigure,
    figure_summary,
    land_figures,
    ranking,
)
from dashboard.panels.base import Panel, ViewData
from dashboard.state import ViewState


def ranking_box() -> html.Section:
    """Filled by ``render`` when the map shows a figure; hidden otherwise."""
    return html.Section([html.H3(id="ranking-heading"), html.Div(id="ranking")], id="ranking-box",
                        className="ranking", hidden=True, **{"aria-labelledby": "ranking-heading"})


def ranking_table(figures: dict[str, LandFigure], figure_map: FigureMap, selected: tuple[str, ...], lang: str) -> html.Table:
    ranked = ranking(figures)
    highest = max((f.value for f in ranked if f.kind == "value"), default=0) or 1
    rows = []
    for figure in ranked:
        row = figure.programme
        share = 100 * (figure.value or 0) / highest if figure.kind == "value" else 0
        rows.append(html.Tr([
            html.Th(LAENDER[figure.ags].name, scope="row"),
            html.Td([html.Span(className="bar", style={"width": f"{share:.0f}%"}),
                     html.Span(figure_summary(figure, figure_map, lang), className="bar-value")], className="bar-cell"),
            html.Td([localized(row, "title", lang), html.Span(localized(row, "figure_condition", lang),
                                                               className="condition")] if row is not None else ""),
        ], className=" ".join(filter(None, [f"figure-{figure.kind}", "selected" if figure.ags in selected else ""]))))
    header = html.Thead(html.Tr([html.Th(translate(lang, key), scope="col") for key in
                                 ("field_land", "ranking_value", "ranking_programme")]))
    return html.Table([html.Caption(translate(lang, "ranking_caption")), header, html.Tbody(rows)],
                      className="ranking-table")


def render(data: ViewData, state: ViewState, lang: str) -> dict:
    figure_map = FIGURE_MAPS.get(state.map_mode)
    if figure_map is None:
        return {"hidden": True, "heading": "", "table": None}
    return {"hidden": False,
            "heading": translate(lang, "ranking_heading", what=translate(lang, f"map_mode.{state.map_mode}")),
            "table": ranking_table(land_figures(data.load.measures, figure_map), figure_map, state.lands, lang)}


PANEL = Panel("ranking", {"hidden": ("ranking-box", "hidden"), "heading": ("ranking-heading", "children"),
                          "table": ("ranking", "children")}, render)
