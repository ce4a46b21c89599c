"""The preview image of a Land for link previews (OpenGraph, 1200 × 630 PNG): Germany's Länder
in outline, the Land filled in the map's blue, its name and how many programmes run there.
Drawn as SVG from the borders and rendered by resvg (no browser, no network)."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

import resvg_py
from shapely.geometry import shape

from dashboard.palette import PALETTE

WIDTH, HEIGHT = 1200, 630
MAP_BOX = (40, 25, 560, 580)  # x, y, width, height of the map on the image
LATITUDE = 51.0  # Germany's middle: longitudes shrink by its cosine, as on the map


def _rings(geometry) -> list:
    polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    return [ring for polygon in polygons for ring in (polygon.exterior, *polygon.interiors)]


def map_paths(geojson: dict) -> dict[str, str]:
    """AGS -> an SVG path of the Land, all Länder fitted together into ``MAP_BOX``."""
    shapes = {f["properties"]["ags"]: shape(f["geometry"]) for f in geojson["features"]}
    west, south, east, north = (min(s.bounds[0] for s in shapes.values()), min(s.bounds[1] for s in shapes.values()),
                                max(s.bounds[2] for s in shapes.values()), max(s.bounds[3] for s in shapes.values()))
    squeeze = math.cos(math.radians(LATITUDE))
    x0, y0, box_width, box_height = MAP_BOX
    scale = min(box_width / ((east - west) * squeeze), box_height / (north - south))

    def point(lon: float, lat: float) -> str:
        return f"{x0 + (lon - west) * squeeze * scale:.1f},{y0 + (north - lat) * scale:.1f}"

    return {ags: " ".join("M" + " L".join(point(*xy) for xy in ring.coords) + " Z" for ring in _rings(geometry))
            for ags, geometry in shapes.items()}


def preview_svg(paths: dict[str, str], ags: str, name: str, line: str, site: str) -> str:
    lands = "".join(f'<path d="{d}" fill="{PALETTE["scale-4"] if code == ags else PALETTE["scale-0"]}" '
                    f'stroke="{PALETTE["paper"] if code == ags else PALETTE["scale-2"]}" stroke-width="1.5"/>'
                    for code, d in sorted(paths.items(), key=lambda item: item[0] == ags))
    size = 64 if len(name) <= 14 else 48
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PALETTE["paper"]}"/>{lands}'
            f'<g font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" fill="{PALETTE["ink"]}">'
            f'<text x="640" y="250" font-size="{size}" font-weight="bold" fill="{PALETTE["brand"]}">{escape(name)}</text>'
            f'<text x="640" y="330" font-size="34">{escape(line)}</text>'
            f'<text x="640" y="560" font-size="26" fill="{PALETTE["muted"]}">{escape(site)}</text></g></svg>')


def preview_png(paths: dict[str, str], ags: str, name: str, line: str, site: str) -> bytes:
    """The image as PNG bytes (about 30 KB: flat colours compress well)."""
    return bytes(resvg_py.svg_to_bytes(svg_string=preview_svg(paths, ags, name, line, site)))
