"""Accessibility, language, phones, print and offline use, in a real Chromium."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard.i18n import CATALOGUES
from tests.browser import choose_option, open_view, tap_map_at, wait_until

pytestmark = pytest.mark.browser

AXE_CORE_JS = Path(os.environ.get("AXE_CORE_JS", Path(__file__).parents[1] / ".cache" / "axe-core-4.14.1" / "axe.min.js"))
VIEWS = {
    "start": ("", "Maßnahmen"),
    "land": ("?land=BY", "Maßnahmen in Bayern"),
    "compare": ("?land=BY,BE,SN&vergleich=1", "Vergleich: Bayern, Berlin, Sachsen"),
    "presenter": ("?land=HB&praesentation=1", "Maßnahmen in Bremen"),
    "english": ("?land=HH&lang=en", "Programmes in Hamburg"),
    "alliances": ("?land=NI&karte=buendnisse", "Maßnahmen in Niedersachsen"),
    "finder": ("?finder=1&wohnort=BB&arbeitsort=BE&lage=beschaeftigt&ziel=kurs&lang=en", "Programmes"),
}




def axe_violations(driver) -> list[dict]:
    assert AXE_CORE_JS.is_file(), f"{AXE_CORE_JS} missing: run scripts/test.sh, which fetches axe-core"
    driver.execute_script(AXE_CORE_JS.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
        ".then(done, e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    return result["violations"]


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_axe_finds_no_serious_or_critical_violation(dash_duo, app, view):
    query, heading = VIEWS[view]
    dash_duo.start_server(app)
    open_view(dash_duo, query, heading)
    violations = axe_violations(dash_duo.driver)
    severe = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
              for v in violations if v["impact"] in ("serious", "critical")]
    print(view, "axe:", [(v["id"], v["impact"]) for v in violations])  # shown with -s, for the notes
    assert severe == []


def test_every_request_goes_to_the_apps_own_host(dash_duo, app):
    """No CDN, no tiles, no web fonts: load every view and list what the page fetched."""
    dash_duo.start_server(app)
    own = urlsplit(dash_duo.server_url).netloc
    fetched = set()
    for query, heading in VIEWS.values():
        open_view(dash_duo, query, heading)
        fetched |= set(dash_duo.driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"))
    assert any("/assets/vendor/bundle.min.js" in u for u in fetched)  # our plotly, from us
    assert not any("plotly.min.js" in u or "topojson" in u for u in fetched)  # no full bundle, no base map
    assert {u for u in fetched if urlsplit(u).netloc != own} == set()


def visible_ui_text(driver) -> str:
    """The page's text without the measure data (which stays German) and Land names, and the
    texts it gives assistive technology and empty fields: placeholders and aria-labels."""
    return driver.execute_script(
        "const clone = document.body.cloneNode(true);"
        "clone.querySelectorAll('.measure-card, #compare-grid, #land-select, #compare-select, script')"
        ".forEach(e => e.remove());"
        "const attributes = [...document.querySelectorAll('[placeholder], [aria-label]')]"
        "  .filter(e => !e.closest('.measure-card'))"
        "  .flatMap(e => [e.getAttribute('placeholder'), e.getAttribute('aria-label')]).filter(Boolean);"
        "const placeholders = [...document.querySelectorAll('.dash-dropdown-placeholder')].map(e => e.textContent);"
        "const cardLabels = [...document.querySelectorAll('.measure-card :is(dt, summary, .stale-note, .translated-mark, "
        ".badge, .official-link, .muted)')].map(e => e.textContent);"
        "return [clone.innerText, ...attributes, ...placeholders, ...cardLabels].join('\\n');")


def test_english_switch_translates_every_ui_string(dash_duo, app):
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    dash_duo.find_element("#lang-switch").click()
    dash_duo.wait_for_text_to_equal("#measures-heading", "Programmes in Bayern", timeout=6)
    assert "lang=en" in dash_duo.driver.current_url
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "en"
    text = visible_ui_text(dash_duo.driver)
    english = " ".join(CATALOGUES["en"].values())
    german_left = []
    for key, german in CATALOGUES["de"].items():
        for fragment in re.split(r"\{[^}]*\}|<br>", german):
            fragment = fragment.strip(" .:…;,")
            word = rf"(?<!\w){re.escape(fragment)}(?!\w)"
            if len(fragment) >= 4 and re.search(word, text) and not re.search(word, english):
                german_left.append((key, fragment))
    assert german_left == []
    assert "Filters" in text and "Programmes in Bayern" in text
    assert "all" in text.split("\n")  # the category and target boxes' placeholder ("alle" before)
    assert "Translated from German" in text and "Checked on" in text and "Source dated" in text


def test_notices_about_the_address_speak_the_pages_language(dash_duo, app):
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/?land=XX&lang=en&evil=1")
    dash_duo.wait_for_contains_text("#view-notices", "There is no state “XX”", timeout=8)
    assert "Ignored a part of the address that was not understood: evil" in dash_duo.find_element("#view-notices").text
    assert "Adresse" not in dash_duo.find_element("#view-notices").text


def test_keyboard_only_user_selects_a_land_and_reaches_its_links(dash_duo, app):
    dash_duo.start_server(app)
    open_view(dash_duo, "", "Maßnahmen")
    driver = dash_duo.driver
    driver.execute_script("document.querySelector('#land-select').parentElement"
                          ".querySelector('.dash-dropdown-focus-target').focus()")
    ActionChains(driver).send_keys(Keys.ENTER).pause(0.3).send_keys("Hamburg").pause(0.3) \
        .send_keys(Keys.ENTER).perform()
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Hamburg", timeout=6)
    links = dash_duo.find_elements(".measure-card a.official-link")
    assert links
    for _ in range(200):  # Tab until the first official link has focus
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement.classList.contains('official-link')"):
            break
    else:
        pytest.fail("no official link reachable with the Tab key")
    outline = driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible


def test_phone_width_has_no_horizontal_scroll_and_touch_selects(dash_duo, app, tmp_path):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.set_window_size(375, 812)
    open_view(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    assert driver.execute_script("return window.innerWidth") <= 375
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    map_box = driver.execute_script("return document.querySelector('#map-region').getBoundingClientRect().toJSON()")
    list_box = driver.execute_script("return document.querySelector('#measures').getBoundingClientRect().toJSON()")
    assert list_box["top"] >= map_box["bottom"]  # stacked, not side by side
    body_size = driver.execute_script("return parseFloat(getComputedStyle(document.querySelector('.measure-card dd')).fontSize)")
    assert body_size >= 16
    driver.save_screenshot(str(tmp_path / "phone.png"))

    # a tap (touch events, not a mouse click) inside Sachsen selects it
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})",
                          dash_duo.find_element("#map-region"))
    tap_map_at(driver, 13.2, 51.0)
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Sachsen", timeout=6)


def test_print_shows_the_lands_measures_with_links_written_out(dash_duo, app):
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=BE", "Maßnahmen in Berlin")
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    rendered = driver.execute_script(
        "return ['.filters', '#map-region', '.export', '.header-actions', '.measure-card']"
        ".map(s => document.querySelector(s).getClientRects().length > 0)")
    assert rendered == [False, False, False, False, True]
    link = dash_duo.find_element(".measure-card a.official-link")
    after = driver.execute_script("return getComputedStyle(arguments[0], '::after').content", link)
    assert link.get_attribute("href") in after  # the URL itself is printed
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    assert len(pdf["data"]) > 1000


def test_timeline_shows_the_periods_as_bars_and_as_a_table_and_is_accessible(dash_duo, app):
    from dashboard.data import load_measures
    from dashboard.query import Filters, filter_measures
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=SH", "Maßnahmen in Schleswig-Holstein")
    driver = dash_duo.driver
    dash_duo.find_element("#timeline-box summary").click()
    shown = filter_measures(load_measures().measures, Filters())
    dated = shown.loc[(shown["ags"] == "01") & (shown["start_year"].notna() | shown["end_year"].notna())]
    dash_duo.wait_for_element("#timeline .timeline-table", timeout=6)
    assert len(dash_duo.find_elements("#timeline .timeline-table tbody tr")) == len(dated) > 0
    assert len(dash_duo.find_elements("#timeline .timeline-bar")) == len(dated)
    assert dash_duo.find_element("#timeline .timeline-today").is_displayed()
    severe = [(v["id"], v["impact"]) for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
    assert severe == []
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    dash_duo.find_element("#lang-switch").click()
    dash_duo.wait_for_text_to_equal("#timeline-box summary", "Timeline", timeout=6)


def test_open_data_is_linked_from_every_page_and_each_link_answers(dash_duo, app):
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=BE", "Maßnahmen in Berlin")
    links = {a.text: a.get_attribute("href") for a in dash_duo.find_elements(".app-footer a.open-data-link")}
    assert set(links) == {"Maßnahmen (CSV)", "Maßnahmen (JSON)", "Belege (CSV)", "Datenpaket (datapackage.json)",
                          "Neu und geändert (Atom-Feed)"}
    statuses = dash_duo.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "Promise.all(arguments[0].map(u => fetch(u).then(r => r.status))).then(done);", list(links.values()))
    assert statuses == [200] * 5


def test_high_contrast_by_switch_and_by_the_browsers_wish(dash_duo, app):
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    driver = dash_duo.driver
    grey = "return getComputedStyle(document.querySelector('.hint')).color"
    assert driver.execute_script(grey) != "rgb(0, 0, 0)"
    toggle = dash_duo.find_element("#contrast-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    dash_duo.wait_for_class_to_equal("#app-root", "app contrast", timeout=6)
    assert toggle.get_attribute("aria-pressed") == "true" and "kontrast=1" in driver.current_url
    assert driver.execute_script(grey) == "rgb(0, 0, 0)"
    severe = [(v["id"], v["impact"]) for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
    assert severe == []
    toggle.click()
    dash_duo.wait_for_class_to_equal("#app-root", "app", timeout=6)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-contrast", "value": "more"}]})
    assert driver.execute_script(grey) == "rgb(0, 0, 0)"  # without the switch: the browser asked for it


def test_finder_answers_with_both_lands_programmes_a_reason_each_and_the_leave_at_work(dash_duo, app):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/?finder=1&wohnort=BB&arbeitsort=BE&lage=beschaeftigt&ziel=kurs")
    dash_duo.wait_for_element("#finder-results .finder-list li", timeout=10)
    results = dash_duo.find_element("#finder-results").text
    assert "Bildungsscheck" in results and "(Brandenburg)" in results
    assert "gilt" in results  # one line on why it matches
    assert "Bildungsurlaub richtet sich nach dem Arbeitsort: In Berlin gilt" in results
    assert "Bundesweit gilt außerdem" in results and "Hier bekommen Sie Rat" in results
    severe = [(v["id"], v["impact"]) for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
    assert severe == []
    # a changed answer changes the address and the answer
    goal = [label for label in dash_duo.find_elements("#finder-goal label") if label.text == "Beratung"][0]
    goal.click()
    assert wait_until(lambda: "ziel=beratung" in driver.current_url)
    # the header's button opens and closes it; nothing of it shows otherwise
    driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element("#finder[hidden]", timeout=8)
    dash_duo.find_element("#finder-toggle").click()
    dash_duo.wait_for_element("#finder:not([hidden])", timeout=6)
    assert "finder=1" in driver.current_url
    assert "Sagen Sie zuerst, wo Sie wohnen oder arbeiten" in dash_duo.find_element("#finder-results").text
    # answers as they come: where one lives is enough for a first list, the open questions named
    choose_option(driver, "#finder-home", "Sachsen")
    assert wait_until(lambda: "Noch offen" in dash_duo.find_element("#finder-results").text
                      and "Meisterbonus" in dash_duo.find_element("#finder-results").text)


def test_every_link_leads_somewhere(dash_duo, app):
    """Crawlers and screen readers take an <a> for a link: each has an address, or says it is a
    button (Dash's dropdown "clear" control, repaired in assets/app.js)."""
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    dash_duo.select_dcc_dropdown("#land-select", "Sachsen")  # a value, so the dropdown shows its clear control
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Sachsen", timeout=8)
    assert wait_until(lambda: dash_duo.driver.execute_script(
        "return document.querySelectorAll('a.dash-dropdown-clear').length") > 0)
    nowhere = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('a:not([href]):not([role])')].filter(a => !a.closest('template'))"
        ".map(a => a.outerHTML.slice(0, 120))")
    assert nowhere == []
