"""The maps by figure in Chromium (issue #21): each opened by its address, its legend in units,
the ranking beside it with the values of the data, "kein Gesetz" for Bayern and Sachsen, the
same in English, and nothing serious for axe."""

from __future__ import annotations

import pytest

from dashboard.constants import AGS_BY_SHORT, LAENDER
from dashboard.data import MeasuresStore
from dashboard.landfigures import FIGURE_MAPS, figure_details, figure_words, land_figures
from tests.browser import click_map, open_view, wait_until
from tests.test_browser_access import axe_violations

pytestmark = pytest.mark.browser

# address word -> (map mode, three Länder whose figures the page must show as the data has them)
MAPS = {"bildungsurlaub": ("leave", ("HH", "NW", "TH")), "meisterbonus": ("upgrading_bonus", ("BE", "NI", "BY")),
        "bildungsscheck": ("individual_grant", ("SH", "HE", "RP"))}


def ranking_rows(dash_duo) -> dict[str, str]:
    """Land -> its value as the ranking shows it, read in one go (Dash may redraw the table
    between two element lookups)."""
    return dash_duo.driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('#ranking tbody tr')]"
        ".map(r => [r.querySelector('th').innerText, r.querySelector('.bar-value').innerText]));")


def map_texts(dash_duo) -> dict[str, str]:
    return dash_duo.driver.execute_script(
        "const t = document.querySelector('#map .js-plotly-plot').data[0];"
        "return Object.fromEntries(t.locations.map((l, i) => [l, t.text[i]]));")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("word", sorted(MAPS))
def test_a_figure_map_by_its_address_shows_the_datas_figures(dash_duo, app, word, lang):
    mode, lands = MAPS[word]
    figure = FIGURE_MAPS[mode]
    figures = land_figures(MeasuresStore()().measures, figure)
    dash_duo.start_server(app)
    open_view(dash_duo, f"?karte={word}&lang={lang}")
    assert wait_until(lambda: len(ranking_rows(dash_duo)) == 16)
    shown, on_map = ranking_rows(dash_duo), map_texts(dash_duo)
    for code in lands:
        ags = AGS_BY_SHORT[code]
        words = figure_words(figures[ags], figure.unit, figure.absent, lang)
        assert shown[LAENDER[ags].name].startswith(words), (code, shown[LAENDER[ags].name], words)
        assert figure_details(figures[ags], lang) in shown[LAENDER[ags].name]
        assert on_map[ags] == words
    legend = dash_duo.find_element("#map-legend").text
    assert ("€" in legend) if mode != "leave" else (("Tage pro Jahr" if lang == "de" else "days per year") in legend)
    if mode == "leave":  # two Länder have no such law: their own class, not zero
        absent = "kein Gesetz" if lang == "de" else "no law"
        assert shown["Bayern"] == absent and shown["Sachsen"] == absent and f"{absent} (2)" in legend
        assert on_map[AGS_BY_SHORT["BY"]] == absent
    if lang == "de" and word == "bildungsurlaub":
        severe = [(v["id"], v["impact"]) for v in axe_violations(dash_duo.driver) if v["impact"] in ("serious", "critical")]
        assert severe == []


def test_the_selected_land_is_marked_in_the_ranking_and_a_click_on_the_map_moves_the_mark(dash_duo, app):
    dash_duo.start_server(app)
    open_view(dash_duo, "?karte=meisterbonus&land=HE")
    assert wait_until(lambda: dash_duo.find_element("#ranking tr.selected th").text == "Hessen")
    click_map(dash_duo, 9.6, 52.6)  # Niedersachsen
    assert wait_until(lambda: dash_duo.find_element("#ranking tr.selected th").text == "Niedersachsen")
    assert "karte=meisterbonus" in dash_duo.driver.current_url and "land=NI" in dash_duo.driver.current_url
