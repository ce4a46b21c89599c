"""Open data: the files validate as a Frictionless data package, the feed as Atom (feedparser)."""

from __future__ import annotations

import csv
import io
import json
import re

import feedparser
import frictionless
import pytest

from dashboard.app import create_app
from dashboard.data import MeasuresStore


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def test_the_data_package_and_its_files_validate(client, tmp_path):
    files = [resource["path"] for resource in client.get("/daten/datapackage.json").get_json()["resources"]]
    assert {"massnahmen.csv", "massnahmen.json", "belege.csv", "aenderungen.csv"} <= set(files)
    for name in ("datapackage.json", *files):
        response = client.get(f"/daten/{name}")
        assert response.status_code == 200, name
        (tmp_path / name).write_bytes(response.data)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "dl-de-by-2.0"
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_the_files_hold_every_measure_in_service_with_its_sources(client):
    load = MeasuresStore()()
    rows = list(csv.DictReader(io.StringIO(client.get("/daten/massnahmen.csv").get_data(as_text=True))))
    assert sorted(r["id"] for r in rows) == sorted(load.every_row["id"])  # the federal instruments too
    assert {"url", "source_date", "checked", "title_en"} <= set(rows[0])
    records = client.get("/daten/massnahmen.json").get_json()
    assert len(records) == len(rows) and records[0]["land"]
    evidence = list(csv.DictReader(io.StringIO(client.get("/daten/belege.csv").get_data(as_text=True))))
    assert len(evidence) == len(load.sources) and {e["measure_id"] for e in evidence} == set(load.every_row["id"])


def test_the_open_data_holds_every_column_of_the_data_files(client):
    """"The whole table": every column of data/measures.csv is published (issue #18: eligibility,
    situations, goals and partners were missing), and the evidence and change log whole."""
    from dashboard.data import CHANGE_COLUMNS, MEASURE_COLUMNS, SOURCE_COLUMNS
    published = next(csv.reader(io.StringIO(client.get("/daten/massnahmen.csv").get_data(as_text=True))))
    assert set(MEASURE_COLUMNS) <= set(published), set(MEASURE_COLUMNS) - set(published)
    assert set(MEASURE_COLUMNS) <= set(client.get("/daten/massnahmen.json").get_json()[0])
    for name, expected in (("belege.csv", SOURCE_COLUMNS), ("aenderungen.csv", CHANGE_COLUMNS)):
        assert next(csv.reader(io.StringIO(client.get(f"/daten/{name}").get_data(as_text=True)))) == list(expected)
    changes = list(csv.DictReader(io.StringIO(client.get("/daten/aenderungen.csv").get_data(as_text=True))))
    assert changes and {c["measure_id"] for c in changes} <= set(MeasuresStore()().measures["id"])


def test_the_feed_is_atom_with_a_dated_entry_linking_to_each_programme(client):
    feed = feedparser.parse(client.get("/feed.xml").data)
    assert not feed.bozo, feed.bozo_exception
    load = MeasuresStore()()
    assert len(feed.entries) == len(load.every_row)
    for entry in feed.entries:  # a Land's programme opens on the map, a federal one on its page
        assert entry.updated_parsed is not None and ("?massnahme=" in entry.link or "/massnahme/bund-" in entry.link)
    assert {re.split(r"\?massnahme=|/massnahme/", entry.link)[1] for entry in feed.entries} == set(load.every_row["id"])


def test_an_unknown_open_data_file_is_404(client):
    assert client.get("/daten/nope.csv").status_code == 404


def test_a_cards_evidence_is_served_when_opened(client):
    """"Belege" is fetched when a person opens it: the newest page first, a link only for an
    http(s) URL, the dates in the page's language; an unknown or malformed id is a 404."""
    load = MeasuresStore()()
    measure = load.sources["measure_id"].value_counts().index[0]  # one with the most evidence
    items = client.get(f"/daten/belege/{measure}.json").get_json()
    assert len(items) == int((load.sources["measure_id"] == measure).sum()) > 1
    assert all(url.startswith("https://") and host and " · " in label or "gelesen am" in label
               for url, host, label in items)
    english = client.get(f"/daten/belege/{measure}.json?lang=en").get_json()
    assert "read on" in english[0][2] and "gelesen" not in english[0][2]
    for bad in ("xx-gibt-es-nicht", "by_x%3Cb%3E", "a" * 200):
        assert client.get(f"/daten/belege/{bad}.json").status_code == 404
