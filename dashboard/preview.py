"""The preview image of a Land for link previews (OpenGraph, 1200 × 630 PNG): Germany's Länder
in outline, the Land filled in the map's blue, its name and how many programmes run there.
Drawn as SVG from the borders as the server's map projects them (``svgmap.project``) and
rendered by resvg (no browser, no network)."""

from __future__ import annotations

from xml.sax.saxutils import escape

import resvg_py

from dashboard.constants import FEDERAL
from dashboard.palette import PALETTE
from dashboard.svgmap import ProjectedMap

WIDTH, HEIGHT = 1200, 630
MAP_BOX = (40, 25, 560, 580)  # x, y, width, height of the map on the image


def preview_svg(projected: ProjectedMap, ags: str, name: str, line: str, site: str) -> str:
    x0, y0, box_width, box_height = MAP_BOX
    scale = min(box_width / projected.width, box_height / projected.height)
    def chosen(code: str) -> bool:  # the Land, or all of them for a federal instrument
        return code == ags or ags == FEDERAL

    lands = "".join(f'<path d="{d}" fill="{PALETTE["scale-4"] if chosen(code) else PALETTE["scale-0"]}" '
                    f'stroke="{PALETTE["paper"] if chosen(code) else PALETTE["scale-2"]}" stroke-width="{1.5 / scale:.2f}" '
                    'fill-rule="evenodd"/>'
                    for code, d in sorted(projected.paths.items(), key=lambda item: chosen(item[0])))
    lands = f'<g transform="translate({x0} {y0}) scale({scale:.4f})">{lands}</g>'
    size = 64 if len(name) <= 14 else 48
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PALETTE["paper"]}"/>{lands}'
            f'<g font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" fill="{PALETTE["ink"]}">'
            f'<text x="640" y="250" font-size="{size}" font-weight="bold" fill="{PALETTE["brand"]}">{escape(name)}</text>'
            f'<text x="640" y="330" font-size="34">{escape(line)}</text>'
            f'<text x="640" y="560" font-size="26" fill="{PALETTE["muted"]}">{escape(site)}</text></g></svg>')


def preview_png(projected: ProjectedMap, ags: str, name: str, line: str, site: str) -> bytes:
    """The image as PNG bytes (70-80 KB: flat colours compress well; link previews take up to 100 KB)."""
    return bytes(resvg_py.svg_to_bytes(svg_string=preview_svg(projected, ags, name, line, site)))
