//! The site-wide indexes cut into pages: on a site large enough to need several pages of
//! `/representatives/` and `/stations/`, every current representative and every station is
//! listed exactly once across the pages, no page lists more than a page's worth, the pager
//! and `rel=prev`/`next` agree from the first page to the last, the jump links land on the
//! group they name, and the output is the same bytes in any time zone.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::*;
use scraper::Html;

/// Surnames of the generated people, with their names' second characters.
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
];
const GIVEN: &[&str] = &[
    "秋实", "景行", "若水", "明远", "晓岚", "思齐", "嘉禾", "慕青", "怀瑾", "承泽",
];
/// The township regions of the `good` fixture and its county.
const REGIONS: &[&str] = &["511199101", "511199201", "511199"];

const EXTRA_REPS: usize = 1_150;
const EXTRA_STATIONS: usize = 430;

/// The `good` site with 430 more stations and 1,150 more representatives, some at two levels.
fn large_site() -> Site {
    let site = Site::new("good");
    let content = site.root.join("content");
    for i in 0..EXTRA_STATIONS {
        let region = REGIONS[i % REGIONS.len()];
        fs::write(
            content.join(format!("stations/gen-station-{i:04}.md")),
            format!(
                "+++\nname = \"第{i}联络点\"\nkind = \"group\"\nregion = \"{region}\"\naddress = \"青岚县河街 {i} 号\"\n+++\n"
            ),
        )
        .unwrap();
    }
    for i in 0..EXTRA_REPS {
        let name = format!(
            "{}{}",
            SURNAMES[i % SURNAMES.len()],
            GIVEN[(i / SURNAMES.len()) % GIVEN.len()]
        );
        let levels = match i % 7 {
            0 => r#"["county", "township"]"#,
            1 => r#"["county"]"#,
            2 => r#"["city", "county"]"#,
            _ => r#"["township"]"#,
        };
        let station = format!("gen-station-{:04}", (i * 7) % EXTRA_STATIONS);
        fs::write(
            content.join(format!("representatives/gen-rep-{i:04}.md")),
            format!(
                "+++\nname = \"{name}\"\ngender = \"女\"\nlevels = {levels}\nstation = \"{station}\"\nunit = \"青岚县第{i}村\"\n+++\n"
            ),
        )
        .unwrap();
    }
    site
}

fn stems(root: &Path, folder: &str) -> BTreeSet<String> {
    fs::read_dir(root.join("content").join(folder))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_string()
        })
        .collect()
}

/// The `<link rel=…>` of a page's head.
fn head_link(doc: &Html, rel: &str) -> Option<String> {
    select(doc, &format!("head link[rel=\"{rel}\"]"))
        .first()
        .and_then(|l| attr(*l, "href"))
        .map(str::to_string)
}

/// Follows `rel=next` from `first` to the last page: `(url, page)` in order, checking on the
/// way that `rel=prev` points back, that the pager marks the page's own number, offers the
/// same next and previous links and names every page's count.
fn walk(site: &Site, first: &str) -> Vec<(String, Html)> {
    let mut pages: Vec<(String, Html)> = Vec::new();
    let mut url = Some(first.to_string());
    while let Some(u) = url.take() {
        assert!(pages.len() < 100, "rel=next goes round in circles at {u}");
        let doc = site.page(&u);
        let n = pages.len() + 1;
        let expected = if n == 1 {
            first.to_string()
        } else {
            format!("{first}page/{n}/")
        };
        assert_eq!(u, expected, "page {n} of {first}");
        assert_eq!(
            head_link(&doc, "prev"),
            pages.last().map(|(p, _)| p.clone()),
            "rel=prev of {u}"
        );
        let current = texts(&doc, "main nav.pages [aria-current=page]");
        let next = head_link(&doc, "next");
        if n > 1 || next.is_some() {
            // the pager at the top and at the foot both mark this page
            assert_eq!(current, vec![n.to_string(); 2], "the pager of {u}");
            let pager_next: Vec<String> = select(&doc, "main nav.pages a[rel=next]")
                .into_iter()
                .filter_map(|a| attr(a, "href").map(str::to_string))
                .collect();
            assert_eq!(
                pager_next,
                next.iter()
                    .cloned()
                    .cycle()
                    .take(2 * next.iter().count())
                    .collect::<Vec<_>>(),
                "the pager's next link of {u}"
            );
        }
        url = next;
        pages.push((u, doc));
    }
    // every page names the same count, and it is the number of pages
    for (u, doc) in &pages {
        if pages.len() > 1 {
            let count = text(one(doc, "main nav.pages .pager-count", "page count"));
            assert!(count.contains(&format!("共 {} 页", pages.len())), "{u}: {count}");
        }
    }
    pages
}

/// Every link of `css` on the pages, as `(page number, href)`.
fn links(pages: &[(String, Html)], css: &str) -> Vec<(usize, String)> {
    pages
        .iter()
        .enumerate()
        .flat_map(|(i, (_, doc))| {
            select(doc, css)
                .into_iter()
                .filter_map(move |a| attr(a, "href").map(|h| (i + 1, h.to_string())))
        })
        .collect()
}

/// Each jump link `page#anchor` names a page of the walk that has that anchor.
fn assert_jumps_land(pages: &[(String, Html)], css: &str) {
    let by_url: BTreeMap<&str, &Html> = pages.iter().map(|(u, d)| (u.as_str(), d)).collect();
    let jumps = links(pages, css);
    assert!(!jumps.is_empty(), "no jump links {css}");
    for (_, href) in jumps {
        let (u, anchor) = href.split_once('#').unwrap_or_else(|| panic!("{href} has no anchor"));
        let doc = by_url
            .get(u)
            .unwrap_or_else(|| panic!("{href} is not a page of the index"));
        assert!(
            !select(doc, &format!("[id=\"{anchor}\"]")).is_empty(),
            "{href}: no #{anchor} there"
        );
    }
}

#[test]
fn the_representatives_index_lists_everyone_once_over_consistent_pages() {
    let site = large_site();
    site.build().assert_ok();
    let pages = walk(&site, "/representatives/");
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let mut listed: Vec<String> = Vec::new();
    for (u, doc) in &pages {
        let here: Vec<String> = links(std::slice::from_ref(&(u.clone(), doc.clone())), "main ul.names a")
            .into_iter()
            .map(|(_, h)| h)
            .collect();
        assert!(!here.is_empty() && here.len() <= 500, "{u}: {} names", here.len());
        listed.extend(here);
    }
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "someone is listed twice");
    let mut current: BTreeSet<String> = stems(&site.root, "representatives")
        .into_iter()
        .map(|s| format!("/representatives/{s}/"))
        .collect();
    assert!(current.remove("/representatives/chen-guohua/"), "the former one");
    assert_eq!(unique, current);
    assert_jumps_land(&pages, "main nav.jump a");
    // a page past the last is not made, and the old address is the first page
    assert!(
        !site
            .file(&format!("/representatives/page/{}/", pages.len() + 1))
            .exists()
    );
    assert!(!site.file("/representatives/page/1/").exists());
}

#[test]
fn the_stations_index_lists_every_station_once_over_consistent_pages() {
    let site = large_site();
    site.build().assert_ok();
    let pages = walk(&site, "/stations/");
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let mut listed: Vec<String> = Vec::new();
    for (u, doc) in &pages {
        let here: Vec<String> = select(doc, "main #all .st-name a")
            .into_iter()
            .filter_map(|a| attr(a, "href").map(str::to_string))
            .collect();
        assert!(!here.is_empty() && here.len() <= 200, "{u}: {} stations", here.len());
        listed.extend(here);
    }
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "a station is listed twice");
    let all: BTreeSet<String> = stems(&site.root, "stations")
        .into_iter()
        .map(|s| format!("/stations/{s}/"))
        .collect();
    assert_eq!(unique, all);
    assert_jumps_land(&pages, "main nav.jump a");
}

#[test]
fn the_paged_indexes_are_the_same_bytes_in_any_time_zone() {
    let site = large_site();
    let a = site.tmp.path().join("out-utc");
    let b = site.tmp.path().join("out-shanghai");
    site.build_into(&a, &["--date", DATE], &[("TZ", "UTC")]).assert_ok();
    site.build_into(&b, &["--date", DATE], &[("TZ", "Asia/Shanghai")])
        .assert_ok();
    let (a, b) = (snapshot(&a), snapshot(&b));
    assert!(a.keys().any(|k| k.starts_with("representatives/page/")));
    assert_same_tree(&a, &b, "TZ=UTC vs TZ=Asia/Shanghai");
}
