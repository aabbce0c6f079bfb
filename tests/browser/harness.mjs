// What the browser tests share: a static server for a built site on 127.0.0.1 (the site's
// 404 page for a missing file, as a web server would), Debian's headless Chromium, and the
// place screenshots go.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const here = path.dirname(fileURLToPath(import.meta.url));
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml", ".ics": "text/calendar", ".png": "image/png" };

/// Serves `root`; resolves to { base, close, requests } where `requests` lists every
/// (status, path) served, for the tests that count failed requests.
export async function serve(root) {
  if (!fs.existsSync(path.join(root, "index.html"))) throw new Error(`no built site in ${root}`);
  const requests = [];
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (p.endsWith("/")) p += "index.html";
    const file = path.join(root, path.normalize(p));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      requests.push([404, p]);
      res.writeHead(404, { "content-type": types[".html"] });
      res.end(fs.readFileSync(path.join(root, "404.html")));
      return;
    }
    requests.push([200, p]);
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close(), requests };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/// Where screenshots are saved: SHOTS, or target/screenshots of the repository.
export const shots = path.resolve(process.env.SHOTS || path.join(here, "../../target/screenshots"));
fs.mkdirSync(shots, { recursive: true });

/// A site built for the tests: the environment variable `name` or the default folder.
export function site(name, fallback) {
  return path.resolve(process.env[name] || path.join(here, fallback));
}
