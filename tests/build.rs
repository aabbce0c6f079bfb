//! Builds tests/fixtures/good with the real binary and checks the output against the contract
//! (the contract of content layout, keys and URLs, and docs/templates.md).

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::*;
use scraper::{ElementRef, Html};

const BASE_URL: &str = "https://rd.qinglan.example.gov.cn";
const SITE_TITLE: &str = "青岚县人大代表联络站";

/// Slugs (file stems) of the `.md` files of a content folder of the good fixture.
fn stems(dir: &str) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(fixture("good").join("content").join(dir))
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "md").then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    v.sort();
    v
}

fn region_codes() -> Vec<String> {
    fs::read_to_string(fixture("good").join("content/regions.toml"))
        .unwrap()
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix("code")?.trim_start().strip_prefix('=')?.trim();
            Some(rest.trim_matches('"').to_string())
        })
        .collect()
}

/// (year, number) of every issue of the good fixture.
fn issues() -> Vec<(String, String)> {
    let mut v = Vec::new();
    for y in fs::read_dir(fixture("good").join("content/bulletins")).unwrap() {
        let y = y.unwrap();
        let year = y.file_name().to_string_lossy().into_owned();
        for f in fs::read_dir(y.path()).unwrap() {
            let name = f.unwrap().file_name().to_string_lossy().into_owned();
            v.push((year.clone(), name.trim_end_matches(".md").to_string()));
        }
    }
    v.sort();
    v
}

/// Every HTML URL the contract's output table promises for the good fixture.
fn contract_urls() -> Vec<String> {
    let mut urls = vec![
        "/".to_string(),
        "/stations/".into(),
        "/representatives/".into(),
        "/regions/".into(),
        "/bulletins/".into(),
        "/404.html".into(),
    ];
    urls.extend(stems("stations").iter().map(|s| format!("/stations/{s}/")));
    urls.extend(
        stems("representatives")
            .iter()
            .map(|s| format!("/representatives/{s}/")),
    );
    urls.extend(region_codes().iter().map(|c| format!("/regions/{c}/")));
    let years: BTreeSet<String> = issues().into_iter().map(|(y, _)| y).collect();
    urls.extend(years.iter().map(|y| format!("/bulletins/{y}/")));
    urls.extend(issues().iter().map(|(y, n)| format!("/bulletins/{y}/{n}/")));
    urls.extend(stems("pages").iter().map(|s| format!("/{s}/")));
    urls
}

fn built() -> Site {
    let site = Site::new("good");
    site.build().assert_ok();
    site
}

#[test]
fn good_site_builds_with_exit_status_0() {
    let site = Site::new("good");
    let run = site.build();
    run.assert_ok();
    assert!(site.out.join("index.html").is_file());
}

#[test]
fn every_contract_url_exists() {
    let site = built();
    let urls = contract_urls();
    assert!(urls.len() > 30, "the fixture lists too few URLs: {urls:?}");
    let missing: Vec<&String> = urls.iter().filter(|u| !site.file(u).is_file()).collect();
    assert!(missing.is_empty(), "missing pages: {missing:?}");
    // 3 issues over 2 years, 5 stations, 14 representatives (one of them former), 5 regions,
    // 2 free pages
    assert_eq!(stems("stations").len(), 5);
    assert_eq!(stems("representatives").len(), 14);
    assert_eq!(region_codes().len(), 5);
    assert_eq!(issues().len(), 3);
}

#[test]
fn feeds_calendars_sitemap_and_robots_exist() {
    let site = built();
    let mut missing = Vec::new();
    for u in ["/bulletins/atom.xml", "/sitemap.xml", "/robots.txt"] {
        if !site.file(u).is_file() {
            missing.push(u.to_string());
        }
    }
    // every station with a [[reception]] has a calendar
    for s in [
        "zhuxi-center",
        "zhuxi-nanpian-area",
        "shiqiao-home",
        "qinglan-county-office",
    ] {
        let u = format!("/stations/{s}/reception.ics");
        if !site.file(&u).is_file() {
            missing.push(u);
        }
    }
    assert!(missing.is_empty(), "not produced: {missing:?}");

    let sitemap = fs::read_to_string(site.file("/sitemap.xml")).unwrap();
    let doc = Html::parse_document(&sitemap);
    let locs: BTreeSet<String> = texts(&doc, "loc").into_iter().collect();
    for u in contract_urls().iter().filter(|u| *u != "/404.html") {
        let abs = format!("{BASE_URL}{u}");
        assert!(
            locs.contains(&abs),
            "sitemap.xml has no <loc>{abs}</loc>; it has {locs:?}"
        );
    }
    let robots = fs::read_to_string(site.file("/robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {BASE_URL}/sitemap.xml")),
        "robots.txt: {robots}"
    );

    let atom = fs::read_to_string(site.file("/bulletins/atom.xml")).unwrap();
    assert!(atom.starts_with("<?xml"), "atom.xml: {atom}");
    assert_eq!(
        atom.matches("<entry>").count(),
        3,
        "atom.xml should have one entry per issue: {atom}"
    );
    for (y, n) in issues() {
        assert!(
            atom.contains(&format!("{BASE_URL}/bulletins/{y}/{n}/")),
            "atom.xml lacks issue {y}/{n}"
        );
    }

    for s in ["zhuxi-center", "shiqiao-home"] {
        let ics = fs::read_to_string(site.file(&format!("/stations/{s}/reception.ics"))).unwrap();
        assert!(ics.starts_with("BEGIN:VCALENDAR"), "{s}: {ics}");
        assert!(ics.trim_end().ends_with("END:VCALENDAR"), "{s}: {ics}");
        assert!(ics.contains("BEGIN:VEVENT"), "{s}: {ics}");
    }
}

/// The frame every HTML page shares: language, title, canonical link, skip link, scripts.
#[test]
fn every_page_has_lang_title_canonical_skip_link_and_only_the_theme_script() {
    let site = built();
    let pages = html_pages(&site.out);
    assert!(pages.len() >= contract_urls().len(), "only {} HTML files", pages.len());
    for (path, doc) in &pages {
        let html = one(doc, "html", path);
        assert_eq!(attr(html, "lang"), Some("zh-CN"), "{path}: <html lang>");

        let titles = texts(doc, "head > title");
        assert_eq!(titles.len(), 1, "{path}: one <title>");
        let title = &titles[0];
        if path == "index.html" {
            assert_eq!(title, SITE_TITLE, "{path}");
        } else {
            let suffix = format!(" · {SITE_TITLE}");
            assert!(
                title.ends_with(&suffix) && title.len() > suffix.len(),
                "{path}: <title> is `{title}`, expected `<page title> · {SITE_TITLE}`"
            );
        }

        let url = if path == "index.html" {
            "/".to_string()
        } else if let Some(dir) = path.strip_suffix("index.html") {
            format!("/{dir}")
        } else {
            format!("/{path}")
        };
        let canon = select(doc, r#"link[rel="canonical"]"#);
        assert_eq!(canon.len(), 1, "{path}: one canonical link");
        assert_eq!(
            attr(canon[0], "href"),
            Some(format!("{BASE_URL}{url}").as_str()),
            "{path}: canonical link"
        );

        let skip = one(doc, "body a[href]", path);
        assert_eq!(
            attr(skip, "href"),
            Some("#main"),
            "{path}: the first link is the skip link to #main"
        );
        assert_eq!(select(doc, "#main").len(), 1, "{path}: one element with id=main");
        assert_eq!(select(doc, "main#main").len(), 1, "{path}: #main is the <main>");

        for s in select(doc, "script") {
            let src = attr(s, "src");
            let ty = attr(s, "type");
            if ty == Some("application/ld+json") {
                let json: String = s.text().collect();
                assert!(
                    serde_json::from_str::<serde_json::Value>(&json).is_ok(),
                    "{path}: JSON-LD does not parse: {json}"
                );
            } else if path == "search/index.html" && src == Some("/assets/search.js") {
                // the search page's own module, and only there
                assert_eq!(ty, Some("module"), "{path}: search.js is a module");
            } else if src.is_none() {
                let text: String = s.text().collect();
                assert_eq!(text, THEME_BOOT, "{path}: an inline script that is not the theme's");
                assert!(
                    s.parent()
                        .and_then(ElementRef::wrap)
                        .is_some_and(|p| p.value().name() == "head"),
                    "{path}: the theme's inline script is in <head>"
                );
            } else {
                assert_eq!(
                    src,
                    Some("/assets/liaison.js"),
                    "{path}: unexpected <script> {}",
                    s.html()
                );
                assert!(
                    attr(s, "defer").is_some(),
                    "{path}: liaison.js does not block rendering"
                );
                assert!(
                    s.text().all(|t| t.trim().is_empty()),
                    "{path}: inline script {}",
                    s.html()
                );
            }
        }
        let desc = select(doc, r#"meta[name="description"]"#);
        assert_eq!(desc.len(), 1, "{path}: one meta description");
        assert!(
            !attr(desc[0], "content").unwrap_or("").trim().is_empty(),
            "{path}: empty meta description"
        );
    }
}

/// Every internal link, image, stylesheet and script of every page points at a file of the
/// output, and every `#fragment` at an id of its page.
#[test]
fn internal_links_resolve() {
    let site = built();
    let files = snapshot(&site.out);
    let mut broken = Vec::new();
    for (path, doc) in html_pages(&site.out) {
        let ids: BTreeSet<&str> = select(&doc, "[id]").into_iter().filter_map(|e| attr(e, "id")).collect();
        for (s, a) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
        ] {
            for e in select(&doc, s) {
                let v = attr(e, a).unwrap();
                if let Some(frag) = v.strip_prefix('#') {
                    if !ids.contains(frag) {
                        broken.push(format!("{path}: {v} (no such id)"));
                    }
                    continue;
                }
                if !v.starts_with('/') || v.starts_with("//") {
                    continue;
                }
                let (p, frag) = v.split_once('#').map_or((v, None), |(p, f)| (p, Some(f)));
                let p = p.split('?').next().unwrap();
                let file = file_for(p);
                if !files.contains_key(&file) {
                    broken.push(format!("{path}: {v} (no file {file})"));
                } else if let Some(frag) = frag.filter(|f| !f.is_empty() && file.ends_with(".html")) {
                    let target = page(&site.out, p);
                    if select(&target, &format!("[id=\"{frag}\"]")).is_empty() {
                        broken.push(format!("{path}: {v} (no id {frag} in {file})"));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken internal links:\n{}", broken.join("\n"));
}

#[test]
fn station_page_shows_kind_contacts_map_schedule_representatives_and_introduction() {
    let site = built();
    let doc = site.page("/stations/zhuxi-center/");
    let h1 = one(&doc, "main h1", "station h1");
    assert_eq!(own_text(h1), "竹溪镇人大代表中心联络站");
    let body = body_text(&doc);
    assert!(body.contains("中心联络站"), "kind label");
    assert!(body.contains("青岚县竹溪镇河街 12 号"), "address");
    assert!(body.contains("工作日 08:30-12:00"), "hours");
    assert!(body.contains("2020年4月16日"), "established label");

    // phone as a tel: link, for the station, its manager and its liaison
    for (tel, shown) in [
        ("tel:0833-6101201", "0833-6101201"),
        ("tel:0833-6101202", "0833-6101202"),
        ("tel:13900001111", "13900001111"),
    ] {
        let links = select(&doc, &format!("main .station-facts a[href=\"{tel}\"]"));
        assert_eq!(links.len(), 1, "one link {tel} among the facts");
        assert_eq!(text(links[0]), shown);
    }
    // the station's own number is also the call button of the next-reception card
    let call = one(&doc, "main .next-card a[href=\"tel:0833-6101201\"]", "call button");
    assert_eq!(text(call), "拨打 0833-6101201");
    // map links to the location: 高德 first (WGS-84 said so), then 百度, 腾讯 and OpenStreetMap
    let map: Vec<&str> = select(&doc, "main .next-card a[rel=external]")
        .into_iter()
        .map(|a| attr(a, "href").unwrap())
        .collect();
    assert_eq!(map.len(), 4, "{map:?}");
    assert!(
        map[0].starts_with("https://uri.amap.com/marker?position=103.773600,29.551200&")
            && map[0].contains("coordinate=wgs84"),
        "{}",
        map[0]
    );
    assert!(
        map[1].starts_with("https://api.map.baidu.com/marker?location=29.551200,103.773600&")
            && map[1].contains("coord_type=wgs84"),
        "{}",
        map[1]
    );
    assert!(
        map[2].starts_with("https://apis.map.qq.com/uri/v1/marker?marker=coord:29.551200,103.773600;")
            && map[2].contains("coord_type=1"),
        "{}",
        map[2]
    );
    assert!(
        map[3].starts_with("https://www.openstreetmap.org/?mlat=29.551200&mlon=103.773600"),
        "{}",
        map[3]
    );
    // manager (with role) and liaison
    assert!(body.contains("罗文静") && body.contains("镇人大主席"), "manager");
    assert!(body.contains("陶小川"), "liaison");

    // the reception schedule in words
    let rec = one(&doc, "main .reception", "reception");
    let rt = text(rec);
    assert!(rt.contains("选民接待日"), "reception title: {rt}");
    assert!(rt.contains("每月8日"), "rule in words: {rt}");
    assert!(rt.contains("09:00–11:30"), "time: {rt}");
    assert!(
        rt.contains("2025年1月1日") && rt.contains("2027年12月31日"),
        "since/until: {rt}"
    );
    assert!(rt.contains("2027年1月8日"), "except: {rt}");
    let on_duty: Vec<_> = select(&doc, "main .reception a[href]")
        .into_iter()
        .map(|a| attr(a, "href").unwrap().to_string())
        .collect();
    assert!(
        on_duty.contains(&"/representatives/li-jianguo/".to_string()),
        "{on_duty:?}"
    );
    assert!(
        on_duty.contains(&"/representatives/ding-chunsheng/".to_string()),
        "{on_duty:?}"
    );
    // the calendar is linked
    assert_eq!(
        select(&doc, r#"main a[href="/stations/zhuxi-center/reception.ics"]"#).len(),
        1
    );

    // representatives grouped by level; 李建国 (county and township) appears under both
    let groups = level_groups(&doc, "main .level-group");
    let county = group(&groups, "县人大代表");
    let township = group(&groups, "乡镇人大代表");
    assert_eq!(county, ["ding-chunsheng", "liu-yang", "li-jianguo"], "county group");
    assert_eq!(township, ["ma-li", "li-jianguo"], "township group");
    assert!(
        groups.iter().all(|(l, _)| l.starts_with("县") || l.starts_with("乡镇")),
        "{groups:?}"
    );

    // the Markdown introduction, with its table
    let table = one(&doc, "main .station-intro table", "introduction table");
    let cells = texts(&doc, "main .station-intro table td");
    assert!(cells.contains(&"203".to_string()), "table cells {cells:?}");
    assert_eq!(
        texts(&doc, "main .station-intro table th").first().map(String::as_str),
        Some("年份"),
        "{}",
        table.html()
    );
    assert!(
        texts(&doc, "main strong").contains(&"意见箱".to_string()),
        "bold text in the introduction"
    );
    // breadcrumbs / region path down to the township
    let region_links: Vec<_> = select(&doc, "main a[href^=\"/regions/\"]")
        .into_iter()
        .map(|a| attr(a, "href").unwrap())
        .collect();
    assert!(region_links.contains(&"/regions/511199101/"), "{region_links:?}");
}

#[test]
fn other_station_kinds_and_schedules() {
    let site = built();
    for (slug, kind_label, words, time) in [
        ("zhuxi-nanpian-area", "片区联络站", "每月第二个星期三", "14:30–17:00"),
        ("shiqiao-home", "代表之家", "2026年12月15日", "14:30–17:00"),
        ("qinglan-county-office", "代表工作室", "每周二、周四", "15:00–17:30"),
    ] {
        let doc = site.page(&format!("/stations/{slug}/"));
        let h1 = one(&doc, "main h1", slug);
        assert!(
            text(h1).contains(kind_label),
            "{slug}: kind label {kind_label} in `{}`",
            text(h1)
        );
        let rec = text(one(&doc, "main .reception", slug));
        assert!(rec.contains(words), "{slug}: `{words}` in `{rec}`");
        assert!(rec.contains(time), "{slug}: `{time}` in `{rec}`");
    }
    // a station with only the required keys: no tel: link, no map, no schedule, no calendar
    let doc = site.page("/stations/shiqiao-group/");
    assert!(text(one(&doc, "main h1", "group")).contains("代表小组联络站"));
    assert!(select(&doc, "main a[href^=\"tel:\"]").is_empty());
    assert!(select(&doc, "main .reception").is_empty());
    assert!(!site.file("/stations/shiqiao-group/reception.ics").exists());
    let groups = level_groups(&doc, "main .level-group");
    assert_eq!(group(&groups, "乡镇人大代表"), ["peng-liang"]);
}

#[test]
fn stations_page_groups_stations_by_region() {
    let site = built();
    let doc = site.page("/stations/");
    let links: BTreeSet<String> = select(&doc, "main a[href^=\"/stations/\"]")
        .into_iter()
        .map(|a| attr(a, "href").unwrap().to_string())
        .collect();
    for s in stems("stations") {
        assert!(
            links.contains(&format!("/stations/{s}/")),
            "/stations/ lacks {s}: {links:?}"
        );
    }
    let body = body_text(&doc);
    // grouped by region, in code order: 青岚县 (511199) before 竹溪镇 (511199101) before 石桥乡 (511199201)
    let a = body.find("青岚县人大代表工作室").unwrap();
    let b = body.find("竹溪镇人大代表中心联络站").unwrap();
    let c = body.find("石桥乡人大代表之家").unwrap();
    assert!(a < b && b < c, "stations not grouped by region code");
}

#[test]
fn representative_page_links_station_and_region() {
    let site = built();
    let doc = site.page("/representatives/li-jianguo/");
    assert_eq!(text(one(&doc, "main h1", "rep h1")), "李建国");
    let body = body_text(&doc);
    assert!(body.contains("县、乡镇人大代表"), "levels label");
    for s in ["竹溪镇代表小组", "竹溪镇南坪村", "村委会主任", "男"] {
        assert!(body.contains(s), "{s}");
    }
    let st = select(&doc, r#"main a[href="/stations/zhuxi-center/"]"#);
    assert!(!st.is_empty(), "links its station");
    assert_eq!(text(st[0]), "竹溪镇人大代表中心联络站");
    assert_eq!(select(&doc, r#"main a[href="tel:13900002002"]"#).len(), 1, "tel: link");
    assert_eq!(
        texts(&doc, "main .content li"),
        ["2025 年参加接待 9 次", "提出建议 4 件"],
        "Markdown biography"
    );

    // a photo under static/ is shown and copied
    let doc = site.page("/representatives/wang-xiulan/");
    let img = one(&doc, "main img", "photo");
    assert_eq!(attr(img, "src"), Some("/photos/wang-xiulan.png"));
    assert_eq!(
        fs::read(site.file("/photos/wang-xiulan.png")).unwrap(),
        fs::read(fixture("good").join("static/photos/wang-xiulan.png")).unwrap()
    );

    // region overrides the station's region
    let doc = site.page("/representatives/huang-zhiqiang/");
    assert!(
        !select(&doc, r#"main a[href="/regions/511100/"]"#).is_empty(),
        "region link 乐山市"
    );
    assert!(
        select(&doc, r#"main a[href="/regions/511199/"]"#).is_empty(),
        "黄志强's own region is 乐山市, not the station's 青岚县"
    );
    assert!(!select(&doc, r#"main a[href="/stations/qinglan-county-office/"]"#).is_empty());
    assert!(body_text(&doc).contains("全国、县人大代表"));
}

#[test]
fn region_pages_list_sub_regions_stations_and_representatives() {
    let site = built();
    let doc = site.page("/regions/511199/");
    assert_eq!(text(one(&doc, "main h1", "region h1")), "青岚县");
    let hrefs: Vec<String> = select(&doc, "main a[href]")
        .into_iter()
        .map(|a| attr(a, "href").unwrap().to_string())
        .collect();
    for h in [
        "/regions/511199101/",
        "/regions/511199201/",
        "/regions/511100/",
        "/stations/qinglan-county-office/",
    ] {
        assert!(
            hrefs.iter().any(|x| x == h),
            "/regions/511199/ lacks a link to {h}: {hrefs:?}"
        );
    }
    // the stations of the whole sub-tree, each under its township's heading after the
    // region's own, with its next reception or a word that there is none
    let headings = texts(&doc, "main .group-h");
    assert_eq!(headings, ["竹溪镇", "石桥乡"], "township headings");
    for h in [
        "/stations/zhuxi-center/",
        "/stations/shiqiao-home/",
        "/stations/shiqiao-group/",
    ] {
        assert!(hrefs.iter().any(|x| x == h), "{h} is listed: {hrefs:?}");
    }
    let cards = texts(&doc, "main .st-card");
    assert_eq!(cards.len(), 5, "{cards:?}");
    assert!(
        cards[0].starts_with("青岚县人大代表工作室"),
        "the county's own first: {cards:?}"
    );
    assert!(
        cards
            .iter()
            .all(|c| c.contains("下次接待") || c.contains("近期暂无接待日安排")),
        "{cards:?}"
    );
    assert!(text(one(&doc, "main #st-h", "station heading")).contains("共 5 个，含下级区划"));
    // sub-region counts (stations, representatives) of the whole sub-tree
    let rows: Vec<String> = select(&doc, "main tbody tr")
        .into_iter()
        .map(|tr| texts_in(tr, "th, td").join(" "))
        .collect();
    // 7 current representatives: the former one (陈国华) is not counted
    assert!(rows.iter().any(|r| r == "竹溪镇 2 7"), "{rows:?}");
    assert!(rows.iter().any(|r| r == "石桥乡 2 3"), "{rows:?}");

    let doc = site.page("/regions/511199101/");
    let hrefs: BTreeSet<String> = select(&doc, "main a[href^=\"/stations/\"]")
        .into_iter()
        .map(|a| attr(a, "href").unwrap().to_string())
        .collect();
    assert_eq!(
        hrefs,
        ["/stations/zhuxi-center/", "/stations/zhuxi-nanpian-area/"]
            .into_iter()
            .map(String::from)
            .collect(),
    );
    assert!(
        select(&doc, "main a[href=\"/regions/511199201/\"]").is_empty(),
        "a sibling is not a sub-region"
    );

    // the representative whose own region is 乐山市
    let doc = site.page("/regions/511100/");
    assert!(!select(&doc, r#"main a[href="/representatives/huang-zhiqiang/"]"#).is_empty());
    assert!(!select(&doc, r#"main a[href="/regions/511199/"]"#).is_empty());

    // every region is reachable from /regions/
    let doc = site.page("/regions/");
    for c in region_codes() {
        assert!(
            !select(&doc, &format!("main a[href=\"/regions/{c}/\"]")).is_empty(),
            "/regions/ lacks {c}"
        );
    }
}

#[test]
fn bulletin_issue_has_masthead_contents_articles_and_colophon() {
    let site = built();
    let doc = site.page("/bulletins/2026/1/");
    let main = body_text(&doc);
    assert!(main.contains("第 1 期"), "number label");
    assert!(main.contains("总第 33 期"), "total label");
    assert!(main.contains("青岚县人大常委会联工委编"), "publisher + 编");
    assert!(main.contains("2026年2月5日"), "date label");

    // table of contents → article ids
    let articles = select(&doc, "main article[id]");
    let ids: Vec<&str> = articles.iter().filter_map(|a| attr(*a, "id")).collect();
    let toc: Vec<(String, String)> = select(&doc, "main a[href^=\"#\"]")
        .into_iter()
        .filter(|a| attr(*a, "href") != Some("#main"))
        .map(|a| (attr(a, "href").unwrap().trim_start_matches('#').to_string(), text(a)))
        .collect();
    let titles = ["2025 年全县联络站工作回顾", "南片区联络站调整接待时间", "简讯"];
    assert_eq!(toc.len(), 3, "three contents links: {toc:?}");
    for ((id, title), expected) in toc.iter().zip(titles) {
        assert_eq!(title, expected);
        assert!(
            ids.contains(&id.as_str()),
            "contents link #{id} has no article; ids {ids:?}"
        );
        let art = one(&doc, &format!("main [id=\"{id}\"]"), id);
        let h = one_in(art, "h2, h3", id);
        assert_eq!(text(h), expected, "article #{id} heading");
    }

    let a1 = one(&doc, &format!("main [id=\"{}\"]", toc[0].0), "a1");
    let a1_text = text(a1);
    assert!(a1_text.contains("——青岚县代表联络站年度综述"), "subtitle");
    assert!(
        texts_in(a1, "h3").contains(&"一、接待规范".to_string()),
        "### sections: {a1_text}"
    );
    assert_eq!(attribution(a1).as_deref(), Some("县人大常委会联工委供稿"), "{a1_text}");
    assert_eq!(
        a1_text.matches("供稿").count(),
        1,
        "the attribution is shown once: {a1_text}"
    );
    let a2 = one(&doc, &format!("main [id=\"{}\"]", toc[1].0), "a2");
    assert_eq!(attribution(a2).as_deref(), Some("竹溪镇人大主席团供稿"));
    let a3 = one(&doc, &format!("main [id=\"{}\"]", toc[2].0), "a3");
    assert_eq!(
        attribution(a3),
        None,
        "the last article has no attribution: {}",
        text(a3)
    );

    // colophon
    let co = texts(&doc, "main .colophon");
    let co = co.join(" ");
    assert!(co.contains("送"), "recipients label: {co}");
    for r in [
        "县委各位常委",
        "县人大常委会各位组成人员",
        "县人民政府各位领导",
        "各乡镇人大主席团",
    ] {
        assert!(co.contains(r), "recipient {r}: {co}");
    }
    assert!(
        co.contains("责任编辑") && co.contains("宋雨") && co.contains("罗一帆"),
        "editors: {co}"
    );
    assert!(co.contains("联系方式") && co.contains("0833-6000012"), "contact: {co}");
    assert!(
        co.contains("批准文号") && co.contains("川内资准字（2026）第 02 号"),
        "approval: {co}"
    );
    // recipients one per line: 4 entries are 4 list items or 3 line breaks
    let colophon = one(&doc, "main .colophon", "colophon");
    let lines = select_in(colophon, "li").len().max(select_in(colophon, "br").len() + 1);
    assert!(lines >= 4, "one recipient per line: {}", colophon.html());

    // ASCII parentheses and 综合; no approval → no 批准文号
    let doc = site.page("/bulletins/2025/2/");
    let art = one(&doc, "main article[id]", "2025/2");
    assert_eq!(attribution(art).as_deref(), Some("本刊综合"));
    assert!(!body_text(&doc).contains("批准文号"));
    assert!(body_text(&doc).contains("总第 32 期"));
}

#[test]
fn bulletin_archive_and_year_pages_list_issues_newest_first() {
    let site = built();
    let doc = site.page("/bulletins/");
    let links: Vec<String> = select(&doc, "main a[href^=\"/bulletins/\"]")
        .into_iter()
        .map(|a| attr(a, "href").unwrap().to_string())
        .collect();
    let pos = |u: &str| {
        links
            .iter()
            .position(|l| l == u)
            .unwrap_or_else(|| panic!("/bulletins/ lacks {u}: {links:?}"))
    };
    assert!(pos("/bulletins/2026/1/") < pos("/bulletins/2025/2/"));
    assert!(pos("/bulletins/2025/2/") < pos("/bulletins/2025/1/"));
    pos("/bulletins/2026/");
    pos("/bulletins/2025/");

    let doc = site.page("/bulletins/2025/");
    let links: Vec<String> = select(&doc, "main a[href^=\"/bulletins/2025/\"]")
        .into_iter()
        .map(|a| attr(a, "href").unwrap().to_string())
        .collect();
    assert_eq!(links, ["/bulletins/2025/2/", "/bulletins/2025/1/"]);
    assert!(
        body_text(&doc).contains("代表视察县城供水工程"),
        "article titles in the year list"
    );
    assert!(
        !select(&doc, r#"main a[href="/bulletins/2026/"]"#).is_empty(),
        "link to the next year"
    );

    // previous / next issue
    let doc = site.page("/bulletins/2025/2/");
    assert!(!select(&doc, r#"main a[href="/bulletins/2025/1/"]"#).is_empty());
    assert!(!select(&doc, r#"main a[href="/bulletins/2026/1/"]"#).is_empty());
}

/// Surname strokes of the fixture's names (a compound surname counts by its first character).
fn surname_strokes(name: &str) -> u32 {
    let first = name.chars().next().unwrap();
    match first {
        '丁' => 2,
        '马' => 3,
        '王' => 4,
        '司' => 5, // 司马
        '刘' => 6,
        '李' => 7,
        '欧' => 8, // 欧阳
        '赵' => 9,
        '黄' => 11,
        '彭' => 12,
        '谭' => 14,
        '魏' => 17,
        _ => panic!("no stroke count for {name} in the test"),
    }
}

/// `(heading text, [slug])` of every level group matched by `s`.
fn level_groups(doc: &Html, s: &str) -> Vec<(String, Vec<String>)> {
    select(doc, s)
        .into_iter()
        .map(|g| {
            let heading = text(one_in(g, "h2, h3, h4", "level group heading"));
            let slugs = select_in(g, "a[href^=\"/representatives/\"]")
                .into_iter()
                .map(|a| {
                    attr(a, "href")
                        .unwrap()
                        .trim_start_matches("/representatives/")
                        .trim_end_matches('/')
                        .to_string()
                })
                .collect();
            (heading, slugs)
        })
        .collect()
}

fn group(groups: &[(String, Vec<String>)], label: &str) -> Vec<String> {
    groups
        .iter()
        .find(|(h, _)| h.starts_with(label))
        .unwrap_or_else(|| panic!("no group {label} in {groups:?}"))
        .1
        .clone()
}

#[test]
fn representatives_are_grouped_by_level_in_surname_stroke_order() {
    let site = built();
    let doc = site.page("/representatives/");
    let groups = level_groups(&doc, "main .level-group");
    let labels: Vec<String> = groups
        .iter()
        .map(|(h, _)| h.split_whitespace().next().unwrap().to_string())
        .collect();
    assert_eq!(
        labels,
        ["全国人大代表", "省人大代表", "市人大代表", "县人大代表", "乡镇人大代表"]
    );

    // each person once, under the highest level they hold (黄志强 is national and county)
    assert_eq!(group(&groups, "全国人大代表"), ["huang-zhiqiang"]);
    assert_eq!(group(&groups, "省人大代表"), ["ouyang-xiao"]);
    assert_eq!(group(&groups, "市人大代表"), ["wang-xiulan"]);
    let set = |v: Vec<String>| v.into_iter().collect::<BTreeSet<String>>();
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<String>>();
    assert_eq!(
        set(group(&groups, "县人大代表")),
        names(&[
            "ding-chunsheng",
            "liu-yang",
            "liu-yang-2",
            "li-jianguo",
            "zhao-min",
            "wei-hongmei"
        ])
    );
    assert_eq!(
        set(group(&groups, "乡镇人大代表")),
        names(&["ma-li", "sima-wen", "peng-liang", "tan-lihua"])
    );
    // the lower levels are named beside the name
    let huang = select(&doc, "main a[href=\"/representatives/huang-zhiqiang/\"]");
    let li = huang[0].parent().and_then(ElementRef::wrap).expect("the link's <li>");
    let small = text(one_in(li, "small", "the station and other levels"));
    assert!(small.contains("兼县人大代表"), "{small}");

    // within a level, by region (the region heading links the region), each in stroke order
    for list in select(&doc, "main .level-group ul.names") {
        let names: Vec<String> = select_in(list, "a[href^=\"/representatives/\"]")
            .into_iter()
            .map(text)
            .collect();
        let strokes: Vec<u32> = names.iter().map(|n| surname_strokes(n)).collect();
        assert!(
            strokes.windows(2).all(|w| w[0] <= w[1]),
            "not in stroke order: {names:?}"
        );
    }
    assert!(!select(&doc, "main .level-group h3 a[href^=\"/regions/\"]").is_empty());
    // every current representative is listed exactly once; the former one (陈国华, until
    // 2021) is not
    let listed: Vec<String> = groups.iter().flat_map(|(_, v)| v.iter().cloned()).collect();
    let all: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(all.len(), listed.len(), "listed twice: {listed:?}");
    let mut current: BTreeSet<String> = stems("representatives").into_iter().collect();
    assert!(current.remove("chen-guohua"));
    assert_eq!(all, current);

    // the same order on a station page and a region page
    let doc = site.page("/stations/qinglan-county-office/");
    let groups = level_groups(&doc, "main .level-group");
    assert_eq!(
        group(&groups, "县人大代表"),
        ["wang-xiulan", "ouyang-xiao", "huang-zhiqiang"]
    );
    let doc = site.page("/regions/511199201/");
    let groups = level_groups(&doc, "main .level-group");
    assert_eq!(group(&groups, "乡镇人大代表"), ["sima-wen", "liu-yang-2", "peng-liang"]);
}

#[test]
fn home_page_links_regions_counts_and_latest_bulletins() {
    let site = built();
    let doc = site.page("/");
    assert_eq!(text(one(&doc, "main h1", "home h1")), SITE_TITLE);
    assert!(
        !select(&doc, "form[role=search] input, form input[type=search]").is_empty(),
        "search box"
    );
    let hrefs: Vec<String> = select(&doc, "main a[href]")
        .into_iter()
        .map(|a| attr(a, "href").unwrap().to_string())
        .collect();
    // the picker: the county's townships (the province and city above it hold nothing else)
    let picker: Vec<&str> = select(&doc, "main .picker a")
        .into_iter()
        .map(|a| attr(a, "href").unwrap())
        .collect();
    assert_eq!(picker, ["/regions/511199101/", "/regions/511199201/"], "picker");
    assert_eq!(
        text(one(&doc, "main #pick-h", "picker heading")),
        "选择您所在的乡镇（街道）"
    );
    assert!(hrefs.contains(&"/regions/".to_string()), "a link to every region");
    // every region is on /regions/
    let tree: Vec<String> = select(&site.page("/regions/"), "main a[href]")
        .into_iter()
        .map(|a| attr(a, "href").unwrap().to_string())
        .collect();
    for c in region_codes() {
        assert!(tree.contains(&format!("/regions/{c}/")), "/regions/ lacks region {c}");
    }
    let issues: Vec<&String> = hrefs
        .iter()
        .filter(|h| h.matches('/').count() == 4 && h.starts_with("/bulletins/"))
        .collect();
    assert_eq!(
        issues,
        ["/bulletins/2026/1/", "/bulletins/2025/2/", "/bulletins/2025/1/"],
        "latest issues"
    );
    let body = body_text(&doc);
    assert!(
        body.contains("5 个联络站") && body.contains("13 名人大代表") && body.contains("3 期"),
        "{body}"
    );
    // site settings on every page: notice and footer identifiers
    assert!(body.contains("本站为测试数据，人名、地名和电话均为虚构。"));
    for f in [
        "青岚县人大常委会办公室（虚构）",
        "5111990001",
        "蜀ICP备00000001号",
        "川公网安备 51119902000001号",
    ] {
        assert!(body.contains(f), "footer {f}");
    }
}

#[test]
fn free_pages_and_menu() {
    let site = built();
    let doc = site.page("/about/");
    assert_eq!(text(one(&doc, "main h1", "about h1")), "关于本站");
    assert!(texts(&doc, "main h2").contains(&"数据说明".to_string()));
    assert!(texts(&doc, "main strong").contains(&"虚构".to_string()));
    let desc = one(&doc, r#"meta[name="description"]"#, "description");
    assert_eq!(attr(desc, "content"), Some("本站的用途和数据说明。"));
    let doc = site.page("/how-to-contact/");
    assert_eq!(text(one(&doc, "main h1", "h1")), "如何联系人大代表");
    assert_eq!(texts(&doc, "main ol li").len(), 2);
    assert!(!select(&doc, r#"main a[href="/stations/"]"#).is_empty());
    // both pages are in the menu of every page, e.g. the 404 page
    let doc = site.page("/404.html");
    assert!(!select(&doc, r#"a[href="/about/"]"#).is_empty());
    assert!(!select(&doc, r#"a[href="/how-to-contact/"]"#).is_empty());
    assert!(body_text(&doc).contains("找不到页面"));
    assert!(!select(&doc, r#"main a[href="/"]"#).is_empty(), "404 links home");
}

/// Upcoming reception days (contract: station page and home page). A station lists its dates
/// within `reception_days_ahead` (90) of `--date 2026-11-22`, with `except` dates shown and
/// marked as cancelled; the home page lists the coming week across all stations.
#[test]
fn upcoming_reception_days_are_listed() {
    let site = built();
    // the <li> of an upcoming date, if listed
    let item = |doc: &Html, iso: &str| -> Option<String> {
        select(doc, "main ul.upcoming > li")
            .into_iter()
            .find(|li| {
                li.select(&scraper::Selector::parse(&format!("time[datetime=\"{iso}\"]")).unwrap())
                    .next()
                    .is_some()
            })
            .map(|li| li.value().attr("class").unwrap_or("").to_string() + "|" + &text(li))
    };
    let doc = site.page("/stations/zhuxi-center/");
    // BYMONTHDAY=8 from 2026-11-22: 12-08, 01-08 (in `except`: cancelled), 02-08; 03-08 is beyond 90 days
    let dec = item(&doc, "2026-12-08").expect("station: 2026-12-08 is not listed as upcoming");
    assert!(!dec.contains("cancelled") && !dec.contains("已取消"), "{dec}");
    assert!(dec.contains("2026年12月8日（星期二）"), "{dec}");
    assert!(
        item(&doc, "2027-02-08").is_some(),
        "station: 2027-02-08 is not listed as upcoming"
    );
    let jan = item(&doc, "2027-01-08").expect("station: the cancelled 2027-01-08 is not shown");
    assert!(
        jan.starts_with("cancelled|") && jan.contains("已取消"),
        "not marked cancelled: {jan}"
    );
    assert!(
        item(&doc, "2027-03-08").is_none(),
        "station: a day beyond 90 days is listed"
    );
    let doc = site.page("/stations/shiqiao-home/");
    assert!(
        item(&doc, "2026-12-15").is_some(),
        "one-off reception 2026-12-15 not listed"
    );
    // home: the coming week (2026-11-22 .. 2026-11-28) across stations: the TU,TH rule's
    // 11-24 and 11-26, not 12-08
    let doc = site.page("/");
    let tue = item(&doc, "2026-11-24").expect("home: 2026-11-24 is not listed");
    assert!(tue.contains("星期二"), "{tue}");
    assert!(item(&doc, "2026-11-26").is_some(), "home: 2026-11-26 is not listed");
    assert!(
        item(&doc, "2026-12-08").is_none(),
        "home lists a day beyond the coming week"
    );
    let home_station = select(&doc, "main ul.upcoming > li a")
        .into_iter()
        .any(|a| a.value().attr("href") == Some("/stations/qinglan-county-office/"));
    assert!(home_station, "home: the upcoming day does not link its station");
}

/// Same bytes for the same content and "today", whatever the machine's time zone, and whether
/// "today" comes from `--date` or from `SOURCE_DATE_EPOCH`.
#[test]
fn output_is_byte_identical_across_time_zones_and_source_date_epoch() {
    let site = Site::new("good");
    let out_utc = site.tmp.path().join("out-utc");
    let out_ny = site.tmp.path().join("out-ny");
    let out_epoch = site.tmp.path().join("out-epoch");
    site.build_into(&out_utc, &["--date", DATE], &[("TZ", "UTC")])
        .assert_ok();
    site.build_into(&out_ny, &["--date", DATE], &[("TZ", "America/New_York")])
        .assert_ok();
    site.build_into(
        &out_epoch,
        &[],
        &[
            ("TZ", "America/New_York"),
            ("SOURCE_DATE_EPOCH", EPOCH_2026_11_22_NOON_UTC),
        ],
    )
    .assert_ok();
    let a = snapshot(&out_utc);
    let b = snapshot(&out_ny);
    let c = snapshot(&out_epoch);
    assert!(a.len() > 30, "{} files", a.len());
    assert_same_tree(&a, &b, "TZ=UTC vs TZ=America/New_York");
    assert_same_tree(&a, &c, "--date 2026-11-22 vs SOURCE_DATE_EPOCH=2026-11-22T12:00:00Z");
    // and once more into the same folder: a rebuild changes nothing
    site.build_into(&out_utc, &["--date", DATE], &[("TZ", "UTC")])
        .assert_ok();
    assert_same_tree(&a, &snapshot(&out_utc), "rebuild");
}

/// A phone number without digits (暂无, 见公告) is ordinary content: the build must not fail.
#[test]
fn phone_numbers_without_digits_build() {
    let site = Site::new("good");
    let st = site.root.join("content/stations/zhuxi-center.md");
    let t = fs::read_to_string(&st).unwrap();
    let t = t
        .replace("phone = \"0833-6101201\"", "phone = \"暂无\"")
        .replace("phone = \"0833-6101202\"", "phone = \"见公告\"")
        .replace("phone = \"13900001111\"", "phone = \"请到站咨询\"");
    fs::write(&st, t).unwrap();
    let rep = site.root.join("content/representatives/li-jianguo.md");
    let t = fs::read_to_string(&rep)
        .unwrap()
        .replace("phone = \"13900002002\"", "phone = \"不公开\"");
    fs::write(&rep, t).unwrap();
    site.build().assert_ok();
    let doc = site.page("/stations/zhuxi-center/");
    let body = body_text(&doc);
    for s in ["暂无", "见公告", "请到站咨询"] {
        assert!(body.contains(s), "{s} is shown");
    }
    for a in select(&doc, "a[href^=\"tel:\"]") {
        assert!(attr(a, "href").unwrap().len() > 4, "an empty tel: link {}", a.html());
    }
    assert!(body_text(&site.page("/representatives/li-jianguo/")).contains("不公开"));
}

// small helpers on elements

fn one_in<'a>(e: scraper::ElementRef<'a>, s: &str, what: &str) -> scraper::ElementRef<'a> {
    e.select(&sel(s))
        .next()
        .unwrap_or_else(|| panic!("{what}: no `{s}` inside {}", e.html()))
}

fn select_in<'a>(e: scraper::ElementRef<'a>, s: &str) -> Vec<scraper::ElementRef<'a>> {
    e.select(&sel(s)).collect()
}

fn texts_in(e: scraper::ElementRef, s: &str) -> Vec<String> {
    select_in(e, s).into_iter().map(text).collect()
}

/// The attribution of an article element: the text of its `.attribution`, without the
/// parentheses around it.
fn attribution(article: scraper::ElementRef) -> Option<String> {
    let a = select_in(article, ".attribution");
    assert!(a.len() <= 1, "several attributions in {}", article.html());
    a.first().map(|e| {
        text(*e)
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')'])
            .to_string()
    })
}

#[test]
fn stations_are_grouped_by_township_and_a_township_without_a_reception_this_week_shows_later_ones() {
    let site = built();
    let doc = site.page("/stations/");
    assert_eq!(texts(&doc, "main h2.group-h a"), ["青岚县", "竹溪镇", "石桥乡"]);
    let names: Vec<String> = texts(&doc, "main .st-card .st-name");
    assert_eq!(names.len(), 5, "every station once: {names:?}");
    let chips: Vec<&str> = select(&doc, "main [data-group-filter]")
        .into_iter()
        .map(|a| attr(a, "href").unwrap())
        .collect();
    assert_eq!(chips, ["#all", "#g-511199", "#g-511199101", "#g-511199201"]);
    // 2026-11-22: no reception in the week at 竹溪镇; its page shows the next dates after it
    let doc = site.page("/regions/511199101/");
    assert_eq!(text(one(&doc, "#upcoming-h", "upcoming heading")), "近期接待日");
    let dates: Vec<&str> = select(&doc, "main .upcoming time")
        .into_iter()
        .filter_map(|t| attr(t, "datetime"))
        .collect();
    assert!(!dates.is_empty(), "dates after the week");
    assert!(dates.iter().all(|d| *d > "2026-11-28"), "{dates:?}");
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "in date order: {dates:?}");
}

/// The demo (377 files, a search index of some size) built twice, into folders of different
/// names: the same bytes, the search index included. Pagefind numbers pages in the order it is
/// given them; given a folder to walk, that was the file system's order, which varied.
#[test]
fn the_demo_is_the_same_bytes_every_build_search_index_included() {
    let dir = tempfile::tempdir().unwrap();
    let top = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = dir.path().join("demo");
    copy_dir(&top.join("content"), &root.join("content"));
    fs::copy(top.join("site.toml"), root.join("site.toml")).unwrap();
    let mut trees = Vec::new();
    for name in ["a", "a-second-output-with-a-longer-name"] {
        let out = dir.path().join(name);
        run(
            &root,
            &[
                "build".into(),
                "--date".into(),
                DATE.into(),
                "--output".into(),
                out.display().to_string(),
            ],
            &[],
        )
        .assert_ok();
        trees.push(snapshot(&out));
    }
    assert!(
        trees[0].keys().any(|k| k.starts_with("pagefind/index/")),
        "a search index"
    );
    assert_same_tree(&trees[0], &trees[1], "two builds of the demo");
}
