"""The shipped measures: coverage, uniqueness, vocabularies and traceable official sources."""

import csv
import datetime as dt
from collections import Counter

import pytest

from dashboard.constants import CATEGORIES, FEDERAL, LAENDER, MIN_MEASURES_PER_LAND, STATUSES
from dashboard.data import DATA_DIR, MEASURES_PATH, SOURCES_PATH, load_measures, url_host

MIN_PER_LAND = MIN_MEASURES_PER_LAND


@pytest.fixture(scope="module")
def rows():
    with MEASURES_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def source_hosts():
    """Hand-reviewed allow-list: host -> the Land (AGS) it speaks for, or "bund"."""
    with (DATA_DIR / "source_hosts.csv").open(encoding="utf-8", newline="") as handle:
        return {r["host"]: r["scope"] for r in csv.DictReader(handle)}


def test_loads_without_a_single_problem():
    result = load_measures()
    assert result.problems == [] and result.rows_skipped == 0


def test_every_land_has_enough_measures(rows):
    counts = Counter(r["ags"] for r in rows)
    assert {ags: counts[ags] for ags in LAENDER if counts[ags] < MIN_PER_LAND} == {}


def test_no_duplicate_ids_or_titles(rows):
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({(r["ags"], r["title"].casefold()) for r in rows}) == len(rows)


def test_vocabularies_and_dates(rows):
    today = dt.date.today()
    for r in rows:
        assert r["category"] in CATEGORIES and r["status"] in STATUSES
        assert dt.date.fromisoformat(r["checked"]) <= today


def test_ids_start_with_the_lands_iso_code(rows):
    for r in rows:  # a federal instrument's id starts with "bund-"
        prefix = "bund" if r["ags"] == FEDERAL else LAENDER[r["ags"]].short.lower()
        assert r["id"].startswith(prefix + "-"), r["id"]


def test_federal_instruments_are_beside_the_laender_never_one_of_them():
    load = load_measures()
    assert len(load.federal) >= 5 and set(load.federal["id"]).isdisjoint(load.measures["id"])
    assert set(load.measures["ags"]) == set(LAENDER)


def test_urls_are_https_on_reviewed_hosts_of_the_right_land(rows, source_hosts):
    wrong = []
    for r in rows:
        host = (url_host(r["url"]) or "").removeprefix("www.")  # as a browser reads the URL
        if not r["url"].startswith("https://") or source_hosts.get(host) not in (r["ags"], "bund"):
            wrong.append((r["id"], r["url"]))
    assert wrong == []


@pytest.fixture(scope="module")
def evidence():
    with SOURCES_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_evidence_is_on_reviewed_hosts_of_the_measures_land(rows, evidence, source_hosts):
    """Every page behind a card (data/sources.csv) is an official page of its Land or of the Bund."""
    land_of = {r["id"]: r["ags"] for r in rows}
    wrong = [(e["measure_id"], e["url"]) for e in evidence
             if source_hosts.get((url_host(e["url"]) or "").removeprefix("www.")) not in (land_of[e["measure_id"]], "bund")]
    assert wrong == []


def test_every_measure_rests_on_the_page_it_links(rows, evidence):
    read = {(e["measure_id"], e["url"]) for e in evidence}
    assert [r["id"] for r in rows if (r["id"], r["url"]) not in read] == []


def test_allow_list_has_no_stale_hosts(rows, evidence, source_hosts):
    used = {url_host(url).removeprefix("www.") for url in [r["url"] for r in rows] + [e["url"] for e in evidence]}
    assert set(source_hosts) - used == set()
    assert set(source_hosts.values()) <= set(LAENDER) | {"bund"}


def test_notes_speak_to_citizens_not_about_the_research(rows):
    """The research trail belongs in sources.csv; a card's note is what a citizen should know."""
    trail = ("faktencheck", "im bestand", "gespeicherte kopie", "nicht gefunden", "quelle:", "stored copy")
    assert [r["id"] for r in rows if any(word in r["note"].casefold() for word in trail)] == []


def test_the_data_readme_documents_every_column_once():
    """data/README.md's column table names exactly the columns of ``columns.MEASURES``."""
    import re

    from dashboard.data import MEASURE_COLUMNS
    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split("## Columns", 1)[1].split("\n## ", 1)[0]
    documented = [name for line in section.splitlines() if line.startswith("| `")
                  for name in re.findall(r"`([a-z_]+)`", line.split("|")[1])]
    assert sorted(documented) == sorted(MEASURE_COLUMNS)
