/*
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

  function currentIndex(lands) {
    var code = (new URLSearchParams(window.location.search).get("land") || "").split(",")[0].toUpperCase();
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
    var value = parseInt(new URLSearchParams(window.location.search).get("intervall"), 10);
    return value >= 2 && value <= 120 ? value : 10;
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
    var toggle = document.getElementById("presenter-toggle");
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

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    presenter: {
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
        return on ? "app presenter" : "app";
      }
    }
  });
})();
