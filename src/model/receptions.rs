//! The reception indexes: each station's dates from today for `reception_days_ahead` days,
//! whether it has a calendar, and each representative's duty dates. A station's dates are
//! taken from the memo when the station (the same parse), its region path and everything
//! site-wide (today, the window, the time zone, local closures) are as they were.

use std::sync::Arc;

use rayon::prelude::*;

use super::ids::StationId;
use super::memo::{ClosureKey, KeptDates, Receptions, SiteWide};
use super::{NOTICES, Site, Upcoming};
use crate::content::Station;
use crate::reception::dates::{Place, Status};

/// The dates of one station.
fn dates(site: &Site, s: &Station, path: &[&str], last: chrono::NaiveDate) -> Vec<Upcoming> {
    let (tz, today) = (site.config.timezone, site.today);
    let place = Place {
        slug: &s.slug,
        region_path: path,
    };
    let mut v: Vec<Upcoming> = s
        .receptions
        .iter()
        .enumerate()
        .flat_map(|(k, r)| {
            r.occurrences(today, last, tz, &site.closures, place)
                .into_iter()
                .map(move |o| Upcoming {
                    date: o.date,
                    schedule: k,
                    status: o.status,
                    provisional: o.provisional,
                })
        })
        .collect();
    v.sort_by(|a, b| {
        (a.date, s.receptions[a.schedule].start, a.schedule).cmp(&(b.date, s.receptions[b.schedule].start, b.schedule))
    });
    v
}

/// Each station's dates and calendar flag, from the memo where they are still good.
fn stations(site: &Site, kept: &mut Receptions, site_wide: SiteWide) -> Vec<KeptDates> {
    if kept.site_wide.as_ref() != Some(&site_wide) {
        kept.stations.clear();
        kept.site_wide = Some(site_wide.clone());
    }
    let old = &kept.stations;
    site.station_ids()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|id| {
            let s = site.station(id);
            let path = site.station_region_codes(id);
            if let Some(m) = old.get(s.slug.as_str())
                && Arc::ptr_eq(&m.station, s)
                && m.path.iter().map(String::as_str).eq(path.iter().copied())
            {
                return KeptDates {
                    station: s.clone(),
                    path: m.path.clone(),
                    upcoming: m.upcoming.clone(),
                    calendar: m.calendar,
                };
            }
            let tz = site.config.timezone;
            KeptDates {
                station: s.clone(),
                upcoming: dates(site, s, &path, site_wide.last),
                path: path.iter().map(|c| c.to_string()).collect(),
                calendar: s.receptions.iter().any(|r| r.calendar_start(site.today, tz).is_some()),
            }
        })
        .collect()
}

/// A station's notices: its next [`NOTICES`] held dates, keyed by date (`-2` for a second
/// reception that day), with their positions in `upcoming`.
fn notices(upcoming: &[Upcoming]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for (k, u) in upcoming.iter().enumerate() {
        if matches!(u.status, Status::Cancelled(_)) {
            continue;
        }
        if out.len() == NOTICES {
            break;
        }
        let date = u.date.to_string();
        let same = out.iter().filter(|(key, _)| key.starts_with(&date)).count();
        let key = if same == 0 {
            date
        } else {
            format!("{date}-{}", same + 1)
        };
        out.push((key, k));
    }
    out
}

/// Fills in the reception indexes of `site`.
pub(super) fn compute(site: &mut Site, kept: &mut Receptions) {
    let today = site.today;
    let last = today + chrono::Days::new(u64::from(site.config.build.reception_days_ahead.saturating_sub(1)));
    let site_wide = SiteWide {
        today,
        last,
        tz: site.config.timezone,
        closures: site.closures.local.iter().map(ClosureKey::of).collect(),
    };
    let computed = stations(site, kept, site_wide);
    for (node, m) in site.stations.iter_mut().zip(&computed) {
        node.upcoming = m.upcoming.clone();
        node.calendar = m.calendar;
        node.notices = notices(&node.upcoming);
    }
    let mut duties: Vec<Vec<(StationId, u32)>> = vec![Vec::new(); site.reps.len()];
    for s in site.station_ids() {
        for (k, u) in site.upcoming(s).iter().enumerate() {
            for r in site.on_duty(site.schedule_of(s, u)) {
                duties[r.index()].push((s, k as u32));
            }
        }
    }
    duties.par_iter_mut().filter(|d| d.len() > 1).for_each(|d| {
        d.sort_by_key(|&(s, k)| {
            let u = &site.upcoming(s)[k as usize];
            (u.date, site.schedule_of(s, u).start, s, k)
        });
        d.dedup();
    });
    for (node, d) in site.reps.iter_mut().zip(duties) {
        node.duties = d;
    }
    kept.stations = computed.into_iter().map(|m| (m.station.slug.clone(), m)).collect();
}
