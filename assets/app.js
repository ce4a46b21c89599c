/*
 * The page's own code, in one file (one request on a slow network), in sections:
 *   1. plotly's base map, declared loaded (no request)
 *   2. component libraries loaded on demand (AG Grid with the comparison)
 *   3. the selected Land's list and outline (selection)
 *   4. presenter mode: keys and tour
 *   5. accessibility repairs for two Dash components
 *   6. AG Grid cell renderer
 *   7. the page: address, language, contrast and the phone's filter disclosure
 *   8. the first view: the server's page until Dash has drawn the same, and Dash's start
 * Every section attaches to the one shared ``window.dash_clientside`` object, created here
 * once; none replaces it, so nothing depends on the order in which sections or files load.
 */
var clientside = (window.dash_clientside = window.dash_clientside || {});

// Constants from Python (panels.shell.page_config, on #app-root), read when needed: the element
// exists only once Dash has rendered the page.
function pageConfig() {
  var root = document.getElementById("app-root");
  return JSON.parse((root && root.getAttribute("data-config")) || "{}");
}

/* ------------------------------------------------------------------ 1. base map
 * The map draws the Länder from our own GeoJSON; plotly's base map (coastlines, countries) is
 * hidden (figures.choropleth_figure: geo.visible = False). plotly still asks for the base
 * map's TopoJSON of the "europe" scope before it draws; an empty topology stored under that
 * name in PlotlyGeoAssets (plotly's documented store for offline use) answers it with no
 * request at all.
 */
(function () {
  "use strict";
  var assets = (window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}});
  assets.topojson = assets.topojson || {};
  assets.topojson.europe_110m = {type: "Topology", objects: {}, arcs: []};
})();

/* ------------------------------------------------------------------ 2. on-demand libraries
 * dashboard/page.py leaves the scripts of some component libraries (AG Grid) out of the page
 * and lists them in a JSON block; load() adds them when first needed, once, in order.
 */
(function () {
  "use strict";
  var loading = {};

  function urls(namespace) {
    var block = document.getElementById("wbk-lazy-scripts");
    var all = block ? JSON.parse(block.textContent || "{}") : {};
    return all[namespace] || [];
  }

  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.body.appendChild(script);
    });
  }

  // -> a Promise of true once window[namespace] is there
  function load(namespace) {
    if (window[namespace]) return Promise.resolve(true);
    if (!loading[namespace]) {
      loading[namespace] = urls(namespace).reduce(function (previous, src) {
        return previous.then(function () { return addScript(src); });
      }, Promise.resolve()).then(function () {
        if (!window[namespace]) throw new Error("library " + namespace + " did not load");
        return true;
      });
      loading[namespace].catch(function () { delete loading[namespace]; });  // a later try may succeed
    }
    return loading[namespace];
  }

  clientside.library = {
    load: load,
    // Clientside callback: in compare view, the view state, passed on once the comparison
    // table's library has loaded (the first time, it loads now).
    gridWhenComparing: function (state) {
      if (!state || !state.compare) return clientside.no_update;
      return load("dash_ag_grid").then(function () { return state; });
    },
  };
})();

/* ------------------------------------------------------------------ 3. selection
 * The measures list and the map outline of the selected Land, drawn in the browser.
 *
 * Why: a click on the map should show its Land's measures at once. The server sends, once
 * per filter change, every Land's cards as plain data (panels/cards.list_views, the "lists" store)
 * and, once per page, how a selected Land is outlined (figures.outline_spec, the
 * "map-outline" store). A click is then answered from that data without a round trip. The
 * server stays the authority: update_view answers the same click with the view state, and
 * the list and outline are drawn from it again (an unchanged list is left as it is).
 *
 * Why the list is written to the DOM here and not returned to Dash as children: Dash's
 * renderer needs about 80-130 ms on two cores to mount a Land's cards as components, plain
 * DOM needs a few. Each card is a clone of the page's one card template
 * (panels/cards.card_template); every value is written with textContent, so data is never parsed
 * as HTML, and a link gets an href only for an http(s) URL.
 */
(function () {
  "use strict";

  var STATUS = /^[a-z]+$/;

  // A link only for the URL schemes constants.ALLOWED_URL_SCHEMES allows (checked in Python too).
  function linkable(url) {
    var schemes = pageConfig().link_schemes || [];
    var scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
    return !!scheme && schemes.indexOf(scheme[1].toLowerCase()) >= 0;
  }

  function slot(card, name) { return card.querySelector('[data-slot="' + name + '"]'); }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // One card from panels/cards.card_data, labels from panels/cards.card_labels.
  function renderCard(template, data, labels) {
    // Dash's <template> holds its article as a child; one parsed from HTML (the first view's)
    // holds it in its content.
    var card = ((template.content && template.content.firstElementChild) || template.firstElementChild).cloneNode(true);
    card.className = "measure-card";
    card.id = String(data.id);
    card.setAttribute("data-ags", String(data.ags));
    slot(card, "title").textContent = data.title;
    fillOrRemove(slot(card, "translated"), data.translated);
    fillOrRemove(slot(card, "continuation"), data.continuation);
    fillOrRemove(slot(card, "stale"), data.stale);
    slot(card, "category").textContent = data.category;
    var status = slot(card, "status");
    status.textContent = data.status_label;
    if (STATUS.test(String(data.status))) status.className += " status-" + data.status;
    var fields = slot(card, "fields");
    (data.fields || []).forEach(function (pair) {
      fields.appendChild(element("dt", pair[0]));
      fields.appendChild(element("dd", pair[1]));
    });
    var url = String(data.url || "");
    if (linkable(url)) {
      var link = slot(card, "link");
      link.setAttribute("href", url);
      slot(card, "link-label").textContent = labels.link;
      slot(card, "new-tab").textContent = " " + labels.new_tab;
      slot(card, "no-link").remove();
    } else {
      slot(card, "link").remove();
      slot(card, "no-link").textContent = labels.no_link;
    }
    var report = slot(card, "report");
    var address = pageConfig().feedback_email;
    if (address) {
      var id = measureId(data.id);
      var fill = function (text) {
        return String(text).replace("{id}", id).replace("{title}", data.title)
          .replace("{land}", data.land).replace("{link}", measureLink(id));
      };
      report.textContent = labels.report;
      report.setAttribute("href", "mailto:" + encodeURIComponent(address).replace("%40", "@") +
        "?subject=" + encodeURIComponent(fill(labels.report_subject)) + "&body=" + encodeURIComponent(fill(labels.report_body)));
    } else {
      report.remove();
    }
    var copy = slot(card, "copy");
    copy.textContent = labels.copy;
    copy.setAttribute("data-measure", measureId(data.id));
    copy.setAttribute("data-copied", labels.copied);
    if (data.note) {
      slot(card, "note-label").textContent = labels.note;
      slot(card, "note").textContent = data.note;
    } else {
      slot(card, "note-box").remove();
    }
    // The evidence is folded away and fetched the first time a person opens it.
    if (Number(data.sources_count) > 0) {
      slot(card, "sources-label").textContent = data.sources_label;
      var box = slot(card, "sources-box");
      var measure = measureId(data.id);
      box.addEventListener("toggle", function () {
        if (!box.open || box.hasAttribute("data-loaded")) return;
        box.setAttribute("data-loaded", "loading");
        loadEvidence(measure, labels.lang).then(function (items) {
          fillEvidence(slot(card, "sources"), items);
          box.setAttribute("data-loaded", "yes");
        }, function () {
          box.removeAttribute("data-loaded");  // opening it again tries again
          slot(card, "sources").replaceChildren(element("li", labels.evidence_failed));
        });
      });
    } else {
      slot(card, "sources-box").remove();
    }
    return card;
  }

  // A card's evidence (panels/cards.evidence_items), from the server's own route.
  function loadEvidence(measure, lang) {
    var url = pageConfig().evidence_path + encodeURIComponent(measure) + ".json?lang=" + encodeURIComponent(lang || "de");
    return window.fetch(url, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) throw new Error("evidence: HTTP " + response.status);
      return response.json();
    });
  }

  function fillEvidence(list, items) {
    list.replaceChildren();
    (Array.isArray(items) ? items : []).forEach(function (source) {  // [url, host, "date · read on …"]
      if (!Array.isArray(source)) return;
      var item = document.createElement("li");
      if (linkable(String(source[0]))) {
        var link = element("a", source[1]);
        link.setAttribute("href", String(source[0]));
        link.setAttribute("target", "_blank");
        link.setAttribute("rel", "noopener noreferrer");
        item.appendChild(link);
        item.appendChild(document.createTextNode(": "));
      }
      item.appendChild(document.createTextNode(String(source[2])));
      list.appendChild(item);
    });
  }

  function fillOrRemove(node, text) {
    if (text) node.textContent = text; else node.remove();
  }

  // The cards of a view (or its empty state) as a fragment.
  function renderList(view, labels) {
    var fragment = document.createDocumentFragment();
    var template = document.getElementById(pageConfig().ids.card_template);
    var cards = view.cards || [];
    if (!cards.length) {
      if (view.empty) fragment.appendChild(element("p", view.empty, "empty-state"));
      return fragment;
    }
    cards.forEach(function (data) { fragment.appendChild(renderCard(template, data, labels)); });
    return fragment;
  }

  // What is on screen now, so that the server's confirmation of a click changes nothing
  // (an open "research note" stays open, focus stays where it is).
  var shown = {lists: null, key: null, body: null};

  function show(lists, key, heading, view) {
    var headingElement = document.getElementById(pageConfig().ids.measures_heading);
    var bodyElement = document.getElementById(pageConfig().ids.measures_body);
    if (!headingElement || !bodyElement) return;
    // the same list in the same element (the first view's is another than Dash's)
    if (shown.lists === lists && shown.key === key && shown.body === bodyElement) return;
    headingElement.textContent = heading;
    bodyElement.replaceChildren(renderList(view, lists.labels || {}));
    shown.lists = lists;
    shown.key = key;
    shown.body = bodyElement;
  }

  // On a phone the list is below the map (app.css, one column): after a tap on a Land, scroll
  // to it, or the tap would seem to do nothing. Wider layouts show map and list side by side.
  var ONE_COLUMN = "(max-width: 760px)";
  function bringListIntoView() {
    var heading = document.getElementById(pageConfig().ids.measures_heading);
    if (!heading || !window.matchMedia(ONE_COLUMN).matches) return;
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    heading.scrollIntoView({block: "start", behavior: still ? "auto" : "smooth"});
  }

  // The link to one measure (?massnahme=<id>): the address that opens its card.
  // A card's element id without its prefix: the measure's own id.
  function measureId(elementId) {
    var prefix = pageConfig().measure_prefix;
    elementId = String(elementId);
    return elementId.indexOf(prefix) === 0 ? elementId.slice(prefix.length) : elementId;
  }

  function measureLink(id) {
    var param = (pageConfig().param || {}).measure;
    return window.location.origin + window.location.pathname + "?" + param + "=" + encodeURIComponent(id);
  }

  // "Link kopieren": to the clipboard, or where the browser refuses that, in a prompt to copy.
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("button.copy-link") : null;
    if (!button) return;
    var link = measureLink(button.getAttribute("data-measure"));
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied");
      setTimeout(function () { button.textContent = label; }, 2000);
    };
    var fallback = function () { window.prompt(button.textContent, link); };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link).then(done, fallback);
    else fallback();
  });

  // A linked measure's card: marked, its folded parts open, and scrolled into view.
  var highlighted = null;
  function highlight(measure) {
    if (!measure || highlighted === measure) return;
    var card = document.getElementById(pageConfig().measure_prefix + measure);
    if (!card) return;
    highlighted = measure;
    card.classList.add("highlighted");
    card.querySelectorAll("details").forEach(function (box) { box.open = true; });
    card.scrollIntoView({block: "center"});
  }

  // The heading and cards for these Länder, shown; returns the key of what is shown.
  function showLands(lands, compare, lists) {
    var key = (compare ? "compare:" : "") + lands.join(",");
    if (compare) {
      if (!lands.length) {
        show(lists, key, lists.none.heading, {});
      } else {
        var names = lands.map(function (ags) { return lists.names[ags]; }).join(", ");
        show(lists, key, lists.compare.heading.replace("{lands}", names),
             {empty: lands.length >= 2 ? "" : lists.compare.hint});
      }
    } else {
      var view = lands.length ? lists.lands[lands[0]] : lists.none;
      show(lists, key, view.heading, view);
    }
    return key;
  }

  // The Land a click in single view selects (as state.toggle_land does); null in compare
  // view, where a click adds or removes a Land and that is left to the server.
  // ``known``: the AGS codes that may be chosen.
  function clickedLand(clickData, state, known) {
    var point = clickData && clickData.points && clickData.points[0];
    var ags = point && point.location;
    if (!state || state.compare || !ags || known.indexOf(ags) < 0) return null;
    return ags;
  }

  function sameValues(a, b) {
    if (!a || !b || a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  // -> a Patch of the map's outlines for these Länder, or no_update if they show them already
  function outlineOf(lands, spec, figure) {
    var pick = function (attribute) {
      return spec.locations.map(function (ags) {
        return (lands.indexOf(ags) >= 0 ? spec.selected : spec.normal)[attribute];
      });
    };
    var color = pick("color");
    var width = pick("width");
    var line = figure && figure.data && figure.data[0].marker && figure.data[0].marker.line;
    if (line && sameValues(line.color, color) && sameValues(line.width, width)) return clientside.no_update;
    var patch = new clientside.Patch()
      .assign(["data", 0, "marker", "line", "color"], color)
      .assign(["data", 0, "marker", "line", "width"], width)
      .build();
    // Redrawing the map takes longer than the list: let the list reach the screen first.
    return new Promise(function (resolve) {
      window.requestAnimationFrame(function () { setTimeout(function () { resolve(patch); }, 0); });
    });
  }

  // The *OnClick functions take the click as their only Input: Dash holds back a callback
  // while another may still change one of its Inputs, so with view-state as an Input they
  // would wait for the server's answer to the same click.
  clientside.selection = {
    // -> the "data-shown" marker of #measures-body: what the list shows, for tests
    list: function (state, lists) {
      if (!state || !lists) return clientside.no_update;
      var key = showLands(state.lands || [], !!state.compare, lists);
      highlight(state.measure);
      return key;
    },
    // The first view's map (section 8): a tap on a Land, before Dash runs.
    tap: function (state, lists) {
      showLands(state.lands || [], !!state.compare, lists);
      bringListIntoView();
    },
    listOnClick: function (clickData, state, lists) {
      var ags = lists && clickedLand(clickData, state, Object.keys(lists.lands));
      if (ags) {
        showLands([ags], false, lists);
        bringListIntoView();
      }
      return clientside.no_update;  // the marker follows with the server's view state
    },
    outline: function (state, spec, figure) {
      return state && spec ? outlineOf(state.lands || [], spec, figure) : clientside.no_update;
    },
    outlineOnClick: function (clickData, state, spec, figure) {
      var ags = spec && clickedLand(clickData, state, spec.locations);
      return ags ? outlineOf([ags], spec, figure) : clientside.no_update;
    },
  };
})();

/* ------------------------------------------------------------------ 3b. map image
 * "Karte als SVG": plotly's own image export, as a vector file, named like the PNG of the
 * modebar (callbacks.render_filtered keeps that name up to date with the filters).
 */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (!event.target || !event.target.closest || !event.target.closest("#map-svg")) return;
    var graph = document.querySelector("#map .js-plotly-plot");
    if (!graph || !window.Plotly) return;
    var options = (graph._context && graph._context.toImageButtonOptions) || {};
    window.Plotly.downloadImage(graph, {format: "svg", filename: options.filename || "weiterbildungskarte"});
  });
})();

/* ------------------------------------------------------------------ 4. presenter
 * Presenter mode: keyboard control and the automatic tour.
 *
 * Keys (only while the page is in presenter mode, i.e. #app-root has class "presenter"):
 *   ArrowRight / ArrowLeft  next / previous Land (in the order of the select box)
 *   Space                   start or pause the tour (seconds per Land from the URL, default 10)
 *   F                       full screen (a key press counts as the user gesture browsers require)
 *   Escape                  leave presenter mode
 * The Land is changed through the select box (dash_clientside.set_props), so the URL, the map
 * and the list follow exactly as if a person had picked it.
 */
(function () {
  "use strict";
  var tour = null;
  // The Land last asked for and not yet confirmed by the server: quick key presses step on
  // from it instead of from the address bar, which lags one round trip behind.
  var pending = null;

  function root() { return document.getElementById("app-root"); }
  function presenting() { var r = root(); return !!r && r.classList.contains("presenter"); }

  function order() {
    // "08:BW,09:BY,..." written by the layout in select-box order
    return (root().dataset.tourOrder || "").split(",").map(function (pair) {
      var parts = pair.split(":");
      return { ags: parts[0], code: parts[1] };
    });
  }

  function urlParameter(field) {
    return new URLSearchParams(window.location.search).get((pageConfig().param || {})[field]) || "";
  }

  function currentIndex(lands) {
    var code = urlParameter("lands").split(",")[0].toUpperCase();
    for (var i = 0; i < lands.length; i++) {
      if (pending !== null ? lands[i].ags === pending : lands[i].code === code) { return i; }
    }
    return -1;
  }

  function step(delta) {
    var lands = order();
    if (!lands.length) { return; }
    var index = currentIndex(lands);
    var next = index < 0 ? (delta > 0 ? 0 : lands.length - 1) : (index + delta + lands.length) % lands.length;
    pending = lands[next].ags;
    window.dash_clientside.set_props("land-select", { value: pending });
  }

  function intervalSeconds() {
    var tour = pageConfig().tour;
    var value = parseInt(urlParameter("interval"), 10);
    return value >= tour.min && value <= tour.max ? value : tour.default;
  }

  function setTourState(running) {
    var r = root();
    if (r) { r.dataset.tour = running ? "running" : "paused"; }
  }

  function stopTour() {
    if (tour !== null) { window.clearInterval(tour); tour = null; }
    setTourState(false);
  }

  function startTour() {
    stopTour();
    tour = window.setInterval(function () {
      if (!presenting()) { stopTour(); return; }
      step(1);
    }, intervalSeconds() * 1000);
    setTourState(true);
  }

  function leave() {
    stopTour();
    var toggle = document.getElementById(pageConfig().ids.presenter_toggle);
    if (toggle && presenting()) { toggle.click(); }
  }

  document.addEventListener("keydown", function (event) {
    if (!presenting() || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = (event.target && event.target.tagName) || "";
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) { return; }  // typing stays typing
    if (event.key === "ArrowRight") { step(1); }
    else if (event.key === "ArrowLeft") { step(-1); }
    else if (event.key === " " || event.key === "Spacebar") { if (tour === null) { startTour(); } else { stopTour(); } }
    else if (event.key === "f" || event.key === "F") { requestFullscreen(); }
    else if (event.key === "Escape") { leave(); }
    else { return; }
    event.preventDefault();
  });

  // Esc in full screen is taken by the browser; leaving full screen then leaves presenter mode.
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && presenting()) { leave(); }
  });

  function requestFullscreen() {
    var element = document.documentElement;
    // Browsers grant full screen only right after a click or key press; a presenter link
    // opened from the address bar shows the presenter layout windowed until F is pressed.
    var activated = !navigator.userActivation || navigator.userActivation.isActive;
    if (activated && !document.fullscreenElement && element.requestFullscreen) {
      element.requestFullscreen().catch(function () { /* refused without a gesture: stay windowed */ });
    }
  }

  clientside.presenter = {
    // Called when the view state changes: class for the CSS, full screen on entering.
    apply: function (state) {
      var on = !!(state && state.present);
      if (state && state.lands && state.lands[0] === pending) { pending = null; }
      var wasOn = presenting();
      if (on && !wasOn) { requestFullscreen(); }
      if (!on && wasOn) {
        stopTour();
        if (document.fullscreenElement && document.exitFullscreen) { document.exitFullscreen().catch(function () {}); }
      }
      var classes = pageConfig().root_classes || {};
      return ["app"].concat(Object.keys(classes).filter(function (field) { return state && state[field]; })
        .map(function (field) { return classes[field]; })).join(" ");
    },
    // The <iframe> code for the view as it is now, in embed mode.
    embedCode: function (query) {
      if (typeof query !== "string") return clientside.no_update;
      var params = new URLSearchParams(query);
      params.set((pageConfig().param || {}).embed, "1");
      var src = window.location.origin + window.location.pathname + "?" + params.toString();
      return '<iframe src="' + src.replace(/"/g, "&quot;") + '" title="Weiterbildungskarte" width="100%" ' +
        'height="720" loading="lazy" style="border:0"></iframe>';
    },
  };
})();

/* ------------------------------------------------------------------ 5. accessibility
 * Accessibility repairs for two Dash 4 components, applied to the DOM they render.
 *
 * 1. dcc.Dropdown puts keyboard focus on a read-only <input> that is aria-hidden, while the
 *    labelled <button> is taken out of the tab order. A screen reader user would tab onto an
 *    element with no name. We un-hide that input and name it after the field's <label> and
 *    the current value; the button is named by its own visible content.
 * 2. dcc.Checklist / dcc.RadioItems render role="listbox" with role="option" labels that wrap
 *    native checkboxes (interactive inside interactive, and a listbox with no name). We drop
 *    the listbox/option roles so the native inputs speak for themselves, grouped under the
 *    fieldset legend that labels them.
 * 3. dcc.Dropdown's "clear" control is an <a> without href: a link to nowhere for crawlers and
 *    screen readers. It acts as a button, so it says so (role="button").
 * All are upstream issues; this section is the one place that works around them.
 */
(function () {
  "use strict";

  function labelIdFor(controlId) {
    var label = document.querySelector('label[for="' + controlId + '"]');
    if (!label) { return null; }
    if (!label.id) { label.id = controlId + "-label"; }
    return label.id;
  }

  function repairDropdowns(scope) {
    scope.querySelectorAll(".dash-dropdown-wrapper").forEach(function (wrapper) {
      var target = wrapper.querySelector(".dash-dropdown-focus-target");
      var button = wrapper.querySelector("button.dash-dropdown");
      if (!target || !button || !button.id) { return; }
      var names = [labelIdFor(button.id), button.id + "-value"].filter(Boolean).join(" ");
      if (target.getAttribute("aria-hidden") !== null) { target.removeAttribute("aria-hidden"); }
      if (target.getAttribute("aria-labelledby") !== names) { target.setAttribute("aria-labelledby", names); }
      // The button (not focusable; the input above is) takes its name from what it shows,
      // so name and visible text always agree.
      if (button.hasAttribute("aria-labelledby")) { button.removeAttribute("aria-labelledby"); }
      var clear = wrapper.querySelector("a.dash-dropdown-clear:not([href]):not([role])");
      if (clear) { clear.setAttribute("role", "button"); }
    });
  }

  function repairOptionLists(scope) {
    scope.querySelectorAll(".dash-checklist[role='listbox'], .dash-radioitems[role='listbox']").forEach(function (list) {
      list.setAttribute("role", "group");
      var legend = list.closest("fieldset") && list.closest("fieldset").querySelector("legend");
      if (legend) {
        if (!legend.id) { legend.id = list.id + "-legend"; }
        list.setAttribute("aria-labelledby", legend.id);
      }
    });
    scope.querySelectorAll(".dash-options-list-option[role], .dash-options-list-option[aria-selected]").forEach(function (option) {
      option.removeAttribute("role");
      option.removeAttribute("aria-selected");
    });
  }

  function repair() {
    repairDropdowns(document);
    repairOptionLists(document);
  }

  var scheduled = false;
  new MutationObserver(function () {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; repair(); });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true,
                                         attributeFilter: ["role", "aria-hidden", "aria-selected", "aria-labelledby"] });
})();

/* ------------------------------------------------------------------ 6. AG Grid
 * Cell renderers for dash-ag-grid (looked up by name when the grid renders, which happens only
 * after section 2 has loaded the library). Data is rendered as text: React escapes it.
 */
(function () {
  "use strict";
  var renderers = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

  // A link to an official page, only for http(s) URLs; anything else shows as plain text.
  renderers.ExternalLink = function (props) {
    var url = props.value || "";
    if (!/^https?:\/\//i.test(url)) {
      return React.createElement("span", null, url);
    }
    return React.createElement("a", {href: url, target: "_blank", rel: "noopener noreferrer"}, new URL(url).hostname);
  };
})();

/* ------------------------------------------------------------------ 7. the page
 * Small clientside callbacks of the page as a whole (dashboard/callbacks.py wires them).
 */
(function () {
  "use strict";
  clientside.page = {
    // The address follows the view, replacing the history entry instead of adding one (as
    // OWID's grapher does): "Back" leaves the dashboard, it does not replay every click.
    replaceAddress: function (query) {
      if (typeof query === "string" && query !== window.location.search) {
        window.history.replaceState(window.history.state, "", window.location.pathname + query + window.location.hash);
      }
      return query;
    },
    contrastPressed: function (state) { return state && state.contrast ? "true" : "false"; },
    // Phones: the filters fold open and shut under their button (app.css shows the button
    // only on narrow screens).
    toggleFilters: function (clicks) {
      var open = clicks % 2 === 1;
      return [open ? "panel filters expanded" : "panel filters", open ? "true" : "false"];
    },
    // Phones: the header's buttons fold open and shut under "Menü".
    toggleMenu: function (clicks) {
      var open = clicks % 2 === 1;
      return [open ? "app-header menu-open" : "app-header", open ? "true" : "false"];
    },
    // The page language for screen readers and hyphenation follows the switch.
    documentLanguage: function (state) {
      var lang = (state && state.lang) || "de";
      document.documentElement.lang = lang;
      return lang;
    },
  };
})();

/* ------------------------------------------------------------------ 8. first view
 * The server sends the page drawn for its address (dashboard/firstview.py, #first-view): map,
 * list and controls, readable before any other script. Here:
 *   - the list's cards are made again from the page's JSON by section 3, so that they behave
 *     as Dash's will (evidence fetched when opened); they look the same;
 *   - a tap on a Land of the server's map shows its list from that JSON (in compare view the
 *     Land's link loads the server's page for the new view instead);
 *   - Dash's scripts (inert in the page, dashboard/page.py) start at the first use of anything
 *     but the map, or once the browser has been idle a while after loading;
 *   - Dash draws its page hidden behind the first view (#react-entry-point.waiting, app.css);
 *     when its map and list are there and no callback is pending, the first view is removed
 *     and Dash's page shown in its place. A control pressed before then is pressed again in
 *     Dash's page, and focus moves to the same element there.
 */
(function () {
  "use strict";
  var view = document.getElementById("first-view");
  var entry = document.getElementById("react-entry-point");
  var plan = document.getElementById("wbk-start");
  var block = document.getElementById("first-view-data");
  var data = block ? JSON.parse(block.textContent || "{}") : {};

  clientside.firstView = {
    // Clientside callback: the "lists" store starts with the lists the page brought.
    lists: function () { return data.lists || clientside.no_update; },
  };
  if (!view || !entry || !plan) return;
  plan = JSON.parse(plan.textContent || "{}");
  var state = data.view || {};

  if (data.lists) clientside.selection.list(state, data.lists);
  // The address in its canonical form at once (what was not understood is gone; the notices
  // say so), as Dash's replaceAddress will keep it.
  if (typeof data.search === "string") clientside.page.replaceAddress(data.search);

  function mounted() { return entry.childElementCount > 0; }

  view.addEventListener("click", function (event) {
    var land = event.target.closest ? event.target.closest("a.land") : null;
    if (!land || state.compare || !data.lists) return;  // compare view: the link's page
    event.preventDefault();
    state.lands = [land.getAttribute("data-ags")];
    state.measure = "";
    window.history.replaceState(window.history.state, "", land.getAttribute("href"));
    view.querySelectorAll("a.land").forEach(function (other) { other.classList.toggle("selected", other === land); });
    land.parentNode.appendChild(land);  // the outline on top of the neighbours'
    land.focus();
    // Dash, if it is drawing already, reads the new address as after "Back".
    if (mounted()) window.dispatchEvent(new PopStateEvent("popstate", {state: window.history.state}));
    else clientside.selection.tap(state, data.lists);
  });

  var pressed = null;  // what was pressed in the first view, to press again in Dash's page
  var PRESSABLE = "button:not(.copy-link), input, .dash-dropdown, label";
  view.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest(PRESSABLE) : null;
    var owner = target && target.closest("[id]");
    if (!target || !owner || !view.contains(owner)) return;
    event.preventDefault();
    var same = owner.querySelectorAll(target.tagName);
    pressed = {id: owner.id, tag: target.tagName, index: Array.prototype.indexOf.call(same, target)};
    start();
  }, true);

  ["pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var onMap = event.target && event.target.closest && event.target.closest("#first-view a.land");
      if (!onMap || type === "keydown" && event.key !== "Enter") start();
    }, {capture: true, passive: true});
  });
  window.addEventListener("load", function () {
    window.setTimeout(function () {
      if (window.requestIdleCallback) window.requestIdleCallback(start, {timeout: 2000}); else start();
    }, plan.idle_ms || 0);
  });

  var started = false;
  function start() {
    if (started) return;
    started = true;
    (plan.preload || []).forEach(function (item) {
      var link = document.createElement("link");
      link.rel = "preload";
      link.href = item.href;
      link.as = item.as;
      if (item.as === "fetch") link.crossOrigin = "anonymous";
      document.head.appendChild(link);
    });
    var last = null;
    document.querySelectorAll("script[data-start]").forEach(function (inert) {
      var script = document.createElement("script");
      script.src = inert.getAttribute("src");
      script.async = false;  // run in the page's order, fetched side by side
      script.onerror = function () { started = false; };  // the first view stays; a later use tries again
      document.body.appendChild(script);
      last = script;
    });
    if (!last) return;
    last.addEventListener("load", function () {
      if (!window.DashRenderer) { started = false; return; }
      window.renderer = new window.DashRenderer();
      waitUntilDrawn();
    });
  }

  function drawn() {
    return entry.querySelectorAll("#map .choroplethlayer path").length >= 16 &&
      entry.querySelector("#measures-body[data-shown]") !== null &&
      document.querySelector("._dash-loading-callback") === null;
  }

  function waitUntilDrawn() {
    var timer = window.setInterval(function () {
      if (!drawn()) return;
      window.clearInterval(timer);
      window.requestAnimationFrame(takeOver);
    }, 50);
  }

  function takeOver() {
    var active = document.activeElement;
    var focused = active && view.contains(active) && active.id;
    view.remove();
    entry.classList.remove("waiting");
    document.documentElement.setAttribute("data-dash", "ready");
    if (pressed) {
      var owner = document.getElementById(pressed.id);
      var target = owner && (owner.tagName === pressed.tag ? owner : owner.querySelectorAll(pressed.tag)[pressed.index]);
      if (target) { target.focus(); target.click(); }
    } else if (focused && document.getElementById(focused)) {
      document.getElementById(focused).focus();
    }
  }
})();
