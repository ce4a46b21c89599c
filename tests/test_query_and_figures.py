"""Filtering, counting and the figure functions: pure, tested without a browser."""

import json
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.constants import CATEGORIES, LAENDER
from dashboard.data import load_geojson, load_measures, with_sources
from dashboard.figures import (
    choropleth_figure,
    map_locations,
    map_style,
    map_style_patch,
    outline,
    outline_spec,
    scale_colour,
    screen_geojson,
)
from dashboard.panels.cards import CARD_SLOTS, card_template, list_views
from dashboard.panels.compare import compare_matrix
from dashboard.query import Filters, counts_by_land_and_category, counts_per_land, filter_measures, measures_for_lands
from dashboard.state import ViewState
from tests.conftest import row, write_sources


@pytest.fixture
def measures(measures_file):
    rows = [
        row(id="by-a", title="Meisterbonus", category="upgrading_bonus"),
        row(id="by-b", title="Bildungsscheck Bayern", category="individual_grant", target_group="employees",
            handlungsfeld=""),
        row(id="be-a", ags="11", title="Bildungszeit", category="educational_leave", target_group="employees",
            status="ended", provider="Senatsverwaltung"),
        row(id="sn-a", ags="14", title="Meisterbonus Sachsen", category="upgrading_bonus", handlungsfeld="2"),
    ]
    return load_measures(measures_file(rows)).measures


def ids(frame):
    return sorted(frame["id"])


def test_default_state_shows_running_only(measures):
    assert ids(filter_measures(measures, Filters())) == ["by-a", "by-b", "sn-a"]


def test_filters_combine(measures):
    state = ViewState(categories=("upgrading_bonus",), handlungsfelder=(3,))
    assert ids(filter_measures(measures, state)) == ["by-a"]
    state = ViewState(target_groups=("employees",), statuses=("running", "ended"))
    assert ids(filter_measures(measures, state)) == ["be-a", "by-b"]


def test_text_search_is_case_insensitive_and_literal(measures):
    assert ids(filter_measures(measures, Filters(text="MEISTER"))) == ["by-a", "by-b", "sn-a"]  # by-b: "Meisterprüfungen" in its summary
    assert ids(filter_measures(measures, Filters(text="senats", statuses=("ended",)))) == ["be-a"]
    assert ids(filter_measures(measures, Filters(text=".*"))) == []  # not a regex


def test_counts_cover_all_sixteen(measures):
    counts = counts_per_land(filter_measures(measures, Filters()))
    assert list(counts.index) == list(LAENDER)
    assert counts["09"] == 2 and counts["14"] == 1 and counts["11"] == 0 and counts.sum() == 3


def test_measures_for_lands_keeps_land_order(measures):
    chosen = measures_for_lands(measures, ("14", "09"))
    assert list(chosen["ags"]) == ["14", "09", "09"]
    assert list(chosen["category"][1:]) == ["individual_grant", "upgrading_bonus"]  # vocabulary order


def test_compare_matrix(measures):
    matrix = counts_by_land_and_category(measures, ("09", "11", "14"))
    assert list(matrix.index) == ["09", "11", "14"] and list(matrix.columns) == list(CATEGORIES)
    assert matrix.loc["09", "upgrading_bonus"] == 1 and matrix.loc["11", "educational_leave"] == 1
    assert matrix.to_numpy().sum() == 4


def test_choropleth_is_pure_and_offline_ready(measures):
    geojson = load_geojson()
    counts = counts_per_land(measures)
    figure = choropleth_figure(geojson, counts, ("11",), "de")
    trace = figure.data[0]
    assert isinstance(trace, go.Choropleth)
    assert trace.featureidkey == "properties.ags"
    assert dict(zip(trace.locations, trace.z, strict=True))["09"] == 2
    widths = dict(zip(trace.locations, trace.marker.line.width, strict=True))
    assert widths["11"] > widths["12"]  # Berlin outlined
    assert figure.layout.geo.visible is False and figure.layout.geo.scope == "europe"
    assert "Maßnahmen" in trace.hovertemplate
    # same input, same output; the input is not changed
    assert choropleth_figure(geojson, counts, ("11",), "de") == figure
    assert counts.equals(counts_per_land(measures))


def test_map_style_patch_matches_full_figure(measures):
    geojson = load_geojson()
    counts = counts_per_land(measures)
    locations = map_locations(geojson)
    fresh = choropleth_figure(geojson, counts, ("14",), "en").to_plotly_json()
    patched = choropleth_figure(geojson, pd.Series(dtype=int), ("14",), "de").to_plotly_json()
    map_style_patch(patched, map_style(counts, "en", locations))
    assert patched == fresh


def test_outline_spec_describes_the_figure_outline(measures):
    """The browser outlines a clicked Land from ``outline_spec``; it must draw what the
    server's figure would."""
    geojson = load_geojson()
    locations = map_locations(geojson)
    spec = outline_spec(locations)
    line = choropleth_figure(geojson, counts_per_land(measures), ("02", "09"), "de").data[0].marker.line
    for ags, color, width in zip(spec["locations"], line.color, line.width, strict=True):
        kind = "selected" if ags in ("02", "09") else "normal"
        assert (color, width) == (spec[kind]["color"], spec[kind]["width"])
    assert outline((), locations)["width"] == [spec["normal"]["width"]] * 16


def test_compare_matrix_is_a_table_with_one_column_per_land(measures):
    table = compare_matrix(counts_by_land_and_category(measures, ("09", "11")), "de")
    head, body = table.children[1], table.children[2]
    assert [th.children for th in head.children.children] == ["Kategorie", "Bayern", "Berlin"]
    assert all(th.scope == "col" for th in head.children.children)
    assert len(body.children) == len(CATEGORIES)
    leave = body.children[list(CATEGORIES).index("educational_leave")].children
    assert leave[0].scope == "row" and [td.children for td in leave[1:]] == ["0", "1"]
    # tinted like the map: the largest count gets the darkest colour, zero the lightest
    assert leave[2].style["backgroundColor"] == scale_colour(1) != leave[1].style["backgroundColor"] == scale_colour(0)


def test_scale_colour_follows_the_map_scale():
    assert scale_colour(0) == "rgb(238, 244, 250)" and scale_colour(1) == "rgb(8, 48, 107)"
    assert scale_colour(-1) == scale_colour(0) and scale_colour(7) == scale_colour(1)


def test_screen_geojson_rounds_coordinates_and_keeps_the_file_as_it_is():
    geojson = load_geojson()
    before = json.dumps(geojson)
    rounded = screen_geojson(geojson)
    assert json.dumps(geojson) == before
    assert [f["properties"] for f in rounded["features"]] == [f["properties"] for f in geojson["features"]]
    numbers = re.findall(r"-?\d+\.\d+", json.dumps([f["geometry"] for f in rounded["features"]]))
    assert numbers and max(len(n.split(".")[1]) for n in numbers) <= 3
    assert len(json.dumps(rounded)) < 0.95 * len(before)


def test_list_views_hold_each_lands_cards_for_the_filters(measures):
    """The browser shows a clicked Land from ``list_views`` alone, so every Land must be in
    it with exactly its filtered cards, as plain JSON data."""
    matching = filter_measures(measures, Filters(statuses=("running",)))  # Berlin's one has ended
    views = list_views(matching, "de")
    assert set(views["lands"]) == set(LAENDER)
    bayern = views["lands"]["09"]
    assert bayern["heading"] == "Maßnahmen in Bayern"
    assert [card["title"] for card in bayern["cards"]] == ["Bildungsscheck Bayern", "Meisterbonus"]
    assert {card["ags"] for card in bayern["cards"]} == {"09"}
    assert bayern["cards"][1]["fields"][0] == ["Was wird gefördert?", "Ein Bonus für bestandene Meisterprüfungen."]
    berlin = views["lands"]["11"]
    assert berlin["cards"] == [] and "Berlin" in berlin["empty"]
    assert views["compare"]["heading"].replace("{lands}", "Bayern, Sachsen") == "Vergleich: Bayern, Sachsen"
    assert views["names"]["14"] == "Sachsen" and views["labels"]["link"] == "Zur offiziellen Seite"

    def plain(value):  # only what JSON has: the browser writes each string as text
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))

    assert plain(list_views(load_measures().measures, "de"))  # the shipped data


def test_card_template_has_every_slot_app_js_fills():
    """assets/app.js ("selection") fills the card template's data-slots by name."""
    script = (Path(__file__).parents[1] / "assets" / "app.js").read_text(encoding="utf-8")
    filled = set(re.findall(r'slot\(card, "([a-z-]+)"\)', script))
    slots = set(re.findall(r"data-slot='([a-z-]+)'", repr(card_template())))
    assert filled == slots == set(CARD_SLOTS)


def test_the_javascript_contract_is_generated_from_python_and_current():
    """tests/js/contract.json (page config, card template, wired clientside functions, view
    state fields) is what `python -m dashboard.contract` makes now: the JavaScript tests check
    assets/app.js against it, so it must never be a stale copy."""
    from dashboard.contract import CONTRACT_PATH, render
    assert CONTRACT_PATH.read_text(encoding="utf-8") == render(), "run: python -m dashboard.contract"


def test_current_only_hides_rows_on_old_sources(measures_file):
    import datetime as dt
    path = measures_file([row(id="by-alt", title="Alt", source_date="2019"),
                          row(id="by-neu", title="Neu", source_date="2026-05")])
    write_sources(path, [("by-alt", "https://www.example.bayern.de/alt", "2019", "running"),
                         ("by-neu", "https://www.example.bayern.de/neu", "2026-05", "running")])
    measures = with_sources(load_measures(path), path.with_name("sources.csv"), dt.date(2026, 11, 26))[0].measures
    assert ids(filter_measures(measures, Filters())) == ["by-alt", "by-neu"]
    assert ids(filter_measures(measures, Filters(current_only=True))) == ["by-neu"]
    views = list_views(measures, "de")
    old, new = sorted(views["lands"]["09"]["cards"], key=lambda card: card["title"])
    assert old["stale"].startswith("Fortbestand nicht bestätigt") and new["stale"] == ""
    assert ["Stand der Quelle", "2019"] in old["fields"] and ["Stand der Quelle", "05/2026"] in new["fields"]
    english = list_views(measures, "en")["lands"]["09"]["cards"][0]
    assert english["title"] == "Master bonus" and english["translated"] == "Translated from German"


def test_timeline_flags_what_ends_within_six_months_and_has_a_table_with_the_same_facts(measures_file):
    import datetime as dt

    from dashboard.panels.timeline import timeline
    measures = load_measures(measures_file([
        row(id="by-bald", title="Endet bald", start_year="2020", end_year="2026"),
        row(id="by-lang", title="Läuft lange", start_year="2021", end_year="2028"),
        row(id="by-offen", title="Offen", start_year="2019", end_year=""),
    ])).measures
    chart, table = timeline(measures_for_lands(measures, ("09",)), "de", today=dt.date(2026, 11, 26))
    assert chart.to_plotly_json()["props"]["aria-hidden"] == "true"  # the table says it for screen readers
    rows = {tr.children[0].children: [td.children for td in tr.children[1:]] for tr in table.children[2].children}
    assert rows == {"Endet bald": ["Bayern", "2020", "2026", "endet in den nächsten sechs Monaten"],
                    "Läuft lange": ["Bayern", "2021", "2028", ""], "Offen": ["Bayern", "2019", "offen", ""]}
    today = [c for c in chart.children[0].children if c.className == "timeline-today"][0]
    assert today.children == "heute" and 70 < float(today.style["left"].rstrip("%")) < 90


@pytest.mark.parametrize("deficiency", ["deuteranomaly", "protanomaly", "tritanomaly"])
def test_map_colours_and_selection_outline_stay_apart_for_colour_blind_viewers(deficiency):
    """Simulated with colorspacious (Machado et al. 2009, full severity): neighbouring steps of
    the map's scale and the selected Land's outline against every fill stay clearly different
    (ΔE in CAM02-UCS; about 2 is just noticeable)."""
    import numpy as np
    from colorspacious import cspace_convert, deltaE

    from dashboard.figures import COLORSCALE, OUTLINE

    def seen(hex_colour: str):
        rgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255
        return cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}, "sRGB1")

    fills = [seen(colour) for _, colour in COLORSCALE]
    outline = seen(OUTLINE["selected"][0])
    assert min(deltaE(a, b, input_space="sRGB1") for a, b in zip(fills, fills[1:], strict=False)) >= 8
    assert min(deltaE(outline, fill, input_space="sRGB1") for fill in fills) >= 15


def test_the_finder_goes_by_each_programmes_own_rule_on_residence_workplace_or_seat(measures_file):
    from dashboard.query import finder_answer, leave_at_work
    load = load_measures(measures_file([
        row(id="bb-wohnen", ags="12", title="Nach Wohnort", eligibility="residence", situations="employed", goals="course"),
        row(id="bb-arbeit", ags="12", title="Nach Arbeitsort BB", eligibility="workplace", situations="employed",
            goals="course"),
        row(id="be-arbeit", ags="11", title="Nach Arbeitsort BE", eligibility="workplace", situations="employed",
            goals="course"),
        row(id="be-meister", ags="11", title="Meister", eligibility="residence_or_workplace", situations="upgrading",
            goals="upgrading"),
        row(id="be-urlaub", ags="11", title="Bildungszeit", category="educational_leave", eligibility="workplace",
            situations="employed", goals="educational_leave"),
        row(id="bb-alt", ags="12", title="Beendet", status="ended", eligibility="residence", situations="employed",
            goals="course"),
        row(id="be-rat", ags="11", title="Beratung", category="counselling", eligibility="any", situations="everyone",
            goals="counselling"),
        row(id="be-traeger", ags="11", title="Für Träger", eligibility="company_seat", situations="providers", goals=""),
        row(id="bund-afbg", ags="00", title="Aufstiegs-BAföG", eligibility="", situations="upgrading", goals="upgrading"),
    ]))
    measures, federal = load.measures, load.federal
    assert list(federal["id"]) == ["bund-afbg"] and "bund-afbg" not in set(measures["id"])  # never a Land's

    def ids(frame):
        return list(frame["id"])

    answer = finder_answer(measures, federal, home="12", work="11", situation="employed", goal="course")
    assert ids(answer.matches) == ["bb-wohnen", "be-arbeit"]  # not BB's workplace one, not the ended one
    assert ids(answer.counselling) == ["be-rat"] and answer.federal.empty and answer.missing == ()
    # the goal leads: someone employed who wants to become a Meister gets the Meister programmes
    upgrading = finder_answer(measures, federal, "12", "11", "employed", "upgrading")
    assert ids(upgrading.matches) == ["be-meister"] and ids(upgrading.federal) == ["bund-afbg"]
    # answers as they come: the Länder alone list their programmes (never one only providers apply for)
    both = finder_answer(measures, federal, "12", "11", "", "")
    assert set(ids(both.matches)) == {"bb-wohnen", "be-arbeit", "be-meister", "be-urlaub", "be-rat"}
    assert both.missing == ("situation", "goal")
    only_home = finder_answer(measures, federal, "11", "", "", "")  # the home Land stands in for the workplace
    assert "be-arbeit" in ids(only_home.matches) and only_home.missing == ("work", "situation", "goal")
    assert finder_answer(measures, federal, "", "", "employed", "course").matches.empty  # no Land: nothing yet
    assert list(leave_at_work(measures, "11")["id"]) == ["be-urlaub"] and leave_at_work(measures, "12").empty


def test_alliance_classes_and_the_stepped_map_colours(measures_file):
    import datetime as dt

    from dashboard.figures import ALLIANCE_CLASSES, ALLIANCE_COLOURS, alliance_style
    from dashboard.query import alliance_class
    path = measures_file([
        row(id="by-neu", title="Bündnis neu", category="alliance", source_date="2026-03"),
        row(id="be-alt", ags="11", title="Bündnis alt", category="alliance", source_date="2019"),
        row(id="sn-ende", ags="14", title="Bündnis beendet", category="alliance", status="ended"),
    ])
    write_sources(path, [("by-neu", "https://www.example.bayern.de/b", "2026-03", "running"),
                         ("be-alt", "https://www.example.berlin.de/b", "2019", "running")])
    measures = with_sources(load_measures(path), path.with_name("sources.csv"), dt.date(2026, 11, 26))[0].measures
    classes = {ags: alliance_class(measures, ags) for ags in ("09", "11", "14", "01")}
    assert classes == {"09": "confirmed", "11": "unconfirmed", "14": "ended", "01": "none"}
    locations = ["09", "11", "14", "01"]
    style = alliance_style(classes, "de", locations)
    assert style["z"] == [0, 1, 2, 3] and style["showscale"] is False
    assert style["text"][3] == "kein Bündnis erfasst"
    scale = style["colorscale"]  # each class index falls inside its own flat band
    for index, colour in enumerate(ALLIANCE_COLOURS):
        position = index / (len(ALLIANCE_CLASSES) - 1)
        band = [c for (low, c), (high, _) in zip(scale, scale[1:], strict=False) if low <= position <= high and c == colour]
        assert band, (index, colour)


def test_the_legend_names_every_filter_that_is_set():
    """Every filter narrows what the colours count, so the legend sentence names each one that
    is set (issue #18: with ?aktuell=1 it did not say that only confirmed programmes count)."""
    from dashboard.panels.mapview import counting_legend
    from dashboard.query import FILTERS
    assert {f.field for f in FILTERS} == set(Filters.__dataclass_fields__)  # one row per filter
    everything = Filters(categories=("counselling",), target_groups=("employees",), statuses=("running", "ended"),
                         handlungsfelder=(3,), text="Meister", current_only=True)
    german, english = counting_legend(everything, "de"), counting_legend(everything, "en")
    for phrase in ("Status läuft oder beendet", "Kategorie", "Zielgruppe", "Handlungsfeld 3", "„Meister“",
                   "deren Fortbestand belegt ist"):
        assert phrase in german, (phrase, german)
    assert "confirmed to continue" in english
    assert "Fortbestand" not in counting_legend(Filters(), "de")
