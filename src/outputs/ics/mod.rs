//! iCalendar feeds of reception days: a calendar for each station and for each region (with
//! every station below it).
//!
//! Each station's events are written once ([`Cache::events`], which keeps them between builds
//! while what they are made from is the same); a station's calendar and the calendars of the
//! regions above it are put together from those texts ([`write`] writes them).

mod write;

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::content::Station;
use crate::model::memo::ClosureKey;
use crate::model::{RegionId, Site, StationId};
use crate::reception::holidays;
use crate::url;
use write::{Context, calendar, station_events, vtimezone};

/// What every station's events depend on besides the station itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct SiteWide {
    today: NaiveDate,
    horizon: NaiveDate,
    tz: Tz,
    base_url: String,
    closures: Vec<ClosureKey>,
}

/// A station's events and what they were made from: its parse, its region path, and the names
/// of the representatives its schedules name (the events show them).
struct Kept {
    station: Arc<Station>,
    path: Vec<String>,
    names: Vec<Option<String>>,
    events: Arc<str>,
    first_year: Option<i32>,
}

/// Each station's events, kept between builds (a `serve` session keeps one).
#[derive(Default)]
pub(crate) struct Cache {
    site_wide: Option<SiteWide>,
    stations: HashMap<String, Kept>,
}

/// The events of every station of one model, by station, and the years the calendars'
/// VTIMEZONE must cover.
#[derive(Clone)]
pub(crate) struct Events {
    events: Vec<Arc<str>>,
    pub(crate) years: (i32, i32),
}

impl Events {
    /// A station's events (VEVENT text); empty when no schedule has a date.
    pub(crate) fn of(&self, s: StationId) -> &str {
        &self.events[s.index()]
    }
}

impl Cache {
    /// The events of every station of `site`, from the cache where they are still good.
    pub(crate) fn events(&mut self, site: &Site) -> Events {
        let (tz, today) = (site.config.timezone, site.today);
        let last = today + chrono::Days::new(u64::from(site.config.build.reception_days_ahead.saturating_sub(1)));
        let closures = site.closures();
        let local_end = closures.local.iter().map(|c| c.to).max();
        let horizon = local_end
            .map_or(holidays::DATA_LAST, |d| d.max(holidays::DATA_LAST))
            .max(last);
        let site_wide = SiteWide {
            today,
            horizon,
            tz,
            base_url: site.config.base_url.clone(),
            closures: closures.local.iter().map(ClosureKey::of).collect(),
        };
        if self.site_wide.as_ref() != Some(&site_wide) {
            self.stations.clear();
            self.site_wide = Some(site_wide);
        }
        let cx = Context {
            tz,
            today,
            base_url: &site.config.base_url,
            closures,
            horizon,
        };
        let old = &self.stations;
        let kept: Vec<Kept> = site
            .station_ids()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|id| station(site, &cx, old, id))
            .collect();
        let first = kept.iter().filter_map(|k| k.first_year).min().unwrap_or(today.year());
        let events = Events {
            events: kept.iter().map(|k| k.events.clone()).collect(),
            years: (first.min(today.year() - 1), today.year() + 3),
        };
        self.stations = kept.into_iter().map(|k| (k.station.slug.clone(), k)).collect();
        events
    }
}

/// One station's events, from the cache when the station, its region path and the names its
/// schedules show are as they were.
fn station(site: &Site, cx: &Context, old: &HashMap<String, Kept>, id: StationId) -> Kept {
    let s = site.station(id);
    let path = site.station_region_codes(id);
    let name = |slug: &str| {
        site.rep_by_slug(slug)
            .filter(|&r| !site.is_former(r))
            .map(|r| site.rep(r).name.clone())
    };
    let names: Vec<Option<String>> = s
        .receptions
        .iter()
        .flat_map(|r| r.representatives.iter())
        .map(|slug| name(slug))
        .collect();
    if let Some(k) = old.get(s.slug.as_str())
        && Arc::ptr_eq(&k.station, s)
        && k.path.iter().map(String::as_str).eq(path.iter().copied())
        && k.names == names
    {
        return Kept {
            station: s.clone(),
            path: k.path.clone(),
            names,
            events: k.events.clone(),
            first_year: k.first_year,
        };
    }
    let (text, first_year) = station_events(cx, s, &path, name);
    Kept {
        station: s.clone(),
        path: path.iter().map(|c| c.to_string()).collect(),
        names,
        events: Arc::from(text),
        first_year,
    }
}

/// A calendar without control characters, whatever the content.
fn clean(ics: String) -> String {
    crate::text::strip_forbidden(&ics).into_owned()
}

/// The calendars of these stations and of these regions (each with every station below it):
/// `(output path, text)`.
pub(crate) fn calendars(
    site: &Site,
    events: &Events,
    stations: &BTreeSet<StationId>,
    regions: &BTreeSet<RegionId>,
) -> Vec<(String, String)> {
    let tz = site.config.timezone;
    let zone = vtimezone(tz, events.years.0, events.years.1).to_string();
    let zone = zone.as_str();
    let mut out: Vec<(String, String)> = stations
        .par_iter()
        .filter(|&&i| !events.of(i).is_empty())
        .map(|&i| {
            let s = site.station(i);
            (
                url::file_for(&url::station_calendar(&s.slug)),
                clean(calendar(&format!("{}接待日", s.name), tz, zone, &[events.of(i)])),
            )
        })
        .collect();
    out.par_extend(regions.par_iter().filter_map(|&r| {
        let list: Vec<&str> = site
            .subtree_stations(r)
            .into_iter()
            .map(|s| events.of(s))
            .filter(|e| !e.is_empty())
            .collect();
        let reg = site.region(r);
        (!list.is_empty()).then(|| {
            (
                url::file_for(&url::region_calendar(&reg.code)),
                clean(calendar(&format!("{}人大代表联络站接待日", reg.name), tz, zone, &list)),
            )
        })
    }));
    out
}

/// Every calendar of the site.
pub(crate) fn all(site: &Site, events: &Events) -> Vec<(String, String)> {
    calendars(
        site,
        events,
        &site.station_ids().collect(),
        &site.region_ids().collect(),
    )
}
