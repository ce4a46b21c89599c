"""The committed borders file: 16 valid Länder, land only, small enough to send."""

import json

import shapely
from shapely.geometry import Point, shape

from dashboard.constants import LAENDER
from dashboard.data import GEOJSON_PATH, load_geojson

MAX_BYTES = 300_000


def features():
    return json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))["features"]


def test_sixteen_unique_states_with_official_codes_and_names():
    props = [f["properties"] for f in features()]
    assert sorted(p["ags"] for p in props) == sorted(LAENDER)
    for p in props:
        assert p["name"] == LAENDER[p["ags"]].name
        assert p["iso"] == LAENDER[p["ags"]].iso


def test_polygons_are_valid_and_in_germany():
    for feature in features():
        geometry = shape(feature["geometry"])
        assert geometry.geom_type in {"Polygon", "MultiPolygon"}
        assert geometry.is_valid, feature["properties"]["name"]
        minx, miny, maxx, maxy = geometry.bounds
        assert 5.8 < minx and maxx < 15.1 and 47.2 < miny and maxy < 55.1  # WGS84 lon/lat


def test_file_is_small():
    assert GEOJSON_PATH.stat().st_size <= MAX_BYTES


def test_land_only_no_lake_constance_and_no_overlaps():
    geometries = {f["properties"]["ags"]: shape(f["geometry"]) for f in features()}
    assert not geometries["08"].contains(Point(9.35, 47.62))  # Bodensee, off Friedrichshafen
    assert not geometries["01"].contains(Point(8.3, 54.45))  # North Sea between the islands
    union_area = shapely.union_all(list(geometries.values())).area
    assert abs(sum(g.area for g in geometries.values()) - union_area) < 1e-6


def test_city_states_and_islands_survive_simplification():
    geometries = {f["properties"]["ags"]: shape(f["geometry"]) for f in features()}
    assert len(geometries["04"].geoms) == 2  # Bremen and Bremerhaven
    assert geometries["04"].contains(Point(8.80, 53.08))  # Bremen city
    assert geometries["04"].contains(Point(8.59, 53.55))  # Bremerhaven
    assert geometries["11"].contains(Point(13.40, 52.52))  # Berlin Mitte
    assert not geometries["12"].contains(Point(13.40, 52.52))  # Brandenburg has a hole there
    assert geometries["02"].contains(Point(9.99, 53.55))  # Hamburg
    assert geometries["01"].contains(Point(8.33, 54.90))  # Sylt
    assert geometries["13"].contains(Point(13.4, 54.45))  # Rügen
    assert geometries["03"].contains(Point(7.20, 53.71))  # Norderney


def test_loader_orders_small_lands_first_for_hit_testing():
    order = [f["properties"]["ags"] for f in load_geojson()["features"]]
    for enclosed, encloser in (("11", "12"), ("04", "03"), ("02", "01"), ("02", "03")):
        assert order.index(enclosed) < order.index(encloser)
