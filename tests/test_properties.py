"""Property-based tests (hypothesis): hostile input never crashes and never loses a row silently."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.constants import CATEGORIES, LAENDER, STATUSES
from dashboard.data import MEASURE_COLUMNS, load_measures
from dashboard.parsing import NOTICE_KEYS
from dashboard.state import MAX_COMPARED, ViewState, apply_control, parse_query, to_query
from tests.conftest import VALID_ROW

PAYLOADS = st.sampled_from([
    "=cmd|' /C calc'!A0", "+SUM(1,2)", "-1", "@x", "\t=1", "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">', "javascript:alert(1)", "\x00", "ä" * 3000, "", "  ", "\r\n", '"', ",",
])
TEXT = st.one_of(st.text(max_size=60), PAYLOADS)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def accounted_for(result) -> None:
    """Every row read is either served or named in a problem."""
    assert result.rows_read == len(result.measures) + result.rows_skipped
    problem_lines = {p.line for p in result.problems}
    if result.rows_skipped:
        assert problem_lines, "rows were left out without a problem"


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_crash(tmp_path, raw):
    path = tmp_path / "m.csv"
    path.write_bytes(raw)
    accounted_for(load_measures(path))


@SETTINGS
@given(st.binary(max_size=400))
def test_garbage_after_a_valid_header_is_reported_not_lost(tmp_path, raw):
    path = tmp_path / "m.csv"
    path.write_bytes(",".join(MEASURE_COLUMNS).encode() + b"\n" + raw)
    accounted_for(load_measures(path))


rows = st.fixed_dictionaries({
    **{column: st.just(value) for column, value in VALID_ROW.items()},
    "title": TEXT, "summary": TEXT, "funding": TEXT, "provider": TEXT, "note": TEXT, "url": TEXT,
    "ags": st.one_of(st.sampled_from(sorted(LAENDER)), TEXT),
    "category": st.one_of(st.sampled_from(CATEGORIES), TEXT),
    "status": st.one_of(st.sampled_from(STATUSES), TEXT),
})


@SETTINGS
@given(st.lists(rows, min_size=1, max_size=8), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_hostile_rows_are_served_verbatim_or_reported(tmp_path, measures, encoding):
    for i, measure in enumerate(measures):
        measure["id"] = f"by-row{i}"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(MEASURE_COLUMNS))
    writer.writeheader()
    writer.writerows(measures)
    path = tmp_path / "m.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    result = load_measures(path)
    accounted_for(result)
    assert result.rows_read == len(measures)
    if encoding != "cp1252":  # cp1252 bytes are not UTF-8: those rows are reported instead
        by_id = {m["id"]: m for m in measures}
        for served in result.measures.itertuples():
            assert served.summary == by_id[served.id]["summary"].strip()  # nothing altered


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_url_parser_never_raises_and_keeps_invariants(search):
    parsed = parse_query(search)
    state = parsed.state
    assert set(state.lands) <= set(LAENDER)
    assert len(state.lands) <= (MAX_COMPARED if state.compare else 1)
    assert set(state.categories) <= set(CATEGORIES) and set(state.statuses) <= set(STATUSES)
    assert len(state.text) <= 100
    assert parse_query(to_query(state)).state == state
    assert all(n["key"] in NOTICE_KEYS and len(n["value"]) <= 40 for n in parsed.notices)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=15), children,
                                                                                       max_size=5), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.one_of(JSON, st.dictionaries(st.sampled_from(list(ViewState.__dataclass_fields__)), JSON, max_size=10)))
def test_view_state_from_the_browser_is_clamped(data):
    """The browser sends the view state back with every callback: any JSON gives a valid state."""
    state = ViewState.from_dict(data)
    assert set(state.lands) <= set(LAENDER) and len(state.lands) <= MAX_COMPARED
    assert set(state.categories) <= set(CATEGORIES) and set(state.statuses) <= set(STATUSES)
    assert isinstance(state.text, str) and len(state.text) <= 100
    assert state.lang in ("de", "en") and isinstance(state.compare, bool) and 2 <= state.interval <= 120
    assert parse_query(to_query(state)).state == state


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(sorted(LAENDER)), max_size=6), st.booleans(),
       st.lists(st.sampled_from(CATEGORIES), max_size=3), st.text(max_size=40))
def test_url_round_trip_of_any_valid_state(lands, compare, categories, text):
    state = parse_query(to_query(ViewState(lands=tuple(dict.fromkeys(lands)), compare=compare,
                                           categories=tuple(dict.fromkeys(categories)),
                                           text=text.strip()))).state
    assert parse_query(to_query(state)).state == state


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["land-select", "compare-select", "mode", "filter-category", "filter-target",
                        "filter-status", "filter-hf", "filter-text", "presenter-interval", "unknown"]),
       st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.text(max_size=5), max_size=5),
                 st.booleans()))
def test_controls_accept_any_value(control, value):
    state = apply_control(ViewState(), control, value)
    assert set(state.lands) <= set(LAENDER)
