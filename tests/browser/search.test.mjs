// A real browser test: Debian's headless Chromium, driven by playwright-core, against the demo
// site built by liaison and served on 127.0.0.1. Typing a representative's name, a township's
// name and a phrase from a bulletin must each put the right page first.
//
//   SITE=path/to/built/site node --test      (default: ../../target/browser-site)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, site } from "./harness.mjs";

const root = site("SITE", "../../target/browser-site");
let server, base, browser;

before(async () => {
  server = await serve(root);
  base = server.base;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/// Types `q` into the search page's box and returns the results as {kind, title, href}.
/// No request of the page may fail (every file it asks for exists).
async function search(q, excerpts = false) {
  const page = await browser.newPage();
  const errors = [];
  const missing = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${base}/search/`);
  await page.fill("[data-search-input]", q);
  await page.waitForFunction(() => {
    const s = document.querySelector("[data-search-status]").textContent;
    return s && s !== "正在搜索…";
  }, null, { timeout: 20000 });
  const results = await page.$$eval("[data-search-results] > li", (lis, excerpts) =>
    lis.map((li) => {
      const r = { kind: li.querySelector(".badge").textContent, title: li.querySelector("a").textContent, href: li.querySelector("a").getAttribute("href") };
      if (excerpts) {
        r.excerpt = li.querySelector(".excerpt")?.textContent || "";
        r.marks = [...li.querySelectorAll(".excerpt mark")].map((m) => m.textContent);
      }
      return r;
    }), excerpts);
  await page.close();
  assert.deepEqual(errors, [], "no script errors");
  assert.deepEqual(missing, [], `no failed requests while searching for ${q}`);
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

test("a village's name leads to the station that serves it", async () => {
  // 茅坡村 has no station of its own: the 板栗坪 片区 station serves it (`serves`)
  const r = await search("茅坡村");
  assert.deepEqual(r[0].href, "/regions/430988100203/", JSON.stringify(r));
  assert.ok(r.slice(0, 3).some((x) => x.href === "/stations/shuikouzhen-banliping-area/"), JSON.stringify(r));
});

test("a word from a voter's suggestion finds the suggestion, its reply on its station's ledger", async () => {
  // the demo's ledger: suggestions asking for 减速带 at school gates, some already done
  const r = await search("减速带");
  assert.ok(r.length >= 1, JSON.stringify(r));
  assert.equal(r[0].kind, "台账", JSON.stringify(r[0]));
  assert.match(r[0].href, /^\/stations\/[a-z-]+\/records\/2026\/#s-/, JSON.stringify(r[0]));
  assert.match(r[0].title, /减速带/);
  // and the ledgers, which name stations and people, do not push them from the top
  const byName = await search("水口镇人大代表中心联络站");
  assert.equal(byName[0].href, "/stations/shuikouzhen-center/", JSON.stringify(byName.slice(0, 3)));
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

test("a representative's or a station's phone number finds them first", async () => {
  let r = await search("13607379547");
  assert.deepEqual(r[0], { kind: "代表", title: "张伟", href: "/representatives/zhang-wei/" });
  r = await search("0737-8101201");
  assert.deepEqual(r[0], { kind: "站点", title: "水口镇人大代表中心联络站", href: "/stations/shuikouzhen-center/" });
  // the local number alone, as a voter reads it off a board
  r = await search("8101201");
  assert.equal(r[0].href, "/stations/shuikouzhen-center/");
});

test("pinyin and initials find a name", async () => {
  for (const q of ["zhangwei", "ZhangWei", "zw"]) {
    const r = await search(q);
    assert.ok(r.length >= 2, `${q}: ${JSON.stringify(r)}`);
    const top = r.slice(0, 2).map((x) => x.href).sort();
    if (q !== "zw") assert.deepEqual(top, ["/representatives/zhang-wei-2/", "/representatives/zhang-wei/"], q);
    assert.ok(r.some((x) => x.href === "/representatives/zhang-wei/"), `${q}: ${JSON.stringify(r)}`);
  }
  const r = await search("ouyanghui");
  assert.deepEqual(r[0], { kind: "代表", title: "欧阳慧", href: "/representatives/ouyang-hui/" });
});

test("a phrase gets an excerpt around it, marked whole", async () => {
  const r = await search("栗苞开裂", true);
  const hit = r.find((x) => x.href === "/bulletins/2025/3/#a1");
  assert.ok(hit, JSON.stringify(r));
  assert.ok(hit.marks.includes("栗苞开裂"), `marked whole: ${JSON.stringify(hit)}`);
  assert.ok(!hit.excerpt.startsWith("板栗坪片区"), "the excerpt is around the phrase, not the start of the article");
});

test("the search box's placeholder fits on a phone", async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await page.goto(`${base}/search/`);
  for (const sel of ["#search-q", "#q"]) {
    await page.evaluate(() => document.documentElement.classList.add("menu-open"));
    const fits = await page.$eval(sel, (input) => {
      const style = getComputedStyle(input);
      const c = document.createElement("canvas").getContext("2d");
      c.font = `${style.fontSize} ${style.fontFamily}`;
      const text = input.placeholder || "";
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { width: c.measureText(text).width, room, text };
    });
    assert.ok(fits.width <= fits.room, `${sel}: "${fits.text}" is ${fits.width} px in ${fits.room} px`);
  }
  await ctx.close();
});
