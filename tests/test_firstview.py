"""The page's first view, drawn by the server (dashboard/firstview.py, static_html.py, svgmap.py):
what a browser without JavaScript, a search engine and a phone on a slow network get in the
first answer."""

from __future__ import annotations

import gzip
import json
import re

import brotli
import lxml.html
import pytest
from dash import dcc, html

from dashboard import static_html
from dashboard.app import create_app
from dashboard.constants import AGS_BY_SHORT, LAENDER
from dashboard.data import GEOJSON_PATH, load_geojson
from dashboard.palette import PALETTE
from dashboard.state import parse_query
from dashboard.svgmap import project
from tests.conftest import row, write_measures

FIRST_ANSWER_MAX_BYTES = 60_000  # compressed, as the browser receives it


def first_view(client, query: str) -> lxml.html.HtmlElement:
    answer = client.get("/" + query)
    assert answer.status_code == 200
    return lxml.html.fromstring(answer.data)


def in_page(page) -> dict:
    return json.loads(page.get_element_by_id("first-view-data").text)


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def test_the_first_answer_holds_the_map_with_every_land_a_link(client):
    page = first_view(client, "?land=BY")
    links = page.cssselect("#first-view #map svg a.land")
    assert sorted(link.get("data-ags") for link in links) == sorted(LAENDER)
    for link in links:  # each Land's link opens the view a click on it gives
        assert parse_query(link.get("href").removeprefix("/")).state.lands == (link.get("data-ags"),)
        assert link.cssselect("path")[0].get("d").startswith("M")
        assert LAENDER[link.get("data-ags")].name in link.get("aria-label")
    assert [link.get("data-ags") for link in links if "selected" in link.get("class")] == [AGS_BY_SHORT["BY"]]
    assert links[-1].get("data-ags") == AGS_BY_SHORT["BY"]  # drawn last: its outline on top


def test_the_first_answer_holds_the_chosen_lands_cards_and_every_lands_in_its_json(client):
    page = first_view(client, "?land=HH")
    data = in_page(page)
    hamburg = data["lists"]["lands"][AGS_BY_SHORT["HH"]]
    assert page.get_element_by_id("measures-heading").text_content() == hamburg["heading"] == "Maßnahmen in Hamburg"
    titles = [h3.text_content() for h3 in page.cssselect("#first-view #measures-body .measure-card h3")]
    assert titles == [card["title"] for card in hamburg["cards"]] and titles
    assert sorted(data["lists"]["lands"]) == sorted(LAENDER)
    assert data["view"]["lands"] == [AGS_BY_SHORT["HH"]]
    official = page.cssselect("#first-view .measure-card a.official-link")
    assert official and all(link.get("href").startswith(("https://", "http://")) for link in official)


def test_the_map_is_coloured_as_the_interactive_map_colours_it(client):
    page = first_view(client, "")
    fills = {link.get("data-ags"): link.cssselect("path")[0].get("fill") for link in page.cssselect("a.land")}
    counts = {ags: len(card_list["cards"]) for ags, card_list in in_page(page)["lists"]["lands"].items()}
    most = max(counts, key=counts.get)
    assert fills[most] == "rgb(8, 48, 107)" == _rgb(PALETTE["scale-4"])  # the top of the scale
    assert len(set(fills.values())) > 3
    darker = sorted(LAENDER, key=lambda ags: counts[ags])
    assert _lightness(fills[darker[0]]) >= _lightness(fills[darker[-1]])


def _rgb(hex_colour: str) -> str:
    value = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i:i + 2], 16) for i in (0, 2, 4)))


def _lightness(rgb: str) -> int:
    return sum(int(part) for part in re.findall(r"\d+", rgb))


def test_in_compare_view_a_land_adds_itself_to_the_comparison(client):
    page = first_view(client, "?vergleich=1&land=BY,HH")
    link = next(a for a in page.cssselect("a.land") if a.get("data-ags") == AGS_BY_SHORT["BE"])
    assert parse_query(link.get("href").removeprefix("/")).state.lands == tuple(
        AGS_BY_SHORT[code] for code in ("BY", "HH", "BE"))


@pytest.mark.parametrize("query", ["", "?land=BY", "?lang=en&land=NW", "?vergleich=1&land=BY,HH,BE"])
def test_the_first_answer_is_at_most_60_kb_compressed(client, query):
    for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        answer = client.get("/" + query, headers={"Accept-Encoding": encoding})
        assert answer.headers["Content-Encoding"] == encoding
        assert len(answer.data) <= FIRST_ANSWER_MAX_BYTES, (query, encoding, len(answer.data))
        assert b'id="first-view"' in decompress(answer.data)


def test_english_first_view_is_english(client):
    page = first_view(client, "?lang=en&land=BE")
    assert page.get_element_by_id("app-root").get("lang") == "en"
    assert page.get_element_by_id("measures-heading").text_content() == "Programmes in Berlin"


def test_hostile_text_in_a_measure_stays_text_in_the_first_view(tmp_path):
    hostile = '<!--<script></script><script>alert(1)</script><img src=x onerror=alert(2)>'
    path = write_measures(tmp_path / "measures.csv", [row(title=hostile, note=hostile, summary=hostile)])
    client = create_app(measures_path=path).server.test_client()
    text = client.get("/?land=BY").data.decode()
    assert "<script>alert" not in text and "<img src=x" not in text and "<!--<script" not in text
    page = lxml.html.fromstring(text)
    assert not page.cssselect("img") and page.cssselect("footer")  # nothing swallowed, nothing added
    assert page.cssselect("#measures-body .measure-card h3")[0].text_content() == hostile
    assert in_page(page)["lists"]["lands"][AGS_BY_SHORT["BY"]]["cards"][0]["title"] == hostile


def test_dash_scripts_wait_and_the_renderer_does_not_run_by_itself(client):
    page = first_view(client, "")
    running = [s.get("src") for s in page.cssselect("script[src]") if s.get("type") in (None, "text/javascript")]
    assert len(running) == 1 and running[0].startswith("/assets/app.js")
    inert = [s.get("src") for s in page.cssselect("script[data-start]")]
    assert any("dash_renderer" in src for src in inert) and any("react-dom" in src for src in inert)
    assert all(s.get("type") == "text/plain" for s in page.cssselect("script[data-start], #_dash-renderer"))


# --------------------------------------------------------------------------- the writers


def test_static_html_writes_components_as_react_would_and_escapes_everything():
    tree = html.Div([html.P('say "<hi>" & bye', className="x", style={"backgroundColor": "red"}),
                     html.A("link", href='https://a.example/?q="x"'), html.Br(),
                     dcc.Store(id="gone", data={"a": 1}), dcc.Dropdown(id="pick", options=[{"label": "Bayern", "value": "09"}],
                                                                     value="09"),
                     dcc.Dropdown(id="empty", options=[], placeholder="<none>"),
                     html.Section(html.P("later"), id="later", hidden=True)],
                    id={"type": "i18n", "key": "k"}, **{"data-x": "1"})
    out = static_html.render(tree, {("pick", "value"): "09"})
    page = lxml.html.fromstring(str(out))
    assert page.get("id") == '{"key":"k","type":"i18n"}' and page.get("data-x") == "1"
    hidden = page.get_element_by_id("later")  # shown only once Dash runs: empty until then
    assert hidden.get("hidden") is not None and len(hidden) == 0
    assert page.cssselect("p")[0].text_content() == 'say "<hi>" & bye'
    assert page.cssselect("p")[0].get("style") == "background-color:red"
    assert page.cssselect("a")[0].get("href") == 'https://a.example/?q="x"'
    assert "gone" not in out and "<br>" in out
    assert page.get_element_by_id("pick-value").text_content() == "Bayern"
    assert page.get_element_by_id("empty-value").text_content() == "<none>"


def test_overrides_set_what_callbacks_would():
    tree = html.Div([html.H2(id="heading"), dcc.RadioItems(id="mode", options=["a", "b"], value="a")])
    page = lxml.html.fromstring(str(static_html.render(tree, {("heading", "children"): "Neu", ("mode", "value"): "b"})))
    assert page.get_element_by_id("heading").text_content() == "Neu"
    assert [box.get("value") for box in page.cssselect("input[checked]")] == ["b"]


def test_the_projected_map_stays_in_its_frame():
    projected = project(load_geojson(GEOJSON_PATH))
    assert sorted(projected.paths) == sorted(LAENDER)
    assert 0.7 < projected.width / projected.height < 0.78  # Germany in Mercator, as plotly draws it
    for path in projected.paths.values():
        for ring in re.findall(r"M([^Mz]+)z", path):
            numbers = [int(n) for n in re.findall(r"-?\d+", ring.replace("l", " "))]
            xs, ys = [numbers[0]], [numbers[1]]
            for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
                xs.append(xs[-1] + dx)
                ys.append(ys[-1] + dy)
            assert min(xs) >= 0 and max(xs) <= projected.width and min(ys) >= 0 and max(ys) <= projected.height
