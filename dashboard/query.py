"""Pure functions over the measures table: filter, count, compare. Pandas in, pandas out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard.constants import CATEGORIES, EVERYONE, GOAL_LEADS_TO, LAENDER, PROVIDERS
from dashboard.continuation import CONFIRMED_KINDS
from dashboard.filtering import FILTERS, Filters


def filter_measures(measures: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The measures that match ``filters``, for all Länder (the map needs them all). A filter
    with no value (nothing ticked, no text) does not narrow."""
    mask = pd.Series(True, index=measures.index)
    for spec in FILTERS:
        value = getattr(filters, spec.field)
        if value:
            mask &= spec.keep(measures, value)
    return measures.loc[mask]


def filter_phrases(filters: Filters, lang: str) -> list[str]:
    """The legend's phrase for each filter that is set, in the order of ``FILTERS``."""
    return [spec.says(getattr(filters, spec.field), lang) for spec in FILTERS if getattr(filters, spec.field)]


def measures_for_lands(measures: pd.DataFrame, lands: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """Measures of the given Länder, in the order of the Länder and then by category and title."""
    order = {ags: i for i, ags in enumerate(lands)}
    category_order = {c: i for i, c in enumerate(CATEGORIES)}
    chosen = measures.loc[measures["ags"].isin(order)]
    return chosen.sort_values(
        ["ags", "category", "title"],
        key=lambda col: col.map(order) if col.name == "ags" else (
            col.map(category_order) if col.name == "category" else col.str.casefold()
        ),
    )


# --------------------------------------------------------------------------- "Was passt zu mir?"
FINDER_QUESTIONS = ("home", "work", "situation", "goal")  # the view state's fields, in the form's order


@dataclass(frozen=True)
class FinderAnswer:
    """What the finder shows for a person's answers so far."""

    matches: pd.DataFrame  # the Länder's programmes that fit, in the Länder's order
    federal: pd.DataFrame  # the federal instruments that fit ("bundesweit gilt außerdem")
    counselling: pd.DataFrame  # where to ask, the Länder's and the federal, if the goal is not advice itself
    missing: tuple[str, ...]  # the questions not answered yet (FINDER_QUESTIONS)


def applies_where(row, home: str, work: str) -> bool:
    """Whether the programme's own rule (``eligibility``) lets someone who lives in ``home`` and
    works in ``work`` use it: by residence, workplace, both, or the company's seat."""
    rule, land = row["eligibility"], row["ags"]
    if rule == "residence":
        return land == home
    if rule == "residence_and_workplace":
        return land == home == work
    if rule in ("workplace", "company_seat"):
        return land == work
    return land in (home, work)  # either, open to all, or not stated


def fits_person(row, situation: str, goal: str) -> bool:
    """The goal leads: the programme serves it. The situation narrows only where the programme
    says who may apply, and a goal brings the situation it leads into (GOAL_LEADS_TO: whoever
    wants to become a Meister will be in upgrading training). Unanswered questions narrow nothing."""
    applicants = row["situations"]
    if applicants and set(applicants) <= {PROVIDERS}:  # only providers apply: nothing for a person
        return False
    goal_fits = not goal or goal in row["goals"]
    situation_fits = (not situation or not applicants or EVERYONE in applicants or situation in applicants
                      or GOAL_LEADS_TO.get(goal) in applicants)
    return goal_fits and situation_fits


def _offered(measures: pd.DataFrame) -> pd.DataFrame:
    """Running programmes that people or employers use (alliances serve their partners)."""
    return measures.loc[(measures["status"] == "running") & (measures["basis"] != "alliance")]


def _where(rows: pd.DataFrame, keep) -> pd.DataFrame:
    return rows.loc[rows.apply(keep, axis=1)] if not rows.empty else rows


def finder_answer(measures: pd.DataFrame, federal: pd.DataFrame, home: str, work: str, situation: str,
                  goal: str) -> FinderAnswer:
    """"Was passt zu mir?" for the answers given so far: with a Land alone its programmes, each
    further answer narrowing. Where the person lives or works stands in for the other until
    both are given. Advice is always named beside the programmes (and alone if none fits)."""
    answers = {"home": home, "work": work, "situation": situation, "goal": goal}
    missing = tuple(question for question in FINDER_QUESTIONS if not answers[question])
    lands = tuple(dict.fromkeys(land for land in (home, work) if land))
    home, work = home or work, work or home
    local = _where(_offered(measures.loc[measures["ags"].isin(lands)]), lambda row: applies_where(row, home, work))
    everywhere = _offered(federal) if lands else federal.iloc[0:0]
    advice = "counselling"
    counselling = pd.concat([_where(rows, lambda row: advice in row["goals"] and fits_person(row, situation, ""))
                             for rows in (measures_for_lands(local, lands), everywhere)]) \
        if goal != advice else local.iloc[0:0]
    matches = measures_for_lands(_where(local, lambda row: fits_person(row, situation, goal)), lands)
    return FinderAnswer(
        matches=matches, federal=_where(everywhere, lambda row: fits_person(row, situation, goal)).sort_values("title"),
        counselling=counselling.loc[~counselling["id"].isin(matches["id"])], missing=missing)


def leave_at_work(measures: pd.DataFrame, work: str) -> pd.DataFrame:
    """The educational-leave law that applies where one works (it goes by the workplace)."""
    return measures.loc[(measures["ags"] == work) & (measures["category"] == "educational_leave")
                        & (measures["status"] == "running")]


def alliances(measures: pd.DataFrame, ags: str) -> pd.DataFrame:
    """A Land's alliances for Aus- und Weiterbildung: the running ones first, the best
    confirmed (newest source) first among them."""
    rows = measures.loc[(measures["ags"] == ags) & (measures["category"] == "alliance")]
    order = rows.assign(_running=rows["status"] != "running",
                        _newest=rows["newest_source"].map(lambda d: -d.toordinal() if isinstance(d, dt.date) else 0))
    return order.sort_values(["_running", "_newest", "title"]).drop(columns=["_running", "_newest"])


def alliance_class(measures: pd.DataFrame, ags: str) -> str:
    """How a Land's alliance stands: "confirmed" (running, its continuation confirmed),
    "unconfirmed" (running by its source, not confirmed since), "ended" (ended or merged into
    another), or "none" (no alliance recorded)."""
    rows = alliances(measures, ags)
    running = rows.loc[rows["status"] == "running"]
    if not running.empty:
        return "confirmed" if running["continuation"].isin(CONFIRMED_KINDS).any() else "unconfirmed"
    return "ended" if (rows["status"] == "ended").any() else "none"


def counts_per_land(measures: pd.DataFrame) -> pd.Series:
    """Number of measures per AGS code, with every Land present (zero where none)."""
    return measures["ags"].value_counts().reindex(list(LAENDER), fill_value=0).rename("count")


def counts_by_land_and_category(measures: pd.DataFrame, lands: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """A Land × category matrix of counts for the compare view (rows in the given order)."""
    chosen = measures.loc[measures["ags"].isin(lands)]
    matrix = pd.crosstab(chosen["ags"], chosen["category"])
    return matrix.reindex(index=list(lands), columns=list(CATEGORIES), fill_value=0)
