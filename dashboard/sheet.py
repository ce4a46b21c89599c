"""A printable one-page sheet per Land, for presenters and counsellors: ``/blatt/<code>``.

The Land's outline, its running programmes in brief, the date, the attribution, and a QR code
that leads back to the same view in the dashboard. A plain HTML page with a print stylesheet
(A4, one page), no script; Jinja2 escapes every value, so data stays text.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import segno
from flask import Flask, Response, render_template_string, request
from markupsafe import Markup
from shapely.geometry import shape

from dashboard.site import base_url
from dashboard.constants import AGS_BY_SHORT, DEFAULT_LANGUAGE, LAENDER, LANGUAGES
from dashboard.i18n import translate
from dashboard.landfigures import FIGURE_MAPS, figure_words, land_figures
from dashboard.palette import PALETTE
from dashboard.formatting import format_date, localized, safe_url
from dashboard.query import Filters, measures_for_lands
from dashboard.state import view_link

MAX_PROGRAMMES = 7  # what fits on one page in brief, with the figures and the footer; the rest is a QR code away
BRIEF = 130  # characters of a summary on the sheet: its first sentence, at most this long

PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<title>{{ heading }}</title>
<style>
  @page { size: A4; margin: 14mm; }
  body { font-family: {{ font }}; color: #000; margin: 0; font-size: 9.5pt; }
  header { display: grid; grid-template-columns: 1fr 38mm; gap: 6mm; align-items: start; border-bottom: 2px solid {{ brand }}; padding-bottom: 3mm; }
  h1 { font-size: 20pt; margin: 0 0 1mm; color: {{ brand }}; }
  .meta { margin: 0; color: #333; }
  .outline { width: 38mm; height: 38mm; }
  .outline path { fill: {{ light }}; stroke: {{ brand }}; stroke-width: 1.5; vector-effect: non-scaling-stroke; }
  ol { padding-left: 5mm; margin: 4mm 0; }
  li { margin-bottom: 1.8mm; break-inside: avoid; }
  li strong { display: block; }
  .detail { color: #222; }
  .url { color: {{ brand }}; font-size: 8.5pt; overflow-wrap: anywhere; }
  footer { display: grid; grid-template-columns: 1fr 30mm; gap: 6mm; align-items: end; border-top: 1px solid #999; padding-top: 3mm; font-size: 8.5pt; color: #333; }
  .qr svg { width: 30mm; height: 30mm; }
  .more { font-style: italic; }
</style>
</head>
<body>
<header>
  <div>
    <h1>{{ heading }}</h1>
    <p class="meta">{{ as_of }}</p>
  </div>
  <svg class="outline" viewBox="{{ viewbox }}" role="img" aria-label="{{ land }}"><path d="{{ path }}"/></svg>
</header>
{% if figures %}<p class="figures">{% for label, words in figures %}<strong>{{ label }}:</strong> {{ words }}{% if not loop.last %} · {% endif %}{% endfor %}</p>{% endif %}
{% if programmes %}
<ol>
{% for p in programmes %}
  <li><strong>{{ p.title }}</strong>
    <span class="detail">{{ p.summary }}</span>{% if p.funding %} <span class="detail">– {{ p.funding }}</span>{% endif %}
    {% if p.url %}<br><span class="url">{{ p.url }}</span>{% endif %}</li>
{% endfor %}
</ol>
{% if more %}<p class="more">{{ more }}</p>{% endif %}
{% else %}
<p>{{ none }}</p>
{% endif %}
<footer>
  <div><p>{{ qr_hint }}<br><span class="url">{{ link }}</span></p><p>{{ attribution_geo }}<br>{{ attribution_data }}<br>
    {% for href, label in legal %}{{ label }}: <span class="url">{{ href }}</span>{% if not loop.last %} · {% endif %}{% endfor %}</p></div>
  <div class="qr">{{ qr }}</div>
</footer>
</body>
</html>"""


def outline_path(geometry: dict, size: float = 100.0) -> tuple[str, str]:
    """An SVG path of a GeoJSON (Multi)Polygon in a ``size``-wide box, north up, longitudes
    scaled by the cosine of the middle latitude (so the Land keeps its shape); and its viewBox."""
    shapely_geometry = shape(geometry)
    west, south, east, north = shapely_geometry.bounds
    squeeze = math.cos(math.radians((south + north) / 2))
    width, height = (east - west) * squeeze, north - south
    scale = size / max(width, height)
    polygons = getattr(shapely_geometry, "geoms", [shapely_geometry])
    rings = [ring for polygon in polygons for ring in (polygon.exterior, *polygon.interiors)]
    path = " ".join(
        "M" + " L".join(f"{(x - west) * squeeze * scale:.1f},{(north - y) * scale:.1f}" for x, y in ring.coords) + " Z"
        for ring in rings)
    return path, f"0 0 {width * scale:.1f} {height * scale:.1f}"


def brief(text: str, length: int = BRIEF) -> str:
    """The first sentence of a text, cut at a word before ``length`` characters."""
    first = text.split(". ")[0].rstrip(".") + "."
    if len(first) <= length:
        return first
    return first[:length].rsplit(" ", 1)[0] + " …"


def sheet_html(ags: str, measures: pd.DataFrame, geojson: dict, lang: str, link: str, today: dt.date | None = None) -> str:
    """The sheet of one Land: ``measures`` are its running ones in display order."""
    today = today or dt.date.today()
    feature = next(f for f in geojson["features"] if f["properties"]["ags"] == ags)
    path, viewbox = outline_path(feature["geometry"])
    programmes = [{"title": localized(row, "title", lang), "summary": brief(localized(row, "summary", lang)),
                   "funding": brief(localized(row, "funding", lang), 90) if row["funding"] else "",
                   "url": safe_url(row["url"])}
                  for _, row in measures.head(MAX_PROGRAMMES).iterrows()]
    more = len(measures) - len(programmes)
    qr = segno.make(link, error="m").svg_inline(scale=3, border=0)
    # The Land's figures as the figure maps compare them (landfigures.FIGURE_MAPS).
    figures = [(translate(lang, f"map_mode.{mode}"),
                figure_words(land_figures(measures, figure)[ags], figure.unit, figure.absent, lang))
               for mode, figure in FIGURE_MAPS.items()]
    return render_template_string(
        PAGE, lang=lang, land=LAENDER[ags].name, heading=translate(lang, "sheet_heading", land=LAENDER[ags].name),
        as_of=translate(lang, "sheet_as_of", date=format_date(today, lang), count=len(measures)),
        viewbox=viewbox, path=path, programmes=programmes, figures=figures,
        more=translate(lang, "sheet_more", count=more) if more > 0 else "",
        none=translate(lang, "no_measures", land=LAENDER[ags].name), qr=Markup(qr), link=link,
        qr_hint=translate(lang, "sheet_qr_hint"), attribution_geo=translate(lang, "attribution_geo"),
        attribution_data=translate(lang, "attribution_data"),
        # the statement and the Impressum, as addresses (a printed page has no links)
        legal=[(f"{link.split('/?')[0].rstrip('/')}/{page}", translate(lang, f"legal.{page}"))
               for page in ("barrierefreiheit", "impressum")],
        # the map's palette and font, from the stylesheet (dashboard/palette.py)
        brand=PALETTE["brand"], light=PALETTE["scale-1"], font=Markup(PALETTE["font"]))


def register_routes(server: Flask, geojson: dict, store) -> None:
    @server.route("/blatt/<code>")
    def land_sheet(code: str):
        ags = AGS_BY_SHORT.get(code.upper())
        if ags is None:
            return Response("Not found", status=404, mimetype="text/plain")
        lang = request.args.get("lang") if request.args.get("lang") in LANGUAGES else DEFAULT_LANGUAGE
        running = measures_for_lands(store().matching(Filters()), (ags,))
        link = view_link(base_url(), lands=(ags,), lang=lang)
        return Response(sheet_html(ags, running, geojson, lang, link), mimetype="text/html")
