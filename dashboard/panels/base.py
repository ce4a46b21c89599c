"""What every panel declares, and what it is given to render.

A panel is one thing a visitor sees (the map, the list of programmes, the comparison, …). Its
module declares its layout and one or more ``Panel`` rows: the outputs it owns (each component
id and property written once) and a pure ``render`` from the data and the view state to plain
values for those outputs. ``callbacks.update_view`` is a loop over ``panels.PANELS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.data import MeasuresLoad
from dashboard.state import ViewState


@dataclass(frozen=True)
class ViewData:
    """What a render may read: the data in service, the measures matching the view's filters
    (all Länder), the map's location order, the map's config and the notices about the
    address as it was opened."""

    load: MeasuresLoad
    matching: pd.DataFrame
    locations: tuple[str, ...] = ()
    config: dict = field(default_factory=dict)
    url_notices: tuple = ()

    @classmethod
    def of(cls, load: MeasuresLoad, state: ViewState, **extra) -> ViewData:
        return cls(load=load, matching=load.matching(state.filters), **extra)


@dataclass(frozen=True)
class Panel:
    name: str
    outputs: dict[str, tuple[str, str]]  # key -> (component id, property)
    render: Callable[[ViewData, ViewState, str], dict[str, Any]]  # (data, state, lang) -> {key: value}
    # Rendered only when the filters, the language or the map mode change, not on a click: the
    # map's colours and every Land's cards (the browser shows a clicked Land's from them).
    filtered: bool = False
    # Its first value comes with the page the server draws (dashboard/firstview.py), so the
    # first callback leaves it out instead of sending the same again.
    in_page: bool = False
