/*
 * The selected Land's list and outline, drawn in the browser.
 *
 * The server sends, once per filter change, every Land's cards as Dash components
 * (layout.list_views, the "lists" store) and, once per page, which outline marks a
 * selected Land (figures.outline_spec, the "map-outline" store). A click on the map is
 * then shown at once from that data, without a round trip. The server stays the
 * authority: update_view_state answers the same click with the view state, and both
 * functions below run again from it; the result is the same, so nothing visibly changes.
 *
 * Only data built by Python is rendered here, as Dash components: card text stays text.
 */
(function () {
  "use strict";

  var clientside = (window.dash_clientside = window.dash_clientside || {});

  // The Land a map click chose, if that click started this callback.
  function clickedLand(clickData) {
    var context = clientside.callback_context;
    var byMap = context && context.triggered.some(function (t) { return t.prop_id === "map.clickData"; });
    var point = byMap && clickData && clickData.points && clickData.points[0];
    return point ? point.location : null;
  }

  // The Länder the view shows. In single view a click selects its Land (state.toggle_land);
  // in compare view a click adds or removes one, which is left to the server.
  function shownLands(state, clickData, known) {
    var clicked = clickedLand(clickData);
    if (clicked && !state.compare && Object.prototype.hasOwnProperty.call(known, clicked)) {
      return [clicked];
    }
    return state.lands || [];
  }

  function sameValues(a, b) {
    if (!a || !b || a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  clientside.selection = {
    // -> [heading, body] of the measures panel
    list: function (state, lists, clickData) {
      if (!state || !lists) return [clientside.no_update, clientside.no_update];
      var lands = shownLands(state, clickData, lists.lands);
      if (state.compare) {
        if (!lands.length) return [lists.none.heading, []];
        var names = lands.map(function (ags) { return lists.names[ags]; }).join(", ");
        return [lists.compare.heading.replace("{lands}", names), lands.length >= 2 ? [] : lists.compare.hint];
      }
      var view = lands.length ? lists.lands[lands[0]] : lists.none;
      return [view.heading, view.body];
    },

    // -> a Patch of the map's outlines, or no_update when they already show the selection
    outline: function (state, clickData, spec, figure) {
      if (!state || !spec) return clientside.no_update;
      var known = {};
      spec.locations.forEach(function (ags) { known[ags] = true; });
      var chosen = shownLands(state, clickData, known);
      var pick = function (attribute) {
        return spec.locations.map(function (ags) {
          return (chosen.indexOf(ags) >= 0 ? spec.selected : spec.normal)[attribute];
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
    },
  };
})();
