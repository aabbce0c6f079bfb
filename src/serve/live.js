// Added by `liaison serve` (never by `liaison build`): reloads the page after each rebuild, and
// shows the diagnostics over the last good page while the content has problems.
(function () {
  function show(text) {
    var o = document.getElementById("liaison-problems");
    if (!text) { if (o) o.remove(); return; }
    if (!o) {
      o = document.createElement("section");
      o.id = "liaison-problems";
      o.setAttribute("role", "alert");
      o.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#fff5f5;color:#7a0000;border-top:4px solid #b5121b;padding:1rem;" +
        "font:14px/1.6 ui-monospace,monospace;white-space:pre-wrap;margin:0";
      document.body.appendChild(o);
    }
    o.textContent = "内容有错误，网站仍显示上一次成功生成的版本。改正后保存即可。\n\n" + text;
  }
  fetch("/__liaison/status", { cache: "no-store" }).then(function (r) { return r.json(); })
    .then(function (s) { show(s.error); }).catch(function () {});
  var events = new EventSource("/__liaison/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("problem", function (e) { show(e.data); });
})();
