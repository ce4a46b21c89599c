"""The map of the Länder as an SVG, drawn by the server: for the page's first view (before any
script runs, and for browsers without JavaScript) and for the link-preview images.

The projection is the interactive map's (``figures.choropleth_figure``: Mercator over the
Länder's bounding box, fitted into its frame), so when plotly's map replaces this one the
Länder stay where they were. Coordinates are whole units of a 400-unit-high frame, written
relative to the point before: about a pixel of a laptop's map (the first view is replaced by
plotly's map seconds later), and few bytes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import shapely
from markupsafe import Markup
from shapely.geometry import shape

FRAME_HEIGHT = 400  # units of the SVG's viewBox: about a pixel of a laptop's map


def mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@dataclass(frozen=True)
class ProjectedMap:
    """Every Land's outline as SVG path data, in a viewBox of ``width`` × ``height`` units."""

    paths: dict[str, str]
    width: int
    height: int


def _rings(geometry) -> list:
    polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    return [ring for polygon in polygons for ring in (polygon.exterior, *polygon.interiors)]


def _path(rings, point) -> str:
    """Rings as "M x y l dx dy …z", each point relative to the one before (zero steps dropped)."""
    parts = []
    for ring in rings:
        points = [point(*xy[:2]) for xy in ring.coords[:-1]]
        if len(set(points)) < 3:  # an islet smaller than a unit: nothing to draw
            continue
        steps = [f"{x - px} {y - py}" for (px, py), (x, y) in zip(points, points[1:], strict=False) if (x, y) != (px, py)]
        parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(steps) + "z")
    return "".join(parts)


def project(geojson: dict, frame_height: int = FRAME_HEIGHT) -> ProjectedMap:
    """The Länder of ``geojson`` (AGS in ``properties.ags``) in Mercator, north up, simplified
    together (``shapely.coverage_simplify``: neighbours keep one shared border) to about a unit."""
    codes = [f["properties"]["ags"] for f in geojson["features"]]
    geometries = [shape(f["geometry"]) for f in geojson["features"]]
    west, south, east, north = shapely.total_bounds(geometries)
    shapes = dict(zip(codes, shapely.coverage_simplify(geometries, (north - south) / frame_height), strict=True))
    top, bottom = mercator_y(north), mercator_y(south)
    scale = frame_height / (top - bottom)

    def point(lon: float, lat: float) -> tuple[int, int]:
        return round(math.radians(lon - west) * scale), round((top - mercator_y(lat)) * scale)

    return ProjectedMap(paths={ags: _path(_rings(geometry), point) for ags, geometry in shapes.items()},
                        width=round(math.radians(east - west) * scale), height=frame_height)


@dataclass(frozen=True)
class Land:
    """One Land as the map shows it: its fill, where a click on it leads, and what it is called
    (the link's accessible name and tooltip)."""

    ags: str
    fill: str
    href: str
    label: str


def map_svg(projected: ProjectedMap, lands: Sequence[Land], selected: Sequence[str], outline: Mapping[str, tuple],
            label: str, **attributes) -> Markup:
    """The map: every Land a link, the ``selected`` ones outlined and drawn last (on top).
    ``outline``: ``figures.OUTLINE``, (colour, width) for "normal" and "selected"."""
    (normal_colour, normal_width), (chosen_colour, chosen_width) = outline["normal"], outline["selected"]
    style = (f".land path{{stroke:{normal_colour};stroke-width:{normal_width}px;vector-effect:non-scaling-stroke;"
             "fill-rule:evenodd}"
             f".land.selected path{{stroke:{chosen_colour};stroke-width:{chosen_width}px}}")
    ordered = sorted(lands, key=lambda land: land.ags in selected)
    links = Markup("").join(
        Markup('<a class="land{}" href="{}" data-ags="{}" aria-label="{}"><title>{}</title>'
               '<path d="{}" fill="{}"/></a>').format(
            " selected" if land.ags in selected else "", land.href, land.ags, land.label, land.label,
            projected.paths[land.ags], land.fill)
        for land in ordered)
    extra = Markup("").join(Markup(' {}="{}"').format(name.rstrip("_").replace("_", "-"), value)
                            for name, value in attributes.items())
    return Markup('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="group" aria-label="{}"{}>'
                  "<style>{}</style>{}</svg>").format(projected.width, projected.height, label, extra, style, links)
