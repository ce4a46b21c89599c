"""Helpers for the browser tests (and the benchmark): real clicks and taps on the map, waits.

dash[testing]'s ``dash_duo`` drives Debian's Chromium (see conftest.py); these functions
work on its Selenium driver.
"""

from __future__ import annotations

import random
import time

import shapely
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

# lon/lat of a map point -> window pixel, through the geo subplot's own projection. It resolves
# once the page is settled: no Dash callback in flight (Dash shows ._dash-loading-callback
# then) and the point unchanged for 300 ms. A layout change (the compare view widens the map)
# reaches plotly through a ResizeObserver and a 100 ms resize timer; projecting before that
# gives a pixel of the old layout, and the click lands on another Land (seen on CI: a click
# meant for Sachsen reached Nordrhein-Westfalen).
SETTLED_POINT = """
const [lon, lat, done] = arguments;
const project = () => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const geo = gd && gd._fullLayout && gd._fullLayout.geo;
  if (!geo || !geo._subplot) return null;
  const xy = geo._subplot.projection([lon, lat]);
  const box = gd.querySelector('.main-svg').getBoundingClientRect();
  return [box.left + xy[0], box.top + xy[1]];
};
let last = null, since = performance.now();
const step = () => {
  const now = project();
  const idle = document.querySelector('._dash-loading-callback') === null;
  const same = now && last && Math.abs(now[0] - last[0]) < 0.5 && Math.abs(now[1] - last[1]) < 0.5;
  if (!idle || !same) since = performance.now();
  last = now;
  if (performance.now() - since >= 300) done(now); else requestAnimationFrame(step);
};
requestAnimationFrame(step);
"""


def map_point(driver, lon: float, lat: float) -> tuple[float, float]:
    """The window pixel of a map coordinate, once the map has settled (see SETTLED_POINT)."""
    x, y = driver.execute_async_script(SETTLED_POINT, lon, lat)
    return x, y


def sample_points(geometry, count: int, seed: int) -> list[tuple[float, float]]:
    """``count`` random points well inside the Land (away from borders, where a pixel of
    rounding could legitimately fall on either side), plus its representative point."""
    inner = geometry.buffer(-0.02)
    inner = inner if not inner.is_empty else geometry
    points = [inner.representative_point()]
    rng = random.Random(seed)
    minx, miny, maxx, maxy = inner.bounds
    while len(points) < count + 1:
        candidate = shapely.Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if inner.contains(candidate):
            points.append(candidate)
    return [(p.x, p.y) for p in points]


def click_map(dash_duo, lon: float, lat: float) -> None:
    click_map_at(dash_duo.driver, lon, lat)


def click_map_at(driver, lon: float, lat: float) -> None:
    """A real mouse click at a map coordinate (the benchmark uses it too)."""
    # Centre the map itself, not its region: the controls above it (Land, map mode, view)
    # can push a southern Land below the fold of a 1000 px window.
    driver.execute_script("document.querySelector('#map').scrollIntoView({block: 'center'})")
    x, y = map_point(driver, lon, lat)
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(round(x)), int(round(y)))
    actions.pointer_action.click()
    actions.perform()


def tap_map_at(driver, lon: float, lat: float) -> None:
    """A finger's tap (touch events, not a mouse click) at a map coordinate."""
    x, y = map_point(driver, lon, lat)
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    for kind in ("touchStart", "touchEnd"):
        points = [{"x": x, "y": y}] if kind == "touchStart" else []
        driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def emulate_screen(driver, width: int, height: int, mobile: bool = False, scale: int = 1) -> None:
    """A device's screen by emulation (a Chromium window is never narrower than 500 px)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile})


def open_on_a_phone(dash_duo, query: str, heading: str) -> None:
    """The dashboard at ``query`` on a 375×812 phone (scale 2), Dash running."""
    emulate_screen(dash_duo.driver, 375, 812, mobile=True, scale=2)
    open_view(dash_duo, query, heading)


def start_dash(dash_duo, timeout: float = 15) -> None:
    """Dash starts at a person's first key press or once the page has idled (dashboard/page.py):
    press Shift (which does nothing else) and wait until Dash's page has replaced the server's
    first view (assets/app.js, "first view")."""
    if not dash_duo.driver.execute_script("return document.documentElement.dataset.dash === 'ready'"):
        ActionChains(dash_duo.driver).key_down(Keys.SHIFT).key_up(Keys.SHIFT).perform()
    dash_duo.wait_for_element("html[data-dash='ready']", timeout=timeout)


def wait_for_map(dash_duo):
    """Dash running and its map drawn."""
    start_dash(dash_duo)
    dash_duo.wait_for_element("#map .choroplethlocation", timeout=10)


def heading(dash_duo) -> str:
    return dash_duo.find_element("#measures-heading").text


def search(dash_duo) -> str:
    return dash_duo.driver.execute_script("return window.location.search")


def wait_until(predicate, timeout: float = 6.0) -> bool:
    """Poll ``predicate`` until it is true or ``timeout`` seconds have passed; its last answer."""
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return bool(predicate())


def choose_option(driver, dropdown: str, label: str | None = None, close: bool = False) -> str:
    """Open a dcc.Dropdown and click the option ``label`` (or the first one); returns its text.
    ``close``: then close the menu with Escape, as a user does after a multi-select."""
    driver.find_element(By.CSS_SELECTOR, dropdown).click()
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option"), 5)
    for option in driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-options .dash-dropdown-option"):
        if label is None or option.text == label:
            text = option.text
            # below the menu's sticky search field the option is covered: bring it to the middle
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", option)
            option.click()
            if close:
                driver.switch_to.active_element.send_keys(Keys.ESCAPE)
            return text
    raise RuntimeError(f"no option {label!r} in {dropdown}")


def open_view(dash_duo, query: str, heading: str | None = None, timeout: float = 8) -> None:
    """Open the dashboard at ``query`` ("?land=BY", "/" or ""), wait for the list's heading (if
    given) and for the map's Länder to be drawn."""
    dash_duo.driver.get(dash_duo.server_url + "/" + query.lstrip("/"))
    start_dash(dash_duo, timeout=max(timeout, 15))
    if heading is not None:
        dash_duo.wait_for_text_to_equal("#measures-heading", heading, timeout=timeout)
    wait_for_map(dash_duo)
