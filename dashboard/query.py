"""Pure functions over the measures table: filter, count, compare. Pandas in, pandas out."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.constants import CATEGORIES, LAENDER
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


def finder_matches(measures: pd.DataFrame, home: str, work: str, situation: str, goal: str) -> pd.DataFrame:
    """"Was passt zu mir?": the running programmes of the Land one lives in (``home``) and the
    Land one works in (``work``) that apply to the person on their own terms (``eligibility``:
    residence, workplace, both or the company's seat), fit their situation and serve their goal."""
    lands = tuple(dict.fromkeys(land for land in (home, work) if land))
    running = measures.loc[(measures["status"] == "running") & measures["ags"].isin(lands)]

    def fits(row) -> bool:
        basis, land = row["eligibility"], row["ags"]
        if basis == "residence":
            where = land == home
        elif basis == "residence_and_workplace":
            where = land == home == work
        elif basis in ("workplace", "company_seat"):
            where = land == work
        else:  # either, open to all, or not stated: the Land one lives or works in
            where = land in lands
        return where and situation in row["situations"] and goal in row["goals"]

    if running.empty or not situation or not goal:
        return running.iloc[0:0]
    return measures_for_lands(running.loc[running.apply(fits, axis=1)], lands)


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
