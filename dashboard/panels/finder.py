""""Was passt zu mir?": four questions, and the running programmes of both Länder that apply
on their own terms, each with one line on why, plus the educational leave of the workplace.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.constants import LAENDER
from dashboard.formatting import localized, safe_url
from dashboard.i18n import translate
from dashboard.panels.base import Panel, ViewData
from dashboard.panels.widgets import labelled, land_options, props_of, text
from dashboard.query import finder_matches, leave_at_work
from dashboard.state import ViewState


def finder_panel(lang: str) -> html.Section:
    """"Was passt zu mir?": four questions; update_view answers with ``finder_results``."""
    return html.Section(
        [
            text("finder_title", lang, tag=html.H2, id_="finder-title"),
            text("finder_privacy", lang, tag=html.P, className="hint"),
            labelled("finder_home", dcc.Dropdown(id="finder-home", options=land_options(), clearable=True,
                                                  **props_of("finder-home", lang)), lang, "finder-home"),
            labelled("finder_work", dcc.Dropdown(id="finder-work", options=land_options(), clearable=True,
                                                  **props_of("finder-work", lang)), lang, "finder-work"),
            html.Fieldset([text("finder_situation", lang, tag=html.Legend),
                           dcc.RadioItems(id="finder-situation", **props_of("finder-situation", lang))]),
            html.Fieldset([text("finder_goal", lang, tag=html.Legend),
                           dcc.RadioItems(id="finder-goal", **props_of("finder-goal", lang))]),
            html.Div(id="finder-results", role="status"),
        ],
        id="finder", className="finder", hidden=True, **{"aria-labelledby": "finder-title"},
    )


def finder_results(matches: pd.DataFrame, leave: pd.DataFrame, state, lang: str) -> list:
    """The programmes that fit, each with one line on why, and the educational leave that
    applies where the person works; or what is still missing to answer."""
    if not (state.home and state.work and state.situation and state.goal):
        return [html.P(translate(lang, "finder_incomplete"), className="hint")]
    items = []
    for _, row in matches.iterrows():
        land = LAENDER[row["ags"]].name
        basis = row["eligibility"] or "unknown"
        why = "; ".join([translate(lang, f"finder_basis.{basis}", land=land), translate(lang, f"goal_why.{state.goal}")])
        url = safe_url(row["url"])
        title = localized(row, "title", lang)
        items.append(html.Li([html.A(title, href=url, target="_blank", rel="noopener noreferrer") if url else title,
                              html.Span(f" ({land})"), html.Br(), html.Span(why, className="finder-why")]))
    found = [html.P(translate(lang, "finder_found", count=len(items))), html.Ul(items, className="finder-list")] \
        if items else [html.P(translate(lang, "finder_none"))]
    work = LAENDER[state.work].name
    if leave.empty:
        leave_line = translate(lang, "finder_leave_none", land=work)
    else:
        first = leave.iloc[0]
        leave_line = translate(lang, "finder_leave", land=work, title=localized(first, "title", lang),
                               funding=localized(first, "funding", lang) or translate(lang, "funding_unknown"))
    return [*found, html.P(leave_line, className="finder-leave")]


def render(data: ViewData, state: ViewState, lang: str) -> dict:
    measures = data.load.measures
    results = finder_results(finder_matches(measures, state.home, state.work, state.situation, state.goal),
                             leave_at_work(measures, state.work), state, lang) if state.finder else []
    return {"finder_hidden": not state.finder, "finder_results": results}


PANEL = Panel("finder", {"finder_hidden": ("finder", "hidden"), "finder_results": ("finder-results", "children")},
              render)
