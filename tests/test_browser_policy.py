"""Browser tests for policy staff: filters, compare view, export, shareable URLs."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.app import create_app
from dashboard.constants import LAENDER
from dashboard.data import load_measures
from dashboard.query import Filters, counts_per_land, filter_measures, measures_for_lands
from dashboard.state import ViewState
from tests.browser import choose_option, click_map, map_point, open_view, start_dash, wait_for_map, wait_until

pytestmark = pytest.mark.browser

BERLIN, SACHSEN = (13.40, 52.52), (13.2, 51.0)


@pytest.fixture(scope="module")
def measures():
    return load_measures().measures


def map_counts(dash_duo) -> dict[str, int]:
    return dash_duo.driver.execute_script(
        "const t = document.querySelector('#map .js-plotly-plot').data[0];"
        "return Object.fromEntries(t.locations.map((l, i) => [l, t.z[i]]));"
    )


def choose(dash_duo, dropdown: str, label: str) -> None:
    """Pick an option of a multi-select, then close its menu as a user would (Escape)."""
    dash_duo.select_dcc_dropdown(dropdown, label)
    ActionChains(dash_duo.driver).send_keys(Keys.ESCAPE).perform()
    time.sleep(0.2)


def tick(dash_duo, checklist: str, label: str) -> None:
    for option in dash_duo.find_elements(f"{checklist} label"):
        if option.text.strip() == label:
            option.click()
            return
    raise AssertionError(f"no option {label!r} in {checklist}")


def test_two_filters_recolour_the_map_and_narrow_the_list(dash_duo, app, measures):
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    before = map_counts(dash_duo)
    assert before == counts_per_land(filter_measures(measures, Filters())).to_dict()

    choose(dash_duo, "#filter-category", "Aufstiegsfortbildung (Meister, Fachwirt, Techniker)")
    tick(dash_duo, "#filter-status", "beendet")
    state = ViewState(categories=("upgrading_bonus",), statuses=("running", "ended"))
    expected = counts_per_land(filter_measures(measures, state)).to_dict()
    assert expected != before
    assert wait_until(lambda: map_counts(dash_duo) == expected)
    cards = dash_duo.find_elements(".measure-card")
    assert len(cards) == expected["09"]
    assert all("Aufstiegsfortbildung" in c.find_element(By.CSS_SELECTOR, ".badge").text for c in cards)
    assert "Kategorie Aufstiegsfortbildung" in dash_duo.find_element("#map-legend").text
    url = dash_duo.driver.execute_script("return location.search")
    assert "kategorie=upgrading_bonus" in url and "status=running,ended" in url

    dash_duo.find_element("#filter-reset").click()  # one click clears them all
    assert wait_until(lambda: map_counts(dash_duo) == before)
    assert dash_duo.driver.execute_script("return location.search") == "?land=BY"


def test_compare_bayern_berlin_sachsen_side_by_side(dash_duo, app, measures):
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    tick(dash_duo, "#mode", "Länder vergleichen")
    dash_duo.wait_for_element("#compare-select-wrap:not([hidden])")

    def sachsen_on_the_page():
        """Where Sachsen sits in the map panel's content: a click may scroll the window or the
        (sticky, scrollable) panel, but the map must not move within the panel."""
        x, y = map_point(dash_duo.driver, *SACHSEN)
        top, scrolled = dash_duo.driver.execute_script(
            "const panel = document.querySelector('.map-panel');"
            "return [panel.getBoundingClientRect().top, panel.scrollTop];")
        return x, y - top + scrolled

    where_sachsen_was = sachsen_on_the_page()
    click_map(dash_duo, *BERLIN)
    dash_duo.wait_for_text_to_equal("#measures-heading", "Vergleich: Bayern, Berlin", timeout=8)
    assert sachsen_on_the_page() == pytest.approx(where_sachsen_was, abs=1)  # the map stayed put
    click_map(dash_duo, *SACHSEN)
    dash_duo.wait_for_text_to_equal("#measures-heading", "Vergleich: Bayern, Berlin, Sachsen", timeout=8)

    columns = [th.text for th in dash_duo.find_elements("#compare-matrix table:first-of-type thead th")]
    assert columns == ["Kategorie", "Bayern", "Berlin", "Sachsen"]
    # what they pay and grant, side by side (issue #21): Bayern and Sachsen have no leave law
    leave = [td.text for td in dash_duo.find_elements("#compare-matrix .compare-figures tbody tr:first-child td")]
    assert leave == ["kein Gesetz", "5 Tage pro Jahr", "kein Gesetz"]
    expected = measures_for_lands(filter_measures(measures, Filters()), ("09", "11", "14"))
    assert wait_until(lambda: len(dash_duo.find_elements("#compare-grid .ag-center-cols-container .ag-row"))
                      == len(expected))
    def shown_lands():  # the grid fills its cells a frame after it adds the rows
        return {e.text for e in dash_duo.find_elements("#compare-grid .ag-center-cols-container [col-id='land']")}

    assert wait_until(lambda: shown_lands() == {"Bayern", "Berlin", "Sachsen"}), shown_lands()
    assert "vergleich=1" in dash_duo.driver.execute_script("return location.search")
    assert not dash_duo.find_element("#land-select").is_displayed()  # the multi-select rules here

    tick(dash_duo, "#mode", "Ein Land")  # back to the single-Land view
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Bayern", timeout=8)
    assert dash_duo.find_element("#compare-panel").get_attribute("hidden") is not None
    assert dash_duo.find_element("#land-select").is_displayed()


def wait_for_download(folder: Path, suffix: str, timeout=10.0) -> Path:
    """The downloaded file once Chromium has finished writing it: it exists under its final
    name (Chromium may create it empty before it fills it) with a size that has stopped growing."""
    sizes = []

    def finished() -> bool:
        found = [path for path in folder.glob(f"*{suffix}") if path.stat().st_size > 0]
        sizes.append(found[0].stat().st_size if found else 0)
        return bool(found) and len(sizes) >= 2 and sizes[-1] == sizes[-2]
    assert wait_until(finished, timeout), list(folder.iterdir())
    return next(path for path in folder.glob(f"*{suffix}") if path.stat().st_size > 0)


def test_export_downloads_exactly_what_is_shown(dash_duo, app, measures):
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/?land=BY,BE,SN&vergleich=1&status=running,ended")
    dash_duo.wait_for_text_to_equal("#measures-heading", "Vergleich: Bayern, Berlin, Sachsen", timeout=8)
    dash_duo.find_element("#export-csv").click()
    path = wait_for_download(Path(dash_duo.download_path), ".csv")
    assert path.name.endswith("_BY-BE-SN_gefiltert.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = measures_for_lands(
        filter_measures(measures, Filters(statuses=("running", "ended"))), ("09", "11", "14"))
    assert [r["Maßnahme"] for r in rows] == [t if not t.startswith(("=", "+", "-", "@")) else "'" + t
                                           for t in expected["title"]]
    assert {r["Land"] for r in rows} == {"Bayern", "Berlin", "Sachsen"}
    assert all(r["Offizielle Seite"].startswith("https://") and r["Geprüft am"] for r in rows)

    dash_duo.find_element("#export-xlsx").click()
    assert wait_for_download(Path(dash_duo.download_path), ".xlsx").stat().st_size > 1000


def test_copied_url_reopens_the_same_view(dash_duo, app):
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/")
    wait_for_map(dash_duo)
    dash_duo.select_dcc_dropdown("#land-select", "Sachsen")
    choose(dash_duo, "#filter-target", "Unternehmen")
    search = dash_duo.find_element("#filter-text")
    search.send_keys("förder")
    time.sleep(1.0)  # the search box is debounced
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Sachsen", timeout=8)
    address = dash_duo.driver.current_url
    assert "land=SN" in address and "zielgruppe=companies" in address and "q=f" in address
    cards = [c.text for c in dash_duo.find_elements(".measure-card h3")]
    counts = map_counts(dash_duo)

    dash_duo.driver.get("about:blank")
    dash_duo.driver.get(address)  # a fresh page from the copied address: the server's first view shows it,
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Sachsen", timeout=8)
    assert [c.text for c in dash_duo.find_elements(".measure-card h3")] == cards
    start_dash(dash_duo)  # and so does Dash's
    assert wait_until(lambda: map_counts(dash_duo) == counts)
    assert [c.text for c in dash_duo.find_elements(".measure-card h3")] == cards
    assert dash_duo.find_element("#filter-text").get_attribute("value") == "förder"
    assert "Unternehmen" in dash_duo.find_element("#filter-target").text


def test_hostile_url_parameters_give_a_notice_not_an_error(dash_duo, app):
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/?land=BY&kategorie=%3Cscript%3Ealert(1)%3C/script%3E&hf=99")
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Bayern", timeout=8)
    notices = dash_duo.find_element("#view-notices").text
    assert "kategorie=<script>alert(1)</script>" in notices and "hf=99" in notices
    assert dash_duo.get_logs() == []
    assert dash_duo.driver.execute_script("return location.search") == "?land=BY"


def test_back_leaves_the_view_instead_of_replaying_every_click(dash_duo, app):
    """The address follows every change, replacing the history entry: "Back" goes to the
    page before the dashboard's view, not through each Land clicked on the way."""
    dash_duo.start_server(app)  # the first history entry: "/"
    driver = dash_duo.driver
    open_view(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    entries = driver.execute_script("return history.length")
    click_map(dash_duo, *SACHSEN)
    assert wait_until(lambda: driver.execute_script("return location.search") == "?land=SN")
    choose_option(driver, "#land-select", "Hamburg")
    assert wait_until(lambda: driver.execute_script("return location.search") == "?land=HH")
    assert driver.execute_script("return history.length") == entries
    driver.back()
    assert wait_until(lambda: driver.execute_script("return location.search") == "")
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen", timeout=8)


def test_cards_say_what_confirms_a_programme_and_a_filter_hides_the_unconfirmed(dash_duo, tmp_path):
    """Each running card says why we believe it runs (a guideline's term, the law in force on the
    Land's law portal, a recent official page) or flags that nothing confirms it; "aktuell"
    hides the flagged ones, and the legend counts them."""
    from tests.conftest import row, write_measures, write_sources
    path = write_measures(tmp_path / "measures.csv", [
        row(id="by-alt", title="Alte Richtlinie", source_date="2019-03"),
        row(id="by-neu", title="Neue Richtlinie", source_date="2026-05-12"),
        row(id="by-frist", title="Befristete Richtlinie", source_date="2023", valid_until="2099-12-31"),
        row(id="by-gesetz", title="Gesetz", basis="law", source_date="2016"),
    ])
    write_sources(path, [("by-alt", "https://www.example.bayern.de/alt", "2019-03", "running"),
                         ("by-neu", "https://www.example.bayern.de/neu", "2026-05-12", "running"),
                         ("by-frist", "https://www.example.bayern.de/frist", "2023", "term"),
                         ("by-gesetz", "https://www.gesetze-bayern.de/Content/Document/X", "2016-07-01", "in_force")])
    dash_duo.start_server(create_app(measures_path=path))
    driver = dash_duo.driver
    open_view(dash_duo, "?land=BY", "Maßnahmen in Bayern")
    cards_js = """return Object.fromEntries([...document.querySelectorAll('.measure-card')].map(card => [
        card.querySelector('h3').textContent,
        {text: card.innerText, notes: [...card.querySelectorAll(".stale-note[role='note'], .continuation-note")]
            .filter(n => n.checkVisibility()).map(n => n.textContent)}]))"""
    titles = {"Alte Richtlinie", "Neue Richtlinie", "Befristete Richtlinie", "Gesetz"}
    assert wait_until(lambda: set(driver.execute_script(cards_js)) == titles)
    cards = driver.execute_script(cards_js)
    assert cards["Alte Richtlinie"]["notes"] == ["Fortbestand nicht bestätigt: Die neueste amtliche Quelle ist vom "
                                                 "03/2019, also älter als zwei Jahre."]
    assert cards["Neue Richtlinie"]["notes"] == ["Läuft: bestätigt durch eine amtliche Quelle vom 12.05.2026."]
    assert cards["Befristete Richtlinie"]["notes"] == ["Läuft laut Richtlinie bis 31.12.2099."]
    assert cards["Gesetz"]["notes"] == ["Gesetz in Kraft (Fassung vom 01.07.2016, laut amtlichem Rechtsportal)."]
    assert "Stand der Quelle\n03/2019" in cards["Alte Richtlinie"]["text"]
    assert wait_until(lambda: "Bei 1 davon ist der Fortbestand nicht belegt" in dash_duo.find_element("#map-legend").text)
    dash_duo.find_element("#filter-current input").click()
    assert wait_until(lambda: set(driver.execute_script(cards_js)) == titles - {"Alte Richtlinie"})
    assert "aktuell=1" in driver.execute_script("return location.search")
    # The evidence is fetched when "Belege" is opened.
    driver.execute_script("document.querySelector('#measure-by-neu details.evidence').open = true")
    belege_js = ("const box = document.querySelector('#measure-by-neu details.evidence');"
                 "const link = box.querySelector('a'); return [link ? link.href : '', box.innerText]")
    assert wait_until(lambda: driver.execute_script(belege_js)[0] != "")
    belege = driver.execute_script(belege_js)
    assert belege[0] == "https://www.example.bayern.de/neu" and "12.05.2026 · gelesen am 01.11.2026" in belege[1]


def test_a_link_to_one_programme_opens_it_and_every_card_can_copy_its_link(dash_duo, app, measures):
    ended = measures.loc[measures["status"] == "ended"].iloc[0]  # hidden by the default filter
    driver = dash_duo.driver
    dash_duo.start_server(app)
    driver.get(dash_duo.server_url + f"/?massnahme={ended['id']}")
    card = f"#measure-{ended['id']}"
    dash_duo.wait_for_element(f"{card}.highlighted", timeout=10)
    assert dash_duo.find_element("#measures-heading").text == f"Maßnahmen in {LAENDER[ended['ags']].name}"
    assert driver.execute_script(f"return [...document.querySelectorAll('{card} details')].every(d => d.open)")
    assert driver.execute_script(f"const r = document.querySelector('{card}').getBoundingClientRect();"
                                 "return r.top < innerHeight && r.bottom > 0")
    # "Link kopieren" puts the address of this card on the clipboard
    driver.execute_script("window.__copied = []; navigator.clipboard.writeText = (t) => "
                          "{ window.__copied.push(t); return Promise.resolve(); }")
    dash_duo.find_element(f"{card} button.copy-link").click()
    assert wait_until(lambda: driver.execute_script("return window.__copied") ==
                      [f"{dash_duo.server_url}/?massnahme={ended['id']}"])
    assert dash_duo.find_element(f"{card} button.copy-link").text == "Link kopiert"
    driver.get(dash_duo.server_url + "/?massnahme=xx-gibt-es-nicht")
    dash_duo.wait_for_contains_text("#view-notices", "„xx-gibt-es-nicht“ gibt es hier nicht", timeout=8)
    assert dash_duo.get_logs() == []


def test_the_map_downloads_as_a_vector_image(dash_duo, app):
    dash_duo.start_server(app)
    open_view(dash_duo, "?land=BY&kategorie=upgrading_bonus", "Maßnahmen in Bayern")
    button = dash_duo.find_element("#map-svg")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    path = wait_for_download(Path(dash_duo.download_path), ".svg")
    assert path.name.startswith("karte_") and "gefiltert" in path.name  # named like the PNG
    svg = path.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and svg.count("choroplethlocation") == 16  # vectors, one per Land


def test_report_an_error_opens_a_prefilled_message_only_where_an_address_is_set(dash_duo, monkeypatch):
    from urllib.parse import parse_qs, unquote, urlsplit
    monkeypatch.setenv("WBK_FEEDBACK_EMAIL", "redaktion@example.org")
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?land=HB")
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Bremen", timeout=8)
    card = dash_duo.find_elements(".measure-card")[0]
    report = card.find_element(By.CSS_SELECTOR, "a.report-error")
    assert report.text == "Fehler melden"
    href = urlsplit(report.get_attribute("href"))
    assert href.scheme == "mailto" and unquote(href.path) == "redaktion@example.org"
    message = parse_qs(href.query)
    measure = card.get_attribute("id").removeprefix("measure-")
    assert measure in message["subject"][0]
    assert "Land: Bremen" in message["body"][0] and f"?massnahme={measure}" in message["body"][0]


def test_without_a_feedback_address_no_card_offers_a_report(dash_duo, app):
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/?land=HB")
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Bremen", timeout=8)
    assert dash_duo.find_elements(".measure-card") and not dash_duo.find_elements(".measure-card a.report-error")


def test_embed_code_gives_the_view_in_a_compact_frame(dash_duo, app):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/?land=SN&kategorie=upgrading_bonus")
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Sachsen", timeout=8)
    driver.execute_script("document.querySelector('.embed').open = true")
    assert wait_until(lambda: "einbetten=1" in dash_duo.find_element("#embed-code").get_attribute("value"))
    code = dash_duo.find_element("#embed-code").get_attribute("value")
    assert code.startswith("<iframe src=") and "land=SN" in code and "kategorie=upgrading_bonus" in code
    src = code.split('"')[1].replace("&amp;", "&")
    driver.get(src)  # what the frame shows: map and list, no header, the attribution kept
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Sachsen", timeout=8)
    wait_for_map(dash_duo)
    assert dash_duo.find_element("#app-root").get_attribute("class") == "app embed"
    assert not dash_duo.find_element(".app-header").is_displayed()
    assert not dash_duo.find_element("#filters").is_displayed()
    assert dash_duo.find_element("#map-region").is_displayed() and dash_duo.find_element(".measure-card").is_displayed()
    assert "© GeoBasis-DE / BKG" in dash_duo.find_element(".app-footer").text


def test_the_map_shows_the_laenderbuendnisse_with_a_legend_in_words_and_a_profile(dash_duo, app):
    dash_duo.start_server(app)
    driver = dash_duo.driver
    open_view(dash_duo, "?land=NI", "Maßnahmen in Niedersachsen")
    assert dash_duo.find_element("#alliance-profile").get_attribute("hidden") is not None
    [label for label in dash_duo.find_elements("#map-mode label") if label.text == "Länderbündnisse"][0].click()
    assert wait_until(lambda: "karte=buendnisse" in driver.current_url)
    assert wait_until(lambda: "kein Bündnis erfasst" in dash_duo.find_element("#map-legend").text)
    legend = dash_duo.find_element("#map-legend").text
    assert "aktiv, von einer Quelle der letzten 24 Monate bestätigt" in legend
    assert wait_until(lambda: dash_duo.find_element("#alliance-profile").is_displayed())
    profile = dash_duo.find_element("#alliance-profile").text
    assert "Bündnis in Niedersachsen" in profile and "Partner" in profile and "Federführung" in profile
    shown = driver.execute_script("return document.querySelector('#map .js-plotly-plot').data[0].z")
    assert set(shown) <= {0, 1, 2, 3} and len(shown) == 16
