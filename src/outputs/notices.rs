//! `/stations/<slug>/atom.xml`: an Atom feed of a station's reception notices (接待公告), the
//! soonest first, so that a village's WeChat group or a reader app hears of each reception.
//! Each entry is updated at midnight of the build's day (a notice says what the schedule says
//! that day); its id is the notice page's absolute URL.

use atom_syndication::{Entry, Feed, Text};

use super::feed::{at_midnight, author, typed_link};
use crate::model::{Site, StationId};
use crate::reception::date_label;
use crate::url;

/// One station's feed.
fn feed(site: &Site, s: StationId) -> Vec<u8> {
    let base = &site.config.base_url;
    let st = site.station(s);
    let updated = at_midnight(site, site.today);
    let entries: Vec<Entry> = site
        .notices(s)
        .iter()
        .map(|(key, k)| {
            let u = &site.upcoming(s)[*k];
            let r = site.schedule_of(s, u);
            let href = url::absolute(base, &url::station_notice(&st.slug, key));
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
                links: vec![typed_link(href, "alternate", "text/html")],
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
        authors: vec![author(site)],
        links: vec![
            typed_link(self_url, "self", "application/atom+xml"),
            typed_link(url::absolute(base, &url::station(&st.slug)), "alternate", "text/html"),
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
