//! Reception notices (接待公告): a print page per coming reception of each station (its next
//! three that are held), with the date, time, place, the representatives on duty and the theme
//! (`theme`, or a date's `[[reception.notice]]`), linked from the station page; and the
//! station's Atom feed of them, parsed with feed-rs.

mod common;

use std::fs;

use common::{Site, attr, one, select, text};

#[test]
fn notices_and_their_feed() {
    let site = Site::new("good");
    let st = site.root.join("content/stations/zhuxi-nanpian-area.md");
    let t = fs::read_to_string(&st).unwrap();
    // a theme for the schedule, and another for one date of it
    let t = t.replacen(
        "[[reception]]\n",
        "[[reception]]\ntheme = \"听取群众对冬季用水的意见\"\n",
        1,
    );
    fs::write(&st, t).unwrap();
    site.build().assert_ok();
    let page = site.page("/stations/zhuxi-nanpian-area/");
    let links: Vec<String> = select(&page, "main .notices-line a")
        .into_iter()
        .filter_map(|a| attr(a, "href").map(str::to_string))
        .collect();
    assert!(!links.is_empty() && links.len() <= 3, "{links:?}");
    let first = site.page(&links[0]);
    let facts = text(one(&first, "main .notice-facts", "the notice's facts"));
    assert!(facts.contains("听取群众对冬季用水的意见"), "{facts}");
    assert!(facts.contains("竹溪镇"), "the place: {facts}");
    let date = attr(one(&first, "main .notice-facts time", "the date"), "datetime")
        .unwrap()
        .to_string();
    assert!(links[0].ends_with(&format!("/notices/{date}/")), "{} {date}", links[0]);
    assert!(date.as_str() >= common::DATE, "a coming reception");
    assert_eq!(
        attr(one(&first, r#"meta[name="robots"]"#, "robots"), "content"),
        Some("noindex")
    );

    // the feed: one entry per notice, each linking its page
    let bytes = fs::read(site.file("/stations/zhuxi-nanpian-area/atom.xml")).unwrap();
    let feed = feed_rs::parser::parse(&bytes[..]).expect("the feed parses");
    assert_eq!(feed.entries.len(), links.len());
    for (e, l) in feed.entries.iter().zip(&links) {
        assert_eq!(e.links[0].href, format!("https://rd.qinglan.example.gov.cn{l}"));
        assert!(e.summary.as_ref().unwrap().content.contains("听取群众对冬季用水的意见"));
    }
    // a station without a schedule still has a feed, with no entries
    let empty = feed_rs::parser::parse(&fs::read(site.file("/stations/shiqiao-group/atom.xml")).unwrap()[..]).unwrap();
    assert!(empty.entries.is_empty());
}

#[test]
fn a_date_of_its_own_replaces_the_schedule_s_theme() {
    let site = Site::new("good");
    site.build().assert_ok();
    let page = site.page("/stations/zhuxi-nanpian-area/");
    let first = attr(select(&page, "main .notices-line a")[0], "href")
        .unwrap()
        .to_string();
    let date = first.trim_end_matches('/').rsplit('/').next().unwrap().to_string();
    let st = site.root.join("content/stations/zhuxi-nanpian-area.md");
    let t = fs::read_to_string(&st).unwrap();
    let t = t.replacen(
        "\n+++\n",
        &format!("\n\n[[reception.notice]]\ndate = {date}\ntheme = \"专题：农村道路维修\"\n+++\n"),
        1,
    );
    fs::write(&st, &t).unwrap();
    let r = site.build();
    r.assert_ok();
    let facts = text(one(&site.page(&first), "main .notice-facts", "facts"));
    assert!(facts.contains("专题：农村道路维修"), "{facts}\n{t}");
}
