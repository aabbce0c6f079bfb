//! A rebuild of what an edit reaches: the affected pages (by key, in the model before and
//! after), the calendars whose events or region changed, the sitemap and the feed. Each part
//! is made by the pipeline's own stages; this only chooses which.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::{Session, Update, deps, keyed};
use crate::content::Changed;
use crate::diag::Diagnostics;
use crate::model::{RegionId, Site, StationId};
use crate::output::{Body, Output};
use crate::outputs::ics::{self, Events};
use crate::pages::Page;
use crate::pipeline::{self, FileBytes};
use crate::timings::{Phase, Timings};
use crate::url;

/// Writes a file into the output unless it holds those bytes already, noting it.
fn put(output: &mut Output, update: &mut Update, path: String, bytes: Vec<u8>) {
    let same = matches!(output.get(&path), Some(Body::Bytes(b)) if *b == bytes);
    if !same {
        output.insert(path.clone(), Body::Bytes(bytes));
        update.written.push(path);
    }
}

/// Renders the pages the edit reaches, the edited things' own first (handed to `first`), and
/// drops the pages of what is gone. Returns how many pages there are now.
fn pages(
    s: &mut Session,
    site: &Site,
    changed: &Changed,
    first: &mut dyn FnMut(&[FileBytes]),
    update: &mut Update,
    timings: &Timings,
) -> Result<usize, Diagnostics> {
    let old = &s.site;
    let now = keyed(site, deps::affected(site, changed));
    let before = keyed(old, deps::affected(old, changed));
    let gone: Vec<String> = before
        .iter()
        .filter(|k| k.find(site).is_none())
        .filter_map(|k| k.find(old))
        .map(|p| url::file_for(&p.url(old)))
        .collect();
    timings.done(Phase::Affected);
    let own_keys = keyed(site, deps::own_pages(site, changed));
    let own: Vec<Page> = own_keys.iter().filter_map(|k| k.find(site)).collect();
    let mut rendered = pipeline::render_pages(site, &s.theme, own, timings, &|_, _| {})?;
    timings.done(Phase::RenderOwn);
    first(&rendered);
    let rest: Vec<Page> = now
        .union(&before)
        .filter(|k| !own_keys.contains(*k))
        .filter_map(|k| k.find(site))
        .collect();
    rendered.extend(pipeline::render_pages(site, &s.theme, rest, timings, &|_, _| {})?);
    timings.done(Phase::RenderRest);
    update.rendered = rendered.len();
    let mut count = s.pages;
    for (path, bytes) in rendered {
        if !s.output.contains_key(&path) {
            count += 1;
        }
        put(&mut s.output, update, path, bytes);
    }
    for path in gone {
        if s.output.remove(&path).is_some() {
            count -= 1;
            update.removed.push(path);
        }
    }
    Ok(count)
}

/// The stations whose calendar must be made again (their events or region changed, or the
/// years every calendar covers), and the region codes above them, before or after, and the
/// calendar files of stations that are gone.
fn touched_calendars<'a>(
    old: &'a Site,
    old_events: &Events,
    site: &'a Site,
    events: &Events,
) -> (BTreeSet<StationId>, BTreeSet<&'a str>, BTreeSet<String>) {
    let region_code = |s: &'a Site, i: StationId| s.region(s.station_region(i)).code.as_str();
    let all = events.years != old_events.years;
    let touched: BTreeSet<StationId> = site
        .station_ids()
        .filter(|&i| {
            all || match old.station_by_slug(&site.station(i).slug) {
                Some(j) => old_events.of(j) != events.of(i) || region_code(old, j) != region_code(site, i),
                None => true,
            }
        })
        .collect();
    let mut codes: BTreeSet<&str> = BTreeSet::new();
    let mut files: BTreeSet<String> = BTreeSet::new();
    for &i in &touched {
        let slug = site.station(i).slug.as_str();
        files.insert(url::file_for(&url::station_calendar(slug)));
        codes.extend(site.station_region_codes(i));
        if let Some(j) = old.station_by_slug(slug) {
            codes.extend(old.station_region_codes(j));
        }
    }
    for j in old.station_ids() {
        let slug = old.station(j).slug.as_str();
        if site.station_by_slug(slug).is_none() {
            files.insert(url::file_for(&url::station_calendar(slug)));
            codes.extend(old.station_region_codes(j));
        }
    }
    (touched, codes, files)
}

/// Makes again the calendars the edit reaches; removes those that are gone.
fn calendars(s: &mut Session, site: &Site, events: &Events, update: &mut Update) {
    let (touched, codes, station_files) = touched_calendars(&s.site, &s.events, site, events);
    let regions: BTreeSet<RegionId> = codes.iter().filter_map(|&c| site.region_by_code(c)).collect();
    let fresh: BTreeMap<String, String> = ics::calendars(site, events, &touched, &regions).into_iter().collect();
    let region_files: Vec<String> = codes.iter().map(|c| url::file_for(&url::region_calendar(c))).collect();
    for p in station_files.into_iter().chain(region_files) {
        if !fresh.contains_key(&p) && s.output.remove(&p).is_some() {
            update.removed.push(p);
        }
    }
    for (p, text) in fresh {
        put(&mut s.output, update, p, text.into_bytes());
    }
}

/// Sitemap (pages come and go; issue dates are its lastmod), robots.txt, the feeds (a
/// deleted station's goes), the open data.
fn site_files(s: &mut Session, site: &Site, update: &mut Update) {
    let files = pipeline::site_files(site);
    let keep: BTreeSet<&String> = files.iter().map(|(p, _)| p).collect();
    let old_maps: Vec<String> = s
        .output
        .keys()
        .filter(|p| (url::is_sitemap_file(p) || url::is_station_feed_file(p)) && !keep.contains(p))
        .cloned()
        .collect();
    for p in old_maps {
        s.output.remove(&p);
        update.removed.push(p);
    }
    for (p, b) in files {
        put(&mut s.output, update, p, b);
    }
}

/// Renders what the edit reaches and brings the session to the new model.
pub(super) fn apply(
    s: &mut Session,
    site: Arc<Site>,
    changed: &Changed,
    first: &mut dyn FnMut(&[FileBytes]),
    timings: &Timings,
) -> Result<Update, Diagnostics> {
    let mut update = Update::default();
    let count = pages(s, &site, changed, first, &mut update, timings)?;
    let events = s.calendars.events(&site);
    calendars(s, &site, &events, &mut update);
    timings.done(Phase::Calendars);
    site_files(s, &site, &mut update);
    timings.done(Phase::SiteFiles);
    update.written.sort();
    update.written.dedup();
    update.removed.sort();
    update.removed.dedup();
    s.pages = count;
    s.site = site;
    s.events = events;
    Ok(update)
}
