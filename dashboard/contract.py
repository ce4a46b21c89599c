"""The contract between the Python side and assets/app.js, generated from where each part is
defined: the page config app.js reads, the card template's slots, the clientside functions the
callbacks wire and the view state's fields. ``python -m dashboard.contract`` writes it to
``tests/js/contract.json``, which the JavaScript tests load instead of keeping copies; a Python
test checks that the file is current.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from dash.development.base_component import Component

from dashboard.panels.cards import card_template
from dashboard.panels.shell import page_config
from dashboard.state import ViewState

CONTRACT_PATH = Path(__file__).resolve().parents[1] / "tests" / "js" / "contract.json"


def component_tree(component) -> dict | list | str:
    """A component as {tag, attributes, children}: what the JavaScript tests rebuild as nodes."""
    if isinstance(component, (list, tuple)):
        return [component_tree(child) for child in component]
    if not isinstance(component, Component):
        return str(component)
    attributes = {name: value for name, value in component.to_plotly_json()["props"].items()
                  if name.startswith("data-") or name in ("id", "className")}
    children = component.children if component.children is not None else []
    children = children if isinstance(children, (list, tuple)) else [children]
    return {"tag": type(component).__name__.lower(), "attributes": attributes,
            "children": [component_tree(child) for child in children]}


def clientside_functions(app) -> dict[str, list[str]]:
    """namespace -> the functions the registered callbacks call in assets/app.js."""
    wired: dict[str, set[str]] = {}
    for callback in app._callback_list:  # Dash's registry of callbacks; read-only here
        function = callback.get("clientside_function")
        if function:
            wired.setdefault(function["namespace"], set()).add(function["function_name"])
    return {namespace: sorted(names) for namespace, names in sorted(wired.items())}


def contract() -> dict:
    from dashboard.app import create_app  # the whole app: its callbacks name the functions

    return {"page_config": page_config(), "card_template": component_tree(card_template()),
            "clientside": clientside_functions(create_app()), "state_fields": [f.name for f in fields(ViewState)]}


def render() -> str:
    return json.dumps(contract(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    CONTRACT_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {CONTRACT_PATH}")
