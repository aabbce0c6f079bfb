//! `/bulletins/atom.xml`: an Atom feed (RFC 4287) of bulletin issues, newest first, written with
//! the `atom_syndication` crate.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{NaiveDate, TimeZone};

use crate::model::Site;
use crate::url;

/// How many issues the feed carries.
pub(crate) const ENTRIES: usize = 20;

/// Midnight of a day in the site's time zone.
pub(crate) fn at_midnight(site: &Site, d: NaiveDate) -> FixedDateTime {
    let tz = site.config.timezone;
    let local = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.fixed_offset())
        .unwrap_or_else(|| chrono::Utc.from_utc_datetime(&local).fixed_offset())
}

fn link(href: String, rel: &str) -> Link {
    typed_link(href, rel, "text/html")
}

/// A link of a feed or entry, with its media type.
pub(crate) fn typed_link(href: String, rel: &str, mime: &str) -> Link {
    Link {
        href,
        rel: rel.into(),
        mime_type: Some(mime.into()),
        ..Default::default()
    }
}

/// The feed's author: the organizer of the footer, or the site.
pub(crate) fn author(site: &Site) -> Person {
    Person {
        name: site
            .config
            .footer
            .organizer
            .clone()
            .unwrap_or_else(|| site.config.title.clone()),
        ..Default::default()
    }
}

pub(crate) fn atom(site: &Site) -> Vec<u8> {
    let base = &site.config.base_url;
    let newest = site.issue_ids().next_back().map(|i| site.issue(i).issue.date);
    let entries: Vec<Entry> = site
        .issue_ids()
        .rev()
        .take(ENTRIES)
        .map(|id| site.issue(id))
        .map(|m| {
            let i = &m.issue;
            let href = url::absolute(base, &url::bulletin(i.year, i.number));
            let titles: Vec<&str> = m.articles.articles.iter().map(|a| a.title.as_str()).collect();
            let mut title = format!("《联络动态》{}年第{}期", i.year, i.number);
            if let Some(t) = &i.total {
                title.push_str(&format!("（总第{}期）", t.value));
            }
            Entry {
                title: Text::plain(title),
                id: href.clone(),
                updated: at_midnight(site, i.date),
                published: Some(at_midnight(site, i.date)),
                links: vec![link(href, "alternate")],
                summary: Some(Text::plain(titles.join("；"))),
                authors: i
                    .publisher
                    .iter()
                    .map(|p| Person {
                        name: p.clone(),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            }
        })
        .collect();
    let feed_url = url::absolute(base, "/bulletins/atom.xml");
    let feed = Feed {
        title: Text::plain(format!("{} · 联络动态", site.config.title)),
        id: feed_url.clone(),
        updated: at_midnight(site, newest.unwrap_or(site.today)),
        authors: vec![author(site)],
        links: vec![
            Link {
                href: feed_url,
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            link(url::absolute(base, &url::bulletins()), "alternate"),
        ],
        lang: Some(site.config.language.clone()),
        entries,
        ..Default::default()
    };
    // Writing into a Vec cannot fail.
    feed.write_to(Vec::new()).unwrap_or_default()
}
