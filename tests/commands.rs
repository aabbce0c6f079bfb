//! `liaison check` (content and internal links) and `liaison new`.

mod common;

use std::process::Command;

use common::*;

fn liaison(root: &std::path::Path, args: &[&str]) -> Run {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    run(root, &args, &[])
}

#[test]
fn check_passes_a_good_site_and_writes_nothing() {
    let site = Site::new("good");
    let r = liaison(&site.root, &["check", "--date", DATE]);
    r.assert_ok();
    assert!(r.stderr.contains("no problems"), "{}", r.stderr);
    assert!(!site.root.join("public").exists(), "check wrote output");
}

#[test]
fn check_reports_broken_links_where_they_were_written() {
    let site = Site::new("good");
    let page = site.root.join("content/pages/about.md");
    let mut text = std::fs::read_to_string(&page).unwrap();
    text.push_str("\n更多见[旧页面](/old-page/)和[联络站](/stations/)以及[外站](https://www.npc.gov.cn/)。\n");
    std::fs::write(&page, &text).unwrap();
    let line = text.lines().position(|l| l.contains("/old-page/")).unwrap() + 1;
    let l = text.lines().nth(line - 1).unwrap();
    let col = l[..l.find("/old-page/").unwrap()].chars().count() + 1;
    let r = liaison(&site.root, &["check", "--date", DATE]);
    assert!(!r.success(), "a broken link must fail the check");
    let want = format!("content/pages/about.md:{line}:{col}: broken link `/old-page/` on /about/");
    assert!(r.stderr.contains(&want), "missing {want:?} in:\n{}", r.stderr);
    assert!(
        !r.stderr.contains("/stations/`"),
        "a good link was reported:\n{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("npc.gov.cn"),
        "an outside link was checked:\n{}",
        r.stderr
    );
    // build does not check links, so the same site builds
    site.build().assert_ok();
}

#[test]
fn new_writes_files_that_build_and_refuses_to_overwrite() {
    let site = Site::new("good");
    let bin = env!("CARGO_BIN_EXE_liaison");
    let new = |args: &[&str]| {
        Command::new(bin)
            .arg("--root")
            .arg(&site.root)
            .arg("new")
            .args(args)
            .output()
            .unwrap()
    };
    let o = new(&["page", "notice"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .trim()
            .ends_with("content/pages/notice.md")
    );
    let again = new(&["page", "notice"]);
    assert!(!again.status.success(), "overwrote an existing file");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let bad = new(&["station", "Zhu_Xi"]);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("zhu-xi"),
        "suggests a slug"
    );

    // the next bulletin of the year, with the next total
    let o = new(&["bulletin", "--date", "2026-11-22"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let path = site.root.join("content/bulletins/2026/2.md");
    let file = std::fs::read_to_string(&path).unwrap();
    let front = file.split("+++").nth(1).unwrap();
    let v: toml::Table = toml::from_str(front).unwrap();
    assert_eq!(v["issue"].as_integer(), Some(2));
    assert_eq!(v["total"].as_integer(), Some(34));
    assert_eq!(
        v["date"].as_datetime().map(|d| d.to_string()).as_deref(),
        Some("2026-11-22")
    );

    // a station and a representative filled in just enough build with the rest of the site
    new(&["station", "zhuxi-new"]);
    let st = site.root.join("content/stations/zhuxi-new.md");
    let t = std::fs::read_to_string(&st)
        .unwrap()
        .replace("region = \"000000\"", "region = \"511199101\"");
    std::fs::write(&st, t).unwrap();
    new(&["representative", "xin-ren"]);
    let rep = site.root.join("content/representatives/xin-ren.md");
    let t = std::fs::read_to_string(&rep)
        .unwrap()
        .replace("station = \"station-slug\"", "station = \"zhuxi-new\"");
    std::fs::write(&rep, t).unwrap();
    site.build().assert_ok();
    let doc = site.page("/stations/zhuxi-new/");
    assert_eq!(
        text(one(&doc, "main h1", "h1")).split_whitespace().next(),
        Some("某某镇人大代表中心联络站")
    );
}
