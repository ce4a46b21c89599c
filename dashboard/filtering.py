"""Every filter once: its field of the view, its URL parameter, its control, its predicate on the
data and its phrase in the map's legend, as one row of ``FILTERS``.

``Filters`` holds the values (``state.ViewState`` extends it, so the view has no second copy);
``state.PARAMETERS`` and ``state.CONTROLS`` take a row per filter from here;
``query.filter_measures`` and the legend (``query.filter_phrases``) are loops over ``FILTERS``;
``panels.filters`` draws each row's control by its ``widget`` and ``panels.widgets`` translates
its options and placeholder. A new filter is a field of ``Filters``, a row here and its texts in
``i18n.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from dashboard.constants import CATEGORIES, DEFAULT_STATUSES, HANDLUNGSFELDER, STATUSES, TARGET_GROUPS
from dashboard.i18n import labelled_options, translate
from dashboard.parsing import choices, clean_choices, clean_flag, clean_text, join_values, parse_flag, parse_text

SEARCHED_COLUMNS = ("title", "summary", "provider")


@dataclass(frozen=True)
class Filters:
    """What narrows the measures: the map's colours and every list depend on this alone.

    Empty means "any" everywhere but ``statuses``, which defaults to running programmes."""

    text: str = ""
    categories: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    handlungsfelder: tuple[int, ...] = ()
    current_only: bool = False  # only measures whose continuation is confirmed (continuation.py)

    def active_count(self) -> int:
        """How many of the filters differ from their default."""
        default = Filters()
        return sum(getattr(self, name) != getattr(default, name) for name in FILTER_FIELDS)


FILTER_FIELDS = tuple(field.name for field in fields(Filters))


@dataclass(frozen=True)
class Filter:
    field: str  # of ``Filters`` (and so of the view state)
    parameter: str  # in the address: ?kategorie=…
    parse: Callable[[str], tuple[Any, list[dict]]]  # raw URL value -> (value or None, notices)
    write: Callable[[Any], str]  # value -> URL value
    clean: Callable[[Any, Any], Any]  # (value from the browser, default) -> a value it may have
    keep: Callable[[pd.DataFrame, Any], pd.Series]  # the rows a set value keeps
    says: Callable[[Any, str], str]  # (value, lang) -> the legend's phrase
    control: str  # the component's id
    widget: str  # how panels.filters draws it: "search", "multi" (dropdown), "checklist", "checkbox"
    label: str  # i18n key of the control's label or legend
    options: Callable[[str], list[dict]] | None = None  # lang -> the choices, translated
    placeholder: str = ""  # i18n key
    inline: bool = False  # a checklist's boxes side by side (few, short options)


def _labelled_options(prefix: str, keys) -> Callable[[str], list[dict]]:
    return lambda lang: labelled_options(prefix, keys, lang)


def _any_of(prefix: str) -> Callable[[Any, str], str]:
    return lambda values, lang: translate(lang, "cond_or").join(translate(lang, f"{prefix}.{v}") for v in values)


def _text_hits(measures: pd.DataFrame, text: str) -> pd.Series:
    needle = text.casefold()
    haystack = measures[list(SEARCHED_COLUMNS)].apply(lambda col: col.str.casefold())
    # regex=False: the search box is plain text, never a pattern a user could abuse
    return pd.concat([haystack[c].str.contains(needle, regex=False) for c in SEARCHED_COLUMNS], axis=1).any(axis=1)


FILTERS: tuple[Filter, ...] = (
    Filter("text", "q", parse_text, str, clean_text, _text_hits,
           lambda v, lang: translate(lang, "cond_text", text=v),
           control="filter-text", widget="search", label="filter_text", placeholder="filter_text_placeholder"),
    Filter("categories", "kategorie", choices("kategorie", CATEGORIES), join_values,
           lambda value, _default: clean_choices(value, CATEGORIES),
           lambda m, v: m["category"].isin(v),
           lambda v, lang: translate(lang, "cond_category", values=_any_of("category")(v, lang)),
           control="filter-category", widget="multi", label="filter_category",
           options=_labelled_options("category", CATEGORIES), placeholder="filter_any"),
    Filter("target_groups", "zielgruppe", choices("zielgruppe", TARGET_GROUPS), join_values,
           lambda value, _default: clean_choices(value, TARGET_GROUPS),
           lambda m, v: m["target_groups"].map(lambda groups: bool(set(v).intersection(groups))),
           lambda v, lang: translate(lang, "cond_target", values=_any_of("target")(v, lang)),
           control="filter-target", widget="multi", label="filter_target",
           options=_labelled_options("target", TARGET_GROUPS), placeholder="filter_any"),
    # No status ticked means no restriction, shown as all ticked.
    Filter("statuses", "status", choices("status", STATUSES), join_values,
           lambda value, _default: clean_choices(value, STATUSES) or STATUSES,
           lambda m, v: m["status"].isin(v),
           lambda v, lang: translate(lang, "cond_status", values=_any_of("status")(v, lang)),
           control="filter-status", widget="checklist", label="filter_status",
           options=_labelled_options("status", STATUSES), inline=True),
    Filter("handlungsfelder", "hf", choices("hf", HANDLUNGSFELDER), join_values,
           lambda value, _default: clean_choices(value, HANDLUNGSFELDER),
           lambda m, v: m["handlungsfeld"].isin(v).fillna(False).astype(bool),
           lambda v, lang: translate(lang, "cond_handlungsfeld", values=translate(lang, "cond_or").join(map(str, v))),
           control="filter-hf", widget="checklist", label="filter_handlungsfeld",
           options=_labelled_options("handlungsfeld", HANDLUNGSFELDER)),
    Filter("current_only", "aktuell", parse_flag, lambda _on: "1", clean_flag,
           lambda m, _v: m["current"].astype(bool), lambda _v, lang: translate(lang, "cond_current"),
           control="filter-current", widget="checkbox", label="filter_current",
           options=lambda lang: [{"label": translate(lang, "filter_current_option"), "value": "current"}]),
)
