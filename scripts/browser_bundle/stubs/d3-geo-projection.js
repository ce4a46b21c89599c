// Stand-in for d3-geo-projection: the map uses the Mercator projection, which d3-geo itself has
// (plotly looks a projection up in d3-geo first, then here). No extra projection is available.
module.exports = {};
