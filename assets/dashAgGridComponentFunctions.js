// Cell renderers for dash-ag-grid. Data is rendered as text: React escapes it.
var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

// A link to an official page, only for http(s) URLs; anything else shows as plain text.
dagcomponentfuncs.ExternalLink = function (props) {
  var url = props.value || "";
  if (!/^https?:\/\//i.test(url)) {
    return React.createElement("span", null, url);
  }
  return React.createElement(
    "a",
    { href: url, target: "_blank", rel: "noopener noreferrer" },
    new URL(url).hostname
  );
};
