/*
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
 * Both are upstream issues; this file is the one place that works around them.
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
