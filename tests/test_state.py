"""The URL form of the view: round trips, and hostile or unknown input ignored with a notice."""

import pytest

from dashboard.state import ViewState, apply_control, clicked_land, parse_query, to_query, toggle_land


def test_single_land_from_url():
    parsed = parse_query("?land=BY")
    assert parsed.state.lands == ("09",) and parsed.notices == []


def test_land_code_is_case_insensitive_and_accepts_iso_prefix():
    assert parse_query("?land=de-hb").state.lands == ("04",)


def test_unknown_land_is_named_in_a_notice():
    parsed = parse_query("?land=XX")
    assert parsed.state.lands == () and parsed.notices == [{"key": "notice_unknown_land", "value": "XX"}]


@pytest.mark.parametrize(
    "search",
    [
        "?land=BY&vergleich=1&land=BE",
        "?kategorie=upgrading_bonus,alliance&zielgruppe=companies&status=running,ended&hf=3&q=Meister",
        "?land=BY,BE,SN&vergleich=1&lang=en",
        "?praesentation=1&intervall=5&land=HH",
    ],
)
def test_round_trip(search):
    state = parse_query(search).state
    assert parse_query(to_query(state)).state == state


def test_defaults_make_an_empty_query():
    assert to_query(ViewState()) == ""


def test_hostile_parameters_are_ignored_with_notices():
    parsed = parse_query("?kategorie=<script>&hf=9&lang=xx&intervall=-1&evil=1&status=bogus")
    state = parsed.state
    assert state.categories == () and state.handlungsfelder == () and state.lang == "de"
    assert state.statuses == ("running",)
    assert len(parsed.notices) == 6


def test_overlong_query_is_cut():
    parsed = parse_query("?q=" + "a" * 10_000)
    assert len(parsed.state.text) <= 100
    assert parsed.notices == [{"key": "notice_too_long", "value": "2000"}]


@pytest.mark.parametrize("search", ["?intervall=²", "?intervall=٣", "?intervall=１０", "?hf=²", "?land=²"])
def test_unicode_digits_are_ignored_not_a_crash(search):
    """"²" is a digit to str.isdigit but not to int(): a shared link must not open a dead page."""
    parsed = parse_query(search)
    assert parsed.state == ViewState() and len(parsed.notices) == 1


def test_notices_are_translated_where_shown():
    """A notice is an i18n key and the raw value, so the English page says it in English."""
    from dashboard.panels.notices import view_notices
    notices = parse_query("?land=XX&evil=1").notices
    assert [p.children for p in view_notices(notices, "en")] == [
        "There is no state “XX”. Please choose a state on the map or in the list.",
        "Ignored a part of the address that was not understood: evil"]
    assert "gibt es nicht" in view_notices(notices, "de")[0].children
    # from the browser's store: anything but a known key with a short text is left out
    assert view_notices([{"key": "app_title", "value": "x"}, {"key": "notice_ignored", "value": "v" * 500},
                         "junk", None], "de") == []
    assert view_notices("junk", "de") == []


def test_status_without_a_known_value_keeps_the_default():
    assert parse_query("?status=bogus").state.statuses == ("running",)
    assert parse_query("?status=ended,bogus").state.statuses == ("ended",)


def test_single_view_keeps_one_land_compare_at_most_four():
    assert parse_query("?land=BY,BE").state.lands == ("09",)
    assert len(parse_query("?land=BY,BE,SN,HH,HB&vergleich=1").state.lands) == 4


def test_map_click_selects_or_toggles():
    state = toggle_land(ViewState(), "09")
    assert state.lands == ("09",)
    compare = apply_control(state, "mode", "compare")
    compare = toggle_land(toggle_land(compare, "11"), "14")
    assert compare.lands == ("09", "11", "14")
    assert toggle_land(compare, "11").lands == ("09", "14")


def test_leaving_compare_keeps_the_first_land():
    state = ViewState(lands=("09", "11"), compare=True)
    assert apply_control(state, "mode", "single").lands == ("09",)


def test_controls_drop_unknown_values():
    state = apply_control(ViewState(), "filter-category", ["alliance", "nonsense"])
    assert state.categories == ("alliance",)
    assert apply_control(state, "land-select", "99").lands == ()


def test_reset_clears_filters_but_keeps_the_land():
    state = ViewState(lands=("09",), categories=("alliance",), text="x", statuses=("ended",))
    cleared = apply_control(state, "filter-reset", 1)
    assert cleared.lands == ("09",) and cleared.categories == () and cleared.text == ""
    assert cleared.statuses == ("running",)


def test_click_data_parsing():
    assert clicked_land({"points": [{"location": "11"}]}) == "11"
    assert clicked_land({"points": []}) is None
    assert clicked_land({"points": [{"location": "<x>"}]}) is None
    assert clicked_land(None) is None


def test_a_link_to_one_measure_opens_its_land_and_shows_it_whatever_its_status(measures_file):
    from dashboard.data import load_measures
    from dashboard.state import open_measure
    from tests.conftest import row
    measures = load_measures(measures_file([row(id="by-alt", title="Alt", status="ended")])).measures
    state, notices = open_measure(parse_query("?massnahme=by-alt&land=HH").state, measures)
    assert state.lands == ("09",) and state.measure == "by-alt" and "ended" in state.statuses and notices == []
    gone, notices = open_measure(parse_query("?massnahme=by-weg").state, measures)
    assert gone.measure == "" and notices == [{"key": "notice_unknown_measure", "value": "by-weg"}]
    assert parse_query("?massnahme=<script>").state.measure == ""


def test_the_readme_names_every_url_parameter():
    """The README's list of URL parameters is kept in step with state.PARAMETERS."""
    from pathlib import Path

    from dashboard.state import PARAMETERS
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The address (URL parameters)")[1].split("\n## ")[0]
    assert [p.name for p in PARAMETERS if f"| `{p.name}` |" not in table] == []
