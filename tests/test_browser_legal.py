"""The operator's pages in Chromium (issue #23): axe finds nothing serious; the footer's links
are on screen in the dashboard, in embed mode and on a phone's menu."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from dashboard.constants import LEGAL_PAGES
from tests.browser import open_on_a_phone, open_view
from tests.test_browser_access import axe_violations

pytestmark = pytest.mark.browser


def test_the_legal_pages_have_no_serious_accessibility_violation(dash_duo, app):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    for page in LEGAL_PAGES:
        driver.get(f"{dash_duo.server_url}/{page}")
        assert driver.find_element(By.TAG_NAME, "h1").text
        severe = [(v["id"], v["impact"]) for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
        assert severe == [], page


@pytest.mark.parametrize("query", ["?land=BY", "?einbetten=1&land=BY"])
def test_the_statement_and_the_impressum_are_linked_on_screen(dash_duo, app, query):
    dash_duo.start_server(app)
    open_view(dash_duo, query, "Maßnahmen in Bayern")
    links = {a.get_attribute("href").rsplit("/", 1)[1]: a for a in dash_duo.find_elements(".legal-links a")}
    for page in ("barrierefreiheit", "impressum"):
        assert links[page].is_displayed(), (query, page)
    links["barrierefreiheit"].click()
    assert dash_duo.driver.find_element(By.TAG_NAME, "h1").text == "Erklärung zur Barrierefreiheit"


def test_leichte_sprache_is_in_the_phones_menu(dash_duo, app):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    open_on_a_phone(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    dash_duo.find_element("#menu-toggle").click()
    link = dash_duo.find_element('#header-actions a[href="/leichte-sprache"]')
    assert link.is_displayed()
    link.click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "Leichte Sprache"
