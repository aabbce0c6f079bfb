// A citizen's phone: Debian's headless Chromium at 390 x 844, in the normal mode and in
// 长辈模式, on the demo (SITE) and on the test fixture tests/fixtures/good (SITE_GOOD), both
// built for 2026-11-22. The task is "when can I meet a representative in my township?".
// Screenshots of each page kind at 390 and 1280 px, in both modes, go to target/screenshots/.
//
//   SITE=… SITE_GOOD=… node --test phone.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { serve, launch, site, shots, here } from "./harness.mjs";

const sites = {
  demo: site("SITE", "../../target/browser-site"),
  good: site("SITE_GOOD", "../../target/browser-good"),
};
const PHONE = { width: 390, height: 844 };
const axeSource = fs.readFileSync(path.join(here, "node_modules/axe-core/axe.min.js"), "utf8");
let browser;
const servers = {};

before(async () => {
  browser = await launch();
  for (const [name, root] of Object.entries(sites)) servers[name] = await serve(root);
});

after(async () => {
  await browser?.close();
  for (const s of Object.values(servers)) s.close();
});

/// A page at the phone's size, in 长辈模式 when `elder`, with the notice closed or not.
async function open(name, url, { elder = false, viewport = PHONE, stub = null } = {}) {
  const ctx = await browser.newContext({ viewport });
  await ctx.addInitScript((on) => { if (on) localStorage.setItem("liaison-elder", "1"); }, elder);
  if (stub) await ctx.addInitScript(stub);
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(servers[name].base + url);
  await page.evaluate(() => document.fonts.ready);
  return { page, ctx, errors };
}

/// The station pages of a site, from /stations/.
async function stationUrls(name) {
  const { page, ctx } = await open(name, "/stations/");
  const urls = await page.$$eval(".st-card .st-name a", (as) => as.map((a) => a.getAttribute("href")));
  await ctx.close();
  return urls;
}

/// What a thumb cannot hit, what breaks where it must not, and sideways scrolling, on the page
/// as it is now. Links in running text (Markdown bodies) are left out, as WCAG 2.5.5 does.
async function problems(page, min) {
  return page.evaluate((min) => {
    const out = [];
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    const targets = document.querySelectorAll("main a[href], main button, header a[href], header button, footer a[href], .breadcrumbs a");
    for (const el of targets) {
      if (!shown(el) || el.closest(".content") || el.closest(".sr-only")) continue;
      const r = el.getBoundingClientRect();
      if (r.width < min - 0.5 || r.height < min - 0.5) out.push(`small target ${Math.round(r.width)}x${Math.round(r.height)}: ${el.outerHTML.slice(0, 120)}`);
    }
    for (const el of document.querySelectorAll("main a[href^='tel:']")) {
      const r = el.getBoundingClientRect();
      if (shown(el) && (r.width < min - 0.5 || r.height < min - 0.5)) out.push(`small tel: link ${el.textContent}`);
    }
    for (const el of document.querySelectorAll("a.name, .names a, .reps a")) {
      if (shown(el) && el.getClientRects().length !== 1) out.push(`a name broken over ${el.getClientRects().length} lines: ${el.textContent}`);
    }
    const sideways = document.documentElement.scrollWidth - window.innerWidth;
    if (sideways > 0) out.push(`the page scrolls sideways by ${sideways} px`);
    return out;
  }, min);
}

for (const name of Object.keys(sites)) {
  for (const elder of [false, true]) {
    const mode = elder ? "长辈模式" : "normal mode";

    test(`${name}, ${mode}: every station's next reception is on the first screen`, async () => {
      const urls = await stationUrls(name);
      assert.ok(urls.length >= 5, `${urls.length} stations`);
      let withDates = 0;
      for (const url of urls) {
        const { page, ctx, errors } = await open(name, url, { elder });
        const date = await page.$(".next-card .next-date");
        if (date) {
          withDates += 1;
          const box = await date.boundingBox();
          assert.ok(box.y + box.height <= PHONE.height, `${url}: the next date ends at ${Math.round(box.y + box.height)} px`);
        } else {
          assert.ok(await page.$(".next-card .next-none"), `${url}: no date and no word that there is none`);
        }
        assert.deepEqual(errors, [], url);
        await ctx.close();
      }
      assert.ok(withDates >= 3, `${withDates} stations with a coming date`);
    });

    test(`${name}, ${mode}: targets a thumb can hit, names and numbers whole, no sideways scroll`, async () => {
      const min = elder ? 52 : 44;
      const urls = ["/", "/stations/", "/representatives/", "/representatives/former/", "/regions/", "/bulletins/", "/data/", "/search/", ...(await stationUrls(name)).slice(0, 8)];
      const { page, ctx } = await open(name, "/");
      const regions = await page.$$eval(".picker a", (as) => as.map((a) => a.getAttribute("href")));
      const reps = await (async () => {
        await page.goto(servers[name].base + "/representatives/");
        return page.$$eval(".names a", (as) => as.slice(0, 6).map((a) => a.getAttribute("href")));
      })();
      await ctx.close();
      const found = [];
      for (const url of [...urls, ...regions, ...reps]) {
        const o = await open(name, url, { elder });
        found.push(...(await problems(o.page, min)).map((p) => `${url}: ${p}`));
        // and with the menu open
        if (await o.page.isVisible("[data-menu-toggle]")) {
          await o.page.click("[data-menu-toggle]");
          found.push(...(await problems(o.page, min)).map((p) => `${url} (menu open): ${p}`));
        }
        await o.ctx.close();
      }
      assert.deepEqual(found, []);
    });

    test(`${name}, ${mode}: one tap from the home page to a township with a coming date`, async () => {
      const { page, ctx } = await open(name, "/", { elder });
      const picker = await page.$(".picker a");
      const box = await picker.boundingBox();
      assert.ok(box.y < 2 * PHONE.height, `the picker starts at ${Math.round(box.y)} px, within two screens`);
      const count = await page.$$eval(".picker a", (as) => as.length);
      let later = 0;
      for (let i = 0; i < count; i++) {
        await page.goto(servers[name].base + "/");
        const link = (await page.$$(".picker a"))[i];
        const label = await link.$eval(".pk-name", (e) => e.textContent);
        await link.click();
        await page.waitForURL(/\/regions\/\d+\/$/);
        assert.equal(await page.textContent("main h1"), label);
        const dates = await page.$$(".upcoming li time");
        const stations = await page.$$eval(".st-card", (cs) => cs.length);
        if (stations > 0) {
          assert.ok(dates.length > 0, `${label}: its page shows a coming date`);
          const heading = await page.textContent("#upcoming-h");
          if (heading === "近期接待日") {
            later += 1;
            assert.ok(await page.isVisible("text=本周没有接待安排"), `${label}: says the week has none`);
          }
          // every station of the township, each with its next reception or a word that there is none
          const cards = await page.$$eval(".st-card", (cs) => cs.map((c) => c.textContent));
          assert.ok(cards.every((c) => c.includes("下次接待") || c.includes("近期暂无接待日安排")), `${label}: ${cards}`);
        }
      }
      // The fixture's townships have no reception in the week of 2026-11-22: their pages
      // show the next dates beyond it.
      if (name === "good") assert.equal(later, count, "every township of the fixture falls back to later dates");
      await ctx.close();
    });
  }

  test(`${name}: 长辈模式 shows that it is on, and the header stays one row`, async () => {
    const { page, ctx } = await open(name, "/");
    const toggle = "button[data-elder-toggle]";
    const bar = async () => (await page.$(".header-bar")).boundingBox();
    const normal = await bar();
    assert.equal(await page.getAttribute(toggle, "aria-pressed"), "false");
    assert.equal((await page.innerText(toggle)).trim(), "长辈模式");
    await page.click(toggle);
    assert.equal(await page.getAttribute(toggle, "aria-pressed"), "true");
    assert.equal((await page.innerText(toggle)).trim(), "退出长辈模式");
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains("elder")));
    const elder = await bar();
    assert.ok(elder.height <= normal.height + 24 && elder.height <= 100, `header ${normal.height} → ${elder.height} px`);
    // it stays on across pages, and the same button turns it off
    await page.goto(servers[name].base + "/stations/");
    assert.equal((await page.innerText(toggle)).trim(), "退出长辈模式");
    await page.click(toggle);
    assert.equal(await page.getAttribute(toggle, "aria-pressed"), "false");
    assert.ok(!(await page.evaluate(() => document.documentElement.classList.contains("elder"))));
    await ctx.close();
  });

  test(`${name}: the menu, the notice and the township filter`, async () => {
    const { page, ctx } = await open(name, "/stations/");
    assert.ok(!(await page.isVisible(".site-nav")), "the menu is closed on a phone");
    await page.click("[data-menu-toggle]");
    assert.ok(await page.isVisible(".site-nav a[href='/bulletins/']"));
    assert.equal(await page.getAttribute("[data-menu-toggle]", "aria-expanded"), "true");
    // the notice closes and stays closed
    if (await page.$(".notice")) {
      await page.click("[data-notice-close]");
      assert.ok(!(await page.isVisible(".notice")));
      await page.reload();
      assert.ok(!(await page.isVisible(".notice")), "closed across pages");
    }
    // one township's stations only, then all again
    const chips = await page.$$("[data-group-filter]");
    if (chips.length > 2) {
      await chips[2].click();
      const visible = await page.$$eval(".st-group", (gs) => gs.filter((g) => !g.hidden).length);
      assert.equal(visible, 1);
      await chips[0].click();
      const all = await page.$$eval(".st-group", (gs) => gs.filter((g) => !g.hidden).length);
      assert.equal(all, chips.length - 1);
    }
    await ctx.close();
  });

  test(`${name}: the station card calls, navigates in 高德, and reads the next reception aloud`, async () => {
    const stub = () => {
      window.__spoken = [];
      Object.defineProperty(window, "speechSynthesis", { value: { speak: (u) => window.__spoken.push(u.text), cancel: () => {} } });
    };
    let checked = 0;
    for (const url of await stationUrls(name)) {
      const { page, ctx } = await open(name, url, { stub });
      const nav = await page.$(".next-card a.btn-nav");
      if (nav) {
        const href = await nav.getAttribute("href");
        assert.match(href, /^https:\/\/uri\.amap\.com\/marker\?position=\d+\.\d+,\d+\.\d+&name=[^&]+&coordinate=wgs84/);
        const alt = await page.$$eval(".map-alt a", (as) => as.map((a) => new URL(a.href).host));
        assert.deepEqual(alt, ["api.map.baidu.com", "apis.map.qq.com", "www.openstreetmap.org"]);
        checked += 1;
      }
      const call = await page.$(".next-card a.btn-call");
      if (call) assert.match(await call.getAttribute("href"), /^tel:[0-9+\-;=ext]+$/);
      const speak = await page.$(".next-card [data-speak]");
      if (speak) {
        await speak.click();
        const said = await page.evaluate(() => window.__spoken);
        const date = await page.textContent(".next-card .next-date");
        const station = await page.evaluate(() => document.querySelector("main h1").firstChild.textContent.trim());
        assert.equal(said.length, 1);
        assert.ok(said[0].includes(date) && said[0].includes(station), said[0]);
      }
      await ctx.close();
    }
    assert.ok(checked >= 1, "a station with a location");
  });

  test(`${name}: axe finds no WCAG 2.1 AA violation on the page kinds, in both modes`, async () => {
    const urls = ["/", "/stations/", (await stationUrls(name))[0], "/regions/", "/representatives/", "/representatives/former/", "/bulletins/", "/data/", "/search/", "/404.html"];
    // a station's ledger of a year, and a representative's 履职记录
    const { page: p0, ctx: c0 } = await open(name, "/stations/");
    for (const u of await stationUrls(name)) {
      await p0.goto(servers[name].base + u);
      const records = await p0.$eval("main .station-ledger .year-figs a", (a) => a.getAttribute("href")).catch(() => null);
      const rep = await p0.$eval("main .station-ledger .sugs a.name", (a) => a.getAttribute("href")).catch(() => null);
      if (records && rep) { urls.push(records, rep); break; }
    }
    await c0.close();
    assert.ok(urls.length === 12, "a station with ledger records");
    for (const elder of [false, true]) {
      for (const url of urls) {
        const { page, ctx } = await open(name, url, { elder });
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
        const v = result.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        assert.deepEqual(v, [], `${url}${elder ? " (长辈模式)" : ""}`);
        await ctx.close();
      }
    }
  });

  test(`${name}: the statistics at 375 px, in both modes: axe finds nothing, every chart has its table`, async () => {
    const { page: p0, ctx: c0 } = await open(name, "/stats/");
    const regionStats = await p0.$eval("main .stat-links a", (a) => a.getAttribute("href")).catch(() => null);
    await c0.close();
    for (const elder of [false, true]) {
      for (const url of ["/stats/", ...(regionStats ? [regionStats] : [])]) {
        const { page, ctx, errors } = await open(name, url, { elder, viewport: { width: 375, height: 812 } });
        const charts = await page.$$eval("main .chart-block", (bs) => bs.map((b) => [b.querySelectorAll("svg.chart .chart-bar").length, b.querySelectorAll("table tbody tr").length]));
        assert.ok(charts.length >= 9, `${url}: ${charts.length} charts`);
        for (const [bars, rows] of charts) assert.equal(bars, rows, `${url}: a chart and its table`);
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
        const v = result.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        assert.deepEqual(v, [], `${url}${elder ? " (长辈模式)" : ""}`);
        assert.deepEqual(await problems(page, elder ? 52 : 44), [], `${url}${elder ? " (长辈模式)" : ""}`);
        assert.deepEqual(errors, [], url);
        if (url === "/stats/") await page.screenshot({ path: path.join(shots, `${name}-stats-375${elder ? "-elder" : ""}.png`), fullPage: true });
        await ctx.close();
      }
    }
  });

  test(`${name}: every board prints on one A3 sheet and a notice on one A4 sheet`, async () => {
    // the first station whose page links a reception notice
    const stations = await stationUrls(name);
    let station = null;
    let notice = null;
    for (const url of stations) {
      const { page, ctx } = await open(name, url);
      notice = await page.$eval("main a[href*='/notices/']", (a) => a.getAttribute("href")).catch(() => null);
      await ctx.close();
      if (notice) { station = url; break; }
    }
    assert.ok(notice, "a station with an upcoming reception notice");
    // sizes in PostScript points, as pdfinfo prints them: A3 842 × 1191, A4 595 × 842
    const sheets = stations.map((url) => ["board", url + "board/", [842, 1191]]);
    sheets.push(["notice", notice, [595, 842]]);
    for (const [kind, url, size] of sheets) {
      const { page, ctx } = await open(name, url, { viewport: { width: 1280, height: 900 } });
      await page.emulateMedia({ media: "print" });
      const first = kind === "notice" || url === station + "board/";
      if (first) await page.screenshot({ path: path.join(shots, `${name}-${kind}-print.png`), fullPage: true });
      const file = path.join(shots, `${name}-${kind}.pdf`);
      await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
      await ctx.close();
      const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
      assert.match(info, /^Pages:\s+1$/m, `${url} prints on one sheet:\n${info}`);
      const [w, h] = info.match(/^Page size:\s+([\d.]+) x ([\d.]+)/m).slice(1).map(Number);
      assert.ok(Math.abs(w - size[0]) < 2 && Math.abs(h - size[1]) < 2, `${url}: ${w} x ${h} pt`);
    }
  });

  test(`${name}: screenshots at 390 and 1280 px in both modes`, async () => {
    const urls = { home: "/", station: (await stationUrls(name))[0], stations: "/stations/", representatives: "/representatives/", former: "/representatives/former/", data: "/data/" };
    urls.board = urls.station + "board/";
    urls.stats = "/stats/";
    const { page: p0, ctx: c0 } = await open(name, "/");
    urls.township = await p0.$eval(".picker a", (a) => a.getAttribute("href"));
    await c0.close();
    for (const width of [390, 1280]) {
      for (const elder of [false, true]) {
        for (const [kind, url] of Object.entries(urls)) {
          const { page, ctx } = await open(name, url, { elder, viewport: { width, height: width === 390 ? 844 : 900 } });
          const file = path.join(shots, `${name}-${kind}-${width}${elder ? "-elder" : ""}.png`);
          await page.screenshot({ path: file, fullPage: true });
          assert.ok(fs.statSync(file).size > 1000);
          await ctx.close();
        }
      }
    }
  });
}
