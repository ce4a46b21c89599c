""""Zeitleiste": the shown programmes' periods as bars on a time axis with a "today" line,
those ending within six months flagged, and the same facts as a table.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from dash import html

from dashboard.constants import LAENDER
from dashboard.formatting import format_date, localized
from dashboard.i18n import translate
from dashboard.panels.base import Panel, ViewData
from dashboard.panels.widgets import text
from dashboard.query import measures_for_lands
from dashboard.state import ViewState


ENDING_SOON_DAYS = 183  # "ends within six months"
AXIS_LABELS = 8


def timeline(measures: pd.DataFrame, lang: str, today: dt.date | None = None) -> list:
    """The programmes' periods on a time axis with a "today" line, those ending within six
    months flagged: as bars for the eye (hidden from screen readers) and as a table with the
    same facts for everyone. ``measures`` in display order (``measures_for_lands``)."""
    today = today or dt.date.today()
    dated = measures.loc[measures["start_year"].notna() | measures["end_year"].notna()]
    if dated.empty:
        return [html.P(translate(lang, "timeline_empty"), className="hint")]
    years = [int(y) for y in [*dated["start_year"].dropna(), *dated["end_year"].dropna()]]
    first, last = min([*years, today.year]), max([*years, today.year]) + 1
    span = (dt.date(last, 1, 1) - dt.date(first, 1, 1)).days

    def share(day: dt.date) -> float:
        return round(100 * (day - dt.date(first, 1, 1)).days / span, 2)

    bars, rows = [], []
    for _, row in dated.iterrows():
        start = dt.date(int(row["start_year"]), 1, 1) if pd.notna(row["start_year"]) else dt.date(first, 1, 1)
        end = dt.date(int(row["end_year"]), 12, 31) if pd.notna(row["end_year"]) else today
        soon = pd.notna(row["end_year"]) and 0 <= (end - today).days <= ENDING_SOON_DAYS
        flag = translate(lang, "timeline_ending_soon") if soon else ""
        title = localized(row, "title", lang)
        bars.append(html.Div([html.Span(title, className="timeline-label"),
                              html.Span(className="timeline-bar" + (" ending-soon" if soon else "")
                                        + ("" if pd.notna(row["end_year"]) else " open-end"),
                                        style={"marginLeft": f"{share(start)}%",
                                               "width": f"{max(share(end) - share(start), 1)}%"})],
                             className="timeline-row"))
        rows.append(html.Tr([html.Th(title, scope="row"), html.Td(LAENDER[row["ags"]].name),
                             html.Td(str(int(row["start_year"])) if pd.notna(row["start_year"]) else "–"),
                             html.Td(str(int(row["end_year"])) if pd.notna(row["end_year"])
                                     else translate(lang, "timeline_open")),
                             html.Td(flag)], className="ending-soon" if soon else None))
    # At most AXIS_LABELS years on the axis; on a phone every other one ("minor", app.css), so
    # four-digit years never run into each other.
    step = max(1, math.ceil((last - first) / AXIS_LABELS))
    axis = html.Div([html.Span(str(year), className="timeline-year" + (" minor" if index % 2 else ""),
                               style={"left": f"{share(dt.date(year, 1, 1))}%"})
                     for index, year in enumerate(range(first, last + 1, step))]
                    + [html.Span(translate(lang, "timeline_today"), className="timeline-today",
                                 style={"left": f"{share(today)}%"})], className="timeline-axis")
    return [
        html.Div([axis, *bars], className="timeline-chart", **{"aria-hidden": "true"}),
        html.Table([html.Caption(translate(lang, "timeline_caption", date=format_date(today, lang))),
                    html.Thead(html.Tr([html.Th(translate(lang, key), scope="col") for key in
                                        ("field_title", "field_land", "period_start", "period_end", "timeline_flag")])),
                    html.Tbody(rows)], className="timeline-table"),
    ]


def timeline_box(lang: str) -> html.Details:
    return html.Details([text("timeline_title", lang, tag=html.Summary), html.Div(id="timeline")],
                        className="timeline", id="timeline-box", hidden=True)


def render(data: ViewData, state: ViewState, lang: str) -> dict:
    shown = timeline(measures_for_lands(data.matching, state.lands), lang) if state.lands else []
    return {"timeline": shown, "timeline_hidden": not state.lands}


PANEL = Panel("timeline", {"timeline": ("timeline", "children"), "timeline_hidden": ("timeline-box", "hidden")}, render)
