"""Pages for the open web, drawn by the server as plain HTML: one per Land (``/land/<code>``) and
one per programme (``/massnahme/<id>``), readable without JavaScript by people, search engines
and link previews. Each has its title and description, a canonical link and its German and
English alternates, OpenGraph and Twitter tags with a preview image (``/vorschau/<code>.png``)
and schema.org JSON-LD. Also ``/robots.txt``, ``/sitemap.xml`` (every page, dated by the data)
and a 404 page with a way home for any path the site does not have.

All data is escaped by the template engine; links only for http(s) URLs (``safe_url``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import xml.etree.ElementTree as ET

import pandas as pd
from flask import Flask, Response, render_template_string, request
from markupsafe import Markup

from dashboard.constants import AGS_BY_SHORT, DEFAULT_LANGUAGE, FEDERAL, LAENDER, LANGUAGES, LEGAL_PAGES
from dashboard.formatting import area_name, localized, safe_url
from dashboard.i18n import translate
from dashboard.panels.cards import card_data
from dashboard.preview import preview_png
from dashboard.query import measures_for_lands
from dashboard.site import base_url
from dashboard.state import is_measure_id, land_code, view_link
from dashboard.svgmap import project

SITE = "Weiterbildungskarte"
DESCRIPTION_LENGTH = 160  # what search results show of a description
# The paths this site answers; anything else gets the 404 page (Dash would answer any path
# with the dashboard and status 200). Dash's /_reload-hash serves its hot reload, a development
# tool: a 404 here.
KNOWN_PREFIXES = ("/_dash-", "/_favicon", "/assets/", "/daten/", "/blatt/", "/land/", "/massnahme/",
                  "/vorschau/")
KNOWN_PATHS = ("/", "/feed.xml", "/healthz", "/robots.txt", "/sitemap.xml", *(f"/{page}" for page in LEGAL_PAGES))

PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<meta name="description" content="{{ description }}">
<link rel="canonical" href="{{ canonical }}">
{% for code, href in alternates %}<link rel="alternate" hreflang="{{ code }}" href="{{ href }}">
{% endfor %}<meta property="og:type" content="website">
<meta property="og:site_name" content="{{ site }}">
<meta property="og:title" content="{{ title }}">
<meta property="og:description" content="{{ description }}">
<meta property="og:url" content="{{ canonical }}">
<meta property="og:locale" content="{{ 'de_DE' if lang == 'de' else 'en_GB' }}">
<meta property="og:image" content="{{ image }}">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="{{ title }}">
<meta name="twitter:description" content="{{ description }}">
<meta name="twitter:image" content="{{ image }}">
<script type="application/ld+json">{{ json_ld }}</script>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1f24; margin: 0;
         line-height: 1.5; background: #f3f5f8; }
  header, main, footer { max-width: 52rem; margin: 0 auto; padding: 1rem; }
  header { background: #08306b; color: #fff; max-width: none; }
  header a { color: #fff; }
  .open-map { display: inline-block; margin: .5rem 0; padding: .6rem 1rem; background: #fff; color: #08306b;
              font-weight: 600; border-radius: 8px; text-decoration: none; }
  article { background: #fff; border: 1px solid #d5dbe3; border-radius: 10px; padding: 1rem; margin: 0 0 1rem; }
  dt { font-weight: 600; } dd { margin: 0 0 .4rem; }
  .ended { border-left: 6px solid #b35c00; padding-left: .8rem; font-weight: 600; }
  .continuation { color: #1b4d1e; } .flag { color: #5c3000; }
  a { color: #08306b; }
</style>
</head>
<body>
<header>
  <p><a href="{{ home }}">{{ site }}</a></p>
  <h1>{{ heading }}</h1>
  <p>{{ intro }}</p>
  <a class="open-map" href="{{ map_link }}">{{ open_map }}</a>
</header>
<main>
{% if ended_notice %}<p class="ended" role="note">{{ ended_notice }}</p>{% endif %}
{% for group in groups %}
{% if group.heading %}<h2>{{ group.heading }}</h2>{% endif %}
{% for card in group.cards %}
<article id="{{ card.id }}">
  <h2><a href="{{ card.page }}">{{ card.title }}</a></h2>
  {% if card.continuation %}<p class="continuation">{{ card.continuation }}</p>{% endif %}
  {% if card.stale %}<p class="flag">{{ card.stale }}</p>{% endif %}
  <dl>{% for label, value in card.fields %}<dt>{{ label }}</dt><dd>{{ value }}</dd>{% endfor %}</dl>
  {% if card.note %}<p>{{ card.note }}</p>{% endif %}
  {% if card.url %}<p><a href="{{ card.url }}" rel="noopener">{{ official }}</a></p>{% endif %}
</article>
{% endfor %}
{% endfor %}
</main>
<footer>
  <p>{{ attribution_data }}</p>
  <p>{{ attribution_geo }}</p>
  <p>{% for code, name, href in lands %}<a href="{{ href }}">{{ name }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</p>
  <p>{% for href, label in legal %}<a href="{{ href }}">{{ label }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</p>
</footer>
</body>
</html>
"""


def page_lang() -> str:
    lang = request.args.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _json_ld(data: dict) -> Markup:
    # Inside <script> nothing may look like markup: "<", ">" and "&" as JSON's \u escapes.
    text = json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _brief(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= DESCRIPTION_LENGTH else text[:DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + " …"


def _with_lang(url: str, lang: str) -> str:
    return url if lang == DEFAULT_LANGUAGE else f"{url}?lang={lang}"


def measure_path(measure_id: str) -> str:
    return f"/massnahme/{measure_id}"


def land_path(ags: str) -> str:
    return f"/land/{land_code(ags)}"


def service_json_ld(row, lang: str, base: str) -> dict:
    """schema.org's GovernmentService for one programme."""
    data = {"@context": "https://schema.org", "@type": "GovernmentService",
            "name": localized(row, "title", lang), "description": localized(row, "summary", lang),
            "url": base + measure_path(row["id"]), "serviceType": translate(lang, f"category.{row['category']}"),
            "areaServed": {"@type": "Country", "name": "Deutschland"} if row["ags"] == FEDERAL
            else {"@type": "State", "name": LAENDER[row["ags"]].name}}
    if row["provider"]:
        data["provider"] = {"@type": "GovernmentOrganization", "name": row["provider"]}
    if safe_url(row["url"]):
        data["sameAs"] = row["url"]
    return data


def _card(row, lang: str, base: str) -> dict:
    """The dashboard's card data (``panels.cards.card_data``), with the programme's own page."""
    return {**card_data(row, lang), "page": base + measure_path(row["id"])}


FEDERAL_PREVIEW = "DE"  # /vorschau/DE.png: all of Germany, for the federal instruments' pages


def preview_code(ags: str) -> str:
    return FEDERAL_PREVIEW if ags == FEDERAL else land_code(ags)


def _common(lang: str, base: str, path: str, ags: str) -> dict:
    return {"lang": lang, "site": SITE, "home": base + "/", "canonical": base + _with_lang(path, lang),
            "alternates": [("de", base + path), ("en", base + path + "?lang=en"), ("x-default", base + path)],
            "image": f"{base}/vorschau/{preview_code(ags)}.png", "official": translate(lang, "link_official"),
            "open_map": translate(lang, "page_open_map"),
            "attribution_data": translate(lang, "attribution_data"), "attribution_geo": translate(lang, "attribution_geo"),
            "lands": [(code, land.name, base + _with_lang(land_path(code), lang)) for code, land in
                      sorted(LAENDER.items(), key=lambda item: item[1].name)],
            "legal": [(base + _with_lang(f"/{page}", lang), translate(lang, f"legal.{page}")) for page in LEGAL_PAGES]}


def land_page(ags: str, measures: pd.DataFrame, lang: str, base: str, federal: pd.DataFrame | None = None) -> str:
    """A Land's programmes: the running ones, then those that ended or are planned, then the
    running federal instruments that apply there too ("bundesweit gilt außerdem")."""
    name = LAENDER[ags].name
    ordered = measures_for_lands(measures, (ags,))
    running = ordered.loc[ordered["status"] == "running"]
    others = ordered.loc[ordered["status"] != "running"]
    titles = ", ".join(localized(row, "title", lang) for _, row in running.head(4).iterrows())
    description = _brief(translate(lang, "page_land_description", land=name, count=len(running), titles=titles))
    json_ld = {"@context": "https://schema.org", "@type": "ItemList", "name": translate(lang, "measures_heading", land=name),
               "itemListElement": [{"@type": "ListItem", "position": i + 1, "item": service_json_ld(row, lang, base)}
                                   for i, (_, row) in enumerate(running.iterrows())]}
    groups = [{"heading": "", "cards": [_card(row, lang, base) for _, row in running.iterrows()]}]
    if not others.empty:
        groups.append({"heading": translate(lang, "page_other_programmes"),
                       "cards": [_card(row, lang, base) for _, row in others.iterrows()]})
    nationwide = federal.loc[federal["status"] == "running"] if federal is not None else running.iloc[0:0]
    if not nationwide.empty:
        groups.append({"heading": translate(lang, "federal_heading"),
                       "cards": [_card(row, lang, base) for _, row in nationwide.sort_values("title").iterrows()]})
    return render_template_string(
        PAGE, **_common(lang, base, land_path(ags), ags), title=translate(lang, "page_land_title", land=name,
                                                                            count=len(running)),
        description=description, json_ld=_json_ld(json_ld), heading=translate(lang, "measures_heading", land=name),
        intro=translate(lang, "page_land_intro", count=len(running)), ended_notice="",
        map_link=view_link(base, lands=(ags,), lang=lang), groups=groups)


def measure_page(row, lang: str, base: str) -> str:
    """One programme; an ended one says so first (its page stays for links in the wild)."""
    name = area_name(row["ags"], lang)
    title = localized(row, "title", lang)
    ended = translate(lang, "page_ended", status=translate(lang, f"status.{row['status']}")) \
        if row["status"] != "running" else ""
    federal = row["ags"] == FEDERAL  # a federal instrument: no Land to open on the map
    return render_template_string(
        PAGE, **_common(lang, base, measure_path(row["id"]), row["ags"]), title=f"{title} – {name} | {SITE}",
        description=_brief(localized(row, "summary", lang)), json_ld=_json_ld(service_json_ld(row, lang, base)),
        heading=title, intro=translate(lang, "page_federal_intro" if federal else "page_measure_intro", land=name),
        ended_notice=ended, map_link=view_link(base, lang=lang) if federal else view_link(base, measure=row["id"], lang=lang),
        groups=[{"heading": "", "cards": [_card(row, lang, base)]}])


def sitemap(measures: pd.DataFrame, base: str, today: dt.date | None = None) -> bytes:
    """Every page, in both languages, with the date its content last changed."""
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    ET.register_namespace("", ns)
    urlset = ET.Element(f"{{{ns}}}urlset")

    def add(path: str, lastmod: dt.date) -> None:
        url = ET.SubElement(urlset, f"{{{ns}}}url")
        ET.SubElement(url, f"{{{ns}}}loc").text = base + path
        ET.SubElement(url, f"{{{ns}}}lastmod").text = lastmod.isoformat()

    days = [(row["id"], row["ags"], max(filter(None, [row.get("changed"), row["checked"]])))
            for _, row in measures.iterrows()]
    newest = max((day for _, _, day in days), default=today or dt.date.today())
    add("/", newest)
    for page in LEGAL_PAGES:
        add(f"/{page}", newest)
    for ags in LAENDER:
        add(land_path(ags), max((day for _, land, day in days if land == ags), default=newest))
    for mid, _, day in sorted(days):
        add(measure_path(mid), day)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)


def robots(base: str) -> str:
    return "User-agent: *\nAllow: /\nDisallow: /_dash-\nDisallow: /blatt/\n\nSitemap: " + base + "/sitemap.xml\n"


def not_found_page(lang: str, base: str) -> str:
    home = translate(lang, "page_not_found_home")
    return render_template_string(
        """<!DOCTYPE html><html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ title }}</title>
<meta name="robots" content="noindex"></head><body><h1>{{ title }}</h1><p>{{ text }}</p>
<p><a href="{{ base }}/">{{ home }}</a></p></body></html>""",
        lang=lang, title=translate(lang, "page_not_found"), text=translate(lang, "page_not_found_text"), home=home,
        base=base)


def is_known_path(path: str) -> bool:
    return path in KNOWN_PATHS or path.startswith(KNOWN_PREFIXES)


def _base() -> str:
    return base_url()


def _html(body: str, status: int = 200) -> Response:
    return Response(body, status=status, mimetype="text/html")


def _not_found() -> Response:
    return _html(not_found_page(page_lang(), _base()), 404)


class Pages:
    """The views of this module, over the data in service (``store``) and the borders."""

    def __init__(self, geojson: dict, store):
        self.store = store
        self.projected = project(geojson)
        # one image per Land, language and count: 32 at most in practice
        self.preview = functools.lru_cache(maxsize=64)(self._preview)

    def _preview(self, ags: str, lang: str, count: int) -> bytes:
        line = translate(lang, "page_preview_line_federal" if ags == FEDERAL else "page_preview_line", count=count)
        return preview_png(self.projected, ags, area_name(ags, lang) if ags == FEDERAL else LAENDER[ags].name, line,
                           SITE)

    @staticmethod
    def unknown_path():
        return None if is_known_path(request.path) else _not_found()

    def land(self, code: str):
        ags = AGS_BY_SHORT.get(code.upper())
        load = self.store()
        return _html(land_page(ags, load.measures, page_lang(), _base(), load.federal)) if ags else _not_found()

    def measure(self, measure_id: str):
        measures = self.store().every_row
        found = measures.loc[measures["id"] == measure_id] if is_measure_id(measure_id) else measures.iloc[0:0]
        return _not_found() if found.empty else _html(measure_page(found.iloc[0], page_lang(), _base()))

    def preview_image(self, code: str):
        ags = FEDERAL if code.upper() == FEDERAL_PREVIEW else AGS_BY_SHORT.get(code.upper())
        if ags is None:
            return _not_found()
        rows = self.store().every_row
        count = int(((rows["ags"] == ags) & (rows["status"] == "running")).sum())
        return Response(self.preview(ags, page_lang(), count), mimetype="image/png")

    def sitemap_xml(self):
        return Response(sitemap(self.store().every_row, _base()), mimetype="application/xml")

    @staticmethod
    def robots_txt():
        return Response(robots(_base()), mimetype="text/plain")


def register_routes(server: Flask, geojson: dict, store) -> None:
    views = Pages(geojson, store)
    server.before_request(views.unknown_path)
    for rule, view in (("/land/<code>", views.land), ("/massnahme/<measure_id>", views.measure),
                       ("/vorschau/<code>.png", views.preview_image), ("/sitemap.xml", views.sitemap_xml),
                       ("/robots.txt", views.robots_txt)):
        server.add_url_rule(rule, f"page_{view.__name__}", view)
