"""The Länder by figure (dashboard/landfigures.py): one figure per Land from the typed figure
columns, the Länder without such a programme as their own class, the ranking."""

from __future__ import annotations

import pytest

from dashboard.constants import AGS_BY_SHORT, LAENDER
from dashboard.data import MeasuresStore, load_measures
from dashboard.landfigures import FIGURE_MAPS, figure_words, land_figures, ranking
from tests.conftest import row


@pytest.fixture(scope="module")
def shipped():
    return MeasuresStore()().measures


def test_bayern_and_sachsen_have_no_educational_leave_law(shipped):
    figures = land_figures(shipped, FIGURE_MAPS["leave"])
    assert {ags for ags, f in figures.items() if f.kind == "absent"} == {AGS_BY_SHORT["BY"], AGS_BY_SHORT["SN"]}
    assert figures[AGS_BY_SHORT["HH"]].value == 5  # 10 days in two years
    assert figure_words(figures[AGS_BY_SHORT["BY"]], "unit.days_per_year", "figure_absent.leave", "de") == "kein Gesetz"
    assert figure_words(figures[AGS_BY_SHORT["BY"]], "unit.days_per_year", "figure_absent.leave", "en") == "no law"


def test_each_lands_figure_is_the_highest_of_its_running_programmes(measures_file):
    measures = load_measures(measures_file([
        row(id="by-a", title="A", amount_eur="1000"), row(id="by-b", title="B", amount_eur="3000"),
        row(id="by-c", title="C", amount_eur="9000", status="ended"),
        row(id="be-a", ags="11", title="Ohne Zahl"),
    ])).measures
    figures = land_figures(measures, FIGURE_MAPS["upgrading_bonus"])
    assert figures["09"].value == 3000 and figures["09"].programme["id"] == "by-b"
    assert figures["11"].kind == "not_stated" and figures["01"].kind == "absent"
    order = [f.ags for f in ranking(figures)]
    assert order[:2] == ["09", "11"] and len(order) == len(LAENDER)


def test_the_ranking_puts_values_first_then_unstated_then_absent(shipped):
    ranked = ranking(land_figures(shipped, FIGURE_MAPS["individual_grant"]))
    kinds = [f.kind for f in ranked]
    assert kinds == sorted(kinds, key=["value", "not_stated", "absent"].index)
    values = [f.value for f in ranked if f.kind == "value"]
    assert values == sorted(values, reverse=True) and values[0] == 5000  # Schleswig-Holstein's bonus
