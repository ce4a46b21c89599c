// Stand-in for country-iso-search: country *names* as locations (locationmode "country names")
// are never used here; the map's locations are the GeoJSON's own ids. Looking one up finds none.
module.exports = {
  COUNTRIES: [],
  createLookup: function () { return { lookupAlpha3: function () { return undefined; } }; },
};
