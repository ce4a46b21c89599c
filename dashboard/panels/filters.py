"""The filters: search text, category, target group, status, Handlungsfeld and "only confirmed";
on phones they fold behind one button that says how many are active.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.filtering import FILTERS, Filter
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


def filter_control(spec: Filter, value, lang: str):
    """A filter's control, drawn by its kind (``filtering.Filter.widget``), labelled for screen
    readers; its options and placeholder come from ``widgets.translated_props``."""
    props = props_of(spec.control, lang)
    if spec.widget == "search":
        return labelled(spec.label, dcc.Input(id=spec.control, type="search", debounce=0.4, value=value,
                                              maxLength=MAX_TEXT_LENGTH, className="text-input", **props),
                        lang, spec.control)
    if spec.widget == "multi":
        return labelled(spec.label, dcc.Dropdown(id=spec.control, multi=True, value=list(value), **props),
                        lang, spec.control)
    ticked = list(value) if spec.widget == "checklist" else ([spec.options(lang)[0]["value"]] if value else [])
    return html.Fieldset([text(spec.label, lang, tag=html.Legend),
                          dcc.Checklist(id=spec.control, value=ticked, inline=spec.inline, **props)])


def filter_controls(state: ViewState, lang: str) -> list:
    return [*(filter_control(spec, getattr(state, spec.field), lang) for spec in FILTERS),
            html.Button(text("filter_reset", lang), id="filter-reset", className="button secondary", n_clicks=0)]


def render(_data: ViewData, state: ViewState, lang: str) -> dict:
    return {"filters_toggle": filters_toggle_label(state.filters, lang)}


PANEL = Panel("filters", {"filters_toggle": ("filters-toggle", "children")}, render)
