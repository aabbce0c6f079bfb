// Site search on /search/: loads Pagefind's index from /pagefind/ (built by `liaison build`)
// with its other parts if it has any, searches as the visitor types and lists each result's
// kind, title, and region or date.
// A station's record holds its representatives and an issue's record its articles as
// sections; matches inside them come back as sub-results and are listed as results of their
// own (a representative links to their page). Results are built with DOM methods only:
// nothing from the index is inserted as HTML.
const form = document.querySelector("[data-search-form]");
const input = document.querySelector("[data-search-input]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const SHOW = 20;
// How many matching records are loaded to build the list (each is one small download).
const CONSIDER = 10;
const REP = "rep-";

// A large site's index comes in parts (/search/parts.json lists them, the first being
// /pagefind/): the others are merged into the first, with the same settings, so that one
// search asks every part and ranks their results together.
const SETTINGS = { excerptLength: 24, ranking: { termFrequency: 0.1, metaWeights: { title: 10 } } };
async function parts() {
  try {
    const res = await fetch("/search/parts.json");
    if (res.ok) return (await res.json()).parts || [];
  } catch (e) { /* a site built before the index had parts: the one bundle */ }
  return [];
}
// Loaded once: a second keystroke while the first is still loading waits for the same engine.
let loading = null;
function engine() {
  loading ||= (async () => {
    const [pf, list] = await Promise.all([import("/pagefind/pagefind.js"), parts()]);
    await pf.options({ noWorker: true, ...SETTINGS });
    await pf.init();
    await Promise.all(list.filter((p) => p !== "/pagefind/").map((p) => pf.mergeIndex(p, SETTINGS)));
    return pf;
  })();
  return loading;
}

// The results one record gives: the record itself when the match is outside its sections,
// and one per matching section.
function flatten(d) {
  const out = [];
  let page = (d.sub_results || []).length === 0;
  for (const sub of d.sub_results || []) {
    const at = sub.url.indexOf("#");
    const id = at >= 0 ? sub.url.slice(at + 1) : "";
    if (!id) {
      page = true;
    } else if (id.startsWith(REP)) {
      out.push({ kind: "代表", title: sub.title, url: `/representatives/${id.slice(REP.length)}/`, context: d.meta.title, excerpt: sub.excerpt });
    } else {
      out.push({ kind: d.meta.kind, title: sub.title, url: sub.url, context: `${d.meta.title} · ${d.meta.context || ""}`, excerpt: sub.excerpt });
    }
  }
  if (page) out.unshift({ kind: d.meta.kind, title: d.meta.title, url: d.url, context: d.meta.context, excerpt: d.excerpt });
  return out;
}

// Pagefind marks the words found with <mark>; keep those as elements, everything else as text.
function excerpt(text) {
  const p = document.createElement("p");
  p.className = "excerpt";
  let marked = false;
  for (const part of (text || "").split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") { marked = true; continue; }
    if (part === "</mark>") { marked = false; continue; }
    const t = document.createTextNode(part.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&"));
    if (marked) { const m = document.createElement("mark"); m.appendChild(t); p.appendChild(m); } else { p.appendChild(t); }
  }
  return p;
}

// A phrase typed as it is written (more than one character) is found in the record's text and
// shown where it is, marked whole: Pagefind's own excerpt marks single characters and often
// shows the start of the article.
const BEFORE = 24, AFTER = 56;
function phraseExcerpt(content, q) {
  if (!content || [...q].length < 2) return null;
  const at = content.indexOf(q);
  if (at < 0) return null;
  const esc = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const start = Math.max(0, at - BEFORE);
  const end = Math.min(content.length, at + q.length + AFTER);
  return (start > 0 ? "…" : "") + esc(content.slice(start, at)) + "<mark>" + esc(q) + "</mark>" + esc(content.slice(at + q.length, end)) + (end < content.length ? "…" : "");
}

function item(r) {
  const li = document.createElement("li");
  const kind = document.createElement("span");
  kind.className = "badge";
  kind.textContent = r.kind || "";
  const a = document.createElement("a");
  a.href = r.url;
  a.textContent = r.title || r.url;
  const head = document.createElement("p");
  head.className = "result-head";
  head.append(kind, " ", a);
  li.append(head);
  if (r.context) {
    const c = document.createElement("p");
    c.className = "note";
    c.textContent = r.context;
    li.append(c);
  }
  li.append(excerpt(r.excerpt));
  return li;
}

// The exact-name table (built by liaison): the people, stations and regions whose name, pinyin,
// initials or phone number is the whole query, to list first. The table is a fixed number of
// files (meta.json says how many), each holding the keys whose FNV-1a hash falls in it, so the
// page asks for one file that exists, never for ones that might not.
function normalize(q) {
  const t = q.replace(/\s+/g, "").toLowerCase();
  return /\d/.test(t) && /^[\d\-+()（）—－]+$/.test(t) ? t.replace(/\D/g, "") : t;
}
function bucket(key, buckets) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(key)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h & (buckets - 1)) >>> 0;
}
let meta = null;
async function exact(q) {
  const key = normalize(q);
  if (!key) return [];
  try {
    if (!meta) meta = await (await fetch("/search/names/meta.json")).json();
    const res = await fetch(`/search/names/${bucket(key, meta.buckets).toString(16)}.json`);
    if (!res.ok) return [];
    const entries = await res.json();
    return entries.filter((e) => e.x === key).map((e) => ({ kind: e.k, title: e.n, url: e.u, context: e.c, excerpt: "" }));
  } catch {
    return [];
  }
}

let latest = 0;
async function run(q) {
  const mine = ++latest;
  q = q.trim();
  list.replaceChildren();
  if (!q) { status.textContent = ""; return; }
  status.textContent = "正在搜索…";
  const [pf, named] = await Promise.all([engine(), exact(q)]);
  const found = await pf.search(q);
  if (mine !== latest) return;
  const data = await Promise.all(found.results.slice(0, CONSIDER).map((r) => r.data()));
  if (mine !== latest) return;
  const seen = new Set(named.map((r) => r.url));
  // An exact name first (a township's page for its name, a person's page for theirs), then
  // names that start with the query, then Pagefind's order.
  const rank = (r) => {
    const t = (r.title || "").trim();
    return t === q ? 0 : t.startsWith(q) ? 1 : 2;
  };
  const found_items = data.flatMap((d) => flatten(d).map((r) => ({ ...r, excerpt: phraseExcerpt(d.content, q) || r.excerpt }))).filter((r) => !seen.has(r.url));
  const items = named.concat(found_items).map((r, i) => [rank(r), i, r]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
  list.replaceChildren(...items.slice(0, SHOW).map(item));
  if (!items.length) status.textContent = "没有找到结果，请换个词试试。";
  else if (items.length > SHOW || found.results.length > CONSIDER) status.textContent = `结果较多，显示最相关的 ${Math.min(items.length, SHOW)} 条；输入更具体的词可以缩小范围。`;
  else status.textContent = `找到 ${items.length} 条结果。`;
}

let timer = null;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  }, 250);
});
form.addEventListener("submit", (e) => {
  e.preventDefault();
  clearTimeout(timer);
  run(input.value);
});
const initial = new URLSearchParams(location.search).get("q");
if (initial) { input.value = initial; run(initial); }
