/*
 * The third-party browser code the page needs besides Dash's own bundles, in one file
 * (assets/vendor/bundle.min.js, built by build.sh):
 *
 * 1. regenerator-runtime, the one part of babel's polyfill that Dash's renderer and dcc still
 *    call (regeneratorRuntime, for async functions); dashboard/page.py leaves the whole
 *    polyfill (30 KB compressed, for browsers that lack ES2015) out of the page.
 * 2. plotly.js with only the choropleth trace on a geo subplot, as window.Plotly, which
 *    dcc.Graph uses instead of fetching its full bundle. Follows plotly.js's own src/core.js
 *    (v4.1.1), registering only the components a choropleth map uses (colour scale and bar,
 *    hover, legend, modebar for the image download, and the three whose defaults legend and
 *    hover read). Everything else a full bundle carries (2D/3D/GL traces, images, sliders,
 *    menus, range sliders, error bars) stays out.
 */
'use strict';

window.regeneratorRuntime = require('regenerator-runtime');

exports.version = require('plotly.js/src/version').version;
require('plotly.js/build/plotcss');

var Registry = require('plotly.js/src/registry');
var register = (exports.register = Registry.register);

var plotApi = require('plotly.js/src/plot_api');
Object.keys(plotApi).forEach(function (name) {
  // _ -> private API methods, registered for internal use only (as in plotly's core)
  if (name.charAt(0) !== '_') exports[name] = plotApi[name];
  register({ moduleType: 'apiMethod', name: name, fn: plotApi[name] });
});

// plotly's core always registers scatter; its cartesian base module is assumed elsewhere.
register(require('plotly.js/src/traces/scatter'));
// In plotly's own order (src/core.js): legend and hover read the defaults of shapes,
// selections and annotations, whose code the core requires anyway.
register([
  require('plotly.js/src/components/annotations'),
  require('plotly.js/src/components/selections'),
  require('plotly.js/src/components/shapes'),
  require('plotly.js/src/components/colorscale'),
  require('plotly.js/src/components/colorbar'),
  require('plotly.js/src/components/legend'),
  require('plotly.js/src/components/fx'),
  require('plotly.js/src/components/modebar'),
]);
register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);
register(require('plotly.js/src/traces/choropleth'));

// The public surface dcc.Graph and plotly's own modebar use.
exports.Icons = require('plotly.js/src/fonts/ploticon');
var Fx = require('plotly.js/src/components/fx');
var Plots = require('plotly.js/src/plots/plots');
exports.Plots = { resize: Plots.resize, graphJson: Plots.graphJson, sendDataToCloud: Plots.sendDataToCloud };
exports.Fx = { hover: Fx.hover, unhover: Fx.unhover, loneHover: Fx.loneHover, loneUnhover: Fx.loneUnhover };
exports.Snapshot = require('plotly.js/src/snapshot');
exports.PlotSchema = require('plotly.js/src/plot_api/plot_schema');
