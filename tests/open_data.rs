//! The open data every build writes: /data/stations.csv and /data/representatives.csv (read
//! with the csv crate, rows counted against the content files), /data/popolo.json (validated
//! with jsonschema against this project's own schema of the Popolo classes, then its ids
//! followed), and the /data/ page that describes them.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{Site, one, select, text};
use serde_json::Value;

/// The content's stations, and its current representatives (`until` absent or not before the
/// build's date), read from the files with `toml`.
fn counted(root: &Path) -> (usize, BTreeSet<String>, BTreeSet<String>) {
    let fronts = |dir: &str| -> Vec<(String, toml::Table)> {
        let mut out = Vec::new();
        for e in fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") {
                let t = fs::read_to_string(&p).unwrap();
                let inner = t.strip_prefix("+++\n").unwrap();
                let end = inner.find("\n+++").unwrap();
                let slug = p.file_stem().unwrap().to_string_lossy().into_owned();
                out.push((slug, toml::from_str(&inner[..end + 1]).unwrap()));
            }
        }
        out
    };
    let stations = fronts("content/stations").len();
    let (mut current, mut all) = (BTreeSet::new(), BTreeSet::new());
    for (slug, t) in fronts("content/representatives") {
        all.insert(slug.clone());
        let until = t.get("until").map(|u| u.as_datetime().unwrap().to_string());
        if until.is_none_or(|u| u.as_str() >= common::DATE) {
            current.insert(slug);
        }
    }
    (stations, current, all)
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = fs::read(path).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "{} starts with a BOM",
        path.display()
    );
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    for row in &rows {
        assert_eq!(row.len(), header.len(), "every row has every column");
    }
    (header, rows)
}

fn check_site(site: &Site) {
    site.build().assert_ok();
    let (stations, current, all) = counted(&site.root);
    assert!(current.len() < all.len(), "the fixture has former representatives");

    let (sh, srows) = csv_rows(&site.file("/data/stations.csv"));
    assert_eq!(srows.len(), stations, "one row per station");
    for key in [
        "slug",
        "name",
        "kind",
        "region",
        "address",
        "phone",
        "hours",
        "location.lat",
        "location.lon",
        "established",
        "manager.name",
        "liaison.name",
        "url",
    ] {
        assert!(sh.iter().any(|h| h == key), "stations.csv has `{key}`: {sh:?}");
    }
    let (rh, rrows) = csv_rows(&site.file("/data/representatives.csv"));
    let slug = rh.iter().position(|h| h == "slug").unwrap();
    let listed: BTreeSet<String> = rrows.iter().map(|r| r[slug].clone()).collect();
    assert_eq!(listed, current, "one row per current representative, and only those");
    for key in [
        "slug",
        "name",
        "gender",
        "levels",
        "station",
        "region",
        "delegation",
        "unit",
        "position",
        "phone",
        "photo",
        "term",
        "until",
        "url",
    ] {
        assert!(rh.iter().any(|h| h == key), "representatives.csv has `{key}`: {rh:?}");
    }

    // Popolo: valid against the schema, and every id leads somewhere
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(common::fixture("popolo").join("schema.json")).unwrap()).unwrap();
    let doc: Value = serde_json::from_slice(&fs::read(site.file("/data/popolo.json")).unwrap()).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "popolo.json against the schema: {errors:#?}");
    let ids = |k: &str| -> BTreeSet<String> {
        doc[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (persons, orgs, areas) = (ids("persons"), ids("organizations"), ids("areas"));
    assert_eq!(persons, all, "persons: current and former");
    for m in doc["memberships"].as_array().unwrap() {
        assert!(persons.contains(m["person_id"].as_str().unwrap()), "{m}");
        assert!(orgs.contains(m["organization_id"].as_str().unwrap()), "{m}");
        if let Some(a) = m.get("area_id") {
            assert!(areas.contains(a.as_str().unwrap()), "{m}");
        }
        let former = !current.contains(m["person_id"].as_str().unwrap());
        assert_eq!(
            former,
            m.get("end_date").is_some_and(|d| d.as_str().unwrap() < common::DATE),
            "end_date of a finished membership: {m}"
        );
    }
    for o in doc["organizations"].as_array().unwrap() {
        if let Some(a) = o.get("area_id") {
            assert!(areas.contains(a.as_str().unwrap()), "{o}");
        }
    }
    let legislatures = doc["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["classification"] == "legislature")
        .count();
    assert!(legislatures > 0, "the congresses are organizations");
    assert_eq!(
        orgs.iter().filter(|o| o.starts_with("station-")).count(),
        stations,
        "every station is an organization"
    );
    for a in doc["areas"].as_array().unwrap() {
        if let Some(p) = a.get("parent_id") {
            assert!(areas.contains(p.as_str().unwrap()), "{a}");
        }
    }

    // the page names the columns the files have
    let page = site.page("/data/");
    let documented: Vec<Vec<String>> = select(&page, "table.data-columns")
        .into_iter()
        .map(|t| t.select(&common::sel("tbody code")).map(text).collect())
        .collect();
    let (ah, _) = csv_rows(&site.file("/data/activities.csv"));
    let (gh, _) = csv_rows(&site.file("/data/suggestions.csv"));
    assert_eq!(
        documented,
        [sh, rh, ah, gh],
        "the /data/ page documents exactly the CSV columns"
    );
    let license = text(one(&page, "#license-h + p", "the licence paragraph"));
    assert!(!license.is_empty());
}

#[test]
fn the_fixture_s_open_data() {
    check_site(&Site::new("good"));
}

#[test]
fn the_demo_s_open_data() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    common::copy_dir(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content").as_path(),
        &root.join("content"),
    );
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("site.toml"),
        root.join("site.toml"),
    )
    .unwrap();
    if Path::new(env!("CARGO_MANIFEST_DIR")).join("static").is_dir() {
        common::copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("static"),
            &root.join("static"),
        );
    }
    let site = Site {
        out: tmp.path().join("public"),
        root,
        tmp,
    };
    check_site(&site);
}

#[test]
fn a_license_from_site_toml_and_cells_that_are_not_formulas() {
    let site = Site::new("good");
    let toml = site.root.join("site.toml");
    let t = fs::read_to_string(&toml).unwrap().replace(
        "[extra]",
        "[data]\nlicense = \"CC BY 4.0\"\nlicense_url = \"https://creativecommons.org/licenses/by/4.0/\"\n\n[extra]",
    );
    fs::write(&toml, t).unwrap();
    let rep = site.root.join("content/representatives/ma-li.md");
    let r = fs::read_to_string(&rep).unwrap().replace(
        "unit = \"竹溪镇中心小学\"",
        "unit = \"=HYPERLINK(\\\"http://evil.example\\\")\"",
    );
    fs::write(&rep, r).unwrap();
    site.build().assert_ok();
    let page = site.page("/data/");
    let link = one(&page, "#license-h + p a", "the licence link");
    assert_eq!(
        common::attr(link, "href"),
        Some("https://creativecommons.org/licenses/by/4.0/")
    );
    assert_eq!(text(link), "CC BY 4.0");
    let (h, rows) = csv_rows(&site.file("/data/representatives.csv"));
    let unit = h.iter().position(|x| x == "unit").unwrap();
    let cell = rows.iter().map(|r| &r[unit]).find(|u| u.contains("HYPERLINK")).unwrap();
    assert!(cell.starts_with("'="), "a formula is written as text: {cell}");
}
