"""The view state, its URL form and what each control does to it, each written once, in a table.

``PARAMETERS`` is the one table of URL parameters: each has one parser that answers with a
value and what it had to ignore, and one writer. ``parse_query`` and ``to_query`` are loops
over it; a new parameter is one row there (plus its field in ``ViewState``).

``CONTROLS`` is the one table of controls: the component, the property the person changes,
what that does to the view state and what the control shows for a state. The callbacks build
their inputs and outputs from it; a new control is one row there.

Nothing here raises on input from outside: the address bar and the browser's callback JSON
are edges, and whatever is not understood is dropped. What the address asked for and the view
could not show becomes a ``notice``: an i18n key and the raw value, translated where shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

from dashboard.constants import (
    AGS_BY_SHORT,
    DEFAULT_LANGUAGE,
    GOALS,
    LAENDER,
    LANGUAGES,
    MAP_MODES,
    MEASURE_ID_PATTERN,
    SITUATIONS,
)
from dashboard.parsing import (
    NOTICE_IGNORED,
    NOTICE_TOO_LONG,
    NOTICE_UNKNOWN_LAND,
    NOTICE_UNKNOWN_MEASURE,
    join_values,
    split_list,
    clean_choices,
    clean_flag,
    notice,
    one_of,
    parse_flag,
)
from dashboard.filtering import FILTER_FIELDS, FILTERS, Filters

MAX_COMPARED = 4
MAX_QUERY_LENGTH = 2000
TOUR_SECONDS_DEFAULT = 10
TOUR_SECONDS_RANGE = (2, 120)
MAX_MEASURE_ID = 80


@dataclass(frozen=True)
class ViewState(Filters):
    """The whole view: the filters (its fields come from ``filtering.Filters``) and the rest."""

    lands: tuple[str, ...] = ()  # AGS codes; one in single view, 2-4 in compare view
    compare: bool = False
    lang: str = DEFAULT_LANGUAGE
    present: bool = False
    interval: int = TOUR_SECONDS_DEFAULT
    measure: str = ""  # a measure linked to (?massnahme=): its card is highlighted and opened
    embed: bool = False  # the compact mode for another site's frame: map and list, no header
    contrast: bool = False  # high contrast, besides what the browser's prefers-contrast asks for
    # "Was passt zu mir?": where one lives and works (AGS), one's situation and goal (keys of
    # constants.SITUATIONS / GOALS values). Only in the URL: nothing personal is kept elsewhere.
    map_mode: str = "measures"  # or "alliances": the map colours the Länderbündnisse
    finder: bool = False
    home: str = ""
    work: str = ""
    situation: str = ""
    goal: str = ""

    @property
    def land(self) -> str | None:
        """The selected Land in single view."""
        return self.lands[0] if self.lands else None

    @property
    def filters(self) -> Filters:
        """What the map's colours and the lists depend on (with the language)."""
        return Filters(**{name: getattr(self, name) for name in FILTER_FIELDS})

    def with_filters(self, filters: Filters) -> ViewState:
        return replace(self, **asdict(filters))

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> ViewState:
        """A state from the browser's JSON: an edge like the URL. Each field goes through the
        cleaning its control uses; what is not understood falls back to the default."""
        if not isinstance(data, dict):
            return cls()
        state = cls()
        for name, clean in FIELD_CLEANERS.items():
            if name in data:
                state = replace(state, **{name: clean(data[name], getattr(state, name))})
        return normalise(state)


# --------------------------------------------------------------------------- cleaning values






def clean_interval(value: Any, default: int) -> int:
    low, high = TOUR_SECONDS_RANGE
    seconds = value if isinstance(value, int) and not isinstance(value, bool) else default
    return min(max(seconds, low), high)






FIELD_CLEANERS: dict[str, Callable[[Any, Any], Any]] = {
    "lands": lambda value, _default: clean_choices(value, LAENDER),
    "compare": clean_flag,
    **{spec.field: spec.clean for spec in FILTERS},
    "lang": one_of(LANGUAGES),
    "present": clean_flag,
    "interval": clean_interval,
    "measure": lambda value, _default: value if is_measure_id(value) else "",
    "embed": clean_flag,
    "contrast": clean_flag,
    "map_mode": one_of(MAP_MODES.values()),
    "finder": clean_flag,
    "home": one_of(LAENDER),
    "work": one_of(LAENDER),
    "situation": one_of(SITUATIONS.values()),
    "goal": one_of(GOALS.values()),
}


def is_measure_id(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_MEASURE_ID and re.fullmatch(MEASURE_ID_PATTERN, value) is not None


def normalise(state: ViewState) -> ViewState:
    """Enforce the view's invariants: one Land in single view, at most four in compare view."""
    lands = state.lands[:MAX_COMPARED] if state.compare else state.lands[:1]
    return replace(state, lands=lands)


# --------------------------------------------------------------------------- the URL


@dataclass(frozen=True)
class Parameter:
    name: str  # in the address (German: links are shared among German users)
    field: str  # the ViewState field it sets
    parse: Callable[[str], tuple[Any, list[dict]]]  # raw value -> (value or None, notices)
    write: Callable[[Any], str]






def ags_of_code(code: str) -> str | None:
    """The AGS of a Land's URL code as in the ISO code (``BY``, ``de-by``), or None."""
    return AGS_BY_SHORT.get(code.strip().upper().removeprefix("DE-"))


def parse_lands(raw: str):
    """Land codes as in the ISO code (``BY``, ``de-by``); the first unknown one is named."""
    lands, unknown = [], []
    for code in split_list(raw):
        ags = ags_of_code(code)
        (lands if ags else unknown).append(ags or code)
    return tuple(dict.fromkeys(lands)), [notice(NOTICE_UNKNOWN_LAND, code) for code in unknown[:1]]






def parse_language(raw: str):
    lang = raw.strip().lower()
    return (lang, []) if lang in LANGUAGES else (None, [notice(NOTICE_IGNORED, f"lang={raw}")])


def parse_measure(raw: str):
    return (raw, []) if is_measure_id(raw) else (None, [notice(NOTICE_UNKNOWN_MEASURE, raw)])


def parse_one_land(name: str):
    def parse(raw: str):
        ags = ags_of_code(raw)
        return (ags, []) if ags else (None, [notice(NOTICE_IGNORED, f"{name}={raw}")])
    return parse


def parse_word(name: str, words: dict[str, str]):
    """A German word of the URL (``lage=beschaeftigt``) -> its key (``employed``)."""
    def parse(raw: str):
        key = words.get(raw.strip().lower())
        return (key, []) if key else (None, [notice(NOTICE_IGNORED, f"{name}={raw}")])
    return parse


def word_of(words: dict[str, str]):
    """The writer matching ``parse_word``: a key (``employed``) -> its URL word."""
    word_by_key = {key: word for word, key in words.items()}
    return word_by_key.__getitem__


def parse_interval(raw: str):
    # str.isdecimal, not isdigit: "²" is a digit that int() refuses.
    low, high = TOUR_SECONDS_RANGE
    if raw.isdecimal() and raw.isascii() and low <= int(raw) <= high:
        return int(raw), []
    return None, [notice(NOTICE_IGNORED, f"intervall={raw}")]




PARAMETERS: tuple[Parameter, ...] = (
    Parameter("land", "lands", parse_lands, lambda lands: join_values(land_code(ags) for ags in lands)),
    Parameter("vergleich", "compare", parse_flag, lambda _on: "1"),
    *(Parameter(spec.parameter, spec.field, spec.parse, spec.write) for spec in FILTERS),
    Parameter("lang", "lang", parse_language, str),
    Parameter("praesentation", "present", parse_flag, lambda _on: "1"),
    Parameter("intervall", "interval", parse_interval, str),
    Parameter("massnahme", "measure", parse_measure, str),
    Parameter("einbetten", "embed", parse_flag, lambda _on: "1"),
    Parameter("kontrast", "contrast", parse_flag, lambda _on: "1"),
    Parameter("karte", "map_mode", parse_word("karte", MAP_MODES), word_of(MAP_MODES)),
    Parameter("finder", "finder", parse_flag, lambda _on: "1"),
    Parameter("wohnort", "home", parse_one_land("wohnort"), lambda ags: land_code(ags)),
    Parameter("arbeitsort", "work", parse_one_land("arbeitsort"), lambda ags: land_code(ags)),
    Parameter("lage", "situation", parse_word("lage", SITUATIONS), word_of(SITUATIONS)),
    Parameter("ziel", "goal", parse_word("ziel", GOALS), word_of(GOALS)),
)


@dataclass
class ParsedQuery:
    state: ViewState
    notices: list[dict]


def land_code(ags: str) -> str:
    """The short ISO code used in URLs, e.g. "BY" for "09"."""
    return LAENDER[ags].short


def parse_query(search: Any) -> ParsedQuery:
    """``?land=BY&kategorie=...`` -> a view state; what is invalid is ignored, with a notice."""
    notices: list[dict] = []
    search = (search if isinstance(search, str) else "").lstrip("?")
    if len(search) > MAX_QUERY_LENGTH:
        notices.append(notice(NOTICE_TOO_LONG, str(MAX_QUERY_LENGTH)))
        search = search[:MAX_QUERY_LENGTH]
    raw = dict(parse_qsl(search, keep_blank_values=True))  # the last value wins, as in most frameworks
    values = {}
    for parameter in PARAMETERS:
        if parameter.name in raw:
            value, ignored = parameter.parse(raw.pop(parameter.name))
            notices += ignored
            if value is not None:
                values[parameter.field] = value
    notices += [notice(NOTICE_IGNORED, name) for name in raw]  # parameters nobody knows
    state = ViewState.from_dict(values)  # the same cleaning as for the browser's JSON
    return ParsedQuery(state=state, notices=notices)


def to_query(state: ViewState) -> str:
    """The canonical ``?…`` form of a view state; defaults are left out, so links stay short."""
    default = ViewState()
    pairs = [(p.name, p.write(getattr(state, p.field))) for p in PARAMETERS
             if getattr(state, p.field) != getattr(default, p.field)]
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def view_link(base_url: str, **view) -> str:
    """The address of a view (``view_link(base, lands=("09",), lang="en")``): the one place an
    absolute link to the dashboard is built (feed, sheet, QR code)."""
    return f"{base_url.rstrip('/')}/{to_query(ViewState(**view))}"


# --------------------------------------------------------------------------- the controls
@dataclass(frozen=True)
class Control:
    id: str  # the component
    prop: str  # the property a person changes
    apply: Callable[[ViewState, Any], ViewState]  # what that does to the view
    shows: Callable[[ViewState], Any] | None = None  # what the control shows for a state


def _field_control(control_id: str, field: str) -> Control:
    """A value control that sets one field, cleaned as the browser's JSON is."""
    clean = FIELD_CLEANERS[field]

    def apply(state: ViewState, value) -> ViewState:
        return replace(state, **{field: clean(value, getattr(state, field))})

    def shows(state: ViewState):
        value = getattr(state, field)
        return list(value) if isinstance(value, tuple) else value
    return Control(control_id, "value", apply, shows)


def _select_land(state: ViewState, value) -> ViewState:
    return replace(state, lands=(value,) if isinstance(value, str) and value in LAENDER else ())


def _select_compared(state: ViewState, value) -> ViewState:
    return replace(state, lands=clean_choices(value, LAENDER)[:MAX_COMPARED])


def _filter_control(spec) -> Control:
    """A filter's control (``filtering.FILTERS``); a "checkbox" is a one-box checklist whose
    ticked value is its one option's."""
    if spec.widget != "checkbox":
        return _field_control(spec.control, spec.field)
    ticked = spec.options("de")[0]["value"]

    def apply(state: ViewState, value) -> ViewState:
        return replace(state, **{spec.field: clean_choices(value, (ticked,)) == (ticked,)})
    return Control(spec.control, "value", apply, lambda state: [ticked] if getattr(state, spec.field) else [])


def _set_mode(state: ViewState, value) -> ViewState:
    return normalise(replace(state, compare=value == "compare"))


CONTROLS: tuple[Control, ...] = (
    Control("land-select", "value", _select_land, lambda state: state.land),
    Control("compare-select", "value", _select_compared, lambda state: list(state.lands)),
    Control("mode", "value", _set_mode, lambda state: "compare" if state.compare else "single"),
    *(_filter_control(spec) for spec in FILTERS),
    _field_control("presenter-interval", "interval"),
    Control("filter-reset", "n_clicks", lambda state, _clicks: state.with_filters(Filters())),
    Control("lang-switch", "n_clicks", lambda state, _clicks: replace(state, lang="en" if state.lang == "de" else "de")),
    Control("presenter-toggle", "n_clicks", lambda state, _clicks: replace(state, present=not state.present)),
    Control("contrast-toggle", "n_clicks", lambda state, _clicks: replace(state, contrast=not state.contrast)),
    Control("finder-toggle", "n_clicks", lambda state, _clicks: replace(state, finder=not state.finder)),
    _field_control("map-mode", "map_mode"),
    _field_control("finder-home", "home"),
    _field_control("finder-work", "work"),
    _field_control("finder-situation", "situation"),
    _field_control("finder-goal", "goal"),
)
CONTROL_BY_ID = {control.id: control for control in CONTROLS}


def apply_control(state: ViewState, control_id: str, value) -> ViewState:
    """The view state after the person changed one control; unknown values are dropped."""
    control = CONTROL_BY_ID.get(control_id)
    return control.apply(state, value) if control else state


def control_values(state: ViewState) -> dict:
    """What each value control shows for a state, by component id."""
    return {control.id: control.shows(state) for control in CONTROLS if control.shows}


def open_measure(state: ViewState, measures) -> tuple[ViewState, list[dict]]:
    """A link to one measure (``state.measure``): its Land in single view, with its status among
    the shown ones so its card is there. An id no measure has is dropped, with a notice."""
    if not state.measure:
        return state, []
    found = measures.loc[measures["id"] == state.measure]
    if found.empty:
        return replace(state, measure=""), [notice(NOTICE_UNKNOWN_MEASURE, state.measure)]
    measure = found.iloc[0]
    statuses = state.statuses if measure["status"] in state.statuses else (*state.statuses, measure["status"])
    return replace(state, lands=(measure["ags"],), compare=False, statuses=statuses), []


# --------------------------------------------------------------------------- the map
def toggle_land(state: ViewState, ags: str) -> ViewState:
    """A click on the map: select the Land, or in compare view add or remove it."""
    if ags not in LAENDER:
        return state
    if not state.compare:
        return replace(state, lands=(ags,))
    if ags in state.lands:
        return replace(state, lands=tuple(a for a in state.lands if a != ags))
    return replace(state, lands=(state.lands + (ags,))[-MAX_COMPARED:])


def clicked_land(click_data: Any) -> str | None:
    """The AGS code of a map click, or None for anything unexpected."""
    try:
        location = click_data["points"][0]["location"]
    except (TypeError, KeyError, IndexError):
        return None
    return location if isinstance(location, str) and location in LAENDER else None
