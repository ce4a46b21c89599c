"""Pages for the open web, read as a search engine or a messenger's link preview reads them:
no JavaScript, structured data through extruct, the preview image as a PNG."""

import io
import struct
import xml.etree.ElementTree as ET

import extruct
import pytest

from dashboard.app import create_app
from dashboard.data import MeasuresStore
from tests.conftest import row, write_measures

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


@pytest.fixture(scope="module")
def load():
    return MeasuresStore()()


def structured(html: str, url: str) -> dict:
    return extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_a_lands_page_holds_its_programmes_structured_data_and_preview(client, load):
    response = client.get("/land/BY")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<script src" not in html  # readable with no script at all
    running = load.measures.loc[(load.measures["ags"] == "09") & (load.measures["status"] == "running")]
    assert all(title in html for title in running["title"].str.replace("&", "&amp;"))
    data = structured(html, "http://localhost/land/BY")
    [item_list] = data["json-ld"]
    assert item_list["@type"] == "ItemList" and len(item_list["itemListElement"]) == len(running)
    service = item_list["itemListElement"][0]["item"]
    assert service["@type"] == "GovernmentService" and service["areaServed"]["name"] == "Bayern"
    [og] = data["opengraph"]
    assert og["og:title"].startswith("Weiterbildung in Bayern") and og["og:image"].endswith("/vorschau/BY.png")
    assert '<link rel="canonical" href="http://localhost/land/BY">' in html
    assert 'hreflang="en" href="http://localhost/land/BY?lang=en"' in html
    image = client.get("/vorschau/BY.png")
    assert image.mimetype == "image/png" and png_size(image.data) == (1200, 630) and len(image.data) <= 100_000


def test_a_programmes_page_in_english_and_an_ended_one_says_so(client, load):
    measures = load.measures
    running = measures.loc[measures["status"] == "running"].iloc[0]
    html = client.get(f"/massnahme/{running['id']}?lang=en").get_data(as_text=True)
    [service] = structured(html, "http://localhost/")["json-ld"]
    assert service["name"] == running["title_en"] and service["url"].endswith(f"/massnahme/{running['id']}")
    assert '<html lang="en">' in html and "not running" not in html
    ended = measures.loc[measures["status"] == "ended"].iloc[0]
    response = client.get(f"/massnahme/{ended['id']}")
    assert response.status_code == 200  # links in the wild keep working
    assert "Dieses Programm läuft nicht (Status: beendet)" in response.get_data(as_text=True)


def test_sitemap_robots_and_a_404_for_paths_the_site_does_not_have(client, load):
    sitemap = ET.fromstring(client.get("/sitemap.xml").data)
    locs = {url.find(f"{SITEMAP}loc").text: url.find(f"{SITEMAP}lastmod").text for url in sitemap}
    assert len(locs) == 1 + 4 + 16 + len(load.every_row)  # the legal pages; federal instruments have their pages too
    assert "http://localhost/land/HB" in locs and all(len(day) == 10 for day in locs.values())
    assert all(f"http://localhost/massnahme/{mid}" in locs for mid in load.measures["id"])
    robots = client.get("/robots.txt")
    assert robots.mimetype == "text/plain" and "Sitemap: http://localhost/sitemap.xml" in robots.get_data(as_text=True)
    for path in ("/gibt-es-nicht", "/land/XX", "/massnahme/xx-gibt-es-nicht", "/vorschau/XX.png", "/wp-admin.php"):
        response = client.get(path)
        assert response.status_code == 404 and 'href="http://localhost/"' in response.get_data(as_text=True), path
    assert client.get("/").status_code == 200 and client.get("/?land=BY").status_code == 200


def test_hostile_text_is_escaped_on_the_pages(tmp_path):
    hostile = '</script><script>alert(1)</script>"><img src=x onerror=alert(2)>'
    path = write_measures(tmp_path / "measures.csv", [row(title=hostile, summary=hostile, provider=hostile)])
    client = create_app(measures_path=path).server.test_client()
    html = client.get("/massnahme/by-meisterbonus").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    [service] = structured(html, "http://localhost/")["json-ld"]  # still valid JSON-LD, text intact
    assert service["name"] == hostile and service["provider"]["name"] == hostile
    assert io.BytesIO(client.get("/land/BY").data).read()  # the Land page renders too


def test_a_lands_page_names_the_federal_instruments_beside_its_own(client, load):
    html = client.get("/land/HH").get_data(as_text=True)
    assert "Bundesweit gilt außerdem" in html
    federal = load.federal.loc[load.federal["status"] == "running"]
    assert all(title in html for title in federal["title"])
    afbg = client.get("/massnahme/bund-aufstiegs-bafoeg")
    assert afbg.status_code == 200
    data = structured(afbg.get_data(as_text=True), "http://localhost/massnahme/bund-aufstiegs-bafoeg")
    service = next(item for item in data["json-ld"] if item["@type"] == "GovernmentService")
    assert service["areaServed"] == {"@type": "Country", "name": "Deutschland"}
    image = client.get("/vorschau/DE.png")  # all of Germany for the federal instruments' previews
    assert image.status_code == 200 and png_size(image.data) == (1200, 630) and len(image.data) <= 100_000
