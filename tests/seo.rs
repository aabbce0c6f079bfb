//! Found by search engines: the sitemap and robots.txt, the Atom feed, and each page's title,
//! description, canonical link, Open Graph tags and schema.org JSON-LD, all parsed with real
//! parsers (roxmltree for XML, feed-rs for Atom, scraper and serde_json for pages).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use serde_json::Value;

const BASE: &str = "https://rd.qinglan.example.gov.cn";

fn built() -> Site {
    let site = Site::new("good");
    site.build().assert_ok();
    site
}

/// Every HTML file of the output as its URL (`index.html` → `/`, `a/index.html` → `/a/`).
fn page_urls(out: &Path) -> Vec<String> {
    let mut urls: Vec<String> = walk(out)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .map(|p| {
            let u = format!("/{p}");
            u.strip_suffix("index.html").map(str::to_string).unwrap_or(u)
        })
        .collect();
    urls.sort();
    urls
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

/// `(loc, lastmod)` of a urlset or sitemapindex document.
fn sitemap_entries(xml: &str, item: &str) -> Vec<(String, Option<String>)> {
    let doc = roxmltree::Document::parse(xml).expect("the sitemap is XML");
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    root.children()
        .filter(|n| n.is_element())
        .map(|n| {
            assert_eq!(n.tag_name().name(), item);
            let get = |name: &str| {
                n.children()
                    .find(|c| c.tag_name().name() == name)
                    .and_then(|c| c.text())
                    .map(str::to_string)
            };
            (get("loc").expect("a loc"), get("lastmod"))
        })
        .collect()
}

#[test]
fn every_page_is_in_the_sitemap_exactly_once() {
    let site = built();
    let xml = std::fs::read_to_string(site.out.join("sitemap.xml")).unwrap();
    assert_eq!(
        roxmltree::Document::parse(&xml)
            .unwrap()
            .root_element()
            .tag_name()
            .name(),
        "urlset"
    );
    let entries = sitemap_entries(&xml, "url");
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (loc, _) in &entries {
        *counts.entry(loc.clone()).or_default() += 1;
    }
    for (loc, n) in &counts {
        assert_eq!(*n, 1, "{loc} is listed {n} times");
        assert!(loc.starts_with(&format!("{BASE}/")), "not absolute: {loc}");
    }
    // every page but the 404 page, the search page, the wall boards and the notices (all noindex)
    let pages: Vec<String> = page_urls(&site.out)
        .into_iter()
        .filter(|u| u != "/404.html" && u != "/search/" && !u.ends_with("/board/") && !u.contains("/notices/"))
        .map(|u| format!("{BASE}{u}"))
        .collect();
    let listed: Vec<String> = counts.keys().cloned().collect();
    assert_eq!(listed, pages, "the sitemap lists exactly the pages");
    // lastmod comes from content dates: the issue date for an issue, the newest for the rest
    let lastmod: BTreeMap<String, Option<String>> = entries.into_iter().collect();
    assert_eq!(
        lastmod[&format!("{BASE}/bulletins/2025/2/")].as_deref(),
        Some("2025-09-18")
    );
    assert_eq!(
        lastmod[&format!("{BASE}/bulletins/2025/")].as_deref(),
        Some("2025-09-18")
    );
    assert_eq!(lastmod[&format!("{BASE}/bulletins/")].as_deref(), Some("2026-02-05"));
    assert_eq!(
        lastmod[&format!("{BASE}/stations/zhuxi-center/")],
        None,
        "no file times"
    );
    for d in lastmod.values().flatten() {
        assert!(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok(), "{d}");
    }
    // robots.txt points at it
    let robots = std::fs::read_to_string(site.out.join("robots.txt")).unwrap();
    assert!(
        robots.lines().any(|l| l == format!("Sitemap: {BASE}/sitemap.xml")),
        "{robots}"
    );
    assert!(robots.lines().any(|l| l == "User-agent: *"), "{robots}");
    // the pages that are not in it say so
    for url in ["/search/", "/stations/zhuxi-center/board/"] {
        let doc = site.page(url);
        assert_eq!(
            attr(one(&doc, r#"meta[name="robots"]"#, "robots meta"), "content"),
            Some("noindex"),
            "{url}"
        );
    }
}

#[test]
fn the_atom_feed_lists_issues_newest_first() {
    let site = built();
    let bytes = std::fs::read(site.out.join("bulletins/atom.xml")).unwrap();
    let feed = feed_rs::parser::parse(&bytes[..]).expect("a valid feed");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.id, format!("{BASE}/bulletins/atom.xml"));
    let links: Vec<(&str, Option<&str>)> = feed.links.iter().map(|l| (l.href.as_str(), l.rel.as_deref())).collect();
    assert!(
        links.contains(&(&format!("{BASE}/bulletins/atom.xml") as &str, Some("self"))),
        "{links:?}"
    );
    let entries: Vec<(String, String, String)> = feed
        .entries
        .iter()
        .map(|e| {
            (
                e.links[0].href.clone(),
                e.updated.expect("updated").to_rfc3339(),
                e.summary.as_ref().map(|s| s.content.clone()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0].0, format!("{BASE}/bulletins/2026/1/"), "newest first");
    assert_eq!(entries[1].0, format!("{BASE}/bulletins/2025/2/"));
    assert_eq!(entries[2].0, format!("{BASE}/bulletins/2025/1/"));
    // the issue date (in the site's time zone) is `updated`
    assert_eq!(entries[1].1, "2025-09-17T16:00:00+00:00");
    // the article titles are the summary
    let doc = site.page("/bulletins/2025/2/");
    let titles: Vec<String> = texts(&doc, r#"main article[id^="a"] > h2"#);
    assert!(!titles.is_empty());
    for t in &titles {
        assert!(
            entries[1].2.contains(t.as_str()),
            "summary {:?} lacks {t}",
            entries[1].2
        );
    }
    assert_eq!(
        feed.entries[0].title.as_ref().unwrap().content,
        "《联络动态》2026年第1期（总第33期）"
    );
}

fn graph(doc: &scraper::Html, path: &str) -> Vec<Value> {
    let scripts = select(doc, r#"script[type="application/ld+json"]"#);
    assert_eq!(scripts.len(), 1, "{path}: one JSON-LD script");
    let v: Value = serde_json::from_str(&scripts[0].inner_html()).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(v["@context"], "https://schema.org");
    v["@graph"].as_array().cloned().unwrap_or_default()
}

fn of_type<'a>(g: &'a [Value], t: &str) -> Vec<&'a Value> {
    g.iter().filter(|n| n["@type"] == t).collect()
}

#[test]
fn every_page_has_metadata_and_a_breadcrumb_list() {
    let site = built();
    for (path, doc) in html_pages(&site.out) {
        let url = format!("/{path}");
        let url = url.strip_suffix("index.html").map(str::to_string).unwrap_or(url);
        let title = text(one(&doc, "title", &path));
        assert!(!title.is_empty(), "{path}: empty <title>");
        let desc = attr(one(&doc, r#"meta[name="description"]"#, &path), "content").unwrap_or("");
        assert!(!desc.trim().is_empty(), "{path}: empty description");
        assert_eq!(
            attr(one(&doc, r#"meta[name="applicable-device"]"#, &path), "content"),
            Some("pc,mobile"),
            "{path}"
        );
        assert_eq!(
            attr(one(&doc, r#"meta[property="og:url"]"#, &path), "content"),
            Some(format!("{BASE}{url}").as_str()),
            "{path}"
        );
        for p in ["og:title", "og:description", "og:type", "og:site_name"] {
            let v = attr(one(&doc, &format!(r#"meta[property="{p}"]"#), &path), "content").unwrap_or("");
            assert!(!v.is_empty(), "{path}: {p}");
        }
        let g = graph(&doc, &path);
        let crumbs = of_type(&g, "BreadcrumbList");
        assert_eq!(crumbs.len(), 1, "{path}: one BreadcrumbList");
        let items = crumbs[0]["itemListElement"].as_array().unwrap();
        assert_eq!(
            items.last().unwrap()["item"],
            format!("{BASE}{url}"),
            "{path}: the list ends at the page"
        );
        for (i, it) in items.iter().enumerate() {
            assert_eq!(it["position"], i + 1, "{path}");
            assert!(it["item"].as_str().unwrap().starts_with(BASE), "{path}");
        }
    }
}

#[test]
fn json_ld_of_each_page_kind() {
    let site = built();
    // home: the site and its search
    let g = graph(&site.page("/"), "home");
    let web = of_type(&g, "WebSite");
    assert_eq!(web.len(), 1);
    assert_eq!(web[0]["potentialAction"]["@type"], "SearchAction");
    assert!(
        web[0]["potentialAction"]["target"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{BASE}/search/?q="))
    );

    // a station: GovernmentOffice with address, geo and opening hours
    let g = graph(&site.page("/stations/zhuxi-center/"), "station");
    let office = of_type(&g, "GovernmentOffice");
    assert_eq!(office.len(), 1);
    let o = office[0];
    assert_eq!(o["name"], "竹溪镇人大代表中心联络站");
    assert_eq!(o["address"]["@type"], "PostalAddress");
    assert_eq!(o["address"]["addressRegion"], "四川省");
    assert!(o["address"]["streetAddress"].as_str().unwrap().contains("竹溪镇"));
    assert_eq!(o["geo"]["@type"], "GeoCoordinates");
    assert!(o["geo"]["latitude"].is_number() && o["geo"]["longitude"].is_number());
    let hours: Vec<&str> = o["openingHours"]
        .as_array()
        .expect("openingHours")
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert!(
        !hours.is_empty() && hours.iter().all(|h| h.starts_with("Mo-Fr ")),
        "{hours:?}"
    );
    assert!(!of_type(&g, "Event").is_empty(), "reception events");

    // a representative: Person, member of each level's congress, working at the station
    let g = graph(&site.page("/representatives/li-jianguo/"), "representative");
    let people = of_type(&g, "Person");
    assert_eq!(people.len(), 1);
    let p = people[0];
    assert_eq!(p["name"], "李建国");
    let member: Vec<&str> = p["memberOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        member,
        ["青岚县人民代表大会", "竹溪镇人民代表大会"],
        "county and township congress"
    );
    assert_eq!(p["workLocation"]["@type"], "Place");
    assert_eq!(p["workLocation"]["name"], "竹溪镇人大代表中心联络站");

    // an issue: PublicationIssue in the Periodical, articles as NewsArticle parts
    let doc = site.page("/bulletins/2026/1/");
    let g = graph(&doc, "issue");
    let issue = of_type(&g, "PublicationIssue");
    assert_eq!(issue.len(), 1);
    let i = issue[0];
    assert_eq!(i["issueNumber"], "1");
    assert_eq!(i["datePublished"], "2026-02-05");
    assert_eq!(i["isPartOf"]["@type"], "Periodical");
    assert_eq!(i["isPartOf"]["name"], "联络动态");
    let parts = i["hasPart"].as_array().unwrap();
    let titles = texts(&doc, r#"main article[id^="a"] > h2"#);
    assert_eq!(titles.len(), 3, "the issue has three articles: {titles:?}");
    assert_eq!(parts.len(), titles.len());
    for (part, title) in parts.iter().zip(&titles) {
        assert_eq!(part["@type"], "NewsArticle");
        assert_eq!(&part["headline"], title);
        assert!(
            part["url"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{BASE}/bulletins/2026/1/#a"))
        );
    }
}
