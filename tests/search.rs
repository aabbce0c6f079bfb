//! The search index in parts: a site whose records outgrow `[build] search_part_kib` gets one
//! Pagefind bundle per part, listed in `/search/parts.json`, and every record is in exactly one
//! of them. The fixture is small, so these tests lower the budget to split it.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use common::*;

/// The site's `[build]` table with `search_part_kib = <kib>` added.
fn with_budget(site: &Site, kib: u32) {
    let toml = site.root.join("site.toml");
    let text = fs::read_to_string(&toml).unwrap();
    let text = text.replace("[build]\n", &format!("[build]\nsearch_part_kib = {kib}\n"));
    assert!(text.contains("search_part_kib"), "the fixture has a [build] table");
    fs::write(&toml, text).unwrap();
}

fn parts(out: &Path) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("search/parts.json")).expect("/search/parts.json")).unwrap();
    json["parts"]
        .as_array()
        .expect("a list of parts")
        .iter()
        .map(|p| p.as_str().expect("a folder").to_string())
        .collect()
}

/// The URL of every record of one part, read from its fragments (gzip of `pagefind_dcd` and a
/// JSON object).
fn part_urls(out: &Path, folder: &str) -> Vec<String> {
    let dir = out.join(folder.trim_start_matches('/')).join("fragment");
    let mut urls = Vec::new();
    for e in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let bytes = fs::read(e.unwrap().path()).unwrap();
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut text).unwrap();
        let json = text
            .strip_prefix(b"pagefind_dcd".as_slice())
            .expect("a Pagefind fragment");
        let v: serde_json::Value = serde_json::from_slice(json).unwrap();
        urls.push(v["url"].as_str().expect("a URL").to_string());
    }
    urls
}

/// How many records each URL is in, across every part.
fn census(out: &Path, parts: &[String]) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for p in parts {
        let entry: serde_json::Value =
            serde_json::from_slice(&fs::read(out.join(p.trim_start_matches('/')).join("pagefind-entry.json")).unwrap())
                .unwrap();
        assert!(
            entry["languages"].as_object().is_some_and(|l| !l.is_empty()),
            "{p}: {entry}"
        );
        for u in part_urls(out, p) {
            *seen.entry(u).or_insert(0) += 1;
        }
    }
    seen
}

#[test]
fn a_small_site_has_one_part() {
    let site = Site::new("good");
    site.build().assert_ok();
    assert_eq!(parts(&site.out), vec!["/pagefind/".to_string()]);
    assert!(!site.out.join("pagefind/part-2").exists());
}

#[test]
fn a_large_index_comes_in_parts_that_hold_every_record_once() {
    let whole = Site::new("good");
    whole.build().assert_ok();
    let one = census(&whole.out, &parts(&whole.out));
    assert!(one.len() > 20, "{one:?}");

    let split = Site::new("good");
    with_budget(&split, 4);
    split.build().assert_ok();
    let list = parts(&split.out);
    assert!(list.len() > 2, "{list:?}");
    assert_eq!(list[0], "/pagefind/");
    for (k, p) in list.iter().enumerate().skip(1) {
        assert_eq!(p, &format!("/pagefind/part-{}/", k + 1));
    }
    // the search page loads Pagefind's script and wasm from the first part only
    assert!(split.out.join("pagefind/pagefind.js").is_file());
    let many = census(&split.out, &list);
    assert_eq!(many.keys().collect::<Vec<_>>(), one.keys().collect::<Vec<_>>());
    assert!(many.values().all(|&n| n == 1), "{many:?}");
    for p in &list[1..] {
        assert!(!part_urls(&split.out, p).is_empty(), "{p} is not empty");
        // and runs on the first part's script and wasm: it has none of its own
        let dir = split.out.join(p.trim_start_matches('/'));
        let own: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".js") || n.ends_with(".css") || n.contains("wasm"))
            .collect();
        assert!(own.is_empty(), "{p}: {own:?}");
    }
}

#[test]
fn a_split_index_is_the_same_bytes_every_build_and_in_every_time_zone() {
    let site = Site::new("good");
    with_budget(&site, 4);
    let a = site.root.parent().unwrap().join("a");
    let b = site.root.parent().unwrap().join("b");
    site.build_into(&a, &["--date", DATE], &[("TZ", "UTC")]).assert_ok();
    site.build_into(&b, &["--date", DATE], &[("TZ", "America/Los_Angeles")])
        .assert_ok();
    let (ta, tb) = (snapshot(&a), snapshot(&b));
    assert!(ta.keys().any(|k| k.starts_with("pagefind/part-2/")), "split");
    assert_same_tree(&ta, &tb, "two builds of a split index");
}

#[test]
fn a_budget_out_of_range_is_an_error_at_its_place() {
    let site = Site::new("good");
    with_budget(&site, 2);
    let run = site.build();
    assert!(!run.success());
    assert!(
        run.stderr.contains("site.toml:") && run.stderr.contains("`search_part_kib` must be between 4 and 1048576"),
        "{}",
        run.stderr
    );
    assert!(!site.out.exists(), "nothing written");
}
