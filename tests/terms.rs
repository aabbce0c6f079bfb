//! Representatives across terms (届): a former representative (`until` in the past) keeps their
//! page, which says 已不再担任 and since when, and is listed on /representatives/former/; they
//! leave every current list, count and search ranking; a bulletin that names them still links.
//! The fixture has 陈国华 (第十七届, until 2021-12-31) and 谭丽华 (until 2027-06-30, still
//! current on the build's date).

mod common;

use std::fs;

use common::{Site, attr, body_text, one, select, text};
use serde_json::Value;

fn hrefs(doc: &scraper::Html) -> Vec<String> {
    select(doc, "main a[href]")
        .into_iter()
        .filter_map(|a| attr(a, "href").map(str::to_string))
        .collect()
}

/// The links of a page outside its ledger section: the station's current lists. A past
/// record of the ledger keeps the names of the representatives of its day.
fn current_hrefs(doc: &scraper::Html) -> Vec<String> {
    select(doc, "main a[href]")
        .into_iter()
        .filter(|a| {
            !a.ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|e| e.value().classes().any(|c| c == "station-ledger"))
        })
        .filter_map(|a| attr(a, "href").map(str::to_string))
        .collect()
}

#[test]
fn a_former_representative_keeps_a_page_that_says_so() {
    let site = Site::new("good");
    site.build().assert_ok();
    let page = site.page("/representatives/chen-guohua/");
    let note = text(one(&page, "main .ended", "the notice of a finished membership"));
    assert!(note.contains("陈国华已不再担任县人大代表"), "{note}");
    assert!(note.contains("任期至2021年12月31日"), "{note}");
    assert!(text(one(&page, "title", "title")).starts_with("陈国华（原县人大代表）"));
    let body = body_text(&page);
    assert!(body.contains("第十七届"), "the term is shown");
    assert!(
        !body.contains("13800000099"),
        "a former representative's phone is no longer published"
    );
    // schema.org: the membership as a Role that ended
    let ld: Value =
        serde_json::from_str(&text(one(&page, r#"script[type="application/ld+json"]"#, "JSON-LD"))).unwrap();
    let person = ld["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@type"] == "Person")
        .unwrap();
    assert_eq!(person["memberOf"][0]["@type"], "Role");
    assert_eq!(person["memberOf"][0]["endDate"], "2021-12-31");

    // a current one whose term ends later: no notice, the date shown
    let tan = site.page("/representatives/tan-lihua/");
    assert!(select(&tan, "main .ended").is_empty());
    assert!(body_text(&tan).contains("任期至2027年6月30日"));
}

#[test]
fn former_representatives_leave_current_lists_and_counts() {
    let site = Site::new("good");
    site.build().assert_ok();
    let former = "/representatives/chen-guohua/";
    for url in [
        "/representatives/",
        "/stations/zhuxi-center/",
        "/regions/511199101/",
        "/",
    ] {
        let doc = site.page(url);
        assert!(
            !current_hrefs(&doc).iter().any(|h| h == former),
            "{url} lists the former representative"
        );
    }
    // a past ledger record keeps their name, marked as a former representative
    let station = site.page("/stations/zhuxi-center/");
    let marked: Vec<String> = select(&station, &format!("main .station-ledger a[href='{former}']"))
        .into_iter()
        .map(|a| {
            a.parent()
                .and_then(scraper::ElementRef::wrap)
                .map(text)
                .unwrap_or_default()
        })
        .collect();
    assert!(
        !marked.is_empty() && marked.iter().all(|t| t.contains("陈国华（原代表）")),
        "{marked:?}"
    );
    assert!(
        hrefs(&site.page("/stations/zhuxi-nanpian-area/"))
            .iter()
            .any(|h| h == "/representatives/tan-lihua/")
    );
    // the list of former ones, by term
    let list = site.page("/representatives/former/");
    let groups: Vec<String> = select(&list, "main section h2").into_iter().map(text).collect();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert!(groups[0].starts_with("第十七届"), "{groups:?}");
    assert_eq!(hrefs(&list).iter().filter(|h| h.as_str() == former).count(), 1);
    assert!(!hrefs(&list).iter().any(|h| h == "/representatives/tan-lihua/"));
    // linked from the current list
    assert!(
        hrefs(&site.page("/representatives/"))
            .iter()
            .any(|h| h == "/representatives/former/")
    );
    // counts: 13 current of 14 files
    assert!(body_text(&site.page("/")).contains("13 名人大代表"));
    // the sitemap has both pages
    let sitemap = fs::read_to_string(site.file("/sitemap.xml")).unwrap();
    assert!(sitemap.contains("/representatives/former/") && sitemap.contains(former));
}

#[test]
fn a_bulletin_that_names_a_former_representative_still_links() {
    let site = Site::new("good");
    site.build().assert_ok();
    let issue = site.page("/bulletins/2026/1/");
    assert!(hrefs(&issue).iter().any(|h| h == "/representatives/chen-guohua/"));
    assert!(site.file("/representatives/chen-guohua/").is_file());
}

#[test]
fn the_name_table_keeps_the_former_marked_as_former() {
    let site = Site::new("good");
    site.build().assert_ok();
    // the exact-name table keeps the former, marked 原代表
    let mut found = Vec::new();
    for e in fs::read_dir(site.out.join("search/names")).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().unwrap() == "meta.json" {
            continue;
        }
        let list: Vec<Value> = serde_json::from_slice(&fs::read(&p).unwrap()).unwrap();
        found.extend(list.into_iter().filter(|x| x["n"] == "陈国华"));
    }
    assert!(!found.is_empty());
    assert!(found.iter().all(|x| x["k"] == "原代表"), "{found:?}");
}

#[test]
fn until_in_the_past_on_another_date_makes_a_representative_former() {
    // the same content built after 谭丽华's term ended
    let site = Site::new("good");
    site.build_with(&["--date", "2027-07-01"], &[]).assert_ok();
    let doc = site.page("/representatives/tan-lihua/");
    assert!(text(one(&doc, "main .ended", "notice")).contains("任期至2027年6月30日"));
    assert!(
        !current_hrefs(&site.page("/stations/zhuxi-nanpian-area/"))
            .iter()
            .any(|h| h == "/representatives/tan-lihua/")
    );
    let groups: Vec<String> = select(&site.page("/representatives/former/"), "main section h2")
        .into_iter()
        .map(text)
        .collect();
    assert!(groups[0].starts_with("第十八届"), "the latest term first: {groups:?}");
}
