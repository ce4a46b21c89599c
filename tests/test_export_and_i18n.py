"""Export (formula-safe, umlauts intact) and the language catalogues."""

import datetime as dt
import io

import pandas as pd
import pytest

from dashboard.data import load_measures
from dashboard.export import export_filename, export_table, neutralise, to_csv_bytes, to_xlsx_bytes
from dashboard.i18n import CATALOGUES, translate
from dashboard.state import ViewState
from tests.conftest import row


@pytest.mark.parametrize("value", ["=1+1", "+49 30", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_triggers_are_neutralised(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize(("value", "safe"), [("Land;=1+1", "Land;'=1+1"), ("a; +49 30", "a; '+49 30"),
                                             ("=x;@y", "'=x;'@y"), ("Kosten; 50 %", "Kosten; 50 %")])
def test_a_formula_after_a_semicolon_is_neutralised_too(value, safe):
    """German Excel splits a double-clicked CSV on ";", quotes or not."""
    assert neutralise(value) == safe


def test_csv_export_has_no_cell_a_spreadsheet_would_run(measures_file):
    shown = load_measures(measures_file([row(summary="Land;=1+1", funding="|calc", provider="%0A")])).measures
    data = to_csv_bytes(export_table(shown, "de")).decode("utf-8-sig")
    for line in data.splitlines()[1:]:
        for cell in [c for part in line.split(";") for c in part.split(",")]:
            assert not cell.strip('"').lstrip().startswith(("=", "+", "@", "|", "%")), (cell, line)


def test_plain_text_and_numbers_unchanged():
    assert neutralise("Meisterprämie 2.000 €") == "Meisterprämie 2.000 €"
    assert neutralise(3) == 3


@pytest.fixture
def shown(measures_file):
    rows = [
        row(title="Prämie für Meisterinnen – Größe", title_en="Bonus für Größe (master bonus)",
            summary='=HYPERLINK("http://evil","x")'),
        row(id="by-b", title="@Bildungsscheck", funding="-50 %"),
    ]
    return load_measures(measures_file(rows)).measures


def test_csv_has_bom_header_sources_and_no_formulas(shown):
    data = to_csv_bytes(export_table(shown, "de"))
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(table.columns[:2]) == ["Land", "Maßnahme"]
    assert "Offizielle Seite" in table.columns and "Geprüft am" in table.columns and "Stand der Quelle" in table.columns
    assert table.loc[0, "Maßnahme"] == "Prämie für Meisterinnen – Größe"
    assert table.loc[0, "Was wird gefördert?"].startswith("'=")
    assert table.loc[1, "Maßnahme"] == "'@Bildungsscheck" and table.loc[1, "Wie viel?"] == "'-50 %"
    assert table.loc[0, "Geprüft am"] == "2026-11-01" and table.loc[0, "Stand der Quelle"] == "2026-10"
    assert table.loc[0, "Offizielle Seite"].startswith("https://")


def test_xlsx_round_trip_keeps_umlauts_and_has_no_formulas(shown):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(to_xlsx_bytes(export_table(shown, "en"))))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["State", "Programme"]
    values = [c.value for r in sheet.iter_rows(min_row=2) for c in r]
    assert "Bonus für Größe (master bonus)" in values  # the English text, umlauts intact
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)


def test_export_filename_carries_date_and_selection():
    today = dt.date(2026, 11, 24)
    assert export_filename(ViewState(lands=("09", "11", "14"), compare=True), "csv", today) == \
        "weiterbildung_2026-11-24_BY-BE-SN.csv"
    assert export_filename(ViewState(categories=("alliance",)), "xlsx", today) == \
        "weiterbildung_2026-11-24_alle-Laender_gefiltert.xlsx"


def test_catalogues_have_the_same_keys_and_placeholders():
    de, en = CATALOGUES["de"], CATALOGUES["en"]
    assert de.keys() == en.keys()
    for key in de:
        assert de[key].count("{") == en[key].count("{"), key


def test_unknown_language_falls_back_to_german():
    assert translate("xx", "app_title") == "Weiterbildungskarte"


def test_every_translated_property_of_the_page_is_in_the_one_table():
    """In the page built in German, every property other than text children that shows a
    catalogue text must be in ``panels.widgets.translated_props``: that table is what a language
    switch sends again. (The category and target boxes' "alle" was missing from it.)"""
    from dashboard.data import load_geojson
    from dashboard.panels.shell import build_layout
    from dashboard.panels.widgets import translated_props
    german = {text for text in CATALOGUES["de"].values() if len(text) > 2}
    page = build_layout(load_geojson(), load_measures())
    table = translated_props("de")
    found = set()

    def walk(node):
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "_prop_names"):
            return
        for prop in node._prop_names:
            value = getattr(node, prop, None)
            if prop == "children":
                walk(value)
            # (the map's figure follows the language through update_view's colour patch)
            elif prop not in ("id", "figure") and any(text in str(value) for text in german) \
                    and isinstance(node.id, str):
                found.add((node.id, prop))
                assert table.get((node.id, prop)) == value, (node.id, prop)

    walk(page)
    assert ("filter-category", "placeholder") in found and ("filter-target", "placeholder") in found
    english = translated_props("en")
    assert english[("filter-category", "placeholder")] == "all" and english.keys() == table.keys()
