"""The filters: search text, category, target group, status, Handlungsfeld and "only confirmed";
on phones they fold behind one button that says how many are active.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.i18n import translate
from dashboard.panels.base import Panel, ViewData
from dashboard.panels.widgets import labelled, props_of, text
from dashboard.query import Filters
from dashboard.parsing import MAX_TEXT_LENGTH
from dashboard.state import ViewState


def filters_toggle_label(filters: Filters, lang: str) -> str:
    """"Filter (2 aktiv)": the phone's one-tap disclosure says how many filters narrow the list."""
    count = filters.active_count()
    return translate(lang, "filters_toggle_active", count=count) if count else translate(lang, "filters_heading")


def filter_panel(lang: str) -> html.Section:
    state = ViewState()
    return html.Section(
        [
            text("filters_heading", lang, tag=html.H2, className="filters-heading"),
            # Phones only (app.css): the filters fold away behind this button, so the map comes first.
            html.Button(filters_toggle_label(state.filters, lang), id="filters-toggle", n_clicks=0,
                        className="button secondary filters-toggle",
                        **{"aria-expanded": "false", "aria-controls": "filters-body"}),
            html.Div(filter_controls(state, lang), id="filters-body", className="filters-body"),
        ],
        id="filters",
        className="panel filters",
    )


def filter_controls(state: ViewState, lang: str) -> list:
    return [
        labelled("filter_text", dcc.Input(id="filter-text", type="search", debounce=0.4, value="",
                                           maxLength=MAX_TEXT_LENGTH, className="text-input",
                                           **props_of("filter-text", lang)), lang, "filter-text"),
        labelled("filter_category", dcc.Dropdown(id="filter-category", multi=True, value=[],
                                                  **props_of("filter-category", lang)), lang, "filter-category"),
        labelled("filter_target", dcc.Dropdown(id="filter-target", multi=True, value=[],
                                                **props_of("filter-target", lang)), lang, "filter-target"),
        html.Fieldset([text("filter_status", lang, tag=html.Legend),
                       dcc.Checklist(id="filter-status", value=list(state.statuses), inline=True,
                                     **props_of("filter-status", lang))]),
        html.Fieldset([text("filter_handlungsfeld", lang, tag=html.Legend),
                       dcc.Checklist(id="filter-hf", value=[], **props_of("filter-hf", lang))]),
        html.Fieldset([text("filter_current", lang, tag=html.Legend),
                       dcc.Checklist(id="filter-current", value=[], **props_of("filter-current", lang))]),
        html.Button(text("filter_reset", lang), id="filter-reset", className="button secondary", n_clicks=0),
    ]


def render(_data: ViewData, state: ViewState, lang: str) -> dict:
    return {"filters_toggle": filters_toggle_label(state.filters, lang)}


PANEL = Panel("filters", {"filters_toggle": ("filters-toggle", "children")}, render)
