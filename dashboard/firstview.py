"""The page's first view, drawn by the server: the whole dashboard for the address asked for, as
plain HTML in the first answer, before any script.

Why: on a phone, Dash, React and plotly take seconds to arrive and start; until then the page
was empty, and a search engine or a link preview saw nothing at all. Now the first answer holds
the view itself: the coloured map (an SVG whose Länder are links, ``dashboard.svgmap``), the
chosen Land's programmes, the legend, the counts and every control as it will look. It is made
from the same functions as Dash's view, so nothing changes when Dash takes over:

* the values are ``callbacks.update_view``'s answer to this address, exactly what Dash's first
  callback will answer, written into the same layout (``panels.shell.build_layout``) by
  ``dashboard.static_html``;
* the map's colours are ``mapview.colours_and_legend``'s, as ``figures.style_colours`` paints
  them; each Land links to the view a click on it gives (``state.toggle_land``);
* the cards are ``cards.static_card``s of the same ``card_data``, and every Land's cards come
  along as JSON (what the ``in_page`` panels render), so a tap on the map is answered in the
  browser before Dash runs, and Dash's first callback need not send them again.

assets/app.js ("first view") answers taps on the map, starts Dash at the first use of a control
(or once the browser is idle) and swaps Dash's page in when it has drawn the same view.
"""

from __future__ import annotations

import json
import threading
from dataclasses import replace

from markupsafe import Markup

from dashboard import static_html
from dashboard.callbacks import update_view, view_targets
from dashboard.constants import LAENDER
from dashboard.data import MeasuresLoad
from dashboard.figures import OUTLINE, map_locations, style_colours
from dashboard.i18n import translate
from dashboard.panels import PANELS, ViewData
from dashboard.panels.cards import MEASURE_ID_PREFIX, static_card
from dashboard.panels.mapview import colours_and_legend
from dashboard.panels.shell import build_layout, root_class
from dashboard.state import ViewState, to_query, toggle_land, view_link
from dashboard.svgmap import Land, map_svg, project

FIRST_VIEW_ID = "first-view"  # the server's page; assets/app.js removes it when Dash has taken over
IN_PAGE_ID = "first-view-data"  # JSON: the view state and what the in_page panels render
CACHED_VIEWS = 64  # distinct addresses whose first view is kept (about 280 KB each: 18 MB at most)


def _leaves(targets, values):
    """(target, value) for each leaf of ``update_view``'s answer that sets something."""
    if isinstance(targets, tuple):
        yield targets, values
        return
    for key, target in targets.items():
        if isinstance(values, dict) and key in values:
            yield from _leaves(target, values[key])


def settable(value) -> bool:
    """A value the page can show as it is: not "no change" and not a patch of a figure."""
    return isinstance(value, (str, int, float, bool, list, dict, tuple)) or hasattr(value, "_type")


def shown_list(lists: dict, state: ViewState) -> tuple[str, str, dict]:
    """(key, heading, view) of what the list shows for ``state``, as assets/app.js's showLands
    picks it from the same ``lists``."""
    lands = list(state.lands)
    if state.compare:
        key = "compare:" + ",".join(lands)
        if not lands:
            return key, lists["none"]["heading"], {}
        names = ", ".join(lists["names"][ags] for ags in lands)
        return key, lists["compare"]["heading"].replace("{lands}", names), \
            {"empty": "" if len(lands) >= 2 else lists["compare"]["hint"]}
    view = lists["lands"][lands[0]] if lands else lists["none"]
    return ",".join(lands), view["heading"], view


class FirstViews:
    """The first view of any address, for the data in service (``store``), cached per address."""

    def __init__(self, geojson: dict, store, feedback_email: str = ""):
        self.geojson, self.store, self.feedback_email = geojson, store, feedback_email
        self.locations = tuple(map_locations(geojson))
        self.projected = project(geojson)
        self._load: MeasuresLoad | None = None
        self._layouts: dict = {}
        self._views: dict[tuple[str, str], Markup] = {}
        self._lock = threading.Lock()

    def __call__(self, search: str, base: str) -> Markup:
        load = self.store()
        key = (search, base)
        with self._lock:  # gunicorn's threads share the cache; drawing happens outside the lock
            if load is not self._load:  # new data: every view and layout anew
                self._load, self._layouts, self._views = load, {}, {}
            cached = self._views.get(key)
        if cached is None:
            cached = self.render(load, search, base)
            with self._lock:
                if len(self._views) >= CACHED_VIEWS:
                    self._views.pop(next(iter(self._views)))
                self._views[key] = cached
        return cached

    def layout(self, lang: str):
        if lang not in self._layouts:
            self._layouts[lang] = build_layout(self.geojson, self._load, lang, feedback_email=self.feedback_email)
        return self._layouts[lang]

    def render(self, load: MeasuresLoad, search: str, base: str) -> Markup:
        answer = update_view(load, self.locations, None, search, None, {}, None, None, {})
        state = ViewState.from_dict(answer["view"])
        data = ViewData.of(load, state, locations=self.locations)
        in_page = {key: value for panel in PANELS if panel.in_page
                   for key, value in panel.render(data, state, state.lang).items()}
        overrides = {target: value for target, value in _leaves(view_targets(), answer) if settable(value)}
        key, heading, view = shown_list(in_page["lists"], state)
        overrides.update({
            ("app-root", "className"): root_class(state), ("app-root", "lang"): state.lang,
            ("contrast-toggle", "aria-pressed"): "true" if state.contrast else "false",
            ("measures-heading", "children"): heading,
            ("measures-body", "children"): self.cards(view, in_page["lists"]["labels"], base),
            ("measures-body", "data-shown"): key,
        })
        page = static_html.render(self.layout(state.lang), overrides, {"map": self.map(data, state)})
        # Inside <script> no "<" at all: neither "</script>" nor "<!--" can change how the page parses.
        in_page_json = json.dumps({"view": answer["view"], "search": answer["search"], **self.chosen_first(in_page, state)},
                                  ensure_ascii=False).replace("<", "\\u003c")
        return (Markup('<div id="{}">{}</div>').format(FIRST_VIEW_ID, page)
                + Markup('<script type="application/json" id="{}">{}</script>').format(IN_PAGE_ID, Markup(in_page_json)))

    @staticmethod
    def chosen_first(in_page: dict, state: ViewState) -> dict:
        """The chosen Länder's lists first in the JSON: close behind the same cards in the page,
        so that gzip (which looks 32 KB back) finds their text again."""
        lands = in_page["lists"]["lands"]
        ordered = {ags: lands[ags] for ags in (*state.lands, *lands) if ags in lands}
        return {**in_page, "lists": {**in_page["lists"], "lands": ordered}}

    def cards(self, view: dict, labels: dict, base: str) -> list:
        cards = view.get("cards") or []
        if not cards:
            return [static_html.element("p", {"className": "empty-state"}, view["empty"])] if view.get("empty") else []
        return [static_card(card, labels, self.feedback_email,
                            view_link(base, measure=card["id"].removeprefix(MEASURE_ID_PREFIX))) for card in cards]

    def map(self, data: ViewData, state: ViewState) -> Markup:
        """The map as the server draws it, in the place and with the id of Dash's graph."""
        style, _legend = colours_and_legend(data, state, state.lang)
        base = replace(state, measure="")
        lands = [Land(ags, fill, "/" + to_query(toggle_land(base, ags)),
                      f"{LAENDER[ags].name} – {text or translate(state.lang, 'hover_count') + ': ' + str(z)}")
                 for ags, fill, z, text in zip(self.locations, style_colours(style), style["z"], style["text"], strict=True)]
        svg = map_svg(self.projected, lands, state.lands, OUTLINE, translate(state.lang, "map_label"),
                      preserveAspectRatio="xMidYMid meet", height="100%",
                      class_="first-map-lands" + (" beside-scale" if style["showscale"] else ""))
        return Markup('<div id="map" class="dash-graph map first-map" style="height:100%">{}{}</div>').format(
            svg, colour_scale(style) if style["showscale"] else "")


def colour_scale(style: dict) -> Markup:
    """The map's colour bar as plotly draws it beside the map: its title, the scale, 0 and the top."""
    stops = ", ".join(f"{colour} {share * 100:g}%" for share, colour in style["colorscale"])
    title = Markup("<br>").join(style["colorbar_title"].split("<br>"))  # plotly's line break, the one tag it has
    return Markup('<div class="first-map-scale" aria-hidden="true"><span class="scale-title">{}</span>'
                  '<span class="scale-bar" style="background:linear-gradient(to top, {})"></span>'
                  '<span class="scale-max">{}</span><span class="scale-min">{}</span></div>').format(
        title, stops, style["zmax"], style["zmin"])
