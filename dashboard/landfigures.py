"""The Länder compared by what their programmes pay and grant: one figure per Land for each
figure map ("Die Karte zeigt": Bildungsurlaub, Meisterbonus, Bildungsscheck), from the typed
figure columns of the measures (never from free text), and the Länder ranked by it.

Each figure map is one row of ``FIGURE_MAPS``: the programmes it compares (a category), how one
programme's figure is read, its unit, and what a Land without such a programme is called.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.constants import LAENDER, LEAVE_PERIODS
from dashboard.formatting import figure_text
from dashboard.i18n import translate


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def leave_per_year(row) -> float | None:
    """Days of paid educational leave per year (10 days in two years: 5)."""
    days = _number(row["leave_days"])
    return None if days is None or not row["leave_period"] else days / LEAVE_PERIODS[row["leave_period"]]


@dataclass(frozen=True)
class FigureMap:
    mode: str  # the map mode (a value of constants.MAP_MODES)
    category: str  # the programmes compared
    value: Callable[[pd.Series], float | None]  # one programme's figure; None where its source names none
    unit: str  # i18n key: the unit of the figure ("unit.days_per_year")
    absent: str  # i18n key: a Land without such a programme ("figure_absent.leave": "kein Gesetz")


FIGURE_MAPS: dict[str, FigureMap] = {figure.mode: figure for figure in (
    FigureMap("leave", "educational_leave", leave_per_year, "unit.days_per_year", "figure_absent.leave"),
    FigureMap("upgrading_bonus", "upgrading_bonus", lambda row: _number(row["amount_eur"]), "unit.euro",
              "figure_absent.programme"),
    FigureMap("individual_grant", "individual_grant", lambda row: _number(row["amount_eur"]), "unit.euro",
              "figure_absent.programme"),
)}


@dataclass(frozen=True)
class LandFigure:
    """A Land on a figure map: its figure, or that its programme states none ("not_stated"),
    or that it has no such programme ("absent"); the programme the figure comes from."""

    ags: str
    kind: str  # "value", "not_stated" or "absent"
    value: float | None = None
    programme: pd.Series | None = None


def land_figures(measures: pd.DataFrame, figure: FigureMap) -> dict[str, LandFigure]:
    """Every Land's figure: the highest of its running programmes of the category."""
    running = measures.loc[(measures["status"] == "running") & (measures["category"] == figure.category)]
    figures = {}
    for ags in LAENDER:
        rows = running.loc[running["ags"] == ags]
        valued = [(value, row) for _, row in rows.iterrows() if (value := figure.value(row)) is not None]
        if valued:
            value, row = max(valued, key=lambda pair: pair[0])
            figures[ags] = LandFigure(ags, "value", value, row)
        elif not rows.empty:
            figures[ags] = LandFigure(ags, "not_stated", None, rows.iloc[0])
        else:
            figures[ags] = LandFigure(ags, "absent")
    return figures


KIND_ORDER = {"value": 0, "not_stated": 1, "absent": 2}


def ranking(figures: dict[str, LandFigure]) -> list[LandFigure]:
    """Highest figure first; then the Länder whose programme states none; then those without one."""
    return sorted(figures.values(), key=lambda f: (KIND_ORDER[f.kind], -(f.value or 0), LAENDER[f.ags].name))


def figure_words(figure: LandFigure, unit: str, absent: str, lang: str) -> str:
    """A Land's figure in words: "3.000 €", "kein Gesetz", "Die Quelle nennt keine Zahl"."""
    if figure.kind == "value":
        return figure_text(figure.value, unit, lang)
    return translate(lang, absent if figure.kind == "absent" else "figure_not_stated")


def figure_summary(figure: LandFigure, figure_map: FigureMap, lang: str) -> str:
    """The figure in words with its details: "5 Tage pro Jahr (10 Tage in zwei Jahren)"."""
    details = figure_details(figure, lang)
    words = figure_words(figure, figure_map.unit, figure_map.absent, lang)
    return f"{words} ({details})" if details else words


def figure_details(figure: LandFigure, lang: str) -> str:
    """What else the programme's figures say: days counted over two years, the share of the costs."""
    row = figure.programme
    if figure.kind != "value" or row is None:
        return ""
    details = []
    if row["leave_period"] == "two_years":
        details.append(translate(lang, "unit.days_two_years", value=figure_text(row["leave_days"], "unit.number", lang)))
    if not pd.isna(row["rate_percent"]):
        details.append(translate(lang, "unit.rate", value=int(row["rate_percent"])))
    return "; ".join(details)
