//! `/stations/<slug>/atom.xml`: an Atom feed of a station's reception notices (接待公告), the
//! soonest first, so that a village's WeChat group or a reader app hears of each reception.
//! Each entry is updated at midnight of the build's day (a notice says what the schedule says
//! that day); its id is the notice page's absolute URL.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::TimeZone;

use crate::model::{Site, StationId};
use crate::reception::date_label;
use crate::url;

fn today_midnight(site: &Site) -> FixedDateTime {
    let local = site.today.and_hms_opt(0, 0, 0).unwrap_or_default();
    site.config
        .timezone
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.fixed_offset())
        .unwrap_or_else(|| chrono::Utc.from_utc_datetime(&local).fixed_offset())
}

fn link(href: String, rel: &str, mime: &str) -> Link {
    Link {
        href,
        rel: rel.into(),
        mime_type: Some(mime.into()),
        ..Default::default()
    }
}

/// One station's feed.
fn feed(site: &Site, s: StationId) -> Vec<u8> {
    let base = &site.config.base_url;
    let st = site.station(s);
    let updated = today_midnight(site);
    let entries: Vec<Entry> = site
        .notices(s)
        .into_iter()
        .map(|(key, k)| {
            let u = &site.upcoming(s)[k];
            let r = site.schedule_of(s, u);
            let href = url::absolute(base, &url::station_notice(&st.slug, &key));
            let mut summary = format!("{} {}，{}", date_label(u.date), r.time_label(), st.address);
            if let Some(t) = r.theme_on(u.date) {
                summary.push_str(&format!("。主题：{t}"));
            }
            let names: Vec<String> = site.on_duty(r).map(|p| site.rep(p).name.clone()).collect();
            if !names.is_empty() {
                summary.push_str(&format!("。接待代表：{}", names.join("、")));
            }
            Entry {
                title: Text::plain(format!("{}：{}{}", st.name, date_label(u.date), r.title)),
                id: href.clone(),
                updated,
                links: vec![link(href, "alternate", "text/html")],
                summary: Some(Text::plain(summary)),
                ..Default::default()
            }
        })
        .collect();
    let self_url = url::absolute(base, &url::station_feed(&st.slug));
    Feed {
        title: Text::plain(format!("{} · 接待公告", st.name)),
        id: self_url.clone(),
        updated,
        authors: vec![Person {
            name: site
                .config
                .footer
                .organizer
                .clone()
                .unwrap_or_else(|| site.config.title.clone()),
            ..Default::default()
        }],
        links: vec![
            link(self_url, "self", "application/atom+xml"),
            link(url::absolute(base, &url::station(&st.slug)), "alternate", "text/html"),
        ],
        lang: Some(site.config.language.clone()),
        entries,
        ..Default::default()
    }
    // Writing into a Vec cannot fail.
    .write_to(Vec::new())
    .unwrap_or_default()
}

/// Every station's feed: `(output path, bytes)`.
pub(crate) fn feeds(site: &Site) -> Vec<(String, Vec<u8>)> {
    site.station_ids()
        .map(|s| (url::file_for(&url::station_feed(&site.station(s).slug)), feed(site, s)))
        .collect()
}
