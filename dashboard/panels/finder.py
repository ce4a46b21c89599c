""""Was passt zu mir?": four questions, and as they are answered, the running programmes of both
Länder that apply on their own terms and the federal instruments, each with one line on why and
where to turn, the advice services, and the educational leave of the workplace.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.constants import FEDERAL, LAENDER
from dashboard.formatting import area_name, localized, safe_url
from dashboard.i18n import translate
from dashboard.panels.base import Panel, ViewData
from dashboard.panels.widgets import labelled, land_options, props_of, text
from dashboard.query import FinderAnswer, finder_answer, leave_at_work
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


def _item(row, why: str, lang: str) -> html.Li:
    """One programme: its title (linked to the official page), its Land, why it fits, and where
    to turn (the card's provider)."""
    url = safe_url(row["url"])
    title = localized(row, "title", lang)
    where = area_name(row["ags"], lang)
    next_step = translate(lang, "finder_next", provider=row["provider"]) if row["provider"] \
        else translate(lang, "finder_next_page")
    return html.Li([html.A(title, href=url, target="_blank", rel="noopener noreferrer") if url else title,
                    html.Span(f" ({where})"), html.Br(), html.Span(why, className="finder-why"), html.Br(),
                    html.Span(next_step, className="finder-next")])


def _why(row, goal: str, lang: str) -> str:
    if row["ags"] == FEDERAL:
        basis = translate(lang, "finder_basis.federal")
    else:
        basis = translate(lang, f"finder_basis.{row['eligibility'] or 'unknown'}", land=LAENDER[row["ags"]].name)
    reason = translate(lang, f"goal_why.{goal}") if goal else translate(lang, f"category.{row['category']}")
    return "; ".join([basis, reason])


def _section(heading: str, rows: pd.DataFrame, goal: str, lang: str) -> list:
    if rows.empty:
        return []
    return [html.P(heading, className="finder-heading"),
            html.Ul([_item(row, _why(row, goal, lang), lang) for _, row in rows.iterrows()], className="finder-list")]


def _leave_line(leave: pd.DataFrame, work: str, lang: str) -> html.P:
    land = LAENDER[work].name
    if leave.empty:
        return html.P(translate(lang, "finder_leave_none", land=land), className="finder-leave")
    first = leave.iloc[0]
    return html.P(translate(lang, "finder_leave", land=land, title=localized(first, "title", lang),
                            funding=localized(first, "funding", lang) or translate(lang, "funding_unknown")),
                  className="finder-leave")


def finder_results(answer: FinderAnswer, leave: pd.DataFrame, state, lang: str) -> list:
    """The programmes that fit the answers so far (the Länder's, then the federal ones), each
    with why and where to turn; where to get advice; the educational leave where one works; and
    which answers would narrow the list. Never a bare "nothing fits": advice is named."""
    if "home" in answer.missing and "work" in answer.missing:
        return [html.P(translate(lang, "finder_need_land"), className="hint")]
    questions = [translate(lang, f"finder_question.{question}") for question in answer.missing]
    open_questions = [html.P(translate(lang, "finder_missing", questions=", ".join(questions)), className="hint")] \
        if questions else []
    specific = len(answer.matches) + len(answer.federal)
    found = [html.P(translate(lang, "finder_found", count=specific) if specific else translate(lang, "finder_none"))]
    return [*open_questions, *found,
            *_section(translate(lang, "finder_in_lands"), answer.matches, state.goal, lang),
            *_section(translate(lang, "federal_heading"), answer.federal, state.goal, lang),
            *_section(translate(lang, "finder_counselling"), answer.counselling, "counselling", lang),
            *([_leave_line(leave, state.work, lang)] if state.work else [])]


def render(data: ViewData, state: ViewState, lang: str) -> dict:
    load = data.load
    results = finder_results(finder_answer(load.measures, load.federal, state.home, state.work, state.situation,
                                           state.goal),
                             leave_at_work(load.measures, state.work), state, lang) if state.finder else []
    return {"finder_hidden": not state.finder, "finder_results": results}


PANEL = Panel("finder", {"finder_hidden": ("finder", "hidden"), "finder_results": ("finder-results", "children")},
              render)
