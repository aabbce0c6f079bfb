/* liaison default theme: 长辈模式 (large text, high contrast) and the print button.
   Loaded with defer; a one-line script in <head> applies the stored mode before the first
   paint, and this applies it again where that script was not allowed to run. */
(function () {
  "use strict";
  var KEY = "liaison-elder";
  var CLASS = "elder";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function store(on) {
    try {
      if (on) { window.localStorage.setItem(KEY, "1"); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* storage blocked: the mode lasts for this page only */ }
  }
  function apply(on) {
    if (on) { root.classList.add(CLASS); } else { root.classList.remove(CLASS); }
    var buttons = document.querySelectorAll("[data-elder-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  root.classList.add("js");
  if (stored()) { root.classList.add(CLASS); }

  function wire() {
    apply(root.classList.contains(CLASS));
    document.addEventListener("click", function (ev) {
      var t = ev.target;
      if (!t || !t.closest) { return; }
      if (t.closest("[data-elder-toggle]")) {
        var on = !root.classList.contains(CLASS);
        apply(on);
        store(on);
      } else if (t.closest("[data-print]")) {
        window.print();
      }
    });
    /* Keep other open tabs of the site in step. */
    window.addEventListener("storage", function (ev) {
      if (ev.key === KEY) { apply(ev.newValue === "1"); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
