""""Länder vergleichen": 2–4 Länder side by side, as a count matrix (an HTML table screen
readers read cell by cell) and a sortable, filterable AG Grid of their programmes.
"""

from __future__ import annotations

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html, no_update

from dashboard.constants import CATEGORIES, LAENDER
from dashboard.figures import scale_colour
from dashboard.formatting import safe_url
from dashboard.i18n import translate
from dashboard.landfigures import FIGURE_MAPS, FigureMap, figure_summary, land_figures
from dashboard.panels.base import Panel, ViewData
from dashboard.query import counts_by_land_and_category
from dashboard.state import ViewState


GRID_COLUMNS = ("land", "category_label", "title", "target_label", "funding", "status_label", "checked", "url")


def grid_rows(measures: pd.DataFrame, lang: str) -> list[dict]:
    """Rows for the AG Grid of the compare view; plain strings only."""
    return [
        {
            "land": LAENDER[row["ags"]].name,
            "category_label": translate(lang, f"category.{row['category']}"),
            "title": row["title"],
            "target_label": ", ".join(translate(lang, f"target.{g}") for g in row["target_groups"]),
            "funding": row["funding"],
            "status_label": translate(lang, f"status.{row['status']}"),
            "checked": row["checked"].isoformat(),
            "url": safe_url(row["url"]),
        }
        for _, row in measures.iterrows()
    ]


def grid_column_defs(lang: str) -> list[dict]:
    headers = {
        "land": "field_land",
        "category_label": "field_category",
        "title": "field_title",
        "target_label": "field_target",
        "funding": "field_funding",
        "status_label": "field_status",
        "checked": "field_checked",
        "url": "field_url",
    }
    columns = []
    for field in GRID_COLUMNS:
        column = {"field": field, "headerName": translate(lang, headers[field])}
        if field == "url":
            column["cellRenderer"] = "ExternalLink"  # assets/app.js, "AG Grid"
        if field in ("title", "funding"):
            column.update(wrapText=True, autoHeight=True, flex=2, minWidth=220)
        columns.append(column)
    return columns


def compare_grid(measures: pd.DataFrame, lang: str) -> dag.AgGrid:
    """The sortable, filterable table of the compared Länder's measures."""
    return dag.AgGrid(id="compare-grid", rowData=grid_rows(measures, lang), columnDefs=grid_column_defs(lang),
                      defaultColDef={"sortable": True, "filter": True, "resizable": True, "flex": 1, "minWidth": 120},
                      dashGridOptions={"domLayout": "autoHeight", "suppressCellFocus": False},
                      className="ag-theme-quartz compare-grid")


def compare_matrix(matrix: pd.DataFrame, lang: str) -> html.Table:
    """Categories × Länder: how many measures each compared Land has of each kind.

    An HTML table rather than a chart: screen readers read it cell by cell, and the cells are
    tinted with the map's colour scale so the eye still finds the large numbers first."""
    categories = [c for c in CATEGORIES if c in matrix.columns]
    top = max(int(matrix[categories].to_numpy().max(initial=0)), 1)

    def cell(count: int) -> html.Td:
        return html.Td(str(count), className="matrix-dark" if count / top > 0.5 else None,
                       style={"backgroundColor": scale_colour(count / top)})

    return html.Table(
        [
            html.Caption(translate(lang, "compare_matrix_title")),
            html.Thead(html.Tr([html.Th(translate(lang, "field_category"), scope="col")]
                               + [html.Th(LAENDER[ags].name, scope="col") for ags in matrix.index])),
            html.Tbody([
                html.Tr([html.Th(translate(lang, f"category.{category}"), scope="row")]
                        + [cell(int(matrix.loc[ags, category])) for ags in matrix.index])
                for category in categories
            ]),
        ],
        className="compare-matrix",
    )


def figures_side_by_side(measures: pd.DataFrame, lands: tuple[str, ...], lang: str) -> html.Table:
    """What the compared Länder pay and grant: a row per figure map (landfigures.FIGURE_MAPS),
    each Land's figure with what it depends on."""
    by_map = {mode: land_figures(measures, figure) for mode, figure in FIGURE_MAPS.items()}

    def cell(figure: FigureMap, ags: str) -> html.Td:
        return html.Td(figure_summary(by_map[figure.mode][ags], figure, lang))

    return html.Table(
        [
            html.Caption(translate(lang, "compare_figures_title")),
            html.Thead(html.Tr([html.Th(translate(lang, "map_mode_label"), scope="col")]
                               + [html.Th(LAENDER[ags].name, scope="col") for ags in lands])),
            html.Tbody([html.Tr([html.Th(translate(lang, f"map_mode.{mode}"), scope="row")]
                                + [cell(figure, ags) for ags in lands]) for mode, figure in FIGURE_MAPS.items()]),
        ],
        className="compare-matrix compare-figures",
    )


def compare_section() -> html.Div:
    return html.Div(
        [
            html.Div(id="compare-matrix"),
            # The grid is built once AG Grid's code has loaded (it loads with the comparison,
            # see dashboard/page.py): never in the page before its library.
            dcc.Store(id="grid-state"),
            html.Div(id="compare-grid-slot", className="compare-grid-slot"),
        ],
        id="compare-panel", hidden=True,
    )


def render(data: ViewData, state: ViewState, lang: str) -> dict:
    return {
        "compare_hidden": len(state.lands) < 2 if state.compare else True,
        "compare_select_hidden": not state.compare,
        "land_select_hidden": state.compare,
        "matrix": [compare_matrix(counts_by_land_and_category(data.matching, state.lands), lang),
                   figures_side_by_side(data.load.measures, state.lands, lang)] if state.compare else no_update,
    }


PANEL = Panel("compare", {"compare_hidden": ("compare-panel", "hidden"),
                          "compare_select_hidden": ("compare-select-wrap", "hidden"),
                          "land_select_hidden": ("land-select-wrap", "hidden"),
                          "matrix": ("compare-matrix", "children")}, render)
