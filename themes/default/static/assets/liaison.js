/* liaison default theme: 长辈模式 (large text, high contrast), the menu on a phone, closing the
   notice, filtering the station list by township, reading the next reception aloud, and the
   print button. Loaded with defer; a one-line script in <head> applies the stored mode and
   the closed notice before the first paint, and this applies them again where that script
   was not allowed to run. Nothing here is needed to read the site. */
(function () {
  "use strict";
  var ELDER = "liaison-elder";
  var NOTICE = "liaison-notice";
  var root = document.documentElement;

  function get(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function set(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); } else { window.localStorage.setItem(key, value); }
    } catch (e) { /* storage blocked: the choice lasts for this page only */ }
  }
  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function elder(on) {
    root.classList.toggle("elder", on);
    all("[data-elder-toggle]").forEach(function (b) { b.setAttribute("aria-pressed", on ? "true" : "false"); });
  }
  function menu(open) {
    root.classList.toggle("menu-open", open);
    all("[data-menu-toggle]").forEach(function (b) { b.setAttribute("aria-expanded", open ? "true" : "false"); });
  }

  /* /stations/: show one township's group, or all of them. */
  function filter(id) {
    all(".st-group").forEach(function (g) { g.hidden = id !== "" && g.id !== id; });
    all("[data-group-filter]").forEach(function (a) {
      if (a.getAttribute("data-group-filter") === id) { a.setAttribute("aria-current", "true"); } else { a.removeAttribute("aria-current"); }
    });
  }

  /* Reading the next reception aloud, with the browser's own speech (no outside service). */
  function speak(button) {
    var card = button.closest("[data-speak-text]");
    if (!card || !window.speechSynthesis) { return; }
    window.speechSynthesis.cancel();
    var u = new window.SpeechSynthesisUtterance(card.getAttribute("data-speak-text"));
    u.lang = root.lang || "zh-CN";
    u.rate = 0.9;
    window.speechSynthesis.speak(u);
  }

  function wire() {
    root.classList.add("js");
    elder(get(ELDER) === "1");
    var notice = root.getAttribute("data-notice");
    if (notice && get(NOTICE) === notice) { root.classList.add("notice-off"); }
    if ("speechSynthesis" in window) {
      all("[data-speak]").forEach(function (b) { b.hidden = false; });
    }
    document.addEventListener("click", function (ev) {
      var t = ev.target;
      if (!t || !t.closest) { return; }
      var hit;
      if (t.closest("[data-elder-toggle]")) {
        var on = !root.classList.contains("elder");
        elder(on);
        set(ELDER, on ? "1" : null);
      } else if (t.closest("[data-menu-toggle]")) {
        menu(!root.classList.contains("menu-open"));
      } else if (t.closest("[data-notice-close]")) {
        root.classList.add("notice-off");
        set(NOTICE, notice || "1");
      } else if ((hit = t.closest("[data-group-filter]"))) {
        ev.preventDefault();
        filter(hit.getAttribute("data-group-filter"));
      } else if ((hit = t.closest("[data-speak]"))) {
        speak(hit);
      } else if (t.closest("[data-print]")) {
        window.print();
      }
    });
    /* Keep other open tabs of the site in step. */
    window.addEventListener("storage", function (ev) {
      if (ev.key === ELDER) { elder(ev.newValue === "1"); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
