"""Notices: invalid rows of the data in service, and what the address asked for that the view
could not show.
"""

from __future__ import annotations

from dash import html

from dashboard.data import MeasuresLoad
from dashboard.i18n import translate
from dashboard.panels.base import Panel, ViewData
from dashboard.panels.widgets import text
from dashboard.parsing import MAX_NOTICE_VALUE, NOTICE_KEYS
from dashboard.state import ViewState


MAX_NOTICES = 12  # notices about one address shown at most


def data_notice(load: MeasuresLoad, lang: str):
    """A visible notice listing every invalid row of the measures file, or nothing."""
    if not load.problems:
        return None
    return html.Details(
        [
            html.Summary(translate(lang, "data_notice", count=max(load.rows_skipped, 1))),
            html.Ul([html.Li(str(problem)) for problem in load.problems]),
        ],
        className="notice notice-warning",
        id="data-notice",
    )


def view_notices(url_notices, lang: str) -> list:
    """The notices about the address, in the page's language. They come back from the
    browser's store, so anything but a known key with a short text is left out."""
    if not isinstance(url_notices, list):
        return []
    return [html.P(translate(lang, n["key"], value=n["value"]), className="notice")
            for n in url_notices[:MAX_NOTICES]
            if isinstance(n, dict) and n.get("key") in NOTICE_KEYS and isinstance(n.get("value"), str)
            and len(n["value"]) <= MAX_NOTICE_VALUE]


def notices_box(load: MeasuresLoad, lang: str) -> html.Div:
    """The notices' places; ``render`` fills them for every view from the data then in service."""
    return html.Div([html.Div([data_notice(load, lang)], id="data-notices"),
                     html.Div(id="view-notices", role="status"),
                     text("callback_error", lang, tag=html.P, hidden=True, role="alert",
                          className="notice notice-error", id_="callback-error")],
                    className="notices")


def render(data: ViewData, _state: ViewState, lang: str) -> dict:
    # The data notice is the data's as it is now (a file that went bad, or was mended, after
    # the page was built), in the page's language.
    return {"notices": view_notices(list(data.url_notices), lang), "data": [data_notice(data.load, lang)]}


PANEL = Panel("notices", {"notices": ("view-notices", "children"), "data": ("data-notices", "children")}, render)
