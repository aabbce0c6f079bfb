//! Hostile content: tests/fixtures/hostile/ (an overlay over tests/fixtures/good/) puts script
//! tags, attribute breakouts, event handlers and `javascript:` links into every text field that
//! reaches a page. The site must build, no page may contain anything active, and every string
//! must be shown as the text it is.

mod common;

use std::fs;

use common::*;
use scraper::{ElementRef, Html};

// The hostile values, as written in tests/fixtures/hostile/.
const SITE_TITLE: &str = "青岚<script>alert(1)</script>站";
const SITE_DESCRIPTION: &str = r#"简介"><img src=x onerror=alert(1)>' onmouseover='x"#;
const FOOTER: &[&str] = &[
    r#"主办"><script>alert(1)</script>"#,
    "' onmouseover='x",
    r#"<a href="javascript:alert(1)">备案</a>"#,
    r#""><iframe src=javascript:alert(1)></iframe>"#,
    "联系<img src=x onerror=alert(1)>",
];
const NOTICE: &str = r#"通知<script>alert(1)</script>"><img src=x onerror=alert(1)>"#;
const REGION_COUNTY: &str = r#"青岚县"><script>alert(1)</script>"#;
const REGION_TOWN: &str = "竹溪镇' onmouseover='x";
const STATION_NAME: &str = r#"竹溪"><img src=x onerror=alert(1)>站"#;
const STATION_ADDRESS: &str = "河街<script>alert(1)</script>12号";
const STATION_PHONE: &str = r#"0833-6101201"><script>alert(1)</script>"#;
const STATION_HOURS: &str = "' onmouseover='x 08:30";
const MANAGER_NAME: &str = r#"罗<a href="javascript:alert(1)">文静</a>"#;
const MANAGER_ROLE: &str = "' onmouseover='x";
const MANAGER_PHONE: &str = r#"0833-6101202"><img src=x onerror=alert(1)>"#;
const LIAISON_NAME: &str = r#"陶"><svg onload=alert(1)>"#;
const LIAISON_PHONE: &str = "13900001111 javascript:alert(1)";
const RECEPTION_TITLE: &str = r#"接待<script>alert(1)</script>"><img src=x onerror=alert(1)>"#;
const REP_NAME: &str = r#"李"><script>alert(1)</script>"#;
const REP_DELEGATION: &str = "' onmouseover='x";
const REP_UNIT: &str = r#"<a href="javascript:alert(1)">南坪村</a>"#;
const REP_POSITION: &str = r#""><img src=x onerror=alert(1)>"#;
const REP_PHONE: &str = "13900002002<script>alert(1)</script>";
const PUBLISHER: &str = "联工委<script>alert(1)</script>";
const EDITORS: &[&str] = &[r#""><img src=x onerror=alert(1)>"#, "' onmouseover='x"];
const CONTACT: &str = r#"<a href="javascript:alert(1)">电话</a>"#;
const APPROVAL: &str = r#"批准"><iframe src=javascript:alert(1)>"#;
const RECIPIENTS: &[&str] = &["<script>alert(1)</script>", r#""><img src=x onerror=alert(1)>"#];
const ARTICLE_TITLE: &str = r#"标题 ' onmouseover='x 与 "引号""#;
const ARTICLE_SUBTITLE: &str = "——副题 ' onmouseover='x";
const ARTICLE_ATTRIBUTION: &str = "' onmouseover='x 某镇供稿";
const PAGE_TITLE: &str = r#"关于"><script>alert(1)</script>"#;
const PAGE_DESCRIPTION: &str = r#"描述"><img src=x onerror=alert(1)>"#;

fn built() -> Site {
    let site = Site::with_overlay("good", "hostile");
    site.build().assert_ok();
    site
}

/// Lowercased, without the whitespace and control characters browsers ignore in a URL.
fn normalized_url(v: &str) -> String {
    v.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase()
}

const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
    "srcdoc",
];

/// Everything active on a page: scripts other than the theme's, frames and plug-ins, event
/// handler attributes, script URLs.
fn violations(path: &str, doc: &Html) -> Vec<String> {
    let mut v = Vec::new();
    for s in select(doc, "script") {
        let src = attr(s, "src");
        let ty = attr(s, "type");
        let body: String = s.text().collect();
        if ty == Some("application/ld+json") && src.is_none() {
            if serde_json::from_str::<serde_json::Value>(&body).is_err() {
                v.push(format!("{path}: JSON-LD that does not parse: {}", s.html()));
            }
        } else if path == "search/index.html"
            && src == Some("/assets/search.js")
            && ty == Some("module")
            && body.trim().is_empty()
        {
            // the search page's own module, and only there
        } else if src.is_none() && ty.is_none() && body == THEME_BOOT {
            // the theme's own line in <head> that applies the stored 长辈模式
        } else if src != Some("/assets/liaison.js") || !body.trim().is_empty() {
            v.push(format!("{path}: <script> {}", s.html()));
        }
    }
    for tag in [
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "form[action^=\"j\"]",
    ] {
        for e in select(doc, tag) {
            v.push(format!("{path}: <{tag}> {}", e.html()));
        }
    }
    for e in select(doc, "main style, main link, main meta, meta[http-equiv]") {
        v.push(format!("{path}: {}", e.html()));
    }
    for e in select(doc, "*") {
        for (name, value) in e.value().attrs() {
            let lname = name.to_ascii_lowercase();
            if lname.starts_with("on") {
                v.push(format!(
                    "{path}: event handler {name}={value:?} on <{}>",
                    e.value().name()
                ));
            }
            if URL_ATTRS.contains(&lname.as_str()) || lname.ends_with(":href") {
                let u = normalized_url(value);
                let data_image = u.starts_with("data:image/") && lname == "src";
                if u.starts_with("javascript:") || u.starts_with("vbscript:") || (u.starts_with("data:") && !data_image)
                {
                    v.push(format!("{path}: {name}={value:?} on <{}>", e.value().name()));
                }
            }
            if lname == "style" && value.to_ascii_lowercase().contains("expression") {
                v.push(format!("{path}: style={value:?}"));
            }
        }
    }
    // the `<img src=x>` of the hostile strings must never become an element
    for e in select(doc, "img") {
        if attr(e, "src") == Some("x") {
            v.push(format!("{path}: {}", e.html()));
        }
    }
    v
}

#[test]
fn hostile_site_builds_and_no_page_contains_anything_active() {
    let site = built();
    let pages = html_pages(&site.out);
    assert!(pages.len() > 30, "only {} pages", pages.len());
    let mut all = Vec::new();
    for (path, doc) in &pages {
        all.extend(violations(path, doc));
    }
    assert!(all.is_empty(), "{} problems:\n{}", all.len(), all.join("\n"));
}

fn dd_texts(doc: &Html) -> Vec<String> {
    texts(doc, "main dd")
}

fn assert_shown(what: &str, haystack: &[String], needle: &str) {
    assert!(
        haystack.iter().any(|h| h.contains(needle)),
        "{what}: `{needle}` is not shown as text; texts are {haystack:#?}"
    );
}

fn title_of(doc: &Html) -> String {
    text(one(doc, "head > title", "title"))
}

fn h1_own(doc: &Html) -> String {
    own_text(one(doc, "main h1", "h1"))
}

#[test]
fn site_settings_are_shown_as_text() {
    let site = built();
    let doc = site.page("/");
    assert_eq!(title_of(&doc), SITE_TITLE, "<title>");
    assert_eq!(text(one(&doc, "header a[href=\"/\"]", "site title link")), SITE_TITLE);
    assert_eq!(text(one(&doc, "main h1", "home h1")), SITE_TITLE);
    let desc = one(&doc, r#"meta[name="description"]"#, "meta description");
    assert_eq!(attr(desc, "content"), Some(SITE_DESCRIPTION));
    assert_shown("description", &texts(&doc, "main p"), SITE_DESCRIPTION);
    let body = vec![body_text(&doc)];
    assert_shown("[extra] notice", &body, NOTICE);
    let footer = texts(&doc, "footer dd");
    for f in FOOTER {
        assert_shown("footer", &footer, f);
    }
    // a hostile region name in the region tree
    // a hostile township name in the picker, and the county's on /regions/
    assert_shown("region picker", &texts(&doc, "main .picker a"), REGION_TOWN);
    assert_shown("region tree", &texts(&site.page("/regions/"), "main a"), REGION_COUNTY);
    // and on other pages: <title> suffix
    let doc = site.page("/stations/");
    assert_eq!(title_of(&doc), format!("联络站 · {SITE_TITLE}"));
}

#[test]
fn station_fields_are_shown_as_text() {
    let site = built();
    let doc = site.page("/stations/zhuxi-center/");
    assert_eq!(h1_own(&doc), STATION_NAME, "station <h1>");
    assert_eq!(title_of(&doc), format!("{STATION_NAME} · {SITE_TITLE}"));
    let desc = attr(one(&doc, r#"meta[name="description"]"#, "description"), "content")
        .unwrap()
        .to_string();
    assert!(
        desc.contains(STATION_NAME) && desc.contains(STATION_ADDRESS),
        "meta description: {desc}"
    );
    let dds = dd_texts(&doc);
    assert_shown("address", &dds, STATION_ADDRESS);
    assert_shown("hours", &dds, STATION_HOURS);
    assert_shown("manager name", &dds, MANAGER_NAME);
    assert_shown("manager role", &dds, MANAGER_ROLE);
    assert_shown("liaison name", &dds, LIAISON_NAME);
    let tel_texts = texts(&doc, "main a[href^=\"tel:\"]");
    for p in [STATION_PHONE, MANAGER_PHONE, LIAISON_PHONE] {
        assert!(
            tel_texts.iter().any(|t| t == p),
            "phone `{p}` is not the text of a tel: link: {tel_texts:?}"
        );
    }
    for a in select(&doc, "main a[href^=\"tel:\"]") {
        let h = attr(a, "href").unwrap();
        assert!(
            h[4..].chars().all(|c| c.is_ascii_digit() || c == '+' || c == '-'),
            "tel: link with more than digits: {h}"
        );
    }
    assert_shown(
        "reception title",
        &texts(&doc, "main .reception h3, main .reception"),
        RECEPTION_TITLE,
    );
    let links = texts(&doc, "main a");
    assert_shown("region path", &links, REGION_COUNTY);
    assert_shown("region path", &links, REGION_TOWN);
    assert_shown("representative on duty", &links, REP_NAME);
    assert!(
        links.iter().any(|l| l == REP_NAME),
        "representative link text: {links:?}"
    );
    // the breadcrumbs
    assert_shown("breadcrumbs", &texts(&doc, "nav li"), REGION_TOWN);

    // the Markdown introduction keeps some text but no markup of its own
    let intro: Vec<String> = texts(&doc, "main .content");
    assert!(!intro.is_empty());

    // the stations list and the region page
    let doc = site.page("/stations/");
    assert_shown("stations list", &texts(&doc, "main a"), STATION_NAME);
    assert_shown("stations list", &texts(&doc, "main li"), STATION_ADDRESS);
    let doc = site.page("/regions/511199101/");
    assert_eq!(text(one(&doc, "main h1", "region h1")), REGION_TOWN);
    assert_shown("region page", &texts(&doc, "main a"), STATION_NAME);
    let doc = site.page("/regions/511199/");
    assert_eq!(text(one(&doc, "main h1", "region h1")), REGION_COUNTY);
}

#[test]
fn representative_fields_are_shown_as_text() {
    let site = built();
    let doc = site.page("/representatives/li-jianguo/");
    assert_eq!(text(one(&doc, "main h1", "rep h1")), REP_NAME);
    assert_eq!(title_of(&doc), format!("{REP_NAME}（县、乡镇人大代表） · {SITE_TITLE}"));
    let dds = dd_texts(&doc);
    assert_shown("delegation", &dds, REP_DELEGATION);
    assert_shown("unit", &dds, REP_UNIT);
    assert_shown("position", &dds, REP_POSITION);
    let tel = texts(&doc, "main a[href^=\"tel:\"]");
    assert_eq!(tel, [REP_PHONE], "phone as the text of its tel: link");
    assert_shown("station link", &texts(&doc, "main a"), STATION_NAME);
    let doc = site.page("/representatives/");
    assert!(
        texts(&doc, "main a").iter().any(|t| t == REP_NAME),
        "representatives list"
    );
}

#[test]
fn bulletin_fields_are_shown_as_text() {
    let site = built();
    let doc = site.page("/bulletins/2026/1/");
    let body = vec![body_text(&doc)];
    assert_shown("publisher + 编", &body, &format!("{PUBLISHER}编"));
    let colophon = texts(&doc, "main .colophon");
    assert!(!colophon.is_empty(), "no colophon");
    for e in EDITORS {
        assert_shown("editor", &colophon, e);
    }
    for r in RECIPIENTS {
        assert_shown("recipient", &colophon, r);
    }
    assert_shown("contact", &colophon, CONTACT);
    assert_shown("approval", &colophon, APPROVAL);

    let toc: Vec<String> = select(&doc, "main a[href^=\"#\"]")
        .into_iter()
        .filter(|a| attr(*a, "href") != Some("#main"))
        .map(text)
        .collect();
    assert_eq!(
        toc.first().map(String::as_str),
        Some(ARTICLE_TITLE),
        "contents: {toc:?}"
    );
    let first: ElementRef = one(&doc, "main article[id]", "first article");
    assert!(text(first).contains(ARTICLE_SUBTITLE), "subtitle in {}", text(first));
    let attribution = text(one(&doc, "main .attribution", "attribution"));
    assert_eq!(
        attribution.trim_start_matches('（').trim_end_matches('）'),
        ARTICLE_ATTRIBUTION
    );
    // the issue lists on the home page and the archive show the title as text too
    assert_shown("latest issues", &texts(&site.page("/"), "main li"), ARTICLE_TITLE);
    assert_shown("archive", &texts(&site.page("/bulletins/"), "main li"), ARTICLE_TITLE);
}

#[test]
fn free_page_fields_are_shown_as_text() {
    let site = built();
    let doc = site.page("/about/");
    assert_eq!(text(one(&doc, "main h1", "page h1")), PAGE_TITLE);
    assert_eq!(title_of(&doc), format!("{PAGE_TITLE} · {SITE_TITLE}"));
    let desc = one(&doc, r#"meta[name="description"]"#, "meta description");
    assert_eq!(attr(desc, "content"), Some(PAGE_DESCRIPTION));
    // the menu of every page
    for url in ["/", "/404.html", "/stations/zhuxi-center/"] {
        let doc = site.page(url);
        let menu: Vec<String> = select(&doc, "a[href=\"/about/\"]").into_iter().map(text).collect();
        assert!(menu.iter().any(|t| t == PAGE_TITLE), "{url}: menu item {menu:?}");
    }
}

/// The feeds carry the same strings, escaped for XML; the calendar cannot be split by a
/// line break inside a value.
#[test]
fn feeds_sitemap_and_calendar_are_escaped() {
    let site = built();
    for u in ["/bulletins/atom.xml", "/sitemap.xml"] {
        let path = site.file(u);
        let xml = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{u}: {e}"));
        for raw in ["<script", "<img", "<iframe", "<a href"] {
            assert!(!xml.contains(raw), "{u} contains a raw `{raw}`:\n{xml}");
        }
    }
    let atom = fs::read_to_string(site.file("/bulletins/atom.xml")).unwrap();
    assert!(
        atom.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || atom.contains("&lt;script>alert(1)&lt;/script>"),
        "the hostile titles are not in the feed as escaped text:\n{atom}"
    );

    let ics = fs::read_to_string(site.file("/stations/zhuxi-center/reception.ics")).unwrap();
    // unfold (RFC 5545 3.1), then every line is NAME[;PARAM=...]:VALUE
    let unfolded = ics.replace("\r\n ", "").replace("\n ", "");
    let lines: Vec<&str> = unfolded.lines().filter(|l| !l.is_empty()).collect();
    for l in &lines {
        let name_end = l
            .find([':', ';'])
            .unwrap_or_else(|| panic!("not a content line: {l:?}"));
        let name = &l[..name_end];
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
            "not a content line: {l:?}"
        );
    }
    let begins = lines.iter().filter(|l| **l == "BEGIN:VEVENT").count();
    assert_eq!(
        begins, 2,
        "two receptions, two events (a title must not add one):\n{ics}"
    );
    assert!(!lines.iter().any(|l| l.starts_with("SUMMARY:injected")), "{ics}");
}

/// The checks above must catch what they look for.
#[test]
fn the_checks_catch_active_content() {
    let bad = Html::parse_document(
        r#"<html><head><script src="/assets/liaison.js"></script><script>alert(1)</script></head><body><main>
        <img src=x onerror=alert(1)><a href=" JaVaScRiPt:alert(1)">a</a><a href="java&#x09;script:alert(1)">b</a>
        <iframe src="https://example.com/"></iframe><a href="data:text/html,x">c</a><div onclick="x">d</div>
        <script type="application/ld+json">{not json</script></main></body></html>"#,
    );
    let v = violations("test", &bad);
    for needle in [
        "alert(1)</script>",
        "onerror",
        " JaVaScRiPt",
        r"java\tscript",
        "<iframe>",
        "data:text/html",
        "onclick",
        "JSON-LD",
    ] {
        assert!(v.iter().any(|x| x.contains(needle)), "`{needle}` not caught: {v:#?}");
    }
    let good = Html::parse_document(
        r#"<html><head><script src="/assets/liaison.js"></script><script type="application/ld+json">{"a":1}</script></head>
        <body><main><a href="/x/">x</a><img src="data:image/png;base64,AA" alt=""></main></body></html>"#,
    );
    assert_eq!(violations("test", &good), Vec::<String>::new());
}
