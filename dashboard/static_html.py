"""A Dash component tree written out as plain HTML, for the page the server draws before any
script runs (``dashboard.firstview``).

``html.*`` components are HTML elements already: each is written as its tag with the
attributes React would give it, so the stylesheet lays out the server's page exactly as it
lays out Dash's. The few ``dcc`` components of the layout are written as their static look
(``DCC`` below: a select box as its button with the chosen value, radio buttons and check
boxes as native inputs) or not at all (stores, the address, downloads); the map is given by
the caller. Every text and attribute value is escaped: data is never markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping

from dash.development.base_component import Component
from markupsafe import Markup, escape

VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Dash props that are no HTML attribute; React leaves them out too.
NOT_ATTRIBUTES = frozenset({"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state",
                            "setProps", "persistence", "persisted_props", "persistence_type"})
# React's names for attributes whose HTML name differs.
RENAMED = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex", "colSpan": "colspan",
           "rowSpan": "rowspan", "readOnly": "readonly", "maxLength": "maxlength", "autoComplete": "autocomplete"}

Overrides = Mapping[tuple[str, str], object]  # (component id, property) -> value, as callbacks set them


def dom_id(component_id) -> str:
    """The element id Dash gives a component id: a pattern-matching (dict) id as sorted JSON."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return str(component_id)


_CAMEL = re.compile(r"(?<!^)([A-Z])")


def _css(style: Mapping) -> str:
    """React's style object as a style attribute: ``backgroundColor`` -> ``background-color``."""
    return ";".join(_CAMEL.sub(r"-\1", key).lower() + f":{value}" for key, value in style.items())


def attributes(props: Mapping) -> Markup:
    """HTML attributes of an ``html.*`` component's props (True: a bare attribute; False/None: none)."""
    parts = []
    for name, value in props.items():
        if name in NOT_ATTRIBUTES or value is None or value is False:
            continue
        name = RENAMED.get(name, name)
        if name == "id":
            value = dom_id(value)
        elif name == "style" and isinstance(value, Mapping):
            value = _css(value)
        parts.append(Markup(" {}").format(name) if value is True else Markup(' {}="{}"').format(name, value))
    return Markup("").join(parts)


def props_of(component: Component, overrides: Overrides) -> dict:
    """The component's props as Dash would hold them after ``overrides`` were applied."""
    props = dict(component.to_plotly_json()["props"])  # every prop set, wildcards (data-*, aria-*) too
    own_id = props.get("id")
    if isinstance(own_id, str):
        props.update({prop: value for (cid, prop), value in overrides.items() if cid == own_id})
    return props


def render(node, overrides: Overrides = {}, replace: Mapping[str, Markup] = {}) -> Markup:  # noqa: B006
    """``node`` (a component, a string, a number or a list of them) as HTML. ``overrides``: the
    values callbacks would set; ``replace``: markup that stands for the component of that id."""
    if node is None or isinstance(node, bool):
        return Markup("")
    if isinstance(node, (list, tuple)):
        return Markup("").join(render(child, overrides, replace) for child in node)
    if isinstance(node, Markup):  # written by this module or the caller: already safe
        return node
    if not isinstance(node, Component):
        return escape(str(node))
    props = props_of(node, overrides)
    if isinstance(props.get("id"), str) and props["id"] in replace:
        return replace[props["id"]]
    if node._namespace == "dash_html_components":
        # What is hidden shows nothing until Dash has taken over: the element without its content.
        inner = None if props.get("hidden") is True else render(props.get("children"), overrides, replace)
        return element(node._type.lower(), props, inner)
    writer = DCC.get(node._type)
    return writer(props) if writer else Markup("")


def element(tag: str, props: Mapping, inner: Markup | None = None) -> Markup:
    if tag in VOID:
        return Markup("<{}{}>").format(tag, attributes(props))
    return Markup("<{}{}>{}</{}>").format(tag, attributes(props), inner or "", tag)


# --------------------------------------------------------------------------- dcc components


def _labels(options) -> dict:
    """value -> label of a dcc options list (dicts or plain values)."""
    pairs = ((o.get("value"), o.get("label")) if isinstance(o, dict) else (o, o) for o in options or [])
    return {value: label for value, label in pairs}


def dropdown(props: Mapping) -> Markup:
    """dcc.Dropdown closed: its button with the chosen labels, or the placeholder."""
    value = props.get("value")
    chosen = value if isinstance(value, list) else ([] if value in (None, "") else [value])
    labels = _labels(props.get("options"))
    shown = ", ".join(str(labels.get(v, v)) for v in chosen)
    text = element("span", {"id": f"{props['id']}-value",
                            "className": "dash-dropdown-value" + ("" if shown else " dash-dropdown-placeholder")},
                   escape(shown or props.get("placeholder") or ""))
    button = element("button", {"id": props["id"], "type": "button", "className": "dash-dropdown static-dropdown",
                                "aria-haspopup": "listbox", "aria-expanded": "false"}, text)
    return element("div", {"className": "dash-dropdown-wrapper"}, button)


def option_list(kind: str) -> Callable[[Mapping], Markup]:
    """dcc.RadioItems / dcc.Checklist as native inputs, the chosen ones checked."""
    def write(props: Mapping) -> Markup:
        value = props.get("value")
        chosen = value if isinstance(value, list) else [value]
        inline = " dash-radioitems-inline" if kind == "radio" and props.get("inline") else ""
        options = Markup("").join(
            element("label", {"className": "dash-options-list-option" + inline},
                    element("input", {"type": kind, "name": props["id"], "value": option_value,
                                      "checked": option_value in chosen}) + element("span", {}, escape(label)))
            for option_value, label in _labels(props.get("options")).items())
        family = "dash-radioitems" if kind == "radio" else "dash-checklist"
        return element("div", {"id": props["id"], "className": f"dash-options-list {family}",
                               "role": "group"}, options)
    return write


def text_input(props: Mapping) -> Markup:
    keep = ("id", "type", "placeholder", "min", "max", "step", "value", "maxLength")
    return element("div", {"className": f"dash-input-container dash-input {props.get('className') or ''}".strip()},
                   element("input", {**{k: props.get(k) for k in keep}, "className": "dash-input-element"}))


def textarea(props: Mapping) -> Markup:
    return element("textarea", {k: props.get(k) for k in ("id", "className", "readOnly", "rows")},
                   escape(props.get("value") or ""))


# What each dcc component of the layout looks like before Dash draws it; any other is left out.
DCC: dict[str, Callable[[Mapping], Markup]] = {
    "Dropdown": dropdown,
    "RadioItems": option_list("radio"),
    "Checklist": option_list("checkbox"),
    "Input": text_input,
    "Textarea": textarea,
}
