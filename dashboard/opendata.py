"""Open data: the whole table as CSV and JSON, its evidence, a Frictionless data package that
describes them, and an Atom feed of the programmes by the date each was last checked.

Pure builders (a ``MeasuresLoad`` in, bytes out) and ``register_routes`` for the Flask server.
Everything is built from the validated data in service, so a published file never holds a
row the dashboard would not show.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pandas as pd
from flask import Flask, Response, request

from dashboard.site import base_url
from dashboard.constants import DEFAULT_LANGUAGE, FEDERAL, LANGUAGES
from dashboard import columns
from dashboard.data import CHANGE_COLUMNS, SOURCE_COLUMNS, MeasuresLoad
from dashboard.export import neutralise
from dashboard.formatting import area_name
from dashboard.panels.cards import EVIDENCE_PATH, evidence_by_measure, evidence_items
from dashboard.state import is_measure_id, view_link

PREFIX = "/daten"
LICENCE = {"name": "dl-de-by-2.0", "title": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
           "path": "https://www.govdata.de/dl-de/by-2-0"}
ATTRIBUTION = "Weiterbildungskarte, eigene Recherche auf amtlichen Seiten der Länder"
# The published columns of a measure, in order, with their Frictionless type: every column of
# data/measures.csv and what the app derives for it (both tables in ``columns``).
FIELDS = tuple((column.name, column.kind) for column in (*columns.MEASURES, *columns.DERIVED) if column.published)
# Where a derived field's value comes from when it is not the column of the same name.
SOURCE_COLUMN = {"continuation_date": "continuation_stated"}


def _plain(value, kind: str):
    """A cell as JSON would hold it: integers, ISO dates, lists joined by ";", None for empty."""
    if value is None or (not isinstance(value, tuple | list) and pd.isna(value)) or value == "":
        return None if kind != "string" else ""
    if isinstance(value, tuple | list):
        return ";".join(value)
    if kind == "integer":
        return int(value)
    if kind == "date":
        return value if isinstance(value, str) else value.isoformat()
    return value


def measure_records(load: MeasuresLoad) -> list[dict]:
    """Every measure in service as plain values (years as integers, empty dates as None): the
    Länder's and the federal instruments (ags 00, land "bundesweit")."""
    records = []
    for _, row in load.every_row.sort_values(["ags", "id"]).iterrows():
        record = {}
        for name, kind in FIELDS:
            value = area_name(row["ags"], "de") if name == "land" else row.get(SOURCE_COLUMN.get(name, name))
            record[name] = _plain(value, kind)
        records.append(record)
    return records


def _csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def measures_csv(load: MeasuresLoad) -> bytes:
    """UTF-8, comma-separated; cells a spreadsheet would run are prefixed (export.neutralise)."""
    names = [name for name, _ in FIELDS]
    return _csv([names] + [["" if r[n] is None else neutralise(str(r[n])) for n in names] for r in measure_records(load)])


def measures_json(load: MeasuresLoad) -> bytes:
    return json.dumps(measure_records(load), ensure_ascii=False, indent=1).encode("utf-8")


def sources_csv(load: MeasuresLoad) -> bytes:
    rows = load.sources.sort_values(["measure_id", "url"])[list(SOURCE_COLUMNS)].values.tolist()
    return _csv([list(SOURCE_COLUMNS)] + [[neutralise(str(v)) for v in row] for row in rows])


def changes_csv(load: MeasuresLoad) -> bytes:
    rows = load.changes.sort_values(["date", "measure_id"])[list(CHANGE_COLUMNS)].values.tolist()
    return _csv([list(CHANGE_COLUMNS)] + [[neutralise(str(v)) for v in row] for row in rows])


def _linked(resource: dict, table) -> dict:
    """A resource about the measures: its fields from ``table`` and its link to them."""
    return {**resource, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": columns.frictionless_fields(table),
                       "foreignKeys": [{"fields": ["measure_id"], "reference": {"resource": "massnahmen", "fields": ["id"]}}]}}


def datapackage() -> dict:
    """The Frictionless data package that describes the published files."""
    measure_fields = [{"name": name, "type": kind} for name, kind in FIELDS]
    return {
        "name": "weiterbildungskarte",
        "title": "Landesmaßnahmen für die berufliche Weiterbildung",
        "licenses": [LICENCE],
        "sources": [{"title": ATTRIBUTION}],
        "resources": [
            {"name": "massnahmen", "path": "massnahmen.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "schema": {"fields": measure_fields, "primaryKey": ["id"]}},
            {"name": "massnahmen-json", "path": "massnahmen.json", "format": "json", "mediatype": "application/json",
             "encoding": "utf-8", "schema": {"fields": measure_fields, "primaryKey": ["id"]}},
            _linked({"name": "belege", "path": "belege.csv"}, columns.SOURCES),
            _linked({"name": "aenderungen", "path": "aenderungen.csv"}, columns.CHANGES),
        ],
    }


def fact_date(record: dict) -> str:
    """When a programme's facts last changed: its latest entry in data/changes.csv, else the
    newest date its sources state for those facts (never the day the whole file was checked)."""
    return record["changed"] or record["newest_source"] or record["checked"]


def atom_feed(load: MeasuresLoad, base_url: str) -> bytes:
    """An Atom feed of the programmes as a change log: each entry is dated by the day its facts
    last changed (``fact_date``), newest first, and says what changed; it links to the
    programme's permalink (?massnahme=<id>)."""
    atom = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", atom)

    def child(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{atom}}}{tag}", attributes)
        element.text = text
        return element

    newest = dict(zip(load.every_row["id"], load.every_row["newest_source"], strict=True))
    records = [{**r, "newest_source": min(filter(None, [newest.get(r["id"]), dt.date.fromisoformat(r["checked"])]))
                .isoformat()} for r in measure_records(load)]
    records.sort(key=lambda r: (fact_date(r), r["id"]), reverse=True)
    feed = ET.Element(f"{{{atom}}}feed")
    child(feed, "id", base_url + "/feed.xml")
    child(feed, "title", "Weiterbildungskarte: neue und geänderte Landesmaßnahmen")
    child(feed, "updated", (fact_date(records[0]) if records else "2026-01-01") + "T00:00:00Z")
    child(feed, "link", href=base_url + "/feed.xml", rel="self")
    child(feed, "link", href=base_url + "/")
    child(child(feed, "author"), "name", ATTRIBUTION)
    child(feed, "rights", LICENCE["title"])
    for record in records:
        entry = child(feed, "entry")
        # A Land's programme opens on the map; a federal instrument has its own page (pages.py).
        permalink = f"{base_url}/massnahme/{record['id']}" if record["ags"] == FEDERAL \
            else view_link(base_url, measure=record["id"])
        child(entry, "id", permalink)
        child(entry, "title", f"{record['title']} ({record['land']})")
        child(entry, "updated", fact_date(record) + "T00:00:00Z")
        child(entry, "link", href=permalink)
        what = f"Geändert am {record['changed']}: {record['change']} – " if record["changed"] else ""
        child(entry, "summary", what + record["summary"])
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def register_routes(server: Flask, store) -> None:
    """``/daten/massnahmen.csv|.json``, ``/daten/belege.csv``, ``/daten/aenderungen.csv``,
    ``/daten/datapackage.json``, ``/feed.xml``."""
    files = {
        "massnahmen.csv": (measures_csv, "text/csv; charset=utf-8"),
        "massnahmen.json": (measures_json, "application/json"),
        "belege.csv": (sources_csv, "text/csv; charset=utf-8"),
        "aenderungen.csv": (changes_csv, "text/csv; charset=utf-8"),
    }

    @server.route(f"{PREFIX}/<name>")
    def open_data(name: str):
        if name == "datapackage.json":
            return Response(json.dumps(datapackage(), ensure_ascii=False, indent=1), mimetype="application/json")
        if name not in files:
            return Response("Not found", status=404, mimetype="text/plain")
        build, mimetype = files[name]
        return Response(build(store()), content_type=mimetype,  # as given: Flask adds no second charset
                        headers={"Content-Disposition": f"inline; filename={name}"})

    @server.route(f"{EVIDENCE_PATH}<measure_id>.json")
    def evidence(measure_id: str):
        """One card's evidence, fetched when a person opens "Belege" (assets/app.js)."""
        load = store()
        lang = request.args.get("lang") if request.args.get("lang") in LANGUAGES else DEFAULT_LANGUAGE
        if not is_measure_id(measure_id) or not (load.every_row["id"] == measure_id).any():
            return Response("Not found", status=404, mimetype="text/plain")
        items = evidence_items(evidence_by_measure(load.sources).get(measure_id), lang)
        return Response(json.dumps(items, ensure_ascii=False), mimetype="application/json")

    @server.route("/feed.xml")
    def feed():
        return Response(atom_feed(store(), base_url()), mimetype="application/atom+xml")
