//! Reception days: the dates station, representative, region and home pages list, holidays
//! (cancel and postpone), provisional dates, calendars, and Event JSON-LD.
//!
//! The fixture `tests/fixtures/reception` is built with `--date 2025-09-20` and
//! `reception_days_ahead = 120`, so the window (2025-09-20 .. 2026-01-17) covers the 2025
//! National Day holiday (Oct 1–8) and New Year 2026 (Jan 1–3, Sunday Jan 4 a working day).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use scraper::Html;

const WINDOW_START: &str = "2025-09-20";
const WINDOW_END: &str = "2026-01-17";

/// One listed reception day: (date, status class, postponed-from date if any).
type Day = (String, String, Option<String>);

fn listed(doc: &Html, list: &str) -> Vec<Day> {
    select(doc, &format!("{list} ul.upcoming > li"))
        .into_iter()
        .map(|li| {
            let when = li.select(&sel("p.when time")).next().expect("a date in p.when");
            let from = li
                .select(&sel("p.note time"))
                .next()
                .and_then(|t| attr(t, "datetime"))
                .map(str::to_string);
            (
                attr(when, "datetime").unwrap().to_string(),
                attr(li, "class").unwrap_or("").to_string(),
                from,
            )
        })
        .collect()
}

fn day(d: &str, status: &str) -> Day {
    (d.to_string(), status.to_string(), None)
}

fn moved(d: &str, from: &str) -> Day {
    (d.to_string(), "postponed".to_string(), Some(from.to_string()))
}

fn built_at(date: &str, env: &[(&str, &str)]) -> Site {
    let site = Site::new("reception");
    site.build_with(&["--date", date], env).assert_ok();
    site
}

/// Every station's list for the 2025-09-20 build.
fn expected() -> Vec<(&'static str, Vec<Day>)> {
    vec![
        // 10-08 falls in the National Day holiday: cancelled
        (
            "oct-cancel",
            vec![
                day("2025-10-08", "cancelled"),
                day("2025-11-08", "scheduled"),
                day("2025-12-08", "scheduled"),
                day("2026-01-08", "scheduled"),
            ],
        ),
        // the same rule with on_holiday = "postpone": the next working day, Oct 9
        (
            "oct-postpone",
            vec![
                moved("2025-10-09", "2025-10-08"),
                day("2025-11-08", "scheduled"),
                day("2025-12-08", "scheduled"),
                day("2026-01-08", "scheduled"),
            ],
        ),
        // Oct 1 → Oct 9; Jan 1 2026 → Sunday Jan 4, a make-up working day (调休)
        (
            "new-year",
            vec![
                moved("2025-10-09", "2025-10-01"),
                day("2025-11-01", "scheduled"),
                day("2025-12-01", "scheduled"),
                moved("2026-01-04", "2026-01-01"),
            ],
        ),
        // a local closure (holidays.toml) for 东湖镇 only
        (
            "tuesdays-east",
            vec![
                day("2025-11-04", "scheduled"),
                day("2025-11-11", "cancelled"),
                day("2025-11-18", "scheduled"),
                day("2025-11-25", "scheduled"),
            ],
        ),
        (
            "tuesdays-west",
            vec![
                day("2025-11-04", "scheduled"),
                day("2025-11-11", "scheduled"),
                day("2025-11-18", "scheduled"),
                day("2025-11-25", "scheduled"),
            ],
        ),
        // since and until are inclusive; except cancels
        (
            "bounds",
            vec![
                day("2025-10-15", "scheduled"),
                day("2025-11-15", "cancelled"),
                day("2025-12-15", "scheduled"),
            ],
        ),
        // BYMONTHDAY=31 skips November; 29 February has no date in the window
        (
            "month-ends",
            vec![day("2025-10-31", "scheduled"), day("2025-12-31", "scheduled")],
        ),
        // a single date, and a rule that ended in June: only the single date
        ("once-and-ended", vec![day("2025-10-20", "scheduled")]),
    ]
}

fn check_station_lists(site: &Site) {
    for (slug, want) in expected() {
        let doc = site.page(&format!("/stations/{slug}/"));
        assert_eq!(listed(&doc, "main"), want, "{slug}");
    }
}

#[test]
fn station_pages_list_the_expected_dates() {
    let site = built_at(WINDOW_START, &[]);
    check_station_lists(&site);
    // reasons are shown with cancelled and postponed dates
    let doc = site.page("/stations/oct-cancel/");
    assert!(body_text(&doc).contains("因国庆节放假，当天不接待"), "holiday reason");
    let doc = site.page("/stations/tuesdays-east/");
    assert!(body_text(&doc).contains("因东湖镇人大换届选举"), "local closure reason");
    let doc = site.page("/stations/new-year/");
    assert!(
        body_text(&doc).contains("原定 2026年1月1日（星期四），因元旦放假顺延至此日"),
        "postponed note"
    );
    // the schedule of a station without upcoming dates is still described
    let doc = site.page("/stations/once-and-ended/");
    assert!(body_text(&doc).contains("每月3日"), "the ended rule in words");
}

#[test]
fn the_machine_time_zone_does_not_change_the_dates() {
    for tz in ["America/New_York", "Pacific/Kiritimati", "UTC"] {
        let site = built_at(WINDOW_START, &[("TZ", tz)]);
        check_station_lists(&site);
    }
}

#[test]
fn representative_pages_list_duty_dates() {
    let site = built_at(WINDOW_START, &[]);
    let doc = site.page("/representatives/he-ping/");
    let days: Vec<(String, String)> = listed(&doc, "main").into_iter().map(|(d, c, _)| (d, c)).collect();
    let want: Vec<(String, String)> = [
        ("2025-10-08", "cancelled"),
        ("2025-10-09", "postponed"),
        ("2025-10-20", "scheduled"),
        ("2025-11-08", "scheduled"),
        ("2025-11-08", "scheduled"),
        ("2025-12-08", "scheduled"),
        ("2025-12-08", "scheduled"),
        ("2026-01-08", "scheduled"),
        ("2026-01-08", "scheduled"),
    ]
    .iter()
    .map(|(d, c)| (d.to_string(), c.to_string()))
    .collect();
    assert_eq!(days, want);
    // each duty date names its station
    let stations: Vec<String> = select(&doc, "main ul.upcoming > li p.what a")
        .into_iter()
        .filter_map(|a| attr(a, "href").map(str::to_string))
        .collect();
    assert_eq!(stations.len(), want.len());
    assert_eq!(stations[2], "/stations/once-and-ended/");
    // someone with no duty has no list
    let doc = site.page("/representatives/zhou-qing/");
    assert!(select(&doc, "main ul.upcoming").is_empty());
}

#[test]
fn home_and_region_pages_show_the_coming_week() {
    // 2025-11-02 .. 2025-11-08
    let site = built_at("2025-11-02", &[]);
    let week = |url: &str| -> Vec<(String, String)> {
        let doc = site.page(url);
        select(&doc, "main ul.upcoming > li")
            .into_iter()
            .map(|li| {
                let d = attr(li.select(&sel("p.when time")).next().unwrap(), "datetime")
                    .unwrap()
                    .to_string();
                let s = attr(li.select(&sel("p.what a")).next().expect("the station link"), "href")
                    .unwrap()
                    .to_string();
                (d, s)
            })
            .collect()
    };
    let all = [
        ("2025-11-04", "/stations/tuesdays-east/"),
        ("2025-11-04", "/stations/tuesdays-west/"),
        ("2025-11-08", "/stations/oct-cancel/"),
        ("2025-11-08", "/stations/oct-postpone/"),
    ];
    let pairs = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(week("/"), pairs(&all));
    assert_eq!(week("/regions/430977/"), pairs(&all));
    assert_eq!(week("/regions/430977101/"), pairs(&[all[0], all[2]]));
    assert_eq!(week("/regions/430977102/"), pairs(&[all[1], all[3]]));
}

#[test]
fn dates_beyond_the_holiday_data_are_marked_provisional() {
    let site = built_at("2026-12-01", &[]);
    let doc = site.page("/stations/month-ends/");
    let items = select(&doc, "main ul.upcoming > li");
    let marks: Vec<(String, bool)> = items
        .iter()
        .map(|li| {
            let d = attr(li.select(&sel("p.when time")).next().unwrap(), "datetime")
                .unwrap()
                .to_string();
            (d, li.select(&sel(".provisional-mark")).next().is_some())
        })
        .collect();
    // the data of the chinese_holiday crate ends on 2026-12-25
    // (the window of 120 days ends on 2027-03-30)
    assert_eq!(
        marks,
        [("2026-12-31".to_string(), true), ("2027-01-31".to_string(), true)]
    );
    let doc = site.page("/stations/oct-cancel/");
    let first = select(&doc, "main ul.upcoming > li")[0];
    assert_eq!(
        attr(first.select(&sel("p.when time")).next().unwrap(), "datetime"),
        Some("2026-12-08")
    );
    assert!(
        first.select(&sel(".provisional-mark")).next().is_none(),
        "2026-12-08 is covered"
    );
}

#[test]
fn station_pages_carry_event_json_ld() {
    let site = built_at(WINDOW_START, &[]);
    let doc = site.page("/stations/oct-postpone/");
    let scripts = select(&doc, r#"script[type="application/ld+json"]"#);
    let graphs: Vec<serde_json::Value> = scripts
        .iter()
        .map(|s| serde_json::from_str(&s.inner_html()).expect("valid JSON-LD"))
        .collect();
    let events: Vec<&serde_json::Value> = graphs
        .iter()
        .flat_map(|g| {
            g["@graph"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .leak()
        .iter()
        .filter(|e| e["@type"] == "Event")
        .collect();
    assert_eq!(events.len(), 4, "one Event per listed date");
    let first = events[0];
    assert_eq!(first["startDate"], "2025-10-09T09:00:00+08:00");
    assert_eq!(first["endDate"], "2025-10-09T11:30:00+08:00");
    assert_eq!(first["eventStatus"], "https://schema.org/EventRescheduled");
    assert_eq!(first["previousStartDate"], "2025-10-08T09:00:00+08:00");
    assert_eq!(first["location"]["@type"], "Place");
    assert_eq!(
        first["location"]["address"]["streetAddress"],
        "柳岸县西岭镇人大代表中心联络站所在地 1 号"
    );
    assert_eq!(first["location"]["geo"]["latitude"], 28.1);
    assert_eq!(first["performer"][0]["name"], "何平");
    let doc = site.page("/stations/oct-cancel/");
    let g: serde_json::Value =
        serde_json::from_str(&one(&doc, r#"script[type="application/ld+json"]"#, "json-ld").inner_html()).unwrap();
    let graph = g["@graph"].as_array().expect("a @graph");
    let first_event = graph.iter().find(|n| n["@type"] == "Event").expect("an Event");
    assert_eq!(first_event["eventStatus"], "https://schema.org/EventCancelled");
    // the events are organised by the station, a GovernmentOffice in the same graph
    let office = graph
        .iter()
        .find(|n| n["@type"] == "GovernmentOffice")
        .expect("the station");
    assert_eq!(first_event["organizer"]["@id"], office["@id"]);
}

fn ics(site: &Site, url: &str) -> String {
    std::fs::read_to_string(site.file(url)).unwrap_or_else(|e| panic!("{url}: {e}"))
}

/// The content lines named `name` (unfolded), outside the VTIMEZONE.
fn props(text: &str, name: &str) -> Vec<String> {
    let unfolded = text.replace("\r\n ", "");
    let unfolded = match (unfolded.find("BEGIN:VTIMEZONE"), unfolded.find("END:VTIMEZONE")) {
        (Some(a), Some(b)) if name != "TZID" => format!("{}{}", &unfolded[..a], &unfolded[b..]),
        _ => unfolded,
    };
    unfolded
        .split("\r\n")
        .filter(|l| l.starts_with(&format!("{name}:")) || l.starts_with(&format!("{name};")))
        .map(str::to_string)
        .collect()
}

#[test]
fn calendars_are_rfc_5545() {
    let site = built_at(WINDOW_START, &[]);
    let text = ics(&site, "/stations/oct-postpone/reception.ics");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "{text}");
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
        assert!(!line.contains('\n'), "bare LF");
    }
    assert_eq!(
        props(&text, "DTSTAMP"),
        ["DTSTAMP:20250920T000000Z"],
        "DTSTAMP from --date"
    );
    assert_eq!(props(&text, "UID"), ["UID:oct-postpone-1@rd.liuan.example.gov.cn"]);
    assert_eq!(
        props(&text, "RRULE"),
        ["RRULE:FREQ=MONTHLY;BYMONTHDAY=8"],
        "the rule is kept, not expanded"
    );
    assert_eq!(props(&text, "DTSTART"), ["DTSTART;TZID=Asia/Shanghai:20250108T090000"]);
    // the holiday-moved dates: 2025-10-08 → 10-09, and none other until the data ends
    assert_eq!(props(&text, "EXDATE"), ["EXDATE;TZID=Asia/Shanghai:20251008T090000"]);
    assert_eq!(props(&text, "RDATE"), ["RDATE;TZID=Asia/Shanghai:20251009T090000"]);
    assert_eq!(props(&text, "TZID"), ["TZID:Asia/Shanghai"], "a VTIMEZONE");
    assert!(text.contains("BEGIN:VTIMEZONE\r\n") && text.contains("TZOFFSETTO:+0800\r\n"));
    assert_eq!(
        props(&text, "LOCATION"),
        ["LOCATION:柳岸县西岭镇人大代表中心联络站所在地 1 号"]
    );
    assert!(
        props(&text, "DESCRIPTION")[0].contains("接待代表：何平"),
        "duty representatives"
    );
    // cancelled by a holiday → EXDATE; checked up to the end of the holiday data (2026-12-25):
    // the 8th is a holiday only in October 2025 (the 2026 National Day ends on Oct 7)
    let text = ics(&site, "/stations/oct-cancel/reception.ics");
    assert_eq!(props(&text, "EXDATE"), ["EXDATE;TZID=Asia/Shanghai:20251008T090000"]);
    assert!(props(&text, "RDATE").is_empty());
    // the 1st-of-month rule with on_holiday = "postpone", from 2025-01-01 to the end of the
    // holiday data: every 1st that is a public holiday, moved to the next working day
    let text = ics(&site, "/stations/new-year/reception.ics");
    let moves = [
        ("20250101", "20250102"), // 元旦
        ("20250201", "20250205"), // 春节 Jan 28 – Feb 4
        ("20250501", "20250506"), // 劳动节 May 1–5
        ("20250601", "20250603"), // 端午节 May 31 – Jun 2
        ("20251001", "20251009"), // 国庆节 Oct 1–8
        ("20260101", "20260104"), // 元旦 Jan 1–3; Sunday Jan 4 is a working day
        ("20260501", "20260506"), // 劳动节 May 1–5
        ("20261001", "20261008"), // 国庆节 Oct 1–7
    ];
    let at = |d: &str| format!("TZID=Asia/Shanghai:{d}T143000");
    assert_eq!(
        props(&text, "EXDATE"),
        moves.iter().map(|m| format!("EXDATE;{}", at(m.0))).collect::<Vec<_>>()
    );
    assert_eq!(
        props(&text, "RDATE"),
        moves.iter().map(|m| format!("RDATE;{}", at(m.1))).collect::<Vec<_>>()
    );
    // until becomes UNTIL in UTC
    let text = ics(&site, "/stations/bounds/reception.ics");
    assert_eq!(
        props(&text, "RRULE"),
        ["RRULE:FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20251215T010000Z"]
    );
    assert_eq!(props(&text, "EXDATE"), ["EXDATE;TZID=Asia/Shanghai:20251115T090000"]);
    // a region's calendar holds the events of every station below it
    let county = ics(&site, "/regions/430977/reception.ics");
    assert_eq!(
        props(&county, "BEGIN").iter().filter(|l| *l == "BEGIN:VEVENT").count(),
        10
    );
    let east = ics(&site, "/regions/430977101/reception.ics");
    assert_eq!(props(&east, "BEGIN").iter().filter(|l| *l == "BEGIN:VEVENT").count(), 6);
    // stable between builds
    let again = built_at(WINDOW_START, &[]);
    assert_eq!(county, ics(&again, "/regions/430977/reception.ics"));
    // the station page links its calendar with a word on subscribing
    let doc = site.page("/stations/oct-cancel/");
    let link = one(
        &doc,
        r#"main a[href="/stations/oct-cancel/reception.ics"]"#,
        "calendar link",
    );
    assert!(text_of(link).contains("订阅"));
    assert!(body_text(&doc).contains("手机"), "how to subscribe on a phone");
}

fn text_of(e: scraper::ElementRef) -> String {
    text(e)
}

/// A Python with icalendar and recurring-ical-events, in a virtual environment under
/// target/ (made on first use with pip from PyPI).
fn python() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("ics-check-venv");
    let py = venv.join("bin").join("python");
    let ready = |py: &Path| {
        Command::new(py)
            .args(["-c", "import icalendar, recurring_ical_events"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    };
    if !ready(&py) {
        let made = Command::new("python3")
            .arg("-m")
            .arg("venv")
            .arg(&venv)
            .status()
            .expect("python3 to make a venv");
        assert!(made.success(), "python3 -m venv failed");
        let pip = Command::new(&py)
            .args(["-m", "pip", "install", "--quiet", "icalendar", "recurring-ical-events"])
            .status()
            .expect("pip");
        assert!(pip.success(), "pip install icalendar recurring-ical-events failed");
    }
    assert!(ready(&py), "icalendar and recurring_ical_events are not importable");
    py
}

fn independent_check(out: &Path, first: &str, last: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts/ics_check.py");
    let o = Command::new(python())
        .arg(script)
        .arg(out)
        .arg(first)
        .arg(last)
        .output()
        .expect("run ics_check.py");
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "ics_check.py found differences:\n{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    stdout
}

/// Every .ics parsed and expanded by Python's icalendar + recurring-ical-events yields exactly
/// the held dates the station pages list; region calendars hold only station events.
#[test]
fn an_independent_parser_expands_the_calendars_to_the_listed_dates() {
    let site = built_at(WINDOW_START, &[]);
    let out = independent_check(&site.out, WINDOW_START, WINDOW_END);
    assert!(
        out.starts_with("8 station calendars, 4 region calendars, 23 held dates checked"),
        "{out}"
    );

    let good = Site::new("good");
    good.build().assert_ok();
    let out = independent_check(&good.out, "2026-11-22", "2027-02-19");
    assert!(out.contains(" station calendars"), "{out}");

    // the demo site of the repository
    let demo = tempfile::tempdir().unwrap();
    let run = run(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "build".into(),
            "--date".into(),
            "2026-11-22".into(),
            "--output".into(),
            demo.path().join("public").display().to_string(),
        ],
        &[],
    );
    run.assert_ok();
    let out = independent_check(&demo.path().join("public"), "2026-11-22", "2027-02-19");
    assert!(!out.starts_with("0 station"), "{out}");
}
