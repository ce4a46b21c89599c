"""Browser tests for presenters: the mode, the keyboard and the automatic tour."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.browser import open_view

pytestmark = pytest.mark.browser


def presenting(dash_duo) -> bool:
    return "presenter" in dash_duo.find_element("#app-root").get_attribute("class").split()


def press(dash_duo, key) -> None:
    ActionChains(dash_duo.driver).send_keys(key).perform()




def test_button_enters_and_escape_leaves_presenter_mode(dash_duo, app):
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    assert not presenting(dash_duo)
    assert not dash_duo.find_element(".presenter-bar").is_displayed()
    dash_duo.find_element("#presenter-toggle").click()
    dash_duo.wait_for_class_to_equal("#app-root", "app presenter", timeout=6)
    assert "praesentation=1" in dash_duo.driver.current_url
    assert dash_duo.find_element(".presenter-bar").is_displayed()
    assert not dash_duo.find_element(".filters").is_displayed()  # the map and the cards take the room
    assert dash_duo.find_element("#presenter-toggle").text == "Präsentation beenden"
    press(dash_duo, Keys.ESCAPE)
    dash_duo.wait_for_class_to_equal("#app-root", "app", timeout=6)
    assert "praesentation" not in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_url_flag_and_arrow_keys_move_between_laender(dash_duo, app):
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=BY&praesentation=1", "Maßnahmen in Bayern")
    dash_duo.wait_for_class_to_equal("#app-root", "app presenter", timeout=6)
    press(dash_duo, Keys.ARROW_RIGHT)  # select-box order: Bayern -> Berlin -> Brandenburg
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Berlin", timeout=6)
    assert all(c.get_attribute("data-ags") == "11" for c in dash_duo.find_elements(".measure-card"))
    press(dash_duo, Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Brandenburg", timeout=6)
    press(dash_duo, Keys.ARROW_LEFT)
    press(dash_duo, Keys.ARROW_LEFT)  # at once, before the server answered the first
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Bayern", timeout=6)
    assert "land=BY" in dash_duo.driver.current_url


def test_tour_advances_on_its_own_and_pauses(dash_duo, app):
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=TH&praesentation=1&intervall=2", "Maßnahmen in Thüringen")
    dash_duo.wait_for_class_to_equal("#app-root", "app presenter", timeout=6)
    assert dash_duo.find_element("#presenter-interval").get_attribute("value") == "2"
    press(dash_duo, Keys.SPACE)
    assert dash_duo.find_element("#app-root").get_attribute("data-tour") == "running"
    # Thüringen is last in the select box: the tour wraps around to the first Land
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Baden-Württemberg", timeout=5)
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Bayern", timeout=5)
    press(dash_duo, Keys.SPACE)
    assert dash_duo.find_element("#app-root").get_attribute("data-tour") == "paused"
    time.sleep(3)  # longer than the interval: a paused tour must not move
    assert dash_duo.find_element("#measures-heading").text == "Maßnahmen in Bayern"


def test_a_figure_map_is_toured_like_the_count_map(dash_duo, app):
    """Presenter mode on the Meisterbonus map (issue #21): the keys move between the Länder, the
    ranking beside the map marks the Land shown, and the map stays the figure map."""
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=BY&praesentation=1&karte=meisterbonus", "Maßnahmen in Bayern")
    dash_duo.wait_for_class_to_equal("#app-root", "app presenter", timeout=6)
    press(dash_duo, Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Berlin", timeout=6)
    dash_duo.wait_for_text_to_equal("#ranking tr.selected th", "Berlin", timeout=6)
    assert "karte=meisterbonus" in dash_duo.driver.current_url
