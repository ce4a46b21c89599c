"""Taking the view along: the printable Land sheet, CSV and Excel export of what is shown, and
the code that embeds the view in another site's frame."""

from __future__ import annotations

from dash import dcc, html

from dashboard.panels.base import Panel, ViewData
from dashboard.panels.widgets import text
from dashboard.state import ViewState, land_code


def share_box(lang: str) -> html.Div:
    return html.Div(
        [html.A(text("sheet_link", lang), id="sheet-link", href="", hidden=True, target="_blank",
                rel="noopener", className="button secondary sheet-link"),
         html.Button(text("export_csv", lang), id="export-csv", className="button", n_clicks=0),
         html.Button(text("export_xlsx", lang), id="export-xlsx", className="button", n_clicks=0),
         text("export_hint", lang, tag=html.P, className="hint"),
         # A ministry's page can show this view in a frame, in the compact embed mode
         # (?einbetten=1); WBK_FRAME_ANCESTORS says which sites may.
         html.Details([text("embed_title", lang, tag=html.Summary),
                       text("embed_hint", lang, tag=html.P, className="hint"),
                       text("embed_code_label", lang, tag=html.Label, htmlFor="embed-code"),
                       dcc.Textarea(id="embed-code", readOnly=True, className="embed-code", rows=3)],
                      className="embed")],
        className="export",
    )


def sheet_href(state: ViewState, lang: str) -> str:
    """The printable sheet of the one Land shown (dashboard/sheet.py), or "" if there is none."""
    return f"/blatt/{land_code(state.land)}?lang={lang}" if state.land and not state.compare else ""


def render(_data: ViewData, state: ViewState, lang: str) -> dict:
    href = sheet_href(state, lang)
    return {"sheet_href": href, "sheet_hidden": not href}


PANEL = Panel("share", {"sheet_href": ("sheet-link", "href"), "sheet_hidden": ("sheet-link", "hidden")}, render)
