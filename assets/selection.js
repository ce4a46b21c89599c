/*
 * Choosing a Land, in the browser. The server renders one hidden section of cards per Land
 * for the current filters (layout.land_sections); here we only show the chosen one, set the
 * heading and outline the Land on the map. The server still records the choice in the URL,
 * but the list does not wait for it.
 */
(function () {
  "use strict";
  var NO_LAND = "";

  function chosenLand(clickData, selectValue, state) {
    var triggered = (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id; });
    if (triggered.indexOf("map.clickData") !== -1 && clickData && clickData.points && clickData.points[0]) {
      return String(clickData.points[0].location);
    }
    if (triggered.indexOf("land-select.value") !== -1) { return selectValue || NO_LAND; }
    return (state && state.lands && state.lands[0]) || NO_LAND;
  }

  /*
   * The fast path for a click on the map: show the Land's section straight from plotly's
   * click event, before Dash has even scheduled its callbacks (that takes a few hundred
   * milliseconds on a slow machine). `show` below then sets the very same state through
   * Dash, which stays the single source of truth.
   */
  function showSectionNow(ags) {
    var body = document.getElementById("measures-body");
    var compare = document.querySelector("#mode input[value='compare']");
    if (!body || (compare && compare.checked)) { return; }
    var chosen = null;
    body.querySelectorAll(":scope > .land-measures").forEach(function (section) {
      var on = section.getAttribute("data-heading") !== null && sectionAgs(section) === ags;
      section.hidden = !on;
      if (on) { chosen = section; }
    });
    var heading = document.getElementById("measures-heading");
    if (chosen && heading) { heading.textContent = chosen.getAttribute("data-heading"); }
  }

  function sectionAgs(section) {
    try { return JSON.parse(section.id).ags; } catch (e) { return null; }
  }

  function watchMap() {
    var graph = document.querySelector("#map .js-plotly-plot");
    if (!graph || typeof graph.on !== "function") { window.setTimeout(watchMap, 200); return; }
    if (graph.__fastSelection) { return; }
    graph.__fastSelection = true;
    graph.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      if (point && point.location) { showSectionNow(String(point.location)); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", watchMap); } else { watchMap(); }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    selection: {
      show: function (clickData, selectValue, state, _children, headings) {
        var noUpdate = window.dash_clientside.no_update;
        var ids = window.dash_clientside.callback_context.outputs_list[1].map(function (o) { return o.id.ags; });
        if (state && state.compare) {  // the compare view is rendered by the server
          return [noUpdate, ids.map(function () { return true; }), state.lands || []];
        }
        var ags = chosenLand(clickData, selectValue, state);
        if (ids.indexOf(ags) === -1) { ags = NO_LAND; }  // anything unexpected: the hint
        var heading = headings[ids.indexOf(ags)];
        return [heading, ids.map(function (id) { return id !== ags; }), ags === NO_LAND ? [] : [ags]];
      },

      outline: function (lands, figure) {
        var outline = figure && figure.layout && figure.layout.meta && figure.layout.meta.outline;
        if (!outline) { return window.dash_clientside.no_update; }
        var chosen = lands || [];
        var locations = figure.data[0].locations;
        var style = function (ags) { return chosen.indexOf(ags) === -1 ? outline.normal : outline.selected; };
        return new window.dash_clientside.Patch()
          .assign(["data", 0, "marker", "line", "color"], locations.map(function (a) { return style(a)[0]; }))
          .assign(["data", 0, "marker", "line", "width"], locations.map(function (a) { return style(a)[1]; }))
          .build();
      }
    }
  });
})();
