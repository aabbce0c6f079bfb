//! Stations in the 1+N model and "which station is mine": `parent` and `serves`, links both
//! ways between a 中心联络站 and its 片区, every region page naming the stations that serve it
//! (directly or through the nearest enclosing region), what `check` refuses, and
//! `check --report`.

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::{Site, attr, one, run, select, text};

/// The good fixture with three villages under 竹溪镇: 南村 and 北村 served by the 南片区 station
/// (whose parent is the 中心联络站), 东村 served by no station of its own.
fn villages() -> Site {
    let site = Site::new("good");
    let regions = site.root.join("content/regions.toml");
    let mut t = fs::read_to_string(&regions).unwrap();
    for (code, name) in [
        ("511199101201", "南村"),
        ("511199101202", "北村"),
        ("511199101203", "东村"),
    ] {
        t.push_str(&format!(
            "\n[[region]]\ncode = \"{code}\"\nname = \"{name}\"\nparent = \"511199101\"\n"
        ));
    }
    fs::write(&regions, t).unwrap();
    let area = site.root.join("content/stations/zhuxi-nanpian-area.md");
    let a = fs::read_to_string(&area).unwrap().replacen(
        "\nregion = ",
        "\nparent = \"zhuxi-center\"\nserves = [\"511199101201\", \"511199101202\"]\nregion = ",
        1,
    );
    fs::write(&area, a).unwrap();
    site
}

fn hrefs_in(doc: &scraper::Html, s: &str) -> Vec<String> {
    select(doc, s)
        .into_iter()
        .filter_map(|a| attr(a, "href").map(str::to_string))
        .collect()
}

#[test]
fn a_center_lists_its_areas_and_an_area_links_its_center_and_villages() {
    let site = villages();
    site.build().assert_ok();
    let center = site.page("/stations/zhuxi-center/");
    let children = one(&center, "main section[aria-labelledby=children-h]", "the list of 片区");
    assert_eq!(
        hrefs_in(&center, "main section[aria-labelledby=children-h] .st-name a"),
        ["/stations/zhuxi-nanpian-area/"],
        "{}",
        text(children)
    );
    let area = site.page("/stations/zhuxi-nanpian-area/");
    let facts = text(one(&area, "main .station-facts", "facts"));
    assert!(facts.contains("所属中心联络站"), "{facts}");
    let links = hrefs_in(&area, "main .station-facts a");
    assert!(links.contains(&"/stations/zhuxi-center/".to_string()), "{links:?}");
    assert!(
        links.contains(&"/regions/511199101201/".to_string()) && links.contains(&"/regions/511199101202/".to_string()),
        "{links:?}"
    );
}

#[test]
fn every_village_names_the_station_that_serves_it() {
    let site = villages();
    site.build().assert_ok();
    for (code, station, through) in [
        ("511199101201", "/stations/zhuxi-nanpian-area/", None),
        ("511199101202", "/stations/zhuxi-nanpian-area/", None),
        // no station serves 东村: its township's stations do
        ("511199101203", "/stations/zhuxi-center/", Some("/regions/511199101/")),
    ] {
        let doc = site.page(&format!("/regions/{code}/"));
        let block = one(&doc, "main section.serving", "the stations that serve the region");
        let named = hrefs_in(&doc, "main section.serving .st-name a");
        assert!(named.contains(&station.to_string()), "{code}: {named:?}");
        let next = text(block);
        assert!(
            next.contains("下次接待") || next.contains("近期暂无接待日安排"),
            "{code}: {next}"
        );
        match through {
            Some(r) => assert!(
                hrefs_in(&doc, "main section.serving .note a").contains(&r.to_string()),
                "{code}: falls back to its township"
            ),
            None => assert!(select(&doc, "main section.serving .note").is_empty(), "{code}"),
        }
    }
    // a region whose own stations serve it lists them once, under its stations
    assert!(select(&site.page("/regions/511199101/"), "main section.serving").is_empty());
}

/// `check` on the site with one station file replaced; the message must be at this place.
fn refused(edit: &str, place: &str, words: &str) {
    let site = villages();
    let area = site.root.join("content/stations/zhuxi-nanpian-area.md");
    let a = fs::read_to_string(&area).unwrap();
    let (from, to) = edit.split_once(" => ").unwrap();
    assert!(a.contains(from));
    fs::write(&area, a.replacen(from, to, 1)).unwrap();
    let r = run(&site.root, &["check".into(), "--date".into(), common::DATE.into()], &[]);
    r.assert_no_panic();
    assert!(!r.success(), "check accepted {edit}");
    let at = format!("content/stations/zhuxi-nanpian-area.md:{place}: ");
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains(&at))
        .unwrap_or_else(|| panic!("no message at {at}:\n{}", r.stderr));
    assert!(line.contains(words), "{line}");
}

#[test]
fn check_refuses_a_parent_that_is_not_a_station() {
    refused(
        "parent = \"zhuxi-center\" => parent = \"zhuxi-centre\"",
        "4:10",
        "no station `zhuxi-centre`",
    );
}

#[test]
fn check_refuses_a_cycle_of_parents() {
    let site = villages();
    let center = site.root.join("content/stations/zhuxi-center.md");
    let c =
        fs::read_to_string(&center)
            .unwrap()
            .replacen("\nregion = ", "\nparent = \"zhuxi-nanpian-area\"\nregion = ", 1);
    fs::write(&center, c).unwrap();
    let r = run(&site.root, &["check".into()], &[]);
    assert!(!r.success());
    assert!(r.stderr.contains("makes a cycle of parent stations"), "{}", r.stderr);
    assert!(
        r.stderr.contains("content/stations/zhuxi-center.md:4:10:")
            || r.stderr.contains("content/stations/zhuxi-nanpian-area.md:5:10:"),
        "{}",
        r.stderr
    );
}

#[test]
fn check_refuses_a_serves_code_that_is_not_a_region() {
    refused(
        "\"511199101202\"] => \"511199101299\"]",
        "5:27",
        "`serves`: region `511199101299` is not in content/regions.toml",
    );
}

#[test]
fn the_report_lists_what_is_incomplete() {
    let site = villages();
    let file = site.tmp.path().join("report.csv");
    let r = run(
        &site.root,
        &[
            "check".into(),
            "--date".into(),
            common::DATE.into(),
            "--report".into(),
            file.display().to_string(),
        ],
        &[],
    );
    r.assert_ok();
    let bytes = fs::read(&file).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["problem", "说明", "id", "name", "region", "url"]
    );
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[2].to_string())
        })
        .collect();
    let of = |p: &str| -> BTreeSet<String> { rows.iter().filter(|(k, _)| k == p).map(|(_, id)| id.clone()).collect() };
    // the province and the city above the county: no station serves them, even through a parent
    assert_eq!(
        of("unserved_region"),
        BTreeSet::from(["510000".to_string(), "511100".to_string()])
    );
    // stations and representatives, read from the content files independently
    let (mut no_phone, mut no_location, mut no_schedule) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for e in fs::read_dir(site.root.join("content/stations")).unwrap() {
        let p = e.unwrap().path();
        let t = fs::read_to_string(&p).unwrap();
        let slug = p.file_stem().unwrap().to_string_lossy().into_owned();
        let front: toml::Table = toml::from_str(t.split("+++").nth(1).unwrap()).unwrap();
        if !front.contains_key("phone") {
            no_phone.insert(slug.clone());
        }
        if !front.contains_key("location") {
            no_location.insert(slug.clone());
        }
        if !front.contains_key("reception") {
            no_schedule.insert(slug);
        }
    }
    assert_eq!(of("station_without_phone"), no_phone);
    assert_eq!(of("station_without_location"), no_location);
    assert_eq!(of("station_without_schedule"), no_schedule);
    assert!(
        !no_location.is_empty() && !no_schedule.is_empty(),
        "the fixture has incomplete stations"
    );
    let mut no_contact = BTreeSet::new();
    for e in fs::read_dir(site.root.join("content/representatives")).unwrap() {
        let p = e.unwrap().path();
        let t = fs::read_to_string(&p).unwrap();
        let front: toml::Table = toml::from_str(t.split("+++").nth(1).unwrap()).unwrap();
        let former = front
            .get("until")
            .is_some_and(|u| u.as_datetime().unwrap().to_string().as_str() < common::DATE);
        if !former && !front.contains_key("phone") {
            no_contact.insert(p.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    assert_eq!(of("representative_without_contact"), no_contact);
}
