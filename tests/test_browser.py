"""Browser tests: a real Chromium, real mouse clicks on the map (dash[testing]'s dash_duo)."""

from __future__ import annotations


import pytest
from selenium.webdriver.common.by import By
from shapely.geometry import shape

from dashboard.app import create_app
from dashboard.constants import LAENDER
from dashboard.data import load_geojson, load_measures
from tests.browser import click_map, heading, sample_points, search, wait_for_map
from tests.conftest import row

pytestmark = pytest.mark.browser


def test_page_loads_without_console_errors_and_shows_attribution(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    assert len(dash_duo.find_elements("#map .choroplethlocation")) == 16
    assert "© GeoBasis-DE / BKG" in dash_duo.find_element(".app-footer").text
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "de"
    assert dash_duo.get_logs() == []


def test_click_on_bayern_lists_bayerns_measures(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    click_map(dash_duo, 11.5, 48.9)
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Bayern", timeout=6)
    cards = dash_duo.find_elements(".measure-card")
    expected = load_measures().measures
    running = expected[(expected["ags"] == "09") & (expected["status"] == "running")]
    assert len(cards) == len(running) > 0
    titles = {c.find_element(By.TAG_NAME, "h3").text for c in cards}
    assert titles == set(running["title"])
    link = cards[0].find_element(By.CSS_SELECTOR, "a.official-link")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert link.get_attribute("href").startswith("https://")
    assert search(dash_duo) == "?land=BY"


def test_click_is_shown_before_the_server_answers_and_its_answer_keeps_it(dash_duo, app):
    """The clicked Land's list and outline come from data already in the page
    (assets/app.js ("selection")). With every request held back for 2 s the list must appear while
    the server's answer is still on its way, and that answer must not rebuild the list, or a
    reader's open research note would snap shut."""
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": False, "latency": 2000, "downloadThroughput": -1, "uploadThroughput": -1})
    click_map(dash_duo, 13.4, 51.0)  # Sachsen
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Sachsen", timeout=1.5)
    assert search(dash_duo) == ""  # the server has not answered yet
    assert dash_duo.find_element("#measures-body").get_attribute("data-shown") != "14"
    note = dash_duo.find_element(".measure-card details.source-note")
    note.find_element(By.TAG_NAME, "summary").click()
    driver.execute_script("document.querySelector('.measure-card').dataset.probe = 'kept'")
    widths = driver.execute_script(
        "const t = document.querySelector('#map .js-plotly-plot').data[0];"
        "return Object.fromEntries(t.locations.map((l, i) => [l, t.marker.line.width[i]]));"
    )
    assert widths["14"] > max(w for ags, w in widths.items() if ags != "14")
    # The server's answer: the URL and the marker of what the list shows.
    dash_duo.wait_for_element('#measures-body[data-shown="14"]', timeout=10)
    assert search(dash_duo) == "?land=SN"
    assert dash_duo.find_element(".measure-card").get_attribute("data-probe") == "kept"
    assert dash_duo.find_element(".measure-card details.source-note").get_attribute("open") is not None
    assert dash_duo.get_logs() == []


def test_every_land_is_selected_by_clicks_anywhere_inside(dash_duo, app):
    """Three random points and the representative point of every Land; the city-states
    Berlin, Hamburg and Bremen (both parts) are exactly where plotly alone would fail."""
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    failures = []
    for feature in load_geojson()["features"]:
        ags = feature["properties"]["ags"]
        geometry = shape(feature["geometry"])
        parts = list(getattr(geometry, "geoms", [geometry]))
        targets = [geometry] + ([max(parts[1:], key=lambda p: p.area)] if ags == "04" else [])  # Bremerhaven
        for target in targets:
            for lon, lat in sample_points(target, count=3, seed=int(ags)):
                click_map(dash_duo, lon, lat)
                expected = f"Maßnahmen in {LAENDER[ags].name}"
                try:
                    dash_duo.wait_for_text_to_equal("#measures-heading", expected, timeout=4)
                except Exception:  # collect all misses, report them together
                    failures.append((LAENDER[ags].name, round(lon, 3), round(lat, 3), heading(dash_duo)))
    assert failures == []


def test_select_box_lists_hamburg_and_highlights_it(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    dash_duo.select_dcc_dropdown("#land-select", "Hamburg")
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Hamburg", timeout=6)
    assert all(c.get_attribute("data-ags") == "02" for c in dash_duo.find_elements(".measure-card"))
    widths = dash_duo.driver.execute_script(
        "const t = document.querySelector('#map .js-plotly-plot').data[0];"
        "return Object.fromEntries(t.locations.map((l, i) => [l, t.marker.line.width[i]]));"
    )
    assert widths["02"] > max(w for ags, w in widths.items() if ags != "02")
    assert search(dash_duo) == "?land=HH"


def test_url_opens_bremen(dash_duo, app):
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/?land=HB")
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Bremen", timeout=8)
    assert dash_duo.find_elements(".measure-card")


def test_unknown_land_in_url_shows_friendly_message(dash_duo, app):
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/?land=XX")
    dash_duo.wait_for_contains_text("#view-notices", "„XX“ gibt es nicht", timeout=8)
    assert dash_duo.find_element("#measures-heading").text == "Maßnahmen"
    assert dash_duo.get_logs() == []


def test_hostile_text_renders_as_text_and_bad_rows_are_announced(dash_duo, measures_file):
    payload = '<img src=x onerror="window.pwned=1">'
    path = measures_file([
        row(title=payload, summary="<script>window.pwned=2</script>", url="https://example.org/x"),
        row(id="by-bad", title="Kaputt", url="javascript:window.pwned=3"),
    ])
    dash_duo.start_server(create_app(measures_path=path))
    dash_duo.driver.get(dash_duo.server_url + "/?land=BY")
    dash_duo.wait_for_text_to_equal(".measure-card h3", payload, timeout=8)
    assert dash_duo.driver.execute_script("return window.pwned === undefined")
    assert not dash_duo.find_elements(".measure-card img")
    notice = dash_duo.find_element("#data-notice")
    assert "1 Zeile(n)" in notice.text
