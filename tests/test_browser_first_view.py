"""The server's first view in a real Chromium (dashboard/firstview.py, assets/app.js "first view"):
readable and clickable without JavaScript, answering taps before Dash runs, and replaced by
Dash's page without a change a person could see."""

from __future__ import annotations

import lxml.html
import pytest
import requests
from selenium.webdriver.common.by import By

from tests.browser import open_view, start_dash, wait_until

pytestmark = pytest.mark.browser


def first_view_land(dash_duo, ags: str):
    return dash_duo.driver.find_element(By.CSS_SELECTOR, f"#first-view a.land[data-ags='{ags}']")


def test_without_javascript_the_map_is_links_and_every_list_readable(dash_duo, app):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    driver.get(dash_duo.server_url + "/?land=BY")
    assert driver.find_element(By.ID, "measures-heading").text == "Maßnahmen in Bayern"
    assert len(driver.find_elements(By.CSS_SELECTOR, "#measures-body .measure-card h3")) >= 6
    first_view_land(dash_duo, "02").click()  # Hamburg, on the map
    assert wait_until(lambda: driver.find_element(By.ID, "measures-heading").text == "Maßnahmen in Hamburg")
    assert "land=HH" in driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, "#measures-body .measure-card .official-link[href^='https://']")
    assert "selected" in first_view_land(dash_duo, "02").get_attribute("class")


def test_a_tap_before_dash_runs_shows_the_lands_list_and_dash_takes_the_view_over(dash_duo, app):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/?land=BY")
    first_view_land(dash_duo, "05").click()  # Nordrhein-Westfalen
    assert wait_until(lambda: dash_duo.find_element("#measures-heading").text == "Maßnahmen in Nordrhein-Westfalen",
                      timeout=2)
    assert driver.execute_script("return location.search") == "?land=NW"
    titles = [h.text for h in dash_duo.find_elements("#measures-body .measure-card h3")]
    assert titles
    start_dash(dash_duo)
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Nordrhein-Westfalen", timeout=8)
    assert wait_until(lambda: "Nordrhein-Westfalen" in dash_duo.find_element("#land-select").text)
    assert [h.text for h in dash_duo.find_elements("#measures-body .measure-card h3")] == titles
    assert not driver.find_elements(By.ID, "first-view")


def test_a_button_pressed_before_dash_runs_is_pressed_again_in_dashs_page(dash_duo, app):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/?land=BE")
    dash_duo.find_element("#first-view #contrast-toggle").click()  # Dash starts with this press
    dash_duo.wait_for_element("html[data-dash='ready']", timeout=20)
    assert wait_until(lambda: "contrast" in dash_duo.find_element("#app-root").get_attribute("class").split())
    assert wait_until(lambda: "kontrast=1" in driver.execute_script("return location.search"))
    assert dash_duo.find_element("#contrast-toggle").get_attribute("aria-pressed") == "true"


def _shape(element) -> list:
    """A DOM subtree as (tag, attributes, text) rows, in document order."""
    return [(node.tag, sorted(node.attrib.items()), (node.text or "").strip(), (node.tail or "").strip())
            for node in element.iter() if isinstance(node.tag, str)]


def test_the_servers_cards_are_the_browsers_cards(dash_duo, app):
    """The first view's cards (panels/cards.static_card) and those assets/app.js builds from
    the same data (renderCard), element by element: nothing changes when Dash takes over."""
    dash_duo.start_server(app)
    served = lxml.html.fromstring(requests.get(dash_duo.server_url + "/?land=SH", timeout=10).text)
    server_cards = served.cssselect("#first-view #measures-body")[0]
    open_view(dash_duo, "?land=SH", "Maßnahmen in Schleswig-Holstein")
    browser_cards = lxml.html.fromstring(dash_duo.find_element("#measures-body").get_attribute("outerHTML"))
    assert len(server_cards.cssselect(".measure-card")) >= 5
    for server, browser in zip(server_cards.cssselect(".measure-card"), browser_cards.cssselect(".measure-card"),
                               strict=True):
        assert _shape(server) == _shape(browser)


@pytest.mark.parametrize("query", ["?land=BY&praesentation=1", "?einbetten=1&land=BY", "?kontrast=1&lang=en&land=HB"])
def test_the_first_view_has_the_modes_dash_gives_the_page(dash_duo, app, query):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/" + query)
    first = (dash_duo.find_element("#app-root").get_attribute("class"), dash_duo.find_element("#app-root").get_attribute("lang"))
    start_dash(dash_duo)
    assert wait_until(lambda: (dash_duo.find_element("#app-root").get_attribute("class"),
                               dash_duo.find_element("#app-root").get_attribute("lang")) == first)
