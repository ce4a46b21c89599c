// Stand-in for polybooljs, which plotly uses only to merge lasso and box selections. The map
// cannot select: its drag mode is off and the modebar has no select or lasso button
// (layout.MAP_CONFIG_BASE, figures.choropleth_figure). Calling it would be a bug: say so.
function unavailable() { throw new Error('polybooljs is not in this plotly bundle: selections are off'); }
module.exports = { segments: unavailable, combine: unavailable, selectUnion: unavailable,
  selectIntersect: unavailable, selectDifference: unavailable, selectXor: unavailable, polygon: unavailable };
