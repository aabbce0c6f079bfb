// Added by `liaison serve` (never by `liaison build`): reloads the page when a rebuild changed
// it (or changed a stylesheet, script or image), and shows the diagnostics over the last good
// page while the content has problems.
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
  // The output file of this page: "/a/b/" is "a/b/index.html".
  function file() {
    var p = decodeURIComponent(location.pathname).replace(/^\//, "");
    return p === "" || p.endsWith("/") ? p + "index.html" : p;
  }
  events.addEventListener("reload", function (e) {
    if (e.data === "*") { location.reload(); return; }
    var changed = [];
    try { changed = JSON.parse(e.data); } catch (err) { location.reload(); return; }
    if (changed.indexOf(file()) >= 0) { location.reload(); } else { show(null); }
  });
  events.addEventListener("problem", function (e) { show(e.data); });
})();
