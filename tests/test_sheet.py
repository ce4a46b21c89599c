"""The printable Land sheet: one A4 page, the Land's running programmes, a QR code back."""

from __future__ import annotations

import base64
import re

import pytest

from dashboard.app import create_app
from dashboard.data import load_measures
from dashboard.query import Filters, filter_measures, measures_for_lands
from dashboard.sheet import MAX_PROGRAMMES
from tests.conftest import row, write_measures


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def test_the_sheet_lists_the_lands_running_programmes_with_a_qr_code_back(client):
    page = client.get("/blatt/by").get_data(as_text=True)
    running = filter_measures(load_measures().measures, Filters())
    titles = measures_for_lands(running, ("09",))["title"]  # in the order the page lists them
    assert all(title.replace("&", "&amp;") in page for title in titles.head(MAX_PROGRAMMES))
    assert "http://localhost/?land=BY" in page  # the QR code's link, also written out
    assert page.count("<svg") == 2 and "<script" not in page  # outline and QR code, no script
    assert "© GeoBasis-DE / BKG" in page
    english = client.get("/blatt/BY?lang=en").get_data(as_text=True)
    assert 'lang="en"' in english and "?land=BY&amp;lang=en" in english


def test_unknown_land_is_404_and_hostile_text_stays_text(tmp_path):
    assert create_app().server.test_client().get("/blatt/XX").status_code == 404
    path = write_measures(tmp_path / "measures.csv", [row(title="<script>alert(1)</script>")])
    page = create_app(measures_path=path).server.test_client().get("/blatt/BY").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.browser
def test_the_sheet_prints_on_one_page_in_chromium(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?land=BY")
    dash_duo.wait_for_text_to_equal("#measures-heading", "Maßnahmen in Bayern", timeout=8)
    link = dash_duo.find_element("#sheet-link")
    assert link.is_displayed() and link.get_attribute("href").endswith("/blatt/BY?lang=de")
    pages = {}
    for code in ("SH", "HH", "NI", "HB", "NW", "HE", "RP", "BW", "BY", "SL", "BE", "BB", "MV", "SN", "ST", "TH"):
        dash_duo.driver.get(f"{dash_duo.server_url}/blatt/{code}")
        pdf = base64.b64decode(dash_duo.driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
        assert pdf.startswith(b"%PDF")
        pages[code] = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert set(pages.values()) == {1}, str(pages)  # every Land on one page
