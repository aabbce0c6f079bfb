//! Every page of the demo and of each fixture site is valid HTML, with minification on (the
//! default): no parse error from html5ever (the parser of Servo, via scraper), and, where the
//! Nu HTML Checker is at hand (`VNU_JAR=path/to/vnu.jar`, as CI sets it), no error from it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// The demo and each fixture site that builds, built into one temporary folder each.
fn built_sites() -> Vec<(String, Site)> {
    let demo = Site::new("good");
    // The demo is the repository's own site: site.toml and content/ at the top.
    let top = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::remove_dir_all(&demo.root).unwrap();
    copy_dir(&top.join("content"), &demo.root.join("content"));
    std::fs::copy(top.join("site.toml"), demo.root.join("site.toml")).unwrap();
    let sites = vec![
        ("demo".to_string(), demo),
        ("good".to_string(), Site::new("good")),
        ("hostile".to_string(), Site::with_overlay("good", "hostile")),
        ("reception".to_string(), Site::new("reception")),
    ];
    for (name, s) in &sites {
        let run = s.build();
        assert!(run.success(), "{name}: {}", run.stderr);
    }
    sites
}

#[test]
fn every_page_is_valid_html() {
    let sites = built_sites();
    let mut problems = Vec::new();
    for (name, site) in &sites {
        let pages = html_pages(&site.out);
        assert!(!pages.is_empty(), "{name}: no pages");
        for (path, doc) in &pages {
            for e in &doc.errors {
                problems.push(format!("{name}/{path}: {e}"));
            }
        }
    }
    assert!(problems.is_empty(), "html5ever reports:\n{}", problems.join("\n"));

    let Some(jar) = std::env::var_os("VNU_JAR").map(PathBuf::from) else {
        eprintln!("skipped the Nu HTML Checker: set VNU_JAR to its vnu.jar (npm package vnu-jar)");
        return;
    };
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--skip-non-html", "--errors-only", "--exit-zero-always"])
        .args(sites.iter().map(|(_, s)| s.out.clone()))
        .output()
        .expect("java runs the Nu HTML Checker");
    let report = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = report.lines().filter(|l| l.contains("error:")).collect();
    assert!(out.status.success(), "the checker failed to run: {report}");
    assert!(
        errors.is_empty(),
        "the Nu HTML Checker reports {} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
    let checked: usize = sites.iter().map(|(_, s)| html_pages(&s.out).len()).sum();
    eprintln!("the Nu HTML Checker found no error in {checked} pages");
}
