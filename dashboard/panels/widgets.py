"""Shared widgets of the panels: static texts that follow the language switch, option lists,
labelled fields, the Land pickers, and the one table of translated properties.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from dashboard.constants import GOALS, LAENDER, MAP_MODES, SITUATIONS
from dashboard.filtering import FILTERS
from dashboard.i18n import labelled_options, translate


I18N = "i18n"  # pattern-matching id type of every static UI text (see callbacks.translate_texts)


def text(key: str, lang: str, tag=html.Span, id_: str | None = None, **props):
    """A static UI text that follows the language switch. ``id_``: a plain id instead of the
    I18N pattern id, for a text a callback also sets something else on (its children then
    follow the language through the wrapper below)."""
    if id_:
        return tag(text(key, lang), id=id_, **props)
    return tag(translate(lang, key), id={"type": I18N, "key": key}, **props)


def options(prefix: str, keys: Sequence, lang: str) -> list[dict]:
    return labelled_options(prefix, keys, lang)


DROPDOWN_LABEL_KEYS = ("select_all", "deselect_all", "selected_count", "search", "clear_search",
                       "clear_selection", "no_options_found")


def dropdown_labels(lang: str) -> dict[str, str]:
    """The texts dcc.Dropdown renders itself (counts, clear buttons), in the UI language."""
    return {key: translate(lang, f"dropdown.{key}") for key in DROPDOWN_LABEL_KEYS}


def mode_options(lang: str) -> list[dict]:
    return [{"label": translate(lang, "mode_single"), "value": "single"},
            {"label": translate(lang, "mode_compare"), "value": "compare"}]


DROPDOWNS = ("land-select", "compare-select", *(spec.control for spec in FILTERS if spec.widget == "multi"),
             "finder-home", "finder-work")


# The dropdowns that pick one Land and say so when empty.
LAND_PICKERS = ("land-select", "finder-home", "finder-work")


def translated_props(lang: str) -> dict[tuple[str, str], object]:
    """Every translated property that is not a text child (those carry the ``I18N`` id), by
    (component id, property). The layout builds each component with these (``props_of``),
    and callbacks.translate_texts sends them all again on a language switch: a property that
    is translated is in this table, or it is in neither."""
    return {
        **{(picker, "placeholder"): translate(lang, "select_land_placeholder") for picker in LAND_PICKERS},
        ("compare-select", "placeholder"): translate(lang, "compare_select_placeholder"),
        **{(spec.control, "placeholder"): translate(lang, spec.placeholder) for spec in FILTERS if spec.placeholder},
        **{(spec.control, "options"): spec.options(lang) for spec in FILTERS if spec.options},
        ("map-mode", "options"): options("map_mode", tuple(MAP_MODES.values()), lang),
        ("finder-situation", "options"): options("situation", tuple(SITUATIONS.values()), lang),
        ("finder-goal", "options"): options("goal", tuple(GOALS.values()), lang),
        ("mode", "options"): mode_options(lang),
        ("map-region", "aria-label"): translate(lang, "map_label"),
        **{(dropdown, "labels"): dropdown_labels(lang) for dropdown in DROPDOWNS},
    }


def props_of(component_id: str, lang: str) -> dict:
    """The translated properties of one component, for its constructor."""
    return {prop: value for (cid, prop), value in translated_props(lang).items() if cid == component_id}


def land_options() -> list[dict]:
    return [{"label": land.name, "value": ags} for ags, land in sorted(LAENDER.items(), key=lambda i: i[1].name)]


def labelled(label_key: str, control, lang: str, control_id: str):
    return html.Div([text(label_key, lang, tag=html.Label, htmlFor=control_id), control], className="field")
