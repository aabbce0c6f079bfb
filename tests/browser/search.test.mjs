// A real browser test: Debian's headless Chromium, driven by playwright-core, against the demo
// site built by liaison and served on 127.0.0.1. Typing a representative's name, a township's
// name and a phrase from a bulletin must each put the right page first.
//
//   SITE=path/to/built/site node --test      (default: ../../target/browser-site)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.env.SITE || path.join(here, "../../target/browser-site"));
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml", ".ics": "text/calendar" };

let server, base, browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(root, "index.html")), `no built site in ${root}`);
  server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (p.endsWith("/")) p += "index.html";
    const file = path.join(root, path.normalize(p));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { "content-type": types[".html"] });
      res.end(fs.readFileSync(path.join(root, "404.html")));
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/// Types `q` into the search page's box and returns the results as {kind, title, href}.
async function search(q) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/search/`);
  await page.fill("[data-search-input]", q);
  await page.waitForFunction(() => {
    const s = document.querySelector("[data-search-status]").textContent;
    return s && s !== "正在搜索…";
  }, null, { timeout: 20000 });
  const results = await page.$$eval("[data-search-results] > li", (lis) =>
    lis.map((li) => ({ kind: li.querySelector(".badge").textContent, title: li.querySelector("a").textContent, href: li.querySelector("a").getAttribute("href") })));
  await page.close();
  assert.deepEqual(errors, [], "no script errors");
  return results;
}

test("a representative's two-character name finds them first", async () => {
  const r = await search("张伟");
  assert.ok(r.length >= 2, JSON.stringify(r));
  assert.deepEqual(r[0], { kind: "代表", title: "张伟", href: "/representatives/zhang-wei/" });
  // the other 张伟 comes right after
  assert.deepEqual(r[1], { kind: "代表", title: "张伟", href: "/representatives/zhang-wei-2/" });
});

test("a three-character name with a compound surname finds the person first", async () => {
  const r = await search("欧阳慧");
  assert.deepEqual(r[0], { kind: "代表", title: "欧阳慧", href: "/representatives/ouyang-hui/" });
});

test("a township's name finds its region page first", async () => {
  const r = await search("水口镇");
  assert.deepEqual(r[0], { kind: "地区", title: "水口镇", href: "/regions/430988100/" });
  assert.ok(r.some((x) => x.href === "/stations/shuikouzhen-center/"), "and its stations");
});

test("a four-character phrase from a bulletin finds the article first", async () => {
  const r = await search("板栗产业");
  assert.equal(r[0].kind, "简报");
  assert.equal(r[0].href, "/bulletins/2025/3/#a1");
  assert.equal(r[0].title, "小板栗撑起致富路");
});

test("the search box on every page leads to the results", async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/stations/`);
  await page.fill("header input[name=q]", "欧阳慧");
  await page.press("header input[name=q]", "Enter");
  await page.waitForURL(/\/search\/\?q=/);
  await page.waitForSelector("[data-search-results] > li a");
  assert.equal(await page.getAttribute("[data-search-results] > li a", "href"), "/representatives/ouyang-hui/");
  await page.close();
});

test("the large-text mode stays on across pages", async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  const toggle = "button[data-elder-toggle]";
  assert.equal(await page.getAttribute(toggle, "aria-pressed"), "false");
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  await page.click(toggle);
  assert.equal(await page.getAttribute(toggle, "aria-pressed"), "true");
  await page.goto(`${base}/stations/`);
  assert.equal(await page.getAttribute(toggle, "aria-pressed"), "true");
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok(after > before, `font size ${before} → ${after}`);
  await page.close();
});
