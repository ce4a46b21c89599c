/*
 * The measures list and the map outline of the selected Land, drawn in the browser.
 *
 * Why: a click on the map should show its Land's measures at once. The server sends, once
 * per filter change, every Land's cards (layout.list_views, the "lists" store) and, once
 * per page, how a selected Land is outlined (figures.outline_spec, the "map-outline"
 * store). A click is then answered from that data without a round trip. The server stays
 * the authority: update_view_state answers the same click with the view state, and the
 * list and outline are drawn from it again (an unchanged list is left as it is).
 *
 * Why the list is written to the DOM here and not returned to Dash as children: Dash's
 * renderer needs about 80-130 ms on two cores to mount a Land's cards as components,
 * plain DOM needs a few. The cards are still built in Python (layout.measure_card), as
 * Dash html components; toNode() turns that JSON into elements. Every string becomes a
 * text node, only listed tags and attributes pass, and links only with http(s) URLs, so
 * data is never parsed as HTML.
 */
(function () {
  "use strict";

  var clientside = (window.dash_clientside = window.dash_clientside || {});

  var TAGS = ["article", "h3", "p", "span", "dl", "dt", "dd", "a", "details", "summary"];  // what cards use
  var ATTRIBUTES = {className: "class", id: "id", href: "href", target: "target", rel: "rel", lang: "lang",
                    title: "title"};
  var HTTP_URL = /^https?:\/\//i;

  // A Dash html component as JSON ({type, namespace, props}) -> a DOM node.
  function toNode(component) {
    if (component === null || component === undefined || component === false) return null;
    if (typeof component !== "object") return document.createTextNode(String(component));
    if (Array.isArray(component)) {
      var fragment = document.createDocumentFragment();
      component.forEach(function (child) { append(fragment, child); });
      return fragment;
    }
    var tag = String(component.type || "").toLowerCase();
    if (component.namespace !== "dash_html_components" || TAGS.indexOf(tag) < 0) {
      throw new Error("selection.js: no rendering for component " + component.namespace + "." + component.type);
    }
    var element = document.createElement(tag);
    var props = component.props || {};
    Object.keys(props).forEach(function (key) {
      var value = props[key];
      if (key === "children" || value === null || value === undefined) return;
      var name = ATTRIBUTES[key] || (/^(data|aria)-[a-z0-9-]+$/.test(key) ? key : null);
      if (!name || typeof value === "object") return;
      if (name === "href" && !HTTP_URL.test(String(value))) return;
      element.setAttribute(name, String(value));
    });
    append(element, props.children);
    return element;
  }

  function append(parent, child) {
    var node = toNode(child);
    if (node) parent.appendChild(node);
  }

  // What is on screen now, so that the server's confirmation of a click changes nothing
  // (an open "research note" stays open, focus stays where it is).
  var shown = {lists: null, key: null};

  function show(lists, key, heading, body) {
    if (shown.lists === lists && shown.key === key) return;
    var headingElement = document.getElementById("measures-heading");
    var bodyElement = document.getElementById("measures-body");
    if (!headingElement || !bodyElement) return;
    headingElement.textContent = heading;
    var fragment = document.createDocumentFragment();
    append(fragment, body);
    bodyElement.replaceChildren(fragment);
    shown.lists = lists;
    shown.key = key;
  }

  // The heading and cards for these Länder, shown; returns the key of what is shown.
  function showLands(lands, compare, lists) {
    var key = (compare ? "compare:" : "") + lands.join(",");
    if (compare) {
      if (!lands.length) {
        show(lists, key, lists.none.heading, []);
      } else {
        var names = lands.map(function (ags) { return lists.names[ags]; }).join(", ");
        show(lists, key, lists.compare.heading.replace("{lands}", names), lands.length >= 2 ? [] : lists.compare.hint);
      }
    } else {
      var view = lands.length ? lists.lands[lands[0]] : lists.none;
      show(lists, key, view.heading, view.body);
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
      return showLands(state.lands || [], !!state.compare, lists);
    },
    listOnClick: function (clickData, state, lists) {
      var ags = lists && clickedLand(clickData, state, Object.keys(lists.lands));
      if (ags) showLands([ags], false, lists);
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
