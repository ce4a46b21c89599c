"""The browser is an edge: no request a client can send gets a 5xx (hypothesis).

Requests are shaped like the JSON Dash's renderer sends for every registered callback, with
any JSON as values, and then broken: wrong types, missing keys, huge values, unknown ids.
"""

from __future__ import annotations

import json
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app import create_app

CALLBACK_PATH = "/_dash-update-component"
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
HOSTILE = st.sampled_from(["²", "<script>", "\x00", "\x1b[31m", "../../etc/passwd", "%0a", "a" * 5000, "DE-BY", "09"])
VALUE = st.one_of(JSON, HOSTILE, st.lists(HOSTILE, max_size=4))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def warm_app():
    """One app for all examples (hypothesis runs hundreds), its routes registered."""
    app = create_app()
    app.server.test_client().get("/")  # Dash registers its routes and bundles on the first request
    return app


def parse_outputs(output: str):
    """Dash's output string -> the "outputs" part of a request (dict, or list for several)."""
    def one(part: str):
        component, _, prop = part.rpartition(".")
        return {"id": json.loads(component) if component.startswith("{") else component, "property": prop}
    if output.startswith(".."):
        return [one(part) for part in output.strip(".").split("...")]
    return one(output)


def dependency(spec: dict, value):
    if spec["id"].startswith("{"):  # pattern-matching (ALL): a list of the matching components
        pattern = json.loads(spec["id"])
        return [{"id": {**pattern, "key": f"k{i}"}, "property": spec["property"], "value": value} for i in range(2)]
    return {"id": spec["id"], "property": spec["property"], "value": value}


@st.composite
def callback_requests(draw, callback_map):
    output = draw(st.sampled_from(sorted(callback_map)))
    spec = callback_map[output]
    inputs = [dependency(d, draw(VALUE)) for d in spec["inputs"]]
    state = [dependency(d, draw(VALUE)) for d in spec.get("state", [])]
    changed = [f"{d['id']}.{d['property']}" for d in spec["inputs"]][: draw(st.integers(0, 2))]
    return {"output": output, "outputs": parse_outputs(output), "inputs": inputs, "state": state,
            "changedPropIds": changed}


def breakage():
    """Ways to spoil a well-formed request."""
    return st.sampled_from(["none", "drop_key", "wrong_type", "unknown_output", "extra_input", "huge_value"])


def spoil(body: dict, how: str, data) -> object:
    if how == "drop_key":
        body.pop(data.draw(st.sampled_from(sorted(body))))
    elif how == "wrong_type":
        body[data.draw(st.sampled_from(sorted(body)))] = data.draw(JSON)
    elif how == "unknown_output":
        body["output"] = data.draw(st.text(max_size=30))
    elif how == "extra_input":
        body["inputs"] = [*body["inputs"], {"id": "nope", "property": "value", "value": 1}]
    elif how == "huge_value" and body["inputs"] and isinstance(body["inputs"][0], dict):
        body["inputs"][0]["value"] = "x" * 100_000
    return body


@SETTINGS
@given(data=st.data())
def test_no_callback_request_gets_a_5xx(warm_app, data, caplog):
    caplog.set_level(logging.ERROR)
    how = data.draw(breakage())
    body = spoil(data.draw(callback_requests(warm_app.callback_map)), how, data)
    response = warm_app.server.test_client().post(CALLBACK_PATH, json=body)
    assert response.status_code < 500, (response.status_code, body)
    if how == "none":  # well-formed, any values: our callbacks cope, without calling on_error
        assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR], body


@SETTINGS
@given(search=st.one_of(st.text(max_size=300), st.builds(lambda k, v: f"?{k}={v}", st.sampled_from(
    ["land", "vergleich", "kategorie", "zielgruppe", "status", "hf", "q", "lang", "praesentation", "intervall", "x"]),
    st.one_of(st.text(max_size=60), HOSTILE))))
def test_no_address_breaks_the_view(warm_app, search):
    """What the address bar holds reaches update_view as url.search."""
    spec = next(spec for output, spec in warm_app.callback_map.items() if "url-query.data" in output)
    inputs = [dependency(d, search if d["id"] == "url" else None) for d in spec["inputs"]]
    state = [dependency(d, None) for d in spec["state"]]
    output = next(output for output in warm_app.callback_map if "url-query.data" in output)
    response = warm_app.server.test_client().post(CALLBACK_PATH, json={
        "output": output, "outputs": parse_outputs(output), "inputs": inputs, "state": state,
        "changedPropIds": ["url.search"]})
    assert response.status_code == 200
    assert "url-query" in response.get_json()["response"]


def test_oversized_and_malformed_bodies_get_4xx(warm_app):
    client = warm_app.server.test_client()
    assert client.post(CALLBACK_PATH, data=b"{" * 300_000, content_type="application/json").status_code == 413
    assert client.post(CALLBACK_PATH, data=b"not json", content_type="application/json").status_code == 400
    assert client.post(CALLBACK_PATH, json=[1, 2]).status_code == 400


@pytest.mark.parametrize("path", ["/_dash-component-suites/dash/nope.js", "/_dash-component-suites/nope/x.js",
                                  "/_dash-component-suites/dash/%0a%1b%5b31m.js"])
def test_unknown_bundles_are_404_and_stay_out_of_the_error_log(warm_app, path, caplog):
    caplog.set_level(logging.ERROR)
    assert warm_app.server.test_client().get(path).status_code == 404
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
