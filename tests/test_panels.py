"""Every panel's render, and update_view as a whole, without a browser."""

import datetime as dt

import pytest
from dash import no_update

from dashboard.callbacks import update_view
from dashboard.data import load_measures, with_sources
from dashboard.panels import PANELS, ViewData, alliance, cards, compare, filters, finder, mapview, notices, share, timeline
from dashboard.state import ViewState
from tests.conftest import row, write_sources

LOCATIONS = ("11", "09", "14")


@pytest.fixture
def load(measures_file):
    path = measures_file([
        row(id="by-meisterbonus", title="Meisterbonus", start_year="2013", end_year=""),
        row(id="by-buendnis", title="Allianz", category="alliance", basis="alliance", start_year="2021",
            partners="Kammern; Gewerkschaften"),
        row(id="be-urlaub", ags="11", title="Bildungszeit", category="educational_leave", basis="law",
            eligibility="workplace", situations="employed", goals="educational_leave", title_en="Educational leave"),
        row(id="sn-alt", ags="14", title="Alte Richtlinie", status="ended", start_year="2015", end_year="2020"),
    ])
    write_sources(path, [("by-meisterbonus", "https://www.example.bayern.de/mb", "2026-05", "running"),
                         ("by-buendnis", "https://www.example.bayern.de/al", "2026-02", "running"),
                         ("be-urlaub", "https://www.example.berlin.de/bz", "2021", ""),
                         ("sn-alt", "https://www.example.sachsen.de/alt", "2020", "")])
    return with_sources(load_measures(path), path.with_name("sources.csv"), dt.date(2026, 12, 5))[0]


def data_for(load, state, **extra):
    return ViewData.of(load, state, locations=LOCATIONS, **extra)


def test_every_panel_answers_exactly_its_outputs_and_each_output_is_written_once(load):
    state = ViewState(lands=("09",), finder=True, home="11", work="11", situation="employed", goal="educational_leave")
    written = [target for panel in PANELS for target in panel.outputs.values()]
    assert len(written) == len(set(written))  # a component property has one owner
    for panel in PANELS:
        assert set(panel.render(data_for(load, state), state, "de")) == set(panel.outputs), panel.name


def test_cards_carry_every_land_and_only_matching_measures(load):
    lists = cards.PANEL.render(data_for(load, ViewState()), ViewState(), "de")["lists"]
    assert [c["id"] for c in lists["lands"]["09"]["cards"]] == ["measure-by-meisterbonus", "measure-by-buendnis"]
    assert lists["lands"]["14"]["cards"] == []  # ended: not in the default filter
    assert lists["lands"]["11"]["cards"][0]["stale"].startswith("Fortbestand nicht bestätigt")


def test_map_colours_say_what_they_count(load):
    state = ViewState(current_only=True)
    out = mapview.COLOURS.render(data_for(load, state), state, "de")
    assert "deren Fortbestand belegt ist" in out["legend"]
    assert out["config"]["toImageButtonOptions"]["filename"].startswith("karte_")
    alliances = ViewState(map_mode="alliances")
    legend = mapview.COLOURS.render(data_for(load, alliances), alliances, "en")["legend"]
    assert "Alliances" in str(legend)


def test_counts_table_marks_the_selected_land(load):
    table = mapview.COUNTS.render(data_for(load, ViewState(lands=("09",))), ViewState(lands=("09",)), "de")["counts"]
    rows = {r.children[0].children: (r.children[1].children, r.className) for r in table.children[2].children}
    assert rows["Bayern"] == ("2", "selected") and rows["Berlin"] == ("1", None)


def test_compare_shows_its_matrix_only_when_comparing(load):
    single = compare.PANEL.render(data_for(load, ViewState()), ViewState(), "de")
    assert single["compare_hidden"] and single["matrix"] is no_update and not single["land_select_hidden"]
    both = ViewState(lands=("09", "11"), compare=True)
    out = compare.PANEL.render(data_for(load, both), both, "de")
    assert not out["compare_hidden"] and out["land_select_hidden"] and "Bayern" in str(out["matrix"])


def test_timeline_share_alliance_and_filters_follow_the_selection(load):
    none, bayern = ViewState(), ViewState(lands=("09",))
    assert timeline.PANEL.render(data_for(load, none), none, "de") == {"timeline": [], "timeline_hidden": True}
    assert not timeline.PANEL.render(data_for(load, bayern), bayern, "de")["timeline_hidden"]
    assert share.PANEL.render(data_for(load, bayern), bayern, "en") == {"sheet_href": "/blatt/BY?lang=en",
                                                                         "sheet_hidden": False}
    profile = alliance.PANEL.render(data_for(load, ViewState(lands=("09",), map_mode="alliances")),
                                    ViewState(lands=("09",), map_mode="alliances"), "de")
    assert not profile["alliance_hidden"] and "Kammern; Gewerkschaften" in str(profile["alliance"])
    assert alliance.PANEL.render(data_for(load, bayern), bayern, "de")["alliance_hidden"]
    narrowed = ViewState(categories=("alliance",))
    assert filters.PANEL.render(data_for(load, narrowed), narrowed, "de") == {"filters_toggle": "Filter (1 aktiv)"}


def test_finder_and_notices(load):
    asked = ViewState(finder=True, home="11", work="11", situation="employed", goal="educational_leave")
    out = finder.PANEL.render(data_for(load, asked), asked, "en")
    assert not out["finder_hidden"] and "Educational leave" in str(out["finder_results"])
    noted = data_for(load, ViewState(), url_notices=({"key": "notice_unknown_land", "value": "XX"},))
    assert "XX" in str(notices.PANEL.render(noted, ViewState(), "de")["notices"])


def test_update_view_opens_the_address_then_follows_a_click_without_resending_the_lists(load):
    first = update_view(load, LOCATIONS, None, "?land=BY&unbekannt=1", None, {}, None, None, {})
    assert first["search"] == "?land=BY" and tuple(first["view"]["lands"]) == ("09",)
    # the first filters' lists came with the server's page (firstview), not again
    assert first["panels"]["cards"]["lists"] is no_update and first["url_notices"]
    assert first["panels"]["map"]["legend"] is not no_update
    click = {"points": [{"location": "11"}]}
    second = update_view(load, LOCATIONS, "map", "?land=BY", click, {}, first["view"], first["url_notices"], {})
    assert second["search"] == "?land=BE" and second["url_notices"] == []
    assert second["panels"]["cards"] == {"lists": no_update} and second["panels"]["map"]["figure"] is no_update
    assert second["panels"]["share"]["sheet_href"] == "/blatt/BE?lang=de"
    third = update_view(load, LOCATIONS, "filter-current", "?land=BE", None, {"filter-current": ["current"]},
                        second["view"], [], {})
    assert third["search"] == "?land=BE&aktuell=1" and third["panels"]["cards"]["lists"] is not no_update
    assert third["controls"]["filter-current"] == ["current"]


def test_update_view_copes_with_any_json_from_the_browser(load):
    for previous in (None, 3, "x", {"lands": ["zz"], "lang": 5}):
        out = update_view(load, LOCATIONS, "filter-text", "", None, "not a dict", previous, None, "no config")
        assert out["search"] == "" or out["search"].startswith("?")
