"""Pure figure builders: data in, plotly figure out. No Dash, no I/O, no global state."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb, sample_colorscale, unlabel_rgb

from dashboard.constants import LAENDER
from dashboard.i18n import translate
from dashboard.palette import PALETTE, pixels

# The map's blues, fonts and sizes come from the stylesheet (dashboard/palette.py).
COLORSCALE = [[step / 4, PALETTE[f"scale-{step}"]] for step in range(5)]
FONT = PALETTE["font"].replace('"', "'")
OUTLINE = {"normal": (PALETTE["paper"], 0.8), "selected": (PALETTE["accent"], 4.0)}
MAP_TRACE = 0


def scale_colour(share: float) -> str:
    """The colour of ``COLORSCALE`` at ``share`` (0-1) of its range, as "rgb(r, g, b)", for
    tables that should read like the map."""
    return sample_colorscale(COLORSCALE, [min(max(share, 0.0), 1.0)])[0]


def map_style(counts: pd.Series, lang: str, locations: Sequence[str]) -> dict:
    """The parts of the map that change with filters and language.

    Kept apart from the geometry so callbacks can send just these few values as a
    ``Patch`` instead of the whole figure with its borders."""
    values = [int(counts.get(ags, 0)) for ags in locations]
    zmax = max(max(values, default=0), 1)
    return {
        "z": values,
        "zmin": 0,
        "zmax": zmax,
        "colorscale": COLORSCALE,
        "showscale": True,
        "text": [""] * len(values),  # the alliance mode's words; none here
        "dtick": math.ceil(zmax / 8),  # whole numbers only: a count of 0.5 measures means nothing
        "hovertemplate": "<b>%{customdata[0]}</b><br>"
        + translate(lang, "hover_count")
        + ": %{z}<extra></extra>",
        "colorbar_title": translate(lang, "colorbar_title"),
    }


# Borders sent to the browser are rounded to 0.01° (at most 560 m off): they are simplified to
# 700 m already (scripts/build_laender.py), a pixel of the whole-Germany map is about 1.4 km on a
# laptop and 900 m on a full HD projector, and every digit saved is bytes on a phone network
# (8 KB of a first visit against 0.001°).
SCREEN_DECIMALS = 2


def screen_geojson(geojson: dict, decimals: int = SCREEN_DECIMALS) -> dict:
    """``geojson`` with every coordinate rounded to ``decimals`` (the file keeps its precision)."""
    def rounded(coordinates):
        if isinstance(coordinates, (int, float)):
            return round(coordinates, decimals)
        return [rounded(c) for c in coordinates]

    return {**geojson, "features": [
        {**feature, "geometry": {**feature["geometry"], "coordinates": rounded(feature["geometry"]["coordinates"])}}
        for feature in geojson["features"]
    ]}


def geojson_bounds(geojson: dict) -> tuple[float, float, float, float]:
    """(west, south, east, north) of all features, in degrees."""
    points = [point for feature in geojson["features"] for point in _points(feature["geometry"]["coordinates"])]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def _points(coordinates):
    if isinstance(coordinates[0], (int, float)):
        yield coordinates
    else:
        for part in coordinates:
            yield from _points(part)


def map_locations(geojson: dict) -> list[str]:
    """The AGS codes of the map's locations, in the order the figure draws them (see
    ``choropleth_figure``); colours and outlines are lists in this order."""
    return [feature["properties"]["ags"] for feature in geojson["features"]]


def outline_spec(locations: Sequence[str]) -> dict:
    """What the browser needs to outline the selected Länder itself (assets/app.js ("selection")):
    a click then highlights its Land without waiting for the server."""
    return {"locations": list(locations),
            **{kind: {"color": color, "width": width} for kind, (color, width) in OUTLINE.items()}}


def outline(selected: Sequence[str], locations: Sequence[str]) -> dict:
    """Line colours and widths per location: the selected Länder stand out."""
    chosen = set(selected)
    styles = [OUTLINE["selected" if ags in chosen else "normal"] for ags in locations]
    return {"color": [color for color, _ in styles], "width": [width for _, width in styles]}


def choropleth_figure(geojson: dict, counts: pd.Series, selected: Sequence[str] = (), lang: str = "de") -> go.Figure:
    """The map of the Länder, coloured by ``counts`` (indexed by AGS), ``selected`` outlined.

    Locations follow the order of ``geojson``'s features. plotly gives a click to the first
    location whose outline contains the point, so the features must come smallest first:
    then a click inside Berlin selects Berlin and not Brandenburg, which surrounds it."""
    locations = map_locations(geojson)
    style = map_style(counts, lang, locations)
    trace = go.Choropleth(
        geojson=screen_geojson(geojson),
        featureidkey="properties.ags",
        locations=locations,
        z=style["z"],
        zmin=style["zmin"],
        zmax=style["zmax"],
        showscale=style["showscale"],
        text=style["text"],
        customdata=[[LAENDER[ags].name, ags] for ags in locations],
        colorscale=style["colorscale"],
        marker={"line": outline(selected, locations)},
        hovertemplate=style["hovertemplate"],
        colorbar={
            "title": {"text": style["colorbar_title"], "font": {"size": 13}},
            "thickness": 14,
            "len": 0.6,
            "x": 0.98,
            "tickformat": "d",
            "dtick": style["dtick"],
        },
    )
    figure = go.Figure(trace)
    # The view is the Länder's bounding box, so the map fills its frame edge to edge (plotly's
    # fitbounds pads the data range like an axis). scope "europe" names plotly's smallest base
    # map, which is hidden and which assets/app.js declares loaded, so nothing is fetched.
    west, south, east, north = geojson_bounds(geojson)
    figure.update_geos(scope="europe", visible=False, projection_type="mercator", bgcolor="rgba(0,0,0,0)",
                       lonaxis_range=[west, east], lataxis_range=[south, north],
                       center={"lon": (west + east) / 2, "lat": (south + north) / 2})
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        font={"family": FONT, "size": pixels("map-text-size"), "color": PALETTE["ink"]},
        hoverlabel={"font": {"family": FONT, "size": pixels("map-hover-size")}},
        dragmode=False,  # a map that pans under a finger is worse than one that sits still
        uirevision="laender",  # keep the user's zoom when filters change
    )
    return figure


# The Länderbündnisse map mode: each Land by the state of its alliance for Aus- und
# Weiterbildung, in steps of lightness (readable without colour vision and in greyscale).
ALLIANCE_CLASSES = ("confirmed", "unconfirmed", "ended", "none")
ALLIANCE_COLOURS = (PALETTE["scale-4"], PALETTE["scale-2"], PALETTE["no-alliance-recorded"], PALETTE["paper"])


def alliance_style(classes: dict[str, str], lang: str, locations: Sequence[str]) -> dict:
    """The map's colours for the Länderbündnisse mode: ``classes`` maps AGS -> one of
    ALLIANCE_CLASSES; the hover says it in words (the legend under the map too)."""
    return classes_style([ALLIANCE_CLASSES.index(classes.get(ags, "none")) for ags in locations], ALLIANCE_COLOURS,
                         [translate(lang, f"alliance.{classes.get(ags, 'none')}") for ags in locations])


def stepped_scale(colours: Sequence[str]) -> list:
    """A colour scale where the whole number i (0 … len - 1) gets ``colours[i]``: each class's
    flat band reaches halfway to its neighbours."""
    last = max(len(colours) - 1, 1)
    edges = [0.0, *[(index + 0.5) / last for index in range(last)], 1.0]
    return [[edge, colour] for index, colour in enumerate(colours) for edge in edges[index:index + 2]]


def classes_style(z: Sequence[int], colours: Sequence[str], texts: Sequence[str]) -> dict:
    """A map style (as ``map_style``) that paints class ``z[i]`` of each location in ``colours``,
    with ``texts`` as the hover's words; no colour bar (the legend under the map says it)."""
    return {
        "z": list(z),
        "zmin": 0,
        "zmax": max(len(colours) - 1, 1),
        "colorscale": stepped_scale(colours),
        "showscale": False,
        "text": list(texts),
        "dtick": 1,
        "hovertemplate": "<b>%{customdata[0]}</b><br>%{text}<extra></extra>",
        "colorbar_title": "",
    }


# The figure maps (landfigures.py): a Land's figure in the map's blues, lighter for less; a
# Land whose programme names no figure, and one without such a programme, each in its own grey.
FIGURE_NOT_STATED, FIGURE_ABSENT = PALETTE["canvas"], PALETTE["no-alliance-recorded"]
LIGHTEST_FIGURE = 0.25  # the lowest figure is not as pale as "nothing"


def figure_colour(value: float | None, low: float, high: float, kind: str) -> str:
    if kind == "absent":
        return FIGURE_ABSENT
    if kind == "not_stated" or value is None:
        return FIGURE_NOT_STATED
    share = 0.75 if high <= low else LIGHTEST_FIGURE + (1 - LIGHTEST_FIGURE) * (value - low) / (high - low)
    return scale_colour(share)


def figure_style(kinds: Sequence[str], values: Sequence[float | None], texts: Sequence[str]) -> dict:
    """The style of a figure map: each location its own colour from its figure (``figure_colour``)."""
    present = [v for k, v in zip(kinds, values, strict=True) if k == "value"]
    low, high = (min(present), max(present)) if present else (0.0, 0.0)
    colours = [figure_colour(v, low, high, k) for k, v in zip(kinds, values, strict=True)]
    return classes_style(range(len(colours)), colours, texts)


def style_colours(style: dict) -> list[str]:
    """The colour of every location under ``map_style`` or ``alliance_style``, as plotly draws it
    (each value's place between zmin and zmax on the colour scale): the server's SVG map
    (dashboard/svgmap.py) is painted with these."""
    span = (style["zmax"] - style["zmin"]) or 1
    # In RGB triples: plotly's sample_colorscale leaves "#rrggbb" stops as strings and fails on
    # the stepped scale of the alliance mode (two stops at one place).
    stops = [(position, hex_to_rgb(colour) if colour.startswith("#") else unlabel_rgb(colour))
             for position, colour in style["colorscale"]]
    return [_colour_at(stops, min(max((z - style["zmin"]) / span, 0.0), 1.0)) for z in style["z"]]


def _colour_at(stops: list, share: float) -> str:
    """The colour at ``share`` of a scale of (position, (r, g, b)) stops, interpolated as plotly does."""
    for (low, low_rgb), (high, high_rgb) in zip(stops, stops[1:], strict=False):
        if low <= share <= high:
            t = (share - low) / (high - low) if high > low else 0.0
            return "rgb({}, {}, {})".format(*(round(a + (b - a) * t) for a, b in zip(low_rgb, high_rgb, strict=True)))
    return "rgb({}, {}, {})".format(*(round(c) for c in stops[-1][1]))


def map_style_patch(patch, style: dict):
    """Apply ``map_style`` or ``alliance_style`` output to a ``dash.Patch`` (or any dict-like)
    of the map figure."""
    trace = patch["data"][MAP_TRACE]
    for key in ("z", "zmin", "zmax", "colorscale", "showscale", "text"):
        trace[key] = style[key]
    trace["colorbar"]["dtick"] = style["dtick"]
    trace["hovertemplate"] = style["hovertemplate"]
    trace["colorbar"]["title"]["text"] = style["colorbar_title"]
    return patch
