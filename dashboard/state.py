"""The view state and its URL form: every view a user sees can be reopened from its address.

``parse_query`` never raises: anything it does not understand is dropped and named in
``notices`` so the page can say what it ignored. ``to_query`` writes the canonical form,
leaving out defaults so that shared links stay short.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from urllib.parse import parse_qsl, urlencode

from dashboard.constants import (
    AGS_BY_SHORT,
    CATEGORIES,
    DEFAULT_LANGUAGE,
    DEFAULT_STATUSES,
    HANDLUNGSFELDER,
    LANGUAGES,
    LAENDER,
    STATUSES,
    TARGET_GROUPS,
)

MAX_COMPARED = 4
MAX_TEXT_LENGTH = 100
MAX_QUERY_LENGTH = 2000
TOUR_SECONDS_DEFAULT = 10
TOUR_SECONDS_RANGE = (2, 120)

# URL parameter names (German: the links are shared among German users).
P_LAND, P_COMPARE, P_CATEGORY, P_TARGET = "land", "vergleich", "kategorie", "zielgruppe"
P_STATUS, P_HF, P_TEXT, P_LANG, P_PRESENT, P_INTERVAL = "status", "hf", "q", "lang", "praesentation", "intervall"


@dataclass(frozen=True)
class ViewState:
    lands: tuple[str, ...] = ()  # AGS codes; one in single view, 2-4 in compare view
    compare: bool = False
    categories: tuple[str, ...] = ()  # empty = all
    target_groups: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    handlungsfelder: tuple[int, ...] = ()
    text: str = ""
    lang: str = DEFAULT_LANGUAGE
    present: bool = False
    interval: int = TOUR_SECONDS_DEFAULT
    unknown_land: str = ""  # a land code from the URL we could not resolve, for the message

    @property
    def land(self) -> str | None:
        """The selected Land in single view."""
        return self.lands[0] if self.lands else None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> ViewState:
        if not data:
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("lands", "categories", "target_groups", "statuses", "handlungsfelder"):
            if key in known:
                known[key] = tuple(known[key] or ())
        return cls(**known)

    def filters_only(self) -> ViewState:
        """What the map's colours and the lists of measures depend on: filters and language.

        A click on a Land changes the view but not this, so nothing derived from it needs
        to be sent again."""
        defaults = ViewState()
        return replace(self, lands=defaults.lands, compare=defaults.compare, present=defaults.present,
                       interval=defaults.interval, unknown_land=defaults.unknown_land)

    def active_filter_count(self) -> int:
        """How many filters narrow the list: each of category, target group, status,
        Handlungsfeld and text that differs from its default counts once."""
        defaults = ViewState()
        return sum(getattr(self, name) != getattr(defaults, name)
                   for name in ("categories", "target_groups", "statuses", "handlungsfelder", "text"))

    def with_filters_cleared(self) -> ViewState:
        defaults = ViewState()
        return replace(
            self,
            categories=defaults.categories,
            target_groups=defaults.target_groups,
            statuses=defaults.statuses,
            handlungsfelder=defaults.handlungsfelder,
            text=defaults.text,
        )


@dataclass
class ParsedQuery:
    state: ViewState
    notices: list[str] = field(default_factory=list)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _pick(values: list[str], allowed, name: str, notices: list[str]) -> tuple:
    kept = []
    for value in values:
        if value in allowed and value not in kept:
            kept.append(value)
        else:
            notices.append(f"{name}={value[:40]}")
    return tuple(kept)


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "ja", "yes", "on"}


def land_code(ags: str) -> str:
    """The short ISO code used in URLs, e.g. "BY" for "09"."""
    return LAENDER[ags].short


def parse_query(search: str | None) -> ParsedQuery:
    """Parse ``?land=BY&kategorie=...`` into a view state, ignoring what is invalid."""
    notices: list[str] = []
    search = (search or "").lstrip("?")
    if len(search) > MAX_QUERY_LENGTH:
        notices.append(f"(Adresse länger als {MAX_QUERY_LENGTH} Zeichen gekürzt)")
        search = search[:MAX_QUERY_LENGTH]
    params: dict[str, str] = {}
    for key, value in parse_qsl(search, keep_blank_values=True):
        params[key] = value  # the last value wins, as in most web frameworks
    values: dict = {}
    unknown_land = ""

    if P_LAND in params:
        lands = []
        for code in _split(params[P_LAND]):
            ags = AGS_BY_SHORT.get(code.upper().removeprefix("DE-"))
            if ags and ags not in lands:
                lands.append(ags)
            elif not ags:
                unknown_land = unknown_land or code[:20]
        values["lands"] = tuple(lands)
    if P_COMPARE in params:
        values["compare"] = _flag(params[P_COMPARE])
    if P_CATEGORY in params:
        values["categories"] = _pick(_split(params[P_CATEGORY]), CATEGORIES, P_CATEGORY, notices)
    if P_TARGET in params:
        values["target_groups"] = _pick(_split(params[P_TARGET]), TARGET_GROUPS, P_TARGET, notices)
    if P_STATUS in params:
        values["statuses"] = _pick(_split(params[P_STATUS]), STATUSES, P_STATUS, notices) or DEFAULT_STATUSES
    if P_HF in params:
        allowed = {str(h) for h in HANDLUNGSFELDER}
        values["handlungsfelder"] = tuple(int(h) for h in _pick(_split(params[P_HF]), allowed, P_HF, notices))
    if P_TEXT in params:
        values["text"] = params[P_TEXT].strip()[:MAX_TEXT_LENGTH]
    if P_LANG in params:
        lang = params[P_LANG].lower()
        if lang in LANGUAGES:
            values["lang"] = lang
        else:
            notices.append(f"{P_LANG}={params[P_LANG][:10]}")
    if P_PRESENT in params:
        values["present"] = _flag(params[P_PRESENT])
    if P_INTERVAL in params:
        raw = params[P_INTERVAL]
        low, high = TOUR_SECONDS_RANGE
        if raw.isdigit() and low <= int(raw) <= high:
            values["interval"] = int(raw)
        else:
            notices.append(f"{P_INTERVAL}={raw[:10]}")
    for key in params.keys() - {P_LAND, P_COMPARE, P_CATEGORY, P_TARGET, P_STATUS, P_HF, P_TEXT,
                                P_LANG, P_PRESENT, P_INTERVAL}:
        notices.append(key[:40])

    state = normalise(ViewState(**values, unknown_land=unknown_land))
    return ParsedQuery(state=state, notices=notices)


def normalise(state: ViewState) -> ViewState:
    """Enforce the view's invariants: one Land in single view, at most four in compare view."""
    lands = state.lands[:MAX_COMPARED] if state.compare else state.lands[:1]
    return replace(state, lands=lands)


def to_query(state: ViewState) -> str:
    """The canonical ``?…`` form of a view state; defaults are left out."""
    defaults = ViewState()
    pairs: list[tuple[str, str]] = []
    if state.lands:
        pairs.append((P_LAND, ",".join(land_code(a) for a in state.lands)))
    if state.compare:
        pairs.append((P_COMPARE, "1"))
    if state.categories:
        pairs.append((P_CATEGORY, ",".join(state.categories)))
    if state.target_groups:
        pairs.append((P_TARGET, ",".join(state.target_groups)))
    if state.statuses != defaults.statuses:
        pairs.append((P_STATUS, ",".join(state.statuses)))
    if state.handlungsfelder:
        pairs.append((P_HF, ",".join(str(h) for h in state.handlungsfelder)))
    if state.text:
        pairs.append((P_TEXT, state.text))
    if state.lang != defaults.lang:
        pairs.append((P_LANG, state.lang))
    if state.present:
        pairs.append((P_PRESENT, "1"))
    if state.interval != defaults.interval:
        pairs.append((P_INTERVAL, str(state.interval)))
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def _clean(values, allowed) -> tuple:
    """Known values of a multi-select, in order, without repeats; anything else is dropped."""
    if isinstance(values, (str, int)) and not isinstance(values, bool):
        values = [values]
    if not isinstance(values, (list, tuple)):
        return ()
    return tuple(dict.fromkeys(v for v in values if isinstance(v, (str, int)) and not isinstance(v, bool) and v in allowed))


def toggle_land(state: ViewState, ags: str) -> ViewState:
    """A click on the map: select the Land, or in compare view add or remove it."""
    if ags not in LAENDER:
        return state
    if not state.compare:
        return replace(state, lands=(ags,), unknown_land="")
    if ags in state.lands:
        return replace(state, lands=tuple(a for a in state.lands if a != ags))
    return replace(state, lands=(state.lands + (ags,))[-MAX_COMPARED:], unknown_land="")


def apply_control(state: ViewState, control: str, value) -> ViewState:
    """The view state after the user changed one control. Unknown values are dropped."""
    if control == "land-select":
        lands = (value,) if isinstance(value, str) and value in LAENDER else ()
        return replace(state, lands=lands, unknown_land="")
    if control == "compare-select":
        return replace(state, lands=_clean(value, LAENDER)[:MAX_COMPARED], unknown_land="")
    if control == "mode":
        compare = value == "compare"
        return normalise(replace(state, compare=compare))
    if control == "filter-category":
        return replace(state, categories=_clean(value, CATEGORIES))
    if control == "filter-target":
        return replace(state, target_groups=_clean(value, TARGET_GROUPS))
    if control == "filter-status":
        # No box ticked means no restriction, shown as all boxes ticked.
        return replace(state, statuses=_clean(value, STATUSES) or STATUSES)
    if control == "filter-hf":
        return replace(state, handlungsfelder=_clean(value, HANDLUNGSFELDER))
    if control == "filter-text":
        return replace(state, text=(value if isinstance(value, str) else "").strip()[:MAX_TEXT_LENGTH])
    if control == "filter-reset":
        return state.with_filters_cleared()
    if control == "lang-switch":
        return replace(state, lang="en" if state.lang == "de" else "de")
    if control == "presenter-toggle":
        return replace(state, present=not state.present)
    if control == "presenter-interval":
        low, high = TOUR_SECONDS_RANGE
        seconds = value if isinstance(value, int) and not isinstance(value, bool) else state.interval
        return replace(state, interval=min(max(seconds, low), high))
    return state


def clicked_land(click_data: dict | None) -> str | None:
    """The AGS code of a map click, or None for anything unexpected."""
    try:
        location = click_data["points"][0]["location"]
    except (TypeError, KeyError, IndexError):
        return None
    return location if location in LAENDER else None
