"""The Land's alliance for Aus- und Weiterbildung at the top of its list, when the map shows
the Länderbündnisse.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import html

from dashboard.constants import LAENDER
from dashboard.formatting import continuation_texts, format_date, localized
from dashboard.i18n import translate
from dashboard.panels.base import Panel, ViewData
from dashboard.query import alliances
from dashboard.state import ViewState


def alliance_profile(rows: pd.DataFrame, land: str, lang: str) -> list:
    """The Land's alliance for Aus- und Weiterbildung at the top of its list: name, since when,
    lead ministry, partners, Handlungsfeld, whether it is active and since when confirmed."""
    heading = html.H3(translate(lang, "alliance_title", land=LAENDER[land].name))
    if rows.empty:
        return [heading, html.P(translate(lang, "alliance.none"))]
    row = rows.iloc[0]
    active = " – ".join(filter(None, [translate(lang, f"status.{row['status']}"), *continuation_texts(row, lang)]))
    newest = row["newest_source"]
    fields = [
        ("alliance_name", localized(row, "title", lang)),
        ("alliance_since", str(int(row["start_year"])) if pd.notna(row["start_year"]) else ""),
        ("alliance_lead", row["provider"]),
        ("alliance_partners", row["partners"]),
        ("alliance_fields", translate(lang, f"handlungsfeld.{int(row['handlungsfeld'])}")
         if pd.notna(row["handlungsfeld"]) else ""),
        ("alliance_active", active),
        ("alliance_confirmed", format_date(newest, lang) if isinstance(newest, dt.date)
         else translate(lang, "source_date_unknown")),
    ]
    details = [part for key, value in fields if value
               for part in (html.Dt(translate(lang, key)), html.Dd(value))]
    return [heading, html.Dl(details)]


def alliance_box() -> html.Section:
    return html.Section(id="alliance-profile", className="alliance-profile", hidden=True)


def render(data: ViewData, state: ViewState, lang: str) -> dict:
    showing = state.map_mode == "alliances" and bool(state.land) and not state.compare
    profile = alliance_profile(alliances(data.load.measures, state.land), state.land, lang) if showing else []
    return {"alliance": profile, "alliance_hidden": not showing}


PANEL = Panel("alliance", {"alliance": ("alliance-profile", "children"),
                           "alliance_hidden": ("alliance-profile", "hidden")}, render)
