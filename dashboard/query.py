"""Pure functions over the measures table: filter, count, compare. Pandas in, pandas out."""

from __future__ import annotations

import pandas as pd

from dashboard.constants import CATEGORIES, LAENDER
from dashboard.state import ViewState

SEARCHED_COLUMNS = ("title", "summary", "provider")


def filter_measures(measures: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """The measures that match the state's filters, for all Länder (the map needs them all)."""
    mask = pd.Series(True, index=measures.index)
    if state.categories:
        mask &= measures["category"].isin(state.categories)
    if state.target_groups:
        wanted = set(state.target_groups)
        mask &= measures["target_groups"].map(lambda groups: bool(wanted.intersection(groups)))
    if state.statuses:
        mask &= measures["status"].isin(state.statuses)
    if state.handlungsfelder:
        mask &= measures["handlungsfeld"].isin(state.handlungsfelder).fillna(False).astype(bool)
    if state.text:
        needle = state.text.casefold()
        haystack = measures[list(SEARCHED_COLUMNS)].apply(lambda col: col.str.casefold())
        # regex=False: the search box is plain text, never a pattern a user could abuse
        hits = pd.concat([haystack[c].str.contains(needle, regex=False) for c in SEARCHED_COLUMNS], axis=1)
        mask &= hits.any(axis=1)
    return measures.loc[mask]


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


def counts_per_land(measures: pd.DataFrame) -> pd.Series:
    """Number of measures per AGS code, with every Land present (zero where none)."""
    return measures["ags"].value_counts().reindex(list(LAENDER), fill_value=0).rename("count")


def counts_by_land_and_category(measures: pd.DataFrame, lands: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """A Land × category matrix of counts for the compare view (rows in the given order)."""
    chosen = measures.loc[measures["ags"].isin(lands)]
    matrix = pd.crosstab(chosen["ags"], chosen["category"])
    return matrix.reindex(index=list(lands), columns=list(CATEGORIES), fill_value=0)
