"""How people meet the dashboard: what a cold first visit costs, phones, projectors.

The byte figures are deterministic for a given set of dependencies (the same files, compressed
the same way), so these are budgets, not timings: a dependency bump or a new script that
undoes the work fails here. Timings are in benchmarks/.
"""

from __future__ import annotations

import time

import pytest

from tests.browser import open_on_a_phone, open_view, tap_map_at, wait_for_map, wait_until

pytestmark = pytest.mark.browser

# A cold visit's bytes on the wire (headers and compressed bodies) and its requests: the page
# (stylesheet inline), app.js and the plotly bundle; Dash's React, ReactDOM, prop-types,
# renderer, dcc (two files and the two chunks it loads itself) and html components; layout,
# callback graph and one callback answer.
FIRST_VISIT_MAX_BYTES = 600_000
FIRST_VISIT_MAX_REQUESTS = 15
# What Chromium sends to an https site; over the tests' plain http it would offer no brotli.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"

# Everything the page fetched, with the bytes that crossed the wire, once nothing is in
# flight: no Dash callback pending and no new resource for half a second.
SETTLED_RESOURCES = """
const done = arguments[arguments.length - 1];
let count = -1, since = performance.now();
const step = () => {
  const entries = performance.getEntriesByType('resource');
  const busy = document.querySelector('._dash-loading-callback') !== null;
  if (busy || entries.length !== count) { count = entries.length; since = performance.now(); }
  if (performance.now() - since > 500) {
    const page = performance.getEntriesByType('navigation')[0];
    done([[page.name, page.transferSize], ...entries.map((e) => [e.name, e.transferSize])]);
  } else setTimeout(step, 50);
};
step();
"""


def cold_visit(dash_duo, query: str, heading: str) -> list[tuple[str, int]]:
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Accept-Encoding": ACCEPT_ENCODING}})
    open_view(dash_duo, query, heading, timeout=15)
    return [tuple(entry) for entry in driver.execute_async_script(SETTLED_RESOURCES)]


@pytest.mark.parametrize(("query", "heading"), [("", "Maßnahmen"), ("?land=BY", "Maßnahmen in Bayern")])
def test_cold_first_visit_stays_within_the_byte_budget(dash_duo, app, query, heading):
    dash_duo.start_server(app)
    fetched = cold_visit(dash_duo, query, heading)
    total = sum(size for _url, size in fetched)
    print(query or "/", f"{total:,} bytes in {len(fetched)} requests")  # shown with -s
    assert all(size > 0 for _url, size in fetched), fetched  # every request counted
    assert total <= FIRST_VISIT_MAX_BYTES, sorted(fetched, key=lambda entry: -entry[1])[:16]
    assert len(fetched) <= FIRST_VISIT_MAX_REQUESTS, [url for url, _size in fetched]
    urls = " ".join(url for url, _size in fetched)
    for absent in ("dash_ag_grid", "plotly.min.js", "polyfill", "dash_table", "topojson", "favicon"):
        assert absent not in urls


def test_ag_grid_arrives_with_the_comparison_and_the_comparison_works(dash_duo, app):
    dash_duo.start_server(app)
    fetched = cold_visit(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    assert not any("dash_ag_grid" in url for url, _size in fetched)
    dash_duo.find_element("#mode input[value='compare']").click()
    dash_duo.wait_for_element("#compare-select-wrap:not([hidden])")
    dash_duo.select_dcc_dropdown("#compare-select", "Berlin")
    dash_duo.wait_for_text_to_equal("#measures-heading", "Vergleich: Bayern, Berlin", timeout=8)
    dash_duo.wait_for_element("#compare-grid .ag-center-cols-container .ag-row", timeout=15)
    def shown_lands():  # the grid fills its cells a frame after it adds the rows
        return {e.text for e in dash_duo.find_elements("#compare-grid .ag-center-cols-container [col-id='land']")}

    assert wait_until(lambda: shown_lands() == {"Bayern", "Berlin"}), shown_lands()
    loaded = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('dash_ag_grid'))")
    assert len([url for url in loaded if "dash_ag_grid.v" in url]) == 1  # loaded once, on demand
    assert dash_duo.get_logs() == []


def test_phone_shows_the_map_first_and_a_tap_brings_the_list(dash_duo, app):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    driver.get(dash_duo.server_url + "/?kategorie=upgrading_bonus&zielgruppe=employees")
    wait_for_map(dash_duo)
    assert driver.execute_script("return [innerWidth, innerHeight]") == [375, 812]
    assert driver.execute_script("return document.querySelector('#map-region').getBoundingClientRect().top") < 812

    # The filters: one tap away, behind a button that says how many are active.
    toggle = dash_duo.find_element("#filters-toggle")
    dash_duo.wait_for_text_to_equal("#filters-toggle", "Filter (2 aktiv)", timeout=8)
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not dash_duo.find_element("#filter-text").is_displayed()
    toggle.click()
    dash_duo.wait_for_element("#filters-toggle[aria-expanded='true']", timeout=4)
    assert dash_duo.find_element("#filter-text").is_displayed()
    toggle.click()
    dash_duo.wait_for_element("#filters-toggle[aria-expanded='false']", timeout=4)

    # A tap on Sachsen: its list is on screen afterwards, without the person scrolling.
    driver.execute_script("document.querySelector('#map-region').scrollIntoView({block: 'center'})")
    tap_map_at(driver, 13.2, 51.0)
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Sachsen", timeout=6)
    heading_on_screen = """
        const box = document.querySelector('#measures-heading').getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight;"""
    assert wait_until(lambda: driver.execute_script(heading_on_screen), timeout=4)
    assert driver.execute_script("return document.documentElement.scrollWidth <= innerWidth")


def test_presenter_mode_fills_a_projector_and_reads_from_the_back(dash_duo, app):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False})
    driver.get(dash_duo.server_url + "/?land=BY&praesentation=1")
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Bayern", timeout=8)
    dash_duo.wait_for_class_to_equal("#app-root", "app presenter", timeout=6)
    wait_for_map(dash_duo)
    region, drawn = driver.execute_script("""
        const region = document.querySelector('#map-region').getBoundingClientRect();
        const boxes = [...document.querySelectorAll('#map .choroplethlocation')].map(p => p.getBoundingClientRect());
        return [region.toJSON(), {top: Math.min(...boxes.map(b => b.top)), bottom: Math.max(...boxes.map(b => b.bottom)),
                                  left: Math.min(...boxes.map(b => b.left)), right: Math.max(...boxes.map(b => b.right))}];""")
    assert region["width"] >= 1920 / 2  # at least half the width
    assert region["height"] >= 0.75 * 1080 and region["bottom"] <= 1080  # most of the height, all on screen
    assert drawn["bottom"] - drawn["top"] >= 0.75 * 1080  # the Länder themselves fill it
    sizes = driver.execute_script("""
        const px = (selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
        return {title: px('.measure-card h3'), text: px('.measure-card dd'), heading: px('#measures-heading')};""")
    assert sizes["text"] >= 24 and sizes["title"] >= 30 and sizes["heading"] >= 32


# Every <details> open, the finder and the filters unfolded, a card's evidence loaded: the page
# as wide as it can get.
OPEN_EVERYTHING = """
document.querySelectorAll('details').forEach(d => { d.open = true; });
document.querySelector('#filters').classList.add('expanded');
document.querySelector('#finder').hidden = false;
"""
WIDEST_CHILD = """
const width = document.documentElement.clientWidth;
const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1
    && getComputedStyle(e).position !== 'fixed' && e.checkVisibility());
return [document.documentElement.scrollWidth, width,
        wide.slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)];
"""


@pytest.mark.parametrize(("width", "height", "mobile"),
                         [(320, 640, True), (375, 812, True), (768, 1024, True), (1366, 768, False), (1920, 1080, False)])
def test_no_screen_scrolls_sideways_with_every_panel_open(dash_duo, app, width, height, mobile):
    """Timeline, counts, embed code, the finder, the filters, a card's evidence and the ranking of
    a figure map open: nothing sticks out of the screen, and the timeline's years do not run into
    each other."""
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    open_view(dash_duo, "?land=BY&finder=1&wohnort=BY&arbeitsort=BY&lage=beschaeftigt&ziel=kurs&karte=bildungsscheck",
              "Maßnahmen in Bayern")
    dash_duo.wait_for_element("#timeline .timeline-table", timeout=8)
    dash_duo.wait_for_element("#ranking .ranking-table", timeout=8)
    driver.execute_script(OPEN_EVERYTHING)
    dash_duo.wait_for_element(".measure-card details.evidence[data-loaded='yes']", timeout=8)
    scroll_width, client_width, wide = driver.execute_script(WIDEST_CHILD)
    assert scroll_width <= client_width, wide
    years = driver.execute_script(
        "return [...document.querySelectorAll('.timeline-year')].filter(e => e.checkVisibility())"
        ".map(e => e.getBoundingClientRect()).map(r => [r.left, r.right])")
    assert len(years) >= 2 and all(right <= next_left for (_, right), (next_left, _) in zip(years, years[1:], strict=False)), years


def test_touch_targets_are_at_least_24_pixels(dash_duo, app):
    """WCAG 2.2, 2.5.8: the folded boxes' summaries, buttons and card links can be hit by a finger."""
    dash_duo.start_server(app)
    driver = dash_duo.driver
    open_on_a_phone(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    small = driver.execute_script("""
        return [...document.querySelectorAll('summary, button, .card-links a')].filter(e => e.checkVisibility())
            .map(e => [e.tagName + '.' + e.className, e.getBoundingClientRect().height])
            .filter(([, h]) => h < 24);""")
    assert small == []


# The drawn Länder of Dash's map (plotly's paths) or of the server's first view (the SVG's).
DASH_LANDS, FIRST_VIEW_LANDS = "#map .choroplethlocation", "#first-view #map a.land path"
DRAWN = """const boxes = [...document.querySelectorAll(arguments[0])].map(p => p.getBoundingClientRect());
const heading = document.querySelector('#measures-heading').getBoundingClientRect();
return {top: Math.min(...boxes.map(b => b.top)), bottom: Math.max(...boxes.map(b => b.bottom)), lands: boxes.length,
        height: innerHeight, header: document.querySelector('.app-header').getBoundingClientRect().height,
        heading: [heading.top, heading.bottom]};"""


def drawn_maps(dash_duo, app, query: str, width: int, height: int, mobile: bool) -> list[dict]:
    """Open ``query`` on an emulated screen and measure where the 16 Länder are drawn: by the
    server's first view, then by Dash once it has taken over."""
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    driver.get(dash_duo.server_url + "/" + query)
    first = driver.execute_script(DRAWN, FIRST_VIEW_LANDS)
    assert first["lands"] == 16 and driver.execute_script("return !document.documentElement.dataset.dash")
    open_view(dash_duo, query, "Maßnahmen in Bayern")
    assert wait_until(lambda: driver.execute_script(DRAWN, DASH_LANDS)["lands"] >= 16)
    return [first, driver.execute_script(DRAWN, DASH_LANDS)]


@pytest.mark.parametrize(("width", "height", "mobile"),
                         [(375, 812, True), (320, 640, True), (1366, 625, False), (1920, 937, False)])
def test_the_whole_map_is_on_the_first_screen(dash_duo, app, width, height, mobile):
    """The drawn Länder, not the graph's box, on the first screen of a phone, a laptop and a full
    HD screen (their heights inside the browser); on phones under a header of at most 64 px
    (its buttons behind "Menü"), on larger screens with the list's heading beside it."""
    first, drawn = drawn_maps(dash_duo, app, "?land=BY", width, height, mobile)
    for seen in (first, drawn):
        assert 0 <= seen["top"] and seen["bottom"] <= seen["height"], seen
        assert abs(seen["top"] - drawn["top"]) < 20 and abs(seen["bottom"] - drawn["bottom"]) < 20, (first, drawn)
    if mobile:
        assert drawn["header"] <= 64, drawn
        assert not dash_duo.find_element("#lang-switch").is_displayed()
        dash_duo.find_element("#menu-toggle").click()
        dash_duo.wait_for_element("#menu-toggle[aria-expanded='true']", timeout=4)
        assert dash_duo.find_element("#lang-switch").is_displayed()
    else:
        assert 0 <= drawn["heading"][0] and drawn["heading"][1] <= drawn["height"], drawn


@pytest.mark.parametrize(("width", "height"), [(800, 450), (640, 360), (400, 500)])
def test_the_embedded_map_fits_its_frame(dash_duo, app, width, height):
    """?einbetten=1 in a 16:9 frame of a ministry's page (and a narrow one): the whole map inside."""
    for drawn in drawn_maps(dash_duo, app, "?einbetten=1&land=BY", width, height, mobile=False):
        assert 0 <= drawn["top"] and drawn["bottom"] <= drawn["height"], drawn


LAYOUT_SHIFTS = """window.__shifts = 0; new PerformanceObserver(list => { for (const entry of list.getEntries()) {
  if (!entry.hadRecentInput) window.__shifts += entry.value; } }).observe({type: 'layout-shift', buffered: true});"""


def test_nothing_jumps_while_the_page_builds(dash_duo, app):
    """Cumulative layout shift of a first visit on a desktop screen (Lighthouse's desktop size) at
    most 0.02, through Dash's taking over from the server's first view (it was 0.136)."""
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1350, "height": 940, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LAYOUT_SHIFTS})
    driver.get(dash_duo.server_url + "/?land=BY")
    # no input: Dash starts when the page has idled, and takes over from the server's view
    dash_duo.wait_for_element("html[data-dash='ready']", timeout=20)
    dash_duo.wait_for_element("#measures-body .measure-card", timeout=8)
    time.sleep(1)  # shifts after Dash has taken over count too
    assert driver.execute_script("return window.__shifts") <= 0.02
